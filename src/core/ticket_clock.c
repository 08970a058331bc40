/*
 * ticket_clock.c: the deadline arithmetic of tickets (see tcrm/ticket.h).
 * Pure: no database, no clock; timestamps are counted on the calendar
 * as stored (local wall-clock time), so that a deadline 24 hours after
 * 10:00 is 10:00 the next day whatever daylight saving does.
 */
#include <stdio.h>
#include <string.h>

#include "tcrm/ticket.h"

/* Days since 1970-01-01 of a date of the proleptic Gregorian calendar
 * (H. Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* The number of the n digits at p, or -1 when one is not a digit. */
static int digits(const char *p, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

/* "YYYY-MM-DD[ HH:MM[:SS]]" as stored, read without sscanf (a report
 * reads hundreds of thousands): 0, or -1 to let sscanf decide. */
static int read_plain(const char *ts, size_t len, int f[6])
{
    static const int at[6] = { 0, 5, 8, 11, 14, 17 }, width[6] = { 4, 2, 2,
                                                                   2, 2, 2 };
    int parts = len >= 19 ? 6 : len >= 16 ? 5 : 3;
    if (ts[4] != '-' || ts[7] != '-' || (parts > 3 && ts[13] != ':'))
        return -1;
    for (int i = 0; i < parts; i++)
        if ((f[i] = digits(ts + at[i], width[i])) < 0)
            return -1;
    return 0;
}

int64_t tcrm_ticket_secs(const char *ts)
{
    int y, mo, d, h = 0, mi = 0, s = 0;
    int f[6] = { 0 };
    size_t len = ts ? strlen(ts) : 0;
    if (len >= 10 && read_plain(ts, len, f) == 0) {
        y = f[0], mo = f[1], d = f[2], h = f[3], mi = f[4], s = f[5];
        if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
            s > 59)
            return -1;
        return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
    }
    if (len < 10 || sscanf(ts, "%4d-%2d-%2d", &y, &mo, &d) != 3 ||
        (len >= 16 && sscanf(ts + 11, "%2d:%2d", &h, &mi) != 2) ||
        (len >= 19 && sscanf(ts + 17, "%2d", &s) != 1) ||
        mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59)
        return -1;
    return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

void tcrm_ticket_stamp(int64_t secs, char out[20])
{
    int y, m, d;
    int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
    int64_t rest = secs - days * 86400;
    char buf[64];
    civil_from_days(days, &y, &m, &d);
    snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", y, m, d,
             (int)(rest / 3600), (int)(rest / 60 % 60), (int)(rest % 60));
    memcpy(out, buf, 19);
    out[19] = '\0';
}

void tcrm_ticket_deadline(const char *from, int hours, int64_t paused,
                          char out[20])
{
    int64_t s = tcrm_ticket_secs(from);
    tcrm_ticket_stamp((s < 0 ? 0 : s) + (int64_t)hours * 3600 + paused, out);
}

const char *tcrm_ticket_next_due(const struct tcrm_ticket *t)
{
    if (t->state != TCRM_TICKET_NEW && t->state != TCRM_TICKET_IN_PROGRESS)
        return NULL;
    return t->first_response_at ? t->resolve_due : t->response_due;
}

int64_t tcrm_ticket_left(const struct tcrm_ticket *t, const char *now,
                         int *running)
{
    const char *due = tcrm_ticket_next_due(t);
    int64_t d = tcrm_ticket_secs(due), n = tcrm_ticket_secs(now);
    *running = due && d >= 0 && n >= 0;
    return *running ? d - n : 0;
}

int64_t tcrm_ticket_resolve_secs(const struct tcrm_ticket *t)
{
    int64_t a = tcrm_ticket_secs(t->stamp.created_at);
    int64_t b = tcrm_ticket_secs(t->resolved_at);
    if (a < 0 || b < 0)
        return -1;
    return b - a - t->waited > 0 ? b - a - t->waited : 0;
}
