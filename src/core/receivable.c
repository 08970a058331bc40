/*
 * receivable.c: a customer's terms, balance and credit limit (see
 * tcrm/receivable.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money_internal.h"
#include "tcrm/access.h"
#include "tcrm/date.h"
#include "tcrm/rate.h"

int tcrm_customer_check(struct tcrm_db *db, const struct tcrm_customer *c,
                        char **owner, struct tcrm_error *err)
{
    int company = c->company_id != 0;
    int64_t id = company ? c->company_id : c->contact_id;
    if (owner)
        *owner = NULL;
    if (id <= 0)
        return tcrm_error_field(err, TCRM_EINVAL, "company", "a company or a "
                                "contact is needed");
    sqlite3_stmt *st = tcrm_db_prepare(db, company
        ? "SELECT owner FROM live_companies WHERE id = ?1"
        : "SELECT owner FROM live_contacts WHERE id = ?1", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int s = sqlite3_step(st), rc = 0;
    if (s == SQLITE_ROW && owner && sqlite3_column_type(st, 0) != SQLITE_NULL
        && !(*owner = tcrm_db_col_text(st, 0)))
        rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    else if (s == SQLITE_DONE)
        rc = tcrm_error_field(err, TCRM_ENOTFOUND, company ? "company"
                              : "contact", "%s %lld: not found",
                              tcrm_db_noun(company ? "company" : "contact"),
                              (long long)id);
    else if (s != SQLITE_ROW)
        rc = tcrm_db_fail(db, "company", err);
    tcrm_db_done(st);
    return rc;
}

/* ---- terms ------------------------------------------------------------------------ */

int tcrm_terms_get(struct tcrm_db *db, const struct tcrm_customer *c,
                   struct tcrm_terms *out, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    out->payment_days = -1;
    out->credit_limit = -1;
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT payment_days,"
        " credit_limit_minor FROM customer_terms WHERE company_id = ?1"
        " OR (?1 = 0 AND contact_id = ?2)", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, c->company_id);
    sqlite3_bind_int64(st, 2, c->contact_id);
    int s = sqlite3_step(st);
    if (s == SQLITE_ROW) {
        if (sqlite3_column_type(st, 0) != SQLITE_NULL)
            out->payment_days = sqlite3_column_int(st, 0);
        if (sqlite3_column_type(st, 1) != SQLITE_NULL)
            out->credit_limit = sqlite3_column_int64(st, 1);
    }
    tcrm_db_done(st);
    return s == SQLITE_ROW || s == SQLITE_DONE ? 0
                                               : tcrm_db_fail(db, "terms", err);
}

static int terms_work(struct tcrm_db *db, const struct tcrm_customer *c,
                      const struct tcrm_terms *t, struct tcrm_error *err)
{
    struct tcrm_terms cur;
    char now[20];
    int rc = tcrm_customer_check(db, c, NULL, err);
    if (rc == 0)
        rc = tcrm_terms_get(db, c, &cur, err);
    if (rc)
        return rc;
    if (t->payment_days != -2)
        cur.payment_days = t->payment_days;
    if (t->credit_limit != -2)
        cur.credit_limit = t->credit_limit;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "INSERT INTO customer_terms(company_id, contact_id, payment_days,"
        " credit_limit_minor, updated_at, updated_by)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
        " ON CONFLICT DO UPDATE SET payment_days = excluded.payment_days,"
        " credit_limit_minor = excluded.credit_limit_minor,"
        " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        err);
    if (!st)
        return err->code;
    tcrm_db_now(now);
    tcrm_db_bind_id(st, 1, c->company_id);
    tcrm_db_bind_id(st, 2, c->company_id ? 0 : c->contact_id);
    if (cur.payment_days >= 0)
        sqlite3_bind_int(st, 3, cur.payment_days);
    if (cur.credit_limit >= 0)
        sqlite3_bind_int64(st, 4, cur.credit_limit);
    tcrm_db_bind_text(st, 5, now);
    tcrm_db_bind_text(st, 6, tcrm_db_user(db));
    return tcrm_db_step_done(db, st, "terms", err);
}

int tcrm_terms_set(struct tcrm_db *db, const struct tcrm_customer *c,
                   const struct tcrm_terms *t, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    if (t->payment_days < -2 || t->payment_days > 3650)
        return tcrm_error_field(err, TCRM_EINVAL, "terms", "terms: %d days is "
                                "not from 0 to 3650", t->payment_days);
    if (t->credit_limit < -2)
        return tcrm_error_field(err, TCRM_EINVAL, "credit", "credit limit: "
                                "must not be negative");
    int rc = tcrm_access_owned(db) ? tcrm_access_may_approve(db, err) : 0;
    if (rc == 0)
        rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = terms_work(db, c, t, err);
    return tcrm_db_end(db, rc, err);
}

/* ---- balance ------------------------------------------------------------------------ */

/* The rows of customer (?1 company, ?2 contact) of a table aliased a: a
 * company's, or a contact's billed without a company. Each side of the
 * OR is an index seek. */
#define CUSTOMER_IS(a)                                                     \
    " (" a ".company_id = ?1 OR (?1 = 0 AND " a ".contact_id = ?2 AND "    \
    a ".company_id IS NULL))"

static int read_balance(sqlite3_stmt *st, void *elem)
{
    struct tcrm_balance *b = elem;
    const char *c = (const char *)sqlite3_column_text(st, 0);
    snprintf(b->currency, sizeof b->currency, "%s", c ? c : "");
    int64_t *v[] = { &b->invoiced, &b->paid, &b->open, &b->overdue,
                     &b->credit, &b->n_open };
    for (int i = 0; i < 6; i++)
        *v[i] = sqlite3_column_int64(st, 1 + i);
    b->owed = b->invoiced - b->paid;
    return 0;
}

static void free_plain(void *a, size_t n)
{
    (void)n;
    free(a);
}

int tcrm_balance_get(struct tcrm_db *db, const struct tcrm_customer *c,
                     struct tcrm_balance **out, size_t *n,
                     struct tcrm_error *err)
{
    struct tcrm_error local;
    char today[11];
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    int rc = tcrm_customer_check(db, c, NULL, err);
    if (rc)
        return rc;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT currency, sum(inv), sum(pay), sum(open), sum(late),"
        " sum(credit), sum(open > 0) FROM ("
        " SELECT i.currency, i.amount_minor AS inv, 0 AS pay, "
        TCRM_INVOICE_OPEN("i") " AS open, CASE WHEN i.due_on < ?3 THEN "
        TCRM_INVOICE_OPEN("i") " ELSE 0 END AS late, 0 AS credit"
        " FROM live_invoices i WHERE" CUSTOMER_IS("i") " AND"
        TCRM_MONEY_LIVE("i")
        " UNION ALL SELECT p.currency, 0, p.amount_minor, 0, 0, "
        TCRM_PAYMENT_LEFT("p") " FROM live_payments p WHERE" CUSTOMER_IS("p")
        " AND" TCRM_MONEY_LIVE("p") ") GROUP BY currency ORDER BY currency",
        err);
    if (!st)
        return err->code;
    tcrm_date_today(tcrm_clock_now(), today);
    sqlite3_bind_int64(st, 1, c->company_id);
    sqlite3_bind_int64(st, 2, c->company_id ? 0 : c->contact_id);
    tcrm_db_bind_text(st, 3, today);
    void *a = NULL;
    rc = tcrm_db_collect(db, st, sizeof(struct tcrm_balance),
                         read_balance, free_plain, "balance", &a, n, err);
    *out = a;
    return rc;
}

/* ---- credit limits -------------------------------------------------------------------- */

void tcrm_credit_configure(struct tcrm_db *db, int policy, const char *base)
{
    db->credit_policy = policy;
    snprintf(db->base_currency, sizeof db->base_currency, "%s",
             base && *base ? base : TCRM_BASE_CURRENCY_DEFAULT);
}

static const char *base_of(const struct tcrm_db *db)
{
    return db->base_currency[0] ? db->base_currency
                                : TCRM_BASE_CURRENCY_DEFAULT;
}

/* amount of currency in the base currency at today's rate. */
static int to_base(struct tcrm_db *db, int64_t amount, const char *currency,
                   int64_t *out, struct tcrm_error *err)
{
    struct tcrm_rate r;
    char today[11];
    tcrm_date_today(tcrm_clock_now(), today);
    int rc = tcrm_rate_find(db, currency, base_of(db), today, &r, err);
    if (rc == 0 && tcrm_rate_convert(amount, r.micro, out) != 0)
        rc = tcrm_error_field(err, TCRM_EINVAL, "amount", "amount: too large "
                              "to convert");
    return rc;
}

int tcrm_credit_check(struct tcrm_db *db, const struct tcrm_customer *c,
                      int64_t amount, const char *currency,
                      struct tcrm_credit *out, struct tcrm_error *err)
{
    struct tcrm_error local;
    struct tcrm_terms t;
    if (!err)
        err = &local;
    memset(out, 0, sizeof *out);
    snprintf(out->base, sizeof out->base, "%s", base_of(db));
    int rc = tcrm_terms_get(db, c, &t, err);
    if (rc || t.credit_limit < 0)
        return rc;
    out->has_limit = 1;
    out->limit = t.credit_limit;
    struct tcrm_balance *b = NULL;
    size_t n = 0;
    rc = tcrm_balance_get(db, c, &b, &n, err);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        int64_t v = 0;
        rc = to_base(db, b[i].owed, b[i].currency, &v, err);
        out->owed += v;
    }
    free(b);
    if (rc == 0)
        rc = to_base(db, amount, currency, &out->adding, err);
    out->over = rc == 0 && out->owed + out->adding > out->limit;
    return rc;
}

int tcrm_credit_enforce(struct tcrm_db *db, const struct tcrm_customer *c,
                        int64_t amount, const char *currency,
                        const char *number, struct tcrm_error *err)
{
    struct tcrm_credit cr;
    char owed[48], limit[48];
    if (db->credit_policy != TCRM_CREDIT_ENFORCE ||
        tcrm_access_may_approve(db, NULL) == 0)
        return 0;
    int rc = tcrm_credit_check(db, c, amount, currency, &cr, err);
    if (rc || !cr.over)
        return rc;
    tcrm_money_format(cr.owed + cr.adding, cr.base, owed, sizeof owed);
    tcrm_money_format(cr.limit, cr.base, limit, sizeof limit);
    return tcrm_error_field(err, TCRM_EPERM, "credit", "%s would take the "
                            "customer to %s, past their credit limit of %s: "
                            "a manager or an admin must approve it",
                            number ? number : _("the opening balance"), owed,
                            limit);
}
