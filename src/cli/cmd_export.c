/*
 * cmd_export.c: `tcrm export contacts|companies|interactions|follow-ups|
 * deals [-o FILE] [--search Q] [--tag T] [--fields LIST] [--encoding E]
 * [--bom] [--raw] [--format csv|vcard|ics] [--version 3.0|4.0] [--all]
 * [--owner LOGIN] [--deals]`.
 *
 * The work is src/io's: tcrm_export_run for CSV, tcrm_vcard_export for
 * --format vcard (contacts), tcrm_ical_export for --format ics
 * (follow-ups, and deals with --deals). With -o the file is written
 * next to its final name and renamed into place only when the export
 * succeeded, so a failed export never leaves half a file behind; without
 * -o the output goes to standard output. -o is turned into --output before
 * parsing (the option parser of src/cli takes long options only). The row count goes to stderr only
 * with -o (stdout is the data).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_internal.h"
#include "tcrm/os.h"
#include "tcrm/csvio.h"
#include "tcrm/ical.h"
#include "tcrm/vcard.h"

#define U_EXPORT "export contacts|companies|interactions|follow-ups|deals\n" \
    "   [-o FILE] [--search Q] [--tag T] [--fields LIST] [--encoding E]\n" \
    "   [--bom] [--raw]\n" \
    "export contacts --format vcard [--version 3.0|4.0] [-o FILE]\n" \
    "   [--search Q] [--tag T]\n" \
    "export follow-ups --format ics [--all] [--owner LOGIN] [--deals]\n" \
    "   [-o FILE]"

static int export_exec(struct tcrm_cli *cli, int argc, char **argv);

const struct tcrm_cmd tcrm_cmd_export = {
    "export",
    U_EXPORT,
    N_("Write any table as CSV, contacts as vCard, follow-ups as iCalendar."),
    export_exec,
};

enum { O_SEARCH = 256, O_TAG, O_FIELDS, O_ENC, O_BOM, O_RAW, O_FORMAT,
       O_VERSION, O_ALL, O_OWNER, O_DEALS };

enum { FMT_CSV, FMT_VCARD, FMT_ICS };

/* What the options ask for, beyond the CSV export's own. */
struct export_args {
    struct tcrm_export_opts x;
    const char *path;
    int format;
    const char *version;
    int all, deals;
    const char *owner;
};

static const struct option export_lo[] = {
    { "output", required_argument, NULL, 'o' },
    { "search", required_argument, NULL, O_SEARCH },
    { "tag", required_argument, NULL, O_TAG },
    { "fields", required_argument, NULL, O_FIELDS },
    { "encoding", required_argument, NULL, O_ENC },
    { "bom", no_argument, NULL, O_BOM },
    { "raw", no_argument, NULL, O_RAW },
    { "format", required_argument, NULL, O_FORMAT },
    { "version", required_argument, NULL, O_VERSION },
    { "all", no_argument, NULL, O_ALL },
    { "owner", required_argument, NULL, O_OWNER },
    { "deals", no_argument, NULL, O_DEALS },
    CLI_OPT_HELP,
    CLI_OPT_END
};

/* cli_opts knows only long options (and -h): take -o as --output. */
static void short_o(int argc, char **argv)
{
    static char output[] = "--output";
    for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
        if (!strcmp(argv[i], "-o"))
            argv[i] = output;
}

static int parse_format(const char *s)
{
    return !strcmp(s, "csv") ? FMT_CSV : !strcmp(s, "vcard") ? FMT_VCARD
         : !strcmp(s, "ics") ? FMT_ICS : -1;
}

/* The options that only some formats take. */
static int check_format(struct export_args *a)
{
    const struct tcrm_cmd *c = &tcrm_cmd_export;
    struct tcrm_export_opts *x = &a->x;
    if (a->format == FMT_VCARD && x->what != TCRM_EXPORT_CONTACTS)
        return tcrm_cli_usage(c, "--format vcard: only for contacts");
    if (a->format == FMT_ICS && x->what != TCRM_EXPORT_FOLLOWUPS)
        return tcrm_cli_usage(c, "--format ics: only for follow-ups");
    if (a->format != FMT_CSV && (x->fields || x->encoding || x->bom || x->raw))
        return tcrm_cli_usage(c, "--fields, --encoding, --bom and --raw "
                              "are for CSV");
    if (a->version && a->format != FMT_VCARD)
        return tcrm_cli_usage(c, "--version: only with --format vcard");
    if (a->version && tcrm_vcard_version_parse(a->version) < 0)
        return tcrm_cli_bad(c, "--version: '%s' is not 3.0 or 4.0",
                            a->version);
    if ((a->all || a->owner || a->deals) && a->format != FMT_ICS)
        return tcrm_cli_usage(c, "--all, --owner and --deals: only with "
                              "--format ics");
    return -1;
}

static int parse_export(int argc, char **argv, struct export_args *a)
{
    struct cli_opts o;
    struct tcrm_export_opts *x = &a->x;
    int c;
    short_o(argc, argv);
    cli_opts_init(&o, &tcrm_cmd_export, argc, argv, export_lo);
    while ((c = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o.status;
        if (c == 'o') a->path = optarg;
        if (c == O_SEARCH) x->search = optarg;
        if (c == O_TAG) x->tag = optarg;
        if (c == O_FIELDS) x->fields = optarg;
        if (c == O_ENC) x->encoding = optarg;
        if (c == O_BOM) x->bom = 1;
        if (c == O_RAW) x->raw = 1;
        if (c == O_VERSION) a->version = optarg;
        if (c == O_ALL) a->all = 1;
        if (c == O_OWNER) a->owner = optarg;
        if (c == O_DEALS) a->deals = 1;
        if (c == O_FORMAT && (a->format = parse_format(optarg)) < 0)
            return tcrm_cli_bad(&tcrm_cmd_export, "--format: '%s' is not "
                                "csv, vcard or ics", optarg);
    }
    int rc = cli_want_args(&tcrm_cmd_export, &o, 1, 1, "WHAT");
    if (rc)
        return rc;
    int what = tcrm_export_what_parse(o.pos[0]);
    if (what < 0)
        return tcrm_cli_bad(&tcrm_cmd_export, "'%s' is not contacts, "
                            "companies, interactions, follow-ups or deals",
                            o.pos[0]);
    x->what = (enum tcrm_export_what)what;
    if (x->search && x->what != TCRM_EXPORT_CONTACTS)
        return tcrm_cli_usage(&tcrm_cmd_export, "--search: only for contacts");
    if (x->tag && x->what != TCRM_EXPORT_CONTACTS &&
        x->what != TCRM_EXPORT_COMPANIES)
        return tcrm_cli_usage(&tcrm_cmd_export, "--tag: only for contacts "
                              "and companies");
    return check_format(a);
}

/* The export in the format asked for; *n = rows, cards or items. */
static int run_format(struct tcrm_cli *cli, struct tcrm_db *db,
                      const struct export_args *a, int64_t *n,
                      struct tcrm_error *err)
{
    if (a->format == FMT_VCARD) {
        struct tcrm_vcard_export_opts v = { a->x.out, TCRM_VCARD_30,
            a->x.search, a->x.tag, NULL, 0, NULL };
        if (a->version)
            v.version = (enum tcrm_vcard_version)
                        tcrm_vcard_version_parse(a->version);
        return tcrm_vcard_export(db, &v, n, err);
    }
    if (a->format == FMT_ICS) {
        struct tcrm_ical_opts i = { a->x.out, 1, a->all, a->owner, NULL,
            a->deals, cli->cfg.calendar_timed_as_event,
            cli->cfg.calendar_alarm_minutes };
        return tcrm_ical_export(db, &i, n, err);
    }
    return tcrm_export_run(db, &a->x, n, err);
}

static int export_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    struct export_args a;
    memset(&a, 0, sizeof a);
    int rc = parse_export(argc, argv, &a);
    if (rc >= 0)
        return rc;
    struct tcrm_db *db;
    if ((rc = cli_db_read(cli, &db)) || (rc = cli_check_tag(db, a.x.tag)))
        return rc;
    const char *path = a.path;
    char *tmp = NULL;
    a.x.out = cli->out == stdout ? tcrm_os_charset_raw_stdout() : cli->out;
    a.x.visible = !path && cli->out_is_tty;
    if (path) {
        size_t n = strlen(path) + 16;
        if (!(tmp = malloc(n)))
            return tcrm_cli_fail("out of memory");
        snprintf(tmp, n, "%s.tmp%ld", path, (long)getpid());
        if (!(a.x.out = fopen(tmp, "wb"))) {
            rc = tcrm_cli_fail("%s: %s", path, strerror(errno));
            free(tmp);
            return rc;
        }
    }
    struct tcrm_error err;
    int64_t rows = 0;
    rc = run_format(cli, db, &a, &rows, &err);
    if (path) {
        if (fclose(a.x.out) != 0 && !rc)
            rc = tcrm_error_set(&err, TCRM_EIO, "%s: %s", path,
                                strerror(errno));
        if (!rc && rename(tmp, path) != 0)
            rc = tcrm_error_set(&err, TCRM_EIO, "%s: %s", path,
                                strerror(errno));
        if (rc)
            unlink(tmp);
        free(tmp);
    }
    if (rc)
        return tcrm_cli_fail_err(&err);
    if (path)
        fprintf(stderr, a.format == FMT_VCARD
                ? P_("exported %lld card to %s\n",
                     "exported %lld cards to %s\n", rows)
                : a.format == FMT_ICS
                ? P_("exported %lld calendar item to %s\n",
                     "exported %lld calendar items to %s\n", rows)
                : P_("exported %lld row to %s\n",
                     "exported %lld rows to %s\n", rows),
                (long long)rows, cli_s(path));
    return TCRM_EXIT_OK;
}
