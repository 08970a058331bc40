/*
 * cmd_payment.c: `tcrm payment add|list|show|void|apply`.
 *
 * What a payment pays (an invoice, an order's open invoices oldest due
 * first, or nothing yet: a customer's prepayment) and what is refused
 * (more than is open without --prepay, a currency that is not the
 * invoice's) are the core's (tcrm/invoice.h).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_money.h"
#include "cmd_order.h"

static int payment_add(struct tcrm_cli *cli, int argc, char **argv);
static int payment_list(struct tcrm_cli *cli, int argc, char **argv);
static int payment_show(struct tcrm_cli *cli, int argc, char **argv);
static int payment_void(struct tcrm_cli *cli, int argc, char **argv);
static int payment_apply(struct tcrm_cli *cli, int argc, char **argv);

#define U_ADD "payment add (--invoice IID | --order OID | --company NAME |\n" \
    "   --contact ID) --amount A --method bank|cash|wechat|alipay|cheque|\n" \
    "   card|other [--account NAME] [--date WHEN] [--note TEXT]\n"          \
    "   [--currency C] [--prepay]"
#define U_LIST "payment list [--company NAME | --contact ID] [--order OID]\n" \
    "   [--invoice IID] [--all] [--format table|csv|tsv]"
#define U_SHOW "payment show PID"
#define U_VOID "payment void PID"
#define U_APPLY "payment apply (--company NAME | --contact ID)"

static const struct tcrm_cmd sub_add = { "payment add", U_ADD,
    N_("Record money received against an invoice, an order or a customer."),
    payment_add };
static const struct tcrm_cmd sub_list = { "payment list", U_LIST,
    N_("List payments, newest first."), payment_list };
static const struct tcrm_cmd sub_show = { "payment show", U_SHOW,
    N_("Show a payment and what it paid."), payment_show };
static const struct tcrm_cmd sub_void = { "payment void", U_VOID,
    N_("Void a payment (it is kept; what it paid is open again)."),
    payment_void };
static const struct tcrm_cmd sub_apply = { "payment apply", U_APPLY,
    N_("Apply a customer's credit to their oldest open invoices."),
    payment_apply };
static const struct tcrm_cmd *const subs[] = { &sub_add, &sub_list,
    &sub_show, &sub_void, &sub_apply };

static int payment_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    return cli_dispatch(cli, &tcrm_cmd_payment, subs,
                        sizeof subs / sizeof subs[0], argc, argv);
}

const struct tcrm_cmd tcrm_cmd_payment = {
    "payment", U_ADD "\n" U_LIST "\n" U_SHOW "\n" U_VOID "\n" U_APPLY,
    N_("Payments: add, list, show, void, apply."), payment_exec,
};

int cli_payment_id(struct tcrm_db *db, const char *ref, int64_t *id)
{
    return cli_doc_id(db, ref, id, tcrm_payment_find);
}

/* ---- add ----------------------------------------------------------------------- */

struct add_args {
    const char *invoice, *order, *company, *contact, *amount, *method,
               *account, *date, *note, *currency;
    int prepay;
    char day[11], cur[4];
};

static int add_values(struct add_args *a, struct tcrm_payment_in *in)
{
    int n = !!a->invoice + !!a->order + !!a->company + !!a->contact, rc;
    if (n != 1)
        return tcrm_cli_usage(&sub_add, "give one of --invoice, --order, "
                              "--company, --contact");
    if (!a->amount || !a->method)
        return tcrm_cli_usage(&sub_add, !a->amount ? "missing --amount"
                                                   : "missing --method");
    if ((rc = cli_amount(&sub_add, "--amount", a->amount, &in->amount)) ||
        (a->date && (rc = cli_day(&sub_add, "--date", a->date, a->day))))
        return rc;
    if ((in->method = tcrm_pay_method_parse(a->method)) < 0)
        return tcrm_cli_bad(&sub_add, "--method: '%s' is not one of %s",
                            cli_s(a->method), tcrm_pay_method_list());
    if (a->currency) {
        struct tcrm_error err;
        tcrm_error_clear(&err);
        snprintf(a->cur, sizeof a->cur, "%.3s", a->currency);
        if (strlen(a->currency) != 3 || tcrm_currency_check(a->cur, &err))
            return tcrm_cli_bad(&sub_add, "--currency: '%s' is not a "
                                "3-letter code", cli_s(a->currency));
        in->currency = a->cur;
    }
    in->account = a->account;
    in->note = a->note;
    in->paid_on = a->date ? a->day : NULL;
    in->prepay = a->prepay;
    return -1;
}

static int add_opts(struct cli_opts *o, struct add_args *a,
                    struct tcrm_payment_in *in)
{
    static const struct option lo[] = {
        { "invoice", required_argument, NULL, 'i' },
        { "order", required_argument, NULL, 'o' },
        { "company", required_argument, NULL, 'c' },
        { "contact", required_argument, NULL, 'p' },
        { "amount", required_argument, NULL, 'a' },
        { "method", required_argument, NULL, 'm' },
        { "account", required_argument, NULL, 'n' },
        { "date", required_argument, NULL, 'd' },
        { "note", required_argument, NULL, 't' },
        { "currency", required_argument, NULL, 'u' },
        { "prepay", no_argument, NULL, 'P' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    const char **slot[] = { &a->invoice, &a->order, &a->company,
                            &a->contact, &a->amount, &a->method,
                            &a->account, &a->date, &a->note, &a->currency };
    const char *keys = "iocpamndtu";
    int c, rc;

    o->lo = lo;
    while ((c = cli_opts_next(o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o->status;
        if (c == 'P')
            a->prepay = 1;
        else
            *slot[strchr(keys, c) - keys] = optarg;
    }
    if ((rc = cli_want_args(&sub_add, o, 0, 0, "")))
        return rc;
    return add_values(a, in);
}

/* "  paid 500.00 CNY of invoice I2026-0001 (open 0.00)" per allocation,
 * and what is left as credit. */
static void say_added(struct tcrm_cli *cli, struct tcrm_db *db, int64_t id)
{
    struct tcrm_payment p;
    struct tcrm_allocation *al = NULL;
    size_t n = 0;
    if (tcrm_payment_get(db, id, &p, NULL))
        return;
    fprintf(cli->out, _("added payment %lld: %s, %s by %s\n"), (long long)id,
            cli_s(p.number), cli_money(p.amount, p.currency),
            tcrm_i18n_word("method", tcrm_pay_method_name(p.method)));
    if (tcrm_allocations(db, id, 0, &al, &n, NULL) == 0)
        for (size_t i = 0; i < n; i++)
            fprintf(cli->out, _("  paid %s of invoice %s\n"),
                    cli_money(al[i].amount, p.currency),
                    al[i].invoice_number ? cli_s(al[i].invoice_number)
                                         : _("opening balance"));
    tcrm_allocations_free(al, n);
    if (p.amount > p.applied)
        fprintf(cli->out, _("  %s kept as credit of %s\n"),
                cli_money(p.amount - p.applied, p.currency),
                cli_s(p.company_name ? p.company_name : p.contact_name));
    tcrm_payment_clear(&p);
}

static int payment_add(struct tcrm_cli *cli, int argc, char **argv)
{
    struct tcrm_payment_in in;
    struct add_args a;
    struct cli_opts o;
    struct tcrm_error err;
    struct tcrm_db *db;
    int64_t id;
    int rc;

    memset(&in, 0, sizeof in);
    memset(&a, 0, sizeof a);
    cli_opts_init(&o, &sub_add, argc, argv, NULL);
    if ((rc = add_opts(&o, &a, &in)) >= 0 || (rc = tcrm_cli_db(cli, &db)) ||
        (a.invoice && (rc = cli_invoice_id(db, a.invoice, &in.invoice_id))) ||
        (a.order && (rc = cli_order_id(db, a.order, &in.order_id))) ||
        ((a.company || a.contact) &&
         (rc = cli_customer(&sub_add, db, a.company, a.contact,
                            &in.customer))))
        return rc;
    if ((a.company || a.contact) && !in.currency)
        in.currency = cli->cfg.base_currency;
    in.pattern = cli->cfg.payment_number;
    tcrm_error_clear(&err);
    if (tcrm_payment_add(db, &in, &id, &err))
        return tcrm_cli_fail_err(&err);
    say_added(cli, db, id);
    return TCRM_EXIT_OK;
}

/* ---- list ------------------------------------------------------------------------- */

struct list_args {
    const char *company, *contact, *order, *invoice;
    enum cli_format fmt;
    struct tcrm_payment_filter f;
};

static int list_opts(struct cli_opts *o, struct list_args *a)
{
    static const struct option lo[] = {
        { "company", required_argument, NULL, 'c' },
        { "contact", required_argument, NULL, 'p' },
        { "order", required_argument, NULL, 'o' },
        { "invoice", required_argument, NULL, 'i' },
        { "all", no_argument, NULL, 'A' },
        { "format", required_argument, NULL, 'f' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    int c, rc = 0;

    o->lo = lo;
    while (!rc && (c = cli_opts_next(o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o->status;
        if (c == 'f')
            rc = cli_parse_format(&sub_list, optarg, &a->fmt);
        else if (c == 'A')
            a->f.with_void = 1;
        else
            *(c == 'c' ? &a->company : c == 'p' ? &a->contact
              : c == 'o' ? &a->order : &a->invoice) = optarg;
    }
    if (!rc && a->company && a->contact)
        rc = tcrm_cli_usage(&sub_list, "give --company or --contact, not both");
    return rc ? rc : cli_want_args(&sub_list, o, 0, 0, "");
}

static void list_row(struct cli_table *t, enum cli_format fmt,
                     const struct tcrm_payment *p)
{
    char id[24];
    const char *who = p->company_name ? p->company_name : p->contact_name;
    const char *what = p->invoice_number ? p->invoice_number
                                         : p->order_number;

    snprintf(id, sizeof id, "%lld", (long long)p->id);
    if (fmt == CLI_FMT_TABLE)
        cli_table_add(t, (const char *const[]){ p->number, who, p->paid_on,
            cli_money(p->amount, p->currency),
            tcrm_i18n_word("method", tcrm_pay_method_name(p->method)), what,
            p->voided_at ? C_("invoice state", "voided")
            : p->amount > p->applied ? cli_fmt(_("credit %s"),
                                               cli_money(p->amount - p->applied,
                                                         NULL)) : "",
            p->owner });
    else
        cli_table_add(t, (const char *const[]){ id, p->number, who,
            p->paid_on, p->currency, cli_dec(p->amount, 2, ""),
            cli_dec(p->applied, 2, ""), tcrm_pay_method_name(p->method),
            p->account, p->invoice_number, p->order_number,
            p->voided_at ? "voided" : "", p->owner });
}

static int payment_list(struct tcrm_cli *cli, int argc, char **argv)
{
    static const char *const head_csv[] = { "id", "number", "customer",
        "date", "currency", "amount", "applied", "method", "account",
        "invoice", "order", "state", "owner" };
    const char *head[] = { _("NUMBER"), _("CUSTOMER"), _("DATE"),
                           _("AMOUNT"), _("METHOD"), _("FOR"), _("STATE"),
                           _("OWNER") };
    struct list_args a;
    struct tcrm_payment *p = NULL;
    struct tcrm_error err;
    struct cli_opts o;
    struct tcrm_db *db;
    int64_t after = 0;
    size_t n = 0;
    int rc, more = 0;

    memset(&a, 0, sizeof a);
    cli_opts_init(&o, &sub_list, argc, argv, NULL);
    if ((rc = list_opts(&o, &a)) || (rc = cli_db_read(cli, &db)) ||
        ((a.company || a.contact) &&
         (rc = cli_customer(&sub_list, db, a.company, a.contact,
                            &a.f.customer))) ||
        (a.order && (rc = cli_order_id(db, a.order, &a.f.order_id))) ||
        (a.invoice && (rc = cli_invoice_id(db, a.invoice, &a.f.invoice_id))))
        return rc;
    struct cli_table *t = a.fmt == CLI_FMT_TABLE
        ? cli_table_new(cli, a.fmt, 8, head, "lllrllll")
        : cli_table_new(cli, a.fmt, 13, head_csv, "rllllrrllllll");
    tcrm_error_clear(&err);
    do {
        if (tcrm_payment_page(db, &a.f, after, 0, 500, &p, &n, &more, &err)) {
            rc = tcrm_cli_fail_err(&err);
            break;
        }
        for (size_t i = 0; i < n; i++)
            list_row(t, a.fmt, &p[i]);
        after = n ? p[n - 1].id : 0;
        tcrm_payment_array_free(p, n);
    } while (more);
    if (!rc && a.fmt == CLI_FMT_TABLE && cli_table_rows(t) == 0)
        fprintf(cli->out, "%s\n", _("no payments"));
    if (cli_table_end(t) && !rc)
        rc = TCRM_EXIT_FAIL;
    return rc;
}

/* ---- show, void, apply ------------------------------------------------------------ */

static void show_paid(struct tcrm_cli *cli, struct tcrm_db *db,
                      const struct tcrm_payment *p)
{
    struct tcrm_allocation *al = NULL;
    size_t n = 0;
    if (tcrm_allocations(db, p->id, 0, &al, &n, NULL) || n == 0)
        return;
    const char *head[] = { _("INVOICE"), _("AMOUNT") };
    struct cli_table *t = cli_table_new(cli, CLI_FMT_TABLE, 2, head, "lr");
    cli_table_indent(t, 2);
    for (size_t i = 0; i < n; i++)
        cli_table_add(t, (const char *const[]){ al[i].invoice_number
            ? al[i].invoice_number : _("opening balance"),
            cli_money(al[i].amount, p->currency) });
    cli_table_end(t);
    tcrm_allocations_free(al, n);
}

static int payment_show(struct tcrm_cli *cli, int argc, char **argv)
{
    struct tcrm_payment p;
    struct tcrm_error err;
    struct tcrm_db *db;
    const char *ref;
    int64_t id;
    int rc = cli_one_arg(&sub_show, argc, argv, "PID", &ref);

    if (rc)
        return rc == TCRM_EXIT_HELPED ? TCRM_EXIT_OK : rc;
    if ((rc = cli_db_read(cli, &db)) || (rc = cli_payment_id(db, ref, &id)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_payment_get(db, id, &p, &err))
        return tcrm_cli_fail_err(&err);
    fprintf(cli->out, _("%s  (payment %lld)\n"), cli_s(p.number),
            (long long)id);
    cli_field(cli, _("company"), p.company_name);
    cli_field(cli, _("contact"), p.contact_name);
    cli_field(cli, _("order"), p.order_number);
    cli_field(cli, _("invoice"), p.invoice_number);
    cli_field(cli, _("date"), cli_date(cli, p.paid_on));
    cli_field(cli, _("amount"), cli_money(p.amount, p.currency));
    cli_field(cli, _("method"), tcrm_i18n_word("method",
                                                tcrm_pay_method_name(p.method)));
    cli_field(cli, _("account"), p.account);
    if (!p.voided_at)
        cli_field(cli, _("credit"), cli_money(p.amount - p.applied,
                                              p.currency));
    cli_field(cli, _("owner"), p.owner);
    cli_field(cli, _("note"), p.note);
    if (p.voided_at)
        cli_field(cli, _("voided"), cli_fmt(_("%s by %s"),
                  cli_date(cli, p.voided_at), cli_s(p.voided_by)));
    show_paid(cli, db, &p);
    tcrm_payment_clear(&p);
    return TCRM_EXIT_OK;
}

static void say_voided(struct tcrm_cli *cli, struct tcrm_db *db, int64_t id)
{
    struct tcrm_payment p;
    if (tcrm_payment_get(db, id, &p, NULL))
        return;
    fprintf(cli->out, _("payment %s is voided; what it paid is open again\n"),
            cli_s(p.number));
    tcrm_payment_clear(&p);
}

static int payment_void(struct tcrm_cli *cli, int argc, char **argv)
{
    return cli_money_void(cli, &sub_void, argc, argv, "PID", cli_payment_id,
                          tcrm_payment_void, say_voided);
}

static int payment_apply(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {
        { "company", required_argument, NULL, 'c' },
        { "contact", required_argument, NULL, 'p' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    const char *company = NULL, *contact = NULL;
    struct tcrm_customer cu;
    struct tcrm_error err;
    struct cli_opts o;
    struct tcrm_db *db;
    int64_t applied;
    size_t n;
    int c, rc;

    cli_opts_init(&o, &sub_apply, argc, argv, lo);
    while ((c = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o.status;
        *(c == 'c' ? &company : &contact) = optarg;
    }
    if ((rc = cli_want_args(&sub_apply, &o, 0, 0, "")) ||
        (rc = cli_customer_given(&sub_apply, company, contact)) ||
        (rc = tcrm_cli_db(cli, &db)) ||
        (rc = cli_customer(&sub_apply, db, company, contact, &cu)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_payment_apply(db, &cu, &applied, &n, &err))
        return tcrm_cli_fail_err(&err);
    if (n == 0)
        fprintf(cli->out, "%s\n", _("nothing to apply: no credit, or no open "
                "invoice in its currency"));
    else
        fprintf(cli->out, P_("applied %s of credit (%zu allocation)\n",
                             "applied %s of credit (%zu allocations)\n", n),
                cli_money(applied, NULL), n);
    return TCRM_EXIT_OK;
}
