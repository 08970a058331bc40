/*
 * interaction.c: the history of calls, e-mails, visits, meetings,
 * messages and notes.
 *
 * An interaction is written once and rarely edited, so there is insert,
 * delete (to the trash) and a "most recent" query. Its `at` is stored as
 * "YYYY-MM-DD HH:MM"; a date alone is stored at 00:00. The schema's
 * triggers keep contacts.last_interaction_at right on every change, which
 * is what the contact list's "last contact" column and the gone-quiet
 * counts read, so this file never touches contacts.
 *
 * The recent query has one statement per anchor (contact, company, none)
 * so each goes straight down its (x_id, at) index, newest first.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db_internal.h"
#include "tcrm/date.h"
#include "tcrm/interaction.h"

static const char *const kind_names[TCRM_IA_COUNT] = {
    /* stored keys, shown with tcrm_i18n_word("kind", key) */
    NC_("kind", "call"), NC_("kind", "email"), NC_("kind", "visit"),
    NC_("kind", "meeting"), NC_("kind", "message"), NC_("kind", "note")
};

const char *tcrm_interaction_kind_name(enum tcrm_interaction_kind k)
{
    return (unsigned)k < TCRM_IA_COUNT ? kind_names[k] : "note";
}

int tcrm_interaction_kind_parse(const char *s)
{
    if (!s)
        return -1;
    if (strcasecmp(s, "e-mail") == 0)
        return TCRM_IA_EMAIL;
    for (int i = 0; i < TCRM_IA_COUNT; i++)
        if (strcasecmp(s, kind_names[i]) == 0)
            return i;
    return -1;
}

void tcrm_interaction_init(struct tcrm_interaction *ia)
{
    memset(ia, 0, sizeof *ia);
    ia->kind = TCRM_IA_NOTE;
}

void tcrm_interaction_clear(struct tcrm_interaction *ia)
{
    if (!ia)
        return;
    free(ia->at);
    free(ia->summary);
    free(ia->body);
    free(ia->logged_by);
    free(ia->contact_name);
    free(ia->company_name);
    tcrm_stamp_clear(&ia->stamp);
    tcrm_interaction_init(ia);
}

/* "YYYY-MM-DD HH:MM" from ia->at (or now). */
static int normalize_at(const char *at, char out[17], struct tcrm_error *err)
{
    struct tcrm_when w;
    if (tcrm_str_empty(at)) {
        char now[20];
        tcrm_db_now(now);
        memcpy(out, now, 16);
        out[16] = '\0';
        return 0;
    }
    if (tcrm_date_parse_iso(at, &w) != 0)
        return tcrm_error_field(err, TCRM_EINVAL, "at", "at: '%.40s' is not a date "
                              "(use YYYY-MM-DD HH:MM)", at);
    if (!w.has_time)
        w.hour = w.minute = 0;
    w.has_time = 1;
    tcrm_when_iso(&w, out);
    return 0;
}

/* A live row of `what` (contacts/companies/deals) with that id. */
static int check_link(struct tcrm_db *db, const char *sql, const char *what,
                      int64_t id, int64_t *company, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int s = sqlite3_step(st), rc = 0;
    if (s == SQLITE_ROW) {
        if (company && *company == 0)
            *company = sqlite3_column_int64(st, 0);
    } else if (s == SQLITE_DONE) {
        rc = tcrm_error_set(err, TCRM_ENOTFOUND, "%s %lld: not found",
                            tcrm_db_noun(what), (long long)id);
    } else {
        rc = tcrm_db_fail(db, what, err);
    }
    tcrm_db_done(st);
    return rc;
}

static int check_links(struct tcrm_db *db, struct tcrm_interaction *ia,
                       struct tcrm_error *err)
{
    int rc = 0;
    if (ia->contact_id)
        rc = check_link(db, "SELECT company_id FROM contacts"
                        " WHERE id = ?1 AND deleted_at IS NULL", "contact",
                        ia->contact_id, &ia->company_id, err);
    if (rc == 0 && ia->company_id)
        rc = check_link(db, "SELECT id FROM companies"
                        " WHERE id = ?1 AND deleted_at IS NULL", "company",
                        ia->company_id, NULL, err);
    if (rc == 0 && ia->deal_id)
        rc = check_link(db, "SELECT id FROM deals"
                        " WHERE id = ?1 AND deleted_at IS NULL", "deal",
                        ia->deal_id, NULL, err);
    return rc;
}

static int insert_row(struct tcrm_db *db, struct tcrm_interaction *ia,
                      const char *at, struct tcrm_error *err)
{
    char now[20];
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "INSERT INTO interactions(contact_id, company_id, deal_id, kind, at,"
        " summary, body, logged_by, created_at, updated_at, created_by,"
        " updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10,"
        " ?10)", err);
    if (!st)
        return err->code;
    tcrm_db_now(now);
    tcrm_db_bind_id(st, 1, ia->contact_id);
    tcrm_db_bind_id(st, 2, ia->company_id);
    tcrm_db_bind_id(st, 3, ia->deal_id);
    sqlite3_bind_text(st, 4, tcrm_interaction_kind_name(ia->kind), -1,
                      SQLITE_STATIC);
    sqlite3_bind_text(st, 5, at, -1, SQLITE_TRANSIENT);
    tcrm_db_bind_text(st, 6, ia->summary);
    tcrm_db_bind_text(st, 7, ia->body);
    sqlite3_bind_text(st, 8, tcrm_str_empty(ia->logged_by)
                                 ? tcrm_db_user(db) : ia->logged_by,
                      -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 9, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 10, tcrm_db_user(db), -1, SQLITE_TRANSIENT);
    int rc = tcrm_db_step_done(db, st, "interaction", err);
    if (rc)
        return rc;
    ia->id = sqlite3_last_insert_rowid(db->sql);
    ia->version = 1;
    if (tcrm_str_set(&ia->at, at))
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    return 0;
}

int tcrm_interaction_insert(struct tcrm_db *db, struct tcrm_interaction *ia,
                            struct tcrm_error *err)
{
    struct tcrm_error local;
    char at[17];
    if (!err)
        err = &local;
    if (tcrm_str_empty(ia->summary))
        return tcrm_error_field(err, TCRM_EINVAL, "summary", "summary: required");
    if ((unsigned)ia->kind >= TCRM_IA_COUNT)
        return tcrm_error_field(err, TCRM_EINVAL, "kind", "kind: unknown (use call, "
                              "email, visit, meeting, message or note)");
    if (!ia->contact_id && !ia->company_id)
        return tcrm_error_set(err, TCRM_EINVAL, "interaction needs a contact "
                              "or a company");
    int rc = normalize_at(ia->at, at, err);
    if (rc)
        return rc;
    rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = check_links(db, ia, err);
    if (rc == 0)
        rc = insert_row(db, ia, at, err);
    return tcrm_db_end(db, rc, err);
}

int tcrm_interaction_delete(struct tcrm_db *db, int64_t id,
                            struct tcrm_error *err)
{
    return tcrm_db_trash_row(db, "interactions", "interaction", id, err);
}

#define RECENT_COLS                                                       \
    "SELECT i.id, i.version, i.contact_id, i.company_id, i.deal_id,"      \
    " i.kind, i.at, i.summary, i.body, i.logged_by, c.name, co.name,"     \
    " i.created_at, i.updated_at, i.created_by, i.updated_by"             \
    " FROM live_interactions i LEFT JOIN contacts c ON c.id = i.contact_id"\
    " LEFT JOIN companies co ON co.id = i.company_id "

static int read_row(sqlite3_stmt *st, struct tcrm_interaction *ia)
{
    tcrm_interaction_init(ia);
    ia->id = sqlite3_column_int64(st, 0);
    ia->version = sqlite3_column_int64(st, 1);
    ia->contact_id = sqlite3_column_int64(st, 2);
    ia->company_id = sqlite3_column_int64(st, 3);
    ia->deal_id = sqlite3_column_int64(st, 4);
    int k = tcrm_interaction_kind_parse(
        (const char *)sqlite3_column_text(st, 5));
    ia->kind = k < 0 ? TCRM_IA_NOTE : (enum tcrm_interaction_kind)k;
    char **f[] = { &ia->at, &ia->summary, &ia->body, &ia->logged_by,
                   &ia->contact_name, &ia->company_name,
                   &ia->stamp.created_at, &ia->stamp.updated_at,
                   &ia->stamp.created_by, &ia->stamp.updated_by };
    for (int i = 0; i < 10; i++) {
        if (sqlite3_column_type(st, 6 + i) == SQLITE_NULL)
            continue;
        *f[i] = tcrm_db_col_text(st, 6 + i);
        if (!*f[i])
            return TCRM_ENOMEM;
    }
    return 0;
}

static sqlite3_stmt *recent_stmt(struct tcrm_db *db, int64_t contact_id,
                                 int64_t company_id, struct tcrm_error *err)
{
    sqlite3_stmt *st;
    if (contact_id) {
        st = tcrm_db_prepare(db, RECENT_COLS "WHERE i.contact_id = ?1"
                             " ORDER BY i.at DESC, i.id DESC LIMIT ?2", err);
        if (st)
            sqlite3_bind_int64(st, 1, contact_id);
    } else if (company_id) {
        st = tcrm_db_prepare(db, RECENT_COLS "WHERE i.company_id = ?1"
                             " ORDER BY i.at DESC, i.id DESC LIMIT ?2", err);
        if (st)
            sqlite3_bind_int64(st, 1, company_id);
    } else {
        st = tcrm_db_prepare(db, RECENT_COLS "WHERE 1"
                             " ORDER BY i.at DESC, i.id DESC LIMIT ?2", err);
    }
    return st;
}

int tcrm_interaction_recent(struct tcrm_db *db, int64_t contact_id,
                            int64_t company_id, size_t limit,
                            struct tcrm_interaction **out, size_t *n,
                            struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    if (limit == 0)
        return 0;
    sqlite3_stmt *st = recent_stmt(db, contact_id, company_id, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 2, (sqlite3_int64)limit);
    struct tcrm_interaction *a = NULL;
    int rc = 0, s = SQLITE_DONE;
    size_t count = 0, cap = 0;
    while (rc == 0 && (s = sqlite3_step(st)) == SQLITE_ROW) {
        if (count == cap) {
            cap = cap ? cap * 2 : 16;
            void *p = realloc(a, cap * sizeof *a);
            if (!p) {
                rc = TCRM_ENOMEM;
                break;
            }
            a = p;
        }
        rc = read_row(st, &a[count++]);
    }
    if (rc)
        rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    else if (s != SQLITE_DONE)
        rc = tcrm_db_fail(db, "interactions", err);
    tcrm_db_done(st);
    if (rc) {
        tcrm_interaction_array_free(a, count);
        return rc;
    }
    *out = a;
    *n = count;
    return 0;
}

void tcrm_interaction_array_free(struct tcrm_interaction *a, size_t n)
{
    if (!a)
        return;
    for (size_t i = 0; i < n; i++)
        tcrm_interaction_clear(&a[i]);
    free(a);
}
