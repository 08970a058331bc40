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
/* Where a line's price came from, when it was not given. */
void cli_line_source(struct tcrm_cli *cli, const struct tcrm_quote_line *l,
                     const char *currency, const char *customer,
                     const struct tcrm_price_source *src);

#endif
