/*
 * followup.c: follow-ups, their repeat and snooze rules, and the reminder
 * buckets (overdue, today, coming up, gone quiet).
 *
 * A follow-up is open, done or cancelled. Done on a repeating one inserts
 * the next: the old due date plus repeat_days, stepped again until it
 * falls after today (a weekly call missed for a month comes back once,
 * next week, not four times). Snooze keeps the row and remembers the date
 * it had in snoozed_from. Every state change bumps version and writes the
 * audit trail; the schema's triggers keep contacts.next_followup_due.
 *
 * Counting must stay cheap on a million contacts:
 *   - the follow-up buckets are range counts on the partial index
 *     follow_ups_open_by_due (the WHERE repeats the index's condition);
 *   - the gone-quiet count is two ranges of the partial covering index
 *     contacts_quiet (schema 2: last interaction, created_at, owner, live
 *     rows only): contacts whose last interaction is before the cut-off,
 *     plus the NULL range (never contacted) cut by created_at; the table
 *     is never read (1M contacts: 1.0 s before the index, see
 *     bench/README.md). The quiet list keeps INDEXED BY contacts_by_last:
 *     it wants (last, id) order, which that index gives without a sort.
 * The never-contacted part of the quiet list is taken in id order (the
 * index's order inside the NULL range, so no sort of a big range); ids
 * grow with created_at, so that is also longest silence first.
 * A contact is quiet after quiet_days whole days: last contact on
 * today - quiet_days counts, so the cut-off is the day after that.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contact_internal.h"
#include "db_internal.h"
#include "followup_internal.h"
#include "tcrm/date.h"
#include "tcrm/followup.h"

/* Stored keys, shown with tcrm_i18n_word("state", key). */
static const char *const status_names[] = { NC_("state", "open"),
                                            NC_("state", "done"),
                                            NC_("state", "cancelled") };

const char *tcrm_followup_status_name(enum tcrm_followup_status s)
{
    return (unsigned)s <= TCRM_FU_CANCELLED ? status_names[s] : "open";
}

static enum tcrm_followup_status status_parse(const char *s)
{
    for (int i = 0; i < 3; i++)
        if (s && strcmp(s, status_names[i]) == 0)
            return (enum tcrm_followup_status)i;
    return TCRM_FU_OPEN;
}

void tcrm_followup_init(struct tcrm_followup *f)
{
    memset(f, 0, sizeof *f);
}

void tcrm_followup_clear(struct tcrm_followup *f)
{
    if (!f)
        return;
    free(f->title);
    free(f->due_date);
    free(f->due_time);
    free(f->snoozed_from);
    free(f->done_at);
    free(f->owner);
    free(f->contact_name);
    free(f->company_name);
    free(f->phone);
    tcrm_stamp_clear(&f->stamp);
    tcrm_followup_init(f);
}

static int oom(struct tcrm_error *err)
{
    return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
}

/* ---- validation ------------------------------------------------------- */

int tcrm_followup_check_date(const char *field, const char *s,
                             struct tcrm_error *err)
{
    struct tcrm_when w;
    if (strlen(s) != 10 || tcrm_date_parse_iso(s, &w) != 0 || w.has_time)
        return tcrm_error_field(err, TCRM_EINVAL, field, "%s: '%.40s' is not "
                                "a date (use YYYY-MM-DD)", field, s);
    return 0;
}

static int check_time(const char *s, struct tcrm_error *err)
{
    if (tcrm_str_empty(s))
        return 0;
    int ok = strlen(s) == 5 && s[2] == ':';
    for (int i = 0; ok && i < 5; i++)
        if (i != 2 && (s[i] < '0' || s[i] > '9'))
            ok = 0;
    if (ok && ((s[0] - '0') * 10 + (s[1] - '0') > 23 || s[3] > '5'))
        ok = 0;
    if (!ok)
        return tcrm_error_field(err, TCRM_EINVAL, "due", "'%.40s' is not a time: use "
                              "HH:MM from 00:00 to 23:59", s);
    return 0;
}

static int validate(const struct tcrm_followup *f, struct tcrm_error *err)
{
    if (tcrm_str_empty(f->title))
        return tcrm_error_field(err, TCRM_EINVAL, "title", "title: required");
    if (tcrm_str_empty(f->due_date))
        return tcrm_error_field(err, TCRM_EINVAL, "due", "due: required");
    int rc = tcrm_followup_check_date("due", f->due_date, err);
    if (rc == 0)
        rc = check_time(f->due_time, err);
    if (rc == 0 && f->repeat_days < 0)
        return tcrm_error_field(err, TCRM_EINVAL, "repeat", "repeat: %d is not a number "
                              "of days", f->repeat_days);
    if (rc == 0 && !f->contact_id && !f->company_id && !f->deal_id)
        return tcrm_error_set(err, TCRM_EINVAL, "follow-up needs a contact, "
                              "a company or a deal");
    return rc;
}

static int check_links(struct tcrm_db *db, const struct tcrm_followup *f,
                       struct tcrm_error *err)
{
    int rc = tcrm_db_require_live(db, "contact", f->contact_id, err);
    if (rc == 0)
        rc = tcrm_db_require_live(db, "company", f->company_id, err);
    if (rc == 0)
        rc = tcrm_db_require_live(db, "deal", f->deal_id, err);
    return rc;
}

/* ---- insert and read -------------------------------------------------- */

static int insert_row(struct tcrm_db *db, struct tcrm_followup *f,
                      struct tcrm_error *err)
{
    char now[20];
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "INSERT INTO follow_ups(contact_id, company_id, deal_id, title,"
        " due_date, due_time, status, repeat_days, snoozed_from, done_at,"
        " owner, created_at, updated_at, created_by, updated_by)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12,"
        " ?13, ?13)", err);
    if (!st)
        return err->code;
    tcrm_db_now(now);
    tcrm_db_bind_id(st, 1, f->contact_id);
    tcrm_db_bind_id(st, 2, f->company_id);
    tcrm_db_bind_id(st, 3, f->deal_id);
    tcrm_db_bind_text(st, 4, f->title);
    tcrm_db_bind_text(st, 5, f->due_date);
    tcrm_db_bind_text(st, 6, f->due_time);
    sqlite3_bind_text(st, 7, tcrm_followup_status_name(f->status), -1,
                      SQLITE_STATIC);
    if (f->repeat_days > 0)
        sqlite3_bind_int(st, 8, f->repeat_days);
    tcrm_db_bind_text(st, 9, f->snoozed_from);
    tcrm_db_bind_text(st, 10, f->done_at);
    tcrm_db_bind_text(st, 11, f->owner);
    sqlite3_bind_text(st, 12, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 13, tcrm_db_user(db), -1, SQLITE_TRANSIENT);
    int rc = tcrm_db_step_done(db, st, "follow-up", err);
    if (rc)
        return rc;
    f->id = sqlite3_last_insert_rowid(db->sql);
    f->version = 1;
    return 0;
}

int tcrm_followup_insert(struct tcrm_db *db, struct tcrm_followup *f,
                         struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    int rc = validate(f, err);
    if (rc)
        return rc;
    rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = check_links(db, f, err);
    if (rc == 0)
        rc = insert_row(db, f, err);
    return tcrm_db_end(db, rc, err);
}

#define FU_COLS                                                            \
    "SELECT f.id, f.version, f.contact_id, f.company_id, f.deal_id,"       \
    " f.repeat_days, f.status, f.title, f.due_date, f.due_time,"           \
    " f.snoozed_from, f.done_at, f.owner, c.name,"                         \
    " coalesce(co.name, cc.name),"                                         \
    " (SELECT value FROM contact_channels WHERE contact_id = f.contact_id" \
    "  AND kind IN ('mobile','work','home','fax') ORDER BY CASE kind"      \
    "  WHEN 'mobile' THEN 0 WHEN 'work' THEN 1 WHEN 'home' THEN 2"         \
    "  ELSE 3 END, position LIMIT 1),"                                     \
    " f.created_at, f.updated_at, f.created_by, f.updated_by"              \
    " FROM live_follow_ups f LEFT JOIN contacts c ON c.id = f.contact_id"  \
    " LEFT JOIN companies co ON co.id = f.company_id"                      \
    " LEFT JOIN companies cc ON cc.id = c.company_id "

static int read_row(sqlite3_stmt *st, struct tcrm_followup *f)
{
    tcrm_followup_init(f);
    f->id = sqlite3_column_int64(st, 0);
    f->version = sqlite3_column_int64(st, 1);
    f->contact_id = sqlite3_column_int64(st, 2);
    f->company_id = sqlite3_column_int64(st, 3);
    f->deal_id = sqlite3_column_int64(st, 4);
    f->repeat_days = sqlite3_column_int(st, 5);
    f->status = status_parse((const char *)sqlite3_column_text(st, 6));
    char **col[] = { &f->title, &f->due_date, &f->due_time,
                     &f->snoozed_from, &f->done_at, &f->owner,
                     &f->contact_name, &f->company_name, &f->phone,
                     &f->stamp.created_at, &f->stamp.updated_at,
                     &f->stamp.created_by, &f->stamp.updated_by };
    for (int i = 0; i < 13; i++) {
        if (sqlite3_column_type(st, 7 + i) == SQLITE_NULL)
            continue;
        *col[i] = tcrm_db_col_text(st, 7 + i);
        if (!*col[i])
            return TCRM_ENOMEM;
    }
    return 0;
}

int tcrm_followup_get(struct tcrm_db *db, int64_t id,
                      struct tcrm_followup *out, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    tcrm_followup_init(out);
    sqlite3_stmt *st = tcrm_db_prepare(db, FU_COLS
        "WHERE f.id = ?1", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int s = sqlite3_step(st), rc = 0;
    if (s == SQLITE_ROW)
        rc = read_row(st, out) ? oom(err) : 0;
    else if (s == SQLITE_DONE)
        rc = tcrm_error_set(err, TCRM_ENOTFOUND, "follow-up %lld: not found",
                            (long long)id);
    else
        rc = tcrm_db_fail(db, "follow-up", err);
    tcrm_db_done(st);
    if (rc)
        tcrm_followup_clear(out);
    return rc;
}

/* ---- state changes ---------------------------------------------------- */

static int must_be_open(const struct tcrm_followup *f, struct tcrm_error *err)
{
    if (f->status == TCRM_FU_DONE)
        return tcrm_error_set(err, TCRM_EINVAL, "follow-up %lld is already "
                              "done", (long long)f->id);
    if (f->status == TCRM_FU_CANCELLED)
        return tcrm_error_set(err, TCRM_EINVAL, "follow-up %lld is cancelled",
                              (long long)f->id);
    return 0;
}

/* UPDATE the status/dates of f (already changed in memory); the audit
 * triggers record what changed. */
static int write_state(struct tcrm_db *db, const struct tcrm_followup *f,
                       struct tcrm_error *err)
{
    char now[20];
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "UPDATE follow_ups SET status = ?1, due_date = ?2, due_time = ?3,"
        " snoozed_from = ?4, done_at = ?5, updated_at = ?6, updated_by = ?7,"
        " version = version + 1 WHERE id = ?8 AND version = ?9"
        " AND deleted_at IS NULL", err);
    if (!st)
        return err->code;
    tcrm_db_now(now);
    sqlite3_bind_text(st, 1, tcrm_followup_status_name(f->status), -1,
                      SQLITE_STATIC);
    tcrm_db_bind_text(st, 2, f->due_date);
    tcrm_db_bind_text(st, 3, f->due_time);
    tcrm_db_bind_text(st, 4, f->snoozed_from);
    tcrm_db_bind_text(st, 5, f->done_at);
    sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 7, tcrm_db_user(db), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 8, f->id);
    sqlite3_bind_int64(st, 9, f->version);
    int rc = tcrm_db_step_done(db, st, "follow-up", err);
    if (rc)
        return rc;
    if (sqlite3_changes(db->sql) == 0)
        return tcrm_error_set(err, TCRM_ECONFLICT, "follow-up %lld was "
                              "changed since you read it", (long long)f->id);
    return 0;
}

/* The next occurrence of a repeating follow-up f, done at `now`. */
static int schedule_next(struct tcrm_db *db, const struct tcrm_followup *f,
                         time_t now, int64_t *next_id, struct tcrm_error *err)
{
    char today[11], due[11];
    tcrm_date_today(now, today);
    int late = tcrm_date_days_between(f->due_date, today);
    int steps = late < 0 ? 1 : late / f->repeat_days + 1;
    tcrm_date_add_days(f->due_date, steps * f->repeat_days, due);
    if (!due[0])
        return tcrm_error_set(err, TCRM_EINVAL, "follow-up %lld: the next "
                              "date is out of range", (long long)f->id);
    struct tcrm_followup n;
    tcrm_followup_init(&n);
    n.contact_id = f->contact_id;
    n.company_id = f->company_id;
    n.deal_id = f->deal_id;
    n.repeat_days = f->repeat_days;
    n.title = f->title;
    n.due_date = due;
    n.due_time = f->due_time;
    n.owner = f->owner;
    int rc = insert_row(db, &n, err);
    if (rc == 0 && next_id)
        *next_id = n.id;
    return rc;
}

static int done_work(struct tcrm_db *db, int64_t id, time_t now,
                     int64_t *next_id, struct tcrm_error *err)
{
    struct tcrm_followup f;
    int rc = tcrm_followup_get(db, id, &f, err);
    if (rc)
        return rc;
    char stamp[20];
    tcrm_date_timestamp(now, stamp);
    rc = must_be_open(&f, err);
    if (rc == 0) {
        f.status = TCRM_FU_DONE;
        rc = tcrm_str_set(&f.done_at, stamp) ? oom(err) : 0;
    }
    if (rc == 0)
        rc = write_state(db, &f, err);
    if (rc == 0 && f.repeat_days > 0)
        rc = schedule_next(db, &f, now, next_id, err);
    tcrm_followup_clear(&f);
    return rc;
}

int tcrm_followup_done(struct tcrm_db *db, int64_t id, time_t now,
                       int64_t *next_id, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    if (next_id)
        *next_id = 0;
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = done_work(db, id, now, next_id, err);
    return tcrm_db_end(db, rc, err);
}

static int snooze_work(struct tcrm_db *db, int64_t id, const char *due_date,
                       const char *due_time, struct tcrm_error *err)
{
    struct tcrm_followup f;
    int rc = tcrm_followup_get(db, id, &f, err);
    if (rc)
        return rc;
    rc = must_be_open(&f, err);
    if (rc == 0 && (tcrm_str_set(&f.snoozed_from, f.due_date) ||
                    tcrm_str_set(&f.due_date, due_date) ||
                    tcrm_str_set(&f.due_time, due_time)))
        rc = oom(err);
    if (rc == 0)
        rc = write_state(db, &f, err);
    tcrm_followup_clear(&f);
    return rc;
}

int tcrm_followup_snooze(struct tcrm_db *db, int64_t id, const char *due_date,
                         const char *due_time, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    if (tcrm_str_empty(due_date))
        return tcrm_error_field(err, TCRM_EINVAL, "due", "due: required");
    int rc = tcrm_followup_check_date("due", due_date, err);
    if (rc == 0)
        rc = check_time(due_time, err);
    if (rc)
        return rc;
    rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = snooze_work(db, id, due_date, due_time, err);
    return tcrm_db_end(db, rc, err);
}

/* ---- edit ------------------------------------------------------------- */

static int same_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

static int edit_work(struct tcrm_db *db, struct tcrm_followup *f,
                     struct tcrm_error *err)
{
    struct tcrm_followup cur;
    int rc = tcrm_followup_get(db, f->id, &cur, err);
    if (rc)
        return rc;
    if (same_text(cur.title, f->title) && same_text(cur.due_date, f->due_date)
        && same_text(cur.due_time, f->due_time)
        && cur.repeat_days == f->repeat_days) {
        f->version = cur.version;       /* nothing to write */
        tcrm_followup_clear(&cur);
        return 0;
    }
    tcrm_followup_clear(&cur);
    char now[20];
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "UPDATE follow_ups SET title = ?1, due_date = ?2, due_time = ?3,"
        " repeat_days = ?4, updated_at = ?5, updated_by = ?6,"
        " version = version + 1 WHERE id = ?7 AND version = ?8"
        " AND deleted_at IS NULL", err);
    if (!st)
        return err->code;
    tcrm_db_now(now);
    tcrm_db_bind_text(st, 1, f->title);
    tcrm_db_bind_text(st, 2, f->due_date);
    tcrm_db_bind_text(st, 3, f->due_time);
    if (f->repeat_days > 0)
        sqlite3_bind_int(st, 4, f->repeat_days);
    sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 6, tcrm_db_user(db), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 7, f->id);
    sqlite3_bind_int64(st, 8, f->version);
    rc = tcrm_db_step_done(db, st, "follow-up", err);
    if (rc == 0 && sqlite3_changes(db->sql) == 0)
        rc = tcrm_row_conflict(db, "SELECT updated_by, updated_at FROM"
                               " follow_ups WHERE id = ?1 AND deleted_at IS"
                               " NULL", "follow-up", f->id, err);
    if (rc == 0)
        f->version++;
    return rc;
}

int tcrm_followup_update(struct tcrm_db *db, struct tcrm_followup *f,
                         struct tcrm_error *err)
{
    int rc = validate(f, err);
    if (rc == 0)
        rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = edit_work(db, f, err);
    return tcrm_db_end(db, rc, err);
}

static int cancel_work(struct tcrm_db *db, int64_t id, struct tcrm_error *err)
{
    struct tcrm_followup f;
    int rc = tcrm_followup_get(db, id, &f, err);
    if (rc)
        return rc;
    rc = must_be_open(&f, err);
    if (rc == 0) {
        f.status = TCRM_FU_CANCELLED;
        rc = write_state(db, &f, err);
    }
    tcrm_followup_clear(&f);
    return rc;
}

int tcrm_followup_cancel(struct tcrm_db *db, int64_t id,
                         struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = cancel_work(db, id, err);
    return tcrm_db_end(db, rc, err);
}

int tcrm_followup_delete(struct tcrm_db *db, int64_t id,
                         struct tcrm_error *err)
{
    return tcrm_db_trash_row(db, "follow_ups", "follow-up", id, err);
}

/* ---- lists ------------------------------------------------------------ */

/* One literal statement per filter shape, so each uses its own index. */
static sqlite3_stmt *list_stmt(struct tcrm_db *db, int open_only,
                               int64_t contact_id, struct tcrm_error *err)
{
    if (contact_id && open_only)
        return tcrm_db_prepare(db, FU_COLS "WHERE f.contact_id = ?4"
            " AND f.status = 'open'" TCRM_PARENTS_LIVE("f")
            " AND f.due_date >= ?1 AND f.due_date <= ?2"
            " ORDER BY f.due_date, f.due_time, f.id LIMIT ?3", err);
    if (contact_id)
        return tcrm_db_prepare(db, FU_COLS "WHERE f.contact_id = ?4"
            TCRM_PARENTS_LIVE("f")
            " AND f.due_date >= ?1 AND f.due_date <= ?2"
            " ORDER BY f.due_date, f.due_time, f.id LIMIT ?3", err);
    if (open_only)
        return tcrm_db_prepare(db, FU_COLS "WHERE f.status = 'open'"
            TCRM_PARENTS_LIVE("f")
            " AND f.due_date >= ?1 AND f.due_date <= ?2"
            " ORDER BY f.due_date, f.due_time, f.id LIMIT ?3", err);
    return tcrm_db_prepare(db, FU_COLS "WHERE 1" TCRM_PARENTS_LIVE("f")
        " AND f.due_date >= ?1 AND f.due_date <= ?2"
        " ORDER BY f.due_date, f.due_time, f.id LIMIT ?3", err);
}

int tcrm_followup_list(struct tcrm_db *db, int open_only, int64_t contact_id,
                       const char *from, const char *to, size_t limit,
                       struct tcrm_followup **out, size_t *n,
                       struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = list_stmt(db, open_only, contact_id, err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, from ? from : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, to ? to : "9999-99-99", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, limit > INT64_MAX ? INT64_MAX
                                                : (sqlite3_int64)limit);
    if (contact_id)
        sqlite3_bind_int64(st, 4, contact_id);
    struct tcrm_followup *a = NULL;
    size_t count = 0, cap = 0;
    int rc = 0, s = SQLITE_DONE;
    while (rc == 0 && (s = sqlite3_step(st)) == SQLITE_ROW) {
        if (count == cap) {
            cap = cap ? cap * 2 : 16;
            void *p = realloc(a, cap * sizeof *a);
            if (!p) {
                rc = oom(err);
                break;
            }
            a = p;
        }
        if (read_row(st, &a[count++]))
            rc = oom(err);
    }
    if (rc == 0 && s != SQLITE_DONE)
        rc = tcrm_db_fail(db, "follow-ups", err);
    tcrm_db_done(st);
    if (rc) {
        tcrm_followup_array_free(a, count);
        return rc;
    }
    *out = a;
    *n = count;
    return 0;
}

void tcrm_followup_array_free(struct tcrm_followup *a, size_t n)
{
    if (!a)
        return;
    for (size_t i = 0; i < n; i++)
        tcrm_followup_clear(&a[i]);
    free(a);
}

static void free_fus(void *a, size_t n)
{
    tcrm_followup_array_free(a, n);
}

static void clear_fu(void *f)
{
    tcrm_followup_clear(f);
}

static int read_elem(sqlite3_stmt *st, void *elem)
{
    return read_row(st, elem);
}

/* Open follow-ups by (due date, time, id), a NULL time first: the order
 * of follow_ups_open_by_due; the key compares the time as '' when NULL
 * (check_time allows only HH:MM or none, so the two orders agree). */
#define FU_OPEN " WHERE f.status = 'open'" TCRM_PARENTS_LIVE("f")
#define FU_KEY "(coalesce(f.due_time, ''), f.id)"

int tcrm_followup_page(struct tcrm_db *db, const struct tcrm_followup *after,
                       int backwards, size_t limit,
                       struct tcrm_followup **out, size_t *n, int *more,
                       struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, backwards
        ? FU_COLS FU_OPEN " AND f.due_date <= ?1 AND (f.due_date < ?1 OR "
          FU_KEY " < (?2, ?3)) ORDER BY f.due_date DESC, f.due_time DESC,"
          " f.id DESC LIMIT ?4"
        : FU_COLS FU_OPEN " AND f.due_date >= ?1 AND (f.due_date > ?1 OR "
          FU_KEY " > (?2, ?3)) ORDER BY f.due_date, f.due_time, f.id"
          " LIMIT ?4", err);
    if (!st)
        return err->code;
    const char *date = after && after->due_date ? after->due_date
                     : backwards ? "9999-99-99" : "";
    sqlite3_bind_text(st, 1, date, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, after && after->due_time ? after->due_time : "",
                      -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, after ? after->id : 0);
    void *a = NULL;
    int rc = tcrm_db_page(db, st, 4, limit, sizeof **out, read_elem, free_fus,
                          clear_fu, "follow-ups", backwards, &a, n, more,
                          err);
    *out = a;
    return rc;
}

int tcrm_followup_count_open(struct tcrm_db *db, int64_t *n,
                             struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT count(*) FROM live_follow_ups f" FU_OPEN, err);
    return tcrm_db_count(db, st, "follow-ups", n, err);
}

/* ---- reminder counts -------------------------------------------------- */

static int count_one(struct tcrm_db *db, const char *sql, const char *a,
                     const char *b, int64_t *out, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, a, -1, SQLITE_TRANSIENT);
    if (b)
        sqlite3_bind_text(st, 2, b, -1, SQLITE_TRANSIENT);
    int s = sqlite3_step(st), rc = 0;
    if (s == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    else
        rc = tcrm_db_fail(db, "reminders", err);
    tcrm_db_done(st);
    return rc;
}

static int count_quiet(struct tcrm_db *db, const char *cutoff, int64_t *out,
                       struct tcrm_error *err)
{
    int64_t heard = 0, never = 0;
    int rc = count_one(db, "SELECT count(*) FROM live_contacts"
                       " WHERE last_interaction_at < ?1", cutoff, NULL, &heard, err);
    if (rc == 0)
        rc = count_one(db, "SELECT count(*) FROM live_contacts"
                       " WHERE last_interaction_at IS NULL"
                       " AND created_at < ?1",
                       cutoff, NULL, &never, err);
    *out = heard + never;
    return rc;
}

enum tcrm_followup_when tcrm_followup_when(const char *due_date,
                                           const char *today)
{
    if (!due_date || !today || strlen(due_date) < 10 || strlen(today) < 10)
        return TCRM_FU_TODAY;
    int c = strncmp(due_date, today, 10);
    return c < 0 ? TCRM_FU_OVERDUE : c == 0 ? TCRM_FU_TODAY : TCRM_FU_LATER;
}

/* The buckets of tcrm_followup_when, counted in SQL (the same comparison
 * of due_date with today, on the index). */
int tcrm_followup_counts(struct tcrm_db *db, const char *today, int days_ahead,
                         int quiet_days, struct tcrm_reminder_counts *out,
                         struct tcrm_error *err)
{
    struct tcrm_error local;
    char last[11], cutoff[11];
    if (!err)
        err = &local;
    memset(out, 0, sizeof *out);
    int rc = tcrm_followup_check_date("today", today, err);
    if (rc)
        return rc;
    tcrm_date_add_days(today, days_ahead, last);
    tcrm_date_add_days(today, 1 - quiet_days, cutoff);
    rc = count_one(db, "SELECT count(*) FROM live_follow_ups f"
                   " WHERE status = 'open'" TCRM_PARENTS_LIVE("f")
                   " AND due_date < ?1", today, NULL, &out->overdue, err);
    if (rc == 0)
        rc = count_one(db, "SELECT count(*) FROM live_follow_ups f"
                       " WHERE status = 'open'" TCRM_PARENTS_LIVE("f")
                       " AND due_date = ?1", today, NULL, &out->today, err);
    if (rc == 0)
        rc = count_one(db, "SELECT count(*) FROM live_follow_ups f"
                       " WHERE status = 'open'" TCRM_PARENTS_LIVE("f")
                       " AND due_date > ?1 AND due_date <= ?2", today, last,
                       &out->upcoming, err);
    if (rc == 0)
        rc = count_quiet(db, cutoff, &out->quiet, err);
    return rc;
}
