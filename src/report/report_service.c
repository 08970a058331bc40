/*
 * report_service.c: `service`, how customer service is doing: the open
 * tickets now by age and priority, how fast tickets opened in the
 * period were answered and resolved (median and 90th percentile, in
 * hours, by owner and by type; waits for the customer left out of the
 * resolution time), complaints per customer (the customers with the
 * most, cut at the list limit), and satisfaction (the scores of rated
 * tickets) by owner, product and month opened; with text charts. The
 * rows are the core's (tcrm_ticket_stats and, from its rows,
 * tcrm_ticket_complaints_of of ticket.h, the session's scope and
 * --owner); the figures are made here.
 *
 * Percentiles are by nearest rank: of n times sorted, the p-th is the
 * ceil(p * n)-th (the median of 4 is the 2nd). Times are hours with one
 * decimal (CSV: the same number). Age of an open ticket: whole days
 * since it was opened.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "tcrm/date.h"
#include "tcrm/ticket.h"

/* ---- groups --------------------------------------------------------------------- */

/* Values of one group (an owner, a type, a customer, a product, a
 * month): counts, times in seconds, scores. */
struct sv_group {
    char key[96];
    int64_t count, resolved, rated, score_sum;
    int64_t *resp, *reso;
    size_t n_resp, n_reso, cap_resp, cap_reso;
};
struct sv_set {
    struct sv_group *g;
    size_t n, cap;
};

static struct sv_group *sv_get(struct rep *r, struct sv_set *s,
                               const char *key)
{
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->g[i].key, key))
            return &s->g[i];
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        void *p = realloc(s->g, cap * sizeof *s->g);
        if (!p) {
            rep_fail(r, TCRM_ENOMEM, "report: out of memory");
            return NULL;
        }
        s->g = p;
        s->cap = cap;
    }
    struct sv_group *g = &s->g[s->n++];
    memset(g, 0, sizeof *g);
    snprintf(g->key, sizeof g->key, "%s", key);
    return g;
}

static void sv_push(struct rep *r, int64_t **a, size_t *n, size_t *cap,
                    int64_t v)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 64;
        int64_t *p = realloc(*a, c * sizeof **a);
        if (!p) {
            rep_fail(r, TCRM_ENOMEM, "report: out of memory");
            return;
        }
        *a = p;
        *cap = c;
    }
    (*a)[(*n)++] = v;
}

static void sv_free(struct sv_set *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->g[i].resp);
        free(s->g[i].reso);
    }
    free(s->g);
    memset(s, 0, sizeof *s);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static int cmp_key(const void *a, const void *b)
{
    return strcmp(((const struct sv_group *)a)->key,
                  ((const struct sv_group *)b)->key);
}

/* The p-th percentile (per cent) of n sorted times, in thousandths of
 * an hour (rep_qty): nearest rank. */
static int64_t sv_pct(const int64_t *a, size_t n, int p)
{
    size_t k = (n * (size_t)p + 99) / 100;
    int64_t s = a[k ? k - 1 : 0];
    return (s + 180) / 360 * 100;               /* hours, 1 decimal */
}

/* ---- collecting ------------------------------------------------------------------ */

enum { SV_OWNER, SV_TYPE, SV_SAT_OWNER, SV_SAT_PRODUCT, SV_SAT_MONTH,
       SV_N };

struct sv_ctx {
    struct sv_set s[SV_N];
    int64_t age[TCRM_PRIORITIES][5];   /* 4 buckets and the total */
    int64_t open;
};

static int age_bucket(int days)
{
    return days < 1 ? 0 : days <= 3 ? 1 : days <= 7 ? 2 : 3;
}

static void sv_times(struct rep *r, struct sv_group *g,
                     const struct tcrm_ticket_stat *t)
{
    int64_t a = tcrm_ticket_secs(t->created_at);
    g->count++;
    if (t->first_response_at)
        sv_push(r, &g->resp, &g->n_resp, &g->cap_resp,
                tcrm_ticket_secs(t->first_response_at) - a);
    if (t->resolved_at) {
        int64_t d = tcrm_ticket_secs(t->resolved_at) - a - t->waited;
        sv_push(r, &g->reso, &g->n_reso, &g->cap_reso, d > 0 ? d : 0);
    }
}

static void sv_score(struct rep *r, struct sv_set *s, const char *key,
                     int score)
{
    struct sv_group *g = sv_get(r, s, key);
    if (g) {
        g->rated++;
        g->score_sum += score;
    }
}

static void sv_add(struct rep *r, struct sv_ctx *c,
                   const struct tcrm_ticket_stat *t)
{
    struct sv_group *g;
    if (tcrm_ticket_state_open(t->state) && t->priority >= 0) {
        int days = tcrm_date_days_between(t->created_at, r->today);
        c->age[t->priority][age_bucket(days)]++;
        c->age[t->priority][4]++;
        c->open++;
    }
    if (!t->in_period)
        return;
    if ((g = sv_get(r, &c->s[SV_OWNER], t->owner ? t->owner : "")))
        sv_times(r, g, t);
    if ((g = sv_get(r, &c->s[SV_TYPE], tcrm_ticket_type_name(t->type))))
        sv_times(r, g, t);
    if (!t->score)
        return;
    char month[8];
    snprintf(month, sizeof month, "%.7s", t->created_at);
    sv_score(r, &c->s[SV_SAT_OWNER], t->owner ? t->owner : "", t->score);
    sv_score(r, &c->s[SV_SAT_PRODUCT], t->product ? t->product : "",
             t->score);
    sv_score(r, &c->s[SV_SAT_MONTH], month, t->score);
}

/* ---- the sections ------------------------------------------------------------------ */

static const char *const age_heads[] = { N_("under 1 day"), N_("1-3 days"),
                                         N_("4-7 days"), N_("over 7 days") };

static const struct rep_col age_cols[] = {
    { N_("Priority"), REP_TEXT, 1 }, { N_("<1d"), REP_INT, 0 },
    { N_("1-3d"), REP_INT, 0 }, { N_("4-7d"), REP_INT, 0 },
    { N_(">7d"), REP_INT, 0 }, { N_("Open"), REP_INT, 0 },
};

static void sv_age(struct rep *r, const struct sv_ctx *c)
{
    struct rep_table t;
    int64_t sum[5] = { 0 };
    rep_heading(r, "%s", _("Open tickets by age and priority"));
    rep_table_init(&t, "open", age_cols, 6);
    for (int p = TCRM_PRIORITIES - 1; p >= 0; p--) {
        rep_row(r, &t, 0);
        rep_text(r, &t, 0, r->csv ? tcrm_ticket_priority_name(p)
                 : tcrm_i18n_word("priority", tcrm_ticket_priority_name(p)));
        for (int b = 0; b < 5; b++) {
            rep_int(&t, 1 + b, c->age[p][b]);
            sum[b] += c->age[p][b];
        }
    }
    rep_row(r, &t, 1);
    rep_text(r, &t, 0, rep_tr(r, N_("Total")));
    for (int b = 0; b < 5; b++)
        rep_int(&t, 1 + b, sum[b]);
    rep_table_emit(r, &t);
    if (r->csv || !c->open)
        return;
    const char *labels[4];
    char texts[4][32];
    const char *tp[4];
    for (int b = 0; b < 4; b++) {
        labels[b] = _(age_heads[b]);
        rep_fmt_int(sum[b], texts[b]);
        tp[b] = texts[b];
    }
    rep_heading(r, "%s", _("Open tickets by age"));
    rep_bars(r, labels, sum, tp, 4);
}

static const struct rep_col time_cols[][8] = {
    { { N_("Owner"), REP_TEXT, 1 }, { N_("Tickets"), REP_INT, 0 },
      { N_("Answered"), REP_INT, 0 }, { N_("Ans. med"), REP_QTY, 0 },
      { N_("Ans. p90"), REP_QTY, 0 }, { N_("Resolved"), REP_INT, 0 },
      { N_("Res. med"), REP_QTY, 0 }, { N_("Res. p90"), REP_QTY, 0 } },
    { { N_("Type"), REP_TEXT, 1 }, { N_("Tickets"), REP_INT, 0 },
      { N_("Answered"), REP_INT, 0 }, { N_("Ans. med"), REP_QTY, 0 },
      { N_("Ans. p90"), REP_QTY, 0 }, { N_("Resolved"), REP_INT, 0 },
      { N_("Res. med"), REP_QTY, 0 }, { N_("Res. p90"), REP_QTY, 0 } },
};

static const char *sv_label(const struct rep *r, int sec, const char *key)
{
    if (sec == SV_TYPE && !r->csv)
        return tcrm_i18n_word("ticket type", key);
    if (*key || r->csv)
        return key;
    return sec == SV_SAT_PRODUCT ? _("(no product)") : _("(no owner)");
}

static void sv_time_table(struct rep *r, struct sv_set *s, int sec)
{
    struct rep_table t;
    rep_heading(r, "%s", sec == SV_OWNER
                ? _("Answer and resolution times by owner (hours)")
                : _("Answer and resolution times by type (hours)"));
    rep_qsort(s->g, s->n, sizeof *s->g, cmp_key);
    rep_table_init(&t, sec == SV_OWNER ? "times by owner" : "times by type",
                   time_cols[sec == SV_OWNER ? 0 : 1], 8);
    for (size_t i = 0; i < s->n; i++) {
        struct sv_group *g = &s->g[i];
        rep_qsort(g->resp, g->n_resp, sizeof *g->resp, cmp_i64);
        rep_qsort(g->reso, g->n_reso, sizeof *g->reso, cmp_i64);
        rep_row(r, &t, 0);
        rep_text(r, &t, 0, sv_label(r, sec, g->key));
        rep_int(&t, 1, g->count);
        rep_int(&t, 2, (int64_t)g->n_resp);
        rep_int(&t, 5, (int64_t)g->n_reso);
        if (g->n_resp) {
            rep_qty(&t, 3, sv_pct(g->resp, g->n_resp, 50));
            rep_qty(&t, 4, sv_pct(g->resp, g->n_resp, 90));
        }
        if (g->n_reso) {
            rep_qty(&t, 6, sv_pct(g->reso, g->n_reso, 50));
            rep_qty(&t, 7, sv_pct(g->reso, g->n_reso, 90));
        }
    }
    rep_table_emit(r, &t);
}

static const struct rep_col complaint_cols[] = {
    { N_("Customer"), REP_TEXT, 1 }, { N_("Complaints"), REP_INT, 0 },
    { N_("Open"), REP_INT, 0 },
};

static void sv_complaints(struct rep *r, const struct tcrm_ticket_stat *rows,
                          size_t nrows)
{
    struct tcrm_ticket_complaint *c = NULL;
    struct rep_table t;
    size_t n = 0;
    rep_heading(r, "%s", _("Complaints per customer"));
    if (rep_check(r, tcrm_ticket_complaints_of(r->db, rows, nrows,
                                               r->f.limit, &c, &n, r->err)))
        return;
    if (!n && !r->csv) {
        rep_line(r, "%s", _("No complaints in this period."));
        return;
    }
    rep_table_init(&t, "complaints", complaint_cols, 3);
    for (size_t i = 0; i < n; i++) {
        rep_row(r, &t, 0);
        rep_text(r, &t, 0, c[i].customer ? c[i].customer : "");
        rep_int(&t, 1, c[i].count);
        rep_int(&t, 2, c[i].open);
    }
    rep_table_emit(r, &t);
    if (n && c[0].total > (int64_t)n)
        rep_line(r, _("(the %zu of %lld customers with the most complaints)"),
                 n, (long long)c[0].total);
    tcrm_ticket_complaints_free(c, n);
}

static const struct rep_col sat_cols[][3] = {
    { { N_("Owner"), REP_TEXT, 1 }, { N_("Rated"), REP_INT, 0 },
      { N_("Average"), REP_QTY, 0 } },
    { { N_("Product"), REP_TEXT, 1 }, { N_("Rated"), REP_INT, 0 },
      { N_("Average"), REP_QTY, 0 } },
    { { N_("Month"), REP_TEXT, 0 }, { N_("Rated"), REP_INT, 0 },
      { N_("Average"), REP_QTY, 0 } },
};
static const char *const sat_sections[] = { "satisfaction by owner",
    "satisfaction by product", "satisfaction by month" };
static const char *const sat_titles[] = { N_("Satisfaction by owner (1-5)"),
    N_("Satisfaction by product (1-5)"), N_("Satisfaction by month opened "
    "(1-5)") };

/* The average score in thousandths, rounded to one decimal. */
static int64_t sv_avg(const struct sv_group *g)
{
    return (g->score_sum * 20 + g->rated) / (2 * g->rated) * 100;
}

static void sv_sat(struct rep *r, struct sv_set *s, int sec)
{
    struct rep_table t;
    int k = sec - SV_SAT_OWNER;
    rep_heading(r, "%s", _(sat_titles[k]));
    rep_qsort(s->g, s->n, sizeof *s->g, cmp_key);
    rep_table_init(&t, sat_sections[k], sat_cols[k], 3);
    for (size_t i = 0; i < s->n; i++) {
        rep_row(r, &t, 0);
        rep_text(r, &t, 0, sv_label(r, sec, s->g[i].key));
        rep_int(&t, 1, s->g[i].rated);
        rep_qty(&t, 2, sv_avg(&s->g[i]));
    }
    rep_table_emit(r, &t);
    if (r->csv || sec != SV_SAT_MONTH || !s->n)
        return;
    const char *labels[REP_MAX_BARS], *tp[REP_MAX_BARS];
    int64_t v[REP_MAX_BARS];
    char texts[REP_MAX_BARS][48];
    size_t n = s->n < REP_MAX_BARS ? s->n : REP_MAX_BARS;
    for (size_t i = 0; i < n; i++) {
        labels[i] = s->g[i].key;
        v[i] = sv_avg(&s->g[i]);
        snprintf(texts[i], sizeof texts[i], "%lld.%lld",
                 (long long)(v[i] / 1000), (long long)(v[i] / 100 % 10));
        tp[i] = texts[i];
    }
    rep_heading(r, "%s", _("Average score by month opened"));
    rep_bars(r, labels, v, tp, n);
}

void rep_service(struct rep *r)
{
    struct tcrm_ticket_stat *t = NULL;
    struct sv_ctx c;
    size_t n = 0;

    memset(&c, 0, sizeof c);
    if (rep_check(r, tcrm_ticket_stats(r->db, r->f.from, r->f.to,
                                       r->f.team ? NULL : r->f.owner, &t, &n,
                                       r->err)))
        return;
    for (size_t i = 0; i < n && !r->rc; i++)
        sv_add(r, &c, &t[i]);
    if (!r->rc) {
        sv_age(r, &c);
        sv_time_table(r, &c.s[SV_OWNER], SV_OWNER);
        sv_time_table(r, &c.s[SV_TYPE], SV_TYPE);
        sv_complaints(r, t, n);
        for (int s = SV_SAT_OWNER; s <= SV_SAT_MONTH; s++)
            sv_sat(r, &c.s[s], s);
    }
    for (int s = 0; s < SV_N; s++)
        sv_free(&c.s[s]);
    tcrm_ticket_stats_free(t, n);
}
