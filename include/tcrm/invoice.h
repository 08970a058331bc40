/*
 * invoice.h: invoices (发票/应收单) and payments (收款), the money side of
 * an order (data/migrations/011_money.sql is the schema).
 *
 * A customer is a company, or a contact without one (struct
 * tcrm_customer). Invoices and payments are owned and seen like the
 * order or customer they belong to (access.h); every amount is integer
 * minor units of one currency (money.h), never a float.
 *
 * Invoices. `tcrm_invoice_add` bills a confirmed order (several invoices
 * per order, their live total never above the order's gross total) in
 * the order's currency, or records a customer's opening balance (once;
 * no order, no number). The number is given (a tax invoice's own
 * number) or the next of a pattern ([sales] invoice_number, default
 * "I%Y-%04n", as quote.h); unique over every invoice, voided ones too.
 * The due date is given, or the issue date plus the customer's payment
 * days (customer_terms) or else [sales] payment_days. An invoice is
 * never deleted: voiding keeps it and it stops counting; one with live
 * payments applied is not voided (void the payments first). Adding an
 * invoice applies what is left of the payments made against its order
 * before it (a deposit).
 *
 * Payments. `tcrm_payment_add` records money received against an
 * invoice, an order (applied to its open invoices, oldest due first) or
 * a customer (a prepayment: applied later by `tcrm_payment_apply` to the
 * customer's oldest open invoices of its currency). A payment over what
 * is open is refused unless `prepay` (the rest stays as credit). Voiding
 * a payment takes back what it paid.
 *
 * Dates are YYYY-MM-DD and never after today (the clock of date.h,
 * TCRM_NOW in tests), so that an as-of report of today sees every row.
 *
 * Errors (one line, TCRM_EINVAL with the field unless said):
 *   "amount: must be more than 0"
 *   "invoice I2026-0003 would bill 1,500.00 CNY, 1,000.00 CNY of order
 *    O2026-0001 are left to bill"                                (amount)
 *   "payment of 900.00 CNY is more than the 500.00 CNY open on invoice
 *    I2026-0001 (--prepay keeps the rest as credit)"             (amount)
 *   "invoice number 'FP001' is already used (invoice 4)"         (number)
 *   "method: 'paypal' is not one of bank, cash, ..."             (method)
 *   "currency: the payment is in USD, invoice I2026-0001 in CNY" (currency)
 *   "invoice I2026-0001 is already voided"                       (state)
 *   "order O2026-0002 is open: only a confirmed order is invoiced" (state)
 */
#ifndef TCRM_INVOICE_H
#define TCRM_INVOICE_H

#include "tcrm/db.h"
#include "tcrm/entity.h"
#include "tcrm/money.h"

#define TCRM_INVOICE_NUMBER_DEFAULT "I%Y-%04n"
#define TCRM_PAYMENT_NUMBER_DEFAULT "R%Y-%04n"
#define TCRM_PAYMENT_DAYS_DEFAULT 30

/* Whom an invoice or payment bills: a company, or a contact (no
 * company). Exactly one is set when the caller names a customer. */
struct tcrm_customer {
    int64_t company_id, contact_id;
};

struct tcrm_invoice {
    int64_t id, version;
    char *number;                 /* NULL: an opening balance */
    int64_t order_id;             /* 0: an opening balance */
    int64_t company_id, contact_id, deal_id;
    char *currency;
    int64_t amount, paid;         /* minor units; open = amount - paid */
    char *issued_on, *due_on, *note;
    /* read-only */
    int opening;
    char *order_number, *voided_at, *voided_by, *owner, *company_name,
         *contact_name;
    struct tcrm_stamp stamp;
};

/* What a new invoice is. */
struct tcrm_invoice_in {
    int64_t order_id;             /* 0: an opening balance of `customer` */
    struct tcrm_customer customer;/* opening balance only */
    const char *currency;         /* opening only: its currency */
    int64_t amount;
    const char *number;           /* NULL: the next of pattern */
    const char *pattern;          /* NULL: TCRM_INVOICE_NUMBER_DEFAULT */
    const char *issued_on;        /* NULL: today */
    const char *due_on;           /* NULL: by the payment terms */
    int payment_days;             /* [sales] payment_days: terms' default */
    const char *note;
};

/* An invoice's state on a day: voided, paid (nothing open), overdue (its
 * due date has passed: *days_late days ago) or open. The one rule the
 * lists, the screen and the reminders use. */
enum tcrm_invoice_state { TCRM_INVOICE_OPEN, TCRM_INVOICE_PAID,
                          TCRM_INVOICE_OVERDUE, TCRM_INVOICE_VOIDED };
int tcrm_invoice_state(const struct tcrm_invoice *v, const char *today,
                       int *days_late);
/* "open", "paid", "overdue", "voided": stored-style English keys, shown
 * with tcrm_i18n_word("invoice state", name). */
const char *tcrm_invoice_state_name(int state);

void tcrm_invoice_clear(struct tcrm_invoice *inv);
void tcrm_invoice_array_free(struct tcrm_invoice *a, size_t n);

int tcrm_invoice_add(struct tcrm_db *db, const struct tcrm_invoice_in *in,
                     int64_t *id, struct tcrm_error *err);
int tcrm_invoice_get(struct tcrm_db *db, int64_t id, struct tcrm_invoice *out,
                     struct tcrm_error *err);
/* By id ("12") or number ("I2026-0001"); TCRM_ENOTFOUND. */
int tcrm_invoice_find(struct tcrm_db *db, const char *ref, int64_t *id,
                      struct tcrm_error *err);
int tcrm_invoice_void(struct tcrm_db *db, int64_t id, struct tcrm_error *err);

/* Which invoices a list shows. */
struct tcrm_invoice_filter {
    struct tcrm_customer customer;   /* 0, 0: any */
    int64_t order_id;                /* 0: any */
    int open_only;                   /* live and not fully paid */
    int with_void;                   /* voided ones too */
};
/* One keyset page, newest first (as tcrm_quote_page of quote.h). */
int tcrm_invoice_page(struct tcrm_db *db, const struct tcrm_invoice_filter *f,
                      int64_t after, int backwards, size_t limit,
                      struct tcrm_invoice **out, size_t *n, int *more,
                      struct tcrm_error *err);
int tcrm_invoice_count(struct tcrm_db *db, const struct tcrm_invoice_filter *f,
                       int64_t *n, struct tcrm_error *err);

/* ---- payments -------------------------------------------------------------- */

/* Stored English keys, shown with tcrm_i18n_word("method", key). */
enum tcrm_pay_method { TCRM_PAY_BANK, TCRM_PAY_CASH, TCRM_PAY_WECHAT,
                       TCRM_PAY_ALIPAY, TCRM_PAY_CHEQUE, TCRM_PAY_CARD,
                       TCRM_PAY_OTHER, TCRM_PAY_METHODS };
const char *tcrm_pay_method_name(int method);
int tcrm_pay_method_parse(const char *name);          /* -1: unknown */
/* "bank, cash, wechat, alipay, cheque, card, other" */
const char *tcrm_pay_method_list(void);

struct tcrm_payment {
    int64_t id, version;
    char *number;
    int64_t company_id, contact_id, order_id, invoice_id;
    char *currency;
    int64_t amount, applied;      /* credit left = amount - applied */
    int method;
    char *account, *paid_on, *note;
    /* read-only */
    char *order_number, *invoice_number, *voided_at, *voided_by, *owner,
         *company_name, *contact_name;
    struct tcrm_stamp stamp;
};

/* One allocation: what a payment paid of an invoice. */
struct tcrm_allocation {
    int64_t payment_id, invoice_id, amount;
    char *payment_number, *invoice_number, *paid_on;
    int payment_voided;
};

struct tcrm_payment_in {
    int64_t invoice_id, order_id;   /* one of these, */
    struct tcrm_customer customer;  /* or a customer (a prepayment) */
    const char *currency;           /* NULL: the invoice's or order's;
                                       for a customer it is required */
    int64_t amount;
    int method;                     /* enum tcrm_pay_method */
    const char *account, *paid_on, *note;   /* paid_on NULL: today */
    const char *pattern;            /* NULL: TCRM_PAYMENT_NUMBER_DEFAULT */
    int prepay;                     /* more than is open: keep as credit */
};

void tcrm_payment_clear(struct tcrm_payment *p);
void tcrm_payment_array_free(struct tcrm_payment *a, size_t n);
void tcrm_allocations_free(struct tcrm_allocation *a, size_t n);

int tcrm_payment_add(struct tcrm_db *db, const struct tcrm_payment_in *in,
                     int64_t *id, struct tcrm_error *err);
int tcrm_payment_get(struct tcrm_db *db, int64_t id, struct tcrm_payment *out,
                     struct tcrm_error *err);
int tcrm_payment_find(struct tcrm_db *db, const char *ref, int64_t *id,
                      struct tcrm_error *err);
int tcrm_payment_void(struct tcrm_db *db, int64_t id, struct tcrm_error *err);
/* Apply the customer's credit (unapplied payments, oldest first) to their
 * open invoices of the same currency, oldest due first. *applied: the
 * sum applied (in minor units of whatever currencies), *n_alloc the
 * allocations written. */
int tcrm_payment_apply(struct tcrm_db *db, const struct tcrm_customer *c,
                       int64_t *applied, size_t *n_alloc,
                       struct tcrm_error *err);
/* Allocations of payment payment_id (invoice_id 0), or to invoice
 * invoice_id (payment_id 0), oldest first. */
int tcrm_allocations(struct tcrm_db *db, int64_t payment_id,
                     int64_t invoice_id, struct tcrm_allocation **out,
                     size_t *n, struct tcrm_error *err);

struct tcrm_payment_filter {
    struct tcrm_customer customer;
    int64_t order_id, invoice_id;
    int with_void;
};
int tcrm_payment_page(struct tcrm_db *db, const struct tcrm_payment_filter *f,
                      int64_t after, int backwards, size_t limit,
                      struct tcrm_payment **out, size_t *n, int *more,
                      struct tcrm_error *err);

#endif
