/*
 * cmd_product.c: `tcrm product add|list|show|edit|delete`, the catalogue.
 *
 * A product is named by its code on the command line. Prices and tax
 * rates are read by tcrm/money.h (exact decimals, never floating point)
 * before the database is opened, so a bad value changes nothing; the
 * rules (required fields, duplicates by code or by name and spec) are
 * the core's (product.h). Bad values are one line and exit 1; a missing
 * argument or option is a usage error (exit 2).
 */
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "tcrm/money.h"
#include "tcrm/product.h"

static int product_add(struct tcrm_cli *cli, int argc, char **argv);
static int product_list(struct tcrm_cli *cli, int argc, char **argv);
static int product_show(struct tcrm_cli *cli, int argc, char **argv);
static int product_edit(struct tcrm_cli *cli, int argc, char **argv);
static int product_delete(struct tcrm_cli *cli, int argc, char **argv);

#define U_ADD "product add CODE NAME [--spec S] [--unit U] --price P\n" \
    "   [--currency C] [--tax RATE]"
#define U_LIST "product list [--search TEXT] [--format table|csv|tsv]"
#define U_SHOW "product show CODE"
#define U_EDIT "product edit CODE [--code NEW] [--name N] [--spec S]\n" \
    "   [--unit U] [--price P] [--currency C] [--tax RATE]"
#define U_DELETE "product delete CODE"

static const struct tcrm_cmd sub_add = { "product add", U_ADD,
    N_("Add a product to the catalogue (price before tax)."), product_add };
static const struct tcrm_cmd sub_list = { "product list", U_LIST,
    N_("List the products by code, or those whose code or name starts "
       "with TEXT."), product_list };
static const struct tcrm_cmd sub_show = { "product show", U_SHOW,
    N_("Show a product."), product_show };
static const struct tcrm_cmd sub_edit = { "product edit", U_EDIT,
    N_("Change a product."), product_edit };
static const struct tcrm_cmd sub_delete = { "product delete", U_DELETE,
    N_("Move a product to the trash."), product_delete };
static const struct tcrm_cmd *const subs[] = {
    &sub_add, &sub_list, &sub_show, &sub_edit, &sub_delete,
};

static int product_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    return cli_dispatch(cli, &tcrm_cmd_product, subs,
                        sizeof subs / sizeof subs[0], argc, argv);
}

const struct tcrm_cmd tcrm_cmd_product = {
    "product",
    U_ADD "\n" U_LIST "\n" U_SHOW "\n" U_EDIT "\n" U_DELETE,
    N_("The product catalogue: add, list, show, edit, delete."),
    product_exec,
};

struct product_args {
    const char *code, *name, *spec, *unit, *price, *currency, *tax;
};

enum { O_CODE = 256, O_NAME, O_SPEC, O_UNIT, O_PRICE, O_CURRENCY, O_TAX };

/* The options of add and edit into a; -1 to go on, else exit status. */
static int product_opts(struct cli_opts *o, struct product_args *a)
{
    static const struct option lo[] = {
        { "code", required_argument, NULL, O_CODE },
        { "name", required_argument, NULL, O_NAME },
        { "spec", required_argument, NULL, O_SPEC },
        { "unit", required_argument, NULL, O_UNIT },
        { "price", required_argument, NULL, O_PRICE },
        { "currency", required_argument, NULL, O_CURRENCY },
        { "tax", required_argument, NULL, O_TAX },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    int c;

    o->lo = o->cmd == &sub_add ? lo + 2 : lo;
    while ((c = cli_opts_next(o)) != CLI_OPT_DONE) {
        switch (c) {
        case CLI_OPT_STOP: return o->status;
        case O_CODE: a->code = optarg; break;
        case O_NAME: a->name = optarg; break;
        case O_SPEC: a->spec = optarg; break;
        case O_UNIT: a->unit = optarg; break;
        case O_PRICE: a->price = optarg; break;
        case O_CURRENCY: a->currency = optarg; break;
        case O_TAX: a->tax = optarg; break;
        }
    }
    return -1;
}

/* Put what a says into p; values are checked here (exit 1 on a bad
 * one), before any database is opened. */
static int product_apply(const struct product_args *a, struct tcrm_product *p)
{
    struct tcrm_error err;

    tcrm_error_clear(&err);
    if ((a->price && tcrm_decimal_read(a->price, "--price", TCRM_MONEY_PLACES,
                                       &p->price_minor, &err)) ||
        (a->tax && tcrm_percent_read(a->tax, "--tax", &p->tax_rate, &err)))
        return tcrm_cli_fail_err(&err);
    if (a->code)
        tcrm_str_set(&p->code, a->code);
    if (a->name)
        tcrm_str_set(&p->name, a->name);
    if (a->spec)
        tcrm_str_set(&p->spec, a->spec);
    if (a->unit)
        tcrm_str_set(&p->unit, a->unit);
    if (a->currency)
        tcrm_str_set(&p->currency, a->currency);
    return 0;
}

/* "12.50 CNY / pc" and "13%" for people. */
static void product_price(const struct tcrm_product *p, char *price,
                          size_t cap, char *tax, size_t taxcap)
{
    char money[64], rate[24];

    tcrm_money_format(p->price_minor, p->currency, money, sizeof money);
    if (p->unit)
        snprintf(price, cap, "%s / %s", money, p->unit);
    else
        snprintf(price, cap, "%s", money);
    tcrm_decimal_format(p->tax_rate, TCRM_PCT_PLACES, 0, rate, sizeof rate);
    snprintf(tax, taxcap, "%s%%", rate);
}

static int product_add(struct tcrm_cli *cli, int argc, char **argv)
{
    struct product_args a;
    struct tcrm_product p;
    struct tcrm_error err;
    struct tcrm_db *db;
    struct cli_opts o;
    char price[96], tax[32], *name;
    int rc;

    memset(&a, 0, sizeof a);
    tcrm_product_init(&p);
    cli_opts_init(&o, &sub_add, argc, argv, NULL);
    if ((rc = product_opts(&o, &a)) >= 0 ||
        (rc = cli_want_args(&sub_add, &o, 2, -1, o.npos ? "NAME"
                                                  : "CODE and NAME")))
        return rc;
    if (!a.price)
        return tcrm_cli_usage(&sub_add, "missing --price");
    a.code = o.pos[0];
    name = cli_join(o.pos + 1, o.npos - 1);
    a.name = name;
    if (!a.currency)
        a.currency = cli->cfg.currency;
    if (!(rc = product_apply(&a, &p)) && !(rc = tcrm_cli_db(cli, &db))) {
        tcrm_error_clear(&err);
        if (tcrm_product_insert(db, &p, &err)) {
            rc = tcrm_cli_fail_err(&err);
        } else {
            product_price(&p, price, sizeof price, tax, sizeof tax);
            fprintf(cli->out, _("added product %lld: %s %s (%s, tax %s)\n"),
                    (long long)p.id, cli_s(p.code), cli_s(p.name),
                    cli_s(price), tax);
        }
    }
    free(name);
    tcrm_product_clear(&p);
    return rc;
}

static int product_list(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {
        { "format", required_argument, NULL, 'f' },
        { "search", required_argument, NULL, 's' }, CLI_OPT_HELP, CLI_OPT_END,
    };
    static const char *const head_csv[] = { "id", "code", "name", "spec",
        "unit", "price", "currency", "tax_rate" };
    const char *head[] = { _("CODE"), _("NAME"), _("SPEC"), _("PRICE"),
                           _("TAX") };
    enum cli_format fmt = CLI_FMT_TABLE;
    struct tcrm_product *p = NULL;
    struct tcrm_error err;
    struct cli_table *t;
    struct tcrm_db *db;
    struct cli_opts o;
    char *after = NULL, id[24], price[96], tax[32];
    const char *search = NULL;
    int c, rc = 0;
    size_t n, i;

    cli_opts_init(&o, &sub_list, argc, argv, lo);
    while (!rc && (c = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o.status;
        if (c == 'f')
            rc = cli_parse_format(&sub_list, optarg, &fmt);
        else if (c == 's')
            search = optarg;
    }
    if (rc || (rc = cli_want_args(&sub_list, &o, 0, 0, "")) ||
        (rc = cli_db_read(cli, &db)))
        return rc;
    t = fmt == CLI_FMT_TABLE ? cli_table_new(cli, fmt, 5, head, "lllrr")
                             : cli_table_new(cli, fmt, 8, head_csv, "rlllrlrr");
    tcrm_error_clear(&err);
    do {
        /* a search shows the picker's first page (200), no more */
        if (search ? tcrm_product_search(db, search, 200, &p, &n, &err)
                   : tcrm_product_list(db, after, 200, &p, &n, &err)) {
            rc = tcrm_cli_fail_err(&err);
            break;
        }
        for (i = 0; i < n; i++) {
            snprintf(id, sizeof id, "%lld", (long long)p[i].id);
            if (fmt == CLI_FMT_TABLE) {
                product_price(&p[i], price, sizeof price, tax, sizeof tax);
                cli_table_add(t, (const char *const[]){ p[i].code, p[i].name,
                    p[i].spec, price, tax });
            } else {
                tcrm_decimal_format(p[i].price_minor, TCRM_MONEY_PLACES, 0,
                                    price, sizeof price);
                tcrm_decimal_format(p[i].tax_rate, TCRM_PCT_PLACES, 0, tax,
                                    sizeof tax);
                cli_table_add(t, (const char *const[]){ id, p[i].code,
                    p[i].name, p[i].spec, p[i].unit, price, p[i].currency,
                    tax });
            }
        }
        free(after);
        after = n ? strdup(p[n - 1].code) : NULL;
        tcrm_product_array_free(p, n);
    } while (!search && n == 200 && after);
    free(after);
    if (!rc && fmt == CLI_FMT_TABLE && cli_table_rows(t) == 0)
        fprintf(cli->out, "%s\n", _("no products"));
    if (cli_table_end(t) && !rc)
        rc = TCRM_EXIT_FAIL;
    return rc;
}

/* The product named by CODE, the one argument of show and delete. */
static int product_named(struct tcrm_cli *cli, const struct tcrm_cmd *cmd,
                         int argc, char **argv, int write,
                         struct tcrm_db **db, struct tcrm_product *p)
{
    struct tcrm_error err;
    const char *code;
    int rc = cli_one_arg(cmd, argc, argv, "CODE", &code);

    if (rc)
        return rc == TCRM_EXIT_HELPED ? TCRM_EXIT_OK : rc;
    if ((rc = write ? tcrm_cli_db(cli, db) : cli_db_read(cli, db)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_product_find(*db, code, p, &err))
        return tcrm_cli_fail_err(&err);
    return -1;
}

static int product_show(struct tcrm_cli *cli, int argc, char **argv)
{
    struct tcrm_product p;
    struct tcrm_db *db;
    char price[96], tax[32], gross[64];
    int rc;

    tcrm_product_init(&p);
    if ((rc = product_named(cli, &sub_show, argc, argv, 0, &db, &p)) >= 0)
        return rc;
    product_price(&p, price, sizeof price, tax, sizeof tax);
    struct tcrm_line_in in = { 1000, p.price_minor, 0, p.tax_rate, 0 };
    struct tcrm_line_amounts am;
    tcrm_money_line(&in, &am, NULL);
    tcrm_money_format(am.unit_gross, p.currency, gross, sizeof gross);
    fprintf(cli->out, _("%s  (product %lld)\n"), cli_s(p.name),
            (long long)p.id);
    cli_field(cli, _("code"), p.code);
    cli_field(cli, _("spec"), p.spec);
    cli_field(cli, _("unit"), p.unit);
    cli_field(cli, _("price"), price);
    /* TRANSLATORS: a product's tax rate */
    cli_field(cli, C_("rate", "tax"), tax);
    cli_field(cli, _("with tax"), gross);
    fprintf(cli->out, _("  %-13s %s by %s (version %lld)\n"), _("changed"),
            cli_s(p.stamp.updated_at), cli_s(p.stamp.updated_by),
            (long long)p.version);
    tcrm_product_clear(&p);
    return TCRM_EXIT_OK;
}

static int product_edit(struct tcrm_cli *cli, int argc, char **argv)
{
    struct product_args a;
    struct tcrm_product p;
    struct tcrm_error err;
    struct tcrm_db *db;
    struct cli_opts o;
    int rc;

    memset(&a, 0, sizeof a);
    tcrm_product_init(&p);
    cli_opts_init(&o, &sub_edit, argc, argv, NULL);
    if ((rc = product_opts(&o, &a)) >= 0 ||
        (rc = cli_want_args(&sub_edit, &o, 1, 1, "CODE")))
        return rc;
    /* Values first, so that a bad one never opens the database. */
    if ((rc = product_apply(&a, &p)) || (rc = tcrm_cli_db(cli, &db)))
        return rc;
    tcrm_product_clear(&p);
    tcrm_error_clear(&err);
    if (tcrm_product_find(db, o.pos[0], &p, &err))
        return tcrm_cli_fail_err(&err);
    product_apply(&a, &p);
    rc = tcrm_product_update(db, &p, &err);
    if (rc < 0) {
        rc = tcrm_cli_fail_err(&err);
    } else {
        fprintf(cli->out, rc ? _("no change to product %lld\n")
                             : _("saved product %lld\n"), (long long)p.id);
        rc = TCRM_EXIT_OK;
    }
    tcrm_product_clear(&p);
    return rc;
}

static int product_delete(struct tcrm_cli *cli, int argc, char **argv)
{
    struct tcrm_product p;
    struct tcrm_error err;
    struct tcrm_db *db;
    int rc;

    tcrm_product_init(&p);
    if ((rc = product_named(cli, &sub_delete, argc, argv, 1, &db, &p)) >= 0)
        return rc;
    tcrm_error_clear(&err);
    rc = TCRM_EXIT_OK;
    if (tcrm_product_delete(db, p.id, &err))
        rc = tcrm_cli_fail_err(&err);
    else
        fprintf(cli->out, _("moved product %lld (%s %s) to the trash; tcrm "
                "restore product/%lld brings it back\n"), (long long)p.id,
                cli_s(p.code), cli_s(p.name), (long long)p.id);
    tcrm_product_clear(&p);
    return rc;
}
