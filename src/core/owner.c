/*
 * owner.c: assign, share, unshare and claim (see tcrm/owner.h).
 *
 * The messages are composed here because they name the rule that said
 * no; the guard triggers of access.c refuse the same changes again at the
 * row, so nothing gets past a check this file forgot. Visibility and
 * edit rights are read from the scope views (live_*, editable_*): the one
 * rule, asked here, not rewritten (seen_*, not live_*: the screen's
 * "mine" filter narrows only what is listed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "tcrm/access.h"
#include "tcrm/entity.h"
#include "tcrm/owner.h"
#include "tcrm/search.h"

/* The owner of a row that has none, in a message ("contact 4: owned by
 * nobody; ..."). */
static const char *nobody(void)
{
    /* TRANSLATORS: the owner of an unowned record (in the pool), as in
     * "contact 4: owned by nobody, who is not under you". */
    return _("nobody");
}

/* The kinds that may be assigned and shared (entity.h). */
static const struct tcrm_entity_kind *find_kind(const char *entity,
                                                struct tcrm_error *err)
{
    const struct tcrm_entity_kind *k = tcrm_entity_kind(entity);
    if (k && (k->flags & TCRM_ENTITY_SHARES))
        return k;
    tcrm_error_set(err, TCRM_EINVAL, "'%s': not %s", entity ? entity : "",
                   tcrm_entity_names(TCRM_ENTITY_SHARES));
    return NULL;
}

/* Moving a row of the pool kinds (contact, company) moves what belongs
 * to it through this column; NULL for the others. */
static const char *child_col(const struct tcrm_entity_kind *k)
{
    return k->flags & TCRM_ENTITY_POOL ? k->link_col : NULL;
}

/* Prepare SQL made with sqlite3_mprintf (freed here); finalize after. */
static sqlite3_stmt *prep(struct tcrm_db *db, char *sql, struct tcrm_error *err)
{
    sqlite3_stmt *st = NULL;
    if (!sql) {
        tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        return NULL;
    }
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK)
        tcrm_db_fail(db, "owner", err);
    sqlite3_free(sql);
    return st;
}

/* One text (or NULL) from SQL with ?1 = id, ?2 = text; *found says
 * whether there was a row. */
static int query_text(struct tcrm_db *db, char *sql, int64_t id,
                      const char *text, char **out, int *found,
                      struct tcrm_error *err)
{
    *out = NULL;
    *found = 0;
    sqlite3_stmt *st = prep(db, sql, err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    sqlite3_bind_int64(st, 1, id);
    tcrm_db_bind_text(st, 2, text);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *found = 1;
        *out = tcrm_db_col_text(st, 0);
    }
    int r = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
                                                  : tcrm_db_fail(db, "owner", err);
    sqlite3_finalize(st);
    return r;
}

/* The named user must exist and be active; opt names the option. */
static int check_user(struct tcrm_db *db, const char *opt, const char *login,
                      struct tcrm_error *err)
{
    char *active;
    int found;
    int rc = query_text(db, sqlite3_mprintf(
        "SELECT active FROM users WHERE login = ?2 AND ?1 = ?1"), 0, login,
        &active, &found, err);
    if (rc)
        return rc;
    int on = active && strcmp(active, "1") == 0;
    free(active);
    if (!found)
        return tcrm_error_set(err, TCRM_ENOTFOUND, "%s %s: not a user", opt,
                              login);
    return on ? 0 : tcrm_error_set(err, TCRM_EINVAL, "%s %s: deactivated", opt,
                                   login);
}

static int in_reach(struct tcrm_db *db, const char *login, int *yes,
                    struct tcrm_error *err)
{
    char *v;
    int rc = query_text(db, sqlite3_mprintf("SELECT 1 FROM temp.tcrm_reach"
                        " WHERE login = ?2 AND ?1 = ?1"), 0, login, &v, yes,
                        err);
    free(v);
    return rc;
}

/* The rules of a move in owned mode (owner.h), before any write. */
static int may_move(struct tcrm_db *db, const struct tcrm_entity_kind *k, int64_t id,
                    const char *owner, const char *to, struct tcrm_error *err)
{
    int role = tcrm_access_role(db), ok = 0, rc = 0;
    if (tcrm_access_all(db))
        return 0;
    if (role == TCRM_ROLE_CLERK)
        return tcrm_error_set(err, TCRM_EPERM, "%s %lld: a clerk cannot move "
                              "records", tcrm_db_noun(k->name), (long long)id);
    if (role == TCRM_ROLE_SALES) {
        if (owner && strcmp(owner, tcrm_db_login(db)) == 0)
            return 0;
        return tcrm_error_set(err, TCRM_EPERM, "%s %lld: owned by %s; a "
                              "salesperson gives away only their own",
                              tcrm_db_noun(k->name), (long long)id,
                              owner ? owner : nobody());
    }
    if (!owner || (rc = in_reach(db, owner, &ok, err)) || !ok)
        return rc ? rc : tcrm_error_set(err, TCRM_EPERM, "%s %lld: owned by "
                                        "%s, who is not under you",
                                        tcrm_db_noun(k->name),
                                        (long long)id, owner ? owner : nobody());
    if ((rc = in_reach(db, to, &ok, err)) || !ok)
        return rc ? rc : tcrm_error_set(err, TCRM_EPERM, "--to %s: not under "
                                        "you", to);
    return 0;
}

/* Run SQL with ?1 = to, ?2 = now, ?3 = updated_by, ?4 = id, ?5 = old owner;
 * *n gets the rows changed. */
static int run_move(struct tcrm_db *db, char *sql, const char *to, int64_t id,
                    const char *old, int64_t *n, struct tcrm_error *err)
{
    char now[20];
    sqlite3_stmt *st = prep(db, sql, err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    tcrm_db_now(now);
    tcrm_db_bind_text(st, 1, to);
    tcrm_db_bind_text(st, 2, now);
    tcrm_db_bind_text(st, 3, tcrm_db_user(db));
    sqlite3_bind_int64(st, 4, id);
    tcrm_db_bind_text(st, 5, old);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return tcrm_db_fail(db, "assign", err);
    if (n)
        *n = sqlite3_changes(db->sql);
    return 0;
}

/* A contact's index entry carries who may see it (search_see.c): write it
 * again after its owner or shares changed. */
static int see_again(struct tcrm_db *db, const struct tcrm_entity_kind *k,
                     int64_t id, struct tcrm_error *err)
{
    return strcmp(k->name, "contact") == 0
        ? tcrm_search_index_contact(db, id, err) : 0;
}

#define MOVE_SET " SET owner = ?1, updated_at = ?2, updated_by = ?3," \
                 " version = version + 1"

static int assign_work(struct tcrm_db *db, const struct tcrm_entity_kind *k, int64_t id,
                       const char *to, struct tcrm_assign_result *res,
                       struct tcrm_error *err)
{
    char *owner;
    int found;
    int rc = check_user(db, "--to", to, err);
    if (rc == 0)
        rc = query_text(db, sqlite3_mprintf("SELECT owner FROM seen_%s WHERE"
                        " id = ?1 AND deleted_at IS NULL AND ?2 IS NULL",
                        k->table), id, NULL,
                        &owner, &found, err);
    if (rc)
        return rc;
    if (!found)
        rc = tcrm_error_set(err, TCRM_ENOTFOUND, "%s %lld: not found",
                            tcrm_db_noun(k->name), (long long)id);
    if (rc == 0)
        rc = may_move(db, k, id, owner, to, err);
    /* Its open follow-ups and deals that were its owner's go with it. */
    if (rc == 0 && child_col(k))
        rc = run_move(db, sqlite3_mprintf("UPDATE follow_ups" MOVE_SET
                      " WHERE %s = ?4 AND status = 'open' AND deleted_at IS"
                      " NULL AND owner IS ?5", child_col(k)), to, id, owner,
                      &res->followups, err);
    if (rc == 0 && child_col(k))
        rc = run_move(db, sqlite3_mprintf("UPDATE deals" MOVE_SET
                      " WHERE %s = ?4 AND status = 'open' AND deleted_at IS"
                      " NULL AND owner IS ?5", child_col(k)), to, id, owner,
                      &res->deals, err);
    if (rc == 0)
        rc = run_move(db, sqlite3_mprintf("UPDATE %s" MOVE_SET " WHERE id = ?4"
                      " AND ?5 IS ?5", k->table), to, id, owner, NULL, err);
    if (rc == 0)
        rc = see_again(db, k, id, err);
    if (rc == 0) {
        char details[200];
        snprintf(details, sizeof details, "owner: %s -> %s",
                 owner ? owner : "", to);
        rc = tcrm_db_audit(db, k->name, id, "assign", details, err);
    }
    free(owner);
    return rc;
}

int tcrm_owner_assign(struct tcrm_db *db, const char *entity, int64_t id,
                      const char *to, struct tcrm_assign_result *res,
                      struct tcrm_error *err)
{
    struct tcrm_assign_result local;
    const struct tcrm_entity_kind *k = find_kind(entity, err);
    if (!k)
        return TCRM_EINVAL;
    if (!res)
        res = &local;
    memset(res, 0, sizeof *res);
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    return tcrm_db_end(db, assign_work(db, k, id, to, res, err), err);
}

int tcrm_owner_move(struct tcrm_db *db, const char *entity, int64_t id,
                    const char *to, struct tcrm_error *err)
{
    struct tcrm_assign_result res;
    const struct tcrm_entity_kind *k = tcrm_entity_kind(entity);
    if (!k || !(k->flags & TCRM_ENTITY_OWNED) ||
        (k->flags & TCRM_ENTITY_POOL))
        return tcrm_error_set(err, TCRM_EINVAL, "'%s': not an owned kind",
                              entity ? entity : "");
    memset(&res, 0, sizeof res);
    return assign_work(db, k, id, to, &res, err);
}

/* ---- share ------------------------------------------------------------ */

/* The row must be visible (else not found) and the user may change it. */
static int check_editable(struct tcrm_db *db, const struct tcrm_entity_kind *k, int64_t id,
                          const char *verb, struct tcrm_error *err)
{
    char *v;
    int seen, editable;
    int rc = query_text(db, sqlite3_mprintf("SELECT 1 FROM seen_%s WHERE"
                        " id = ?1 AND deleted_at IS NULL AND ?2 IS NULL",
                        k->table), id, NULL, &v,
                        &seen, err);
    free(v);
    if (rc == 0 && seen)
        rc = query_text(db, sqlite3_mprintf("SELECT 1 FROM editable_%s WHERE"
                        " id = ?1 AND ?2 IS NULL", k->table), id, NULL, &v,
                        &editable, err);
    if (rc)
        return rc;
    free(seen ? v : NULL);
    if (!seen)
        return tcrm_error_set(err, TCRM_ENOTFOUND, "%s %lld: not found",
                              tcrm_db_noun(k->name), (long long)id);
    if (editable)
        return 0;
    if (strcmp(verb, "unshare") == 0)
        return tcrm_error_set(err, TCRM_EPERM, "%s %lld: not yours to "
                              "unshare", tcrm_db_noun(k->name),
                              (long long)id);
    return tcrm_error_set(err, TCRM_EPERM, "%s %lld: not yours to share",
                          tcrm_db_noun(k->name), (long long)id);
}

static int share_work(struct tcrm_db *db, const struct tcrm_entity_kind *k, int64_t id,
                      const char *with, int read_only, int add,
                      struct tcrm_error *err)
{
    if (strcmp(with, tcrm_db_login(db)) == 0)
        return tcrm_error_set(err, TCRM_EINVAL, "--with %s: that is you",
                              with);
    int rc = add ? check_user(db, "--with", with, err) : 0;
    if (rc == 0)
        rc = check_editable(db, k, id, add ? "share" : "unshare", err);
    if (rc)
        return rc;
    char now[20];
    tcrm_db_now(now);
    sqlite3_stmt *st = tcrm_db_prepare(db, add
        ? "INSERT INTO shares(entity, entity_id, login, read_only,"
          " created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
          " ON CONFLICT(entity, entity_id, login) DO UPDATE SET"
          " read_only = excluded.read_only"
        : "DELETE FROM shares WHERE entity = ?1 AND entity_id = ?2"
          " AND login = ?3 AND ?4 IS ?4 AND ?5 IS ?5 AND ?6 IS ?6", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    tcrm_db_bind_text(st, 1, k->name);
    sqlite3_bind_int64(st, 2, id);
    tcrm_db_bind_text(st, 3, with);
    sqlite3_bind_int(st, 4, read_only ? 1 : 0);
    tcrm_db_bind_text(st, 5, now);
    tcrm_db_bind_text(st, 6, tcrm_db_login(db));
    rc = tcrm_db_step_done(db, st, "share", err);
    if (rc == 0 && !add && sqlite3_changes(db->sql) == 0)
        rc = tcrm_error_set(err, TCRM_ENOTFOUND, "%s %lld: not shared with "
                            "%s", tcrm_db_noun(k->name), (long long)id, with);
    if (rc == 0)
        rc = see_again(db, k, id, err);
    if (rc == 0) {
        char details[160];
        snprintf(details, sizeof details, "%s%s", with,
                 add && read_only ? " (read-only)" : "");
        rc = tcrm_db_audit(db, k->name, id, add ? "share" : "unshare",
                           details, err);
    }
    return rc;
}

static int share_tx(struct tcrm_db *db, const char *entity, int64_t id,
                    const char *with, int read_only, int add,
                    struct tcrm_error *err)
{
    const struct tcrm_entity_kind *k = find_kind(entity, err);
    if (!k)
        return TCRM_EINVAL;
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    return tcrm_db_end(db, share_work(db, k, id, with, read_only, add, err),
                       err);
}

int tcrm_owner_share(struct tcrm_db *db, const char *entity, int64_t id,
                     const char *with, int read_only, struct tcrm_error *err)
{
    return share_tx(db, entity, id, with, read_only, 1, err);
}

int tcrm_owner_unshare(struct tcrm_db *db, const char *entity, int64_t id,
                       const char *with, struct tcrm_error *err)
{
    return share_tx(db, entity, id, with, 0, 0, err);
}

/* ---- claim ------------------------------------------------------------ */

static int claim_work(struct tcrm_db *db, const struct tcrm_entity_kind *k, int64_t id,
                      struct tcrm_error *err)
{
    int64_t n = 0;
    char *owner;
    int found;
    if (tcrm_access_owned(db) && tcrm_access_role(db) == TCRM_ROLE_CLERK)
        return tcrm_error_set(err, TCRM_EPERM, "%s %lld: a clerk cannot "
                              "claim records", tcrm_db_noun(k->name), (long long)id);
    /* First come wins: only a row still without owner changes. */
    int rc = run_move(db, sqlite3_mprintf("UPDATE %s" MOVE_SET " WHERE id = ?4"
                      " AND coalesce(owner, '') = '' AND deleted_at IS NULL"
                      " AND ?5 IS NULL", k->table), tcrm_db_login(db), id,
                      NULL, &n, err);
    if (rc == 0 && n == 1)
        rc = see_again(db, k, id, err);
    if (rc == 0 && n == 1)
        return tcrm_db_audit(db, k->name, id, "claim", tcrm_db_login(db),
                             err);
    if (rc == 0)
        rc = query_text(db, sqlite3_mprintf("SELECT owner FROM %s WHERE"
                        " id = ?1 AND deleted_at IS NULL AND ?2 IS NULL",
                        k->table), id, NULL, &owner, &found, err);
    if (rc)
        return rc;
    rc = found ? tcrm_error_set(err, TCRM_ECONFLICT, "%s %lld: already owned "
                                "by %s", tcrm_db_noun(k->name), (long long)id,
                                owner ? owner : "")
               : tcrm_error_set(err, TCRM_ENOTFOUND, "%s %lld: not found",
                                tcrm_db_noun(k->name), (long long)id);
    free(owner);
    return rc;
}

int tcrm_owner_claim(struct tcrm_db *db, const char *entity, int64_t id,
                     struct tcrm_error *err)
{
    const struct tcrm_entity_kind *k = find_kind(entity, err);
    if (!k)
        return TCRM_EINVAL;
    if (!(k->flags & TCRM_ENTITY_POOL))
        return tcrm_error_set(err, TCRM_EINVAL, "claim: only a contact or a "
                              "company can be claimed");
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    return tcrm_db_end(db, claim_work(db, k, id, err), err);
}

/* ---- selection -------------------------------------------------------- */

static int read_id(sqlite3_stmt *st, void *elem)
{
    *(int64_t *)elem = sqlite3_column_int64(st, 0);
    return 0;
}

static void free_ids(void *a, size_t n)
{
    (void)n;
    free(a);
}

int tcrm_owner_contact_ids(struct tcrm_db *db, const char *owner,
                           int64_t **ids, size_t *n, struct tcrm_error *err)
{
    *ids = NULL;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT id FROM live_contacts"
                                       " WHERE owner = ?1 ORDER BY id", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    tcrm_db_bind_text(st, 1, owner);
    void *a = NULL;
    int rc = tcrm_db_collect(db, st, sizeof(int64_t), read_id, free_ids,
                             "contacts", &a, n, err);
    *ids = a;
    return rc;
}
