/*
 * entity.c: the pieces every entity module shares: owned-string fields,
 * string lists (tags), the audit columns, and three row operations that
 * are the same for every table: tags, the trash and the audit trail
 * (tcrm_db_audit itself lives in db.c next to the other statements).
 *
 * Tags are stored once by name (tags, case-insensitive unique) and linked
 * through taggings(tag_id, entity, entity_id). Setting the tags of a row
 * replaces its links; tag names that are no longer used stay in tags (so
 * a typo'd tag can be re-used without being re-created, and tag.c lists
 * only tags that live rows carry).
 *
 * The trash is a column: deleted_at. Which tables have it, and their
 * statements, are in the table of entity_kind.c.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db_internal.h"
#include "tcrm/entity.h"

int tcrm_str_empty(const char *s)
{
    return s == NULL || *s == '\0';
}

int tcrm_str_set(char **field, const char *value)
{
    char *copy = NULL;
    if (!tcrm_str_empty(value)) {
        size_t n = strlen(value) + 1;
        copy = malloc(n);
        if (!copy)
            return TCRM_ENOMEM;
        memcpy(copy, value, n);
    }
    free(*field);
    *field = copy;
    return 0;
}

int tcrm_strlist_add(struct tcrm_strlist *l, const char *s)
{
    char **items = realloc(l->items, (l->n + 1) * sizeof *items);
    if (!items)
        return TCRM_ENOMEM;
    l->items = items;
    size_t len = strlen(s ? s : "") + 1;
    char *copy = malloc(len);
    if (!copy)
        return TCRM_ENOMEM;
    memcpy(copy, s ? s : "", len);
    l->items[l->n++] = copy;
    return 0;
}

int tcrm_strlist_has(const struct tcrm_strlist *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcasecmp(l->items[i], s) == 0)
            return 1;
    return 0;
}

void tcrm_strlist_clear(struct tcrm_strlist *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i]);
    free(l->items);
    l->items = NULL;
    l->n = 0;
}

void tcrm_stamp_clear(struct tcrm_stamp *s)
{
    if (!s)
        return;
    free(s->created_at);
    free(s->updated_at);
    free(s->created_by);
    free(s->updated_by);
    memset(s, 0, sizeof *s);
}

/* ---- tags ------------------------------------------------------------- */

static int add_tag(struct tcrm_db *db, const char *entity, int64_t id,
                   const char *name, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "INSERT INTO tags(name) VALUES (?1) ON CONFLICT(name) DO NOTHING",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    int rc = tcrm_db_step_done(db, st, "tag", err);
    if (rc)
        return rc;
    st = tcrm_db_prepare(db,
        "INSERT OR IGNORE INTO taggings(tag_id, entity, entity_id)"
        " SELECT id, ?2, ?3 FROM tags WHERE name = ?1", err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, entity, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, id);
    return tcrm_db_step_done(db, st, "tag", err);
}

static int replace_tags(struct tcrm_db *db, const char *entity, int64_t id,
                        const struct tcrm_strlist *tags,
                        struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "DELETE FROM taggings WHERE entity = ?1 AND entity_id = ?2", err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, entity, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, id);
    int rc = tcrm_db_step_done(db, st, "tags", err);
    for (size_t i = 0; rc == 0 && tags && i < tags->n; i++)
        if (!tcrm_str_empty(tags->items[i]))
            rc = add_tag(db, entity, id, tags->items[i], err);
    return rc;
}

int tcrm_db_set_tags(struct tcrm_db *db, const char *entity, int64_t id,
                     const struct tcrm_strlist *tags, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    const struct tcrm_entity_kind *k = tcrm_entity_kind(entity);
    if (!k || !(k->flags & TCRM_ENTITY_TAGS))
        return tcrm_error_set(err, TCRM_EINVAL, "%s: carries no tags",
                              entity ? entity : "");
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = replace_tags(db, k->name, id, tags, err);
    return tcrm_db_end(db, rc, err);
}

int tcrm_db_get_tags(struct tcrm_db *db, const char *entity, int64_t id,
                     struct tcrm_strlist *tags, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT t.name FROM taggings g JOIN tags t ON t.id = g.tag_id"
        " WHERE g.entity = ?1 AND g.entity_id = ?2"
        " ORDER BY t.name COLLATE NOCASE", err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, entity, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, id);
    int rc, s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        rc = tcrm_strlist_add(tags,
                              (const char *)sqlite3_column_text(st, 0));
        if (rc) {
            tcrm_db_done(st);
            return tcrm_error_set(err, rc, "out of memory");
        }
    }
    rc = s == SQLITE_DONE ? 0 : tcrm_db_fail(db, "tags", err);
    tcrm_db_done(st);
    return rc;
}

/* ---- trash ------------------------------------------------------------ */

int tcrm_db_stamp_run(struct tcrm_db *db, const char *sql, const char *what,
                      int64_t id, int *changed, struct tcrm_error *err)
{
    char now[20];
    sqlite3_stmt *st = tcrm_db_prepare(db, sql, err);
    *changed = 0;
    if (!st)
        return err->code;
    tcrm_db_now(now);
    sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, tcrm_db_user(db), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, id);
    int rc = tcrm_db_step_done(db, st, what, err);
    if (rc == 0)
        *changed = sqlite3_changes(db->sql);
    return rc;
}

static int trash_work(struct tcrm_db *db, const struct tcrm_entity_kind *k,
                      int64_t id, struct tcrm_error *err)
{
    int changed;
    int rc = tcrm_db_stamp_run(db, k->sql->trash, k->name, id, &changed,
                               err);
    if (rc)
        return rc;
    if (changed == 0)
        return tcrm_error_set(err, TCRM_ENOTFOUND, "%s %lld: not found",
                              tcrm_db_noun(k->name), (long long)id);
    return 0;
}

static int trash_kind(struct tcrm_db *db, const struct tcrm_entity_kind *k,
                      int64_t id, struct tcrm_error *err)
{
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = trash_work(db, k, id, err);
    return tcrm_db_end(db, rc, err);
}

int tcrm_db_trash_row(struct tcrm_db *db, const char *table,
                      const char *entity, int64_t id, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    const struct tcrm_entity_kind *k = tcrm_entity_by_table(table);
    if (!k || !(k->flags & TCRM_ENTITY_TRASH) || strcmp(k->name, entity))
        return tcrm_error_set(err, TCRM_EINVAL, "%s: no trash for table %s",
                              entity, table);
    return trash_kind(db, k, id, err);
}

int tcrm_entity_delete(struct tcrm_db *db, const char *name, int64_t id,
                       struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    const struct tcrm_entity_kind *k = tcrm_entity_kind(name);
    if (!k || !(k->flags & TCRM_ENTITY_TRASH))
        return tcrm_error_set(err, TCRM_EINVAL, "%s: nothing of that kind "
                              "goes to the trash", name ? name : "");
    return trash_kind(db, k, id, err);
}

int tcrm_db_require_live(struct tcrm_db *db, const char *entity, int64_t id,
                         struct tcrm_error *err)
{
    if (!id)
        return 0;
    const struct tcrm_entity_kind *k = tcrm_entity_kind(entity);
    if (!k || !(k->flags & TCRM_ENTITY_TRASH))
        return tcrm_error_set(err, TCRM_EINVAL, "%s: not a linkable kind", entity);
    sqlite3_stmt *st = tcrm_db_prepare(db, k->sql->live, err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    sqlite3_bind_int64(st, 1, id);
    int s = sqlite3_step(st), rc = 0;
    if (s == SQLITE_DONE)
        rc = tcrm_error_set(err, TCRM_ENOTFOUND, "%s %lld: not found",
                            tcrm_db_noun(k->name), (long long)id);
    else if (s != SQLITE_ROW)
        rc = tcrm_db_fail(db, k->name, err);
    tcrm_db_done(st);
    return rc;
}

int tcrm_db_get_row(struct tcrm_db *db, const char *sql, int64_t id,
                    int (*read)(sqlite3_stmt *st, void *elem),
                    void (*clear)(void *elem), const char *what,
                    const char *missing, void *out, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    sqlite3_stmt *st = tcrm_db_prepare(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int s = sqlite3_step(st), rc = 0;
    if (s == SQLITE_ROW)
        rc = read(st, out) ? tcrm_error_set(err, TCRM_ENOMEM,
                                            "out of memory") : 0;
    else if (s == SQLITE_DONE)
        rc = tcrm_error_field(err, TCRM_ENOTFOUND, what, missing,
                              (long long)id);
    else
        rc = tcrm_db_fail(db, what, err);
    tcrm_db_done(st);
    if (rc)
        clear(out);
    return rc;
}

int tcrm_db_collect(struct tcrm_db *db, sqlite3_stmt *st, size_t size,
                    int (*read)(sqlite3_stmt *st, void *elem),
                    void (*free_array)(void *a, size_t n), const char *what,
                    void **out, size_t *n, struct tcrm_error *err)
{
    char *a = NULL;
    size_t count = 0;
    int rc = 0, s = SQLITE_DONE;
    while (rc == 0 && (s = sqlite3_step(st)) == SQLITE_ROW) {
        char *p = realloc(a, (count + 1) * size);
        if (!p) {
            rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
            break;
        }
        a = p;
        memset(a + count * size, 0, size);
        if (read(st, a + count++ * size))
            rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    }
    if (rc == 0 && s != SQLITE_DONE)
        rc = tcrm_db_fail(db, what, err);
    tcrm_db_done(st);
    if (rc) {
        free_array(a, count);
        return rc;
    }
    *out = a;
    *n = count;
    return 0;
}

int tcrm_db_page(struct tcrm_db *db, sqlite3_stmt *st, int limit_param,
                 size_t limit, size_t size,
                 int (*read)(sqlite3_stmt *st, void *elem),
                 void (*free_array)(void *a, size_t n),
                 void (*clear)(void *elem), const char *what, int backwards,
                 void **out, size_t *n, int *more, struct tcrm_error *err)
{
    if (limit > INT64_MAX - 1)
        limit = INT64_MAX - 1;
    sqlite3_bind_int64(st, limit_param, (sqlite3_int64)limit + 1);
    char *a = NULL;
    *n = 0;
    int rc = tcrm_db_collect(db, st, size, read, free_array, what,
                             (void **)&a, n, err);
    if (more)
        *more = rc == 0 && *n > limit;
    if (rc == 0 && *n > limit) {            /* the one read to know more */
        clear(a + limit * size);
        *n = limit;
    }
    for (size_t i = 0; rc == 0 && backwards && i < *n / 2; i++) {
        char *x = a + i * size, *y = a + (*n - 1 - i) * size;
        for (size_t b = 0; b < size; b++) {
            char t = x[b];
            x[b] = y[b];
            y[b] = t;
        }
    }
    *out = a;
    return rc;
}

int tcrm_db_count(struct tcrm_db *db, sqlite3_stmt *st, const char *what,
                  int64_t *n, struct tcrm_error *err)
{
    *n = 0;
    if (!st)
        return err->code;
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : tcrm_db_fail(db, what, err);
    if (rc == 0)
        *n = sqlite3_column_int64(st, 0);
    tcrm_db_done(st);
    return rc;
}
