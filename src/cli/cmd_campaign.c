/*
 * cmd_campaign.c: `tcrm campaign add|edit|delete|members|mark|list|show`.
 *
 * The rules (names unique among live campaigns, frozen members that the
 * session sees, states going forward only, the figures) are the core's
 * (tcrm/campaign.h); here options are read and results said.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_money.h"
#include "tcrm/campaign.h"
#include "tcrm/date.h"

static int campaign_add(struct tcrm_cli *cli, int argc, char **argv);
static int campaign_edit(struct tcrm_cli *cli, int argc, char **argv);
static int campaign_delete(struct tcrm_cli *cli, int argc, char **argv);
static int campaign_members(struct tcrm_cli *cli, int argc, char **argv);
static int campaign_mark(struct tcrm_cli *cli, int argc, char **argv);
static int campaign_list(struct tcrm_cli *cli, int argc, char **argv);
static int campaign_show(struct tcrm_cli *cli, int argc, char **argv);

#define U_ADD "campaign add NAME --kind email|event|call|ad|other\n" \
    "   [--start WHEN] [--end WHEN] [--budget A] [--cost A] [--currency C]"
#define U_EDIT "campaign edit CID [--name N] [--kind K] [--start WHEN]\n" \
    "   [--end WHEN] [--budget A] [--cost A] [--currency C]"
#define U_DELETE "campaign delete CID"
#define U_MEMBERS "campaign members CID --add (--search Q | --tag T |\n" \
    "   --contact ID...) | --remove (--search Q | --tag T | --contact ID...)"
#define U_MARK "campaign mark CID ID contacted|responded|converted"
#define U_LIST "campaign list"
#define U_SHOW "campaign show CID"

static const struct tcrm_cmd sub_add = { "campaign add", U_ADD,
    N_("Add a marketing campaign."), campaign_add };
static const struct tcrm_cmd sub_edit = { "campaign edit", U_EDIT,
    N_("Change a campaign (an empty --start, --end or --budget removes it)."),
    campaign_edit };
static const struct tcrm_cmd sub_delete = { "campaign delete", U_DELETE,
    N_("Move a campaign to the trash."), campaign_delete };
static const struct tcrm_cmd sub_members = { "campaign members", U_MEMBERS,
    N_("Add contacts to a campaign as they are now (a search, a tag, ids), "
       "or take them out."), campaign_members };
static const struct tcrm_cmd sub_mark = { "campaign mark", U_MARK,
    N_("Record how far a member got: contacted, responded, converted."),
    campaign_mark };
static const struct tcrm_cmd sub_list = { "campaign list", U_LIST,
    N_("List campaigns."), campaign_list };
static const struct tcrm_cmd sub_show = { "campaign show", U_SHOW,
    N_("Show a campaign, its figures and its members."), campaign_show };
static const struct tcrm_cmd *const subs[] = { &sub_add, &sub_edit,
                                               &sub_delete, &sub_members,
                                               &sub_mark, &sub_list,
                                               &sub_show };

static int campaign_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    return cli_dispatch(cli, &tcrm_cmd_campaign, subs,
                        sizeof subs / sizeof subs[0], argc, argv);
}

const struct tcrm_cmd tcrm_cmd_campaign = {
    "campaign", U_ADD "\n" U_EDIT "\n" U_DELETE "\n" U_MEMBERS "\n" U_MARK
    "\n" U_LIST "\n" U_SHOW,
    N_("Marketing campaigns: add, edit, delete, members, mark, list, show."),
    campaign_exec,
};

int cli_campaign_id(struct tcrm_db *db, const char *ref, int64_t *id)
{
    return cli_doc_id(db, ref, id, tcrm_campaign_find);
}

/* "Spring fair (campaign 2)" of a campaign read for a message. */
static const char *campaign_name(struct tcrm_db *db, int64_t id)
{
    struct tcrm_campaign c;
    if (tcrm_campaign_get(db, id, &c, NULL))
        return cli_fmt("%lld", (long long)id);
    const char *s = cli_fmt(_("%s (campaign %lld)"), cli_s(c.name),
                            (long long)id);
    tcrm_campaign_clear(&c);
    return s;
}

/* ---- add, edit, delete --------------------------------------------------------------- */

/* The values of add's and edit's options, as typed. */
struct camp_args {
    const char *name, *kind, *start, *end, *budget, *cost, *currency;
};

/* Reads the options of add or edit
 * into a; -1 to go on, else the exit status. */
static int camp_opts(const struct tcrm_cmd *sub, struct cli_opts *o,
                     struct camp_args *a)
{
    /* add has no --name (NAME is its argument): it starts at lo + 1 */
    static const struct option lo[] = {
        { "name", required_argument, NULL, 'n' },
        { "kind", required_argument, NULL, 'k' },
        { "start", required_argument, NULL, 's' },
        { "end", required_argument, NULL, 'e' },
        { "budget", required_argument, NULL, 'b' },
        { "cost", required_argument, NULL, 'c' },
        { "currency", required_argument, NULL, 'u' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    const char **slot[] = { &a->kind, &a->start, &a->end, &a->budget,
                            &a->cost, &a->currency, &a->name };
    const char *keys = "ksebcun";
    int c;

    o->lo = sub == &sub_add ? lo + 1 : lo;
    while ((c = cli_opts_next(o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o->status;
        *slot[strchr(keys, c) - keys] = optarg;
    }
    return -1;
}

/* Checks the typed values and reads them into in (the fields given;
 * edit's empty --start, --end or --budget leave none: start, end and
 * budget[0] say which were given). 0 or the exit status. */
static int camp_values(const struct tcrm_cmd *sub, const struct camp_args *a,
                       struct tcrm_campaign_in *in, char start[11],
                       char end[11])
{
    int rc = 0;
    if (a->kind && (in->kind = tcrm_campaign_kind_parse(a->kind)) < 0)
        return tcrm_cli_bad(sub, "--kind: '%s' is not one of %s",
                            cli_s(a->kind), tcrm_campaign_kind_list());
    if ((a->start && *a->start &&
         (rc = cli_day(sub, "--start", a->start, start))) ||
        (a->end && *a->end && (rc = cli_day(sub, "--end", a->end, end))) ||
        (a->budget && *a->budget &&
         (rc = cli_amount(sub, "--budget", a->budget, &in->budget))) ||
        (a->cost && (rc = cli_amount(sub, "--cost", a->cost, &in->cost))))
        return rc;
    if (a->name && tcrm_str_empty(a->name))
        return tcrm_cli_bad(sub, "--name: must not be empty");
    in->starts_on = a->start && *a->start ? start : NULL;
    in->ends_on = a->end && *a->end ? end : NULL;
    return 0;
}

/* What add and edit read from the command line. */
struct camp_form {
    struct tcrm_campaign_in in;
    struct camp_args a;
    struct cli_opts o;
    char start[11], end[11];
};

/* The options and 1 to max arguments (named arg) into f; -1 to go on,
 * else the exit status. */
static int camp_read(const struct tcrm_cmd *sub, int argc, char **argv,
                     int max, const char *arg, struct camp_form *f)
{
    int rc;
    memset(f, 0, sizeof *f);
    f->in.budget = -1;
    cli_opts_init(&f->o, sub, argc, argv, NULL);
    if ((rc = camp_opts(sub, &f->o, &f->a)) >= 0 ||
        (rc = cli_want_args(sub, &f->o, 1, max, arg)))
        return rc;
    return -1;
}

static int campaign_add(struct tcrm_cli *cli, int argc, char **argv)
{
    struct camp_form f;
    struct tcrm_error err;
    struct tcrm_db *db;
    int64_t id;
    int rc;

    if ((rc = camp_read(&sub_add, argc, argv, -1, "NAME", &f)) >= 0)
        return rc;
    if (!f.a.kind)
        return tcrm_cli_usage(&sub_add, "missing --kind");
    if ((rc = camp_values(&sub_add, &f.a, &f.in, f.start, f.end)) ||
        (rc = tcrm_cli_db(cli, &db)))
        return rc;
    char *name = cli_join(f.o.pos, f.o.npos);
    f.in.name = name;
    f.in.currency = f.a.currency ? f.a.currency : cli->cfg.base_currency;
    tcrm_error_clear(&err);
    if (tcrm_campaign_add(db, &f.in, &id, &err) == 0)
        fprintf(cli->out, _("added campaign %lld: %s (%s)\n"), (long long)id,
                cli_s(name), tcrm_i18n_word("kind",
                                            tcrm_campaign_kind_name(f.in.kind)));
    else
        rc = tcrm_cli_fail_err(&err);
    free(name);
    return rc;
}

/* Replaces *field (owned) by a copy of v. 0 or TCRM_ENOMEM. */
static int camp_set(char **field, const char *v)
{
    char *d = v ? strdup(v) : NULL;
    if (v && !d)
        return TCRM_ENOMEM;
    free(*field);
    *field = d;
    return 0;
}

/* The options given onto the campaign as read. */
static int camp_apply(const struct camp_args *a,
                      const struct tcrm_campaign_in *in,
                      struct tcrm_campaign *c)
{
    int rc = 0;
    if (a->kind)
        c->kind = in->kind;
    if (a->budget)
        c->budget = *a->budget ? in->budget : -1;
    if (a->cost)
        c->cost = in->cost;
    if ((a->name && (rc = camp_set(&c->name, a->name))) ||
        (a->start && (rc = camp_set(&c->starts_on, in->starts_on))) ||
        (a->end && (rc = camp_set(&c->ends_on, in->ends_on))) ||
        (a->currency && (rc = camp_set(&c->currency, a->currency))))
        return rc;
    return 0;
}

static int campaign_edit(struct tcrm_cli *cli, int argc, char **argv)
{
    struct camp_form f;
    struct tcrm_campaign c;
    struct tcrm_error err;
    struct tcrm_db *db;
    const struct camp_args *a = &f.a;
    int64_t id;
    int rc;

    if ((rc = camp_read(&sub_edit, argc, argv, 1, "CID", &f)) >= 0)
        return rc;
    if (!a->name && !a->kind && !a->start && !a->end && !a->budget &&
        !a->cost && !a->currency)
        return tcrm_cli_usage(&sub_edit, "nothing to change: give --name, "
                              "--kind, --start, --end, --budget, --cost or "
                              "--currency");
    if ((rc = camp_values(&sub_edit, a, &f.in, f.start, f.end)) ||
        (rc = tcrm_cli_db(cli, &db)) ||
        (rc = cli_campaign_id(db, f.o.pos[0], &id)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_campaign_get(db, id, &c, &err))
        return tcrm_cli_fail_err(&err);
    if (camp_apply(a, &f.in, &c))
        rc = tcrm_cli_fail("out of memory");
    else if (tcrm_campaign_edit(db, &c, &err))
        rc = tcrm_cli_fail_err(&err);
    else
        fprintf(cli->out, _("saved campaign %lld: %s\n"), (long long)id,
                cli_s(c.name));
    tcrm_campaign_clear(&c);
    return rc;
}

/* The one argument CID of sub, the database opened (to write or to
 * read) and the campaign found: -1 to go on, else the exit status. */
static int campaign_arg(struct tcrm_cli *cli, const struct tcrm_cmd *sub,
                        int argc, char **argv, int write,
                        struct tcrm_db **db, int64_t *id)
{
    const char *ref;
    int rc = cli_one_arg(sub, argc, argv, "CID", &ref);
    if (rc)
        return rc == TCRM_EXIT_HELPED ? TCRM_EXIT_OK : rc;
    if ((rc = write ? tcrm_cli_db(cli, db) : cli_db_read(cli, db)) ||
        (rc = cli_campaign_id(*db, ref, id)))
        return rc;
    return -1;
}

static int campaign_delete(struct tcrm_cli *cli, int argc, char **argv)
{
    struct tcrm_error err;
    struct tcrm_db *db;
    int64_t id;
    int rc = campaign_arg(cli, &sub_delete, argc, argv, 1, &db, &id);

    if (rc >= 0)
        return rc;
    const char *name = campaign_name(db, id);
    tcrm_error_clear(&err);
    if (tcrm_campaign_delete(db, id, &err))
        return tcrm_cli_fail_err(&err);
    fprintf(cli->out, _("moved %s to the trash; tcrm restore campaign/%lld "
            "brings it back\n"), name, (long long)id);
    return TCRM_EXIT_OK;
}

/* ---- members ------------------------------------------------------------------------ */

struct members_args {
    int add, remove;
    const char *search, *tag;
    int64_t ids[256];
    size_t n_ids;
};

static int members_opts(struct cli_opts *o, struct members_args *a)
{
    static const struct option lo[] = {
        { "add", no_argument, NULL, 'a' },
        { "remove", no_argument, NULL, 'r' },
        { "search", required_argument, NULL, 's' },
        { "tag", required_argument, NULL, 't' },
        { "contact", required_argument, NULL, 'c' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    const char *contact = NULL;
    int c, rc = 0;

    o->lo = lo;
    while (!rc && (c = cli_opts_next(o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o->status;
        if (c == 'a' || c == 'r')
            *(c == 'a' ? &a->add : &a->remove) = 1;
        else if (c == 's' || c == 't')
            *(c == 's' ? &a->search : &a->tag) = optarg;
        else if (a->n_ids == 256)
            rc = tcrm_cli_bad(&sub_members, "--contact: at most 256");
        else if (!(rc = cli_parse_id(&sub_members, N_("contact id"), optarg,
                                     &a->ids[a->n_ids])))
            contact = optarg, a->n_ids++;
    }
    if (rc || (rc = cli_want_args(&sub_members, o, 1, contact ? 256 : 1,
                                  "CID")))
        return rc;
    if (a->add == a->remove)
        return tcrm_cli_usage(&sub_members, "give --add or --remove");
    if (!!a->search + !!a->tag + !!contact != 1)
        return tcrm_cli_usage(&sub_members, "give one of --search, --tag, "
                              "--contact");
    for (int i = 1; i < o->npos && !rc; i++)   /* --contact 3 4 5 */
        if (a->n_ids == 256)
            rc = tcrm_cli_bad(&sub_members, "--contact: at most 256");
        else if (!(rc = cli_parse_id(&sub_members, N_("contact id"),
                                     o->pos[i], &a->ids[a->n_ids])))
            a->n_ids++;
    return rc ? rc : -1;
}

static void say_members(struct tcrm_cli *cli, struct tcrm_db *db, int64_t id,
                        const struct members_args *a, int64_t changed,
                        int64_t already)
{
    const char *name = campaign_name(db, id);
    if (a->add)
        fprintf(cli->out, P_("%s: added %lld member\n",
                             "%s: added %lld members\n", changed), name,
                (long long)changed);
    else
        fprintf(cli->out, P_("%s: took out %lld member\n",
                             "%s: took out %lld members\n", changed), name,
                (long long)changed);
    if (a->add && already)
        fprintf(cli->out, P_("  %lld contact was already a member\n",
                             "  %lld contacts were already members\n",
                             already), (long long)already);
}

static int campaign_members(struct tcrm_cli *cli, int argc, char **argv)
{
    struct members_args a;
    struct tcrm_member_source src;
    struct tcrm_error err;
    struct cli_opts o;
    struct tcrm_db *db;
    int64_t id, changed = 0, already = 0;
    int rc;

    memset(&a, 0, sizeof a);
    cli_opts_init(&o, &sub_members, argc, argv, NULL);
    if ((rc = members_opts(&o, &a)) >= 0 || (rc = tcrm_cli_db(cli, &db)) ||
        (rc = cli_campaign_id(db, o.pos[0], &id)))
        return rc;
    if (a.tag && (rc = cli_check_tag(db, a.tag)))
        return rc;
    src = (struct tcrm_member_source){ a.search, a.tag, a.ids, a.n_ids };
    tcrm_error_clear(&err);
    rc = a.add ? tcrm_campaign_members_add(db, id, &src, &changed, &already,
                                           &err)
               : tcrm_campaign_members_remove(db, id, &src, &changed, &err);
    if (rc)
        return tcrm_cli_fail_err(&err);
    say_members(cli, db, id, &a, changed, already);
    return TCRM_EXIT_OK;
}

/* ---- mark ---------------------------------------------------------------------------- */

static int campaign_mark(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = { CLI_OPT_HELP, CLI_OPT_END };
    struct tcrm_error err;
    struct cli_opts o;
    struct tcrm_db *db;
    int64_t id, contact;
    int c, rc, state;

    cli_opts_init(&o, &sub_mark, argc, argv, lo);
    while ((c = cli_opts_next(&o)) != CLI_OPT_DONE)
        if (c == CLI_OPT_STOP)
            return o.status;
    if ((rc = cli_want_args(&sub_mark, &o, 3, 3, _("CID, ID and STATE"))) ||
        (rc = cli_parse_id(&sub_mark, N_("contact id"), o.pos[1], &contact)))
        return rc;
    state = tcrm_member_state_parse(o.pos[2]);
    if (state <= TCRM_MEMBER_TARGETED)
        return tcrm_cli_bad(&sub_mark, "state: '%s' is not one of %s",
                            cli_s(o.pos[2]), tcrm_member_mark_list());
    if ((rc = tcrm_cli_db(cli, &db)) ||
        (rc = cli_campaign_id(db, o.pos[0], &id)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_campaign_mark(db, id, contact, state, &err))
        return tcrm_cli_fail_err(&err);
    fprintf(cli->out, _("%s: contact %lld is now %s\n"), campaign_name(db, id),
            (long long)contact,
            tcrm_i18n_word("state", tcrm_member_state_name(state)));
    return TCRM_EXIT_OK;
}

/* ---- list, show ------------------------------------------------------------------------ */

static int campaign_list(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = { CLI_OPT_HELP, CLI_OPT_END };
    const char *head[] = { _("ID"), _("NAME"), _("KIND"), _("START"),
                           _("END"), _("MEMBERS"), _("RESPONDED"),
                           _("COST"), _("OWNER") };
    struct tcrm_campaign *v = NULL;
    struct tcrm_error err;
    struct cli_opts o;
    struct tcrm_db *db;
    int64_t after = 0;
    size_t n = 0;
    int c, rc, more = 0;

    cli_opts_init(&o, &sub_list, argc, argv, lo);
    while ((c = cli_opts_next(&o)) != CLI_OPT_DONE)
        if (c == CLI_OPT_STOP)
            return o.status;
    if ((rc = cli_want_args(&sub_list, &o, 0, 0, "")) ||
        (rc = cli_db_read(cli, &db)))
        return rc;
    struct cli_table *t = cli_table_new(cli, CLI_FMT_TABLE, 9, head,
                                        "rllllrrrl");
    tcrm_error_clear(&err);
    do {
        if (tcrm_campaign_page(db, after, 500, &v, &n, &more, &err)) {
            rc = tcrm_cli_fail_err(&err);
            break;
        }
        for (size_t i = 0; i < n; i++)
            cli_table_add(t, (const char *const[]){
                cli_fmt("%lld", (long long)v[i].id), v[i].name,
                tcrm_i18n_word("kind", tcrm_campaign_kind_name(v[i].kind)),
                v[i].starts_on, v[i].ends_on,
                cli_fmt("%lld", (long long)v[i].members),
                cli_fmt("%lld", (long long)v[i].responded),
                cli_money(v[i].cost, v[i].currency), v[i].owner });
        after = n ? v[n - 1].id : 0;
        tcrm_campaign_array_free(v, n);
    } while (more);
    if (!rc && cli_table_rows(t) == 0)
        fprintf(cli->out, "%s\n", _("no campaigns"));
    if (cli_table_end(t) && !rc)
        rc = TCRM_EXIT_FAIL;
    return rc;
}

static void show_members(struct tcrm_cli *cli, struct tcrm_db *db,
                         int64_t id)
{
    const char *head[] = { _("ID"), _("CONTACT"), _("COMPANY"), _("STATE"),
                           _("ADDED"), _("REACHED") };
    struct tcrm_campaign_member *m = NULL;
    int64_t after = 0;
    size_t n = 0;
    int more = 0;
    struct cli_table *t = cli_table_new(cli, CLI_FMT_TABLE, 6, head,
                                        "rlllll");
    cli_table_indent(t, 2);
    do {
        if (tcrm_campaign_members(db, id, after, 500, &m, &n, &more, NULL))
            break;
        for (size_t i = 0; i < n; i++) {
            const char *reached = m[i].converted_at ? m[i].converted_at
                : m[i].responded_at ? m[i].responded_at : m[i].contacted_at;
            cli_table_add(t, (const char *const[]){
                cli_fmt("%lld", (long long)m[i].contact_id), m[i].name,
                m[i].company,
                tcrm_i18n_word("state", tcrm_member_state_name(m[i].state)),
                cli_date(cli, m[i].added_at), cli_date(cli, reached) });
        }
        after = n ? m[n - 1].contact_id : 0;
        tcrm_campaign_members_free(m, n);
    } while (more);
    if (cli_table_rows(t) == 0)
        fprintf(cli->out, "  %s\n", _("no members yet"));
    cli_table_end(t);
}

/* "12,000.00 CNY, 500.00 USD" (ring-owned); "" when nothing was won. */
static const char *revenue_text(const struct tcrm_campaign_figures *f)
{
    const char *s = "";
    for (size_t i = 0; i < f->n_revenue; i++)
        s = cli_fmt("%s%s%s", s, i ? ", " : "",
                    cli_money(f->revenue[i].won, f->revenue[i].currency));
    return s;
}

static void show_figures(struct tcrm_cli *cli,
                         const struct tcrm_campaign_figures *f)
{
    const struct tcrm_campaign *c = &f->c;
    cli_field(cli, _("members"), cli_fmt(_("%lld, contacted %lld, responded "
              "%lld, converted %lld"), (long long)c->members,
              (long long)c->contacted, (long long)c->responded,
              (long long)c->converted));
    cli_field(cli, _("deals"), cli_fmt(_("%lld opened, %lld won"),
              (long long)f->deals, (long long)f->won));
    cli_field(cli, _("won"), revenue_text(f));
    if (f->brought)
        cli_field(cli, _("brought"), cli_fmt(P_("%lld contact",
                  "%lld contacts", f->brought), (long long)f->brought));
    if (f->per_response >= 0)
        cli_field(cli, _("per response"), cli_money(f->per_response,
                                                    c->currency));
    if (f->per_won >= 0)
        cli_field(cli, _("per won deal"), cli_money(f->per_won, c->currency));
    if (f->roc_known)
        cli_field(cli, _("return"), cli_dec(f->roc_bp, 2, "%"));
    else if (f->roc_missing[0])
        cli_field(cli, _("return"), cli_fmt(_("unknown: no %s rate (tcrm rate "
                  "add %s RATE)"), f->roc_missing, f->roc_missing));
}

static int campaign_show(struct tcrm_cli *cli, int argc, char **argv)
{
    struct tcrm_campaign_figures *f = NULL;
    struct tcrm_error err;
    struct tcrm_db *db;
    char today[11];
    size_t n = 0;
    int64_t id;
    int rc = campaign_arg(cli, &sub_show, argc, argv, 0, &db, &id);

    if (rc >= 0)
        return rc;
    tcrm_date_today(tcrm_clock_now(), today);
    tcrm_error_clear(&err);
    if (tcrm_campaign_figures(db, id, today, &f, &n, &err))
        return tcrm_cli_fail_err(&err);
    const struct tcrm_campaign *c = &f->c;
    fprintf(cli->out, _("%s  (campaign %lld, %s)\n"), cli_s(c->name),
            (long long)id,
            tcrm_i18n_word("kind", tcrm_campaign_kind_name(c->kind)));
    cli_field(cli, _("start"), cli_date(cli, c->starts_on));
    cli_field(cli, _("end"), cli_date(cli, c->ends_on));
    if (c->budget >= 0)
        cli_field(cli, _("budget"), cli_money(c->budget, c->currency));
    cli_field(cli, _("cost"), cli_money(c->cost, c->currency));
    cli_field(cli, _("owner"), c->owner);
    show_figures(cli, f);
    cli_field(cli, _("changed"), cli_changed(c->stamp.updated_at,
              c->stamp.updated_by, (long long)c->version));
    show_members(cli, db, id);
    tcrm_campaign_figures_free(f, n);
    return TCRM_EXIT_OK;
}
