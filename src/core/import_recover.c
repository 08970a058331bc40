/*
 * import_recover.c: an import that commits as it goes, and taking back
 * one that did not finish (import_batch.h).
 *
 * An import commits every few hundred milliseconds so that the rest of
 * the office can write between its batches. Its import_batches row says
 * 'running', with the process (pid, host) and a heartbeat refreshed at
 * every commit, until tcrm_import_batch_finish marks it 'done' in the
 * same transaction as its last rows.
 *
 * Taking back (tcrm_import_batch_rollback) walks the batch's
 * import_changes newest first, ROLLBACK_CHUNK at a time, each chunk its
 * own short transaction that also deletes the changes it took back; so a
 * rollback that is itself interrupted goes on where it stopped. Per
 * change:
 *   contact 'add'    the contact is deleted for good (channels, tags,
 *                    search entries), unless someone started using it
 *                    while the import ran (it has interactions,
 *                    follow-ups or deals): then it is kept, unlinked
 *                    from the batch;
 *   contact 'merge'  the contact gets the change's "before" back; newest
 *                    first, so a contact merged into twice ends as it was
 *                    before the first merge;
 *   company 'add'    deleted when nothing refers to it any more;
 *   product 'add'/'merge'  deleted, or given its old values back
 *                    (import_product.c).
 * Last, the batch row itself is deleted: a rolled-back import, like a dry
 * run, leaves nothing behind.
 *
 * Recovery (tcrm_import_recover, run by every writable open): a running
 * batch whose process is gone (this host, and kill(pid, 0) says no such
 * process) or whose heartbeat is older than STALE_SECONDS (a stopped
 * import, or one on another host) is claimed by this process (a
 * conditional UPDATE of pid and host, so only one opener wins) and rolled
 * back. An import that finds its batch claimed by someone else at its
 * next commit stops (tcrm_import_batch_heartbeat).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db_internal.h"
#include "tcrm/contact.h"
#include "tcrm/date.h"
#include "tcrm/import_batch.h"
#include "import_internal.h"

#define ROLLBACK_CHUNK 256
#define STALE_SECONDS (15 * 60)

static void host_name(char *out, size_t n)
{
    if (gethostname(out, n) != 0)
        snprintf(out, n, "?");
    out[n - 1] = '\0';
}

void tcrm_import_bind_process(sqlite3_stmt *st, int pid_at)
{
    char host[256];
    host_name(host, sizeof host);
    sqlite3_bind_int64(st, pid_at, (sqlite3_int64)getpid());
    sqlite3_bind_text(st, pid_at + 1, host, -1, SQLITE_TRANSIENT);
}

int tcrm_import_batch_heartbeat(struct tcrm_db *db, int64_t batch,
                                const int64_t counts[4],
                                struct tcrm_error *err)
{
    char now[20];
    tcrm_db_now(now);
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "UPDATE import_batches SET heartbeat_at = ?1, added = ?2,"
        " merged = ?3, skipped = ?4, rejected = ?5 WHERE id = ?6"
        " AND state = 'running' AND pid = ?7 AND host = ?8", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
    for (int i = 0; i < 4; i++)
        sqlite3_bind_int64(st, 2 + i, counts[i]);
    sqlite3_bind_int64(st, 6, batch);
    tcrm_import_bind_process(st, 7);
    int rc = tcrm_db_step_done(db, st, "import", err);
    tcrm_db_done(st);
    if (rc == 0 && sqlite3_changes(db->sql) != 1)
        rc = tcrm_error_set(err, TCRM_ECONFLICT, "import %lld was taken "
                            "back by another tcrm while this one was "
                            "stopped; nothing imported", (long long)batch);
    return rc;
}

/* ---- taking a batch back --------------------------------------------- */

static int contact_in_use(struct tcrm_db *db, int64_t id, int *used,
                          struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT EXISTS (SELECT 1 FROM interactions WHERE contact_id = ?1)"
        " OR EXISTS (SELECT 1 FROM follow_ups WHERE contact_id = ?1)"
        " OR EXISTS (SELECT 1 FROM deals WHERE contact_id = ?1)", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0
           : tcrm_db_fail(db, "import rollback", err);
    if (!rc)
        *used = sqlite3_column_int(st, 0);
    tcrm_db_done(st);
    return rc;
}

static int take_back_added_contact(struct tcrm_db *db, int64_t id,
                                   struct tcrm_error *err)
{
    int used = 0;
    int rc = contact_in_use(db, id, &used, err);
    if (rc)
        return rc;
    if (used)
        return tcrm_import_exec_id(db, "UPDATE contacts SET import_batch ="
                                   " NULL WHERE id = ?1", id, err);
    return tcrm_import_delete_contact(db, id, err);
}

static int take_back_merge(struct tcrm_db *db, int64_t id, const char *before,
                           struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT version FROM contacts WHERE id = ?1", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    sqlite3_bind_int64(st, 1, id);
    int s = sqlite3_step(st);
    int64_t version = s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    tcrm_db_done(st);
    if (s == SQLITE_DONE)
        return 0;                   /* gone meanwhile: nothing to put back */
    if (s != SQLITE_ROW)
        return tcrm_db_fail(db, "import rollback", err);
    return tcrm_contact_unmerge(db, id, before ? before : "", version, err);
}

/* Take back the newest ROLLBACK_CHUNK changes of batch; *left = 0 when
 * there were none. Inside the caller's transaction. */
static int rollback_chunk(struct tcrm_db *db, int64_t batch, int *left,
                          struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT rowid, entity = 'company', entity_id, action = 'merge',"
        " before, entity = 'product' FROM import_changes WHERE batch_id = ?1"
        " ORDER BY rowid DESC LIMIT ?2", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    sqlite3_bind_int64(st, 1, batch);
    sqlite3_bind_int(st, 2, ROLLBACK_CHUNK);
    struct change { int64_t rowid, id; int company, merge; char *before;
                   int product; };
    struct change ch[ROLLBACK_CHUNK];
    int n = 0, s;
    while (n < ROLLBACK_CHUNK && (s = sqlite3_step(st)) == SQLITE_ROW) {
        ch[n] = (struct change){ sqlite3_column_int64(st, 0),
                                 sqlite3_column_int64(st, 2),
                                 sqlite3_column_int(st, 1),
                                 sqlite3_column_int(st, 3),
                                 tcrm_db_col_text(st, 4),
                                 sqlite3_column_int(st, 5) };
        n++;
    }
    tcrm_db_done(st);
    int rc = 0;
    for (int i = 0; i < n; i++) {
        if (rc == 0 && ch[i].product)
            rc = tcrm_import_product_take_back(db, ch[i].id, ch[i].merge,
                                               ch[i].before, err);
        else if (rc == 0 && ch[i].company)
            rc = tcrm_import_delete_company(db, ch[i].id, -1, err);
        else if (rc == 0 && ch[i].merge)
            rc = take_back_merge(db, ch[i].id, ch[i].before, err);
        else if (rc == 0)
            rc = take_back_added_contact(db, ch[i].id, err);
        if (rc == 0)
            rc = tcrm_import_exec_id(db, "DELETE FROM import_changes"
                                     " WHERE rowid = ?1", ch[i].rowid, err);
        free(ch[i].before);
    }
    *left = n;
    return rc;
}

int tcrm_import_batch_rollback(struct tcrm_db *db, int64_t batch,
                               struct tcrm_error *err)
{
    int left = 1, rc = 0;
    while (rc == 0 && left) {
        rc = tcrm_db_begin(db, err);
        if (rc)
            return rc;
        rc = rollback_chunk(db, batch, &left, err);
        if (rc == 0 && !left)
            rc = tcrm_import_exec_id(db, "DELETE FROM import_batches"
                                     " WHERE id = ?1", batch, err);
        /* A batch that never happened gives its number back when no later
         * one was started: a dry run does not use up an import number.
         * (Contacts' ids it used are not given again.) */
        if (rc == 0 && !left)
            rc = tcrm_import_exec_id(db, "UPDATE sqlite_sequence SET seq ="
                                     " (SELECT coalesce(max(id), 0) FROM"
                                     " import_batches) WHERE name ="
                                     " 'import_batches' AND seq = ?1",
                                     batch, err);
        rc = tcrm_db_end(db, rc, err);
    }
    if (rc)
        tcrm_error_prefix(err, "taking back import %lld", (long long)batch);
    return rc;
}

/* ---- recovery -------------------------------------------------------- */

/* Is the process that runs a batch gone? stale is the oldest heartbeat
 * ("YYYY-MM-DD HH:MM:SS", compared as text) of a live import. */
static int owner_gone(sqlite3_stmt *st, const char *stale)
{
    char host[256];
    host_name(host, sizeof host);
    const char *their_host = (const char *)sqlite3_column_text(st, 2);
    pid_t pid = (pid_t)sqlite3_column_int64(st, 1);
    if (their_host && strcmp(their_host, host) == 0 && pid > 0 &&
        kill(pid, 0) != 0 && errno == ESRCH)
        return 1;
    const char *hb = (const char *)sqlite3_column_text(st, 3);
    return !hb || strcmp(hb, stale) < 0;
}

/* Make batch ours if it still belongs to (pid, host); 1 when it did. */
static int claim(struct tcrm_db *db, int64_t batch, int64_t pid,
                 const char *host, struct tcrm_error *err)
{
    char now[20];
    tcrm_db_now(now);
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "UPDATE import_batches SET pid = ?1, host = ?2, heartbeat_at = ?3"
        " WHERE id = ?4 AND state = 'running' AND pid IS ?5 AND host IS ?6",
        err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    tcrm_import_bind_process(st, 1);
    sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, batch);
    sqlite3_bind_int64(st, 5, pid);
    sqlite3_bind_text(st, 6, host, -1, SQLITE_TRANSIENT);
    int rc = tcrm_db_step_done(db, st, "import recovery", err);
    tcrm_db_done(st);
    return rc ? rc : sqlite3_changes(db->sql) == 1;
}

/* The first stale running batch, with the pid and host it had: 0 and
 * *batch = 0 when there is none. */
static int find_stale(struct tcrm_db *db, int64_t *batch, int64_t *pid,
                      char **host, struct tcrm_error *err)
{
    *batch = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT id, pid, host, heartbeat_at FROM import_batches"
        " WHERE state = 'running' ORDER BY id", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    char stale[20];
    tcrm_date_timestamp(tcrm_clock_now() - STALE_SECONDS, stale);
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        if (!owner_gone(st, stale))
            continue;
        *batch = sqlite3_column_int64(st, 0);
        *pid = sqlite3_column_int64(st, 1);
        *host = tcrm_db_col_text(st, 2);
        break;
    }
    tcrm_db_done(st);
    if (s != SQLITE_ROW && s != SQLITE_DONE)
        return tcrm_db_fail(db, "import recovery", err);
    return 0;
}

int tcrm_import_recover(struct tcrm_db *db, int64_t *recovered,
                        struct tcrm_error *err)
{
    *recovered = 0;
    for (;;) {
        int64_t batch, pid = 0;
        char *host = NULL;
        int rc = find_stale(db, &batch, &pid, &host, err);
        if (rc || !batch) {
            free(host);
            return rc;
        }
        rc = tcrm_db_begin(db, err);
        int mine = rc ? rc : claim(db, batch, pid, host, err);
        free(host);
        rc = tcrm_db_end(db, mine < 0 ? mine : 0, err);
        if (rc)
            return rc;
        if (!mine)
            continue;               /* another tcrm took it first */
        rc = tcrm_import_batch_rollback(db, batch, err);
        if (rc)
            return rc;
        (*recovered)++;
    }
}
