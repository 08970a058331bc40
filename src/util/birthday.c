/*
 * birthday.c: the birthday parser (birthday.h): "MM-DD" for a birthday
 * without a year, else a date as the date parser reads it.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "tcrm/birthday.h"
#include "tcrm/date.h"

/* Days in month m of a leap year: a year-less birthday may be 02-29. */
static int month_days(int m)
{
    static const int d[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return m >= 1 && m <= 12 ? d[m - 1] : 0;
}

static int is_month_day(const char *s, int *m, int *d)
{
    if (strlen(s) != 5 || s[2] != '-' || !isdigit((unsigned char)s[0]) ||
        !isdigit((unsigned char)s[1]) || !isdigit((unsigned char)s[3]) ||
        !isdigit((unsigned char)s[4]))
        return 0;
    *m = (s[0] - '0') * 10 + (s[1] - '0');
    *d = (s[3] - '0') * 10 + (s[4] - '0');
    return 1;
}

int tcrm_birthday_parse(const char *text, time_t now, char out[11],
                        struct tcrm_error *err)
{
    struct tcrm_when w;
    int m, d;

    out[0] = '\0';
    if (!text || !*text)
        return 0;
    if (!is_month_day(text, &m, &d)) {
        int rc = tcrm_date_parse(text, now, &w, err);
        if (rc == 0)
            tcrm_when_date(&w, out);
        return rc;
    }
    if (d >= 1 && d <= month_days(m)) {
        snprintf(out, 11, "%02d-%02d", m, d);
        return 0;
    }
    return tcrm_error_set(err, TCRM_EINVAL, "'%.40s' is not a birthday: use "
                          "YYYY-MM-DD, or MM-DD without the year", text);
}
