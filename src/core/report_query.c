/*
 * report_query.c: every SQL aggregate the reports need.
 *
 * Design: one generic runner (rq_run) binds the filter to fixed parameter
 * numbers and copies whatever rows a statement returns into a
 * struct tcrm_rq_table; each public function is then just its SQL. The
 * parameter numbers are the same in every statement:
 *   ?1 from ("YYYY-MM-DD"; "0000-00-00" when open-ended)
 *   ?2 the day after `to` (exclusive bound; "9999-99-99" when open-ended),
 *      so one comparison covers dates, "date HH:MM" and timestamps
 *   ?3 owner (NULL: anyone)        ?4 tag id (0: any)
 *   ?5 today                       ?6 quiet cutoff: today - quiet_days + 1
 *   ?7 limit (-1: none)
 * Statements are cached by the connection (db_internal.h), so a report
 * the screen redraws does not re-prepare anything.
 *
 * Speed: the period is always a range on an indexed column (interactions
 * by at, follow-ups by due date, contacts by last interaction); amounts
 * are summed per currency in SQL; only the small grouped result reaches C.
 * The gone-quiet list is two index ranges (contacts heard from before the
 * cutoff, oldest first; contacts never heard from) merged by silence.
 *
 * Schema 2 (data/migrations/002_reports.sql) adds what a million contacts
 * and five million interactions need (bench/README.md has the numbers):
 *   - activity_daily, interactions per day, person and kind kept by
 *     triggers: the activity table reads it unless a tag is given (the
 *     summary does not know contacts);
 *   - contacts touched: with no owner or tag and nothing logged after the
 *     period, it is a range count of contacts_by_last (last interaction
 *     since `from`) instead of a distinct count over the interactions;
 *   - contacts_quiet, a partial covering index of live contacts for the
 *     quiet counts.
 * Every other case runs the plain query over the rows, so a filter never
 * changes a figure, only the time it takes.
 *
 * Schema 3 (003_segments.sql) adds segment_stats, from which the segments
 * report reads everything, with or without a tag (see the segments part
 * below).
 */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "tcrm/access.h"
#include "tcrm/date.h"
#include "tcrm/report_query.h"
#include "tcrm/strbuf.h"

/* Tag conditions on an entity id expression. */
#define TAG_ON(entity, idexpr)                                              \
    "(?4 = 0 OR EXISTS (SELECT 1 FROM taggings WHERE tag_id = ?4"           \
    " AND entity = '" entity "' AND entity_id = " idexpr "))"
/* A deal carries a tag when it, its contact or its company has it. Three
 * lookups of the whole taggings key: one EXISTS with the three cases OR-ed
 * inside read every tagging of the tag for every deal (a minute at 1M
 * contacts and 100k deals). */
#define TAG_DEAL                                                            \
    "(?4 = 0 OR EXISTS (SELECT 1 FROM taggings WHERE tag_id = ?4"           \
    " AND entity = 'deal' AND entity_id = d.id)"                            \
    " OR EXISTS (SELECT 1 FROM taggings WHERE tag_id = ?4"                  \
    " AND entity = 'contact' AND entity_id = d.contact_id)"                 \
    " OR EXISTS (SELECT 1 FROM taggings WHERE tag_id = ?4"                  \
    " AND entity = 'company' AND entity_id = d.company_id))"
#define OWNER_IS(col) "(?3 IS NULL OR " col " = ?3)"
#define IN_PERIOD(col) "(" col " >= ?1 AND " col " < ?2)"

const char *tcrm_rq_s(const struct tcrm_rq_table *t, size_t row, size_t col)
{
    return t->v[row * t->ncols + col].s;
}

int64_t tcrm_rq_i(const struct tcrm_rq_table *t, size_t row, size_t col)
{
    return t->v[row * t->ncols + col].i;
}

int tcrm_rq_null(const struct tcrm_rq_table *t, size_t row, size_t col)
{
    return t->v[row * t->ncols + col].null;
}

void tcrm_rq_table_free(struct tcrm_rq_table *t)
{
    size_t i;

    if (!t)
        return;
    for (i = 0; i < t->nrows * t->ncols; i++)
        free(t->v[i].s);
    free(t->v);
    memset(t, 0, sizeof *t);
}

static void rq_bind(sqlite3_stmt *st, const struct tcrm_rq_filter *f)
{
    int np = sqlite3_bind_parameter_count(st);
    char after[11], cutoff[11];

    if (f->to)
        tcrm_date_add_days(f->to, 1, after);
    else
        strcpy(after, "9999-99-99");
    if (f->today)
        tcrm_date_add_days(f->today, 1 - f->quiet_days, cutoff);
    else
        strcpy(cutoff, "0000-00-00");
    if (np >= 1)
        sqlite3_bind_text(st, 1, f->from ? f->from : "0000-00-00", -1,
                          SQLITE_TRANSIENT);
    if (np >= 2)
        sqlite3_bind_text(st, 2, after, -1, SQLITE_TRANSIENT);
    if (np >= 3)
        tcrm_db_bind_text(st, 3, f->owner);
    if (np >= 4)
        sqlite3_bind_int64(st, 4, f->tag_id);
    if (np >= 5)
        sqlite3_bind_text(st, 5, f->today ? f->today : "0000-00-00", -1,
                          SQLITE_TRANSIENT);
    if (np >= 6)
        sqlite3_bind_text(st, 6, cutoff, -1, SQLITE_TRANSIENT);
    if (np >= 7)
        sqlite3_bind_int64(st, 7, f->limit ? (sqlite3_int64)f->limit : -1);
}

/* Append the current row of st to out. */
static int rq_take_row(sqlite3_stmt *st, struct tcrm_rq_table *out,
                       size_t *cap)
{
    size_t c, base = out->nrows * out->ncols;

    if (out->nrows == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        void *p = realloc(out->v, ncap * out->ncols * sizeof *out->v);
        if (!p)
            return TCRM_ENOMEM;
        out->v = p;
        *cap = ncap;
    }
    for (c = 0; c < out->ncols; c++) {
        struct tcrm_rq_value *v = &out->v[base + c];
        int type = sqlite3_column_type(st, (int)c);

        v->null = type == SQLITE_NULL;
        v->i = sqlite3_column_int64(st, (int)c);
        v->s = NULL;
        if (type == SQLITE_TEXT && !(v->s = tcrm_db_col_text(st, (int)c))) {
            while (c-- > 0)
                free(out->v[base + c].s);
            return TCRM_ENOMEM;
        }
    }
    out->nrows++;
    return 0;
}

/* A team's figures (f->team): the statement written for one owner, with
 * every "= ?3" made "IN (the team)" and every "?3 IS NULL" false, so that
 * each query keeps its owner-led index path for a whole team. A new
 * string (sqlite3_free it), NULL when out of memory. */
static char *rq_team_sql(const char *sql)
{
    static const char *const from[] = { " = ?3", "?3 IS NULL" };
    static const char *const to[] = {
        " IN (SELECT login FROM temp.tcrm_reach)", "0" };
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    int rc = 0;
    while (rc == 0 && *sql) {
        int k = -1;
        for (int i = 0; i < 2 && k < 0; i++)
            if (strncmp(sql, from[i], strlen(from[i])) == 0)
                k = i;
        if (k >= 0) {
            rc = tcrm_strbuf_append(&sb, to[k]);
            sql += strlen(from[k]);
        } else {
            rc = tcrm_strbuf_appendc(&sb, *sql++);
        }
    }
    char *out = rc ? NULL : sqlite3_mprintf("%s", sb.buf);
    tcrm_strbuf_free(&sb);
    return out;
}

static int rq_run(struct tcrm_db *db, const char *sql,
                  const struct tcrm_rq_filter *f, const char *what,
                  struct tcrm_rq_table *out, struct tcrm_error *err)
{
    sqlite3_stmt *st;
    size_t cap = 0;
    int rc, src;

    memset(out, 0, sizeof *out);
    char *team = f->team ? rq_team_sql(sql) : NULL;
    if (f->team && !team)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    /* A team's text is made here: prepared for this run only, since the
     * statement cache keeps the address of the text it was given (a
     * literal), and a later team text could come at the same address. */
    st = NULL;
    if (team && sqlite3_prepare_v2(db->sql, team, -1, &st, NULL) != SQLITE_OK)
        tcrm_db_fail(db, db->path, err);
    else if (!team)
        st = tcrm_db_prepare(db, sql, err);
    sqlite3_free(team);
    if (!st)
        return err ? err->code : TCRM_EDB;
    rq_bind(st, f);
    out->ncols = (size_t)sqlite3_column_count(st);
    rc = 0;
    while (!rc && (src = sqlite3_step(st)) == SQLITE_ROW)
        rc = rq_take_row(st, out, &cap);
    if (rc)
        tcrm_error_set(err, rc, "%s: out of memory", what);
    else if (src != SQLITE_DONE)
        rc = tcrm_db_fail(db, what, err);
    if (f->team)
        sqlite3_finalize(st);
    else
        tcrm_db_done(st);
    if (rc)
        tcrm_rq_table_free(out);
    return rc;
}

const char *tcrm_rq_scope_owner(struct tcrm_db *db, const char *owner)
{
    return owner || tcrm_access_all(db) ? owner : tcrm_db_login(db);
}

int tcrm_rq_scope_team(struct tcrm_db *db, const char *owner)
{
    return !owner && !tcrm_access_all(db) &&
           tcrm_access_role(db) == TCRM_ROLE_MANAGER;
}

int tcrm_rq_check(struct tcrm_db *db, const char *owner, const char *tag,
                  int64_t *tag_id, struct tcrm_error *err)
{
    struct tcrm_rq_filter f;
    struct tcrm_rq_table t;
    int rc;

    *tag_id = 0;
    memset(&f, 0, sizeof f);
    if (owner && !tcrm_access_all(db)) {
        f.owner = owner;
        rc = rq_run(db, "SELECT count(*) FROM temp.tcrm_reach WHERE login = ?3",
                    &f, "owner", &t, err);
        if (rc)
            return rc;
        rc = tcrm_rq_i(&t, 0, 0) ? 0 : TCRM_EPERM;
        tcrm_rq_table_free(&t);
        if (rc)
            return tcrm_error_set(err, rc, "owner '%s': not yourself or "
                                  "someone under you", owner);
    }
    if (owner && strcmp(owner, tcrm_db_user(db) ? tcrm_db_user(db) : "")) {
        f.owner = owner;
        rc = rq_run(db,
            "SELECT EXISTS (SELECT 1 FROM deals WHERE owner = ?3)"
            " OR EXISTS (SELECT 1 FROM follow_ups WHERE owner = ?3)"
            " OR EXISTS (SELECT 1 FROM companies WHERE owner = ?3)"
            " OR EXISTS (SELECT 1 FROM import_batches WHERE who = ?3)"
            " OR EXISTS (SELECT 1 FROM orders WHERE owner = ?3)"
            /* The summaries stand in for the big tables: live
             * contacts' owners, and who logged interactions. */
            " OR EXISTS (SELECT 1 FROM segment_stats WHERE"
            "  entity = 'contact' AND dim = 'source' AND owner = ?3)"
            " OR EXISTS (SELECT 1 FROM activity_daily WHERE logged_by = ?3)",
            &f, "owner", &t, err);
        if (rc)
            return rc;
        rc = tcrm_rq_i(&t, 0, 0) ? 0 : TCRM_ENOTFOUND;
        tcrm_rq_table_free(&t);
        if (rc)
            return tcrm_error_set(err, rc, "owner '%s': not found", owner);
    }
    if (!tag)
        return 0;
    f.owner = tag;   /* ?3 carries the name here */
    rc = rq_run(db, "SELECT id FROM tags WHERE name = ?3", &f, "tag", &t,
                err);
    if (rc)
        return rc;
    if (t.nrows)
        *tag_id = tcrm_rq_i(&t, 0, 0);
    tcrm_rq_table_free(&t);
    if (!*tag_id)
        return tcrm_error_set(err, TCRM_ENOTFOUND, "tag '%s': not found",
                              tag);
    return 0;
}

/* ---- agenda, activity ------------------------------------------------ */

int tcrm_rq_agenda(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                   struct tcrm_rq_table *out, struct tcrm_error *err)
{
    return rq_run(db,
        "SELECT fu.due_date, fu.due_time, fu.title, c.name,"
        " coalesce(co.name, cc.name),"
        " coalesce((SELECT ch.value FROM contact_channels ch"
        "   WHERE ch.contact_id = fu.contact_id"
        "   AND ch.kind IN ('mobile','work','home','fax')"
        "   ORDER BY CASE ch.kind WHEN 'mobile' THEN 0 WHEN 'work' THEN 1"
        "   WHEN 'home' THEN 2 ELSE 3 END, ch.position LIMIT 1),"
        "  nullif(co.phone, ''), nullif(cc.phone, '')),"
        " fu.owner"
        " FROM follow_ups fu"
        " LEFT JOIN contacts c ON c.id = fu.contact_id"
        " LEFT JOIN companies co ON co.id = fu.company_id"
        " LEFT JOIN companies cc ON cc.id = c.company_id"
        " WHERE fu.status = 'open' AND fu.deleted_at IS NULL"
        TCRM_PARENTS_LIVE("fu")
        " AND fu.due_date < ?2 AND (fu.due_date < ?5 OR fu.due_date >= ?1)"
        " AND " OWNER_IS("fu.owner")
        " AND (" TAG_ON("contact", "fu.contact_id")
        "  OR " TAG_ON("company", "coalesce(fu.company_id, c.company_id)")
        " ) ORDER BY fu.due_date, fu.due_time, fu.id",
        f, "agenda", out, err);
}

#define ACTIVITY_WHERE                                                      \
    " WHERE i.at >= ?1 AND i.at < ?2 AND i.deleted_at IS NULL"

int tcrm_rq_activity(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                     struct tcrm_rq_table *out, struct tcrm_error *err)
{
    /* Without a tag the daily summary holds the answer, in key order. */
    if (f->tag_id == 0)
        return rq_run(db,
            "SELECT a.day, a.logged_by, a.kind, a.n FROM activity_daily a"
            " WHERE a.day >= ?1 AND a.day < ?2 AND " OWNER_IS("a.logged_by")
            " ORDER BY 1, 2, 3",
            f, "activity", out, err);
    /* With a tag, its own summary (schema 4, 004_activity_filters.sql). */
    return rq_run(db,
        "SELECT a.day, a.logged_by, a.kind, a.n FROM activity_by_tag a"
        " WHERE a.tag_id = ?4 AND a.day >= ?1 AND a.day < ?2 AND a.n > 0"
        " AND " OWNER_IS("a.logged_by") " ORDER BY 1, 2, 3",
        f, "activity", out, err);
}

int tcrm_rq_activity_contacts(struct tcrm_db *db,
                              const struct tcrm_rq_filter *f,
                              struct tcrm_rq_table *out,
                              struct tcrm_error *err)
{
    /* Touched: without owner or tag, and with no interaction on or after
     * the period's end, the contacts touched since `from` are those whose
     * last interaction is since `from` (a range of contacts_by_last); else
     * the distinct contacts of the interactions themselves. */
    if (!f->owner && f->tag_id == 0)
        return rq_run(db,
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM interactions i"
            "  WHERE i.at >= ?2 AND i.deleted_at IS NULL)"
            " THEN (SELECT count(DISTINCT i.contact_id) FROM interactions i"
            ACTIVITY_WHERE ")"
            " ELSE (SELECT count(*) FROM contacts c"
            "  WHERE c.last_interaction_at >= ?1) END,"
            " (SELECT count(*) FROM contacts c WHERE c.deleted_at IS NULL"
            "  AND " IN_PERIOD("c.created_at") ")",
            f, "activity", out, err);
    /* An owner, no tag: that person's entries of interactions_by_person
     * (schema 4), in contact order, grouped as they come. The plain "?3 IS
     * NULL OR" form would keep the planner from that index. */
    if (f->tag_id == 0)
        return rq_run(db,
            "SELECT (SELECT count(*) FROM (SELECT i.contact_id"
            " FROM interactions i WHERE i.logged_by = ?3 AND i.at >= ?1"
            " AND i.at < ?2 AND i.deleted_at IS NULL GROUP BY i.contact_id)),"
            " (SELECT count(*) FROM contacts c WHERE c.created_by = ?3"
            "  AND " IN_PERIOD("c.created_at") " AND c.deleted_at IS NULL)",
            f, "activity", out, err);
    /* With a tag, start from its contacts: without an owner and with
     * nothing logged after the period, as above, those last heard from
     * since `from`; else each one touched when it has an interaction in
     * the period (one lookup in interactions_by_contact, or with an owner
     * in interactions_by_person), instead of checking the tag of every
     * interaction of the period. */
    return rq_run(db,
        "SELECT CASE WHEN ?3 IS NULL AND NOT EXISTS (SELECT 1"
        "  FROM interactions i WHERE i.at >= ?2 AND i.deleted_at IS NULL)"
        " THEN (SELECT count(*) FROM taggings g CROSS JOIN contacts c"
        "  ON c.id = g.entity_id WHERE g.tag_id = ?4"
        "  AND g.entity = 'contact' AND c.last_interaction_at >= ?1)"
        " WHEN ?3 IS NULL THEN (SELECT count(*) FROM taggings g"
        "  WHERE g.tag_id = ?4 AND g.entity = 'contact' AND EXISTS (SELECT 1"
        "  FROM interactions i WHERE i.contact_id = g.entity_id"
        "  AND i.at >= ?1 AND i.at < ?2 AND i.deleted_at IS NULL))"
        " ELSE (SELECT count(*) FROM taggings g WHERE g.tag_id = ?4"
        "  AND g.entity = 'contact' AND EXISTS (SELECT 1 FROM interactions i"
        "  WHERE i.logged_by = ?3 AND i.contact_id = g.entity_id"
        "  AND i.at >= ?1 AND i.at < ?2 AND i.deleted_at IS NULL)) END,"
        " (SELECT count(*) FROM taggings g CROSS JOIN contacts c"
        "  ON c.id = g.entity_id WHERE g.tag_id = ?4 AND g.entity = 'contact'"
        "  AND c.deleted_at IS NULL AND " IN_PERIOD("c.created_at")
        "  AND " OWNER_IS("c.created_by") ")",
        f, "activity", out, err);
}

/* ---- deals ----------------------------------------------------------- */

#define OPEN_DEALS                                                          \
    " FROM deals d WHERE d.status = 'open' AND d.deleted_at IS NULL"        \
    " AND " OWNER_IS("d.owner") " AND " TAG_DEAL

int tcrm_rq_pipeline(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                     struct tcrm_rq_table *out, struct tcrm_error *err)
{
    /* The bare d.title comes from the row of min(created_at) (SQLite). */
    return rq_run(db,
        "SELECT d.stage, d.currency, count(*), sum(d.amount_minor),"
        " sum(d.amount_minor * d.probability), min(d.created_at), d.title"
        OPEN_DEALS " GROUP BY d.stage, d.currency ORDER BY 1, 2",
        f, "pipeline", out, err);
}

int tcrm_rq_forecast(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                     struct tcrm_rq_table *out, struct tcrm_error *err)
{
    return rq_run(db,
        "SELECT substr(d.expected_close, 1, 7), d.currency, count(*),"
        " sum(d.amount_minor), sum(d.amount_minor * d.probability)"
        OPEN_DEALS " AND " IN_PERIOD("d.expected_close")
        " GROUP BY 1, 2 ORDER BY 1, 2",
        f, "forecast", out, err);
}

int tcrm_rq_forecast_undated(struct tcrm_db *db,
                             const struct tcrm_rq_filter *f,
                             struct tcrm_rq_table *out,
                             struct tcrm_error *err)
{
    return rq_run(db,
        "SELECT d.currency, count(*), sum(d.amount_minor)" OPEN_DEALS
        " AND (d.expected_close IS NULL OR d.expected_close = '')"
        " GROUP BY 1 ORDER BY 1",
        f, "forecast", out, err);
}

int tcrm_rq_forecast_late(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                          struct tcrm_rq_table *out, struct tcrm_error *err)
{
    return rq_run(db,
        "SELECT d.id, d.title, d.expected_close, d.stage, d.amount_minor,"
        " d.currency, d.owner" OPEN_DEALS
        " AND d.expected_close > '' AND d.expected_close < ?5"
        " ORDER BY d.expected_close, d.id LIMIT ?7",
        f, "forecast", out, err);
}

#define CLOSED_DEALS                                                        \
    " FROM deals d WHERE d.deleted_at IS NULL"                              \
    " AND " IN_PERIOD("d.closed_at")                                        \
    " AND " OWNER_IS("d.owner") " AND " TAG_DEAL

int tcrm_rq_closed(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                   struct tcrm_rq_table *out, struct tcrm_error *err)
{
    return rq_run(db,
        "SELECT d.status, d.currency, count(*), sum(d.amount_minor)"
        CLOSED_DEALS " AND d.status IN ('won', 'lost')"
        " GROUP BY 1, 2 ORDER BY 1 DESC, 2",
        f, "won-lost", out, err);
}

int tcrm_rq_lost_reasons(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                         struct tcrm_rq_table *out, struct tcrm_error *err)
{
    return rq_run(db,
        "SELECT nullif(trim(d.lost_reason), ''), count(*)" CLOSED_DEALS
        " AND d.status = 'lost' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?7",
        f, "won-lost", out, err);
}

/* ---- sales, products (orders) ----------------------------------------- */

/* What was sold: the lines of confirmed orders (state 'confirmed': open
 * orders are not sold yet, cancelled ones never were) that are not in the
 * trash, by the day they were confirmed. A tag: on the order's company or
 * contact. */
#define SOLD_WHERE                                                          \
    " o.state = 'confirmed' AND o.deleted_at IS NULL"                       \
    " AND " IN_PERIOD("o.confirmed_at") " AND " OWNER_IS("o.owner")          \
    " AND (?4 = 0 OR EXISTS (SELECT 1 FROM taggings WHERE tag_id = ?4"      \
    " AND entity = 'company' AND entity_id = o.company_id)"                 \
    " OR EXISTS (SELECT 1 FROM taggings WHERE tag_id = ?4"                  \
    " AND entity = 'contact' AND entity_id = o.contact_id))"
#define SOLD_LINES                                                          \
    " FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE" SOLD_WHERE

int tcrm_rq_sales(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                  struct tcrm_rq_table *out, struct tcrm_error *err)
{
    return rq_run(db,
        "SELECT o.currency, o.owner, substr(o.confirmed_at, 1, 7),"
        " count(DISTINCT o.id), sum(l.net_minor), sum(l.gross_minor)"
        SOLD_LINES " GROUP BY 1, 2, 3 ORDER BY 1, 2 IS NULL, 2, 3",
        f, "sales", out, err);
}

int tcrm_rq_products(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                     struct tcrm_rq_table *out, struct tcrm_error *err)
{
    /* t: each product's rank by net within its currency (ties: lower id;
     * 0 is free text) and how many there are, keeping the top ?7; then
     * only their lines, by order_lines_by_product, are split by month.
     * Grouping every line by product and month first and ranking after
     * took 0.8 s for two years of the benchmark (bench/README.md). */
    return rq_run(db,
        "WITH t AS (SELECT * FROM (SELECT coalesce(l.product_id, 0) AS pid,"
        " o.currency AS cur, row_number() OVER (PARTITION BY o.currency"
        "  ORDER BY sum(l.net_minor) DESC, coalesce(l.product_id, 0)) AS rk,"
        " count(*) OVER (PARTITION BY o.currency) AS np"
        SOLD_LINES " GROUP BY 1, 2) WHERE ?7 < 0 OR rk <= ?7)"
        " SELECT t.cur, t.rk, t.np, p.code, p.name, p.spec,"
        " substr(o.confirmed_at, 1, 7), sum(l.qty_milli), sum(l.net_minor),"
        " sum(l.gross_minor) FROM t"
        " CROSS JOIN order_lines l ON l.product_id IS nullif(t.pid, 0)"
        " CROSS JOIN orders o ON o.id = l.order_id"
        " LEFT JOIN products p ON p.id = t.pid"
        " WHERE o.currency = t.cur AND" SOLD_WHERE
        " GROUP BY t.cur, t.rk, 7 ORDER BY t.cur, t.rk, 7",
        f, "products", out, err);
}

/* ---- gone quiet ------------------------------------------------------ */

#define QUIET_DAYS(last, created)                                           \
    "CAST(julianday(?5) - julianday(substr(coalesce(" last ", " created     \
    "), 1, 10)) AS INTEGER)"
/* One gone-quiet contact row: id, name, company, owner, last, days. */
#define QUIET_COLS                                                          \
    "SELECT c.id, c.name, co.name AS company, c.owner,"                     \
    " c.last_interaction_at AS last,"                                       \
    " " QUIET_DAYS("c.last_interaction_at", "c.created_at") " AS days"
#define QUIET_COMPANY_JOIN " LEFT JOIN companies co ON co.id = c.company_id"
/* Quiet: last heard from before the cutoff, or never and added before. */
#define QUIET_SINCE                                                         \
    " AND (c.last_interaction_at < ?6"                                      \
    " OR (c.last_interaction_at IS NULL AND c.created_at < ?6))"
/* The contacts of tag ?4, read from its taggings. */
#define QUIET_TAGGED                                                        \
    QUIET_COLS " FROM taggings g CROSS JOIN contacts c ON c.id = g.entity_id" \
    QUIET_COMPANY_JOIN " WHERE g.tag_id = ?4 AND g.entity = 'contact'"      \
    " AND c.deleted_at IS NULL AND " OWNER_IS("c.owner") QUIET_SINCE
/* Two index ranges of contacts matching `where`, each already cut to the
 * limit (the heard-from ones in `order`), merged by silence. */
#define QUIET_RANGES(where, order)                                          \
    "SELECT * FROM (SELECT * FROM (" QUIET_COLS " FROM contacts c"          \
    QUIET_COMPANY_JOIN " WHERE " where " AND c.last_interaction_at < ?6"    \
    " ORDER BY " order " LIMIT ?7) UNION ALL SELECT * FROM (" QUIET_COLS    \
    " FROM contacts c" QUIET_COMPANY_JOIN " WHERE " where                   \
    " AND c.last_interaction_at IS NULL AND c.created_at < ?6"              \
    " ORDER BY c.created_at, c.id LIMIT ?7))"                               \
    " ORDER BY days DESC, name, id LIMIT ?7"
/* The same two ranges, counted. */
#define QUIET_RANGE_COUNT(where)                                            \
    "(SELECT count(*) FROM contacts c WHERE " where                         \
    "  AND c.last_interaction_at < ?6)"                                     \
    " + (SELECT count(*) FROM contacts c WHERE " where                      \
    "  AND c.last_interaction_at IS NULL AND c.created_at < ?6)"
#define QUIET_OWNER "c.owner = ?3 AND c.deleted_at IS NULL"
#define QUIET_ANYONE "c.deleted_at IS NULL"

int tcrm_rq_quiet_contacts(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                           struct tcrm_rq_table *out, struct tcrm_error *err)
{
    /* With a tag, its contacts sorted by silence: the index ranges below
     * would be walked to the end when few of their rows carry the tag and
     * belong to the owner (1.6 s at 1M). */
    if (f->tag_id)
        return rq_run(db,
            QUIET_TAGGED " ORDER BY days DESC, c.name, c.id LIMIT ?7",
            f, "gone-quiet", out, err);
    /* An owner: the same two ranges of contacts_owner_quiet (schema 4).
     * The plain "?3 IS NULL OR" form would keep the planner from it. */
    if (f->owner)
        return rq_run(db,
            QUIET_RANGES(QUIET_OWNER,
                         "c.last_interaction_at, c.created_at, c.id"),
            f, "gone-quiet", out, err);
    return rq_run(db, QUIET_RANGES(QUIET_ANYONE, "c.last_interaction_at, c.id"),
                  f, "gone-quiet", out, err);
}

#define QUIET_COMPANY_INNER                                                 \
    "SELECT co.id, co.name, co.city, co.owner, co.created_at AS created,"   \
    " (SELECT i.at FROM interactions i WHERE i.company_id = co.id"          \
    "  AND i.deleted_at IS NULL ORDER BY i.at DESC LIMIT 1) AS last"        \
    " FROM companies co WHERE co.deleted_at IS NULL"                        \
    " AND " OWNER_IS("co.owner") " AND " TAG_ON("company", "co.id")

int tcrm_rq_quiet_companies(struct tcrm_db *db,
                            const struct tcrm_rq_filter *f,
                            struct tcrm_rq_table *out, struct tcrm_error *err)
{
    return rq_run(db,
        "SELECT id, name, city, owner, last, "
        QUIET_DAYS("last", "created") " AS days, count(*) OVER ()"
        " FROM (" QUIET_COMPANY_INNER ") WHERE coalesce(last, created) < ?6"
        " ORDER BY days DESC, name, id LIMIT ?7",
        f, "gone-quiet", out, err);
}

int tcrm_rq_quiet_contact_count(struct tcrm_db *db,
                                const struct tcrm_rq_filter *f,
                                struct tcrm_rq_table *out,
                                struct tcrm_error *err)
{
    if (f->tag_id)
        return rq_run(db, "SELECT (SELECT count(*) FROM (" QUIET_TAGGED "))",
                      f, "gone-quiet", out, err);
    if (f->owner)
        return rq_run(db, "SELECT " QUIET_RANGE_COUNT(QUIET_OWNER), f,
                      "gone-quiet", out, err);
    return rq_run(db, "SELECT " QUIET_RANGE_COUNT(QUIET_ANYONE), f,
                  "gone-quiet", out, err);
}

#define QUIET_COMPANY_COUNT                                                 \
    " (SELECT count(*) FROM (" QUIET_COMPANY_INNER                          \
    "  ) WHERE coalesce(last, created) < ?6)"

int tcrm_rq_quiet_counts(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                         struct tcrm_rq_table *out, struct tcrm_error *err)
{
    /* With a tag, start from its taggings: the quiet range of the index
     * holds most contacts, and a tag check on each took 0.85 s at 1M. */
    if (f->tag_id)
        return rq_run(db,
            "SELECT (SELECT count(*) FROM (" QUIET_TAGGED ")),"
            QUIET_COMPANY_COUNT, f, "gone-quiet", out, err);
    if (f->owner)
        return rq_run(db,
            "SELECT " QUIET_RANGE_COUNT(QUIET_OWNER) "," QUIET_COMPANY_COUNT,
            f, "gone-quiet", out, err);
    return rq_run(db,
        "SELECT " QUIET_RANGE_COUNT(QUIET_ANYONE) "," QUIET_COMPANY_COUNT,
        f, "gone-quiet", out, err);
}

/* ---- segments -------------------------------------------------------- */

/* Every figure comes from segment_stats, the summary kept by triggers
 * (data/migrations/003_segments.sql): one row per segment, tag filter
 * (?4; 0 for none), measure, creation day and owner. The period and owner
 * are ranges over those rows, so the report costs the same on any number
 * of contacts. */
#define STAT_WHERE(entity, dim)                                             \
    " FROM segment_stats WHERE entity = '" entity "' AND filter = ?4"       \
    " AND dim = '" dim "' AND day >= ?1 AND day < ?2 AND " OWNER_IS("owner")
#define STAT_COUNTS(entity, dim, name)                                      \
    "SELECT " name ", sum(n)" STAT_WHERE(entity, dim) " AND currency = ''"  \
    " GROUP BY value HAVING sum(n) > 0 ORDER BY 2 DESC, 1 LIMIT ?7"
#define STAT_DEALS(entity, dim, name)                                       \
    "SELECT " name ", currency, sum(n), sum(amount)" STAT_WHERE(entity, dim) \
    " AND currency <> '' GROUP BY value, currency HAVING sum(n) > 0"        \
    " ORDER BY 1, 2"
#define TAG_NAME "(SELECT name FROM tags WHERE id = value)"
#define TEXT_NAME "nullif(value, '')"

/* One statement per segment, in enum tcrm_rq_segment order. */
#define STAT_ALL(M)                                                         \
    {                                                                       \
        M("contact", "tag", TAG_NAME), M("contact", "city", TEXT_NAME),     \
        M("contact", "source", TEXT_NAME), M("company", "tag", TAG_NAME),   \
        M("company", "industry", TEXT_NAME), M("company", "city", TEXT_NAME) \
    }
static const char *const rq_stat_counts_sql[TCRM_SEG_COUNT] =
    STAT_ALL(STAT_COUNTS);
static const char *const rq_stat_deals_sql[TCRM_SEG_COUNT] =
    STAT_ALL(STAT_DEALS);

int tcrm_rq_segment_totals(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                           struct tcrm_rq_table *out, struct tcrm_error *err)
{
    /* Every live contact has one source row, every company one city. */
    return rq_run(db,
        "SELECT (SELECT coalesce(sum(n), 0)" STAT_WHERE("contact", "source")
        " AND currency = ''), (SELECT coalesce(sum(n), 0)"
        STAT_WHERE("company", "city") " AND currency = '')",
        f, "segments", out, err);
}

int tcrm_rq_segment_counts(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                           enum tcrm_rq_segment seg,
                           struct tcrm_rq_table *out, struct tcrm_error *err)
{
    if ((int)seg < 0 || seg >= TCRM_SEG_COUNT)
        return tcrm_error_set(err, TCRM_EINVAL, "segments: no such segment");
    return rq_run(db, rq_stat_counts_sql[seg], f, "segments", out, err);
}

int tcrm_rq_segment_deals(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                          enum tcrm_rq_segment seg,
                          struct tcrm_rq_table *out, struct tcrm_error *err)
{
    if ((int)seg < 0 || seg >= TCRM_SEG_COUNT)
        return tcrm_error_set(err, TCRM_EINVAL, "segments: no such segment");
    return rq_run(db, rq_stat_deals_sql[seg], f, "segments", out, err);
}

/* ---- imports --------------------------------------------------------- */

int tcrm_rq_imports(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                    struct tcrm_rq_table *out, struct tcrm_error *err)
{
    return rq_run(db,
        "SELECT b.id, b.file, b.started_at, b.who, b.added, b.merged,"
        " b.skipped, b.rejected, b.undone_at FROM import_batches b"
        " WHERE " IN_PERIOD("b.started_at") " AND " OWNER_IS("b.who")
        " ORDER BY b.id",
        f, "imports", out, err);
}
