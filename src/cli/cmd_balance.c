/*
 * cmd_balance.c: `tcrm balance` (a customer's account: what they owe,
 * their terms and credit limit, their opening balance) and `tcrm rate
 * add|list` (exchange rates by day).
 *
 * A customer is a company (--company NAME), or a contact billed without a
 * company (--contact ID). Setting terms and limits is for managers and
 * admins in an office database (the core says so, receivable.h).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_money.h"
#include "tcrm/rate.h"
#include "tcrm/receivable.h"

static int balance_exec(struct tcrm_cli *cli, int argc, char **argv);
static int rate_add(struct tcrm_cli *cli, int argc, char **argv);
static int rate_list(struct tcrm_cli *cli, int argc, char **argv);

#define U_BALANCE "balance (--company NAME | --contact ID) [--terms DAYS|default]\n" \
    "   [--credit-limit A|none] [--opening A [--currency C] [--date WHEN]]"
#define U_RATE_ADD "rate add CUR RATE [--date WHEN]"
#define U_RATE_LIST "rate list"

const struct tcrm_cmd tcrm_cmd_balance = {
    "balance", U_BALANCE,
    N_("A customer's account: what they owe, overdue, credit, terms; set "
       "terms, a credit limit, an opening balance."),
    balance_exec,
};

static const struct tcrm_cmd sub_rate_add = { "rate add", U_RATE_ADD,
    N_("Say what one unit of a currency is worth in the base currency from "
       "a day on."), rate_add };
static const struct tcrm_cmd sub_rate_list = { "rate list", U_RATE_LIST,
    N_("List exchange rates, newest first."), rate_list };
static const struct tcrm_cmd *const rate_subs[] = { &sub_rate_add,
                                                    &sub_rate_list };

static int rate_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    return cli_dispatch(cli, &tcrm_cmd_rate, rate_subs,
                        sizeof rate_subs / sizeof rate_subs[0], argc, argv);
}

const struct tcrm_cmd tcrm_cmd_rate = {
    "rate", U_RATE_ADD "\n" U_RATE_LIST,
    N_("Exchange rates: add, list."), rate_exec,
};

/* ---- balance ----------------------------------------------------------------------- */

struct bal_args {
    const char *company, *contact, *terms, *limit, *opening, *currency,
               *date;
    struct tcrm_terms t;
    int64_t opening_minor;
    char day[11];
};

static int bal_values(struct bal_args *a)
{
    const struct tcrm_cmd *cmd = &tcrm_cmd_balance;
    int rc;
    a->t.payment_days = a->t.credit_limit = -2;
    if ((rc = cli_customer_given(cmd, a->company, a->contact)))
        return rc;
    if ((a->currency || a->date) && !a->opening)
        return tcrm_cli_usage(cmd, "--currency and --date go with --opening");
    if (a->terms && strcmp(a->terms, "default") == 0)
        a->t.payment_days = -1;
    else if (a->terms && (rc = cli_parse_int(cmd, "--terms", a->terms, 0,
                                             3650, &a->t.payment_days)))
        return rc;
    if (a->limit && strcmp(a->limit, "none") == 0)
        a->t.credit_limit = -1;
    else if (a->limit && (rc = cli_amount(cmd, "--credit-limit", a->limit,
                                          &a->t.credit_limit)))
        return rc;
    if (a->opening && (rc = cli_amount(cmd, "--opening", a->opening,
                                       &a->opening_minor)))
        return rc;
    if (a->date && (rc = cli_day(cmd, "--date", a->date, a->day)))
        return rc;
    return -1;
}

static int bal_opts(struct cli_opts *o, struct bal_args *a)
{
    static const struct option lo[] = {
        { "company", required_argument, NULL, 'c' },
        { "contact", required_argument, NULL, 'p' },
        { "terms", required_argument, NULL, 't' },
        { "credit-limit", required_argument, NULL, 'l' },
        { "opening", required_argument, NULL, 'o' },
        { "currency", required_argument, NULL, 'u' },
        { "date", required_argument, NULL, 'd' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    const char **slot[] = { &a->company, &a->contact, &a->terms, &a->limit,
                            &a->opening, &a->currency, &a->date };
    const char *keys = "cptloud";
    int c, rc;

    o->lo = lo;
    while ((c = cli_opts_next(o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o->status;
        *slot[strchr(keys, c) - keys] = optarg;
    }
    if ((rc = cli_want_args(&tcrm_cmd_balance, o, 0, 0, "")))
        return rc;
    return bal_values(a);
}

/* The changes asked for, each in its own transaction (terms, then the
 * opening balance). */
static int bal_change(struct tcrm_cli *cli, struct tcrm_db *db,
                      const struct bal_args *a, const struct tcrm_customer *c)
{
    struct tcrm_error err;
    tcrm_error_clear(&err);
    if ((a->terms || a->limit) && tcrm_terms_set(db, c, &a->t, &err))
        return tcrm_cli_fail_err(&err);
    if (a->opening) {
        struct tcrm_invoice_in in;
        int64_t id;
        memset(&in, 0, sizeof in);
        in.customer = *c;
        in.currency = a->currency ? a->currency : cli->cfg.base_currency;
        in.amount = a->opening_minor;
        in.issued_on = a->date ? a->day : NULL;
        in.payment_days = 0;
        if (tcrm_invoice_add(db, &in, &id, &err))
            return tcrm_cli_fail_err(&err);
    }
    return 0;
}

static void bal_terms(struct tcrm_cli *cli, struct tcrm_db *db,
                      const struct tcrm_customer *c)
{
    struct tcrm_terms t;
    if (tcrm_terms_get(db, c, &t, NULL))
        return;
    cli_field(cli, _("terms"), t.payment_days >= 0
              ? cli_fmt(P_("%d day", "%d days", t.payment_days),
                        t.payment_days)
              : cli_fmt(P_("%d day (tcrm.conf)", "%d days (tcrm.conf)",
                           cli->cfg.payment_days), cli->cfg.payment_days));
    cli_field(cli, _("credit limit"), t.credit_limit >= 0
              ? cli_money(t.credit_limit, cli->cfg.base_currency)
              : _("none"));
}

static int bal_show(struct tcrm_cli *cli, struct tcrm_db *db,
                    const struct bal_args *a, const struct tcrm_customer *c)
{
    const char *head[] = { _("CURRENCY"), _("INVOICED"), _("PAID"),
                           _("OPEN"), _("OVERDUE"), _("CREDIT"), _("OWED") };
    struct tcrm_balance *b = NULL;
    struct tcrm_error err;
    size_t n = 0;

    tcrm_error_clear(&err);
    if (tcrm_balance_get(db, c, &b, &n, &err))
        return tcrm_cli_fail_err(&err);
    fprintf(cli->out, "%s\n", a->company ? cli_s(a->company)
            : cli_fmt(_("contact %lld"), (long long)c->contact_id));
    bal_terms(cli, db, c);
    if (n == 0)
        fprintf(cli->out, "  %s\n", _("no invoices and no payments"));
    struct cli_table *t = n ? cli_table_new(cli, CLI_FMT_TABLE, 7, head,
                                            "lrrrrrr") : NULL;
    if (t)
        cli_table_indent(t, 2);
    for (size_t i = 0; i < n; i++)
        cli_table_add(t, (const char *const[]){ b[i].currency,
            cli_money(b[i].invoiced, NULL), cli_money(b[i].paid, NULL),
            cli_money(b[i].open, NULL), cli_money(b[i].overdue, NULL),
            cli_money(b[i].credit, NULL), cli_money(b[i].owed, NULL) });
    free(b);
    return t && cli_table_end(t) ? TCRM_EXIT_FAIL : TCRM_EXIT_OK;
}

static int balance_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    struct bal_args a;
    struct tcrm_customer c;
    struct cli_opts o;
    struct tcrm_db *db;
    int rc;

    memset(&a, 0, sizeof a);
    cli_opts_init(&o, &tcrm_cmd_balance, argc, argv, NULL);
    if ((rc = bal_opts(&o, &a)) >= 0)
        return rc;
    int change = a.terms || a.limit || a.opening;
    if ((rc = change ? tcrm_cli_db(cli, &db) : cli_db_read(cli, &db)) ||
        (rc = cli_customer(&tcrm_cmd_balance, db, a.company, a.contact, &c)))
        return rc;
    if (!c.company_id && !c.contact_id)
        return tcrm_cli_fail("company '%s': not found", cli_s(a.company));
    if (change && (rc = bal_change(cli, db, &a, &c)))
        return rc;
    return bal_show(cli, db, &a, &c);
}

/* ---- rates ------------------------------------------------------------------------- */

static int rate_add(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {
        { "date", required_argument, NULL, 'd' }, CLI_OPT_HELP, CLI_OPT_END,
    };
    const char *date = NULL;
    struct tcrm_error err;
    struct tcrm_rate r;
    struct cli_opts o;
    struct tcrm_db *db;
    char shown[48];
    int c, rc;

    memset(&r, 0, sizeof r);
    cli_opts_init(&o, &sub_rate_add, argc, argv, lo);
    while ((c = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o.status;
        date = optarg;
    }
    if ((rc = cli_want_args(&sub_rate_add, &o, 2, 2, "CUR RATE")))
        return rc;
    tcrm_error_clear(&err);
    snprintf(r.currency, sizeof r.currency, "%.3s", o.pos[0]);
    if (strlen(o.pos[0]) != 3 || tcrm_currency_check(r.currency, &err))
        return tcrm_cli_bad(&sub_rate_add, "CUR: '%s' is not a 3-letter code",
                            cli_s(o.pos[0]));
    if (tcrm_decimal_read(o.pos[1], "RATE", TCRM_RATE_PLACES,
                          &r.micro, &err))
        return tcrm_cli_bad(&sub_rate_add, "%s", err.msg);
    if ((rc = cli_day(&sub_rate_add, "--date", date ? date : "today", r.day)))
        return rc;
    snprintf(r.base, sizeof r.base, "%s", cli->cfg.base_currency);
    if ((rc = tcrm_cli_db(cli, &db)))
        return rc;
    if (tcrm_rate_add(db, &r, &err))
        return tcrm_cli_fail_err(&err);
    tcrm_rate_format(r.micro, shown, sizeof shown);
    fprintf(cli->out, _("1 %s = %s %s from %s\n"), r.currency, shown, r.base,
            cli_date(cli, r.day));
    return TCRM_EXIT_OK;
}

static int rate_list(struct tcrm_cli *cli, int argc, char **argv)
{
    const char *head[] = { _("CURRENCY"), _("RATE"), _("BASE"), _("FROM") };
    struct tcrm_rate *r = NULL;
    struct tcrm_error err;
    static const struct option lo[] = { CLI_OPT_HELP, CLI_OPT_END };
    struct tcrm_db *db;
    struct cli_opts o;
    char shown[48];
    size_t n = 0;
    int c, rc;

    cli_opts_init(&o, &sub_rate_list, argc, argv, lo);
    while ((c = cli_opts_next(&o)) != CLI_OPT_DONE)
        if (c == CLI_OPT_STOP)
            return o.status;
    if ((rc = cli_want_args(&sub_rate_list, &o, 0, 0, "")) ||
        (rc = cli_db_read(cli, &db)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_rate_list(db, NULL, &r, &n, &err))
        return tcrm_cli_fail_err(&err);
    if (n == 0)
        fprintf(cli->out, "%s\n", _("no rates"));
    struct cli_table *t = n ? cli_table_new(cli, CLI_FMT_TABLE, 4, head,
                                            "lrll") : NULL;
    for (size_t i = 0; i < n; i++) {
        tcrm_rate_format(r[i].micro, shown, sizeof shown);
        cli_table_add(t, (const char *const[]){ r[i].currency, shown,
                                                r[i].base, r[i].day });
    }
    free(r);
    return t && cli_table_end(t) ? TCRM_EXIT_FAIL : TCRM_EXIT_OK;
}
