/*
 * ticket_stats.c: what `report service` reads (see tcrm/ticket.h): one
 * light row per ticket the session sees that is open now or was opened
 * in the period, and the complaints per customer: summed here in SQL
 * (tcrm_ticket_complaints), or counted from those rows
 * (tcrm_ticket_complaints_of, what the report uses); the report does the
 * other sums, medians and charts.
 */
#include <stdlib.h>
#include <string.h>

#include "ticket_internal.h"

void tcrm_ticket_stats_free(struct tcrm_ticket_stat *a, size_t n)
{
    for (size_t i = 0; a && i < n; i++) {
        char *s[] = { a[i].owner, a[i].product, a[i].created_at,
                      a[i].first_response_at, a[i].resolved_at,
                      a[i].rated_at };
        for (size_t j = 0; j < sizeof s / sizeof s[0]; j++)
            free(s[j]);
    }
    free(a);
}

static int read_stat(sqlite3_stmt *st, void *elem)
{
    struct tcrm_ticket_stat *t = elem;
    int64_t *num[] = { &t->id, &t->company_id, &t->contact_id, &t->waited };
    for (int i = 0; i < 4; i++)
        *num[i] = sqlite3_column_int64(st, i);
    t->type = tcrm_ticket_type_parse((const char *)sqlite3_column_text(st, 4));
    t->priority = tcrm_ticket_priority_parse(
        (const char *)sqlite3_column_text(st, 5));
    t->state = tcrm_ticket_state_parse(
        (const char *)sqlite3_column_text(st, 6));
    t->score = sqlite3_column_int(st, 7);
    t->in_period = sqlite3_column_int(st, 8);
    char **col[] = { &t->owner, &t->product, &t->created_at,
                     &t->first_response_at, &t->resolved_at, &t->rated_at };
    for (int i = 0; i < 6; i++)
        if (sqlite3_column_type(st, 9 + i) != SQLITE_NULL &&
            !(*col[i] = tcrm_db_col_text(st, 9 + i)))
            return TCRM_ENOMEM;
    return 0;
}

static void free_stats(void *a, size_t n) { tcrm_ticket_stats_free(a, n); }

/* In the period [?1, ?2] (dates; NULL: open ended), by owner ?3 (NULL:
 * anyone's). */
#define IN_PERIOD                                                          \
    "(?1 IS NULL OR substr(created_at, 1, 10) >= ?1)"                      \
    " AND (?2 IS NULL OR substr(created_at, 1, 10) <= ?2)"
#define BY_OWNER "(?3 IS NULL OR owner = ?3)"

/* The product's code only for a rated ticket in the period (the one
 * section that shows it); no customer names: those are the complaints'
 * (tcrm_ticket_complaints), a look-up in the million contacts for each. */
#define STATS_SQL(view)                                                    \
    "SELECT t.id, t.company_id,"                                           \
    " t.contact_id, t.waited_seconds, t.type, t.priority, t.state,"        \
    " coalesce(t.score, 0), t.in_period, t.owner,"                         \
    " CASE WHEN t.score IS NOT NULL AND t.in_period THEN"                  \
    " (SELECT code FROM products WHERE id = t.product_id) END,"            \
    " t.created_at, t.first_response_at, t.resolved_at, t.rated_at"        \
    " FROM (SELECT *, " IN_PERIOD " AS in_period FROM " view               \
    " WHERE " BY_OWNER ") t"                                               \
    " WHERE t.in_period OR t.state IN ('new', 'in_progress', 'waiting')"   \
    " ORDER BY t.id"

/* The sets bulk_tickets tests and the rows read from it in one snapshot:
 * a read transaction around both when none is open (1: one was begun). */
static int snapshot_begin(struct tcrm_db *db, const char *owner)
{
    return !owner && sqlite3_get_autocommit(db->sql) &&
           sqlite3_exec(db->sql, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

static void snapshot_end(struct tcrm_db *db, int begun)
{
    if (begun && sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
}

/* The tickets of one owner are read along tickets_by_owner (live_tickets);
 * all those the session sees in one pass (bulk_tickets: the rule decided
 * with the sets of visible contacts and companies tcrm_access_bulk reads,
 * not a look-up of each ticket's contact and company). */
int tcrm_ticket_stats(struct tcrm_db *db, const char *from, const char *to,
                      const char *owner, struct tcrm_ticket_stat **out,
                      size_t *n, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    int begun = snapshot_begin(db, owner);
    int rc = owner ? 0 : tcrm_access_bulk(db, "tickets", err);
    sqlite3_stmt *st = rc ? NULL : tcrm_db_prepare(db, owner
        ? STATS_SQL("live_tickets") : STATS_SQL("bulk_tickets"), err);
    if (!rc && !st)
        rc = err->code;
    void *a = NULL;
    if (rc == 0) {
        tcrm_db_bind_text(st, 1, from);
        tcrm_db_bind_text(st, 2, to);
        tcrm_db_bind_text(st, 3, owner);
        rc = tcrm_db_collect(db, st, sizeof(struct tcrm_ticket_stat),
                             read_stat, free_stats, "tickets", &a, n, err);
    }
    snapshot_end(db, begun);
    *out = a;
    return rc;
}

/* ---- complaints per customer ------------------------------------------------- */

void tcrm_ticket_complaints_free(struct tcrm_ticket_complaint *a, size_t n)
{
    for (size_t i = 0; a && i < n; i++)
        free(a[i].customer);
    free(a);
}

static int read_complaint(sqlite3_stmt *st, void *elem)
{
    struct tcrm_ticket_complaint *c = elem;
    c->company_id = sqlite3_column_int64(st, 0);
    c->contact_id = sqlite3_column_int64(st, 1);
    c->count = sqlite3_column_int64(st, 2);
    c->open = sqlite3_column_int64(st, 3);
    c->total = sqlite3_column_int64(st, 4);
    if (sqlite3_column_type(st, 5) != SQLITE_NULL &&
        !(c->customer = tcrm_db_col_text(st, 5)))
        return TCRM_ENOMEM;
    return 0;
}

static void free_complaints(void *a, size_t n)
{
    tcrm_ticket_complaints_free(a, n);
}

/* Names are looked up for the rows kept only; +company_id keeps SQLite
 * from grouping along tickets_by_company, which reads the tickets in a
 * random order. */
#define COMPLAINTS_SQL(view)                                               \
    "SELECT y.co, y.ct, y.n, y.open,"                                      \
    " y.total, coalesce((SELECT name FROM companies WHERE id = y.co),"     \
    " (SELECT name FROM contacts WHERE id = y.ct)) FROM ("                 \
    " SELECT x.*, count(*) OVER () AS total FROM ("                        \
    "  SELECT +company_id AS co, CASE WHEN company_id IS NULL THEN"        \
    "  contact_id END AS ct, count(*) AS n, sum(state IN ('new',"          \
    "  'in_progress', 'waiting')) AS open FROM " view                      \
    "  WHERE type = 'complaint' AND " IN_PERIOD " AND " BY_OWNER           \
    "  GROUP BY 1, 2) x"                                                   \
    " ORDER BY x.n DESC, x.open DESC, x.co, x.ct LIMIT ?4) y"              \
    " ORDER BY y.n DESC, y.open DESC, y.co, y.ct"

int tcrm_ticket_complaints(struct tcrm_db *db, const char *from,
                           const char *to, const char *owner, size_t limit,
                           struct tcrm_ticket_complaint **out, size_t *n,
                           struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    int begun = snapshot_begin(db, owner);
    int rc = owner ? 0 : tcrm_access_bulk(db, "tickets", err);
    sqlite3_stmt *st = rc ? NULL : tcrm_db_prepare(db, owner
        ? COMPLAINTS_SQL("live_tickets") : COMPLAINTS_SQL("bulk_tickets"),
        err);
    if (!rc && !st)
        rc = err->code;
    void *a = NULL;
    if (rc == 0) {
        tcrm_db_bind_text(st, 1, from);
        tcrm_db_bind_text(st, 2, to);
        tcrm_db_bind_text(st, 3, owner);
        sqlite3_bind_int64(st, 4, (sqlite3_int64)limit);
        rc = tcrm_db_collect(db, st, sizeof(struct tcrm_ticket_complaint),
                             read_complaint, free_complaints, "tickets", &a,
                             n, err);
    }
    snapshot_end(db, begun);
    *out = a;
    return rc;
}

/* ---- complaints per customer, from the stats' rows ------------------------------ */

static int cmp_key(const void *pa, const void *pb)
{
    const struct tcrm_ticket_complaint *a = pa, *b = pb;
    if (a->company_id != b->company_id)
        return a->company_id < b->company_id ? -1 : 1;
    return a->contact_id < b->contact_id ? -1 : a->contact_id > b->contact_id;
}

/* Most complaints, then most open, then by company and contact (none
 * first): the order of tcrm_ticket_complaints. */
static int cmp_rank(const void *pa, const void *pb)
{
    const struct tcrm_ticket_complaint *a = pa, *b = pb;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    if (a->open != b->open)
        return a->open > b->open ? -1 : 1;
    return cmp_key(pa, pb);
}

/* The customers' names, looked up for the rows kept only. */
static int complaint_names(struct tcrm_db *db, struct tcrm_ticket_complaint *c,
                           size_t n, struct tcrm_error *err)
{
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT coalesce((SELECT name"
            " FROM companies WHERE id = ?1), (SELECT name FROM contacts"
            " WHERE id = ?2))", err);
        if (!st)
            return err->code;
        tcrm_db_bind_id(st, 1, c[i].company_id);
        tcrm_db_bind_id(st, 2, c[i].contact_id);
        int s = sqlite3_step(st), rc = 0;
        if (s == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL &&
            !(c[i].customer = tcrm_db_col_text(st, 0)))
            rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        else if (s != SQLITE_ROW)
            rc = tcrm_db_fail(db, "tickets", err);
        tcrm_db_done(st);
        if (rc)
            return rc;
    }
    return 0;
}

int tcrm_ticket_complaints_of(struct tcrm_db *db,
                              const struct tcrm_ticket_stat *t, size_t nt,
                              size_t limit, struct tcrm_ticket_complaint **out,
                              size_t *n, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    size_t k = 0, g = 0;
    for (size_t i = 0; i < nt; i++)
        k += t[i].in_period && t[i].type == TCRM_TICKET_COMPLAINT;
    struct tcrm_ticket_complaint *c = k ? calloc(k, sizeof *c) : NULL;
    if (k && !c)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    for (size_t i = 0, j = 0; i < nt; i++)
        if (t[i].in_period && t[i].type == TCRM_TICKET_COMPLAINT) {
            c[j].company_id = t[i].company_id;
            c[j].contact_id = t[i].company_id ? 0 : t[i].contact_id;
            c[j].count = 1;
            c[j++].open = tcrm_ticket_state_open(t[i].state);
        }
    if (k)
        qsort(c, k, sizeof *c, cmp_key);
    for (size_t i = 0; i < k; i++) {        /* one row per customer */
        if (g && cmp_key(&c[g - 1], &c[i]) == 0) {
            c[g - 1].count++;
            c[g - 1].open += c[i].open;
        } else {
            c[g++] = c[i];
        }
    }
    if (g)
        qsort(c, g, sizeof *c, cmp_rank);
    for (size_t i = 0; i < g; i++)
        c[i].total = (int64_t)g;
    *n = g < limit ? g : limit;
    int rc = complaint_names(db, c, *n, err);
    if (rc) {
        tcrm_ticket_complaints_free(c, *n);
        *n = 0;
        return rc;
    }
    *out = c;
    return 0;
}
