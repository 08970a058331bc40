/*
 * cmd_deal_list.c: `tcrm deal list`, the pipeline as a table.
 *
 * Rows come stage by stage in pipeline order (one keyset walk per stage,
 * by id), then a last walk over all deals for those whose stage is no
 * longer in the config. A table ends with the open deals' count, total
 * and probability-weighted total per stage and currency, in pipeline
 * order; CSV and TSV carry only the rows (amounts as plain decimals).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli_internal.h"
#include "tcrm/deal.h"

extern const struct tcrm_cmd cli_deal_list_cmd;
int cli_deal_list(struct tcrm_cli *cli, int argc, char **argv);

#define PAGE 200

static void deal_row(struct tcrm_cli *cli, struct cli_table *t,
                     enum cli_format fmt, const struct tcrm_deal *d)
{
    char id[24], money[64], prob[16];

    snprintf(id, sizeof id, "%lld", (long long)d->id);
    if (fmt == CLI_FMT_TABLE) {
        tcrm_money_format(d->amount_minor, d->currency, money, sizeof money);
        snprintf(prob, sizeof prob, "%d%%", d->probability);
    } else {
        snprintf(money, sizeof money, "%s%lld.%02lld",
                 d->amount_minor < 0 ? "-" : "",
                 llabs((long long)d->amount_minor) / 100,
                 llabs((long long)d->amount_minor) % 100);
        snprintf(prob, sizeof prob, "%d", d->probability);
    }
    if (fmt == CLI_FMT_TABLE)
        cli_table_add(t, (const char *const[]){
            id, d->title, d->company_name, d->contact_name,
            tcrm_i18n_word("stage", d->stage), money,
            prob, cli_date(cli, d->expected_close),
            tcrm_i18n_word("status", tcrm_deal_status_name(d->status)) });
    else
        cli_table_add(t, (const char *const[]){
            id, d->title, d->company_name, d->contact_name, d->stage, money,
            d->currency, prob, d->expected_close,
            tcrm_deal_status_name(d->status) });
}

/* All deals of one stage (NULL: every deal whose stage is unknown). */
static int deal_walk(struct tcrm_cli *cli, struct tcrm_db *db,
                     struct cli_table *t, enum cli_format fmt,
                     const char *stage, int status)
{
    struct tcrm_deal *d = NULL;
    struct tcrm_error err;
    int64_t after = 0;
    size_t n, i;

    tcrm_error_clear(&err);
    do {
        n = 0;
        if (tcrm_deal_list(db, stage, status, 0, 0, after, PAGE, &d, &n, &err))
            return tcrm_cli_fail_err(&err);
        for (i = 0; i < n; i++)
            if (stage || tcrm_config_stage_index(&cli->cfg, d[i].stage) < 0)
                deal_row(cli, t, fmt, &d[i]);
        if (n)
            after = d[n - 1].id;
        tcrm_deal_array_free(d, n);
        d = NULL;
    } while (n == PAGE);
    return 0;
}

static void deal_totals_row(struct cli_table *t, const struct tcrm_stage_total *s)
{
    char n[24], total[64], money[64], weighted[128];

    snprintf(n, sizeof n, "%lld", (long long)s->count);
    tcrm_money_format(s->total_minor, s->currency, total, sizeof total);
    tcrm_money_format(s->weighted_minor, s->currency, money, sizeof money);
    /* TRANSLATORS: the probability-weighted total of a stage */
    snprintf(weighted, sizeof weighted, _("weighted %s"), money);
    cli_table_add(t, (const char *const[]){
        tcrm_i18n_word("stage", s->stage), n, total, weighted });
}

static int deal_totals(struct tcrm_cli *cli, struct tcrm_db *db)
{
    struct tcrm_stage_total *s = NULL;
    struct tcrm_error err;
    struct cli_table *t;
    size_t n = 0, i, k;

    tcrm_error_clear(&err);
    if (tcrm_deal_stage_totals(db, &s, &n, &err))
        return tcrm_cli_fail_err(&err);
    if (n > 0) {
        fprintf(cli->out, _("\nOpen pipeline\n"));
        t = cli_table_new(cli, CLI_FMT_TABLE, 4, NULL, "lrrr");
        cli_table_indent(t, 2);
        for (k = 0; k < cli->cfg.n_stages; k++)
            for (i = 0; i < n; i++)
                if (strcasecmp(s[i].stage, cli->cfg.stages[k]) == 0)
                    deal_totals_row(t, &s[i]);
        for (i = 0; i < n; i++)
            if (tcrm_config_stage_index(&cli->cfg, s[i].stage) < 0)
                deal_totals_row(t, &s[i]);
        cli_table_end(t);
    }
    tcrm_stage_total_array_free(s, n);
    return 0;
}

static int deal_status(const char *s, int *status)
{
    static const char *const names[] = { "open", "won", "lost", "all" };
    int i;

    for (i = 0; i < 4; i++)
        if (strcmp(s, names[i]) == 0) {
            *status = i == 3 ? -1 : i;
            return 0;
        }
    return tcrm_cli_bad(&cli_deal_list_cmd, "--status: '%s' is not one of "
                        "open, won, lost, all", cli_s(s));
}

int cli_deal_list(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {
        { "stage", required_argument, NULL, 's' },
        { "status", required_argument, NULL, 't' },
        { "all", no_argument, NULL, 'a' },
        { "format", required_argument, NULL, 'f' },
        { "wide", no_argument, NULL, 'W' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    const char *const head[] = { N_("ID"),
        /* TRANSLATORS: a column of deals: the deal's name (a contact's
         * TITLE is a job title: hence the context) */
        C_("deal", "TITLE"), N_("COMPANY"), N_("CONTACT"), N_("STAGE"),
        N_("AMOUNT"),
        /* TRANSLATORS: columns of deals: probability, expected close */
        N_("PROB"), N_("CLOSE"), N_("STATUS") };
    static const char *const head_csv[] = { "id", "title", "company",
        "contact", "stage", "amount", "currency", "probability",
        "expected_close", "status" };
    const struct tcrm_cmd *cmd = &cli_deal_list_cmd;
    enum cli_format fmt = CLI_FMT_TABLE;
    const char *stage = NULL;
    struct cli_table *t;
    struct tcrm_db *db;
    struct cli_opts o;
    int c, rc = 0, status = TCRM_DEAL_OPEN, idx = -1;
    size_t k;

    cli_opts_init(&o, cmd, argc, argv, lo);
    while (!rc && (c = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o.status;
        if (c == 's') stage = optarg;
        if (c == 't') rc = deal_status(optarg, &status);
        if (c == 'a') status = -1;
        if (c == 'f') rc = cli_parse_format(cmd, optarg, &fmt);
        if (c == 'W') cli->wide = 1;
    }
    if (rc || (rc = cli_want_args(cmd, &o, 0, 0, "")))
        return rc;
    if (stage && cli_check_stage(cli, stage, &idx))
        return TCRM_EXIT_FAIL;
    if ((rc = cli_db_read(cli, &db)))
        return rc;
    t = fmt == CLI_FMT_TABLE
            ? cli_table_new(cli, fmt, 9, head, "rllllrrll")
            : cli_table_new(cli, fmt, 10, head_csv, "rllllrlrll");
    for (k = 0; !rc && k < cli->cfg.n_stages; k++)
        if (idx < 0 || (size_t)idx == k)
            rc = deal_walk(cli, db, t, fmt, cli->cfg.stages[k], status);
    if (!rc && idx < 0)
        rc = deal_walk(cli, db, t, fmt, NULL, status);
    if (!rc && fmt == CLI_FMT_TABLE && cli_table_rows(t) == 0)
        fprintf(cli->out, "%s\n",
                status == TCRM_DEAL_OPEN ? _("no open deals")
                : status == TCRM_DEAL_WON ? _("no won deals")
                : status == TCRM_DEAL_LOST ? _("no lost deals")
                : _("no deals"));
    if (cli_table_end(t) && !rc)
        rc = TCRM_EXIT_FAIL;
    if (!rc && fmt == CLI_FMT_TABLE && idx < 0 && status != TCRM_DEAL_WON &&
        status != TCRM_DEAL_LOST)
        rc = deal_totals(cli, db);
    return rc;
}
