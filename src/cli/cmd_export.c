/*
 * cmd_export.c: `tcrm export contacts|companies|interactions|follow-ups|
 * deals [-o FILE] [--search Q] [--tag T] [--fields LIST] [--encoding E]
 * [--bom] [--raw]`.
 *
 * The work is src/io's (tcrm_export_run). With -o the file is written
 * next to its final name and renamed into place only when the export
 * succeeded, so a failed export never leaves half a file behind; without
 * -o the CSV goes to standard output. -o is turned into --output before
 * parsing (the option parser of src/cli takes long options only). The row count goes to stderr only
 * with -o (stdout is the data).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_internal.h"
#include "tcrm/csvio.h"

#define U_EXPORT "export contacts|companies|interactions|follow-ups|deals\n" \
    "   [-o FILE] [--search Q] [--tag T] [--fields LIST] [--encoding E]\n" \
    "   [--bom] [--raw]"

static int export_exec(struct tcrm_cli *cli, int argc, char **argv);

const struct tcrm_cmd tcrm_cmd_export = {
    "export",
    U_EXPORT,
    "Write contacts, companies, interactions, follow-ups or deals as CSV.",
    export_exec,
};

enum { O_SEARCH = 256, O_TAG, O_FIELDS, O_ENC, O_BOM, O_RAW };

static const struct option export_lo[] = {
    { "output", required_argument, NULL, 'o' },
    { "search", required_argument, NULL, O_SEARCH },
    { "tag", required_argument, NULL, O_TAG },
    { "fields", required_argument, NULL, O_FIELDS },
    { "encoding", required_argument, NULL, O_ENC },
    { "bom", no_argument, NULL, O_BOM },
    { "raw", no_argument, NULL, O_RAW },
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

static int parse_export(int argc, char **argv, struct tcrm_export_opts *x,
                        const char **path)
{
    struct cli_opts o;
    int c;
    short_o(argc, argv);
    cli_opts_init(&o, &tcrm_cmd_export, argc, argv, export_lo);
    while ((c = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o.status;
        if (c == 'o') *path = optarg;
        if (c == O_SEARCH) x->search = optarg;
        if (c == O_TAG) x->tag = optarg;
        if (c == O_FIELDS) x->fields = optarg;
        if (c == O_ENC) x->encoding = optarg;
        if (c == O_BOM) x->bom = 1;
        if (c == O_RAW) x->raw = 1;
    }
    int rc = cli_want_args(&tcrm_cmd_export, &o, 1, 1, "WHAT");
    if (rc)
        return rc;
    int what = tcrm_export_what_parse(o.pos[0]);
    if (what < 0)
        return tcrm_cli_usage(&tcrm_cmd_export, "'%s' is not contacts, "
                              "companies, interactions, follow-ups or deals",
                              o.pos[0]);
    x->what = (enum tcrm_export_what)what;
    if (x->search && x->what != TCRM_EXPORT_CONTACTS)
        return tcrm_cli_usage(&tcrm_cmd_export, "--search: only for contacts");
    if (x->tag && x->what != TCRM_EXPORT_CONTACTS &&
        x->what != TCRM_EXPORT_COMPANIES)
        return tcrm_cli_usage(&tcrm_cmd_export, "--tag: only for contacts "
                              "and companies");
    return -1;
}

static int export_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    struct tcrm_export_opts x;
    const char *path = NULL;
    memset(&x, 0, sizeof x);
    int rc = parse_export(argc, argv, &x, &path);
    if (rc >= 0)
        return rc;
    struct tcrm_db *db;
    if ((rc = cli_db_read(cli, &db)))
        return rc;
    char *tmp = NULL;
    x.out = cli->out == stdout ? cli_charset_raw_stdout() : cli->out;
    if (path) {
        size_t n = strlen(path) + 16;
        if (!(tmp = malloc(n)))
            return tcrm_cli_fail("out of memory");
        snprintf(tmp, n, "%s.tmp%ld", path, (long)getpid());
        if (!(x.out = fopen(tmp, "wb"))) {
            rc = tcrm_cli_fail("%s: %s", path, strerror(errno));
            free(tmp);
            return rc;
        }
    }
    struct tcrm_error err;
    int64_t rows = 0;
    rc = tcrm_export_run(db, &x, &rows, &err);
    if (path) {
        if (fclose(x.out) != 0 && !rc)
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
        fprintf(stderr, "exported %lld rows to %s\n", (long long)rows,
                path);
    return TCRM_EXIT_OK;
}
