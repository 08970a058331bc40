/*
 * test_report_query.c: the speed structures of schema 2 give the same
 * figures as the rows they summarise.
 *
 * activity_daily (interactions per day, person and kind, kept by
 * triggers) must follow every way an interaction changes: insert, trash,
 * restore, a hand-written UPDATE of its day, kind or person, a hard
 * DELETE. Each step compares tcrm_rq_activity (which reads the summary
 * when no tag is given) with the exact expected rows and with a count
 * straight from interactions. The gone-quiet and live-contact counts go
 * through the new partial index and are checked against known figures.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "../../../src/core/db_internal.h"
#include "tcrm/contact.h"
#include "tcrm/followup.h"
#include "tcrm/interaction.h"
#include "tcrm/report_query.h"
#include "tcrm/tag.h"
#include "tcrm/trash.h"

struct fx {
    char dir[64], path[96];
    struct tcrm_db *db;
    int64_t anna, bo;
    int64_t ia[4];
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    struct tcrm_error err;

    setenv("TCRM_NOW", "2026-11-20 10:00:00", 1);   /* created_at */
    strcpy(f->dir, "/tmp/tcrm-test-rq-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
    struct tcrm_db_options o = { f->path, "ann", 1000, 0, NULL };
    if (tcrm_db_open(&o, &f->db, &err))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    char p[128];

    tcrm_db_close(f->db);
    unlink(f->path);
    snprintf(p, sizeof p, "%s-wal", f->path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", f->path);
    unlink(p);
    rmdir(f->dir);
    free(f);
    return 0;
}

static int64_t add_contact(struct fx *f, const char *name, const char *tag)
{
    struct tcrm_contact c;
    struct tcrm_error err;

    tcrm_contact_init(&c);
    c.name = strdup(name);
    if (tag)
        tcrm_strlist_add(&c.tags, tag);
    if (tcrm_contact_insert(f->db, &c, &err))
        fail_msg("contact %s: %s", name, err.msg);
    int64_t id = c.id;
    tcrm_contact_clear(&c);
    return id;
}

static int64_t add_ia(struct fx *f, int64_t contact,
                      enum tcrm_interaction_kind k, const char *at,
                      const char *who)
{
    struct tcrm_interaction ia;
    struct tcrm_error err;

    tcrm_interaction_init(&ia);
    ia.contact_id = contact;
    ia.kind = k;
    ia.at = strdup(at);
    ia.summary = strdup("talked");
    ia.logged_by = strdup(who);
    if (tcrm_interaction_insert(f->db, &ia, &err))
        fail_msg("interaction: %s", err.msg);
    int64_t id = ia.id;
    tcrm_interaction_clear(&ia);
    return id;
}

static void exec(struct fx *f, const char *sql)
{
    struct tcrm_error err;
    if (tcrm_db_exec(f->db, sql, &err))
        fail_msg("%s: %s", sql, err.msg);
}

/* Activity over all time as "day logged_by kind n;..." */
static void activity_text(struct fx *f, const char *owner, int64_t tag,
                          const char *from, const char *to, char *out,
                          size_t n)
{
    struct tcrm_rq_filter flt = { from, to, owner, tag, "2026-11-20", 30, 0, 0 };
    struct tcrm_rq_table t;
    struct tcrm_error err;
    size_t len = 0;

    if (tcrm_rq_activity(f->db, &flt, &t, &err))
        fail_msg("activity: %s", err.msg);
    out[0] = '\0';
    for (size_t r = 0; r < t.nrows; r++)
        len += (size_t)snprintf(out + len, n - len, "%s %s %s %lld;",
                                tcrm_rq_s(&t, r, 0), tcrm_rq_s(&t, r, 1),
                                tcrm_rq_s(&t, r, 2),
                                (long long)tcrm_rq_i(&t, r, 3));
    tcrm_rq_table_free(&t);
}

/* The summary equals a count straight from interactions. */
static void assert_summary_exact(struct fx *f)
{
    sqlite3_stmt *st = tcrm_db_prepare(f->db,
        "SELECT (SELECT count(*) FROM (SELECT substr(at, 1, 10) d, logged_by,"
        " kind, count(*) n FROM interactions WHERE deleted_at IS NULL"
        " GROUP BY 1, 2, 3) x WHERE NOT EXISTS (SELECT 1 FROM activity_daily"
        " a WHERE a.day = x.d AND a.logged_by = x.logged_by"
        " AND a.kind = x.kind AND a.n = x.n)),"
        " (SELECT count(*) FROM activity_daily),"
        " (SELECT count(*) FROM (SELECT DISTINCT substr(at, 1, 10), logged_by,"
        " kind FROM interactions WHERE deleted_at IS NULL))", NULL);
    assert_non_null(st);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int64(st, 0), 0);
    assert_int_equal(sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2));
    tcrm_db_done(st);
}

static void build(struct fx *f)
{
    f->anna = add_contact(f, "Anna", "vip");
    f->bo = add_contact(f, "Bo", NULL);
    f->ia[0] = add_ia(f, f->anna, TCRM_IA_CALL, "2026-11-02 09:00", "ann");
    f->ia[1] = add_ia(f, f->anna, TCRM_IA_CALL, "2026-11-02 17:30", "ann");
    f->ia[2] = add_ia(f, f->bo, TCRM_IA_EMAIL, "2026-11-03 10:00", "bob");
    f->ia[3] = add_ia(f, f->bo, TCRM_IA_VISIT, "2026-10-31 23:59", "bob");
}

static void test_activity_follows_changes(void **state)
{
    struct fx *f = *state;
    struct tcrm_error err;
    char buf[512], ref[32];

    build(f);
    activity_text(f, NULL, 0, NULL, NULL, buf, sizeof buf);
    assert_string_equal(buf, "2026-10-31 bob visit 1;2026-11-02 ann call 2;"
                             "2026-11-03 bob email 1;");
    assert_summary_exact(f);

    assert_int_equal(tcrm_interaction_delete(f->db, f->ia[1], &err), 0);
    activity_text(f, NULL, 0, NULL, NULL, buf, sizeof buf);
    assert_string_equal(buf, "2026-10-31 bob visit 1;2026-11-02 ann call 1;"
                             "2026-11-03 bob email 1;");
    assert_summary_exact(f);

    snprintf(ref, sizeof ref, "interaction/%lld", (long long)f->ia[1]);
    assert_int_equal(tcrm_trash_restore(f->db, ref, &err), 0);
    activity_text(f, NULL, 0, NULL, NULL, buf, sizeof buf);
    assert_string_equal(buf, "2026-10-31 bob visit 1;2026-11-02 ann call 2;"
                             "2026-11-03 bob email 1;");

    /* Hand-written edits of day, kind and person; a hard delete. */
    exec(f, "UPDATE interactions SET at = '2026-11-03 08:00', kind = 'email',"
            " logged_by = 'bob' WHERE id = 1");
    exec(f, "DELETE FROM interactions WHERE id = 4");
    activity_text(f, NULL, 0, NULL, NULL, buf, sizeof buf);
    assert_string_equal(buf, "2026-11-02 ann call 1;2026-11-03 bob email 2;");
    assert_summary_exact(f);
    exec(f, "UPDATE interactions SET deleted_at = '2026-11-05 00:00:00'");
    activity_text(f, NULL, 0, NULL, NULL, buf, sizeof buf);
    assert_string_equal(buf, "");
    assert_summary_exact(f);
}

static void test_activity_filters(void **state)
{
    struct fx *f = *state;
    struct tcrm_error err;
    int64_t vip;
    char buf[512];

    build(f);
    /* Period bounds are whole days, inclusive, on both paths. */
    activity_text(f, NULL, 0, "2026-11-01", "2026-11-02", buf, sizeof buf);
    assert_string_equal(buf, "2026-11-02 ann call 2;");
    activity_text(f, "bob", 0, NULL, NULL, buf, sizeof buf);
    assert_string_equal(buf, "2026-10-31 bob visit 1;2026-11-03 bob email 1;");
    activity_text(f, "bob", 0, "2026-11-04", NULL, buf, sizeof buf);
    assert_string_equal(buf, "");
    /* A tag needs the rows (the summary does not know contacts). */
    assert_int_equal(tcrm_rq_check(f->db, NULL, "vip", &vip, &err), 0);
    activity_text(f, NULL, vip, "2026-11-01", "2026-11-30", buf, sizeof buf);
    assert_string_equal(buf, "2026-11-02 ann call 2;");
}

static void touched(struct fx *f, const char *owner, const char *from,
                    const char *to, int64_t want_touched, int64_t want_added)
{
    struct tcrm_rq_filter flt = { from, to, owner, 0, "2026-11-20", 30, 0, 0 };
    struct tcrm_rq_table t;
    struct tcrm_error err;

    assert_int_equal(tcrm_rq_activity_contacts(f->db, &flt, &t, &err), 0);
    assert_int_equal(tcrm_rq_i(&t, 0, 0), want_touched);
    assert_int_equal(tcrm_rq_i(&t, 0, 1), want_added);
    tcrm_rq_table_free(&t);
}

/* Contacts touched: the shortcut through last_interaction_at (nothing
 * logged after the period) and the count over the rows agree. */
static void test_contacts_touched(void **state)
{
    struct fx *f = *state;
    struct tcrm_error err;

    build(f);
    touched(f, NULL, "2026-11-03", NULL, 1, 2);
    touched(f, NULL, "2026-11-03", "2026-11-19", 1, 0);
    touched(f, NULL, "2026-11-01", "2026-11-30", 2, 2);
    touched(f, NULL, "2026-11-01", "2026-11-02", 1, 0);  /* rows */
    touched(f, NULL, NULL, NULL, 2, 2);
    touched(f, "bob", "2026-11-01", NULL, 1, 0);
    touched(f, "ann", NULL, NULL, 1, 2);
    /* Trashed interactions leave both paths. */
    assert_int_equal(tcrm_interaction_delete(f->db, f->ia[2], &err), 0);
    touched(f, NULL, "2026-11-03", NULL, 0, 2);
    touched(f, NULL, "2026-11-01", "2026-11-30", 1, 2);
    touched(f, "bob", "2026-11-01", NULL, 0, 0);
}

static void seg_text(struct fx *f, enum tcrm_rq_segment seg, const char *from,
                     char *out, size_t n)
{
    struct tcrm_rq_filter flt = { from, NULL, NULL, 0, "2026-11-20", 30, 0, 0 };
    struct tcrm_rq_table t;
    struct tcrm_error err;
    size_t len = 0;

    assert_int_equal(tcrm_rq_segment_counts(f->db, &flt, seg, &t, &err), 0);
    out[0] = '\0';
    for (size_t r = 0; r < t.nrows; r++)
        len += (size_t)snprintf(out + len, n - len, "%s %lld;",
                                tcrm_rq_s(&t, r, 0) ? tcrm_rq_s(&t, r, 0)
                                                    : "-",
                                (long long)tcrm_rq_i(&t, r, 1));
    tcrm_rq_table_free(&t);
}

/* Tag counts of everything (taggings less the trash) equal the counts
 * over the rows (taken when a period is given). */
static void test_segment_tags(void **state)
{
    struct fx *f = *state;
    struct tcrm_error err;
    char fast[256], rows[256];

    build(f);
    int64_t cai = add_contact(f, "Cai", "vip");
    add_contact(f, "Dee", "lead");
    seg_text(f, TCRM_SEG_CONTACT_TAG, NULL, fast, sizeof fast);
    seg_text(f, TCRM_SEG_CONTACT_TAG, "2000-01-01", rows, sizeof rows);
    assert_string_equal(fast, "vip 2;lead 1;");
    assert_string_equal(fast, rows);
    assert_int_equal(tcrm_contact_delete(f->db, cai, &err), 0);
    assert_int_equal(tcrm_contact_delete(f->db, f->bo, &err), 0);
    seg_text(f, TCRM_SEG_CONTACT_TAG, NULL, fast, sizeof fast);
    seg_text(f, TCRM_SEG_CONTACT_TAG, "2000-01-01", rows, sizeof rows);
    assert_string_equal(fast, "lead 1;vip 1;");
    assert_string_equal(fast, rows);
    seg_text(f, TCRM_SEG_CONTACT_CITY, NULL, fast, sizeof fast);
    assert_string_equal(fast, "- 2;");
}

static void test_quiet_and_live_counts(void **state)
{
    struct fx *f = *state;
    struct tcrm_reminder_counts rc;
    struct tcrm_error err;
    int64_t n;

    build(f);
    add_contact(f, "Cai", NULL);   /* never contacted, created now */
    /* Anna last 2026-11-02, Bo last 2026-11-03: 30 days on, each is quiet
     * (a last contact on today - 30 counts). */
    assert_int_equal(tcrm_followup_counts(f->db, "2026-12-02", 7, 30, &rc,
                                          &err), 0);
    assert_int_equal(rc.quiet, 1);
    assert_int_equal(tcrm_followup_counts(f->db, "2026-12-03", 7, 30, &rc,
                                          &err), 0);
    assert_int_equal(rc.quiet, 2);
    assert_int_equal(tcrm_contact_count(f->db, NULL, &n, &err), 0);
    assert_int_equal(n, 3);
    assert_int_equal(tcrm_contact_delete(f->db, f->anna, &err), 0);
    assert_int_equal(tcrm_followup_counts(f->db, "2026-12-03", 7, 30, &rc,
                                          &err), 0);
    assert_int_equal(rc.quiet, 1);
    assert_int_equal(tcrm_contact_count(f->db, NULL, &n, &err), 0);
    assert_int_equal(n, 2);
}

/* A table as text: "rows x cols: cell|cell|...". */
static void table_text(const struct tcrm_rq_table *t, char *out, size_t n)
{
    size_t len = (size_t)snprintf(out, n, "%zux%zu:", t->nrows, t->ncols);
    for (size_t r = 0; r < t->nrows && len < n; r++)
        for (size_t c = 0; c < t->ncols && len < n; c++)
            len += (size_t)snprintf(out + len, n - len, "%s|",
                                    tcrm_rq_s(t, r, c) ? tcrm_rq_s(t, r, c)
                                                       : "-");
}

typedef int (*rq_fn)(struct tcrm_db *, const struct tcrm_rq_filter *,
                     struct tcrm_rq_table *, struct tcrm_error *);

/* A manager's team queries (f->team: texts made for the run), one after
 * another on one connection, give what each gives alone on a fresh one:
 * no statement is taken for another's (the statement cache keeps the
 * address of the text it was given). */
static void test_team_queries_in_a_row(void **state)
{
    struct fx *f = *state;
    static const rq_fn fn[] = { tcrm_rq_quiet_counts, tcrm_rq_activity,
                                tcrm_rq_quiet_contacts, tcrm_rq_pipeline,
                                tcrm_rq_quiet_companies, tcrm_rq_forecast,
                                tcrm_rq_quiet_counts, tcrm_rq_closed,
                                tcrm_rq_activity, tcrm_rq_sales };
    enum { N = sizeof fn / sizeof fn[0] };
    static char alone[N][2048], row[2048];
    struct tcrm_rq_filter flt = { "2026-01-01", "2026-12-31", "ann", 0,
                                  "2026-12-20", 30, 50, 1 };
    struct tcrm_db_options o = { f->path, "ann", 1000, 0, NULL };
    struct tcrm_rq_table t;
    struct tcrm_error err;

    build(f);
    for (size_t i = 0; i < N; i++) {
        struct tcrm_db *fresh = NULL;
        assert_int_equal(tcrm_db_open(&o, &fresh, &err), 0);
        if (fn[i](fresh, &flt, &t, &err))
            fail_msg("query %zu: %s", i, err.msg);
        table_text(&t, alone[i], sizeof alone[i]);
        tcrm_rq_table_free(&t);
        tcrm_db_close(fresh);
    }
    for (int round = 0; round < 2; round++)
        for (size_t i = 0; i < N; i++) {
            if (fn[i](f->db, &flt, &t, &err))
                fail_msg("query %zu: %s", i, err.msg);
            table_text(&t, row, sizeof row);
            tcrm_rq_table_free(&t);
            assert_string_equal(row, alone[i]);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_activity_follows_changes, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_activity_filters, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_contacts_touched, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_segment_tags, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quiet_and_live_counts, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_team_queries_in_a_row, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
