/*
 * ical.h: follow-ups (and deals' expected close dates) as iCalendar
 * (RFC 5545), for `tcrm export follow-ups --format ics` and `tcrm due
 * --ics` (src/io).
 *
 * One VCALENDAR. Each follow-up is a VTODO: DUE the day (VALUE=DATE), or
 * the day and time in the local time zone when it has a time. With
 * timed_as_event a follow-up with a time is a VEVENT of 30 minutes
 * instead. Every item has:
 *   - a UID that stays the same for the same follow-up from one export to
 *     the next ("tcrm-followup-ID-CREATED@tcrm"), so a calendar that
 *     subscribes to the file updates its items instead of adding copies;
 *   - SUMMARY (the title), DESCRIPTION (contact, company, phone),
 *     STATUS (NEEDS-ACTION, COMPLETED or CANCELLED for a VTODO; CONFIRMED
 *     or CANCELLED for a VEVENT), DTSTAMP (now, UTC);
 *   - RRULE:FREQ=DAILY;INTERVAL=N (WEEKLY when N is whole weeks) and a
 *     DTSTART equal to the due for a repeating follow-up;
 *   - a VALARM alarm_minutes before, for a follow-up with a time (none
 *     when alarm_minutes is 0).
 * Times carry TZID=<zone> and the zone's VTIMEZONE is included, built by
 * libical from the system's time zone data. The zone is $TZ, else
 * /etc/timezone, else where /etc/localtime points; UTC writes UTC times
 * ("Z"); a zone that cannot be named is written as floating local time.
 *
 * With deals, each open deal with an expected close date is an all-day
 * VEVENT on that date ("tcrm-deal-ID-CREATED@tcrm", STATUS:TENTATIVE).
 */
#ifndef TCRM_ICAL_H
#define TCRM_ICAL_H

#include <stdint.h>
#include <stdio.h>

#include "tcrm/db.h"
#include "tcrm/error.h"

struct tcrm_ical_opts {
    FILE *out;
    int followups;            /* write follow-ups */
    int all;                  /* also done and cancelled ones */
    const char *owner;        /* only this owner's; NULL: everyone's */
    const char *to;           /* "YYYY-MM-DD": only due up to then; NULL */
    int deals;                /* open deals' expected close dates */
    int timed_as_event;       /* [calendar] timed_as = event */
    int alarm_minutes;        /* [calendar] alarm_minutes; 0: no VALARM */
};

/* *items = VTODOs and VEVENTs written. Errors: a write error. */
int tcrm_ical_export(struct tcrm_db *db, const struct tcrm_ical_opts *o,
                     int64_t *items, struct tcrm_error *err);

/* The local time zone's name ("Europe/Berlin", "UTC") into out; 0, or -1
 * when it cannot be found. */
int tcrm_ical_local_zone(char *out, size_t n);

#endif
