/*
 * test_followup.c: follow-ups, repeat and snooze, and the reminder counts
 * with a fixed today (src/core/followup.c).
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

/* A contact made with raw SQL, created at `created` (timestamp). */
static void contact(int id, const char *name, const char *created)
{
    char q[512];
    snprintf(q, sizeof q, "INSERT INTO contacts(id, name, name_key, sort_key,"
             " created_at, updated_at, created_by, updated_by) VALUES (%d,"
             " '%s', '%s', '%s', '%s', '%s', 'x', 'x')", id, name, name, name,
             created, created);
    sql(q);
}

static int64_t add(int64_t contact_id, const char *title, const char *due,
                   const char *time, int repeat)
{
    struct tcrm_followup f;
    struct tcrm_error err;
    tcrm_followup_init(&f);
    f.contact_id = contact_id;
    f.repeat_days = repeat;
    tcrm_str_set(&f.title, title);
    tcrm_str_set(&f.due_date, due);
    tcrm_str_set(&f.due_time, time);
    assert_int_equal(tcrm_followup_insert(db, &f, &err), 0);
    int64_t id = f.id;
    tcrm_followup_clear(&f);
    return id;
}

static time_t at(const char *iso)
{
    struct tm tm = { 0 };
    sscanf(iso, "%d-%d-%d %d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
           &tm.tm_hour, &tm.tm_min);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_isdst = -1;
    return mktime(&tm);
}

static void test_bad_input(void **state)
{
    (void)state;
    contact(1, "Anna", "2026-01-01 00:00:00");
    static const struct {
        int64_t contact;
        const char *title, *due, *time;
        int repeat, code;
        const char *msg;
    } cases[] = {
        { 1, NULL, "2026-11-20", NULL, 0, TCRM_EINVAL, "title: required" },
        { 1, "Call", NULL, NULL, 0, TCRM_EINVAL, "due: required" },
        { 1, "Call", "2026-11-31", NULL, 0, TCRM_EINVAL,
          "due: '2026-11-31' is not a date (use YYYY-MM-DD)" },
        { 1, "Call", "tomorrow", NULL, 0, TCRM_EINVAL,
          "due: 'tomorrow' is not a date (use YYYY-MM-DD)" },
        { 1, "Call", "2026-11-20 10:00", NULL, 0, TCRM_EINVAL,
          "due: '2026-11-20 10:00' is not a date (use YYYY-MM-DD)" },
        { 1, "Call", "2026-11-20", "25:00", 0, TCRM_EINVAL,
          "'25:00' is not a time: use HH:MM from 00:00 to 23:59" },
        { 1, "Call", "2026-11-20", "9:00", 0, TCRM_EINVAL,
          "'9:00' is not a time: use HH:MM from 00:00 to 23:59" },
        { 1, "Call", "2026-11-20", "10:60", 0, TCRM_EINVAL,
          "'10:60' is not a time: use HH:MM from 00:00 to 23:59" },
        { 1, "Call", "2026-11-20", NULL, -3, TCRM_EINVAL,
          "repeat: -3 is not a number of days" },
        { 0, "Call", "2026-11-20", NULL, 0, TCRM_EINVAL,
          "follow-up needs a contact, a company or a deal" },
        { 9, "Call", "2026-11-20", NULL, 0, TCRM_ENOTFOUND,
          "contact 9: not found" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct tcrm_followup f;
        struct tcrm_error err;
        tcrm_followup_init(&f);
        f.contact_id = cases[i].contact;
        f.repeat_days = cases[i].repeat;
        tcrm_str_set(&f.title, cases[i].title);
        tcrm_str_set(&f.due_date, cases[i].due);
        tcrm_str_set(&f.due_time, cases[i].time);
        assert_int_equal(tcrm_followup_insert(db, &f, &err), cases[i].code);
        assert_string_equal(err.msg, cases[i].msg);
        tcrm_followup_clear(&f);
    }
    char *n = text("SELECT count(*) FROM follow_ups");
    assert_string_equal(n, "0");
    free(n);
}

static void test_get_and_next_due(void **state)
{
    (void)state;
    struct tcrm_error err;
    contact(1, "Anna", "2026-01-01 00:00:00");
    sql("INSERT INTO contact_channels(contact_id, kind, value, value_key,"
        " position) VALUES (1, 'email', 'a@x.org', 'a@x.org', 0),"
        " (1, 'work', '+44 20 1', '4420', 1), (1, 'mobile', '+44 7700', '', 2)");
    int64_t a = add(1, "Call Anna", "2026-11-25", "14:30", 0);
    add(1, "Send quote", "2026-11-22", NULL, 0);
    char *next = text("SELECT next_followup_due FROM contacts WHERE id = 1");
    assert_string_equal(next, "2026-11-22");
    free(next);

    struct tcrm_followup f;
    assert_int_equal(tcrm_followup_get(db, a, &f, &err), 0);
    assert_string_equal(f.title, "Call Anna");
    assert_string_equal(f.due_date, "2026-11-25");
    assert_string_equal(f.due_time, "14:30");
    assert_string_equal(f.contact_name, "Anna");
    assert_string_equal(f.phone, "+44 7700");
    assert_int_equal(f.status, TCRM_FU_OPEN);
    assert_int_equal(f.version, 1);
    tcrm_followup_clear(&f);
    assert_int_equal(tcrm_followup_get(db, 99, &f, &err), TCRM_ENOTFOUND);
    assert_string_equal(err.msg, "follow-up 99: not found");
    tcrm_followup_clear(NULL);
}

static void test_repeat(void **state)
{
    (void)state;
    struct tcrm_error err;
    int64_t next = -1;
    contact(1, "Anna", "2026-01-01 00:00:00");
    int64_t id = add(1, "Weekly call", "2026-11-01", "09:00", 7);
    /* missed for weeks: the next one is the first step after today */
    assert_int_equal(tcrm_followup_done(db, id, at("2026-11-20 10:00"), &next,
                                        &err), 0);
    assert_true(next > id);
    struct tcrm_followup f;
    assert_int_equal(tcrm_followup_get(db, next, &f, &err), 0);
    assert_string_equal(f.due_date, "2026-11-22");
    assert_string_equal(f.due_time, "09:00");
    assert_string_equal(f.title, "Weekly call");
    assert_int_equal(f.repeat_days, 7);
    assert_int_equal(f.contact_id, 1);
    assert_int_equal(f.status, TCRM_FU_OPEN);
    tcrm_followup_clear(&f);

    assert_int_equal(tcrm_followup_get(db, id, &f, &err), 0);
    assert_int_equal(f.status, TCRM_FU_DONE);
    assert_string_equal(f.done_at, "2026-11-20 10:00:00");
    assert_int_equal(f.version, 2);
    tcrm_followup_clear(&f);

    char msg[64];
    snprintf(msg, sizeof msg, "follow-up %lld is already done",
             (long long)id);
    assert_int_equal(tcrm_followup_done(db, id, at("2026-11-20 10:00"), &next,
                                        &err), TCRM_EINVAL);
    assert_string_equal(err.msg, msg);
    assert_int_equal(next, 0);

    /* due exactly today + done today: next is due + 7 */
    int64_t d = add(1, "Daily-ish", "2026-11-20", NULL, 3);
    assert_int_equal(tcrm_followup_done(db, d, at("2026-11-20 18:00"), &next,
                                        &err), 0);
    assert_int_equal(tcrm_followup_get(db, next, &f, &err), 0);
    assert_string_equal(f.due_date, "2026-11-23");
    tcrm_followup_clear(&f);

    /* done early (due in future): next is due + repeat, not today-based */
    int64_t e = add(1, "Early", "2026-12-01", NULL, 10);
    assert_int_equal(tcrm_followup_done(db, e, at("2026-11-20 18:00"), NULL,
                                        &err), 0);
    char *due = text("SELECT max(due_date) FROM follow_ups WHERE title ="
                     " 'Early'");
    assert_string_equal(due, "2026-12-11");
    free(due);

    /* not repeating: nothing new */
    int64_t once = add(1, "Once", "2026-11-10", NULL, 0);
    assert_int_equal(tcrm_followup_done(db, once, at("2026-11-20 18:00"),
                                        &next, &err), 0);
    assert_int_equal(next, 0);
    char *n = text("SELECT count(*) FROM follow_ups WHERE title = 'Once'");
    assert_string_equal(n, "1");
    free(n);
}

static void test_snooze_cancel_delete(void **state)
{
    (void)state;
    struct tcrm_error err;
    struct tcrm_followup f;
    contact(1, "Anna", "2026-01-01 00:00:00");
    int64_t id = add(1, "Call", "2026-11-20", "10:00", 0);
    assert_int_equal(tcrm_followup_snooze(db, id, "2026-11-24", "15:00", &err),
                     0);
    assert_int_equal(tcrm_followup_get(db, id, &f, &err), 0);
    assert_string_equal(f.due_date, "2026-11-24");
    assert_string_equal(f.due_time, "15:00");
    assert_string_equal(f.snoozed_from, "2026-11-20");
    assert_int_equal(f.version, 2);
    tcrm_followup_clear(&f);
    char *next = text("SELECT next_followup_due FROM contacts WHERE id = 1");
    assert_string_equal(next, "2026-11-24 15:00");
    free(next);

    assert_int_equal(tcrm_followup_snooze(db, id, "2026-11-26", NULL, &err), 0);
    assert_int_equal(tcrm_followup_get(db, id, &f, &err), 0);
    assert_null(f.due_time);
    assert_string_equal(f.snoozed_from, "2026-11-24");
    tcrm_followup_clear(&f);

    assert_int_equal(tcrm_followup_snooze(db, id, "soon", NULL, &err),
                     TCRM_EINVAL);
    assert_string_equal(err.msg, "due: 'soon' is not a date (use YYYY-MM-DD)");
    assert_int_equal(tcrm_followup_snooze(db, 77, "2026-11-26", NULL, &err),
                     TCRM_ENOTFOUND);
    assert_string_equal(err.msg, "follow-up 77: not found");

    assert_int_equal(tcrm_followup_cancel(db, id, &err), 0);
    char msg[64];
    snprintf(msg, sizeof msg, "follow-up %lld is cancelled", (long long)id);
    assert_int_equal(tcrm_followup_snooze(db, id, "2026-11-28", NULL, &err),
                     TCRM_EINVAL);
    assert_string_equal(err.msg, msg);
    next = text("SELECT next_followup_due FROM contacts WHERE id = 1");
    assert_null(next);

    int64_t other = add(1, "Other", "2026-11-21", NULL, 0);
    assert_int_equal(tcrm_followup_delete(db, other, &err), 0);
    assert_int_equal(tcrm_followup_get(db, other, &f, &err), TCRM_ENOTFOUND);
    next = text("SELECT next_followup_due FROM contacts WHERE id = 1");
    assert_null(next);
    char *audit = text("SELECT group_concat(action || ':' ||"
                       " coalesce(details, ''), ',') FROM (SELECT * FROM"
                       " audit_log WHERE entity = 'follow-up' ORDER BY id)");
    assert_string_equal(audit, "add:Call,edit:Call,edit:Call,edit:Call,"
                        "add:Other,delete:Other");
    free(audit);
    /* The audit trail has each changed field with its old and new value. */
    audit = text("SELECT group_concat(field || '=' || coalesce(old_value, '')"
                 " || '>' || coalesce(new_value, ''), ';') FROM audit_fields"
                 " WHERE audit_id = (SELECT min(id) FROM audit_log WHERE"
                 " entity = 'follow-up' AND action = 'edit')");
    assert_non_null(strstr(audit, "due_date="));
    assert_non_null(strstr(audit, ">2026-11-24"));
    assert_non_null(strstr(audit, "due_time=10:00>15:00"));
    free(audit);
    audit = text("SELECT group_concat(field || '=' || old_value || '>' ||"
                 " new_value) FROM audit_fields WHERE audit_id = (SELECT"
                 " max(id) FROM audit_log WHERE entity = 'follow-up' AND"
                 " action = 'edit')");
    assert_string_equal(audit, "status=open>cancelled");
    free(audit);
}

static void test_list(void **state)
{
    (void)state;
    struct tcrm_error err;
    contact(1, "Anna", "2026-01-01 00:00:00");
    contact(2, "Bo", "2026-01-01 00:00:00");
    add(1, "c", "2026-11-22", "15:00", 0);
    add(2, "a", "2026-11-20", NULL, 0);
    add(1, "b", "2026-11-22", "09:00", 0);
    int64_t d = add(1, "done", "2026-11-21", NULL, 0);
    assert_int_equal(tcrm_followup_done(db, d, at("2026-11-21 08:00"), NULL,
                                        &err), 0);
    struct tcrm_followup *l;
    size_t n;
    assert_int_equal(tcrm_followup_list(db, 1, 0, NULL, NULL, 10, &l, &n,
                                        &err), 0);
    assert_int_equal(n, 3);
    assert_string_equal(l[0].title, "a");
    assert_string_equal(l[1].title, "b");
    assert_string_equal(l[2].title, "c");
    tcrm_followup_array_free(l, n);
    assert_int_equal(tcrm_followup_list(db, 0, 1, "2026-11-21", "2026-11-21",
                                        10, &l, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(l[0].title, "done");
    tcrm_followup_array_free(l, n);
    assert_int_equal(tcrm_followup_list(db, 1, 1, NULL, NULL, 1, &l, &n,
                                        &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(l[0].title, "b");
    tcrm_followup_array_free(l, n);
}

/* tcrm_followup_page walks the open follow-ups in tcrm_followup_list's
 * order (a day's untimed one first) one row at a time, both ways. */
static void test_page(void **state)
{
    (void)state;
    struct tcrm_error err;
    contact(1, "Anna", "2026-01-01 00:00:00");
    add(1, "d", "2026-11-22", "15:00", 0);
    add(1, "a", "2026-11-20", NULL, 0);
    add(1, "c", "2026-11-22", "09:00", 0);
    add(1, "b", "2026-11-22", NULL, 0);
    add(1, "b2", "2026-11-22", NULL, 0);
    add(1, "e", "2026-11-23", "08:00", 0);
    int64_t x = add(1, "gone", "2026-11-21", NULL, 0);
    assert_int_equal(tcrm_followup_cancel(db, x, &err), 0);
    static const char *const order[] = {"a", "b", "b2", "c", "d", "e"};
    struct tcrm_followup *p, cur;
    size_t n;
    int more;
    int64_t count = 0;
    tcrm_followup_init(&cur);
    for (size_t i = 0; i < 6; i++) {          /* forwards, one by one */
        assert_int_equal(tcrm_followup_page(db, i ? &cur : NULL, 0, 1, &p, &n,
                                            &more, &err), 0);
        assert_int_equal(n, 1);
        assert_string_equal(p[0].title, order[i]);
        assert_int_equal(more, i < 5);
        tcrm_followup_clear(&cur);
        cur = p[0];
        free(p);
    }
    for (size_t i = 5; i-- > 0;) {            /* and back */
        assert_int_equal(tcrm_followup_page(db, &cur, 1, 1, &p, &n, &more,
                                            &err), 0);
        assert_int_equal(n, 1);
        assert_string_equal(p[0].title, order[i]);
        assert_int_equal(more, i > 0);
        tcrm_followup_clear(&cur);
        cur = p[0];
        free(p);
    }
    tcrm_followup_clear(&cur);
    assert_int_equal(tcrm_followup_page(db, NULL, 1, 4, &p, &n, &more, &err),
                     0);
    assert_int_equal(n, 4);
    assert_int_equal(more, 1);
    assert_string_equal(p[0].title, "b2");
    assert_string_equal(p[3].title, "e");
    tcrm_followup_array_free(p, n);
    assert_int_equal(tcrm_followup_count_open(db, &count, &err), 0);
    assert_int_equal(count, 6);
}

static void test_counts_and_quiet(void **state)
{
    (void)state;
    struct tcrm_error err;
    /* today is 2026-11-20; quiet after 30 days */
    contact(1, "Heard 40 days ago", "2026-01-01 00:00:00");
    contact(2, "Heard 30 days ago", "2026-01-01 00:00:00");
    contact(3, "Heard 29 days ago", "2026-01-01 00:00:00");
    contact(4, "Never, created 60 days ago", "2026-09-21 12:00:00");
    contact(5, "Never, created 10 days ago", "2026-11-10 12:00:00");
    contact(6, "Trashed", "2026-01-01 00:00:00");
    sql("UPDATE contacts SET deleted_at = '2026-11-01 00:00:00' WHERE id = 6");
    sql("INSERT INTO interactions(contact_id, kind, at, summary, logged_by,"
        " created_at, updated_at, created_by, updated_by) VALUES"
        " (1, 'call', '2026-10-11 09:00', 's', 'x', 'x', 'x', 'x', 'x'),"
        " (2, 'call', '2026-10-21 23:59', 's', 'x', 'x', 'x', 'x', 'x'),"
        " (3, 'call', '2026-10-22 00:00', 's', 'x', 'x', 'x', 'x', 'x'),"
        " (6, 'call', '2026-01-02 00:00', 's', 'x', 'x', 'x', 'x', 'x')");

    add(1, "overdue 1", "2026-11-01", NULL, 0);
    add(1, "overdue 2", "2026-11-19", "23:00", 0);
    add(1, "today", "2026-11-20", "08:00", 0);
    add(1, "tomorrow", "2026-11-21", NULL, 0);
    add(1, "in 7 days", "2026-11-27", NULL, 0);
    add(1, "in 8 days", "2026-11-28", NULL, 0);
    int64_t done = add(1, "done", "2026-11-02", NULL, 0);
    int64_t gone = add(1, "deleted", "2026-11-03", NULL, 0);
    assert_int_equal(tcrm_followup_done(db, done, at("2026-11-20 10:00"),
                                        NULL, &err), 0);
    assert_int_equal(tcrm_followup_delete(db, gone, &err), 0);

    struct tcrm_reminder_counts c;
    assert_int_equal(tcrm_followup_counts(db, "2026-11-20", 7, 30, &c, &err),
                     0);
    assert_int_equal(c.overdue, 2);
    assert_int_equal(c.today, 1);
    assert_int_equal(c.upcoming, 2);
    assert_int_equal(c.quiet, 3);   /* contacts 1, 2 and 4 */

    assert_int_equal(tcrm_followup_counts(db, "2026-11-20", 8, 29, &c, &err),
                     0);
    assert_int_equal(c.upcoming, 3);
    assert_int_equal(c.quiet, 4);

    assert_int_equal(tcrm_followup_counts(db, "20-11-2026", 7, 30, &c, &err),
                     TCRM_EINVAL);
    assert_string_equal(err.msg,
                        "today: '20-11-2026' is not a date (use YYYY-MM-DD)");

    struct tcrm_quiet_contact *q;
    size_t n;
    assert_int_equal(tcrm_followup_quiet(db, "2026-11-20", 30, 10, &q, &n,
                                         &err), 0);
    assert_int_equal(n, 3);
    assert_int_equal(q[0].id, 4);
    assert_int_equal(q[0].days, 60);
    assert_null(q[0].last_interaction_at);
    assert_int_equal(q[1].id, 1);
    assert_int_equal(q[1].days, 40);
    assert_string_equal(q[1].last_interaction_at, "2026-10-11 09:00");
    assert_int_equal(q[2].id, 2);
    assert_int_equal(q[2].days, 30);
    tcrm_quiet_array_free(q, n);
    assert_int_equal(tcrm_followup_quiet(db, "2026-11-20", 30, 2, &q, &n,
                                         &err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(q[1].id, 1);
    tcrm_quiet_array_free(q, n);
}

/* One rule: the due date against today; the time of day never counts. */
static void test_when(void **state)
{
    (void)state;
    assert_int_equal(tcrm_followup_when("2026-11-19", "2026-11-20"),
                     TCRM_FU_OVERDUE);
    assert_int_equal(tcrm_followup_when("2026-11-20", "2026-11-20"),
                     TCRM_FU_TODAY);
    assert_int_equal(tcrm_followup_when("2026-11-20 09:00", "2026-11-20"),
                     TCRM_FU_TODAY);
    assert_int_equal(tcrm_followup_when("2026-11-21", "2026-11-20"),
                     TCRM_FU_LATER);
    assert_int_equal(tcrm_followup_when(NULL, "2026-11-20"), TCRM_FU_TODAY);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_bad_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_get_and_next_due, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_repeat, setup, teardown),
        cmocka_unit_test_setup_teardown(test_snooze_cancel_delete, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_counts_and_quiet, setup,
                                        teardown),
        cmocka_unit_test(test_when),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
