/*
 * tcrm-bench-report: how long each report takes, in process, on a
 * database made by tcrm-bench-gen (1,000,000 contacts and 5,000,000
 * interactions for the numbers in bench/README.md).
 *
 *   tcrm-bench-report --db FILE [--rounds N] [--owner USER] [--tag T]
 *                     [--only REPORT] [--login L]
 *
 * --login runs as that person (tcrm/access.h: in owned mode the figures
 * are their own, or --owner's of their team).
 *
 * Every report runs N times (default 5) for each period that applies to
 * it: its default, this-month and this-year for reports that take a
 * period; once "now" for the snapshots (pipeline, gone-quiet). Each run is
 * the whole tcrm_report_run (the SQL and the text layout), timed with the
 * monotonic clock; the first run of each case is a warm-up and is not
 * counted. Prints p50 and max wall time per case, and the p50 of the
 * process's CPU time (steadier than wall time on a busy machine), and the same for the reminder
 * counts of `tcrm due` (tcrm_followup_counts) and the live-contact count
 * (tcrm_contact_count), which share the gone-quiet indexes. Opening the
 * database runs any pending migration; its time is printed first, so the
 * cost of upgrading a big database is measured too.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_clock.h"
#include "tcrm/config.h"
#include "tcrm/contact.h"
#include "tcrm/date.h"
#include "tcrm/db.h"
#include "tcrm/followup.h"
#include "tcrm/report.h"

struct bench {
    struct tcrm_db *db;
    struct tcrm_config cfg;
    int rounds;
    const char *owner, *tag, *only;
    double worst_p50;
};

/* ms: n wall times, then n CPU times of the same runs. */
static void print_case(struct bench *b, const char *what, const char *period,
                       double *ms, int n, size_t lines)
{
    qsort(ms, (size_t)n, sizeof *ms, cmp_double);
    qsort(ms + n, (size_t)n, sizeof *ms, cmp_double);
    double p50 = ms[n / 2], max = ms[n - 1], cpu = ms[n + n / 2];
    if (p50 > b->worst_p50)
        b->worst_p50 = p50;
    printf("%-12s %-13s %9.1f %9.1f %9.1f %7zu%s\n", what, period, p50, max,
           cpu, lines, p50 > 500.0 ? "  OVER 500 ms" : "");
}

/* One report with one period ("" = its default), rounds + 1 times. */
static int run_case(struct bench *b, const char *name, const char *period)
{
    struct tcrm_report_opts o;
    struct tcrm_error err = {0};
    double *ms = calloc(2 * (size_t)b->rounds, sizeof *ms);
    size_t lines = 0;
    int rc = ms ? 0 : 1;

    tcrm_report_opts_init(&o);
    o.owner = b->owner;
    o.tag = b->tag;
    o.now = tcrm_clock_now();
    if (rc == 0 && period[0] && strcmp(period, "now"))
        rc = tcrm_report_period(period, o.now, o.from, o.to, &err);
    for (int i = 0; rc == 0 && i <= b->rounds; i++) {
        struct tcrm_doc doc;
        double t0 = now_ms(), c0 = cpu_ms();
        rc = tcrm_report_run(b->db, &b->cfg, name, &o, &doc, &err);
        if (i > 0) {
            ms[i - 1] = now_ms() - t0;
            ms[b->rounds + i - 1] = cpu_ms() - c0;
        }
        lines = doc.n;
        tcrm_doc_free(&doc);
    }
    if (rc == 0)
        print_case(b, name, period[0] ? period : "default", ms, b->rounds,
                   lines);
    else
        fprintf(stderr, "tcrm-bench-report: %s %s: %s\n", name, period,
                err.msg);
    free(ms);
    return rc;
}

static int run_report(struct bench *b, const char *name)
{
    static const char *const periods[] = {"", "this-month", "this-year"};
    const struct tcrm_report_info *info = tcrm_report_info(name);
    int rc = 0;

    if (!info->takes_period)
        return run_case(b, name, "now");
    for (size_t i = 0; rc == 0 && i < sizeof periods / sizeof *periods; i++)
        rc = run_case(b, name, periods[i]);
    return rc;
}

/* tcrm due's counts and the contact list's count, through the API. */
static int run_counts(struct bench *b)
{
    double *ms = calloc(2 * (size_t)b->rounds, sizeof *ms);
    double *mc = calloc(2 * (size_t)b->rounds, sizeof *mc);
    struct tcrm_error err = {0};
    char today[11];
    int rc = ms && mc ? 0 : 1;

    tcrm_date_today(tcrm_clock_now(), today);
    for (int i = 0; rc == 0 && i <= b->rounds; i++) {
        struct tcrm_reminder_counts rcnt;
        int64_t n;
        double t0 = now_ms(), c0 = cpu_ms();
        rc = tcrm_followup_counts(b->db, today, b->cfg.days_ahead,
                                  b->cfg.quiet_days, &rcnt, &err);
        double t1 = now_ms(), c1 = cpu_ms();
        if (rc == 0)
            rc = tcrm_contact_count(b->db, NULL, &n, &err);
        if (i > 0) {
            ms[i - 1] = t1 - t0;
            ms[b->rounds + i - 1] = c1 - c0;
            mc[i - 1] = now_ms() - t1;
            mc[b->rounds + i - 1] = cpu_ms() - c1;
        }
    }
    if (rc == 0) {
        print_case(b, "due-counts", "now", ms, b->rounds, 0);
        print_case(b, "contact-count", "now", mc, b->rounds, 0);
    } else {
        fprintf(stderr, "tcrm-bench-report: counts: %s\n", err.msg);
    }
    free(ms);
    free(mc);
    return rc;
}

static int usage(void)
{
    fprintf(stderr, "usage: tcrm-bench-report --db FILE [--rounds N] "
                    "[--owner USER] [--tag T] [--only REPORT] [--login L]\n");
    return 2;
}

static int run_all(struct bench *b)
{
    const char *const *names = tcrm_report_names();
    int rc = 0;

    printf("%-12s %-13s %9s %9s %9s %7s\n", "report", "period", "p50 ms",
           "max ms", "p50 cpu", "lines");
    for (size_t i = 0; rc == 0 && names[i]; i++)
        if (!b->only || !strcmp(b->only, names[i]))
            rc = run_report(b, names[i]);
    if (rc == 0 && (!b->only || !strcmp(b->only, "counts")))
        rc = run_counts(b);
    if (rc == 0)
        printf("slowest p50: %.1f ms (target 500 ms)\n", b->worst_p50);
    return rc;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"rounds", required_argument, NULL, 'r'},
        {"owner", required_argument, NULL, 'o'},
        {"tag", required_argument, NULL, 't'},
        {"only", required_argument, NULL, 'y'},
        {"login", required_argument, NULL, 'u'},
        {NULL, 0, NULL, 0}};
    const char *login = NULL;   /* whose scope (access.h); default: bench */
    struct bench b;
    const char *path = NULL;
    int ch;

    memset(&b, 0, sizeof b);
    b.rounds = 5;
    while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (ch) {
        case 'd': path = optarg; break;
        case 'r': b.rounds = atoi(optarg); break;
        case 'o': b.owner = optarg; break;
        case 't': b.tag = optarg; break;
        case 'y': b.only = optarg; break;
        case 'u': login = optarg; break;
        default: return usage();
        }
    }
    if (!path || b.rounds < 1)
        return usage();
    if (tcrm_config_defaults(&b.cfg) != 0)
        return 1;

    struct tcrm_error err = {0};
    struct tcrm_db_options dbo = {.path = path, .user = "bench",
                                  .busy_timeout_ms = 5000, .login = login};
    double t0 = now_ms();
    if (tcrm_db_open(&dbo, &b.db, &err) != 0) {
        fprintf(stderr, "tcrm-bench-report: %s\n", err.msg);
        tcrm_config_free(&b.cfg);
        return 1;
    }
    printf("open (and migrate to schema %d): %.1f ms\n",
           tcrm_db_schema_version(b.db), now_ms() - t0);
    int rc = run_all(&b);
    tcrm_db_close(b.db);
    tcrm_config_free(&b.cfg);
    return rc ? 1 : 0;
}
