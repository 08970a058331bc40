/*
 * company.c: companies: insert, get, update, delete, find, list, count.
 *
 * A company's name_key (tcrm_norm_company_key: folded, words sorted,
 * legal form dropped) is unique among companies not in the trash; the
 * check is a look-up on companies_by_name_key inside the write
 * transaction. sort_key (the folded name) orders lists; renaming a company
 * re-sorts its contacts through the companies_sort_upd trigger, and here
 * we rebuild their search entries, which hold the company name.
 *
 * Lists are keyset pages over companies_by_sort (sort_key, id), continued
 * in two seeks ("sort_key = :k AND id > :id", then "sort_key > :k"; see
 * contact_list.c for why not a row value). The name search is a LIKE on
 * sort_key: a filter on the same index scan, fine for the thousands of
 * companies an office has.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "contact_internal.h"
#include "tcrm/access.h"
#include "tcrm/company.h"
#include "tcrm/edit.h"
#include "tcrm/normalize.h"
#include "tcrm/search.h"
#include "tcrm/strbuf.h"

void tcrm_company_init(struct tcrm_company *c)
{
    memset(c, 0, sizeof *c);
}

void tcrm_company_clear(struct tcrm_company *c)
{
    if (!c)
        return;
    char *s[] = { c->name, c->industry, c->phone, c->email, c->website,
                  c->address, c->city, c->notes, c->owner };
    for (size_t i = 0; i < sizeof s / sizeof *s; i++)
        free(s[i]);
    tcrm_strlist_clear(&c->tags);
    tcrm_stamp_clear(&c->stamp);
    tcrm_company_init(c);
}

static int validate(const struct tcrm_company *c, struct tcrm_error *err)
{
    char *name = tcrm_norm_trim(c->name);
    if (!name)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    int empty = name[0] == '\0';
    free(name);
    if (empty)
        return tcrm_error_field(err, TCRM_EINVAL, "name", "name: required");
    if (!tcrm_str_empty(c->email) && tcrm_norm_check_email(c->email, NULL))
        return tcrm_error_field(err, TCRM_EINVAL, "e-mail", "e-mail '%s': not a valid address",
                              c->email);
    if (!tcrm_str_empty(c->phone) && tcrm_norm_check_phone(c->phone, NULL))
        return tcrm_error_field(err, TCRM_EINVAL, "phone", "phone '%s': not a valid number",
                              c->phone);
    return 0;
}

/* id of a live company with this name key other than self, or 0. */
static int find_key(struct tcrm_db *db, const char *key, int64_t self,
                    int64_t *id, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT id FROM companies WHERE name_key = ?1 AND deleted_at IS NULL"
        " AND id <> ?2 ORDER BY id LIMIT 1", err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, self);
    int rc = sqlite3_step(st);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    tcrm_db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : tcrm_db_fail(db, "company", err);
}

/* Bind ?1..?12: fields and keys; checks the name key is free. */
static int bind_company(struct tcrm_db *db, sqlite3_stmt *st,
                        const struct tcrm_company *c, struct tcrm_error *err)
{
    char *name = tcrm_norm_trim(c->name);
    char *key = tcrm_norm_company_key(name);
    char *sort = tcrm_db_sort_key(db, name);
    int64_t other = 0;
    int rc = name && key && sort ? find_key(db, key, c->id, &other, err)
                                 : tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (rc == 0 && other)
        rc = tcrm_error_field(err, TCRM_EDUP, "name", "company '%s' already exists (id %" PRId64 ")",
                            name, other);
    if (rc == 0) {
        const char *f[] = { name, c->industry, c->phone, c->email, c->website,
                            c->address, c->city, c->notes, c->owner };
        for (int i = 0; i < 9; i++)
            tcrm_db_bind_text(st, 1 + i, f[i]);
        sqlite3_bind_text(st, 10, key, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 11, sort, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 12, tcrm_db_user(db), -1, SQLITE_TRANSIENT);
    }
    free(name);
    free(key);
    free(sort);
    return rc;
}

static int insert_work(struct tcrm_db *db, struct tcrm_company *c,
                       struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "INSERT INTO companies(name, industry, phone, email, website, address,"
        " city, notes, owner, name_key, sort_key, created_by, updated_by,"
        " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
        " ?10, ?11, ?12, ?12, ?13, ?13)", err);
    if (!st)
        return TCRM_EDB;
    c->id = 0;
    int rc = bind_company(db, st, c, err);
    char now[20];
    tcrm_db_now(now);
    sqlite3_bind_text(st, 13, now, -1, SQLITE_TRANSIENT);
    rc = rc ? rc : tcrm_db_step_done(db, st, "company", err);
    tcrm_db_done(st);
    if (rc)
        return rc;
    int64_t id = sqlite3_last_insert_rowid(db->sql);
    rc = tcrm_db_set_tags(db, "company", id, &c->tags, err);
    if (rc == 0) {
        c->id = id;
        c->version = 1;
    }
    return rc;
}

int tcrm_company_insert(struct tcrm_db *db, struct tcrm_company *c,
                        struct tcrm_error *err)
{
    int rc = validate(c, err);
    if (rc)
        return rc;
    rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = insert_work(db, c, err);
    return tcrm_db_end(db, rc, err);
}

/* The number of a company's contacts the session sees: kept in the row
 * (n_contacts, schema 5) when it sees everything, else read from the
 * counts kept per company and owner (tcrm_access_company_contacts,
 * schema 18), never a count of the company's contacts (a company of
 * 42,000 contacts took 1.2 s a page that way). */
static int counts_kept_in_row(const struct tcrm_db *db)
{
    return tcrm_access_all(db) && !tcrm_access_mine(db);
}

int tcrm_company_get(struct tcrm_db *db, int64_t id, struct tcrm_company *out,
                     struct tcrm_error *err)
{
    tcrm_company_init(out);
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT name, industry, phone, email, website, address, city, notes,"
        " owner, created_at, updated_at, created_by, updated_by, version,"
        " n_contacts FROM live_companies co WHERE id = ?1", err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        char **s[] = { &out->name, &out->industry, &out->phone, &out->email,
                       &out->website, &out->address, &out->city, &out->notes,
                       &out->owner, &out->stamp.created_at, &out->stamp.updated_at,
                       &out->stamp.created_by, &out->stamp.updated_by };
        for (int i = 0; i < 13; i++)
            *s[i] = tcrm_db_col_text(st, i);
        out->id = id;
        out->version = sqlite3_column_int64(st, 13);
        out->n_contacts = sqlite3_column_int64(st, 14);
        rc = out->name ? 0 : tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    } else if (rc == SQLITE_DONE) {
        rc = tcrm_error_set(err, TCRM_ENOTFOUND, "company %" PRId64 ": not found", id);
    } else {
        rc = tcrm_db_fail(db, "company", err);
    }
    tcrm_db_done(st);
    if (rc == 0 && !counts_kept_in_row(db))
        rc = tcrm_access_company_contacts(db, id, &out->n_contacts, err);
    if (rc == 0)
        rc = tcrm_db_get_tags(db, "company", id, &out->tags, err);
    if (rc)
        tcrm_company_clear(out);
    return rc;
}

static int update_work(struct tcrm_db *db, struct tcrm_company *c,
                       struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "UPDATE companies SET name = ?1, industry = ?2, phone = ?3, email = ?4,"
        " website = ?5, address = ?6, city = ?7, notes = ?8, owner = ?9,"
        " name_key = ?10, sort_key = ?11, updated_by = ?12, updated_at = ?13,"
        " version = version + 1 WHERE id = ?14 AND version = ?15 AND"
        " deleted_at IS NULL", err);
    if (!st)
        return TCRM_EDB;
    int rc = bind_company(db, st, c, err);
    char now[20];
    tcrm_db_now(now);
    sqlite3_bind_text(st, 13, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 14, c->id);
    sqlite3_bind_int64(st, 15, c->version);
    rc = rc ? rc : tcrm_db_step_done(db, st, "company", err);
    tcrm_db_done(st);
    if (rc)
        return rc;
    if (sqlite3_changes(db->sql) == 0)
        return tcrm_row_conflict(db, "SELECT updated_by, updated_at FROM"
                                 " companies WHERE id = ?1 AND deleted_at IS NULL",
                                 "company", c->id, err);
    rc = tcrm_db_set_tags(db, "company", c->id, &c->tags, err);
    if (rc == 0)
        rc = tcrm_search_reindex(db, c->id, err);
    if (rc == 0)
        c->version++;
    return rc;
}

/* The name is stored trimmed; the other fields as they are. */
static int same_text(const char *a, const char *b, int trim)
{
    if (!trim)
        return strcmp(a ? a : "", b ? b : "") == 0;
    char *ta = tcrm_norm_trim(a), *tb = tcrm_norm_trim(b);
    int same = ta && tb && strcmp(ta, tb) == 0;
    free(ta);
    free(tb);
    return same;
}

/* 1 when c is the stored company as it is now (a save would change
 * nothing: c->version becomes the stored one), 0 when not, else an
 * error. Inside the write transaction. */
static int unchanged(struct tcrm_db *db, struct tcrm_company *c,
                     struct tcrm_error *err)
{
    struct tcrm_company cur;
    int rc = tcrm_company_get(db, c->id, &cur, err);
    if (rc)
        return rc;
    const char *was[] = { cur.name, cur.industry, cur.phone, cur.email,
                          cur.website, cur.address, cur.city, cur.notes,
                          cur.owner };
    const char *now[] = { c->name, c->industry, c->phone, c->email,
                          c->website, c->address, c->city, c->notes,
                          c->owner };
    int same = tcrm_strlist_same_set(&cur.tags, &c->tags);
    for (size_t i = 0; same && i < sizeof was / sizeof was[0]; i++)
        same = same_text(was[i], now[i], i == 0);
    if (same)
        c->version = cur.version;
    tcrm_company_clear(&cur);
    return same;
}

int tcrm_company_update(struct tcrm_db *db, struct tcrm_company *c,
                        struct tcrm_error *err)
{
    int rc = validate(c, err);
    if (rc)
        return rc;
    rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = unchanged(db, c, err);
    if (rc == 0)
        rc = update_work(db, c, err);
    return tcrm_db_end(db, rc > 0 ? 0 : rc, err);
}

int tcrm_company_delete(struct tcrm_db *db, int64_t id, struct tcrm_error *err)
{
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = tcrm_db_trash_row(db, "companies", "company", id, err);
    return tcrm_db_end(db, rc, err);
}

int tcrm_company_find(struct tcrm_db *db, const char *name, int64_t *id,
                      struct tcrm_error *err)
{
    *id = 0;
    if (tcrm_str_empty(name))
        return 0;
    char *key = tcrm_norm_company_key(name);
    if (!key)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    int rc = find_key(db, key, 0, id, err);
    free(key);
    return rc;
}

int tcrm_company_find_or_add(struct tcrm_db *db, const char *name,
                             int64_t *id, struct tcrm_error *err)
{
    int rc = tcrm_company_find(db, name, id, err);
    if (rc || *id)
        return rc;
    struct tcrm_company c;
    tcrm_company_init(&c);
    c.name = (char *)name;
    rc = tcrm_company_insert(db, &c, err);
    *id = rc ? 0 : c.id;
    return rc;
}

/* ---- lists ---------------------------------------------------------- */

/* "%key%" for LIKE on sort_key, with % _ \ escaped by \: the search
 * text's own sort key (name_order.c), so that typed hanzi meet the keys'
 * hanzi, and pinyin finds them too ("hua" in "hua华 wei为"). */
static char *like_pattern(struct tcrm_db *db, const char *search)
{
    char *f = tcrm_db_sort_key(db, search);
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    int rc = f ? tcrm_strbuf_appendc(&sb, '%') : TCRM_ENOMEM;
    for (const char *p = f; rc == 0 && *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            rc = tcrm_strbuf_appendc(&sb, '\\');
        rc = rc ? rc : tcrm_strbuf_appendc(&sb, *p);
    }
    rc = rc ? rc : tcrm_strbuf_appendc(&sb, '%');
    free(f);
    char *out = rc ? NULL : tcrm_strbuf_steal(&sb);
    tcrm_strbuf_free(&sb);
    return out;
}

static int filters_sql(struct tcrm_strbuf *sb, const char *search, const char *tag)
{
    int rc = 0;
    if (!tcrm_str_empty(search))
        rc = tcrm_strbuf_append(sb, " AND co.sort_key LIKE :s ESCAPE '\\'");
    if (rc == 0 && !tcrm_str_empty(tag))
        rc = tcrm_strbuf_append(sb, " AND EXISTS (SELECT 1 FROM taggings g JOIN"
                                " tags t ON t.id = g.tag_id WHERE t.name = :tag"
                                " AND g.entity = 'company' AND g.entity_id = co.id)");
    return rc;
}

static int bind_filters(struct tcrm_db *db, sqlite3_stmt *st,
                        const char *search, const char *tag)
{
    int i = sqlite3_bind_parameter_index(st, ":s");
    if (i > 0) {
        char *pat = like_pattern(db, search);
        if (!pat)
            return TCRM_ENOMEM;
        sqlite3_bind_text(st, i, pat, -1, free);
    }
    i = sqlite3_bind_parameter_index(st, ":tag");
    if (i > 0)
        sqlite3_bind_text(st, i, tag, -1, SQLITE_TRANSIENT);
    return 0;
}

enum cstep { C_ALL, C_SAME, C_PAST };

struct clist {
    const char *search, *tag;
    const struct tcrm_company_row *after;
    int back;
    size_t want;
    struct tcrm_company_page *out;
};

static int fill_row(sqlite3_stmt *st, struct tcrm_company_row *r)
{
    r->id = sqlite3_column_int64(st, 0);
    r->name = tcrm_db_col_text(st, 1);
    r->industry = tcrm_db_col_text(st, 2);
    r->city = tcrm_db_col_text(st, 3);
    r->n_contacts = sqlite3_column_int64(st, 4);
    r->sort_key = tcrm_db_col_text(st, 5);
    return r->name && r->sort_key ? 0 : TCRM_ENOMEM;
}

static int clist_step(struct tcrm_db *db, struct clist *l, enum cstep step,
                      struct tcrm_error *err)
{
    const char *cmp = l->back ? "<" : ">", *dir = l->back ? " DESC" : "";
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    tcrm_strbuf_append(&sb, "SELECT co.id, co.name, co.industry, co.city,"
                       " co.n_contacts, co.sort_key FROM live_companies co"
                       " WHERE 1");
    if (step == C_SAME)
        tcrm_strbuf_appendf(&sb, " AND co.sort_key = :k AND co.id %s :id", cmp);
    else if (step == C_PAST)
        tcrm_strbuf_appendf(&sb, " AND co.sort_key %s :k", cmp);
    filters_sql(&sb, l->search, l->tag);
    int rc = tcrm_strbuf_appendf(&sb, " ORDER BY co.sort_key%s, co.id%s LIMIT %zu",
                                 dir, dir, l->want - l->out->n);
    sqlite3_stmt *st = rc ? NULL : tcrm_cl_prepare(db, sb.buf, err);
    tcrm_strbuf_free(&sb);
    if (!st)
        return rc ? tcrm_error_set(err, rc, "out of memory") : TCRM_EDB;
    if (l->after && step != C_ALL) {
        sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":k"),
                          l->after->sort_key ? l->after->sort_key : "", -1,
                          SQLITE_TRANSIENT);
        int i = sqlite3_bind_parameter_index(st, ":id");
        if (i > 0)
            sqlite3_bind_int64(st, i, l->after->id);
    }
    rc = bind_filters(db, st, l->search, l->tag);
    int s = SQLITE_DONE;
    while (rc == 0 && (s = sqlite3_step(st)) == SQLITE_ROW)
        rc = fill_row(st, &l->out->rows[l->out->n++]);
    if (rc)
        rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    else if (s != SQLITE_DONE)
        rc = tcrm_db_fail(db, "company list", err);
    sqlite3_finalize(st);
    return rc;
}

int tcrm_company_list(struct tcrm_db *db, const char *search, const char *tag,
                      const struct tcrm_company_row *after, int backwards,
                      size_t limit, struct tcrm_company_page *out,
                      struct tcrm_error *err)
{
    memset(out, 0, sizeof *out);
    if (limit == 0)
        return 0;
    out->rows = calloc(limit + 1, sizeof *out->rows);
    if (!out->rows)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    struct clist l = { search, tag, after, backwards, limit + 1, out };
    int rc = clist_step(db, &l, after ? C_SAME : C_ALL, err);
    if (rc == 0 && after && out->n < l.want)
        rc = clist_step(db, &l, C_PAST, err);
    if (rc) {
        tcrm_company_page_free(out);
        return rc;
    }
    if (out->n > limit) {
        out->more = 1;
        struct tcrm_company_row *r = &out->rows[--out->n];
        free(r->name);
        free(r->industry);
        free(r->city);
        free(r->sort_key);
    }
    for (size_t i = 0; backwards && i < out->n / 2; i++) {
        struct tcrm_company_row tmp = out->rows[i];
        out->rows[i] = out->rows[out->n - 1 - i];
        out->rows[out->n - 1 - i] = tmp;
    }
    for (size_t i = 0; rc == 0 && !counts_kept_in_row(db) && i < out->n; i++)
        rc = tcrm_access_company_contacts(db, out->rows[i].id,
                                          &out->rows[i].n_contacts, err);
    if (rc)
        tcrm_company_page_free(out);
    return rc;
}

int tcrm_company_count(struct tcrm_db *db, const char *search, const char *tag,
                       int64_t *n, struct tcrm_error *err)
{
    *n = 0;
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    tcrm_strbuf_append(&sb, "SELECT count(*) FROM live_companies co WHERE 1");
    int rc = filters_sql(&sb, search, tag);
    sqlite3_stmt *st = rc ? NULL : tcrm_cl_prepare(db, sb.buf, err);
    tcrm_strbuf_free(&sb);
    if (!st)
        return rc ? tcrm_error_set(err, rc, "out of memory") : TCRM_EDB;
    rc = bind_filters(db, st, search, tag);
    if (rc == 0 && sqlite3_step(st) == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    else
        rc = rc ? tcrm_error_set(err, rc, "out of memory")
                : tcrm_db_fail(db, "company count", err);
    sqlite3_finalize(st);
    return rc;
}

void tcrm_company_page_free(struct tcrm_company_page *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++) {
        free(p->rows[i].name);
        free(p->rows[i].industry);
        free(p->rows[i].city);
        free(p->rows[i].sort_key);
    }
    free(p->rows);
    memset(p, 0, sizeof *p);
}
