/*
 * ticket.c: service tickets: names, adding, reading, lists, editing (see
 * tcrm/ticket.h; the schema is data/migrations/012_service.sql). The
 * state changes, notes, ratings and the history are ticket_state.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quote_internal.h"
#include "ticket_internal.h"
#include "tcrm/date.h"

/* ---- names -------------------------------------------------------------------- */

/* Stored keys; people read tcrm_ticket_state_word. */
static const char *const state_names[] = {
    "new", "in_progress", "waiting", "resolved", "closed",
};
static const char *const type_names[] = {
    NC_("ticket type", "question"), NC_("ticket type", "fault"),
    NC_("ticket type", "complaint"), NC_("ticket type", "return"),
};
static const char *const priority_names[] = {
    NC_("priority", "low"), NC_("priority", "normal"),
    NC_("priority", "high"), NC_("priority", "urgent"),
};

static int parse(const char *const *names, int n, const char *s)
{
    for (int i = 0; s && i < n; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

const char *tcrm_ticket_state_name(int s)
{
    return s >= 0 && s < TCRM_TICKET_STATES ? state_names[s] : "new";
}
const char *tcrm_ticket_type_name(int t)
{
    return t >= 0 && t < TCRM_TICKET_TYPES ? type_names[t] : "question";
}
const char *tcrm_ticket_priority_name(int p)
{
    return p >= 0 && p < TCRM_PRIORITIES ? priority_names[p] : "normal";
}
const char *tcrm_ticket_state_word(int s)
{
    static const char *const words[] = {
        NC_("ticket state", "new"), NC_("ticket state", "in progress"),
        NC_("ticket state", "waiting"), NC_("ticket state", "resolved"),
        NC_("ticket state", "closed"),
    };
    return C_("ticket state", words[s >= 0 && s < TCRM_TICKET_STATES ? s
                                                                      : 0]);
}
int tcrm_ticket_state_parse(const char *s)
{
    return parse(state_names, TCRM_TICKET_STATES, s);
}
int tcrm_ticket_type_parse(const char *s)
{
    return parse(type_names, TCRM_TICKET_TYPES, s);
}
int tcrm_ticket_priority_parse(const char *s)
{
    return parse(priority_names, TCRM_PRIORITIES, s);
}
const char *tcrm_ticket_type_list(void)
{
    return "question, fault, complaint, return";
}
const char *tcrm_ticket_priority_list(void)
{
    return "low, normal, high, urgent";
}
int tcrm_ticket_state_open(int s)
{
    return s == TCRM_TICKET_NEW || s == TCRM_TICKET_IN_PROGRESS ||
           s == TCRM_TICKET_WAITING;
}

void tcrm_ticket_hours_default(struct tcrm_ticket_hours *h)
{
    static const struct tcrm_ticket_hours d = { { 72, 24, 8, 2 },
                                                { 240, 120, 48, 8 } };
    *h = d;
}

void tcrm_ticket_clear(struct tcrm_ticket *t)
{
    if (!t)
        return;
    char *s[] = { t->number, t->subject, t->resolution, t->response_due,
                  t->resolve_due, t->first_response_at, t->resolved_at,
                  t->closed_at, t->waiting_since, t->score_comment,
                  t->rated_at, t->rated_by, t->owner, t->company_name,
                  t->contact_name, t->product_code };
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
        free(s[i]);
    tcrm_stamp_clear(&t->stamp);
    memset(t, 0, sizeof *t);
}

void tcrm_ticket_array_free(struct tcrm_ticket *a, size_t n)
{
    for (size_t i = 0; a && i < n; i++)
        tcrm_ticket_clear(&a[i]);
    free(a);
}

/* ---- reading ------------------------------------------------------------------ */

#define TICKET_COLS                                                        \
    "SELECT t.id, t.version, t.company_id, t.contact_id, t.product_id,"    \
    " t.waited_seconds, coalesce(t.score, 0), t.type, t.priority, t.state,"\
    " t.number, t.subject, t.resolution, t.response_due, t.resolve_due,"   \
    " t.first_response_at, t.resolved_at, t.closed_at, t.waiting_since,"   \
    " t.score_comment, t.rated_at, t.rated_by, t.owner, co.name, c.name,"  \
    " p.code, t.created_at, t.updated_at, t.created_by, t.updated_by"      \
    " FROM live_tickets t"                                                 \
    " LEFT JOIN companies co ON co.id = t.company_id"                      \
    " LEFT JOIN contacts c ON c.id = t.contact_id"                         \
    " LEFT JOIN products p ON p.id = t.product_id "

static int read_row(sqlite3_stmt *st, void *elem)
{
    struct tcrm_ticket *t = elem;
    memset(t, 0, sizeof *t);
    int64_t *num[] = { &t->id, &t->version, &t->company_id, &t->contact_id,
                       &t->product_id, &t->waited };
    for (int i = 0; i < 6; i++)
        *num[i] = sqlite3_column_int64(st, i);
    t->score = sqlite3_column_int(st, 6);
    t->type = tcrm_ticket_type_parse((const char *)sqlite3_column_text(st, 7));
    t->priority = tcrm_ticket_priority_parse(
        (const char *)sqlite3_column_text(st, 8));
    t->state = tcrm_ticket_state_parse(
        (const char *)sqlite3_column_text(st, 9));
    char **col[] = { &t->number, &t->subject, &t->resolution,
                     &t->response_due, &t->resolve_due,
                     &t->first_response_at, &t->resolved_at, &t->closed_at,
                     &t->waiting_since, &t->score_comment, &t->rated_at,
                     &t->rated_by, &t->owner, &t->company_name,
                     &t->contact_name, &t->product_code,
                     &t->stamp.created_at, &t->stamp.updated_at,
                     &t->stamp.created_by, &t->stamp.updated_by };
    for (int i = 0; i < 20; i++)
        if (sqlite3_column_type(st, 10 + i) != SQLITE_NULL &&
            !(*col[i] = tcrm_db_col_text(st, 10 + i)))
            return TCRM_ENOMEM;
    return 0;
}

static void free_rows(void *a, size_t n) { tcrm_ticket_array_free(a, n); }
static void clear_row(void *e) { tcrm_ticket_clear(e); }

int tcrm_ticket_get(struct tcrm_db *db, int64_t id, struct tcrm_ticket *out,
                    struct tcrm_error *err)
{
    memset(out, 0, sizeof *out);
    return tcrm_db_get_row(db, TICKET_COLS "WHERE t.id = ?1", id, read_row,
                           clear_row, "ticket", N_("ticket %lld: not found"),
                           out, err);
}

int tcrm_ticket_find(struct tcrm_db *db, const char *ref, int64_t *id,
                     struct tcrm_error *err)
{
    return tcrm_doc_find(db, "SELECT id FROM live_tickets WHERE number = ?1",
                         "ticket", N_("ticket '%s': not found"), ref, id,
                         err);
}

int tcrm_ticket_page(struct tcrm_db *db, const struct tcrm_ticket_filter *f,
                     int64_t after, size_t limit, struct tcrm_ticket **out,
                     size_t *n, int *more, struct tcrm_error *err)
{
    static const struct tcrm_ticket_filter all;
    struct tcrm_error local;
    if (!err)
        err = &local;
    if (!f)
        f = &all;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, TICKET_COLS
        "WHERE t.id < ?1 AND (?2 = 0 OR t.state IN ('new', 'in_progress',"
        " 'waiting')) AND (?4 IS NULL OR t.owner = ?4)"
        " ORDER BY t.id DESC LIMIT ?3", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, after > 0 ? after : INT64_MAX);
    sqlite3_bind_int(st, 2, f->open_only);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)limit + 1);
    tcrm_db_bind_text(st, 4, f->owner);
    void *a = NULL;
    int rc = tcrm_db_collect(db, st, sizeof(struct tcrm_ticket), read_row,
                             free_rows, "tickets", &a, n, err);
    *out = a;
    if (more)
        *more = rc == 0 && *n > limit;
    if (rc == 0 && *n > limit) {
        tcrm_ticket_clear(&(*out)[limit]);
        *n = limit;
    }
    return rc;
}

/* The deadline that runs, in SQL (tcrm_ticket_next_due). */
#define NEXT_DUE(a)                                                        \
    "CASE WHEN " a ".first_response_at IS NULL THEN " a ".response_due"    \
    " ELSE " a ".resolve_due END"

/* Which tickets the Tickets view lists (tcrm_ticket_filter). */
#define VIEW_FILTER                                                        \
    " (?2 = 0 OR t.state IN ('new', 'in_progress', 'waiting'))"            \
    " AND (?4 IS NULL OR t.owner = ?4) AND (?5 = 0 OR t.company_id = ?5)"  \
    " AND (?6 = 0 OR t.contact_id = ?6)"

static void bind_view_filter(sqlite3_stmt *st,
                             const struct tcrm_ticket_filter *f)
{
    sqlite3_bind_int(st, 2, f ? f->open_only : 0);
    tcrm_db_bind_text(st, 4, f ? f->owner : NULL);
    sqlite3_bind_int64(st, 5, f ? f->company_id : 0);
    sqlite3_bind_int64(st, 6, f ? f->contact_id : 0);
}

/* Rows read backwards come newest-last first: put them in list order. */
static void reverse_rows(struct tcrm_ticket *a, size_t n)
{
    for (size_t i = 0; i < n / 2; i++) {
        struct tcrm_ticket t = a[i];
        a[i] = a[n - 1 - i];
        a[n - 1 - i] = t;
    }
}

/* The view's states in its order (enum tcrm_ticket_state) and the
 * deadline each is ordered by: a new ticket has had no response, every
 * other one has (tcrm check holds that), so NEXT_DUE is one column per
 * state, and each state is one range of tickets_by_state_response or
 * tickets_by_state_resolve (016_ticket_view.sql), read a page at a time.
 * The statements: [by resolve_due][backwards][after a cursor]. */
#define VIEW_SQL(due, dir, cursor)                                         \
    TICKET_COLS "WHERE t.state = ?9 AND" VIEW_FILTER cursor                \
    " ORDER BY t." due dir ", t.id" dir " LIMIT ?3"
#define VIEW_AFTER(due, op) " AND (t." due ", t.id) " op " (?8, ?1)"
#define VIEW_DUE_SQL(due)                                                  \
    { { VIEW_SQL(due, "", ""), VIEW_SQL(due, "", VIEW_AFTER(due, ">")) },   \
      { VIEW_SQL(due, " DESC", ""),                                        \
        VIEW_SQL(due, " DESC", VIEW_AFTER(due, "<")) } }
static const char *const view_sql[2][2][2] = {
    VIEW_DUE_SQL("response_due"), VIEW_DUE_SQL("resolve_due")
};
#define VIEW_STATES 5

/* Up to want rows of state k after (or before) the cursor when `from` is
 * set, appended to the array at *out (n rows, cap). */
static int view_branch(struct tcrm_db *db, const struct tcrm_ticket_filter *f,
                       int k, const struct tcrm_ticket *from, int back,
                       size_t want, struct tcrm_ticket **out, size_t *n,
                       struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, view_sql[k != TCRM_TICKET_NEW]
                                       [back != 0][from != NULL], err);
    if (!st)
        return err->code;
    bind_view_filter(st, f);
    sqlite3_bind_text(st, 9, tcrm_ticket_state_name(k), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)want);
    if (from) {
        sqlite3_bind_int64(st, 1, from->id);
        tcrm_db_bind_text(st, 8, from->first_response_at ? from->resolve_due
                                                         : from->response_due);
    }
    void *a = NULL;
    size_t got = 0;
    int rc = tcrm_db_collect(db, st, sizeof(struct tcrm_ticket), read_row,
                             free_rows, "tickets", &a, &got, err);
    if (rc == 0 && got) {
        struct tcrm_ticket *grown = realloc(*out, (*n + got) * sizeof **out);
        if (!grown)
            rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        else {
            memcpy(grown + *n, a, got * sizeof **out);
            *out = grown;
            *n += got;
            free(a);
            a = NULL;
        }
    }
    if (a)
        tcrm_ticket_array_free(a, got);
    return rc;
}

int tcrm_ticket_page_by_state(struct tcrm_db *db,
                              const struct tcrm_ticket_filter *f,
                              const struct tcrm_ticket *after, int backwards,
                              size_t limit, struct tcrm_ticket **out,
                              size_t *n, int *more, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    if (more)
        *more = 0;
    if (limit > INT64_MAX - 1)
        limit = INT64_MAX - 1;
    int last = f && f->open_only ? TCRM_TICKET_WAITING : VIEW_STATES - 1;
    int k = after ? (after->state >= 0 ? after->state : 0)
                  : backwards ? last : 0;
    int rc = 0;
    /* limit + 1 rows: the one more says there are more */
    for (; rc == 0 && k >= 0 && k <= last && *n <= limit;
         k += backwards ? -1 : 1) {
        const struct tcrm_ticket *from = after && k == after->state
                                         ? after : NULL;
        rc = view_branch(db, f, k, from, backwards, limit + 1 - *n, out, n,
                         err);
    }
    if (rc) {
        tcrm_ticket_array_free(*out, *n);
        *out = NULL;
        *n = 0;
        return rc;
    }
    if (more)
        *more = *n > limit;
    if (*n > limit) {                       /* the one read to know more */
        tcrm_ticket_clear(&(*out)[limit]);
        *n = limit;
    }
    if (backwards)
        reverse_rows(*out, *n);
    return 0;
}

int tcrm_ticket_count(struct tcrm_db *db, const struct tcrm_ticket_filter *f,
                      int64_t *n, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT count(*) FROM live_tickets"
                                       " t WHERE" VIEW_FILTER, err);
    if (!st)
        return err->code;
    bind_view_filter(st, f);
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0
           : tcrm_db_fail(db, "tickets", err);
    if (rc == 0)
        *n = sqlite3_column_int64(st, 0);
    tcrm_db_done(st);
    return rc;
}

/* What falls due: new tickets by their response deadline and those in
 * progress by their resolution deadline (waiting ones stop the clock),
 * each state one range of its index (016_ticket_view.sql), counted and
 * read apart, then merged by deadline. */
static const char *const due_sql[2][2] = {
    { "SELECT count(*) FROM live_tickets t WHERE t.state = 'new'"
      " AND t.response_due < ?1",
      TICKET_COLS "WHERE t.state = 'new' AND t.response_due < ?1"
      " ORDER BY t.response_due, t.id LIMIT ?2" },
    { "SELECT count(*) FROM live_tickets t WHERE t.state = 'in_progress'"
      " AND t.resolve_due < ?1",
      TICKET_COLS "WHERE t.state = 'in_progress' AND t.resolve_due < ?1"
      " ORDER BY t.resolve_due, t.id LIMIT ?2" },
};

static int due_part(struct tcrm_db *db, int k, const char *until,
                    size_t limit, struct tcrm_ticket **out, size_t *n,
                    int64_t *total, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, due_sql[k][0], err);
    if (!st)
        return err->code;
    tcrm_db_bind_text(st, 1, until);
    int s = sqlite3_step(st);
    *total += s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    tcrm_db_done(st);
    if (s != SQLITE_ROW)
        return tcrm_db_fail(db, "tickets", err);
    st = tcrm_db_prepare(db, due_sql[k][1], err);
    if (!st)
        return err->code;
    tcrm_db_bind_text(st, 1, until);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)limit);
    void *a = NULL;
    int rc = tcrm_db_collect(db, st, sizeof(struct tcrm_ticket), read_row,
                             free_rows, "tickets", &a, n, err);
    *out = a;
    return rc;
}

static int due_before(const struct tcrm_ticket *a, const struct tcrm_ticket *b)
{
    int c = strcmp(tcrm_ticket_next_due(a), tcrm_ticket_next_due(b));
    return c < 0 || (c == 0 && a->id < b->id);
}

int tcrm_ticket_due(struct tcrm_db *db, const char *until, size_t limit,
                    struct tcrm_ticket **out, size_t *n, int64_t *total,
                    struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    *total = 0;
    struct tcrm_ticket *p[2] = { NULL, NULL };
    size_t k[2] = { 0, 0 };
    int rc = due_part(db, 0, until, limit, &p[0], &k[0], total, err);
    if (rc == 0)
        rc = due_part(db, 1, until, limit, &p[1], &k[1], total, err);
    size_t want = k[0] + k[1] < limit ? k[0] + k[1] : limit;
    struct tcrm_ticket *m = rc == 0 && want ? calloc(want, sizeof *m) : NULL;
    if (rc == 0 && want && !m)
        rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    size_t i = 0, j = 0;
    while (rc == 0 && *n < want) {      /* the two in deadline order */
        int first = j == k[1] || (i < k[0] && due_before(&p[0][i], &p[1][j]));
        struct tcrm_ticket *t = first ? &p[0][i++] : &p[1][j++];
        m[(*n)++] = *t;
        memset(t, 0, sizeof *t);
    }
    tcrm_ticket_array_free(p[0], k[0]);
    tcrm_ticket_array_free(p[1], k[1]);
    *out = m;
    if (rc)
        *total = 0;
    return rc;
}

/* ---- adding ------------------------------------------------------------------- */

int tcrm_ticket_subject_check(const char *subject, struct tcrm_error *err)
{
    if (tcrm_str_empty(subject))
        return tcrm_error_field(err, TCRM_EINVAL, "subject", "subject: must "
                                "not be empty");
    return 0;
}

/* The customer must be there and seen: a contact (its company comes
 * along when none is named) and/or a company. */
static int check_customer(struct tcrm_db *db, int64_t *company_id,
                          int64_t contact_id, struct tcrm_error *err)
{
    int s = SQLITE_DONE;
    if (contact_id) {
        sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT company_id FROM"
            " live_contacts WHERE id = ?1", err);
        if (!st)
            return err->code;
        sqlite3_bind_int64(st, 1, contact_id);
        s = sqlite3_step(st);
        if (s == SQLITE_ROW && !*company_id)
            *company_id = sqlite3_column_int64(st, 0);
        tcrm_db_done(st);
        if (s == SQLITE_DONE)
            return tcrm_error_field(err, TCRM_ENOTFOUND, "contact", "contact "
                                    "%lld: not found", (long long)contact_id);
        if (s != SQLITE_ROW)
            return tcrm_db_fail(db, "ticket", err);
    }
    if (!*company_id)
        return contact_id ? 0 : tcrm_error_field(err, TCRM_EINVAL, "company",
                                                 "ticket needs a company or "
                                                 "a contact");
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT 1 FROM live_companies"
                                       " WHERE id = ?1", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, *company_id);
    s = sqlite3_step(st);
    tcrm_db_done(st);
    if (s == SQLITE_DONE)
        return tcrm_error_field(err, TCRM_ENOTFOUND, "company", "company "
                                "%lld: not found", (long long)*company_id);
    return s == SQLITE_ROW ? 0 : tcrm_db_fail(db, "ticket", err);
}

static int insert_ticket(struct tcrm_db *db, const struct tcrm_ticket_in *in,
                         int64_t company_id, const char *number,
                         int64_t *id, struct tcrm_error *err)
{
    struct tcrm_ticket_hours dh;
    const struct tcrm_ticket_hours *h = in->hours;
    char now[20], respond[20], resolve[20];
    if (!h) {
        tcrm_ticket_hours_default(&dh);
        h = &dh;
    }
    tcrm_db_now(now);
    tcrm_ticket_deadline(now, h->response[in->priority], 0, respond);
    tcrm_ticket_deadline(now, h->resolve[in->priority], 0, resolve);
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "INSERT INTO tickets(number, company_id, contact_id, type, priority,"
        " product_id, subject, response_due, resolve_due, owner, created_at,"
        " updated_at, created_by, updated_by) VALUES (?1, ?2, ?3, ?4, ?5,"
        " ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12, ?12)", err);
    if (!st)
        return err->code;
    tcrm_db_bind_text(st, 1, number);
    tcrm_db_bind_id(st, 2, company_id);
    tcrm_db_bind_id(st, 3, in->contact_id);
    tcrm_db_bind_text(st, 4, tcrm_ticket_type_name(in->type));
    tcrm_db_bind_text(st, 5, tcrm_ticket_priority_name(in->priority));
    tcrm_db_bind_id(st, 6, in->product_id);
    tcrm_db_bind_text(st, 7, in->subject);
    tcrm_db_bind_text(st, 8, respond);
    tcrm_db_bind_text(st, 9, resolve);
    tcrm_db_bind_text(st, 10, NULL);   /* owned mode: the acting login */
    tcrm_db_bind_text(st, 11, now);
    tcrm_db_bind_text(st, 12, tcrm_db_user(db));
    int rc = tcrm_db_step_done(db, st, "ticket", err);
    *id = rc ? 0 : sqlite3_last_insert_rowid(db->sql);
    return rc ? rc : tcrm_ticket_event(db, *id, "add", NULL, "new", number,
                                       err);
}

static int add_work(struct tcrm_db *db, const struct tcrm_ticket_in *in,
                    int64_t *id, struct tcrm_error *err)
{
    char number[64];
    int64_t company_id = in->company_id;
    int rc = check_customer(db, &company_id, in->contact_id, err);
    if (rc == 0)
        rc = tcrm_db_require_live(db, "product", in->product_id, err);
    if (rc == 0)
        rc = tcrm_doc_next_number(db, "ticket", in->pattern ? in->pattern
                                  : TCRM_TICKET_NUMBER_DEFAULT, number,
                                  sizeof number, err);
    return rc ? rc : insert_ticket(db, in, company_id, number, id, err);
}

int tcrm_ticket_add(struct tcrm_db *db, const struct tcrm_ticket_in *in,
                    int64_t *id, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *id = 0;
    if (in->type < 0 || in->type >= TCRM_TICKET_TYPES)
        return tcrm_error_field(err, TCRM_EINVAL, "type", "type: not one of "
                                "%s", tcrm_ticket_type_list());
    if (in->priority < 0 || in->priority >= TCRM_PRIORITIES)
        return tcrm_error_field(err, TCRM_EINVAL, "priority", "priority: not "
                                "one of %s", tcrm_ticket_priority_list());
    int rc = tcrm_ticket_subject_check(in->subject, err);
    if (rc == 0)
        rc = tcrm_db_begin(db, err);
    return rc ? rc : tcrm_db_end(db, add_work(db, in, id, err), err);
}

/* ---- editing ------------------------------------------------------------------ */

/* New deadlines from the opening, the waits so far and the hours of a
 * new priority (a wait going on now counts when it ends). */
static void new_deadlines(const struct tcrm_ticket *t, int priority,
                          const struct tcrm_ticket_hours *h, char respond[20],
                          char resolve[20])
{
    struct tcrm_ticket_hours dh;
    if (!h) {
        tcrm_ticket_hours_default(&dh);
        h = &dh;
    }
    tcrm_ticket_deadline(t->stamp.created_at, h->response[priority],
                         t->first_response_at ? 0 : t->waited, respond);
    tcrm_ticket_deadline(t->stamp.created_at, h->resolve[priority],
                         t->waited, resolve);
}

static int edit_work(struct tcrm_db *db, struct tcrm_ticket *t,
                     const struct tcrm_ticket_change *c,
                     struct tcrm_error *err)
{
    int type = c->type >= 0 ? c->type : t->type;
    int prio = c->priority >= 0 ? c->priority : t->priority;
    const char *subject = c->subject ? c->subject : t->subject;
    int64_t product = c->product_id < 0 ? 0 : c->product_id ? c->product_id
                                                            : t->product_id;
    if (type == t->type && prio == t->priority && product == t->product_id &&
        strcmp(subject, t->subject) == 0)
        return 1;
    char respond[20], resolve[20], now[20];
    int rc = c->product_id > 0
        ? tcrm_db_require_live(db, "product", c->product_id, err) : 0;
    if (rc)
        return rc;
    new_deadlines(t, prio, c->hours, respond, resolve);
    sqlite3_stmt *st = tcrm_db_prepare(db, "UPDATE tickets SET type = ?1,"
        " priority = ?2, subject = ?3, product_id = ?4, response_due = CASE"
        " WHEN ?9 THEN ?5 ELSE response_due END, resolve_due = CASE WHEN ?9"
        " THEN ?6 ELSE resolve_due END, updated_at = ?7, updated_by = ?8,"
        " version = version + 1 WHERE id = ?10 AND version = ?11", err);
    if (!st)
        return err->code;
    tcrm_db_now(now);
    tcrm_db_bind_text(st, 1, tcrm_ticket_type_name(type));
    tcrm_db_bind_text(st, 2, tcrm_ticket_priority_name(prio));
    tcrm_db_bind_text(st, 3, subject);
    tcrm_db_bind_id(st, 4, product);
    tcrm_db_bind_text(st, 5, respond);
    tcrm_db_bind_text(st, 6, resolve);
    tcrm_db_bind_text(st, 7, now);
    tcrm_db_bind_text(st, 8, tcrm_db_user(db));
    sqlite3_bind_int(st, 9, prio != t->priority);
    sqlite3_bind_int64(st, 10, t->id);
    sqlite3_bind_int64(st, 11, t->version);
    rc = tcrm_ticket_bumped(db, st, t, err);
    return rc ? rc : tcrm_ticket_event(db, t->id, "edit", NULL, NULL,
                                       subject, err);
}

int tcrm_ticket_edit(struct tcrm_db *db, int64_t id,
                     const struct tcrm_ticket_change *c,
                     struct tcrm_error *err)
{
    struct tcrm_error local;
    struct tcrm_ticket t;
    if (!err)
        err = &local;
    int rc = c->subject ? tcrm_ticket_subject_check(c->subject, err) : 0;
    if (rc == 0)
        rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = tcrm_ticket_get(db, id, &t, err);
    if (rc == 0)
        rc = edit_work(db, &t, c, err);
    tcrm_ticket_clear(&t);
    return tcrm_db_end(db, rc == 1 ? 0 : rc, err) ? err->code : rc;
}
