/*
 * cmd_order.h: what cmd_order.c and cmd_order_show.c share (and the
 * deal command, which opens an order when a deal is won).
 */
#ifndef TCRM_CMD_ORDER_H
#define TCRM_CMD_ORDER_H

#include "cmd_quote.h"
#include "tcrm/order.h"

extern const struct tcrm_cmd cli_order_show_cmd, cli_order_list_cmd;
int cli_order_show(struct tcrm_cli *cli, int argc, char **argv);
int cli_order_list(struct tcrm_cli *cli, int argc, char **argv);

/* OID (an id or a number) to an id; prints the error (exit 1). */
int cli_order_id(struct tcrm_db *db, const char *ref, int64_t *id);
/* Make an order from accepted quote quote_id and say so (exit status). */
int cli_order_open(struct tcrm_cli *cli, struct tcrm_db *db,
                   int64_t quote_id);
/* "order O2026-0001 waits for a manager's approval (a discount of
 * 15%): tcrm order approve 1", when it does. */
void cli_order_say_waiting(struct tcrm_cli *cli, const struct tcrm_order *o);

#endif
