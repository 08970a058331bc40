/*
 * cmd_statement.c: `tcrm statement (--company NAME | --contact ID)
 * [--as-of WHEN] [-o FILE] [--format text|csv]`: a customer's statement
 * of account (对账单), filled from its template by the report layer
 * (tcrm/document.h, tcrm_statement_make), on stdout or into FILE.
 *
 * The text is for paper (80 columns, the template's words): the invoices
 * and payments up to the as-of day (today when not given) with a running
 * balance, the totals and what is overdue. CSV is the ledger's rows for
 * a spreadsheet, English headers and plain numbers.
 */
#include <string.h>

#include "cli_internal.h"
#include "tcrm/company.h"
#include "tcrm/document.h"

static int cmd_statement_exec(struct tcrm_cli *cli, int argc, char **argv);

const struct tcrm_cmd tcrm_cmd_statement = {
    "statement",
    "statement (--company NAME | --contact ID) [--as-of WHEN] [-o FILE]\n"
    " [--format text|csv]",
    N_("A customer's statement of account: invoices, payments, balance."),
    cmd_statement_exec,
};

struct st_args {
    const char *company, *contact, *path;
    char as_of[11];
    enum tcrm_report_format fmt;
};

static int st_opts(const struct tcrm_cmd *cmd, int argc, char **argv,
                   struct st_args *a)
{
    static const struct option lo[] = {
        { "company", required_argument, NULL, 'c' },
        { "contact", required_argument, NULL, 'C' },
        { "as-of", required_argument, NULL, 'a' },
        { "output", required_argument, NULL, 'o' },
        { "format", required_argument, NULL, 'f' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    struct cli_opts o;
    struct tcrm_when w;
    int c, rc;

    cli_opts_init(&o, cmd, argc, argv, lo);
    o.shorts = ":ho:";
    while ((c = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o.status ? o.status : TCRM_EXIT_HELPED;
        if (c == 'c')
            a->company = optarg;
        else if (c == 'C')
            a->contact = optarg;
        else if (c == 'o')
            a->path = optarg;
        else if (c == 'a') {
            if ((rc = cli_parse_when(cmd, "--as-of", optarg, &w)))
                return rc;
            tcrm_when_date(&w, a->as_of);
        } else if (c == 'f' && strcmp(optarg, "csv") == 0)
            a->fmt = TCRM_REPORT_CSV;
        else if (c == 'f' && strcmp(optarg, "text") != 0)
            return tcrm_cli_bad(cmd, "--format: '%s' is not text or csv",
                                cli_s(optarg));
    }
    if ((rc = cli_want_args(cmd, &o, 0, 0, "")))
        return rc;
    if (!a->company == !a->contact)
        return tcrm_cli_usage(cmd, "give --company or --contact");
    return 0;
}

static int cmd_statement_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    const struct tcrm_cmd *cmd = &tcrm_cmd_statement;
    struct st_args a;
    struct tcrm_error err;
    struct tcrm_doc doc;
    struct tcrm_db *db;
    int64_t company = 0, contact = 0;
    int rc;

    memset(&a, 0, sizeof a);
    a.fmt = TCRM_REPORT_TEXT;
    if ((rc = st_opts(cmd, argc, argv, &a)))
        return rc == TCRM_EXIT_HELPED ? TCRM_EXIT_OK : rc;
    if (a.contact && (rc = cli_parse_id(cmd, "--contact", a.contact,
                                        &contact)))
        return rc;
    if ((rc = cli_db_read(cli, &db)))
        return rc;
    tcrm_error_clear(&err);
    if (a.company && tcrm_company_find(db, a.company, &company, &err))
        return tcrm_cli_fail_err(&err);
    if (a.company && !company)
        return tcrm_cli_fail("company '%s': not found", cli_s(a.company));
    if (tcrm_statement_make(db, &cli->cfg, company, contact,
                            a.as_of[0] ? a.as_of : NULL, a.fmt, &doc, &err))
        rc = tcrm_cli_fail_err(&err);
    else
        rc = cli_doc_write(cli, &doc, a.path);
    tcrm_doc_free(&doc);
    return rc;
}
