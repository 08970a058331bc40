/*
 * access.c: the one rule for what a session may see and change (see
 * tcrm/access.h for the rule itself).
 *
 * tcrm_access_open runs once per connection, after the migrations:
 *   1. bootstrap (writable opens, once per database): when users is
 *      empty, the acting login becomes the first admin and rows without
 *      owner get one: their creator when that is a user, else that admin;
 *   2. the mode and the acting user's role; in owned mode an unknown or
 *      deactivated login is refused here, before any command runs;
 *   3. the scope, all of it temp (per connection, never in the file;
 *      changing PRAGMA temp_store drops it, so tcrm_db_begin_many makes
 *      it again with tcrm_access_scope):
 *        tcrm_reach      the logins whose rows the user holds as their
 *                        own: themselves and everyone under them;
 *        seen_<table>    the rows the user may see, trash included;
 *        live_<table>    seen and not in the trash: what "live" means
 *                        (with "mine" on, tcrm_access_set_mine, only the
 *                        user's own rows);
 *        editable_<table> live rows the user may change;
 *        bulk_<table>    the live rows again, for reading a whole table
 *                        at once (the kinds tied to a contact, company
 *                        or deal: reports), after tcrm_access_bulk;
 *        seen_import_batches  the imports the user may list and undo;
 *      in open mode, and for an admin, the views have no rule at all, so
 *      the query plans are the ones of the bare tables;
 *   4. in owned mode, temp triggers on the main tables: new rows without
 *      owner get the acting user; for everyone but an admin, guards that
 *      refuse (RAISE 'tcrm-denied: ...', turned into TCRM_EPERM by
 *      tcrm_db_fail) a change, move or delete the rule forbids.
 * A guard fires only when a statement changes a row's version: every
 * edit, delete, restore and move made by tcrm bumps it, while the derived
 * columns kept by schema triggers (last interaction, next follow-up,
 * company sort) do not, so logging a call on a contact shared read-only
 * still updates its "last contact".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "id_set.h"
#include "tcrm/access.h"
#include "tcrm/entity.h"

/* Stored keys, shown with tcrm_i18n_word("role", key). */
static const char *const role_names[] = { NULL, NC_("role", "admin"),
                                          NC_("role", "manager"),
                                          NC_("role", "sales"),
                                          NC_("role", "clerk") };
#define N_ROLES (int)(sizeof role_names / sizeof role_names[0])

const char *tcrm_role_name(int role)
{
    return role > 0 && role < N_ROLES ? role_names[role] : NULL;
}

int tcrm_role_parse(const char *name)
{
    for (int i = 1; name && i < N_ROLES; i++)
        if (strcmp(role_names[i], name) == 0)
            return i;
    return TCRM_ROLE_NONE;
}

int tcrm_access_owned(const struct tcrm_db *db) { return db->owned; }
int tcrm_access_role(const struct tcrm_db *db) { return db->role; }
int tcrm_access_all(const struct tcrm_db *db)
{
    return !db->owned || db->role == TCRM_ROLE_ADMIN;
}

/* The kinds under the rule (entity.h: TCRM_ENTITY_OWNED), in the order of
 * the entity table, which puts a kind before those that belong to it. */
static const struct tcrm_entity_kind *scoped(size_t i)
{
    size_t n, seen = 0;
    const struct tcrm_entity_kind *k = tcrm_entity_kinds(&n);
    for (size_t j = 0; j < n; j++)
        if ((k[j].flags & TCRM_ENTITY_OWNED) && seen++ == i)
            return &k[j];
    return NULL;
}

/* The kinds with a trash but no owner (a catalogue): their views have
 * no rule, only what "live" means. */
static const struct tcrm_entity_kind *unowned(size_t i)
{
    size_t n, seen = 0;
    const struct tcrm_entity_kind *k = tcrm_entity_kinds(&n);
    for (size_t j = 0; j < n; j++)
        if ((k[j].flags & TCRM_ENTITY_TRASH) &&
            !(k[j].flags & TCRM_ENTITY_OWNED) && seen++ == i)
            return &k[j];
    return NULL;
}

/* ---- 1. bootstrap ----------------------------------------------------- */

static int count_users(struct tcrm_db *db, int64_t *n, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT count(*) FROM users", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    int rc = sqlite3_step(st);
    *n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    tcrm_db_done(st);
    return rc == SQLITE_ROW ? 0 : tcrm_db_fail(db, "users", err);
}

static int backfill_owners(struct tcrm_db *db, struct tcrm_error *err)
{
    const struct tcrm_entity_kind *k;
    for (size_t i = 0; (k = scoped(i)); i++) {
        char *sql = sqlite3_mprintf(
            "UPDATE %s SET owner = CASE WHEN created_by IN"
            " (SELECT login FROM users) THEN created_by ELSE %Q END"
            " WHERE owner IS NULL OR owner = ''",
            k->table, db->login);
        if (!sql)
            return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        int rc = tcrm_db_exec(db, sql, err);
        sqlite3_free(sql);
        if (rc)
            return rc;
    }
    return 0;
}

static int bootstrap_work(struct tcrm_db *db, struct tcrm_error *err)
{
    int64_t n = 0;
    int rc = count_users(db, &n, err);
    if (rc || n > 0)
        return rc;
    char now[20];
    tcrm_db_now(now);
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "INSERT INTO users(login, name, role, created_at, updated_at)"
        " VALUES (?1, ?2, 'admin', ?3, ?3)", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    tcrm_db_bind_text(st, 1, db->login);
    tcrm_db_bind_text(st, 2, db->user);
    tcrm_db_bind_text(st, 3, now);
    rc = tcrm_db_step_done(db, st, "users", err);
    return rc ? rc : backfill_owners(db, err);
}

static int bootstrap(struct tcrm_db *db, struct tcrm_error *err)
{
    int64_t n = 0;
    int rc = count_users(db, &n, err);
    if (rc || n > 0)
        return rc;
    if ((rc = tcrm_db_begin(db, err)))
        return rc;
    return tcrm_db_end(db, bootstrap_work(db, err), err);
}

/* ---- 2. mode and role ------------------------------------------------- */

static int read_mode(struct tcrm_db *db, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT value FROM settings WHERE key = 'access_mode'", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    int rc = sqlite3_step(st);
    const unsigned char *v = rc == SQLITE_ROW ? sqlite3_column_text(st, 0)
                                              : NULL;
    db->owned = v && strcmp((const char *)v, "owned") == 0;
    tcrm_db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? 0 : tcrm_db_fail(db, "settings", err);
}

static int read_role(struct tcrm_db *db, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT role, active FROM users WHERE login = ?1", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    tcrm_db_bind_text(st, 1, db->login);
    int rc = sqlite3_step(st), active = 0;
    db->role = TCRM_ROLE_NONE;
    if (rc == SQLITE_ROW) {
        db->role = tcrm_role_parse((const char *)sqlite3_column_text(st, 0));
        active = sqlite3_column_int(st, 1);
    }
    tcrm_db_done(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return tcrm_db_fail(db, "users", err);
    if (!db->owned)
        return 0;
    if (db->role == TCRM_ROLE_NONE)
        return tcrm_error_set(err, TCRM_EPERM, "%s: %s is not a user of "
                              "this database; an admin can add them with: "
                              "tcrm user add %s --role sales", db->path,
                              db->login, db->login);
    if (!active)
        return tcrm_error_set(err, TCRM_EPERM, "%s: %s is deactivated; an "
                              "admin can turn them back on with: tcrm user "
                              "edit %s --active", db->path, db->login,
                              db->login);
    return 0;
}

/* ---- 3. the scope ----------------------------------------------------- */

static int exec_free(struct tcrm_db *db, char *sql, struct tcrm_error *err)
{
    if (!sql)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    int rc = tcrm_db_exec(db, sql, err);
    sqlite3_free(sql);
    return rc;
}

/* Rows of the user themselves or of anyone under them. */
static int make_reach(struct tcrm_db *db, struct tcrm_error *err)
{
    return exec_free(db, sqlite3_mprintf(
        "CREATE TEMP TABLE IF NOT EXISTS tcrm_reach(login TEXT PRIMARY KEY) WITHOUT ROWID;"
        "INSERT OR IGNORE INTO temp.tcrm_reach WITH RECURSIVE r(login) AS"
        " (SELECT %Q UNION SELECT u.login FROM main.users u"
        "  JOIN r ON u.manager = r.login)"
        " SELECT login FROM r", db->login), err);
}

/* The parent kinds bulk_<table> keeps a set of ids for, at most (by
 * their place among the scoped kinds; any later one is looked up). */
#define BULK_KINDS 16

/* The visibility condition of a row of kind s under alias `a`
 * (sqlite3_free it): held by the user or someone under them, shared with
 * the user, in the pool, or tied to a visible row it belongs to (a
 * deal's contact or company; a follow-up's contact, company or deal):
 * a visible row of seen_<parent>, or with bulk, an id of the parent's set
 * (see_rule_bulk). */
static char *see_rule_from(const struct tcrm_db *db,
                           const struct tcrm_entity_kind *s, const char *a,
                           int bulk)
{
    char *own = sqlite3_mprintf("%s.owner IN (SELECT login FROM tcrm_reach)",
                                a);
    char *share = s->flags & TCRM_ENTITY_SHARES ? sqlite3_mprintf(
        " OR %s.id IN (SELECT entity_id FROM shares WHERE entity = %Q"
        " AND login = %Q)", a, s->name, db->login) : sqlite3_mprintf("");
    char *pool = s->flags & TCRM_ENTITY_POOL
        ? sqlite3_mprintf(" OR coalesce(%s.owner, '') = ''", a)
        : sqlite3_mprintf("");
    char *links = sqlite3_mprintf("");
    const struct tcrm_entity_kind *p;
    for (size_t i = 0; links && (p = scoped(i)); i++) {
        if (!(p->link & s->flags))
            continue;
        char *more = bulk && i < BULK_KINDS
            ? sqlite3_mprintf("%s OR tcrm_bulk_has(%d, %s.%s)", links,
                              (int)i, a, p->link_col)
            : sqlite3_mprintf("%s OR EXISTS (SELECT 1 FROM seen_%s v"
                              " WHERE v.id = %s.%s)", links, p->table, a,
                              p->link_col);
        sqlite3_free(links);
        links = more;
    }
    char *rule = own && share && pool && links
        ? sqlite3_mprintf("(%s%s%s%s)", own, share, pool, links) : NULL;
    sqlite3_free(own);
    sqlite3_free(share);
    sqlite3_free(pool);
    sqlite3_free(links);
    return rule;
}

static char *see_rule(const struct tcrm_db *db,
                      const struct tcrm_entity_kind *s, const char *a)
{
    return see_rule_from(db, s, a, 0);
}

/* The same rule for reading a whole table at once (a report), through
 * the views bulk_<table>: a row tied to a contact, company or deal is
 * tested against the set of that parent's visible ids, which
 * tcrm_access_bulk reads into memory just before (bulk_fill), with the
 * function tcrm_bulk_has(parent, id), instead of a look-up at random in
 * a table of a million rows for each row (bench/README.md "A manager's
 * reports at 1M"). */
static char *see_rule_bulk(const struct tcrm_db *db,
                           const struct tcrm_entity_kind *s, const char *a)
{
    return see_rule_from(db, s, a, 1);
}

static int make_views(struct tcrm_db *db, int sees_all, struct tcrm_error *err)
{
    /* Imports: a session that does not see all sees the batches run by
     * itself or anyone under it; each new batch records who ran it. */
    int rc = exec_free(db, sqlite3_mprintf(
        "CREATE TEMP VIEW IF NOT EXISTS seen_import_batches AS SELECT * FROM"
        " main.import_batches%s;"
        "CREATE TEMP TRIGGER IF NOT EXISTS tcrm_owner_import_batches AFTER"
        " INSERT ON main.import_batches BEGIN UPDATE import_batches SET"
        " owner = %Q WHERE id = NEW.id; END", sees_all ? "" :
        " WHERE owner IN (SELECT login FROM tcrm_reach)", db->login), err);
    if (rc)
        return rc;
    const struct tcrm_entity_kind *s;
    for (size_t i = 0; (s = scoped(i)); i++) {
        char *rule = sees_all ? sqlite3_mprintf("1")
                              : see_rule(db, s, s->table);
        char *mine = sqlite3_mprintf(" AND owner = %Q", db->login);
        char *sql = rule && mine ? sqlite3_mprintf(
            "CREATE TEMP VIEW IF NOT EXISTS seen_%s AS SELECT * FROM main.%s%s%s;"
            "CREATE TEMP VIEW IF NOT EXISTS live_%s AS SELECT * FROM temp.seen_%s"
            " WHERE deleted_at IS NULL%s",
            s->table, s->table, sees_all ? "" : " WHERE ",
            sees_all ? "" : rule, s->table, s->table, db->mine ? mine : "")
            : NULL;
        sqlite3_free(mine);
        sqlite3_free(rule);
        rc = exec_free(db, sql, err);
        if (rc)
            return rc;
    }
    for (size_t i = 0; (s = unowned(i)); i++) {
        rc = exec_free(db, sqlite3_mprintf(
            "CREATE TEMP VIEW IF NOT EXISTS seen_%s AS SELECT * FROM main.%s;"
            "CREATE TEMP VIEW IF NOT EXISTS live_%s AS SELECT * FROM main.%s"
            " WHERE deleted_at IS NULL", s->table, s->table, s->table,
            s->table), err);
        if (rc)
            return rc;
    }
    return 0;
}

/* ---- 3b. bulk_<table>: the rule for reading a whole table ------------- */

/* The visible ids of one parent kind (a contact, company or deal), read
 * by tcrm_access_bulk. `version` and `changes`: PRAGMA data_version
 * (others' commits) and sqlite3_total_changes (this connection's) when
 * they were read: they are read again only when either moved. */
struct bulk_set {
    struct tcrm_id_set ids;
    int read, version;
    int64_t changes;
};
struct tcrm_bulk {
    struct bulk_set set[BULK_KINDS];
};

/* tcrm_bulk_has(parent, id): whether id is in the parent's set. */
static void bulk_has(sqlite3_context *cx, int argc, sqlite3_value **v)
{
    (void)argc;
    const struct tcrm_bulk *b = sqlite3_user_data(cx);
    int k = sqlite3_value_int(v[0]);
    sqlite3_result_int(cx, k >= 0 && k < BULK_KINDS &&
                           sqlite3_value_type(v[1]) == SQLITE_INTEGER &&
                           tcrm_id_set_has(&b->set[k].ids,
                                           sqlite3_value_int64(v[1])));
}

static void bulk_destroy(void *p)
{
    struct tcrm_bulk *b = p;
    for (size_t i = 0; b && i < BULK_KINDS; i++)
        tcrm_id_set_free(&b->set[i].ids);
    free(b);
}

/* The function, once per connection (temp_store changes keep it), and
 * the views bulk_<table> of the kinds with links; with no rule, those are
 * live_<table>. */
static int make_bulk(struct tcrm_db *db, int sees_all, struct tcrm_error *err)
{
    if (!db->bulk) {
        struct tcrm_bulk *b = calloc(1, sizeof *b);
        if (!b)
            return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        if (sqlite3_create_function_v2(db->sql, "tcrm_bulk_has", 2,
                                       SQLITE_UTF8, b, bulk_has, NULL, NULL,
                                       bulk_destroy) != SQLITE_OK)
            return tcrm_db_fail(db, "tcrm_bulk_has", err);
        db->bulk = b;
    }
    const struct tcrm_entity_kind *s, *p;
    for (size_t i = 0; (s = scoped(i)); i++) {
        int linked = 0;
        for (size_t j = 0; (p = scoped(j)); j++)
            linked |= (p->link & s->flags) != 0;
        if (!linked)
            continue;
        char *rule = sees_all ? sqlite3_mprintf("1")
                              : see_rule_bulk(db, s, s->table);
        char *mine = sqlite3_mprintf(" AND owner = %Q", db->login);
        char *sql = !rule || !mine ? NULL : sees_all ? sqlite3_mprintf(
            "CREATE TEMP VIEW IF NOT EXISTS bulk_%s AS SELECT * FROM"
            " temp.live_%s", s->table, s->table) : sqlite3_mprintf(
            "CREATE TEMP VIEW IF NOT EXISTS bulk_%s AS SELECT * FROM main.%s"
            " WHERE deleted_at IS NULL AND %s%s", s->table, s->table, rule,
            db->mine ? mine : "");
        sqlite3_free(mine);
        sqlite3_free(rule);
        int rc = exec_free(db, sql, err);
        if (rc)
            return rc;
    }
    return 0;
}

/* The visible ids of parent kind p: for a kind with no links of its own
 * (contacts, companies) the parts of see_rule, each read along an index
 * (its owner's rows, its shares, the pool: the same terms, so the same
 * rows; tests/unit/core/test_access_bulk.c compares them for each role);
 * else the whole seen_<table>. */
static char *bulk_sql(const struct tcrm_db *db,
                      const struct tcrm_entity_kind *p)
{
    const struct tcrm_entity_kind *q;
    for (size_t j = 0; (q = scoped(j)); j++)
        if (q->link & p->flags)
            return sqlite3_mprintf("SELECT id FROM temp.seen_%s", p->table);
    char *share = p->flags & TCRM_ENTITY_SHARES ? sqlite3_mprintf(
        " UNION ALL SELECT entity_id FROM main.shares WHERE entity = %Q"
        " AND login = %Q", p->name, db->login) : sqlite3_mprintf("");
    char *pool = p->flags & TCRM_ENTITY_POOL ? sqlite3_mprintf(
        " UNION ALL SELECT id FROM main.%s WHERE owner IS NULL OR"
        " owner = ''", p->table) : sqlite3_mprintf("");
    char *sql = share && pool ? sqlite3_mprintf(
        "SELECT id FROM main.%s WHERE owner IN (SELECT login FROM"
        " temp.tcrm_reach)%s%s", p->table, share, pool) : NULL;
    sqlite3_free(share);
    sqlite3_free(pool);
    return sql;
}

/* Read the set again when the database moved since (see bulk_set). The
 * statement is made for the connection (no statement cache: that one
 * keeps the text's address). */
static int bulk_fill(struct tcrm_db *db, struct bulk_set *set,
                     const struct tcrm_entity_kind *p, struct tcrm_error *err)
{
    int version = 0;
    int64_t changes = sqlite3_total_changes64(db->sql);
    if (tcrm_db_query_int(db, "PRAGMA data_version", &version) != SQLITE_OK)
        return tcrm_db_fail(db, "data_version", err);
    if (set->read && set->version == version && set->changes == changes)
        return 0;
    char *ids = bulk_sql(db, p);
    char *sql = ids ? sqlite3_mprintf("SELECT (SELECT max(id) FROM main.%s),"
                                      " x.id FROM (%s) x", p->table, ids)
                    : NULL;
    sqlite3_free(ids);
    sqlite3_stmt *st = NULL;
    if (!sql)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    int src = sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);
    sqlite3_free(sql);
    if (src != SQLITE_OK)
        return tcrm_db_fail(db, p->table, err);
    set->read = 0;
    int rc = tcrm_id_set_clear(&set->ids, 0), first = 1;
    while (rc == 0 && (src = sqlite3_step(st)) == SQLITE_ROW) {
        if (first)
            rc = tcrm_id_set_clear(&set->ids, sqlite3_column_int64(st, 0));
        first = 0;
        if (rc == 0 && sqlite3_column_type(st, 1) == SQLITE_INTEGER)
            rc = tcrm_id_set_add(&set->ids, sqlite3_column_int64(st, 1));
    }
    if (rc == 0 && src != SQLITE_DONE)
        rc = tcrm_db_fail(db, p->table, err);
    else if (rc)
        tcrm_error_set(err, rc, "out of memory");
    sqlite3_finalize(st);
    if (rc)
        return rc;
    set->read = 1;
    set->version = version;
    set->changes = changes;
    return 0;
}

int tcrm_access_bulk(struct tcrm_db *db, const char *table,
                     struct tcrm_error *err)
{
    const struct tcrm_entity_kind *s = NULL, *p;
    for (size_t i = 0; !s && (p = scoped(i)); i++)
        if (strcmp(p->table, table) == 0)
            s = p;
    if (!s || tcrm_access_all(db) || !db->bulk)
        return 0;
    for (size_t i = 0; (p = scoped(i)) && i < BULK_KINDS; i++) {
        int rc = p->link & s->flags
            ? bulk_fill(db, &db->bulk->set[i], p, err) : 0;
        if (rc)
            return rc;
    }
    return 0;
}

/* ---- 4. owned mode: default owner and guards -------------------------- */

/* May the user change row `a` (OLD) of s: held by them or under them, an
 * edit share, or (rows that belong to a contact, company or deal) an
 * editable row it belongs to. Those are looked up in the main tables. */
static char *edit_rule(const struct tcrm_db *db,
                       const struct tcrm_entity_kind *s, const char *a)
{
    char *own = sqlite3_mprintf("%s.owner IN (SELECT login FROM tcrm_reach)",
                                a);
    char *share = s->flags & TCRM_ENTITY_SHARES ? sqlite3_mprintf(
        " OR EXISTS (SELECT 1 FROM shares WHERE entity = %Q AND entity_id ="
        " %s.id AND login = %Q AND read_only = 0)", s->name, a, db->login)
        : sqlite3_mprintf("");
    char *links = sqlite3_mprintf("");
    const struct tcrm_entity_kind *p;
    for (size_t i = 0; links && (p = scoped(i)); i++) {
        if (!(p->link & s->flags))
            continue;
        char *more = sqlite3_mprintf(
            "%s OR EXISTS (SELECT 1 FROM %s p WHERE p.id = %s.%s AND"
            " (p.owner IN (SELECT login FROM tcrm_reach) OR EXISTS (SELECT 1"
            " FROM shares WHERE entity = '%s' AND entity_id = p.id AND"
            " login = %Q AND read_only = 0)))", links, p->table, a,
            p->link_col, p->name, db->login);
        sqlite3_free(links);
        links = more;
    }
    char *rule = own && share && links
        ? sqlite3_mprintf("(%s%s%s)", own, share, links) : NULL;
    sqlite3_free(own);
    sqlite3_free(share);
    sqlite3_free(links);
    return rule;
}

static int make_owner_default(struct tcrm_db *db,
                              const struct tcrm_entity_kind *s,
                              struct tcrm_error *err)
{
    return exec_free(db, sqlite3_mprintf(
        "CREATE TEMP TRIGGER IF NOT EXISTS tcrm_owner_%s AFTER INSERT ON main.%s"
        " WHEN coalesce(NEW.owner, '') = '' BEGIN"
        " UPDATE %s SET owner = %Q WHERE id = NEW.id; END",
        s->table, s->table, s->table, db->login), err);
}

static int make_guards(struct tcrm_db *db, const struct tcrm_entity_kind *s,
                       struct tcrm_error *err)
{
    int clerk = db->role == TCRM_ROLE_CLERK;
    int manager = db->role == TCRM_ROLE_MANAGER;
    char *edit = edit_rule(db, s, "OLD");
    /* Taking a row from the pool (claim); never for a clerk. */
    char *claim = sqlite3_mprintf((s->flags & TCRM_ENTITY_POOL) && !clerk
        ? "(coalesce(OLD.owner, '') = '' AND NEW.owner = %Q)" : "(0 AND %Q)",
        db->login);
    /* Where a row may go: an active user; for a manager only someone under
     * them (from someone under them); for a salesperson only their own. */
    char *move = sqlite3_mprintf(manager
        ? "(NEW.owner IN (SELECT login FROM users WHERE active = 1) AND"
          " NEW.owner IN (SELECT login FROM tcrm_reach) AND"
          " OLD.owner IN (SELECT login FROM tcrm_reach) AND 1 <> %Q)"
        : "(NEW.owner IN (SELECT login FROM users WHERE active = 1) AND"
          " OLD.owner = %Q)", db->login);
    char *sql = edit && claim && move ? sqlite3_mprintf(
        "CREATE TEMP TRIGGER IF NOT EXISTS tcrm_guard_upd_%s BEFORE UPDATE ON main.%s"
        " WHEN NEW.version IS NOT OLD.version BEGIN"
        " SELECT RAISE(ABORT, 'tcrm-denied: a clerk cannot delete')"
        "  WHERE %d AND NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL;"
        " SELECT RAISE(ABORT, 'tcrm-denied: not yours to change; ask its"
        " owner or a manager') WHERE NOT %s AND NOT %s;"
        " SELECT RAISE(ABORT, 'tcrm-denied: you may not move it to that"
        " owner') WHERE NEW.owner IS NOT OLD.owner AND NOT %s"
        "  AND (%d OR NOT %s);"
        " END;"
        "CREATE TEMP TRIGGER IF NOT EXISTS tcrm_guard_del_%s BEFORE DELETE ON main.%s"
        " WHEN NOT %s BEGIN"
        " SELECT RAISE(ABORT, 'tcrm-denied: not yours to delete; ask its"
        " owner or a manager'); END;"
        "CREATE TEMP TRIGGER IF NOT EXISTS tcrm_guard_ins_%s BEFORE INSERT ON main.%s"
        " WHEN coalesce(NEW.owner, '') <> ''"
        " AND NEW.owner NOT IN (SELECT login FROM tcrm_reach) BEGIN"
        " SELECT RAISE(ABORT, 'tcrm-denied: you may add records only for"
        " yourself or the people under you'); END",
        s->table, s->table, clerk, edit, claim, claim, clerk, move,
        s->table, s->table, edit, s->table, s->table) : NULL;
    sqlite3_free(edit);
    sqlite3_free(claim);
    sqlite3_free(move);
    return exec_free(db, sql, err);
}

static int make_triggers(struct tcrm_db *db, struct tcrm_error *err)
{
    const struct tcrm_entity_kind *s;
    for (size_t i = 0; (s = scoped(i)); i++) {
        int rc = make_owner_default(db, s, err);
        if (rc == 0 && db->role != TCRM_ROLE_ADMIN)
            rc = make_guards(db, s, err);
        if (rc)
            return rc;
    }
    return 0;
}

int tcrm_access_open(struct tcrm_db *db, int readonly, struct tcrm_error *err)
{
    int rc = readonly ? 0 : bootstrap(db, err);
    if (rc == 0)
        rc = read_mode(db, err);
    if (rc == 0)
        rc = read_role(db, err);
    return rc ? rc : tcrm_access_scope(db, err);
}

/* editable_<table>: the rows the user may change (edit_rule), so that
 * share and assign ask the same question the guards do. */
static int make_editable(struct tcrm_db *db, int all, struct tcrm_error *err)
{
    const struct tcrm_entity_kind *s;
    for (size_t i = 0; (s = scoped(i)); i++) {
        char *rule = all ? sqlite3_mprintf("1") : edit_rule(db, s, s->table);
        char *sql = rule ? sqlite3_mprintf(
            "CREATE TEMP VIEW IF NOT EXISTS editable_%s AS SELECT * FROM"
            " main.%s WHERE deleted_at IS NULL AND %s", s->table, s->table,
            rule) : NULL;
        sqlite3_free(rule);
        int rc = exec_free(db, sql, err);
        if (rc)
            return rc;
    }
    return 0;
}

int tcrm_access_scope(struct tcrm_db *db, struct tcrm_error *err)
{
    int rc = make_reach(db, err);
    if (rc == 0)
        rc = make_views(db, tcrm_access_all(db), err);
    if (rc == 0)
        rc = make_editable(db, tcrm_access_all(db), err);
    if (rc == 0)
        rc = make_bulk(db, tcrm_access_all(db), err);
    if (rc == 0 && db->owned)
        rc = make_triggers(db, err);
    return rc;
}

int tcrm_access_mine(const struct tcrm_db *db) { return db->mine; }

int tcrm_access_set_mine(struct tcrm_db *db, int mine, struct tcrm_error *err)
{
    db->mine = mine != 0;
    const struct tcrm_entity_kind *s;
    for (size_t i = 0; (s = scoped(i)); i++) {
        int rc = exec_free(db, sqlite3_mprintf("DROP VIEW IF EXISTS"
                                               " temp.live_%s; DROP VIEW IF"
                                               " EXISTS temp.bulk_%s",
                                               s->table, s->table), err);
        if (rc)
            return rc;
    }
    return tcrm_access_scope(db, err);
}

int tcrm_access_set_mode(struct tcrm_db *db, int owned, struct tcrm_error *err)
{
    if (db->owned && db->role != TCRM_ROLE_ADMIN)
        return tcrm_error_set(err, TCRM_EPERM, "access mode: only an admin "
                              "may change it");
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "UPDATE settings SET value = ?1 WHERE key = 'access_mode'", err);
    rc = st ? 0 : (err ? err->code : TCRM_EDB);
    if (st) {
        tcrm_db_bind_text(st, 1, owned ? "owned" : "open");
        rc = tcrm_db_step_done(db, st, "settings", err);
    }
    if (rc == 0)
        rc = tcrm_db_audit(db, "settings", 0, "edit",
                           owned ? "access_mode=owned" : "access_mode=open",
                           err);
    return tcrm_db_end(db, rc, err);
}

/* The rule of see_rule_from for a contact, restated over the counts kept
 * per company and owner (018_company_owner_counts.sql): the owners the
 * user holds (tcrm_reach) and the pool (''), plus the contacts shared
 * with the user that neither counts (a walk of the user's own shares,
 * never of the company's contacts); with "mine", the user's own. Plain
 * parameters, no correlated subquery: SQLite does not push a correlated
 * term into a view, and such a view read the whole table per company.
 * test_company_counts compares it with a count of live_contacts. */
int tcrm_access_company_contacts(struct tcrm_db *db, int64_t company,
                                 int64_t *n, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, db->mine
        ? "SELECT coalesce(sum(n), 0) FROM company_owner_contacts"
          " WHERE company_id = ?1 AND owner = ?2"
        : tcrm_access_all(db)
        ? "SELECT n_contacts FROM companies WHERE id = ?1"
        : "SELECT (SELECT coalesce(sum(n), 0) FROM company_owner_contacts"
          " WHERE company_id = ?1 AND (owner = '' OR owner IN"
          " (SELECT login FROM temp.tcrm_reach)))"
          " + (SELECT count(*) FROM shares s CROSS JOIN contacts k"
          " WHERE s.login = ?2 AND s.entity = 'contact'"
          " AND k.id = s.entity_id AND k.company_id = ?1"
          " AND k.deleted_at IS NULL AND coalesce(k.owner, '') <> ''"
          " AND k.owner NOT IN (SELECT login FROM temp.tcrm_reach))", err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_int64(st, 1, company);
    sqlite3_bind_text(st, 2, db->login ? db->login : "", -1, SQLITE_STATIC);
    /* (?2 is not in the admin's statement: that bind is a no-op) */
    int rc = sqlite3_step(st);
    *n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
                                               : tcrm_db_fail(db, "company", err);
    tcrm_db_done(st);
    return rc;
}

int tcrm_access_may_own(struct tcrm_db *db, const char *login,
                        struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT active,"
        " EXISTS (SELECT 1 FROM temp.tcrm_reach r WHERE r.login = ?1)"
        " FROM users WHERE login = ?1", err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_text(st, 1, login, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    int found = rc == SQLITE_ROW;
    int active = found && sqlite3_column_int(st, 0);
    int reach = found && sqlite3_column_int(st, 1);
    tcrm_db_done(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return tcrm_db_fail(db, "users", err);
    if (!found)
        return tcrm_error_field(err, TCRM_EINVAL, "owner", "owner '%s': not "
                                "a user of this database", login);
    if (!active)
        return tcrm_error_field(err, TCRM_EINVAL, "owner", "owner '%s': "
                                "deactivated", login);
    if (!tcrm_access_all(db) && !reach)
        return tcrm_error_field(err, TCRM_EPERM, "owner", "owner '%s': not "
                                "yourself or someone under you", login);
    return 0;
}

int tcrm_access_may_approve(const struct tcrm_db *db, struct tcrm_error *err)
{
    if (db->role == TCRM_ROLE_ADMIN || db->role == TCRM_ROLE_MANAGER)
        return 0;
    if (db->role == TCRM_ROLE_NONE)
        return tcrm_error_set(err, TCRM_EPERM, "only a manager or an admin "
                              "may approve: %s is not a user of this "
                              "database", db->login);
    return tcrm_error_set(err, TCRM_EPERM, "only a manager or an admin may "
                          "approve; %s is %s", db->login,
                          tcrm_i18n_word("role", tcrm_role_name(db->role)));
}
