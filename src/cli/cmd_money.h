/*
 * cmd_money.h: what cmd_invoice.c, cmd_payment.c and cmd_balance.c share.
 */
#ifndef TCRM_CMD_MONEY_H
#define TCRM_CMD_MONEY_H

#include "cmd_order.h"
#include "tcrm/invoice.h"

/* IID or PID (an id or a number) to an id; prints the error (exit 1). */
int cli_invoice_id(struct tcrm_db *db, const char *ref, int64_t *id);
int cli_payment_id(struct tcrm_db *db, const char *ref, int64_t *id);

/* --company NAME / --contact ID as a customer, once the database is open:
 * exactly one must be given (usage error, 2, otherwise: checked before
 * opening by cli_customer_given). */
int cli_customer_given(const struct tcrm_cmd *cmd, const char *company,
                       const char *contact);
int cli_customer(const struct tcrm_cmd *cmd, struct tcrm_db *db,
                 const char *company, const char *contact,
                 struct tcrm_customer *c);

/* An amount option: exit 1 with "--amount: ..." when bad (and, for
 * --amount itself, when it is 0). */
int cli_amount(const struct tcrm_cmd *cmd, const char *opt, const char *s,
               int64_t *minor);
/* A day option (--date, --due) as YYYY-MM-DD in out (tcrm_date_parse). */
int cli_day(const struct tcrm_cmd *cmd, const char *opt, const char *s,
            char out[11]);

/* "warning: Acme Ltd would owe 12,000.00 CNY, past their credit limit of
 * 10,000.00 CNY" on stderr, when adding amount of currency takes the
 * customer past their limit ([sales] credit_limit = warn; with enforce
 * the core refuses instead). Says nothing when it cannot tell (no rate). */
void cli_credit_warn(struct tcrm_cli *cli, struct tcrm_db *db,
                     const struct tcrm_customer *c, const char *name,
                     int64_t amount, const char *currency);

/* `invoice void IID`, `payment void PID`: the reference (metavar) by
 * id_of, void_fn, then say what was voided. */
int cli_money_void(struct tcrm_cli *cli, const struct tcrm_cmd *cmd,
                   int argc, char **argv, const char *metavar,
                   int (*id_of)(struct tcrm_db *db, const char *ref,
                                int64_t *id),
                   int (*void_fn)(struct tcrm_db *db, int64_t id,
                                  struct tcrm_error *err),
                   void (*say)(struct tcrm_cli *cli, struct tcrm_db *db,
                               int64_t id));

/* The word of an invoice's state: voided, paid, overdue, open. */
const char *cli_invoice_state(const struct tcrm_invoice *v, const char *today);

#endif
