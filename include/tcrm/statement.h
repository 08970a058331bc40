/*
 * statement.h: the rows of a customer's statement of account (对账单):
 * their live invoices and payments up to a day, oldest first, for the
 * printable statement of src/report (document.h, tcrm_statement_make).
 *
 * The customer is a company, or a contact without one (struct
 * tcrm_customer of invoice.h); a contact of a company stands for its
 * company (tcrm_statement_customer). Rows are those the session sees
 * (access.h); voided invoices and payments are left out. As of a day,
 * only invoices issued and payments made on or before it count, and
 * what is open of an invoice (or left of a payment) is what it was
 * then, by the same rule as the aging of receivable.h. Amounts stay in
 * their currency: a customer billed in two currencies has two accounts.
 *
 * Order: per currency (by code), the opening balance first, then by day,
 * invoices before payments of the same day, then by id.
 */
#ifndef TCRM_STATEMENT_H
#define TCRM_STATEMENT_H

#include "tcrm/invoice.h"

enum tcrm_stmt_kind { TCRM_STMT_OPENING, TCRM_STMT_INVOICE,
                      TCRM_STMT_PAYMENT };

struct tcrm_stmt_row {
    int kind;                      /* enum tcrm_stmt_kind */
    int64_t id;
    char *number;                  /* NULL: an opening balance */
    char *ref;                     /* invoice: its order's number;
                                      payment: its invoice's, else its
                                      order's number; NULL: none */
    char *account, *note;          /* payments; note of either */
    int method;                    /* payments: enum tcrm_pay_method */
    char day[11], due[11];         /* issued or paid on; due (invoices) */
    char currency[4];
    int64_t amount;                /* minor units, > 0 */
    int64_t open;                  /* invoices: left to pay as of the day;
                                      payments: left unapplied then */
};

/* Whom a statement is for: company_id, or contact_id (its company when
 * it has one). Checks the customer is there and seen (TCRM_ENOTFOUND
 * "company 9: not found"); *name (malloc'd) its name. */
int tcrm_statement_customer(struct tcrm_db *db, int64_t company_id,
                            int64_t contact_id, struct tcrm_customer *out,
                            char **name, struct tcrm_error *err);

/* The rows of customer c up to as_of (YYYY-MM-DD; NULL: today). *n 0
 * when there are none. */
int tcrm_statement_rows(struct tcrm_db *db, const struct tcrm_customer *c,
                        const char *as_of, struct tcrm_stmt_row **out,
                        size_t *n, struct tcrm_error *err);
void tcrm_statement_rows_free(struct tcrm_stmt_row *a, size_t n);

#endif
