/*
 * cmd_audit.c: `tcrm audit [ENTITY ID] [--user LOGIN] [--since WHEN]
 * [--until WHEN] [--limit N] [--format text|csv] [--raw]`: the audit trail,
 * newest first.
 *
 * The record is ENTITY ID ("contact 42"), ENTITY/ID ("contact/42", as
 * the trash names it) or ENTITY alone (every record of that kind). WHEN
 * is any date tcrm reads; --since counts from the start of its day (or
 * its time), --until to the end of its day (or its time). Text shows one
 * line per change and an indented "field: old -> new" line per changed
 * field; csv one line per changed field (one per change without fields),
 * through the one CSV writer (cli_table) with its formula rule. Text
 * longer than the screen goes through a pager on a terminal
 * (cli_pager.c), never into a pipe.
 */
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "tcrm/audit.h"
#include "tcrm/date.h"

static int cmd_audit_exec(struct tcrm_cli *cli, int argc, char **argv);

const struct tcrm_cmd tcrm_cmd_audit = {
    "audit", "audit [ENTITY [ID]] [--user LOGIN] [--since WHEN] "
             "[--until WHEN]\n"
             " [--limit N] [--format text|csv] [--raw]\n"
             "   (ENTITY: contact, company, deal, interaction, follow-up, "
             "import)",
    N_("Show who changed what and when (the audit trail), newest first."),
    cmd_audit_exec,
};

struct audit_out {
    struct tcrm_cli *cli;
    struct cli_table *csv;      /* NULL: text */
    size_t n;
    struct cli_pager pager;     /* text on a terminal */
};

static int audit_text(const struct tcrm_audit_row *r, void *ud)
{
    struct audit_out *o = ud;
    FILE *f = o->cli->out;

    fprintf(f, "%s  %s  %s %lld  %s", cli_date(o->cli, r->at), cli_s(r->who),
            cli_s(r->entity), (long long)r->entity_id, cli_s(r->action));
    if (r->details && *r->details)
        fprintf(f, "  %s", cli_s(r->details));
    fputc('\n', f);
    for (size_t i = 0; i < r->n_fields; i++) {
        const struct tcrm_audit_field *x = &r->fields[i];
        fprintf(f, "    %s: %s -> %s\n", cli_s(x->field),
                x->old_value ? cli_s(x->old_value) : _("(empty)"),
                x->new_value ? cli_s(x->new_value) : _("(empty)"));
    }
    o->n++;
    if (ferror(f))
        return TCRM_EIO;
    cli_pager_check(o->cli, &o->pager);
    return 0;
}

static int audit_csv(const struct tcrm_audit_row *r, void *ud)
{
    struct audit_out *o = ud;
    char id[24];

    snprintf(id, sizeof id, "%lld", (long long)r->entity_id);
    size_t n = r->n_fields ? r->n_fields : 1;
    for (size_t i = 0; i < n; i++) {
        const struct tcrm_audit_field *x = r->n_fields ? &r->fields[i] : NULL;
        if (cli_table_add(o->csv, (const char *const[]){
                r->at, r->who, r->entity, id, r->action, r->details,
                x ? x->field : NULL, x ? x->old_value : NULL,
                x ? x->new_value : NULL }))
            return TCRM_ENOMEM;
    }
    o->n++;
    return 0;
}

/* "contact 42", "contact/42", "contact". */
static int audit_target(const struct tcrm_cmd *cmd, const struct cli_opts *o,
                        struct tcrm_audit_filter *f)
{
    char kind[32];
    const char *arg = o->npos > 0 ? o->pos[0] : NULL, *slash, *idtext;

    if (!arg)
        return 0;
    slash = strchr(arg, '/');
    if (slash && o->npos > 1)
        return tcrm_cli_usage(cmd, "unexpected argument '%s'",
                              cli_s(o->pos[1]));
    snprintf(kind, sizeof kind, "%.*s",
             (int)(slash ? (size_t)(slash - arg) : strlen(arg)), arg);
    if (!(f->entity = tcrm_audit_entity(kind)))
        return tcrm_cli_bad(cmd, "'%s' is not contact, company, deal, "
                            "interaction, follow-up or import", cli_s(kind));
    idtext = slash ? slash + 1 : o->npos > 1 ? o->pos[1] : NULL;
    return idtext ? cli_parse_id(cmd, N_("record id"), idtext, &f->entity_id)
                  : 0;
}

/* WHEN as the first (--since) or last (--until) second it names. */
static int audit_when(const struct tcrm_cmd *cmd, const char *opt,
                      const char *s, int end, char out[20])
{
    struct tcrm_when w;
    int rc = cli_parse_when(cmd, opt, s, &w);

    if (rc)
        return rc;
    if (w.has_time)
        snprintf(out, 20, "%04d-%02d-%02d %02d:%02d:%s", w.year, w.month,
                 w.day, w.hour, w.minute, end ? "59" : "00");
    else
        snprintf(out, 20, "%04d-%02d-%02d %s", w.year, w.month, w.day,
                 end ? "23:59:59" : "00:00:00");
    return 0;
}

static int audit_options(const struct tcrm_cmd *cmd, struct cli_opts *o,
                         struct tcrm_audit_filter *f, char since[20],
                         char until[20], int *limit, int *csv, int *raw)
{
    int c, rc = 0;

    while (!rc && (c = cli_opts_next(o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o->status;
        if (c == 'u')
            f->user = optarg;
        else if (c == 'r')
            *raw = 1;
        else if (c == 's' && !(rc = audit_when(cmd, "--since", optarg, 0,
                                               since)))
            f->since = since;
        else if (c == 't' && !(rc = audit_when(cmd, "--until", optarg, 1,
                                               until)))
            f->until = until;
        else if (c == 'l')
            rc = cli_parse_int(cmd, "--limit", optarg, 1, 1000000000, limit);
        else if (c == 'f' && !(*csv = strcmp(optarg, "csv") == 0) &&
                 strcmp(optarg, "text") != 0)
            rc = tcrm_cli_bad(cmd, "--format: '%s' is not text or csv",
                              cli_s(optarg));
    }
    if (rc || (rc = cli_want_args(cmd, o, 0, 2, "[ENTITY [ID]]")))
        return rc;
    return audit_target(cmd, o, f);
}

static int cmd_audit_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {
        { "user", required_argument, NULL, 'u' },
        { "since", required_argument, NULL, 's' },
        { "until", required_argument, NULL, 't' },
        { "limit", required_argument, NULL, 'l' },
        { "format", required_argument, NULL, 'f' },
        { "raw", no_argument, NULL, 'r' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    static const char *const head[] = { "at", "who", "entity", "id",
                                        "action", "details", "field", "old",
                                        "new" };
    const struct tcrm_cmd *cmd = &tcrm_cmd_audit;
    struct tcrm_audit_filter f = { NULL, 0, NULL, NULL, NULL };
    struct audit_out out;
    char since[20], until[20];
    struct tcrm_error err;
    struct tcrm_db *db;
    struct cli_opts o;
    int rc, limit = 0, csv = 0;

    memset(&out, 0, sizeof out);
    out.cli = cli;
    cli_opts_init(&o, cmd, argc, argv, lo);
    if ((rc = audit_options(cmd, &o, &f, since, until, &limit, &csv,
                            &cli->csv_raw)) ||
        (rc = cli_db_read(cli, &db)))
        return rc;
    if (csv)
        out.csv = cli_table_new(cli, CLI_FMT_CSV, 9, head, "lllrlllll");
    else
        cli_pager_begin(cli, &out.pager);
    tcrm_error_clear(&err);
    rc = tcrm_audit_each(db, &f, (size_t)limit, csv ? audit_csv : audit_text,
                         &out, &err);
    if (out.csv && cli_table_end(out.csv) && !rc)
        rc = TCRM_EIO;
    if (!csv && cli_pager_end(cli, &out.pager))
        return TCRM_EXIT_OK;    /* the pager was quit: nothing is wrong */
    if (rc)
        return err.msg[0] ? tcrm_cli_fail_err(&err)
                          : tcrm_cli_fail("audit: %s", tcrm_error_name(rc));
    if (!csv && out.n == 0)
        fprintf(cli->out, "%s", _("no changes recorded\n"));
    return TCRM_EXIT_OK;
}
