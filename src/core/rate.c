/*
 * rate.c: exchange rates by day (see tcrm/rate.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "tcrm/access.h"
#include "tcrm/money.h"
#include "tcrm/rate.h"

/* 128 bits (a GCC and Clang extension): an amount in minor units times
 * a rate in millionths does not fit in 64. */
__extension__ typedef __int128 wide;

int tcrm_rate_convert(int64_t minor, int64_t micro, int64_t *out)
{
    wide p = (wide)minor * micro;
    wide q = p / 1000000, r = p % 1000000;
    if (r >= 500000)
        q++;
    else if (r <= -500000)
        q--;
    if (q > INT64_MAX || q < INT64_MIN)
        return -1;
    *out = (int64_t)q;
    return 0;
}

void tcrm_rate_format(int64_t micro, char *out, size_t cap)
{
    tcrm_decimal_format(micro, TCRM_RATE_PLACES, 0, out, cap);
}

int tcrm_rate_add(struct tcrm_db *db, const struct tcrm_rate *r,
                  struct tcrm_error *err)
{
    struct tcrm_error local;
    char now[20];
    if (!err)
        err = &local;
    if (strcmp(r->currency, r->base) == 0)
        return tcrm_error_field(err, TCRM_EINVAL, "currency", "currency: %s "
                                "is the base currency", r->currency);
    if (r->micro <= 0)
        return tcrm_error_field(err, TCRM_EINVAL, "rate", "rate: must be "
                                "more than 0");
    int rc = tcrm_access_owned(db) ? tcrm_access_may_approve(db, err) : 0;
    if (rc == 0)
        rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "INSERT INTO rates(currency, base, day, rate_micro, created_at,"
        " created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
        " ON CONFLICT(currency, base, day) DO UPDATE SET"
        " rate_micro = excluded.rate_micro, created_at = excluded.created_at,"
        " created_by = excluded.created_by", err);
    if (st) {
        tcrm_db_now(now);
        tcrm_db_bind_text(st, 1, r->currency);
        tcrm_db_bind_text(st, 2, r->base);
        tcrm_db_bind_text(st, 3, r->day);
        sqlite3_bind_int64(st, 4, r->micro);
        tcrm_db_bind_text(st, 5, now);
        tcrm_db_bind_text(st, 6, tcrm_db_user(db));
        rc = tcrm_db_step_done(db, st, "rate", err);
    } else {
        rc = err->code;
    }
    return tcrm_db_end(db, rc, err);
}

static void read_rate(sqlite3_stmt *st, struct tcrm_rate *r)
{
    const char *c = (const char *)sqlite3_column_text(st, 0);
    const char *b = (const char *)sqlite3_column_text(st, 1);
    const char *d = (const char *)sqlite3_column_text(st, 2);
    snprintf(r->currency, sizeof r->currency, "%s", c ? c : "");
    snprintf(r->base, sizeof r->base, "%s", b ? b : "");
    snprintf(r->day, sizeof r->day, "%s", d ? d : "");
    r->micro = sqlite3_column_int64(st, 3);
}

int tcrm_rate_find(struct tcrm_db *db, const char *currency, const char *base,
                   const char *day, struct tcrm_rate *out,
                   struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    memset(out, 0, sizeof *out);
    if (strcmp(currency, base) == 0) {
        snprintf(out->currency, sizeof out->currency, "%s", currency);
        snprintf(out->base, sizeof out->base, "%s", base);
        snprintf(out->day, sizeof out->day, "%s", day);
        out->micro = 1000000;
        return 0;
    }
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT currency, base, day, rate_micro FROM rates"
        " WHERE currency = ?1 AND base = ?2 AND day <= ?3"
        " ORDER BY day DESC LIMIT 1", err);
    if (!st)
        return err->code;
    tcrm_db_bind_text(st, 1, currency);
    tcrm_db_bind_text(st, 2, base);
    tcrm_db_bind_text(st, 3, day);
    int s = sqlite3_step(st), rc = 0;
    if (s == SQLITE_ROW)
        read_rate(st, out);
    else if (s == SQLITE_DONE)
        rc = tcrm_error_field(err, TCRM_ENOTFOUND, "rate", "rate: no %s rate "
                              "on or before %s (tcrm rate add %s RATE --date "
                              "%s)", currency, day, currency, day);
    else
        rc = tcrm_db_fail(db, "rate", err);
    tcrm_db_done(st);
    return rc;
}

static int read_elem(sqlite3_stmt *st, void *elem)
{
    read_rate(st, elem);
    return 0;
}

static void free_rates(void *a, size_t n)
{
    (void)n;
    free(a);
}

int tcrm_rate_list(struct tcrm_db *db, const char *base,
                   struct tcrm_rate **out, size_t *n, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT currency, base, day, rate_micro FROM rates"
        " WHERE ?1 IS NULL OR base = ?1 ORDER BY day DESC, currency", err);
    if (!st)
        return err->code;
    tcrm_db_bind_text(st, 1, base);
    void *a = NULL;
    int rc = tcrm_db_collect(db, st, sizeof(struct tcrm_rate), read_elem,
                             free_rates, "rates", &a, n, err);
    *out = a;
    return rc;
}
