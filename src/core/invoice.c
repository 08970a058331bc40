/*
 * invoice.c: invoices (see tcrm/invoice.h; the schema is
 * data/migrations/011_money.sql).
 *
 * What is left to bill of an order is its gross total less its live
 * invoices, checked inside the transaction that writes a new one, so two
 * people billing the same order at once cannot both bill what is left.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money_internal.h"
#include "quote_internal.h"
#include "tcrm/access.h"
#include "tcrm/date.h"
#include "tcrm/order.h"

void tcrm_invoice_clear(struct tcrm_invoice *inv)
{
    if (!inv)
        return;
    char *s[] = { inv->number, inv->currency, inv->issued_on, inv->due_on,
                  inv->note, inv->order_number, inv->voided_at,
                  inv->voided_by, inv->owner, inv->company_name,
                  inv->contact_name };
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
        free(s[i]);
    tcrm_stamp_clear(&inv->stamp);
    memset(inv, 0, sizeof *inv);
}

void tcrm_invoice_array_free(struct tcrm_invoice *a, size_t n)
{
    for (size_t i = 0; a && i < n; i++)
        tcrm_invoice_clear(&a[i]);
    free(a);
}

struct tcrm_customer tcrm_customer_of(int64_t company_id, int64_t contact_id)
{
    struct tcrm_customer c = { company_id, company_id ? 0 : contact_id };
    return c;
}

int tcrm_money_day(const char *text, const char *field, char out[11],
                   struct tcrm_error *err)
{
    char today[11];
    struct tcrm_when w;
    tcrm_date_today(tcrm_clock_now(), today);
    if (tcrm_str_empty(text)) {
        memcpy(out, today, 11);
        return 0;
    }
    if (strlen(text) != 10 || tcrm_date_parse_iso(text, &w) != 0)
        return tcrm_error_field(err, TCRM_EINVAL, field, "%s: '%s' is not a "
                                "date (YYYY-MM-DD)", field, text);
    if (strcmp(text, today) > 0)
        return tcrm_error_field(err, TCRM_EINVAL, field, "%s: %s is in the "
                                "future", field, text);
    memcpy(out, text, 11);
    return 0;
}

/* ---- reading ----------------------------------------------------------------- */

#define INVOICE_COLS                                                       \
    "SELECT i.id, i.version, i.order_id, i.company_id, i.contact_id,"      \
    " i.deal_id, i.amount_minor, i.paid_minor, i.opening, i.number,"       \
    " i.currency, i.issued_on, i.due_on, i.note, o.number, i.voided_at,"   \
    " i.voided_by, i.owner, co.name, c.name, i.created_at, i.updated_at,"  \
    " i.created_by, i.updated_by FROM live_invoices i"                     \
    " LEFT JOIN orders o ON o.id = i.order_id"                             \
    " LEFT JOIN companies co ON co.id = i.company_id"                      \
    " LEFT JOIN contacts c ON c.id = i.contact_id "

static int read_row(sqlite3_stmt *st, void *elem)
{
    struct tcrm_invoice *v = elem;
    memset(v, 0, sizeof *v);
    int64_t *num[] = { &v->id, &v->version, &v->order_id, &v->company_id,
                       &v->contact_id, &v->deal_id, &v->amount, &v->paid };
    for (int i = 0; i < 8; i++)
        *num[i] = sqlite3_column_int64(st, i);
    v->opening = sqlite3_column_int(st, 8);
    char **col[] = { &v->number, &v->currency, &v->issued_on, &v->due_on,
                     &v->note, &v->order_number, &v->voided_at,
                     &v->voided_by, &v->owner, &v->company_name,
                     &v->contact_name, &v->stamp.created_at,
                     &v->stamp.updated_at, &v->stamp.created_by,
                     &v->stamp.updated_by };
    for (int i = 0; i < 15; i++)
        if (sqlite3_column_type(st, 9 + i) != SQLITE_NULL &&
            !(*col[i] = tcrm_db_col_text(st, 9 + i)))
            return TCRM_ENOMEM;
    return 0;
}

static void free_rows(void *a, size_t n) { tcrm_invoice_array_free(a, n); }
static void clear_row(void *e) { tcrm_invoice_clear(e); }

int tcrm_invoice_get(struct tcrm_db *db, int64_t id, struct tcrm_invoice *out,
                     struct tcrm_error *err)
{
    memset(out, 0, sizeof *out);
    return tcrm_db_get_row(db, INVOICE_COLS "WHERE i.id = ?1", id, read_row,
                           clear_row, "invoice", N_("invoice %lld: not found"),
                           out, err);
}

int tcrm_invoice_find(struct tcrm_db *db, const char *ref, int64_t *id,
                      struct tcrm_error *err)
{
    return tcrm_doc_find(db, "SELECT id FROM live_invoices WHERE number = ?1",
                         "invoice", N_("invoice '%s': not found"), ref, id,
                         err);
}

/* ?1 key, ?3 limit, ?4 company, ?5 contact (tcrm_doc_page_collect); ?7
 * order, ?8 open only, ?9 voided too. */
#define INVOICE_FILTER                                                     \
    " AND (?4 = 0 OR i.company_id = ?4) AND (?5 = 0 OR i.contact_id = ?5)" \
    " AND (?7 = 0 OR i.order_id = ?7) AND (?9 OR i.voided_at IS NULL)"    \
    " AND (?8 = 0 OR (i.voided_at IS NULL AND i.paid_minor <"              \
    " i.amount_minor))"

static void bind_filter(sqlite3_stmt *st, const struct tcrm_invoice_filter *f,
                        struct tcrm_doc_filter *df)
{
    static const struct tcrm_invoice_filter all;
    if (!f)
        f = &all;
    df->state = -1;
    df->company_id = f->customer.company_id;
    df->contact_id = f->customer.contact_id;
    df->deal_id = 0;
    sqlite3_bind_int64(st, 4, df->company_id);
    sqlite3_bind_int64(st, 5, df->contact_id);
    sqlite3_bind_int64(st, 6, 0);
    sqlite3_bind_int64(st, 7, f->order_id);
    sqlite3_bind_int(st, 8, f->open_only);
    sqlite3_bind_int(st, 9, f->with_void);
}

int tcrm_invoice_page(struct tcrm_db *db, const struct tcrm_invoice_filter *f,
                      int64_t after, int backwards, size_t limit,
                      struct tcrm_invoice **out, size_t *n, int *more,
                      struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, backwards
        ? INVOICE_COLS "WHERE i.id > ?1 AND ?6 = 0" INVOICE_FILTER
          " ORDER BY i.id ASC LIMIT ?3"
        : INVOICE_COLS "WHERE i.id < ?1 AND ?6 = 0" INVOICE_FILTER
          " ORDER BY i.id DESC LIMIT ?3", err);
    if (!st)
        return err->code;
    struct tcrm_doc_filter df;
    bind_filter(st, f, &df);
    void *a = NULL;
    int rc = tcrm_doc_page_collect(db, st, &df, after, limit,
                                   sizeof(struct tcrm_invoice), read_row,
                                   free_rows, clear_row, "invoices",
                                   backwards, &a, n, more, err);
    *out = a;
    return rc;
}

int tcrm_invoice_count(struct tcrm_db *db, const struct tcrm_invoice_filter *f,
                       int64_t *n, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT count(*) FROM"
        " live_invoices i WHERE ?2 IS NULL AND ?6 = 0" INVOICE_FILTER, err);
    if (!st)
        return err->code;
    struct tcrm_doc_filter df;
    bind_filter(st, f, &df);
    return tcrm_doc_count(db, st, &df, NULL, "invoices", n, err);
}

/* ---- adding ------------------------------------------------------------------- */

static int number_used(struct tcrm_db *db, const char *number, int64_t *by,
                       struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT id FROM invoices WHERE number = ?1", err);
    if (!st)
        return err->code;
    tcrm_db_bind_text(st, 1, number);
    int s = sqlite3_step(st);
    *by = s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    tcrm_db_done(st);
    return s == SQLITE_ROW || s == SQLITE_DONE ? 0
                                               : tcrm_db_fail(db, "invoice", err);
}

/* The given number, free; or the next of the pattern not yet used (a
 * number given by hand may have taken one). */
static int pick_number(struct tcrm_db *db, const struct tcrm_invoice_in *in,
                       int opening, char *out, size_t cap,
                       struct tcrm_error *err)
{
    int64_t by = 0;
    if (opening) {
        out[0] = '\0';
        return 0;
    }
    if (!tcrm_str_empty(in->number)) {
        int rc = number_used(db, in->number, &by, err);
        if (rc == 0 && by)
            return tcrm_error_field(err, TCRM_EINVAL, "number", "invoice "
                                    "number '%s' is already used (invoice "
                                    "%lld)", in->number, (long long)by);
        snprintf(out, cap, "%s", in->number);
        return rc;
    }
    for (int tries = 0; tries < 1000; tries++) {
        int rc = tcrm_doc_next_number(db, "invoice", in->pattern
                                      ? in->pattern
                                      : TCRM_INVOICE_NUMBER_DEFAULT, out, cap,
                                      err);
        if (rc == 0)
            rc = number_used(db, out, &by, err);
        if (rc || !by)
            return rc;
    }
    return tcrm_error_field(err, TCRM_EINVAL, "number", "invoice numbers: "
                            "no free number");
}

/* What the invoice bills: the order's customer, currency and owner, and
 * what is left of it to bill; or the opening balance's customer. */
struct bill {
    struct tcrm_invoice_in in;
    struct tcrm_customer cust;
    int64_t company_id, contact_id, deal_id;
    char currency[4], issued[11], due[11];
    char *owner, *order_number;
    int opening;
};

static int left_to_bill(struct tcrm_db *db, const struct tcrm_order *o,
                        int64_t *left, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT coalesce(sum(amount_minor),"
        " 0) FROM invoices WHERE order_id = ?1 AND voided_at IS NULL", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, o->id);
    int s = sqlite3_step(st);
    *left = o->gross - (s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0);
    tcrm_db_done(st);
    return s == SQLITE_ROW ? 0 : tcrm_db_fail(db, "invoice", err);
}

static int from_order(struct tcrm_db *db, struct bill *b,
                      struct tcrm_error *err)
{
    struct tcrm_order o;
    int64_t left = 0;
    char want[48], rest[48];
    int rc = tcrm_order_get(db, b->in.order_id, &o, err);
    if (rc)
        return rc;
    if (o.state != TCRM_ORDER_CONFIRMED)
        rc = tcrm_error_field(err, TCRM_EINVAL, "state", "order %s is %s: "
                              "only a confirmed order is invoiced", o.number,
                              tcrm_i18n_word("order state",
                                             tcrm_order_state_name(o.state)));
    if (rc == 0)
        rc = left_to_bill(db, &o, &left, err);
    if (rc == 0 && b->in.amount > left) {
        tcrm_money_format(b->in.amount, o.currency, want, sizeof want);
        tcrm_money_format(left > 0 ? left : 0, o.currency, rest, sizeof rest);
        rc = tcrm_error_field(err, TCRM_EINVAL, "amount", "an invoice of %s "
                              "is more than the %s of order %s left to bill",
                              want, rest, o.number);
    }
    if (rc == 0) {
        b->company_id = o.company_id;
        b->contact_id = o.contact_id;
        b->deal_id = o.deal_id;
        snprintf(b->currency, sizeof b->currency, "%s", o.currency);
        b->owner = o.owner;
        b->order_number = o.number;
        o.owner = o.number = NULL;
    }
    tcrm_order_clear(&o);
    return rc;
}

static int opening_taken(struct tcrm_db *db, const struct tcrm_customer *c,
                         struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT 1 FROM invoices WHERE"
        " opening = 1 AND voided_at IS NULL AND ifnull(company_id, 0) = ?1"
        " AND ifnull(contact_id, 0) = ?2", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, c->company_id);
    sqlite3_bind_int64(st, 2, c->contact_id);
    int s = sqlite3_step(st);
    tcrm_db_done(st);
    if (s == SQLITE_ROW)
        return tcrm_error_field(err, TCRM_EINVAL, "opening", "the customer "
                                "already has an opening balance (void it "
                                "first to enter another)");
    return s == SQLITE_DONE ? 0 : tcrm_db_fail(db, "invoice", err);
}

static int from_opening(struct tcrm_db *db, struct bill *b,
                        struct tcrm_error *err)
{
    char cur[4] = "";
    snprintf(cur, sizeof cur, "%s", b->in.currency ? b->in.currency : "");
    int rc = tcrm_currency_check(cur, err);
    if (rc == 0)
        rc = tcrm_customer_check(db, &b->in.customer, &b->owner, err);
    if (rc == 0)
        rc = opening_taken(db, &b->in.customer, err);
    b->company_id = b->in.customer.company_id;
    b->contact_id = b->in.customer.contact_id;
    memcpy(b->currency, cur, sizeof cur);
    return rc;
}

/* The due date: given, or the issue date plus the customer's days. */
static int due_date(struct tcrm_db *db, struct bill *b, struct tcrm_error *err)
{
    struct tcrm_when w;
    if (!tcrm_str_empty(b->in.due_on)) {
        if (strlen(b->in.due_on) != 10 ||
            tcrm_date_parse_iso(b->in.due_on, &w) != 0)
            return tcrm_error_field(err, TCRM_EINVAL, "due", "due: '%s' is "
                                    "not a date (YYYY-MM-DD)", b->in.due_on);
        if (strcmp(b->in.due_on, b->issued) < 0)
            return tcrm_error_field(err, TCRM_EINVAL, "due", "due: %s is "
                                    "before the invoice date %s",
                                    b->in.due_on, b->issued);
        memcpy(b->due, b->in.due_on, 11);
        return 0;
    }
    struct tcrm_terms t;
    int rc = tcrm_terms_get(db, &b->cust, &t, err);
    int days = t.payment_days >= 0 ? t.payment_days : b->in.payment_days;
    if (rc == 0)
        tcrm_date_add_days(b->issued, days, b->due);
    return rc;
}

static int insert_invoice(struct tcrm_db *db, const struct bill *b,
                          const char *number, int64_t *id,
                          struct tcrm_error *err)
{
    char now[20];
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "INSERT INTO invoices(number, order_id, opening, company_id,"
        " contact_id, deal_id, currency, amount_minor, issued_on, due_on,"
        " note, owner, created_at, updated_at, created_by, updated_by)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
        " ?13, ?14, ?14)", err);
    if (!st)
        return err->code;
    tcrm_db_now(now);
    tcrm_db_bind_text(st, 1, number);
    tcrm_db_bind_id(st, 2, b->in.order_id);
    sqlite3_bind_int(st, 3, b->opening);
    tcrm_db_bind_id(st, 4, b->company_id);
    tcrm_db_bind_id(st, 5, b->contact_id);
    tcrm_db_bind_id(st, 6, b->deal_id);
    tcrm_db_bind_text(st, 7, b->currency);
    sqlite3_bind_int64(st, 8, b->in.amount);
    tcrm_db_bind_text(st, 9, b->issued);
    tcrm_db_bind_text(st, 10, b->due);
    tcrm_db_bind_text(st, 11, b->in.note);
    tcrm_db_bind_text(st, 12, b->owner);
    tcrm_db_bind_text(st, 13, now);
    tcrm_db_bind_text(st, 14, tcrm_db_user(db));
    int rc = tcrm_db_step_done(db, st, "invoice", err);
    *id = rc ? 0 : sqlite3_last_insert_rowid(db->sql);
    return rc;
}

/* A deposit: what is left of the payments made against the order goes
 * to its new invoice. */
static int apply_deposits(struct tcrm_db *db, int64_t order_id, int64_t id,
                          struct tcrm_error *err)
{
    int64_t applied = 0;
    size_t n = 0;
    return tcrm_money_match(db,
        "SELECT p.id, " TCRM_PAYMENT_LEFT("p") ", p.currency FROM payments p"
        " WHERE p.order_id = ?1 AND" TCRM_MONEY_LIVE("p") "AND"
        " p.applied_minor < p.amount_minor ORDER BY p.paid_on, p.id",
        "SELECT i.id, " TCRM_INVOICE_OPEN("i") ", i.currency FROM invoices i"
        " WHERE i.id = ?2", order_id, id, &applied, &n, err);
}

static int add_work(struct tcrm_db *db, struct bill *b, int64_t *id,
                    struct tcrm_error *err)
{
    char number[64];
    int rc = tcrm_money_day(b->in.issued_on, "date", b->issued, err);
    if (rc == 0)
        rc = b->opening ? from_opening(db, b, err) : from_order(db, b, err);
    b->cust = tcrm_customer_of(b->company_id, b->contact_id);
    if (rc == 0)
        rc = due_date(db, b, err);
    if (rc == 0)
        rc = pick_number(db, &b->in, b->opening, number, sizeof number, err);
    if (rc == 0)
        rc = tcrm_credit_enforce(db, &b->cust, b->in.amount, b->currency,
                                 b->opening ? NULL : number, err);
    if (rc == 0)
        rc = insert_invoice(db, b, b->opening ? NULL : number, id, err);
    if (rc == 0 && !b->opening)
        rc = apply_deposits(db, b->in.order_id, *id, err);
    return rc;
}

int tcrm_invoice_add(struct tcrm_db *db, const struct tcrm_invoice_in *in,
                     int64_t *id, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    if (in->amount <= 0)
        return tcrm_error_field(err, TCRM_EINVAL, "amount", "amount: must be "
                                "more than 0");
    struct bill b;
    memset(&b, 0, sizeof b);
    b.in = *in;
    b.opening = in->order_id == 0;
    int rc = tcrm_db_begin(db, err);
    if (rc == 0)
        rc = tcrm_db_end(db, add_work(db, &b, id, err), err);
    free(b.owner);
    free(b.order_number);
    return rc;
}

/* ---- voiding ------------------------------------------------------------------- */

int tcrm_money_void(struct tcrm_db *db, const char *sql, int64_t id,
                    int64_t version, const char *what, const char *conflict,
                    const char *name, struct tcrm_error *err)
{
    char now[20];
    sqlite3_stmt *st = tcrm_db_prepare(db, sql, err);
    if (!st)
        return err->code;
    tcrm_db_now(now);
    tcrm_db_bind_text(st, 1, now);
    tcrm_db_bind_text(st, 2, tcrm_db_user(db));
    sqlite3_bind_int64(st, 3, id);
    sqlite3_bind_int64(st, 4, version);
    int rc = tcrm_db_step_done(db, st, what, err);
    if (rc == 0 && sqlite3_changes(db->sql) == 0)
        rc = tcrm_error_set(err, TCRM_ECONFLICT, conflict, name);
    return rc;
}

static int void_work(struct tcrm_db *db, int64_t id, struct tcrm_error *err)
{
    struct tcrm_invoice v;
    char paid[48];
    int rc = tcrm_invoice_get(db, id, &v, err);
    if (rc)
        return rc;
    const char *name = v.number ? v.number : _("opening balance");
    if (v.voided_at)
        rc = tcrm_error_field(err, TCRM_EINVAL, "state", "invoice %s is "
                              "already voided", name);
    else if (v.paid > 0) {
        tcrm_money_format(v.paid, v.currency, paid, sizeof paid);
        rc = tcrm_error_field(err, TCRM_EINVAL, "state", "invoice %s has "
                              "payments of %s: void them first", name, paid);
    }
    if (rc == 0)
        rc = tcrm_money_void(db, "UPDATE invoices SET voided_at = ?1,"
            " voided_by = ?2, updated_at = ?1, updated_by = ?2,"
            " version = version + 1 WHERE id = ?3 AND version = ?4"
            " AND voided_at IS NULL", id, v.version, "invoice",
            N_("invoice %s was changed by someone else since you read it"),
            name, err);
    tcrm_invoice_clear(&v);
    return rc;
}

int tcrm_invoice_void(struct tcrm_db *db, int64_t id, struct tcrm_error *err)
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
