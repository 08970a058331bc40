/*
 * cmd_due.c: `tcrm due [--days N] [--quiet-days N]`: what needs doing.
 *
 * Plain text fit for cron mail or a login message: the sections OVERDUE,
 * TODAY, NEXT N DAYS and GONE QUIET, each with its exact count (from
 * tcrm_followup_counts) and at most DUE_SHOW lines, "... and N more" after
 * that. Empty sections are left out; when everything is empty the whole
 * output is one line. No colours, no terminal tricks, exit 0.
 *
 * With the public pool rule on (tcrm/pool.h), a section BACK TO THE
 * POOL lists the user's own contacts that go back to the pool within a
 * week, with the day each goes.
 *
 * A last section RECEIVABLES lists the open invoices the session sees
 * that are overdue or fall due within the same N days (tcrm_invoice_due
 * of receivable.h, overdue first): the invoice, the customer, what is
 * still open and how many days overdue or until due. With no open
 * invoice due, the output is what it was without it.
 *
 * After it, TICKETS lists the open tickets the session sees whose
 * running deadline (answer, else resolve; a waiting ticket's clock is
 * stopped) has passed or is less than [service] warn_hours away
 * (tcrm_ticket_due of ticket.h), the earliest first. With none, the
 * output is what it was without it.
 * After it (also after "nothing due"), COMMENTS lists the unread comments
 * of managers on the user's own log (comment.h; cli_due_comments of
 * cmd_comment.c); with none, the output is what it was without it.
 *
 * --ics writes the same open follow-ups (overdue, today and the next N
 * days) as an iCalendar file on stdout instead (ical.h), for a calendar
 * to subscribe to; gone-quiet contacts are not calendar items.
 */
#include <stdio.h>

#include "cli_internal.h"
#include "tcrm/comment.h"
#include "tcrm/followup.h"
#include "tcrm/ical.h"
#include "tcrm/pool.h"
#include "tcrm/receivable.h"
#include "tcrm/ticket.h"

#define DUE_SHOW 50
#define QUIET_SHOW 20

static int cmd_due_exec(struct tcrm_cli *cli, int argc, char **argv);

const struct tcrm_cmd tcrm_cmd_due = {
    "due", "due [--days N] [--quiet-days N] [--ics] [--wide]",
    N_("Overdue, today and the next N days, then contacts gone quiet."),
    cmd_due_exec,
};

static void due_more(struct tcrm_cli *cli, int64_t count, size_t shown)
{
    if (count > (int64_t)shown)
        fprintf(cli->out, P_("  ... and %lld more\n", "  ... and %lld more\n",
                                count - (int64_t)shown),
                (long long)(count - (int64_t)shown));
}

/* One follow-up section: the title line and the rows. */
static int due_section(struct tcrm_cli *cli, struct tcrm_db *db,
                       const char *title, int64_t count, const char *from,
                       const char *to, int with_date)
{
    struct tcrm_followup *fu = NULL;
    struct tcrm_error err;
    struct cli_table *t;
    size_t n = 0, i;
    time_t now = tcrm_clock_now();

    if (count == 0)
        return 0;
    tcrm_error_clear(&err);
    if (tcrm_followup_list(db, 1, 0, from, to, DUE_SHOW, &fu, &n, &err))
        return tcrm_cli_fail_err(&err);
    /* TRANSLATORS: a section of `tcrm due`: its title and count */
    fprintf(cli->out, _("%s (%lld)\n"), title, (long long)count);
    t = cli_table_new(cli, CLI_FMT_TABLE, with_date ? 6 : 5, NULL, "llllll");
    cli_table_keep(t, with_date ? 5 : 4);   /* the phone */
    cli_table_indent(t, 2);
    for (i = 0; i < n; i++) {
        char id[24], rel[64], who[512];
        const struct tcrm_followup *f = &fu[i];

        snprintf(id, sizeof id, "#%lld", (long long)f->id);
        tcrm_date_relative(f->due_date, now, rel, sizeof rel);
        if (f->contact_name && f->company_name)
            /* TRANSLATORS: a contact and their company */
            snprintf(who, sizeof who, _("%s (%s)"), f->contact_name,
                     f->company_name);
        else
            snprintf(who, sizeof who, "%s",
                     f->contact_name ? f->contact_name
                     : f->company_name ? f->company_name : "");
        if (with_date)
            cli_table_add(t, (const char *const[]){
                id, cli_date(cli, f->due_date), rel, f->title, who, f->phone });
        else
            cli_table_add(t, (const char *const[]){
                id, f->due_time ? f->due_time : _("all day"), f->title, who,
                f->phone });
    }
    cli_table_end(t);
    due_more(cli, count, n);
    tcrm_followup_array_free(fu, n);
    return 0;
}

static int due_quiet(struct tcrm_cli *cli, struct tcrm_db *db,
                     const char *today, int quiet_days, int64_t count)
{
    struct tcrm_quiet_contact *q = NULL;
    struct tcrm_error err;
    struct cli_table *t;
    size_t n = 0, i;

    if (count == 0)
        return 0;
    tcrm_error_clear(&err);
    if (tcrm_followup_quiet(db, today, quiet_days, QUIET_SHOW, &q, &n, &err))
        return tcrm_cli_fail_err(&err);
    fprintf(cli->out, _("GONE QUIET (%lld)\n"), (long long)count);
    t = cli_table_new(cli, CLI_FMT_TABLE, 5, NULL, "rlllr");
    cli_table_indent(t, 2);
    for (i = 0; i < n; i++) {
        char id[24], days[32], last[64];

        snprintf(id, sizeof id, "%lld", (long long)q[i].id);
        snprintf(days, sizeof days, P_("%d day", "%d days", q[i].days),
                 q[i].days);
        /* TRANSLATORS: the last interaction with a quiet contact */
        snprintf(last, sizeof last, _("last: %s"),
                 q[i].last_interaction_at
                     ? cli_date(cli, q[i].last_interaction_at) : _("never"));
        cli_table_add(t, (const char *const[]){ id, q[i].name, q[i].company,
                                                last, days });
    }
    cli_table_end(t);
    due_more(cli, count, n);
    tcrm_quiet_array_free(q, n);
    return 0;
}

/* The user's contacts that go back to the pool within a week (already
 * read into q, n). */
static int due_pool(struct tcrm_cli *cli, struct tcrm_db *db,
                    const char *today, struct tcrm_quiet_contact *q, size_t n)
{
    int after = 0;
    struct tcrm_error err;
    if (n == 0)
        return 0;
    tcrm_error_clear(&err);
    if (tcrm_pool_after_days(db, &after, &err))
        return tcrm_cli_fail_err(&err);
    fprintf(cli->out, _("BACK TO THE POOL (%zu)\n"), n);
    struct cli_table *t = cli_table_new(cli, CLI_FMT_TABLE, 5, NULL, "rllll");
    cli_table_indent(t, 2);
    for (size_t i = 0; i < n; i++) {
        char id[24], last[64], when[64], day[11];
        snprintf(id, sizeof id, "%lld", (long long)q[i].id);
        snprintf(last, sizeof last, _("last: %s"),
                 q[i].last_interaction_at
                     ? cli_date(cli, q[i].last_interaction_at) : _("never"));
        tcrm_date_add_days(today, after - q[i].days, day);
        /* TRANSLATORS: the day a contact goes back to the public pool */
        snprintf(when, sizeof when, _("goes back %s"), cli_date(cli, day));
        cli_table_add(t, (const char *const[]){ id, q[i].name, q[i].company,
                                                last, when });
    }
    cli_table_end(t);
    return 0;
}

/* "181 days overdue", "due today", "due in 5 days". */
static const char *due_days(const char *today, const char *due, char *buf,
                            size_t cap)
{
    int d = tcrm_date_days_between(today, due);
    if (d < 0)
        snprintf(buf, cap, P_("%d day overdue", "%d days overdue", -d), -d);
    else if (d == 0)
        snprintf(buf, cap, "%s", _("due today"));
    else
        snprintf(buf, cap, P_("due in %d day", "due in %d days", d), d);
    return buf;
}

/* Open invoices overdue or due by `last` (already read into inv, n of
 * total). */
static int due_invoices(struct tcrm_cli *cli, const char *today,
                        const struct tcrm_invoice *inv, size_t n,
                        int64_t total)
{
    if (total == 0)
        return 0;
    fprintf(cli->out, _("RECEIVABLES (%lld)\n"), (long long)total);
    struct cli_table *t = cli_table_new(cli, CLI_FMT_TABLE, 5, NULL,
                                        "llrrl");
    cli_table_indent(t, 2);
    for (size_t i = 0; i < n; i++) {
        char open[64], days[64];
        tcrm_money_format(inv[i].amount - inv[i].paid, inv[i].currency,
                          open, sizeof open);
        cli_table_add(t, (const char *const[]){
            inv[i].number ? inv[i].number : _("opening balance"),
            inv[i].company_name ? inv[i].company_name : inv[i].contact_name,
            open, due_days(today, inv[i].due_on, days, sizeof days),
            cli_date(cli, inv[i].due_on) });
    }
    cli_table_end(t);
    due_more(cli, total, n);
    return 0;
}

/* Whether any open ticket is past or near a deadline. */
static int due_tickets_any(struct tcrm_cli *cli, struct tcrm_db *db)
{
    struct tcrm_ticket *t = NULL;
    size_t n = 0;
    int64_t total = 0;
    char now[20], until[20];
    tcrm_date_timestamp(tcrm_clock_now(), now);
    tcrm_ticket_deadline(now, cli->cfg.ticket_warn_hours, 0, until);
    if (tcrm_ticket_due(db, until, 0, &t, &n, &total, NULL))
        return 1;           /* let due_tickets say why */
    tcrm_ticket_array_free(t, n);
    return total > 0;
}

/* Open tickets past or near a deadline (tcrm_ticket_due). */
static int due_tickets(struct tcrm_cli *cli, struct tcrm_db *db)
{
    struct tcrm_ticket *t = NULL;
    struct tcrm_error err;
    size_t n = 0;
    int64_t total = 0;
    char now[20], until[20];

    tcrm_date_timestamp(tcrm_clock_now(), now);
    tcrm_ticket_deadline(now, cli->cfg.ticket_warn_hours, 0, until);
    tcrm_error_clear(&err);
    if (tcrm_ticket_due(db, until, DUE_SHOW, &t, &n, &total, &err))
        return tcrm_cli_fail_err(&err);
    if (total == 0)
        return 0;
    fprintf(cli->out, _("TICKETS (%lld)\n"), (long long)total);
    struct cli_table *tb = cli_table_new(cli, CLI_FMT_TABLE, 5, NULL,
                                         "lllll");
    cli_table_indent(tb, 2);
    for (size_t i = 0; i < n; i++) {
        int running;
        int64_t left = tcrm_ticket_left(&t[i], now, &running);
        long long h = (left < 0 ? -left : left) / 3600;
        const char *what = t[i].first_response_at
            ? (left < 0 ? P_("resolution %lld hour late",
                             "resolution %lld hours late", h)
                        : P_("resolve within %lld hour",
                             "resolve within %lld hours", h))
            : (left < 0 ? P_("answer %lld hour late", "answer %lld hours late",
                             h)
                        : P_("answer within %lld hour",
                             "answer within %lld hours", h));
        cli_table_add(tb, (const char *const[]){ t[i].number,
            t[i].company_name ? t[i].company_name : t[i].contact_name,
            tcrm_i18n_word("priority",
                           tcrm_ticket_priority_name(t[i].priority)),
            cli_fmt(what, h), t[i].subject });
    }
    cli_table_end(tb);
    due_more(cli, total, n);
    tcrm_ticket_array_free(t, n);
    return 0;
}

static int due_print(struct tcrm_cli *cli, struct tcrm_db *db, int days,
                     int quiet)
{
    struct tcrm_invoice *inv = NULL;
    size_t n_inv = 0;
    int64_t n_due = 0;
    struct tcrm_quiet_contact *pool = NULL;
    size_t n_pool = 0;
    struct tcrm_comment *com = NULL;
    size_t n_com = 0;
    int64_t n_new = 0;
    struct tcrm_reminder_counts n;
    struct tcrm_error err;
    char today[11], yesterday[11], tomorrow[11], last[11], title[96];
    int rc;

    tcrm_date_today(tcrm_clock_now(), today);
    tcrm_date_add_days(today, -1, yesterday);
    tcrm_date_add_days(today, 1, tomorrow);
    tcrm_date_add_days(today, days, last);
    tcrm_error_clear(&err);
    if (tcrm_followup_counts(db, today, days, quiet, &n, &err) ||
        tcrm_pool_soon(db, today, QUIET_SHOW, &pool, &n_pool, &err) ||
        tcrm_invoice_due(db, last, DUE_SHOW, &inv, &n_inv, &n_due, &err) ||
        tcrm_comment_mine(db, 1, DUE_SHOW, &com, &n_com, &n_new, &err)) {
        tcrm_quiet_array_free(pool, n_pool);
        tcrm_invoice_array_free(inv, n_inv);
        return tcrm_cli_fail_err(&err);
    }
    if (n.overdue + n.today + n.upcoming + n.quiet == 0 && n_pool == 0 &&
        n_due == 0 && !due_tickets_any(cli, db)) {
        fprintf(cli->out, P_("nothing due in the next %d day; nobody gone "
                             "quiet\n",
                             "nothing due in the next %d days; nobody gone "
                             "quiet\n", days), days);
        rc = cli_due_comments(cli, com, n_com, n_new);
        tcrm_comment_array_free(com, n_com);
        return rc;
    }
    snprintf(title, sizeof title, P_("NEXT %d DAY", "NEXT %d DAYS", days),
             days);
    if ((rc = due_section(cli, db, _("OVERDUE"), n.overdue, NULL, yesterday,
                          1)) ||
        (rc = due_section(cli, db, _("TODAY"), n.today, today, today, 0)) ||
        (rc = due_section(cli, db, title, n.upcoming, tomorrow, last, 1)) ||
        (rc = due_quiet(cli, db, today, quiet, n.quiet)) ||
        (rc = due_pool(cli, db, today, pool, n_pool)) ||
        (rc = due_invoices(cli, today, inv, n_inv, n_due)) ||
        (rc = due_tickets(cli, db)) ||
        (rc = cli_due_comments(cli, com, n_com, n_new))) {
        tcrm_quiet_array_free(pool, n_pool);
        tcrm_invoice_array_free(inv, n_inv);
        tcrm_comment_array_free(com, n_com);
        return rc;
    }
    tcrm_quiet_array_free(pool, n_pool);
    tcrm_invoice_array_free(inv, n_inv);
    tcrm_comment_array_free(com, n_com);
    return TCRM_EXIT_OK;
}

/* --ics: open follow-ups due up to today + days as iCalendar. */
static int due_ics(struct tcrm_cli *cli, struct tcrm_db *db, int days)
{
    char today[11], last[11];
    tcrm_date_today(tcrm_clock_now(), today);
    tcrm_date_add_days(today, days, last);
    struct tcrm_ical_opts i = { cli->out, 1, 0, NULL, last, 0,
        cli->cfg.calendar_timed_as_event, cli->cfg.calendar_alarm_minutes };
    struct tcrm_error err;
    if (tcrm_ical_export(db, &i, NULL, &err))
        return tcrm_cli_fail_err(&err);
    return TCRM_EXIT_OK;
}

static int cmd_due_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {
        { "days", required_argument, NULL, 'd' },
        { "quiet-days", required_argument, NULL, 'q' },
        { "ics", no_argument, NULL, 'i' },
        { "wide", no_argument, NULL, 'W' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    const struct tcrm_cmd *cmd = &tcrm_cmd_due;
    struct tcrm_db *db;
    struct cli_opts o;
    int c, rc = 0, days = cli->cfg.days_ahead, quiet = cli->cfg.quiet_days;
    int ics = 0;

    cli_opts_init(&o, cmd, argc, argv, lo);
    while (!rc && (c = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o.status;
        if (c == 'd')
            rc = cli_parse_int(cmd, "--days", optarg, 0, 365, &days);
        if (c == 'q')
            rc = cli_parse_int(cmd, "--quiet-days", optarg, 1, 3650, &quiet);
        if (c == 'i')
            ics = 1;
        if (c == 'W')
            cli->wide = 1;
    }
    if (rc || (rc = cli_want_args(cmd, &o, 0, 0, "")) ||
        (rc = cli_db_read(cli, &db)))
        return rc;
    return ics ? due_ics(cli, db, days) : due_print(cli, db, days, quiet);
}
