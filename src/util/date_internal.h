/*
 * date_internal.h: the calendar pieces that date.c (the English words and
 * ISO forms) shares with date_zh.c (the Chinese words). Only src/util
 * includes this; include/tcrm/date.h is the contract.
 */
#ifndef TCRM_DATE_INTERNAL_H
#define TCRM_DATE_INTERNAL_H

#include <stddef.h>
#include <time.h>

#include "tcrm/date.h"

/* Days since 1970-01-01 of y-m-d (m 1..12, d 1..31), and back. */
long tcrm_date_civil_days(int y, int m, int d);
void tcrm_date_civil_from_days(long z, int *y, int *m, int *d);
int tcrm_date_month_days(int y, int m);
/* 0 = Monday .. 6 = Sunday of a day number. */
int tcrm_date_weekday_of_days(long z);
/* Set w to y-m-d plus n months, the day clamped to the month's end.
 * -1 when the result leaves the years 0001..9999. */
int tcrm_date_add_months(int y, int m, int d, long n, struct tcrm_when *w);

/* Check a month (1..12), or a whole date, and set w's date; otherwise
 * "'TEXT' is not a date: there is no month 13" or "...: February 2026 has
 * 28 days" (TEXT the n bytes at s). */
int tcrm_date_check_month(int m, const char *s, size_t n,
                          struct tcrm_error *err);
int tcrm_date_set_ymd(int y, int m, int d, struct tcrm_when *w,
                      const char *s, size_t n, struct tcrm_error *err);

/* Fill err with "'TEXT' is not a date: WHY" or "'TEXT' is not a time:
 * WHY" (TEXT the n bytes at s, cut and sanitized; WHY already in the
 * user's language: _("...")); returns TCRM_EINVAL. */
enum tcrm_date_what { TCRM_DATE_DAY, TCRM_DATE_TIME };
int tcrm_date_bad_input(struct tcrm_error *err, const char *s, size_t n,
                        enum tcrm_date_what what, const char *why);

/* The Chinese date words (date_zh.c): the n bytes at s are a day word
 * (今天, 周五, 下周一, 3天后, 12月20日 ...) and/or a time (下午3点, 14:30).
 * now is the local time the words count from. Fills w (has_time when a
 * time was given) or err. */
int tcrm_date_parse_zh(const char *s, size_t n, const struct tm *now,
                       struct tcrm_when *w, struct tcrm_error *err);

#endif
