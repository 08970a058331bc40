/*
 * audit.c: the audit trail. The triggers of schema 6 write it (see
 * 005_safe_edits.sql and audit_actor in db.c); this file adds what they
 * cannot see (a contact's phones, e-mails and tags) and reads it back.
 *
 * Reading: one SELECT per way the trail is read, each ordered by
 * (at, id) descending so that its index (audit_by_entity, audit_by_who,
 * audit_by_at) gives the rows in order and a limit stops early; the
 * fields of an edit come from audit_fields by its primary key.
 */
#include <stdlib.h>
#include <string.h>

#include "audit_internal.h"
#include "tcrm/audit.h"
#include "tcrm/entity.h"

/* ---- phones, e-mails and tags of a contact edit ------------------------ */

int tcrm_audit_lists_read(struct tcrm_db *db, int64_t contact_id,
                          struct tcrm_audit_lists *out,
                          struct tcrm_error *err)
{
    out->channels = out->tags = NULL;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT (SELECT group_concat(kind || ' ' || value, ', ') FROM"
        " (SELECT kind, value FROM contact_channels WHERE contact_id = ?1"
        " ORDER BY position, id)),"
        " (SELECT group_concat(name, ', ') FROM (SELECT t.name FROM"
        " taggings g JOIN tags t ON t.id = g.tag_id WHERE g.entity ="
        " 'contact' AND g.entity_id = ?1 ORDER BY t.name COLLATE NOCASE))",
        err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_int64(st, 1, contact_id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        rc = tcrm_db_fail(db, "audit", err);
    } else {
        out->channels = tcrm_db_col_text(st, 0);
        out->tags = tcrm_db_col_text(st, 1);
        rc = 0;
    }
    tcrm_db_done(st);
    return rc;
}

void tcrm_audit_lists_clear(struct tcrm_audit_lists *l)
{
    free(l->channels);
    free(l->tags);
    l->channels = l->tags = NULL;
}

static int same_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

static int add_field(struct tcrm_db *db, int64_t contact_id,
                     const char *field, const char *old_value,
                     const char *new_value, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "INSERT INTO audit_fields(audit_id, field, old_value, new_value)"
        " SELECT max(id), ?2, ?3, ?4 FROM audit_log WHERE entity = 'contact'"
        " AND entity_id = ?1", err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_int64(st, 1, contact_id);
    sqlite3_bind_text(st, 2, field, -1, SQLITE_STATIC);
    tcrm_db_bind_text(st, 3, old_value);
    tcrm_db_bind_text(st, 4, new_value);
    return tcrm_db_step_done(db, st, "audit", err);
}

int tcrm_audit_lists_changed(struct tcrm_db *db, int64_t contact_id,
                             const struct tcrm_audit_lists *before,
                             struct tcrm_error *err)
{
    struct tcrm_audit_lists now;
    int rc = tcrm_audit_lists_read(db, contact_id, &now, err);
    if (rc == 0 && !same_text(before->channels, now.channels))
        rc = add_field(db, contact_id, "phones and e-mails",
                       before->channels, now.channels, err);
    if (rc == 0 && !same_text(before->tags, now.tags))
        rc = add_field(db, contact_id, "tags", before->tags, now.tags, err);
    tcrm_audit_lists_clear(&now);
    return rc;
}

/* ---- reading ------------------------------------------------------------ */

const char *tcrm_audit_entity(const char *name)
{
    if (!name)
        return NULL;
    if (strcmp(name, "import") == 0)
        return "import";
    if (strcmp(name, "follow_up") == 0)
        name = "follow-up";
    const struct tcrm_entity_kind *k = tcrm_entity_kind(name);
    return k && (k->flags & TCRM_ENTITY_AUDIT) ? k->name : NULL;
}

#define AUDIT_COLS "SELECT id, at, who, entity, entity_id, action, details" \
    " FROM audit_log "
#define AUDIT_RANGE " AND at >= ?4 AND at <= ?5 ORDER BY at DESC, id DESC" \
    " LIMIT ?6"

/* The statement for the filter: by record, by user, or by period. */
static sqlite3_stmt *audit_query(struct tcrm_db *db,
                                 const struct tcrm_audit_filter *f,
                                 struct tcrm_error *err)
{
    if (f->entity && f->entity_id)
        return tcrm_db_prepare(db, AUDIT_COLS "WHERE entity = ?1 AND"
                               " entity_id = ?2 AND (?3 IS NULL OR who = ?3)"
                               AUDIT_RANGE, err);
    if (f->user)
        return tcrm_db_prepare(db, AUDIT_COLS "WHERE who = ?3 AND"
                               " (?1 IS NULL OR entity = ?1)" AUDIT_RANGE,
                               err);
    return tcrm_db_prepare(db, AUDIT_COLS "WHERE (?1 IS NULL OR entity = ?1)"
                           AUDIT_RANGE, err);
}

struct field_list {
    struct tcrm_audit_field *items;   /* texts owned (free_fields) */
    size_t n, cap;
};

/* The changed fields of audit row id, in the order they were written. */
static int read_fields(struct tcrm_db *db, int64_t id, struct field_list *fl,
                       struct tcrm_error *err)
{
    fl->n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT field, old_value, new_value FROM audit_fields"
        " WHERE audit_id = ?1", err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_int64(st, 1, id);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (fl->n == fl->cap) {
            size_t cap = fl->cap ? fl->cap * 2 : 8;
            void *p = realloc(fl->items, cap * sizeof *fl->items);
            if (!p) {
                tcrm_db_done(st);
                return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
            }
            fl->items = p;
            fl->cap = cap;
        }
        struct tcrm_audit_field *it = &fl->items[fl->n++];
        it->field = tcrm_db_col_text(st, 0);
        it->old_value = tcrm_db_col_text(st, 1);
        it->new_value = tcrm_db_col_text(st, 2);
    }
    rc = rc == SQLITE_DONE ? 0 : tcrm_db_fail(db, "audit", err);
    tcrm_db_done(st);
    return rc;
}

static void free_fields(struct field_list *fl)
{
    for (size_t i = 0; i < fl->n; i++) {
        free((char *)fl->items[i].field);
        free((char *)fl->items[i].old_value);
        free((char *)fl->items[i].new_value);
    }
    fl->n = 0;
}

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

int tcrm_audit_each(struct tcrm_db *db, const struct tcrm_audit_filter *f,
                    size_t limit, tcrm_audit_fn fn, void *ud,
                    struct tcrm_error *err)
{
    sqlite3_stmt *st = audit_query(db, f, err);
    if (!st)
        return TCRM_EDB;
    /* fn must not read the audit trail itself: this cached statement is
     * in use until the walk ends. */
    tcrm_db_bind_text(st, 1, f->entity);
    sqlite3_bind_int64(st, 2, f->entity_id);
    tcrm_db_bind_text(st, 3, f->user);
    sqlite3_bind_text(st, 4, f->since ? f->since : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, f->until ? f->until : "\xff", -1,
                      SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 6, limit ? (sqlite3_int64)limit : -1);
    struct field_list fl = { NULL, 0, 0 };
    int rc = 0, s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        struct tcrm_audit_row r;
        r.id = sqlite3_column_int64(st, 0);
        r.at = col(st, 1);
        r.who = col(st, 2);
        r.entity = col(st, 3);
        r.entity_id = sqlite3_column_int64(st, 4);
        r.action = col(st, 5);
        r.details = col(st, 6);
        rc = read_fields(db, r.id, &fl, err);
        if (rc)
            break;
        r.fields = fl.items;
        r.n_fields = fl.n;
        rc = fn(&r, ud);
        free_fields(&fl);
        if (rc)
            break;
    }
    if (s != SQLITE_ROW)
        rc = s == SQLITE_DONE ? 0 : tcrm_db_fail(db, "audit", err);
    free_fields(&fl);
    free(fl.items);
    tcrm_db_done(st);
    return rc;
}
