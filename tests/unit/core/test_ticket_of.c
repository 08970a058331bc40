/*
 * test_ticket_of.c: a customer's tickets for the screen's detail panes
 * (src/core/ticket_of.c): a company's and a contact's, the counts of open
 * and all, the open ones ordered by the running deadline with the
 * waiting ones last, the limit; and an interaction's comments
 * (tcrm_comment_of) as an admin writes them.
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
#include "tcrm/comment.h"
#include "tcrm/company.h"
#include "tcrm/contact.h"
#include "tcrm/interaction.h"
#include "tcrm/ticket.h"

static int64_t ticket(int64_t company, int64_t contact, int priority,
                      const char *subject)
{
    return fixture_ticket(company, contact, TCRM_TICKET_FAULT, priority,
                          subject, NULL);
}

static void test_of(void **state)
{
    (void)state;
    struct tcrm_error err;
    struct tcrm_contact c;
    int64_t co = fixture_company("Acme");
    tcrm_contact_init(&c);
    tcrm_str_set(&c.name, "Anna");
    assert_int_equal(tcrm_contact_insert(db, &c, &err), 0);
    int64_t low = ticket(co, 0, TCRM_PRIORITY_LOW, "slow");
    int64_t urgent = ticket(co, 0, TCRM_PRIORITY_URGENT, "down");
    int64_t waits = ticket(co, 0, TCRM_PRIORITY_URGENT, "asked");
    int64_t done = ticket(co, 0, TCRM_PRIORITY_HIGH, "fixed");
    int64_t hers = ticket(0, c.id, TCRM_PRIORITY_NORMAL, "hers");
    assert_int_equal(tcrm_ticket_wait(db, waits, &err), 0);
    assert_int_equal(tcrm_ticket_resolve(db, done, "ok", &err), 0);

    struct tcrm_ticket *t;
    size_t n;
    int64_t open, total;
    assert_int_equal(tcrm_ticket_of(db, co, 0, 10, &t, &n, &open, &total,
                                    &err), 0);
    assert_int_equal(total, 4);
    assert_int_equal(open, 3);
    assert_int_equal(n, 3);
    assert_int_equal(t[0].id, urgent);      /* the nearest deadline first */
    assert_int_equal(t[1].id, low);
    assert_int_equal(t[2].id, waits);       /* waiting: last */
    assert_string_equal(t[0].subject, "down");
    tcrm_ticket_array_free(t, n);
    assert_int_equal(tcrm_ticket_of(db, co, 0, 1, &t, &n, &open, &total,
                                    &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(open, 3);
    tcrm_ticket_array_free(t, n);
    assert_int_equal(tcrm_ticket_of(db, 0, c.id, 10, &t, &n, &open, &total,
                                    &err), 0);
    assert_int_equal(total, 1);
    assert_int_equal(n, 1);
    assert_int_equal(t[0].id, hers);
    tcrm_ticket_array_free(t, n);
    assert_int_equal(tcrm_ticket_of(db, 0, 999, 10, &t, &n, &open, &total,
                                    &err), 0);
    assert_int_equal(total, 0);
    assert_null(t);
    tcrm_contact_clear(&c);
}

static void test_comment_of(void **state)
{
    (void)state;
    struct tcrm_error err;
    struct tcrm_contact bo;
    struct tcrm_interaction ia;
    tcrm_contact_init(&bo);
    tcrm_str_set(&bo.name, "Bo");
    assert_int_equal(tcrm_contact_insert(db, &bo, &err), 0);
    tcrm_interaction_init(&ia);
    ia.contact_id = bo.id;
    tcrm_str_set(&ia.summary, "hello");
    assert_int_equal(tcrm_interaction_insert(db, &ia, &err), 0);
    assert_int_equal(ia.id, 1);
    tcrm_interaction_clear(&ia);
    tcrm_contact_clear(&bo);
    struct tcrm_comment *c;
    size_t n;
    int64_t id;
    assert_int_equal(tcrm_comment_of(db, 1, &c, &n, &err), 0);
    assert_int_equal(n, 0);
    tcrm_comment_array_free(c, n);
    assert_int_equal(tcrm_comment_add(db, 1, "first", &id, &err), 0);
    assert_int_equal(tcrm_comment_add(db, 1, "second\n", &id, &err), 0);
    assert_int_equal(tcrm_comment_of(db, 1, &c, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(c[0].body, "first");
    assert_string_equal(c[1].body, "second");
    assert_string_equal(c[1].summary, "hello");
    assert_null(c[1].read_at);
    tcrm_comment_array_free(c, n);
}

FIXTURE_AT("2026-03-02 09:00:00", "ann")

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_of, setup, teardown),
        cmocka_unit_test_setup_teardown(test_comment_of, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
