/*
 * fuzz_date.c: the date language (date.h, tcrm_date_parse: every word it
 * knows, in every language it knows) and date formatting. Input: the text
 * a person typed, then after the first NUL or newline a date_format
 * pattern. A parsed date must be a real date, survive its stored form
 * (tcrm_when_iso -> tcrm_date_parse_iso) unchanged, and format and print
 * relative to "now" without overflowing.
 */
#include "fuzz.h"
#include "tcrm/date.h"

#define NOW ((time_t)1795165200) /* 2026-11-20 (a Friday), fixed */

static int days_in(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : d[m - 1];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text, *pattern;
    fuzz_split(data, size, &text, &pattern);
    struct tcrm_when w, back;
    struct tcrm_error err;
    if (tcrm_date_parse(text, NOW, &w, &err) == 0) {
        FUZZ_ASSERT(w.month >= 1 && w.month <= 12);
        FUZZ_ASSERT(w.day >= 1 && w.day <= days_in(w.year, w.month));
        FUZZ_ASSERT(!w.has_time || (w.hour >= 0 && w.hour < 24 &&
                                    w.minute >= 0 && w.minute < 60));
        char iso[17], day[11], out[128], rel[64];
        tcrm_when_iso(&w, iso);
        tcrm_when_date(&w, day);
        if (w.year >= 1 && w.year <= 9999) {
            FUZZ_ASSERT(tcrm_date_parse_iso(iso, &back) == 0);
            FUZZ_ASSERT(back.year == w.year && back.month == w.month &&
                        back.day == w.day && back.has_time == w.has_time);
        }
        tcrm_date_format(*pattern ? pattern : "%Y-%m-%d", day, out,
                         sizeof out);
        tcrm_date_relative(iso, NOW, rel, sizeof rel);
        tcrm_date_weekday(day);
        tcrm_date_days_between(day, "2026-11-20");
    } else {
        FUZZ_ASSERT(err.code < 0 && err.msg[0]);
    }
    tcrm_date_parse_iso(text, &back);
    free(text);
    free(pattern);
    return 0;
}
