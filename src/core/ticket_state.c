/*
 * ticket_state.c: what happens to a ticket after it is opened: notes,
 * waits, resolution, closing, reopening, rating and a new owner, each a
 * line of its history (see tcrm/ticket.h for the rules); and the
 * satisfaction score of an interaction.
 *
 * Every change reads the ticket, decides by its state, and writes it
 * with its version in the WHERE (another change in between is a
 * conflict), in one transaction with its history line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ticket_internal.h"
#include "tcrm/owner.h"

int tcrm_ticket_event(struct tcrm_db *db, int64_t id, const char *kind,
                      const char *from, const char *to, const char *text,
                      struct tcrm_error *err)
{
    char now[20];
    sqlite3_stmt *st = tcrm_db_prepare(db, "INSERT INTO ticket_events("
        "ticket_id, at, who, kind, from_state, to_state, text) VALUES (?1,"
        " ?2, ?3, ?4, ?5, ?6, ?7)", err);
    if (!st)
        return err->code;
    tcrm_db_now(now);
    sqlite3_bind_int64(st, 1, id);
    tcrm_db_bind_text(st, 2, now);
    tcrm_db_bind_text(st, 3, tcrm_db_user(db));
    tcrm_db_bind_text(st, 4, kind);
    tcrm_db_bind_text(st, 5, from);
    tcrm_db_bind_text(st, 6, to);
    tcrm_db_bind_text(st, 7, text);
    return tcrm_db_step_done(db, st, "ticket", err);
}

int tcrm_ticket_bumped(struct tcrm_db *db, sqlite3_stmt *st,
                       const struct tcrm_ticket *t, struct tcrm_error *err)
{
    int rc = tcrm_db_step_done(db, st, "ticket", err);
    if (rc == 0 && sqlite3_changes(db->sql) == 0)
        rc = tcrm_error_set(err, TCRM_ECONFLICT, "ticket %s was changed by "
                            "someone else since you read it", t->number);
    return rc;
}

/* ---- state changes ------------------------------------------------------------ */

enum op { OP_NOTE, OP_WAIT, OP_RESOLVE, OP_CLOSE, OP_REOPEN };

/* Whether op may happen to t: 0, or the one line that says why not. */
static int allowed(const struct tcrm_ticket *t, enum op op,
                   struct tcrm_error *err)
{
    const char *n = t->number, *w = tcrm_ticket_state_word(t->state);
    int s = t->state, open = tcrm_ticket_state_open(s);
    switch (op) {
    case OP_NOTE:
        return 0;
    case OP_WAIT:
        if (s == TCRM_TICKET_WAITING)
            return tcrm_error_field(err, TCRM_EINVAL, "state", "ticket %s is "
                                    "already waiting", n);
        return open ? 0 : tcrm_error_field(err, TCRM_EINVAL, "state",
                                           "ticket %s is %s: it cannot wait "
                                           "(reopen it first)", n, w);
    case OP_RESOLVE:
        if (s == TCRM_TICKET_RESOLVED)
            return tcrm_error_field(err, TCRM_EINVAL, "state", "ticket %s is "
                                    "already resolved", n);
        return open ? 0 : tcrm_error_field(err, TCRM_EINVAL, "state",
                                           "ticket %s is %s: it cannot be "
                                           "resolved (reopen it first)", n, w);
    case OP_CLOSE:
        if (s == TCRM_TICKET_CLOSED)
            return tcrm_error_field(err, TCRM_EINVAL, "state", "ticket %s is "
                                    "already closed", n);
        return !open ? 0 : tcrm_error_field(err, TCRM_EINVAL, "state",
                                            "ticket %s is %s: only a resolved "
                                            "ticket is closed (resolve it "
                                            "first)", n, w);
    case OP_REOPEN:
        return !open ? 0 : tcrm_error_field(err, TCRM_EINVAL, "state",
                                            "ticket %s is %s: only a resolved "
                                            "or closed ticket is reopened", n,
                                            w);
    }
    return 0;
}

/* The state op leads to from t's. */
static int next_state(const struct tcrm_ticket *t, enum op op)
{
    switch (op) {
    case OP_NOTE:
        return t->state == TCRM_TICKET_NEW || t->state == TCRM_TICKET_WAITING
                   ? TCRM_TICKET_IN_PROGRESS : t->state;
    case OP_WAIT:
        return TCRM_TICKET_WAITING;
    case OP_RESOLVE:
        return TCRM_TICKET_RESOLVED;
    case OP_CLOSE:
        return TCRM_TICKET_CLOSED;
    case OP_REOPEN:
        return TCRM_TICKET_IN_PROGRESS;
    }
    return t->state;
}

/* The seconds of a wait that ends now (0 when not waiting). */
static int64_t wait_ended(const struct tcrm_ticket *t, const char *now)
{
    if (t->state != TCRM_TICKET_WAITING || !t->waiting_since)
        return 0;
    int64_t d = tcrm_ticket_secs(now) - tcrm_ticket_secs(t->waiting_since);
    return d > 0 ? d : 0;
}

/* Write the change: the new state, the clock (a wait that ends pushes
 * the deadlines), the first response, resolution and closing times. */
static int write_state(struct tcrm_db *db, const struct tcrm_ticket *t,
                       enum op op, int to, const char *resolution,
                       struct tcrm_error *err)
{
    char now[20], respond[20], resolve[20];
    tcrm_db_now(now);
    int64_t waited = wait_ended(t, now);
    tcrm_ticket_deadline(t->response_due, 0, t->first_response_at ? 0
                         : waited, respond);
    tcrm_ticket_deadline(t->resolve_due, 0, waited, resolve);
    sqlite3_stmt *st = tcrm_db_prepare(db, "UPDATE tickets SET state = ?1,"
        " response_due = ?2, resolve_due = ?3, waited_seconds ="
        " waited_seconds + ?4, waiting_since = CASE WHEN ?1 = 'waiting'"
        " THEN ?5 END, first_response_at = coalesce(first_response_at,"
        " CASE WHEN ?1 <> 'new' THEN ?5 END), resolved_at = CASE"
        " WHEN ?1 = 'resolved' THEN ?5 WHEN ?1 = 'closed' THEN resolved_at"
        " END, closed_at = CASE WHEN ?1 = 'closed' THEN ?5 END,"
        " resolution = coalesce(?6, resolution), score = CASE WHEN ?7 THEN"
        " NULL ELSE score END, score_comment = CASE WHEN ?7 THEN NULL ELSE"
        " score_comment END, rated_at = CASE WHEN ?7 THEN NULL ELSE"
        " rated_at END, rated_by = CASE WHEN ?7 THEN NULL ELSE rated_by END,"
        " updated_at = ?5, updated_by = ?8, version = version + 1"
        " WHERE id = ?9 AND version = ?10", err);
    if (!st)
        return err->code;
    tcrm_db_bind_text(st, 1, tcrm_ticket_state_name(to));
    tcrm_db_bind_text(st, 2, respond);
    tcrm_db_bind_text(st, 3, resolve);
    sqlite3_bind_int64(st, 4, waited);
    tcrm_db_bind_text(st, 5, now);
    tcrm_db_bind_text(st, 6, resolution);
    sqlite3_bind_int(st, 7, op == OP_REOPEN);
    tcrm_db_bind_text(st, 8, tcrm_db_user(db));
    sqlite3_bind_int64(st, 9, t->id);
    sqlite3_bind_int64(st, 10, t->version);
    return tcrm_ticket_bumped(db, st, t, err);
}

static int change_work(struct tcrm_db *db, int64_t id, enum op op,
                       const char *text, struct tcrm_error *err)
{
    struct tcrm_ticket t;
    int rc = tcrm_ticket_get(db, id, &t, err);
    if (rc)
        return rc;
    int to = next_state(&t, op);
    rc = allowed(&t, op, err);
    if (rc == 0 && to != t.state)
        rc = write_state(db, &t, op, to, op == OP_RESOLVE ? text : NULL, err);
    if (rc == 0 && op == OP_NOTE)
        rc = tcrm_ticket_event(db, id, "note", NULL, NULL, text, err);
    if (rc == 0 && to != t.state)
        rc = tcrm_ticket_event(db, id, "state",
                               tcrm_ticket_state_name(t.state),
                               tcrm_ticket_state_name(to),
                               op == OP_RESOLVE ? text : NULL, err);
    tcrm_ticket_clear(&t);
    return rc;
}

static int change(struct tcrm_db *db, int64_t id, enum op op,
                  const char *text, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    int rc = tcrm_db_begin(db, err);
    return rc ? rc : tcrm_db_end(db, change_work(db, id, op, text, err), err);
}

int tcrm_ticket_note(struct tcrm_db *db, int64_t id, const char *text,
                     struct tcrm_error *err)
{
    if (tcrm_str_empty(text))
        return tcrm_error_field(err, TCRM_EINVAL, "note", "note: must not "
                                "be empty");
    return change(db, id, OP_NOTE, text, err);
}

int tcrm_ticket_wait(struct tcrm_db *db, int64_t id, struct tcrm_error *err)
{
    return change(db, id, OP_WAIT, NULL, err);
}

int tcrm_ticket_resolve(struct tcrm_db *db, int64_t id,
                        const char *resolution, struct tcrm_error *err)
{
    if (tcrm_str_empty(resolution))
        return tcrm_error_field(err, TCRM_EINVAL, "resolution", "resolution: "
                                "must not be empty");
    return change(db, id, OP_RESOLVE, resolution, err);
}

int tcrm_ticket_close(struct tcrm_db *db, int64_t id, struct tcrm_error *err)
{
    return change(db, id, OP_CLOSE, NULL, err);
}

int tcrm_ticket_reopen(struct tcrm_db *db, int64_t id, struct tcrm_error *err)
{
    return change(db, id, OP_REOPEN, NULL, err);
}

/* ---- rating, assigning -------------------------------------------------------- */

static int score_check(int score, struct tcrm_error *err)
{
    if (score < 1 || score > 5)
        return tcrm_error_field(err, TCRM_EINVAL, "score", "score: %d is not "
                                "from 1 to 5", score);
    return 0;
}

static int rate_work(struct tcrm_db *db, int64_t id, int score,
                     const char *comment, struct tcrm_error *err)
{
    struct tcrm_ticket t;
    char now[20], text[16];
    int rc = tcrm_ticket_get(db, id, &t, err);
    if (rc)
        return rc;
    if (tcrm_ticket_state_open(t.state))
        rc = tcrm_error_field(err, TCRM_EINVAL, "state", "ticket %s is %s: "
                              "rate it after it is resolved", t.number,
                              tcrm_ticket_state_word(t.state));
    sqlite3_stmt *st = rc ? NULL : tcrm_db_prepare(db, "UPDATE tickets SET"
        " score = ?1, score_comment = ?2, rated_at = ?3, rated_by = ?4,"
        " updated_at = ?3, updated_by = ?4, version = version + 1"
        " WHERE id = ?5 AND version = ?6", err);
    if (st) {
        tcrm_db_now(now);
        sqlite3_bind_int(st, 1, score);
        tcrm_db_bind_text(st, 2, comment);
        tcrm_db_bind_text(st, 3, now);
        tcrm_db_bind_text(st, 4, tcrm_db_user(db));
        sqlite3_bind_int64(st, 5, t.id);
        sqlite3_bind_int64(st, 6, t.version);
        rc = tcrm_ticket_bumped(db, st, &t, err);
    } else if (rc == 0) {
        rc = err->code;
    }
    snprintf(text, sizeof text, "%d", score);
    if (rc == 0)
        rc = tcrm_ticket_event(db, id, "rate", NULL, text, comment, err);
    tcrm_ticket_clear(&t);
    return rc;
}

/* A score 1-5 written by work in one transaction. */
static int scored(struct tcrm_db *db, int64_t id, int score,
                  const char *comment, struct tcrm_error *err,
                  int (*work)(struct tcrm_db *, int64_t, int, const char *,
                              struct tcrm_error *))
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    int rc = score_check(score, err);
    if (rc == 0)
        rc = tcrm_db_begin(db, err);
    return rc ? rc : tcrm_db_end(db, work(db, id, score, comment, err), err);
}

int tcrm_ticket_rate(struct tcrm_db *db, int64_t id, int score,
                     const char *comment, struct tcrm_error *err)
{
    return scored(db, id, score, comment, err, rate_work);
}

static int assign_work(struct tcrm_db *db, int64_t id, const char *to,
                       struct tcrm_error *err)
{
    struct tcrm_ticket t;
    int rc = tcrm_ticket_get(db, id, &t, err);
    if (rc == 0 && t.owner && strcmp(t.owner, to) == 0)
        rc = tcrm_error_field(err, TCRM_EINVAL, "owner", "ticket %s is "
                              "already %s's", t.number, to);
    if (rc == 0)
        rc = tcrm_owner_move(db, "ticket", id, to, err);
    if (rc == 0)
        rc = tcrm_ticket_event(db, id, "assign", t.owner, to, NULL, err);
    tcrm_ticket_clear(&t);
    return rc;
}

int tcrm_ticket_assign(struct tcrm_db *db, int64_t id, const char *to,
                       struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    int rc = tcrm_db_begin(db, err);
    return rc ? rc : tcrm_db_end(db, assign_work(db, id, to, err), err);
}

/* ---- the history ---------------------------------------------------------------- */

void tcrm_ticket_events_free(struct tcrm_ticket_event *a, size_t n)
{
    for (size_t i = 0; a && i < n; i++) {
        free(a[i].at);
        free(a[i].who);
        free(a[i].kind);
        free(a[i].from);
        free(a[i].to);
        free(a[i].text);
    }
    free(a);
}

static int read_event(sqlite3_stmt *st, void *elem)
{
    struct tcrm_ticket_event *e = elem;
    e->id = sqlite3_column_int64(st, 0);
    char **col[] = { &e->at, &e->who, &e->kind, &e->from, &e->to, &e->text };
    for (int i = 0; i < 6; i++)
        if (sqlite3_column_type(st, 1 + i) != SQLITE_NULL &&
            !(*col[i] = tcrm_db_col_text(st, 1 + i)))
            return TCRM_ENOMEM;
    return 0;
}

static void free_events(void *a, size_t n) { tcrm_ticket_events_free(a, n); }

int tcrm_ticket_events(struct tcrm_db *db, int64_t id,
                       struct tcrm_ticket_event **out, size_t *n,
                       struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT e.id, e.at, e.who, e.kind,"
        " e.from_state, e.to_state, e.text FROM ticket_events e JOIN"
        " live_tickets t ON t.id = e.ticket_id WHERE e.ticket_id = ?1"
        " ORDER BY e.id", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    void *a = NULL;
    int rc = tcrm_db_collect(db, st, sizeof(struct tcrm_ticket_event),
                             read_event, free_events, "ticket", &a, n, err);
    *out = a;
    return rc;
}

/* ---- satisfaction with an interaction ------------------------------------------- */

static int iscore_work(struct tcrm_db *db, int64_t id, int score,
                       const char *comment, struct tcrm_error *err)
{
    char now[20];
    sqlite3_stmt *st = tcrm_db_prepare(db, "INSERT INTO interaction_scores("
        "interaction_id, score, comment, updated_at, updated_by) SELECT id,"
        " ?2, ?3, ?4, ?5 FROM live_interactions WHERE id = ?1"
        " ON CONFLICT(interaction_id) DO UPDATE SET score = excluded.score,"
        " comment = excluded.comment, updated_at = excluded.updated_at,"
        " updated_by = excluded.updated_by", err);
    if (!st)
        return err->code;
    tcrm_db_now(now);
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, score);
    tcrm_db_bind_text(st, 3, comment);
    tcrm_db_bind_text(st, 4, now);
    tcrm_db_bind_text(st, 5, tcrm_db_user(db));
    int rc = tcrm_db_step_done(db, st, "interaction", err);
    if (rc == 0 && sqlite3_changes(db->sql) == 0)
        rc = tcrm_error_set(err, TCRM_ENOTFOUND, "%s %lld: not found",
                            tcrm_db_noun("interaction"), (long long)id);
    return rc;
}

int tcrm_interaction_score(struct tcrm_db *db, int64_t id, int score,
                           const char *comment, struct tcrm_error *err)
{
    return scored(db, id, score, comment, err, iscore_work);
}

int tcrm_interaction_score_get(struct tcrm_db *db, int64_t id, int *score,
                               char **comment, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *score = 0;
    *comment = NULL;
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT s.score, s.comment FROM"
        " interaction_scores s JOIN live_interactions i ON i.id ="
        " s.interaction_id WHERE s.interaction_id = ?1", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int s = sqlite3_step(st);
    if (s == SQLITE_ROW) {
        *score = sqlite3_column_int(st, 0);
        *comment = tcrm_db_col_text(st, 1);
    }
    tcrm_db_done(st);
    return s == SQLITE_ROW || s == SQLITE_DONE ? 0
                                               : tcrm_db_fail(db, "interaction",
                                                              err);
}
