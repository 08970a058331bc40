/*
 * db_check.c: the rules of `tcrm check` that a row breaks on its own or
 * with its history, beyond the schema's CHECKs and the summaries of
 * db.c: tickets (state, times and deadlines, the history line of every
 * state change), the members of campaigns (their contact and campaign
 * exist, their times match their state). Each rule is a query giving
 * the number of rows that break it and the first of them; a broken rule
 * is one line: "t.db: the rule tickets.history does not hold (2 in all,
 * the first: T2026-0001)".
 */
#include <stdio.h>

#include "db_internal.h"

static const struct {
    const char *name, *sql;      /* sql: count(*), a label of the first */
} rules[] = {
    /* Only a new ticket has no first response: any note, wait or
     * resolve is one, and reopening keeps it. */
    { "tickets.first_response",
      "SELECT count(*), min(number) FROM tickets"
      " WHERE (state = 'new') <> (first_response_at IS NULL)" },
    { "tickets.closed_at",
      "SELECT count(*), min(number) FROM tickets"
      " WHERE (state = 'closed') <> (closed_at IS NOT NULL)" },
    /* Deadlines run from the opening; nothing happens before it. */
    { "tickets.deadlines",
      "SELECT count(*), min(number) FROM tickets"
      " WHERE response_due < created_at OR resolve_due < created_at" },
    { "tickets.times",
      "SELECT count(*), min(number) FROM tickets"
      " WHERE first_response_at < created_at OR resolved_at < created_at"
      " OR closed_at < resolved_at OR waiting_since < created_at" },
    { "tickets.rating",
      "SELECT count(*), min(number) FROM tickets"
      " WHERE (score IS NULL) <> (rated_at IS NULL)" },
    /* The history: one opening, and the state is where the last change
     * took it. */
    { "tickets.history",
      "SELECT count(*), min(number) FROM tickets t"
      " WHERE (SELECT count(*) FROM ticket_events e WHERE e.ticket_id = t.id"
      "   AND e.kind = 'add') <> 1"
      " OR t.state IS NOT (SELECT e.to_state FROM ticket_events e"
      "   WHERE e.ticket_id = t.id AND e.kind IN ('add', 'state')"
      "   ORDER BY e.id DESC LIMIT 1)" },
    { "ticket_events.ticket",
      "SELECT count(*), min(ticket_id) FROM ticket_events"
      " WHERE ticket_id NOT IN (SELECT id FROM tickets)" },
    { "campaign_members.contact",
      "SELECT count(*), min(campaign_id || '/' || contact_id)"
      " FROM campaign_members"
      " WHERE contact_id NOT IN (SELECT id FROM contacts)" },
    { "campaign_members.campaign",
      "SELECT count(*), min(campaign_id || '/' || contact_id)"
      " FROM campaign_members"
      " WHERE campaign_id NOT IN (SELECT id FROM campaigns)" },
    /* A state reached fills the times of the earlier ones. */
    { "campaign_members.state",
      "SELECT count(*), min(campaign_id || '/' || contact_id)"
      " FROM campaign_members"
      " WHERE (contacted_at IS NOT NULL) <> (state <> 'targeted')"
      " OR (responded_at IS NOT NULL) <> (state IN ('responded',"
      " 'converted'))"
      " OR (converted_at IS NOT NULL) <> (state = 'converted')" },
};

static int check_rule(struct tcrm_db *db, int i, struct tcrm_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(db->sql, rules[i].sql, -1, &st, NULL) != SQLITE_OK
        || sqlite3_step(st) != SQLITE_ROW)
        rc = tcrm_db_fail(db, db->path, err);
    else if (sqlite3_column_int64(st, 0) > 0)
        rc = tcrm_error_set(err, TCRM_EDB, "%s: the rule %s does not hold "
                            "(%lld in all, the first: %s)", db->path,
                            rules[i].name,
                            (long long)sqlite3_column_int64(st, 0),
                            (const char *)sqlite3_column_text(st, 1));
    sqlite3_finalize(st);
    return rc;
}

int tcrm_db_check_rules(struct tcrm_db *db, struct tcrm_error *err)
{
    int rc = 0;
    for (int i = 0; rc == 0 && i < (int)(sizeof rules / sizeof rules[0]); i++)
        rc = check_rule(db, i, err);
    return rc;
}
