/*
 * test_interaction.c: logging the history and keeping a contact's last
 * interaction right (src/core/interaction.c).
 *
 * Contacts and companies are made with raw SQL here so the test does not
 * depend on contact.c.
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

#include "tcrm/interaction.h"

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

static void fixtures(void)
{
    sql("INSERT INTO companies(id, name, name_key, sort_key, created_at,"
        " updated_at, created_by, updated_by) VALUES (1, 'Acme', 'acme',"
        " 'acme', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'x', 'x');"
        "INSERT INTO contacts(id, name, company_id, name_key, sort_key,"
        " created_at, updated_at, created_by, updated_by) VALUES"
        " (1, '张伟', 1, '张伟', '张伟', '2026-01-01 00:00:00',"
        "  '2026-01-01 00:00:00', 'x', 'x'),"
        " (2, 'Anna', NULL, 'anna', 'anna', '2026-01-01 00:00:00',"
        "  '2026-01-01 00:00:00', 'x', 'x');");
}

static int64_t log_one(int64_t contact, int64_t company, int kind,
                       const char *at, const char *summary)
{
    struct tcrm_interaction ia;
    struct tcrm_error err;
    tcrm_interaction_init(&ia);
    ia.contact_id = contact;
    ia.company_id = company;
    ia.kind = (enum tcrm_interaction_kind)kind;
    tcrm_str_set(&ia.at, at);
    tcrm_str_set(&ia.summary, summary);
    assert_int_equal(tcrm_interaction_insert(db, &ia, &err), 0);
    int64_t id = ia.id;
    assert_int_equal(ia.version, 1);
    tcrm_interaction_clear(&ia);
    return id;
}

static void test_kinds(void **state)
{
    (void)state;
    static const struct { const char *in; int out; } cases[] = {
        { "call", TCRM_IA_CALL }, { "email", TCRM_IA_EMAIL },
        { "e-mail", TCRM_IA_EMAIL }, { "VISIT", TCRM_IA_VISIT },
        { "meeting", TCRM_IA_MEETING }, { "message", TCRM_IA_MESSAGE },
        { "note", TCRM_IA_NOTE }, { "fax", -1 }, { "", -1 }, { NULL, -1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(tcrm_interaction_kind_parse(cases[i].in),
                         cases[i].out);
    for (int k = 0; k < TCRM_IA_COUNT; k++)
        assert_int_equal(tcrm_interaction_kind_parse(
            tcrm_interaction_kind_name((enum tcrm_interaction_kind)k)), k);
}

static void test_bad_input(void **state)
{
    (void)state;
    fixtures();
    static const struct {
        int64_t contact, company;
        const char *at, *summary;
        int code;
        const char *msg;
    } cases[] = {
        { 1, 0, NULL, NULL, TCRM_EINVAL, "summary: required" },
        { 1, 0, NULL, "", TCRM_EINVAL, "summary: required" },
        { 0, 0, NULL, "hi", TCRM_EINVAL,
          "interaction needs a contact or a company" },
        { 9, 0, NULL, "hi", TCRM_ENOTFOUND, "contact 9: not found" },
        { 0, 7, NULL, "hi", TCRM_ENOTFOUND, "company 7: not found" },
        { 1, 0, "yesterday", "hi", TCRM_EINVAL,
          "at: 'yesterday' is not a date (use YYYY-MM-DD HH:MM)" },
        { 1, 0, "2026-02-30 10:00", "hi", TCRM_EINVAL,
          "at: '2026-02-30 10:00' is not a date (use YYYY-MM-DD HH:MM)" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct tcrm_interaction ia;
        struct tcrm_error err;
        tcrm_interaction_init(&ia);
        ia.contact_id = cases[i].contact;
        ia.company_id = cases[i].company;
        tcrm_str_set(&ia.at, cases[i].at);
        tcrm_str_set(&ia.summary, cases[i].summary);
        assert_int_equal(tcrm_interaction_insert(db, &ia, &err),
                         cases[i].code);
        assert_string_equal(err.msg, cases[i].msg);
        tcrm_interaction_clear(&ia);
    }
    char *n = text("SELECT count(*) FROM interactions");
    assert_string_equal(n, "0");
    free(n);
}

static void test_insert_recent_delete(void **state)
{
    (void)state;
    fixtures();
    int64_t a = log_one(1, 0, TCRM_IA_CALL, "2026-11-01 09:30", "报价");
    int64_t b = log_one(1, 0, TCRM_IA_VISIT, "2026-11-20", "visit");
    int64_t c = log_one(1, 0, TCRM_IA_NOTE, "2026-11-10 17:00", "note");
    log_one(2, 0, TCRM_IA_EMAIL, "2026-11-25 08:00", "other person");

    char *last = text("SELECT last_interaction_at FROM contacts WHERE id=1");
    assert_string_equal(last, "2026-11-20 00:00");
    free(last);

    struct tcrm_interaction *list;
    size_t n;
    struct tcrm_error err;
    assert_int_equal(tcrm_interaction_recent(db, 1, 0, 10, &list, &n, &err),
                     0);
    assert_int_equal(n, 3);
    assert_int_equal(list[0].id, b);
    assert_int_equal(list[1].id, c);
    assert_int_equal(list[2].id, a);
    assert_int_equal(list[2].kind, TCRM_IA_CALL);
    assert_string_equal(list[2].summary, "报价");
    assert_string_equal(list[2].contact_name, "张伟");
    assert_int_equal(list[2].company_id, 1);   /* from the contact */
    assert_string_equal(list[2].company_name, "Acme");
    assert_string_equal(list[2].logged_by, "ann");
    assert_string_equal(list[2].stamp.created_by, "ann");
    tcrm_interaction_array_free(list, n);

    assert_int_equal(tcrm_interaction_recent(db, 0, 1, 2, &list, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(list[0].id, b);
    tcrm_interaction_array_free(list, n);

    assert_int_equal(tcrm_interaction_delete(db, b, &err), 0);
    last = text("SELECT last_interaction_at FROM contacts WHERE id=1");
    assert_string_equal(last, "2026-11-10 17:00");
    free(last);
    assert_int_equal(tcrm_interaction_delete(db, b, &err), TCRM_ENOTFOUND);
    char msg[64];
    snprintf(msg, sizeof msg, "interaction %lld: not found", (long long)b);
    assert_string_equal(err.msg, msg);

    assert_int_equal(tcrm_interaction_recent(db, 1, 0, 10, &list, &n, &err),
                     0);
    assert_int_equal(n, 2);
    tcrm_interaction_array_free(list, n);

    char *audit = text("SELECT group_concat(action, ',') FROM (SELECT action"
                       " FROM audit_log WHERE entity = 'interaction'"
                       " ORDER BY id)");
    assert_string_equal(audit, "add,add,add,add,delete");
    free(audit);
    tcrm_interaction_array_free(NULL, 0);
    tcrm_interaction_clear(NULL);
}

static void test_default_at_is_now(void **state)
{
    (void)state;
    fixtures();
    setenv("TCRM_NOW", "2026-11-20 10:12:03", 1);
    int64_t id = log_one(2, 0, TCRM_IA_MEETING, NULL, "lunch");
    unsetenv("TCRM_NOW");
    char q[128];
    snprintf(q, sizeof q, "SELECT at || '|' || created_at || '|' || kind FROM"
             " interactions WHERE id = %lld", (long long)id);
    char *row = text(q);
    assert_string_equal(row, "2026-11-20 10:12|2026-11-20 10:12:03|meeting");
    free(row);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kinds),
        cmocka_unit_test_setup_teardown(test_bad_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_insert_recent_delete, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_default_at_is_now, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
