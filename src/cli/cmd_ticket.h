/*
 * cmd_ticket.h: what cmd_ticket.c and cmd_ticket_state.c share.
 */
#ifndef TCRM_CMD_TICKET_H
#define TCRM_CMD_TICKET_H

#include "cmd_quote.h"
#include "tcrm/ticket.h"

/* The subcommands of cmd_ticket_state.c, run by the group's table. */
extern const struct tcrm_cmd cli_ticket_assign_cmd, cli_ticket_note_cmd,
    cli_ticket_wait_cmd, cli_ticket_resolve_cmd, cli_ticket_close_cmd,
    cli_ticket_reopen_cmd, cli_ticket_rate_cmd;

/* TID (an id or a number) to an id; prints the error (exit 1). */
int cli_ticket_id(struct tcrm_db *db, const char *ref, int64_t *id);
/* The ticket's hours of [service] for the core. */
void cli_ticket_hours(const struct tcrm_cli *cli,
                      struct tcrm_ticket_hours *h);
/* Where the ticket's clock stands at now: "overdue 3 hours", "due in 5
 * hours", "stopped" (waiting), "" (resolved, closed). Ring-owned. */
const char *cli_ticket_clock(const struct tcrm_ticket *t, const char *now);

#endif
