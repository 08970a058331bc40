/*
 * cli_util.c: the small tools every command uses.
 *
 * Option parsing wraps getopt_long with opterr off, so that every usage
 * error reads the same ("tcrm contact add: unknown option '--x'" and the
 * usage lines) and exits 2. GNU getopt permutes, so options may follow
 * the positional arguments (tcrm contact add "Anna" --tag vip); "--" ends
 * the options for a summary that starts with a dash.
 *
 * Argument parsers print their own error, one line, and return 1 (a bad
 * value, as everywhere: tcrm/cli.h), so a command body reads:
 * if ((rc = cli_parse_id(...))) return rc;
 *
 * Text from the database never goes to the terminal raw: cli_s() returns
 * a tcrm_text_sanitize()d copy kept in a ring of 32 slots, freed as the
 * ring turns and at exit, so a printf can take a few without bookkeeping.
 */
#define _GNU_SOURCE /* vasprintf */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "tcrm/tag.h"
#include "tcrm/text.h"

#define CLI_RING 32

static char *cli_ring[CLI_RING];
static size_t cli_ring_pos;

const char *cli_keep(char *s)
{
    if (!s)
        return "";
    free(cli_ring[cli_ring_pos]);
    cli_ring[cli_ring_pos] = s;
    cli_ring_pos = (cli_ring_pos + 1) % CLI_RING;
    return s;
}

const char *cli_s(const char *s)
{
    return cli_keep(tcrm_text_sanitize(s ? s : ""));
}

void cli_ring_free(void)
{
    size_t i;

    for (i = 0; i < CLI_RING; i++) {
        free(cli_ring[i]);
        cli_ring[i] = NULL;
    }
    cli_ring_pos = 0;
}

const char *cli_date(const struct tcrm_cli *cli, const char *iso)
{
    char buf[128];
    const char *pat = cli->cfg.date_format ? cli->cfg.date_format : "%Y-%m-%d";

    if (!iso || !*iso)
        return "";
    tcrm_date_format(pat, iso, buf, sizeof buf);
    return cli_s(buf);
}

const char *cli_pad(const char *s, int cols)
{
    int w = tcrm_text_width(s), pad = w < cols ? cols - w : 0;

    /* like "%-*s", by columns, and never cut */
    return cli_fmt("%s%*s", s, pad, "");
}

const char *cli_label(const char *label)
{
    return cli_fmt("  %s", cli_pad(label, 13));
}

void cli_field(struct tcrm_cli *cli, const char *label, const char *value)
{
    if (value && *value)
        fprintf(cli->out, "%s %s\n", cli_label(label), cli_s(value));
}

const char *cli_fmt(const char *fmt, ...)
{
    va_list ap;
    char *s = NULL;
    int n;

    va_start(ap, fmt);
    n = vasprintf(&s, fmt, ap);
    va_end(ap);
    return n < 0 ? "" : cli_keep(s);
}

const char *cli_changed(const char *at, const char *by, long long version)
{
    /* TRANSLATORS: when, who, and the record's version number */
    return cli_fmt(_("%s by %s (version %lld)"), cli_s(at), cli_s(by),
                   version);
}

const char *cli_stage_names(const struct tcrm_config *cfg)
{
    size_t i, len = 1;
    char *s;

    for (i = 0; i < cfg->n_stages; i++)
        len += strlen(cfg->stages[i]) + 2;
    if (!(s = malloc(len)))
        return "";
    s[0] = '\0';
    for (i = 0; i < cfg->n_stages; i++) {
        if (i)
            strcat(s, ", ");
        strcat(s, cfg->stages[i]);
    }
    return cli_keep(s);
}

int cli_check_tag(struct tcrm_db *db, const char *tag)
{
    struct tcrm_error err;

    tcrm_error_clear(&err);
    if (tag && tcrm_tag_exists(db, tag, &err))
        return tcrm_cli_fail_err(&err);
    return 0;
}

int cli_check_stage(const struct tcrm_cli *cli, const char *stage, int *idx)
{
    *idx = tcrm_config_stage_index(&cli->cfg, stage);
    if (*idx >= 0)
        return 0;
    tcrm_cli_fail("stage '%s' is not in the pipeline (stages: %s)",
                  cli_s(stage), cli_stage_names(&cli->cfg));
    return 1;
}

/* ---- options -------------------------------------------------------- */

void cli_opts_init(struct cli_opts *o, const struct tcrm_cmd *cmd, int argc,
                   char **argv, const struct option *lo)
{
    memset(o, 0, sizeof *o);
    o->cmd = cmd;
    o->argc = argc;
    o->argv = argv;
    o->lo = lo;
    optind = 0;    /* GNU: start over, re-reading the environment */
    opterr = 0;
}

/* The option as typed, without any "=value" (ring-owned). */
static const char *cli_opt_text(const char *arg)
{
    const char *eq = strchr(arg, '=');
    size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
    char *s = malloc(n + 1);

    if (!s)
        return arg;
    memcpy(s, arg, n);
    s[n] = '\0';
    cli_keep(s);
    return cli_s(s);
}

int cli_opts_next(struct cli_opts *o)
{
    int c = getopt_long(o->argc, o->argv, o->shorts ? o->shorts : ":h",
                        o->lo, NULL);

    switch (c) {
    case -1:
        o->pos = o->argv + optind;
        o->npos = o->argc - optind;
        return CLI_OPT_DONE;
    case 'h':
        o->status = cli_help(o->cmd);
        return CLI_OPT_STOP;
    case ':':
        o->status = tcrm_cli_usage(o->cmd, "option '%s' needs a value",
                                   cli_opt_text(o->argv[optind - 1]));
        return CLI_OPT_STOP;
    case '?':
        if (optopt)
            o->status = tcrm_cli_usage(o->cmd, "unknown option '-%s'",
                                       cli_s((char[]){ (char)optopt, 0 }));
        else
            o->status = tcrm_cli_usage(o->cmd, "unknown option '%s'",
                                       cli_opt_text(o->argv[optind - 1]));
        return CLI_OPT_STOP;
    default:
        return c;
    }
}

int cli_want_args(const struct tcrm_cmd *cmd, const struct cli_opts *o,
                  int min, int max, const char *names)
{
    if (o->npos < min)
        return tcrm_cli_usage(cmd, "missing %s", names);
    if (max >= 0 && o->npos > max)
        return tcrm_cli_usage(cmd, "unexpected argument '%s'",
                              cli_s(o->pos[max]));
    return 0;
}

char *cli_join(char **argv, int n)
{
    size_t len = 1;
    char *s;
    int i;

    for (i = 0; i < n; i++)
        len += strlen(argv[i]) + 1;
    if (!(s = malloc(len)))
        return NULL;
    s[0] = '\0';
    for (i = 0; i < n; i++) {
        if (i)
            strcat(s, " ");
        strcat(s, argv[i]);
    }
    return s;
}

int cli_dispatch(struct tcrm_cli *cli, const struct tcrm_cmd *group,
                 const struct tcrm_cmd *const *subs, size_t n, int argc,
                 char **argv)
{
    size_t i, skip = strlen(group->name) + 1;

    if (argc < 2)
        return tcrm_cli_usage(group, "missing a subcommand");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
        return cli_help(group);
    for (i = 0; i < n; i++)
        if (strcmp(subs[i]->name + skip, argv[1]) == 0)
            return subs[i]->exec(cli, argc - 1, argv + 1);
    return tcrm_cli_usage(group, "unknown subcommand '%s'", cli_s(argv[1]));
}

/* ---- argument parsers ----------------------------------------------- */

int cli_parse_id(const struct tcrm_cmd *cmd, const char *what, const char *s,
                 int64_t *id)
{
    char *end;
    long long v;

    errno = 0;
    v = (s[0] >= '0' && s[0] <= '9') ? strtoll(s, &end, 10) : 0;
    if (v <= 0 || errno || *end)
        /* TRANSLATORS: the second %s is what was wanted: "contact id",
         * "deal id", "record id" */
        return tcrm_cli_bad(cmd, "'%s' is not a %s (a number such as 42)",
                            cli_s(s), _(what));
    *id = (int64_t)v;
    return 0;
}

int cli_parse_int(const struct tcrm_cmd *cmd, const char *opt, const char *s,
                  int lo, int hi, int *out)
{
    char *end;
    long v;

    errno = 0;
    v = ((s[0] >= '0' && s[0] <= '9') || (s[0] == '-' && s[1]))
            ? strtol(s, &end, 10) : lo - 1L;
    if (errno || v < lo || v > hi || (v >= lo && *end))
        return tcrm_cli_bad(cmd, "%s: '%s' is not a whole number from %d "
                            "to %d", opt, cli_s(s), lo, hi);
    *out = (int)v;
    return 0;
}

int cli_parse_when(const struct tcrm_cmd *cmd, const char *opt, const char *s,
                   struct tcrm_when *w)
{
    struct tcrm_error err;

    tcrm_error_clear(&err);
    if (tcrm_date_parse(s, tcrm_clock_now(), w, &err) == 0)
        return 0;
    return tcrm_cli_bad(cmd, "%s: %s", opt, cli_s(err.msg));
}

int cli_one_arg(const struct tcrm_cmd *cmd, int argc, char **argv,
                const char *name, const char **arg)
{
    static const struct option lo[] = { CLI_OPT_HELP, CLI_OPT_END };
    struct cli_opts o;
    int c, rc;

    cli_opts_init(&o, cmd, argc, argv, lo);
    while ((c = cli_opts_next(&o)) != CLI_OPT_DONE)
        if (c == CLI_OPT_STOP)
            return o.status == TCRM_EXIT_OK ? TCRM_EXIT_HELPED : o.status;
    if ((rc = cli_want_args(cmd, &o, 1, 1, name)))
        return rc;
    *arg = o.pos[0];
    return 0;
}

int cli_one_id(const struct tcrm_cmd *cmd, int argc, char **argv,
               const char *what, int64_t *id)
{
    const char *arg;
    int rc = cli_one_arg(cmd, argc, argv, "ID", &arg);
    return rc ? rc : cli_parse_id(cmd, what, arg, id);
}
