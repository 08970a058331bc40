/*
 * contact_list.c: pages of contacts, in a sort order or ranked by search.
 *
 * Keyset paging, never OFFSET: a page is "the next limit + 1 rows after
 * the cursor in index order". Each list order is an index:
 *   name          contacts_by_sort          (sort_key, id)
 *   company       contacts_by_company_sort  (company_sort, id)
 *   title         contacts_by_title_sort    (title_sort, id)
 *   last contact  contacts_by_last          (last_interaction_at, id)
 * (for a salesperson, the first three as contacts(owner, <key>, id):
 * list_from).
 * The list is cut in tiers (contact_internal.h). Last contact has two: the
 * never-contacted (NULL, ordered by id: SQLite puts NULL first) and then
 * the others by date, oldest first, so NULL never meets a comparison.
 *
 * Continuing after a cursor (key, id) is done in two index seeks, not with
 * a row value "(key, id) > (?, ?)": SQLite 3.40 only uses the first column
 * of a row value for the range, which would rescan a large group of equal
 * keys (every contact without a title) on every page. So: first
 * "key = :ck AND id > :id", then "key > :ck". The cursor's key is :ck, not
 * :k: a search's tiers use :k (the query's sort key) in their conditions,
 * and a cursor bound over it cut every page after the first short.
 *
 * The SQL of each step is built from the tier's fragments and prepared
 * once per call (the set of shapes is large; preparing costs microseconds).
 */
#include <stdlib.h>
#include <string.h>

#include "contact_internal.h"
#include "tcrm/strbuf.h"

/* A row's phone and e-mail come from one subquery that hands over all
 * of the contact's channels, each as "BYTES,POSITION,KIND:VALUE" (BYTES
 * the length of VALUE), read in channels_by_contact order, and picked
 * here (pick_channels): two subqueries, one per column, read the
 * channels twice and sorted the phones for every row (half the cost of
 * a long listing). The contact came through live_contacts, so its
 * channels are the caller's to see. */
#define ROW_COLS                                                             \
    ", c.name, co.name, c.title, c.last_interaction_at, c.next_followup_due," \
    " c.owner, (SELECT group_concat(length(CAST(h.value AS BLOB)) || ','"   \
    " || h.position || ',' || h.kind || ':' || h.value, '')"                \
    " FROM contact_channels h WHERE h.contact_id = c.id) FROM "

/* 0..3 for the phone kinds in the order the phone is chosen, 4 for an
 * e-mail, -1 for another kind. */
static int channel_rank(const char *kind, size_t n)
{
    static const char *const kinds[] = { "mobile", "work", "home", "fax",
                                         "email" };
    for (int i = 0; i < 5; i++)
        if (strlen(kinds[i]) == n && memcmp(kind, kinds[i], n) == 0)
            return i;
    return -1;
}

/* The phone (the first mobile by position, else work, home, fax number)
 * and the first e-mail by position, of the channels in s; on equal
 * positions the first read. */
static int pick_channels(const char *s, struct tcrm_contact_row *r)
{
    const char *end = s ? s + strlen(s) : NULL, *val[2] = { NULL, NULL };
    size_t len[2] = { 0, 0 };
    long long at[2] = { 0, 0 };
    int best = 5;
    while (s && s < end) {
        char *p;
        unsigned long long n = strtoull(s, &p, 10);
        long long pos = *p == ',' ? strtoll(p + 1, &p, 10) : 0;
        const char *kind = p + 1, *colon = *p == ',' ? strchr(kind, ':') : NULL;
        if (!colon || (unsigned long long)(end - colon - 1) < n)
            break;
        int rank = channel_rank(kind, (size_t)(colon - kind)), k = rank == 4;
        if (rank >= 0 && (!val[k] || (k ? pos < at[1] : rank < best ||
                                      (rank == best && pos < at[0])))) {
            val[k] = colon + 1;
            len[k] = (size_t)n;
            at[k] = pos;
            best = k ? best : rank;
        }
        s = colon + 1 + n;
    }
    if ((val[0] && !(r->phone = strndup(val[0], len[0]))) ||
        (val[1] && !(r->email = strndup(val[1], len[1]))))
        return TCRM_ENOMEM;
    return 0;
}

sqlite3_stmt *tcrm_cl_prepare(struct tcrm_db *db, const char *sql,
                              struct tcrm_error *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK) {
        tcrm_db_fail(db, "contact list", err);
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

int tcrm_cl_plan_filters(struct tcrm_db *db, const struct tcrm_contact_filter *f,
                         struct tcrm_cl_plan *plan, struct tcrm_error *err)
{
    plan->company_id = f ? f->company_id : 0;
    plan->tag_id = 0;
    if (!f || tcrm_str_empty(f->tag))
        return 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT id FROM tags WHERE name = ?1",
                                       err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_text(st, 1, f->tag, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        plan->tag_id = sqlite3_column_int64(st, 0);
    else if (rc == SQLITE_DONE)
        plan->tag_id = -1;
    tcrm_db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : tcrm_db_fail(db, "tags", err);
}

int tcrm_cl_append_filters(struct tcrm_strbuf *sb,
                           const struct tcrm_cl_plan *plan)
{
    int rc = 0;
    if (plan->company_id)
        rc = tcrm_strbuf_append(sb, " AND c.company_id = :co");
    if (rc == 0 && plan->tag_id)
        rc = tcrm_strbuf_append(sb, " AND EXISTS (SELECT 1 FROM taggings g"
                                " WHERE g.tag_id = :tag AND g.entity = 'contact'"
                                " AND g.entity_id = c.id)");
    return rc;
}

static void bind_named_text(sqlite3_stmt *st, const char *name, const char *v)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i > 0)
        sqlite3_bind_text(st, i, v ? v : "", -1, SQLITE_TRANSIENT);
}

static void bind_named_int(sqlite3_stmt *st, const char *name, int64_t v)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i > 0)
        sqlite3_bind_int64(st, i, v);
}

int tcrm_cl_bind_plan(sqlite3_stmt *st, const struct tcrm_cl_plan *plan)
{
    bind_named_text(st, ":q", plan->q);
    bind_named_text(st, ":k", plan->k);
    bind_named_text(st, ":khi", plan->khi);
    bind_named_text(st, ":m", plan->match);
    bind_named_text(st, ":m2", plan->match2);
    bind_named_text(st, ":me", plan->me);
    bind_named_int(st, ":co", plan->company_id);
    bind_named_int(st, ":tag", plan->tag_id);
    return 0;
}

enum step { STEP_ALL, STEP_SAME_KEY, STEP_PAST_KEY, STEP_ONE };

static void add_cond(struct tcrm_strbuf *sb, const char *c)
{
    if (c) {
        tcrm_strbuf_append(sb, " AND ");
        tcrm_strbuf_append(sb, c);
    }
}

/* SQL of one step of one tier; 0 or TCRM_ENOMEM. */
static int build_step(struct tcrm_strbuf *sb, const struct tcrm_cl_plan *plan,
                      const struct tcrm_cl_tier *t, int back, enum step step)
{
    const char *dir = back ? " DESC" : "";
    tcrm_strbuf_appendf(sb, "SELECT c.id, %s" ROW_COLS "%s LEFT JOIN"
                        " companies co ON co.id = c.company_id AND"
                        " co.deleted_at IS NULL WHERE c.deleted_at IS NULL",
                        t->key ? t->key : "''", t->from);
    add_cond(sb, t->cond);
    if (step == STEP_ALL || step == STEP_ONE) {
        add_cond(sb, t->lo);
        add_cond(sb, t->hi);
        if (step == STEP_ONE)
            tcrm_strbuf_appendf(sb, " AND %s = :id", t->idcol);
    } else if (step == STEP_SAME_KEY) {
        if (t->key)
            tcrm_strbuf_appendf(sb, " AND %s = :ck", t->key);
        tcrm_strbuf_appendf(sb, " AND %s %s :id", t->idcol, back ? "<" : ">");
    } else {
        tcrm_strbuf_appendf(sb, " AND %s %s :ck", t->key, back ? "<" : ">");
        add_cond(sb, back ? t->lo : t->hi);
    }
    tcrm_cl_append_filters(sb, plan);
    tcrm_strbuf_append(sb, " ORDER BY ");
    if (t->key)
        tcrm_strbuf_appendf(sb, "%s%s, ", t->key, dir);
    return tcrm_strbuf_appendf(sb, "%s%s LIMIT :n", t->idcol, dir);
}

static int fill_row(sqlite3_stmt *st, int tier, struct tcrm_contact_row *r)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    r->tier = tier;
    r->cursor_key = tcrm_db_col_text(st, 1);
    char **s[] = { &r->name, &r->company, &r->title, &r->last_interaction_at,
                   &r->next_followup_due, &r->owner };
    for (int i = 0; i < 6; i++)
        *s[i] = tcrm_db_col_text(st, 2 + i);
    if (!r->cursor_key)
        r->cursor_key = strdup("");
    if (!r->cursor_key || !r->name)
        return TCRM_ENOMEM;
    return pick_channels((const char *)sqlite3_column_text(st, 8), r);
}

static void row_clear(struct tcrm_contact_row *r)
{
    char *s[] = { r->name, r->company, r->title, r->phone, r->email,
                  r->last_interaction_at, r->next_followup_due, r->cursor_key,
                  r->owner };
    for (size_t i = 0; i < sizeof s / sizeof *s; i++)
        free(s[i]);
}

/* Run one step, appending at most `need` rows to out (capacity known). */
static int run_step(struct tcrm_db *db, const struct tcrm_cl_plan *plan, int tier,
                    int back, enum step step, const struct tcrm_contact_row *cur,
                    size_t need, struct tcrm_contact_page *out,
                    struct tcrm_error *err)
{
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    if (build_step(&sb, plan, &plan->tiers[tier], back, step)) {
        tcrm_strbuf_free(&sb);
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    }
    sqlite3_stmt *st = tcrm_cl_prepare(db, sb.buf, err);
    tcrm_strbuf_free(&sb);
    if (!st)
        return TCRM_EDB;
    tcrm_cl_bind_plan(st, plan);
    if (cur) {
        bind_named_text(st, ":ck", cur->cursor_key);
        bind_named_int(st, ":id", cur->id);
    }
    bind_named_int(st, ":n", (int64_t)need);
    int rc, r = 0;
    while (r == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        r = fill_row(st, tier, &out->rows[out->n]);
        out->n++;
        if (r)
            r = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    }
    if (r == 0 && rc != SQLITE_DONE)
        r = tcrm_db_fail(db, "contact list", err);
    sqlite3_finalize(st);
    return r;
}

/* All rows of one tier after (or before) cur, at most want - out->n. */
static int run_tier(struct tcrm_db *db, const struct tcrm_cl_plan *plan, int t,
                    int back, const struct tcrm_contact_row *cur, size_t want,
                    struct tcrm_contact_page *out, struct tcrm_error *err)
{
    if (!cur)
        return run_step(db, plan, t, back, STEP_ALL, NULL, want - out->n, out, err);
    int rc = run_step(db, plan, t, back, STEP_SAME_KEY, cur, want - out->n, out, err);
    if (rc == 0 && out->n < want && plan->tiers[t].key)
        rc = run_step(db, plan, t, back, STEP_PAST_KEY, cur, want - out->n, out, err);
    return rc;
}

int tcrm_cl_run(struct tcrm_db *db, const struct tcrm_cl_plan *plan,
                const struct tcrm_contact_row *after, int backwards,
                size_t limit, struct tcrm_contact_page *out,
                struct tcrm_error *err)
{
    memset(out, 0, sizeof *out);
    if (limit == 0 || plan->tag_id < 0)
        return 0;
    out->rows = calloc(limit + 1, sizeof *out->rows);
    if (!out->rows)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    int rc = 0, n = plan->n_tiers;
    if (!backwards) {
        for (int t = after ? after->tier : 0; rc == 0 && t < n && out->n <= limit; t++)
            rc = run_tier(db, plan, t, 0, after && t == after->tier ? after : NULL,
                          limit + 1, out, err);
    } else {
        int start = after && after->tier < n ? after->tier : n - 1;
        for (int t = start; rc == 0 && t >= 0 && out->n <= limit; t--)
            rc = run_tier(db, plan, t, 1,
                          after && t == after->tier ? after : NULL,
                          limit + 1, out, err);
    }
    if (rc) {
        tcrm_contact_page_free(out);
        return rc;
    }
    if (out->n > limit) {
        out->more = 1;
        row_clear(&out->rows[--out->n]);
    }
    for (size_t i = 0; backwards && i < out->n / 2; i++) {
        struct tcrm_contact_row tmp = out->rows[i];
        out->rows[i] = out->rows[out->n - 1 - i];
        out->rows[out->n - 1 - i] = tmp;
    }
    return 0;
}

/* The contacts a plain list reads, as c: for one who holds only
 * their own rows and lists by name, company or title, those
 * rows, the pool's and the ones shared with them as index ranges of
 * contacts(owner, <order>, id) (search_see.c; 017 and 018), not a walk of
 * the order's index keeping one row in twenty (or one in none for a long
 * stretch: 129 ms for a salesperson's first screen at 1M, 180 ms a sort
 * by company, bench/README.md). The last-contact order has no such index
 * and walks contacts_by_last. A company's contacts: contacts_by_company
 * for a session that sees all (a view takes no INDEXED BY), else
 * live_contacts. */
static int list_from(struct tcrm_db *db, struct tcrm_cl_plan *plan,
                     int ranged, const char **from, struct tcrm_error *err)
{
    *from = "live_contacts c";
    if (plan->company_id)
        *from = tcrm_access_all(db)
            ? "contacts c INDEXED BY contacts_by_company" : *from;
    else if (ranged)
        return tcrm_search_see_rows(db, from, &plan->me, err);
    return 0;
}

/* The tiers of a plain (not searched) list. */
static int list_tiers(struct tcrm_db *db, struct tcrm_cl_plan *plan,
                      enum tcrm_contact_sort sort, struct tcrm_error *err)
{
    const char *from;
    int rc = list_from(db, plan, sort != TCRM_SORT_LAST_CONTACT, &from, err);
    if (rc)
        return rc;
    static const char *const keys[] = { "c.sort_key", "c.company_sort",
                                        "c.title_sort" };
    memset(plan->tiers, 0, sizeof plan->tiers);
    for (int i = 0; i < 2; i++) {
        plan->tiers[i].from = from;
        plan->tiers[i].idcol = "c.id";
    }
    if (sort == TCRM_SORT_LAST_CONTACT) {
        plan->n_tiers = 2;
        plan->tiers[0].cond = "c.last_interaction_at IS NULL";
        plan->tiers[1].cond = "c.last_interaction_at IS NOT NULL";
        plan->tiers[1].key = "c.last_interaction_at";
    } else {
        plan->n_tiers = 1;
        plan->tiers[0].key = keys[(unsigned)sort < 3 ? sort : 0];
    }
    return 0;
}

int tcrm_contact_list(struct tcrm_db *db, const struct tcrm_contact_filter *f,
                      const struct tcrm_contact_row *after, int backwards,
                      size_t limit, struct tcrm_contact_page *out,
                      struct tcrm_error *err)
{
    memset(out, 0, sizeof *out);
    if (f && !tcrm_str_empty(f->search))
        return tcrm_search_page(db, f->search, f, after, backwards, limit, out, err);
    struct tcrm_cl_plan plan;
    memset(&plan, 0, sizeof plan);
    int rc = tcrm_cl_plan_filters(db, f, &plan, err);
    if (rc)
        return rc;
    rc = list_tiers(db, &plan, f ? f->sort : TCRM_SORT_NAME, err);
    return rc ? rc : tcrm_cl_run(db, &plan, after, backwards, limit, out, err);
}

int tcrm_contact_count(struct tcrm_db *db, const struct tcrm_contact_filter *f,
                       int64_t *n, struct tcrm_error *err)
{
    *n = 0;
    if (f && !tcrm_str_empty(f->search))
        return tcrm_search_count(db, f->search, f, n, err);
    struct tcrm_cl_plan plan;
    memset(&plan, 0, sizeof plan);
    int rc = tcrm_cl_plan_filters(db, f, &plan, err);
    if (rc || plan.tag_id < 0)
        return rc;
    /* live_contacts, not list_from's ranges: a count reads every row
     * either way, and a scan in rowid order beats the ranges' look-ups
     * at random (140 against 226 ms for a salesperson at 1M). */
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    tcrm_strbuf_append(&sb, "SELECT count(*) FROM live_contacts c WHERE 1");
    if (tcrm_cl_append_filters(&sb, &plan)) {
        tcrm_strbuf_free(&sb);
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    }
    sqlite3_stmt *st = tcrm_cl_prepare(db, sb.buf, err);
    tcrm_strbuf_free(&sb);
    if (!st)
        return TCRM_EDB;
    tcrm_cl_bind_plan(st, &plan);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    rc = rc == SQLITE_ROW ? 0 : tcrm_db_fail(db, "contact count", err);
    sqlite3_finalize(st);
    return rc;
}

void tcrm_contact_page_free(struct tcrm_contact_page *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        row_clear(&p->rows[i]);
    free(p->rows);
    memset(p, 0, sizeof *p);
}

int tcrm_contact_list_row(struct tcrm_db *db,
                          const struct tcrm_contact_filter *f, int64_t id,
                          struct tcrm_contact_page *out,
                          struct tcrm_error *err)
{
    struct tcrm_contact_row one = { .id = id };
    struct tcrm_cl_plan plan;
    memset(out, 0, sizeof *out);
    if (f && !tcrm_str_empty(f->search))
        return 0;
    memset(&plan, 0, sizeof plan);
    int rc = tcrm_cl_plan_filters(db, f, &plan, err);
    if (rc || plan.tag_id < 0)
        return rc;
    rc = list_tiers(db, &plan, f ? f->sort : TCRM_SORT_NAME, err);
    if (rc)
        return rc;
    out->rows = calloc(1, sizeof *out->rows);
    if (!out->rows)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    for (int t = 0; rc == 0 && out->n == 0 && t < plan.n_tiers; t++)
        rc = run_step(db, &plan, t, 0, STEP_ONE, &one, 1, out, err);
    if (rc)
        tcrm_contact_page_free(out);
    return rc;
}
