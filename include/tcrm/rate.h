/*
 * rate.h: exchange rates by day (汇率), and the one conversion rule.
 *
 * A rate says what one unit of a currency is worth in the base currency
 * ([sales] base_currency of tcrm.conf, default CNY) from a day on:
 * "USD 7.12 from 2026-12-01" is stored as 7120000 millionths. An amount
 * of a day is converted with the newest rate on or before that day; with
 * none, reports refuse with one line naming the command that fixes it:
 *   "rate: no USD rate on or before 2026-11-30 (tcrm rate add USD RATE
 *    --date 2026-11-30)"                      (TCRM_ENOTFOUND, field rate)
 *
 * The conversion (tcrm_rate_convert) multiplies exactly and rounds once,
 * half away from zero, as the rounding rule of money.h.
 */
#ifndef TCRM_RATE_H
#define TCRM_RATE_H

#include "tcrm/db.h"
#include "tcrm/error.h"

#define TCRM_RATE_PLACES 6
#define TCRM_BASE_CURRENCY_DEFAULT "CNY"

struct tcrm_rate {
    char currency[4], base[4], day[11];
    int64_t micro;                 /* base units per unit, x 1,000,000 */
};

/* Store (or replace, for the same day) a rate: managers and admins only
 * (TCRM_EPERM). Errors: currency equal to base, rate 0. */
int tcrm_rate_add(struct tcrm_db *db, const struct tcrm_rate *r,
                  struct tcrm_error *err);
/* The rate of currency into base on day (the newest on or before it):
 * *out filled (out->day is the rate's own day). currency == base gives
 * 1.000000 of that day. TCRM_ENOTFOUND as above. */
int tcrm_rate_find(struct tcrm_db *db, const char *currency, const char *base,
                   const char *day, struct tcrm_rate *out,
                   struct tcrm_error *err);
/* Every rate into base (NULL: any), newest day first. */
int tcrm_rate_list(struct tcrm_db *db, const char *base,
                   struct tcrm_rate **out, size_t *n, struct tcrm_error *err);

/* minor x micro / 1,000,000, rounded half away from zero; -1 when it
 * does not fit in 64 bits. */
int tcrm_rate_convert(int64_t minor, int64_t micro, int64_t *out);
/* 7120000 -> "7.12" (trailing zeros dropped). */
void tcrm_rate_format(int64_t micro, char *out, size_t cap);

#endif
