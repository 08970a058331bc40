/*
 * pool.c: the public pool rule (see include/tcrm/pool.h).
 *
 * settings rows: pool_after_days (absent or 0: off) and pool_released_on
 * (the day the release last ran). The release reads the two ranges of
 * the partial index contacts_quiet (last interaction before the cut-off;
 * never contacted and added before it), the same cut-off as gone-quiet
 * with N days: a contact last heard of on today - N goes back today.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "tcrm/access.h"
#include "tcrm/date.h"
#include "tcrm/pool.h"
#include "tcrm/search.h"

static int setting_int(struct tcrm_db *db, const char *key, int *out,
                       struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT value FROM settings WHERE key = ?1", err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    tcrm_db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? 0 : tcrm_db_fail(db, "settings", err);
}

static int setting_put(struct tcrm_db *db, const char *key, const char *value,
                       struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "INSERT OR REPLACE INTO settings(key, value) VALUES (?1, ?2)", err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
    return tcrm_db_step_done(db, st, "settings", err);
}

int tcrm_pool_after_days(struct tcrm_db *db, int *days, struct tcrm_error *err)
{
    return setting_int(db, "pool_after_days", days, err);
}

int tcrm_pool_set_after_days(struct tcrm_db *db, int days,
                             struct tcrm_error *err)
{
    if (days < 0 || days > TCRM_POOL_MAX_DAYS)
        return tcrm_error_field(err, TCRM_EINVAL, "pool-after-days",
                                "pool after days: %d is not from 0 to %d",
                                days, TCRM_POOL_MAX_DAYS);
    if (tcrm_access_owned(db) && tcrm_access_role(db) != TCRM_ROLE_ADMIN)
        return tcrm_error_set(err, TCRM_EPERM, "pool after days: only an "
                              "admin may change it");
    char value[16], details[48];
    snprintf(value, sizeof value, "%d", days);
    snprintf(details, sizeof details, "pool_after_days=%d", days);
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = setting_put(db, "pool_after_days", value, err);
    if (rc == 0)   /* a new rule applies from the next open on */
        rc = tcrm_db_exec(db, "DELETE FROM settings"
                          " WHERE key = 'pool_released_on'", err);
    if (rc == 0)
        rc = tcrm_db_audit(db, "settings", 0, "edit", details, err);
    return tcrm_db_end(db, rc, err);
}

/* Whether today's release is still to do: the rule is on, the file is in
 * owned mode, and it has not run today. */
static int release_due(struct tcrm_db *db, const char *today, int *days,
                       struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT (SELECT value FROM settings WHERE key = 'access_mode'),"
        " (SELECT value FROM settings WHERE key = 'pool_released_on')", err);
    if (!st)
        return -1;
    int rc = sqlite3_step(st), due = 0;
    if (rc == SQLITE_ROW) {
        const char *mode = (const char *)sqlite3_column_text(st, 0);
        const char *on = (const char *)sqlite3_column_text(st, 1);
        due = mode && strcmp(mode, "owned") == 0 &&
              !(on && strcmp(on, today) == 0);
    }
    tcrm_db_done(st);
    if (rc != SQLITE_ROW) {
        tcrm_db_fail(db, "settings", err);
        return -1;
    }
    if (due && setting_int(db, "pool_after_days", days, err))
        return -1;
    return due && *days > 0;
}

/* The day a contact's pool clock started: its last interaction (or its
 * creation), or its last claim or assignment when later: whoever takes a
 * customer gets the full N days. */
#define POOL_SINCE(c)                                                      \
    "max(coalesce(" c ".last_interaction_at, " c ".created_at),"           \
    " coalesce((SELECT max(a.at) FROM audit_log a WHERE a.entity ="        \
    " 'contact' AND a.entity_id = " c ".id AND a.action IN ('claim',"      \
    " 'assign')), ''))"

/* Run the release (st returns the ids it put back in the pool), then
 * write those contacts' index entries again: the pool's token replaces
 * their owner's (search_see.c). */
static int released_ids(struct tcrm_db *db, sqlite3_stmt *st,
                        int64_t *released, struct tcrm_error *err)
{
    int64_t *ids = NULL;
    size_t n = 0, cap = 0;
    int s = SQLITE_DONE, rc = 0;
    while (rc == 0 && (s = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            int64_t *a = realloc(ids, cap * sizeof *a);
            if (!a)
                rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
            else
                ids = a;
        }
        if (rc == 0)
            ids[n++] = sqlite3_column_int64(st, 0);
    }
    if (rc == 0 && s != SQLITE_DONE)
        rc = tcrm_db_fail(db, "pool", err);
    tcrm_db_done(st);
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = tcrm_search_index_contact(db, ids[i], err);
    *released = rc ? 0 : (int64_t)n;
    free(ids);
    return rc;
}

int tcrm_pool_release(struct tcrm_db *db, const char *today, int64_t *released,
                      struct tcrm_error *err)
{
    int days = 0;
    *released = 0;
    int due = release_due(db, today, &days, err);    /* cheap, no lock */
    if (due <= 0)
        return due < 0 ? TCRM_EDB : 0;
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    due = release_due(db, today, &days, err);         /* another was first */
    char cut[11];
    tcrm_date_add_days(today, 1 - days, cut);
    if (due > 0)
        rc = tcrm_db_audit_action(db, "pool", err);
    /* The two ranges of contacts_quiet give the candidates; the claim
     * test runs on those only. */
    sqlite3_stmt *st = due > 0 && rc == 0 ? tcrm_db_prepare(db,
        "UPDATE contacts SET owner = NULL WHERE id IN ("
        " SELECT c.id FROM contacts c INDEXED BY contacts_quiet"
        "  WHERE c.deleted_at IS NULL AND c.last_interaction_at < ?1"
        "  AND c.owner IS NOT NULL AND " POOL_SINCE("c") " < ?1"
        " UNION ALL SELECT c.id FROM contacts c INDEXED BY contacts_quiet"
        "  WHERE c.deleted_at IS NULL AND c.last_interaction_at IS NULL"
        "  AND c.created_at < ?1 AND c.owner IS NOT NULL"
        "  AND " POOL_SINCE("c") " < ?1) RETURNING id", err) : NULL;
    if (due < 0)
        rc = TCRM_EDB;
    else if (due > 0 && rc == 0 && !st)
        rc = TCRM_EDB;
    if (st) {
        sqlite3_bind_text(st, 1, cut, -1, SQLITE_TRANSIENT);
        rc = released_ids(db, st, released, err);
    }
    if (rc == 0 && due > 0)
        rc = setting_put(db, "pool_released_on", today, err);
    return tcrm_db_end(db, rc, err);
}

int tcrm_pool_soon(struct tcrm_db *db, const char *today, size_t limit,
                   struct tcrm_quiet_contact **out, size_t *n,
                   struct tcrm_error *err)
{
    int days = 0;
    *out = NULL;
    *n = 0;
    if (!tcrm_access_owned(db))
        return 0;
    int rc = tcrm_pool_after_days(db, &days, err);
    if (rc || days <= 0)
        return rc;
    char cut[11];
    tcrm_date_add_days(today, 1 + TCRM_POOL_WARN_DAYS - days, cut);
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT * FROM (SELECT c.id, c.name, co.name, c.owner,"
        " c.last_interaction_at, " POOL_SINCE("c") " AS since"
        " FROM contacts c LEFT JOIN companies co ON co.id = c.company_id"
        " WHERE c.owner = ?1 AND c.deleted_at IS NULL"
        " AND coalesce(c.last_interaction_at, c.created_at) < ?2)"
        " WHERE since < ?2 ORDER BY since, 1 LIMIT ?3", err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_text(st, 1, tcrm_db_login(db), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, cut, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, limit > INT64_MAX ? INT64_MAX : (int64_t)limit);
    int s = SQLITE_DONE;
    while (rc == 0 && (s = sqlite3_step(st)) == SQLITE_ROW) {
        void *p = realloc(*out, (*n + 1) * sizeof **out);
        if (!p || tcrm_quiet_read(st, today, &((struct tcrm_quiet_contact *)p)[*n])) {
            if (p)
                *out = p;
            rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
            break;
        }
        *out = p;
        (*n)++;
    }
    if (rc == 0 && s != SQLITE_DONE)
        rc = tcrm_db_fail(db, "pool", err);
    tcrm_db_done(st);
    return rc;
}
