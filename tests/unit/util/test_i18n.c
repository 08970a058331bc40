/*
 * test_i18n.c: words in a context (tcrm_i18n_word, src/util/i18n.c) and
 * the relative dates of src/util/date.c in Chinese.
 *
 * Without a catalogue every word is its key. The Chinese part binds the
 * "tcrm" domain to the build tree's compiled catalogue (TCRM_TEST_PODIR,
 * <build>/po, set by tests/unit/util/meson.build) under zh_CN.UTF-8; it is
 * skipped when that locale is not installed or the catalogue does not
 * (yet) hold the date words.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <locale.h>
#include <time.h>

#include <cmocka.h>

#include "tcrm/date.h"
#include "tcrm/i18n.h"

static time_t local_time(int y, int mo, int d)
{
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = 10;
    tm.tm_isdst = -1;
    return mktime(&tm);
}

#define NOW local_time(2026, 11, 20)

static void test_word_without_catalogue(void **state)
{
    (void)state;
    setlocale(LC_ALL, "C");
    bindtextdomain(TCRM_TEXT_DOMAIN, "/nonexistent");
    textdomain(TCRM_TEXT_DOMAIN);
    static const char key[] = "Negotiation";
    /* the key itself, not a copy */
    assert_ptr_equal(tcrm_i18n_word("stage", key), key);
    assert_string_equal(tcrm_i18n_word("kind", "call"), "call");
    assert_string_equal(tcrm_i18n_word("role", "sales"), "sales");
    assert_string_equal(tcrm_i18n_word("status", "won"), "won");
    assert_string_equal(tcrm_i18n_word("channel", "mobile"), "mobile");
    assert_string_equal(tcrm_i18n_word("state", "done"), "done");
    assert_string_equal(tcrm_i18n_word("stage", ""), "");
    assert_null(tcrm_i18n_word("stage", NULL));
    /* a key too long for the lookup buffer is shown as it is */
    char long_key[400];
    memset(long_key, 'x', sizeof long_key - 1);
    long_key[sizeof long_key - 1] = '\0';
    assert_ptr_equal(tcrm_i18n_word("stage", long_key), long_key);
    /* English relative dates are untouched */
    char out[32];
    assert_string_equal(tcrm_date_relative("2026-11-15", NOW, out, sizeof out),
                        "5 days ago");
}

/* 1 when the Chinese catalogue is in use, else the test is skipped. */
static int use_chinese(void)
{
    const char *dir = getenv("TCRM_TEST_PODIR");
    if (!dir || !setlocale(LC_ALL, "zh_CN.UTF-8"))
        return 0;
    setenv("LANGUAGE", "zh_CN", 1);
    bindtextdomain(TCRM_TEXT_DOMAIN, dir);
    bind_textdomain_codeset(TCRM_TEXT_DOMAIN, "UTF-8");
    textdomain(TCRM_TEXT_DOMAIN);
    return strcmp(_("tomorrow"), "tomorrow") != 0;
}

static void test_relative_chinese(void **state)
{
    (void)state;
    if (!use_chinese()) {
        setlocale(LC_ALL, "C");
        skip();
    }
    static const struct {
        const char *in, *want;
    } t[] = {
        {"2026-11-20", "今天"},
        {"2026-11-21", "明天"},
        {"2026-11-19", "昨天"},
        {"2026-11-15", "5天前"},
        {"2026-11-25", "5天后"},
        {"2026-10-30", "3周前"},   /* 21 days */
        {"2026-12-04", "2周后"},
        {"2027-01-20", "2个月后"}, /* 61 days */
        {"2026-09-21", "2个月前"},
        {"2024-11-20", "2年前"},
        {"2029-11-20", "3年后"},
    };
    char out[32];
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        tcrm_date_relative(t[i].in, NOW, out, sizeof out);
        if (strcmp(out, t[i].want) != 0)
            fail_msg("'%s' gave '%s', want '%s'", t[i].in, out, t[i].want);
    }
    /* cut at a character boundary: "5天前" is 1 + 3 + 3 bytes */
    tcrm_date_relative("2026-11-15", NOW, out, 6);
    assert_string_equal(out, "5天");
    /* a stage the catalogue knows, and one an office made up */
    assert_string_equal(tcrm_i18n_word("stage", "Negotiation"), "谈判");
    assert_string_equal(tcrm_i18n_word("stage", "Pilot"), "Pilot");
    setlocale(LC_ALL, "C");
    unsetenv("LANGUAGE");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_word_without_catalogue),
        cmocka_unit_test(test_relative_chinese),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
