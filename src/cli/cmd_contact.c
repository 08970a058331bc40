/*
 * cmd_contact.c: the `tcrm contact` group, and its add, edit and delete.
 * (list and show are in cmd_contact_show.c.)
 *
 * add and edit share one option table. Text options replace a field ("",
 * on edit, clears it). Channel options (--email, --phone (a work phone),
 * --mobile, --work, --home, --fax, --web, --im) may repeat; on edit the
 * first use of a kind replaces every channel of that kind, so
 * `--email a@x --email b@x` leaves exactly those two. --tag adds a tag,
 * --untag removes one. --birthday takes a date (or MM-DD without a year).
 *
 * Options are parsed twice on edit: once against a scratch contact to
 * report usage errors before the database is opened, then against the
 * stored row. add asks dup.h before inserting and refuses a likely
 * duplicate, listing the candidates and why, unless --force.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli_internal.h"
#include "tcrm/birthday.h"
#include "tcrm/contact.h"
#include "tcrm/dup.h"

static int contact_add(struct tcrm_cli *cli, int argc, char **argv);
static int contact_edit(struct tcrm_cli *cli, int argc, char **argv);
static int contact_delete(struct tcrm_cli *cli, int argc, char **argv);
int cli_contact_list(struct tcrm_cli *cli, int argc, char **argv);
int cli_contact_show(struct tcrm_cli *cli, int argc, char **argv);

#define U_FIELDS "[--company NAME] [--title T] [--department D]\n" \
    "   [--email E]... [--phone P]... [--mobile P]... [--work P]...\n" \
    "   [--home P]... [--fax P]... [--web URL]... [--im HANDLE]...\n" \
    "   [--address A] [--city C] [--birthday DATE] [--source S]\n" \
    "   [--owner O] [--tag T]... [--note TEXT]"
#define U_ADD "contact add NAME " U_FIELDS " [--force]"
#define U_LIST "contact list [--search Q] [--tag T] [--company NAME]\n" \
    "   [--sort name|company|title|last] [--format table|csv|tsv]\n" \
    "   [--limit N] [--raw] [--wide]"
#define U_SHOW "contact show ID"
#define U_EDIT "contact edit ID [--name NAME] [--untag T]...\n   " U_FIELDS
#define U_DELETE "contact delete ID"

const struct tcrm_cmd cli_contact_add_cmd = { "contact add", U_ADD,
    N_("Add a contact (refuses a likely duplicate unless --force)."),
    contact_add };
const struct tcrm_cmd cli_contact_list_cmd = { "contact list", U_LIST,
    N_("List contacts, one page at a time from the database."),
    cli_contact_list };
const struct tcrm_cmd cli_contact_show_cmd = { "contact show", U_SHOW,
    N_("Show a contact: channels, tags, open follow-ups, recent history."),
    cli_contact_show };
const struct tcrm_cmd cli_contact_edit_cmd = { "contact edit", U_EDIT,
    N_("Change a contact: options replace fields (\"\" clears one)."),
    contact_edit };
const struct tcrm_cmd cli_contact_delete_cmd = { "contact delete", U_DELETE,
    N_("Move a contact to the trash (tcrm restore brings it back)."),
    contact_delete };
static const struct tcrm_cmd *const subs[] = {
    &cli_contact_add_cmd, &cli_contact_list_cmd, &cli_contact_show_cmd,
    &cli_contact_edit_cmd, &cli_contact_delete_cmd,
};

static int contact_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    return cli_dispatch(cli, &tcrm_cmd_contact, subs,
                        sizeof subs / sizeof subs[0], argc, argv);
}

const struct tcrm_cmd tcrm_cmd_contact = {
    "contact",
    U_ADD "\n" U_LIST "\n" U_SHOW "\n" U_EDIT "\n" U_DELETE,
    N_("Add, list, show, change and delete contacts."),
    contact_exec,
};

/* Channel options use O_CH + their tcrm_channel_kind as val. */
enum { O_COMPANY = 256, O_TITLE, O_DEPARTMENT, O_ADDRESS, O_CITY,
       O_BIRTHDAY, O_SOURCE, O_OWNER, O_NOTE, O_NAME, O_TAG, O_UNTAG,
       O_FORCE, O_CH = 512 };

static const struct option contact_lo[] = {
    { "company", required_argument, NULL, O_COMPANY },
    { "title", required_argument, NULL, O_TITLE },
    { "department", required_argument, NULL, O_DEPARTMENT },
    { "address", required_argument, NULL, O_ADDRESS },
    { "city", required_argument, NULL, O_CITY },
    { "birthday", required_argument, NULL, O_BIRTHDAY },
    { "source", required_argument, NULL, O_SOURCE },
    { "owner", required_argument, NULL, O_OWNER },
    { "note", required_argument, NULL, O_NOTE },
    { "notes", required_argument, NULL, O_NOTE },
    { "tag", required_argument, NULL, O_TAG },
    { "email", required_argument, NULL, O_CH + TCRM_CH_EMAIL },
    { "phone", required_argument, NULL, O_CH + TCRM_CH_WORK },
    { "mobile", required_argument, NULL, O_CH + TCRM_CH_MOBILE },
    { "work", required_argument, NULL, O_CH + TCRM_CH_WORK },
    { "home", required_argument, NULL, O_CH + TCRM_CH_HOME },
    { "fax", required_argument, NULL, O_CH + TCRM_CH_FAX },
    { "web", required_argument, NULL, O_CH + TCRM_CH_WEB },
    { "im", required_argument, NULL, O_CH + TCRM_CH_IM },
    { "force", no_argument, NULL, O_FORCE },
    { "name", required_argument, NULL, O_NAME },
    { "untag", required_argument, NULL, O_UNTAG },
    CLI_OPT_HELP, CLI_OPT_END,
};

static char **contact_field(struct tcrm_contact *c, int opt)
{
    switch (opt) {
    case O_TITLE: return &c->title;
    case O_DEPARTMENT: return &c->department;
    case O_ADDRESS: return &c->address;
    case O_CITY: return &c->city;
    case O_SOURCE: return &c->source;
    case O_OWNER: return &c->owner;
    case O_NOTE: return &c->notes;
    case O_NAME: return &c->name;
    default: return NULL;
    }
}

static void contact_drop_kind(struct tcrm_contact *c, int kind)
{
    size_t i, j = 0;

    for (i = 0; i < c->n_channels; i++) {
        if ((int)c->channels[i].kind == kind)
            free(c->channels[i].value);
        else
            c->channels[j++] = c->channels[i];
    }
    c->n_channels = j;
}

static void contact_untag(struct tcrm_contact *c, const char *tag)
{
    struct tcrm_strlist keep = { NULL, 0 };
    size_t i;

    for (i = 0; i < c->tags.n; i++)
        if (strcasecmp(c->tags.items[i], tag) != 0)
            tcrm_strlist_add(&keep, c->tags.items[i]);
    tcrm_strlist_clear(&c->tags);
    c->tags = keep;
}

/* The one birthday parser (birthday.h); a birthday it cannot read is a
 * bad value (exit 1), whatever the date. */
static int contact_birthday(const struct tcrm_cmd *cmd, struct tcrm_contact *c,
                            const char *s)
{
    struct tcrm_error err;
    char date[11];

    tcrm_error_clear(&err);
    if (tcrm_birthday_parse(s, tcrm_clock_now(), date, &err))
        return tcrm_cli_bad(cmd, "--birthday: %s", cli_s(err.msg));
    return tcrm_str_set(&c->birthday, date) ? TCRM_EXIT_FAIL : 0;
}

/* One option onto c; returns 0 or an exit status. */
static int contact_option(const struct tcrm_cmd *cmd, struct tcrm_contact *c,
                          int opt, int editing, int *cleared)
{
    char **field = contact_field(c, opt);

    if ((opt == O_NAME || opt == O_UNTAG) && !editing)
        return tcrm_cli_usage(cmd, "unknown option '--%s'",
                              opt == O_NAME ? "name" : "untag");
    if (opt == O_FORCE && editing)
        return tcrm_cli_usage(cmd, "unknown option '--force'");
    if (field)
        return tcrm_str_set(field, optarg) ? TCRM_EXIT_FAIL : 0;
    if (opt >= O_CH && opt < O_CH + TCRM_CH_COUNT) {
        int kind = opt - O_CH;
        if (editing && !(*cleared & (1 << kind)))
            contact_drop_kind(c, kind);
        *cleared |= 1 << kind;
        if (*optarg && tcrm_contact_add_channel(c, kind, optarg))
            return TCRM_EXIT_FAIL;
    } else if (opt == O_COMPANY) {
        c->company_id = 0;
        return tcrm_str_set(&c->company, optarg) ? TCRM_EXIT_FAIL : 0;
    } else if (opt == O_BIRTHDAY) {
        return contact_birthday(cmd, c, optarg);
    } else if (opt == O_TAG) {
        if (*optarg && !tcrm_strlist_has(&c->tags, optarg))
            return tcrm_strlist_add(&c->tags, optarg) ? TCRM_EXIT_FAIL : 0;
    } else if (opt == O_UNTAG) {
        contact_untag(c, optarg);
    }
    return 0;
}

/* All options onto c. Returns -1 when parsed (o->pos set), else an exit
 * status; *force set by --force. */
static int contact_apply(const struct tcrm_cmd *cmd, struct cli_opts *o,
                         struct tcrm_contact *c, int editing, int *force)
{
    int opt, rc, cleared = 0;

    while ((opt = cli_opts_next(o)) != CLI_OPT_DONE) {
        if (opt == CLI_OPT_STOP)
            return o->status;
        if (opt == O_FORCE && force)
            *force = 1;
        if ((rc = contact_option(cmd, c, opt, editing, &cleared)))
            return rc;
    }
    return -1;
}

/* The candidates on stderr; exit 1. */
/* 防撞单: a match the user may not see is told by its owner only. */
static int contact_refuse_hidden(const struct tcrm_dup_candidate *d)
{
    if (d->reasons & TCRM_DUP_EMAIL)
        tcrm_cli_fail("contact add: %s already owns a contact with this "
                      "e-mail: ask them or a manager", cli_s(d->owner));
    else if (d->reasons & TCRM_DUP_PHONE)
        tcrm_cli_fail("contact add: %s already owns a contact with this "
                      "phone: ask them or a manager", cli_s(d->owner));
    else
        tcrm_cli_fail("contact add: %s already owns a contact with this "
                      "name: ask them or a manager", cli_s(d->owner));
    return TCRM_EXIT_FAIL;
}

static int contact_refuse_dup(struct tcrm_cli *cli, const char *name,
                              const struct tcrm_dup_list *dups)
{
    static const char *const head[] = { N_("ID"), N_("NAME"),
                                        N_("COMPANY"), N_("WHY") };
    struct tcrm_cli e = *cli;
    struct cli_table *t;
    size_t i;

    for (i = 0; i < dups->n; i++)
        if (dups->items[i].hidden)
            return contact_refuse_hidden(&dups->items[i]);
    if (dups->n == 1)
        tcrm_cli_fail("contact add: '%s' looks like a contact already here:",
                      cli_s(name));
    else
        tcrm_cli_fail("contact add: '%s' looks like contacts already here:",
                      cli_s(name));
    e.out = stderr;
    e.out_is_tty = 0;
    t = cli_table_new(&e, CLI_FMT_TABLE, 4, head, "rlll");
    cli_table_indent(t, 2);
    for (i = 0; i < dups->n; i++) {
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)dups->items[i].id);
        cli_table_add(t, (const char *const[]){ id, dups->items[i].name,
                                                dups->items[i].company,
                                                dups->items[i].why });
    }
    cli_table_end(t);
    fputs(_("nothing added; use --force to add it anyway\n"), stderr);
    return TCRM_EXIT_FAIL;
}

static int contact_insert(struct tcrm_cli *cli, struct tcrm_contact *c,
                          int force)
{
    struct tcrm_dup_list dups = { NULL, 0 };
    struct tcrm_error err;
    struct tcrm_db *db;
    int rc;

    tcrm_error_clear(&err);
    if (tcrm_contact_validate(c, &err))
        return tcrm_cli_fail_err(&err);
    if ((rc = tcrm_cli_db(cli, &db)))
        return rc;
    if (!force && tcrm_dup_find(db, c, &dups, &err))
        return tcrm_cli_fail_err(&err);
    if (dups.n > 0)
        rc = contact_refuse_dup(cli, c->name, &dups);
    else if (tcrm_contact_insert(db, c, &err))
        rc = tcrm_cli_fail_err(&err);
    else
        fprintf(cli->out, _("added contact %lld: %s\n"), (long long)c->id,
                cli_s(c->name));
    tcrm_dup_list_free(&dups);
    return rc;
}

static int contact_add(struct tcrm_cli *cli, int argc, char **argv)
{
    struct tcrm_contact c;
    struct cli_opts o;
    int rc, force = 0;

    tcrm_contact_init(&c);
    cli_opts_init(&o, &cli_contact_add_cmd, argc, argv, contact_lo);
    rc = contact_apply(&cli_contact_add_cmd, &o, &c, 0, &force);
    if (rc < 0 && !(rc = cli_want_args(&cli_contact_add_cmd, &o, 1, 1,
                                       "NAME"))) {
        tcrm_str_set(&c.name, o.pos[0]);
        rc = contact_insert(cli, &c, force);
    }
    tcrm_contact_clear(&c);
    return rc;
}

static int contact_edit(struct tcrm_cli *cli, int argc, char **argv)
{
    const struct tcrm_cmd *cmd = &cli_contact_edit_cmd;
    struct tcrm_contact c;
    struct tcrm_error err;
    struct tcrm_db *db;
    struct cli_opts o;
    int64_t id;
    int rc;

    tcrm_contact_init(&c);
    cli_opts_init(&o, cmd, argc, argv, contact_lo);
    rc = contact_apply(cmd, &o, &c, 1, NULL);
    tcrm_contact_clear(&c);
    if (rc >= 0 || (rc = cli_want_args(cmd, &o, 1, 1, "ID")) ||
        (rc = cli_parse_id(cmd, N_("contact id"), o.pos[0], &id)) ||
        (rc = tcrm_cli_db(cli, &db)))
        return rc;
    tcrm_error_clear(&err);
    /* Read and write in one transaction: another edit of the same
     * contact waits, so nothing it changed is lost and there is no
     * version to conflict about. */
    if (tcrm_db_begin(db, &err)) {
        rc = tcrm_cli_fail_err(&err);
    } else if (tcrm_contact_get(db, id, &c, &err)) {
        tcrm_db_rollback(db);
        rc = tcrm_cli_fail_err(&err);
    } else {
        int64_t version = c.version;
        cli_opts_init(&o, cmd, argc, argv, contact_lo);
        contact_apply(cmd, &o, &c, 1, NULL);
        if (tcrm_contact_update(db, &c, &err)) {
            tcrm_db_rollback(db);
            rc = tcrm_cli_fail_err(&err);
        } else if (tcrm_db_commit(db, &err))
            rc = tcrm_cli_fail_err(&err);
        else
            fprintf(cli->out, c.version == version
                                  ? _("no change to contact %lld: %s\n")
                                  : _("changed contact %lld: %s\n"),
                    (long long)id, cli_s(c.name));
    }
    tcrm_contact_clear(&c);
    return rc;
}

static int contact_delete(struct tcrm_cli *cli, int argc, char **argv)
{
    const struct tcrm_cmd *cmd = &cli_contact_delete_cmd;
    struct tcrm_contact c;
    struct tcrm_error err;
    struct tcrm_db *db;
    int64_t id;
    int rc;

    if ((rc = cli_one_id(cmd, argc, argv, N_("contact id"), &id)) ||
        (rc = tcrm_cli_db(cli, &db)))
        return rc;
    tcrm_contact_init(&c);
    tcrm_error_clear(&err);
    if (tcrm_contact_get(db, id, &c, &err) ||
        tcrm_contact_delete(db, id, &err))
        rc = tcrm_cli_fail_err(&err);
    else
        fprintf(cli->out, _("moved contact %lld (%s) to the trash; "
                "tcrm restore contact/%lld brings it back\n"), (long long)id,
                cli_s(c.name), (long long)id);
    tcrm_contact_clear(&c);
    return rc;
}
