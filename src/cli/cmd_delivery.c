/*
 * cmd_delivery.c: `tcrm delivery add|print|list|delete`: delivery notes
 * of confirmed orders (tcrm/delivery.h).
 *
 * `--line N=QTY` names the order's line N (its position, as `order show`
 * numbers it) and the quantity shipped of it, read by tcrm/money.h
 * before the database is opened; without --line a note ships everything
 * left. What may be shipped is the core's to say.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_order.h"
#include "tcrm/delivery.h"

static int delivery_add(struct tcrm_cli *cli, int argc, char **argv);
static int delivery_print(struct tcrm_cli *cli, int argc, char **argv);
static int delivery_list(struct tcrm_cli *cli, int argc, char **argv);
static int delivery_delete(struct tcrm_cli *cli, int argc, char **argv);

#define U_ADD "delivery add OID [--line N=QTY]..."
#define U_PRINT "delivery print DID [-o FILE] [--format text|csv]"
#define U_LIST "delivery list [--pending] [--format table|csv|tsv]"
#define U_DELETE "delivery delete DID"
#define MAX_ITEMS 256

static const struct tcrm_cmd sub_add = { "delivery add", U_ADD,
    N_("Ship lines of a confirmed order (all that is left by default)."),
    delivery_add };
static const struct tcrm_cmd sub_print = { "delivery print", U_PRINT,
    N_("Print a delivery note from its template, or its lines as CSV."),
    delivery_print };
static const struct tcrm_cmd sub_list = { "delivery list", U_LIST,
    N_("List delivery notes, or with --pending what is left to ship."),
    delivery_list };
static const struct tcrm_cmd sub_delete = { "delivery delete", U_DELETE,
    N_("Move a delivery note to the trash (its lines are to ship again)."),
    delivery_delete };
static const struct tcrm_cmd *const subs[] = {
    &sub_add, &sub_print, &sub_list, &sub_delete,
};

static int delivery_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    return cli_dispatch(cli, &tcrm_cmd_delivery, subs,
                        sizeof subs / sizeof subs[0], argc, argv);
}

const struct tcrm_cmd tcrm_cmd_delivery = {
    "delivery",
    U_ADD "\n" U_PRINT "\n" U_LIST "\n" U_DELETE,
    N_("Delivery notes: add, print, list, delete."),
    delivery_exec,
};

static int delivery_id(struct tcrm_db *db, const char *ref, int64_t *id)
{
    struct tcrm_error err;

    tcrm_error_clear(&err);
    return tcrm_delivery_find(db, ref, id, &err) ? tcrm_cli_fail_err(&err)
                                                 : 0;
}

static const char *qty_text(int64_t v)
{
    char buf[48];
    tcrm_decimal_format(v, TCRM_QTY_PLACES, 0, buf, sizeof buf);
    return cli_keep(strdup(buf));
}

/* "2=1.5" into *it: usage error (2) when malformed, exit 1 for a bad
 * quantity. */
static int parse_item(const char *s, struct tcrm_delivery_item *it)
{
    struct tcrm_error err;
    const char *eq = strchr(s, '=');
    char *end = NULL;
    long pos = strtol(s, &end, 10);

    if (!eq || end != eq || pos < 1 || pos > 100000 || s[0] == '+' ||
        s[0] == ' ')
        return tcrm_cli_bad(&sub_add, "--line: '%s' is not N=QTY (a line "
                              "number of the order, a quantity)", cli_s(s));
    it->position = (int)pos;
    tcrm_error_clear(&err);
    if (tcrm_decimal_read(eq + 1, "--line", TCRM_QTY_PLACES, &it->qty, &err))
        return tcrm_cli_fail_err(&err);
    if (it->qty == 0)
        return tcrm_cli_fail(_("--line: the quantity must be more than 0"));
    return 0;
}

static int delivery_add(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {
        { "line", required_argument, NULL, 'l' }, CLI_OPT_HELP, CLI_OPT_END,
    };
    struct tcrm_delivery_item items[MAX_ITEMS];
    struct tcrm_delivery d;
    struct tcrm_error err;
    struct tcrm_db *db;
    struct cli_opts o;
    size_t n = 0;
    int64_t oid, id;
    int c, rc = 0;

    cli_opts_init(&o, &sub_add, argc, argv, lo);
    while (!rc && (c = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o.status;
        if (n == MAX_ITEMS)
            return tcrm_cli_usage(&sub_add, "more than %d --line options",
                                  MAX_ITEMS);
        rc = parse_item(optarg, &items[n++]);
    }
    if (rc || (rc = cli_want_args(&sub_add, &o, 1, 1, "OID")) ||
        (rc = tcrm_cli_db(cli, &db)) || (rc = cli_order_id(db, o.pos[0], &oid)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_delivery_add(db, oid, items, n, cli->cfg.delivery_number, &id,
                          &err) || tcrm_delivery_get(db, id, &d, &err))
        return tcrm_cli_fail_err(&err);
    fprintf(cli->out, P_("added delivery note %lld: %s (order %s, %lld "
                         "line)\n", "added delivery note %lld: %s (order "
                         "%s, %lld lines)\n", d.n_lines), (long long)id,
            cli_s(d.number), cli_s(d.order_number), (long long)d.n_lines);
    tcrm_delivery_clear(&d);
    return TCRM_EXIT_OK;
}

static int delivery_print(struct tcrm_cli *cli, int argc, char **argv)
{
    return cli_doc_print(cli, &sub_print, "delivery", argc, argv,
                         delivery_id);
}

static int delivery_delete(struct tcrm_cli *cli, int argc, char **argv)
{
    struct tcrm_delivery d;
    struct tcrm_error err;
    struct tcrm_db *db;
    const char *ref;
    int64_t id;
    int rc = cli_one_arg(&sub_delete, argc, argv, "DID", &ref);

    if (rc)
        return rc == TCRM_EXIT_HELPED ? TCRM_EXIT_OK : rc;
    if ((rc = tcrm_cli_db(cli, &db)) || (rc = delivery_id(db, ref, &id)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_delivery_get(db, id, &d, &err) ||
        tcrm_delivery_delete(db, id, &err)) {
        tcrm_delivery_clear(&d);
        return tcrm_cli_fail_err(&err);
    }
    fprintf(cli->out, _("moved delivery note %s to the trash; tcrm restore "
            "delivery/%lld brings it back\n"), cli_s(d.number),
            (long long)id);
    tcrm_delivery_clear(&d);
    return TCRM_EXIT_OK;
}

/* ---- list ------------------------------------------------------------------ */

static int list_notes(struct tcrm_cli *cli, struct tcrm_db *db,
                      enum cli_format fmt)
{
    const char *head[] = { _("NUMBER"), _("ORDER"), _("CUSTOMER"),
                           _("LINES"), _("DATE"), _("BY") };
    static const char *const head_csv[] = { "id", "number", "order",
        "customer", "lines", "created_at", "created_by" };
    struct cli_table *t = fmt == CLI_FMT_TABLE
        ? cli_table_new(cli, fmt, 6, head, "lllrll")
        : cli_table_new(cli, fmt, 7, head_csv, "rlllrll");
    struct tcrm_delivery *d = NULL;
    struct tcrm_error err;
    int64_t before = 0;
    size_t n;
    int rc = 0;

    tcrm_error_clear(&err);
    do {
        if (tcrm_delivery_list(db, before, 200, &d, &n, &err)) {
            rc = tcrm_cli_fail_err(&err);
            break;
        }
        for (size_t i = 0; i < n; i++) {
            const char *who = d[i].company_name ? d[i].company_name
                                                : d[i].contact_name;
            const char *id = cli_fmt("%lld", (long long)d[i].id);
            const char *lines = cli_fmt("%lld", (long long)d[i].n_lines);
            if (fmt == CLI_FMT_TABLE)
                cli_table_add(t, (const char *const[]){ d[i].number,
                    d[i].order_number, who, lines,
                    cli_date(cli, d[i].stamp.created_at),
                    d[i].stamp.created_by });
            else
                cli_table_add(t, (const char *const[]){ id, d[i].number,
                    d[i].order_number, who, lines, d[i].stamp.created_at,
                    d[i].stamp.created_by });
        }
        before = n ? d[n - 1].id : 0;
        tcrm_delivery_array_free(d, n);
    } while (n == 200);
    if (!rc && fmt == CLI_FMT_TABLE && cli_table_rows(t) == 0)
        fprintf(cli->out, "%s\n", _("no delivery notes"));
    if (cli_table_end(t) && !rc)
        rc = TCRM_EXIT_FAIL;
    return rc;
}

static int list_pending(struct tcrm_cli *cli, struct tcrm_db *db,
                        enum cli_format fmt)
{
    const char *head[] = { _("ORDER"), _("CUSTOMER"), "#", _("ITEM"),
                           _("ORDERED"), _("SHIPPED"), _("LEFT") };
    static const char *const head_csv[] = { "order", "customer", "line",
        "code", "description", "unit", "ordered", "shipped", "left" };
    struct cli_table *t = fmt == CLI_FMT_TABLE
        ? cli_table_new(cli, fmt, 7, head, "llrlrrr")
        : cli_table_new(cli, fmt, 9, head_csv, "llrlllrrr");
    struct tcrm_delivery_line *l = NULL;
    struct tcrm_error err;
    int64_t after = 0;
    size_t n;
    int rc = 0;

    tcrm_error_clear(&err);
    do {
        if (tcrm_delivery_pending(db, after, 200, &l, &n, &err)) {
            rc = tcrm_cli_fail_err(&err);
            break;
        }
        for (size_t i = 0; i < n; i++) {
            const char *pos = cli_fmt("%d", l[i].position);
            const char *left = qty_text(l[i].ordered - l[i].shipped);
            if (fmt == CLI_FMT_TABLE)
                cli_table_add(t, (const char *const[]){ l[i].order_number,
                    l[i].customer, pos, l[i].description,
                    qty_text(l[i].ordered), qty_text(l[i].shipped), left });
            else
                cli_table_add(t, (const char *const[]){ l[i].order_number,
                    l[i].customer, pos, l[i].product_code, l[i].description,
                    l[i].unit, qty_text(l[i].ordered),
                    qty_text(l[i].shipped), left });
        }
        after = n ? l[n - 1].order_line_id : 0;
        tcrm_delivery_lines_free(l, n);
    } while (n == 200);
    if (!rc && fmt == CLI_FMT_TABLE && cli_table_rows(t) == 0)
        fprintf(cli->out, "%s\n", _("nothing left to ship"));
    if (cli_table_end(t) && !rc)
        rc = TCRM_EXIT_FAIL;
    return rc;
}

static int delivery_list(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {
        { "pending", no_argument, NULL, 'p' },
        { "format", required_argument, NULL, 'f' }, CLI_OPT_HELP, CLI_OPT_END,
    };
    enum cli_format fmt = CLI_FMT_TABLE;
    struct tcrm_db *db;
    struct cli_opts o;
    int c, rc = 0, pending = 0;

    cli_opts_init(&o, &sub_list, argc, argv, lo);
    while (!rc && (c = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o.status;
        if (c == 'p')
            pending = 1;
        else if (c == 'f')
            rc = cli_parse_format(&sub_list, optarg, &fmt);
    }
    if (rc || (rc = cli_want_args(&sub_list, &o, 0, 0, "")) ||
        (rc = cli_db_read(cli, &db)))
        return rc;
    return pending ? list_pending(cli, db, fmt) : list_notes(cli, db, fmt);
}
