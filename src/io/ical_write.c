/*
 * ical_write.c: follow-ups and deals out as iCalendar (ical.h).
 *
 * Design. The VTODOs and VEVENTs are a handful of properties each and are
 * written here with the content-line helpers vCard uses (vcard.h:
 * tcrm_cl_fold, tcrm_cl_escape), the same folding and escaping for both
 * formats. Only the VTIMEZONE comes from libical: it is the one part that
 * needs the zone's history of offsets and daylight-saving rules, which
 * libical reads from the system's zoneinfo files
 * (icaltimezone_get_builtin_timezone). Its TZID is set to the plain zone
 * name, the form calendars recognise.
 *
 * The whole calendar is built in memory and written once: an export of
 * open follow-ups is small (the list is read whole by
 * tcrm_followup_list), and a failed export writes nothing.
 */
#include <errno.h>
#include <libical/ical.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tcrm/date.h"
#include "tcrm/deal.h"
#include "tcrm/followup.h"
#include "tcrm/ical.h"
#include "tcrm/vcard.h"

#define DEAL_PAGE 500

/* ---- the time zone ---------------------------------------------------- */

static int zone_file_exists(const char *name)
{
    char p[PATH_MAX];
    snprintf(p, sizeof p, "/usr/share/zoneinfo/%s", name);
    return *name && strstr(name, "..") == NULL && access(p, R_OK) == 0;
}

/* "…/zoneinfo/Europe/Berlin" -> "Europe/Berlin" */
static const char *after_zoneinfo(const char *path)
{
    const char *z = strstr(path, "zoneinfo/");
    return z ? z + 9 : NULL;
}

static int is_utc(const char *z)
{
    return !strcmp(z, "UTC") || !strcmp(z, "UTC0") || !strcmp(z, "Etc/UTC") ||
           !strcmp(z, "GMT") || !strcmp(z, "Etc/GMT") ||
           !strcmp(z, "Universal") || !strcmp(z, "Zulu");
}

static int zone_name(const char *z, char *out, size_t n)
{
    if (!z || !*z)
        return -1;
    if (*z == ':')
        z++;
    if (*z == '/' && after_zoneinfo(z))
        z = after_zoneinfo(z);
    if (is_utc(z)) {
        snprintf(out, n, "UTC");
        return 0;
    }
    if (!zone_file_exists(z))
        return -1;
    snprintf(out, n, "%s", z);
    return 0;
}

int tcrm_ical_local_zone(char *out, size_t n)
{
    const char *tz = getenv("TZ");
    if (tz)
        return zone_name(tz, out, n);
    char buf[PATH_MAX];
    FILE *f = fopen("/etc/timezone", "r");
    if (f) {
        int got = fgets(buf, sizeof buf, f) != NULL;
        fclose(f);
        buf[strcspn(buf, "\r\n")] = '\0';
        if (got && !zone_name(buf, out, n))
            return 0;
    }
    ssize_t len = readlink("/etc/localtime", buf, sizeof buf - 1);
    if (len <= 0)
        return -1;
    buf[len] = '\0';
    return zone_name(buf, out, n);
}

/* The zone's VTIMEZONE with TZID = name, appended to out; -1 when libical
 * does not know the zone. */
static int vtimezone(struct tcrm_strbuf *out, const char *name)
{
    icaltimezone *z = icaltimezone_get_builtin_timezone(name);
    icalcomponent *c = z ? icaltimezone_get_component(z) : NULL;
    if (!c)
        return -1;
    icalproperty *id = icalcomponent_get_first_property(c,
                                                        ICAL_TZID_PROPERTY);
    if (id)
        icalproperty_set_tzid(id, name);
    char *s = icalcomponent_as_ical_string_r(c);
    if (!s)
        return -1;
    int rc = tcrm_strbuf_append(out, s);
    free(s);
    return rc;
}

/* ---- writing ---------------------------------------------------------- */

struct cal {
    const struct tcrm_ical_opts *o;
    struct tcrm_strbuf out, val;
    char zone[128];           /* "" floating, "UTC", or a zone name */
    char stamp[17];           /* DTSTAMP */
    int64_t items;
    int rc;
};

static void line(struct cal *k, const char *name, const char *value)
{
    if (!k->rc)
        k->rc = tcrm_cl_fold(&k->out, name, value, strlen(value));
}

static void text(struct cal *k, const char *name, const char *value)
{
    if (k->rc)
        return;
    tcrm_strbuf_reset(&k->val);
    k->rc = tcrm_cl_escape(&k->val, value);
    if (!k->rc)
        k->rc = tcrm_cl_fold(&k->out, name, k->val.buf, k->val.len);
}

/* "2026-11-20" -> "20261120" */
static void ymd(const char *iso, char out[9])
{
    snprintf(out, 9, "%.4s%.2s%.2s", iso, iso + 5, iso + 8);
}

/* A date-time property (DUE, DTSTART) for day and time "HH:MM" in the
 * zone, or a VALUE=DATE one when time is NULL. */
static void when(struct cal *k, const char *prop, const char *day,
                 const char *time)
{
    char d[9], name[160], v[24];
    ymd(day, d);
    if (!time) {
        snprintf(name, sizeof name, "%s;VALUE=DATE", prop);
        line(k, name, d);
        return;
    }
    snprintf(v, sizeof v, "%sT%.2s%.2s00", d, time, time + 3);
    if (!strcmp(k->zone, "UTC")) {
        strcat(v, "Z");
        line(k, prop, v);
    } else if (*k->zone) {
        snprintf(name, sizeof name, "%s;TZID=%s", prop, k->zone);
        line(k, name, v);
    } else {
        line(k, prop, v);
    }
}

/* UID (tcrm_cl_uid) and DTSTAMP. */
static void uid(struct cal *k, const char *what, int64_t id,
                const char *created)
{
    char v[96];
    tcrm_cl_uid(v, sizeof v, what, id, created);
    line(k, "UID", v);
    line(k, "DTSTAMP", k->stamp);
}

static void describe(struct cal *k, const struct tcrm_followup *f)
{
    struct tcrm_strbuf d;
    tcrm_strbuf_init(&d);
    if (f->contact_name)
        tcrm_strbuf_appendf(&d, "Contact: %s\n", f->contact_name);
    if (f->company_name)
        tcrm_strbuf_appendf(&d, "Company: %s\n", f->company_name);
    if (f->phone)
        tcrm_strbuf_appendf(&d, "Phone: %s\n", f->phone);
    tcrm_strbuf_appendf(&d, "tcrm follow-up #%lld", (long long)f->id);
    text(k, "DESCRIPTION", d.buf);
    tcrm_strbuf_free(&d);
}

static void repeat(struct cal *k, const struct tcrm_followup *f)
{
    char r[64];
    if (f->repeat_days <= 0)
        return;
    if (f->repeat_days % 7 == 0)
        snprintf(r, sizeof r, "FREQ=WEEKLY;INTERVAL=%d", f->repeat_days / 7);
    else
        snprintf(r, sizeof r, "FREQ=DAILY;INTERVAL=%d", f->repeat_days);
    line(k, "RRULE", r);
}

static void valarm(struct cal *k, const struct tcrm_followup *f)
{
    char t[32];
    if (!f->due_time || k->o->alarm_minutes <= 0)
        return;
    snprintf(t, sizeof t, "-PT%dM", k->o->alarm_minutes);
    line(k, "BEGIN", "VALARM");
    line(k, "ACTION", "DISPLAY");
    text(k, "DESCRIPTION", f->title ? f->title : "");
    line(k, "TRIGGER", t);
    line(k, "END", "VALARM");
}

static void followup(struct cal *k, const struct tcrm_followup *f)
{
    int event = f->due_time && k->o->timed_as_event;
    const char *comp = event ? "VEVENT" : "VTODO";
    line(k, "BEGIN", comp);
    uid(k, "followup", f->id, f->stamp.created_at);
    text(k, "SUMMARY", f->title ? f->title : "");
    describe(k, f);
    if (event) {
        when(k, "DTSTART", f->due_date, f->due_time);
        line(k, "DURATION", "PT30M");
    } else {
        if (f->repeat_days > 0)
            when(k, "DTSTART", f->due_date, f->due_time);
        when(k, "DUE", f->due_date, f->due_time);
    }
    repeat(k, f);
    line(k, "STATUS", f->status == TCRM_FU_CANCELLED ? "CANCELLED"
                      : event ? "CONFIRMED"
                      : f->status == TCRM_FU_DONE ? "COMPLETED"
                      : "NEEDS-ACTION");
    valarm(k, f);
    line(k, "END", comp);
    k->items++;
}

static int followups(struct cal *k, struct tcrm_db *db,
                     struct tcrm_error *err)
{
    struct tcrm_followup *a = NULL;
    size_t n = 0;
    int rc = tcrm_followup_list(db, !k->o->all, 0, NULL, k->o->to,
                                (size_t)INT64_MAX, &a, &n, err);
    for (size_t i = 0; !rc && !k->rc && i < n; i++)
        if (!k->o->owner || (a[i].owner && !strcmp(a[i].owner, k->o->owner)))
            followup(k, &a[i]);
    tcrm_followup_array_free(a, n);
    return rc;
}

static void deal(struct cal *k, const struct tcrm_deal *d)
{
    char next[11], day[9];
    line(k, "BEGIN", "VEVENT");
    uid(k, "deal", d->id, d->stamp.created_at);
    struct tcrm_strbuf s;
    tcrm_strbuf_init(&s);
    tcrm_strbuf_appendf(&s, "Expected close: %s", d->title ? d->title : "");
    text(k, "SUMMARY", s.buf);
    tcrm_strbuf_reset(&s);
    if (d->company_name)
        tcrm_strbuf_appendf(&s, "Company: %s\n", d->company_name);
    if (d->contact_name)
        tcrm_strbuf_appendf(&s, "Contact: %s\n", d->contact_name);
    long long a = d->amount_minor < 0 ? -d->amount_minor : d->amount_minor;
    tcrm_strbuf_appendf(&s, "Stage: %s\nAmount: %s%lld.%02lld %s\n"
                        "tcrm deal #%lld", d->stage ? d->stage : "",
                        d->amount_minor < 0 ? "-" : "", a / 100, a % 100,
                        d->currency ? d->currency : "", (long long)d->id);
    text(k, "DESCRIPTION", s.buf);
    tcrm_strbuf_free(&s);
    when(k, "DTSTART", d->expected_close, NULL);
    tcrm_date_add_days(d->expected_close, 1, next);
    ymd(next, day);
    line(k, "DTEND;VALUE=DATE", day);
    line(k, "STATUS", "TENTATIVE");
    line(k, "TRANSP", "TRANSPARENT");
    line(k, "END", "VEVENT");
    k->items++;
}

static int deals(struct cal *k, struct tcrm_db *db, struct tcrm_error *err)
{
    int64_t after = 0;
    int rc = 0;
    for (;;) {
        struct tcrm_deal *a = NULL;
        size_t n = 0;
        rc = tcrm_deal_list(db, NULL, TCRM_DEAL_OPEN, 0, 0, after, DEAL_PAGE,
                            &a, &n, err);
        for (size_t i = 0; !rc && !k->rc && i < n; i++)
            if (!tcrm_str_empty(a[i].expected_close) &&
                (!k->o->owner ||
                 (a[i].owner && !strcmp(a[i].owner, k->o->owner))))
                deal(k, &a[i]);
        if (n)
            after = a[n - 1].id;
        tcrm_deal_array_free(a, n);
        if (rc || k->rc || n < DEAL_PAGE)
            return rc;
    }
}

static void begin(struct cal *k)
{
    time_t now = tcrm_clock_now();
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(k->stamp, sizeof k->stamp, "%Y%m%dT%H%M%SZ", &tm);
    line(k, "BEGIN", "VCALENDAR");
    line(k, "VERSION", "2.0");
    line(k, "PRODID", "-//tcrm//tcrm " TCRM_VERSION "//EN");
    line(k, "CALSCALE", "GREGORIAN");
    text(k, "X-WR-CALNAME", "tcrm");
    if (tcrm_ical_local_zone(k->zone, sizeof k->zone))
        k->zone[0] = '\0';
    if (*k->zone && strcmp(k->zone, "UTC") && !k->rc &&
        vtimezone(&k->out, k->zone))
        k->zone[0] = '\0';
}

int tcrm_ical_export(struct tcrm_db *db, const struct tcrm_ical_opts *o,
                     int64_t *items, struct tcrm_error *err)
{
    struct cal k;
    memset(&k, 0, sizeof k);
    k.o = o;
    tcrm_strbuf_init(&k.out);
    tcrm_strbuf_init(&k.val);
    begin(&k);
    int rc = 0;
    if (o->followups)
        rc = followups(&k, db, err);
    if (!rc && o->deals)
        rc = deals(&k, db, err);
    line(&k, "END", "VCALENDAR");
    if (!rc && k.rc)
        rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (!rc && (fwrite(k.out.buf, 1, k.out.len, o->out) != k.out.len ||
                fflush(o->out) != 0))
        rc = tcrm_error_set(err, TCRM_EIO, "write: %s", strerror(errno));
    tcrm_strbuf_free(&k.out);
    tcrm_strbuf_free(&k.val);
    icaltimezone_free_builtin_timezones();
    if (items)
        *items = k.items;
    return rc;
}
