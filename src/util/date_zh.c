/*
 * date_zh.c: the Chinese words of the date language (include/tcrm/date.h).
 *
 * tcrm_date_parse hands a day part that holds any non-ASCII byte to
 * tcrm_date_parse_zh, which reads an optional day and then an optional
 * time, both in the words a Chinese user types:
 *
 *   day    今天 明天 后天 大后天 昨天 前天 大前天 (also 今日 明日 昨日)
 *          周五 星期五 礼拜五        the coming one, always after today
 *          下周一 这周五 本周五 上周一 (下个星期一 ...)   that week's day,
 *                                     weeks running Monday to Sunday
 *          下个月 下月 上个月         a month on or back, the day kept
 *                                     (clamped to the month's end)
 *          3天后 2周后 1个月后 1年后 5天前 (also 以后 之后 以前 之前,
 *          个星期 个礼拜)
 *          12月20日 12月20号 2026年12月20日 20日 (this year, this month)
 *          现在 (now, with the time)
 *   time   14:30  下午3点  上午9点半  晚上8点15分  中午12点  3点 (03:00)
 *          上午 早上 早晨 凌晨 keep the hour; 下午 傍晚 晚上 夜里 add 12
 *          to hours 1..11; 中午 adds 12 to hours 1..2.
 *
 * Numbers may be ASCII digits, full-width digits or Chinese numerals
 * (三天后, 十二月二十日, 两周后, 二〇二六年). A day with no year is in
 * the current year: "12月20日" in a report period or a follow-up means
 * the 20th of December of this year, as a person reading it would take it.
 *
 * Mistakes are one line quoting what was typed: "'13月5日' is not a date:
 * there is no month 13", "'2月30日' is not a date: February 2026 has 28
 * days", "'下午13点' is not a time: ...".
 */
#include <ctype.h>
#include <string.h>

#include "tcrm/i18n.h"
#include "date_internal.h"

#define ZH_HELP _("use 今天, 明天, 周五, 下周一, 3天后, 下个月, 12月20日 or " \
                "2026年12月20日")
#define ZH_TIME_HELP _("use HH:MM from 00:00 to 23:59, 下午3点 or 9点半")

/* A read position in the user's text. */
struct cur {
    const char *s;
    size_t n, pos;
};

static int eat(struct cur *c, const char *word)
{
    size_t l = strlen(word);
    if (c->n - c->pos < l || memcmp(c->s + c->pos, word, l) != 0)
        return 0;
    c->pos += l;
    return 1;
}

/* Index of the first of words that is next (and step over it), or -1. */
static int eat_any(struct cur *c, const char *const *words, int count)
{
    for (int i = 0; i < count; i++)
        if (eat(c, words[i]))
            return i;
    return -1;
}

static void skip_space(struct cur *c)
{
    for (;;) {
        if (c->pos < c->n && isspace((unsigned char)c->s[c->pos]))
            c->pos++;
        else if (!eat(c, "\xE3\x80\x80")) /* U+3000 ideographic space */
            return;
    }
}

/* An ASCII or full-width (U+FF10..U+FF19) digit, or -1. */
static int arabic_digit(struct cur *c)
{
    const unsigned char *p = (const unsigned char *)c->s + c->pos;
    size_t left = c->n - c->pos;
    if (left >= 1 && isdigit(p[0])) {
        c->pos++;
        return p[0] - '0';
    }
    if (left >= 3 && p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 &&
        p[2] <= 0x99) {
        c->pos += 3;
        return p[2] - 0x90;
    }
    return -1;
}

static int zh_digit(struct cur *c)
{
    static const char *const digits[] = {"零", "一", "二", "三", "四", "五",
                                         "六", "七", "八", "九", "〇", "两"};
    int i = eat_any(c, digits, 12);
    return i < 0 ? -1 : i == 10 ? 0 : i == 11 ? 2 : i;
}

/* A number: up to 4 digits (ASCII, full-width or 二〇二六), or Chinese
 * numerals up to 99 (十, 十二, 二十, 二十三). 1 when one was read. */
static int number(struct cur *c, int *out)
{
    int v = 0, nd = 0, d;
    while (nd < 5 && (d = arabic_digit(c)) >= 0)
        v = v * 10 + d, nd++;
    if (nd == 0) {
        d = zh_digit(c);
        if (eat(c, "十")) {
            v = (d < 0 ? 1 : d) * 10;
            if ((d = zh_digit(c)) >= 0)
                v += d;
            *out = v;
            return 1;
        }
        for (; d >= 0 && nd < 5; d = zh_digit(c))
            v = v * 10 + d, nd++;
    }
    *out = v;
    return nd >= 1 && nd <= 4;
}

/* 后 / 以后 / 之后: +1; 前 / 以前 / 之前: -1; 0 when neither. */
static int direction(struct cur *c)
{
    static const char *const words[] = {"以后", "之后", "后", "以前", "之前",
                                        "前"};
    int i = eat_any(c, words, 6);
    return i < 0 ? 0 : i < 3 ? 1 : -1;
}

/* What the readers below return. */
enum {
    READ_OK = 1,     /* read, w set */
    READ_NONE = 0,   /* not this kind of word; nothing consumed */
    READ_YEARS = -1, /* outside the years 0001..9999 */
    READ_BAD = -2,   /* not a date: the general help */
    READ_SAID = -3   /* a mistake, err already says which */
};

/* Today, in calendar terms. */
struct today {
    int y, m, d;
    long z; /* day number of today */
};

static int set_day(long z, struct tcrm_when *w)
{
    tcrm_date_civil_from_days(z, &w->year, &w->month, &w->day);
    return w->year >= 1 && w->year <= 9999 ? READ_OK : READ_YEARS;
}

/* 周五 星期五 礼拜五, with 下/这/本/上 (个) before; a week word without
 * its day is READ_BAD. */
static int weekday_word(struct cur *c, const struct today *t,
                        struct tcrm_when *w)
{
    static const char *const shift_words[] = {"下个", "下", "这个", "这",
                                              "本", "上个", "上"};
    static const int shifts[] = {1, 1, 0, 0, 0, -1, -1};
    static const char *const week_words[] = {"星期", "礼拜", "周"};
    static const char *const day_chars[] = {"一", "二", "三", "四", "五",
                                            "六", "日", "天"};
    size_t start = c->pos;
    int si = eat_any(c, shift_words, 7);
    if (eat_any(c, week_words, 3) < 0) {
        c->pos = start;
        return READ_NONE;
    }
    int wd = eat_any(c, day_chars, 8);
    if (wd < 0)
        return READ_BAD;
    if (wd == 7)
        wd = 6; /* 星期天 = 星期日 */
    int today_wd = tcrm_date_weekday_of_days(t->z);
    if (si < 0) {
        int ahead = (wd - today_wd + 7) % 7;
        return set_day(t->z + (ahead ? ahead : 7), w);
    }
    return set_day(t->z - today_wd + 7L * shifts[si] + wd, w);
}

/* 下个月 / 下月 / 上个月 / 上月. */
static int month_word(struct cur *c, const struct today *t,
                      struct tcrm_when *w)
{
    static const char *const words[] = {"下个月", "下月", "上个月", "上月"};
    int i = eat_any(c, words, 4);
    if (i < 0)
        return READ_NONE;
    return tcrm_date_add_months(t->y, t->m, t->d, i < 2 ? 1 : -1, w) == 0
               ? READ_OK : READ_YEARS;
}


/* After "N": 天后, 周后, 个月后, 年后 ... (an offset from today) or 月D日,
 * 年M月D日, 日 (a date). READ_NONE: the number belongs to a time. */
static int number_day(struct cur *c, int n, const struct today *t,
                      struct tcrm_when *w, struct tcrm_error *err)
{
    enum { WEEKS, DAYS, MONTHS, YEARS, DAY_OF_MONTH, MONTH };
    static const char *const units[] = {"个星期", "个礼拜", "星期", "礼拜",
        "周", "个月", "天", "日", "号", "月", "年"};
    static const int kind[] = {WEEKS, WEEKS, WEEKS, WEEKS, WEEKS, MONTHS,
        DAYS, DAY_OF_MONTH, DAY_OF_MONTH, MONTH, YEARS};
    int u = eat_any(c, units, 11);
    if (u < 0)
        return READ_NONE;
    int k = kind[u], dir = direction(c);
    if (dir != 0 && (k == WEEKS || k == DAYS || u == 7))
        return set_day(t->z + (long)n * dir * (k == WEEKS ? 7 : 1), w);
    if (dir != 0 && k != DAY_OF_MONTH)
        return tcrm_date_add_months(t->y, t->m, t->d,
                                    (long)n * dir * (k == YEARS ? 12 : 1), w)
                   == 0 ? READ_OK : READ_YEARS;
    if (k == DAY_OF_MONTH && dir == 0) /* 20日: this month */
        return tcrm_date_set_ymd(t->y, t->m, n, w, c->s, c->n, err) == 0
                   ? READ_OK : READ_SAID;
    int y = t->y, m = n, d;
    if (k == YEARS) { /* 2026年M月D日 */
        y = n;
        if (!number(c, &m) || !eat(c, "月"))
            return READ_BAD;
        k = MONTH;
    }
    if (k != MONTH)
        return READ_BAD;
    if (tcrm_date_check_month(m, c->s, c->n, err) != 0)
        return READ_SAID;
    if (!number(c, &d))
        return READ_BAD;
    if (!eat(c, "日"))
        eat(c, "号");
    return tcrm_date_set_ymd(y, m, d, w, c->s, c->n, err) == 0 ? READ_OK
                                                              : READ_SAID;
}

/* The day part: 今天, 周五, 下个月, 3天后, 12月20日 ... */
static int day_part(struct cur *c, const struct tm *now, const struct today *t,
                    struct tcrm_when *w, struct tcrm_error *err)
{
    static const char *const rel[] = {"大后天", "大前天", "后天", "前天",
        "明天", "明日", "今天", "今日", "昨天", "昨日"};
    static const int rel_days[] = {3, -3, 2, -2, 1, 1, 0, 0, -1, -1};
    int i = eat_any(c, rel, 10), rc, n;
    if (i >= 0)
        return set_day(t->z + rel_days[i], w);
    if (eat(c, "现在")) {
        w->hour = now->tm_hour, w->minute = now->tm_min, w->has_time = 1;
        return set_day(t->z, w);
    }
    if ((rc = weekday_word(c, t, w)) != READ_NONE ||
        (rc = month_word(c, t, w)) != READ_NONE)
        return rc;
    size_t start = c->pos;
    if (!number(c, &n))
        return READ_NONE;
    /* 3点, 14:30: the number starts a time */
    size_t after = c->pos;
    if (eat(c, "点") || eat(c, "时") || eat(c, ":") || eat(c, "：")) {
        c->pos = start;
        return READ_NONE;
    }
    c->pos = after;
    return number_day(c, n, t, w, err);
}

/* The time part: 14:30, 下午3点, 9点半, 8点15分, 3点20. 1 read, 0 none,
 * -1 a bad time. */
static int time_part(struct cur *c, struct tcrm_when *w)
{
    static const char *const periods[] = {"上午", "早上", "早晨", "凌晨",
        "中午", "下午", "傍晚", "晚上", "夜里"};
    int p = eat_any(c, periods, 9), h, m = 0;
    if (!number(c, &h))
        return p >= 0 ? -1 : 0;
    if (eat(c, ":") || eat(c, "：")) {
        size_t at = c->pos;
        if (!number(c, &m) || c->pos - at != 2)
            return -1;
    } else if (eat(c, "点") || eat(c, "时")) {
        if (eat(c, "半"))
            m = 30;
        else if (eat(c, "一刻"))
            m = 15;
        else if (eat(c, "三刻"))
            m = 45;
        else if (number(c, &m))
            eat(c, "分");
        else
            eat(c, "整");
    } else {
        return -1;
    }
    if (p == 4 && h >= 1 && h <= 2)
        h += 12;
    else if (p >= 5 && h >= 1 && h <= 11)
        h += 12;
    else if (p >= 0 && p <= 3 && h > 12)
        return -1; /* 上午15点 */
    if (h > 23 || m > 59)
        return -1;
    w->hour = h, w->minute = m, w->has_time = 1;
    return 1;
}

int tcrm_date_parse_zh(const char *s, size_t n, const struct tm *now,
                       struct tcrm_when *w, struct tcrm_error *err)
{
    struct cur c = {s, n, 0};
    struct today t = {now->tm_year + 1900, now->tm_mon + 1, now->tm_mday, 0};
    struct tcrm_when r = {0};
    t.z = tcrm_date_civil_days(t.y, t.m, t.d);
    skip_space(&c);
    int day = day_part(&c, now, &t, &r, err);
    if (day == READ_SAID)
        return TCRM_EINVAL;
    if (day == READ_YEARS)
        return tcrm_date_bad_input(err, s, n, TCRM_DATE_DAY,
                                   _("years run from 0001 to 9999"));
    if (day == READ_BAD)
        return tcrm_date_bad_input(err, s, n, TCRM_DATE_DAY, ZH_HELP);
    if (day == READ_NONE)
        set_day(t.z, &r);
    skip_space(&c);
    size_t time_at = c.pos;
    int tim = c.pos < n && !r.has_time ? time_part(&c, &r) : 0;
    if (tim < 0)
        return tcrm_date_bad_input(err, s + time_at, n - time_at,
                                   TCRM_DATE_TIME,
                                   ZH_TIME_HELP);
    skip_space(&c);
    if (c.pos != n || (day == 0 && tim == 0))
        return tcrm_date_bad_input(err, s, n, TCRM_DATE_DAY, ZH_HELP);
    *w = r;
    return 0;
}
