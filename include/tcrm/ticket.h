/*
 * ticket.h: service tickets and complaints (售后服务单/投诉), and the
 * customer's satisfaction with an interaction
 * (data/migrations/012_service.sql is the schema).
 *
 * A ticket is a customer's (a company, a contact, or a contact and their
 * company), owned and seen like an order (access.h): its owner, the
 * people above them, and whoever sees its contact or company. Its number
 * is the next of a pattern ([service] ticket_number, default "T%Y-%04n",
 * as quote.h), never used twice. Tickets are closed, never deleted.
 *
 * States and the calls that change them (each a line of the history,
 * tcrm_ticket_events, and of the audit trail):
 *   new, in_progress  --wait-->      waiting (for the customer)
 *   new               --note-->      in_progress (the first response)
 *   waiting           --note-->      in_progress (the customer answered)
 *   new, in_progress, waiting --resolve--> resolved
 *   resolved          --close-->     closed
 *   resolved, closed  --reopen-->    in_progress
 * Anything else is refused with one line naming the ticket, its state
 * and what to do (TCRM_EINVAL, field "state"):
 *   "ticket T2026-0001 is closed: it cannot wait (reopen it first)"
 * A note on an in-progress, resolved or closed ticket changes nothing
 * but the history. The first response is the first note, wait or
 * resolve after the ticket was opened.
 *
 * Deadlines. A ticket must be answered within response hours and
 * resolved within resolve hours of its opening, by priority ([service]
 * response_hours_* and resolve_hours_* of tcrm.conf, passed in as struct
 * tcrm_ticket_hours). Waiting for the customer stops the clock: when a
 * wait ends, its length is added to the resolution deadline (and to the
 * response deadline while there was no response). A waiting ticket is
 * never late. Changing the priority computes both again from the opening
 * with the new hours (and the waits so far). Hours are wall-clock hours
 * of the local calendar (no working hours, no holidays).
 *
 * Satisfaction. `tcrm_ticket_rate` records the customer's score 1-5 and
 * a comment on a resolved or closed ticket (refused on an open one:
 * "ticket T2026-0001 is in progress: rate it after it is resolved");
 * reopening clears it (the history keeps it). `tcrm_interaction_score`
 * does the same for any interaction the session sees.
 *
 * Errors, one line each (field in brackets):
 *   "score: 6 is not from 1 to 5"                                (score)
 *   "subject: must not be empty"                               (subject)
 *   "type: 'bug' is not one of question, fault, complaint, return" (type)
 *   "ticket 'T2026-0009': not found"                           (ticket)
 */
#ifndef TCRM_TICKET_H
#define TCRM_TICKET_H

#include <stdint.h>

#include "tcrm/db.h"
#include "tcrm/entity.h"

#define TCRM_TICKET_NUMBER_DEFAULT "T%Y-%04n"

/* Stored English keys: tcrm_i18n_word("ticket state"/"ticket type"/
 * "priority", name) shows them. */
enum tcrm_ticket_state { TCRM_TICKET_NEW, TCRM_TICKET_IN_PROGRESS,
                         TCRM_TICKET_WAITING, TCRM_TICKET_RESOLVED,
                         TCRM_TICKET_CLOSED, TCRM_TICKET_STATES };
enum tcrm_ticket_type { TCRM_TICKET_QUESTION, TCRM_TICKET_FAULT,
                        TCRM_TICKET_COMPLAINT, TCRM_TICKET_RETURN,
                        TCRM_TICKET_TYPES };
enum tcrm_ticket_priority { TCRM_PRIORITY_LOW, TCRM_PRIORITY_NORMAL,
                            TCRM_PRIORITY_HIGH, TCRM_PRIORITY_URGENT,
                            TCRM_PRIORITIES };

const char *tcrm_ticket_state_name(int state);
const char *tcrm_ticket_type_name(int type);
const char *tcrm_ticket_priority_name(int priority);
/* The state as people read it, translated: "new", "in progress",
 * "waiting", "resolved", "closed" (CSV keeps the stored keys). */
const char *tcrm_ticket_state_word(int state);
/* -1 when unknown. */
int tcrm_ticket_state_parse(const char *name);
int tcrm_ticket_type_parse(const char *name);
int tcrm_ticket_priority_parse(const char *name);
/* "question, fault, complaint, return"; "low, normal, high, urgent". */
const char *tcrm_ticket_type_list(void);
const char *tcrm_ticket_priority_list(void);
/* Whether a ticket in this state is open (new, in progress, waiting). */
int tcrm_ticket_state_open(int state);

/* Hours by priority (index enum tcrm_ticket_priority). */
struct tcrm_ticket_hours {
    int response[TCRM_PRIORITIES], resolve[TCRM_PRIORITIES];
};
/* The defaults of tcrm.conf: respond within 72, 24, 8, 2 hours, resolve
 * within 240, 120, 48, 8. */
void tcrm_ticket_hours_default(struct tcrm_ticket_hours *h);

struct tcrm_ticket {
    int64_t id, version;
    char *number;
    int64_t company_id, contact_id, product_id;   /* 0: none */
    int type, priority, state;
    char *subject, *resolution;
    char *response_due, *resolve_due;   /* timestamps, pushed by waits */
    char *first_response_at, *resolved_at, *closed_at, *waiting_since;
    int64_t waited;                     /* seconds waited, ended waits */
    int score;                          /* 0: not rated */
    char *score_comment, *rated_at, *rated_by;
    /* read-only */
    char *owner, *company_name, *contact_name, *product_code;
    struct tcrm_stamp stamp;
};

struct tcrm_ticket_in {
    int64_t company_id, contact_id;     /* at least one */
    int type, priority;                 /* enums above */
    int64_t product_id;                 /* 0: none */
    const char *subject;
    const char *pattern;                /* NULL: the default */
    const struct tcrm_ticket_hours *hours;  /* NULL: the defaults */
};

/* What an edit changes: -1 / NULL / 0 leave a field as it is;
 * product_id -1 removes the product. */
struct tcrm_ticket_change {
    int type, priority;
    const char *subject;
    int64_t product_id;
    const struct tcrm_ticket_hours *hours;  /* NULL: the defaults */
};

/* One line of a ticket's history. kind: add, note, state, assign, edit,
 * rate; from/to: the states of a state change (the owners of an
 * assign), else NULL. */
struct tcrm_ticket_event {
    int64_t id;
    char *at, *who, *kind, *from, *to, *text;
};

void tcrm_ticket_clear(struct tcrm_ticket *t);
void tcrm_ticket_array_free(struct tcrm_ticket *a, size_t n);
void tcrm_ticket_events_free(struct tcrm_ticket_event *a, size_t n);

int tcrm_ticket_add(struct tcrm_db *db, const struct tcrm_ticket_in *in,
                    int64_t *id, struct tcrm_error *err);
int tcrm_ticket_get(struct tcrm_db *db, int64_t id, struct tcrm_ticket *out,
                    struct tcrm_error *err);
/* By id ("12") or number ("T2026-0001"); TCRM_ENOTFOUND. */
int tcrm_ticket_find(struct tcrm_db *db, const char *ref, int64_t *id,
                     struct tcrm_error *err);
/* 1 when nothing changed (nothing written). */
int tcrm_ticket_edit(struct tcrm_db *db, int64_t id,
                     const struct tcrm_ticket_change *c,
                     struct tcrm_error *err);
/* A new owner, by the rules of owner.h (tcrm_owner_move). */
int tcrm_ticket_assign(struct tcrm_db *db, int64_t id, const char *to,
                       struct tcrm_error *err);
int tcrm_ticket_note(struct tcrm_db *db, int64_t id, const char *text,
                     struct tcrm_error *err);
int tcrm_ticket_wait(struct tcrm_db *db, int64_t id, struct tcrm_error *err);
int tcrm_ticket_resolve(struct tcrm_db *db, int64_t id,
                        const char *resolution, struct tcrm_error *err);
int tcrm_ticket_close(struct tcrm_db *db, int64_t id, struct tcrm_error *err);
int tcrm_ticket_reopen(struct tcrm_db *db, int64_t id, struct tcrm_error *err);
int tcrm_ticket_rate(struct tcrm_db *db, int64_t id, int score,
                     const char *comment, struct tcrm_error *err);
/* The history of a ticket, oldest first. */
int tcrm_ticket_events(struct tcrm_db *db, int64_t id,
                       struct tcrm_ticket_event **out, size_t *n,
                       struct tcrm_error *err);

/* Which tickets a list shows. */
struct tcrm_ticket_filter {
    int open_only;          /* new, in progress, waiting */
    const char *owner;      /* NULL: anyone's */
    int64_t company_id, contact_id;   /* a customer's only (0: anyone's):
                                       * tcrm_ticket_page_by_state, _count */
};
/* One keyset page, newest first (as tcrm_invoice_page). */
int tcrm_ticket_page(struct tcrm_db *db, const struct tcrm_ticket_filter *f,
                     int64_t after, size_t limit, struct tcrm_ticket **out,
                     size_t *n, int *more, struct tcrm_error *err);
/* One keyset page in the Tickets view's order: by state (new, in
 * progress, waiting, resolved, closed), then the deadline that runs (the
 * response deadline while there was no response, else the resolution
 * deadline, as tcrm_ticket_next_due but also while waiting or closed),
 * then id. After ticket `after` (only its state, response_due,
 * resolve_due, first_response_at and id are read; NULL: from the start),
 * or backwards the rows just before it (NULL: the last rows), always in
 * list order; *more: rows remain beyond, that way. */
int tcrm_ticket_page_by_state(struct tcrm_db *db,
                              const struct tcrm_ticket_filter *f,
                              const struct tcrm_ticket *after, int backwards,
                              size_t limit, struct tcrm_ticket **out,
                              size_t *n, int *more, struct tcrm_error *err);
/* How many tickets the filter lists. */
int tcrm_ticket_count(struct tcrm_db *db, const struct tcrm_ticket_filter *f,
                      int64_t *n, struct tcrm_error *err);
/* Open tickets not waiting whose next deadline (tcrm_ticket_next_due)
 * is before `until` (a timestamp), the earliest first: at most limit of
 * them, *total all of them. */
int tcrm_ticket_due(struct tcrm_db *db, const char *until, size_t limit,
                    struct tcrm_ticket **out, size_t *n, int64_t *total,
                    struct tcrm_error *err);

/* The customer's satisfaction with interaction id (one the session
 * sees): score 1-5, comment may be NULL. Replaces an earlier one. */
int tcrm_interaction_score(struct tcrm_db *db, int64_t id, int score,
                           const char *comment, struct tcrm_error *err);
/* 0 and *score 0 when it has none. */
int tcrm_interaction_score_get(struct tcrm_db *db, int64_t id, int *score,
                               char **comment, struct tcrm_error *err);

/* ---- what `report service` reads (ticket_stats.c) ------------------------ */

/* One ticket, light: the tickets the session sees that are open now, or
 * were opened in the period [from, to] (dates, inclusive; NULL: open
 * ended): in_period says which. product (its code) is filled only for a
 * rated ticket in the period: what the report shows. */
struct tcrm_ticket_stat {
    int64_t id, company_id, contact_id, waited;
    int type, priority, state, score, in_period;
    char *owner, *product, *created_at, *first_response_at, *resolved_at,
         *rated_at;
};
int tcrm_ticket_stats(struct tcrm_db *db, const char *from, const char *to,
                      const char *owner, struct tcrm_ticket_stat **out,
                      size_t *n, struct tcrm_error *err);
void tcrm_ticket_stats_free(struct tcrm_ticket_stat *a, size_t n);

/* Complaints per customer (the company, else the contact) among the
 * tickets the session sees opened in the period (as above): the
 * customers with the most complaints, then the most open ones, then by
 * id, at most limit of them; total (on each row) counts all the
 * customers with complaints. customer: the name. */
struct tcrm_ticket_complaint {
    int64_t company_id, contact_id, count, open, total;
    char *customer;
};
int tcrm_ticket_complaints(struct tcrm_db *db, const char *from,
                           const char *to, const char *owner, size_t limit,
                           struct tcrm_ticket_complaint **out, size_t *n,
                           struct tcrm_error *err);
void tcrm_ticket_complaints_free(struct tcrm_ticket_complaint *a, size_t n);
/* The same, counted from rows tcrm_ticket_stats gave (t, nt) for the same
 * period and owner instead of a second read of the tickets. */
int tcrm_ticket_complaints_of(struct tcrm_db *db,
                              const struct tcrm_ticket_stat *t, size_t nt,
                              size_t limit, struct tcrm_ticket_complaint **out,
                              size_t *n, struct tcrm_error *err);

/* ---- the clock (ticket_clock.c; pure) ------------------------------------- */

/* Seconds of a timestamp "YYYY-MM-DD HH:MM[:SS]" on the calendar's own
 * count (no time zone, no daylight saving: local wall-clock time as
 * stored); -1 when it is not one. */
int64_t tcrm_ticket_secs(const char *ts);
/* The timestamp of such seconds. */
void tcrm_ticket_stamp(int64_t secs, char out[20]);
/* from + hours + paused seconds: a deadline. */
void tcrm_ticket_deadline(const char *from, int hours, int64_t paused,
                          char out[20]);
/* The deadline that runs now: the response deadline while there was no
 * response, else the resolution deadline; NULL when the clock is
 * stopped (waiting) or the ticket is resolved or closed. */
const char *tcrm_ticket_next_due(const struct tcrm_ticket *t);
/* Seconds from now until t's running deadline (negative: that late); 0
 * and *running 0 when no clock runs. */
int64_t tcrm_ticket_left(const struct tcrm_ticket *t, const char *now,
                         int *running);
/* Seconds the ticket took to be resolved, its waits left out; -1 when it
 * is not resolved. */
int64_t tcrm_ticket_resolve_secs(const struct tcrm_ticket *t);

/* A customer's tickets (ticket_of.c), for the screen's detail panes: the
 * company's (company_id > 0: with a contact of it or not), else the
 * contact's. The open ones (new, in progress, waiting), the running
 * deadline first and the waiting last, at most limit (64 at most) of
 * them; *n_open counts all open ones, *total all the tickets. */
int tcrm_ticket_of(struct tcrm_db *db, int64_t company_id, int64_t contact_id,
                   size_t limit, struct tcrm_ticket **out, size_t *n,
                   int64_t *n_open, int64_t *total, struct tcrm_error *err);

#endif
