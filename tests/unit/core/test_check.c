/*
 * test_check.c: `tcrm check` (tcrm_db_check, src/core/db_check.c) on the
 * demo data: every summary it compares is found when it is off, also
 * those it adds up itself (activity_by_tag, activity_daily); with two
 * things wrong at once it reports the one a single reader would have
 * found first, whichever of its two connections found which; the full
 * check (index against table) passes too; and a database its second
 * connection cannot open is still checked, by one.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <time.h>

#include "tcrm/db.h"
#include "tcrm/tag.h"

#include "fixture.h"

static int setup(void **state)
{
    (void)state;
    static const char *const stages[] = { "lead", "proposal", "won", "lost" };
    struct tcrm_error err;
    if (fixture_open("ann"))
        return -1;
    return tcrm_db_fill_demo(db, time(NULL), stages, 4, "EUR", &err);
}

static int teardown(void **state)
{
    (void)state;
    return fixture_close();
}

/* tcrm_db_check's answer, and its message into msg. */
static int check(int full, char *msg, size_t n)
{
    struct tcrm_error err;
    tcrm_error_clear(&err);
    int rc = tcrm_db_check(db, full, &err);
    snprintf(msg, n, "%s", rc ? err.msg : "");
    return rc;
}

static void assert_reports(const char *what)
{
    char msg[512];
    assert_int_equal(check(0, msg, sizeof msg), TCRM_EDB);
    if (!strstr(msg, what))
        fail_msg("expected '%s' in '%s'", what, msg);
}

/* The demo is whole, by either check; every summary is compared. */
static void test_each_summary(void **state)
{
    (void)state;
    char msg[512];
    assert_int_equal(check(0, msg, sizeof msg), 0);
    assert_int_equal(check(1, msg, sizeof msg), 0);
    static const struct { const char *breaks, *name; } cases[] = {
        { "UPDATE activity_by_tag SET n = n + 1 WHERE (tag_id, day,"
          " logged_by, kind) IN (SELECT tag_id, day, logged_by, kind"
          " FROM activity_by_tag WHERE n > 0 LIMIT 1)",
          "summary activity_by_tag disagrees with the rows in 2 places" },
        { "UPDATE segment_stats SET n = n + 7 WHERE dim = 'city' AND n > 0",
          "summary segment_stats disagrees" },
        { "DELETE FROM activity_daily WHERE (day, logged_by, kind) IN"
          " (SELECT day, logged_by, kind FROM activity_daily LIMIT 1)",
          "summary activity_daily disagrees with the rows in 1 places" },
        { "UPDATE companies SET n_contacts = n_contacts + 1 WHERE id IN"
          " (SELECT min(id) FROM companies)",
          "summary companies.n_contacts disagrees with the rows in 2 places" },
        { "UPDATE campaigns SET members_n = members_n + 1 WHERE id IN"
          " (SELECT min(id) FROM campaigns)",
          "summary campaigns.members_n disagrees" },
        { "UPDATE invoices SET paid_minor = paid_minor + 1 WHERE id IN"
          " (SELECT min(id) FROM invoices)",
          "summary invoices.paid_minor disagrees" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sql("SAVEPOINT broken");
        sql(cases[i].breaks);
        assert_int_equal(sqlite3_changes(db->sql) > 0, 1);
        sql("RELEASE broken");
        assert_reports(cases[i].name);
        /* what check added up for itself is gone again */
        assert_int_equal(sqlite3_exec(db->sql, "SELECT * FROM"
                         " temp.tcrm_check_sums", NULL, NULL, NULL),
                         SQLITE_ERROR);
        fixture_close();
        assert_int_equal(setup(NULL), 0);
    }
}

/* Two things wrong: the first in the check's order is the one told,
 * every time (the two workers race for the jobs after the first). */
static void test_first_in_order(void **state)
{
    (void)state;
    /* company_owner_contacts comes before companies.n_contacts, which
     * is its sum: a wrong owner count shows there first. */
    sql("UPDATE company_owner_contacts SET n = n + 1 WHERE (company_id,"
        " owner) IN (SELECT company_id, owner FROM company_owner_contacts"
        " LIMIT 1)");
    for (int i = 0; i < 5; i++)
        assert_reports("summary company_owner_contacts disagrees");
    /* A summary before a rule, the dearest summary before the others. */
    sql("UPDATE tickets SET closed_at = NULL WHERE state = 'closed'");
    sql("DELETE FROM activity_daily");
    for (int i = 0; i < 5; i++)
        assert_reports("summary activity_daily disagrees");
    sql("UPDATE activity_by_tag SET n = n + 1");
    for (int i = 0; i < 5; i++)
        assert_reports("summary activity_by_tag disagrees");
}

/* A rule alone is reported as a rule. */
static void test_rule(void **state)
{
    (void)state;
    sql("UPDATE tickets SET closed_at = NULL WHERE state = 'closed'");
    assert_reports("the rule tickets.closed_at does not hold");
}

/* A file the second connection cannot open (here: moved away under the
 * open connection, which goes on reading it): checked by one, and what
 * is wrong is still found. */
static void test_one_connection(void **state)
{
    (void)state;
    char path[128], moved[128], msg[512];
    snprintf(path, sizeof path, "%s/t.db", dir);
    snprintf(moved, sizeof moved, "%s/moved.db", dir);
    assert_int_equal(rename(path, moved), 0);
    assert_int_equal(check(0, msg, sizeof msg), 0);
    sql("UPDATE activity_by_tag SET n = n + 1");
    assert_reports("summary activity_by_tag disagrees");
    assert_int_equal(rename(moved, path), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_each_summary, setup, teardown),
        cmocka_unit_test_setup_teardown(test_first_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rule, setup, teardown),
        cmocka_unit_test_setup_teardown(test_one_connection, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
