/*
 * bulk.c: many contacts into one import batch (bulk.h).
 *
 * Why a second write path: tcrm_contact_insert is right for one contact
 * but, row after row in one big transaction, most of its time went into
 * SQLite's FTS5 tables: every statement that opens a statement savepoint
 * (INSERT ... SELECT, UPDATE, anything with a foreign key or trigger)
 * makes FTS5 flush its pending terms, so indexing each contact as it was
 * written left one tiny index segment per contact to be merged again and
 * again. Here the rows are written with plain INSERTs through the
 * connection's cached statements, and each added contact's index text is
 * built from the record in memory (the values exactly as stored, in the
 * order search.c reads them back) and kept in a buffer; when the buffer
 * holds INDEX_BYTES, or at tcrm_bulk_finish, the texts are written to the
 * index back to back, so FTS5 batches them as it is designed to. Nothing
 * is read back and nothing is deleted first: these contacts have no
 * index entries yet. A merge into a contact whose text still waits
 * (tcrm_bulk_merge) writes the buffer first, so the merge's own index
 * update replaces it.
 *
 * The duplicate check is dup.c's (tcrm_dup_first), given the company this
 * row names through the company cache below.
 *
 * Caches, each of which may miss but never lies:
 *   tags       id and stored name per name asked (tags are few); a name
 *              not cached is looked up again;
 *   company    the last company name asked and what it gave: the id and
 *              stored name, or "not stored". The duplicate check and the
 *              add of one row then cost one look-up. Only this batch adds
 *              companies while it is open, and it updates the entry; a
 *              merge (which may add one) empties it.
 *
 * The audit trail labels the rows a batch adds 'import' (the triggers'
 * action, tcrm_db_audit_action): set once per transaction, since each
 * begins without one, and again after a merge, which names its own
 * ('merge') and then clears it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contact_internal.h"
#include "tcrm/access.h"
#include "tcrm/bulk.h"
#include "tcrm/company.h"
#include "tcrm/dup.h"
#include "tcrm/normalize.h"
#include "tcrm/strbuf.h"

#define TAG_CACHE 64
#define BULK_CACHE_KB 32768             /* page cache while bulk adding */
#define INDEX_BYTES (4u << 20)          /* index text held before writing */

/* FTS5's merge settings while bulk adding, and FTS5's defaults. */
static const struct {
    const char *key;
    int64_t bulk, fts;
} merge_set[2] = { { "automerge", 16, 4 }, { "crisismerge", 64, 16 } };

/* The two full-text tables (search.c), whose merge setting is raised. */
static const char *const fts_table[2] = { "contact_search",
                                          "contact_search_short" };

struct tag_entry {
    char *asked, *stored;
    int64_t id;
};

/* A tag of the row being added; own is set when name is not cached. */
struct row_tag {
    int64_t id;
    const char *name;
    char *own;
};

struct tcrm_bulk {
    struct tcrm_db *db;
    int64_t batch;
    int64_t added, companies;
    int old_cache;              /* PRAGMA cache_size before */
    int64_t old_merge[2][2];    /* merge_set of each fts_table before */
    int finished;               /* tcrm_bulk_finish has set them back */
    struct tag_entry tags[TAG_CACHE];
    size_t n_tags;
    struct row_tag *row_tags;   /* the tags of the row being added */
    size_t n_row_tags, cap_row_tags;
    char *co_asked, *co_name;   /* company cache: name asked, stored name */
    int64_t co_id;              /* 0: no stored company of that name */
    char *co_by_id;             /* stored name of c->company_id */
    char now[20];
    char *owner;                /* new rows' owner; NULL: the acting user */
    int64_t action_tx;          /* db->tx_serial when 'import' was set */
    struct tcrm_strbuf text;    /* index texts waiting, each ends in '\0' */
    int64_t *ids;               /* their contact ids, ascending */
    size_t n_ids, cap_ids;
};

/* FTS5 merges index segments, a little after each write, `automerge` at
 * a time once that many are on one level, and all of a level at once,
 * inside the write, once it holds `crisismerge`. Bulk adding writes one
 * segment per few megabytes of text; merging them 16 at a time instead
 * of 4 writes each posting fewer times over (about log16 instead of log4
 * of the segment count): a third less index work on 200,000 cards. With
 * both at 16 (FTS5's crisismerge) every 16th segment was a crisis: one
 * import commit in a few hundred took over a second, and a colleague's
 * write waited for it; at 64 the incremental merges keep up (the longest
 * commit of 100,000 cards 0.6 s instead of 1.2 s on a loaded machine).
 * tcrm_bulk_finish sets the old values back. */
static int set_merge(struct tcrm_db *db, int i, int k, int64_t n,
                     struct tcrm_error *err)
{
    char sql[128];
    snprintf(sql, sizeof sql, "INSERT INTO %s(%s, rank) VALUES ('%s', %lld)",
             fts_table[i], fts_table[i], merge_set[k].key, (long long)n);
    return tcrm_db_exec(db, sql, err);
}

/* The table's stored merge setting k, FTS5's default when it has none. */
static int64_t get_merge(struct tcrm_db *db, int i, int k)
{
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT v FROM %s_config WHERE k = '%s'",
             fts_table[i], merge_set[k].key);
    sqlite3_stmt *st = NULL;
    int64_t v = merge_set[k].fts;
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
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
    b->action_tx = -1;
    tcrm_strbuf_init(&b->text);
    b->old_cache = tcrm_db_cache_raise(db, BULK_CACHE_KB);
    tcrm_db_now(b->now);
    int rc = 0;
    for (int i = 0; rc == 0 && i < 4; i++) {
        int t = i / 2, k = i % 2;
        /* The bulk value here was left by an import that was killed. */
        b->old_merge[t][k] = get_merge(db, t, k);
        if (b->old_merge[t][k] == merge_set[k].bulk)
            b->old_merge[t][k] = merge_set[k].fts;
        rc = set_merge(db, t, k, merge_set[k].bulk, err);
    }
    if (rc) {
        tcrm_bulk_close(b);
        return rc;
    }
    *out = b;
    return 0;
}

static void forget_company(struct tcrm_bulk *b)
{
    free(b->co_asked);
    free(b->co_name);
    b->co_asked = b->co_name = NULL;
    b->co_id = 0;
}

static void forget_tags(struct tcrm_bulk *b)
{
    for (size_t i = 0; i < b->n_tags; i++) {
        free(b->tags[i].asked);
        free(b->tags[i].stored);
    }
    b->n_tags = 0;
}

void tcrm_bulk_close(struct tcrm_bulk *b)
{
    if (!b)
        return;
    tcrm_db_cache_restore(b->db, b->old_cache, BULK_CACHE_KB);
    /* Not finished: the raised merge settings may have been committed
     * with an earlier batch of rows. Put them back if we can (outside a
     * transaction this is a write of its own); if not, FTS5 merges 16
     * segments at a time from then on, which is only slower, not wrong. */
    for (int i = 0; !b->finished && i < 4; i++)
        set_merge(b->db, i / 2, i % 2, b->old_merge[i / 2][i % 2], NULL);
    forget_tags(b);
    free(b->row_tags);
    forget_company(b);
    free(b->co_by_id);
    tcrm_strbuf_free(&b->text);
    free(b->ids);
    free(b->owner);
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

/* ---- companies ------------------------------------------------------ */

/* Remember that `asked` gives company id (0: none) named `stored`; takes
 * stored. */
static int remember_company(struct tcrm_bulk *b, const char *asked,
                            int64_t id, char *stored)
{
    char *copy = strdup(asked);
    forget_company(b);
    if (!copy) {
        free(stored);
        return TCRM_ENOMEM;
    }
    b->co_asked = copy;
    b->co_name = stored;
    b->co_id = id;
    return 0;
}

/* *name = the stored name of company id (new string). */
static int company_name(struct tcrm_db *db, int64_t id, char **name,
                        struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT name FROM companies WHERE id = ?1", err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    *name = rc == SQLITE_ROW ? tcrm_db_col_text(st, 0) : NULL;
    rc = rc != SQLITE_ROW ? tcrm_db_fail(db, "company", err)
       : *name ? 0 : tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    tcrm_db_done(st);
    return rc;
}

/* The stored company named `name` (*id 0: none), through the cache. */
static int find_company(struct tcrm_bulk *b, const char *name, int64_t *id,
                        struct tcrm_error *err)
{
    if (b->co_asked && strcmp(b->co_asked, name) == 0) {
        *id = b->co_id;
        return 0;
    }
    char *stored = NULL;
    int rc = tcrm_company_find(b->db, name, id, err);
    if (rc == 0 && *id)
        rc = company_name(b->db, *id, &stored, err);
    if (rc == 0 && remember_company(b, name, *id, stored))
        rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    return rc;
}

/* A company the batch creates: the row and its batch record, no audit
 * row (the batch is the record). The caller checked the name is new. */
static int add_company(struct tcrm_bulk *b, const char *company, int64_t *id,
                       struct tcrm_error *err)
{
    char *name = tcrm_norm_trim(company);
    char *key = name ? tcrm_norm_company_key(name) : NULL;
    char *sort = name ? tcrm_db_sort_key(b->db, name) : NULL;
    sqlite3_stmt *st = key && sort ? tcrm_db_prepare(b->db,
        "INSERT INTO companies(name, name_key, sort_key, import_batch,"
        " created_by, updated_by, created_at, updated_at, owner) VALUES (?1,"
        " ?2, ?3, ?4, ?5, ?5, ?6, ?6, ?7)", err) : NULL;
    int rc = st ? 0 : key && sort ? TCRM_EDB
           : tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (st) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, sort, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, b->batch);
        sqlite3_bind_text(st, 5, tcrm_db_user(b->db), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, b->now, -1, SQLITE_STATIC);
        tcrm_db_bind_text(st, 7, b->owner);
        rc = tcrm_db_step_done(b->db, st, "company", err);
    }
    free(key);
    free(sort);
    *id = rc ? 0 : sqlite3_last_insert_rowid(b->db->sql);
    if (rc == 0 && remember_company(b, company, *id, name))
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (rc)
        free(name);
    st = rc ? NULL : tcrm_db_prepare(b->db,
        "INSERT INTO import_changes(batch_id, entity, entity_id, action,"
        " version_after) VALUES (?1, 'company', ?2, 'add', 1)", err);
    if (!st)
        return rc ? rc : TCRM_EDB;
    sqlite3_bind_int64(st, 1, b->batch);
    sqlite3_bind_int64(st, 2, *id);
    return tcrm_db_step_done(b->db, st, "import", err);
}

/* c's company: c->company_id (checked), else found by name, else created.
 * *name = its stored name (owned by b; NULL when c has none). */
static int resolve_company(struct tcrm_bulk *b, struct tcrm_contact *c,
                           const char **name, struct tcrm_error *err)
{
    *name = NULL;
    if (c->company_id) {
        free(b->co_by_id);
        b->co_by_id = NULL;
        int rc = tcrm_db_require_live(b->db, "company", c->company_id, err);
        if (rc == 0)
            rc = company_name(b->db, c->company_id, &b->co_by_id, err);
        *name = b->co_by_id;
        return rc;
    }
    if (tcrm_str_empty(c->company))
        return 0;
    int64_t id = 0;
    int rc = find_company(b, c->company, &id, err);
    if (rc == 0 && !id) {
        rc = add_company(b, c->company, &id, err);
        if (rc == 0)
            b->companies++;
    }
    c->company_id = rc ? 0 : id;
    *name = rc ? NULL : b->co_name;
    return rc;
}

/* ---- duplicate check ------------------------------------------------ */

int tcrm_bulk_dup(struct tcrm_bulk *b, const struct tcrm_contact *c,
                  int64_t *id, struct tcrm_error *err)
{
    int64_t co = c->company_id;
    int rc = 0;
    *id = 0;
    if (!co && !tcrm_str_empty(c->company)) {
        rc = find_company(b, c->company, &co, err);
        if (rc == 0 && !co)
            co = TCRM_DUP_NEW_COMPANY;
    }
    return rc ? rc : tcrm_dup_first(b->db, c, co, id, err);
}

/* ---- rows ----------------------------------------------------------- */

static int insert_row(struct tcrm_bulk *b, const struct tcrm_contact *c,
                      const char *name, struct tcrm_error *err)
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
    char *name_key = tcrm_norm_name_key(name);
    char *sort_key = tcrm_db_sort_key(b->db, name);
    char *title_sort = tcrm_db_sort_key(b->db, c->title);
    int rc = name_key && sort_key && title_sort ? 0
           : tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (rc == 0) {
        tcrm_db_bind_text(st, 1, name);
        tcrm_db_bind_id(st, 2, c->company_id);
        const char *f[] = { c->title, c->department, c->address, c->city,
                            c->birthday, c->source, c->notes,
                            tcrm_str_empty(c->owner) ? b->owner : c->owner };
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

/* ---- tags ----------------------------------------------------------- */

/* SQLite's NOCASE: ASCII letters folded, other bytes as they are. */
static int nocase_cmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int x = (unsigned char)*a, y = (unsigned char)*b;
        x += x >= 'A' && x <= 'Z' ? 'a' - 'A' : 0;
        y += y >= 'A' && y <= 'Z' ? 'a' - 'A' : 0;
        if (x != y || x == 0)
            return x - y;
    }
}

/* Look tag `name` up (or create it): its id and stored name. */
static int lookup_tag(struct tcrm_bulk *b, const char *name, int64_t *id,
                      char **stored, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(b->db,
        "SELECT id, name FROM tags WHERE name = ?1", err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    *stored = rc == SQLITE_ROW ? tcrm_db_col_text(st, 1) : strdup(name);
    rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : tcrm_db_fail(b->db, "tag", err);
    tcrm_db_done(st);
    if (rc == 0 && !*stored)
        rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (rc == 0 && !*id) {
        st = tcrm_db_prepare(b->db, "INSERT INTO tags(name) VALUES (?1)", err);
        if (!st)
            return TCRM_EDB;
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        rc = tcrm_db_step_done(b->db, st, "tag", err);
        *id = rc ? 0 : sqlite3_last_insert_rowid(b->db->sql);
    }
    return rc;
}

/* Add tag `name` to the row's tags (*t), through the cache. */
static int tag_of(struct tcrm_bulk *b, const char *name, struct row_tag *t,
                  struct tcrm_error *err)
{
    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < b->n_tags; i++)
        if (nocase_cmp(b->tags[i].asked, name) == 0) {
            t->id = b->tags[i].id;
            t->name = b->tags[i].stored;
            return 0;
        }
    int rc = lookup_tag(b, name, &t->id, &t->own, err);
    t->name = t->own;
    char *asked = rc == 0 && b->n_tags < TAG_CACHE ? strdup(name) : NULL;
    if (asked) {
        struct tag_entry *e = &b->tags[b->n_tags++];
        e->asked = asked;
        e->stored = t->own;
        e->id = t->id;
        t->own = NULL;
    }
    return rc;
}

static void free_row_tags(struct tcrm_bulk *b)
{
    for (size_t i = 0; i < b->n_row_tags; i++)
        free(b->row_tags[i].own);
    b->n_row_tags = 0;
}

/* The row's tags into b->row_tags: each tag once, in name order. */
static int row_tags(struct tcrm_bulk *b, const struct tcrm_strlist *tags,
                    struct tcrm_error *err)
{
    free_row_tags(b);
    if (tags->n > b->cap_row_tags) {
        struct row_tag *a = realloc(b->row_tags, tags->n * sizeof *a);
        if (!a)
            return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        b->row_tags = a;
        b->cap_row_tags = tags->n;
    }
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < tags->n; i++) {
        if (tcrm_str_empty(tags->items[i]))
            continue;
        struct row_tag t;
        rc = tag_of(b, tags->items[i], &t, err);
        size_t at = 0;
        while (rc == 0 && at < b->n_row_tags && b->row_tags[at].id != t.id &&
               nocase_cmp(b->row_tags[at].name, t.name) < 0)
            at++;
        if (rc || (at < b->n_row_tags && b->row_tags[at].id == t.id)) {
            free(t.own);
            continue;
        }
        memmove(&b->row_tags[at + 1], &b->row_tags[at],
                (b->n_row_tags - at) * sizeof t);
        b->row_tags[at] = t;
        b->n_row_tags++;
    }
    return rc;
}

static int insert_tags(struct tcrm_bulk *b, int64_t id,
                       struct tcrm_error *err)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < b->n_row_tags; i++) {
        sqlite3_stmt *st = tcrm_db_prepare(b->db,
            "INSERT OR IGNORE INTO taggings(tag_id, entity, entity_id)"
            " VALUES (?1, 'contact', ?2)", err);
        if (!st)
            return TCRM_EDB;
        sqlite3_bind_int64(st, 1, b->row_tags[i].id);
        sqlite3_bind_int64(st, 2, id);
        rc = tcrm_db_step_done(b->db, st, "tag", err);
    }
    return rc;
}

/* ---- the search index ----------------------------------------------- */

/* Write every waiting index text (search.c), then empty the buffer. */
static int write_index(struct tcrm_bulk *b, struct tcrm_error *err)
{
    const char *body = b->text.buf;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < b->n_ids; i++) {
        rc = tcrm_search_store(b->db, b->ids[i], body, err);
        body += strlen(body) + 1;
    }
    tcrm_strbuf_reset(&b->text);
    b->n_ids = 0;
    return rc;
}

/* Contact id's index text from its stored values: name, company, title,
 * department, notes, channels, tags (contact_internal.h has the order). */
static int index_text(struct tcrm_strbuf *t, const struct tcrm_contact *c,
                      const char *name, const char *company,
                      const struct row_tag *tags, size_t n_tags)
{
    const char *f[] = { name, company, c->title, c->department, c->notes };
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < sizeof f / sizeof *f; i++)
        rc = i < 3 ? tcrm_search_body_add_spoken(t, f[i])
                   : tcrm_search_body_add(t, f[i]);
    for (size_t i = 0; rc == 0 && i < c->n_channels; i++)
        rc = tcrm_search_body_channel(t, c->channels[i].kind,
                                      c->channels[i].value);
    for (size_t i = 0; rc == 0 && i < n_tags; i++)
        rc = tcrm_search_body_add(t, tags[i].name);
    return rc ? rc : tcrm_strbuf_appendc(t, '\0');
}

/* Queue contact id's index text; write the buffer when it is full. */
static int queue_index(struct tcrm_bulk *b, int64_t id,
                       const struct tcrm_contact *c, const char *name,
                       const char *company, struct tcrm_error *err)
{
    if (b->n_ids == b->cap_ids) {
        size_t cap = b->cap_ids ? b->cap_ids * 2 : 1024;
        int64_t *a = realloc(b->ids, cap * sizeof *a);
        if (!a)
            return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        b->ids = a;
        b->cap_ids = cap;
    }
    size_t start = b->text.len;
    if (index_text(&b->text, c, name, company, b->row_tags, b->n_row_tags)) {
        if (b->text.len > start) {
            b->text.len = start;
            b->text.buf[start] = '\0';
        }
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    }
    b->ids[b->n_ids++] = id;
    return b->text.len >= INDEX_BYTES ? write_index(b, err) : 0;
}

int tcrm_bulk_flush(struct tcrm_bulk *b, struct tcrm_error *err)
{
    forget_company(b);
    forget_tags(b);
    return write_index(b, err);
}

int tcrm_bulk_finish(struct tcrm_bulk *b, struct tcrm_error *err)
{
    int rc = write_index(b, err);
    for (int i = 0; rc == 0 && i < 4; i++)
        rc = set_merge(b->db, i / 2, i % 2, b->old_merge[i / 2][i % 2], err);
    if (rc == 0)
        b->finished = 1;
    return rc;
}

/* ---- adding and merging --------------------------------------------- */

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

/* The row, its channels, tags and batch record; *id its new id. */
static int add_rows(struct tcrm_bulk *b, struct tcrm_contact *c,
                    const char *name, int64_t *id, struct tcrm_error *err)
{
    int rc = insert_row(b, c, name, err);
    *id = rc ? 0 : sqlite3_last_insert_rowid(b->db->sql);
    if (rc == 0)
        rc = insert_channels(b->db, *id, c, err);
    if (rc == 0)
        rc = insert_tags(b, *id, err);
    if (rc == 0)
        rc = record_added(b, *id, err);
    return rc;
}

int tcrm_bulk_set_owner(struct tcrm_bulk *b, const char *login,
                        struct tcrm_error *err)
{
    int rc = tcrm_access_may_own(b->db, login, err);
    if (rc)
        return rc;
    free(b->owner);
    b->owner = strdup(login);
    return b->owner ? 0 : tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
}

/* Name the audit action of this transaction's adds 'import' (once). */
static int import_action(struct tcrm_bulk *b, struct tcrm_error *err)
{
    if (b->action_tx == b->db->tx_serial)
        return 0;
    int rc = tcrm_db_audit_action(b->db, "import", err);
    if (rc == 0)
        b->action_tx = b->db->tx_serial;
    return rc;
}

int tcrm_bulk_add(struct tcrm_bulk *b, struct tcrm_contact *c,
                  struct tcrm_error *err)
{
    const char *company = NULL;
    char *name = tcrm_norm_trim(c->name);
    int64_t id = 0;
    int rc = name ? 0 : tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (rc == 0)
        rc = import_action(b, err);
    if (rc == 0)
        rc = resolve_company(b, c, &company, err);
    if (rc == 0)
        rc = row_tags(b, &c->tags, err);
    if (rc == 0)
        rc = add_rows(b, c, name, &id, err);
    if (rc == 0)
        rc = queue_index(b, id, c, name, company, err);
    free_row_tags(b);
    free(name);
    if (rc == 0) {
        c->id = id;
        c->version = 1;
        c->import_batch = b->batch;
        b->added++;
    }
    return rc;
}

int tcrm_bulk_merge(struct tcrm_bulk *b, int64_t into,
                    const struct tcrm_contact *c, struct tcrm_strbuf *before,
                    int64_t *version_after, struct tcrm_error *err)
{
    int rc = 0;
    if (b->n_ids && into >= b->ids[0] && into <= b->ids[b->n_ids - 1])
        rc = write_index(b, err);
    forget_company(b);
    b->action_tx = -1;           /* the merge names its own, then clears it */
    return rc ? rc : tcrm_contact_merge(b->db, into, c, before,
                                        version_after, err);
}
