/*
 * receivable.h: what customers owe (应收款): balances, payment terms and
 * credit limits, aging, what falls due, and what was received.
 *
 * One rule says what is owed, used by all of these and by `tcrm check`:
 *   owed by a customer = its live invoices - its live payments
 *                      = open invoices (amount - paid) - credit
 * where credit is what is left unapplied of its live payments. Rows are
 * those the session sees (access.h); amounts stay in their currency
 * here: the report layer converts them into the base currency (rate.h).
 *
 * Aging: an open invoice is not yet due until its due date has passed;
 * then it is overdue by (as-of - due) days, in the buckets 1-30, 31-60,
 * 61-90, 91-180 and over 180. As of today (or later) the stored paid
 * amounts are used; as of an earlier day only invoices issued and
 * payments made on or before it count, so the aging of a past day is
 * what it was then.
 */
#ifndef TCRM_RECEIVABLE_H
#define TCRM_RECEIVABLE_H

#include "tcrm/invoice.h"

/* ---- a customer's terms and balance ------------------------------------------ */

struct tcrm_terms {
    int payment_days;              /* -1: [sales] payment_days */
    int64_t credit_limit;          /* minor units of the base currency;
                                      -1: no limit */
};
/* The customer's terms (-1, -1 when none stored). */
int tcrm_terms_get(struct tcrm_db *db, const struct tcrm_customer *c,
                   struct tcrm_terms *out, struct tcrm_error *err);
/* Set the terms (a field of -2 is left as it is; -1 clears it): managers
 * and admins only (TCRM_EPERM), of a customer the session sees. */
int tcrm_terms_set(struct tcrm_db *db, const struct tcrm_customer *c,
                   const struct tcrm_terms *t, struct tcrm_error *err);

/* A customer's account in one currency. */
struct tcrm_balance {
    char currency[4];
    int64_t invoiced, paid;        /* live invoices; live payments */
    int64_t open, overdue;         /* open invoices; the overdue part */
    int64_t credit;                /* payments left unapplied */
    int64_t owed;                  /* invoiced - paid = open - credit */
    int64_t n_open;                /* open invoices */
};
/* Per currency, as of today; *n 0 when the customer has no invoices and
 * no payments. A customer the session does not see: TCRM_ENOTFOUND. */
int tcrm_balance_get(struct tcrm_db *db, const struct tcrm_customer *c,
                     struct tcrm_balance **out, size_t *n,
                     struct tcrm_error *err);

/* ---- credit limits ------------------------------------------------------------ */

enum tcrm_credit_policy { TCRM_CREDIT_WARN, TCRM_CREDIT_ENFORCE };
/* [sales] credit_limit and base_currency, for this connection: said once
 * by the front end after opening (defaults: warn, CNY). */
void tcrm_credit_configure(struct tcrm_db *db, int policy, const char *base);

/* Would adding `amount` of `currency` take the customer past their
 * limit? out->over 1 when so; the figures in the base currency. A
 * customer without a limit is never over. A currency without a rate:
 * the error of rate.h. */
struct tcrm_credit {
    int over, has_limit;
    int64_t limit, owed, adding;   /* base currency minor units */
    char base[4];
};
int tcrm_credit_check(struct tcrm_db *db, const struct tcrm_customer *c,
                      int64_t amount, const char *currency,
                      struct tcrm_credit *out, struct tcrm_error *err);

/* ---- aging ------------------------------------------------------------------------ */

#define TCRM_AGING_BUCKETS 5     /* 1-30, 31-60, 61-90, 91-180, 181+ */
extern const int tcrm_aging_edges[TCRM_AGING_BUCKETS]; /* 30,60,90,180,INT_MAX */

struct tcrm_aging_row {
    struct tcrm_customer customer;
    char *name;                    /* the company's or contact's name */
    char *owner;                   /* the customer's owner */
    char currency[4];
    int64_t not_due;
    int64_t overdue[TCRM_AGING_BUCKETS];
    int64_t credit;                /* unapplied payments (subtract) */
    int64_t n_open;
};
struct tcrm_aging_opts {
    const char *as_of;             /* NULL: today */
    const char *owner;             /* only invoices owned by this login */
    struct tcrm_customer customer; /* 0, 0: every customer */
};
/* One row per customer and currency with anything open or any credit,
 * in no particular order. */
int tcrm_aging(struct tcrm_db *db, const struct tcrm_aging_opts *o,
               struct tcrm_aging_row **out, size_t *n,
               struct tcrm_error *err);
void tcrm_aging_free(struct tcrm_aging_row *a, size_t n);
/* The bucket of d days overdue (d >= 1): 0..TCRM_AGING_BUCKETS-1. */
int tcrm_aging_bucket(int days);

/* ---- falling due ------------------------------------------------------------------ */

/* Open invoices due on or before `until` (YYYY-MM-DD), overdue first
 * (oldest due first), at most limit; *total how many there are. */
int tcrm_invoice_due(struct tcrm_db *db, const char *until, size_t limit,
                     struct tcrm_invoice **out, size_t *n, int64_t *total,
                     struct tcrm_error *err);

/* ---- received ---------------------------------------------------------------------- */

/* Live payments made from `from` to `to` (YYYY-MM-DD, inclusive), summed
 * by day, method, account, owner and currency: a day's sum is converted
 * with that day's rate, and the report adds days up into months. */
struct tcrm_pay_sum {
    int method;
    char *account, *owner;
    char day[11], currency[4];
    int64_t amount, count;
};
int tcrm_payment_sums(struct tcrm_db *db, const char *from, const char *to,
                      const char *owner, struct tcrm_pay_sum **out,
                      size_t *n, struct tcrm_error *err);
void tcrm_pay_sums_free(struct tcrm_pay_sum *a, size_t n);

#endif
