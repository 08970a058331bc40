/*
 * bulk.c: many contacts into one import batch (bulk.h).
 *
 * Why a second write path: tcrm_contact_insert is right for one contact
 * but, row after row in one big transaction, most of its time went into
 * SQLite's FTS5 tables: every statement that opens a statement savepoint
 * (INSERT ... SELECT, UPDATE, anything with a foreign key or trigger)
 * makes FTS5 flush its pending terms, so indexing each contact as it was
 * written left one tiny index segment per contact to be merged again and
 * again. Here the rows are written first with plain INSERTs through the
 * connection's cached statements, and the index entries of all added
 * contacts are written at the end (tcrm_bulk_finish), back to back, so
 * FTS5 batches them as it is designed to.
 *
 * The duplicate check is dup.c's rules asking only for the first
 * candidate: e-mail keys in the order of c's e-mails, then phone keys,
 * then name key + company, lowest contact id first within each look-up
 * (test_bulk checks it agrees with tcrm_dup_find).
 *
 * Tags are looked up once per name (a small cache of ids; tags are few);
 * the cache may miss, never lie: a name not cached is looked up again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "contact_internal.h"
#include "tcrm/bulk.h"
#include "tcrm/company.h"
#include "tcrm/import_batch.h"
#include "tcrm/normalize.h"
#include "tcrm/search.h"

#define TAG_CACHE 64
#define BULK_CACHE_KB 32768     /* page cache while bulk adding */
#define INDEX_CHUNK 512

struct tcrm_bulk {
    struct tcrm_db *db;
    int64_t batch;
    int64_t added, companies;
    int64_t old_cache;          /* PRAGMA cache_size before */
    char *tag_name[TAG_CACHE];
    int64_t tag_id[TAG_CACHE];
    size_t n_tags;
    char *co_name;              /* last company found, and its id */
    int64_t co_id;
    char now[20];
};

static int64_t pragma_int(struct tcrm_db *db, const char *sql)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, sql, NULL);
    int64_t v = st && sqlite3_step(st) == SQLITE_ROW
              ? sqlite3_column_int64(st, 0) : 0;
    tcrm_db_done(st);
    return v;
}

static void set_cache(struct tcrm_db *db, int64_t v)
{
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", (long long)v);
    sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
}

int tcrm_bulk_open(struct tcrm_db *db, int64_t batch, struct tcrm_bulk **out,
                   struct tcrm_error *err)
{
    *out = NULL;
    if (sqlite3_get_autocommit(db->sql))
        return tcrm_error_set(err, TCRM_EINVAL,
                              "bulk add: not inside a transaction");
    struct tcrm_bulk *b = calloc(1, sizeof *b);
    if (!b)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    b->db = db;
    b->batch = batch;
    b->old_cache = pragma_int(db, "PRAGMA cache_size");
    if (b->old_cache > -BULK_CACHE_KB)
        set_cache(db, -BULK_CACHE_KB);
    tcrm_db_now(b->now);
    *out = b;
    return 0;
}

void tcrm_bulk_close(struct tcrm_bulk *b)
{
    if (!b)
        return;
    if (b->old_cache > -BULK_CACHE_KB)
        set_cache(b->db, b->old_cache);
    for (size_t i = 0; i < b->n_tags; i++)
        free(b->tag_name[i]);
    free(b->co_name);
    free(b);
}

int64_t tcrm_bulk_added(const struct tcrm_bulk *b)
{
    return b ? b->added : 0;
}

int64_t tcrm_bulk_companies_added(const struct tcrm_bulk *b)
{
    return b ? b->companies : 0;
}

/* ---- duplicate check ------------------------------------------------ */

/* First contact (lowest id) with a channel of the class whose key is key
 * and, for a phone, the same number (tcrm_norm_phone_same_number). */
static int first_by_key(struct tcrm_db *db, const char *key, const char *value,
                        int email, int64_t self, int64_t *id,
                        struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT h.contact_id, h.value FROM contact_channels h"
        " JOIN contacts c ON c.id = h.contact_id WHERE h.value_key = ?1"
        " AND h.value_key <> '' AND (h.kind = 'email') = ?2"
        " AND c.deleted_at IS NULL AND c.id <> ?3 ORDER BY h.contact_id", err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, email);
    sqlite3_bind_int64(st, 3, self);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (email || tcrm_norm_phone_same_number(value,
                         (const char *)sqlite3_column_text(st, 1))) {
            *id = sqlite3_column_int64(st, 0);
            break;
        }
    }
    rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
       : tcrm_db_fail(db, "duplicate check", err);
    tcrm_db_done(st);
    return rc;
}

static int dup_channels(struct tcrm_db *db, const struct tcrm_contact *c,
                        int email, int64_t *id, struct tcrm_error *err)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && !*id && i < c->n_channels; i++) {
        enum tcrm_channel_kind k = c->channels[i].kind;
        if (email ? k != TCRM_CH_EMAIL : !tcrm_channel_is_phone(k))
            continue;
        char *key = tcrm_channel_value_key(k, c->channels[i].value);
        if (!key)
            return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        if (key[0])
            rc = first_by_key(db, key, c->channels[i].value, email, c->id,
                              id, err);
        free(key);
    }
    return rc;
}

static int find_company(struct tcrm_bulk *b, const char *name, int64_t *id,
                        struct tcrm_error *err);

static int dup_name(struct tcrm_bulk *b, const struct tcrm_contact *c,
                    int64_t *id, struct tcrm_error *err)
{
    struct tcrm_db *db = b->db;
    int64_t co = c->company_id;
    int rc = 0;
    if (!co && !tcrm_str_empty(c->company)) {
        rc = find_company(b, c->company, &co, err);
        if (rc || !co)
            return rc;          /* a company not stored yet: no name match */
    }
    char *key = tcrm_norm_name_key(c->name);
    if (!key)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    sqlite3_stmt *st = key[0] ? tcrm_db_prepare(db,
        "SELECT id FROM contacts WHERE name_key = ?1 AND company_id IS ?2"
        " AND deleted_at IS NULL AND id <> ?3 ORDER BY id LIMIT 1", err) : NULL;
    if (st) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        tcrm_db_bind_id(st, 2, co);
        sqlite3_bind_int64(st, 3, c->id);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            *id = sqlite3_column_int64(st, 0);
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
           : tcrm_db_fail(db, "duplicate check", err);
        tcrm_db_done(st);
    } else if (key[0]) {
        rc = TCRM_EDB;
    }
    free(key);
    return rc;
}

int tcrm_bulk_dup(struct tcrm_bulk *b, const struct tcrm_contact *c,
                  int64_t *id, struct tcrm_error *err)
{
    *id = 0;
    int rc = dup_channels(b->db, c, 1, id, err);
    if (rc == 0 && !*id)
        rc = dup_channels(b->db, c, 0, id, err);
    if (rc == 0 && !*id && !tcrm_str_empty(c->name))
        rc = dup_name(b, c, id, err);
    return rc;
}

/* ---- adding --------------------------------------------------------- */

/* A company the batch creates: the row and its batch record, no audit
 * row (the batch is the record). The caller checked the name is new. */
static int add_company(struct tcrm_bulk *b, const char *company, int64_t *id,
                       struct tcrm_error *err)
{
    char *name = tcrm_norm_trim(company);
    char *key = name ? tcrm_norm_company_key(name) : NULL;
    char *sort = name ? tcrm_norm_fold(name) : NULL;
    sqlite3_stmt *st = key && sort ? tcrm_db_prepare(b->db,
        "INSERT INTO companies(name, name_key, sort_key, import_batch,"
        " created_by, updated_by, created_at, updated_at) VALUES (?1, ?2, ?3,"
        " ?4, ?5, ?5, ?6, ?6)", err) : NULL;
    int rc = st ? 0 : key && sort ? TCRM_EDB
           : tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (st) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, sort, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, b->batch);
        sqlite3_bind_text(st, 5, tcrm_db_user(b->db), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, b->now, -1, SQLITE_STATIC);
        rc = tcrm_db_step_done(b->db, st, "company", err);
    }
    free(name);
    free(key);
    free(sort);
    *id = rc ? 0 : sqlite3_last_insert_rowid(b->db->sql);
    st = rc ? NULL : tcrm_db_prepare(b->db,
        "INSERT INTO import_changes(batch_id, entity, entity_id, action,"
        " version_after) VALUES (?1, 'company', ?2, 'add', 1)", err);
    if (!st)
        return rc ? rc : TCRM_EDB;
    sqlite3_bind_int64(st, 1, b->batch);
    sqlite3_bind_int64(st, 2, *id);
    return tcrm_db_step_done(b->db, st, "import", err);
}

/* The stored company named `name` (0: none), through a one-entry cache of
 * the last company found: consecutive look-ups of one row (duplicate
 * check, then add) cost one query. Only found ids are cached; companies
 * are not deleted during an import. */
static int find_company(struct tcrm_bulk *b, const char *name, int64_t *id,
                        struct tcrm_error *err)
{
    if (b->co_name && strcmp(b->co_name, name) == 0) {
        *id = b->co_id;
        return 0;
    }
    int rc = tcrm_company_find(b->db, name, id, err);
    if (rc == 0 && *id) {
        char *copy = strdup(name);
        if (copy) {
            free(b->co_name);
            b->co_name = copy;
            b->co_id = *id;
        }
    }
    return rc;
}

static int resolve_company(struct tcrm_bulk *b, struct tcrm_contact *c,
                           struct tcrm_error *err)
{
    if (c->company_id || tcrm_str_empty(c->company))
        return c->company_id ? tcrm_db_require_live(b->db, "company",
                                                    c->company_id, err) : 0;
    int64_t id = 0;
    int rc = find_company(b, c->company, &id, err);
    if (rc == 0 && !id) {
        rc = add_company(b, c->company, &id, err);
        if (rc == 0)
            b->companies++;
    }
    c->company_id = rc ? 0 : id;
    return rc;
}

static int insert_row(struct tcrm_bulk *b, const struct tcrm_contact *c,
                      struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(b->db,
        "INSERT INTO contacts(name, company_id, title, department, address,"
        " city, birthday, source, notes, owner, name_key, sort_key,"
        " title_sort, company_sort, import_batch, created_at, updated_at,"
        " created_by, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
        " ?10, ?11, ?12, ?13, coalesce((SELECT sort_key FROM companies"
        " WHERE id = ?2), ''), ?14, ?15, ?15, ?16, ?16)", err);
    if (!st)
        return TCRM_EDB;
    char *name = tcrm_norm_trim(c->name);
    char *name_key = name ? tcrm_norm_name_key(name) : NULL;
    char *sort_key = name ? tcrm_norm_fold(name) : NULL;
    char *title_sort = tcrm_norm_fold(c->title);
    int rc = name_key && sort_key && title_sort ? 0
           : tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (rc == 0) {
        tcrm_db_bind_text(st, 1, name);
        tcrm_db_bind_id(st, 2, c->company_id);
        const char *f[] = { c->title, c->department, c->address, c->city,
                            c->birthday, c->source, c->notes, c->owner };
        for (int i = 0; i < 8; i++)
            tcrm_db_bind_text(st, 3 + i, f[i]);
        sqlite3_bind_text(st, 11, name_key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 12, sort_key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 13, title_sort, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 14, b->batch);
        sqlite3_bind_text(st, 15, b->now, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 16, tcrm_db_user(b->db), -1, SQLITE_STATIC);
        rc = tcrm_db_step_done(b->db, st, "contact", err);
    } else {
        tcrm_db_done(st);
    }
    free(name);
    free(name_key);
    free(sort_key);
    free(title_sort);
    return rc;
}

static int insert_channels(struct tcrm_db *db, int64_t id,
                           const struct tcrm_contact *c, struct tcrm_error *err)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < c->n_channels; i++) {
        const struct tcrm_channel *ch = &c->channels[i];
        char *key = tcrm_channel_value_key(ch->kind, ch->value);
        if (!key)
            return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        sqlite3_stmt *st = tcrm_db_prepare(db,
            "INSERT INTO contact_channels(contact_id, kind, value, value_key,"
            " position) VALUES (?1, ?2, ?3, ?4, ?5)", err);
        if (st) {
            sqlite3_bind_int64(st, 1, id);
            sqlite3_bind_text(st, 2, tcrm_channel_kind_name(ch->kind), -1,
                              SQLITE_STATIC);
            sqlite3_bind_text(st, 3, ch->value, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 4, key, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 5, (int64_t)i);
            rc = tcrm_db_step_done(db, st, "channels", err);
        } else {
            rc = TCRM_EDB;
        }
        free(key);
    }
    return rc;
}

/* The id of tag `name`, created when new. */
static int tag_id(struct tcrm_bulk *b, const char *name, int64_t *id,
                  struct tcrm_error *err)
{
    for (size_t i = 0; i < b->n_tags; i++)
        if (strcasecmp(b->tag_name[i], name) == 0) {
            *id = b->tag_id[i];
            return 0;
        }
    sqlite3_stmt *st = tcrm_db_prepare(b->db,
        "SELECT id FROM tags WHERE name = ?1", err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : tcrm_db_fail(b->db, "tag", err);
    tcrm_db_done(st);
    if (rc == 0 && !*id) {
        st = tcrm_db_prepare(b->db, "INSERT INTO tags(name) VALUES (?1)", err);
        if (!st)
            return TCRM_EDB;
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        rc = tcrm_db_step_done(b->db, st, "tag", err);
        *id = rc ? 0 : sqlite3_last_insert_rowid(b->db->sql);
    }
    if (rc == 0 && b->n_tags < TAG_CACHE && (b->tag_name[b->n_tags] = strdup(name)))
        b->tag_id[b->n_tags++] = *id;
    return rc;
}

static int insert_tags(struct tcrm_bulk *b, int64_t id,
                       const struct tcrm_strlist *tags, struct tcrm_error *err)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < tags->n; i++) {
        if (tcrm_str_empty(tags->items[i]))
            continue;
        int64_t t = 0;
        rc = tag_id(b, tags->items[i], &t, err);
        sqlite3_stmt *st = rc ? NULL : tcrm_db_prepare(b->db,
            "INSERT OR IGNORE INTO taggings(tag_id, entity, entity_id)"
            " VALUES (?1, 'contact', ?2)", err);
        if (!st)
            return rc ? rc : TCRM_EDB;
        sqlite3_bind_int64(st, 1, t);
        sqlite3_bind_int64(st, 2, id);
        rc = tcrm_db_step_done(b->db, st, "tag", err);
    }
    return rc;
}

static int record_added(struct tcrm_bulk *b, int64_t id, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(b->db,
        "INSERT INTO import_changes(batch_id, entity, entity_id, action,"
        " version_after) VALUES (?1, 'contact', ?2, 'add', 1)", err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_int64(st, 1, b->batch);
    sqlite3_bind_int64(st, 2, id);
    return tcrm_db_step_done(b->db, st, "import", err);
}

int tcrm_bulk_add(struct tcrm_bulk *b, struct tcrm_contact *c,
                  struct tcrm_error *err)
{
    int rc = resolve_company(b, c, err);
    if (rc == 0)
        rc = insert_row(b, c, err);
    if (rc)
        return rc;
    int64_t id = sqlite3_last_insert_rowid(b->db->sql);
    rc = insert_channels(b->db, id, c, err);
    if (rc == 0)
        rc = insert_tags(b, id, &c->tags, err);
    if (rc == 0)
        rc = record_added(b, id, err);
    if (rc == 0) {
        c->id = id;
        c->version = 1;
        c->import_batch = b->batch;
        b->added++;
    }
    return rc;
}

/* ---- the search index ----------------------------------------------- */

/* Up to INDEX_CHUNK contact ids the batch added after change row *last. */
static int next_chunk(struct tcrm_bulk *b, int64_t *last, int64_t *ids,
                      size_t *n, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(b->db,
        "SELECT rowid, entity_id FROM import_changes WHERE batch_id = ?1"
        " AND rowid > ?2 AND entity = 'contact' AND action = 'add'"
        " ORDER BY rowid LIMIT 512", err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_int64(st, 1, b->batch);
    sqlite3_bind_int64(st, 2, *last);
    int rc;
    for (*n = 0; *n < INDEX_CHUNK && (rc = sqlite3_step(st)) == SQLITE_ROW;) {
        *last = sqlite3_column_int64(st, 0);
        ids[(*n)++] = sqlite3_column_int64(st, 1);
    }
    rc = *n == INDEX_CHUNK || rc == SQLITE_DONE ? 0
       : tcrm_db_fail(b->db, "search index", err);
    tcrm_db_done(st);
    return rc;
}

int tcrm_bulk_finish(struct tcrm_bulk *b, struct tcrm_error *err)
{
    int64_t last = 0, ids[INDEX_CHUNK];
    size_t n = 1;
    int rc = 0;
    while (rc == 0 && n > 0) {
        rc = next_chunk(b, &last, ids, &n, err);
        for (size_t i = 0; rc == 0 && i < n; i++)
            rc = tcrm_search_index_contact(b->db, ids[i], err);
    }
    return rc;
}
