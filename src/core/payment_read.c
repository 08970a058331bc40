/*
 * payment_read.c: reading payments and allocations, and voiding a
 * payment (see tcrm/invoice.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money_internal.h"
#include "quote_internal.h"

#define PAYMENT_COLS                                                       \
    "SELECT p.id, p.version, p.company_id, p.contact_id, p.order_id,"      \
    " p.invoice_id, p.amount_minor, p.applied_minor, p.method, p.number,"  \
    " p.currency, p.account, p.paid_on, p.note, o.number, i.number,"       \
    " p.voided_at, p.voided_by, p.owner, co.name, c.name, p.created_at,"   \
    " p.updated_at, p.created_by, p.updated_by FROM live_payments p"       \
    " LEFT JOIN orders o ON o.id = p.order_id"                             \
    " LEFT JOIN invoices i ON i.id = p.invoice_id"                         \
    " LEFT JOIN companies co ON co.id = p.company_id"                      \
    " LEFT JOIN contacts c ON c.id = p.contact_id "

static int read_row(sqlite3_stmt *st, void *elem)
{
    struct tcrm_payment *p = elem;
    memset(p, 0, sizeof *p);
    int64_t *num[] = { &p->id, &p->version, &p->company_id, &p->contact_id,
                       &p->order_id, &p->invoice_id, &p->amount,
                       &p->applied };
    for (int i = 0; i < 8; i++)
        *num[i] = sqlite3_column_int64(st, i);
    p->method = tcrm_pay_method_parse((const char *)sqlite3_column_text(st,
                                                                        8));
    char **col[] = { &p->number, &p->currency, &p->account, &p->paid_on,
                     &p->note, &p->order_number, &p->invoice_number,
                     &p->voided_at, &p->voided_by, &p->owner,
                     &p->company_name, &p->contact_name,
                     &p->stamp.created_at, &p->stamp.updated_at,
                     &p->stamp.created_by, &p->stamp.updated_by };
    for (int i = 0; i < 16; i++)
        if (sqlite3_column_type(st, 9 + i) != SQLITE_NULL &&
            !(*col[i] = tcrm_db_col_text(st, 9 + i)))
            return TCRM_ENOMEM;
    return 0;
}

static void free_rows(void *a, size_t n) { tcrm_payment_array_free(a, n); }
static void clear_row(void *e) { tcrm_payment_clear(e); }

int tcrm_payment_get(struct tcrm_db *db, int64_t id, struct tcrm_payment *out,
                     struct tcrm_error *err)
{
    memset(out, 0, sizeof *out);
    return tcrm_db_get_row(db, PAYMENT_COLS "WHERE p.id = ?1", id, read_row,
                           clear_row, "payment", N_("payment %lld: not found"),
                           out, err);
}

int tcrm_payment_find(struct tcrm_db *db, const char *ref, int64_t *id,
                      struct tcrm_error *err)
{
    return tcrm_doc_find(db, "SELECT id FROM live_payments WHERE number = ?1",
                         "payment", N_("payment '%s': not found"), ref, id,
                         err);
}

int tcrm_payment_page(struct tcrm_db *db, const struct tcrm_payment_filter *f,
                      int64_t after, int backwards, size_t limit,
                      struct tcrm_payment **out, size_t *n, int *more,
                      struct tcrm_error *err)
{
    static const struct tcrm_payment_filter all;
    struct tcrm_error local;
    if (!err)
        err = &local;
    if (!f)
        f = &all;
    *out = NULL;
    *n = 0;
#define PAY_FILTER                                                         \
    " AND ?2 IS NULL AND ?6 = 0 AND (?4 = 0 OR p.company_id = ?4)"         \
    " AND (?5 = 0 OR p.contact_id = ?5) AND (?7 = 0 OR p.order_id = ?7)"   \
    " AND (?8 = 0 OR p.invoice_id = ?8 OR p.id IN (SELECT payment_id FROM" \
    " payment_allocations WHERE invoice_id = ?8))"                         \
    " AND (?9 OR p.voided_at IS NULL)"
    sqlite3_stmt *st = tcrm_db_prepare(db, backwards
        ? PAYMENT_COLS "WHERE p.id > ?1" PAY_FILTER " ORDER BY p.id ASC LIMIT ?3"
        : PAYMENT_COLS "WHERE p.id < ?1" PAY_FILTER
          " ORDER BY p.id DESC LIMIT ?3", err);
#undef PAY_FILTER
    if (!st)
        return err->code;
    struct tcrm_doc_filter df = { -1, f->customer.company_id,
                                  f->customer.contact_id, 0 };
    sqlite3_bind_int64(st, 7, f->order_id);
    sqlite3_bind_int64(st, 8, f->invoice_id);
    sqlite3_bind_int(st, 9, f->with_void);
    void *a = NULL;
    int rc = tcrm_doc_page_collect(db, st, &df, after, limit,
                                   sizeof(struct tcrm_payment), read_row,
                                   free_rows, clear_row, "payments",
                                   backwards, &a, n, more, err);
    *out = a;
    return rc;
}

/* ---- allocations ---------------------------------------------------------------- */

static int read_alloc(sqlite3_stmt *st, void *elem)
{
    struct tcrm_allocation *a = elem;
    a->payment_id = sqlite3_column_int64(st, 0);
    a->invoice_id = sqlite3_column_int64(st, 1);
    a->amount = sqlite3_column_int64(st, 2);
    a->payment_voided = sqlite3_column_int(st, 3);
    char **col[] = { &a->payment_number, &a->invoice_number, &a->paid_on };
    for (int i = 0; i < 3; i++)
        if (sqlite3_column_type(st, 4 + i) != SQLITE_NULL &&
            !(*col[i] = tcrm_db_col_text(st, 4 + i)))
            return TCRM_ENOMEM;
    return 0;
}

static void free_allocs(void *a, size_t n) { tcrm_allocations_free(a, n); }

int tcrm_allocations(struct tcrm_db *db, int64_t payment_id,
                     int64_t invoice_id, struct tcrm_allocation **out,
                     size_t *n, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT a.payment_id, a.invoice_id, a.amount_minor,"
        " p.voided_at IS NOT NULL, p.number, i.number, p.paid_on"
        " FROM payment_allocations a"
        " JOIN live_payments p ON p.id = a.payment_id"
        " JOIN live_invoices i ON i.id = a.invoice_id"
        " WHERE (?1 = 0 OR a.payment_id = ?1) AND (?2 = 0 OR a.invoice_id = ?2)"
        " AND (?1 <> 0 OR ?2 <> 0) ORDER BY p.paid_on, a.id", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, payment_id);
    sqlite3_bind_int64(st, 2, invoice_id);
    void *a = NULL;
    int rc = tcrm_db_collect(db, st, sizeof(struct tcrm_allocation),
                             read_alloc, free_allocs, "payments", &a, n, err);
    *out = a;
    return rc;
}

/* ---- voiding ------------------------------------------------------------------------ */

static int void_work(struct tcrm_db *db, int64_t id, struct tcrm_error *err)
{
    struct tcrm_payment p;
    int rc = tcrm_payment_get(db, id, &p, err);
    if (rc)
        return rc;
    if (p.voided_at)
        rc = tcrm_error_field(err, TCRM_EINVAL, "state", "payment %s is "
                              "already voided", p.number);
    if (rc == 0)
        rc = tcrm_money_void(db, "UPDATE payments SET voided_at = ?1,"
            " voided_by = ?2, updated_at = ?1, updated_by = ?2,"
            " version = version + 1 WHERE id = ?3 AND version = ?4"
            " AND voided_at IS NULL", id, p.version, "payment",
            N_("payment %s was changed by someone else since you read it"),
            p.number, err);
    tcrm_payment_clear(&p);
    return rc;
}

int tcrm_payment_void(struct tcrm_db *db, int64_t id, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = void_work(db, id, err);
    return tcrm_db_end(db, rc, err);
}
