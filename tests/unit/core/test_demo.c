/*
 * test_demo.c: the demo data (src/core/demo.c) has what it promises and
 * goes only into an empty database.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcrm/date.h"
#include "tcrm/deal.h"
#include "tcrm/followup.h"

#include "fixture.h"

static int setup(void **state)
{
    (void)state;
    return fixture_open("ann");
}

static int teardown(void **state)
{
    (void)state;
    return fixture_close();
}

static int64_t count(const char *q)
{
    sqlite3_stmt *st;
    int64_t n = -1;
    assert_int_equal(sqlite3_prepare_v2(db->sql, q, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void test_fill(void **state)
{
    (void)state;
    static const char *const stages[] = { "Lead", "Qualified", "Proposal",
                                          "Negotiation" };
    struct tcrm_error err;
    time_t now = tcrm_clock_now();
    int frc = tcrm_db_fill_demo(db, now, stages, 4, "EUR", &err);
    if (frc)
        print_error("%s\n", err.msg);
    assert_int_equal(frc, 0);
    assert_int_equal(count("SELECT count(*) FROM contacts"), 40);
    assert_int_equal(count("SELECT count(*) FROM companies"), 12);
    assert_int_equal(count("SELECT count(*) FROM contacts"
                           " WHERE unicode(name) >= 0x4e00"), 20);
    assert_true(count("SELECT count(*) FROM contacts"
                      " WHERE name = 'José Álvarez'") == 1);
    assert_int_equal(count("SELECT count(*) FROM contacts c WHERE NOT EXISTS"
                           " (SELECT 1 FROM contact_channels h WHERE"
                           " h.contact_id = c.id AND h.kind = 'email')"), 0);
    assert_int_equal(count("SELECT count(*) FROM contacts"
                           " WHERE company_id IS NULL"), 0);
    assert_true(count("SELECT count(*) FROM taggings") > 10);
    assert_true(count("SELECT count(*) FROM interactions") >= 40);

    char today[11], first[11];
    tcrm_date_today(now, today);
    tcrm_date_add_days(today, -90, first);
    char q[160];
    snprintf(q, sizeof q, "SELECT count(*) FROM interactions WHERE at < '%s'"
             " OR at > '%s 23:59'", first, today);
    assert_int_equal(count(q), 0);

    struct tcrm_reminder_counts c;
    assert_int_equal(tcrm_followup_counts(db, today, 7, 30, &c, &err), 0);
    assert_true(c.overdue >= 2);
    assert_true(c.today >= 2);
    assert_true(c.upcoming >= 3);
    assert_true(c.quiet >= 5);

    for (int i = 0; i < 4; i++) {
        struct tcrm_deal *l;
        size_t n;
        assert_int_equal(tcrm_deal_list(db, stages[i], TCRM_DEAL_OPEN, 0, 0,
                                        0, 100, &l, &n, &err), 0);
        assert_true(n >= 1);
        tcrm_deal_array_free(l, n);
    }
    assert_int_equal(count("SELECT count(*) FROM deals WHERE status='won'"), 2);
    assert_int_equal(count("SELECT count(*) FROM deals WHERE status='lost'"
                           " AND lost_reason IS NOT NULL"), 2);
    /* service and marketing (demo_service.c): a ticket in every state, the
     * urgent one past its response deadline, two rated; the fair's members
     * by tag and the won deal it brought */
    assert_int_equal(count("SELECT count(DISTINCT state) FROM tickets"), 5);
    assert_int_equal(count("SELECT count(*) FROM tickets WHERE state = 'new'"
                           " AND priority = 'urgent' AND response_due <"
                           " datetime('now', 'localtime')"), 1);
    assert_int_equal(count("SELECT count(*) FROM tickets WHERE score"
                           " IS NOT NULL"), 2);
    assert_int_equal(count("SELECT count(*) FROM campaigns"), 2);
    assert_int_equal(count("SELECT count(*) FROM campaign_members m JOIN"
                           " campaigns c ON c.id = m.campaign_id WHERE"
                           " c.kind = 'event'"), 7);
    assert_int_equal(count("SELECT count(*) FROM deals WHERE status = 'won'"
                           " AND campaign_id IS NOT NULL"), 1);

    assert_int_equal(tcrm_db_fill_demo(db, now, stages, 4, "EUR", &err),
                     TCRM_EINVAL);
    char msg[300];
    snprintf(msg, sizeof msg, "%s: the database already has contacts; demo "
             "data goes into an empty one", tcrm_db_path(db));
    assert_string_equal(err.msg, msg);
    assert_int_equal(count("SELECT count(*) FROM contacts"), 40);
    assert_int_equal(tcrm_db_fill_demo(db, now, stages, 0, "EUR", &err),
                     TCRM_EINVAL);
    assert_string_equal(err.msg, "demo: no pipeline stages");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_fill, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
