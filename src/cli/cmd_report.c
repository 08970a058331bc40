/*
 * cmd_report.c: `tcrm report NAME [options]` and `tcrm report --list`:
 * print a report (src/report) as text or CSV, on stdout or to a file.
 *
 * Options are parsed here with getopt_long directly (the shared
 * cli_opts_next knows no short options, and the report has -o). A bad
 * value is one line on stderr; a command line of the wrong shape is that
 * line and the usage lines, and exits 2, as everywhere (an unknown report, --period mixed with
 * --from/--to, --to without --from, a period for a report that takes
 * none); a bad value exits 1, as everywhere (a width that is not a
 * number or no layout fits, a date or period that cannot be read or is
 * inverted, an unknown owner or tag), and so does a database failure.
 *
 * The width is --width, else the terminal's (clamped to the report's
 * narrowest layout) when stdout is a terminal and no -o is given, else
 * 80. Bars fall back to '#' with --ascii or when the locale's character
 * set is not UTF-8.
 */
#include <getopt.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli_internal.h"
#include "tcrm/report.h"

static int cmd_report_exec(struct tcrm_cli *cli, int argc, char **argv);

const struct tcrm_cmd tcrm_cmd_report = {
    "report",
    "report NAME [--from WHEN [--to WHEN] | --period P] [--owner USER]\n"
    " [--tag TAG] [--days N] [--width N] [--ascii] [-o FILE]\n"
    " [--format text|csv] [--raw]\n"
    "report receivables [--as-of WHEN] [--owner USER] [options]\n"
    "report --list",
    N_("Reports: agenda, activity, pipeline, forecast, won-lost, sales, "
    "products, gone-quiet, segments, imports, receivables, payments."),
    cmd_report_exec,
};

struct report_args {
    const char *from, *to, *period, *out, *width, *as_of;
    int list, days, help;
    struct tcrm_report_opts o;
};

/* "tcrm report: MESSAGE"; returns status: 1 a bad value (one line), 2 a
 * command line of the wrong shape (then the usage lines, as everywhere). */
static int report_bad(const char *msg, int status)
{
    if (status == TCRM_EXIT_USAGE)
        return tcrm_cli_usage(&tcrm_cmd_report, "%s", cli_s(msg));
    fflush(stdout);
    fprintf(stderr, "tcrm report: %s\n", cli_s(msg));
    return status;
}

static int report_list(struct tcrm_cli *cli)
{
    const char *const *n;

    for (n = tcrm_report_names(); *n; n++)
        /* the summary is marked N_() where the reports are listed */
        fprintf(cli->out, "%-11s %s\n", *n, _(tcrm_report_info(*n)->summary));
    return TCRM_EXIT_OK;
}

static int report_getopt(int argc, char **argv, struct report_args *a)
{
    static const struct option lo[] = {
        { "from", required_argument, NULL, 'F' },
        { "to", required_argument, NULL, 'T' },
        { "period", required_argument, NULL, 'p' },
        { "owner", required_argument, NULL, 'u' },
        { "tag", required_argument, NULL, 't' },
        { "days", required_argument, NULL, 'd' },
        { "width", required_argument, NULL, 'w' },
        { "ascii", no_argument, NULL, 'a' },
        { "output", required_argument, NULL, 'o' },
        { "format", required_argument, NULL, 'f' },
        { "list", no_argument, NULL, 'l' },
        { "raw", no_argument, NULL, 'r' },
        { "as-of", required_argument, NULL, 'A' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    const struct tcrm_cmd *cmd = &tcrm_cmd_report;
    int c;

    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":ho:", lo, NULL)) != -1) {
        switch (c) {
        case 'h': a->help = 1; return cli_help(cmd);
        case ':': return tcrm_cli_usage(cmd, "option '%s' needs a value",
                                        cli_s(argv[optind - 1]));
        case '?': return tcrm_cli_usage(cmd, "unknown option '%s'",
                                        cli_s(argv[optind - 1]));
        case 'F': a->from = optarg; break;
        case 'T': a->to = optarg; break;
        case 'p': a->period = optarg; break;
        case 'u': a->o.owner = optarg; break;
        case 't': a->o.tag = optarg; break;
        case 'w': a->width = optarg; break;
        case 'a': a->o.ascii = 1; break;
        case 'o': a->out = optarg; break;
        case 'l': a->list = 1; break;
        case 'r': a->o.raw = 1; break;
        case 'A': a->as_of = optarg; break;
        case 'd':
            if (cli_parse_int(cmd, "--days", optarg, 1, 3650, &a->days))
                return TCRM_EXIT_FAIL;
            break;
        case 'f':
            if (!strcmp(optarg, "text"))
                a->o.format = TCRM_REPORT_TEXT;
            else if (!strcmp(optarg, "csv"))
                a->o.format = TCRM_REPORT_CSV;
            else
                return tcrm_cli_bad(cmd, "--format: '%s' is not text or "
                                    "csv", cli_s(optarg));
            break;
        }
    }
    return 0;
}

/* The width: --width, the terminal, or 80. */
static int report_width(struct tcrm_cli *cli, struct report_args *a,
                        const char *name)
{
    const struct tcrm_report_info *info = tcrm_report_info(name);
    struct winsize ws;
    char *end;
    long w;

    if (a->width) {
        w = strtol(a->width, &end, 10);
        if (end == a->width || *end || w < 0 || w > 100000) {
            char msg[160];
            snprintf(msg, sizeof msg, _("--width: '%.60s' is not a whole "
                     "number of columns"), a->width);
            return report_bad(msg, TCRM_EXIT_FAIL);
        }
        a->o.width = (int)w;
        return 0;
    }
    a->o.width = 80;
    if (!a->out && cli->out_is_tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0
        && ws.ws_col > 0)
        a->o.width = ws.ws_col;
    if (info && a->o.width < info->min_width)
        a->o.width = info->min_width;
    if (a->o.width > TCRM_REPORT_MAX_WIDTH)
        a->o.width = TCRM_REPORT_MAX_WIDTH;
    return 0;
}

static int report_period(struct report_args *a)
{
    struct tcrm_error err;
    int rc;

    tcrm_error_clear(&err);
    if (a->period && (a->from || a->to))
        return report_bad(_("--period and --from/--to do not go together"),
                          TCRM_EXIT_USAGE);
    if (a->period)
        rc = tcrm_report_period(a->period, a->o.now, a->o.from, a->o.to,
                                &err);
    else
        rc = tcrm_report_range(a->from, a->to, a->o.now, a->o.from,
                               a->o.to, &err);
    char text[sizeof err.msg + 128];
    if (!rc && a->as_of) {
        struct tcrm_when w;
        if (tcrm_date_parse(a->as_of, a->o.now, &w, &err) == 0) {
            tcrm_when_date(&w, a->o.as_of);
            return 0;
        }
        snprintf(text, sizeof text, "--as-of: %s", err.msg);
        return report_bad(text, TCRM_EXIT_FAIL);
    }
    /* --to without --from is a missing option, the rest bad values */
    return rc ? report_bad(cli_error_text(&err, text, sizeof text),
                           a->to && !a->from ? TCRM_EXIT_USAGE
                                             : TCRM_EXIT_FAIL)
              : 0;
}

static int report_print(struct tcrm_cli *cli, const struct tcrm_doc *doc,
                        const char *out)
{
    struct tcrm_error err;
    size_t i;

    tcrm_error_clear(&err);
    if (out)
        return tcrm_doc_save(doc, out, &err) ? tcrm_cli_fail_err(&err) : 0;
    for (i = 0; i < doc->n; i++)
        if (fputs(doc->lines[i], cli->out) == EOF ||
            fputc('\n', cli->out) == EOF)
            return tcrm_cli_fail("report: cannot write the output");
    return TCRM_EXIT_OK;
}

static int cmd_report_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    const struct tcrm_cmd *cmd = &tcrm_cmd_report;
    struct report_args a;
    struct tcrm_error err;
    struct tcrm_doc doc;
    struct tcrm_db *db;
    const char *cs = nl_langinfo(CODESET);
    int rc;

    memset(&a, 0, sizeof a);
    tcrm_report_opts_init(&a.o);
    a.o.now = tcrm_clock_now();
    if ((rc = report_getopt(argc, argv, &a)) != 0 || a.help)
        return rc;
    if (a.list)
        return optind == argc ? report_list(cli)
               : tcrm_cli_usage(cmd, "--list takes no report name");
    if (optind == argc)
        return tcrm_cli_usage(cmd, "which report? (see tcrm report --list)");
    if (optind != argc - 1)
        return tcrm_cli_usage(cmd, "one report at a time");
    if ((rc = report_width(cli, &a, argv[optind])) || (rc = report_period(&a)))
        return rc;
    a.o.quiet_days = a.days;
    if (!cs || (strcmp(cs, "UTF-8") && strcmp(cs, "utf8")))
        a.o.ascii = 1;
    tcrm_error_clear(&err);
    const struct tcrm_report_info *info = tcrm_report_info(argv[optind]);
    /* an unknown report, or a period for one that takes none: usage */
    if (tcrm_report_check(argv[optind], &a.o, &err))
        return report_bad(err.msg, !info || (!info->takes_period &&
                                             a.o.from[0])
                                       ? TCRM_EXIT_USAGE : TCRM_EXIT_FAIL);
    if ((rc = cli_db_read(cli, &db)) != 0)
        return rc;
    rc = tcrm_report_run(db, &cli->cfg, argv[optind], &a.o, &doc, &err);
    if (rc == TCRM_EINVAL || rc == TCRM_ENOTFOUND)
        rc = report_bad(err.msg, TCRM_EXIT_FAIL);
    else if (rc)
        rc = tcrm_cli_fail_err(&err);
    else
        rc = report_print(cli, &doc, a.out);
    tcrm_doc_free(&doc);
    return rc;
}
