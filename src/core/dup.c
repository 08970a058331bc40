/*
 * dup.c: the duplicate check (dup.h).
 *
 * Three kinds of look-up, each an index seek:
 *   e-mail and phone keys   channels_by_key (partial: value_key <> '', so
 *                           the query repeats that condition, else SQLite
 *                           may not use it)
 *   name key + company      contacts_by_name_company (name_key,
 *                           company_id), named in the query: planned
 *                           through contacts_by_company, a row without a
 *                           company walked every company-less contact
 * Candidates collect in first-seen order; each keeps the reasons found and
 * a "why" text made of parts in the order e-mail, phone, name, e.g.
 * "same e-mail anna@acme.com; same phone +86 138 0000 0000; same name at
 * Acme Ltd". Values shown are the stored candidate's, as written.
 *
 * tcrm_dup_first (the import's check, once per row) walks the same
 * look-ups in the same order and stops at the first candidate, without
 * building reasons: one code path, so the import and the form always
 * agree on what a duplicate is.
 */
#include <stdlib.h>
#include <string.h>

#include "contact_internal.h"
#include "tcrm/company.h"
#include "tcrm/dup.h"
#include "tcrm/normalize.h"
#include "tcrm/strbuf.h"

/* Find or append the candidate with this id; NULL when out of memory. */
static struct tcrm_dup_candidate *candidate(struct tcrm_dup_list *l, int64_t id)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->items[i].id == id)
            return &l->items[i];
    struct tcrm_dup_candidate *a = realloc(l->items, (l->n + 1) * sizeof *a);
    if (!a)
        return NULL;
    l->items = a;
    memset(&a[l->n], 0, sizeof *a);
    a[l->n].id = id;
    return &a[l->n++];
}

/* Add reason and "; part" (unless the same part is already there). */
static int add_reason(struct tcrm_dup_list *l, int64_t id, int reason,
                      const char *part)
{
    struct tcrm_dup_candidate *c = candidate(l, id);
    if (!c)
        return TCRM_ENOMEM;
    c->reasons |= reason;
    if (c->why && strstr(c->why, part))
        return 0;
    size_t old = c->why ? strlen(c->why) : 0;
    char *w = realloc(c->why, old + strlen(part) + 3);
    if (!w)
        return TCRM_ENOMEM;
    if (old)
        strcpy(w + old, "; ");
    else
        w[0] = '\0';
    strcat(w, part);
    c->why = w;
    return 0;
}

/* Where the look-ups put what they find: every candidate into l, or, when
 * l is NULL, only the first one's id into first (and stop). */
struct found {
    struct tcrm_dup_list *l;
    int64_t first;
};

static int done(const struct found *f)
{
    return !f->l && f->first;
}

/* Note candidate id for reason. The "why" piece is made only when a list
 * is kept: fmt with arg for its one %s, or "same name" when arg is NULL
 * (a name match without a company). */
static int note(struct found *f, int64_t id, int reason, const char *fmt,
                const char *arg)
{
    if (!f->l) {
        f->first = id;
        return 0;
    }
    struct tcrm_strbuf part;
    tcrm_strbuf_init(&part);
    int r = arg ? tcrm_strbuf_appendf(&part, fmt, arg)
                : tcrm_strbuf_append(&part, "same name");
    if (r == 0)
        r = add_reason(f->l, id, reason, part.buf);
    tcrm_strbuf_free(&part);
    return r;
}

/* Contacts with a channel of the given class whose value_key is key. */
static int by_channel_key(struct tcrm_db *db, const char *key,
                          const char *value, int email, int64_t self,
                          struct found *f, struct tcrm_error *err)
{
    if (!key || !key[0])
        return 0;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT h.contact_id, h.value, h.kind FROM contact_channels h"
        " JOIN contacts c ON c.id = h.contact_id WHERE h.value_key = ?1"
        " AND h.value_key <> '' AND c.deleted_at IS NULL AND c.id <> ?2"
        " ORDER BY h.contact_id, h.position", err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, self);
    int rc = SQLITE_DONE, r = 0;
    while (r == 0 && !done(f) && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        int is_email = strcmp((const char *)sqlite3_column_text(st, 2), "email") == 0;
        const char *stored = (const char *)sqlite3_column_text(st, 1);
        if (is_email != email)
            continue;
        if (!email && !tcrm_norm_phone_same_number(value, stored))
            continue;               /* same last digits, other country */
        r = note(f, sqlite3_column_int64(st, 0),
                 email ? TCRM_DUP_EMAIL : TCRM_DUP_PHONE,
                 email ? "same e-mail %s" : "same phone %s", stored);
    }
    if (done(f))
        rc = SQLITE_DONE;
    if (r)
        r = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    else if (rc != SQLITE_DONE)
        r = tcrm_db_fail(db, "duplicate check", err);
    tcrm_db_done(st);
    return r;
}

static int by_channels(struct tcrm_db *db, const struct tcrm_contact *c,
                       int email, struct found *f, struct tcrm_error *err)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && !done(f) && i < c->n_channels; i++) {
        enum tcrm_channel_kind k = c->channels[i].kind;
        if (email ? k != TCRM_CH_EMAIL : !tcrm_channel_is_phone(k))
            continue;
        char *key = tcrm_channel_value_key(k, c->channels[i].value);
        if (!key)
            return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        rc = by_channel_key(db, key, c->channels[i].value, email, c->id, f,
                            err);
        free(key);
    }
    return rc;
}

/* The company c names: its id, TCRM_DUP_NEW_COMPANY when it names one not
 * stored yet, 0 when none. */
static int company_of(struct tcrm_db *db, const struct tcrm_contact *c,
                      int64_t *co, struct tcrm_error *err)
{
    *co = c->company_id;
    if (*co || tcrm_str_empty(c->company))
        return 0;
    int rc = tcrm_company_find(db, c->company, co, err);
    if (rc == 0 && *co == 0)
        *co = TCRM_DUP_NEW_COMPANY;
    return rc;
}

/* Contacts with c's name key at company co. */
static int by_name(struct tcrm_db *db, const struct tcrm_contact *c,
                   int64_t co, struct found *f, struct tcrm_error *err)
{
    char *key = tcrm_norm_name_key(c->name);
    if (!key || !key[0]) {
        free(key);
        return key ? 0 : tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    }
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT c.id, co.name FROM contacts c"
        " INDEXED BY contacts_by_name_company LEFT JOIN companies co"
        " ON co.id = c.company_id WHERE c.name_key = ?1 AND c.company_id IS ?2"
        " AND c.deleted_at IS NULL AND c.id <> ?3 ORDER BY c.id", err);
    if (!st) {
        free(key);
        return TCRM_EDB;
    }
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    tcrm_db_bind_id(st, 2, co);
    sqlite3_bind_int64(st, 3, c->id);
    int s = SQLITE_DONE, r = 0;
    while (r == 0 && !done(f) && (s = sqlite3_step(st)) == SQLITE_ROW)
        r = note(f, sqlite3_column_int64(st, 0), TCRM_DUP_NAME,
                 "same name at %s", (const char *)sqlite3_column_text(st, 1));
    if (done(f))
        s = SQLITE_DONE;
    if (r)
        r = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    else if (s != SQLITE_DONE)
        r = tcrm_db_fail(db, "duplicate check", err);
    tcrm_db_done(st);
    free(key);
    return r;
}

/* Every look-up in order: e-mails, phones, then name + company (co as
 * company_of gives it), stopping early when only the first is wanted. */
static int walk(struct tcrm_db *db, const struct tcrm_contact *c, int64_t co,
                struct found *f, struct tcrm_error *err)
{
    int rc = by_channels(db, c, 1, f, err);
    if (rc == 0 && !done(f))
        rc = by_channels(db, c, 0, f, err);
    if (rc == 0 && !done(f) && !tcrm_str_empty(c->name) &&
        co != TCRM_DUP_NEW_COMPANY)
        rc = by_name(db, c, co, f, err);
    return rc;
}

/* Name and company of every candidate, for display; of one the user may
 * not see (not in seen_contacts), only its owner (dup.h). */
static int describe(struct tcrm_db *db, struct tcrm_dup_list *l,
                    struct tcrm_error *err)
{
    for (size_t i = 0; i < l->n; i++) {
        struct tcrm_dup_candidate *d = &l->items[i];
        sqlite3_stmt *st = tcrm_db_prepare(db,
            "SELECT c.name, co.name, NOT EXISTS (SELECT 1 FROM seen_contacts v"
            " WHERE v.id = c.id), coalesce(u.name, c.owner, '')"
            " FROM contacts c LEFT JOIN companies co"
            " ON co.id = c.company_id AND co.deleted_at IS NULL"
            " LEFT JOIN users u ON u.login = c.owner WHERE c.id = ?1", err);
        if (!st)
            return TCRM_EDB;
        sqlite3_bind_int64(st, 1, d->id);
        if (sqlite3_step(st) == SQLITE_ROW) {
            d->hidden = sqlite3_column_int(st, 2);
            d->name = d->hidden ? NULL : tcrm_db_col_text(st, 0);
            d->company = d->hidden ? NULL : tcrm_db_col_text(st, 1);
            d->owner = tcrm_db_col_text(st, 3);
        }
        tcrm_db_done(st);
        if (d->hidden) {
            free(d->why);
            d->why = NULL;
        }
        if ((!d->hidden && !d->name) || !d->owner)
            return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    }
    return 0;
}

int tcrm_dup_find(struct tcrm_db *db, const struct tcrm_contact *c,
                  struct tcrm_dup_list *out, struct tcrm_error *err)
{
    memset(out, 0, sizeof *out);
    struct found f = { out, 0 };
    int64_t co = 0;
    int rc = tcrm_str_empty(c->name) ? 0 : company_of(db, c, &co, err);
    if (rc == 0)
        rc = walk(db, c, co, &f, err);
    if (rc == 0)
        rc = describe(db, out, err);
    if (rc)
        tcrm_dup_list_free(out);
    return rc;
}

int tcrm_dup_first(struct tcrm_db *db, const struct tcrm_contact *c,
                   int64_t company, int64_t *id, struct tcrm_error *err)
{
    struct found f = { NULL, 0 };
    int rc = walk(db, c, company, &f, err);
    *id = rc ? 0 : f.first;
    return rc;
}

void tcrm_dup_list_free(struct tcrm_dup_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].name);
        free(l->items[i].company);
        free(l->items[i].why);
        free(l->items[i].owner);
    }
    free(l->items);
    memset(l, 0, sizeof *l);
}
