/*
 * test_date.c: the date language and date arithmetic of src/util/date.c.
 *
 * "now" is fixed with mktime() in the local zone at Friday 2026-11-20 10:15,
 * so the tables hold in any TZ.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "tcrm/date.h"

static time_t local_time(int y, int mo, int d, int h, int mi, int s)
{
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    tm.tm_isdst = -1;
    return mktime(&tm);
}

#define NOW local_time(2026, 11, 20, 10, 15, 0) /* a Friday */

struct good {
    const char *in;
    const char *want; /* tcrm_when_iso of the result */
};

static void check_good(const struct good *t, size_t n, time_t now)
{
    for (size_t i = 0; i < n; i++) {
        struct tcrm_when w;
        struct tcrm_error err = {0};
        char iso[17];
        int rc = tcrm_date_parse(t[i].in, now, &w, &err);
        if (rc != 0)
            fail_msg("'%s': unexpected error: %s", t[i].in, err.msg);
        tcrm_when_iso(&w, iso);
        if (strcmp(iso, t[i].want) != 0)
            fail_msg("'%s' gave %s, want %s", t[i].in, iso, t[i].want);
    }
}

static void test_parse_good(void **state)
{
    (void)state;
    static const struct good t[] = {
        {"2026-12-01", "2026-12-01"},
        {"2026-12-01 14:30", "2026-12-01 14:30"},
        {"  2026-12-01   14:30 ", "2026-12-01 14:30"},
        {"2026/12/01", "2026-12-01"},
        {"2026-2-3", "2026-02-03"},
        {"2028-02-29", "2028-02-29"},
        {"14:30", "2026-11-20 14:30"},
        {"9:05", "2026-11-20 09:05"},
        {"00:00", "2026-11-20 00:00"},
        {"23:59", "2026-11-20 23:59"},
        {"today", "2026-11-20"},
        {"TODAY", "2026-11-20"},
        {"tomorrow", "2026-11-21"},
        {"Yesterday", "2026-11-19"},
        {"now", "2026-11-20 10:15"},
        {"+3d", "2026-11-23"},
        {"+0d", "2026-11-20"},
        {"-5d", "2026-11-15"},
        {"+2w", "2026-12-04"},
        {"-1w", "2026-11-13"},
        {"+1m", "2026-12-20"},
        {"+2M", "2027-01-20"},
        {"-11m", "2025-12-20"},
        {"+1y", "2027-11-20"},
        {"-2y", "2024-11-20"},
        {"+100d", "2027-02-28"},
        {"fri", "2026-11-27"}, /* today is Friday: the coming one */
        {"friday", "2026-11-27"},
        {"sat", "2026-11-21"},
        {"Sunday", "2026-11-22"},
        {"mon", "2026-11-23"},
        {"tues", "2026-11-24"},
        {"wed", "2026-11-25"},
        {"thu", "2026-11-26"},
        {"fri 09:00", "2026-11-27 09:00"},
        {"+1d 14:30", "2026-11-21 14:30"},
        {"tomorrow 8:00", "2026-11-21 08:00"},
        {"today 23:59", "2026-11-20 23:59"},
    };
    check_good(t, sizeof t / sizeof t[0], NOW);
}

static void test_month_clamping(void **state)
{
    (void)state;
    static const struct good jan31[] = {
        {"+1m", "2026-02-28"}, {"+13m", "2027-02-28"}, {"+2m", "2026-03-31"},
        {"-2m", "2025-11-30"}, {"+1y", "2027-01-31"},
    };
    check_good(jan31, 5, local_time(2026, 1, 31, 12, 0, 0));
    static const struct good leap[] = {
        {"+1m", "2028-02-29"}, {"+1y", "2029-01-31"},
    };
    check_good(leap, 2, local_time(2028, 1, 31, 12, 0, 0));
    static const struct good feb29[] = {
        {"+1y", "2029-02-28"}, {"+4y", "2032-02-29"}, {"-1y", "2027-02-28"},
        {"+1d", "2028-03-01"},
    };
    check_good(feb29, 4, local_time(2028, 2, 29, 12, 0, 0));
    static const struct good mar31[] = {
        {"-1m", "2026-02-28"}, {"yesterday", "2026-03-30"},
    };
    check_good(mar31, 2, local_time(2026, 3, 31, 12, 0, 0));
    static const struct good dec31[] = {
        {"tomorrow", "2027-01-01"}, {"+1d", "2027-01-01"}, {"+1m", "2027-01-31"},
        {"fri", "2027-01-01"}, {"thu", "2027-01-07"},
    };
    check_good(dec31, 5, local_time(2026, 12, 31, 23, 59, 0));
}

struct bad {
    const char *in;
    const char *msg;
};

/* Each input fails with exactly its message and leaves out untouched. */
static void check_bad(const struct bad *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct tcrm_when w = {1, 2, 3, 4, 5, 1};
        struct tcrm_error err = {0};
        int rc = tcrm_date_parse(t[i].in, NOW, &w, &err);
        if (rc != TCRM_EINVAL || err.code != TCRM_EINVAL)
            fail_msg("'%s': rc %d, want TCRM_EINVAL", t[i].in, rc);
        if (strcmp(err.msg, t[i].msg) != 0)
            fail_msg("'%s': message\n  '%s'\nwant\n  '%s'", t[i].in, err.msg,
                     t[i].msg);
        assert_int_equal(w.year, 1); /* out untouched on error */
    }
}

#define DATE_HELP "use YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m or a weekday"
#define TIME_HELP "use HH:MM from 00:00 to 23:59"

static void test_parse_bad(void **state)
{
    (void)state;
    static const struct bad t[] = {
        {"xyz", "'xyz' is not a date: " DATE_HELP},
        {"", "'' is not a date: " DATE_HELP},
        {"   ", "'' is not a date: " DATE_HELP},
        {"2026-02-30", "'2026-02-30' is not a date: February 2026 has 28 days"},
        {"2027-02-29", "'2027-02-29' is not a date: February 2027 has 28 days"},
        {"2026-04-31", "'2026-04-31' is not a date: April 2026 has 30 days"},
        {"2026-12-00", "'2026-12-00' is not a date: December 2026 has 31 days"},
        {"2026-13-01", "'2026-13-01' is not a date: there is no month 13"},
        {"2026-00-10", "'2026-00-10' is not a date: there is no month 0"},
        {"0000-01-01", "'0000-01-01' is not a date: years run from 0001 to 9999"},
        {"2026-12", "'2026-12' is not a date: " DATE_HELP},
        {"2026-12-01x", "'2026-12-01x' is not a date: " DATE_HELP},
        {"2026-12/01", "'2026-12/01' is not a date: " DATE_HELP},
        {"2026-123-01", "'2026-123-01' is not a date: " DATE_HELP},
        {"26-12-01", "'26-12-01' is not a date: " DATE_HELP},
        {"25:00", "'25:00' is not a time: " TIME_HELP},
        {"12:60", "'12:60' is not a time: " TIME_HELP},
        {"24:00", "'24:00' is not a time: " TIME_HELP},
        {"14:30:00", "'14:30:00' is not a time: " TIME_HELP},
        {"123:00", "'123:00' is not a time: " TIME_HELP},
        {"fri 24:00", "'24:00' is not a time: " TIME_HELP},
        {"2026-12-01 9:5", "'9:5' is not a time: " TIME_HELP},
        {"2026-02-30 10:00",
         "'2026-02-30' is not a date: February 2026 has 28 days"},
        {"xyz 10:00", "'xyz' is not a date: " DATE_HELP},
        {"fri xyz", "'fri xyz' is not a date: " DATE_HELP},
        {"+3x", "'+3x' is not a date: " DATE_HELP},
        {"+d", "'+d' is not a date: " DATE_HELP},
        {"3d", "'3d' is not a date: " DATE_HELP},
        {"+1234567d", "'+1234567d' is not a date: " DATE_HELP},
        {"+99999y", "'+99999y' is not a date: years run from 0001 to 9999"},
        {"-999999d", "'-999999d' is not a date: years run from 0001 to 9999"},
        {"mo", "'mo' is not a date: " DATE_HELP},
        {"fridays", "'fridays' is not a date: " DATE_HELP},
        {"next friday", "'next friday' is not a date: " DATE_HELP},
        {"\x1b[31mred", "'\xE2\x90\x9B[31mred' is not a date: " DATE_HELP},
    };
    check_bad(t, sizeof t / sizeof t[0]);
}

/* The Chinese words (src/util/date_zh.c); now is Friday 2026-11-20 10:15. */
static void test_parse_zh_good(void **state)
{
    (void)state;
    static const struct good t[] = {
        {"今天", "2026-11-20"},
        {"明天", "2026-11-21"},
        {"后天", "2026-11-22"},
        {"大后天", "2026-11-23"},
        {"昨天", "2026-11-19"},
        {"前天", "2026-11-18"},
        {"今日", "2026-11-20"},
        {"现在", "2026-11-20 10:15"},
        {"周五", "2026-11-27"}, /* today is Friday: the coming one */
        {"星期五", "2026-11-27"},
        {"礼拜五", "2026-11-27"},
        {"周六", "2026-11-21"},
        {"星期日", "2026-11-22"},
        {"星期天", "2026-11-22"},
        {"周一", "2026-11-23"},
        {"周四", "2026-11-26"},
        {"下周一", "2026-11-23"},
        {"下周五", "2026-11-27"},
        {"下周日", "2026-11-29"},
        {"下个星期二", "2026-11-24"},
        {"下礼拜三", "2026-11-25"},
        {"这周三", "2026-11-18"},
        {"本周五", "2026-11-20"},
        {"上周一", "2026-11-09"},
        {"下个月", "2026-12-20"},
        {"下月", "2026-12-20"},
        {"上个月", "2026-10-20"},
        {"3天后", "2026-11-23"},
        {"三天后", "2026-11-23"},
        {"10天以后", "2026-11-30"},
        {"5天前", "2026-11-15"},
        {"2周后", "2026-12-04"},
        {"两周后", "2026-12-04"},
        {"3个星期后", "2026-12-11"},
        {"1个月后", "2026-12-20"},
        {"2个月之前", "2026-09-20"},
        {"1年后", "2027-11-20"},
        {"12月20日", "2026-12-20"},
        {"12月20号", "2026-12-20"},
        {"12月20", "2026-12-20"},
        {"3月1日", "2026-03-01"}, /* no year: this year */
        {"十二月二十日", "2026-12-20"},
        {"2026年12月20日", "2026-12-20"},
        {"2028年2月29日", "2028-02-29"},
        {"二〇二七年一月五日", "2027-01-05"},
        {"\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\x96年"
         "\xEF\xBC\x91\xEF\xBC\x92月\xEF\xBC\x92\xEF\xBC\x90日",
         "2026-12-20"}, /* full-width digits */
        {"25日", "2026-11-25"},
        {"25号", "2026-11-25"},
        {"12月20日 14:30", "2026-12-20 14:30"},
        {"12月20日14:30", "2026-12-20 14:30"},
        {"12月20日 下午2点半", "2026-12-20 14:30"},
        {"下午3点", "2026-11-20 15:00"},
        {"明天下午3点", "2026-11-21 15:00"},
        {"明天 下午3点", "2026-11-21 15:00"},
        {"明天\xE3\x80\x80下午3点", "2026-11-21 15:00"}, /* U+3000 */
        {"周五 9:00", "2026-11-27 09:00"},
        {"下周一 上午10点", "2026-11-23 10:00"},
        {"3天后 14:30", "2026-11-23 14:30"},
        {"上午9点半", "2026-11-20 09:30"},
        {"晚上8点15分", "2026-11-20 20:15"},
        {"晚上8点一刻", "2026-11-20 20:15"},
        {"中午12点", "2026-11-20 12:00"},
        {"中午1点", "2026-11-20 13:00"},
        {"凌晨2点", "2026-11-20 02:00"},
        {"3点", "2026-11-20 03:00"},
        {"15点30", "2026-11-20 15:30"},
        {"15点整", "2026-11-20 15:00"},
        {"下午3:45", "2026-11-20 15:45"},
        {"14：30", "2026-11-20 14:30"}, /* full-width colon */
    };
    check_good(t, sizeof t / sizeof t[0], NOW);
    static const struct good jan31[] = {
        {"下个月", "2026-02-28"}, {"1个月后", "2026-02-28"},
        {"明天", "2026-02-01"},
    };
    check_good(jan31, 3, local_time(2026, 1, 31, 12, 0, 0));
    static const struct good sat[] = {{"周六", "2027-01-02"}};
    check_good(sat, 1, local_time(2026, 12, 26, 12, 0, 0));
}

#define ZH_HELP "use 今天, 明天, 周五, 下周一, 3天后, 下个月, 12月20日 or " \
                "2026年12月20日"
#define ZH_TIME_HELP "use HH:MM from 00:00 to 23:59, 下午3点 or 9点半"

static void test_parse_zh_bad(void **state)
{
    (void)state;
    static const struct bad t[] = {
        {"13月", "'13月' is not a date: there is no month 13"},
        {"13月5日", "'13月5日' is not a date: there is no month 13"},
        {"0月5日", "'0月5日' is not a date: there is no month 0"},
        {"2月30日", "'2月30日' is not a date: February 2026 has 28 days"},
        {"2027年2月29日",
         "'2027年2月29日' is not a date: February 2027 has 28 days"},
        {"11月31日 14:30",
         "'11月31日' is not a date: November 2026 has 30 days"},
        {"32日", "'32日' is not a date: November 2026 has 30 days"},
        {"0年1月1日", "'0年1月1日' is not a date: years run from 0001 to 9999"},
        {"9999年后", "'9999年后' is not a date: years run from 0001 to 9999"},
        {"12月", "'12月' is not a date: " ZH_HELP},
        {"2026年", "'2026年' is not a date: " ZH_HELP},
        {"周", "'周' is not a date: " ZH_HELP},
        {"下周", "'下周' is not a date: " ZH_HELP},
        {"明天后天", "'明天后天' is not a date: " ZH_HELP},
        {"中文", "'中文' is not a date: " ZH_HELP},
        {"3天", "'3天' is not a date: " ZH_HELP},
        {"12345年1月1日", "'12345年1月1日' is not a date: " ZH_HELP},
        {"明天 xyz", "'明天 xyz' is not a date: " ZH_HELP},
        {"下午", "'下午' is not a time: " ZH_TIME_HELP},
        {"明天下午", "'下午' is not a time: " ZH_TIME_HELP},
        {"下午25点", "'下午25点' is not a time: " ZH_TIME_HELP},
        {"上午15点", "'上午15点' is not a time: " ZH_TIME_HELP},
        {"3点61分", "'3点61分' is not a time: " ZH_TIME_HELP},
        {"下午3:5", "'下午3:5' is not a time: " ZH_TIME_HELP},
        {"明天 25:00", "'25:00' is not a time: " TIME_HELP},
        {"下午3点 14:30",
         "'下午3点 14:30' is not a date: it gives the time twice"},
    };
    check_bad(t, sizeof t / sizeof t[0]);
}

static void test_parse_long_input_quoted_short(void **state)
{
    (void)state;
    char in[101], want[200];
    memset(in, 'a', 100);
    in[100] = '\0';
    snprintf(want, sizeof want, "'%.60s\xE2\x80\xA6' is not a date: " DATE_HELP,
             in);
    struct tcrm_error err;
    struct tcrm_when w;
    assert_int_equal(tcrm_date_parse(in, NOW, &w, &err), TCRM_EINVAL);
    assert_string_equal(err.msg, want);
    assert_int_equal(tcrm_date_parse(NULL, NOW, &w, NULL), TCRM_EINVAL);
}

static void test_parse_iso(void **state)
{
    (void)state;
    struct tcrm_when w;
    assert_int_equal(tcrm_date_parse_iso("2026-12-01", &w), 0);
    assert_int_equal(w.has_time, 0);
    assert_int_equal(w.year * 10000 + w.month * 100 + w.day, 20261201);
    assert_int_equal(tcrm_date_parse_iso("2026-12-01 14:30", &w), 0);
    assert_true(w.has_time && w.hour == 14 && w.minute == 30);
    assert_int_equal(tcrm_date_parse_iso("2026-12-01 23:59:59", &w), 0);
    assert_true(w.has_time && w.hour == 23 && w.minute == 59);
    static const char *const bad[] = {
        "", "2026-12-1", "2026/12/01", "2026-12-01T14:30", "2026-02-30",
        "2026-12-01 24:00", "2026-12-01 14:60", "2026-12-01 14:30:60",
        "2026-12-01 14:3", "2026-12-01 14:30:", "2026-12-01 ", "today",
        "2026-12-01 14:30:00x", "0000-01-01",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (tcrm_date_parse_iso(bad[i], &w) != TCRM_EINVAL)
            fail_msg("'%s' parsed as a stored date", bad[i]);
    assert_int_equal(tcrm_date_parse_iso(NULL, &w), TCRM_EINVAL);
}

static void test_when_strings(void **state)
{
    (void)state;
    struct tcrm_when w = {2026, 3, 7, 9, 5, 1};
    char d[11], iso[17];
    tcrm_when_date(&w, d);
    tcrm_when_iso(&w, iso);
    assert_string_equal(d, "2026-03-07");
    assert_string_equal(iso, "2026-03-07 09:05");
    w.has_time = 0;
    tcrm_when_iso(&w, iso);
    assert_string_equal(iso, "2026-03-07");
}

static void test_today_timestamp(void **state)
{
    (void)state;
    char d[11], ts[20];
    tcrm_date_today(NOW, d);
    assert_string_equal(d, "2026-11-20");
    tcrm_date_timestamp(local_time(2026, 1, 2, 3, 4, 5), ts);
    assert_string_equal(ts, "2026-01-02 03:04:05");
}

static void test_arithmetic(void **state)
{
    (void)state;
    char d[11];
    tcrm_date_add_days("2026-12-31", 1, d);
    assert_string_equal(d, "2027-01-01");
    tcrm_date_add_days("2028-02-28", 1, d);
    assert_string_equal(d, "2028-02-29");
    tcrm_date_add_days("2026-03-01 10:00", -1, d);
    assert_string_equal(d, "2026-02-28");
    tcrm_date_add_days("2026-11-20", -36525, d);
    assert_string_equal(d, "1926-11-20");
    tcrm_date_add_days("2026-11-20", 0, d);
    assert_string_equal(d, "2026-11-20");
    tcrm_date_add_days("junk", 1, d);
    assert_string_equal(d, "");

    assert_int_equal(tcrm_date_days_between("2026-01-01", "2027-01-01"), 365);
    assert_int_equal(tcrm_date_days_between("2028-01-01", "2029-01-01"), 366);
    assert_int_equal(tcrm_date_days_between("2027-01-01", "2026-01-01"), -365);
    assert_int_equal(tcrm_date_days_between("2026-11-20 23:59",
                                            "2026-11-21 00:01:00"), 1);
    assert_int_equal(tcrm_date_days_between("1900-03-01", "2100-03-01"),
                     73049); /* 49 leap days: 2000 is one */

    assert_int_equal(tcrm_date_weekday("2026-11-20"), 4); /* Friday */
    assert_int_equal(tcrm_date_weekday("2026-11-23 08:00"), 0);
    assert_int_equal(tcrm_date_weekday("2000-01-01"), 5);
    assert_int_equal(tcrm_date_weekday("1970-01-01"), 3);
    assert_int_equal(tcrm_date_weekday("1969-12-28"), 6);
    assert_int_equal(tcrm_date_weekday("2026-02-30"), -1);
}

static void test_format(void **state)
{
    (void)state;
    char out[64];
    assert_int_equal(tcrm_date_format("%d.%m.%Y", "2026-12-01", out,
                                      sizeof out), 0);
    assert_string_equal(out, "01.12.2026");
    tcrm_date_format("%d.%m.%Y", "2026-12-01 14:30", out, sizeof out);
    assert_string_equal(out, "01.12.2026 14:30");
    tcrm_date_format("%d.%m.%Y %H:%M", "2026-12-01 14:30", out, sizeof out);
    assert_string_equal(out, "01.12.2026 14:30");
    tcrm_date_format("%d/%m %I%p", "2026-12-01 14:30:00", out, sizeof out);
    assert_string_equal(out, "01/12 02PM");
    tcrm_date_format("%a %d %b", "2026-11-20", out, sizeof out);
    assert_string_equal(out, "Fri 20 Nov");
    tcrm_date_format("%j %A", "2028-12-31", out, sizeof out);
    assert_string_equal(out, "366 Sunday");
    tcrm_date_format(NULL, "2026-12-01 09:00", out, sizeof out);
    assert_string_equal(out, "2026-12-01 09:00");
    tcrm_date_format("", "2026-12-01", out, sizeof out);
    assert_string_equal(out, "2026-12-01");
    tcrm_date_format("%%H %Y", "2026-12-01 09:00", out, sizeof out);
    assert_string_equal(out, "%H 2026 09:00"); /* %%H is not a time */
    assert_int_equal(tcrm_date_format("%Y-%m-%d", "2026-12-01", out, 5), 0);
    assert_string_equal(out, "2026");

    assert_int_equal(tcrm_date_format("%Y", "2026-13-01", out, sizeof out),
                     TCRM_EINVAL);
    assert_string_equal(out, "2026-13-01");
    assert_int_equal(tcrm_date_format("%Y", "not a date at all", out, 6),
                     TCRM_EINVAL);
    assert_string_equal(out, "not a");
    assert_int_equal(tcrm_date_format("%Y", NULL, out, sizeof out),
                     TCRM_EINVAL);
    assert_string_equal(out, "");
}

static void test_relative(void **state)
{
    (void)state;
    static const struct good t[] = {
        {"2026-11-20", "today"},
        {"2026-11-20 08:00:00", "today"},
        {"2026-11-19", "yesterday"},
        {"2026-11-21 09:00", "tomorrow"},
        {"2026-11-18", "2 days ago"},
        {"2026-11-17", "3 days ago"},
        {"2026-11-25", "in 5 days"},
        {"2026-11-07", "13 days ago"},
        {"2026-11-06", "2 weeks ago"},
        {"2026-09-22", "8 weeks ago"},  /* 59 days */
        {"2026-09-21", "2 months ago"}, /* 60 days */
        {"2024-11-21", "24 months ago"}, /* 729 days */
        {"2024-11-20", "2 years ago"},  /* 730 days */
        {"2016-11-20", "10 years ago"},
        {"2026-12-04", "in 2 weeks"},
        {"2027-02-20", "in 3 months"},
        {"2029-11-20", "in 3 years"},
        {"", ""},
        {"junk", "junk"},
    };
    char out[32];
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        const char *r = tcrm_date_relative(t[i].in, NOW, out, sizeof out);
        assert_ptr_equal(r, out);
        if (strcmp(out, t[i].want) != 0)
            fail_msg("'%s' gave '%s', want '%s'", t[i].in, out, t[i].want);
    }
    assert_string_equal(tcrm_date_relative(NULL, NOW, out, sizeof out), "");
    assert_string_equal(tcrm_date_relative("2026-11-17", NOW, out, 4), "3 d");
}

static void test_clock_now(void **state)
{
    (void)state;
    assert_int_equal(setenv("TCRM_NOW", "2026-11-20 10:15:30", 1), 0);
    assert_true(tcrm_clock_now() == local_time(2026, 11, 20, 10, 15, 30));
    setenv("TCRM_NOW", "2026-11-20", 1);
    assert_true(tcrm_clock_now() == local_time(2026, 11, 20, 0, 0, 0));
    setenv("TCRM_NOW", "garbage", 1);
    time_t t = tcrm_clock_now(), real = time(NULL);
    assert_true(t >= real - 5 && t <= real);
    unsetenv("TCRM_NOW");
    t = tcrm_clock_now();
    assert_true(t >= real - 5 && t <= real + 5);
}

/* Calendar arithmetic must not notice daylight saving changes. */
static void test_dst_days(void **state)
{
    (void)state;
    char *old = getenv("TZ") ? strdup(getenv("TZ")) : NULL;
    setenv("TZ", "Europe/Berlin", 1);
    tzset();
    /* 2026-03-29 is 23 hours long, 2026-10-25 is 25 hours long */
    static const struct good spring[] = {
        {"tomorrow", "2026-03-30"}, {"+1d", "2026-03-30"}, {"mon", "2026-03-30"},
        {"now", "2026-03-29 23:30"},
    };
    check_good(spring, 4, local_time(2026, 3, 29, 23, 30, 0));
    static const struct good autumn[] = {
        {"tomorrow", "2026-10-26"}, {"yesterday", "2026-10-24"},
        {"now", "2026-10-25 00:30"},
    };
    check_good(autumn, 3, local_time(2026, 10, 25, 0, 30, 0));
    char out[32];
    tcrm_date_relative("2026-10-26", local_time(2026, 10, 25, 23, 59, 0), out,
                       sizeof out);
    assert_string_equal(out, "tomorrow");
    if (old) {
        setenv("TZ", old, 1);
        free(old);
    } else {
        unsetenv("TZ");
    }
    tzset();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_good),
        cmocka_unit_test(test_month_clamping),
        cmocka_unit_test(test_parse_bad),
        cmocka_unit_test(test_parse_zh_good),
        cmocka_unit_test(test_parse_zh_bad),
        cmocka_unit_test(test_parse_long_input_quoted_short),
        cmocka_unit_test(test_parse_iso),
        cmocka_unit_test(test_when_strings),
        cmocka_unit_test(test_today_timestamp),
        cmocka_unit_test(test_arithmetic),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_relative),
        cmocka_unit_test(test_clock_now),
        cmocka_unit_test(test_dst_days),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
