/*
 * followup.h: follow-ups (things to do by a day, maybe at a time) and the
 * reminder buckets the screen's side pane and `tcrm due` show.
 *
 * Marking a repeating follow-up done schedules the next one: the old due
 * date plus repeat_days, stepped again until it is after today, with the
 * same title, time and links. Snoozing moves the due date (and time) and
 * remembers the old date in snoozed_from. Every change keeps
 * contacts.next_followup_due right (schema triggers).
 */
#ifndef TCRM_FOLLOWUP_H
#define TCRM_FOLLOWUP_H

#include <time.h>

#include "tcrm/db.h"
#include "tcrm/entity.h"

enum tcrm_followup_status {
    TCRM_FU_OPEN, TCRM_FU_DONE, TCRM_FU_CANCELLED
};
const char *tcrm_followup_status_name(enum tcrm_followup_status s);

struct tcrm_followup {
    int64_t id, version;
    int64_t contact_id, company_id, deal_id;
    char *title;
    char *due_date;        /* "YYYY-MM-DD", required */
    char *due_time;        /* "HH:MM" or NULL */
    enum tcrm_followup_status status;
    int repeat_days;       /* 0: does not repeat */
    char *snoozed_from, *done_at, *owner;
    /* read-only */
    char *contact_name, *company_name, *phone;
    struct tcrm_stamp stamp;
};

void tcrm_followup_init(struct tcrm_followup *f);
void tcrm_followup_clear(struct tcrm_followup *f);
/* Errors: "title: required", "due: required", "contact 9: not found". */
int tcrm_followup_insert(struct tcrm_db *db, struct tcrm_followup *f,
                         struct tcrm_error *err);
int tcrm_followup_get(struct tcrm_db *db, int64_t id,
                      struct tcrm_followup *out, struct tcrm_error *err);
/* Change the title, due date and time, and repeat (0: none) of f, read
 * at f->version (else TCRM_ECONFLICT "follow-up 5 was changed by ann at
 * ... since you read it"). A follow-up equal to the stored one is not
 * written (f->version stays the stored version); else it goes up by one. */
int tcrm_followup_update(struct tcrm_db *db, struct tcrm_followup *f,
                         struct tcrm_error *err);
/* Done; *next_id gets the id of the follow-up scheduled by a repeat (0
 * when none; next_id may be NULL). Done twice: TCRM_EINVAL "follow-up 5
 * is already done". */
int tcrm_followup_done(struct tcrm_db *db, int64_t id, time_t now,
                       int64_t *next_id, struct tcrm_error *err);
/* New due date ("YYYY-MM-DD") and time ("HH:MM" or NULL). */
int tcrm_followup_snooze(struct tcrm_db *db, int64_t id, const char *due_date,
                         const char *due_time, struct tcrm_error *err);
int tcrm_followup_cancel(struct tcrm_db *db, int64_t id,
                         struct tcrm_error *err);
int tcrm_followup_delete(struct tcrm_db *db, int64_t id,
                         struct tcrm_error *err);

/* Follow-ups by due date then time. open_only: status open. contact_id:
 * only this contact's (0: all). from/to: "YYYY-MM-DD" bounds, inclusive,
 * NULL for none. */
int tcrm_followup_list(struct tcrm_db *db, int open_only, int64_t contact_id,
                       const char *from, const char *to, size_t limit,
                       struct tcrm_followup **out, size_t *n,
                       struct tcrm_error *err);
void tcrm_followup_array_free(struct tcrm_followup *a, size_t n);
/* One keyset page of the open follow-ups the session sees, in the order
 * of tcrm_followup_list (due date, then time, a follow-up without one
 * first, then id): the rows after `after` (a row of an earlier page; NULL:
 * from the first) or with backwards the rows just before it (NULL: the
 * last), always in list order; *more: rows remain beyond, that way (more
 * may be NULL). Only after's due date, time and id are read. */
int tcrm_followup_page(struct tcrm_db *db, const struct tcrm_followup *after,
                       int backwards, size_t limit,
                       struct tcrm_followup **out, size_t *n, int *more,
                       struct tcrm_error *err);
/* How many follow-ups tcrm_followup_page lists. */
int tcrm_followup_count_open(struct tcrm_db *db, int64_t *n,
                             struct tcrm_error *err);

/* Where a follow-up due on due_date stands on `today` (both "YYYY-MM-DD";
 * the first 10 bytes are read). The one rule for OVERDUE and TODAY, used
 * by `due`, the reminder pane, the follow-up lists and the agenda:
 * overdue means a due date before today; its time of day never matters
 * (a call due at 09:00 is still TODAY at 15:00, not OVERDUE). The values
 * order as the dates do: < 0 overdue, 0 today, > 0 later. A missing date
 * counts as today. The SQL of tcrm_followup_counts and the date ranges
 * of the lists (NULL..yesterday, today..today) say the same. */
enum tcrm_followup_when {
    TCRM_FU_OVERDUE = -1, TCRM_FU_TODAY = 0, TCRM_FU_LATER = 1
};
enum tcrm_followup_when tcrm_followup_when(const char *due_date,
                                           const char *today);

/* The reminder buckets for `today` (tcrm_followup_when): open follow-ups
 * overdue (due before today), due today, due in the next days_ahead days;
 * and contacts gone quiet: no interaction for quiet_days or more (a
 * contact never contacted counts from its created_at). Counts are exact. */
struct tcrm_reminder_counts {
    int64_t overdue, today, upcoming, quiet;
};
int tcrm_followup_counts(struct tcrm_db *db, const char *today, int days_ahead,
                         int quiet_days, struct tcrm_reminder_counts *out,
                         struct tcrm_error *err);

/* Contacts gone quiet, longest silence first, at most limit. */
struct tcrm_quiet_contact {
    int64_t id;
    char *name, *company, *owner;
    char *last_interaction_at;   /* NULL: never */
    int days;                    /* days of silence */
};
int tcrm_followup_quiet(struct tcrm_db *db, const char *today, int quiet_days,
                        size_t limit, struct tcrm_quiet_contact **out,
                        size_t *n, struct tcrm_error *err);
void tcrm_quiet_array_free(struct tcrm_quiet_contact *a, size_t n);

#endif
