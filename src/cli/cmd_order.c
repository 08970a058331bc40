/*
 * cmd_order.c: `tcrm order from-quote|add|line|show|print|list|confirm|
 * cancel|approve|delete`.
 *
 * An order is named by its id or its number (O2026-0001). Values are read
 * by tcrm/money.h before the database is opened (the options of `quote
 * line`, cmd_quote.c); the rules (states, the approval of a discount
 * above [sales] max_discount, who may approve) are the core's (order.h,
 * access.h). Show and list are in cmd_order_show.c.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_order.h"
#include "tcrm/company.h"

static int order_add(struct tcrm_cli *cli, int argc, char **argv);
static int order_from_quote(struct tcrm_cli *cli, int argc, char **argv);
static int order_line(struct tcrm_cli *cli, int argc, char **argv);
static int order_state(struct tcrm_cli *cli, int argc, char **argv);
static int order_print(struct tcrm_cli *cli, int argc, char **argv);

#define U_FROM "order from-quote QID"
#define U_ADD "order add (--company NAME | --contact ID) [--deal DID]\n" \
    "   [--currency C]"
#define U_LINE "order line OID (--product CODE | --text TEXT) --qty N\n" \
    "   [--price P] [--discount PCT] [--tax RATE] [--gross] [--unit U]"
#define U_SHOW "order show OID"
#define U_PRINT "order print OID [-o FILE] [--format text|csv]"
#define U_LIST "order list [--state S] [--format table|csv|tsv]"
#define U_CONFIRM "order confirm OID"
#define U_CANCEL "order cancel OID"
#define U_APPROVE "order approve OID"
#define U_DELETE "order delete OID"

static const struct tcrm_cmd sub_from = { "order from-quote", U_FROM,
    N_("Make an order from an accepted quote, with its lines."),
    order_from_quote };
static const struct tcrm_cmd sub_add = { "order add", U_ADD,
    N_("Start an order without a quote."), order_add };
static const struct tcrm_cmd sub_line = { "order line", U_LINE,
    N_("Add a line to an open order."), order_line };
const struct tcrm_cmd cli_order_show_cmd = { "order show", U_SHOW,
    N_("Show an order with its lines, what was shipped, its totals."),
    cli_order_show };
static const struct tcrm_cmd sub_print = { "order print", U_PRINT,
    N_("Print an order from its template, or its lines as CSV."),
    order_print };
const struct tcrm_cmd cli_order_list_cmd = { "order list", U_LIST,
    N_("List orders, newest first."), cli_order_list };
static const struct tcrm_cmd sub_confirm = { "order confirm", U_CONFIRM,
    N_("Confirm an open order (after its approval, if it needs one)."),
    order_state };
static const struct tcrm_cmd sub_cancel = { "order cancel", U_CANCEL,
    N_("Cancel an order that has shipped nothing."), order_state };
static const struct tcrm_cmd sub_approve = { "order approve", U_APPROVE,
    N_("Approve an order's discount (managers and admins)."), order_state };
static const struct tcrm_cmd sub_delete = { "order delete", U_DELETE,
    N_("Move an order to the trash."), order_state };
static const struct tcrm_cmd *const subs[] = {
    &sub_from, &sub_add, &sub_line, &cli_order_show_cmd, &sub_print,
    &cli_order_list_cmd, &sub_confirm, &sub_cancel, &sub_approve,
    &sub_delete,
};

static int order_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    return cli_dispatch(cli, &tcrm_cmd_order, subs,
                        sizeof subs / sizeof subs[0], argc, argv);
}

const struct tcrm_cmd tcrm_cmd_order = {
    "order",
    U_FROM "\n" U_ADD "\n" U_LINE "\n" U_SHOW "\n" U_PRINT "\n" U_LIST "\n"
    U_CONFIRM "\n" U_CANCEL "\n" U_APPROVE "\n" U_DELETE,
    N_("Orders: from-quote, add, line, show, print, list, confirm, cancel, "
       "approve, delete."),
    order_exec,
};

int cli_order_id(struct tcrm_db *db, const char *ref, int64_t *id)
{
    return cli_doc_id(db, ref, id, tcrm_order_find);
}

/* [sales] max_discount in hundredths of a percent. */
static int64_t limit_of(const struct tcrm_cli *cli)
{
    return (int64_t)cli->cfg.max_discount * 100;
}

/* "added order 1: O2026-0001 (CNY, open)" and, when so, that it waits. */
static void say_added(struct tcrm_cli *cli, struct tcrm_db *db, int64_t id)
{
    struct tcrm_error err;
    struct tcrm_order o;

    tcrm_error_clear(&err);
    if (tcrm_order_get(db, id, &o, &err))
        return;
    fprintf(cli->out, _("added order %lld: %s (%s, open)\n"), (long long)id,
            cli_s(o.number), cli_s(o.currency));
    cli_order_say_waiting(cli, &o);
    tcrm_order_clear(&o);
}

int cli_order_open(struct tcrm_cli *cli, struct tcrm_db *db,
                   int64_t quote_id)
{
    struct tcrm_error err;
    int64_t id;

    tcrm_error_clear(&err);
    if (tcrm_order_from_quote(db, quote_id, cli->cfg.order_number,
                              limit_of(cli), &id, &err))
        return tcrm_cli_fail_err(&err);
    say_added(cli, db, id);
    return TCRM_EXIT_OK;
}

static int order_from_quote(struct tcrm_cli *cli, int argc, char **argv)
{
    struct tcrm_db *db;
    const char *ref;
    int64_t qid;
    int rc = cli_one_arg(&sub_from, argc, argv, "QID", &ref);

    if (rc)
        return rc == TCRM_EXIT_HELPED ? TCRM_EXIT_OK : rc;
    if ((rc = tcrm_cli_db(cli, &db)) || (rc = cli_quote_id(db, ref, &qid)))
        return rc;
    return cli_order_open(cli, db, qid);
}

/* ---- add ------------------------------------------------------------------ */

static int add_opts(struct cli_opts *o, const char **company,
                    const char **currency, struct tcrm_order *d)
{
    static const struct option lo[] = {
        { "company", required_argument, NULL, 'c' },
        { "contact", required_argument, NULL, 'p' },
        { "deal", required_argument, NULL, 'd' },
        { "currency", required_argument, NULL, 'u' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    const char *contact = NULL, *deal = NULL;
    int c;

    o->lo = lo;
    while ((c = cli_opts_next(o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o->status;
        *(c == 'c' ? company : c == 'p' ? &contact : c == 'd' ? &deal
                                                               : currency) =
            optarg;
    }
    return cli_doc_customer(&sub_add, o, *company, contact, deal,
                            &d->contact_id, &d->deal_id);
}

static int order_add(struct tcrm_cli *cli, int argc, char **argv)
{
    const char *company = NULL, *currency = NULL;
    struct tcrm_error err;
    struct tcrm_order d;
    struct tcrm_db *db;
    struct cli_opts o;
    int rc;

    tcrm_order_init(&d);
    cli_opts_init(&o, &sub_add, argc, argv, NULL);
    if ((rc = add_opts(&o, &company, &currency, &d)) >= 0 ||
        (rc = tcrm_cli_db(cli, &db)))
        return rc;
    tcrm_str_set(&d.currency, currency ? currency : cli->cfg.currency);
    tcrm_error_clear(&err);
    if ((rc = cli_doc_company(db, company, &d.company_id)))
        ;
    else if (tcrm_order_insert(db, &d, cli->cfg.order_number, &err))
        rc = tcrm_cli_fail_err(&err);
    else
        say_added(cli, db, d.id);
    tcrm_order_clear(&d);
    return rc;
}

/* ---- line ----------------------------------------------------------------- */

static int order_line(struct tcrm_cli *cli, int argc, char **argv)
{
    struct cli_line_args a;
    struct tcrm_quote_line l;
    struct tcrm_price_source src;
    struct tcrm_error err;
    struct tcrm_order d;
    struct tcrm_db *db;
    int rc = cli_line_start(cli, &sub_line, argc, argv, cli_order_id, &a,
                            &l, &db);

    if (rc >= 0)
        return rc;
    rc = 0;
    tcrm_error_clear(&err);
    tcrm_order_init(&d);
    if (tcrm_order_add_line(db, &l, a.product, limit_of(cli), &src, &err) ||
        tcrm_order_get(db, l.quote_id, &d, &err)) {
        rc = tcrm_cli_fail_err(&err);
    } else {
        struct cli_doc_sum s = { d.number, d.currency,
            d.company_name ? d.company_name : d.contact_name, d.net, d.tax,
            d.gross };
        cli_line_added(cli, &l, &src, &s);
        cli_order_say_waiting(cli, &d);
    }
    tcrm_order_clear(&d);
    tcrm_quote_line_clear(&l);
    return rc;
}

/* ---- print, confirm, cancel, approve, delete --------------------------------- */

static int order_print(struct tcrm_cli *cli, int argc, char **argv)
{
    return cli_doc_print(cli, &sub_print, "order", argc, argv, cli_order_id);
}

static int state_run(struct tcrm_db *db, const struct tcrm_cmd *cmd,
                     int64_t id, struct tcrm_error *err)
{
    if (cmd == &sub_approve)
        return tcrm_order_approve(db, id, err);
    if (cmd == &sub_delete)
        return tcrm_order_delete(db, id, err);
    return tcrm_order_set_state(db, id, cmd == &sub_confirm
                                ? TCRM_ORDER_CONFIRMED
                                : TCRM_ORDER_CANCELLED, err);
}

static int order_state(struct tcrm_cli *cli, int argc, char **argv)
{
    const struct tcrm_cmd *cmd = NULL;
    struct tcrm_error err;
    struct tcrm_order d;
    struct tcrm_db *db;
    const char *ref;
    int64_t id;
    int rc;

    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
        if (strcmp(subs[i]->name + 6, argv[0]) == 0)
            cmd = subs[i];
    if ((rc = cli_one_arg(cmd, argc, argv, "OID", &ref)))
        return rc == TCRM_EXIT_HELPED ? TCRM_EXIT_OK : rc;
    if ((rc = tcrm_cli_db(cli, &db)) || (rc = cli_order_id(db, ref, &id)))
        return rc;
    tcrm_error_clear(&err);
    tcrm_order_init(&d);
    rc = cmd == &sub_delete ? tcrm_order_get(db, id, &d, &err) : 0;
    if (rc == 0)
        rc = state_run(db, cmd, id, &err);
    if (rc == 0 && cmd != &sub_delete)
        rc = tcrm_order_get(db, id, &d, &err);
    if (rc) {
        tcrm_order_clear(&d);
        return tcrm_cli_fail_err(&err);
    }
    if (cmd == &sub_delete)
        fprintf(cli->out, _("moved order %s to the trash; tcrm restore "
                "order/%lld brings it back\n"), cli_s(d.number),
                (long long)id);
    else if (cmd == &sub_approve)
        fprintf(cli->out, _("order %s is approved\n"), cli_s(d.number));
    else
        fprintf(cli->out, _("order %s is %s\n"), cli_s(d.number),
                tcrm_i18n_word("order state", tcrm_order_state_name(d.state)));
    tcrm_order_clear(&d);
    return TCRM_EXIT_OK;
}
