/*
 * test_receivable.c: the money rules of the core (src/core/rate.c,
 * receivable.c, receivable_aging.c, invoice.c): the one conversion
 * rounding, rates on or before a day, aging buckets at their edges
 * (opening balances are due on their own day, so a day makes an age),
 * an as-of day before a payment, credit, and owed = open - credit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fixture.h"
#include "tcrm/company.h"
#include "tcrm/rate.h"
#include "tcrm/receivable.h"

FIXTURE_AT("2026-12-07 10:00:00", "ann")

static void test_convert(void **state)
{
    (void)state;
    int64_t out;
    assert_int_equal(tcrm_rate_convert(100, 7120000, &out), 0);
    assert_int_equal(out, 712);
    /* 0.01 USD at 7.125 = 0.07125 CNY -> 0.07; 0.02 -> 0.1425 -> 0.14 */
    assert_int_equal(tcrm_rate_convert(1, 7125000, &out), 0);
    assert_int_equal(out, 7);
    /* half away from zero: 1 x 0.5 = 0.005 -> 0.01, and -0.01 */
    assert_int_equal(tcrm_rate_convert(1, 500000, &out), 0);
    assert_int_equal(out, 1);
    assert_int_equal(tcrm_rate_convert(-1, 500000, &out), 0);
    assert_int_equal(out, -1);
    assert_int_equal(tcrm_rate_convert(1, 499999, &out), 0);
    assert_int_equal(out, 0);
    /* a large amount still exact, then too large */
    assert_int_equal(tcrm_rate_convert(INT64_MAX / 8, 8000000, &out), 0);
    assert_int_equal(out, INT64_MAX / 8 * 8);
    assert_int_equal(tcrm_rate_convert(INT64_MAX, 2000000, &out), -1);
}

static void test_rates(void **state)
{
    (void)state;
    struct tcrm_rate r = { "USD", "CNY", "2026-11-01", 7100000 };
    struct tcrm_error err;
    assert_int_equal(tcrm_rate_add(db, &r, &err), 0);
    snprintf(r.day, sizeof r.day, "2026-12-01");
    r.micro = 7120000;
    assert_int_equal(tcrm_rate_add(db, &r, &err), 0);
    struct tcrm_rate got;
    assert_int_equal(tcrm_rate_find(db, "USD", "CNY", "2026-11-30", &got,
                                     &err), 0);
    assert_int_equal(got.micro, 7100000);
    assert_string_equal(got.day, "2026-11-01");
    assert_int_equal(tcrm_rate_find(db, "USD", "CNY", "2026-12-07", &got,
                                     &err), 0);
    assert_int_equal(got.micro, 7120000);
    assert_int_equal(tcrm_rate_find(db, "USD", "CNY", "2026-10-31", &got,
                                     &err), TCRM_ENOTFOUND);
    assert_string_equal(err.msg, "rate: no USD rate on or before 2026-10-31 "
                        "(tcrm rate add USD RATE --date 2026-10-31)");
    assert_int_equal(tcrm_rate_find(db, "CNY", "CNY", "2020-01-01", &got,
                                     &err), 0);
    assert_int_equal(got.micro, 1000000);
}

static void test_buckets(void **state)
{
    (void)state;
    int want[][2] = { { 1, 0 }, { 30, 0 }, { 31, 1 }, { 60, 1 }, { 61, 2 },
                      { 90, 2 }, { 91, 3 }, { 180, 3 }, { 181, 4 },
                      { 5000, 4 } };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_int_equal(tcrm_aging_bucket(want[i][0]), want[i][1]);
}

/* A company with an opening balance of amount (cents) on day: due that
 * day. */
static int64_t opening(const char *name, const char *day, int64_t amount)
{
    struct tcrm_company c;
    struct tcrm_invoice_in in;
    struct tcrm_error err;
    int64_t id;
    tcrm_company_init(&c);
    tcrm_str_set(&c.name, name);
    assert_int_equal(tcrm_company_insert(db, &c, &err), 0);
    memset(&in, 0, sizeof in);
    in.customer.company_id = c.id;
    in.currency = "CNY";
    in.amount = amount;
    in.issued_on = day;
    assert_int_equal(tcrm_invoice_add(db, &in, &id, &err), 0);
    tcrm_company_clear(&c);
    return id;
}

static const struct tcrm_aging_row *row_of(const struct tcrm_aging_row *r,
                                           size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(r[i].name, name) == 0)
            return &r[i];
    fail_msg("no aging row for %s", name);
    return NULL;
}

static void test_aging_edges(void **state)
{
    (void)state;
    /* as of 2026-12-07: 0, 30, 31, 60, 61, 90, 91, 180, 181 days */
    const char *days[] = { "2026-12-07", "2026-11-07", "2026-11-06",
                           "2026-10-08", "2026-10-07", "2026-09-08",
                           "2026-09-07", "2026-06-10", "2026-06-09" };
    int bucket[] = { -1, 0, 1, 1, 2, 2, 3, 3, 4 };
    char name[16];
    for (int i = 0; i < 9; i++) {
        snprintf(name, sizeof name, "C%d", i);
        opening(name, days[i], 100 * (i + 1));
    }
    struct tcrm_aging_row *r = NULL;
    size_t n = 0;
    struct tcrm_error err;
    assert_int_equal(tcrm_aging(db, NULL, &r, &n, &err), 0);
    assert_int_equal(n, 9);
    for (int i = 0; i < 9; i++) {
        snprintf(name, sizeof name, "C%d", i);
        const struct tcrm_aging_row *a = row_of(r, n, name);
        int64_t total = a->not_due;
        for (int b = 0; b < TCRM_AGING_BUCKETS; b++) {
            total += a->overdue[b];
            assert_int_equal(a->overdue[b], b == bucket[i] ? 100 * (i + 1) : 0);
        }
        assert_int_equal(a->not_due, bucket[i] < 0 ? 100 * (i + 1) : 0);
        assert_int_equal(total, 100 * (i + 1));
    }
    tcrm_aging_free(r, n);
}

static void test_as_of_and_credit(void **state)
{
    (void)state;
    struct tcrm_error err;
    int64_t inv = opening("Acme", "2026-10-01", 100000), pay;
    struct tcrm_payment_in p;
    memset(&p, 0, sizeof p);
    p.invoice_id = inv;
    p.amount = 40000;
    p.method = TCRM_PAY_BANK;
    p.paid_on = "2026-11-15";
    assert_int_equal(tcrm_payment_add(db, &p, &pay, &err), 0);
    memset(&p, 0, sizeof p);
    p.customer.company_id = 1;
    p.currency = "CNY";
    p.amount = 100000;
    p.method = TCRM_PAY_CASH;
    p.paid_on = "2026-12-01";
    p.prepay = 1;
    assert_int_equal(tcrm_payment_add(db, &p, &pay, &err), 0);

    struct tcrm_aging_row *r = NULL;
    size_t n = 0;
    /* today: 600.00 open 67 days overdue, 1,000.00 credit */
    assert_int_equal(tcrm_aging(db, NULL, &r, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(r[0].overdue[2], 60000);
    assert_int_equal(r[0].credit, 100000);
    tcrm_aging_free(r, n);
    /* as of 2026-11-10: before both payments, 1,000.00 40 days overdue */
    struct tcrm_aging_opts o = { "2026-11-10", NULL, { 0, 0 } };
    assert_int_equal(tcrm_aging(db, &o, &r, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(r[0].overdue[1], 100000);
    assert_int_equal(r[0].credit, 0);
    tcrm_aging_free(r, n);

    /* owed = open - credit = invoices - payments */
    struct tcrm_customer c = { 1, 0 };
    struct tcrm_balance *b = NULL;
    assert_int_equal(tcrm_balance_get(db, &c, &b, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(b[0].open - b[0].credit, b[0].owed);
    assert_int_equal(b[0].owed, 100000 - 140000);
    assert_int_equal(b[0].overdue, 60000);
    free(b);

    /* applying the credit pays what is open, and check agrees */
    int64_t applied;
    size_t k;
    assert_int_equal(tcrm_payment_apply(db, &c, &applied, &k, &err), 0);
    assert_int_equal(applied, 60000);
    assert_int_equal(k, 1);
    assert_int_equal(tcrm_db_check(db, 0, &err), 0);
    /* paid in full now, but as of 2026-11-20 600.00 was open 50 days
     * overdue (an opening balance is due on its day) and the prepayment
     * of 2026-12-01 not yet made */
    struct tcrm_aging_opts o2 = { "2026-11-20", NULL, { 0, 0 } };
    assert_int_equal(tcrm_aging(db, &o2, &r, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(r[0].overdue[1], 60000);
    assert_int_equal(r[0].credit, 0);
    assert_int_equal(r[0].n_open, 1);
    tcrm_aging_free(r, n);
    /* and today: nothing open, 400.00 of credit left */
    assert_int_equal(tcrm_aging(db, NULL, &r, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(r[0].overdue[2], 0);
    assert_int_equal(r[0].credit, 40000);
    tcrm_aging_free(r, n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_convert),
        cmocka_unit_test_setup_teardown(test_rates, setup, teardown),
        cmocka_unit_test(test_buckets),
        cmocka_unit_test_setup_teardown(test_aging_edges, setup, teardown),
        cmocka_unit_test_setup_teardown(test_as_of_and_credit, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
