/*
 * date.h: the date language shared by every part of tcrm, and date
 * arithmetic on the ISO strings the database stores. Pure; local time.
 *
 * Stored forms (what the database holds, what these functions exchange):
 *   date       "YYYY-MM-DD"
 *   date+time  "YYYY-MM-DD HH:MM"
 *   timestamp  "YYYY-MM-DD HH:MM:SS"   (created/updated times, local time)
 *
 * What a person may type (tcrm_date_parse), case-insensitive, trimmed:
 *   2026-12-01            2026-12-01 14:30       14:30 (today at that time)
 *   today  tomorrow  yesterday  now
 *   +3d  +2w  +1m  +1y  -5d   (days, weeks, months, years from today;
 *                              a month step keeps the day, clamped to the
 *                              month's end: 01-31 +1m = 02-28/29)
 *   mon..sun, monday..sunday  (the coming such day, always after today)
 *   any of the above followed by " HH:MM" (e.g. "fri 09:00", "+1d 14:30")
 *   the Chinese words (src/util/date_zh.c has the whole list): 今天 明天
 *   后天 昨天 前天, 周五/星期五/礼拜五 (the coming one), 下周一, 下个月,
 *   3天后 2周后 1个月后, 12月20日 (this year), 2026年12月20日, and a time
 *   after them or alone: "12月20日 14:30", "明天下午3点", "上午9点半"
 * Errors read: "'xyz' is not a date: use YYYY-MM-DD, today, tomorrow, +3d,
 * +2w, +1m or a weekday" and "'2026-02-30' is not a date: February 2026
 * has 28 days" and "'25:00' is not a time: use HH:MM from 00:00 to 23:59";
 * Chinese text gets its own help ("use 今天, 明天, 周五, ...") and the same
 * reasons ("'13月' is not a date: there is no month 13").
 *
 * "now" everywhere is a time_t passed in, so tests can fix the clock;
 * tcrm_clock_now() is what real callers pass: time(NULL), unless the
 * environment variable TCRM_NOW="YYYY-MM-DD HH:MM:SS" fixes it (tests and
 * reproducible reports use this).
 */
#ifndef TCRM_DATE_H
#define TCRM_DATE_H

#include <time.h>

#include "tcrm/error.h"

struct tcrm_when {
    int year, month, day; /* always set */
    int hour, minute;     /* meaningful only when has_time */
    int has_time;
};

time_t tcrm_clock_now(void);
/* Until unpinned (t = 0), tcrm_clock_now() reads t. The demo data opens
 * tickets in the past with it, so that every time the core writes with
 * them (deadlines, history, audit trail) agrees. One process, no threads. */
void tcrm_clock_pin(time_t t);

int tcrm_date_parse(const char *text, time_t now, struct tcrm_when *out,
                    struct tcrm_error *err);
/* Parse a stored form ("YYYY-MM-DD", "... HH:MM" or "... HH:MM:SS"). */
int tcrm_date_parse_iso(const char *iso, struct tcrm_when *out);

/* "YYYY-MM-DD" (out >= 11 bytes) or "YYYY-MM-DD HH:MM" (out >= 17). */
void tcrm_when_date(const struct tcrm_when *w, char out[11]);
void tcrm_when_iso(const struct tcrm_when *w, char out[17]);

void tcrm_date_today(time_t now, char out[11]);
/* "YYYY-MM-DD HH:MM:SS" of now, local time. */
void tcrm_date_timestamp(time_t now, char out[20]);
/* iso date + days (may be negative) -> "YYYY-MM-DD". Reads the first 10
 * bytes of iso, so a date+time works too. */
void tcrm_date_add_days(const char *iso, int days, char out[11]);
/* Whole days from date a to date b (b - a); first 10 bytes of each. */
int tcrm_date_days_between(const char *a, const char *b);
/* 0 = Monday .. 6 = Sunday, of an iso date. */
int tcrm_date_weekday(const char *iso);

/* Format a stored form with a strftime pattern (the [display] date_format
 * of the config, default "%Y-%m-%d"); a stored time is appended as " HH:MM"
 * only when the pattern has no time conversions. Returns 0, or TCRM_EINVAL
 * when iso cannot be parsed (out then holds iso unchanged, truncated). */
int tcrm_date_format(const char *pattern, const char *iso, char *out,
                     size_t outsz);

/* Human distance of iso (date or timestamp) from today:
 * "today", "yesterday", "tomorrow", "3 days ago", "in 5 days",
 * "2 weeks ago" (14..59 days), "3 months ago" (60..729 days),
 * "2 years ago" (730+). "" for NULL or empty iso. Returns out. */
const char *tcrm_date_relative(const char *iso, time_t now, char *out,
                               size_t outsz);

#endif
