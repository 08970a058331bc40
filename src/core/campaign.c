/*
 * campaign.c: campaigns themselves, add, read, edit, delete (see
 * tcrm/campaign.h; the schema is data/migrations/013_campaigns.sql).
 * Members are campaign_member.c's, the report's figures
 * campaign_figures.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "campaign_internal.h"
#include "quote_internal.h"
#include "tcrm/date.h"

static const char *const kind_names[] = {
    NC_("kind", "email"), NC_("kind", "event"), NC_("kind", "call"),
    NC_("kind", "ad"), NC_("kind", "other"),
};

static const char *const state_names[] = {
    NC_("state", "targeted"), NC_("state", "contacted"),
    NC_("state", "responded"), NC_("state", "converted"),
};

const char *tcrm_campaign_kind_name(int kind)
{
    return kind >= 0 && kind < TCRM_CAMPAIGN_KINDS ? kind_names[kind]
                                                   : "other";
}

int tcrm_campaign_kind_parse(const char *name)
{
    for (int i = 0; name && i < TCRM_CAMPAIGN_KINDS; i++)
        if (strcmp(name, kind_names[i]) == 0)
            return i;
    return -1;
}

const char *tcrm_campaign_kind_list(void)
{
    return "email, event, call, ad, other";
}

const char *tcrm_member_state_name(int state)
{
    return state >= 0 && state < TCRM_MEMBER_STATES ? state_names[state]
                                                    : "targeted";
}

int tcrm_member_state_parse(const char *name)
{
    for (int i = 0; name && i < TCRM_MEMBER_STATES; i++)
        if (strcmp(name, state_names[i]) == 0)
            return i;
    return -1;
}

const char *tcrm_member_mark_list(void)
{
    return "contacted, responded, converted";
}

void tcrm_campaign_clear(struct tcrm_campaign *c)
{
    if (!c)
        return;
    char *s[] = { c->name, c->starts_on, c->ends_on, c->currency, c->owner };
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
        free(s[i]);
    tcrm_stamp_clear(&c->stamp);
    memset(c, 0, sizeof *c);
}

void tcrm_campaign_array_free(struct tcrm_campaign *a, size_t n)
{
    for (size_t i = 0; a && i < n; i++)
        tcrm_campaign_clear(&a[i]);
    free(a);
}

/* ---- reading ------------------------------------------------------------------ */

int tcrm_campaign_read_row(sqlite3_stmt *st, void *elem)
{
    struct tcrm_campaign *c = elem;
    memset(c, 0, sizeof *c);
    int64_t *num[] = { &c->id, &c->version, &c->cost, &c->members,
                       &c->contacted, &c->responded, &c->converted };
    for (int i = 0; i < 7; i++)
        *num[i] = sqlite3_column_int64(st, i);
    c->budget = sqlite3_column_type(st, 7) == SQLITE_NULL
        ? -1 : sqlite3_column_int64(st, 7);
    c->kind = tcrm_campaign_kind_parse(
        (const char *)sqlite3_column_text(st, 8));
    char **col[] = { &c->name, &c->starts_on, &c->ends_on, &c->currency,
                     &c->owner, &c->stamp.created_at, &c->stamp.updated_at,
                     &c->stamp.created_by, &c->stamp.updated_by };
    for (int i = 0; i < 9; i++)
        if (sqlite3_column_type(st, 9 + i) != SQLITE_NULL &&
            !(*col[i] = tcrm_db_col_text(st, 9 + i)))
            return TCRM_ENOMEM;
    return 0;
}

static void free_rows(void *a, size_t n) { tcrm_campaign_array_free(a, n); }
static void clear_row(void *e) { tcrm_campaign_clear(e); }

int tcrm_campaign_get(struct tcrm_db *db, int64_t id,
                      struct tcrm_campaign *out, struct tcrm_error *err)
{
    memset(out, 0, sizeof *out);
    return tcrm_db_get_row(db, CAMPAIGN_COLS "WHERE m.id = ?1", id,
                           tcrm_campaign_read_row, clear_row, "campaign",
                           N_("campaign %lld: not found"), out, err);
}

int tcrm_campaign_find(struct tcrm_db *db, const char *ref, int64_t *id,
                       struct tcrm_error *err)
{
    return tcrm_doc_find(db, "SELECT id FROM live_campaigns WHERE name = ?1"
                         " COLLATE NOCASE", "campaign",
                         N_("campaign '%s': not found"), ref, id, err);
}

int tcrm_campaign_require(struct tcrm_db *db, int64_t id,
                          struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT 1 FROM live_campaigns"
                                       " WHERE id = ?1", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int s = sqlite3_step(st);
    tcrm_db_done(st);
    if (s == SQLITE_DONE)
        return tcrm_error_field(err, TCRM_ENOTFOUND, "campaign",
                                "campaign %lld: not found", (long long)id);
    return s == SQLITE_ROW ? 0 : tcrm_db_fail(db, "campaign", err);
}

int tcrm_campaign_page(struct tcrm_db *db, int64_t after, size_t limit,
                       struct tcrm_campaign **out, size_t *n, int *more,
                       struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    *more = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, CAMPAIGN_COLS "WHERE m.id > ?1"
                                       " ORDER BY m.id LIMIT ?2", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, after);
    sqlite3_bind_int64(st, 2, (int64_t)limit + 1);
    void *a = NULL;
    int rc = tcrm_db_collect(db, st, sizeof(struct tcrm_campaign),
                             tcrm_campaign_read_row, free_rows, "campaigns",
                             &a, n, err);
    *out = a;
    if (rc == 0 && *n > limit) {
        tcrm_campaign_clear(&(*out)[limit]);
        *n = limit;
        *more = 1;
    }
    return rc;
}

/* ---- checking ------------------------------------------------------------------ */

static int check_day(const char *day, const char *field,
                     struct tcrm_error *err)
{
    struct tcrm_when w;
    if (tcrm_str_empty(day) ||
        (strlen(day) == 10 && tcrm_date_parse_iso(day, &w) == 0))
        return 0;
    return tcrm_error_field(err, TCRM_EINVAL, field, "%s: '%s' is not a "
                            "date (YYYY-MM-DD)", field, day);
}

/* What a campaign may be, whatever the database holds. */
static int check_fields(const char *name, int kind, const char *starts,
                        const char *ends, int64_t budget, int64_t cost,
                        struct tcrm_error *err)
{
    int rc = 0;
    if (tcrm_str_empty(name))
        return tcrm_error_field(err, TCRM_EINVAL, "name", "name: required");
    if (kind < 0 || kind >= TCRM_CAMPAIGN_KINDS)
        return tcrm_error_field(err, TCRM_EINVAL, "kind", "kind: not one of "
                                "%s", tcrm_campaign_kind_list());
    if ((rc = check_day(starts, "start", err)) ||
        (rc = check_day(ends, "end", err)))
        return rc;
    if (!tcrm_str_empty(starts) && !tcrm_str_empty(ends) &&
        strcmp(ends, starts) < 0)
        return tcrm_error_field(err, TCRM_EINVAL, "end", "end: %s is before "
                                "the start %s", ends, starts);
    if (budget < -1)
        return tcrm_error_field(err, TCRM_EINVAL, "budget", "budget: must "
                                "not be negative");
    if (cost < 0)
        return tcrm_error_field(err, TCRM_EINVAL, "cost", "cost: must not be "
                                "negative");
    return 0;
}

/* The name is free among live campaigns (but campaign `self`). */
static int name_free(struct tcrm_db *db, const char *name, int64_t self,
                     struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT id FROM campaigns WHERE"
        " name = ?1 COLLATE NOCASE AND deleted_at IS NULL AND id <> ?2", err);
    if (!st)
        return err->code;
    tcrm_db_bind_text(st, 1, name);
    sqlite3_bind_int64(st, 2, self);
    int s = sqlite3_step(st);
    int64_t by = s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    tcrm_db_done(st);
    if (by)
        return tcrm_error_field(err, TCRM_EINVAL, "name", "campaign name "
                                "'%s' is already used (campaign %lld)", name,
                                (long long)by);
    return s == SQLITE_DONE ? 0 : tcrm_db_fail(db, "campaign", err);
}

/* ---- writing ------------------------------------------------------------------- */

static int insert_campaign(struct tcrm_db *db, const struct tcrm_campaign_in *in,
                           const char *cur, int64_t *id,
                           struct tcrm_error *err)
{
    char now[20];
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "INSERT INTO campaigns(name, kind, starts_on, ends_on, currency,"
        " budget_minor, cost_minor, created_at, updated_at, created_by,"
        " updated_by, owner) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9,"
        " ?9, ?10)", err);
    if (!st)
        return err->code;
    tcrm_db_now(now);
    tcrm_db_bind_text(st, 1, in->name);
    tcrm_db_bind_text(st, 2, tcrm_campaign_kind_name(in->kind));
    tcrm_db_bind_text(st, 3, in->starts_on);
    tcrm_db_bind_text(st, 4, in->ends_on);
    tcrm_db_bind_text(st, 5, cur);
    if (in->budget >= 0)
        sqlite3_bind_int64(st, 6, in->budget);
    sqlite3_bind_int64(st, 7, in->cost);
    tcrm_db_bind_text(st, 8, now);
    tcrm_db_bind_text(st, 9, tcrm_db_user(db));
    /* the adding user, in either mode: a campaign is not in the pool */
    tcrm_db_bind_text(st, 10, db->login);
    int rc = tcrm_db_step_done(db, st, "campaign", err);
    *id = rc ? 0 : sqlite3_last_insert_rowid(db->sql);
    return rc;
}

int tcrm_campaign_add(struct tcrm_db *db, const struct tcrm_campaign_in *in,
                      int64_t *id, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    char cur[4] = "";
    snprintf(cur, sizeof cur, "%s", in->currency ? in->currency : "");
    int rc = check_fields(in->name, in->kind, in->starts_on, in->ends_on,
                          in->budget, in->cost, err);
    if (rc == 0 && (!in->currency || strlen(in->currency) != 3))
        return tcrm_error_field(err, TCRM_EINVAL, "currency", "currency: "
                                "'%s' is not a 3-letter code",
                                in->currency ? in->currency : "");
    if (rc == 0)
        rc = tcrm_currency_check(cur, err);
    if (rc == 0)
        rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = name_free(db, in->name, 0, err);
    if (rc == 0)
        rc = insert_campaign(db, in, cur, id, err);
    return tcrm_db_end(db, rc, err);
}

static int edit_work(struct tcrm_db *db, struct tcrm_campaign *c,
                     struct tcrm_error *err)
{
    char now[20];
    int rc = name_free(db, c->name, c->id, err);
    sqlite3_stmt *st = rc ? NULL : tcrm_db_prepare(db,
        "UPDATE campaigns SET name = ?1, kind = ?2, starts_on = ?3,"
        " ends_on = ?4, currency = ?5, budget_minor = ?6, cost_minor = ?7,"
        " updated_at = ?8, updated_by = ?9, version = version + 1"
        " WHERE id = ?10 AND version = ?11 AND deleted_at IS NULL", err);
    if (!st)
        return err->code;
    tcrm_db_now(now);
    tcrm_db_bind_text(st, 1, c->name);
    tcrm_db_bind_text(st, 2, tcrm_campaign_kind_name(c->kind));
    tcrm_db_bind_text(st, 3, c->starts_on);
    tcrm_db_bind_text(st, 4, c->ends_on);
    tcrm_db_bind_text(st, 5, c->currency);
    if (c->budget >= 0)
        sqlite3_bind_int64(st, 6, c->budget);
    sqlite3_bind_int64(st, 7, c->cost);
    tcrm_db_bind_text(st, 8, now);
    tcrm_db_bind_text(st, 9, tcrm_db_user(db));
    sqlite3_bind_int64(st, 10, c->id);
    sqlite3_bind_int64(st, 11, c->version);
    rc = tcrm_db_step_done(db, st, "campaign", err);
    if (rc == 0 && sqlite3_changes(db->sql) == 0)
        return tcrm_error_set(err, TCRM_ECONFLICT, "campaign %lld was changed "
                              "by someone else since you read it",
                              (long long)c->id);
    c->version += rc == 0;
    return rc;
}

int tcrm_campaign_edit(struct tcrm_db *db, struct tcrm_campaign *c,
                       struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    int rc = check_fields(c->name, c->kind, c->starts_on, c->ends_on,
                          c->budget, c->cost, err);
    if (rc == 0)
        rc = tcrm_currency_check(c->currency, err);
    if (rc == 0)
        rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = tcrm_campaign_require(db, c->id, err);
    if (rc == 0)
        rc = edit_work(db, c, err);
    return tcrm_db_end(db, rc, err);
}

int tcrm_campaign_delete(struct tcrm_db *db, int64_t id,
                         struct tcrm_error *err)
{
    int rc = tcrm_campaign_require(db, id, err);
    return rc ? rc : tcrm_entity_delete(db, "campaign", id, err);
}

/* ---- what members and figures share ---------------------------------------------- */

int tcrm_campaign_touch(struct tcrm_db *db, int64_t id,
                        struct tcrm_error *err)
{
    int changed = 0;
    return tcrm_db_stamp_run(db, "UPDATE campaigns SET updated_at = ?1,"
                             " updated_by = ?2, version = version + 1"
                             " WHERE id = ?3 AND deleted_at IS NULL",
                             "campaign", id, &changed, err);
}
