/*
 * campaign_figures.c: what `tcrm report campaigns` and `campaign show`
 * tell of a campaign (see tcrm/campaign.h).
 *
 * The counts per state are kept on the campaign row by the triggers of
 * 013_campaigns.sql, so a campaign of 100,000 members costs one row here;
 * deals and the contacts brought are counted through the partial indexes
 * on campaign_id, among the rows the session sees.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "campaign_internal.h"
#include "tcrm/rate.h"

void tcrm_campaign_figures_free(struct tcrm_campaign_figures *a, size_t n)
{
    for (size_t i = 0; a && i < n; i++) {
        tcrm_campaign_clear(&a[i].c);
        free(a[i].revenue);
    }
    free(a);
}

/* a / b rounded half away from zero (b > 0), the rounding rule of
 * money.h. */
static int64_t div_round(int64_t a, int64_t b)
{
    int64_t q = a / b, r = a % b;
    if (2 * (r < 0 ? -r : r) >= b)
        q += a < 0 ? -1 : 1;
    return q;
}

static int count_brought(struct tcrm_db *db, struct tcrm_campaign_figures *f,
                         struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT count(*) FROM"
        " live_contacts WHERE campaign_id = ?1", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, f->c.id);
    int s = sqlite3_step(st);
    f->brought = s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    tcrm_db_done(st);
    return s == SQLITE_ROW ? 0 : tcrm_db_fail(db, "campaigns", err);
}

static int count_deals(struct tcrm_db *db, struct tcrm_campaign_figures *f,
                       struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT currency, count(*),"
        " sum(status = 'won'), sum(CASE WHEN status = 'won' THEN"
        " amount_minor ELSE 0 END) FROM live_deals WHERE campaign_id = ?1"
        " GROUP BY currency ORDER BY currency", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, f->c.id);
    int s, rc = 0;
    while (rc == 0 && (s = sqlite3_step(st)) == SQLITE_ROW) {
        f->deals += sqlite3_column_int64(st, 1);
        f->won += sqlite3_column_int64(st, 2);
        if (sqlite3_column_int64(st, 2) == 0)
            continue;
        struct tcrm_campaign_revenue *r = realloc(f->revenue,
            (f->n_revenue + 1) * sizeof *r);
        if (!r) {
            rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
            break;
        }
        f->revenue = r;
        r = &f->revenue[f->n_revenue++];
        snprintf(r->currency, sizeof r->currency, "%s",
                 (const char *)sqlite3_column_text(st, 0));
        r->won = sqlite3_column_int64(st, 3);
    }
    if (rc == 0 && s != SQLITE_DONE)
        rc = tcrm_db_fail(db, "campaigns", err);
    tcrm_db_done(st);
    return rc;
}

/* The return on cost: the won revenue in the campaign's currency (others
 * at the rate of today) less the cost, over the cost. */
static int return_on_cost(struct tcrm_db *db, struct tcrm_campaign_figures *f,
                          const char *today, struct tcrm_error *err)
{
    int64_t revenue = 0;
    f->roc_known = 0;
    if (f->c.cost <= 0)
        return 0;
    for (size_t i = 0; i < f->n_revenue; i++) {
        struct tcrm_rate r;
        int64_t v = f->revenue[i].won;
        struct tcrm_error miss;
        if (strcmp(f->revenue[i].currency, f->c.currency) != 0) {
            int rc = tcrm_rate_find(db, f->revenue[i].currency, f->c.currency,
                                    today, &r, &miss);
            if (rc == TCRM_ENOTFOUND || (rc == 0 &&
                tcrm_rate_convert(v, r.micro, &v) != 0)) {
                memcpy(f->roc_missing, f->revenue[i].currency, 4);
                return 0;
            }
            if (rc)
                return tcrm_error_set(err, rc, "%s", miss.msg);
        }
        revenue += v;
    }
    f->roc_bp = div_round((revenue - f->c.cost) * 10000, f->c.cost);
    f->roc_known = 1;
    return 0;
}

static int fill(struct tcrm_db *db, struct tcrm_campaign_figures *f,
                const char *today, struct tcrm_error *err)
{
    int rc = count_brought(db, f, err);
    if (rc == 0)
        rc = count_deals(db, f, err);
    f->per_response = f->c.responded ? div_round(f->c.cost, f->c.responded)
                                     : -1;
    f->per_won = f->won ? div_round(f->c.cost, f->won) : -1;
    return rc ? rc : return_on_cost(db, f, today, err);
}

static int read_figures(sqlite3_stmt *st, void *elem)
{
    struct tcrm_campaign_figures *f = elem;
    memset(f, 0, sizeof *f);
    return tcrm_campaign_read_row(st, &f->c);
}

static void free_figures(void *a, size_t n)
{
    tcrm_campaign_figures_free(a, n);
}

int tcrm_campaign_figures(struct tcrm_db *db, int64_t id, const char *today,
                          struct tcrm_campaign_figures **out, size_t *n,
                          struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, CAMPAIGN_COLS
        "WHERE ?1 = 0 OR m.id = ?1 ORDER BY m.id", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    void *a = NULL;
    int rc = tcrm_db_collect(db, st, sizeof **out, read_figures, free_figures,
                             "campaigns", &a, n, err);
    *out = a;
    for (size_t i = 0; rc == 0 && i < *n; i++)
        rc = fill(db, &(*out)[i], today, err);
    if (rc == 0 && id && *n == 0)
        rc = tcrm_error_field(err, TCRM_ENOTFOUND, "campaign", "campaign "
                              "%lld: not found", (long long)id);
    if (rc) {
        tcrm_campaign_figures_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}
