/*
 * user.h: the people of a database (table users; see access.h for what
 * they may see and do).
 *
 * Only an admin adds, shows, edits or deactivates people (TCRM_EPERM
 * "only an admin may manage people (you are bob, sales)"); anyone lists
 * them. The rules, each checked before anything is written:
 *   - a login is added once (TCRM_EDUP "user bob: already there");
 *   - a manager must be a user (TCRM_ENOTFOUND "--manager zed: not a
 *     user") and may not be the user or anyone under them (TCRM_EINVAL
 *     "--manager ann: a cycle: ann is under bob");
 *   - the last active admin keeps that role and stays active (TCRM_EINVAL
 *     "user ann: the last admin; make another admin first").
 * Every change is written to the audit trail (entity "user").
 */
#ifndef TCRM_USER_H
#define TCRM_USER_H

#include <stdint.h>

#include "tcrm/db.h"

struct tcrm_user {
    int64_t id;
    char *login;
    char *name;        /* display name */
    int role;          /* enum tcrm_role (access.h) */
    char *manager;     /* login, NULL for none */
    int active;
    char *created_at, *updated_at;
};

void tcrm_user_free(struct tcrm_user *u);
void tcrm_user_array_free(struct tcrm_user *a, size_t n);

/* What an add or edit sets; NULL/0/-1 leaves a field as it is (add: name
 * defaults to the login, active to 1). manager "" removes the manager. */
struct tcrm_user_change {
    const char *name;
    int role;          /* 0: keep */
    const char *manager;
    int active;        /* -1: keep, 0 or 1 */
};

int tcrm_user_add(struct tcrm_db *db, const char *login,
                  const struct tcrm_user_change *c, struct tcrm_error *err);
int tcrm_user_edit(struct tcrm_db *db, const char *login,
                   const struct tcrm_user_change *c, struct tcrm_error *err);
/* TCRM_ENOTFOUND "user zed: not found". */
int tcrm_user_get(struct tcrm_db *db, const char *login,
                  struct tcrm_user *out, struct tcrm_error *err);
/* Everybody, by login. */
int tcrm_user_list(struct tcrm_db *db, struct tcrm_user **out, size_t *n,
                   struct tcrm_error *err);

#endif
