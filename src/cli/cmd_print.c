/*
 * cmd_print.c: `tcrm quote|order|delivery print ID [-o FILE] [--format
 * text|csv]`: a sales document filled from its template by the report
 * layer (tcrm/document.h), written to stdout or to FILE.
 *
 * The text is for paper (80 columns, the template's words); CSV is the
 * document's lines for a spreadsheet, English headers and plain numbers.
 */
#include <string.h>

#include "cli_internal.h"
#include "tcrm/document.h"

int cli_doc_write(struct tcrm_cli *cli, const struct tcrm_doc *doc,
                  const char *path)
{
    struct tcrm_error err;

    tcrm_error_clear(&err);
    if (path)
        return tcrm_doc_save(doc, path, &err) ? tcrm_cli_fail_err(&err) : 0;
    for (size_t i = 0; i < doc->n; i++)
        if (fputs(doc->lines[i], cli->out) == EOF ||
            fputc('\n', cli->out) == EOF)
            return tcrm_cli_fail("print: cannot write the output");
    return TCRM_EXIT_OK;
}

int cli_doc_print(struct tcrm_cli *cli, const struct tcrm_cmd *cmd,
                  const char *kind, int argc, char **argv,
                  int (*find)(struct tcrm_db *, const char *, int64_t *))
{
    static const struct option lo[] = {
        { "output", required_argument, NULL, 'o' },
        { "format", required_argument, NULL, 'f' }, CLI_OPT_HELP, CLI_OPT_END,
    };
    enum tcrm_report_format fmt = TCRM_REPORT_TEXT;
    const char *path = NULL;
    struct tcrm_error err;
    struct tcrm_doc doc;
    struct tcrm_db *db;
    struct cli_opts o;
    int64_t id;
    int c, rc;

    cli_opts_init(&o, cmd, argc, argv, lo);
    o.shorts = ":ho:";
    while ((c = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o.status;
        if (c == 'o')
            path = optarg;
        else if (c == 'f' && strcmp(optarg, "csv") == 0)
            fmt = TCRM_REPORT_CSV;
        else if (c == 'f' && strcmp(optarg, "text") != 0)
            return tcrm_cli_bad(cmd, "--format: '%s' is not text or csv",
                                  cli_s(optarg));
    }
    if ((rc = cli_want_args(cmd, &o, 1, 1, "ID")) ||
        (rc = cli_db_read(cli, &db)) || (rc = find(db, o.pos[0], &id)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_document_make(db, &cli->cfg, kind, id, fmt, &doc, &err))
        rc = tcrm_cli_fail_err(&err);
    else
        rc = cli_doc_write(cli, &doc, path);
    tcrm_doc_free(&doc);
    return rc;
}
