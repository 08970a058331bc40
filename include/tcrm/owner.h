/*
 * owner.h: moving, sharing and claiming records (客户权限, 公海).
 *
 * entity is "contact", "company" or "deal" (claim: contact or company).
 * Each call is one transaction and lands in the audit trail. The row must
 * be visible to the acting user (else TCRM_ENOTFOUND "contact 5: not
 * found"), the named user a user (TCRM_ENOTFOUND "--to zed: not a user")
 * and active (TCRM_EINVAL "--to bob: deactivated").
 *
 * assign: the new owner is `to`. Moving a contact or company moves its
 * open follow-ups and open deals that were its owner's; interactions stay
 * with who logged them. In owned mode (access.h) an admin moves anything;
 * a manager moves rows of the people under them to the people under them
 * (TCRM_EPERM "contact 5: owned by wang, who is not under you", "--to
 * li: not under you"); a salesperson gives away only their own
 * (TCRM_EPERM "contact 5: owned by wang; a salesperson gives away only
 * their own"); a clerk moves nothing.
 *
 * share / unshare: `with` (not oneself: TCRM_EINVAL "--with ann: that is
 * you") may see the row, and with read_only 0 change it; only someone who
 * may change the row shares it (TCRM_EPERM "contact 5: not yours to
 * share"). unshare of a share that is not there: TCRM_ENOTFOUND.
 *
 * claim: take a row of the public pool (no owner). First come wins: the
 * update is conditional, so of two claims at once one gets
 * TCRM_ECONFLICT "contact 5: already owned by bob". Never for a clerk.
 */
#ifndef TCRM_OWNER_H
#define TCRM_OWNER_H

#include <stdint.h>

#include "tcrm/db.h"

struct tcrm_assign_result {
    int64_t followups, deals;   /* open ones that moved with the row */
};

int tcrm_owner_assign(struct tcrm_db *db, const char *entity, int64_t id,
                      const char *to, struct tcrm_assign_result *res,
                      struct tcrm_error *err);
/* The same move for a row of any owned kind without a pool (a ticket),
 * nothing moving with it, inside the caller's transaction (the caller
 * writes its own history). */
int tcrm_owner_move(struct tcrm_db *db, const char *entity, int64_t id,
                    const char *to, struct tcrm_error *err);
int tcrm_owner_share(struct tcrm_db *db, const char *entity, int64_t id,
                     const char *with, int read_only, struct tcrm_error *err);
int tcrm_owner_unshare(struct tcrm_db *db, const char *entity, int64_t id,
                       const char *with, struct tcrm_error *err);
int tcrm_owner_claim(struct tcrm_db *db, const char *entity, int64_t id,
                     struct tcrm_error *err);

/* The ids of the live contacts the user sees that `owner` owns, by id
 * (malloc'd array; free() it). */
int tcrm_owner_contact_ids(struct tcrm_db *db, const char *owner,
                           int64_t **ids, size_t *n, struct tcrm_error *err);

#endif
