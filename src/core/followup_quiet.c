/*
 * followup_quiet.c: contacts gone quiet, longest silence first (the
 * reminder pane's QUIET section and `tcrm due`). The count is in
 * followup.c with the other reminder buckets; the indexes are explained
 * there.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "followup_internal.h"
#include "tcrm/date.h"
#include "tcrm/followup.h"

static int oom(struct tcrm_error *err)
{
    return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
}

/* ---- gone quiet ------------------------------------------------------- */

/* A view takes no INDEXED BY: a session that sees all rows names the
 * table and its index, any other reads live_contacts (tcrm_access_all). */
#define QUIET_COLS(from)                                                   \
    "SELECT c.id, c.name, co.name, c.owner, c.last_interaction_at,"        \
    " coalesce(c.last_interaction_at, c.created_at)"                       \
    " FROM " from " LEFT JOIN companies co ON co.id = c.company_id "
#define QUIET_ALL "contacts c INDEXED BY contacts_by_last"
#define QUIET_HEARD(from) QUIET_COLS(from) "WHERE c.last_interaction_at < ?1" \
    " AND c.deleted_at IS NULL ORDER BY c.last_interaction_at, c.id LIMIT ?2"
#define QUIET_NEVER(from) QUIET_COLS(from)                                 \
    "WHERE c.last_interaction_at IS NULL AND c.created_at < ?1"            \
    " AND c.deleted_at IS NULL ORDER BY c.id LIMIT ?2"

int tcrm_quiet_read(sqlite3_stmt *st, const char *today,
                    struct tcrm_quiet_contact *q)
{
    memset(q, 0, sizeof *q);
    q->id = sqlite3_column_int64(st, 0);
    char **col[] = { &q->name, &q->company, &q->owner,
                     &q->last_interaction_at };
    for (int i = 0; i < 4; i++) {
        if (sqlite3_column_type(st, 1 + i) == SQLITE_NULL)
            continue;
        *col[i] = tcrm_db_col_text(st, 1 + i);
        if (!*col[i])
            return TCRM_ENOMEM;
    }
    const char *since = (const char *)sqlite3_column_text(st, 5);
    q->days = since ? tcrm_date_days_between(since, today) : 0;
    return 0;
}

/* Run one of the two quiet queries, appending up to limit rows to *a. */
static int quiet_fetch(struct tcrm_db *db, const char *sql, const char *cutoff,
                       const char *today, size_t limit,
                       struct tcrm_quiet_contact **a, size_t *n,
                       struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, cutoff, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, limit > INT64_MAX ? INT64_MAX
                                                : (sqlite3_int64)limit);
    int rc = 0, s = SQLITE_DONE;
    while (rc == 0 && (s = sqlite3_step(st)) == SQLITE_ROW) {
        void *p = realloc(*a, (*n + 1) * sizeof **a);
        if (!p) {
            rc = oom(err);
            break;
        }
        *a = p;
        if (tcrm_quiet_read(st, today, &(*a)[(*n)++]))
            rc = oom(err);
    }
    if (rc == 0 && s != SQLITE_DONE)
        rc = tcrm_db_fail(db, "gone quiet", err);
    tcrm_db_done(st);
    return rc;
}

static int quiet_cmp(const void *x, const void *y)
{
    const struct tcrm_quiet_contact *a = x, *b = y;
    if (a->days != b->days)
        return a->days > b->days ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

int tcrm_followup_quiet(struct tcrm_db *db, const char *today, int quiet_days,
                        size_t limit, struct tcrm_quiet_contact **out,
                        size_t *n, struct tcrm_error *err)
{
    struct tcrm_error local;
    char cutoff[11];
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    int rc = tcrm_followup_check_date("today", today, err);
    if (rc || limit == 0)
        return rc;
    tcrm_date_add_days(today, 1 - quiet_days, cutoff);
    struct tcrm_quiet_contact *a = NULL;
    size_t count = 0;
    int all = tcrm_access_all(db);
    rc = quiet_fetch(db, all ? QUIET_HEARD(QUIET_ALL)
                             : QUIET_HEARD("live_contacts c"),
                     cutoff, today, limit, &a, &count, err);
    if (rc == 0)
        rc = quiet_fetch(db, all ? QUIET_NEVER(QUIET_ALL)
                                 : QUIET_NEVER("live_contacts c"),
                         cutoff, today, limit, &a, &count, err);
    if (rc) {
        tcrm_quiet_array_free(a, count);
        return rc;
    }
    if (count > 1)
        qsort(a, count, sizeof *a, quiet_cmp);
    for (size_t i = limit; i < count; i++) {
        free(a[i].name);
        free(a[i].company);
        free(a[i].owner);
        free(a[i].last_interaction_at);
    }
    *out = a;
    *n = count < limit ? count : limit;
    return 0;
}

void tcrm_quiet_array_free(struct tcrm_quiet_contact *a, size_t n)
{
    if (!a)
        return;
    for (size_t i = 0; i < n; i++) {
        free(a[i].name);
        free(a[i].company);
        free(a[i].owner);
        free(a[i].last_interaction_at);
    }
    free(a);
}
