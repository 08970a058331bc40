/*
 * receivable_aging.c: aging, what falls due and what was received (see
 * tcrm/receivable.h).
 *
 * The buckets are date ranges computed once (as-of less 30, 60, 90 and
 * 180 days), so each open invoice is placed by comparing its due date
 * with them; as of today the open invoices are read through the partial
 * index invoices_open, which holds only what is still owed.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money_internal.h"
#include "tcrm/date.h"

const int tcrm_aging_edges[TCRM_AGING_BUCKETS] = { 30, 60, 90, 180, INT_MAX };

int tcrm_aging_bucket(int days)
{
    for (int i = 0; i < TCRM_AGING_BUCKETS; i++)
        if (days <= tcrm_aging_edges[i])
            return i;
    return TCRM_AGING_BUCKETS - 1;
}

void tcrm_aging_free(struct tcrm_aging_row *a, size_t n)
{
    for (size_t i = 0; a && i < n; i++) {
        free(a[i].name);
        free(a[i].owner);
    }
    free(a);
}

/* ?1 as-of, ?2..?5 the edges (as-of less 30, 60, 90, 180 days), ?6
 * owner or NULL, ?7 company, ?8 contact (0, 0: all). */
#define AGING_CUSTOMER(a)                                                  \
    " AND (?6 IS NULL OR " a ".owner = ?6) AND (?7 = 0 AND ?8 = 0 OR "     \
    a ".company_id = ?7 OR (?7 = 0 AND " a ".company_id IS NULL AND "      \
    a ".contact_id = ?8))"
#define AGING_KEY(a)                                                       \
    "ifnull(" a ".company_id, 0) AS co, CASE WHEN " a ".company_id IS NULL" \
    " THEN " a ".contact_id ELSE 0 END AS ct, " a ".currency AS cur"
/* The bucket of an invoice row aliased a: 0 not due, 1..5 overdue. */
#define AGING_BUCKET(a)                                                    \
    "CASE WHEN " a ".due_on >= ?1 THEN 0 WHEN " a ".due_on >= ?2 THEN 1"   \
    " WHEN " a ".due_on >= ?3 THEN 2 WHEN " a ".due_on >= ?4 THEN 3"       \
    " WHEN " a ".due_on >= ?5 THEN 4 ELSE 5 END"
/* rows: (co, ct, cur, due, open, credit, b), summed per customer and
 * currency; the names joined once per group. */
#define AGING_OUTER(rows)                                                  \
    "SELECT g.co, g.ct, g.cur, s0, s1, s2, s3, s4, s5, cr, n,"             \
    " CASE WHEN g.co THEN c.name ELSE k.name END,"                         \
    " CASE WHEN g.co THEN c.owner ELSE k.owner END FROM ("                 \
    " SELECT co, ct, cur, sum(CASE b WHEN 0 THEN open END) AS s0,"         \
    " sum(CASE b WHEN 1 THEN open END) AS s1,"                             \
    " sum(CASE b WHEN 2 THEN open END) AS s2,"                             \
    " sum(CASE b WHEN 3 THEN open END) AS s3,"                             \
    " sum(CASE b WHEN 4 THEN open END) AS s4,"                             \
    " sum(CASE b WHEN 5 THEN open END) AS s5, sum(credit) AS cr,"          \
    " count(due) AS n FROM (" rows ") WHERE open > 0 OR credit > 0"        \
    " GROUP BY co, ct, cur) g LEFT JOIN companies c ON c.id = g.co"        \
    " LEFT JOIN contacts k ON k.id = g.ct"
#define AGING_INV(open, from, where)                                       \
    " SELECT " AGING_KEY("i") ", i.due_on AS due, " open " AS open,"       \
    " 0 AS credit, " AGING_BUCKET("i") " AS b FROM " from " WHERE"         \
    TCRM_MONEY_LIVE("i") where AGING_CUSTOMER("i")
#define AGING_PAY(left, from, where)                                       \
    " SELECT " AGING_KEY("p") ", NULL, 0, " left ", 6 FROM " from " WHERE" \
    TCRM_MONEY_LIVE("p") where AGING_CUSTOMER("p")

/* As of today: the stored amounts. */
static const char aging_now[] = AGING_OUTER(
    AGING_INV(TCRM_INVOICE_OPEN("i"), "live_invoices i",
              "AND i.paid_minor < i.amount_minor")
    " UNION ALL"
    AGING_PAY(TCRM_PAYMENT_LEFT("p"), "live_payments p",
              "AND p.applied_minor < p.amount_minor"));

/* As of an earlier day: invoices issued and payments made by then. What
 * was open then is what is open now plus what payments made after the
 * day paid (`later`); what was credit then is what is credit now plus
 * what went to invoices issued after the day (`early`). Only the rows
 * open now or touched since are read. */
static const char aging_then[] =
    "WITH later(inv, amt) AS MATERIALIZED (SELECT a.invoice_id,"
    " sum(a.amount_minor) FROM payments x CROSS JOIN payment_allocations a"
    " ON a.payment_id = x.id WHERE x.paid_on > ?1 AND x.voided_at IS NULL"
    " GROUP BY a.invoice_id),"
    " early(pay, amt) AS MATERIALIZED (SELECT a.payment_id,"
    " sum(a.amount_minor) FROM invoices v CROSS JOIN payment_allocations a"
    " ON a.invoice_id = v.id WHERE v.issued_on > ?1 GROUP BY a.payment_id) "
    AGING_OUTER(
    AGING_INV(TCRM_INVOICE_OPEN("i") " + coalesce((SELECT amt FROM later"
              " WHERE inv = i.id), 0)", "live_invoices i",
              "AND i.paid_minor < i.amount_minor AND +i.issued_on <= ?1")
    " UNION ALL"
    AGING_INV("l.amt", "later l JOIN live_invoices i ON i.id = l.inv",
              "AND i.paid_minor >= i.amount_minor AND i.issued_on <= ?1")
    " UNION ALL"
    AGING_PAY(TCRM_PAYMENT_LEFT("p") " + coalesce((SELECT amt FROM early"
              " WHERE pay = p.id), 0)", "live_payments p",
              "AND p.applied_minor < p.amount_minor AND +p.paid_on <= ?1")
    " UNION ALL"
    AGING_PAY("e.amt", "early e JOIN live_payments p ON p.id = e.pay",
              "AND p.applied_minor >= p.amount_minor AND p.paid_on <= ?1"));

static int read_aging(sqlite3_stmt *st, void *elem)
{
    struct tcrm_aging_row *r = elem;
    r->customer.company_id = sqlite3_column_int64(st, 0);
    r->customer.contact_id = sqlite3_column_int64(st, 1);
    const char *c = (const char *)sqlite3_column_text(st, 2);
    snprintf(r->currency, sizeof r->currency, "%s", c ? c : "");
    r->not_due = sqlite3_column_int64(st, 3);
    for (int i = 0; i < TCRM_AGING_BUCKETS; i++)
        r->overdue[i] = sqlite3_column_int64(st, 4 + i);
    r->credit = sqlite3_column_int64(st, 9);
    r->n_open = sqlite3_column_int64(st, 10);
    if ((sqlite3_column_type(st, 11) != SQLITE_NULL &&
         !(r->name = tcrm_db_col_text(st, 11))) ||
        (sqlite3_column_type(st, 12) != SQLITE_NULL &&
         !(r->owner = tcrm_db_col_text(st, 12))))
        return TCRM_ENOMEM;
    return 0;
}

static void free_aging(void *a, size_t n) { tcrm_aging_free(a, n); }

int tcrm_aging(struct tcrm_db *db, const struct tcrm_aging_opts *o,
               struct tcrm_aging_row **out, size_t *n,
               struct tcrm_error *err)
{
    struct tcrm_error local;
    char today[11], as_of[11], edge[4][11];
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    tcrm_date_today(tcrm_clock_now(), today);
    snprintf(as_of, sizeof as_of, "%s", o && o->as_of ? o->as_of : today);
    sqlite3_stmt *st = tcrm_db_prepare(db, strcmp(as_of, today) >= 0
                                       ? aging_now : aging_then, err);
    if (!st)
        return err->code;
    tcrm_db_bind_text(st, 1, as_of);
    for (int i = 0; i < 4; i++) {
        tcrm_date_add_days(as_of, -tcrm_aging_edges[i], edge[i]);
        tcrm_db_bind_text(st, 2 + i, edge[i]);
    }
    tcrm_db_bind_text(st, 6, o ? o->owner : NULL);
    sqlite3_bind_int64(st, 7, o ? o->customer.company_id : 0);
    sqlite3_bind_int64(st, 8, o && !o->customer.company_id
                                  ? o->customer.contact_id : 0);
    void *a = NULL;
    int rc = tcrm_db_collect(db, st, sizeof(struct tcrm_aging_row),
                             read_aging, free_aging, "receivables", &a, n,
                             err);
    *out = a;
    return rc;
}

/* ---- falling due ------------------------------------------------------------------ */

int tcrm_invoice_due(struct tcrm_db *db, const char *until, size_t limit,
                     struct tcrm_invoice **out, size_t *n, int64_t *total,
                     struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    *total = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT count(*) FROM"
        " live_invoices i WHERE" TCRM_MONEY_LIVE("i") "AND i.paid_minor <"
        " i.amount_minor AND i.due_on <= ?1", err);
    if (!st)
        return err->code;
    tcrm_db_bind_text(st, 1, until);
    int s = sqlite3_step(st);
    *total = s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    tcrm_db_done(st);
    if (s != SQLITE_ROW)
        return tcrm_db_fail(db, "invoices", err);
    int64_t *ids = NULL;
    size_t k = 0;
    st = tcrm_db_prepare(db, "SELECT i.id FROM live_invoices i WHERE"
        TCRM_MONEY_LIVE("i") "AND i.paid_minor < i.amount_minor"
        " AND i.due_on <= ?1 ORDER BY i.due_on, i.id LIMIT ?2", err);
    if (!st)
        return err->code;
    tcrm_db_bind_text(st, 1, until);
    sqlite3_bind_int64(st, 2, limit > INT64_MAX ? INT64_MAX
                                                : (sqlite3_int64)limit);
    ids = calloc(limit ? limit : 1, sizeof *ids);
    int rc = ids ? 0 : tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    while (rc == 0 && k < limit && (s = sqlite3_step(st)) == SQLITE_ROW)
        ids[k++] = sqlite3_column_int64(st, 0);
    tcrm_db_done(st);
    if (rc == 0 && k < limit && s != SQLITE_DONE)
        rc = tcrm_db_fail(db, "invoices", err);
    struct tcrm_invoice *a = rc || !k ? NULL : calloc(k, sizeof *a);
    if (rc == 0 && k && !a)
        rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    for (size_t i = 0; rc == 0 && i < k; i++, ++*n)
        rc = tcrm_invoice_get(db, ids[i], &a[i], err);
    free(ids);
    if (rc) {
        tcrm_invoice_array_free(a, *n);
        a = NULL;
        *n = 0;
    }
    *out = a;
    return rc;
}

/* ---- received ----------------------------------------------------------------------- */

void tcrm_pay_sums_free(struct tcrm_pay_sum *a, size_t n)
{
    for (size_t i = 0; a && i < n; i++) {
        free(a[i].account);
        free(a[i].owner);
    }
    free(a);
}

static int read_sum(sqlite3_stmt *st, void *elem)
{
    struct tcrm_pay_sum *s = elem;
    const char *d = (const char *)sqlite3_column_text(st, 0);
    const char *c = (const char *)sqlite3_column_text(st, 1);
    snprintf(s->day, sizeof s->day, "%s", d ? d : "");
    snprintf(s->currency, sizeof s->currency, "%s", c ? c : "");
    s->method = tcrm_pay_method_parse((const char *)sqlite3_column_text(st,
                                                                        2));
    s->amount = sqlite3_column_int64(st, 3);
    s->count = sqlite3_column_int64(st, 4);
    if ((sqlite3_column_type(st, 5) != SQLITE_NULL &&
         !(s->account = tcrm_db_col_text(st, 5))) ||
        (sqlite3_column_type(st, 6) != SQLITE_NULL &&
         !(s->owner = tcrm_db_col_text(st, 6))))
        return TCRM_ENOMEM;
    return 0;
}

static void free_sums(void *a, size_t n) { tcrm_pay_sums_free(a, n); }

int tcrm_payment_sums(struct tcrm_db *db, const char *from, const char *to,
                      const char *owner, struct tcrm_pay_sum **out,
                      size_t *n, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT p.paid_on, p.currency, p.method, sum(p.amount_minor),"
        " count(*), p.account, p.owner FROM live_payments p"
        " WHERE" TCRM_MONEY_LIVE("p") "AND p.paid_on BETWEEN ?1 AND ?2"
        " AND (?3 IS NULL OR p.owner = ?3)"
        " GROUP BY p.paid_on, p.currency, p.method, p.account, p.owner"
        " ORDER BY p.paid_on", err);
    if (!st)
        return err->code;
    tcrm_db_bind_text(st, 1, from);
    tcrm_db_bind_text(st, 2, to);
    tcrm_db_bind_text(st, 3, owner);
    void *a = NULL;
    int rc = tcrm_db_collect(db, st, sizeof(struct tcrm_pay_sum), read_sum,
                             free_sums, "payments", &a, n, err);
    *out = a;
    return rc;
}
