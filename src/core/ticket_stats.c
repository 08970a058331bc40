/*
 * ticket_stats.c: the tickets `report service` reads (see tcrm/ticket.h):
 * one light row per ticket the session sees that is open now or was
 * opened in the period; the report does the sums, medians and charts.
 */
#include <stdlib.h>
#include <string.h>

#include "ticket_internal.h"

void tcrm_ticket_stats_free(struct tcrm_ticket_stat *a, size_t n)
{
    for (size_t i = 0; a && i < n; i++) {
        char *s[] = { a[i].owner, a[i].customer, a[i].product,
                      a[i].created_at, a[i].first_response_at,
                      a[i].resolved_at, a[i].rated_at };
        for (size_t j = 0; j < sizeof s / sizeof s[0]; j++)
            free(s[j]);
    }
    free(a);
}

static int read_stat(sqlite3_stmt *st, void *elem)
{
    struct tcrm_ticket_stat *t = elem;
    int64_t *num[] = { &t->id, &t->company_id, &t->contact_id, &t->waited };
    for (int i = 0; i < 4; i++)
        *num[i] = sqlite3_column_int64(st, i);
    t->type = tcrm_ticket_type_parse((const char *)sqlite3_column_text(st, 4));
    t->priority = tcrm_ticket_priority_parse(
        (const char *)sqlite3_column_text(st, 5));
    t->state = tcrm_ticket_state_parse(
        (const char *)sqlite3_column_text(st, 6));
    t->score = sqlite3_column_int(st, 7);
    t->in_period = sqlite3_column_int(st, 8);
    char **col[] = { &t->owner, &t->customer, &t->product, &t->created_at,
                     &t->first_response_at, &t->resolved_at, &t->rated_at };
    for (int i = 0; i < 7; i++)
        if (sqlite3_column_type(st, 9 + i) != SQLITE_NULL &&
            !(*col[i] = tcrm_db_col_text(st, 9 + i)))
            return TCRM_ENOMEM;
    return 0;
}

static void free_stats(void *a, size_t n) { tcrm_ticket_stats_free(a, n); }

int tcrm_ticket_stats(struct tcrm_db *db, const char *from, const char *to,
                      const char *owner, struct tcrm_ticket_stat **out,
                      size_t *n, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT t.id, t.company_id,"
        " t.contact_id, t.waited_seconds, t.type, t.priority, t.state,"
        " coalesce(t.score, 0), x.in_period, t.owner, coalesce(co.name,"
        " c.name), p.code, t.created_at, t.first_response_at, t.resolved_at,"
        " t.rated_at FROM (SELECT id, (?1 IS NULL OR substr(created_at, 1,"
        " 10) >= ?1) AND (?2 IS NULL OR substr(created_at, 1, 10) <= ?2)"
        " AS in_period FROM live_tickets WHERE ?3 IS NULL OR owner = ?3) x"
        " JOIN tickets t ON t.id = x.id"
        " LEFT JOIN companies co ON co.id = t.company_id"
        " LEFT JOIN contacts c ON c.id = t.contact_id"
        " LEFT JOIN products p ON p.id = t.product_id"
        " WHERE x.in_period OR t.state IN ('new', 'in_progress', 'waiting')"
        " ORDER BY t.id", err);
    if (!st)
        return err->code;
    tcrm_db_bind_text(st, 1, from);
    tcrm_db_bind_text(st, 2, to);
    tcrm_db_bind_text(st, 3, owner);
    void *a = NULL;
    int rc = tcrm_db_collect(db, st, sizeof(struct tcrm_ticket_stat),
                             read_stat, free_stats, "tickets", &a, n, err);
    *out = a;
    return rc;
}
