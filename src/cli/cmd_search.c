/*
 * cmd_search.c: `tcrm search QUERY`: the one search of search.h (names,
 * companies, titles, e-mails, phone digits, tags, notes; Latin and CJK),
 * ranked exact name first, then names starting with the query, then the
 * rest. The query is every argument joined by spaces. On a terminal only
 * the first SEARCH_TTY_LIMIT matches are shown unless --limit says
 * otherwise (--limit 0: all).
 */
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "tcrm/contact.h"

static int cmd_search_exec(struct tcrm_cli *cli, int argc, char **argv);

#define SEARCH_TTY_LIMIT 100

const struct tcrm_cmd tcrm_cmd_search = {
    "search", "search QUERY [--format table|csv|tsv] [--limit N] [--wide]",
    N_("Find contacts by name, company, e-mail, phone, tag, notes."),
    cmd_search_exec,
};

static int cmd_search_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {
        { "format", required_argument, NULL, 'f' },
        { "limit", required_argument, NULL, 'l' },
        { "wide", no_argument, NULL, 'W' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    const struct tcrm_cmd *cmd = &tcrm_cmd_search;
    struct tcrm_contact_filter f;
    enum cli_format fmt = CLI_FMT_TABLE;
    struct cli_opts o;
    char *query, empty[600];
    int c, rc = 0, limit = -1;

    cli_opts_init(&o, cmd, argc, argv, lo);
    while (!rc && (c = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o.status;
        if (c == 'f')
            rc = cli_parse_format(cmd, optarg, &fmt);
        if (c == 'l')
            rc = cli_parse_int(cmd, "--limit", optarg, 0, 1000000000, &limit);
        if (c == 'W')
            cli->wide = 1;
    }
    if (rc || (rc = cli_want_args(cmd, &o, 1, -1, "QUERY")))
        return rc;
    if (!(query = cli_join(o.pos, o.npos)))
        return tcrm_cli_fail("out of memory");
    if (strspn(query, " \t") == strlen(query)) {
        free(query);
        return tcrm_cli_usage(cmd, "the query is empty");
    }
    /* On a terminal a common word would scroll tens of thousands of lines
     * past: show a screenful-sized first part unless told otherwise. */
    if (limit < 0)
        limit = cli->out_is_tty ? SEARCH_TTY_LIMIT : 0;
    memset(&f, 0, sizeof f);
    f.search = query;
    snprintf(empty, sizeof empty, _("no contacts match '%s'"), cli_s(query));
    rc = cli_print_contacts(cli, &f, fmt, (size_t)limit, empty);
    free(query);
    return rc;
}
