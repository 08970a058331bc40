/*
 * db_tx.c: transactions, the audit actor and tcrm's own audit rows
 * (db_internal.h).
 *
 * Transactions nest by counting: the outermost tcrm_db_begin issues BEGIN
 * IMMEDIATE (so a second writer waits for the busy timeout up front, never
 * in the middle), inner levels only count. A rollback at any level marks
 * the transaction failed; the outermost end then rolls everything back.
 * The audit triggers (schema 6) read who acts, and the action, from the
 * one-row table audit_actor, which the outermost begin fills and the end
 * clears.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "tcrm/date.h"

/* ---- transactions ----------------------------------------------------- */

/* Back to the default once a tcrm_db_begin_many transaction is over. */
static void end_temp_memory(struct tcrm_db *db)
{
    if (db->tx_temp_memory && sqlite3_get_autocommit(db->sql)) {
        sqlite3_exec(db->sql, "PRAGMA temp_store = DEFAULT", NULL, NULL,
                     NULL);
        db->tx_temp_memory = 0;
        /* The pragma dropped the access scope; without it every read
         * fails ("no such table"), never shows too much. */
        tcrm_access_scope(db, NULL);
    }
}

/* PRAGMA schema_version: it changes with every CREATE, DROP or ALTER,
 * which sqlite3_total_changes does not count. -1 when it cannot be read. */
static int64_t schema_cookie(struct tcrm_db *db)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, "PRAGMA schema_version", NULL);
    int64_t v = st && sqlite3_step(st) == SQLITE_ROW
              ? sqlite3_column_int64(st, 0) : -1;
    tcrm_db_done(st);
    return v;
}

/* The audit triggers' acting user and clock (audit_actor, schema 6), set
 * at the start of every write transaction and cleared before its commit,
 * so that a change made outside tcrm never finds them set. */
static int actor_set(struct tcrm_db *db, struct tcrm_error *err)
{
    char now[20];
    db->actor_set = 0;
    if (!db->audit_ready)
        return 0;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "UPDATE audit_actor SET who = ?1, at = ?2, action = NULL"
        " WHERE id = 1", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    tcrm_db_now(now);
    sqlite3_bind_text(st, 1, db->user, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
    int rc = tcrm_db_step_done(db, st, db->path, err);
    if (rc == 0) {
        db->actor_set = 1;
        db->tx_serial++;
        db->changes_at_begin = sqlite3_total_changes64(db->sql);
        db->schema_at_begin = schema_cookie(db);
    }
    return rc;
}

int tcrm_db_audit_action(struct tcrm_db *db, const char *action,
                         struct tcrm_error *err)
{
    if (!db->actor_set)
        return 0;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "UPDATE audit_actor SET action = ?1 WHERE id = 1", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    tcrm_db_bind_text(st, 1, action);
    return tcrm_db_step_done(db, st, db->path, err);
}

/* Before COMMIT: 1 when the transaction changed nothing but audit_actor,
 * no row and no table (then it is rolled back instead: nothing at all is
 * written, not even a WAL frame), else 0 with audit_actor cleared, or an
 * error. */
static int actor_clear(struct tcrm_db *db, struct tcrm_error *err)
{
    if (!db->actor_set)
        return 0;
    db->actor_set = 0;
    if (sqlite3_total_changes64(db->sql) == db->changes_at_begin &&
        schema_cookie(db) == db->schema_at_begin)
        return 1;
    return tcrm_db_exec(db, "UPDATE audit_actor SET who = NULL, at = NULL,"
                        " action = NULL WHERE id = 1", err);
}

int tcrm_db_begin(struct tcrm_db *db, struct tcrm_error *err)
{
    /* SQLite lets a read-only connection BEGIN IMMEDIATE and fails only at
     * the first write, with the entity's name; say which file, up front. */
    if (db->tx_depth == 0 && sqlite3_db_readonly(db->sql, "main") == 1)
        return tcrm_error_set(err, TCRM_EREADONLY, "%s: cannot write "
                              "(read-only)", db->path);
    if (db->tx_depth == 0) {
        if (sqlite3_exec(db->sql, "BEGIN IMMEDIATE", NULL, NULL, NULL)
            != SQLITE_OK)
            return tcrm_db_fail(db, db->path, err);
        db->tx_failed = 0;
        int rc = actor_set(db, err);
        if (rc) {
            sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
            return rc;
        }
    }
    db->tx_depth++;
    return 0;
}

/* Statement journals (the old copy of each page one statement changes,
 * kept so that statement alone can be undone) go to a temporary file
 * once past 64 KiB, and a contact insert with its indexes and triggers
 * passes that every time: an import spent a quarter of its CPU writing
 * /var/tmp. With temp_store = MEMORY they stay in memory. It is set only
 * for transactions of many one-row statements; for the whole connection
 * it would also keep large sorts in memory (tcrm check at a million
 * contacts: 398 MB instead of 39 MB). SQLite reads it when the
 * transaction begins, and it cannot change inside one. */
int tcrm_db_begin_many(struct tcrm_db *db, struct tcrm_error *err)
{
    if (db->tx_depth == 0 && !db->tx_temp_memory) {
        if (tcrm_db_exec(db, "PRAGMA temp_store = MEMORY", err))
            return err->code;
        db->tx_temp_memory = 1;
        if (tcrm_access_scope(db, err)) {   /* dropped by the pragma */
            end_temp_memory(db);
            return err->code;
        }
    }
    int rc = tcrm_db_begin(db, err);
    if (rc)
        end_temp_memory(db);
    return rc;
}

int tcrm_db_commit(struct tcrm_db *db, struct tcrm_error *err)
{
    if (db->tx_depth <= 0)
        return tcrm_error_set(err, TCRM_EDB, "%s: commit without a "
                              "transaction", db->path);
    if (--db->tx_depth > 0)
        return 0;
    if (db->tx_failed) {
        sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
        db->tx_failed = 0;
        db->actor_set = 0;
        end_temp_memory(db);
        return tcrm_error_set(err, TCRM_EDB, "%s: nothing was saved (a step "
                              "of the change failed)", db->path);
    }
    int clear = actor_clear(db, err);
    if (clear) {
        sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
        end_temp_memory(db);
        return clear > 0 ? 0 : clear;
    }
    if (sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        int rc = tcrm_db_fail(db, db->path, err);
        sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
        end_temp_memory(db);
        return rc;
    }
    db->local_changes++;
    end_temp_memory(db);
    return 0;
}

void tcrm_db_rollback(struct tcrm_db *db)
{
    if (!db || db->tx_depth <= 0)
        return;
    if (--db->tx_depth > 0) {
        db->tx_failed = 1;
        return;
    }
    db->tx_failed = 0;
    db->actor_set = 0;
    if (!sqlite3_get_autocommit(db->sql))
        sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
    end_temp_memory(db);
}

int tcrm_db_end(struct tcrm_db *db, int rc, struct tcrm_error *err)
{
    if (rc == 0)
        return tcrm_db_commit(db, err);
    tcrm_db_rollback(db);
    return rc;
}

uint64_t tcrm_db_change_stamp(struct tcrm_db *db)
{
    uint64_t dv = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, "PRAGMA data_version", NULL);
    if (st && sqlite3_step(st) == SQLITE_ROW)
        dv = (uint64_t)sqlite3_column_int64(st, 0);
    tcrm_db_done(st);
    return (dv << 32) ^ db->local_changes;
}

/* ---- audit ------------------------------------------------------------ */

int tcrm_db_audit(struct tcrm_db *db, const char *entity, int64_t id,
                  const char *action, const char *details,
                  struct tcrm_error *err)
{
    char now[20];
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "INSERT INTO audit_log(at, who, entity, entity_id, action, details)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    tcrm_db_now(now);
    sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, db->user, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, entity, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, id);
    sqlite3_bind_text(st, 5, action, -1, SQLITE_TRANSIENT);
    tcrm_db_bind_text(st, 6, details);
    return tcrm_db_step_done(db, st, "audit", err);
}
