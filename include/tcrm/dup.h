/*
 * dup.h: "is this person already here?", the one duplicate check every
 * caller uses (contact add, the form's save, import).
 *
 * A stored contact (not in the trash) is a candidate when it has
 *   - the same e-mail key as any e-mail of c,          reason EMAIL
 *   - the same phone key as any phone of c,            reason PHONE
 *   - the same name key and the same company (or both without one),
 *                                                     reason NAME
 * (normalize.h defines the keys). c->id, when set, is never its own
 * candidate. Every look-up goes through an index.
 */
#ifndef TCRM_DUP_H
#define TCRM_DUP_H

#include "tcrm/contact.h"

enum tcrm_dup_reason {
    TCRM_DUP_EMAIL = 1,
    TCRM_DUP_PHONE = 2,
    TCRM_DUP_NAME = 4
};

struct tcrm_dup_candidate {
    int64_t id;
    char *name, *company;
    int reasons;      /* OR of tcrm_dup_reason */
    char *why;        /* "same e-mail anna@acme.com; same name at Acme Ltd" */
    /* 防撞单: the check looks at every contact, visible or not; of one the
     * acting user may not see (access.h) only the reasons and its owner
     * are told: hidden is 1, name, company and why are NULL, and owner is
     * the owner's display name (their login when not a user). */
    int hidden;
    char *owner;
};

struct tcrm_dup_list {
    struct tcrm_dup_candidate *items;
    size_t n;
};

int tcrm_dup_find(struct tcrm_db *db, const struct tcrm_contact *c,
                  struct tcrm_dup_list *out, struct tcrm_error *err);

/* A company named by a contact but not stored yet (tcrm_dup_first). */
#define TCRM_DUP_NEW_COMPANY (-1)

/* The id of the candidate tcrm_dup_find would list first, 0 when none,
 * without describing it (the import asks this for every row). company is
 * c's company as the caller resolved it: c->company_id, else the id of
 * the stored company named c->company, TCRM_DUP_NEW_COMPANY when that
 * company is not stored yet (then no name match is possible), 0 when c
 * names none. */
int tcrm_dup_first(struct tcrm_db *db, const struct tcrm_contact *c,
                   int64_t company, int64_t *id, struct tcrm_error *err);
void tcrm_dup_list_free(struct tcrm_dup_list *l);

#endif
