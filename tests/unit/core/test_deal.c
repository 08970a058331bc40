/*
 * test_deal.c: money parsing and formatting, deals through the pipeline,
 * won/lost, optimistic edits and stage totals (src/core/deal.c).
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

#include "tcrm/deal.h"

#include "fixture.h"

static int setup(void **state)
{
    (void)state;
    int rc = fixture_open("ann");
    if (rc == 0)
        rc = sqlite3_exec(db->sql,
            "INSERT INTO companies(id, name, name_key, sort_key, created_at,"
            " updated_at, created_by, updated_by) VALUES (1, 'Acme', 'acme',"
            " 'acme', 'x', 'x', 'x', 'x');"
            "INSERT INTO contacts(id, name, company_id, name_key, sort_key,"
            " created_at, updated_at, created_by, updated_by) VALUES"
            " (1, '李娜', 1, '李娜', '李娜', 'x', 'x', 'x', 'x')",
            NULL, NULL, NULL);
    return rc;
}

static int teardown(void **state)
{
    (void)state;
    return fixture_close();
}

static void test_money_parse(void **state)
{
    (void)state;
    static const struct { const char *in; int64_t minor; } good[] = {
        { "1200.50", 120050 }, { "1,200.50", 120050 }, { "1200", 120000 },
        { "0.5", 50 }, { ".5", 50 }, { "0", 0 }, { "0.05", 5 },
        { " 12 ", 1200 }, { "1,234,567.89", 123456789 }, { "999", 99900 },
        { "007", 700 }, { "90071992547409.91", 9007199254740991 },
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        int64_t v = -1;
        struct tcrm_error err;
        assert_int_equal(tcrm_money_parse(good[i].in, &v, &err), 0);
        assert_int_equal(v, good[i].minor);
    }
    static const struct { const char *in, *msg; } bad[] = {
        { "12.345", "amount: '12.345' has more than 2 decimals" },
        { "abc", "amount: 'abc' is not a number" },
        { "-5", "amount: must not be negative" },
        { "-1,000.00", "amount: must not be negative" },
        { "", "amount: required" },
        { "   ", "amount: required" },
        { NULL, "amount: required" },
        { "12,34", "amount: '12,34' is not a number" },
        { "1234,567", "amount: '1234,567' is not a number" },
        { ",123", "amount: ',123' is not a number" },
        { "1,,234", "amount: '1,,234' is not a number" },
        { "5.", "amount: '5.' is not a number" },
        { ".", "amount: '.' is not a number" },
        { "1.2.3", "amount: '1.2.3' is not a number" },
        { "1e5", "amount: '1e5' is not a number" },
        { "+5", "amount: '+5' is not a number" },
        { "12 000", "amount: '12 000' is not a number" },
        { "-abc", "amount: '-abc' is not a number" },
        { "€12", "amount: '€12' is not a number" },
        { "99999999999999999999", "amount: '99999999999999999999' is too "
          "large" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t v = 42;
        struct tcrm_error err;
        assert_int_equal(tcrm_money_parse(bad[i].in, &v, &err), TCRM_EINVAL);
        assert_string_equal(err.msg, bad[i].msg);
        assert_int_equal(v, 42);
    }
}

static void test_money_format(void **state)
{
    (void)state;
    static const struct {
        int64_t minor;
        const char *cur, *out;
    } cases[] = {
        { 120050, "EUR", "1,200.50 EUR" }, { 0, NULL, "0.00" },
        { 5, "USD", "0.05 USD" }, { 99999, NULL, "999.99" },
        { 100000, "", "1,000.00" }, { 123456789, "CNY", "1,234,567.89 CNY" },
        { -120050, "EUR", "-1,200.50 EUR" },
        { INT64_MAX, NULL, "92,233,720,368,547,758.07" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[64];
        tcrm_money_format(cases[i].minor, cases[i].cur, out, sizeof out);
        assert_string_equal(out, cases[i].out);
    }
    char small[6];
    tcrm_money_format(120050, "EUR", small, sizeof small);
    assert_string_equal(small, "1,200");
}

static int64_t add(const char *title, const char *stage, int64_t amount,
                   int prob, const char *cur)
{
    struct tcrm_deal d;
    struct tcrm_error err;
    tcrm_deal_init(&d);
    d.company_id = 1;
    d.contact_id = 1;
    d.amount_minor = amount;
    d.probability = prob;
    tcrm_str_set(&d.title, title);
    tcrm_str_set(&d.stage, stage);
    tcrm_str_set(&d.currency, cur);
    tcrm_strlist_add(&d.tags, "vip");
    assert_int_equal(tcrm_deal_insert(db, &d, &err), 0);
    int64_t id = d.id;
    tcrm_deal_clear(&d);
    return id;
}

static void test_bad_deals(void **state)
{
    (void)state;
    static const struct {
        const char *title, *stage, *cur, *close;
        int64_t company, contact, amount;
        int prob, code;
        const char *msg;
    } cases[] = {
        { NULL, "Lead", "EUR", NULL, 1, 0, 0, 0, TCRM_EINVAL,
          "title: required" },
        { "T", "Lead", "EUR", NULL, 0, 0, 0, 0, TCRM_EINVAL,
          "deal needs a company or a contact" },
        { "T", NULL, "EUR", NULL, 1, 0, 0, 0, TCRM_EINVAL,
          "stage: required" },
        { "T", "Lead", "EUR", NULL, 1, 0, 0, 120, TCRM_EINVAL,
          "probability: 120 is not from 0 to 100" },
        { "T", "Lead", "EUR", NULL, 1, 0, 0, -1, TCRM_EINVAL,
          "probability: -1 is not from 0 to 100" },
        { "T", "Lead", "eu", NULL, 1, 0, 0, 0, TCRM_EINVAL,
          "currency: 'eu' is not a 3-letter code" },
        { "T", "Lead", "EU1", NULL, 1, 0, 0, 0, TCRM_EINVAL,
          "currency: 'EU1' is not a 3-letter code" },
        { "T", "Lead", NULL, NULL, 1, 0, 0, 0, TCRM_EINVAL,
          "currency: '' is not a 3-letter code" },
        { "T", "Lead", "EUR", NULL, 1, 0, -5, 0, TCRM_EINVAL,
          "amount: must not be negative" },
        { "T", "Lead", "EUR", "next week", 1, 0, 0, 0, TCRM_EINVAL,
          "expected close: 'next week' is not a date (use YYYY-MM-DD)" },
        { "T", "Lead", "EUR", NULL, 9, 0, 0, 0, TCRM_ENOTFOUND,
          "company 9: not found" },
        { "T", "Lead", "EUR", NULL, 0, 8, 0, 0, TCRM_ENOTFOUND,
          "contact 8: not found" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct tcrm_deal d;
        struct tcrm_error err;
        tcrm_deal_init(&d);
        tcrm_str_set(&d.title, cases[i].title);
        tcrm_str_set(&d.stage, cases[i].stage);
        tcrm_str_set(&d.currency, cases[i].cur);
        tcrm_str_set(&d.expected_close, cases[i].close);
        d.company_id = cases[i].company;
        d.contact_id = cases[i].contact;
        d.amount_minor = cases[i].amount;
        d.probability = cases[i].prob;
        assert_int_equal(tcrm_deal_insert(db, &d, &err), cases[i].code);
        assert_string_equal(err.msg, cases[i].msg);
        tcrm_deal_clear(&d);
    }
    struct tcrm_deal *l;
    size_t n;
    assert_int_equal(tcrm_deal_list(db, NULL, -1, 0, 0, 0, 10, &l, &n, NULL),
                     0);
    assert_int_equal(n, 0);
    tcrm_deal_array_free(l, n);
}

static void test_insert_get_update(void **state)
{
    (void)state;
    struct tcrm_error err;
    struct tcrm_deal d, other;
    int64_t id = add("Annual order", "Lead", 120050, 10, "eur");
    assert_int_equal(tcrm_deal_get(db, id, &d, &err), 0);
    assert_string_equal(d.title, "Annual order");
    assert_string_equal(d.currency, "EUR");
    assert_string_equal(d.company_name, "Acme");
    assert_string_equal(d.contact_name, "李娜");
    assert_int_equal(d.status, TCRM_DEAL_OPEN);
    assert_int_equal(d.version, 1);
    assert_int_equal(d.tags.n, 1);
    assert_string_equal(d.tags.items[0], "vip");
    assert_string_equal(d.stamp.created_by, "ann");

    assert_int_equal(tcrm_deal_get(db, id, &other, &err), 0);
    tcrm_str_set(&d.title, "Bigger order");
    d.amount_minor = 500000;
    assert_int_equal(tcrm_deal_update(db, &d, &err), 0);
    assert_int_equal(d.version, 2);

    /* a stale copy is refused with who and when */
    tcrm_str_set(&other.title, "Stale");
    assert_int_equal(tcrm_deal_update(db, &other, &err), TCRM_ECONFLICT);
    char *when = NULL;
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db->sql, "SELECT updated_at FROM deals", -1, &st, NULL);
    sqlite3_step(st);
    when = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    char msg[128];
    snprintf(msg, sizeof msg, "deal %lld was changed by ann at %s since you "
             "read it", (long long)id, when);
    assert_string_equal(err.msg, msg);
    assert_int_equal(other.version, 1);
    free(when);
    tcrm_deal_clear(&other);

    assert_int_equal(tcrm_deal_delete(db, id, &err), 0);
    assert_int_equal(tcrm_deal_update(db, &d, &err), TCRM_ENOTFOUND);
    snprintf(msg, sizeof msg, "deal %lld: not found", (long long)id);
    assert_string_equal(err.msg, msg);
    assert_int_equal(tcrm_deal_get(db, id, &other, &err), TCRM_ENOTFOUND);
    assert_string_equal(err.msg, msg);
    tcrm_deal_clear(&d);
    tcrm_deal_clear(NULL);
}

static int64_t count_of(const char *sql)
{
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL);
    sqlite3_step(st);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* A save or a move that changes nothing writes nothing (issue 10). */
static void test_unchanged(void **state)
{
    (void)state;
    struct tcrm_error err;
    struct tcrm_deal d, again;
    int64_t id = add("Annual order", "Lead", 120050, 10, "EUR");
    int64_t audits = count_of("SELECT count(*) FROM audit_log");
    assert_int_equal(tcrm_deal_get(db, id, &d, &err), 0);
    assert_int_equal(tcrm_deal_update(db, &d, &err), 0);
    assert_int_equal(d.version, 1);
    tcrm_strlist_clear(&d.tags);             /* tags as a set, any case */
    tcrm_strlist_add(&d.tags, "VIP");
    assert_int_equal(tcrm_deal_update(db, &d, &err), 0);
    assert_int_equal(d.version, 1);
    assert_int_equal(tcrm_deal_move(db, id, "Lead", 10, &err), 0);
    assert_int_equal(tcrm_deal_move(db, id, "Lead", -1, &err), 0);
    assert_int_equal(count_of("SELECT count(*) FROM audit_log"), audits);
    assert_int_equal(tcrm_deal_get(db, id, &again, &err), 0);
    assert_int_equal(again.version, 1);
    tcrm_deal_clear(&again);
    /* a stale copy with nothing to change is no conflict either */
    assert_int_equal(tcrm_deal_move(db, id, "Lead", 20, &err), 0);
    assert_int_equal(tcrm_deal_update(db, &d, &err), TCRM_ECONFLICT);
    d.probability = 20;
    assert_int_equal(tcrm_deal_update(db, &d, &err), 0);
    assert_int_equal(d.version, 2);
    tcrm_deal_clear(&d);
}

static void test_move_won_lost(void **state)
{
    (void)state;
    struct tcrm_error err;
    struct tcrm_deal d;
    setenv("TCRM_NOW", "2026-11-20 10:00:00", 1);
    int64_t a = add("A", "Lead", 1000, 10, "EUR");
    int64_t b = add("B", "Lead", 2000, 10, "EUR");
    assert_int_equal(tcrm_deal_move(db, a, "Proposal", 50, &err), 0);
    assert_int_equal(tcrm_deal_move(db, b, "Qualified", -1, &err), 0);
    assert_int_equal(tcrm_deal_get(db, a, &d, &err), 0);
    assert_string_equal(d.stage, "Proposal");
    assert_int_equal(d.probability, 50);
    tcrm_deal_clear(&d);
    assert_int_equal(tcrm_deal_get(db, b, &d, &err), 0);
    assert_int_equal(d.probability, 10);
    tcrm_deal_clear(&d);

    assert_int_equal(tcrm_deal_won(db, a, &err), 0);
    assert_int_equal(tcrm_deal_get(db, a, &d, &err), 0);
    assert_int_equal(d.status, TCRM_DEAL_WON);
    assert_string_equal(d.closed_at, "2026-11-20");
    tcrm_deal_clear(&d);

    char msg[64];
    snprintf(msg, sizeof msg, "deal %lld is already won", (long long)a);
    assert_int_equal(tcrm_deal_won(db, a, &err), TCRM_EINVAL);
    assert_string_equal(err.msg, msg);
    assert_int_equal(tcrm_deal_move(db, a, "Lead", -1, &err), TCRM_EINVAL);
    assert_string_equal(err.msg, msg);
    assert_int_equal(tcrm_deal_lost(db, a, "too late", &err), TCRM_EINVAL);
    assert_string_equal(err.msg, msg);

    assert_int_equal(tcrm_deal_lost(db, b, "", &err), TCRM_EINVAL);
    assert_string_equal(err.msg, "reason: required");
    assert_int_equal(tcrm_deal_move(db, b, "", -1, &err), TCRM_EINVAL);
    assert_string_equal(err.msg, "stage: required");
    assert_int_equal(tcrm_deal_move(db, b, "X", 101, &err), TCRM_EINVAL);
    assert_string_equal(err.msg, "probability: 101 is not from 0 to 100");
    assert_int_equal(tcrm_deal_lost(db, b, "选择了竞争对手", &err), 0);
    assert_int_equal(tcrm_deal_get(db, b, &d, &err), 0);
    assert_int_equal(d.status, TCRM_DEAL_LOST);
    assert_string_equal(d.lost_reason, "选择了竞争对手");
    assert_string_equal(d.closed_at, "2026-11-20");
    assert_int_equal(d.version, 3);
    tcrm_deal_clear(&d);
    assert_int_equal(tcrm_deal_won(db, 99, &err), TCRM_ENOTFOUND);
    assert_string_equal(err.msg, "deal 99: not found");
    unsetenv("TCRM_NOW");
}

static void test_list_and_totals(void **state)
{
    (void)state;
    struct tcrm_error err;
    int64_t a = add("A", "Lead", 100000, 10, "EUR");
    add("B", "Lead", 50050, 25, "EUR");
    add("C", "Lead", 70000, 10, "USD");
    int64_t d = add("D", "Proposal", 30000, 50, "EUR");
    int64_t w = add("W", "Proposal", 99900, 50, "EUR");
    assert_int_equal(tcrm_deal_won(db, w, &err), 0);
    assert_int_equal(tcrm_deal_delete(db, d, &err), 0);

    struct tcrm_stage_total *t;
    size_t n;
    assert_int_equal(tcrm_deal_stage_totals(db, &t, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(t[0].stage, "Lead");
    assert_string_equal(t[0].currency, "EUR");
    assert_int_equal(t[0].count, 2);
    assert_int_equal(t[0].total_minor, 150050);
    assert_int_equal(t[0].weighted_minor, 10000 + 12513);
    assert_string_equal(t[1].currency, "USD");
    assert_int_equal(t[1].total_minor, 70000);
    tcrm_stage_total_array_free(t, n);

    struct tcrm_deal *l;
    assert_int_equal(tcrm_deal_list(db, "Lead", TCRM_DEAL_OPEN, 0, 0, 0, 10,
                                    &l, &n, &err), 0);
    assert_int_equal(n, 3);
    assert_int_equal(l[0].id, a);
    assert_int_equal(l[0].tags.n, 1);
    tcrm_deal_array_free(l, n);
    assert_int_equal(tcrm_deal_list(db, NULL, -1, 1, 1, a, 2, &l, &n, &err),
                     0);
    assert_int_equal(n, 2);
    assert_string_equal(l[0].title, "B");
    assert_string_equal(l[1].title, "C");
    tcrm_deal_array_free(l, n);
    assert_int_equal(tcrm_deal_list(db, NULL, TCRM_DEAL_WON, 0, 0, 0, 10, &l,
                                    &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(l[0].title, "W");
    tcrm_deal_array_free(l, n);
    assert_int_equal(tcrm_deal_list(db, NULL, -1, 2, 0, 0, 10, &l, &n, &err),
                     0);
    assert_int_equal(n, 0);
    tcrm_deal_array_free(l, n);
}

/* tcrm_deal_page: keyset pages both ways, the stage and status filter,
 * trash left out, and the count of the same rows. */
static void test_page(void **state)
{
    (void)state;
    struct tcrm_error err;
    int64_t id[7];
    for (int i = 0; i < 7; i++)
        id[i] = add(i == 3 ? "other" : "L", i == 3 ? "Proposal" : "Lead",
                    100, 10, "EUR");
    assert_int_equal(tcrm_deal_delete(db, id[5], &err), 0);
    assert_int_equal(tcrm_deal_won(db, id[6], &err), 0);
    struct tcrm_deal *p;
    size_t n;
    int more = -1;
    int64_t count = -1;
    /* Lead, open: 0 1 2 4 */
    assert_int_equal(tcrm_deal_page(db, "Lead", TCRM_DEAL_OPEN, 0, 0, 3, &p,
                                    &n, &more, &err), 0);
    assert_int_equal(n, 3);
    assert_int_equal(more, 1);
    assert_int_equal(p[0].id, id[0]);
    assert_int_equal(p[2].id, id[2]);
    assert_int_equal(p[0].tags.n, 1);
    tcrm_deal_array_free(p, n);
    assert_int_equal(tcrm_deal_page(db, "Lead", TCRM_DEAL_OPEN, id[2], 0, 3,
                                    &p, &n, &more, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(more, 0);
    assert_int_equal(p[0].id, id[4]);
    tcrm_deal_array_free(p, n);
    /* backwards from the end (0): the last rows, in list order */
    assert_int_equal(tcrm_deal_page(db, "Lead", TCRM_DEAL_OPEN, 0, 1, 2, &p,
                                    &n, &more, &err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(more, 1);
    assert_int_equal(p[0].id, id[2]);
    assert_int_equal(p[1].id, id[4]);
    tcrm_deal_array_free(p, n);
    assert_int_equal(tcrm_deal_page(db, "Lead", TCRM_DEAL_OPEN, id[2], 1, 5,
                                    &p, &n, NULL, &err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(p[0].id, id[0]);
    assert_int_equal(p[1].id, id[1]);
    tcrm_deal_array_free(p, n);
    assert_int_equal(tcrm_deal_count(db, "Lead", TCRM_DEAL_OPEN, &count,
                                     &err), 0);
    assert_int_equal(count, 4);
    assert_int_equal(tcrm_deal_count(db, NULL, -1, &count, &err), 0);
    assert_int_equal(count, 6);
    assert_int_equal(tcrm_deal_page(db, "Won", TCRM_DEAL_OPEN, 0, 0, 5, &p,
                                    &n, &more, &err), 0);
    assert_int_equal(n, 0);
    assert_int_equal(more, 0);
    tcrm_deal_array_free(p, n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_money_parse),
        cmocka_unit_test(test_money_format),
        cmocka_unit_test_setup_teardown(test_bad_deals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_insert_get_update, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_move_won_lost, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unchanged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_and_totals, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_page, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
