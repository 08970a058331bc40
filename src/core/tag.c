/*
 * tag.c: the tags in use and how many live rows carry each.
 *
 * A tag name lives once in `tags` (unique, case-insensitive); links live in
 * `taggings`. Counting joins each link with its row so rows in the trash
 * do not count; a tag that only trashed (or no) rows carry is not "in use"
 * and is left out of the list, though tcrm_tag_exists still finds it.
 * The per-tag counts walk the taggings primary key (tag_id, entity, ...),
 * so the cost follows the number of links, not of contacts.
 */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "tcrm/tag.h"

#define LIVE_COUNT(ent, table)                                              \
    "(SELECT count(*) FROM taggings g JOIN " table " x ON x.id = g.entity_id" \
    " WHERE g.tag_id = t.id AND g.entity = '" ent "'"                       \
    " AND x.deleted_at IS NULL)"

/* One row of the tag list (tcrm_db_collect reader). */
static int read_tag(sqlite3_stmt *st, void *elem)
{
    struct tcrm_tag_count *t = elem;
    t->name = tcrm_db_col_text(st, 0);
    t->contacts = sqlite3_column_int64(st, 1);
    t->companies = sqlite3_column_int64(st, 2);
    t->deals = sqlite3_column_int64(st, 3);
    return t->name ? 0 : TCRM_ENOMEM;
}

static void free_tags(void *a, size_t n)
{
    tcrm_tag_array_free(a, n);
}

int tcrm_tag_list(struct tcrm_db *db, struct tcrm_tag_count **out, size_t *n,
                  struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT name, ct, co, de FROM (SELECT t.name AS name, "
        LIVE_COUNT("contact", "contacts") " AS ct, "
        LIVE_COUNT("company", "companies") " AS co, "
        LIVE_COUNT("deal", "deals") " AS de FROM tags t)"
        " WHERE ct + co + de > 0 ORDER BY name COLLATE NOCASE", err);
    if (!st)
        return err->code;
    void *a = NULL;
    int rc = tcrm_db_collect(db, st, sizeof(struct tcrm_tag_count), read_tag,
                             free_tags, "tags", &a, n, err);
    *out = a;
    return rc;
}

void tcrm_tag_array_free(struct tcrm_tag_count *a, size_t n)
{
    if (!a)
        return;
    for (size_t i = 0; i < n; i++)
        free(a[i].name);
    free(a);
}

int tcrm_tag_exists(struct tcrm_db *db, const char *name,
                    struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT 1 FROM tags WHERE name = ?1", err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, name ? name : "", -1, SQLITE_TRANSIENT);
    int s = sqlite3_step(st), rc = 0;
    if (s == SQLITE_DONE)
        rc = tcrm_error_set(err, TCRM_ENOTFOUND, "tag '%.60s': not found",
                            name ? name : "");
    else if (s != SQLITE_ROW)
        rc = tcrm_db_fail(db, "tags", err);
    tcrm_db_done(st);
    return rc;
}
