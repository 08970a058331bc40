/*
 * test_money.c: exact decimals, money text both ways, the one rounding
 * rule of a document line (the table of awkward cases) and 大写金额
 * (src/util/money.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "tcrm/money.h"

static void test_decimal_read(void **state)
{
    (void)state;
    static const struct { const char *in; int places; int64_t v; } good[] = {
        { "1.5", 3, 1500 }, { "0.333", 3, 333 }, { "2", 3, 2000 },
        { "1,000.001", 3, 1000001 }, { "13", 2, 1300 }, { "6.5", 2, 650 },
        { ".25", 2, 25 }, { "0", 0, 0 }, { "1200.50", 2, 120050 },
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        int64_t v = -1;
        struct tcrm_error err;
        assert_int_equal(tcrm_decimal_read(good[i].in, "qty", good[i].places,
                                           &v, &err), 0);
        assert_int_equal(v, good[i].v);
    }
    static const struct { const char *in; int places; const char *msg; } bad[] = {
        { "1.0001", 3, "quantity: '1.0001' has more than 3 decimals" },
        { "-1", 3, "quantity: must not be negative" },
        { "1/3", 3, "quantity: '1/3' is not a number" },
        { "", 3, "quantity: required" },
        { "99999999999999999", 3, "quantity: '99999999999999999' is too "
          "large" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct tcrm_error err;
        int64_t v;
        assert_int_equal(tcrm_decimal_read(bad[i].in, "quantity",
                                           bad[i].places, &v, &err),
                         TCRM_EINVAL);
        assert_string_equal(err.msg, bad[i].msg);
        assert_string_equal(err.field, "quantity");
    }
    int64_t bp;
    struct tcrm_error err;
    assert_int_equal(tcrm_percent_read("100", "tax", &bp, &err), 0);
    assert_int_equal(bp, 10000);
    assert_int_equal(tcrm_percent_read("100.01", "tax", &bp, &err),
                     TCRM_EINVAL);
    assert_string_equal(err.msg, "tax: '100.01' is over 100");
}

static void test_format(void **state)
{
    (void)state;
    char buf[64];
    tcrm_decimal_format(1500, 3, 0, buf, sizeof buf);
    assert_string_equal(buf, "1.5");
    tcrm_decimal_format(1234000, 3, 1, buf, sizeof buf);
    assert_string_equal(buf, "1,234");
    tcrm_decimal_format(650, 2, 0, buf, sizeof buf);
    assert_string_equal(buf, "6.5");
    tcrm_money_format(-120050, "EUR", buf, sizeof buf);
    assert_string_equal(buf, "-1,200.50 EUR");
    tcrm_money_format(5, NULL, buf, sizeof buf);
    assert_string_equal(buf, "0.05");
    char cur[] = "cny";
    struct tcrm_error err;
    assert_int_equal(tcrm_currency_check(cur, &err), 0);
    assert_string_equal(cur, "CNY");
    char bad[] = "yuan";
    assert_int_equal(tcrm_currency_check(bad, &err), TCRM_EINVAL);
    assert_string_equal(err.msg, "currency: 'yuan' is not a 3-letter code");
}

/* The rounding rule, case by case: quantity in thousandths, price in
 * cents, discount and tax in hundredths of a percent. */
static void test_line_rule(void **state)
{
    (void)state;
    static const struct {
        const char *what;
        struct tcrm_line_in in;
        int64_t net, tax, gross, unit_net, unit_gross;
    } c[] = {
        { "1/3 of a unit (0.333) x 100.00 at 13%", { 333, 10000, 0, 1300, 0 },
          3330, 433, 3763, 10000, 11300 },
        { "3 x 33.33 (a third of 99.99) at 13%", { 3000, 3333, 0, 1300, 0 },
          9999, 1300, 11299, 3333, 3766 },
        { "0.333 x 0.01 rounds to nothing", { 333, 1, 0, 0, 0 },
          0, 0, 0, 1, 1 },
        { "half a cent rounds away from zero", { 500, 1, 0, 0, 0 },
          1, 0, 1, 1, 1 },
        { "0.01 at 13%: tax under half a cent", { 1000, 1, 0, 1300, 0 },
          1, 0, 1, 1, 1 },
        { "99.99 x 3 at 13%", { 3000, 9999, 0, 1300, 0 },
          29997, 3900, 33897, 9999, 11299 },
        { "discount then tax: 100.00 less 10% at 13%",
          { 1000, 10000, 1000, 1300, 0 }, 9000, 1170, 10170, 10000, 11300 },
        { "99.99 x 3 less 12.5% at 13%", { 3000, 9999, 1250, 1300, 0 },
          26247, 3412, 29659, 9999, 11299 },
        { "gross 109.00 at 9%", { 1000, 10900, 0, 900, 1 },
          10000, 900, 10900, 10000, 10900 },
        { "gross 100.00 at 9%", { 1000, 10000, 0, 900, 1 },
          9174, 826, 10000, 9174, 10000 },
        { "gross 99.99 x 3 at 13%", { 3000, 9999, 0, 1300, 1 },
          26546, 3451, 29997, 8849, 9999 },
        { "gross 0.333 x 99.99 less 5% at 9%", { 333, 9999, 500, 900, 1 },
          2902, 261, 3163, 9173, 9999 },
        { "1.5 x 33.33 at 6%: 49.995 up", { 1500, 3333, 0, 600, 0 },
          5000, 300, 5300, 3333, 3533 },
        { "2 x 10.00 at 0%", { 2000, 1000, 0, 0, 0 },
          2000, 0, 2000, 1000, 1000 },
        { "100% discount", { 1000, 10000, 10000, 1300, 0 },
          0, 0, 0, 10000, 11300 },
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        struct tcrm_line_amounts a;
        struct tcrm_error err;
        print_message("%s\n", c[i].what);
        assert_int_equal(tcrm_money_line(&c[i].in, &a, &err), 0);
        assert_int_equal(a.net, c[i].net);
        assert_int_equal(a.tax, c[i].tax);
        assert_int_equal(a.gross, c[i].gross);
        assert_int_equal(a.net + a.tax, a.gross);
        assert_int_equal(a.unit_net, c[i].unit_net);
        assert_int_equal(a.unit_gross, c[i].unit_gross);
    }
    struct tcrm_line_in huge = { 1000000000000LL, 1000000000000000LL, 0, 0, 0 };
    struct tcrm_line_amounts a;
    struct tcrm_error err;
    assert_int_equal(tcrm_money_line(&huge, &a, &err), TCRM_EINVAL);
    assert_string_equal(err.msg, "quantity: the line's amount is too large");
}

static void test_capitals(void **state)
{
    (void)state;
    static const struct { int64_t minor; const char *text; } c[] = {
        { 0, "零元整" },
        { 5, "伍分" },
        { 50, "伍角" },
        { 1000, "壹拾元整" },
        { 123450, "壹仟贰佰叁拾肆元伍角" },
        { 100100, "壹仟零壹元整" },
        { 1001000, "壹万零壹拾元整" },
        { 100005, "壹仟元零伍分" },
        { 100010000, "壹佰万零壹佰元整" },
        { 10000000000LL, "壹亿元整" },
        { 10000000100LL, "壹亿零壹元整" },
        { 10000100000LL, "壹亿零壹仟元整" },
        { 100000000000000LL, "壹万亿元整" },
        { 100010000000000LL, "壹万零壹亿元整" },
        { 3389700, "叁万叁仟捌佰玖拾柒元整" },
        { 1234567899, "壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元玖角玖分" },
    };
    char buf[256];
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        assert_int_equal(tcrm_money_capitals(c[i].minor, buf, sizeof buf), 0);
        assert_string_equal(buf, c[i].text);
    }
    assert_int_equal(tcrm_money_capitals(-1, buf, sizeof buf), -1);
    assert_int_equal(tcrm_money_capitals(123450, buf, 8), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decimal_read),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_line_rule),
        cmocka_unit_test(test_capitals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
