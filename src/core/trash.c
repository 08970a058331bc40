/*
 * trash.c: listing and restoring what was deleted.
 *
 * The trash is not a table: every trashable table has deleted_at, and a
 * row with it set is in the trash. The list is a UNION ALL over the
 * trashable kinds of the entity table (entity.h), newest deletion first;
 * the one who deleted is updated_by (the delete was the row's last
 * change). Items are named "kind/id"; a bare id
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
#include "tcrm/entity.h"
#include "tcrm/strbuf.h"
#include "tcrm/trash.h"

/* The kinds with a trash, in the order of the entity table. */
static const struct tcrm_entity_kind *trash_kind(size_t i)
{
    size_t n, seen = 0;
    const struct tcrm_entity_kind *k = tcrm_entity_kinds(&n);
    for (size_t j = 0; j < n; j++)
        if ((k[j].flags & TCRM_ENTITY_TRASH) && seen++ == i)
            return &k[j];
    return NULL;
}

/* The list's statement, made once from the entity table (the statement
 * cache is keyed by the text's pointer): a UNION ALL over the seen_
 * views of every trashable kind. */
static const char *list_sql(void)
{
    static char *sql;
    if (sql)
        return sql;
    struct tcrm_strbuf sb;
    const struct tcrm_entity_kind *k;
    tcrm_strbuf_init(&sb);
    for (size_t i = 0; (k = trash_kind(i)); i++)
        tcrm_strbuf_appendf(&sb, "%sSELECT '%s', id, %s, deleted_at,"
                            " updated_by FROM seen_%s WHERE deleted_at IS"
                            " NOT NULL", i ? " UNION ALL " : "", k->name,
                            k->label_col, k->table);
    if (tcrm_strbuf_append(&sb, " ORDER BY 4 DESC, 1, 2 DESC LIMIT ?1"))
        tcrm_strbuf_free(&sb);
    else
        sql = tcrm_strbuf_steal(&sb);
    return sql;
}

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
    const char *sql = list_sql();
    if (!sql)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    sqlite3_stmt *st = tcrm_db_prepare(db, sql, err);
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
static int in_trash(struct tcrm_db *db, const struct tcrm_entity_kind *k, int64_t id,
                    struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, k->sql->in_trash, err);
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
                        const struct tcrm_entity_kind **out, struct tcrm_error *err)
{
    char names[256] = "";
    int found = 0;
    const struct tcrm_entity_kind *k;
    for (size_t i = 0; (k = trash_kind(i)); i++) {
        int rc = in_trash(db, k, id, err);
        if (rc < 0)
            return rc;
        if (rc == 0)
            continue;
        *out = k;
        size_t len = strlen(names);
        snprintf(names + len, sizeof names - len, "%s%s/%lld",
                 found ? ", " : "", k->name, (long long)id);
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
                   const struct tcrm_entity_kind **kind, int64_t *id,
                   struct tcrm_error *err)
{
    const char *slash = strchr(ref, '/');
    if (!slash) {
        if (parse_id(ref, id) == 0)
            return resolve_bare(db, ref, *id, kind, err);
    } else if (parse_id(slash + 1, id) == 0) {
        char name[32];
        size_t len = (size_t)(slash - ref);
        snprintf(name, sizeof name, "%.*s", (int)len, ref);
        *kind = len < sizeof name ? tcrm_entity_kind(name) : NULL;
        if (*kind && ((*kind)->flags & TCRM_ENTITY_TRASH))
            return 0;
    }
    return tcrm_error_set(err, TCRM_EINVAL, "'%.60s' is not a trash item: use "
                          "KIND/ID (%s) or an id", ref,
                          tcrm_entity_names(TCRM_ENTITY_TRASH));
}

static int restore_row(struct tcrm_db *db, const struct tcrm_entity_kind *k,
                       int64_t id, struct tcrm_error *err)
{
    int changed;
    int rc = tcrm_db_stamp_run(db, k->sql->restore, k->name, id, &changed,
                               err);
    /* A name only one live row may have (a campaign's) was given to
     * another row while this one was in the trash. */
    if (rc && sqlite3_extended_errcode(db->sql) == SQLITE_CONSTRAINT_UNIQUE)
        return tcrm_error_set(err, TCRM_EDUP, "%s/%lld: cannot be restored: "
                              "another %s has its name now; rename one of "
                              "them first", k->name, (long long)id,
                              tcrm_db_noun(k->name));
    if (rc)
        return rc;
    if (changed == 0)
        return tcrm_error_set(err, TCRM_ENOTFOUND, "%s/%lld: not in the trash",
                              k->name, (long long)id);
    return 0;
}

int tcrm_trash_restore(struct tcrm_db *db, const char *ref,
                       struct tcrm_error *err)
{
    struct tcrm_error local;
    const struct tcrm_entity_kind *kind = NULL;
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
