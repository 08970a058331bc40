/*
 * db_check.c: `tcrm check` (tcrm_db_check): SQLite's integrity check (a
 * damaged file leaves its note, db_damage.c), the summaries the triggers
 * keep compared with the rows they summarise, then the rules that a row
 * breaks on its own or with its history, beyond the schema's CHECKs:
 * tickets (state, times and deadlines, the history line of every
 * state change), the members of campaigns (their contact and campaign
 * exist, their times match their state). Each rule is a query giving
 * the number of rows that break it and the first of them; a broken rule
 * is one line: "t.db: the rule tickets.history does not hold (2 in all,
 * the first: T2026-0001)".
 */
#include <stdio.h>
#include <string.h>

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

static int check_rules(struct tcrm_db *db, struct tcrm_error *err)
{
    int rc = 0;
    for (int i = 0; rc == 0 && i < (int)(sizeof rules / sizeof rules[0]); i++)
        rc = check_rule(db, i, err);
    return rc;
}

/* The summaries kept by triggers (schemas 2 to 5), each with the query
 * that computes the same rows from the tables; a difference means a
 * trigger missed a change (or someone edited the file by hand). */
static const struct {
    const char *name, *stored, *expected;
} summaries[] = {
    { "activity_daily",
      "SELECT day, logged_by, kind, n FROM activity_daily",
      "SELECT substr(at, 1, 10), logged_by, kind, count(*) FROM interactions"
      " NOT INDEXED WHERE deleted_at IS NULL GROUP BY 1, 2, 3" },
    { "segment_stats",
      "SELECT * FROM segment_stats WHERE n <> 0 OR amount <> 0",
      "SELECT * FROM segment_stats_expected" },
    { "activity_by_tag",
      "SELECT * FROM activity_by_tag WHERE n <> 0",
      "SELECT * FROM activity_by_tag_expected" },
    /* What the live payments apply to each invoice and payment (the
     * triggers of 011_money.sql keep them). */
    { "invoices.paid_minor",
      "SELECT id, paid_minor FROM invoices",
      "SELECT i.id, coalesce(sum(a.amount_minor), 0) FROM invoices i"
      " LEFT JOIN payment_allocations a ON a.invoice_id = i.id AND"
      " a.payment_id IN (SELECT id FROM payments WHERE voided_at IS NULL)"
      " GROUP BY i.id" },
    { "payments.applied_minor",
      "SELECT id, applied_minor FROM payments WHERE voided_at IS NULL",
      "SELECT p.id, coalesce(sum(a.amount_minor), 0) FROM payments p"
      " LEFT JOIN payment_allocations a ON a.payment_id = p.id"
      " WHERE p.voided_at IS NULL GROUP BY p.id" },
    /* receivable.h: what a customer owes is their open invoices less
     * their credit, and also their invoices less their payments. */
    { "receivables",
      "SELECT co, ct, cur, sum(open) - sum(credit) FROM ("
      " SELECT company_id AS co, CASE WHEN company_id IS NULL THEN contact_id"
      " END AS ct, currency AS cur, amount_minor - paid_minor AS open,"
      " 0 AS credit FROM invoices WHERE voided_at IS NULL UNION ALL"
      " SELECT company_id, CASE WHEN company_id IS NULL THEN contact_id END,"
      " currency, 0, amount_minor - applied_minor FROM payments"
      " WHERE voided_at IS NULL) GROUP BY co, ct, cur",
      "SELECT co, ct, cur, sum(inv) - sum(pay) FROM ("
      " SELECT company_id AS co, CASE WHEN company_id IS NULL THEN contact_id"
      " END AS ct, currency AS cur, amount_minor AS inv, 0 AS pay"
      " FROM invoices WHERE voided_at IS NULL UNION ALL"
      " SELECT company_id, CASE WHEN company_id IS NULL THEN contact_id END,"
      " currency, 0, amount_minor FROM payments WHERE voided_at IS NULL)"
      " GROUP BY co, ct, cur" },
    { "companies.n_contacts",
      "SELECT id, n_contacts FROM companies",
      "SELECT co.id, count(k.id) FROM companies co LEFT JOIN contacts k"
      " ON k.company_id = co.id AND k.deleted_at IS NULL GROUP BY co.id" },
    /* The live contacts per company and owner, '' for the pool
     * (018_company_owner_counts.sql). */
    { "company_owner_contacts",
      "SELECT company_id, owner, n FROM company_owner_contacts",
      "SELECT company_id, coalesce(owner, ''), count(*) FROM contacts"
      " WHERE company_id IS NOT NULL AND deleted_at IS NULL"
      " GROUP BY company_id, coalesce(owner, '')" },
    /* The members per state kept on each campaign (013_campaigns.sql). */
    { "campaigns.members_n",
      "SELECT id, members_n, contacted_n, responded_n, converted_n"
      " FROM campaigns",
      "SELECT m.id, count(c.contact_id), count(c.contacted_at),"
      " count(c.responded_at), count(c.converted_at) FROM campaigns m"
      " LEFT JOIN campaign_members c ON c.campaign_id = m.id GROUP BY m.id" },
};

/* Rows in one of stored/expected and not in the other, as a count. Each
 * side is computed once (MATERIALIZED), not once for each EXCEPT: on
 * 5,000,000 interactions that halves the work, and activity_daily's
 * count is a scan of the table (NOT INDEXED above) instead of a walk of
 * interactions_by_person that looked every row up at random: 49 s to
 * 4.5 s (bench/README.md). */
static int summary_diff(struct tcrm_db *db, int i, int *out)
{
    char sql[4096];
    snprintf(sql, sizeof sql,
             "WITH s AS MATERIALIZED (%s), e AS MATERIALIZED (%s)"
             " SELECT (SELECT count(*) FROM (SELECT * FROM s EXCEPT"
             " SELECT * FROM e)) + (SELECT count(*) FROM (SELECT * FROM e"
             " EXCEPT SELECT * FROM s))",
             summaries[i].stored, summaries[i].expected);
    return tcrm_db_query_int(db, sql, out);
}

int tcrm_db_check(struct tcrm_db *db, struct tcrm_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(db->sql, "PRAGMA integrity_check", -1, &st, NULL)
            != SQLITE_OK)
        return tcrm_db_fail(db, db->path, err);
    int s = sqlite3_step(st);
    if (s != SQLITE_ROW)
        rc = tcrm_db_fail(db, db->path, err);
    else if (strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0) {
        rc = tcrm_error_set(err, TCRM_EDB, "%s: damaged: %s", db->path,
                            (const char *)sqlite3_column_text(st, 0));
        tcrm_db_damage_note(db, (const char *)sqlite3_column_text(st, 0));
    } else {
        tcrm_db_damage_clear(db);   /* the pages are whole again */
    }
    sqlite3_finalize(st);
    for (int i = 0; rc == 0 && i < (int)(sizeof summaries /
                                         sizeof summaries[0]); i++) {
        int bad = 0;
        if (summary_diff(db, i, &bad) != SQLITE_OK)
            rc = tcrm_db_fail(db, db->path, err);
        else if (bad)
            rc = tcrm_error_set(err, TCRM_EDB,
                                "%s: summary %s disagrees with the rows in "
                                "%d places", db->path, summaries[i].name,
                                bad);
    }
    return rc ? rc : check_rules(db, err);
}
