/*
 * quote_internal.h: what quote.c and quote_line.c share. Only src/core.
 */
#ifndef TCRM_QUOTE_INTERNAL_H
#define TCRM_QUOTE_INTERNAL_H

#include "tcrm/quote.h"

/* The next number of `pattern` (NULL: the default), counted in
 * doc_numbers; inside the caller's transaction. */
int tcrm_quote_next_number(struct tcrm_db *db, const char *pattern,
                           char *out, size_t cap, struct tcrm_error *err);
/* Insert q as a new draft (links checked, numbered); inside the caller's
 * transaction. Fills q->id, q->number, q->version. */
int tcrm_quote_insert_row(struct tcrm_db *db, struct tcrm_quote *q,
                          const char *pattern, struct tcrm_error *err);
/* Bump q's version (the guards of access.c decide), setting state when
 * not NULL; TCRM_ECONFLICT when q->version is no longer the stored one. */
int tcrm_quote_bump(struct tcrm_db *db, const struct tcrm_quote *q,
                    const char *set_state, struct tcrm_error *err);

#endif
