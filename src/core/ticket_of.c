/*
 * ticket_of.c: a customer's tickets, for the detail panes of the screen
 * (see tcrm_ticket_of in tcrm/ticket.h): the counts in one query, the open
 * ones' ids in a second (the running deadline first, a waiting ticket
 * last), and each read whole by tcrm_ticket_get, since a pane shows a few.
 */
#include <stdlib.h>

#include "db_internal.h"
#include "tcrm/ticket.h"

#define OF_WHERE                                                           \
    " FROM live_tickets t WHERE ((?1 > 0 AND t.company_id = ?1)"           \
    " OR (?1 = 0 AND t.contact_id = ?2))"
#define OF_OPEN " t.state IN ('new', 'in_progress', 'waiting')"

static int of_counts(struct tcrm_db *db, int64_t company_id,
                     int64_t contact_id, int64_t *n_open, int64_t *total,
                     struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT count(*),"
        " coalesce(sum(" OF_OPEN "), 0)" OF_WHERE, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, company_id);
    sqlite3_bind_int64(st, 2, contact_id);
    int s = sqlite3_step(st);
    if (s == SQLITE_ROW) {
        *total = sqlite3_column_int64(st, 0);
        *n_open = sqlite3_column_int64(st, 1);
    }
    tcrm_db_done(st);
    return s == SQLITE_ROW ? 0 : tcrm_db_fail(db, "tickets", err);
}

int tcrm_ticket_of(struct tcrm_db *db, int64_t company_id, int64_t contact_id,
                   size_t limit, struct tcrm_ticket **out, size_t *n,
                   int64_t *n_open, int64_t *total, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    *n_open = *total = 0;
    int rc = of_counts(db, company_id, contact_id, n_open, total, err);
    if (rc || *n_open == 0 || limit == 0)
        return rc;
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT t.id" OF_WHERE " AND"
        OF_OPEN " ORDER BY t.state = 'waiting', CASE WHEN"
        " t.first_response_at IS NULL THEN t.response_due ELSE t.resolve_due"
        " END, t.id LIMIT ?3", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, company_id);
    sqlite3_bind_int64(st, 2, contact_id);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)limit);
    int64_t ids[64];
    size_t k = 0;
    int s = SQLITE_ROW;
    while (k < sizeof ids / sizeof *ids && (s = sqlite3_step(st)) == SQLITE_ROW)
        ids[k++] = sqlite3_column_int64(st, 0);
    if (s != SQLITE_ROW && s != SQLITE_DONE)
        rc = tcrm_db_fail(db, "tickets", err);
    tcrm_db_done(st);
    if (rc || k == 0)
        return rc;
    struct tcrm_ticket *a = calloc(k, sizeof *a);
    if (!a)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    for (size_t i = 0; i < k && rc == 0; i++)
        if ((rc = tcrm_ticket_get(db, ids[i], &a[i], err)) == 0)
            *n = i + 1;
    if (rc) {
        tcrm_ticket_array_free(a, k);
        *n = 0;
        return rc;
    }
    *out = a;
    return 0;
}
