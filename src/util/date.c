/*
 * date.c: the date language of tcrm and arithmetic on stored ISO dates
 * (include/tcrm/date.h).
 *
 * Calendar arithmetic never goes through time_t: a date is turned into a
 * day number (days since 1970-01-01 in the proleptic Gregorian calendar,
 * the "days from civil" algorithm) and back, so adding days, counting days
 * between dates and finding weekdays are exact, pure and immune to DST and
 * time zones. time_t only appears where the outside world does: "now" is
 * turned into a local calendar date with localtime_r(), and TCRM_NOW is
 * turned into a time_t with mktime().
 *
 * tcrm_date_parse reads what a person types. The text is trimmed and split
 * at its last space: if the tail looks like a time ("14:30"), it is parsed
 * as one and the head is the day; otherwise the whole text is the day. A
 * bad day quotes the day part, a bad time quotes the time part, so the
 * message points at what to fix.
 */
#include "tcrm/date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcrm/i18n.h"
#include "tcrm/text.h"
#include "date_internal.h"

/* The reasons after "'TEXT' is not a date: ", translated where used. */
#define DATE_HELP _("use YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m or a weekday")
#define TIME_HELP _("use HH:MM from 00:00 to 23:59")
#define YEARS_HELP _("years run from 0001 to 9999")
#define QUOTE_MAX 60 /* bytes of the user's text quoted in a message */

/* "February 2026 has 28 days": one whole sentence per month, so that a
 * language may put the year first (2026年2月有28天). */
static const char *const month_days_fmt[12] = {
    N_("January %d has %d days"), N_("February %d has %d days"),
    N_("March %d has %d days"), N_("April %d has %d days"),
    N_("May %d has %d days"), N_("June %d has %d days"),
    N_("July %d has %d days"), N_("August %d has %d days"),
    N_("September %d has %d days"), N_("October %d has %d days"),
    N_("November %d has %d days"), N_("December %d has %d days")};

/* ---- calendar arithmetic ------------------------------------------- */

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int tcrm_date_month_days(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

long tcrm_date_civil_days(int y, int m, int d)
{
    long yy = (long)y - (m <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long mp = (m + 9) % 12;
    long doy = (153 * mp + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void tcrm_date_civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* 1970-01-01 was a Thursday. */
int tcrm_date_weekday_of_days(long z)
{
    long r = (z + 3) % 7;
    return (int)(r < 0 ? r + 7 : r);
}

/* Write n as exactly `digits` decimal digits (n is range-checked). */
static char *put_num(char *p, int n, int digits)
{
    for (int i = digits - 1; i >= 0; i--) {
        p[i] = (char)('0' + n % 10);
        n /= 10;
    }
    return p + digits;
}

static void format_date(int y, int m, int d, char out[11])
{
    char *p = put_num(out, y, 4);
    *p++ = '-';
    p = put_num(p, m, 2);
    *p++ = '-';
    p = put_num(p, d, 2);
    *p = '\0';
}

/* Read exactly `n` digits at s; -1 if any is not a digit. */
static int read_digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Strictly "YYYY-MM-DD" at the first 10 bytes, a real calendar date. */
static int read_iso_date(const char *s, int *y, int *m, int *d)
{
    if (!s || strnlen(s, 10) < 10 || s[4] != '-' || s[7] != '-')
        return -1;
    *y = read_digits(s, 4);
    *m = read_digits(s + 5, 2);
    *d = read_digits(s + 8, 2);
    if (*y < 1 || *m < 1 || *m > 12 || *d < 1 || *d > tcrm_date_month_days(*y, *m))
        return -1;
    return 0;
}

static int local_today(time_t now, int *y, int *m, int *d, struct tm *tm)
{
    struct tm tmp;
    if (!tm)
        tm = &tmp;
    if (!localtime_r(&now, tm))
        return -1;
    *y = tm->tm_year + 1900;
    *m = tm->tm_mon + 1;
    *d = tm->tm_mday;
    return 0;
}

/* ---- the clock ----------------------------------------------------- */

static time_t pinned;

void tcrm_clock_pin(time_t t)
{
    pinned = t;
}

time_t tcrm_clock_now(void)
{
    if (pinned)
        return pinned;
    const char *env = getenv("TCRM_NOW");
    struct tcrm_when w;
    if (!env || !*env || tcrm_date_parse_iso(env, &w) != 0)
        return time(NULL);
    struct tm tm = {0};
    tm.tm_year = w.year - 1900;
    tm.tm_mon = w.month - 1;
    tm.tm_mday = w.day;
    tm.tm_hour = w.has_time ? w.hour : 0;
    tm.tm_min = w.has_time ? w.minute : 0;
    tm.tm_sec = strlen(env) == 19 ? read_digits(env + 17, 2) : 0;
    tm.tm_isdst = -1;
    time_t t = mktime(&tm);
    return t == (time_t)-1 ? time(NULL) : t;
}

/* ---- stored forms -------------------------------------------------- */

int tcrm_date_parse_iso(const char *iso, struct tcrm_when *out)
{
    struct tcrm_when w = {0};
    if (read_iso_date(iso, &w.year, &w.month, &w.day) != 0)
        return TCRM_EINVAL;
    size_t len = strlen(iso);
    if (len == 16 || len == 19) {
        if (iso[10] != ' ' || iso[13] != ':')
            return TCRM_EINVAL;
        w.hour = read_digits(iso + 11, 2);
        w.minute = read_digits(iso + 14, 2);
        if (w.hour < 0 || w.hour > 23 || w.minute < 0 || w.minute > 59)
            return TCRM_EINVAL;
        if (len == 19) {
            int sec = read_digits(iso + 17, 2);
            if (iso[16] != ':' || sec < 0 || sec > 59)
                return TCRM_EINVAL;
        }
        w.has_time = 1;
    } else if (len != 10) {
        return TCRM_EINVAL;
    }
    *out = w;
    return 0;
}

void tcrm_when_date(const struct tcrm_when *w, char out[11])
{
    format_date(w->year, w->month, w->day, out);
}

void tcrm_when_iso(const struct tcrm_when *w, char out[17])
{
    format_date(w->year, w->month, w->day, out);
    if (!w->has_time)
        return;
    char *p = out + 10;
    *p++ = ' ';
    p = put_num(p, w->hour, 2);
    *p++ = ':';
    p = put_num(p, w->minute, 2);
    *p = '\0';
}

void tcrm_date_today(time_t now, char out[11])
{
    int y, m, d;
    if (local_today(now, &y, &m, &d, NULL) != 0)
        y = 1970, m = 1, d = 1;
    format_date(y, m, d, out);
}

void tcrm_date_timestamp(time_t now, char out[20])
{
    struct tm tm;
    int y, m, d;
    if (local_today(now, &y, &m, &d, &tm) != 0) {
        memset(&tm, 0, sizeof tm);
        y = 1970, m = 1, d = 1;
    }
    format_date(y, m, d, out);
    char *p = out + 10;
    *p++ = ' ';
    p = put_num(p, tm.tm_hour, 2);
    *p++ = ':';
    p = put_num(p, tm.tm_min, 2);
    *p++ = ':';
    p = put_num(p, tm.tm_sec > 59 ? 59 : tm.tm_sec, 2);
    *p = '\0';
}

void tcrm_date_add_days(const char *iso, int days, char out[11])
{
    int y, m, d;
    /* Read iso before touching out: callers may pass the same buffer. */
    int bad = read_iso_date(iso, &y, &m, &d);
    out[0] = '\0';
    if (bad != 0)
        return;
    tcrm_date_civil_from_days(tcrm_date_civil_days(y, m, d) + days, &y, &m, &d);
    if (y >= 1 && y <= 9999)
        format_date(y, m, d, out);
}

int tcrm_date_days_between(const char *a, const char *b)
{
    int ya, ma, da, yb, mb, db;
    if (read_iso_date(a, &ya, &ma, &da) != 0 ||
        read_iso_date(b, &yb, &mb, &db) != 0)
        return 0;
    return (int)(tcrm_date_civil_days(yb, mb, db) - tcrm_date_civil_days(ya, ma, da));
}

int tcrm_date_weekday(const char *iso)
{
    int y, m, d;
    if (read_iso_date(iso, &y, &m, &d) != 0)
        return -1;
    return tcrm_date_weekday_of_days(tcrm_date_civil_days(y, m, d));
}

/* ---- messages ------------------------------------------------------ */

/* Copy at most outsz-1 bytes of s (n bytes) without splitting a UTF-8
 * character. */
static void copy_trunc(char *out, size_t outsz, const char *s, size_t n)
{
    if (outsz == 0)
        return;
    size_t k = n < outsz - 1 ? n : outsz - 1;
    while (k > 0 && k < n && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    memcpy(out, s, k);
    out[k] = '\0';
}

/* Fill err with "'TEXT' is not a date: WHY" (or "a time"), TEXT being
 * the user's n bytes at s, cut to QUOTE_MAX bytes (then "…") and
 * sanitized so that a message never carries escape sequences to the
 * terminal. why is already in the user's language. */
int tcrm_date_bad_input(struct tcrm_error *err, const char *s, size_t n,
                        enum tcrm_date_what what, const char *why)
{
    char tmp[QUOTE_MAX + 1];
    copy_trunc(tmp, sizeof tmp, s, n);
    char *q = tcrm_text_sanitize(tmp);
    const char *more = n > QUOTE_MAX ? "\xE2\x80\xA6" : "";
    int rc = what == TCRM_DATE_TIME
        ? tcrm_error_set(err, TCRM_EINVAL, "'%s%s' is not a time: %s",
                         q ? q : "?", more, why)
        : tcrm_error_set(err, TCRM_EINVAL, "'%s%s' is not a date: %s",
                         q ? q : "?", more, why);
    free(q);
    return rc;
}

static int bad_date(struct tcrm_error *err, const char *s, size_t n,
                    const char *why)
{
    return tcrm_date_bad_input(err, s, n, TCRM_DATE_DAY, why);
}

static int bad_time(struct tcrm_error *err, const char *s, size_t n)
{
    return tcrm_date_bad_input(err, s, n, TCRM_DATE_TIME, TIME_HELP);
}

static int bad_input_time_twice(struct tcrm_error *err, const char *s,
                                size_t n)
{
    return tcrm_date_bad_input(err, s, n, TCRM_DATE_DAY,
                               _("it gives the time twice"));
}

/* ---- what a person types ------------------------------------------- */

/* A span of the (trimmed, lower-cased) input, and the same span of the
 * original for quoting. */
struct span {
    const char *low, *orig;
    size_t len;
};

static int span_is(const struct span *sp, const char *word)
{
    return strlen(word) == sp->len && memcmp(sp->low, word, sp->len) == 0;
}

static int is_ascii(const struct span *sp)
{
    for (size_t i = 0; i < sp->len; i++)
        if ((unsigned char)sp->low[i] >= 0x80)
            return 0;
    return 1;
}

/* An ASCII time ("14:30"); "12月20日14:30" is a Chinese day with its time. */
static int looks_like_time(const struct span *sp)
{
    return sp->len > 0 && isdigit((unsigned char)sp->low[0]) &&
           memchr(sp->low, ':', sp->len) != NULL && is_ascii(sp);
}

/* H:MM or HH:MM, 00:00..23:59. */
static int parse_time(const struct span *sp, struct tcrm_when *w,
                      struct tcrm_error *err)
{
    const char *s = sp->low;
    size_t hl = (size_t)((const char *)memchr(s, ':', sp->len) - s);
    int h = hl >= 1 && hl <= 2 ? read_digits(s, (int)hl) : -1;
    int m = sp->len == hl + 3 ? read_digits(s + hl + 1, 2) : -1;
    if (h < 0 || h > 23 || m < 0 || m > 59)
        return bad_time(err, sp->orig, sp->len);
    w->hour = h;
    w->minute = m;
    w->has_time = 1;
    return 0;
}

static int set_days(long z, struct tcrm_when *w, const struct span *sp,
                    struct tcrm_error *err)
{
    tcrm_date_civil_from_days(z, &w->year, &w->month, &w->day);
    if (w->year < 1 || w->year > 9999)
        return bad_date(err, sp->orig, sp->len,
                        YEARS_HELP);
    return 0;
}

/* +3d, -2w, +1m, +1y from today (ty-tm-td). */
static int parse_offset(const struct span *sp, int ty, int tm, int td,
                        struct tcrm_when *w, struct tcrm_error *err)
{
    size_t nd = sp->len - 2;
    char unit = sp->low[sp->len - 1];
    long n = nd >= 1 && nd <= 6 ? read_digits(sp->low + 1, (int)nd) : -1;
    if (n < 0 || !strchr("dwmy", unit))
        return bad_date(err, sp->orig, sp->len, DATE_HELP);
    if (sp->low[0] == '-')
        n = -n;
    long today = tcrm_date_civil_days(ty, tm, td);
    if (unit == 'd' || unit == 'w')
        return set_days(today + n * (unit == 'w' ? 7 : 1), w, sp, err);
    if (tcrm_date_add_months(ty, tm, td, n * (unit == 'y' ? 12 : 1), w) != 0)
        return bad_date(err, sp->orig, sp->len,
                        YEARS_HELP);
    return 0;
}

int tcrm_date_add_months(int y, int m, int d, long n, struct tcrm_when *w)
{
    long months = (long)y * 12 + (m - 1) + n;
    if (months < 12 || months >= 10000L * 12)
        return -1;
    w->year = (int)(months / 12);
    w->month = (int)(months % 12) + 1;
    int dim = tcrm_date_month_days(w->year, w->month);
    w->day = d > dim ? dim : d;
    return 0;
}

/* mon..sun, any prefix of three letters or more of the full name. */
static int weekday_index(const struct span *sp)
{
    static const char *const names[7] = {"monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday"};
    for (int i = 0; i < 7; i++)
        if (sp->len >= 3 && sp->len <= strlen(names[i]) &&
            memcmp(sp->low, names[i], sp->len) == 0)
            return i;
    return -1;
}

/* YYYY-MM-DD (also with / or . between, and one-digit month or day). */
static int parse_ymd(const struct span *sp, struct tcrm_when *w,
                     struct tcrm_error *err)
{
    const char *s = sp->low;
    size_t i, ml = 0, dl = 0;
    int y = sp->len >= 8 ? read_digits(s, 4) : -1;
    char sep = sp->len > 4 ? s[4] : 0;
    if (y < 0 || sep == 0 || !strchr("-/.", sep))
        return bad_date(err, sp->orig, sp->len, DATE_HELP);
    for (i = 5; i < sp->len && isdigit((unsigned char)s[i]); i++)
        ml++;
    if (i >= sp->len || s[i] != sep)
        return bad_date(err, sp->orig, sp->len, DATE_HELP);
    for (i++; i < sp->len && isdigit((unsigned char)s[i]); i++)
        dl++;
    if (i != sp->len || ml < 1 || ml > 2 || dl < 1 || dl > 2)
        return bad_date(err, sp->orig, sp->len, DATE_HELP);
    int m = read_digits(s + 5, (int)ml), d = read_digits(s + 6 + ml, (int)dl);
    return tcrm_date_set_ymd(y, m, d, w, sp->orig, sp->len, err);
}

int tcrm_date_check_month(int m, const char *s, size_t n,
                          struct tcrm_error *err)
{
    char why[128];
    if (m >= 1 && m <= 12)
        return 0;
    snprintf(why, sizeof why, _("there is no month %d"), m);
    return bad_date(err, s, n, why);
}

int tcrm_date_set_ymd(int y, int m, int d, struct tcrm_when *w,
                      const char *s, size_t n, struct tcrm_error *err)
{
    char why[128];
    if (y < 1 || y > 9999)
        return bad_date(err, s, n, YEARS_HELP);
    if (tcrm_date_check_month(m, s, n, err) != 0)
        return TCRM_EINVAL;
    if (d < 1 || d > tcrm_date_month_days(y, m)) {
        snprintf(why, sizeof why, _(month_days_fmt[m - 1]), y,
                 tcrm_date_month_days(y, m));
        return bad_date(err, s, n, why);
    }
    w->year = y, w->month = m, w->day = d;
    return 0;
}

static int parse_day(const struct span *sp, time_t now, struct tcrm_when *w,
                     struct tcrm_error *err)
{
    struct tm tmnow;
    int ty, tm, td;
    if (local_today(now, &ty, &tm, &td, &tmnow) != 0)
        return tcrm_error_set(err, TCRM_EINVAL, "the clock is out of range");
    long today = tcrm_date_civil_days(ty, tm, td);
    if (!is_ascii(sp))
        return tcrm_date_parse_zh(sp->orig, sp->len, &tmnow, w, err);
    if (span_is(sp, "today"))
        return set_days(today, w, sp, err);
    if (span_is(sp, "tomorrow"))
        return set_days(today + 1, w, sp, err);
    if (span_is(sp, "yesterday"))
        return set_days(today - 1, w, sp, err);
    if (span_is(sp, "now")) {
        w->hour = tmnow.tm_hour;
        w->minute = tmnow.tm_min;
        w->has_time = 1;
        return set_days(today, w, sp, err);
    }
    if (sp->len >= 3 && (sp->low[0] == '+' || sp->low[0] == '-'))
        return parse_offset(sp, ty, tm, td, w, err);
    int wd = weekday_index(sp);
    if (wd >= 0) {
        int ahead = (wd - tcrm_date_weekday_of_days(today) + 7) % 7;
        return set_days(today + (ahead ? ahead : 7), w, sp, err);
    }
    if (sp->len > 0 && isdigit((unsigned char)sp->low[0]))
        return parse_ymd(sp, w, err);
    return bad_date(err, sp->orig, sp->len, DATE_HELP);
}

int tcrm_date_parse(const char *text, time_t now, struct tcrm_when *out,
                    struct tcrm_error *err)
{
    char low[128];
    const char *s = text ? text : "";
    size_t len = strlen(s);
    while (len > 0 && isspace((unsigned char)s[len - 1]))
        len--;
    while (len > 0 && isspace((unsigned char)*s))
        s++, len--;
    if (len >= sizeof low)
        return bad_date(err, s, len, DATE_HELP);
    for (size_t i = 0; i < len; i++)
        low[i] = (char)tolower((unsigned char)s[i]);
    low[len] = '\0';

    struct tcrm_when w = {0};
    struct span day = {low, s, len}, tim = {NULL, NULL, 0};
    const char *sp = strrchr(low, ' ');
    if (!sp)
        sp = strrchr(low, '\t');
    if (sp) {
        size_t at = (size_t)(sp - low), head = at;
        while (head > 0 && isspace((unsigned char)low[head - 1]))
            head--;
        struct span tail = {low + at + 1, s + at + 1, len - at - 1};
        if (looks_like_time(&tail)) {
            tim = tail;
            day.len = head;
        }
    } else if (looks_like_time(&day)) {
        tim = day;
        day = (struct span){"today", "today", 5};
    }
    int rc = parse_day(&day, now, &w, err);
    if (rc == 0 && tim.len > 0 && w.has_time) /* "下午3点 14:30" */
        rc = bad_input_time_twice(err, s, len);
    else if (rc == 0 && tim.len > 0)
        rc = parse_time(&tim, &w, err);
    if (rc == 0 && out)
        *out = w;
    return rc;
}

/* ---- showing dates ------------------------------------------------- */

/* Does a strftime pattern print any part of the time of day? */
static int has_time_conversion(const char *p)
{
    for (; *p; p++) {
        if (*p != '%')
            continue;
        p++;
        while (*p && strchr("_-0^#", *p))
            p++;
        while (isdigit((unsigned char)*p))
            p++;
        if (*p == 'E' || *p == 'O')
            p++;
        if (!*p)
            break;
        if (strchr("HIklMSpPrRTXcs", *p))
            return 1;
    }
    return 0;
}

int tcrm_date_format(const char *pattern, const char *iso, char *out,
                     size_t outsz)
{
    struct tcrm_when w;
    if (!out || outsz == 0)
        return iso && tcrm_date_parse_iso(iso, &w) == 0 ? 0 : TCRM_EINVAL;
    if (!iso || tcrm_date_parse_iso(iso, &w) != 0) {
        copy_trunc(out, outsz, iso ? iso : "", iso ? strlen(iso) : 0);
        return TCRM_EINVAL;
    }
    if (!pattern || !*pattern)
        pattern = "%Y-%m-%d";
    long z = tcrm_date_civil_days(w.year, w.month, w.day);
    struct tm tm = {0};
    tm.tm_year = w.year - 1900;
    tm.tm_mon = w.month - 1;
    tm.tm_mday = w.day;
    tm.tm_hour = w.hour;
    tm.tm_min = w.minute;
    tm.tm_sec = strlen(iso) == 19 ? read_digits(iso + 17, 2) : 0;
    tm.tm_wday = (tcrm_date_weekday_of_days(z) + 1) % 7; /* struct tm: 0 = Sunday */
    tm.tm_yday = (int)(z - tcrm_date_civil_days(w.year, 1, 1));
    tm.tm_isdst = -1;
    struct tm zoned = tm; /* let mktime fill in the zone, if it agrees */
    if (mktime(&zoned) != (time_t)-1 && zoned.tm_mday == tm.tm_mday &&
        zoned.tm_hour == tm.tm_hour && zoned.tm_min == tm.tm_min)
        tm = zoned;

    char buf[512];
    size_t n = strftime(buf, sizeof buf - 8, pattern, &tm);
    buf[n] = '\0';
    if (w.has_time && !has_time_conversion(pattern)) {
        char *p = buf + n;
        *p++ = ' ';
        p = put_num(p, w.hour, 2);
        *p++ = ':';
        p = put_num(p, w.minute, 2);
        *p = '\0';
    }
    copy_trunc(out, outsz, buf, strlen(buf));
    return 0;
}

const char *tcrm_date_relative(const char *iso, time_t now, char *out,
                               size_t outsz)
{
    int y, m, d, ty, tm, td;
    if (!out || outsz == 0)
        return out;
    out[0] = '\0';
    if (!iso || !*iso)
        return out;
    if (read_iso_date(iso, &y, &m, &d) != 0 ||
        local_today(now, &ty, &tm, &td, NULL) != 0) {
        copy_trunc(out, outsz, iso, strlen(iso));
        return out;
    }
    long diff = tcrm_date_civil_days(y, m, d) - tcrm_date_civil_days(ty, tm, td);
    long a = diff < 0 ? -diff : diff;
    const char *fmt;
    if (diff == 0 || diff == 1 || diff == -1) {
        const char *word = diff == 0 ? _("today") :
                           diff == 1 ? _("tomorrow") : _("yesterday");
        copy_trunc(out, outsz, word, strlen(word));
        return out;
    }
    /* Whole phrases per unit and direction, counted with ngettext: in
     * Chinese they read 5天前, 3周后, 2个月前. */
    long n = a < 14 ? a : a < 60 ? a / 7 : a < 730 ? a / 30 : a / 365;
    if (a < 14)
        fmt = diff < 0 ? P_("%ld day ago", "%ld days ago", n)
                       : P_("in %ld day", "in %ld days", n);
    else if (a < 60)
        fmt = diff < 0 ? P_("%ld week ago", "%ld weeks ago", n)
                       : P_("in %ld week", "in %ld weeks", n);
    else if (a < 730)
        fmt = diff < 0 ? P_("%ld month ago", "%ld months ago", n)
                       : P_("in %ld month", "in %ld months", n);
    else
        fmt = diff < 0 ? P_("%ld year ago", "%ld years ago", n)
                       : P_("in %ld year", "in %ld years", n);
    char buf[96];
    snprintf(buf, sizeof buf, fmt, n);
    copy_trunc(out, outsz, buf, strlen(buf)); /* never half a character */
    return out;
}
