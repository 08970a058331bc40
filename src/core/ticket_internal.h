/*
 * ticket_internal.h: what ticket.c and ticket_state.c share. Only
 * src/core.
 */
#ifndef TCRM_TICKET_INTERNAL_H
#define TCRM_TICKET_INTERNAL_H

#include "db_internal.h"
#include "tcrm/ticket.h"

/* Write one line of a ticket's history (inside the caller's
 * transaction): kind as the schema says, from/to the states (or the
 * owners of an assign), text. */
int tcrm_ticket_event(struct tcrm_db *db, int64_t id, const char *kind,
                      const char *from, const char *to, const char *text,
                      struct tcrm_error *err);
/* Step an UPDATE of ticket t that bumps its version (bound by the
 * caller; "... WHERE id = ? AND version = ?"): TCRM_ECONFLICT when t
 * changed since it was read. Resets st. */
int tcrm_ticket_bumped(struct tcrm_db *db, sqlite3_stmt *st,
                       const struct tcrm_ticket *t, struct tcrm_error *err);
/* "subject: must not be empty". */
int tcrm_ticket_subject_check(const char *subject, struct tcrm_error *err);

#endif
