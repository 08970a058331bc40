/*
 * test_ical.c: the local time zone's name from TZ, and follow-ups and
 * deals as iCalendar: the same UID from one export to the next, DUE as a
 * date or a time in the zone with its VTIMEZONE, RRULE, VALARM, STATUS,
 * VEVENTs for timed follow-ups with timed_as_event, --all, --owner and
 * the deals' all-day events. (Real parsers read the output in
 * tests/cli/formats.sh.)
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <time.h>

#include "io_test_util.h"
#include "tcrm/contact.h"
#include "tcrm/deal.h"
#include "tcrm/followup.h"
#include "tcrm/ical.h"

static void test_zone_names(void **state)
{
    (void)state;
    static const struct { const char *tz, *want; } t[] = {
        {"Europe/Berlin", "Europe/Berlin"},
        {":Asia/Shanghai", "Asia/Shanghai"},
        {"/usr/share/zoneinfo/America/New_York", "America/New_York"},
        {"UTC", "UTC"}, {"Etc/UTC", "UTC"},
        {"Nowhere/Atlantis", NULL}, {"../../etc/passwd", NULL},
        {"CET-1CEST", NULL},
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        char z[128];
        setenv("TZ", t[i].tz, 1);
        tzset();
        int rc = tcrm_ical_local_zone(z, sizeof z);
        if (t[i].want) {
            assert_int_equal(rc, 0);
            assert_string_equal(z, t[i].want);
        } else {
            assert_int_equal(rc, -1);
        }
    }
}

static struct tcrm_db *fill(void)
{
    struct tcrm_db_options o = {io_path("ical.db"), "tester", 200, 0, NULL};
    struct tcrm_db *db;
    struct tcrm_error err;
    unlink(o.path);
    assert_int_equal(tcrm_db_open(&o, &db, &err), 0);
    struct tcrm_contact c;
    tcrm_contact_init(&c);
    tcrm_str_set(&c.name, "张伟");
    tcrm_str_set(&c.company, "华为技术有限公司");
    tcrm_contact_add_channel(&c, TCRM_CH_MOBILE, "+86 138 0000 0001");
    assert_int_equal(tcrm_contact_insert(db, &c, &err), 0);
    static const struct { const char *title, *day, *time; int rep;
                          const char *owner; } f[] = {
        {"发送报价, 今天; 务必", "2026-11-20", NULL, 0, "ann"},
        {"Weekly call", "2026-11-23", "14:30", 7, "bob"},
        {"Every 3 days", "2026-11-24", NULL, 3, "ann"},
    };
    for (size_t i = 0; i < 3; i++) {
        struct tcrm_followup fu;
        tcrm_followup_init(&fu);
        fu.contact_id = c.id;
        tcrm_str_set(&fu.title, f[i].title);
        tcrm_str_set(&fu.due_date, f[i].day);
        tcrm_str_set(&fu.due_time, f[i].time);
        tcrm_str_set(&fu.owner, f[i].owner);
        fu.repeat_days = f[i].rep;
        assert_int_equal(tcrm_followup_insert(db, &fu, &err), 0);
        tcrm_followup_clear(&fu);
    }
    assert_int_equal(tcrm_followup_cancel(db, 3, &err), 0);
    struct tcrm_deal d;
    tcrm_deal_init(&d);
    tcrm_str_set(&d.title, "Pilot order");
    d.contact_id = c.id;
    tcrm_str_set(&d.stage, "Lead");
    tcrm_str_set(&d.currency, "EUR");
    d.amount_minor = 1200050;
    tcrm_str_set(&d.expected_close, "2026-12-31");
    assert_int_equal(tcrm_deal_insert(db, &d, &err), 0);
    tcrm_deal_clear(&d);
    tcrm_contact_clear(&c);
    return db;
}

static char *export(struct tcrm_db *db, struct tcrm_ical_opts *o,
                    int64_t want_items)
{
    char *buf = NULL;
    size_t len = 0;
    o->out = open_memstream(&buf, &len);
    int64_t n = -1;
    struct tcrm_error err;
    assert_int_equal(tcrm_ical_export(db, o, &n, &err), 0);
    fclose(o->out);
    assert_int_equal(n, want_items);
    return buf;
}

/* want in text, the lines of text unfolded */
static void has(const char *text, const char *want)
{
    char *u = strdup(text), *w = u;
    for (const char *s = text; *s; s++) {
        if (s[0] == '\r' && s[1] == '\n' && s[2] == ' ') {
            s += 2;
            continue;
        }
        *w++ = *s;
    }
    *w = '\0';
    if (!strstr(u, want))
        fail_msg("no '%s' in:\n%s", want, u);
    free(u);
}

static void test_export(void **state)
{
    (void)state;
    setenv("TZ", "Asia/Shanghai", 1);
    setenv("TCRM_NOW", "2026-11-20 09:30:00", 1);
    tzset();
    struct tcrm_db *db = fill();
    struct tcrm_ical_opts o = { NULL, 1, 0, NULL, NULL, 0, 0, 15 };
    char *a = export(db, &o, 2);
    has(a, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
    has(a, "BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai\r\n");
    has(a, "DTSTAMP:20261120T013000Z\r\n");
    has(a, "SUMMARY:发送报价\\, 今天\\; 务必\r\n");
    has(a, "DESCRIPTION:Contact: 张伟\\nCompany: 华为技术有限公司\\nPhone: "
           "+86 138 0000 0001\\ntcrm follow-up #1\r\n");
    has(a, "DUE;VALUE=DATE:20261120\r\nSTATUS:NEEDS-ACTION\r\nEND:VTODO");
    has(a, "DTSTART;TZID=Asia/Shanghai:20261123T143000\r\n"
           "DUE;TZID=Asia/Shanghai:20261123T143000\r\n"
           "RRULE:FREQ=WEEKLY;INTERVAL=1\r\n");
    has(a, "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Weekly call\r\n"
           "TRIGGER:-PT15M\r\nEND:VALARM\r\nEND:VTODO\r\n");
    assert_null(strstr(a, "Every 3 days"));      /* cancelled */
    assert_non_null(strstr(a, "END:VCALENDAR\r\n"));
    /* the same UIDs next time */
    char *b = export(db, &o, 2);
    assert_string_equal(a, b);
    free(b);
    free(a);

    o.all = 1;
    o.timed_as_event = 1;
    o.alarm_minutes = 0;
    a = export(db, &o, 3);
    has(a, "BEGIN:VEVENT\r\n");
    has(a, "DTSTART;TZID=Asia/Shanghai:20261123T143000\r\nDURATION:PT30M\r\n");
    has(a, "SUMMARY:Every 3 days");
    has(a, "RRULE:FREQ=DAILY;INTERVAL=3\r\nSTATUS:CANCELLED\r\n");
    assert_null(strstr(a, "VALARM"));
    free(a);

    o.owner = "ann";
    a = export(db, &o, 2);
    assert_null(strstr(a, "Weekly call"));
    free(a);

    o.owner = NULL;
    o.followups = 0;
    o.deals = 1;
    a = export(db, &o, 1);
    has(a, "SUMMARY:Expected close: Pilot order\r\n");
    has(a, "Stage: Lead\\nAmount: 12000.50 EUR\\ntcrm deal #1\r\n");
    has(a, "DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n");
    free(a);

    setenv("TZ", "UTC", 1);
    tzset();
    o.followups = 1;
    o.deals = 0;
    a = export(db, &o, 3);
    assert_null(strstr(a, "VTIMEZONE"));
    has(a, "DTSTART:20261123T143000Z\r\n");
    free(a);
    tcrm_db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zone_names),
        cmocka_unit_test(test_export),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
