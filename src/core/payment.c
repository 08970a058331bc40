/*
 * payment.c: payments and what they pay (see tcrm/invoice.h).
 *
 * A payment is written first, then allocated to open invoices oldest
 * due first (tcrm_money_match); the triggers of 011_money.sql keep each
 * invoice's paid_minor and each payment's applied_minor, and take back
 * what a voided payment paid. All inside one transaction: two people
 * paying the same invoice at once cannot both pay what is open (and the
 * CHECK on paid_minor would refuse it if they could).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money_internal.h"
#include "quote_internal.h"
#include "tcrm/order.h"

static const char *const method_names[] = {
    NC_("method", "bank"), NC_("method", "cash"), NC_("method", "wechat"),
    NC_("method", "alipay"), NC_("method", "cheque"), NC_("method", "card"),
    NC_("method", "other"),
};

const char *tcrm_pay_method_name(int method)
{
    return method >= 0 && method < TCRM_PAY_METHODS ? method_names[method]
                                                    : "other";
}

int tcrm_pay_method_parse(const char *name)
{
    for (int i = 0; name && i < TCRM_PAY_METHODS; i++)
        if (strcmp(name, method_names[i]) == 0)
            return i;
    return -1;
}

const char *tcrm_pay_method_list(void)
{
    return "bank, cash, wechat, alipay, cheque, card, other";
}

void tcrm_payment_clear(struct tcrm_payment *p)
{
    if (!p)
        return;
    char *s[] = { p->number, p->currency, p->account, p->paid_on, p->note,
                  p->order_number, p->invoice_number, p->voided_at,
                  p->voided_by, p->owner, p->company_name, p->contact_name };
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
        free(s[i]);
    tcrm_stamp_clear(&p->stamp);
    memset(p, 0, sizeof *p);
}

void tcrm_payment_array_free(struct tcrm_payment *a, size_t n)
{
    for (size_t i = 0; a && i < n; i++)
        tcrm_payment_clear(&a[i]);
    free(a);
}

void tcrm_allocations_free(struct tcrm_allocation *a, size_t n)
{
    for (size_t i = 0; a && i < n; i++) {
        free(a[i].payment_number);
        free(a[i].invoice_number);
        free(a[i].paid_on);
    }
    free(a);
}

/* ---- allocating ------------------------------------------------------------------- */

int tcrm_money_allocate(struct tcrm_db *db, int64_t payment_id,
                        int64_t invoice_id, int64_t amount,
                        struct tcrm_error *err)
{
    char now[20];
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "INSERT INTO payment_allocations(payment_id, invoice_id, amount_minor,"
        " created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5)", err);
    if (!st)
        return err->code;
    tcrm_db_now(now);
    sqlite3_bind_int64(st, 1, payment_id);
    sqlite3_bind_int64(st, 2, invoice_id);
    sqlite3_bind_int64(st, 3, amount);
    tcrm_db_bind_text(st, 4, now);
    tcrm_db_bind_text(st, 5, tcrm_db_user(db));
    return tcrm_db_step_done(db, st, "payment", err);
}

/* Rows of (id, amount left, currency) from a literal statement. */
struct pot {
    int64_t id, left;
    char currency[4];
};

static int read_pot(sqlite3_stmt *st, void *elem)
{
    struct pot *p = elem;
    p->id = sqlite3_column_int64(st, 0);
    p->left = sqlite3_column_int64(st, 1);
    const unsigned char *c = sqlite3_column_text(st, 2);
    snprintf(p->currency, sizeof p->currency, "%s", c ? (const char *)c : "");
    return 0;
}

static void free_pots(void *a, size_t n)
{
    (void)n;
    free(a);
}

static int pots(struct tcrm_db *db, const char *sql, int64_t k1, int64_t k2,
                struct pot **out, size_t *n, struct tcrm_error *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, k1);
    sqlite3_bind_int64(st, 2, k2);
    void *a = NULL;
    int rc = tcrm_db_collect(db, st, sizeof(struct pot), read_pot, free_pots,
                             "payments", &a, n, err);
    *out = a;
    return rc;
}

int tcrm_money_match(struct tcrm_db *db, const char *which, const char *to,
                     int64_t k1, int64_t k2, int64_t *applied,
                     size_t *n_alloc, struct tcrm_error *err)
{
    struct pot *pay = NULL, *inv = NULL;
    size_t np = 0, ni = 0;
    int rc = pots(db, which, k1, k2, &pay, &np, err);
    if (rc == 0)
        rc = pots(db, to, k1, k2, &inv, &ni, err);
    for (size_t i = 0; rc == 0 && i < np; i++)
        for (size_t k = 0; rc == 0 && k < ni && pay[i].left > 0; k++) {
            if (inv[k].left <= 0 ||
                strcmp(inv[k].currency, pay[i].currency) != 0)
                continue;
            int64_t a = pay[i].left < inv[k].left ? pay[i].left : inv[k].left;
            rc = tcrm_money_allocate(db, pay[i].id, inv[k].id, a, err);
            pay[i].left -= a;
            inv[k].left -= a;
            *applied += a;
            ++*n_alloc;
        }
    free(pay);
    free(inv);
    return rc;
}

/* ---- adding ------------------------------------------------------------------------- */

/* What a new payment pays: its customer, currency, owner, and what is
 * open there (to refuse more unless prepay). */
struct target {
    int64_t company_id, contact_id, deal_id, order_id, invoice_id;
    char currency[4];
    char *owner, *name;            /* name: for messages */
    int64_t open;
    const char *what;              /* N_() "invoice %s", "order %s", ... */
};

static void target_free(struct target *t)
{
    free(t->owner);
    free(t->name);
}

static int to_invoice(struct tcrm_db *db, int64_t id, struct target *t,
                      struct tcrm_error *err)
{
    struct tcrm_invoice v;
    int rc = tcrm_invoice_get(db, id, &v, err);
    if (rc)
        return rc;
    const char *name = v.number ? v.number : _("opening balance");
    if (v.voided_at)
        rc = tcrm_error_field(err, TCRM_EINVAL, "state", "invoice %s is "
                              "voided", name);
    t->company_id = v.company_id;
    t->contact_id = v.contact_id;
    t->deal_id = v.deal_id;
    t->order_id = v.order_id;
    t->invoice_id = v.id;
    snprintf(t->currency, sizeof t->currency, "%s", v.currency);
    t->open = v.amount - v.paid;
    t->what = N_("invoice %s");
    t->owner = v.owner;
    t->name = strdup(name);
    v.owner = NULL;
    tcrm_invoice_clear(&v);
    return rc ? rc : t->name ? 0 : tcrm_error_set(err, TCRM_ENOMEM,
                                                  "out of memory");
}

/* What is open on an order: its total less what its live payments and
 * the payments applied to its invoices paid. */
static int order_open(struct tcrm_db *db, int64_t id, int64_t gross,
                      int64_t *open, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT (SELECT coalesce(sum(paid_minor), 0) FROM invoices WHERE"
        " order_id = ?1 AND voided_at IS NULL) + (SELECT coalesce(sum("
        TCRM_PAYMENT_LEFT("p") "), 0) FROM payments p WHERE p.order_id = ?1"
        " AND" TCRM_MONEY_LIVE("p") ")", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int s = sqlite3_step(st);
    *open = gross - (s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0);
    tcrm_db_done(st);
    return s == SQLITE_ROW ? 0 : tcrm_db_fail(db, "payment", err);
}

static int to_order(struct tcrm_db *db, int64_t id, struct target *t,
                    struct tcrm_error *err)
{
    struct tcrm_order o;
    int rc = tcrm_order_get(db, id, &o, err);
    if (rc)
        return rc;
    if (o.state == TCRM_ORDER_CANCELLED)
        rc = tcrm_error_field(err, TCRM_EINVAL, "state", "order %s is "
                              "cancelled", o.number);
    if (rc == 0)
        rc = order_open(db, o.id, o.gross, &t->open, err);
    t->company_id = o.company_id;
    t->contact_id = o.contact_id;
    t->deal_id = o.deal_id;
    t->order_id = o.id;
    snprintf(t->currency, sizeof t->currency, "%s", o.currency);
    t->what = N_("order %s");
    t->owner = o.owner;
    t->name = o.number;
    o.owner = o.number = NULL;
    tcrm_order_clear(&o);
    return rc;
}

/* A customer: what is open is their open invoices in the currency less
 * their credit in it. */
static int to_customer(struct tcrm_db *db, const struct tcrm_payment_in *in,
                       struct target *t, struct tcrm_error *err)
{
    snprintf(t->currency, sizeof t->currency, "%s",
             in->currency ? in->currency : "");
    int rc = tcrm_currency_check(t->currency, err);
    if (rc == 0)
        rc = tcrm_customer_check(db, &in->customer, &t->owner, err);
    struct tcrm_balance *b = NULL;
    size_t n = 0;
    if (rc == 0)
        rc = tcrm_balance_get(db, &in->customer, &b, &n, err);
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (strcmp(b[i].currency, t->currency) == 0)
            t->open = b[i].owed;
    free(b);
    t->company_id = in->customer.company_id;
    t->contact_id = in->customer.contact_id;
    t->what = N_("the customer's account");
    return rc;
}

static int check_target(const struct tcrm_payment_in *in,
                        const struct target *t, struct tcrm_error *err)
{
    char want[48], open[48], name[96];
    if (in->currency && strcmp(in->currency, t->currency) != 0 &&
        (in->invoice_id || in->order_id)) {
        snprintf(name, sizeof name, _(t->what), t->name);
        return tcrm_error_field(err, TCRM_EINVAL, "currency", "currency: the "
                                "payment is in %s, %s in %s", in->currency,
                                name, t->currency);
    }
    if (in->amount <= t->open || in->prepay)
        return 0;
    snprintf(name, sizeof name, _(t->what), t->name ? t->name : "");
    tcrm_money_format(in->amount, t->currency, want, sizeof want);
    tcrm_money_format(t->open > 0 ? t->open : 0, t->currency, open,
                      sizeof open);
    return tcrm_error_field(err, TCRM_EINVAL, "amount", "a payment of %s is "
                            "more than the %s open on %s (--prepay keeps the "
                            "rest as credit)", want, open, name);
}

static int insert_payment(struct tcrm_db *db, const struct tcrm_payment_in *in,
                          const struct target *t, const char *day,
                          int64_t *id, struct tcrm_error *err)
{
    char number[64], now[20];
    int rc = tcrm_doc_next_number(db, "payment", in->pattern ? in->pattern
                                  : TCRM_PAYMENT_NUMBER_DEFAULT, number,
                                  sizeof number, err);
    sqlite3_stmt *st = rc ? NULL : tcrm_db_prepare(db,
        "INSERT INTO payments(number, company_id, contact_id, deal_id,"
        " order_id, invoice_id, currency, amount_minor, method, account,"
        " paid_on, note, owner, created_at, updated_at, created_by,"
        " updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
        " ?12, ?13, ?14, ?14, ?15, ?15)", err);
    if (!st)
        return rc ? rc : err->code;
    tcrm_db_now(now);
    tcrm_db_bind_text(st, 1, number);
    tcrm_db_bind_id(st, 2, t->company_id);
    tcrm_db_bind_id(st, 3, t->contact_id);
    tcrm_db_bind_id(st, 4, t->deal_id);
    tcrm_db_bind_id(st, 5, t->order_id);
    tcrm_db_bind_id(st, 6, t->invoice_id);
    tcrm_db_bind_text(st, 7, t->currency);
    sqlite3_bind_int64(st, 8, in->amount);
    tcrm_db_bind_text(st, 9, tcrm_pay_method_name(in->method));
    tcrm_db_bind_text(st, 10, in->account);
    tcrm_db_bind_text(st, 11, day);
    tcrm_db_bind_text(st, 12, in->note);
    tcrm_db_bind_text(st, 13, t->owner);
    tcrm_db_bind_text(st, 14, now);
    tcrm_db_bind_text(st, 15, tcrm_db_user(db));
    rc = tcrm_db_step_done(db, st, "payment", err);
    *id = rc ? 0 : sqlite3_last_insert_rowid(db->sql);
    return rc;
}

/* Pay the invoice, or the order's open invoices oldest due first. */
static int allocate_new(struct tcrm_db *db, const struct target *t,
                        int64_t id, struct tcrm_error *err)
{
    int64_t applied = 0;
    size_t n = 0;
    if (t->invoice_id)
        return tcrm_money_match(db,
            "SELECT p.id, " TCRM_PAYMENT_LEFT("p") ", p.currency FROM"
            " payments p WHERE p.id = ?1",
            "SELECT i.id, " TCRM_INVOICE_OPEN("i") ", i.currency FROM"
            " invoices i WHERE i.id = ?2", id, t->invoice_id, &applied, &n,
            err);
    if (t->order_id)
        return tcrm_money_match(db,
            "SELECT p.id, " TCRM_PAYMENT_LEFT("p") ", p.currency FROM"
            " payments p WHERE p.id = ?1",
            "SELECT i.id, " TCRM_INVOICE_OPEN("i") ", i.currency FROM"
            " invoices i WHERE i.order_id = ?2 AND" TCRM_MONEY_LIVE("i")
            "AND i.paid_minor < i.amount_minor ORDER BY i.due_on, i.id",
            id, t->order_id, &applied, &n, err);
    return 0;
}

static int add_work(struct tcrm_db *db, const struct tcrm_payment_in *in,
                    int64_t *id, struct tcrm_error *err)
{
    struct target t;
    char day[11];
    memset(&t, 0, sizeof t);
    int rc = tcrm_money_day(in->paid_on, "date", day, err);
    if (rc == 0)
        rc = in->invoice_id ? to_invoice(db, in->invoice_id, &t, err)
           : in->order_id ? to_order(db, in->order_id, &t, err)
           : to_customer(db, in, &t, err);
    if (rc == 0)
        rc = check_target(in, &t, err);
    if (rc == 0)
        rc = insert_payment(db, in, &t, day, id, err);
    if (rc == 0)
        rc = allocate_new(db, &t, *id, err);
    target_free(&t);
    return rc;
}

int tcrm_payment_add(struct tcrm_db *db, const struct tcrm_payment_in *in,
                     int64_t *id, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    if (in->amount <= 0)
        return tcrm_error_field(err, TCRM_EINVAL, "amount", "amount: must be "
                                "more than 0");
    if (in->method < 0 || in->method >= TCRM_PAY_METHODS)
        return tcrm_error_field(err, TCRM_EINVAL, "method", "method: must be "
                                "one of %s", tcrm_pay_method_list());
    if (!in->invoice_id && !in->order_id && !in->customer.company_id &&
        !in->customer.contact_id)
        return tcrm_error_field(err, TCRM_EINVAL, "invoice", "a payment is "
                                "against an invoice, an order or a customer");
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = add_work(db, in, id, err);
    return tcrm_db_end(db, rc, err);
}

int tcrm_payment_apply(struct tcrm_db *db, const struct tcrm_customer *c,
                       int64_t *applied, size_t *n_alloc,
                       struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *applied = 0;
    *n_alloc = 0;
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = tcrm_customer_check(db, c, NULL, err);
    if (rc == 0)
        rc = tcrm_money_match(db,
            "SELECT p.id, " TCRM_PAYMENT_LEFT("p") ", p.currency FROM"
            " live_payments p WHERE ifnull(p.company_id, 0) = ?1 AND"
            " (?1 <> 0 OR p.contact_id = ?2) AND" TCRM_MONEY_LIVE("p")
            "AND p.applied_minor < p.amount_minor ORDER BY p.paid_on, p.id",
            "SELECT i.id, " TCRM_INVOICE_OPEN("i") ", i.currency FROM"
            " live_invoices i WHERE ifnull(i.company_id, 0) = ?1 AND"
            " (?1 <> 0 OR i.contact_id = ?2) AND" TCRM_MONEY_LIVE("i")
            "AND i.paid_minor < i.amount_minor ORDER BY i.due_on, i.id",
            c->company_id, c->contact_id, applied, n_alloc, err);
    return tcrm_db_end(db, rc, err);
}
