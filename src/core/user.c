/*
 * user.c: adding, editing and listing the people of a database (see
 * tcrm/user.h for the rules). Every rule is checked inside the write
 * transaction, before the write, so two admins at once cannot together
 * remove the last admin or close a cycle of managers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "tcrm/access.h"
#include "tcrm/user.h"

void tcrm_user_free(struct tcrm_user *u)
{
    if (!u)
        return;
    free(u->login);
    free(u->name);
    free(u->manager);
    free(u->created_at);
    free(u->updated_at);
    memset(u, 0, sizeof *u);
}

void tcrm_user_array_free(struct tcrm_user *a, size_t n)
{
    for (size_t i = 0; a && i < n; i++)
        tcrm_user_free(&a[i]);
    free(a);
}

#define USER_COLS \
    "SELECT id, login, name, role, manager, active, created_at, updated_at" \
    " FROM users "

static int read_user(sqlite3_stmt *st, void *elem)
{
    struct tcrm_user *u = elem;
    u->id = sqlite3_column_int64(st, 0);
    u->login = tcrm_db_col_text(st, 1);
    u->name = tcrm_db_col_text(st, 2);
    u->role = tcrm_role_parse((const char *)sqlite3_column_text(st, 3));
    u->manager = tcrm_db_col_text(st, 4);
    u->active = sqlite3_column_int(st, 5);
    u->created_at = tcrm_db_col_text(st, 6);
    u->updated_at = tcrm_db_col_text(st, 7);
    return u->login && u->name && u->created_at && u->updated_at
               ? 0 : TCRM_ENOMEM;
}

static void free_users(void *a, size_t n) { tcrm_user_array_free(a, n); }

int tcrm_user_list(struct tcrm_db *db, struct tcrm_user **out, size_t *n,
                   struct tcrm_error *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, USER_COLS "ORDER BY login", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    void *a = NULL;
    int rc = tcrm_db_collect(db, st, sizeof(struct tcrm_user), read_user,
                             free_users, "users", &a, n, err);
    *out = a;
    return rc;
}

/* The user row of login, or TCRM_ENOTFOUND "WHAT LOGIN: ..." */
static int find(struct tcrm_db *db, const char *login, const char *what,
                struct tcrm_user *out, struct tcrm_error *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = tcrm_db_prepare(db, USER_COLS "WHERE login = ?1", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    tcrm_db_bind_text(st, 1, login);
    int rc = sqlite3_step(st), r = 0;
    if (rc == SQLITE_ROW)
        r = read_user(st, out) ? TCRM_ENOMEM : 0;
    else if (rc == SQLITE_DONE)
        r = TCRM_ENOTFOUND;
    else
        r = tcrm_db_fail(db, "users", err);
    tcrm_db_done(st);
    if (r == TCRM_ENOMEM)
        tcrm_error_set(err, r, "out of memory");
    else if (r == TCRM_ENOTFOUND)
        strcmp(what, "user") == 0
            ? tcrm_error_set(err, r, "user %s: not found", login)
            : tcrm_error_set(err, r, "%s %s: not a user", what, login);
    if (r)
        tcrm_user_free(out);
    return r;
}

static int must_be_admin(struct tcrm_db *db, struct tcrm_error *err)
{
    int role = tcrm_access_role(db);
    if (role == TCRM_ROLE_ADMIN)
        return 0;
    if (!role)
        return tcrm_error_set(err, TCRM_EPERM, "only an admin may manage "
                              "people (you are %s, not a user)",
                              tcrm_db_login(db));
    return tcrm_error_set(err, TCRM_EPERM, "only an admin may manage people "
                          "(you are %s, %s)", tcrm_db_login(db),
                          tcrm_i18n_word("role", tcrm_role_name(role)));
}

int tcrm_user_get(struct tcrm_db *db, const char *login,
                  struct tcrm_user *out, struct tcrm_error *err)
{
    memset(out, 0, sizeof *out);
    int rc = must_be_admin(db, err);
    return rc ? rc : find(db, login, "user", out, err);
}

/* Setting `manager` over `login` must not close a loop: walk up from
 * the manager; meeting login is a cycle. */
static int check_manager(struct tcrm_db *db, const char *login,
                         const char *manager, struct tcrm_error *err)
{
    struct tcrm_user m;
    if (strcmp(manager, login) == 0)
        return tcrm_error_set(err, TCRM_EINVAL, "--manager %s: a user cannot "
                              "be their own manager", manager);
    int rc = find(db, manager, "--manager", &m, err);
    tcrm_user_free(&m);
    if (rc)
        return rc;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "WITH RECURSIVE up(login, depth) AS (SELECT ?1, 0 UNION"
        " SELECT u.manager, up.depth + 1 FROM users u JOIN up"
        " ON u.login = up.login WHERE u.manager IS NOT NULL AND depth < 10000)"
        " SELECT EXISTS (SELECT 1 FROM up WHERE login = ?2)", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    tcrm_db_bind_text(st, 1, manager);
    tcrm_db_bind_text(st, 2, login);
    rc = sqlite3_step(st);
    int cycle = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
    tcrm_db_done(st);
    if (rc != SQLITE_ROW)
        return tcrm_db_fail(db, "users", err);
    return cycle ? tcrm_error_set(err, TCRM_EINVAL, "--manager %s: a cycle: "
                                  "%s is under %s", manager, manager, login)
                 : 0;
}

/* After the change, is there still an active admin other than login? */
static int check_last_admin(struct tcrm_db *db, const struct tcrm_user *u,
                            const struct tcrm_user_change *c,
                            struct tcrm_error *err)
{
    int stays = (c->role == 0 || c->role == TCRM_ROLE_ADMIN) &&
                c->active != 0;
    if (u->role != TCRM_ROLE_ADMIN || !u->active || stays)
        return 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT count(*) FROM users"
        " WHERE role = 'admin' AND active = 1 AND login <> ?1", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    tcrm_db_bind_text(st, 1, u->login);
    int rc = sqlite3_step(st);
    int64_t others = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    tcrm_db_done(st);
    if (rc != SQLITE_ROW)
        return tcrm_db_fail(db, "users", err);
    return others ? 0 : tcrm_error_set(err, TCRM_EINVAL, "user %s: the last "
                                       "admin; make another admin first",
                                       u->login);
}

static int write_user(struct tcrm_db *db, const struct tcrm_user *u,
                      int add, struct tcrm_error *err)
{
    char now[20];
    tcrm_db_now(now);
    sqlite3_stmt *st = tcrm_db_prepare(db, add
        ? "INSERT INTO users(name, role, manager, active, created_at,"
          " updated_at, login) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)"
        : "UPDATE users SET name = ?1, role = ?2, manager = ?3, active = ?4,"
          " updated_at = ?5 WHERE login = ?6", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    tcrm_db_bind_text(st, 1, u->name);
    tcrm_db_bind_text(st, 2, tcrm_role_name(u->role));
    tcrm_db_bind_text(st, 3, u->manager);
    sqlite3_bind_int(st, 4, u->active);
    tcrm_db_bind_text(st, 5, now);
    tcrm_db_bind_text(st, 6, u->login);
    int rc = tcrm_db_step_done(db, st, "users", err);
    if (rc)
        return rc;
    char details[400];
    snprintf(details, sizeof details, "login=%s role=%s manager=%s active=%d",
             u->login, tcrm_role_name(u->role), u->manager ? u->manager : "",
             u->active);
    return tcrm_db_audit(db, "user", 0, add ? "add" : "edit", details, err);
}

static int set_str(char **dst, const char *src)
{
    char *p = src && *src ? strdup(src) : NULL;
    if (src && *src && !p)
        return TCRM_ENOMEM;
    free(*dst);
    *dst = p;
    return 0;
}

/* Apply c to u (a copy of the stored row, or a new one), checking the
 * rules; then write it. */
static int change_work(struct tcrm_db *db, struct tcrm_user *u, int add,
                       const struct tcrm_user_change *c,
                       struct tcrm_error *err)
{
    int rc = add ? 0 : check_last_admin(db, u, c, err);
    if (rc == 0 && c->manager && *c->manager)
        rc = check_manager(db, u->login, c->manager, err);
    if (rc)
        return rc;
    if ((c->name && set_str(&u->name, c->name)) ||
        (c->manager && set_str(&u->manager, c->manager)))
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (c->role)
        u->role = c->role;
    if (c->active >= 0)
        u->active = c->active;
    return write_user(db, u, add, err);
}

static int change(struct tcrm_db *db, const char *login, int add,
                  const struct tcrm_user_change *c, struct tcrm_error *err)
{
    struct tcrm_user u;
    memset(&u, 0, sizeof u);
    int rc = must_be_admin(db, err);
    if (rc)
        return rc;
    if (!login || !*login)
        return tcrm_error_set(err, TCRM_EINVAL, "user: no login given");
    if ((rc = tcrm_db_begin(db, err)))
        return rc;
    if (add) {
        rc = find(db, login, "user", &u, err);
        if (rc == 0)
            rc = tcrm_error_set(err, TCRM_EDUP, "user %s: already there",
                                login);
        else if (rc == TCRM_ENOTFOUND)
            rc = set_str(&u.login, login) || set_str(&u.name, login)
                     ? tcrm_error_set(err, TCRM_ENOMEM, "out of memory") : 0;
        u.role = TCRM_ROLE_SALES;
        u.active = 1;
    } else {
        rc = find(db, login, "user", &u, err);
    }
    if (rc == 0)
        rc = change_work(db, &u, add, c, err);
    tcrm_user_free(&u);
    return tcrm_db_end(db, rc, err);
}

int tcrm_user_add(struct tcrm_db *db, const char *login,
                  const struct tcrm_user_change *c, struct tcrm_error *err)
{
    return change(db, login, 1, c, err);
}

int tcrm_user_edit(struct tcrm_db *db, const char *login,
                   const struct tcrm_user_change *c, struct tcrm_error *err)
{
    return change(db, login, 0, c, err);
}
