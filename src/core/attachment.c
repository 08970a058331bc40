/*
 * attachment.c: files kept with a record (see tcrm/attachment.h).
 *
 * Which kinds take attachments is the list below, checked at run time
 * against the entity table (entity_kind.c): a name of the list whose kind
 * this build lacks is refused as unknown, and works once the kind is a
 * line of that table. Whether the user sees a record, and may change it,
 * is asked of the scope views of access.c (live_<table>,
 * editable_<table>), never decided here.
 *
 * Adding inserts a zero-filled BLOB of the announced size and writes the
 * bytes in place with sqlite3_blob_write as the read callback gives them,
 * hashing on the way; sha256 and media_type are set last (the audit
 * trail's 'add', 014_attachments.sql). Reading goes the other way with
 * sqlite3_blob_read. Neither holds more than one chunk in memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "tcrm/access.h"
#include "tcrm/attachment.h"
#include "tcrm/entity.h"
#include "tcrm/media_type.h"

#define CHUNK (64 * 1024)

static const char *const kinds[] = { "contact", "company", "deal", "ticket",
                                     "quote" };
#define N_ATTACH_KINDS (sizeof kinds / sizeof kinds[0])

void tcrm_attachment_size_words(int64_t n, char *out, size_t sz)
{
    if (n < 1024) {
        snprintf(out, sz, _("%lld B"), (long long)n);
        return;
    }
    if (n < 1024 * 1024) {
        snprintf(out, sz, _("%lld KB"), (long long)((n + 1023) / 1024));
        return;
    }
    int64_t tenths = (n * 10 + 512 * 1024) / (1024 * 1024);
    snprintf(out, sz, _("%lld.%lld MB"), (long long)(tenths / 10),
             (long long)(tenths % 10));
}

const char *tcrm_attachment_kinds(void)
{
    return "contact, company, deal, ticket, quote";
}

void tcrm_attachment_clear(struct tcrm_attachment *a)
{
    if (!a)
        return;
    free(a->entity);
    free(a->name);
    free(a->media_type);
    free(a->owner);
    free(a->created_at);
    free(a->created_by);
    memset(a, 0, sizeof *a);
}

void tcrm_attachment_array_free(struct tcrm_attachment *a, size_t n)
{
    for (size_t i = 0; a && i < n; i++)
        tcrm_attachment_clear(&a[i]);
    free(a);
}

/* The kind of `entity` when attachments go on it and this database has
 * it (owned: it has the scope views). */
static const struct tcrm_entity_kind *attach_kind(const char *entity,
                                                  struct tcrm_error *err)
{
    for (size_t i = 0; entity && i < N_ATTACH_KINDS; i++) {
        if (strcmp(kinds[i], entity) != 0)
            continue;
        const struct tcrm_entity_kind *k = tcrm_entity_kind(entity);
        if (k && (k->flags & TCRM_ENTITY_OWNED))
            return k;
        tcrm_error_field(err, TCRM_EINVAL, "entity", "'%s': this tcrm has "
                         "no such records yet", entity);
        return NULL;
    }
    tcrm_error_field(err, TCRM_EINVAL, "entity", "'%s': attachments go on "
                     "%s", entity ? entity : "", tcrm_attachment_kinds());
    return NULL;
}

/* *yes: the record is in temp.<view>_<table> (live: seen and not in the
 * trash; editable: the user may change it). */
static int record_in(struct tcrm_db *db, const struct tcrm_entity_kind *k,
                     const char *view, int64_t id, int *yes,
                     struct tcrm_error *err)
{
    char *sql = sqlite3_mprintf("SELECT 1 FROM temp.%s_%s WHERE id = ?1",
                                view, k->table);
    sqlite3_stmt *st = NULL;
    if (!sql)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    int s = sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);
    sqlite3_free(sql);
    if (s != SQLITE_OK)
        return tcrm_db_fail(db, k->name, err);
    sqlite3_bind_int64(st, 1, id);
    s = sqlite3_step(st);
    *yes = s == SQLITE_ROW;
    sqlite3_finalize(st);
    return s == SQLITE_ROW || s == SQLITE_DONE ? 0
                                              : tcrm_db_fail(db, k->name, err);
}

static int record_seen(struct tcrm_db *db, const struct tcrm_entity_kind *k,
                       int64_t id, struct tcrm_error *err)
{
    int yes = 0, rc = record_in(db, k, "live", id, &yes, err);
    if (rc == 0 && !yes)
        rc = tcrm_error_set(err, TCRM_ENOTFOUND, "%s %lld: not found",
                            tcrm_db_noun(k->name), (long long)id);
    return rc;
}

static int check_in(struct tcrm_db *db, const struct tcrm_attachment_in *in,
                    struct tcrm_error *err)
{
    if (tcrm_str_empty(in->name) || strchr(in->name, '/') ||
        !strcmp(in->name, ".") || !strcmp(in->name, ".."))
        return tcrm_error_field(err, TCRM_EINVAL, "name", "'%s': not a "
                                "file name", in->name ? in->name : "");
    if (in->size > in->max_size)
        return tcrm_error_field(err, TCRM_EINVAL, "size", "%s: %lld bytes "
                                "is over the limit of %d MB",
                                in->name, (long long)in->size, in->max_mb);
    if (in->size < 0 || in->size > sqlite3_limit(db->sql, SQLITE_LIMIT_LENGTH,
                                                 -1))
        return tcrm_error_field(err, TCRM_EINVAL, "size", "%s: %lld bytes "
                                "is more than the database can hold in "
                                "one value", in->name, (long long)in->size);
    return 0;
}

static int insert_row(struct tcrm_db *db, const struct tcrm_attachment_in *in,
                      int64_t *id, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "INSERT INTO attachments(entity, entity_id, name, media_type, size,"
        " owner, created_at, updated_at, created_by, updated_by, content)"
        " VALUES (?1, ?2, ?3, 'application/octet-stream', ?4, ?5, ?6, ?6,"
        " ?7, ?7, zeroblob(?4))", err);
    char now[20];
    if (!st)
        return err->code;
    tcrm_db_now(now);
    tcrm_db_bind_text(st, 1, in->entity);
    sqlite3_bind_int64(st, 2, in->entity_id);
    tcrm_db_bind_text(st, 3, in->name);
    sqlite3_bind_int64(st, 4, in->size);
    tcrm_db_bind_text(st, 5, db->login);
    tcrm_db_bind_text(st, 6, now);
    tcrm_db_bind_text(st, 7, tcrm_db_user(db));
    int rc = tcrm_db_step_done(db, st, "attachment", err);
    *id = sqlite3_last_insert_rowid(db->sql);
    return rc;
}

/* Copy what in->read gives into the BLOB of row id, exactly in->size
 * bytes; the digest and the first bytes for the media type on the way. */
static int fill_blob(struct tcrm_db *db, const struct tcrm_attachment_in *in,
                     int64_t id, char hex[TCRM_SHA256_HEX],
                     unsigned char head[TCRM_MEDIA_HEAD], size_t *nhead,
                     struct tcrm_error *err)
{
    sqlite3_blob *b = NULL;
    struct tcrm_sha256 sha;
    unsigned char *buf = malloc(CHUNK);
    int64_t off = 0;
    int rc = 0;
    if (!buf)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (sqlite3_blob_open(db->sql, "main", "attachments", "content", id, 1,
                          &b) != SQLITE_OK)
        rc = tcrm_db_fail(db, "attachment", err);
    tcrm_sha256_init(&sha);
    *nhead = 0;
    for (size_t got = 1; rc == 0 && got;) {
        if ((rc = in->read(in->ud, buf, CHUNK, &got, err)))
            break;
        if (got > (uint64_t)(in->size - off)) {
            rc = tcrm_error_set(err, TCRM_EIO, "%s: changed while it was "
                                "read; try again", in->name);
            break;
        }
        if (got == 0 && off < in->size)
            rc = tcrm_error_set(err, TCRM_EIO, "%s: changed while it was "
                                "read; try again", in->name);
        else if (got && sqlite3_blob_write(b, buf, (int)got, (int)off))
            rc = tcrm_db_fail(db, "attachment", err);
        for (size_t i = 0; i < got && *nhead < TCRM_MEDIA_HEAD; i++)
            head[(*nhead)++] = buf[i];
        tcrm_sha256_update(&sha, buf, got);
        off += (int64_t)got;
    }
    sqlite3_blob_close(b);
    free(buf);
    tcrm_sha256_final(&sha, hex);
    return rc;
}

static int finish_row(struct tcrm_db *db, int64_t id, const char *hex,
                      const char *type, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, "UPDATE attachments SET"
        " sha256 = ?1, media_type = ?2 WHERE id = ?3", err);
    if (!st)
        return err->code;
    tcrm_db_bind_text(st, 1, hex);
    tcrm_db_bind_text(st, 2, type);
    sqlite3_bind_int64(st, 3, id);
    return tcrm_db_step_done(db, st, "attachment", err);
}

int tcrm_attachment_add(struct tcrm_db *db, const struct tcrm_attachment_in *in,
                        int64_t *id, struct tcrm_error *err)
{
    struct tcrm_error local;
    unsigned char head[TCRM_MEDIA_HEAD];
    char hex[TCRM_SHA256_HEX];
    size_t nhead = 0;
    if (!err)
        err = &local;
    const struct tcrm_entity_kind *k = attach_kind(in->entity, err);
    if (!k)
        return err->code;
    int rc = check_in(db, in, err);
    if (rc || (rc = tcrm_db_begin(db, err)))
        return rc;
    rc = record_seen(db, k, in->entity_id, err);
    if (rc == 0)
        rc = insert_row(db, in, id, err);
    if (rc == 0)
        rc = fill_blob(db, in, *id, hex, head, &nhead, err);
    if (rc == 0)
        rc = finish_row(db, *id, hex,
                        tcrm_media_type(in->name, head, nhead), err);
    return tcrm_db_end(db, rc, err);
}

/* ---- reading -------------------------------------------------------- */

#define ATT_COLS "id, entity, entity_id, name, media_type, size, sha256," \
    " owner, created_at, created_by"

static int read_att(sqlite3_stmt *st, void *elem)
{
    struct tcrm_attachment *a = elem;
    const char *hex = (const char *)sqlite3_column_text(st, 6);
    a->id = sqlite3_column_int64(st, 0);
    a->entity = tcrm_db_col_text(st, 1);
    a->entity_id = sqlite3_column_int64(st, 2);
    a->name = tcrm_db_col_text(st, 3);
    a->media_type = tcrm_db_col_text(st, 4);
    a->size = sqlite3_column_int64(st, 5);
    snprintf(a->sha256, sizeof a->sha256, "%s", hex ? hex : "");
    a->owner = tcrm_db_col_text(st, 7);
    a->created_at = tcrm_db_col_text(st, 8);
    a->created_by = tcrm_db_col_text(st, 9);
    return a->entity && a->name && a->media_type && a->created_at &&
           a->created_by ? 0 : TCRM_ENOMEM;
}

static void free_atts(void *a, size_t n) { tcrm_attachment_array_free(a, n); }
static void clear_att(void *a) { tcrm_attachment_clear(a); }

int tcrm_attachment_list(struct tcrm_db *db, const char *entity,
                         int64_t entity_id, struct tcrm_attachment **out,
                         size_t *n, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    const struct tcrm_entity_kind *k = attach_kind(entity, err);
    int rc = k ? record_seen(db, k, entity_id, err) : err->code;
    if (rc)
        return rc;
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT " ATT_COLS " FROM"
        " attachments WHERE entity = ?1 AND entity_id = ?2 ORDER BY id", err);
    if (!st)
        return err->code;
    tcrm_db_bind_text(st, 1, entity);
    sqlite3_bind_int64(st, 2, entity_id);
    return tcrm_db_collect(db, st, sizeof **out, read_att, free_atts,
                           "attachment", (void **)out, n, err);
}

int tcrm_attachment_get(struct tcrm_db *db, int64_t id,
                        struct tcrm_attachment *out, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    memset(out, 0, sizeof *out);
    int rc = tcrm_db_get_row(db, "SELECT " ATT_COLS " FROM attachments"
        " WHERE id = ?1", id, read_att, clear_att, "id",
        N_("attachment %lld: not found"), out, err);
    if (rc)
        return rc;
    const struct tcrm_entity_kind *k = tcrm_entity_kind(out->entity);
    int yes = 0;
    rc = k ? record_in(db, k, "live", out->entity_id, &yes, err) : 0;
    if (rc == 0 && !yes)
        rc = tcrm_error_field(err, TCRM_ENOTFOUND, "id",
                              "attachment %lld: not found", (long long)id);
    if (rc)
        tcrm_attachment_clear(out);
    return rc;
}

int tcrm_attachment_read(struct tcrm_db *db, int64_t id,
                         tcrm_attach_write_fn write, void *ud,
                         struct tcrm_error *err)
{
    struct tcrm_attachment a;
    struct tcrm_error local;
    sqlite3_blob *b = NULL;
    if (!err)
        err = &local;
    int rc = tcrm_attachment_get(db, id, &a, err);
    if (rc)
        return rc;
    unsigned char *buf = malloc(CHUNK);
    if (!buf)
        rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    else if (sqlite3_blob_open(db->sql, "main", "attachments", "content", id,
                               0, &b) != SQLITE_OK)
        rc = tcrm_db_fail(db, "attachment", err);
    int size = b ? sqlite3_blob_bytes(b) : 0;
    for (int off = 0; rc == 0 && off < size;) {
        int n = size - off < CHUNK ? size - off : CHUNK;
        if (sqlite3_blob_read(b, buf, n, off) != SQLITE_OK)
            rc = tcrm_db_fail(db, "attachment", err);
        else
            rc = write(ud, buf, (size_t)n, err);
        off += n;
    }
    sqlite3_blob_close(b);
    free(buf);
    tcrm_attachment_clear(&a);
    return rc;
}

/* The user may detach: everyone sees all (open mode, an admin), or the
 * attachment is theirs or someone's under them, or they may change its
 * record. */
static int may_detach(struct tcrm_db *db, const struct tcrm_attachment *a,
                      struct tcrm_error *err)
{
    if (tcrm_access_all(db))
        return 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT 1 FROM temp.tcrm_reach"
                                       " WHERE login = ?1", err);
    if (!st)
        return err->code;
    tcrm_db_bind_text(st, 1, a->owner);
    int s = sqlite3_step(st), yes = s == SQLITE_ROW, rc = 0;
    tcrm_db_done(st);
    if (s != SQLITE_ROW && s != SQLITE_DONE)
        return tcrm_db_fail(db, "attachment", err);
    const struct tcrm_entity_kind *k = tcrm_entity_kind(a->entity);
    if (!yes && k)
        rc = record_in(db, k, "editable", a->entity_id, &yes, err);
    if (rc == 0 && !yes)
        rc = tcrm_error_set(err, TCRM_EPERM, "attachment %lld: %s attached "
                            "it and you may not change %s %lld",
                            (long long)a->id, a->owner ? a->owner : "?",
                            tcrm_db_noun(a->entity), (long long)a->entity_id);
    return rc;
}

int tcrm_attachment_delete(struct tcrm_db *db, int64_t id,
                           struct tcrm_error *err)
{
    struct tcrm_attachment a;
    struct tcrm_error local;
    if (!err)
        err = &local;
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = tcrm_attachment_get(db, id, &a, err);
    if (rc == 0) {
        rc = may_detach(db, &a, err);
        tcrm_attachment_clear(&a);
    }
    sqlite3_stmt *st = rc ? NULL : tcrm_db_prepare(db,
        "DELETE FROM attachments WHERE id = ?1", err);
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        rc = tcrm_db_step_done(db, st, "attachment", err);
    } else if (rc == 0) {
        rc = err->code;
    }
    return tcrm_db_end(db, rc, err);
}
