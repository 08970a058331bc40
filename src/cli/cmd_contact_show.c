/*
 * cmd_contact_show.c: `tcrm contact list` and `tcrm contact show`, and
 * cli_print_contacts(), the contact listing `search` and `company show`
 * share.
 *
 * A listing walks the database a page (PAGE rows) at a time with the keyset
 * cursor of contact.h, so its memory does not grow with the table; the
 * table printer holds at most its first rows to measure the columns.
 * Tables show dates in the configured format; CSV and TSV keep the stored
 * ISO forms and lower-case headers, for scripts.
 */
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "tcrm/company.h"
#include "tcrm/contact.h"
#include "tcrm/deal.h"
#include "tcrm/followup.h"
#include "tcrm/interaction.h"
#include "tcrm/tag.h"
#include "tcrm/text.h"

extern const struct tcrm_cmd cli_contact_list_cmd, cli_contact_show_cmd;
int cli_contact_list(struct tcrm_cli *cli, int argc, char **argv);
int cli_contact_show(struct tcrm_cli *cli, int argc, char **argv);

/* Rows per page: each page prepares its statements again (and a search
 * works out its terms again), which costs as much as a few rows. */
#define PAGE 1000

static char *dup0(const char *s)
{
    return s ? strdup(s) : NULL;
}

static void row_free(struct tcrm_contact_row *r)
{
    free(r->name);
    free(r->company);
    free(r->title);
    free(r->phone);
    free(r->email);
    free(r->last_interaction_at);
    free(r->next_followup_due);
    free(r->cursor_key);
    free(r->owner);
    memset(r, 0, sizeof *r);
}

static void row_copy(struct tcrm_contact_row *to,
                     const struct tcrm_contact_row *from)
{
    row_free(to);
    to->id = from->id;
    to->tier = from->tier;
    to->name = dup0(from->name);
    to->company = dup0(from->company);
    to->title = dup0(from->title);
    to->phone = dup0(from->phone);
    to->email = dup0(from->email);
    to->last_interaction_at = dup0(from->last_interaction_at);
    to->next_followup_due = dup0(from->next_followup_due);
    to->cursor_key = dup0(from->cursor_key);
    to->owner = dup0(from->owner);
}

static void contact_row_out(struct tcrm_cli *cli, struct cli_table *t,
                            enum cli_format fmt,
                            const struct tcrm_contact_row *r)
{
    char id[24];
    const char *last = fmt == CLI_FMT_TABLE
                           ? cli_date(cli, r->last_interaction_at)
                           : r->last_interaction_at;

    snprintf(id, sizeof id, "%lld", (long long)r->id);
    cli_table_add(t, (const char *const[]){ id, r->name, r->company, r->title,
                                            r->phone, r->email, last });
}

int cli_print_contacts(struct tcrm_cli *cli, const struct tcrm_contact_filter *f,
                       enum cli_format fmt, size_t limit, const char *empty)
{
    static const char *const head[] = { N_("ID"), N_("NAME"), N_("COMPANY"),
        /* TRANSLATORS: a column of contacts: their job title */
        N_("TITLE"), N_("PHONE"), N_("EMAIL"), N_("LAST CONTACT") };
    static const char *const head_csv[] = { "id", "name", "company", "title",
                                            "phone", "email", "last_contact" };
    struct tcrm_contact_page page = { NULL, 0, 0 };
    struct tcrm_contact_row last;
    struct tcrm_error err;
    struct cli_table *t;
    struct tcrm_db *db;
    size_t shown = 0, i;
    int rc, more = 1;

    if ((rc = cli_db_read(cli, &db)))
        return rc;
    memset(&last, 0, sizeof last);
    tcrm_error_clear(&err);
    t = cli_table_new(cli, fmt, 7,
                      fmt == CLI_FMT_TABLE ? head : head_csv, "rllllll");
    cli_table_keep(t, 4);                   /* the phone */
    while (more && (limit == 0 || shown < limit)) {
        size_t want = limit && limit - shown < PAGE ? limit - shown : PAGE;
        if (tcrm_contact_list(db, f, shown ? &last : NULL, 0, want, &page,
                              &err)) {
            rc = tcrm_cli_fail_err(&err);
            break;
        }
        for (i = 0; i < page.n; i++)
            contact_row_out(cli, t, fmt, &page.rows[i]);
        shown += page.n;
        more = page.more && page.n > 0;
        if (page.n > 0)
            row_copy(&last, &page.rows[page.n - 1]);
        tcrm_contact_page_free(&page);
    }
    row_free(&last);
    if (cli_table_end(t) && !rc)
        rc = TCRM_EXIT_FAIL;
    if (!rc && fmt == CLI_FMT_TABLE && shown == 0 && empty && *empty)
        fprintf(cli->out, "%s\n", empty);
    if (!rc && more && limit && shown >= limit && cli->out_is_tty)
        fprintf(stderr, _("(the first %zu shown; more match: --limit N, or "
                "--limit 0 for all)\n"), shown);
    return rc;
}

static int contact_sort(const char *s, enum tcrm_contact_sort *sort)
{
    static const char *const names[] = { "name", "company", "title", "last" };
    int i;

    for (i = 0; i < 4; i++)
        if (strcmp(s, names[i]) == 0) {
            *sort = (enum tcrm_contact_sort)i;
            return 0;
        }
    return tcrm_cli_bad(&cli_contact_list_cmd, "--sort: '%s' is not one of "
                        "name, company, title, last", cli_s(s));
}

/* --company NAME and --tag T must name something that exists. */
static int contact_list_check(struct tcrm_cli *cli, const char *company,
                              struct tcrm_contact_filter *f)
{
    struct tcrm_error err;
    struct tcrm_db *db;
    int rc;

    if ((rc = cli_db_read(cli, &db)))
        return rc;
    tcrm_error_clear(&err);
    if (company && tcrm_company_find(db, company, &f->company_id, &err))
        return tcrm_cli_fail_err(&err);
    if (company && f->company_id == 0)
        return tcrm_cli_fail("company '%s': not found", cli_s(company));
    return cli_check_tag(db, f->tag);
}

int cli_contact_list(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {
        { "search", required_argument, NULL, 's' },
        { "tag", required_argument, NULL, 't' },
        { "company", required_argument, NULL, 'c' },
        { "sort", required_argument, NULL, 'o' },
        { "format", required_argument, NULL, 'f' },
        { "limit", required_argument, NULL, 'l' },
        { "raw", no_argument, NULL, 'r' },
        { "wide", no_argument, NULL, 'W' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    const struct tcrm_cmd *cmd = &cli_contact_list_cmd;
    struct tcrm_contact_filter f;
    enum cli_format fmt = CLI_FMT_TABLE;
    const char *company = NULL;
    struct cli_opts o;
    int c, rc = 0, limit = 0;

    memset(&f, 0, sizeof f);
    cli_opts_init(&o, cmd, argc, argv, lo);
    while (!rc && (c = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o.status;
        if (c == 's') f.search = optarg;
        if (c == 't') f.tag = optarg;
        if (c == 'c') company = optarg;
        if (c == 'o') rc = contact_sort(optarg, &f.sort);
        if (c == 'f') rc = cli_parse_format(cmd, optarg, &fmt);
        if (c == 'r') cli->csv_raw = 1;
        if (c == 'W') cli->wide = 1;
        if (c == 'l')
            rc = cli_parse_int(cmd, "--limit", optarg, 1, 1000000000, &limit);
    }
    if (rc || (rc = cli_want_args(cmd, &o, 0, 0, "")) ||
        (rc = contact_list_check(cli, company, &f)))
        return rc;
    return cli_print_contacts(cli, &f, fmt, (size_t)limit, _("no contacts"));
}

static void show_followups(struct tcrm_cli *cli, struct tcrm_db *db, int64_t id)
{
    struct tcrm_followup *fu = NULL;
    struct tcrm_error err;
    size_t n = 0, i;

    if (tcrm_followup_list(db, 1, id, NULL, NULL, 20, &fu, &n, &err) == 0 &&
        n > 0) {
        fprintf(cli->out, _("\nOpen follow-ups (%zu)\n"), n);
        for (i = 0; i < n; i++)
            fprintf(cli->out, "  %-5lld %s%s%s  %s%s\n", (long long)fu[i].id,
                    cli_date(cli, fu[i].due_date), fu[i].due_time ? " " : "",
                    cli_s(fu[i].due_time), cli_s(fu[i].title),
                    fu[i].repeat_days ? _("  (repeats)") : "");
    }
    tcrm_followup_array_free(fu, n);
}

static void show_history(struct tcrm_cli *cli, struct tcrm_db *db, int64_t id)
{
    struct tcrm_interaction *ia = NULL;
    struct tcrm_deal *d = NULL;
    struct tcrm_error err;
    size_t n = 0, i;

    if (tcrm_interaction_recent(db, id, 0, 10, &ia, &n, &err) == 0 && n > 0) {
        fprintf(cli->out, _("\nRecent interactions\n"));
        for (i = 0; i < n; i++) {
            const char *kind = cli_pad(tcrm_i18n_word("kind",
                tcrm_interaction_kind_name(ia[i].kind)), 7);
            fprintf(cli->out, "  %s  %s %s\n", cli_date(cli, ia[i].at),
                    kind, cli_s(ia[i].summary));
        }
    }
    tcrm_interaction_array_free(ia, n);
    n = 0;
    if (tcrm_deal_list(db, NULL, -1, id, 0, 0, 20, &d, &n, &err) == 0 && n) {
        fprintf(cli->out, _("\nDeals\n"));
        for (i = 0; i < n; i++) {
            char money[64];
            tcrm_money_format(d[i].amount_minor, d[i].currency, money,
                              sizeof money);
            fprintf(cli->out, "  %-5lld %s  %s  %s  %s\n", (long long)d[i].id,
                    cli_s(d[i].title),
                    cli_s(tcrm_i18n_word("stage", d[i].stage)), money,
                    tcrm_i18n_word("status",
                                   tcrm_deal_status_name(d[i].status)));
        }
    }
    tcrm_deal_array_free(d, n);
}

static void show_fields(struct tcrm_cli *cli, const struct tcrm_contact *c)
{
    size_t i;
    char buf[64];

    fprintf(cli->out, _("%s  (contact %lld)\n"), cli_s(c->name),
            (long long)c->id);
    if (c->company_id) {
        snprintf(buf, sizeof buf, _(" (company %lld)"),
                 (long long)c->company_id);
        /* TRANSLATORS: labels of `contact show`, `company show`, `deal
         * show`, `user show`: a left column padded to 13 columns */
        fprintf(cli->out, "%s %s%s\n", cli_label(_("company")),
                cli_s(c->company), buf);
    }
    /* TRANSLATORS: a contact's job title */
    cli_field(cli, _("title"), c->title);
    cli_field(cli, _("department"), c->department);
    for (i = 0; i < c->n_channels; i++)
        cli_field(cli, tcrm_i18n_word("channel",
                           tcrm_channel_kind_name(c->channels[i].kind)),
                  c->channels[i].value);
    cli_field(cli, _("address"), c->address);
    cli_field(cli, _("city"), c->city);
    cli_field(cli, _("birthday"), c->birthday);
    /* TRANSLATORS: where a contact came from (a fair, a referral) */
    cli_field(cli, _("source"), c->source);
    cli_field(cli, _("owner"), c->owner);
    for (i = 0; i < c->tags.n; i++)
        cli_field(cli, i ? "" : _("tags"), c->tags.items[i]);
    cli_field(cli, _("notes"), c->notes);
    cli_field(cli, _("last contact"), cli_date(cli, c->last_interaction_at));
    cli_field(cli, _("next due"), cli_date(cli, c->next_followup_due));
    /* TRANSLATORS: "2026-11-20 10:00:00 by ann": when and who */
    fprintf(cli->out, "%s %s\n", cli_label(_("added")),
            cli_fmt(_("%s by %s"), cli_s(c->stamp.created_at),
                    cli_s(c->stamp.created_by)));
    fprintf(cli->out, "%s %s\n", cli_label(_("changed")),
            cli_changed(c->stamp.updated_at, c->stamp.updated_by,
                        c->version));
}

int cli_contact_show(struct tcrm_cli *cli, int argc, char **argv)
{
    const struct tcrm_cmd *cmd = &cli_contact_show_cmd;
    struct tcrm_contact c;
    struct tcrm_error err;
    struct tcrm_db *db;
    int64_t id;
    int rc;

    if ((rc = cli_one_id(cmd, argc, argv, N_("contact id"), &id)) ||
        (rc = cli_db_read(cli, &db)))
        return rc;
    tcrm_contact_init(&c);
    tcrm_error_clear(&err);
    if (tcrm_contact_get(db, id, &c, &err)) {
        rc = tcrm_cli_fail_err(&err);
    } else {
        show_fields(cli, &c);
        show_followups(cli, db, id);
        show_history(cli, db, id);
    }
    tcrm_contact_clear(&c);
    return rc;
}
