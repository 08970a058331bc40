/*
 * cmd_order_show.c: `tcrm order show` and `tcrm order list`, and the
 * line that says an order waits for approval.
 *
 * Every amount and quantity comes from the core (the rounding rule of
 * tcrm/money.h, what the delivery notes shipped); nothing here adds or
 * rounds. CSV and TSV carry plain decimals and the English state keys.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_order.h"

/* The words as the catalogue knows them (tcrm_i18n_word). */
static const char *const state_words[] = {
    NC_("order state", "open"), NC_("order state", "confirmed"),
    NC_("order state", "cancelled"),
};
static const char *const approval_words[] = {
    NC_("approval", "none"), NC_("approval", "waiting"),
    NC_("approval", "approved"),
};

static const char *state_word(int state)
{
    return tcrm_i18n_word("order state", state_words[state < 0 || state > 2
                                                     ? 0 : state]);
}


void cli_order_say_waiting(struct tcrm_cli *cli, const struct tcrm_order *o)
{
    if (o->approval == TCRM_APPROVAL_WAITING)
        fprintf(cli->out, _("order %s waits for a manager's approval (a "
                "discount of %s%%): tcrm order approve %lld\n"),
                cli_s(o->number), cli_dec(o->max_discount, TCRM_PCT_PLACES,
                                          ""), (long long)o->id);
}

static void show_lines(struct tcrm_cli *cli, const struct tcrm_order *o,
                       const struct tcrm_quote_line *l, size_t n)
{
    const char *head[] = { "#", _("ITEM"), _("QTY"), _("SHIPPED"),
                           _("UNIT"), _("PRICE"), _("LESS"), _("TAX"),
                           _("NET"), _("GROSS") };
    struct cli_table *t = cli_table_new(cli, CLI_FMT_TABLE, 10, head,
                                        "rlrrlrrrrr");
    char pos[16];

    cli_table_indent(t, 2);
    for (size_t i = 0; i < n; i++) {
        snprintf(pos, sizeof pos, "%d", l[i].position);
        cli_table_add(t, (const char *const[]){ pos, l[i].description,
            cli_dec(l[i].in.qty, TCRM_QTY_PLACES, ""),
            cli_dec(l[i].shipped, TCRM_QTY_PLACES, ""), l[i].unit,
            cli_money(l[i].am.unit_net, NULL),
            l[i].in.discount ? cli_dec(l[i].in.discount, 2, "%") : "",
            cli_dec(l[i].in.tax, 2, "%"), cli_money(l[i].am.net, NULL),
            cli_money(l[i].am.gross, NULL) });
    }
    cli_table_end(t);
    cli_field(cli, _("net"), cli_money(o->net, o->currency));
    cli_field(cli, C_("total", "tax"), cli_money(o->tax, o->currency));
    cli_field(cli, _("gross"), cli_money(o->gross, o->currency));
}

static void show_head(struct tcrm_cli *cli, const struct tcrm_order *o)
{
    const char *approval = tcrm_i18n_word("approval",
                                          approval_words[o->approval]);
    fprintf(cli->out, _("%s  (order %lld, %s)\n"), cli_s(o->number),
            (long long)o->id, state_word(o->state));
    cli_field(cli, _("company"), o->company_name);
    cli_field(cli, _("contact"), o->contact_name);
    cli_field(cli, _("deal"), o->deal_title);
    cli_field(cli, _("quote"), o->quote_number);
    cli_field(cli, _("owner"), o->owner);
    if (o->approval == TCRM_APPROVAL_APPROVED)
        cli_field(cli, _("approval"), cli_fmt(_("%s by %s, %s"), approval,
                  cli_s(o->approved_by), cli_date(cli, o->approved_at)));
    else if (o->approval == TCRM_APPROVAL_WAITING)
        cli_field(cli, _("approval"), approval);
    if (o->state == TCRM_ORDER_CONFIRMED)
        cli_field(cli, _("to ship"), cli_dec(o->ordered - o->shipped,
                                             TCRM_QTY_PLACES, ""));
}

int cli_order_show(struct tcrm_cli *cli, int argc, char **argv)
{
    struct tcrm_quote_line *l = NULL;
    struct tcrm_error err;
    struct tcrm_order o;
    struct tcrm_db *db;
    const char *ref;
    int64_t id;
    size_t n = 0;
    int rc = cli_one_arg(&cli_order_show_cmd, argc, argv, "OID", &ref);

    if (rc)
        return rc == TCRM_EXIT_HELPED ? TCRM_EXIT_OK : rc;
    if ((rc = cli_db_read(cli, &db)) || (rc = cli_order_id(db, ref, &id)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_order_get(db, id, &o, &err))
        return tcrm_cli_fail_err(&err);
    if (tcrm_order_lines(db, id, &l, &n, &err)) {
        tcrm_order_clear(&o);
        return tcrm_cli_fail_err(&err);
    }
    show_head(cli, &o);
    if (n)
        show_lines(cli, &o, l, n);
    else
        fprintf(cli->out, "  %s\n", _("no lines yet"));
    tcrm_quote_lines_free(l, n);
    tcrm_order_clear(&o);
    return TCRM_EXIT_OK;
}

static void list_row(struct cli_table *t, enum cli_format fmt,
                     const struct tcrm_order *o)
{
    char id[24];
    const char *who = o->company_name ? o->company_name : o->contact_name;

    snprintf(id, sizeof id, "%lld", (long long)o->id);
    if (fmt == CLI_FMT_TABLE)
        cli_table_add(t, (const char *const[]){ o->number, who,
            state_word(o->state), o->approval == TCRM_APPROVAL_WAITING
                ? tcrm_i18n_word("approval", approval_words[1]) : "",
            cli_money(o->gross, o->currency), o->owner });
    else
        cli_table_add(t, (const char *const[]){ id, o->number, who,
            tcrm_order_state_name(o->state),
            tcrm_order_approval_name(o->approval), o->quote_number,
            o->currency, cli_dec(o->net, 2, ""), cli_dec(o->tax, 2, ""),
            cli_dec(o->gross, 2, ""),
            cli_dec(o->ordered - o->shipped, TCRM_QTY_PLACES, ""),
            o->owner });
}

static int list_opts(struct cli_opts *o, enum cli_format *fmt, int *state)
{
    static const struct option lo[] = {
        { "state", required_argument, NULL, 's' },
        { "format", required_argument, NULL, 'f' }, CLI_OPT_HELP, CLI_OPT_END,
    };
    const struct tcrm_cmd *cmd = &cli_order_list_cmd;
    int c, rc = 0;

    o->lo = lo;
    while (!rc && (c = cli_opts_next(o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o->status;
        if (c == 'f')
            rc = cli_parse_format(cmd, optarg, fmt);
        if (c == 's' && (*state = tcrm_order_state_parse(optarg)) < 0)
            rc = tcrm_cli_bad(cmd, "--state: '%s' is not one of open, "
                                "confirmed, cancelled", cli_s(optarg));
    }
    return rc ? rc : cli_want_args(cmd, o, 0, 0, "");
}

int cli_order_list(struct tcrm_cli *cli, int argc, char **argv)
{
    static const char *const head_csv[] = { "id", "number", "customer",
        "state", "approval", "quote", "currency", "net", "tax", "gross",
        "to_ship", "owner" };
    const char *head[] = { _("NUMBER"), _("CUSTOMER"), _("STATE"),
                           _("APPROVAL"), _("GROSS"), _("OWNER") };
    enum cli_format fmt = CLI_FMT_TABLE;
    struct tcrm_order *o = NULL;
    struct tcrm_error err;
    struct cli_table *t;
    struct tcrm_db *db;
    struct cli_opts opts;
    int rc, state = -1;
    int64_t before = 0;
    size_t n;

    cli_opts_init(&opts, &cli_order_list_cmd, argc, argv, NULL);
    if ((rc = list_opts(&opts, &fmt, &state)) || (rc = cli_db_read(cli, &db)))
        return rc;
    t = fmt == CLI_FMT_TABLE ? cli_table_new(cli, fmt, 6, head, "llllrl")
                             : cli_table_new(cli, fmt, 12, head_csv,
                                             "rllllllrrrrl");
    tcrm_error_clear(&err);
    do {
        if (tcrm_order_list(db, state, before, 200, &o, &n, &err)) {
            rc = tcrm_cli_fail_err(&err);
            break;
        }
        for (size_t i = 0; i < n; i++)
            list_row(t, fmt, &o[i]);
        before = n ? o[n - 1].id : 0;
        tcrm_order_array_free(o, n);
    } while (n == 200);
    if (!rc && fmt == CLI_FMT_TABLE && cli_table_rows(t) == 0)
        fprintf(cli->out, "%s\n", _("no orders"));
    if (cli_table_end(t) && !rc)
        rc = TCRM_EXIT_FAIL;
    return rc;
}
