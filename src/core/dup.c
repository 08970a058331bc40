/*
 * dup.c: the duplicate check (dup.h).
 *
 * Three kinds of look-up, each an index seek:
 *   e-mail and phone keys   channels_by_key (partial: value_key <> '', so
 *                           the query repeats that condition, else SQLite
 *                           may not use it)
 *   name key + company      contacts_by_name_key, then company_id IS ?
 * Candidates collect in first-seen order; each keeps the reasons found and
 * a "why" text made of parts in the order e-mail, phone, name, e.g.
 * "same e-mail anna@acme.com; same phone +86 138 0000 0000; same name at
 * Acme Ltd". Values shown are the stored candidate's, as written.
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

/* Contacts with a channel of the given class whose value_key is key. */
static int by_channel_key(struct tcrm_db *db, const char *key,
                          const char *value, int email, int64_t self,
                          struct tcrm_dup_list *l, struct tcrm_error *err)
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
    int rc, r = 0;
    while (r == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        int is_email = strcmp((const char *)sqlite3_column_text(st, 2), "email") == 0;
        if (is_email != email)
            continue;
        if (!email && !tcrm_norm_phone_same_number(value,
                          (const char *)sqlite3_column_text(st, 1)))
            continue;               /* same last digits, other country */
        struct tcrm_strbuf part;
        tcrm_strbuf_init(&part);
        r = tcrm_strbuf_appendf(&part, "same %s %s", email ? "e-mail" : "phone",
                                (const char *)sqlite3_column_text(st, 1));
        if (r == 0)
            r = add_reason(l, sqlite3_column_int64(st, 0),
                           email ? TCRM_DUP_EMAIL : TCRM_DUP_PHONE, part.buf);
        tcrm_strbuf_free(&part);
    }
    if (r)
        r = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    else if (rc != SQLITE_DONE)
        r = tcrm_db_fail(db, "duplicate check", err);
    tcrm_db_done(st);
    return r;
}

static int by_channels(struct tcrm_db *db, const struct tcrm_contact *c,
                       int email, struct tcrm_dup_list *l, struct tcrm_error *err)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < c->n_channels; i++) {
        enum tcrm_channel_kind k = c->channels[i].kind;
        if (email ? k != TCRM_CH_EMAIL : !tcrm_channel_is_phone(k))
            continue;
        char *key = tcrm_channel_value_key(k, c->channels[i].value);
        if (!key)
            return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        rc = by_channel_key(db, key, c->channels[i].value, email, c->id, l,
                            err);
        free(key);
    }
    return rc;
}

/* The company c names: its id, or -1 when it names one not stored yet. */
static int company_of(struct tcrm_db *db, const struct tcrm_contact *c,
                      int64_t *co, struct tcrm_error *err)
{
    *co = c->company_id;
    if (*co || tcrm_str_empty(c->company))
        return 0;
    int rc = tcrm_company_find(db, c->company, co, err);
    if (rc == 0 && *co == 0)
        *co = -1;
    return rc;
}

static int by_name(struct tcrm_db *db, const struct tcrm_contact *c,
                   struct tcrm_dup_list *l, struct tcrm_error *err)
{
    int64_t co;
    int rc = company_of(db, c, &co, err);
    char *key = rc || co < 0 ? NULL : tcrm_norm_name_key(c->name);
    if (rc || co < 0 || (key && !key[0])) {
        free(key);
        return rc;
    }
    sqlite3_stmt *st = key ? tcrm_db_prepare(db,
        "SELECT c.id, co.name FROM contacts c LEFT JOIN companies co"
        " ON co.id = c.company_id WHERE c.name_key = ?1 AND c.company_id IS ?2"
        " AND c.deleted_at IS NULL AND c.id <> ?3 ORDER BY c.id", err) : NULL;
    if (!st) {
        free(key);
        return key ? TCRM_EDB : tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    }
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    tcrm_db_bind_id(st, 2, co);
    sqlite3_bind_int64(st, 3, c->id);
    int s, r = 0;
    while (r == 0 && (s = sqlite3_step(st)) == SQLITE_ROW) {
        struct tcrm_strbuf part;
        tcrm_strbuf_init(&part);
        const char *cn = (const char *)sqlite3_column_text(st, 1);
        r = cn ? tcrm_strbuf_appendf(&part, "same name at %s", cn)
               : tcrm_strbuf_append(&part, "same name");
        if (r == 0)
            r = add_reason(l, sqlite3_column_int64(st, 0), TCRM_DUP_NAME, part.buf);
        tcrm_strbuf_free(&part);
    }
    if (r)
        r = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    else if (s != SQLITE_DONE)
        r = tcrm_db_fail(db, "duplicate check", err);
    tcrm_db_done(st);
    free(key);
    return r;
}

/* Name and company of every candidate, for display. */
static int describe(struct tcrm_db *db, struct tcrm_dup_list *l,
                    struct tcrm_error *err)
{
    for (size_t i = 0; i < l->n; i++) {
        sqlite3_stmt *st = tcrm_db_prepare(db,
            "SELECT c.name, co.name FROM contacts c LEFT JOIN companies co"
            " ON co.id = c.company_id AND co.deleted_at IS NULL WHERE c.id = ?1",
            err);
        if (!st)
            return TCRM_EDB;
        sqlite3_bind_int64(st, 1, l->items[i].id);
        if (sqlite3_step(st) == SQLITE_ROW) {
            l->items[i].name = tcrm_db_col_text(st, 0);
            l->items[i].company = tcrm_db_col_text(st, 1);
        }
        tcrm_db_done(st);
        if (!l->items[i].name)
            return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    }
    return 0;
}

int tcrm_dup_find(struct tcrm_db *db, const struct tcrm_contact *c,
                  struct tcrm_dup_list *out, struct tcrm_error *err)
{
    memset(out, 0, sizeof *out);
    int rc = by_channels(db, c, 1, out, err);
    if (rc == 0)
        rc = by_channels(db, c, 0, out, err);
    if (rc == 0 && !tcrm_str_empty(c->name))
        rc = by_name(db, c, out, err);
    if (rc == 0)
        rc = describe(db, out, err);
    if (rc)
        tcrm_dup_list_free(out);
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
    }
    free(l->items);
    memset(l, 0, sizeof *l);
}
