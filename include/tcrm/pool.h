/*
 * pool.h: customers that go back to the public pool (公海).
 *
 * An office may set pool_after_days = N (a database setting, `tcrm setting
 * pool-after-days N`; 0, the default, turns it off). In owned mode a
 * contact whose owner has had no interaction with it for N whole days (or
 * that was never contacted N days after it was added) loses its owner and
 * returns to the pool, where anyone may claim it. The release runs at most
 * once a day, on the first writable open of that day, for the whole
 * database, before the session's access rules exist; each contact's owner
 * change is in the audit trail with the action "pool". Its open deals and
 * follow-ups stay with the old owner.
 *
 * A week before, `tcrm due` warns the owner (tcrm_pool_soon).
 */
#ifndef TCRM_POOL_H
#define TCRM_POOL_H

#include <stddef.h>
#include <stdint.h>

#include "tcrm/db.h"
#include "tcrm/error.h"
#include "tcrm/followup.h"

#define TCRM_POOL_MAX_DAYS 3650
#define TCRM_POOL_WARN_DAYS 7

/* The setting (0: off). */
int tcrm_pool_after_days(struct tcrm_db *db, int *days, struct tcrm_error *err);
/* Change it: 0..TCRM_POOL_MAX_DAYS (else TCRM_EINVAL, field
 * "pool-after-days"); in owned mode an admin only (TCRM_EPERM). Audited. */
int tcrm_pool_set_after_days(struct tcrm_db *db, int days,
                             struct tcrm_error *err);

/* The daily release (db.c runs it at open); *released: how many contacts
 * went back to the pool (0 when off, in open mode, or done today). */
int tcrm_pool_release(struct tcrm_db *db, const char *today, int64_t *released,
                      struct tcrm_error *err);

/* The acting user's own contacts that go back to the pool within
 * TCRM_POOL_WARN_DAYS days, longest silence first, at most limit; each
 * row's days is its silence so far (it returns on day N). *n = 0 when the
 * rule is off or in open mode. */
int tcrm_pool_soon(struct tcrm_db *db, const char *today, size_t limit,
                   struct tcrm_quiet_contact **out, size_t *n,
                   struct tcrm_error *err);

#endif
