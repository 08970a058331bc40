/*
 * cmd_quote_show.c: `tcrm quote show` and `tcrm quote list`, and the
 * lines a quote's commands print about its lines and totals.
 *
 * Every amount comes from the core, computed once by the rounding rule
 * of tcrm/money.h; nothing here adds or rounds money. CSV and TSV carry
 * plain decimals and the English state keys.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_quote.h"

/* The states as the catalogue knows them (tcrm_i18n_word "quote state"). */
static const char *const state_words[] = {
    NC_("quote state", "draft"), NC_("quote state", "sent"),
    NC_("quote state", "accepted"), NC_("quote state", "rejected"),
    NC_("quote state", "expired"),
};

static const char *state_word(int state)
{
    if (state < 0 || state > TCRM_QUOTE_EXPIRED)
        state = 0;
    return tcrm_i18n_word("quote state", state_words[state]);
}

const char *cli_money(int64_t minor, const char *cur)
{
    char buf[64];
    tcrm_money_format(minor, cur, buf, sizeof buf);
    return cli_keep(strdup(buf));
}

const char *cli_dec(int64_t v, int places, const char *suffix)
{
    char buf[64];
    tcrm_decimal_format(v, places, 0, buf, sizeof buf - 4);
    strcat(buf, suffix);
    return cli_keep(strdup(buf));
}


void cli_quote_print_line(struct tcrm_cli *cli, const char *currency,
                          const struct tcrm_quote_line *l)
{
    fprintf(cli->out, _("line %d: %s x %s at %s (%s with tax)"), l->position,
            cli_dec(l->in.qty, TCRM_QTY_PLACES, ""), cli_s(l->description),
            cli_money(l->am.unit_net, NULL),
            cli_money(l->am.unit_gross, NULL));
    if (l->in.discount)
        fprintf(cli->out, _(", less %s%%"),
                cli_dec(l->in.discount, TCRM_PCT_PLACES, ""));
    fprintf(cli->out, _(", tax %s%%: %s + %s = %s\n"),
            cli_dec(l->in.tax, TCRM_PCT_PLACES, ""),
            cli_money(l->am.net, NULL),
            cli_money(l->am.tax, NULL), cli_money(l->am.gross, currency));
}

void cli_quote_print_totals(struct tcrm_cli *cli, const char *number,
                            int64_t net, int64_t tax, int64_t gross,
                            const char *currency)
{
    fprintf(cli->out, _("%s: net %s, tax %s, gross %s\n"), cli_s(number),
            cli_money(net, NULL), cli_money(tax, NULL),
            cli_money(gross, currency));
}

static void show_lines(struct tcrm_cli *cli, const struct tcrm_quote *q,
                       const struct tcrm_quote_line *l, size_t n)
{
    const char *head[] = { "#", _("ITEM"), _("QTY"), _("UNIT"), _("PRICE"),
                           _("WITH TAX"), _("LESS"), _("TAX"), _("NET"),
                           _("GROSS") };
    struct cli_table *t = cli_table_new(cli, CLI_FMT_TABLE, 10, head,
                                        "rllllrrrrr");
    char pos[16];

    cli_table_indent(t, 2);
    for (size_t i = 0; i < n; i++) {
        snprintf(pos, sizeof pos, "%d", l[i].position);
        cli_table_add(t, (const char *const[]){ pos, l[i].description,
            cli_dec(l[i].in.qty, TCRM_QTY_PLACES, ""), l[i].unit,
            cli_money(l[i].am.unit_net, NULL),
            cli_money(l[i].am.unit_gross, NULL),
            l[i].in.discount ? cli_dec(l[i].in.discount, TCRM_PCT_PLACES,
                                       "%") : "",
            cli_dec(l[i].in.tax, TCRM_PCT_PLACES, "%"),
            cli_money(l[i].am.net, NULL), cli_money(l[i].am.gross, NULL) });
    }
    cli_table_end(t);
    cli_field(cli, _("net"), cli_money(q->net, q->currency));
    /* TRANSLATORS: the tax amount of a document's totals */
    cli_field(cli, C_("total", "tax"), cli_money(q->tax, q->currency));
    cli_field(cli, _("gross"), cli_money(q->gross, q->currency));
}

int cli_quote_show(struct tcrm_cli *cli, int argc, char **argv)
{
    struct tcrm_quote_line *l = NULL;
    struct tcrm_error err;
    struct tcrm_quote q;
    struct tcrm_db *db;
    const char *ref;
    int64_t id;
    size_t n = 0;
    int rc = cli_one_arg(&cli_quote_show_cmd, argc, argv, "QID", &ref);

    if (rc)
        return rc == TCRM_EXIT_HELPED ? TCRM_EXIT_OK : rc;
    if ((rc = cli_db_read(cli, &db)) || (rc = cli_quote_id(db, ref, &id)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_quote_get(db, id, &q, &err))
        return tcrm_cli_fail_err(&err);
    if (tcrm_quote_lines(db, id, &l, &n, &err)) {
        tcrm_quote_clear(&q);
        return tcrm_cli_fail_err(&err);
    }
    fprintf(cli->out, _("%s  (quote %lld, %s)\n"), cli_s(q.number),
            (long long)q.id, state_word(q.state));
    cli_field(cli, _("company"), q.company_name);
    cli_field(cli, _("contact"), q.contact_name);
    cli_field(cli, _("deal"), q.deal_title);
    cli_field(cli, _("valid until"), cli_date(cli, q.valid_until));
    cli_field(cli, _("owner"), q.owner);
    if (n)
        show_lines(cli, &q, l, n);
    else
        fprintf(cli->out, "  %s\n", _("no lines yet"));
    tcrm_quote_lines_free(l, n);
    tcrm_quote_clear(&q);
    return TCRM_EXIT_OK;
}

static void list_row(struct cli_table *t, enum cli_format fmt,
                     const struct tcrm_quote *q)
{
    char id[24];
    const char *who = q->company_name ? q->company_name : q->contact_name;

    snprintf(id, sizeof id, "%lld", (long long)q->id);
    if (fmt == CLI_FMT_TABLE)
        cli_table_add(t, (const char *const[]){ q->number, who,
            state_word(q->state), q->valid_until,
            cli_money(q->gross, q->currency), q->owner });
    else
        cli_table_add(t, (const char *const[]){ id, q->number, who,
            tcrm_quote_state_name(q->state), q->valid_until, q->currency,
            cli_dec(q->net, 2, ""), cli_dec(q->tax, 2, ""),
            cli_dec(q->gross, 2, ""),
            q->owner });
}

int cli_quote_list(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {
        { "state", required_argument, NULL, 's' },
        { "format", required_argument, NULL, 'f' }, CLI_OPT_HELP, CLI_OPT_END,
    };
    static const char *const head_csv[] = { "id", "number", "customer",
        "state", "valid_until", "currency", "net", "tax", "gross", "owner" };
    const char *head[] = { _("NUMBER"), _("CUSTOMER"), _("STATE"),
                           _("VALID"), _("GROSS"), _("OWNER") };
    const struct tcrm_cmd *cmd = &cli_quote_list_cmd;
    enum cli_format fmt = CLI_FMT_TABLE;
    struct tcrm_quote *q = NULL;
    struct tcrm_error err;
    struct cli_table *t;
    struct tcrm_db *db;
    struct cli_opts o;
    int c, rc = 0, state = -1;
    int64_t before = 0;
    size_t n, i;

    cli_opts_init(&o, cmd, argc, argv, lo);
    while (!rc && (c = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o.status;
        if (c == 'f')
            rc = cli_parse_format(cmd, optarg, &fmt);
        if (c == 's' && (state = tcrm_quote_state_parse(optarg)) < 0)
            rc = tcrm_cli_bad(cmd, "--state: '%s' is not one of draft, "
                              "sent, accepted, rejected, expired",
                              cli_s(optarg));
    }
    if (rc || (rc = cli_want_args(cmd, &o, 0, 0, "")) ||
        (rc = cli_db_read(cli, &db)))
        return rc;
    t = fmt == CLI_FMT_TABLE ? cli_table_new(cli, fmt, 6, head, "lllllr")
                             : cli_table_new(cli, fmt, 10, head_csv,
                                             "rllllrrrrl");
    tcrm_error_clear(&err);
    do {
        if (tcrm_quote_list(db, state, before, 200, &q, &n, &err)) {
            rc = tcrm_cli_fail_err(&err);
            break;
        }
        for (i = 0; i < n; i++)
            list_row(t, fmt, &q[i]);
        before = n ? q[n - 1].id : 0;
        tcrm_quote_array_free(q, n);
    } while (n == 200);
    if (!rc && fmt == CLI_FMT_TABLE && cli_table_rows(t) == 0)
        fprintf(cli->out, "%s\n", _("no quotes"));
    if (cli_table_end(t) && !rc)
        rc = TCRM_EXIT_FAIL;
    return rc;
}
