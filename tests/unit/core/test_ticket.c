/*
 * test_ticket.c: the deadline arithmetic of tickets (src/core/
 * ticket_clock.c, pure) and the clock through the core (ticket.c,
 * ticket_state.c): deadlines from the hours of a priority, across a
 * month and a year's end and a leap day, a wait that stops the clock
 * and pushes the resolution deadline by its length, a waiting ticket
 * that is never late, a priority change computing both again, and the
 * resolution time with the waits left out; and the complaints per
 * customer of the service report.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "ticket_fixture.h"
#include "tcrm/company.h"
#include "tcrm/ticket.h"

static void test_stamps(void **state)
{
    (void)state;
    char out[20];
    assert_int_equal(tcrm_ticket_secs("1970-01-01 00:00:00"), 0);
    assert_int_equal(tcrm_ticket_secs("1970-01-02"), 86400);
    assert_int_equal(tcrm_ticket_secs("nonsense"), -1);
    assert_int_equal(tcrm_ticket_secs("2026-13-01 00:00"), -1);
    tcrm_ticket_stamp(tcrm_ticket_secs("2026-03-02 09:15:07"), out);
    assert_string_equal(out, "2026-03-02 09:15:07");
    tcrm_ticket_deadline("2026-02-28 20:00:00", 8, 0, out);
    assert_string_equal(out, "2026-03-01 04:00:00");
    tcrm_ticket_deadline("2028-02-28 20:00:00", 8, 0, out);   /* leap day */
    assert_string_equal(out, "2028-02-29 04:00:00");
    tcrm_ticket_deadline("2026-12-31 23:30:00", 2, 0, out);
    assert_string_equal(out, "2027-01-01 01:30:00");
    tcrm_ticket_deadline("2026-03-02 09:00:00", 48, 86400 + 1800, out);
    assert_string_equal(out, "2026-03-05 09:30:00");
}

static void test_left(void **state)
{
    (void)state;
    struct tcrm_ticket t;
    int running;
    memset(&t, 0, sizeof t);
    t.state = TCRM_TICKET_NEW;
    t.response_due = "2026-03-02 17:00:00";
    t.resolve_due = "2026-03-04 09:00:00";
    assert_int_equal(tcrm_ticket_left(&t, "2026-03-02 16:00:00", &running),
                     3600);
    assert_int_equal(running, 1);
    t.first_response_at = "2026-03-02 10:00:00";
    assert_int_equal(tcrm_ticket_left(&t, "2026-03-04 10:00:00", &running),
                     -3600);
    t.state = TCRM_TICKET_WAITING;
    assert_int_equal(tcrm_ticket_left(&t, "2026-03-09 10:00:00", &running), 0);
    assert_int_equal(running, 0);
    assert_null(tcrm_ticket_next_due(&t));
    t.state = TCRM_TICKET_RESOLVED;
    t.stamp.created_at = "2026-03-02 09:00:00";
    t.resolved_at = "2026-03-03 12:00:00";
    t.waited = 24 * 3600;
    assert_int_equal(tcrm_ticket_resolve_secs(&t), 3 * 3600);
}

static int64_t add_ticket(int64_t company, int type, int priority,
                          const struct tcrm_ticket_hours *h)
{
    return fixture_ticket(company, 0, type, priority, "Jam", h);
}

static int64_t new_ticket(int priority, const struct tcrm_ticket_hours *h)
{
    return add_ticket(fixture_company("Acme"), TCRM_TICKET_FAULT, priority, h);
}

static void at(const char *now)
{
    setenv("TCRM_NOW", now, 1);
}

static void test_clock_with_wait(void **state)
{
    (void)state;
    struct tcrm_ticket_hours h;
    struct tcrm_ticket t;
    struct tcrm_error err;
    tcrm_ticket_hours_default(&h);
    h.response[TCRM_PRIORITY_HIGH] = 4;
    h.resolve[TCRM_PRIORITY_HIGH] = 24;
    at("2026-03-02 09:00:00");
    int64_t id = new_ticket(TCRM_PRIORITY_HIGH, &h);
    assert_int_equal(tcrm_ticket_get(db, id, &t, &err), 0);
    assert_string_equal(t.response_due, "2026-03-02 13:00:00");
    assert_string_equal(t.resolve_due, "2026-03-03 09:00:00");
    tcrm_ticket_clear(&t);
    at("2026-03-02 10:00:00");      /* the first response, then a wait */
    assert_int_equal(tcrm_ticket_wait(db, id, &err), 0);
    at("2026-03-04 16:30:00");      /* 54 h 30 min later the customer answers */
    assert_int_equal(tcrm_ticket_note(db, id, "answer", &err), 0);
    assert_int_equal(tcrm_ticket_get(db, id, &t, &err), 0);
    assert_int_equal(t.state, TCRM_TICKET_IN_PROGRESS);
    assert_string_equal(t.first_response_at, "2026-03-02 10:00:00");
    assert_string_equal(t.response_due, "2026-03-02 13:00:00");
    assert_string_equal(t.resolve_due, "2026-03-05 15:30:00");
    assert_int_equal(t.waited, 54 * 3600 + 1800);
    tcrm_ticket_clear(&t);
    /* a priority change: both again from the opening, the wait kept */
    struct tcrm_ticket_change c = { -1, TCRM_PRIORITY_URGENT, NULL, 0, &h };
    assert_int_equal(tcrm_ticket_edit(db, id, &c, &err), 0);
    assert_int_equal(tcrm_ticket_get(db, id, &t, &err), 0);
    assert_string_equal(t.resolve_due, "2026-03-04 23:30:00");   /* 8 h */
    tcrm_ticket_clear(&t);
    at("2026-03-04 18:30:00");
    assert_int_equal(tcrm_ticket_resolve(db, id, "fixed", &err), 0);
    assert_int_equal(tcrm_ticket_get(db, id, &t, &err), 0);
    /* 57 h 30 min open, 54 h 30 min of it waiting */
    assert_int_equal(tcrm_ticket_resolve_secs(&t), 3 * 3600);
    tcrm_ticket_clear(&t);
}

static void test_rules(void **state)
{
    (void)state;
    struct tcrm_error err;
    at("2026-03-02 09:00:00");
    int64_t id = new_ticket(TCRM_PRIORITY_NORMAL, NULL);
    assert_int_equal(tcrm_ticket_rate(db, id, 4, NULL, &err), TCRM_EINVAL);
    assert_string_equal(err.field, "state");
    assert_int_equal(tcrm_ticket_close(db, id, &err), TCRM_EINVAL);
    assert_int_equal(tcrm_ticket_reopen(db, id, &err), TCRM_EINVAL);
    assert_int_equal(tcrm_ticket_resolve(db, id, "done", &err), 0);
    assert_int_equal(tcrm_ticket_rate(db, id, 6, NULL, &err), TCRM_EINVAL);
    assert_string_equal(err.field, "score");
    assert_int_equal(tcrm_ticket_rate(db, id, 5, "ok", &err), 0);
    assert_int_equal(tcrm_ticket_close(db, id, &err), 0);
    assert_int_equal(tcrm_ticket_wait(db, id, &err), TCRM_EINVAL);
    assert_string_equal(err.msg, "ticket T2026-0001 is closed: it cannot "
                        "wait (reopen it first)");
    assert_int_equal(tcrm_ticket_reopen(db, id, &err), 0);
    struct tcrm_ticket t;
    assert_int_equal(tcrm_ticket_get(db, id, &t, &err), 0);
    assert_int_equal(t.score, 0);           /* reopening clears the rating */
    assert_null(t.resolved_at);
    tcrm_ticket_clear(&t);
    struct tcrm_ticket_event *e;
    size_t n;
    assert_int_equal(tcrm_ticket_events(db, id, &e, &n, &err), 0);
    assert_int_equal(n, 5);   /* add, resolve, rate, close, reopen */
    assert_string_equal(e[4].kind, "state");
    assert_string_equal(e[4].from, "closed");
    assert_string_equal(e[4].to, "in_progress");
    tcrm_ticket_events_free(e, n);
}

/* The Tickets view's order: by state, then the running deadline, then
 * id; paged forwards and backwards in pieces of two, and counted. */
static void test_view_order(void **state)
{
    (void)state;
    struct tcrm_error err;
    struct tcrm_company c;
    int64_t id[6];
    static const int prio[6] = { TCRM_PRIORITY_LOW, TCRM_PRIORITY_URGENT,
                                 TCRM_PRIORITY_NORMAL, TCRM_PRIORITY_HIGH,
                                 TCRM_PRIORITY_NORMAL, TCRM_PRIORITY_LOW };
    tcrm_company_init(&c);
    tcrm_str_set(&c.name, "Acme");
    assert_int_equal(tcrm_company_insert(db, &c, &err), 0);
    at("2026-03-02 09:00:00");
    for (int i = 0; i < 6; i++) {
        struct tcrm_ticket_in in = { c.id, 0, TCRM_TICKET_FAULT, prio[i], 0,
                                     "Jam", NULL, NULL };
        assert_int_equal(tcrm_ticket_add(db, &in, &id[i], &err), 0);
    }
    tcrm_company_clear(&c);
    assert_int_equal(tcrm_ticket_wait(db, id[0], &err), 0);
    assert_int_equal(tcrm_ticket_resolve(db, id[3], "done", &err), 0);
    assert_int_equal(tcrm_ticket_note(db, id[4], "looking", &err), 0);
    assert_int_equal(tcrm_ticket_resolve(db, id[5], "done", &err), 0);
    assert_int_equal(tcrm_ticket_close(db, id[5], &err), 0);
    /* new: urgent (2 h) before normal (24 h); in progress; waiting;
     * resolved; closed */
    const int64_t want[6] = { id[1], id[2], id[4], id[0], id[3], id[5] };
    struct tcrm_ticket *page = NULL, last;
    size_t n, k = 0;
    int more = 1, first = 1;
    memset(&last, 0, sizeof last);
    while (more) {
        assert_int_equal(tcrm_ticket_page_by_state(db, NULL, first ? NULL
                         : &last, 0, 2, &page, &n, &more, &err), 0);
        first = 0;
        for (size_t i = 0; i < n; i++)
            assert_int_equal(page[i].id, want[k++]);
        tcrm_ticket_clear(&last);
        last = page[n - 1];
        memset(&page[n - 1], 0, sizeof page[n - 1]);
        tcrm_ticket_array_free(page, n);
    }
    assert_int_equal(k, 6);
    /* backwards from the end, and from the last row read */
    assert_int_equal(tcrm_ticket_page_by_state(db, NULL, NULL, 1, 2, &page,
                                               &n, &more, &err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(page[0].id, want[4]);
    assert_int_equal(page[1].id, want[5]);
    assert_int_equal(more, 1);
    tcrm_ticket_array_free(page, n);
    assert_int_equal(tcrm_ticket_page_by_state(db, NULL, &last, 1, 10, &page,
                                               &n, &more, &err), 0);
    assert_int_equal(n, 5);
    assert_int_equal(page[0].id, want[0]);
    assert_int_equal(page[4].id, want[4]);
    assert_int_equal(more, 0);
    tcrm_ticket_array_free(page, n);
    tcrm_ticket_clear(&last);
    struct tcrm_ticket_filter f = { 1, NULL, 0, 0 };
    int64_t count;
    assert_int_equal(tcrm_ticket_count(db, &f, &count, &err), 0);
    assert_int_equal(count, 4);
    f.open_only = 0;
    f.company_id = 999;
    assert_int_equal(tcrm_ticket_count(db, &f, &count, &err), 0);
    assert_int_equal(count, 0);
}

/* What falls due (tcrm_ticket_due): new tickets by their response
 * deadline and those in progress by their resolution deadline, merged in
 * deadline order; waiting, resolved and later ones not at all; the count
 * of all, the rows cut at the limit. */
static void test_due_order(void **state)
{
    (void)state;
    struct tcrm_error err;
    at("2026-03-02 09:00:00");
    int64_t co = fixture_company("Acme");
    /* low: answer within 72 h; urgent: 2 h (resolve 8 h); normal: 24 h */
    int64_t low = fixture_ticket(co, 0, TCRM_TICKET_FAULT, TCRM_PRIORITY_LOW,
                                 "Slow", NULL);
    int64_t urg = fixture_ticket(co, 0, TCRM_TICKET_FAULT,
                                 TCRM_PRIORITY_URGENT, "Down", NULL);
    int64_t nor = fixture_ticket(co, 0, TCRM_TICKET_QUESTION,
                                 TCRM_PRIORITY_NORMAL, "How", NULL);
    int64_t wai = fixture_ticket(co, 0, TCRM_TICKET_FAULT,
                                 TCRM_PRIORITY_URGENT, "Waits", NULL);
    assert_int_equal(tcrm_ticket_note(db, urg, "on it", &err), 0);
    assert_int_equal(tcrm_ticket_wait(db, wai, &err), 0);
    struct tcrm_ticket *t;
    size_t n;
    int64_t total;
    /* a week on: the urgent one in progress (resolve by 17:00 on the 2nd)
     * before the normal one (answer by the 3rd) and the low one (the
     * 5th); the waiting one's clock is stopped */
    assert_int_equal(tcrm_ticket_due(db, "2026-03-09 09:00:00", 10, &t, &n,
                                     &total, &err), 0);
    assert_int_equal(total, 3);
    assert_int_equal(n, 3);
    assert_int_equal(t[0].id, urg);
    assert_int_equal(t[1].id, nor);
    assert_int_equal(t[2].id, low);
    tcrm_ticket_array_free(t, n);
    assert_int_equal(tcrm_ticket_due(db, "2026-03-09 09:00:00", 2, &t, &n,
                                     &total, &err), 0);
    assert_int_equal(total, 3);
    assert_int_equal(n, 2);
    assert_int_equal(t[1].id, nor);
    tcrm_ticket_array_free(t, n);
    /* before any deadline: nothing */
    assert_int_equal(tcrm_ticket_due(db, "2026-03-02 10:00:00", 10, &t, &n,
                                     &total, &err), 0);
    assert_int_equal(total, 0);
    assert_int_equal(n, 0);
    tcrm_ticket_array_free(t, n);
}

/* Complaints per customer (ticket_stats.c): the most first, then the most open; cut at the limit with the
 * count of all; only complaints, only the period. */
static void test_complaints(void **state)
{
    (void)state;
    struct tcrm_ticket_complaint *c;
    struct tcrm_error err;
    size_t n;
    at("2026-03-02 09:00:00");
    int64_t a = fixture_company("Acme"), b = fixture_company("Bolt"),
            k = fixture_company("Cora");
    add_ticket(a, TCRM_TICKET_COMPLAINT, TCRM_PRIORITY_NORMAL, NULL);
    int64_t done = add_ticket(a, TCRM_TICKET_COMPLAINT, TCRM_PRIORITY_HIGH,
                              NULL);
    assert_int_equal(tcrm_ticket_resolve(db, done, "sorry", &err), 0);
    done = add_ticket(k, TCRM_TICKET_COMPLAINT, TCRM_PRIORITY_LOW, NULL);
    assert_int_equal(tcrm_ticket_resolve(db, done, "sorry", &err), 0);
    add_ticket(b, TCRM_TICKET_COMPLAINT, TCRM_PRIORITY_LOW, NULL);
    add_ticket(k, TCRM_TICKET_FAULT, TCRM_PRIORITY_LOW, NULL);
    add_ticket(k, TCRM_TICKET_FAULT, TCRM_PRIORITY_LOW, NULL);
    assert_int_equal(tcrm_ticket_complaints(db, "2026-03-01", "2026-03-31",
                                            NULL, 2, &c, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(c[0].company_id, a);
    assert_int_equal(c[0].count, 2);
    assert_int_equal(c[0].open, 1);
    assert_int_equal(c[0].total, 3);
    assert_string_equal(c[0].customer, "Acme");
    assert_int_equal(c[1].company_id, b);   /* open, before Cora's */
    assert_int_equal(c[1].count, 1);
    assert_int_equal(c[1].open, 1);
    assert_string_equal(c[1].customer, "Bolt");
    tcrm_ticket_complaints_free(c, n);
    assert_int_equal(tcrm_ticket_complaints(db, "2026-04-01", NULL, NULL, 50,
                                            &c, &n, &err), 0);
    assert_int_equal(n, 0);
    tcrm_ticket_complaints_free(c, n);
}

FIXTURE_AT("2026-03-02 09:00:00", "ann")

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stamps),
        cmocka_unit_test(test_left),
        cmocka_unit_test_setup_teardown(test_clock_with_wait, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_view_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_due_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_complaints, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
