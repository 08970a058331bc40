/*
 * test_birthday.c: the one birthday parser (src/util/birthday.c), with
 * its table of good and bad input.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "tcrm/birthday.h"

static void test_table(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out, *msg;
    } cases[] = {
        { "", "", NULL },
        { "03-15", "03-15", NULL },
        { "02-29", "02-29", NULL },
        { "12-31", "12-31", NULL },
        { "1990-03-15", "1990-03-15", NULL },
        { "02-30", NULL, "'02-30' is not a birthday: use YYYY-MM-DD, or "
                         "MM-DD without the year" },
        { "13-01", NULL, "'13-01' is not a birthday: use YYYY-MM-DD, or "
                         "MM-DD without the year" },
        { "00-10", NULL, "'00-10' is not a birthday: use YYYY-MM-DD, or "
                         "MM-DD without the year" },
        { "2026-02-30", NULL, "'2026-02-30' is not a date: February 2026 "
                              "has 28 days" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[11] = "x";
        struct tcrm_error err;
        tcrm_error_clear(&err);
        int rc = tcrm_birthday_parse(cases[i].in, 0, out, &err);
        if (cases[i].out) {
            assert_int_equal(rc, 0);
            assert_string_equal(out, cases[i].out);
        } else {
            assert_int_equal(rc, TCRM_EINVAL);
            assert_string_equal(err.msg, cases[i].msg);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(test_table) };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
