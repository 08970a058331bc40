/*
 * cmd_invoice.c: `tcrm invoice add|list|show|void`, and what the money
 * commands share (cmd_money.h).
 *
 * The rules (what is left to bill of an order, numbers never used twice,
 * due dates from the terms, credit limits, voiding) are the core's
 * (tcrm/invoice.h, tcrm/receivable.h); here options are read and
 * results said.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_money.h"
#include "tcrm/date.h"
#include "tcrm/receivable.h"

static int invoice_add(struct tcrm_cli *cli, int argc, char **argv);
static int invoice_list(struct tcrm_cli *cli, int argc, char **argv);
static int invoice_show(struct tcrm_cli *cli, int argc, char **argv);
static int invoice_void(struct tcrm_cli *cli, int argc, char **argv);

#define U_ADD "invoice add OID --amount A [--number N] [--date WHEN]\n" \
    "   [--due WHEN] [--note TEXT]"
#define U_LIST "invoice list [--company NAME | --contact ID] [--order OID]\n" \
    "   [--open] [--all] [--format table|csv|tsv]"
#define U_SHOW "invoice show IID"
#define U_VOID "invoice void IID"

static const struct tcrm_cmd sub_add = { "invoice add", U_ADD,
    N_("Bill part or all of a confirmed order."), invoice_add };
static const struct tcrm_cmd sub_list = { "invoice list", U_LIST,
    N_("List invoices, newest first."), invoice_list };
static const struct tcrm_cmd sub_show = { "invoice show", U_SHOW,
    N_("Show an invoice and the payments made to it."), invoice_show };
static const struct tcrm_cmd sub_void = { "invoice void", U_VOID,
    N_("Void an invoice without payments (it is kept, and stops counting)."),
    invoice_void };
static const struct tcrm_cmd *const subs[] = { &sub_add, &sub_list,
                                               &sub_show, &sub_void };

static int invoice_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    return cli_dispatch(cli, &tcrm_cmd_invoice, subs,
                        sizeof subs / sizeof subs[0], argc, argv);
}

const struct tcrm_cmd tcrm_cmd_invoice = {
    "invoice", U_ADD "\n" U_LIST "\n" U_SHOW "\n" U_VOID,
    N_("Invoices: add, list, show, void."), invoice_exec,
};

/* ---- shared ------------------------------------------------------------------ */

int cli_invoice_id(struct tcrm_db *db, const char *ref, int64_t *id)
{
    return cli_doc_id(db, ref, id, tcrm_invoice_find);
}

int cli_customer_given(const struct tcrm_cmd *cmd, const char *company,
                       const char *contact)
{
    return !company == !contact
               ? tcrm_cli_usage(cmd, "give --company or --contact") : 0;
}

int cli_customer(const struct tcrm_cmd *cmd, struct tcrm_db *db,
                 const char *company, const char *contact,
                 struct tcrm_customer *c)
{
    memset(c, 0, sizeof *c);
    if (contact)
        return cli_parse_id(cmd, "--contact", contact, &c->contact_id);
    return cli_doc_company(db, company, &c->company_id);
}

int cli_amount(const struct tcrm_cmd *cmd, const char *opt, const char *s,
               int64_t *minor)
{
    struct tcrm_error err;
    tcrm_error_clear(&err);
    if (tcrm_decimal_read(s, opt, TCRM_MONEY_PLACES, minor, &err))
        return tcrm_cli_bad(cmd, "%s", err.msg);
    if (*minor == 0 && strcmp(opt, "--amount") == 0)
        return tcrm_cli_bad(cmd, "--amount: must be more than 0");
    return 0;
}

int cli_day(const struct tcrm_cmd *cmd, const char *opt, const char *s,
            char out[11])
{
    struct tcrm_when w;
    int rc = cli_parse_when(cmd, opt, s, &w);
    if (rc == 0)
        tcrm_when_date(&w, out);
    return rc;
}

void cli_credit_warn(struct tcrm_cli *cli, struct tcrm_db *db,
                     const struct tcrm_customer *c, const char *name,
                     int64_t amount, const char *currency)
{
    struct tcrm_credit cr;
    if (cli->cfg.credit_enforce ||
        tcrm_credit_check(db, c, amount, currency, &cr, NULL) || !cr.over)
        return;
    fprintf(stderr, _("tcrm: warning: %s would owe %s, past their credit "
            "limit of %s\n"), cli_s(name),
            cli_money(cr.owed + cr.adding, cr.base),
            cli_money(cr.limit, cr.base));
}

const char *cli_invoice_state(const struct tcrm_invoice *v, const char *today)
{
    if (v->voided_at)
        return C_("invoice state", "voided");
    if (v->paid >= v->amount)
        return C_("invoice state", "paid");
    if (strcmp(v->due_on, today) < 0)
        return cli_fmt(P_("overdue %d day", "overdue %d days",
                          tcrm_date_days_between(v->due_on, today)),
                       tcrm_date_days_between(v->due_on, today));
    return C_("invoice state", "open");
}

/* ---- add --------------------------------------------------------------------------- */

struct add_args {
    const char *amount, *number, *date, *due, *note;
};

static int add_opts(struct cli_opts *o, struct add_args *a,
                    struct tcrm_invoice_in *in, char date[11], char due[11])
{
    static const struct option lo[] = {
        { "amount", required_argument, NULL, 'a' },
        { "number", required_argument, NULL, 'n' },
        { "date", required_argument, NULL, 'd' },
        { "due", required_argument, NULL, 'u' },
        { "note", required_argument, NULL, 't' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    const char **slot[] = { &a->amount, &a->number, &a->date, &a->due,
                            &a->note };
    const char *keys = "andut";
    int c, rc;

    o->lo = lo;
    while ((c = cli_opts_next(o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o->status;
        *slot[strchr(keys, c) - keys] = optarg;
    }
    if ((rc = cli_want_args(&sub_add, o, 1, 1, "OID")))
        return rc;
    if (!a->amount)
        return tcrm_cli_usage(&sub_add, "missing --amount");
    if ((rc = cli_amount(&sub_add, "--amount", a->amount, &in->amount)) ||
        (a->date && (rc = cli_day(&sub_add, "--date", a->date, date))) ||
        (a->due && (rc = cli_day(&sub_add, "--due", a->due, due))))
        return rc;
    in->number = a->number;
    in->note = a->note;
    in->issued_on = a->date ? date : NULL;
    in->due_on = a->due ? due : NULL;
    return -1;
}

static void say_added(struct tcrm_cli *cli, struct tcrm_db *db, int64_t id)
{
    struct tcrm_invoice v;
    if (tcrm_invoice_get(db, id, &v, NULL))
        return;
    fprintf(cli->out, _("added invoice %lld: %s of order %s, %s, due %s\n"),
            (long long)id, cli_s(v.number), cli_s(v.order_number),
            cli_money(v.amount, v.currency), cli_date(cli, v.due_on));
    if (v.paid)
        fprintf(cli->out, _("  %s paid by the order's deposit\n"),
                cli_money(v.paid, v.currency));
    tcrm_invoice_clear(&v);
}

static int invoice_add(struct tcrm_cli *cli, int argc, char **argv)
{
    struct tcrm_invoice_in in;
    struct add_args a;
    struct cli_opts o;
    struct tcrm_error err;
    struct tcrm_db *db;
    char date[11], due[11];
    int64_t id;
    int rc;

    memset(&in, 0, sizeof in);
    memset(&a, 0, sizeof a);
    cli_opts_init(&o, &sub_add, argc, argv, NULL);
    if ((rc = add_opts(&o, &a, &in, date, due)) >= 0 ||
        (rc = tcrm_cli_db(cli, &db)) ||
        (rc = cli_order_id(db, o.pos[0], &in.order_id)))
        return rc;
    in.pattern = cli->cfg.invoice_number;
    in.payment_days = cli->cfg.payment_days;
    tcrm_error_clear(&err);
    struct tcrm_order ord;
    if (tcrm_order_get(db, in.order_id, &ord, &err))
        return tcrm_cli_fail_err(&err);
    struct tcrm_customer c = { ord.company_id, ord.company_id ? 0
                                                              : ord.contact_id };
    if (tcrm_invoice_add(db, &in, &id, &err) == 0) {
        say_added(cli, db, id);
        cli_credit_warn(cli, db, &c, ord.company_name ? ord.company_name
                        : ord.contact_name, 0, ord.currency);
    } else {
        rc = tcrm_cli_fail_err(&err);
    }
    tcrm_order_clear(&ord);
    return rc;
}

/* ---- list -------------------------------------------------------------------------- */

struct list_args {
    const char *company, *contact, *order;
    enum cli_format fmt;
    struct tcrm_invoice_filter f;
};

static int list_opts(struct cli_opts *o, struct list_args *a)
{
    static const struct option lo[] = {
        { "company", required_argument, NULL, 'c' },
        { "contact", required_argument, NULL, 'p' },
        { "order", required_argument, NULL, 'o' },
        { "open", no_argument, NULL, 'O' },
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
        else if (c == 'O')
            a->f.open_only = 1;
        else if (c == 'A')
            a->f.with_void = 1;
        else
            *(c == 'c' ? &a->company : c == 'p' ? &a->contact : &a->order) =
                optarg;
    }
    if (!rc && a->company && a->contact)
        rc = tcrm_cli_usage(&sub_list, "give --company or --contact, not both");
    return rc ? rc : cli_want_args(&sub_list, o, 0, 0, "");
}

static void list_row(struct cli_table *t, enum cli_format fmt,
                     const struct tcrm_invoice *v, const char *today)
{
    char id[24];
    const char *who = v->company_name ? v->company_name : v->contact_name;
    const char *number = v->number ? v->number : _("opening");

    snprintf(id, sizeof id, "%lld", (long long)v->id);
    if (fmt == CLI_FMT_TABLE)
        cli_table_add(t, (const char *const[]){ number, who, v->issued_on,
            v->due_on, cli_money(v->amount, v->currency),
            cli_money(v->amount - v->paid, NULL), cli_invoice_state(v, today),
            v->owner });
    else
        cli_table_add(t, (const char *const[]){ id, v->number, who,
            v->order_number, v->issued_on, v->due_on, v->currency,
            cli_dec(v->amount, 2, ""), cli_dec(v->paid, 2, ""),
            cli_dec(v->amount - v->paid, 2, ""),
            v->voided_at ? "voided" : v->paid >= v->amount ? "paid" : "open",
            v->owner });
}

static int invoice_list(struct tcrm_cli *cli, int argc, char **argv)
{
    static const char *const head_csv[] = { "id", "number", "customer",
        "order", "date", "due", "currency", "amount", "paid", "open",
        "state", "owner" };
    const char *head[] = { _("NUMBER"), _("CUSTOMER"), _("DATE"), _("DUE"),
                           _("AMOUNT"), _("OPEN"), _("STATE"), _("OWNER") };
    struct list_args a;
    struct tcrm_invoice *v = NULL;
    struct tcrm_error err;
    struct cli_opts o;
    struct tcrm_db *db;
    char today[11];
    int64_t after = 0;
    size_t n = 0;
    int rc, more = 0;

    memset(&a, 0, sizeof a);
    cli_opts_init(&o, &sub_list, argc, argv, NULL);
    if ((rc = list_opts(&o, &a)) || (rc = cli_db_read(cli, &db)) ||
        ((a.company || a.contact) &&
         (rc = cli_customer(&sub_list, db, a.company, a.contact,
                            &a.f.customer))) ||
        (a.order && (rc = cli_order_id(db, a.order, &a.f.order_id))))
        return rc;
    tcrm_date_today(tcrm_clock_now(), today);
    struct cli_table *t = a.fmt == CLI_FMT_TABLE
        ? cli_table_new(cli, a.fmt, 8, head, "llllrrll")
        : cli_table_new(cli, a.fmt, 12, head_csv, "rlllllllrrrl");
    tcrm_error_clear(&err);
    do {
        if (tcrm_invoice_page(db, &a.f, after, 0, 500, &v, &n, &more, &err)) {
            rc = tcrm_cli_fail_err(&err);
            break;
        }
        for (size_t i = 0; i < n; i++)
            list_row(t, a.fmt, &v[i], today);
        after = n ? v[n - 1].id : 0;
        tcrm_invoice_array_free(v, n);
    } while (more);
    if (!rc && a.fmt == CLI_FMT_TABLE && cli_table_rows(t) == 0)
        fprintf(cli->out, "%s\n", _("no invoices"));
    if (cli_table_end(t) && !rc)
        rc = TCRM_EXIT_FAIL;
    return rc;
}

/* ---- show, void ---------------------------------------------------------------------- */

static void show_payments(struct tcrm_cli *cli, struct tcrm_db *db,
                          const struct tcrm_invoice *v)
{
    struct tcrm_allocation *al = NULL;
    size_t n = 0;
    if (tcrm_allocations(db, 0, v->id, &al, &n, NULL) || n == 0) {
        fprintf(cli->out, "  %s\n", _("no payments yet"));
        return;
    }
    const char *head[] = { _("PAYMENT"), _("DATE"), _("AMOUNT"), "" };
    struct cli_table *t = cli_table_new(cli, CLI_FMT_TABLE, 4, head, "llrl");
    cli_table_indent(t, 2);
    for (size_t i = 0; i < n; i++)
        cli_table_add(t, (const char *const[]){ al[i].payment_number,
            al[i].paid_on, cli_money(al[i].amount, v->currency),
            al[i].payment_voided ? C_("invoice state", "voided") : "" });
    cli_table_end(t);
    tcrm_allocations_free(al, n);
}

static int invoice_show(struct tcrm_cli *cli, int argc, char **argv)
{
    struct tcrm_invoice v;
    struct tcrm_error err;
    struct tcrm_db *db;
    const char *ref;
    char today[11];
    int64_t id;
    int rc = cli_one_arg(&sub_show, argc, argv, "IID", &ref);

    if (rc)
        return rc == TCRM_EXIT_HELPED ? TCRM_EXIT_OK : rc;
    if ((rc = cli_db_read(cli, &db)) || (rc = cli_invoice_id(db, ref, &id)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_invoice_get(db, id, &v, &err))
        return tcrm_cli_fail_err(&err);
    tcrm_date_today(tcrm_clock_now(), today);
    fprintf(cli->out, _("%s  (invoice %lld, %s)\n"),
            v.number ? cli_s(v.number) : _("opening balance"), (long long)id,
            cli_invoice_state(&v, today));
    cli_field(cli, _("company"), v.company_name);
    cli_field(cli, _("contact"), v.contact_name);
    cli_field(cli, _("order"), v.order_number);
    cli_field(cli, _("date"), cli_date(cli, v.issued_on));
    cli_field(cli, _("due"), cli_date(cli, v.due_on));
    cli_field(cli, _("amount"), cli_money(v.amount, v.currency));
    cli_field(cli, _("paid"), cli_money(v.paid, v.currency));
    cli_field(cli, _("open"), cli_money(v.voided_at ? 0 : v.amount - v.paid,
                                        v.currency));
    cli_field(cli, _("owner"), v.owner);
    cli_field(cli, _("note"), v.note);
    if (v.voided_at)
        cli_field(cli, _("voided"), cli_fmt(_("%s by %s"),
                  cli_date(cli, v.voided_at), cli_s(v.voided_by)));
    show_payments(cli, db, &v);
    tcrm_invoice_clear(&v);
    return TCRM_EXIT_OK;
}

int cli_money_void(struct tcrm_cli *cli, const struct tcrm_cmd *cmd,
                   int argc, char **argv, const char *metavar,
                   int (*id_of)(struct tcrm_db *db, const char *ref,
                                int64_t *id),
                   int (*void_fn)(struct tcrm_db *db, int64_t id,
                                  struct tcrm_error *err),
                   void (*say)(struct tcrm_cli *cli, struct tcrm_db *db,
                               int64_t id))
{
    struct tcrm_error err;
    struct tcrm_db *db;
    const char *ref;
    int64_t id;
    int rc = cli_one_arg(cmd, argc, argv, metavar, &ref);

    if (rc)
        return rc == TCRM_EXIT_HELPED ? TCRM_EXIT_OK : rc;
    if ((rc = tcrm_cli_db(cli, &db)) || (rc = id_of(db, ref, &id)))
        return rc;
    tcrm_error_clear(&err);
    if (void_fn(db, id, &err))
        return tcrm_cli_fail_err(&err);
    say(cli, db, id);
    return TCRM_EXIT_OK;
}

static void say_voided(struct tcrm_cli *cli, struct tcrm_db *db, int64_t id)
{
    struct tcrm_invoice v;
    if (tcrm_invoice_get(db, id, &v, NULL))
        return;
    fprintf(cli->out, _("invoice %s is voided\n"),
            v.number ? cli_s(v.number) : _("opening balance"));
    tcrm_invoice_clear(&v);
}

static int invoice_void(struct tcrm_cli *cli, int argc, char **argv)
{
    return cli_money_void(cli, &sub_void, argc, argv, "IID", cli_invoice_id,
                          tcrm_invoice_void, say_voided);
}
