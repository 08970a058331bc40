/*
 * money_internal.h: what invoice.c, payment.c and receivable.c share.
 * Only src/core.
 */
#ifndef TCRM_MONEY_INTERNAL_H
#define TCRM_MONEY_INTERNAL_H

#include "db_internal.h"
#include "tcrm/receivable.h"

/* What is left to pay of an invoice, and of a payment to apply (SQL
 * expressions over an invoices or payments row aliased a). The one
 * place that says. */
#define TCRM_INVOICE_OPEN(a) "(" a ".amount_minor - " a ".paid_minor)"
#define TCRM_PAYMENT_LEFT(a) "(" a ".amount_minor - " a ".applied_minor)"
/* A live invoice or payment, aliased a. */
#define TCRM_MONEY_LIVE(a) " " a ".voided_at IS NULL "

/* A date of an invoice or payment: empty means today; else YYYY-MM-DD
 * and not after today. out gets the day. field names it in errors. */
int tcrm_money_day(const char *text, const char *field, char out[11],
                   struct tcrm_error *err);

/* Write one allocation (payment pays `amount` of invoice); the triggers
 * of 011_money.sql keep paid_minor and applied_minor. Inside the
 * caller's transaction. */
int tcrm_money_allocate(struct tcrm_db *db, int64_t payment_id,
                        int64_t invoice_id, int64_t amount,
                        struct tcrm_error *err);

/* Apply what is left of payments selected by `which` to open invoices
 * selected by `to` (both literal SQL: "SELECT id, left, currency FROM
 * ... ORDER BY ..." and "SELECT id, open, currency FROM ... ORDER BY
 * ...", binding ?1 and ?2 from k1, k2), matching currencies, oldest
 * first. *applied and *n_alloc are added to. */
int tcrm_money_match(struct tcrm_db *db, const char *which, const char *to,
                     int64_t k1, int64_t k2, int64_t *applied,
                     size_t *n_alloc, struct tcrm_error *err);

/* Void a row: sql is a literal "UPDATE ... SET voided_at = ?1, voided_by =
 * ?2, ... WHERE id = ?3 AND version = ?4 AND voided_at IS NULL";
 * TCRM_ECONFLICT with conflict (an N_() format, %s the row's name) when
 * the row changed since it was read. Inside the caller's transaction. */
int tcrm_money_void(struct tcrm_db *db, const char *sql, int64_t id,
                    int64_t version, const char *what, const char *conflict,
                    const char *name, struct tcrm_error *err);

/* The customer a row names: its company, else its contact. */
struct tcrm_customer tcrm_customer_of(int64_t company_id, int64_t contact_id);

/* The customer must be there, live and seen by the session: TCRM_ENOTFOUND
 * "company 9: not found" otherwise; *owner (may be NULL) its owner,
 * malloc'd. */
int tcrm_customer_check(struct tcrm_db *db, const struct tcrm_customer *c,
                        char **owner, struct tcrm_error *err);

/* Enforced credit limits ([sales] credit_limit = enforce): 0 when adding
 * amount of currency keeps the customer within their limit, or the
 * session may pass it (a manager, an admin); else TCRM_EPERM naming
 * what (an N_() format with %s the document's number, then the owed,
 * the amount and the limit as money). */
int tcrm_credit_enforce(struct tcrm_db *db, const struct tcrm_customer *c,
                        int64_t amount, const char *currency,
                        const char *number, struct tcrm_error *err);

#endif
