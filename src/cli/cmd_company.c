/*
 * cmd_company.c: `tcrm company add|list|show|edit|delete`.
 *
 * add and edit share one option table; each text option names a field of
 * struct tcrm_company, so applying the options is one loop. On edit an
 * option replaces the field ("" clears it), --tag adds a tag and --untag
 * removes one. The name key rule (no two companies "Acme Ltd" and "ACME")
 * is the core's: its TCRM_EDUP message is shown as it is.
 * show prints the fields, then the company's contacts, open deals and
 * recent interactions, so one command answers "who do we know there?".
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli_internal.h"
#include "tcrm/company.h"
#include "tcrm/contact.h"
#include "tcrm/deal.h"
#include "tcrm/interaction.h"
#include "tcrm/text.h"

static int company_add(struct tcrm_cli *cli, int argc, char **argv);
static int company_list(struct tcrm_cli *cli, int argc, char **argv);
static int company_show(struct tcrm_cli *cli, int argc, char **argv);
static int company_edit(struct tcrm_cli *cli, int argc, char **argv);
static int company_delete(struct tcrm_cli *cli, int argc, char **argv);

#define U_FIELDS "[--industry X] [--phone P] [--email E] [--website URL]\n" \
    "   [--address A] [--city C] [--owner O] [--note TEXT]"
#define U_ADD "company add NAME [--tag T]...\n   " U_FIELDS
#define U_LIST "company list [--search Q] [--tag T] [--format table|csv|tsv] [--raw]\n" \
    "   [--limit N] [--wide]"
#define U_SHOW "company show ID"
#define U_EDIT "company edit ID [--name NAME] [--tag T]... [--untag T]...\n   " \
    U_FIELDS
#define U_DELETE "company delete ID"

static const struct tcrm_cmd sub_add = { "company add", U_ADD,
    N_("Add a company."), company_add };
static const struct tcrm_cmd sub_list = { "company list", U_LIST,
    N_("List companies by name, with their number of contacts."),
    company_list };
static const struct tcrm_cmd sub_show = { "company show", U_SHOW,
    N_("Show a company, its contacts, open deals and recent history."),
    company_show };
static const struct tcrm_cmd sub_edit = { "company edit", U_EDIT,
    N_("Change a company: options replace fields (\"\" clears one)."),
    company_edit };
static const struct tcrm_cmd sub_delete = { "company delete", U_DELETE,
    N_("Move a company to the trash (tcrm restore brings it back)."),
    company_delete };
static const struct tcrm_cmd *const subs[] = {
    &sub_add, &sub_list, &sub_show, &sub_edit, &sub_delete,
};

static int company_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    return cli_dispatch(cli, &tcrm_cmd_company, subs,
                        sizeof subs / sizeof subs[0], argc, argv);
}

const struct tcrm_cmd tcrm_cmd_company = {
    "company",
    U_ADD "\n" U_LIST "\n" U_SHOW "\n" U_EDIT "\n" U_DELETE,
    N_("Add, list, show, change and delete companies."),
    company_exec,
};

enum { O_INDUSTRY = 256, O_PHONE, O_EMAIL, O_WEBSITE, O_ADDRESS, O_CITY,
       O_OWNER, O_NOTE, O_NAME, O_TAG, O_UNTAG };

static const struct option company_lo[] = {
    { "industry", required_argument, NULL, O_INDUSTRY },
    { "phone", required_argument, NULL, O_PHONE },
    { "email", required_argument, NULL, O_EMAIL },
    { "website", required_argument, NULL, O_WEBSITE },
    { "web", required_argument, NULL, O_WEBSITE },
    { "address", required_argument, NULL, O_ADDRESS },
    { "city", required_argument, NULL, O_CITY },
    { "owner", required_argument, NULL, O_OWNER },
    { "note", required_argument, NULL, O_NOTE },
    { "notes", required_argument, NULL, O_NOTE },
    { "tag", required_argument, NULL, O_TAG },
    { "name", required_argument, NULL, O_NAME },
    { "untag", required_argument, NULL, O_UNTAG },
    CLI_OPT_HELP, CLI_OPT_END,
};

static char **company_field(struct tcrm_company *c, int opt)
{
    switch (opt) {
    case O_INDUSTRY: return &c->industry;
    case O_PHONE: return &c->phone;
    case O_EMAIL: return &c->email;
    case O_WEBSITE: return &c->website;
    case O_ADDRESS: return &c->address;
    case O_CITY: return &c->city;
    case O_OWNER: return &c->owner;
    case O_NOTE: return &c->notes;
    case O_NAME: return &c->name;
    default: return NULL;
    }
}

static void company_untag(struct tcrm_company *c, const char *tag)
{
    struct tcrm_strlist keep = { NULL, 0 };
    size_t i;

    for (i = 0; i < c->tags.n; i++)
        if (strcasecmp(c->tags.items[i], tag) != 0)
            tcrm_strlist_add(&keep, c->tags.items[i]);
    tcrm_strlist_clear(&c->tags);
    c->tags = keep;
}

/* Apply the options to c; returns -1 to go on or an exit status. */
static int company_apply(const struct tcrm_cmd *cmd, struct cli_opts *o,
                         struct tcrm_company *c, int editing)
{
    int opt;

    while ((opt = cli_opts_next(o)) != CLI_OPT_DONE) {
        char **field = company_field(c, opt);

        if (opt == CLI_OPT_STOP)
            return o->status;
        if ((opt == O_NAME || opt == O_UNTAG) && !editing)
            return tcrm_cli_usage(cmd, "unknown option '--%s'",
                                  opt == O_NAME ? "name" : "untag");
        if (field)
            tcrm_str_set(field, optarg);
        else if (opt == O_TAG && !tcrm_str_empty(optarg) &&
                 !tcrm_strlist_has(&c->tags, optarg))
            tcrm_strlist_add(&c->tags, optarg);
        else if (opt == O_UNTAG)
            company_untag(c, optarg);
    }
    return -1;
}

static int company_add(struct tcrm_cli *cli, int argc, char **argv)
{
    struct tcrm_company c;
    struct tcrm_error err;
    struct tcrm_db *db;
    struct cli_opts o;
    int rc;

    tcrm_company_init(&c);
    cli_opts_init(&o, &sub_add, argc, argv, company_lo);
    if ((rc = company_apply(&sub_add, &o, &c, 0)) < 0 &&
        !(rc = cli_want_args(&sub_add, &o, 1, 1, "NAME")) &&
        !(rc = tcrm_cli_db(cli, &db))) {
        tcrm_str_set(&c.name, o.pos[0]);
        tcrm_error_clear(&err);
        if (tcrm_company_insert(db, &c, &err))
            rc = tcrm_cli_fail_err(&err);
        else
            fprintf(cli->out, _("added company %lld: %s\n"), (long long)c.id,
                    cli_s(c.name));
    }
    tcrm_company_clear(&c);
    return rc;
}

static int company_list(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {
        { "search", required_argument, NULL, 's' },
        { "tag", required_argument, NULL, 't' },
        { "format", required_argument, NULL, 'f' },
        { "limit", required_argument, NULL, 'l' },
        { "raw", no_argument, NULL, 'r' },
        { "wide", no_argument, NULL, 'W' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    static const char *const head[] = { N_("ID"), N_("NAME"),
        N_("INDUSTRY"), N_("CITY"), N_("CONTACTS") };
    static const char *const head_csv[] = { "id", "name", "industry", "city",
                                            "contacts" };
    const char *search = NULL, *tag = NULL;
    enum cli_format fmt = CLI_FMT_TABLE;
    struct tcrm_company_page page = { NULL, 0, 0 };
    struct tcrm_company_row last = { 0 };
    struct cli_table *t;
    struct tcrm_error err;
    struct tcrm_db *db;
    struct cli_opts o;
    int c, rc, limit = 0, more = 1, first = 1;
    size_t shown = 0, i;

    cli_opts_init(&o, &sub_list, argc, argv, lo);
    while ((c = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o.status;
        if (c == 's') search = optarg;
        if (c == 't') tag = optarg;
        if (c == 'r') cli->csv_raw = 1;
        if (c == 'W') cli->wide = 1;
        if (c == 'f' && (rc = cli_parse_format(&sub_list, optarg, &fmt)))
            return rc;
        if (c == 'l' && (rc = cli_parse_int(&sub_list, "--limit", optarg, 1,
                                            1000000000, &limit)))
            return rc;
    }
    if ((rc = cli_want_args(&sub_list, &o, 0, 0, "")) ||
        (rc = cli_db_read(cli, &db)) || (rc = cli_check_tag(db, tag)))
        return rc;
    t = cli_table_new(cli, fmt, 5, fmt == CLI_FMT_TABLE ? head : head_csv,
                      "rlllr");
    tcrm_error_clear(&err);
    while (more && (limit == 0 || shown < (size_t)limit)) {
        size_t want = limit ? (size_t)limit - shown : 200;
        if (want > 200) want = 200;
        if (tcrm_company_list(db, search, tag, first ? NULL : &last, 0, want,
                              &page, &err)) {
            cli_table_end(t);
            return tcrm_cli_fail_err(&err);
        }
        for (i = 0; i < page.n; i++) {
            char id[24], n[24];
            const struct tcrm_company_row *r = &page.rows[i];
            snprintf(id, sizeof id, "%lld", (long long)r->id);
            snprintf(n, sizeof n, "%lld", (long long)r->n_contacts);
            cli_table_add(t, (const char *const[]){ id, r->name, r->industry,
                                                    r->city, n });
        }
        shown += page.n;
        more = page.more && page.n > 0;
        if (page.n > 0) {
            free(last.name);
            free(last.sort_key);
            last = page.rows[page.n - 1];
            last.name = strdup(last.name ? last.name : "");
            last.sort_key = strdup(last.sort_key ? last.sort_key : "");
            last.industry = last.city = NULL;
        }
        first = 0;
        tcrm_company_page_free(&page);
    }
    free(last.name);
    free(last.sort_key);
    if (fmt == CLI_FMT_TABLE && shown == 0)
        fprintf(cli->out, _("no companies\n"));
    return cli_table_end(t) ? TCRM_EXIT_FAIL : TCRM_EXIT_OK;
}

static void company_show_history(struct tcrm_cli *cli, struct tcrm_db *db,
                                 int64_t id)
{
    struct tcrm_interaction *ia = NULL;
    struct tcrm_deal *d = NULL;
    struct tcrm_error err;
    size_t n = 0, i;

    if (tcrm_deal_list(db, NULL, TCRM_DEAL_OPEN, 0, id, 0, 50, &d, &n,
                       &err) == 0 && n > 0) {
        fprintf(cli->out, _("\nOpen deals (%zu)\n"), n);
        for (i = 0; i < n; i++) {
            char money[64];
            tcrm_money_format(d[i].amount_minor, d[i].currency, money,
                              sizeof money);
            fprintf(cli->out, "  %lld  %s  %s  %s\n", (long long)d[i].id,
                    cli_s(d[i].title),
                    cli_s(tcrm_i18n_word("stage", d[i].stage)), money);
        }
    }
    tcrm_deal_array_free(d, n);
    n = 0;
    if (tcrm_interaction_recent(db, 0, id, 10, &ia, &n, &err) == 0 && n > 0) {
        fprintf(cli->out, _("\nRecent interactions\n"));
        for (i = 0; i < n; i++) {
            const char *kind = cli_pad(tcrm_i18n_word("kind",
                tcrm_interaction_kind_name(ia[i].kind)), 7);
            fprintf(cli->out, "  %s  %s %s%s%s\n", cli_date(cli, ia[i].at),
                    kind, cli_s(ia[i].summary),
                    ia[i].contact_name ? " - " : "",
                    cli_s(ia[i].contact_name));
        }
    }
    tcrm_interaction_array_free(ia, n);
}

static int company_show(struct tcrm_cli *cli, int argc, char **argv)
{
    struct tcrm_contact_filter f;
    struct tcrm_company c;
    struct tcrm_error err;
    struct tcrm_db *db;
    int64_t id;
    int rc;
    size_t i;

    if ((rc = cli_one_id(&sub_show, argc, argv, N_("company id"), &id)) ||
        (rc = cli_db_read(cli, &db)))
        return rc;
    tcrm_company_init(&c);
    tcrm_error_clear(&err);
    if (tcrm_company_get(db, id, &c, &err)) {
        tcrm_company_clear(&c);
        return tcrm_cli_fail_err(&err);
    }
    fprintf(cli->out, _("%s  (company %lld)\n"), cli_s(c.name),
            (long long)id);
    cli_field(cli, _("industry"), c.industry);
    cli_field(cli, _("phone"), c.phone);
    cli_field(cli, _("email"), c.email);
    cli_field(cli, _("website"), c.website);
    cli_field(cli, _("address"), c.address);
    cli_field(cli, _("city"), c.city);
    cli_field(cli, _("owner"), c.owner);
    for (i = 0; i < c.tags.n; i++)
        cli_field(cli, i ? "" : _("tags"), c.tags.items[i]);
    cli_field(cli, _("notes"), c.notes);
    fprintf(cli->out, "%s %s\n", cli_label(_("changed")),
            cli_changed(c.stamp.updated_at, c.stamp.updated_by, c.version));
    fprintf(cli->out, _("\nContacts (%lld)\n"), (long long)c.n_contacts);
    memset(&f, 0, sizeof f);
    f.company_id = id;
    rc = c.n_contacts ? cli_print_contacts(cli, &f, CLI_FMT_TABLE, 0, "")
                      : TCRM_EXIT_OK;
    company_show_history(cli, db, id);
    tcrm_company_clear(&c);
    return rc;
}

static int company_edit(struct tcrm_cli *cli, int argc, char **argv)
{
    struct tcrm_company c;
    struct tcrm_error err;
    struct tcrm_db *db;
    struct cli_opts o;
    int64_t id;
    int rc;

    /* A first pass checks the options and finds the ID; the second
     * applies them to the stored row. */
    tcrm_company_init(&c);
    cli_opts_init(&o, &sub_edit, argc, argv, company_lo);
    rc = company_apply(&sub_edit, &o, &c, 1);   /* validate options only */
    tcrm_company_clear(&c);
    if (rc >= 0 || (rc = cli_want_args(&sub_edit, &o, 1, 1, "ID")) ||
        (rc = cli_parse_id(&sub_edit, N_("company id"), o.pos[0], &id)) ||
        (rc = tcrm_cli_db(cli, &db)))
        return rc;
    tcrm_error_clear(&err);
    /* Read and write in one transaction, as contact edit does. */
    if (tcrm_db_begin(db, &err))
        return tcrm_cli_fail_err(&err);
    if (tcrm_company_get(db, id, &c, &err)) {
        tcrm_db_rollback(db);
        rc = tcrm_cli_fail_err(&err);
    } else {
        int64_t version = c.version;
        cli_opts_init(&o, &sub_edit, argc, argv, company_lo);
        company_apply(&sub_edit, &o, &c, 1);
        if (tcrm_company_update(db, &c, &err)) {
            tcrm_db_rollback(db);
            rc = tcrm_cli_fail_err(&err);
        } else if (tcrm_db_commit(db, &err)) {
            rc = tcrm_cli_fail_err(&err);
        } else {
            fprintf(cli->out, c.version == version
                                  ? _("no change to company %lld: %s\n")
                                  : _("changed company %lld: %s\n"),
                    (long long)id, cli_s(c.name));
        }
    }
    tcrm_company_clear(&c);
    return rc;
}

static int company_delete(struct tcrm_cli *cli, int argc, char **argv)
{
    struct tcrm_company c;
    struct tcrm_error err;
    struct tcrm_db *db;
    int64_t id;
    int rc;

    if ((rc = cli_one_id(&sub_delete, argc, argv, N_("company id"), &id)) ||
        (rc = tcrm_cli_db(cli, &db)))
        return rc;
    tcrm_company_init(&c);
    tcrm_error_clear(&err);
    if (tcrm_company_get(db, id, &c, &err) ||
        tcrm_company_delete(db, id, &err))
        rc = tcrm_cli_fail_err(&err);
    else
        fprintf(cli->out, _("moved company %lld (%s) to the trash; "
                "tcrm restore company/%lld brings it back\n"), (long long)id,
                cli_s(c.name), (long long)id);
    tcrm_company_clear(&c);
    return rc;
}
