/*
 * cmd_quote.c: `tcrm quote add|edit|line|show|list|copy|send|accept|
 * reject|delete`.
 *
 * A quote is named by its id or its number (Q2026-0001). Quantities,
 * prices and percentages are read by tcrm/money.h before the database is
 * opened, so a bad value is one line (exit 1) and changes nothing; the
 * rules (states, one currency, the price suggested for a product, the
 * rounding of totals) are the core's (quote.h). The quote's lines and
 * totals are shown by cmd_quote_show.c.
 */
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "cmd_quote.h"
#include "tcrm/company.h"
#include "tcrm/quote.h"

static int quote_add(struct tcrm_cli *cli, int argc, char **argv);
static int quote_edit(struct tcrm_cli *cli, int argc, char **argv);
static int quote_line(struct tcrm_cli *cli, int argc, char **argv);
static int quote_state(struct tcrm_cli *cli, int argc, char **argv);
static int quote_print(struct tcrm_cli *cli, int argc, char **argv);

#define U_ADD "quote add (--company NAME | --contact ID) [--deal DID]\n" \
    "   [--currency C] [--valid WHEN]"
#define U_EDIT "quote edit QID [--company NAME] [--contact ID] [--deal DID]\n" \
    "   [--currency C] [--valid WHEN]"
#define U_LINE "quote line QID (--product CODE | --text TEXT) --qty N\n" \
    "   [--price P] [--discount PCT] [--tax RATE] [--gross] [--unit U]"
#define U_SHOW "quote show QID"
#define U_PRINT "quote print QID [-o FILE] [--format text|csv]"
#define U_LIST "quote list [--state S] [--format table|csv|tsv]"
#define U_COPY "quote copy QID"
#define U_SEND "quote send QID"
#define U_ACCEPT "quote accept QID"
#define U_REJECT "quote reject QID"
#define U_DELETE "quote delete QID"

static const struct tcrm_cmd sub_add = { "quote add", U_ADD,
    N_("Start a draft quote for a company or a contact."), quote_add };
static const struct tcrm_cmd sub_edit = { "quote edit", U_EDIT,
    N_("Change a draft's customer, deal, currency or validity."),
    quote_edit };
static const struct tcrm_cmd sub_line = { "quote line", U_LINE,
    N_("Add a line: a product or a text, a quantity, a price."), quote_line };
const struct tcrm_cmd cli_quote_show_cmd = { "quote show", U_SHOW,
    N_("Show a quote with its lines and totals."), cli_quote_show };
static const struct tcrm_cmd sub_print = { "quote print", U_PRINT,
    N_("Print a quote from its template, or its lines as CSV."),
    quote_print };
const struct tcrm_cmd cli_quote_list_cmd = { "quote list", U_LIST,
    N_("List quotes, newest first."), cli_quote_list };
static const struct tcrm_cmd sub_copy = { "quote copy", U_COPY,
    N_("Copy a quote into a new draft."), quote_state };
static const struct tcrm_cmd sub_send = { "quote send", U_SEND,
    N_("Mark a draft quote as sent."), quote_state };
static const struct tcrm_cmd sub_accept = { "quote accept", U_ACCEPT,
    N_("Mark a sent quote as accepted."), quote_state };
static const struct tcrm_cmd sub_reject = { "quote reject", U_REJECT,
    N_("Mark a sent quote as rejected."), quote_state };
static const struct tcrm_cmd sub_delete = { "quote delete", U_DELETE,
    N_("Move a quote to the trash."), quote_state };
static const struct tcrm_cmd *const subs[] = {
    &sub_add, &sub_edit, &sub_line, &cli_quote_show_cmd, &sub_print, &cli_quote_list_cmd,
    &sub_copy,
    &sub_send, &sub_accept, &sub_reject, &sub_delete,
};

static int quote_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    return cli_dispatch(cli, &tcrm_cmd_quote, subs,
                        sizeof subs / sizeof subs[0], argc, argv);
}

const struct tcrm_cmd tcrm_cmd_quote = {
    "quote",
    U_ADD "\n" U_EDIT "\n" U_LINE "\n" U_SHOW "\n" U_PRINT "\n" U_LIST "\n" U_COPY "\n" U_SEND "\n"
    U_ACCEPT "\n" U_REJECT "\n" U_DELETE,
    N_("Quotes: add, edit, line, show, print, list, copy, send, accept, "
       "reject, delete."),
    quote_exec,
};

int cli_doc_id(struct tcrm_db *db, const char *ref, int64_t *id,
               int (*find)(struct tcrm_db *db, const char *ref, int64_t *id,
                           struct tcrm_error *err))
{
    struct tcrm_error err;

    tcrm_error_clear(&err);
    return find(db, ref, id, &err) ? tcrm_cli_fail_err(&err) : 0;
}

int cli_quote_id(struct tcrm_db *db, const char *ref, int64_t *id)
{
    return cli_doc_id(db, ref, id, tcrm_quote_find);
}

static int quote_print(struct tcrm_cli *cli, int argc, char **argv)
{
    return cli_doc_print(cli, &sub_print, "quote", argc, argv, cli_quote_id);
}

/* ---- add ------------------------------------------------------------------ */

struct add_args {
    const char *company, *contact, *deal, *currency, *valid;
};

/* The header options of add and edit into a; -1 to go on. */
static int header_opts(struct cli_opts *o, struct add_args *a)
{
    static const struct option lo[] = {
        { "company", required_argument, NULL, 'c' },
        { "contact", required_argument, NULL, 'p' },
        { "deal", required_argument, NULL, 'd' },
        { "currency", required_argument, NULL, 'u' },
        { "valid", required_argument, NULL, 'v' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    int c;

    o->lo = lo;
    while ((c = cli_opts_next(o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o->status;
        const char **slot[] = { &a->company, &a->contact, &a->deal,
                                &a->currency, &a->valid };
        const char *keys = "cpduv", *k = strchr(keys, c);
        if (k)
            *slot[k - keys] = optarg;
    }
    return -1;
}

/* --valid of cmd into date (YYYY-MM-DD; "" when not given); -1 to go on. */
static int valid_opt(const struct tcrm_cmd *cmd, const char *valid,
                     char *date)
{
    struct tcrm_when w;
    int rc;

    date[0] = '\0';
    if (!valid || !*valid)
        return -1;
    if ((rc = cli_parse_when(cmd, "--valid", valid, &w)))
        return rc;
    tcrm_when_date(&w, date);
    return -1;
}

/* Options of add into a, values checked into q; -1 to go on. */
static int add_opts(struct cli_opts *o, struct add_args *a,
                    struct tcrm_quote *q)
{
    char date[11];
    int rc;

    if ((rc = header_opts(o, a)) >= 0)
        return rc;
    if ((rc = cli_doc_customer(&sub_add, o, a->company, a->contact, a->deal,
                               &q->contact_id, &q->deal_id)) >= 0)
        return rc;
    if ((rc = valid_opt(&sub_add, a->valid, date)) >= 0)
        return rc;
    if (date[0])
        tcrm_str_set(&q->valid_until, date);
    return -1;
}

static int quote_add(struct tcrm_cli *cli, int argc, char **argv)
{
    struct add_args a;
    struct tcrm_quote q;
    struct tcrm_error err;
    struct tcrm_db *db;
    struct cli_opts o;
    int rc;

    memset(&a, 0, sizeof a);
    tcrm_quote_init(&q);
    cli_opts_init(&o, &sub_add, argc, argv, NULL);
    if ((rc = add_opts(&o, &a, &q)) >= 0 || (rc = tcrm_cli_db(cli, &db))) {
        tcrm_quote_clear(&q);
        return rc;
    }
    tcrm_str_set(&q.currency, a.currency ? a.currency : cli->cfg.currency);
    tcrm_error_clear(&err);
    if ((rc = cli_doc_company(db, a.company, &q.company_id)))
        ;
    else if (tcrm_quote_insert(db, &q, cli->cfg.quote_number, &err))
        rc = tcrm_cli_fail_err(&err);
    else
        fprintf(cli->out, _("added quote %lld: %s (%s, draft)\n"),
                (long long)q.id, cli_s(q.number), cli_s(q.currency));
    tcrm_quote_clear(&q);
    return rc;
}

/* ---- edit ----------------------------------------------------------------- */

/* The options of edit: what changes into a, the ids and date read; -1 to
 * go on. */
static int edit_opts(struct cli_opts *o, struct add_args *a,
                     int64_t *contact, int64_t *deal, char *date)
{
    int rc;

    if ((rc = header_opts(o, a)) >= 0 ||
        (rc = cli_want_args(&sub_edit, o, 1, 1, "QID")))
        return rc;
    if (!a->company && !a->contact && !a->deal && !a->currency && !a->valid)
        return tcrm_cli_usage(&sub_edit, "give what changes: --company, "
                              "--contact, --deal, --currency or --valid");
    if ((a->contact && (rc = cli_parse_id(&sub_edit, "--contact", a->contact,
                                          contact))) ||
        (a->deal && (rc = cli_parse_id(&sub_edit, "--deal", a->deal, deal))))
        return rc;
    return valid_opt(&sub_edit, a->valid, date);
}

/* The header of q as the options say: --company names the customer anew
 * (its contact only with --contact), --contact alone keeps the company. */
static int edit_apply(struct tcrm_db *db, const struct add_args *a,
                      int64_t contact, int64_t deal, const char *date,
                      struct tcrm_quote *q)
{
    int rc;

    if (a->company) {
        q->company_id = q->contact_id = 0;
        if ((rc = cli_doc_company(db, a->company, &q->company_id)))
            return rc;
    }
    if (a->contact)
        q->contact_id = contact;
    if (a->deal)
        q->deal_id = deal;
    if (a->currency)
        tcrm_str_set(&q->currency, a->currency);
    if (a->valid)
        tcrm_str_set(&q->valid_until, date[0] ? date : NULL);
    return 0;
}

static int quote_edit(struct tcrm_cli *cli, int argc, char **argv)
{
    struct add_args a;
    struct tcrm_quote q;
    struct tcrm_error err;
    struct tcrm_db *db;
    struct cli_opts o;
    int64_t id, contact = 0, deal = 0, version;
    char date[11];
    int rc;

    memset(&a, 0, sizeof a);
    cli_opts_init(&o, &sub_edit, argc, argv, NULL);
    if ((rc = edit_opts(&o, &a, &contact, &deal, date)) >= 0 ||
        (rc = tcrm_cli_db(cli, &db)) || (rc = cli_quote_id(db, o.pos[0], &id)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_quote_get(db, id, &q, &err))
        return tcrm_cli_fail_err(&err);
    version = q.version;
    if ((rc = edit_apply(db, &a, contact, deal, date, &q)))
        ;
    else if (tcrm_quote_update(db, &q, &err))
        rc = tcrm_cli_fail_err(&err);
    else if (q.version == version)
        fprintf(cli->out, _("no change to quote %s\n"), cli_s(q.number));
    else
        fprintf(cli->out, _("saved quote %s\n"), cli_s(q.number));
    tcrm_quote_clear(&q);
    return rc;
}

int cli_doc_customer(const struct tcrm_cmd *cmd, struct cli_opts *o,
                     const char *company, const char *contact,
                     const char *deal, int64_t *contact_id,
                     int64_t *deal_id)
{
    int rc;

    if ((rc = cli_want_args(cmd, o, 0, 0, "")))
        return rc;
    if (!company == !contact)
        return tcrm_cli_usage(cmd, "give --company or --contact");
    if ((contact && (rc = cli_parse_id(cmd, "--contact", contact,
                                       contact_id))) ||
        (deal && (rc = cli_parse_id(cmd, "--deal", deal, deal_id))))
        return rc;
    return -1;
}

int cli_doc_company(struct tcrm_db *db, const char *company, int64_t *id)
{
    struct tcrm_error err;

    tcrm_error_clear(&err);
    if (company && tcrm_company_find(db, company, id, &err))
        return tcrm_cli_fail_err(&err);
    if (company && !*id)
        return tcrm_cli_fail("company '%s': not found (add it with: tcrm "
                             "company add NAME)", cli_s(company));
    return 0;
}

/* ---- line ----------------------------------------------------------------- */

int cli_line_opts(const struct tcrm_cmd *cmd, struct cli_opts *o,
                  struct cli_line_args *a)
{
    static const struct option lo[] = {
        { "product", required_argument, NULL, 'p' },
        { "text", required_argument, NULL, 't' },
        { "qty", required_argument, NULL, 'q' },
        { "price", required_argument, NULL, 'r' },
        { "discount", required_argument, NULL, 'd' },
        { "tax", required_argument, NULL, 'x' },
        { "unit", required_argument, NULL, 'u' },
        { "gross", no_argument, NULL, 'g' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    const char **slot[] = { &a->product, &a->text, &a->qty, &a->price,
                            &a->discount, &a->tax, &a->unit };
    const char *keys = "ptqrdxu", *k;
    int c, rc;

    o->lo = lo;
    while ((c = cli_opts_next(o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o->status;
        if (c == 'g')
            a->gross = 1;
        else if ((k = strchr(keys, c)))
            *slot[k - keys] = optarg;
    }
    if ((rc = cli_want_args(cmd, o, 1, 1, cmd == &sub_line ? "QID" : "OID")))
        return rc;
    if (!a->product == !a->text)
        return tcrm_cli_usage(cmd, "give --product or --text");
    if (!a->qty)
        return tcrm_cli_usage(cmd, "missing --qty");
    if (a->text && !a->price)
        return tcrm_cli_usage(cmd, "missing --price (a line of text "
                              "has no catalogue price)");
    return -1;
}

int cli_line_values(const struct cli_line_args *a, struct tcrm_quote_line *l)
{
    struct tcrm_error err;

    tcrm_error_clear(&err);
    if (tcrm_decimal_read(a->qty, "--qty", TCRM_QTY_PLACES, &l->in.qty, &err) ||
        (a->price && tcrm_decimal_read(a->price, "--price", TCRM_MONEY_PLACES,
                                       &l->in.price, &err)) ||
        (a->discount && tcrm_percent_read(a->discount, "--discount",
                                          &l->in.discount, &err)) ||
        (a->tax && tcrm_percent_read(a->tax, "--tax", &l->in.tax, &err)))
        return tcrm_cli_fail_err(&err);
    if (l->in.qty == 0)
        return tcrm_cli_fail(_("--qty: must be more than 0"));
    l->in.gross = a->gross;
    tcrm_str_set(&l->description, a->text);
    tcrm_str_set(&l->unit, a->unit);
    return 0;
}

void cli_line_source(struct tcrm_cli *cli, const struct tcrm_quote_line *l,
                     const char *currency, const char *customer,
                     const struct tcrm_price_source *src)
{
    char money[64];

    tcrm_money_format(l->in.price, currency, money, sizeof money);
    if (src->kind == 1)
        fprintf(cli->out, _("price %s%s: what %s last paid (quote %s, "
                "accepted %s)\n"), money, l->in.gross ? _(" with tax") : "",
                cli_s(customer), cli_s(src->number), src->date);
    else if (src->kind == 2)
        fprintf(cli->out, _("price %s: the catalogue's, before tax\n"), money);
}

int cli_line_start(struct tcrm_cli *cli, const struct tcrm_cmd *cmd,
                   int argc, char **argv,
                   int (*doc_id)(struct tcrm_db *db, const char *ref,
                                 int64_t *id),
                   struct cli_line_args *a, struct tcrm_quote_line *l,
                   struct tcrm_db **db)
{
    struct cli_opts o;
    int rc;

    memset(a, 0, sizeof *a);
    tcrm_quote_line_init(l);
    cli_opts_init(&o, cmd, argc, argv, NULL);
    if ((rc = cli_line_opts(cmd, &o, a)) >= 0 ||
        (rc = cli_line_values(a, l)) || (rc = tcrm_cli_db(cli, db)) ||
        (rc = doc_id(*db, o.pos[0], &l->quote_id))) {
        tcrm_quote_line_clear(l);
        return rc;
    }
    return -1;
}

void cli_line_added(struct tcrm_cli *cli, const struct tcrm_quote_line *l,
                    const struct tcrm_price_source *src,
                    const struct cli_doc_sum *d)
{
    cli_line_source(cli, l, d->currency, d->customer, src);
    cli_quote_print_line(cli, d->currency, l);
    cli_quote_print_totals(cli, d->number, d->net, d->tax, d->gross,
                           d->currency);
}

static int quote_line(struct tcrm_cli *cli, int argc, char **argv)
{
    struct cli_line_args a;
    struct tcrm_quote_line l;
    struct tcrm_quote q;
    struct tcrm_price_source src;
    struct tcrm_error err;
    struct tcrm_db *db;
    int rc = cli_line_start(cli, &sub_line, argc, argv, cli_quote_id, &a,
                            &l, &db);

    if (rc >= 0)
        return rc;
    rc = 0;
    tcrm_error_clear(&err);
    tcrm_quote_init(&q);
    if (tcrm_quote_add_line(db, &l, a.product, &src, &err) ||
        tcrm_quote_get(db, l.quote_id, &q, &err)) {
        rc = tcrm_cli_fail_err(&err);
    } else {
        struct cli_doc_sum d = { q.number, q.currency,
            q.company_name ? q.company_name : q.contact_name, q.net, q.tax,
            q.gross };
        cli_line_added(cli, &l, &src, &d);
    }
    tcrm_quote_clear(&q);
    tcrm_quote_line_clear(&l);
    return rc;
}

/* ---- copy, send, accept, reject, delete ----------------------------------- */

static int quote_state(struct tcrm_cli *cli, int argc, char **argv)
{
    const struct tcrm_cmd *cmd = NULL;
    struct tcrm_error err;
    struct tcrm_quote q;
    struct tcrm_db *db;
    const char *ref;
    int64_t id, new_id = 0;
    int rc, st;

    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
        if (strcmp(subs[i]->name + 6, argv[0]) == 0)
            cmd = subs[i];
    if ((rc = cli_one_arg(cmd, argc, argv, "QID", &ref)))
        return rc == TCRM_EXIT_HELPED ? TCRM_EXIT_OK : rc;
    if ((rc = tcrm_cli_db(cli, &db)) || (rc = cli_quote_id(db, ref, &id)))
        return rc;
    st = cmd == &sub_send ? TCRM_QUOTE_SENT : cmd == &sub_accept
             ? TCRM_QUOTE_ACCEPTED : TCRM_QUOTE_REJECTED;
    tcrm_error_clear(&err);
    tcrm_quote_init(&q);
    if (tcrm_quote_get(db, id, &q, &err) ||
        (cmd == &sub_copy ? tcrm_quote_copy(db, id, cli->cfg.quote_number,
                                            &new_id, &err)
         : cmd == &sub_delete ? tcrm_quote_delete(db, id, &err)
         : tcrm_quote_set_state(db, id, st, &err))) {
        rc = tcrm_cli_fail_err(&err);
    } else if (cmd == &sub_copy) {
        tcrm_quote_clear(&q);
        tcrm_quote_get(db, new_id, &q, &err);
        fprintf(cli->out, _("copied quote %s to %lld: %s (draft)\n"),
                cli_s(ref), (long long)new_id, cli_s(q.number));
    } else if (cmd == &sub_delete) {
        fprintf(cli->out, _("moved quote %s to the trash; tcrm restore "
                "quote/%lld brings it back\n"), cli_s(q.number),
                (long long)id);
    } else {
        fprintf(cli->out, _("quote %s is %s\n"), cli_s(q.number),
                tcrm_i18n_word("quote state", tcrm_quote_state_name(st)));
    }
    tcrm_quote_clear(&q);
    return rc;
}
