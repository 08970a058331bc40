/*
 * cmd_quote.h: what cmd_quote.c and cmd_quote_show.c share.
 */
#ifndef TCRM_CMD_QUOTE_H
#define TCRM_CMD_QUOTE_H

#include "cli_internal.h"
#include "tcrm/quote.h"

extern const struct tcrm_cmd cli_quote_show_cmd, cli_quote_list_cmd;
int cli_quote_show(struct tcrm_cli *cli, int argc, char **argv);
int cli_quote_list(struct tcrm_cli *cli, int argc, char **argv);

/* QID (an id or a number) to an id; prints the error (exit 1). */
int cli_quote_id(struct tcrm_db *db, const char *ref, int64_t *id);
/* A document's reference to its id by find (tcrm_quote_find,
 * tcrm_order_find); prints the error (exit 1). */
int cli_doc_id(struct tcrm_db *db, const char *ref, int64_t *id,
               int (*find)(struct tcrm_db *db, const char *ref, int64_t *id,
                           struct tcrm_error *err));
/* The end of `add` options (no arguments; --company or --contact; the
 * ids of --contact and --deal into *contact_id, *deal_id); -1 to go on,
 * else the status to return. */
int cli_doc_customer(const struct tcrm_cmd *cmd, struct cli_opts *o,
                     const char *company, const char *contact,
                     const char *deal, int64_t *contact_id,
                     int64_t *deal_id);
/* The company named by --company (NULL: none) into *id; prints the error
 * (exit 1). */
int cli_doc_company(struct tcrm_db *db, const char *company, int64_t *id);
/* "12.50 CNY" (cur NULL: no suffix) and "12.5" + suffix, kept until the
 * command ends (cli_keep). */
const char *cli_money(int64_t minor, const char *cur);
const char *cli_dec(int64_t v, int places, const char *suffix);
/* "line 2: 3 x Widget at 99.99 (113.00 with tax), less 5%, tax 13%:
 * 284.97 + 37.05 = 322.02 CNY" */
void cli_quote_print_line(struct tcrm_cli *cli, const char *currency,
                          const struct tcrm_quote_line *l);
/* "Q2026-0001: net 284.97, tax 37.05, gross 322.02 CNY" */
void cli_quote_print_totals(struct tcrm_cli *cli, const char *number,
                            int64_t net, int64_t tax, int64_t gross,
                            const char *currency);

/* The options of `quote line` and `order line` (cmd_quote.c). */
struct cli_line_args {
    const char *product, *text, *qty, *price, *discount, *tax, *unit;
    int gross;
};
/* Parse the options of cmd (QID or OID, one) into a; -1 to go on, else
 * the status to return. */
int cli_line_opts(const struct tcrm_cmd *cmd, struct cli_opts *o,
                  struct cli_line_args *a);
/* The values of a into l (exit 1 on a bad one). */
int cli_line_values(const struct cli_line_args *a,
                    struct tcrm_quote_line *l);
/* The start of `quote line` and `order line`: options, values, the
 * database and the document (by id) into a, l, *db and l->quote_id; -1
 * to go on, else the status to return (l cleared). */
int cli_line_start(struct tcrm_cli *cli, const struct tcrm_cmd *cmd,
                   int argc, char **argv,
                   int (*doc_id)(struct tcrm_db *db, const char *ref,
                                 int64_t *id),
                   struct cli_line_args *a, struct tcrm_quote_line *l,
                   struct tcrm_db **db);
/* What a line added to a document says: where its price came from, the
 * line, the document's new totals. */
struct cli_doc_sum {
    const char *number, *currency, *customer;
    int64_t net, tax, gross;
};
void cli_line_added(struct tcrm_cli *cli, const struct tcrm_quote_line *l,
                    const struct tcrm_price_source *src,
                    const struct cli_doc_sum *d);
/* Where a line's price came from, when it was not given. */
void cli_line_source(struct tcrm_cli *cli, const struct tcrm_quote_line *l,
                     const char *currency, const char *customer,
                     const struct tcrm_price_source *src);

#endif
