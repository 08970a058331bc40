/*
 * cmd_deal.c: `tcrm deal add|list|show|move|won|lost|delete`.
 *
 * Stages come from the configured pipeline ([pipeline] stages); the core
 * stores any text, so every stage a person types is checked here against
 * the config, and the error lists the valid ones. A stage is stored in the
 * config's spelling; the deal's probability follows its stage unless
 * --probability says otherwise. Amounts go through tcrm_money_parse (no
 * floating point anywhere).
 *
 * `deal list` walks the pipeline stage by stage (then any deal whose stage
 * is no longer configured), so rows come in pipeline order without
 * holding them all, and ends with the totals per stage and currency.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli_internal.h"
#include "cmd_order.h"
#include "tcrm/company.h"
#include "tcrm/deal.h"

int cli_deal_list(struct tcrm_cli *cli, int argc, char **argv);
static int deal_add(struct tcrm_cli *cli, int argc, char **argv);
static int deal_show(struct tcrm_cli *cli, int argc, char **argv);
static int deal_move(struct tcrm_cli *cli, int argc, char **argv);
static int deal_won(struct tcrm_cli *cli, int argc, char **argv);
/* deal won --order (set by deal_args_id) */
static int won_order;
static int deal_lost(struct tcrm_cli *cli, int argc, char **argv);
static int deal_delete(struct tcrm_cli *cli, int argc, char **argv);

#define U_ADD "deal add TITLE --company NAME [--contact ID] --amount 1200.50\n" \
    "   [--currency EUR] [--stage S] [--probability P] [--close WHEN]\n" \
    "   [--tag T]... [--campaign CID]"
#define U_LIST "deal list [--stage S] [--status open|won|lost|all] [--all]\n" \
    "   [--format table|csv|tsv] [--wide]"
#define U_SHOW "deal show DID"
#define U_MOVE "deal move DID STAGE"
#define U_WON "deal won DID [--order]"
#define U_LOST "deal lost DID --reason TEXT"
#define U_DELETE "deal delete DID"

static const struct tcrm_cmd sub_add = { "deal add", U_ADD,
    N_("Add a deal to the pipeline (first stage unless --stage)."), deal_add };
const struct tcrm_cmd cli_deal_list_cmd = { "deal list", U_LIST,
    N_("List deals in pipeline order, then the totals per stage."),
    cli_deal_list };
static const struct tcrm_cmd sub_show = { "deal show", U_SHOW,
    N_("Show a deal."), deal_show };
static const struct tcrm_cmd sub_move = { "deal move", U_MOVE,
    N_("Move an open deal to another stage."), deal_move };
static const struct tcrm_cmd sub_won = { "deal won", U_WON,
    N_("Close a deal as won (--order: make an order from its accepted "
       "quote)."), deal_won };
static const struct tcrm_cmd sub_lost = { "deal lost", U_LOST,
    N_("Close a deal as lost, with the reason."), deal_lost };
static const struct tcrm_cmd sub_delete = { "deal delete", U_DELETE,
    N_("Move a deal to the trash."), deal_delete };
static const struct tcrm_cmd *const subs[] = {
    &sub_add, &cli_deal_list_cmd, &sub_show, &sub_move, &sub_won, &sub_lost,
    &sub_delete,
};

static int deal_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    return cli_dispatch(cli, &tcrm_cmd_deal, subs,
                        sizeof subs / sizeof subs[0], argc, argv);
}

const struct tcrm_cmd tcrm_cmd_deal = {
    "deal",
    U_ADD "\n" U_LIST "\n" U_SHOW "\n" U_MOVE "\n" U_WON "\n" U_LOST "\n"
    U_DELETE,
    N_("The sales pipeline: add, list, show, move, won, lost, delete."),
    deal_exec,
};

struct deal_args {
    const char *company, *contact, *amount, *currency, *stage, *close;
    const char *prob, *campaign;
};

enum { O_COMPANY = 256, O_CONTACT, O_AMOUNT, O_CURRENCY, O_STAGE, O_CLOSE,
       O_PROB, O_TAG, O_CAMPAIGN };

/* Options of add onto a and d (tags); -1 to go on, else exit status. */
static int deal_add_opts(struct cli_opts *o, struct deal_args *a,
                         struct tcrm_deal *d)
{
    static const struct option lo[] = {
        { "company", required_argument, NULL, O_COMPANY },
        { "contact", required_argument, NULL, O_CONTACT },
        { "amount", required_argument, NULL, O_AMOUNT },
        { "currency", required_argument, NULL, O_CURRENCY },
        { "stage", required_argument, NULL, O_STAGE },
        { "close", required_argument, NULL, O_CLOSE },
        { "probability", required_argument, NULL, O_PROB },
        { "tag", required_argument, NULL, O_TAG },
        { "campaign", required_argument, NULL, O_CAMPAIGN },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    int c;

    o->lo = lo;
    while ((c = cli_opts_next(o)) != CLI_OPT_DONE) {
        switch (c) {
        case CLI_OPT_STOP: return o->status;
        case O_COMPANY: a->company = optarg; break;
        case O_CONTACT: a->contact = optarg; break;
        case O_AMOUNT: a->amount = optarg; break;
        case O_CURRENCY: a->currency = optarg; break;
        case O_STAGE: a->stage = optarg; break;
        case O_CLOSE: a->close = optarg; break;
        case O_PROB: a->prob = optarg; break;
        case O_CAMPAIGN: a->campaign = optarg; break;
        case O_TAG:
            if (*optarg && !tcrm_strlist_has(&d->tags, optarg))
                tcrm_strlist_add(&d->tags, optarg);
            break;
        }
    }
    return -1;
}

/* Check the arguments that need no database; fills d. */
static int deal_add_check(const struct cli_opts *o, const struct deal_args *a,
                          struct tcrm_deal *d)
{
    const struct tcrm_cmd *cmd = &sub_add;
    struct tcrm_error err;
    struct tcrm_when w;
    char date[11], cur[8];
    int rc, i;

    if ((rc = cli_want_args(cmd, o, 1, -1, "TITLE")))
        return rc;
    if (!a->company && !a->contact)
        return tcrm_cli_usage(cmd, "missing --company (or --contact)");
    if (!a->amount)
        return tcrm_cli_usage(cmd, "missing --amount");
    tcrm_error_clear(&err);
    if (tcrm_money_parse(a->amount, &d->amount_minor, &err))
        return tcrm_cli_bad(cmd, "%s", cli_s(err.msg));
    if (a->contact &&
        (rc = cli_parse_id(cmd, N_("contact id"), a->contact,
                           &d->contact_id)))
        return rc;
    if (a->prob && (rc = cli_parse_int(cmd, "--probability", a->prob, 0, 100,
                                       &d->probability)))
        return rc;
    if (a->close) {
        if ((rc = cli_parse_when(cmd, "--close", a->close, &w)))
            return rc;
        tcrm_when_date(&w, date);
        tcrm_str_set(&d->expected_close, date);
    }
    if (a->currency) {
        snprintf(cur, sizeof cur, "%s", a->currency);
        for (i = 0; cur[i]; i++)
            cur[i] = (char)toupper((unsigned char)cur[i]);
        tcrm_str_set(&d->currency, strlen(a->currency) < sizeof cur
                                       ? cur : a->currency);
    }
    return 0;
}

/* What needs the config and the database: stage, company. */
static int deal_add_resolve(struct tcrm_cli *cli, struct tcrm_db *db,
                            const struct deal_args *a, struct tcrm_deal *d)
{
    struct tcrm_error err;
    int idx = 0;

    if (a->stage && cli_check_stage(cli, a->stage, &idx))
        return TCRM_EXIT_FAIL;
    tcrm_str_set(&d->stage, cli->cfg.stages[idx]);
    if (!a->prob)
        d->probability = cli->cfg.stage_probability[idx];
    if (!d->currency)
        tcrm_str_set(&d->currency, cli->cfg.currency);
    tcrm_error_clear(&err);
    if (a->company && tcrm_company_find(db, a->company, &d->company_id, &err))
        return tcrm_cli_fail_err(&err);
    if (a->company && !d->company_id)
        return tcrm_cli_fail("company '%s': not found (add it with: tcrm "
                             "company add NAME)", cli_s(a->company));
    return a->campaign ? cli_campaign_id(db, a->campaign, &d->campaign_id)
                       : 0;
}

static int deal_add(struct tcrm_cli *cli, int argc, char **argv)
{
    struct deal_args a;
    struct tcrm_deal d;
    struct tcrm_error err;
    struct tcrm_db *db;
    struct cli_opts o;
    char money[64], *title;
    int rc;

    memset(&a, 0, sizeof a);
    tcrm_deal_init(&d);
    cli_opts_init(&o, &sub_add, argc, argv, NULL);
    if ((rc = deal_add_opts(&o, &a, &d)) >= 0 ||
        (rc = deal_add_check(&o, &a, &d)) || (rc = tcrm_cli_db(cli, &db)) ||
        (rc = deal_add_resolve(cli, db, &a, &d))) {
        tcrm_deal_clear(&d);
        return rc;
    }
    title = cli_join(o.pos, o.npos);
    tcrm_str_set(&d.title, title);
    free(title);
    tcrm_error_clear(&err);
    if (tcrm_deal_insert(db, &d, &err)) {
        rc = tcrm_cli_fail_err(&err);
    } else {
        tcrm_money_format(d.amount_minor, d.currency, money, sizeof money);
        /* TRANSLATORS: deal id, title, (amount, stage) */
        fprintf(cli->out, _("added deal %lld: %s (%s, %s)\n"),
                (long long)d.id, cli_s(d.title), cli_s(money),
                cli_s(tcrm_i18n_word("stage", d.stage)));
    }
    tcrm_deal_clear(&d);
    return rc;
}

/* DID (and STAGE when want_stage) plus --reason for lost; -1 to go on. */
static int deal_args_id(const struct tcrm_cmd *cmd, struct cli_opts *o,
                        int argc, char **argv, int nargs, const char **reason,
                        int64_t *id)
{
    static const struct option lo[] = { CLI_OPT_HELP, CLI_OPT_END };
    static const struct option lo_reason[] = {
        { "reason", required_argument, NULL, 'r' }, CLI_OPT_HELP, CLI_OPT_END,
    };
    static const struct option lo_won[] = {
        { "order", no_argument, NULL, 'o' }, CLI_OPT_HELP, CLI_OPT_END,
    };
    int c, rc;

    cli_opts_init(o, cmd, argc, argv, reason ? lo_reason
                  : cmd == &sub_won ? lo_won : lo);
    while ((c = cli_opts_next(o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o->status;
        if (c == 'r')
            *reason = optarg;
        if (c == 'o')
            won_order = 1;
    }
    if ((rc = cli_want_args(cmd, o, nargs, nargs,
                            nargs == 1 ? "DID"
                            : o->npos == 1 ? "STAGE"
                            : _("DID and STAGE"))) ||
        (rc = cli_parse_id(cmd, N_("deal id"), o->pos[0], id)))
        return rc;
    if (reason && (!*reason || !**reason))
        return tcrm_cli_usage(cmd, "missing --reason");
    return -1;
}

static int deal_show(struct tcrm_cli *cli, int argc, char **argv)
{
    struct tcrm_deal d;
    struct tcrm_error err;
    struct tcrm_db *db;
    struct cli_opts o;
    char money[64], buf[64];
    int64_t id;
    int rc;
    size_t i;

    if ((rc = deal_args_id(&sub_show, &o, argc, argv, 1, NULL, &id)) >= 0 ||
        (rc = cli_db_read(cli, &db)))
        return rc;
    tcrm_deal_init(&d);
    tcrm_error_clear(&err);
    if (tcrm_deal_get(db, id, &d, &err)) {
        tcrm_deal_clear(&d);
        return tcrm_cli_fail_err(&err);
    }
    tcrm_money_format(d.amount_minor, d.currency, money, sizeof money);
    fprintf(cli->out, _("%s  (deal %lld)\n"), cli_s(d.title), (long long)id);
    cli_field(cli, _("company"), d.company_name);
    cli_field(cli, _("contact"), d.contact_name);
    cli_field(cli, _("stage"), tcrm_i18n_word("stage", d.stage));
    cli_field(cli, _("amount"), money);
    snprintf(buf, sizeof buf, "%d%%", d.probability);
    cli_field(cli, _("probability"), buf);
    /* TRANSLATORS: a deal's expected close date */
    cli_field(cli, _("close"), cli_date(cli, d.expected_close));
    cli_field(cli, _("status"),
              tcrm_i18n_word("status", tcrm_deal_status_name(d.status)));
    /* TRANSLATORS: the date a deal was won or lost */
    cli_field(cli, _("closed"), cli_date(cli, d.closed_at));
    cli_field(cli, _("lost because"), d.lost_reason);
    cli_field(cli, _("owner"), d.owner);
    for (i = 0; i < d.tags.n; i++)
        cli_field(cli, i ? "" : _("tags"), d.tags.items[i]);
    fprintf(cli->out, "%s %s\n", cli_label(_("changed")),
            cli_changed(d.stamp.updated_at, d.stamp.updated_by, d.version));
    tcrm_deal_clear(&d);
    return TCRM_EXIT_OK;
}

static int deal_version(struct tcrm_db *db, int64_t id, int64_t *version,
                        struct tcrm_error *err)
{
    struct tcrm_deal d;
    int rc = tcrm_deal_get(db, id, &d, err);
    *version = d.version;
    tcrm_deal_clear(&d);
    return rc;
}

static int deal_move(struct tcrm_cli *cli, int argc, char **argv)
{
    struct tcrm_error err;
    struct tcrm_db *db;
    struct cli_opts o;
    int64_t id;
    int rc, idx;

    if ((rc = deal_args_id(&sub_move, &o, argc, argv, 2, NULL, &id)) >= 0)
        return rc;
    if (cli_check_stage(cli, o.pos[1], &idx))
        return TCRM_EXIT_FAIL;
    if ((rc = tcrm_cli_db(cli, &db)))
        return rc;
    tcrm_error_clear(&err);
    /* The versions before and after, in the move's transaction, tell
     * whether it wrote anything (a move to the stage it has does not). */
    int64_t was = 0, now = 0;
    if (tcrm_db_begin(db, &err) || deal_version(db, id, &was, &err) ||
        tcrm_deal_move(db, id, cli->cfg.stages[idx],
                       cli->cfg.stage_probability[idx], &err) ||
        deal_version(db, id, &now, &err) || tcrm_db_commit(db, &err)) {
        tcrm_db_rollback(db);
        return tcrm_cli_fail_err(&err);
    }
    if (now == was)
        fprintf(cli->out, _("no change to deal %lld\n"), (long long)id);
    else
        fprintf(cli->out, _("deal %lld moved to %s (%d%%)\n"), (long long)id,
                cli_s(tcrm_i18n_word("stage", cli->cfg.stages[idx])),
                cli->cfg.stage_probability[idx]);
    return TCRM_EXIT_OK;
}

/* deal won --order: the deal's accepted quote without an order (exit 1
 * when there is none, before anything changes), else 0 with *qid. */
static int won_quote(struct tcrm_db *db, int64_t id, int64_t *qid)
{
    struct tcrm_error err;

    tcrm_error_clear(&err);
    if (tcrm_order_deal_quote(db, id, qid, &err))
        return tcrm_cli_fail_err(&err);
    if (!*qid)
        return tcrm_cli_fail("deal %lld has no accepted quote without an "
                             "order (accept one first: tcrm quote accept "
                             "QID)", (long long)id);
    return 0;
}

/* won, lost and delete: get the deal (for its title), then act. */
static int deal_close(struct tcrm_cli *cli, const struct tcrm_cmd *cmd,
                      int argc, char **argv)
{
    struct tcrm_deal d;
    struct tcrm_error err;
    struct tcrm_db *db;
    struct cli_opts o;
    const char *reason = NULL;
    char money[64];
    int64_t id, qid = 0;
    int rc;

    won_order = 0;
    if ((rc = deal_args_id(cmd, &o, argc, argv, 1,
                           cmd == &sub_lost ? &reason : NULL, &id)) >= 0 ||
        (rc = tcrm_cli_db(cli, &db)) ||
        (won_order && (rc = won_quote(db, id, &qid))))
        return rc;
    tcrm_deal_init(&d);
    tcrm_error_clear(&err);
    if (tcrm_deal_get(db, id, &d, &err) ||
        (cmd == &sub_won && tcrm_deal_won(db, id, &err)) ||
        (cmd == &sub_lost && tcrm_deal_lost(db, id, reason, &err)) ||
        (cmd == &sub_delete && tcrm_deal_delete(db, id, &err))) {
        rc = tcrm_cli_fail_err(&err);
    } else {
        tcrm_money_format(d.amount_minor, d.currency, money, sizeof money);
        if (cmd == &sub_delete)
            fprintf(cli->out, _("moved deal %lld (%s) to the trash; tcrm "
                    "restore deal/%lld brings it back\n"), (long long)id,
                    cli_s(d.title), (long long)id);
        else
            /* TRANSLATORS: deal id, title (amount) */
            fprintf(cli->out, cmd == &sub_won ? _("deal %lld won: %s (%s)\n")
                                              : _("deal %lld lost: %s (%s)\n"),
                    (long long)id, cli_s(d.title), cli_s(money));
    }
    tcrm_deal_clear(&d);
    if (rc == 0 && qid)
        rc = cli_order_open(cli, db, qid);
    return rc;
}

static int deal_won(struct tcrm_cli *cli, int argc, char **argv)
{
    return deal_close(cli, &sub_won, argc, argv);
}

static int deal_lost(struct tcrm_cli *cli, int argc, char **argv)
{
    return deal_close(cli, &sub_lost, argc, argv);
}

static int deal_delete(struct tcrm_cli *cli, int argc, char **argv)
{
    return deal_close(cli, &sub_delete, argc, argv);
}
