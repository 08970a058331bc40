/*
 * import_batch.c: import batches and their undo (import_batch.h).
 *
 * import_changes holds one row per thing an import did: ('contact', id,
 * 'add') for a contact it inserted, ('company', id, 'add') for a company it
 * created, ('contact', id, 'merge', before) for a contact it merged into;
 * version_after is the row's version when the import was done with it.
 *
 * Undo walks the batch grouped by row. A row's expected version is the
 * version_after of its last change in the batch (an added contact may
 * have been merged into later in the same file). A contact the batch
 * added is deleted for good (channels go by cascade; tags and search
 * entries by hand); a contact it only merged into gets the first "before"
 * of the batch back through tcrm_contact_unmerge. The first row that was
 * changed since makes the whole undo roll back. Companies come last and
 * are deleted only when unchanged and unreferenced (no contact, even in
 * the trash, no deal, interaction or follow-up): a company someone
 * started using is simply kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "tcrm/contact.h"
#include "tcrm/import_batch.h"
#include "import_internal.h"

/* The kinds of batch (import_batches.kind, schema 15). */
static const char *const kinds[] = { NC_("kind", "contacts"),
                                     NC_("kind", "products") };

static int insert_batch(struct tcrm_db *db, const char *file,
                        const char *kind, int64_t *batch,
                        struct tcrm_error *err)
{
    char now[20];
    tcrm_db_now(now);
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "INSERT INTO import_batches(file, started_at, who, state, pid, host,"
        " heartbeat_at, kind) VALUES (?1, ?2, ?3, 'running', ?4, ?5, ?2, ?6)",
        err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    sqlite3_bind_text(st, 1, file, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, tcrm_db_user(db), -1, SQLITE_TRANSIENT);
    tcrm_import_bind_process(st, 4);
    sqlite3_bind_text(st, 6, kind, -1, SQLITE_STATIC);
    int rc = tcrm_db_step_done(db, st, "import", err);
    tcrm_db_done(st);
    if (!rc)
        *batch = sqlite3_last_insert_rowid(db->sql);
    return rc;
}

int tcrm_import_batch_start_kind(struct tcrm_db *db, const char *file,
                                 const char *kind, int64_t *batch,
                                 struct tcrm_error *err)
{
    const char *k = NULL;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (kind && !strcmp(kind, kinds[i]))
            k = kinds[i];
    if (!k)
        return tcrm_error_set(err, TCRM_EINVAL, "import kind '%s': not "
                              "contacts or products", kind ? kind : "");
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = insert_batch(db, file, k, batch, err);
    return tcrm_db_end(db, rc, err);
}

int tcrm_import_batch_start(struct tcrm_db *db, const char *file,
                            int64_t *batch, struct tcrm_error *err)
{
    return tcrm_import_batch_start_kind(db, file, kinds[0], batch, err);
}

int tcrm_import_batch_added(struct tcrm_db *db, int64_t batch,
                            const char *entity, int64_t id,
                            struct tcrm_error *err)
{
    int company = !strcmp(entity, "company");
    sqlite3_stmt *st = tcrm_db_prepare(db, company
        ? "INSERT INTO import_changes(batch_id, entity, entity_id, action,"
          " version_after) SELECT ?1, 'company', id, 'add', version"
          " FROM companies WHERE id = ?2"
        : "INSERT INTO import_changes(batch_id, entity, entity_id, action,"
          " version_after) SELECT ?1, 'contact', id, 'add', version"
          " FROM contacts WHERE id = ?2", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    sqlite3_bind_int64(st, 1, batch);
    sqlite3_bind_int64(st, 2, id);
    int rc = tcrm_db_step_done(db, st, "import", err);
    tcrm_db_done(st);
    if (rc)
        return rc;
    st = tcrm_db_prepare(db, company
        ? "UPDATE companies SET import_batch = ?1 WHERE id = ?2"
        : "UPDATE contacts SET import_batch = ?1 WHERE id = ?2", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    sqlite3_bind_int64(st, 1, batch);
    sqlite3_bind_int64(st, 2, id);
    rc = tcrm_db_step_done(db, st, "import", err);
    tcrm_db_done(st);
    return rc;
}

int tcrm_import_batch_merged(struct tcrm_db *db, int64_t batch, int64_t id,
                             const char *before, int64_t version_after,
                             struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "INSERT INTO import_changes(batch_id, entity, entity_id, action,"
        " before, version_after) VALUES (?, 'contact', ?, 'merge', ?, ?)",
        err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    sqlite3_bind_int64(st, 1, batch);
    sqlite3_bind_int64(st, 2, id);
    sqlite3_bind_text(st, 3, before ? before : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, version_after);
    int rc = tcrm_db_step_done(db, st, "import", err);
    tcrm_db_done(st);
    return rc;
}

int tcrm_import_batch_finish(struct tcrm_db *db, int64_t batch,
                             int64_t added, int64_t merged, int64_t skipped,
                             int64_t rejected, struct tcrm_error *err)
{
    char now[20];
    tcrm_db_now(now);
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "UPDATE import_batches SET finished_at = ?, added = ?, merged = ?,"
        " skipped = ?, rejected = ?, state = 'done', pid = NULL,"
        " host = NULL, heartbeat_at = NULL WHERE id = ?", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, added);
    sqlite3_bind_int64(st, 3, merged);
    sqlite3_bind_int64(st, 4, skipped);
    sqlite3_bind_int64(st, 5, rejected);
    sqlite3_bind_int64(st, 6, batch);
    int rc = tcrm_db_step_done(db, st, "import", err);
    tcrm_db_done(st);
    if (!rc) {
        char details[128];
        snprintf(details, sizeof details,
                 "%lld added, %lld merged, %lld skipped, %lld rejected",
                 (long long)added, (long long)merged, (long long)skipped,
                 (long long)rejected);
        rc = tcrm_db_audit(db, "import", batch, "import", details, err);
    }
    return rc;
}

int tcrm_import_batch_list(struct tcrm_db *db, struct tcrm_import_batch **out,
                           size_t *n, struct tcrm_error *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT id, file, started_at, finished_at, who, undone_at, added,"
        " merged, skipped, rejected, kind FROM seen_import_batches"
        " ORDER BY id DESC",
        err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            struct tcrm_import_batch *a = realloc(*out, cap * sizeof *a);
            if (!a) {
                tcrm_db_done(st);
                return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
            }
            *out = a;
        }
        struct tcrm_import_batch *b = &(*out)[(*n)++];
        b->id = sqlite3_column_int64(st, 0);
        b->file = tcrm_db_col_text(st, 1);
        b->started_at = tcrm_db_col_text(st, 2);
        b->finished_at = tcrm_db_col_text(st, 3);
        b->who = tcrm_db_col_text(st, 4);
        b->undone_at = tcrm_db_col_text(st, 5);
        b->added = sqlite3_column_int64(st, 6);
        b->merged = sqlite3_column_int64(st, 7);
        b->skipped = sqlite3_column_int64(st, 8);
        b->rejected = sqlite3_column_int64(st, 9);
        b->kind = tcrm_db_col_text(st, 10);
    }
    if (rc != SQLITE_DONE) {
        rc = tcrm_db_fail(db, "import list", err);
        tcrm_db_done(st);
        return rc;
    }
    tcrm_db_done(st);
    return 0;
}

void tcrm_import_batch_array_free(struct tcrm_import_batch *a, size_t n)
{
    if (!a)
        return;
    for (size_t i = 0; i < n; i++) {
        free(a[i].file);
        free(a[i].started_at);
        free(a[i].finished_at);
        free(a[i].who);
        free(a[i].undone_at);
        free(a[i].kind);
    }
    free(a);
}

int tcrm_import_exec_id(struct tcrm_db *db, const char *sql, int64_t id,
                        struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, sql, err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    sqlite3_bind_int64(st, 1, id);
    int rc = tcrm_db_step_done(db, st, "import", err);
    tcrm_db_done(st);
    return rc;
}

/* Is contact id as the import left it? 0, or TCRM_ECONFLICT. */
static int check_contact(struct tcrm_db *db, int64_t batch, int64_t id,
                         int64_t expected, int added, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT version, deleted_at IS NOT NULL, name,"
        " EXISTS (SELECT 1 FROM interactions WHERE contact_id = ?1)"
        " OR EXISTS (SELECT 1 FROM follow_ups WHERE contact_id = ?1)"
        " OR EXISTS (SELECT 1 FROM deals WHERE contact_id = ?1)"
        " FROM contacts WHERE id = ?1", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        rc = rc == SQLITE_DONE
            ? tcrm_error_set(err, TCRM_ECONFLICT, "import %lld: contact %lld "
                             "is gone; nothing undone", (long long)batch,
                             (long long)id)
            : tcrm_db_fail(db, "import undo", err);
        tcrm_db_done(st);
        return rc;
    }
    int changed = sqlite3_column_int64(st, 0) != expected ||
                  sqlite3_column_int(st, 1) ||
                  (added && sqlite3_column_int(st, 3));
    if (changed)
        rc = tcrm_error_set(err, TCRM_ECONFLICT, "import %lld: contact %lld "
                            "(%s) was changed since the import; nothing "
                            "undone", (long long)batch, (long long)id,
                            (const char *)sqlite3_column_text(st, 2));
    else
        rc = 0;
    tcrm_db_done(st);
    return rc;
}

int tcrm_import_delete_contact(struct tcrm_db *db, int64_t id,
                               struct tcrm_error *err)
{
    static const char *const sql[] = {
        "DELETE FROM taggings WHERE entity = 'contact' AND entity_id = ?1",
        "DELETE FROM contact_search WHERE rowid = ?1",
        "DELETE FROM contact_search_short WHERE rowid = ?1",
        "DELETE FROM contact_channels WHERE contact_id = ?1",
        "DELETE FROM contacts WHERE id = ?1",
    };
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
        int rc = tcrm_import_exec_id(db, sql[i], id, err);
        if (rc)
            return rc;
    }
    return 0;
}

int tcrm_import_delete_company(struct tcrm_db *db, int64_t id,
                               int64_t expected, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "DELETE FROM companies WHERE id = ?1 AND (?2 < 0 OR version = ?2)"
        " AND NOT EXISTS (SELECT 1 FROM contacts WHERE company_id = ?1)"
        " AND NOT EXISTS (SELECT 1 FROM deals WHERE company_id = ?1)"
        " AND NOT EXISTS (SELECT 1 FROM interactions WHERE company_id = ?1)"
        " AND NOT EXISTS (SELECT 1 FROM follow_ups WHERE company_id = ?1)",
        err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, expected);
    int rc = tcrm_db_step_done(db, st, "import undo", err);
    tcrm_db_done(st);
    if (!rc && sqlite3_changes(db->sql) > 0)
        rc = tcrm_import_exec_id(db, "DELETE FROM taggings WHERE entity ="
                                 " 'company' AND entity_id = ?1", id, err);
    return rc;
}

/* version_after of change `rowid`, and its before text (malloc'd). */
static int change_at(struct tcrm_db *db, int64_t rowid, int64_t *version,
                     char **before, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT version_after, before FROM import_changes WHERE rowid = ?",
        err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    sqlite3_bind_int64(st, 1, rowid);
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0
           : tcrm_db_fail(db, "import undo", err);
    if (!rc) {
        *version = sqlite3_column_int64(st, 0);
        if (before)
            *before = tcrm_db_col_text(st, 1);
    }
    tcrm_db_done(st);
    return rc;
}

struct undo_row {
    int company, added, product;
    int64_t id, last, first_merge;
};

static int undo_product(struct tcrm_db *db, int64_t batch,
                        const struct undo_row *u, int64_t expected,
                        int64_t *removed, int64_t *restored,
                        struct tcrm_error *err)
{
    char *before = NULL;
    int64_t unused;
    int rc = u->added ? 0 : change_at(db, u->first_merge, &unused, &before,
                                      err);
    if (!rc)
        rc = tcrm_import_product_undo(db, batch, u->id, expected, u->added,
                                      before, err);
    free(before);
    if (!rc)
        (*(u->added ? removed : restored))++;
    return rc;
}

static int undo_one(struct tcrm_db *db, int64_t batch,
                    const struct undo_row *u, int64_t *removed,
                    int64_t *restored, struct tcrm_error *err)
{
    int64_t expected = 0, unused;
    int rc = change_at(db, u->last, &expected, NULL, err);
    if (rc == 0)        /* the rows it removes are the undo's, in the trail */
        rc = tcrm_db_audit_action(db, "undo", err);
    if (rc)
        return rc;
    if (u->company)
        return u->added ? tcrm_import_delete_company(db, u->id, expected, err)
                        : 0;
    if (u->product)
        return undo_product(db, batch, u, expected, removed, restored, err);
    rc = check_contact(db, batch, u->id, expected, u->added, err);
    if (rc)
        return rc;
    if (u->added) {
        (*removed)++;
        return tcrm_import_delete_contact(db, u->id, err);
    }
    char *before = NULL;
    rc = change_at(db, u->first_merge, &unused, &before, err);
    if (!rc)
        rc = tcrm_contact_unmerge(db, u->id, before ? before : "", expected,
                                  err);
    free(before);
    if (!rc)
        (*restored)++;
    return rc;
}

static int batch_state(struct tcrm_db *db, int64_t batch,
                       struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT undone_at, state FROM seen_import_batches WHERE id = ?",
        err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    sqlite3_bind_int64(st, 1, batch);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE)
        rc = tcrm_error_set(err, TCRM_ENOTFOUND, "import %lld: not found",
                            (long long)batch);
    else if (rc != SQLITE_ROW)
        rc = tcrm_db_fail(db, "import undo", err);
    else if (strcmp((const char *)sqlite3_column_text(st, 1), "done") != 0)
        rc = tcrm_error_set(err, TCRM_EINVAL, "import %lld is still running",
                            (long long)batch);
    else if (sqlite3_column_type(st, 0) != SQLITE_NULL)
        rc = tcrm_error_set(err, TCRM_EINVAL, "import %lld was already undone "
                            "at %s", (long long)batch,
                            (const char *)sqlite3_column_text(st, 0));
    else
        rc = 0;
    tcrm_db_done(st);
    return rc;
}

static int undo_all(struct tcrm_db *db, int64_t batch, int64_t *removed,
                    int64_t *restored, struct tcrm_error *err)
{
    int rc = batch_state(db, batch, err);
    if (rc)
        return rc;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT entity = 'company', entity_id, max(action = 'add'),"
        " max(rowid), min(CASE WHEN action = 'merge' THEN rowid END),"
        " entity = 'product' FROM import_changes WHERE batch_id = ? GROUP BY entity, entity_id"
        " ORDER BY entity = 'company', entity_id DESC", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    sqlite3_bind_int64(st, 1, batch);
    while (!rc && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct undo_row u = {
            sqlite3_column_int(st, 0), sqlite3_column_int(st, 2),
            sqlite3_column_int(st, 5), sqlite3_column_int64(st, 1),
            sqlite3_column_int64(st, 3), sqlite3_column_int64(st, 4)
        };
        rc = undo_one(db, batch, &u, removed, restored, err);
    }
    if (rc == SQLITE_DONE)
        rc = 0;
    else if (rc > 0)
        rc = tcrm_db_fail(db, "import undo", err);
    tcrm_db_done(st);
    if (rc)
        return rc;
    char now[20];
    tcrm_db_now(now);
    st = tcrm_db_prepare(db,
        "UPDATE import_batches SET undone_at = ? WHERE id = ?", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, batch);
    rc = tcrm_db_step_done(db, st, "import undo", err);
    tcrm_db_done(st);
    if (!rc)
        rc = tcrm_db_audit(db, "import", batch, "undo", NULL, err);
    return rc;
}

int tcrm_import_batch_undo(struct tcrm_db *db, int64_t batch,
                           int64_t *removed, int64_t *restored,
                           struct tcrm_error *err)
{
    int64_t rm = 0, rs = 0;
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = undo_all(db, batch, &rm, &rs, err);
    rc = tcrm_db_end(db, rc, err);
    if (removed)
        *removed = rc ? 0 : rm;
    if (restored)
        *restored = rc ? 0 : rs;
    return rc;
}

int tcrm_import_batch_of_products(struct tcrm_db *db, int64_t batch,
                                  int *yes, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT EXISTS (SELECT 1 FROM import_batches WHERE id = ?1"
        " AND kind = 'products')", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    sqlite3_bind_int64(st, 1, batch);
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0
           : tcrm_db_fail(db, "import", err);
    *yes = rc ? 0 : sqlite3_column_int(st, 0);
    tcrm_db_done(st);
    return rc;
}

int tcrm_import_channel_max(struct tcrm_db *db, size_t max[7],
                            struct tcrm_error *err)
{
    for (int i = 0; i < TCRM_CH_COUNT; i++)
        max[i] = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT kind, max(n) FROM (SELECT ch.kind AS kind, count(*) AS n"
        " FROM contact_channels ch JOIN contacts c ON c.id = ch.contact_id"
        " WHERE c.deleted_at IS NULL GROUP BY ch.contact_id, ch.kind)"
        " GROUP BY kind", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int k = tcrm_channel_kind_parse((const char *)sqlite3_column_text(st, 0));
        if (k >= 0 && k < TCRM_CH_COUNT)
            max[k] = (size_t)sqlite3_column_int64(st, 1);
    }
    rc = rc == SQLITE_DONE ? 0 : tcrm_db_fail(db, "export", err);
    tcrm_db_done(st);
    return rc;
}
