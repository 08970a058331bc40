/*
 * tcrm-bench-money: the speed targets of issue 13 on the database of
 * bench/gen_money.sql (100,000 customers, 500,000 invoices, 800,000
 * payments; owned mode, an admin `bench`, managers m1-m3, salespeople
 * s01-s20):
 *
 *   TCRM_NOW="2026-12-07 10:00:00" tcrm-bench-money --db FILE
 *       [--rounds N] [--owner LOGIN] [--tcrm BINARY] [--only TEXT]
 *   tcrm-bench-money --db FILE --rekey
 *
 *   - tcrm_aging of the whole book as of today, as the admin, as a
 *     salesperson (s01, who sees their own customers' invoices), as a
 *     manager (m1, a team of seven), and as the admin with --owner; as of
 *     90 days and a year ago (the slow path: what was paid by then is
 *     summed from the allocations); target 300 ms;
 *   - tcrm_balance_get of 2,000 customers spread over the book (as the
 *     admin) and of 2,000 of s01's (as s01); target 5 ms;
 *   - tcrm_invoice_due (due within 7 days, overdue first, 20 shown) as
 *     the admin, s01 and m1; target 200 ms;
 *   - tcrm_payment_sums for the last year, all and --owner;
 *   - the receivables report (tcrm_report_run "receivables") when the
 *     report layer has it;
 *   - --rekey, once after bench/gen_money.sql (which cannot make them in
 *     SQL): every company's name_key and sort_key as tcrm makes them
 *     (tcrm_norm_company_key; tcrm_pinyin_sort_key, the default order),
 *     so that `--company NAME` finds them; then nothing is timed;
 *   - with --tcrm, whole commands through the binary (as the Unix login
 *     running this, which must be a user of the database: `tcrm init` made
 *     it the admin): `report receivables`, `due`, `balance --company`;
 *     commands that fail are named, not timed.
 *
 * Each call is timed with the monotonic clock (wall) and the process's
 * CPU clock (the child's for commands); on a shared machine read the CPU
 * times. N rounds (default 20) after one warm-up call. --only runs the
 * measures whose label holds TEXT ("aging", "s01", "command", ...);
 * "TEXT$" the one labelled TEXT ("aging admin$").
 */
#include <getopt.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_clock.h"
#include "bench_cmd.h"
#include "bench_db.h"
#include "tcrm/company.h"
#include "tcrm/config.h"
#include "tcrm/date.h"
#include "tcrm/db.h"
#include "tcrm/normalize.h"
#include "tcrm/pinyin.h"
#include "tcrm/receivable.h"
#include "tcrm/report.h"

struct bench {
    const char *path, *owner, *tcrm, *only;
    int rounds;
    char today[11];
    struct tcrm_config cfg;
};

/* The table: "p50 p99 max", OVER when the CPU's p99 is. */
static const struct bench_cols cols = { 44, 2, 99, 99 };

static struct tcrm_db *open_as(struct bench *b, const char *login)
{
    return bench_open_as("tcrm-bench-money", b->path, login);
}

/* Is `what` asked for? --only TEXT: labels holding TEXT; TEXT$: the label
 * TEXT exactly. */
static int wanted(const struct bench *b, const char *what)
{
    size_t n = b->only ? strlen(b->only) : 0;
    if (!n)
        return 1;
    if (b->only[n - 1] == '$')
        return strlen(what) == n - 1 && !strncmp(what, b->only, n - 1);
    return strstr(what, b->only) != NULL;
}

/* calls of fn: a warm-up, then `n` timed. */
static int timed(struct tcrm_db *db, struct bench *b, const char *what,
                 call_fn fn, int n, double target)
{
    if (!wanted(b, what))
        return 0;
    double *ms = calloc(2 * (size_t)n, sizeof *ms);
    struct call c = { db, b, fn, 0, {0} };
    int rc = ms ? bench_rounds(call_once, &c, n, ms) : 1;
    if (rc == 0) {
        char label[96];
        snprintf(label, sizeof label, "%s (%zu)", what, c.rows);
        bench_print_ms(&cols, label, ms, (size_t)n, target);
    } else {
        printf("%-44s failed: %s\n", what, c.err.msg);
    }
    free(ms);
    return rc;
}

/* ---- aging ------------------------------------------------------------------ */

static const char *aging_owner;
static int aging_back;               /* days before today; 0: today */

static int call_aging(struct tcrm_db *db, struct bench *b, int i,
                      size_t *rows, struct tcrm_error *err)
{
    struct tcrm_aging_opts o = {0};
    struct tcrm_aging_row *a = NULL;
    char day[11];
    (void)i;
    o.owner = aging_owner;
    if (aging_back) {
        tcrm_date_add_days(b->today, -aging_back, day);
        o.as_of = day;
    }
    int rc = tcrm_aging(db, &o, &a, rows, err);
    tcrm_aging_free(a, *rows);
    return rc;
}

static void bench_aging(struct tcrm_db *db, struct bench *b, const char *who,
                        const char *owner, int back, int rounds)
{
    char what[96];
    aging_owner = owner;
    aging_back = back;
    snprintf(what, sizeof what, "aging %s%s%s%s", who,
             owner ? " --owner " : "", owner ? owner : "",
             back == 90 ? " as of -90 d" : back ? " as of -365 d" : "");
    timed(db, b, what, call_aging, rounds, 300.0);
}

/* ---- one customer's balance -------------------------------------------------- */

static int balance_mod;              /* 1: only s01's customers (id % 20 == 0) */

static int call_balance(struct tcrm_db *db, struct bench *b, int i,
                        size_t *rows, struct tcrm_error *err)
{
    (void)b;
    uint64_t k = (uint64_t)(i < 0 ? 7 : i) * 2654435761u % 100000;
    struct tcrm_customer c = {0};
    struct tcrm_balance *bal = NULL;
    size_t n = 0;
    c.company_id = balance_mod ? (int64_t)(k / 20 * 20 + 20) : (int64_t)k + 1;
    int rc = tcrm_balance_get(db, &c, &bal, &n, err);
    *rows = n;
    free(bal);
    return rc;
}

/* ---- falling due, received ----------------------------------------------------- */

static int call_due(struct tcrm_db *db, struct bench *b, int i, size_t *rows,
                    struct tcrm_error *err)
{
    struct tcrm_invoice *a = NULL;
    int64_t total = 0;
    char until[11];
    (void)i;
    tcrm_date_add_days(b->today, 7, until);
    int rc = tcrm_invoice_due(db, until, 20, &a, rows, &total, err);
    tcrm_invoice_array_free(a, *rows);
    *rows = (size_t)total;
    return rc;
}

static int call_sums(struct tcrm_db *db, struct bench *b, int i, size_t *rows,
                     struct tcrm_error *err)
{
    struct tcrm_pay_sum *a = NULL;
    char from[11];
    (void)i;
    tcrm_date_add_days(b->today, -364, from);
    int rc = tcrm_payment_sums(db, from, b->today, aging_owner, &a, rows,
                               err);
    tcrm_pay_sums_free(a, *rows);
    return rc;
}

static int call_report(struct tcrm_db *db, struct bench *b, int i,
                       size_t *rows, struct tcrm_error *err)
{
    struct tcrm_report_opts o;
    struct tcrm_doc doc;
    (void)i;
    tcrm_report_opts_init(&o);
    o.owner = aging_owner;
    o.now = tcrm_clock_now();
    int rc = tcrm_report_run(db, &b->cfg, "receivables", &o, &doc, err);
    if (rc == 0) {
        *rows = doc.n;
        tcrm_doc_free(&doc);
    }
    return rc;
}

/* ---- whole commands ------------------------------------------------------------- */

static void bench_cmd(struct bench *b, const char *what, char *const argv[],
                      double target)
{
    if (wanted(b, what))
        bench_cmd_row(&cols, what, argv, b->rounds, target,
                      ": not in this build?");
}

static void bench_cmds(struct bench *b)
{
    char db[4096], name[128] = "";
    snprintf(db, sizeof db, "%s", b->path);
    struct tcrm_db *h = open_as(b, "bench");
    struct tcrm_error err = {0};
    struct tcrm_company co;
    if (h && tcrm_company_get(h, 4242, &co, &err) == 0) {
        snprintf(name, sizeof name, "%s", co.name);
        tcrm_company_clear(&co);
    }
    tcrm_db_close(h);
    char *t = (char *)b->tcrm;
    char *rep[] = { t, "--db", db, "report", "receivables", NULL };
    char *csv[] = { t, "--db", db, "report", "receivables", "--format",
                    "csv", NULL };
    char *due[] = { t, "--db", db, "due", NULL };
    char *bal[] = { t, "--db", db, "balance", "--company", name, NULL };
    char *start[] = { t, "--db", db, "company", "show", "4242", NULL };
    bench_cmd(b, "command: company show (start, open, exit)", start, 0);
    bench_cmd(b, "command: report receivables", rep, 300.0);
    bench_cmd(b, "command: report receivables --format csv", csv, 300.0);
    bench_cmd(b, "command: due", due, 200.0);
    bench_cmd(b, "command: balance --company", bal, 5.0);
}

/* ---- the keys gen_money.sql cannot make ------------------------------------ */

static void key_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const char *name = (const char *)sqlite3_value_text(argv[0]);
    char *k = !name ? NULL : sqlite3_user_data(ctx)
                                 ? tcrm_norm_company_key(name)
                                 : tcrm_pinyin_sort_key(name);
    (void)argc;
    if (k)
        sqlite3_result_text(ctx, k, -1, free);
    else
        sqlite3_result_error_nomem(ctx);
}

static int rekey(const char *path)
{
    sqlite3 *h = NULL;
    char *msg = NULL;
    int rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function(h, "bench_name_key", 1, SQLITE_UTF8,
                                     (void *)1, key_fn, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function(h, "bench_sort_key", 1, SQLITE_UTF8,
                                     NULL, key_fn, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(h, "UPDATE companies SET name_key ="
                          " bench_name_key(name), sort_key ="
                          " bench_sort_key(name)", NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fprintf(stderr, "tcrm-bench-money: %s: %s\n", path,
                msg ? msg : sqlite3_errmsg(h));
    else
        printf("%d companies re-keyed\n", sqlite3_changes(h));
    sqlite3_free(msg);
    sqlite3_close(h);
    return rc == SQLITE_OK ? 0 : 1;
}

/* ---- all of it -------------------------------------------------------------------- */

static void as_admin(struct bench *b)
{
    struct tcrm_db *db = open_as(b, "bench");
    if (!db)
        return;
    int r = b->rounds;
    bench_aging(db, b, "admin", NULL, 0, r);
    bench_aging(db, b, "admin", b->owner, 0, r);
    bench_aging(db, b, "admin", NULL, 90, r < 5 ? r : 5);
    bench_aging(db, b, "admin", NULL, 365, r < 5 ? r : 5);
    balance_mod = 0;
    timed(db, b, "balance, admin, 2,000 customers", call_balance, 2000, 5.0);
    timed(db, b, "due within 7 days, admin", call_due, r, 200.0);
    aging_owner = NULL;
    timed(db, b, "payment sums, a year, admin", call_sums, r, 0);
    aging_owner = b->owner;
    timed(db, b, "payment sums, a year, --owner", call_sums, r, 0);
    aging_owner = NULL;
    timed(db, b, "report receivables (in process)", call_report, r, 300.0);
    tcrm_db_close(db);
}

static void as_people(struct bench *b)
{
    struct tcrm_db *db = open_as(b, "s01");
    int r = b->rounds;
    if (db) {
        bench_aging(db, b, "sales s01", NULL, 0, r);
        bench_aging(db, b, "sales s01", NULL, 90, r < 5 ? r : 5);
        balance_mod = 1;
        timed(db, b, "balance, s01, 2,000 of s01's", call_balance, 2000, 5.0);
        timed(db, b, "due within 7 days, s01", call_due, r, 200.0);
        tcrm_db_close(db);
    }
    if ((db = open_as(b, "m1"))) {
        bench_aging(db, b, "manager m1", NULL, 0, r);
        bench_aging(db, b, "manager m1", "s01", 0, r);
        timed(db, b, "due within 7 days, m1", call_due, r, 200.0);
        tcrm_db_close(db);
    }
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"rounds", required_argument, NULL, 'r'},
        {"owner", required_argument, NULL, 'o'},
        {"tcrm", required_argument, NULL, 't'},
        {"only", required_argument, NULL, 'O'},
        {"rekey", no_argument, NULL, 'k'},
        {NULL, 0, NULL, 0}};
    struct bench b;
    int ch, keys = 0;

    memset(&b, 0, sizeof b);
    b.rounds = 20;
    b.owner = "s05";
    while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (ch) {
        case 'd': b.path = optarg; break;
        case 'r': b.rounds = atoi(optarg); break;
        case 'o': b.owner = optarg; break;
        case 't': b.tcrm = optarg; break;
        case 'O': b.only = optarg; break;
        case 'k': keys = 1; break;
        default: b.path = NULL; optind = argc; break;
        }
    }
    if (!b.path || b.rounds < 1) {
        fprintf(stderr, "usage: tcrm-bench-money --db FILE [--rounds N] "
                        "[--owner LOGIN] [--tcrm BINARY] [--only TEXT] "
                        "[--rekey]\n");
        return 2;
    }
    if (keys)
        return rekey(b.path);
    if (tcrm_config_defaults(&b.cfg) != 0)
        return 1;
    tcrm_date_today(tcrm_clock_now(), b.today);
    char head[64];
    snprintf(head, sizeof head, "today %s; ms (rows)", b.today);
    bench_print_head(&cols, head);
    as_admin(&b);
    as_people(&b);
    if (b.tcrm)
        bench_cmds(&b);
    tcrm_config_free(&b.cfg);
    return 0;
}
