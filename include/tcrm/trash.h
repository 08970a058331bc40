/*
 * trash.h: deleted companies, contacts, deals, interactions and follow-ups.
 * Deleting sets deleted_at; restore clears it. Items are named
 * "contact/42", "company/7", "deal/3", "interaction/9", "follow-up/5".
 */
#ifndef TCRM_TRASH_H
#define TCRM_TRASH_H

#include "tcrm/db.h"

struct tcrm_trash_item {
    char *ref;          /* "contact/42" */
    char *label;        /* name or title */
    char *deleted_at, *deleted_by;
};

/* Newest deletion first, at most limit. */
int tcrm_trash_list(struct tcrm_db *db, size_t limit,
                    struct tcrm_trash_item **out, size_t *n,
                    struct tcrm_error *err);
void tcrm_trash_array_free(struct tcrm_trash_item *a, size_t n);
/* ref "contact/42", or a bare "42" when exactly one trashed item has that
 * id (else TCRM_EINVAL "42 is ambiguous: contact/42, deal/42"). */
int tcrm_trash_restore(struct tcrm_db *db, const char *ref,
                       struct tcrm_error *err);

#endif
