/*
 * db_check.c: `tcrm check` (tcrm_db_check): SQLite's check of the pages
 * (a damaged file leaves its note, db_damage.c), the summaries the
 * triggers keep compared with the rows they summarise, then the rules
 * that a row breaks on its own or with its history, beyond the schema's
 * CHECKs: tickets (state, times and deadlines, the history line of every
 * state change), the members of campaigns (their contact and campaign
 * exist, their times match their state). Each rule is a query giving
 * the number of rows that break it and the first of them; a broken rule
 * is one line: "t.db: the rule tickets.history does not hold (2 in all,
 * the first: T2026-0001)".
 *
 * Each of these is a job; two workers take them in order, the caller's
 * connection and a second, read-only one on its own thread, so the pages
 * and the summaries are read on two cores at once (1,000,000 contacts
 * and 5,000,000 interactions: bench/README.md). What is reported is
 * what one worker would have reported: the first job in order that
 * failed (every job before it was taken before it, and finishes).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
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

/* The summaries kept by triggers (schemas 2 to 5, 11, 13, 18), each with
 * the query that computes the same rows from the tables; a difference
 * means a trigger missed a change (or someone edited the file by hand).
 * A summary with keys counts rows: expected gives one row per thing
 * counted, its keys columns and no count, and the check adds them up
 * (count_rows). The dearest first: the workers take them in this order. */
static const struct {
    const char *name, *stored, *expected;
    int keys;
} summaries[] = {
    /* 019_check_views.sql: the views read the large tables once each. */
    { "activity_by_tag",
      "SELECT * FROM activity_by_tag WHERE n <> 0",
      "SELECT * FROM activity_by_tag_rows", 4 },
    { "segment_stats",
      "SELECT * FROM segment_stats WHERE n <> 0 OR amount <> 0",
      "SELECT * FROM segment_stats_expected", 0 },
    { "activity_daily",
      "SELECT day, logged_by, kind, n FROM activity_daily",
      "SELECT substr(at, 1, 10), logged_by, kind FROM interactions"
      " NOT INDEXED WHERE deleted_at IS NULL", 3 },
    /* The live contacts per company and owner, '' for the pool
     * (018_company_owner_counts.sql); a scan, not a walk of
     * contacts_by_company looking each row up (3.1 to 1.4 s at 1M). */
    { "company_owner_contacts",
      "SELECT company_id, owner, n FROM company_owner_contacts",
      "SELECT company_id, coalesce(owner, ''), count(*) FROM contacts"
      " NOT INDEXED WHERE company_id IS NOT NULL AND deleted_at IS NULL"
      " GROUP BY company_id, coalesce(owner, '')", 0 },
    /* A company's live contacts are its owners' counts above added up:
     * checked against the rows themselves there, in the same check. */
    { "companies.n_contacts",
      "SELECT id, n_contacts FROM companies",
      "SELECT co.id, coalesce(sum(o.n), 0) FROM companies co"
      " LEFT JOIN company_owner_contacts o ON o.company_id = co.id"
      " GROUP BY co.id", 0 },
    /* What the live payments apply to each invoice and payment (the
     * triggers of 011_money.sql keep them). */
    { "invoices.paid_minor",
      "SELECT id, paid_minor FROM invoices",
      "SELECT i.id, coalesce(sum(a.amount_minor), 0) FROM invoices i"
      " LEFT JOIN payment_allocations a ON a.invoice_id = i.id AND"
      " a.payment_id IN (SELECT id FROM payments WHERE voided_at IS NULL)"
      " GROUP BY i.id", 0 },
    { "payments.applied_minor",
      "SELECT id, applied_minor FROM payments WHERE voided_at IS NULL",
      "SELECT p.id, coalesce(sum(a.amount_minor), 0) FROM payments p"
      " LEFT JOIN payment_allocations a ON a.payment_id = p.id"
      " WHERE p.voided_at IS NULL GROUP BY p.id", 0 },
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
      " GROUP BY co, ct, cur", 0 },
    /* The members per state kept on each campaign (013_campaigns.sql). */
    { "campaigns.members_n",
      "SELECT id, members_n, contacted_n, responded_n, converted_n"
      " FROM campaigns",
      "SELECT m.id, count(c.contact_id), count(c.contacted_at),"
      " count(c.responded_at), count(c.converted_at) FROM campaigns m"
      " LEFT JOIN campaign_members c ON c.campaign_id = m.id"
      " GROUP BY m.id", 0 },
};

enum {
    N_SUMMARIES = (int)(sizeof summaries / sizeof summaries[0]),
    N_RULES = (int)(sizeof rules / sizeof rules[0]),
    N_JOBS = 1 + N_SUMMARIES + N_RULES    /* the pages, then these */
};

/* The page cache while count_rows adds up: its look-ups (activity_by_tag's
 * 5,000,000 in taggings_by_entity) then stay in memory; with SQLite's
 * default 2 MB they read pages again and again (activity_by_tag 19.5 s
 * against 15 s at 5,000,000 interactions). Given back after. Not for
 * the other summaries: segment_stats' materialized rows would then stay
 * in memory too (a 400 MB peak for no time saved). */
#define COUNT_CACHE_KB 65536

/* count_rows: expected's rows added up into temp.tcrm_check_sums (its
 * keys columns, and n): a look-up per row in a table the size of the
 * summary, where GROUP BY would sort every row (activity_daily at
 * 5,000,000 interactions: 6.1 s to 3.9 s). The table is the caller's to
 * drop. */
static int count_rows(struct tcrm_db *db, int i)
{
    static const char *const key_names[] = { "k1", "k2", "k3", "k4" };
    char cols[64] = "", sql[1024];
    int keys = summaries[i].keys;
    for (int k = 0; k < keys && k < 4; k++)
        snprintf(cols + strlen(cols), sizeof cols - strlen(cols), "%s%s",
                 k ? ", " : "", key_names[k]);
    snprintf(sql, sizeof sql, "DROP TABLE IF EXISTS temp.tcrm_check_sums;"
             " CREATE TEMP TABLE tcrm_check_sums(%s, n INTEGER NOT NULL,"
             " PRIMARY KEY (%s)) WITHOUT ROWID;"
             " INSERT INTO temp.tcrm_check_sums SELECT *, 1 FROM (%s)"
             " WHERE true ON CONFLICT DO UPDATE SET n = n + 1",
             cols, cols, summaries[i].expected);
    int old = tcrm_db_cache_raise(db, COUNT_CACHE_KB);
    int rc = sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
    tcrm_db_cache_restore(db, old, COUNT_CACHE_KB);
    return rc;
}

/* Rows in one of stored/expected and not in the other, as a count. Each
 * side is computed once (MATERIALIZED), not once for each EXCEPT: on
 * 5,000,000 interactions that halves the work, and activity_daily's
 * count is a scan of the table (NOT INDEXED above) instead of a walk of
 * interactions_by_person that looked every row up at random: 49 s to
 * 4.5 s (bench/README.md). */
static int check_summary(struct tcrm_db *db, int i, struct tcrm_error *err)
{
    char sql[4096];
    int bad = 0, rc = SQLITE_OK;
    if (summaries[i].keys)
        rc = count_rows(db, i);
    snprintf(sql, sizeof sql,
             "WITH s AS MATERIALIZED (%s), e AS MATERIALIZED (%s)"
             " SELECT (SELECT count(*) FROM (SELECT * FROM s EXCEPT"
             " SELECT * FROM e)) + (SELECT count(*) FROM (SELECT * FROM e"
             " EXCEPT SELECT * FROM s))", summaries[i].stored,
             summaries[i].keys ? "SELECT * FROM temp.tcrm_check_sums"
                               : summaries[i].expected);
    if (rc == SQLITE_OK)
        rc = tcrm_db_query_int(db, sql, &bad);
    int failed = rc != SQLITE_OK ? tcrm_db_fail(db, db->path, err) : 0;
    if (summaries[i].keys)
        sqlite3_exec(db->sql, "DROP TABLE IF EXISTS temp.tcrm_check_sums",
                     NULL, NULL, NULL);
    if (failed)
        return failed;
    if (bad)
        return tcrm_error_set(err, TCRM_EDB, "%s: summary %s disagrees with "
                              "the rows in %d places", db->path,
                              summaries[i].name, bad);
    return 0;
}

/* The pages: PRAGMA quick_check reads every page of every table and
 * index (the structure of the file, every record, NOT NULL and CHECK
 * constraints); integrity_check (full) also looks every index entry up
 * in its table and every row up in its indexes, which costs 13 s against
 * 171 s at 1,000,000 contacts and 5,000,000 interactions. */
static int check_pages(struct tcrm_db *db, int full, struct tcrm_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(db->sql, full ? "PRAGMA integrity_check"
                                         : "PRAGMA quick_check",
                           -1, &st, NULL) != SQLITE_OK)
        return tcrm_db_fail(db, db->path, err);
    if (sqlite3_step(st) != SQLITE_ROW)
        rc = tcrm_db_fail(db, db->path, err);
    else if (strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0) {
        rc = tcrm_error_set(err, TCRM_EDB, "%s: damaged: %s", db->path,
                            (const char *)sqlite3_column_text(st, 0));
        tcrm_db_damage_note(db, (const char *)sqlite3_column_text(st, 0));
    } else {
        tcrm_db_damage_clear(db);   /* the pages are whole again */
    }
    sqlite3_finalize(st);
    return rc;
}

static int run_job(struct tcrm_db *db, int full, int job,
                   struct tcrm_error *err)
{
    if (job == 0)
        return check_pages(db, full, err);
    if (job <= N_SUMMARIES)
        return check_summary(db, job - 1, err);
    return check_rule(db, job - 1 - N_SUMMARIES, err);
}

/* What the workers share: the next job to take, and each job's result. */
struct check_run {
    pthread_mutex_t lock;
    int full;
    int next;                   /* the next job to take */
    int stop;                   /* a job failed: take no more */
    int rc[N_JOBS];             /* 0 also for a job never taken */
    struct tcrm_error err[N_JOBS];
};

struct check_worker {
    struct check_run *run;
    struct tcrm_db *db;         /* its connection */
};

static void *work(void *arg)
{
    struct check_worker *w = arg;
    struct check_run *run = w->run;
    for (;;) {
        pthread_mutex_lock(&run->lock);
        int job = run->stop || run->next == N_JOBS ? -1 : run->next++;
        pthread_mutex_unlock(&run->lock);
        if (job < 0)
            return NULL;
        int rc = run_job(w->db, run->full, job, &run->err[job]);
        run->rc[job] = rc;
        if (rc) {
            pthread_mutex_lock(&run->lock);
            run->stop = 1;
            pthread_mutex_unlock(&run->lock);
        }
    }
}

/* A second, read-only connection to db's file, or NULL (a file opened
 * immutable, say: then one worker does it all). It is opened as the
 * file is (tcrm_db_file_hold: a setgid tcrm, with its group), first read
 * included: SQLite opens the -wal and -shm then, and keeps them open. */
static sqlite3 *second_connection(struct tcrm_db *db)
{
    sqlite3 *sql = NULL;
    tcrm_db_file_hold(1);
    int rc = sqlite3_open_v2(db->path, &sql, SQLITE_OPEN_READONLY |
                             SQLITE_OPEN_NOMUTEX, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_extended_result_codes(sql, 1);
        sqlite3_busy_timeout(sql, db->busy_timeout_ms);
        /* the first read: where a file it cannot read in WAL mode fails */
        rc = sqlite3_exec(sql, "SELECT count(*) FROM sqlite_master", NULL,
                          NULL, NULL);
    }
    tcrm_db_file_hold(0);
    if (rc != SQLITE_OK) {
        sqlite3_close(sql);
        return NULL;
    }
    return sql;
}

int tcrm_db_check(struct tcrm_db *db, int full, struct tcrm_error *err)
{
    struct check_run *run = calloc(1, sizeof *run);
    if (!run)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    pthread_mutex_init(&run->lock, NULL);
    run->full = full;
    struct tcrm_db other = *db;     /* the same file, its own connection */
    other.sql = second_connection(db);
    other.cache = NULL;
    other.n_cache = other.cap_cache = 0;
    struct check_worker mine = { run, db }, theirs = { run, &other };
    pthread_t thread;
    int started = other.sql &&
                  pthread_create(&thread, NULL, work, &theirs) == 0;
    work(&mine);
    if (started)
        pthread_join(thread, NULL);
    sqlite3_close(other.sql);
    int rc = 0;
    for (int j = 0; rc == 0 && j < N_JOBS; j++)
        if ((rc = run->rc[j]) != 0 && err)
            *err = run->err[j];
    pthread_mutex_destroy(&run->lock);
    free(run);
    return rc;
}
