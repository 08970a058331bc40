/*
 * comment.c: managers' comments on the log (see tcrm/comment.h).
 *
 * Who may comment is one question to the scope of access.c: the
 * interaction is seen and live (temp.live_interactions), and its owner is
 * in temp.tcrm_reach (the user and everyone under them) for a manager, or
 * the user is an admin. A salesperson's own reach is themselves, so the
 * role decides: sales and clerks never comment.
 */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "tcrm/access.h"
#include "tcrm/comment.h"
#include "tcrm/entity.h"

void tcrm_comment_clear(struct tcrm_comment *c)
{
    free(c->author);
    free(c->body);
    free(c->created_at);
    free(c->read_at);
    free(c->summary);
    free(c->at);
    free(c->customer);
    memset(c, 0, sizeof *c);
}

void tcrm_comment_array_free(struct tcrm_comment *c, size_t n)
{
    for (size_t i = 0; c && i < n; i++)
        tcrm_comment_clear(&c[i]);
    free(c);
}

/* The interaction's owner (malloc'd, NULL when none) and whether it is
 * in the user's reach; TCRM_ENOTFOUND when not seen. */
static int interaction_owner(struct tcrm_db *db, int64_t iid, char **owner,
                             int *reach, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT i.owner, EXISTS (SELECT 1"
        " FROM temp.tcrm_reach r WHERE r.login = i.owner)"
        " FROM temp.live_interactions i WHERE i.id = ?1", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, iid);
    int s = sqlite3_step(st), rc = 0;
    *owner = NULL;
    if (s == SQLITE_ROW) {
        *owner = tcrm_db_col_text(st, 0);
        *reach = sqlite3_column_int(st, 1);
    } else if (s == SQLITE_DONE) {
        rc = tcrm_error_set(err, TCRM_ENOTFOUND, "%s %lld: not found",
                            tcrm_db_noun("interaction"), (long long)iid);
    } else {
        rc = tcrm_db_fail(db, "interaction", err);
    }
    tcrm_db_done(st);
    return rc;
}

static int may_comment(struct tcrm_db *db, int64_t iid,
                       struct tcrm_error *err)
{
    char *owner;
    int reach = 0, role = tcrm_access_role(db);
    int rc = interaction_owner(db, iid, &owner, &reach, err);
    if (rc)
        return rc;
    if (role == TCRM_ROLE_ADMIN || (role == TCRM_ROLE_MANAGER && reach &&
                                    owner))
        rc = 0;
    else if (!owner)
        rc = tcrm_error_set(err, TCRM_EPERM, "interaction %lld has no "
                            "owner; only an admin may comment on it",
                            (long long)iid);
    else
        rc = tcrm_error_set(err, TCRM_EPERM, "only a manager of %s or an "
                            "admin may comment on %s's log; you are %s",
                            owner, owner, tcrm_db_login(db));
    free(owner);
    return rc;
}

int tcrm_comment_add(struct tcrm_db *db, int64_t iid, const char *text,
                     int64_t *id, struct tcrm_error *err)
{
    struct tcrm_error local;
    char now[20];
    if (!err)
        err = &local;
    size_t len = text ? strlen(text) : 0;
    while (len && strchr(" \t\n", text[len - 1]))
        len--;
    if (len == 0 || strspn(text, " \t\n") == len)
        return tcrm_error_field(err, TCRM_EINVAL, "text", "comment: the "
                                "text is empty");
    if (len > TCRM_COMMENT_MAX)
        return tcrm_error_field(err, TCRM_EINVAL, "text", "comment: longer "
                                "than %d bytes", TCRM_COMMENT_MAX);
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = may_comment(db, iid, err);
    sqlite3_stmt *st = rc ? NULL : tcrm_db_prepare(db,
        "INSERT INTO interaction_comments(interaction_id, author, body,"
        " created_at) VALUES (?1, ?2, ?3, ?4)", err);
    if (st) {
        tcrm_db_now(now);
        sqlite3_bind_int64(st, 1, iid);
        tcrm_db_bind_text(st, 2, tcrm_db_login(db));
        sqlite3_bind_text(st, 3, text, (int)len, SQLITE_TRANSIENT);
        tcrm_db_bind_text(st, 4, now);
        rc = tcrm_db_step_done(db, st, "comment", err);
        *id = sqlite3_last_insert_rowid(db->sql);
    } else if (rc == 0) {
        rc = err->code;
    }
    return tcrm_db_end(db, rc, err);
}

static int read_comment(sqlite3_stmt *st, void *elem)
{
    struct tcrm_comment *c = elem;
    c->id = sqlite3_column_int64(st, 0);
    c->interaction_id = sqlite3_column_int64(st, 1);
    c->author = tcrm_db_col_text(st, 2);
    c->body = tcrm_db_col_text(st, 3);
    c->created_at = tcrm_db_col_text(st, 4);
    c->read_at = tcrm_db_col_text(st, 5);
    c->summary = tcrm_db_col_text(st, 6);
    c->at = tcrm_db_col_text(st, 7);
    c->customer = tcrm_db_col_text(st, 8);
    return c->author && c->body && c->created_at ? 0 : TCRM_ENOMEM;
}

static void free_comments(void *a, size_t n) { tcrm_comment_array_free(a, n); }

/* Comments on the user's own live interactions; ?1 the login, ?2 1 for
 * the unread only, ?3 the limit (-1: none). */
#define MINE_FROM                                                          \
    " FROM interaction_comments m JOIN temp.live_interactions i"           \
    " ON i.id = m.interaction_id WHERE i.owner = ?1"                       \
    " AND (?2 = 0 OR m.read_at IS NULL)"

int tcrm_comment_mine(struct tcrm_db *db, int unread, size_t limit,
                      struct tcrm_comment **out, size_t *n, int64_t *total,
                      struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st;
    if (total) {
        if (!(st = tcrm_db_prepare(db, "SELECT count(*)" MINE_FROM, err)))
            return err->code;
        tcrm_db_bind_text(st, 1, tcrm_db_login(db));
        sqlite3_bind_int(st, 2, unread != 0);
        int s = sqlite3_step(st);
        *total = s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        tcrm_db_done(st);
        if (s != SQLITE_ROW)
            return tcrm_db_fail(db, "comment", err);
    }
    st = tcrm_db_prepare(db, "SELECT m.id, m.interaction_id, m.author,"
        " m.body, m.created_at, m.read_at, i.summary, i.at,"
        " coalesce((SELECT name FROM contacts WHERE id = i.contact_id),"
        " (SELECT name FROM companies WHERE id = i.company_id))"
        MINE_FROM " ORDER BY m.id DESC LIMIT ?3", err);
    if (!st)
        return err->code;
    tcrm_db_bind_text(st, 1, tcrm_db_login(db));
    sqlite3_bind_int(st, 2, unread != 0);
    sqlite3_bind_int64(st, 3, limit ? (int64_t)limit : -1);
    return tcrm_db_collect(db, st, sizeof **out, read_comment, free_comments,
                           "comment", (void **)out, n, err);
}

int tcrm_comment_of(struct tcrm_db *db, int64_t iid, struct tcrm_comment **out,
                    size_t *n, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT m.id, m.interaction_id,"
        " m.author, m.body, m.created_at, m.read_at, i.summary, i.at, NULL"
        " FROM interaction_comments m JOIN temp.live_interactions i"
        " ON i.id = m.interaction_id WHERE m.interaction_id = ?1"
        " ORDER BY m.id", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, iid);
    return tcrm_db_collect(db, st, sizeof **out, read_comment, free_comments,
                           "comment", (void **)out, n, err);
}

int tcrm_comment_mark_read(struct tcrm_db *db, int64_t upto, int64_t *n,
                           struct tcrm_error *err)
{
    struct tcrm_error local;
    char now[20];
    if (!err)
        err = &local;
    *n = 0;
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    sqlite3_stmt *st = tcrm_db_prepare(db, "UPDATE interaction_comments"
        " SET read_at = ?1 WHERE read_at IS NULL AND id <= ?2"
        " AND interaction_id IN (SELECT id FROM temp.live_interactions"
        " WHERE owner = ?3)", err);
    if (st) {
        tcrm_db_now(now);
        tcrm_db_bind_text(st, 1, now);
        sqlite3_bind_int64(st, 2, upto);
        tcrm_db_bind_text(st, 3, tcrm_db_login(db));
        rc = tcrm_db_step_done(db, st, "comment", err);
        *n = sqlite3_changes(db->sql);
    } else {
        rc = err->code;
    }
    return tcrm_db_end(db, rc, err);
}
