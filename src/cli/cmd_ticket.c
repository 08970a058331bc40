/*
 * cmd_ticket.c: `tcrm ticket add|list|show|edit` and the group's table;
 * the state changes, notes, owners and ratings are cmd_ticket_state.c's.
 *
 * The rules (states, deadlines, waits, ratings) are the core's
 * (tcrm/ticket.h); here options are read and results said.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_ticket.h"
#include "tcrm/product.h"

static int ticket_add(struct tcrm_cli *cli, int argc, char **argv);
static int ticket_list(struct tcrm_cli *cli, int argc, char **argv);
static int ticket_show(struct tcrm_cli *cli, int argc, char **argv);
static int ticket_edit(struct tcrm_cli *cli, int argc, char **argv);

#define U_ADD "ticket add (--contact ID | --company NAME)\n" \
    "   [--type question|fault|complaint|return]\n" \
    "   [--priority low|normal|high|urgent] [--product CODE] SUBJECT"
#define U_LIST "ticket list [--open] [--owner LOGIN] [--format table|csv|tsv]"
#define U_SHOW "ticket show TID"
#define U_EDIT "ticket edit TID [--type TYPE] [--priority PRIORITY]\n" \
    "   [--product CODE] [--subject TEXT]"
#define U_MORE "ticket assign TID --to LOGIN\n" \
    "ticket note TID TEXT\n" \
    "ticket wait TID\n" \
    "ticket resolve TID --resolution TEXT\n" \
    "ticket close TID\n" \
    "ticket reopen TID\n" \
    "ticket rate TID --score 1..5 [--comment TEXT]"

static const struct tcrm_cmd sub_add = { "ticket add", U_ADD,
    N_("Open a service ticket or complaint for a customer."), ticket_add };
static const struct tcrm_cmd sub_list = { "ticket list", U_LIST,
    N_("List tickets, newest first."), ticket_list };
static const struct tcrm_cmd sub_show = { "ticket show", U_SHOW,
    N_("Show a ticket, its deadlines and its history."), ticket_show };
static const struct tcrm_cmd sub_edit = { "ticket edit", U_EDIT,
    N_("Change a ticket's type, priority, product or subject."),
    ticket_edit };
static const struct tcrm_cmd *const subs[] = {
    &sub_add, &sub_list, &sub_show, &sub_edit, &cli_ticket_assign_cmd,
    &cli_ticket_note_cmd, &cli_ticket_wait_cmd, &cli_ticket_resolve_cmd,
    &cli_ticket_close_cmd, &cli_ticket_reopen_cmd, &cli_ticket_rate_cmd,
};

static int ticket_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    return cli_dispatch(cli, &tcrm_cmd_ticket, subs,
                        sizeof subs / sizeof subs[0], argc, argv);
}

const struct tcrm_cmd tcrm_cmd_ticket = {
    "ticket", U_ADD "\n" U_LIST "\n" U_SHOW "\n" U_EDIT "\n" U_MORE,
    N_("Service tickets and complaints: add, list, show, edit, assign, "
       "note, wait, resolve, close, reopen, rate."), ticket_exec,
};

/* ---- shared ------------------------------------------------------------------ */

int cli_ticket_id(struct tcrm_db *db, const char *ref, int64_t *id)
{
    return cli_doc_id(db, ref, id, tcrm_ticket_find);
}

void cli_ticket_hours(const struct tcrm_cli *cli, struct tcrm_ticket_hours *h)
{
    memcpy(h->response, cli->cfg.response_hours, sizeof h->response);
    memcpy(h->resolve, cli->cfg.resolve_hours, sizeof h->resolve);
}

/* "3 hours" / "45 minutes" of a length in seconds (positive). */
static const char *span(int64_t s)
{
    if (s < 3600) {
        long long m = (s + 59) / 60;
        return cli_fmt(P_("%lld minute", "%lld minutes", m), m);
    }
    long long h = s / 3600;
    return cli_fmt(P_("%lld hour", "%lld hours", h), h);
}

const char *cli_ticket_clock(const struct tcrm_ticket *t, const char *now)
{
    int running;
    int64_t left = tcrm_ticket_left(t, now, &running);
    if (!running)
        return t->state == TCRM_TICKET_WAITING ? _("stopped (waiting)") : "";
    if (left < 0)
        return cli_fmt(_("overdue %s"), span(-left));
    return cli_fmt(_("due in %s"), span(left));
}

/* --type, --priority, --product: the value or a bad-value line (1). */
static int parse_type(const struct tcrm_cmd *cmd, const char *s, int *out)
{
    if ((*out = tcrm_ticket_type_parse(s)) >= 0)
        return 0;
    return tcrm_cli_bad(cmd, "--type: '%s' is not one of %s", cli_s(s),
                        tcrm_ticket_type_list());
}

static int parse_priority(const struct tcrm_cmd *cmd, const char *s,
                          int *out)
{
    if ((*out = tcrm_ticket_priority_parse(s)) >= 0)
        return 0;
    return tcrm_cli_bad(cmd, "--priority: '%s' is not one of %s", cli_s(s),
                        tcrm_ticket_priority_list());
}

static int product_id(struct tcrm_db *db, const char *code, int64_t *id)
{
    struct tcrm_product p;
    struct tcrm_error err;
    tcrm_error_clear(&err);
    if (tcrm_product_find(db, code, &p, &err))
        return tcrm_cli_fail_err(&err);
    *id = p.id;
    tcrm_product_clear(&p);
    return 0;
}

/* ---- add ---------------------------------------------------------------------- */

struct add_args {
    const char *contact, *company, *product;
    struct tcrm_ticket_in in;
};

static int add_opts(struct cli_opts *o, struct add_args *a)
{
    static const struct option lo[] = {
        { "contact", required_argument, NULL, 'p' },
        { "company", required_argument, NULL, 'c' },
        { "type", required_argument, NULL, 't' },
        { "priority", required_argument, NULL, 'r' },
        { "product", required_argument, NULL, 'd' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    int c, rc = 0;

    o->lo = lo;
    while (!rc && (c = cli_opts_next(o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o->status;
        if (c == 't')
            rc = parse_type(&sub_add, optarg, &a->in.type);
        else if (c == 'r')
            rc = parse_priority(&sub_add, optarg, &a->in.priority);
        else
            *(c == 'p' ? &a->contact : c == 'c' ? &a->company
                                                : &a->product) = optarg;
    }
    if (rc)
        return rc;
    if (!a->contact == !a->company)
        return tcrm_cli_usage(&sub_add, "give --contact or --company");
    if (o->npos < 1)
        return tcrm_cli_usage(&sub_add, "missing SUBJECT");
    return -1;
}

static void say_added(struct tcrm_cli *cli, struct tcrm_db *db, int64_t id)
{
    struct tcrm_ticket t;
    if (tcrm_ticket_get(db, id, &t, NULL))
        return;
    fprintf(cli->out, _("added ticket %lld: %s, answer by %s, resolve by "
                        "%s\n"), (long long)id, cli_s(t.number),
            cli_date(cli, t.response_due), cli_date(cli, t.resolve_due));
    tcrm_ticket_clear(&t);
}

static int ticket_add(struct tcrm_cli *cli, int argc, char **argv)
{
    struct tcrm_ticket_hours h;
    struct add_args a;
    struct cli_opts o;
    struct tcrm_error err;
    struct tcrm_db *db;
    int64_t id;
    int rc;

    memset(&a, 0, sizeof a);
    a.in.type = TCRM_TICKET_QUESTION;
    a.in.priority = TCRM_PRIORITY_NORMAL;
    cli_opts_init(&o, &sub_add, argc, argv, NULL);
    if ((rc = add_opts(&o, &a)) >= 0 ||
        (a.contact && (rc = cli_parse_id(&sub_add, "--contact", a.contact,
                                         &a.in.contact_id))) ||
        (rc = tcrm_cli_db(cli, &db)) ||
        (rc = cli_doc_company(db, a.company, &a.in.company_id)) ||
        (a.product && (rc = product_id(db, a.product, &a.in.product_id))))
        return rc;
    char *subject = cli_join(o.pos, o.npos);
    cli_ticket_hours(cli, &h);
    a.in.subject = subject;
    a.in.hours = &h;
    a.in.pattern = cli->cfg.ticket_number;
    tcrm_error_clear(&err);
    if (tcrm_ticket_add(db, &a.in, &id, &err) == 0)
        say_added(cli, db, id);
    else
        rc = tcrm_cli_fail_err(&err);
    free(subject);
    return rc;
}

/* ---- list --------------------------------------------------------------------- */

struct list_args {
    enum cli_format fmt;
    struct tcrm_ticket_filter f;
};

static int list_opts(struct cli_opts *o, struct list_args *a)
{
    static const struct option lo[] = {
        { "open", no_argument, NULL, 'O' },
        { "owner", required_argument, NULL, 'w' },
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
        else
            a->f.owner = optarg;
    }
    return rc ? rc : cli_want_args(&sub_list, o, 0, 0, "");
}

static void list_row(struct cli_table *t, enum cli_format fmt,
                     const struct tcrm_ticket *v, const char *now)
{
    char id[24], score[8];
    const char *who = v->company_name ? v->company_name : v->contact_name;
    const char *due = tcrm_ticket_next_due(v);

    snprintf(id, sizeof id, "%lld", (long long)v->id);
    snprintf(score, sizeof score, "%d", v->score);
    if (fmt == CLI_FMT_TABLE)
        cli_table_add(t, (const char *const[]){ v->number, who,
            tcrm_i18n_word("ticket type", tcrm_ticket_type_name(v->type)),
            tcrm_i18n_word("priority",
                           tcrm_ticket_priority_name(v->priority)),
            tcrm_ticket_state_word(v->state), cli_ticket_clock(v, now),
            v->owner, v->subject });
    else
        cli_table_add(t, (const char *const[]){ id, v->number, who,
            v->contact_name, tcrm_ticket_type_name(v->type),
            tcrm_ticket_priority_name(v->priority),
            tcrm_ticket_state_name(v->state), v->subject, v->owner,
            v->stamp.created_at, due, v->first_response_at, v->resolved_at,
            v->score ? score : "" });
}

static int ticket_list(struct tcrm_cli *cli, int argc, char **argv)
{
    static const char *const head_csv[] = { "id", "number", "customer",
        "contact", "type", "priority", "state", "subject", "owner",
        "opened", "due", "responded", "resolved", "score" };
    const char *head[] = { _("NUMBER"), _("CUSTOMER"), _("TYPE"),
                           _("PRIORITY"), _("STATE"), _("DEADLINE"),
                           _("OWNER"), _("SUBJECT") };
    struct list_args a;
    struct tcrm_ticket *v = NULL;
    struct tcrm_error err;
    struct cli_opts o;
    struct tcrm_db *db;
    char now[20];
    int64_t after = 0;
    size_t n = 0;
    int rc, more = 0;

    memset(&a, 0, sizeof a);
    cli_opts_init(&o, &sub_list, argc, argv, NULL);
    if ((rc = list_opts(&o, &a)) || (rc = cli_db_read(cli, &db)))
        return rc;
    tcrm_date_timestamp(tcrm_clock_now(), now);
    struct cli_table *t = a.fmt == CLI_FMT_TABLE
        ? cli_table_new(cli, a.fmt, 8, head, "llllllll")
        : cli_table_new(cli, a.fmt, 14, head_csv, "rlllllllllllll");
    tcrm_error_clear(&err);
    do {
        if (tcrm_ticket_page(db, &a.f, after, 500, &v, &n, &more, &err)) {
            rc = tcrm_cli_fail_err(&err);
            break;
        }
        for (size_t i = 0; i < n; i++)
            list_row(t, a.fmt, &v[i], now);
        after = n ? v[n - 1].id : 0;
        tcrm_ticket_array_free(v, n);
    } while (more);
    if (!rc && a.fmt == CLI_FMT_TABLE && cli_table_rows(t) == 0)
        fprintf(cli->out, "%s\n", _("no tickets"));
    if (cli_table_end(t) && !rc)
        rc = TCRM_EXIT_FAIL;
    return rc;
}

/* ---- show --------------------------------------------------------------------- */

/* One line of the history as people read it. */
static const char *event_text(const struct tcrm_ticket_event *e)
{
    if (!strcmp(e->kind, "add"))
        return cli_fmt(_("opened %s"), cli_s(e->text));
    if (!strcmp(e->kind, "state"))
        return cli_fmt(_("%s -> %s"), tcrm_ticket_state_word(
                           tcrm_ticket_state_parse(e->from)),
                       tcrm_ticket_state_word(tcrm_ticket_state_parse(e->to)));
    if (!strcmp(e->kind, "assign"))
        return cli_fmt(_("owner %s -> %s"), cli_s(e->from), cli_s(e->to));
    if (!strcmp(e->kind, "rate"))
        return cli_fmt(_("rated %s of 5"), cli_s(e->to));
    if (!strcmp(e->kind, "edit"))
        return _("edited");
    return _("note");
}

static void show_history(struct tcrm_cli *cli, struct tcrm_db *db,
                         int64_t id)
{
    struct tcrm_ticket_event *e = NULL;
    size_t n = 0;
    if (tcrm_ticket_events(db, id, &e, &n, NULL) || n == 0)
        return;
    fprintf(cli->out, "%s\n", _("history:"));
    struct cli_table *t = cli_table_new(cli, CLI_FMT_TABLE, 4, NULL, "llll");
    cli_table_indent(t, 2);
    for (size_t i = 0; i < n; i++)
        cli_table_add(t, (const char *const[]){ cli_date(cli, e[i].at),
            e[i].who, event_text(&e[i]),
            strcmp(e[i].kind, "add") ? e[i].text : NULL });
    cli_table_end(t);
    tcrm_ticket_events_free(e, n);
}

static void show_times(struct tcrm_cli *cli, const struct tcrm_ticket *t,
                       const char *now)
{
    cli_field(cli, _("opened"), cli_date(cli, t->stamp.created_at));
    cli_field(cli, _("answer by"), cli_date(cli, t->response_due));
    cli_field(cli, _("answered"), cli_date(cli, t->first_response_at));
    cli_field(cli, _("resolve by"), cli_date(cli, t->resolve_due));
    cli_field(cli, _("resolved"), cli_date(cli, t->resolved_at));
    cli_field(cli, _("closed"), cli_date(cli, t->closed_at));
    cli_field(cli, _("deadline"), cli_ticket_clock(t, now));
    if (t->waited)
        cli_field(cli, _("waited"), span(t->waited));
    if (t->waiting_since)
        cli_field(cli, _("waiting since"), cli_date(cli, t->waiting_since));
}

static int ticket_show(struct tcrm_cli *cli, int argc, char **argv)
{
    struct tcrm_ticket t;
    struct tcrm_error err;
    struct tcrm_db *db;
    const char *ref;
    char now[20];
    int64_t id;
    int rc = cli_one_arg(&sub_show, argc, argv, "TID", &ref);

    if (rc)
        return rc == TCRM_EXIT_HELPED ? TCRM_EXIT_OK : rc;
    if ((rc = cli_db_read(cli, &db)) || (rc = cli_ticket_id(db, ref, &id)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_ticket_get(db, id, &t, &err))
        return tcrm_cli_fail_err(&err);
    tcrm_date_timestamp(tcrm_clock_now(), now);
    fprintf(cli->out, _("%s  (ticket %lld, %s)\n"), cli_s(t.number),
            (long long)id, tcrm_ticket_state_word(t.state));
    cli_field(cli, _("subject"), t.subject);
    cli_field(cli, _("company"), t.company_name);
    cli_field(cli, _("contact"), t.contact_name);
    cli_field(cli, _("type"), tcrm_i18n_word("ticket type",
                                             tcrm_ticket_type_name(t.type)));
    cli_field(cli, _("priority"), tcrm_i18n_word("priority",
              tcrm_ticket_priority_name(t.priority)));
    cli_field(cli, _("product"), t.product_code);
    cli_field(cli, _("owner"), t.owner);
    show_times(cli, &t, now);
    cli_field(cli, _("resolution"), t.resolution);
    if (t.score)
        cli_field(cli, _("score"), cli_fmt(_("%d of 5"), t.score));
    cli_field(cli, _("comment"), t.score_comment);
    show_history(cli, db, id);
    tcrm_ticket_clear(&t);
    return TCRM_EXIT_OK;
}

/* ---- edit --------------------------------------------------------------------- */

static int edit_opts(struct cli_opts *o, struct tcrm_ticket_change *c,
                     const char **product)
{
    static const struct option lo[] = {
        { "type", required_argument, NULL, 't' },
        { "priority", required_argument, NULL, 'r' },
        { "product", required_argument, NULL, 'd' },
        { "subject", required_argument, NULL, 's' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    int ch, rc = 0;

    o->lo = lo;
    while (!rc && (ch = cli_opts_next(o)) != CLI_OPT_DONE) {
        if (ch == CLI_OPT_STOP)
            return o->status;
        if (ch == 't')
            rc = parse_type(&sub_edit, optarg, &c->type);
        else if (ch == 'r')
            rc = parse_priority(&sub_edit, optarg, &c->priority);
        else if (ch == 'd')
            *product = optarg;
        else
            c->subject = optarg;
    }
    return rc ? rc : cli_want_args(&sub_edit, o, 1, 1, "TID");
}

static int ticket_edit(struct tcrm_cli *cli, int argc, char **argv)
{
    struct tcrm_ticket_change c = { -1, -1, NULL, 0, NULL };
    struct tcrm_ticket_hours h;
    struct tcrm_error err;
    struct cli_opts o;
    struct tcrm_db *db;
    const char *product = NULL;
    int64_t id;
    int rc;

    cli_opts_init(&o, &sub_edit, argc, argv, NULL);
    if ((rc = edit_opts(&o, &c, &product)) || (rc = tcrm_cli_db(cli, &db)) ||
        (rc = cli_ticket_id(db, o.pos[0], &id)))
        return rc;
    if (product && !*product)
        c.product_id = -1;
    else if (product && (rc = product_id(db, product, &c.product_id)))
        return rc;
    cli_ticket_hours(cli, &h);
    c.hours = &h;
    tcrm_error_clear(&err);
    rc = tcrm_ticket_edit(db, id, &c, &err);
    if (rc < 0)
        return tcrm_cli_fail_err(&err);
    struct tcrm_ticket t;
    if (tcrm_ticket_get(db, id, &t, &err))
        return tcrm_cli_fail_err(&err);
    fprintf(cli->out, rc == 1 ? _("ticket %s: nothing to change\n")
                              : _("updated ticket %s\n"), cli_s(t.number));
    tcrm_ticket_clear(&t);
    return TCRM_EXIT_OK;
}
