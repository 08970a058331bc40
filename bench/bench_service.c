/*
 * tcrm-bench-service: the speed targets of issue 14 on the database of
 * bench/gen_service.sql (1,000,000 contacts, 200,000 tickets, 50
 * campaigns of 100,000 members; owned mode, an admin `bench`, managers
 * m1-m3, salespeople s01-s20):
 *
 *   TCRM_NOW="2026-12-07 10:00:00" tcrm-bench-service --db FILE
 *       [--rounds N] [--tcrm BINARY] [--only TEXT]
 *
 *   - `report service` (its default period, this year; and this month)
 *     and `report campaigns`, text and CSV, in process, as the admin, a
 *     salesperson (s01) and a manager (m1): target 500 ms;
 *   - what `tcrm due` reads (cmd_due.c: the reminder counts, the pool,
 *     receivables, comments, the follow-up sections, gone quiet and the
 *     tickets past or near a deadline), as each of the three: 500 ms;
 *   - a campaign's figures (what `campaign show` prints above its
 *     members) and the walk over its 100,000 members `campaign show`
 *     lists;
 *   - the tickets pages: tcrm_ticket_page (`ticket list`, newest first)
 *     all and --open, first page and a page deep, admin and s01;
 *   - the Tickets view's page per key (tcrm_ticket_page_by_state, what
 *     the screen runs): 50 rows in the view's order (state new, in
 *     progress, waiting, resolved, closed; then the running deadline;
 *     then id): the first page, pages after and before rows deep in the
 *     order, the last page, open only; as each of the three people:
 *     target one frame, 16 ms;
 *   - with --tcrm, whole commands through the binary (as the Unix login
 *     running this, which must be an admin of the database):
 *     `report service`, `report campaigns` (and --format csv),
 *     `campaign show 1`, `ticket list --open`.
 *
 * Each call is timed with the monotonic clock (wall) and the process's
 * CPU clock (the child's for commands). N rounds (default 10) after one
 * warm-up call. --only runs the measures whose label holds TEXT.
 */
#include <getopt.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_clock.h"
#include "bench_cmd.h"
#include "bench_db.h"
#include "tcrm/campaign.h"
#include "tcrm/comment.h"
#include "tcrm/config.h"
#include "tcrm/date.h"
#include "tcrm/db.h"
#include "tcrm/followup.h"
#include "tcrm/pool.h"
#include "tcrm/receivable.h"
#include "tcrm/report.h"
#include "tcrm/ticket.h"

struct bench {
    const char *path, *tcrm, *only;
    int rounds;
    char today[11];
    struct tcrm_config cfg;
};

/* The table: "p50 p90 max", OVER when the CPU's p50 is. */
static const struct bench_cols cols = { 50, 2, 90, 50 };

static struct tcrm_db *open_as(struct bench *b, const char *login)
{
    return bench_open_as("tcrm-bench-service", b->path, login);
}

static int wanted(const struct bench *b, const char *what)
{
    return !b->only || strstr(what, b->only) != NULL;
}

static void timed(struct tcrm_db *db, struct bench *b, const char *who,
                  const char *what, call_fn fn, double target)
{
    char label[128];
    snprintf(label, sizeof label, "%s, %s", what, who);
    if (!wanted(b, label))
        return;
    int n = b->rounds;
    double *ms = calloc(2 * (size_t)n, sizeof *ms);
    struct call c = { db, b, fn, 0, {0} };
    int rc = ms ? bench_rounds(call_once, &c, n, ms) : 1;
    if (rc == 0) {
        char l2[160];
        snprintf(l2, sizeof l2, "%s (%zu)", label, c.rows);
        bench_print_ms(&cols, l2, ms, (size_t)n, target);
    } else {
        printf("%-50s failed: %s\n", label, c.err.msg);
    }
    free(ms);
}

/* ---- reports ------------------------------------------------------------------ */

static const char *rep_name, *rep_period;
static int rep_csv;

static int call_report(struct tcrm_db *db, struct bench *b, int i,
                       size_t *rows, struct tcrm_error *err)
{
    (void)i;
    struct tcrm_report_opts o;
    struct tcrm_doc doc;
    tcrm_report_opts_init(&o);
    o.now = tcrm_clock_now();
    o.format = rep_csv ? TCRM_REPORT_CSV : TCRM_REPORT_TEXT;
    if (rep_period &&
        tcrm_report_period(rep_period, o.now, o.from, o.to, err) != 0)
        return err->code;
    int rc = tcrm_report_run(db, &b->cfg, rep_name, &o, &doc, err);
    if (rc == 0) {
        *rows = doc.n;
        tcrm_doc_free(&doc);
    }
    return rc;
}

static void bench_reports(struct tcrm_db *db, struct bench *b,
                          const char *who)
{
    rep_name = "service";
    for (rep_csv = 0; rep_csv < 2; rep_csv++) {
        rep_period = NULL;
        timed(db, b, who, rep_csv ? "report service csv" : "report service",
              call_report, 500.0);
    }
    rep_csv = 0;
    rep_period = "this-month";
    timed(db, b, who, "report service this-month", call_report, 500.0);
    rep_period = NULL;
    rep_name = "campaigns";
    for (rep_csv = 0; rep_csv < 2; rep_csv++)
        timed(db, b, who, rep_csv ? "report campaigns csv"
                                  : "report campaigns", call_report, 500.0);
    rep_csv = 0;
}

/* ---- tcrm due ------------------------------------------------------------------- */

/* What `tcrm due` (cmd_due.c, 7 days ahead) reads, in its order: the
 * counts, the pool, receivables, comments, the three follow-up
 * sections, gone quiet, then the tickets past or near a deadline. */
static int call_due(struct tcrm_db *db, struct bench *b, int i,
                    size_t *rows, struct tcrm_error *err)
{
    (void)i;
    struct tcrm_reminder_counts c;
    struct tcrm_quiet_contact *q = NULL;
    struct tcrm_invoice *inv = NULL;
    struct tcrm_comment *com = NULL;
    struct tcrm_followup *fu = NULL;
    struct tcrm_ticket *t = NULL;
    size_t n = 0;
    int64_t total = 0;
    char last[11], until[20], now[20];
    tcrm_date_add_days(b->today, 7, last);
    tcrm_date_timestamp(tcrm_clock_now(), now);
    tcrm_ticket_deadline(now, b->cfg.ticket_warn_hours, 0, until);
    int rc = tcrm_followup_counts(db, b->today, 7, b->cfg.quiet_days, &c,
                                  err);
    if (rc == 0 && (rc = tcrm_pool_soon(db, b->today, 20, &q, &n, err)) == 0)
        tcrm_quiet_array_free(q, n);
    if (rc == 0 && (rc = tcrm_invoice_due(db, last, 50, &inv, &n, &total,
                                          err)) == 0)
        tcrm_invoice_array_free(inv, n);
    if (rc == 0 && (rc = tcrm_comment_mine(db, 1, 50, &com, &n, &total,
                                           err)) == 0)
        tcrm_comment_array_free(com, n);
    const char *from[3] = { NULL, b->today, b->today }, *to[3] = {
        b->today, b->today, last };
    for (int k = 0; rc == 0 && k < 3; k++)
        if ((rc = tcrm_followup_list(db, 1, 0, from[k], to[k], 50, &fu, &n,
                                     err)) == 0)
            tcrm_followup_array_free(fu, n);
    if (rc == 0 && (rc = tcrm_followup_quiet(db, b->today, b->cfg.quiet_days,
                                             20, &q, &n, err)) == 0)
        tcrm_quiet_array_free(q, n);
    if (rc == 0 && (rc = tcrm_ticket_due(db, until, 50, &t, &n, &total,
                                         err)) == 0) {
        *rows = (size_t)total;
        tcrm_ticket_array_free(t, n);
    }
    return rc;
}

/* ---- campaign show -------------------------------------------------------------- */

static int64_t show_id = 1;

static int call_figures(struct tcrm_db *db, struct bench *b, int i,
                        size_t *rows, struct tcrm_error *err)
{
    (void)i;
    struct tcrm_campaign_figures *f = NULL;
    int rc = tcrm_campaign_figures(db, show_id, b->today, &f, rows, err);
    if (rc == 0)
        tcrm_campaign_figures_free(f, *rows);
    return rc;
}

static int call_members(struct tcrm_db *db, struct bench *b, int i,
                        size_t *rows, struct tcrm_error *err)
{
    (void)i;
    struct tcrm_campaign_member *m = NULL;
    int64_t after = 0;
    size_t n = 0;
    int more = 0, rc;
    (void)b;
    do {
        if ((rc = tcrm_campaign_members(db, show_id, after, 500, &m, &n,
                                        &more, err)))
            return rc;
        *rows += n;
        after = n ? m[n - 1].contact_id : 0;
        tcrm_campaign_members_free(m, n);
    } while (more);
    return 0;
}

/* ---- ticket pages ---------------------------------------------------------------- */

static struct tcrm_ticket_filter page_filter;
static int64_t page_after;

static int call_page(struct tcrm_db *db, struct bench *b, int i,
                     size_t *rows, struct tcrm_error *err)
{
    (void)i;
    struct tcrm_ticket *t = NULL;
    int more = 0;
    (void)b;
    int rc = tcrm_ticket_page(db, &page_filter, page_after, 50, &t, rows,
                              &more, err);
    if (rc == 0)
        tcrm_ticket_array_free(t, *rows);
    return rc;
}

static void bench_pages(struct tcrm_db *db, struct bench *b, const char *who)
{
    page_filter = (struct tcrm_ticket_filter){ 0, NULL, 0, 0 };
    page_after = 0;
    timed(db, b, who, "ticket list, first 50", call_page, 16.0);
    page_after = 100000;
    timed(db, b, who, "ticket list, 50 after id 100,000", call_page, 16.0);
    page_filter.open_only = 1;
    page_after = 0;
    timed(db, b, who, "ticket list --open, first 50", call_page, 16.0);
    page_after = 100000;
    timed(db, b, who, "ticket list --open, 50 after id 100,000", call_page,
          16.0);
}

/* ---- the Tickets view's page per key -------------------------------------------- */

/* The view's order, for finding a row deep in it on a plain connection:
 * the state's place, the running deadline, id (ticket.c's view_sql). */
#define VIEW_KEY                                                            \
    "CASE state WHEN 'new' THEN 0 WHEN 'in_progress' THEN 1"                \
    " WHEN 'waiting' THEN 2 WHEN 'resolved' THEN 3 ELSE 4 END"
#define VIEW_DUE                                                            \
    "CASE WHEN first_response_at IS NULL THEN response_due"                 \
    " ELSE resolve_due END"

static struct tcrm_ticket view_from;     /* the cursor: a row of the view */
static int view_has_from, view_back, view_open;

/* One key: the page tcrm_ticket_page_by_state gives the Tickets view. */
static int call_view(struct tcrm_db *db, struct bench *b, int i,
                     size_t *rows, struct tcrm_error *err)
{
    (void)i;
    (void)b;
    struct tcrm_ticket *t = NULL;
    struct tcrm_ticket_filter f = { view_open, NULL, 0, 0 };
    int more = 0;
    int rc = tcrm_ticket_page_by_state(db, &f, view_has_from ? &view_from
                                       : NULL, view_back, 50, &t, rows,
                                       &more, err);
    if (rc == 0)
        tcrm_ticket_array_free(t, *rows);
    return rc;
}

/* The cursor onto the row at offset `skip` of the view's whole order;
 * skip < 0: none (the first page, or the last going backwards). */
static void view_seek(struct tcrm_db *db, const char *path, long skip)
{
    tcrm_ticket_clear(&view_from);
    view_has_from = 0;
    if (skip < 0)
        return;
    char sql[512];
    sqlite3 *raw = NULL;
    sqlite3_stmt *st = NULL;
    snprintf(sql, sizeof sql, "SELECT id FROM tickets ORDER BY " VIEW_KEY
             ", " VIEW_DUE ", id LIMIT 1 OFFSET %ld", skip);
    if (sqlite3_open_v2(path, &raw, SQLITE_OPEN_READONLY, NULL) ==
            SQLITE_OK &&
        sqlite3_prepare_v2(raw, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        struct tcrm_error err;
        view_has_from = tcrm_ticket_get(db, sqlite3_column_int64(st, 0),
                                        &view_from, &err) == 0;
    }
    sqlite3_finalize(st);
    sqlite3_close(raw);
}

static void bench_view(struct tcrm_db *db, struct bench *b, const char *who)
{
    static const struct { long skip; int back, open; const char *what; } k[] = {
        { -1, 0, 0, "Tickets view: first 50 (the view opens)" },
        { 5000, 0, 0, "Tickets view: 50 after the 5,000th (PgDn)" },
        { 100000, 0, 0, "Tickets view: 50 after the 100,000th (PgDn)" },
        { 100000, 1, 0, "Tickets view: 50 before the 100,000th (PgUp)" },
        { -1, 1, 0, "Tickets view: the last 50 (G)" },
        { -1, 0, 1, "Tickets view: open only, first 50 (o)" },
    };
    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
        view_seek(db, b->path, k[i].skip);
        view_back = k[i].back;
        view_open = k[i].open;
        timed(db, b, who, k[i].what, call_view, 16.0);
    }
    view_seek(db, b->path, -1);
}

/* ---- whole commands ------------------------------------------------------------- */

static void bench_cmd(struct bench *b, const char *what, char *const argv[],
                      double target)
{
    if (wanted(b, what))
        bench_cmd_row(&cols, what, argv, b->rounds, target, "");
}

static void bench_cmds(struct bench *b)
{
    char db[4096];
    snprintf(db, sizeof db, "%s", b->path);
    char *t = (char *)b->tcrm;
    char *sv[] = { t, "--db", db, "report", "service", NULL };
    char *svc[] = { t, "--db", db, "report", "service", "--format", "csv",
                    NULL };
    char *cp[] = { t, "--db", db, "report", "campaigns", NULL };
    char *cpc[] = { t, "--db", db, "report", "campaigns", "--format", "csv",
                    NULL };
    char *show[] = { t, "--db", db, "campaign", "show", "1", NULL };
    char *list[] = { t, "--db", db, "ticket", "list", "--open", NULL };
    bench_cmd(b, "command: report service", sv, 500.0);
    bench_cmd(b, "command: report service --format csv", svc, 500.0);
    bench_cmd(b, "command: report campaigns", cp, 500.0);
    bench_cmd(b, "command: report campaigns --format csv", cpc, 500.0);
    bench_cmd(b, "command: campaign show 1 (100,000 members)", show, 0);
    bench_cmd(b, "command: ticket list --open (all of them)", list, 0);
}

/* ---- all of it -------------------------------------------------------------------- */

static void as_login(struct bench *b, const char *login)
{
    struct tcrm_db *db = open_as(b, login);
    if (!db)
        return;
    bench_reports(db, b, login);
    timed(db, b, login, "due (what `tcrm due` reads; tickets due)",
          call_due, 500.0);
    /* campaign n is s(n % 20 + 1)'s: s01 sees 20 and 40 */
    show_id = strcmp(login, "s01") ? 1 : 20;
    timed(db, b, login, "a campaign's figures", call_figures, 0);
    timed(db, b, login, "its 100,000 members, all pages", call_members, 0);
    bench_pages(db, b, login);
    bench_view(db, b, login);
    tcrm_db_close(db);
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"rounds", required_argument, NULL, 'r'},
        {"tcrm", required_argument, NULL, 't'},
        {"only", required_argument, NULL, 'O'},
        {NULL, 0, NULL, 0}};
    struct bench b;
    int ch;

    memset(&b, 0, sizeof b);
    b.rounds = 10;
    while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (ch) {
        case 'd': b.path = optarg; break;
        case 'r': b.rounds = atoi(optarg); break;
        case 't': b.tcrm = optarg; break;
        case 'O': b.only = optarg; break;
        default: b.path = NULL; optind = argc; break;
        }
    }
    if (!b.path || b.rounds < 1) {
        fprintf(stderr, "usage: tcrm-bench-service --db FILE [--rounds N] "
                        "[--tcrm BINARY] [--only TEXT]\n");
        return 2;
    }
    if (tcrm_config_defaults(&b.cfg) != 0)
        return 1;
    tcrm_date_today(tcrm_clock_now(), b.today);
    char head[64];
    snprintf(head, sizeof head, "today %s; ms (rows)", b.today);
    bench_print_head(&cols, head);
    as_login(&b, "bench");
    as_login(&b, "s01");
    as_login(&b, "m1");
    if (b.tcrm)
        bench_cmds(&b);
    tcrm_config_free(&b.cfg);
    return 0;
}
