/*
 * statement.c: the rows of a customer's statement of account (see
 * tcrm/statement.h).
 *
 * One query, the customer's live invoices and payments up to the as-of
 * day through the access views, each with what was open (or left) of it
 * then: the allocations of live payments made by that day, as the aging
 * of a past day counts them (receivable_aging.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money_internal.h"
#include "tcrm/date.h"
#include "tcrm/statement.h"

/* ?1 company, ?2 contact (company 0), ?3 as-of. */
#define STMT_CUSTOMER(a) " AND" TCRM_CUSTOMER_IS(a)

static const char stmt_sql[] =
    "SELECT * FROM (SELECT CASE WHEN i.opening THEN 0 ELSE 1 END AS k,"
    " i.id AS id, i.number,"
    " o.number, NULL, i.note, NULL, i.issued_on AS day, i.due_on,"
    " i.currency AS cur, i.amount_minor, " TCRM_INVOICE_OPEN_ASOF("i", "?3")
    " FROM live_invoices i LEFT JOIN orders o ON o.id = i.order_id"
    " WHERE" TCRM_MONEY_LIVE("i") "AND i.issued_on <= ?3" STMT_CUSTOMER("i")
    " UNION ALL SELECT 2, p.id, p.number, coalesce(v.number, o.number),"
    " p.account, p.note, p.method, p.paid_on, NULL, p.currency,"
    " p.amount_minor, " TCRM_PAYMENT_LEFT_ASOF("p", "?3")
    " FROM live_payments p LEFT JOIN invoices v ON v.id = p.invoice_id"
    " LEFT JOIN orders o ON o.id = p.order_id"
    " WHERE" TCRM_MONEY_LIVE("p") "AND p.paid_on <= ?3" STMT_CUSTOMER("p")
    ") ORDER BY cur, k <> 0, day, k, id";

void tcrm_statement_rows_free(struct tcrm_stmt_row *a, size_t n)
{
    for (size_t i = 0; a && i < n; i++) {
        free(a[i].number);
        free(a[i].ref);
        free(a[i].account);
        free(a[i].note);
    }
    free(a);
}

static void copy_day(sqlite3_stmt *st, int col, char *out, size_t cap)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    snprintf(out, cap, "%s", s ? s : "");
}

static int read_row(sqlite3_stmt *st, void *elem)
{
    struct tcrm_stmt_row *r = elem;
    int k = sqlite3_column_int(st, 0);
    r->kind = k == 0 ? TCRM_STMT_OPENING : k == 1 ? TCRM_STMT_INVOICE
                                                   : TCRM_STMT_PAYMENT;
    r->id = sqlite3_column_int64(st, 1);
    char **text[] = { &r->number, &r->ref, &r->account, &r->note };
    for (int i = 0; i < 4; i++)
        if (sqlite3_column_type(st, 2 + i) != SQLITE_NULL &&
            !(*text[i] = tcrm_db_col_text(st, 2 + i)))
            return TCRM_ENOMEM;
    r->method = r->kind == TCRM_STMT_PAYMENT
        ? tcrm_pay_method_parse((const char *)sqlite3_column_text(st, 6))
        : -1;
    copy_day(st, 7, r->day, sizeof r->day);
    copy_day(st, 8, r->due, sizeof r->due);
    copy_day(st, 9, r->currency, sizeof r->currency);
    r->amount = sqlite3_column_int64(st, 10);
    r->open = sqlite3_column_int64(st, 11);
    return 0;
}

static void free_rows(void *a, size_t n) { tcrm_statement_rows_free(a, n); }

int tcrm_statement_rows(struct tcrm_db *db, const struct tcrm_customer *c,
                        const char *as_of, struct tcrm_stmt_row **out,
                        size_t *n, struct tcrm_error *err)
{
    struct tcrm_error local;
    char today[11];
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    tcrm_date_today(tcrm_clock_now(), today);
    sqlite3_stmt *st = tcrm_db_prepare(db, stmt_sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, c->company_id);
    sqlite3_bind_int64(st, 2, c->company_id ? 0 : c->contact_id);
    tcrm_db_bind_text(st, 3, as_of ? as_of : today);
    void *a = NULL;
    int rc = tcrm_db_collect(db, st, sizeof(struct tcrm_stmt_row), read_row,
                             free_rows, "statement", &a, n, err);
    *out = a;
    return rc;
}

/* The customer's name (a company's, or a contact's). */
static int customer_name(struct tcrm_db *db, const struct tcrm_customer *c,
                         char **name, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, c->company_id
        ? "SELECT name FROM live_companies WHERE id = ?1"
        : "SELECT name FROM live_contacts WHERE id = ?1", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, c->company_id ? c->company_id : c->contact_id);
    int s = sqlite3_step(st), rc = 0;
    if (s == SQLITE_ROW && !(*name = tcrm_db_col_text(st, 0)))
        rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    else if (s != SQLITE_ROW)
        rc = tcrm_db_fail(db, "statement", err);
    tcrm_db_done(st);
    return rc;
}

int tcrm_statement_customer(struct tcrm_db *db, int64_t company_id,
                            int64_t contact_id, struct tcrm_customer *out,
                            char **name, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *name = NULL;
    out->company_id = company_id;
    out->contact_id = company_id ? 0 : contact_id;
    int rc = tcrm_customer_check(db, out, NULL, err);
    if (rc == 0 && !company_id) {
        /* a contact of a company: the company is the customer */
        sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT company_id FROM"
            " contacts WHERE id = ?1 AND company_id IN (SELECT id FROM"
            " live_companies)", err);
        if (!st)
            return err->code;
        sqlite3_bind_int64(st, 1, contact_id);
        if (sqlite3_step(st) == SQLITE_ROW &&
            sqlite3_column_type(st, 0) != SQLITE_NULL) {
            out->company_id = sqlite3_column_int64(st, 0);
            out->contact_id = 0;
        }
        tcrm_db_done(st);
    }
    return rc ? rc : customer_name(db, out, name, err);
}
