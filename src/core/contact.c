/*
 * contact.c: one contact at a time: validation, insert, get, update,
 * delete, merge and unmerge.
 *
 * A contact row carries normalized copies of its text (name_key for the
 * duplicate check, sort_key/company_sort/title_sort for the list orders);
 * they are recomputed from the fields on every write, never taken from the
 * caller. Channels and tags are rewritten as a whole on every write (a
 * contact has a handful), then the search index entry is rebuilt and an
 * audit row written, all in the transaction the write opened.
 *
 * Optimistic locking: an update names the version it read; the UPDATE has
 * "WHERE version = ?" and when it changes nothing we look at the row to say
 * whether it is gone or was changed by someone (and by whom).
 *
 * Merge keeps the state it replaced as text lines "field=value" (values
 * escaped: \\ \t \n), one "channel=KIND<TAB>VALUE" line per channel and one
 * "tag=NAME" line per tag. Unmerge reads that back and writes it as an
 * ordinary edit, provided nobody changed the contact since the merge.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit_internal.h"
#include "contact_internal.h"
#include "tcrm/edit.h"
#include "tcrm/company.h"
#include "tcrm/normalize.h"
#include "tcrm/search.h"

/* Stored keys, shown with tcrm_i18n_word("channel", key). */
static const char *const kind_names[TCRM_CH_COUNT] = {
    NC_("channel", "mobile"), NC_("channel", "work"), NC_("channel", "home"),
    NC_("channel", "fax"), NC_("channel", "email"), NC_("channel", "web"),
    NC_("channel", "im")
};

const char *tcrm_channel_kind_name(enum tcrm_channel_kind k)
{
    return (unsigned)k < TCRM_CH_COUNT ? kind_names[k] : "?";
}

int tcrm_channel_kind_parse(const char *s)
{
    if (!s)
        return -1;
    for (int i = 0; i < TCRM_CH_COUNT; i++)
        if (strcasecmp(s, kind_names[i]) == 0)
            return i;
    if (strcasecmp(s, "e-mail") == 0)
        return TCRM_CH_EMAIL;
    if (strcasecmp(s, "phone") == 0)
        return TCRM_CH_WORK;
    return -1;
}

int tcrm_channel_is_phone(enum tcrm_channel_kind k)
{
    return (unsigned)k <= TCRM_CH_FAX;
}

char *tcrm_channel_value_key(enum tcrm_channel_kind k, const char *value)
{
    if (tcrm_channel_is_phone(k))
        return tcrm_norm_phone_key(value);
    if (k == TCRM_CH_EMAIL)
        return tcrm_norm_email_key(value);
    return strdup("");
}

void tcrm_contact_init(struct tcrm_contact *c)
{
    memset(c, 0, sizeof *c);
}

void tcrm_contact_clear(struct tcrm_contact *c)
{
    if (!c)
        return;
    char **s[] = { &c->name, &c->company, &c->title, &c->department,
                   &c->address, &c->city, &c->birthday, &c->source,
                   &c->notes, &c->owner, &c->last_interaction_at,
                   &c->next_followup_due };
    for (size_t i = 0; i < sizeof s / sizeof *s; i++)
        free(*s[i]);
    for (size_t i = 0; i < c->n_channels; i++)
        free(c->channels[i].value);
    free(c->channels);
    tcrm_strlist_clear(&c->tags);
    tcrm_stamp_clear(&c->stamp);
    tcrm_contact_init(c);
}

int tcrm_contact_add_channel(struct tcrm_contact *c, enum tcrm_channel_kind k,
                             const char *value)
{
    char *v = strdup(value ? value : "");
    struct tcrm_channel *a =
        v ? realloc(c->channels, (c->n_channels + 1) * sizeof *a) : NULL;
    if (!a) {
        free(v);
        return TCRM_ENOMEM;
    }
    c->channels = a;
    a[c->n_channels].kind = k;
    a[c->n_channels].value = v;
    c->n_channels++;
    return 0;
}

const char *tcrm_contact_phone(const struct tcrm_contact *c)
{
    for (int k = TCRM_CH_MOBILE; k <= TCRM_CH_FAX; k++)
        for (size_t i = 0; i < c->n_channels; i++)
            if ((int)c->channels[i].kind == k)
                return c->channels[i].value;
    return NULL;
}

const char *tcrm_contact_email(const struct tcrm_contact *c)
{
    for (size_t i = 0; i < c->n_channels; i++)
        if (c->channels[i].kind == TCRM_CH_EMAIL)
            return c->channels[i].value;
    return NULL;
}

/* ---- validation ----------------------------------------------------- */

static int two_digits(const char *s)
{
    return s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9'
               ? (s[0] - '0') * 10 + (s[1] - '0') : -1;
}

/* "YYYY-MM-DD" (a real date) or "MM-DD" (02-29 allowed). */
static int birthday_ok(const char *s)
{
    static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    size_t n = strlen(s);
    int y = -1;
    if (n == 10) {
        int hi = two_digits(s), lo = two_digits(s + 2);
        if (hi < 0 || lo < 0 || s[4] != '-')
            return 0;
        y = hi * 100 + lo;
        s += 5;
    } else if (n != 5) {
        return 0;
    }
    int m = two_digits(s), d = two_digits(s + 3);
    if (s[2] != '-' || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    if (y >= 0 && m == 2 && d == 29)
        return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return y != 0;
}

/* Everything but the name (merge input has no required fields). */
static int validate_parts(const struct tcrm_contact *c, struct tcrm_error *err)
{
    for (size_t i = 0; i < c->n_channels; i++) {
        const struct tcrm_channel *ch = &c->channels[i];
        if ((unsigned)ch->kind >= TCRM_CH_COUNT)
            return tcrm_error_set(err, TCRM_EINVAL, "channel kind %d: unknown",
                                  (int)ch->kind);
        if (tcrm_str_empty(ch->value))
            return tcrm_error_field(err, TCRM_EINVAL,
                                    tcrm_channel_kind_name(ch->kind),
                                    "%s: empty value",
                                    tcrm_i18n_word("channel",
                                        tcrm_channel_kind_name(ch->kind)));
        if (ch->kind == TCRM_CH_EMAIL && tcrm_norm_check_email(ch->value, NULL))
            return tcrm_error_field(err, TCRM_EINVAL, "e-mail",
                                  "e-mail '%s': not a valid address", ch->value);
        if (tcrm_channel_is_phone(ch->kind) &&
            tcrm_norm_check_phone(ch->value, NULL))
            return tcrm_error_field(err, TCRM_EINVAL, "phone",
                                  "phone '%s': not a valid number", ch->value);
    }
    if (!tcrm_str_empty(c->birthday) && !birthday_ok(c->birthday))
        return tcrm_error_field(err, TCRM_EINVAL, "birthday",
                              "birthday '%s': not a date (YYYY-MM-DD or MM-DD)",
                              c->birthday);
    return 0;
}

int tcrm_contact_validate(const struct tcrm_contact *c, struct tcrm_error *err)
{
    char *name = tcrm_norm_trim(c->name);
    if (!name)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    int empty = name[0] == '\0';
    free(name);
    if (empty)
        return tcrm_error_field(err, TCRM_EINVAL, "name", "name: required");
    return validate_parts(c, err);
}

/* ---- writing -------------------------------------------------------- */

int tcrm_row_conflict(struct tcrm_db *db, const char *sql, const char *entity,
                      int64_t id, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, sql, err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        rc = tcrm_error_set(err, TCRM_ECONFLICT,
                            "%s %" PRId64 " was changed by %s at %s since you read it",
                            tcrm_db_noun(entity), id, sqlite3_column_text(st, 0),
                            sqlite3_column_text(st, 1));
    else if (rc == SQLITE_DONE)
        rc = tcrm_error_set(err, TCRM_ENOTFOUND, "%s %" PRId64 ": not found",
                            tcrm_db_noun(entity), id);
    else
        rc = tcrm_db_fail(db, entity, err);
    tcrm_db_done(st);
    return rc;
}

/* company_id wins; else find or add the named company; else none. */
static int resolve_company(struct tcrm_db *db, const struct tcrm_contact *c,
                           int64_t *co, struct tcrm_error *err)
{
    *co = 0;
    if (c->company_id) {
        sqlite3_stmt *st = tcrm_db_prepare(db,
            "SELECT 1 FROM companies WHERE id = ?1", err);
        if (!st)
            return TCRM_EDB;
        sqlite3_bind_int64(st, 1, c->company_id);
        int rc = sqlite3_step(st);
        tcrm_db_done(st);
        if (rc != SQLITE_ROW)
            return rc == SQLITE_DONE
                ? tcrm_error_set(err, TCRM_ENOTFOUND, "company %" PRId64
                                 ": not found", c->company_id)
                : tcrm_db_fail(db, "company", err);
        *co = c->company_id;
        return 0;
    }
    if (tcrm_str_empty(c->company))
        return 0;
    return tcrm_company_find_or_add(db, c->company, co, err);
}

static int write_channels(struct tcrm_db *db, int64_t id,
                          const struct tcrm_contact *c, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "DELETE FROM contact_channels WHERE contact_id = ?1", err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_int64(st, 1, id);
    int rc = tcrm_db_step_done(db, st, "channels", err);
    for (size_t i = 0; rc == 0 && i < c->n_channels; i++) {
        const struct tcrm_channel *ch = &c->channels[i];
        char *key = tcrm_channel_value_key(ch->kind, ch->value);
        st = key ? tcrm_db_prepare(db,
            "INSERT INTO contact_channels(contact_id, kind, value, value_key,"
            " position) VALUES (?1, ?2, ?3, ?4, ?5)", err) : NULL;
        if (!st) {
            free(key);
            return key ? TCRM_EDB : tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        }
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, tcrm_channel_kind_name(ch->kind), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, ch->value, -1, SQLITE_TRANSIENT);
        tcrm_db_bind_key(st, 4, key);
        sqlite3_bind_int64(st, 5, (int64_t)i);
        rc = tcrm_db_step_done(db, st, "channels", err);
        free(key);
    }
    return rc;
}

/* Bind ?1..?15 shared by INSERT and UPDATE: fields, keys, now and the
 * user. st NULL (its prepare failed): TCRM_EDB; on a failure st is
 * finalized. */
static int bind_row(struct tcrm_db *db, sqlite3_stmt *st,
                    const struct tcrm_contact *c, int64_t co,
                    struct tcrm_error *err)
{
    if (!st)
        return TCRM_EDB;
    char *name = tcrm_norm_trim(c->name);
    char *name_key = tcrm_norm_name_key(name);
    char *sort_key = tcrm_db_sort_key(db, name);
    char *title_sort = tcrm_db_sort_key(db, c->title);
    int rc = name && name_key && sort_key && title_sort ? 0 : TCRM_ENOMEM;
    if (rc == 0) {
        char now[20];
        tcrm_db_bind_text(st, 1, name);
        tcrm_db_bind_id(st, 2, co);
        const char *f[] = { c->title, c->department, c->address, c->city,
                            c->birthday, c->source, c->notes, c->owner };
        for (int i = 0; i < 8; i++)
            tcrm_db_bind_text(st, 3 + i, f[i]);
        sqlite3_bind_text(st, 11, name_key, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 12, sort_key, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 13, title_sort, -1, SQLITE_TRANSIENT);
        tcrm_db_now(now);
        sqlite3_bind_text(st, 14, now, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 15, tcrm_db_user(db), -1, SQLITE_TRANSIENT);
    }
    free(name);
    free(name_key);
    free(sort_key);
    free(title_sort);
    if (rc) {
        tcrm_db_done(st);
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    }
    return 0;
}

/* Channels, tags and search index after the row was written (the audit
 * triggers record the row itself). */
static int write_rest(struct tcrm_db *db, int64_t id, const struct tcrm_contact *c,
                      struct tcrm_error *err)
{
    int rc = write_channels(db, id, c, err);
    if (rc == 0)
        rc = tcrm_db_set_tags(db, "contact", id, &c->tags, err);
    if (rc == 0)
        rc = tcrm_search_index_contact(db, id, err);
    return rc;
}

static int insert_work(struct tcrm_db *db, struct tcrm_contact *c,
                       struct tcrm_error *err)
{
    int64_t co;
    int rc = resolve_company(db, c, &co, err);
    if (rc)
        return rc;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "INSERT INTO contacts(name, company_id, title, department, address,"
        " city, birthday, source, notes, owner, name_key, sort_key,"
        " title_sort, company_sort, created_at, updated_at, created_by,"
        " updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
        " ?12, ?13, coalesce((SELECT sort_key FROM companies WHERE id = ?2),"
        " ''), ?14, ?14, ?15, ?15)", err);
    if ((rc = bind_row(db, st, c, co, err)))
        return rc;
    rc = tcrm_db_step_done(db, st, "contact", err);
    if (rc)
        return rc;
    int64_t id = sqlite3_last_insert_rowid(db->sql);
    rc = write_rest(db, id, c, err);
    if (rc == 0) {
        c->id = id;
        c->version = 1;
        c->company_id = co;
    }
    return rc;
}

int tcrm_contact_insert(struct tcrm_db *db, struct tcrm_contact *c,
                        struct tcrm_error *err)
{
    int rc = tcrm_contact_validate(c, err);
    if (rc)
        return rc;
    rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = insert_work(db, c, err);
    return tcrm_db_end(db, rc, err);
}

/* The UPDATE statement of update_work; a row that is not at c->version
 * (or gone) is a conflict (or not found). */
static int update_row(struct tcrm_db *db, const struct tcrm_contact *c,
                      int64_t co, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "UPDATE contacts SET name = ?1, company_id = ?2, title = ?3,"
        " department = ?4, address = ?5, city = ?6, birthday = ?7,"
        " source = ?8, notes = ?9, owner = ?10, name_key = ?11,"
        " sort_key = ?12, title_sort = ?13, company_sort = coalesce("
        "(SELECT sort_key FROM companies WHERE id = ?2), ''),"
        " updated_at = ?14, updated_by = ?15, version = version + 1"
        " WHERE id = ?16 AND version = ?17 AND deleted_at IS NULL", err);
    int rc = bind_row(db, st, c, co, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 16, c->id);
    sqlite3_bind_int64(st, 17, c->version);
    rc = tcrm_db_step_done(db, st, "contact", err);
    if (rc == 0 && sqlite3_changes(db->sql) == 0)
        rc = tcrm_row_conflict(db, "SELECT updated_by, updated_at FROM"
                               " contacts WHERE id = ?1 AND deleted_at IS NULL",
                               "contact", c->id, err);
    return rc;
}

/* The UPDATE of an edit, a merge or an unmerge; c->version is the version
 * read and becomes the new one. action names it in the audit trail
 * ("edit", "merge", "undo"), with its phones, e-mails and tags. */
static int update_work(struct tcrm_db *db, struct tcrm_contact *c,
                       const char *action, struct tcrm_error *err)
{
    int64_t co;
    int named = strcmp(action, "edit") != 0;
    struct tcrm_audit_lists lists = { NULL, NULL };
    int rc = resolve_company(db, c, &co, err);
    if (rc == 0)
        rc = tcrm_audit_lists_read(db, c->id, &lists, err);
    if (rc == 0 && named)
        rc = tcrm_db_audit_action(db, action, err);
    if (rc == 0)
        rc = update_row(db, c, co, err);
    if (rc == 0)
        rc = write_rest(db, c->id, c, err);
    if (rc == 0)
        rc = tcrm_audit_lists_changed(db, c->id, &lists, err);
    if (rc == 0 && named)
        rc = tcrm_db_audit_action(db, NULL, err);
    if (rc == 0) {
        c->version++;
        c->company_id = co;
    }
    tcrm_audit_lists_clear(&lists);
    return rc;
}

/* 1 when c is the stored row as it is now (a save would change nothing:
 * c->version becomes the stored one), 0 when it differs, else an error
 * (not found). Inside the write transaction, so "now" holds. */
static int unchanged(struct tcrm_db *db, struct tcrm_contact *c,
                     struct tcrm_error *err)
{
    struct tcrm_contact cur;
    int rc = tcrm_contact_get(db, c->id, &cur, err);
    if (rc == 0 && tcrm_contact_diff(&cur, c) == 0) {
        c->version = cur.version;
        rc = 1;
    }
    tcrm_contact_clear(&cur);
    return rc;
}

int tcrm_contact_update(struct tcrm_db *db, struct tcrm_contact *c,
                        struct tcrm_error *err)
{
    int rc = tcrm_contact_validate(c, err);
    if (rc)
        return rc;
    rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = unchanged(db, c, err);
    if (rc == 0)
        rc = update_work(db, c, "edit", err);
    return tcrm_db_end(db, rc > 0 ? 0 : rc, err);
}

int tcrm_contact_delete(struct tcrm_db *db, int64_t id, struct tcrm_error *err)
{
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = tcrm_db_trash_row(db, "contacts", "contact", id, err);
    return tcrm_db_end(db, rc, err);
}

/* ---- reading -------------------------------------------------------- */

static int read_channels(struct tcrm_db *db, struct tcrm_contact *c,
                         struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT kind, value FROM contact_channels WHERE contact_id = ?1"
        " ORDER BY position, id", err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_int64(st, 1, c->id);
    int rc, r = 0;
    while (r == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        int k = tcrm_channel_kind_parse((const char *)sqlite3_column_text(st, 0));
        r = tcrm_contact_add_channel(c, k < 0 ? TCRM_CH_IM : (enum tcrm_channel_kind)k,
                                     (const char *)sqlite3_column_text(st, 1));
        if (r)
            r = tcrm_error_set(err, r, "out of memory");
    }
    if (r == 0 && rc != SQLITE_DONE)
        r = tcrm_db_fail(db, "channels", err);
    tcrm_db_done(st);
    return r;
}

static int read_row(struct tcrm_db *db, int64_t id, struct tcrm_contact *c,
                    struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT c.name, co.name, c.title, c.department, c.address, c.city,"
        " c.birthday, c.source, c.notes, c.owner, c.last_interaction_at,"
        " c.next_followup_due, c.created_at, c.updated_at, c.created_by,"
        " c.updated_by, c.company_id, c.import_batch, c.version"
        " FROM live_contacts c LEFT JOIN companies co ON co.id = c.company_id"
        " AND co.deleted_at IS NULL WHERE c.id = ?1",
        err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        char **s[] = { &c->name, &c->company, &c->title, &c->department,
                       &c->address, &c->city, &c->birthday, &c->source,
                       &c->notes, &c->owner, &c->last_interaction_at,
                       &c->next_followup_due, &c->stamp.created_at,
                       &c->stamp.updated_at, &c->stamp.created_by,
                       &c->stamp.updated_by };
        for (int i = 0; i < 16; i++)
            *s[i] = tcrm_db_col_text(st, i);
        c->id = id;
        c->company_id = sqlite3_column_int64(st, 16);
        c->import_batch = sqlite3_column_int64(st, 17);
        c->version = sqlite3_column_int64(st, 18);
        rc = c->name ? 0 : tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    } else if (rc == SQLITE_DONE) {
        rc = tcrm_error_set(err, TCRM_ENOTFOUND, "contact %" PRId64 ": not found", id);
    } else {
        rc = tcrm_db_fail(db, "contact", err);
    }
    tcrm_db_done(st);
    return rc;
}

int tcrm_contact_get(struct tcrm_db *db, int64_t id, struct tcrm_contact *out,
                     struct tcrm_error *err)
{
    tcrm_contact_init(out);
    int rc = read_row(db, id, out, err);
    if (rc == 0)
        rc = read_channels(db, out, err);
    if (rc == 0)
        rc = tcrm_db_get_tags(db, "contact", id, &out->tags, err);
    if (rc)
        tcrm_contact_clear(out);
    return rc;
}

/* ---- merge and unmerge ---------------------------------------------- */

#define N_MERGE_FIELDS 8
static const char *const merge_names[N_MERGE_FIELDS] = {
    "title", "department", "address", "city", "birthday", "source", "notes",
    "owner"
};

static char **merge_field(struct tcrm_contact *c, int i)
{
    char **f[N_MERGE_FIELDS] = { &c->title, &c->department, &c->address,
                                 &c->city, &c->birthday, &c->source,
                                 &c->notes, &c->owner };
    return f[i];
}

static int append_escaped(struct tcrm_strbuf *sb, const char *s)
{
    int rc = 0;
    for (; s && *s && rc == 0; s++)
        rc = *s == '\\' ? tcrm_strbuf_append(sb, "\\\\")
           : *s == '\t' ? tcrm_strbuf_append(sb, "\\t")
           : *s == '\n' ? tcrm_strbuf_append(sb, "\\n")
           : tcrm_strbuf_appendc(sb, *s);
    return rc;
}

static int record_before(struct tcrm_contact *c, struct tcrm_strbuf *sb)
{
    int rc = tcrm_strbuf_appendf(sb, "company_id=%" PRId64 "\n", c->company_id);
    for (int i = 0; rc == 0 && i < N_MERGE_FIELDS; i++) {
        rc = tcrm_strbuf_appendf(sb, "%s=", merge_names[i]);
        rc = rc ? rc : append_escaped(sb, *merge_field(c, i));
        rc = rc ? rc : tcrm_strbuf_appendc(sb, '\n');
    }
    for (size_t i = 0; rc == 0 && i < c->n_channels; i++) {
        rc = tcrm_strbuf_appendf(sb, "channel=%s\t",
                                 tcrm_channel_kind_name(c->channels[i].kind));
        rc = rc ? rc : append_escaped(sb, c->channels[i].value);
        rc = rc ? rc : tcrm_strbuf_appendc(sb, '\n');
    }
    for (size_t i = 0; rc == 0 && i < c->tags.n; i++) {
        rc = tcrm_strbuf_append(sb, "tag=");
        rc = rc ? rc : append_escaped(sb, c->tags.items[i]);
        rc = rc ? rc : tcrm_strbuf_appendc(sb, '\n');
    }
    return rc;
}

/* A key that says whether two channels are the same number/address. */
static char *dedupe_key(const struct tcrm_channel *ch)
{
    char *k = tcrm_channel_value_key(ch->kind, ch->value);
    if (k && k[0] == '\0') {
        free(k);
        k = tcrm_norm_fold(ch->value);
    }
    char *out = NULL;
    if (k && (out = malloc(strlen(k) + 3)))
        sprintf(out, "%c:%s", tcrm_channel_is_phone(ch->kind) ? 'p'
                : (char)('0' + ch->kind), k);
    free(k);
    return out;
}

static int has_channel(const struct tcrm_contact *c, const char *key)
{
    int found = 0;
    for (size_t i = 0; !found && i < c->n_channels; i++) {
        char *k = dedupe_key(&c->channels[i]);
        found = k && strcmp(k, key) == 0;
        free(k);
    }
    return found;
}

static int merge_into(struct tcrm_contact *cur, const struct tcrm_contact *in)
{
    int rc = 0;
    for (int i = 0; rc == 0 && i < N_MERGE_FIELDS; i++)
        if (tcrm_str_empty(*merge_field(cur, i)))
            rc = tcrm_str_set(merge_field(cur, i),
                              *merge_field((struct tcrm_contact *)in, i));
    if (rc == 0 && cur->company_id == 0 && tcrm_str_empty(cur->company)) {
        cur->company_id = in->company_id;
        rc = tcrm_str_set(&cur->company, in->company);
    }
    for (size_t i = 0; rc == 0 && i < in->n_channels; i++) {
        char *k = dedupe_key(&in->channels[i]);
        if (!k)
            return TCRM_ENOMEM;
        if (!has_channel(cur, k))
            rc = tcrm_contact_add_channel(cur, in->channels[i].kind,
                                          in->channels[i].value);
        free(k);
    }
    for (size_t i = 0; rc == 0 && i < in->tags.n; i++)
        if (!tcrm_strlist_has(&cur->tags, in->tags.items[i]))
            rc = tcrm_strlist_add(&cur->tags, in->tags.items[i]);
    return rc;
}

static int merge_work(struct tcrm_db *db, int64_t into,
                      const struct tcrm_contact *in, struct tcrm_strbuf *before,
                      int64_t *version_after, struct tcrm_error *err)
{
    struct tcrm_contact cur;
    int rc = tcrm_contact_get(db, into, &cur, err);
    if (rc)
        return rc;
    if ((before && record_before(&cur, before)) || merge_into(&cur, in))
        rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (rc == 0)
        rc = update_work(db, &cur, "merge", err);
    if (rc == 0 && version_after)
        *version_after = cur.version;
    tcrm_contact_clear(&cur);
    return rc;
}

int tcrm_contact_merge(struct tcrm_db *db, int64_t into,
                       const struct tcrm_contact *incoming,
                       struct tcrm_strbuf *before, int64_t *version_after,
                       struct tcrm_error *err)
{
    int rc = validate_parts(incoming, err);
    if (rc)
        return rc;
    rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = merge_work(db, into, incoming, before, version_after, err);
    return tcrm_db_end(db, rc, err);
}

/* Unescape s[0..n) into a new string. */
static char *unescape(const char *s, size_t n)
{
    char *out = malloc(n + 1), *o = out;
    for (size_t i = 0; out && i < n; i++) {
        if (s[i] == '\\' && i + 1 < n) {
            i++;
            *o++ = s[i] == 't' ? '\t' : s[i] == 'n' ? '\n' : s[i];
        } else {
            *o++ = s[i];
        }
    }
    if (out)
        *o = '\0';
    return out;
}

/* Apply one "name=value" line of a merge record to c. */
static int apply_line(struct tcrm_contact *c, const char *name, size_t nlen,
                      const char *v, size_t vlen, struct tcrm_error *err)
{
    if (nlen == 10 && memcmp(name, "company_id", 10) == 0) {
        c->company_id = strtoll(v, NULL, 10);
        free(c->company);
        c->company = NULL;
        return 0;
    }
    if (nlen == 7 && memcmp(name, "channel", 7) == 0) {
        const char *tab = memchr(v, '\t', vlen);
        char kind[16] = "";
        if (tab && (size_t)(tab - v) < sizeof kind)
            memcpy(kind, v, (size_t)(tab - v));
        int k = tcrm_channel_kind_parse(kind);
        if (k < 0)
            return tcrm_error_set(err, TCRM_EINVAL, "merge record: bad channel line");
        char *val = unescape(tab + 1, vlen - (size_t)(tab + 1 - v));
        int rc = val ? tcrm_contact_add_channel(c, (enum tcrm_channel_kind)k, val)
                     : TCRM_ENOMEM;
        free(val);
        return rc ? tcrm_error_set(err, rc, "out of memory") : 0;
    }
    char *val = unescape(v, vlen);
    if (!val)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    int rc = -1;
    if (nlen == 3 && memcmp(name, "tag", 3) == 0)
        rc = tcrm_strlist_add(&c->tags, val);
    for (int i = 0; rc == -1 && i < N_MERGE_FIELDS; i++)
        if (strlen(merge_names[i]) == nlen && memcmp(merge_names[i], name, nlen) == 0)
            rc = tcrm_str_set(merge_field(c, i), val);
    free(val);
    if (rc == -1)
        return tcrm_error_set(err, TCRM_EINVAL, "merge record: unknown field '%.*s'",
                              (int)nlen, name);
    return rc ? tcrm_error_set(err, TCRM_ENOMEM, "out of memory") : 0;
}

static int apply_record(struct tcrm_contact *c, const char *before,
                        struct tcrm_error *err)
{
    for (size_t i = 0; i < c->n_channels; i++)
        free(c->channels[i].value);
    c->n_channels = 0;
    tcrm_strlist_clear(&c->tags);
    for (const char *p = before; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        const char *eq = memchr(p, '=', len);
        if (!eq)
            return tcrm_error_set(err, TCRM_EINVAL,
                                  "merge record: line without '='");
        int rc = apply_line(c, p, (size_t)(eq - p), eq + 1,
                            len - (size_t)(eq + 1 - p), err);
        if (rc)
            return rc;
        p += len + (nl ? 1 : 0);
    }
    return 0;
}

static int unmerge_work(struct tcrm_db *db, int64_t id, const char *before,
                        int64_t expected, struct tcrm_error *err)
{
    struct tcrm_contact cur;
    int rc = tcrm_contact_get(db, id, &cur, err);
    if (rc)
        return rc;
    if (cur.version != expected)
        rc = tcrm_row_conflict(db, "SELECT updated_by, updated_at FROM"
                               " contacts WHERE id = ?1 AND deleted_at IS NULL",
                               "contact", id, err);
    if (rc == 0)
        rc = apply_record(&cur, before ? before : "", err);
    if (rc == 0)
        rc = update_work(db, &cur, "undo", err);
    tcrm_contact_clear(&cur);
    return rc;
}

int tcrm_contact_unmerge(struct tcrm_db *db, int64_t id, const char *before,
                         int64_t expected_version, struct tcrm_error *err)
{
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = unmerge_work(db, id, before, expected_version, err);
    return tcrm_db_end(db, rc, err);
}
