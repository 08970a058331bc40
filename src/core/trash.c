/*
 * trash.c: listing and restoring what was deleted.
 *
 * The trash is not a table: every trashable table has deleted_at, and a
 * row with it set is in the trash. The list is a UNION ALL over the five
 * tables, newest deletion first; the one who deleted is updated_by (the
 * delete was the row's last change). Items are named "kind/id"; a bare id
 * is accepted when it names exactly one trashed row.
 *
 * Restoring clears deleted_at, bumps version, stamps updated_* and writes
 * an audit row. A trashed contact keeps its search index entry (search
 * skips rows with deleted_at set), so a restore needs nothing more.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "tcrm/trash.h"

struct trash_kind {
    const char *name, *alias, *exists_sql, *restore_sql;
};

#define EXISTS_SQL(t) \
    "SELECT 1 FROM " t " WHERE id = ?1 AND deleted_at IS NOT NULL"
/* Only a row the session may see (access.h): another's is not there. */
#define RESTORE_SQL(t)                                                    \
    "UPDATE " t " SET deleted_at = NULL, updated_at = ?1, updated_by = ?2," \
    " version = version + 1 WHERE id = ?3 AND deleted_at IS NOT NULL"     \
    " AND EXISTS (SELECT 1 FROM seen_" t " s WHERE s.id = " t ".id)"

static const struct trash_kind kinds[] = {
    { "contact", NULL, EXISTS_SQL("seen_contacts"), RESTORE_SQL("contacts") },
    { "company", NULL, EXISTS_SQL("seen_companies"),
      RESTORE_SQL("companies") },
    { "deal", NULL, EXISTS_SQL("seen_deals"), RESTORE_SQL("deals") },
    { "interaction", NULL, EXISTS_SQL("seen_interactions"),
      RESTORE_SQL("interactions") },
    { "follow-up", "followup", EXISTS_SQL("seen_follow_ups"),
      RESTORE_SQL("follow_ups") },
};
#define N_KINDS (sizeof kinds / sizeof kinds[0])

/* ---- list ------------------------------------------------------------- */

static int read_item(sqlite3_stmt *st, void *elem)
{
    struct tcrm_trash_item *it = elem;
    char ref[48];
    snprintf(ref, sizeof ref, "%s/%lld",
             (const char *)sqlite3_column_text(st, 0),
             (long long)sqlite3_column_int64(st, 1));
    it->ref = malloc(strlen(ref) + 1);
    if (it->ref)
        memcpy(it->ref, ref, strlen(ref) + 1);
    it->label = tcrm_db_col_text(st, 2);
    it->deleted_at = tcrm_db_col_text(st, 3);
    it->deleted_by = tcrm_db_col_text(st, 4);
    return it->ref && it->label && it->deleted_at && it->deleted_by
               ? 0 : TCRM_ENOMEM;
}

static void free_items(void *a, size_t n)
{
    tcrm_trash_array_free(a, n);
}

int tcrm_trash_list(struct tcrm_db *db, size_t limit,
                    struct tcrm_trash_item **out, size_t *n,
                    struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT 'contact', id, name, deleted_at, updated_by FROM seen_contacts"
        " WHERE deleted_at IS NOT NULL UNION ALL"
        " SELECT 'company', id, name, deleted_at, updated_by FROM seen_companies"
        " WHERE deleted_at IS NOT NULL UNION ALL"
        " SELECT 'deal', id, title, deleted_at, updated_by FROM seen_deals"
        " WHERE deleted_at IS NOT NULL UNION ALL"
        " SELECT 'interaction', id, summary, deleted_at, updated_by"
        " FROM seen_interactions WHERE deleted_at IS NOT NULL UNION ALL"
        " SELECT 'follow-up', id, title, deleted_at, updated_by"
        " FROM seen_follow_ups WHERE deleted_at IS NOT NULL"
        " ORDER BY 4 DESC, 1, 2 DESC LIMIT ?1", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, limit > INT64_MAX ? INT64_MAX
                                                : (sqlite3_int64)limit);
    void *a = NULL;
    int rc = tcrm_db_collect(db, st, sizeof(struct tcrm_trash_item), read_item,
                             free_items, "trash", &a, n, err);
    *out = a;
    return rc;
}

void tcrm_trash_array_free(struct tcrm_trash_item *a, size_t n)
{
    if (!a)
        return;
    for (size_t i = 0; i < n; i++) {
        free(a[i].ref);
        free(a[i].label);
        free(a[i].deleted_at);
        free(a[i].deleted_by);
    }
    free(a);
}

/* ---- restore ---------------------------------------------------------- */

static int parse_id(const char *s, int64_t *id)
{
    if (!*s || *s == '0')
        return -1;
    int64_t v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > (INT64_MAX - 9) / 10)
            return -1;
        v = v * 10 + (*s - '0');
    }
    *id = v;
    return 0;
}

/* 1 when kind k has a trashed row id, 0 when not, <0 on error. */
static int in_trash(struct tcrm_db *db, const struct trash_kind *k, int64_t id,
                    struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, k->exists_sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int s = sqlite3_step(st);
    int rc = s == SQLITE_ROW ? 1 : s == SQLITE_DONE ? 0
                                   : tcrm_db_fail(db, "trash", err);
    tcrm_db_done(st);
    return rc;
}

/* A bare id: the one kind that has it in the trash. */
static int resolve_bare(struct tcrm_db *db, const char *ref, int64_t id,
                        const struct trash_kind **out, struct tcrm_error *err)
{
    char names[256] = "";
    int found = 0;
    for (size_t i = 0; i < N_KINDS; i++) {
        int rc = in_trash(db, &kinds[i], id, err);
        if (rc < 0)
            return rc;
        if (rc == 0)
            continue;
        *out = &kinds[i];
        size_t len = strlen(names);
        snprintf(names + len, sizeof names - len, "%s%s/%lld",
                 found ? ", " : "", kinds[i].name, (long long)id);
        found++;
    }
    if (found == 0)
        return tcrm_error_set(err, TCRM_ENOTFOUND, "%s: not in the trash",
                              ref);
    if (found > 1)
        return tcrm_error_set(err, TCRM_EINVAL, "%s is ambiguous: %s", ref,
                              names);
    return 0;
}

static int resolve(struct tcrm_db *db, const char *ref,
                   const struct trash_kind **kind, int64_t *id,
                   struct tcrm_error *err)
{
    const char *slash = strchr(ref, '/');
    if (!slash) {
        if (parse_id(ref, id) == 0)
            return resolve_bare(db, ref, *id, kind, err);
    } else if (parse_id(slash + 1, id) == 0) {
        size_t len = (size_t)(slash - ref);
        for (size_t i = 0; i < N_KINDS; i++) {
            const char *a = kinds[i].alias;
            if ((strlen(kinds[i].name) == len &&
                 strncmp(kinds[i].name, ref, len) == 0) ||
                (a && strlen(a) == len && strncmp(a, ref, len) == 0)) {
                *kind = &kinds[i];
                return 0;
            }
        }
    }
    return tcrm_error_set(err, TCRM_EINVAL, "'%.60s' is not a trash item: use "
                          "contact/42, company/7, deal/3, interaction/9, "
                          "follow-up/5 or an id", ref);
}

static int restore_row(struct tcrm_db *db, const struct trash_kind *k,
                       int64_t id, struct tcrm_error *err)
{
    char now[20];
    sqlite3_stmt *st = tcrm_db_prepare(db, k->restore_sql, err);
    if (!st)
        return err->code;
    tcrm_db_now(now);
    sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, tcrm_db_user(db), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, id);
    int rc = tcrm_db_step_done(db, st, k->name, err);
    if (rc)
        return rc;
    if (sqlite3_changes(db->sql) == 0)
        return tcrm_error_set(err, TCRM_ENOTFOUND, "%s/%lld: not in the trash",
                              k->name, (long long)id);
    return 0;
}

int tcrm_trash_restore(struct tcrm_db *db, const char *ref,
                       struct tcrm_error *err)
{
    struct tcrm_error local;
    const struct trash_kind *kind = NULL;
    int64_t id = 0;
    if (!err)
        err = &local;
    if (!ref)
        ref = "";
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = resolve(db, ref, &kind, &id, err);
    if (rc == 0)
        rc = restore_row(db, kind, id, err);
    return tcrm_db_end(db, rc, err);
}
