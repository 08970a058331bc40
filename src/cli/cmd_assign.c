/*
 * cmd_assign.c: `tcrm assign`, `share`, `unshare` and `claim`: moving
 * records between people, sharing them, taking them from the pool (see
 * tcrm/owner.h for the rules, which the core enforces).
 *
 * assign takes either KIND ID... or one selection of contacts (--search,
 * --tag or --owner); a selection is read first (only rows the user sees),
 * then moved in one transaction, so one refusal moves nothing. --dry-run
 * says what would move and changes nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "tcrm/contact.h"
#include "tcrm/db.h"
#include "tcrm/owner.h"

static int assign_exec(struct tcrm_cli *cli, int argc, char **argv);
static int share_exec(struct tcrm_cli *cli, int argc, char **argv);
static int unshare_exec(struct tcrm_cli *cli, int argc, char **argv);
static int claim_exec(struct tcrm_cli *cli, int argc, char **argv);

const struct tcrm_cmd tcrm_cmd_assign = {
    "assign", "assign (contact|company|deal) ID... --to LOGIN\n"
              "assign --search QUERY | --tag TAG | --owner LOGIN --to LOGIN"
              " [--dry-run]",
    N_("Move records to another person (with their open follow-ups and "
    "deals)."), assign_exec,
};
const struct tcrm_cmd tcrm_cmd_share = {
    "share", "share (contact|company|deal) ID --with LOGIN [--read-only]",
    N_("Let another person see (and unless --read-only, change) a record."),
    share_exec,
};
const struct tcrm_cmd tcrm_cmd_unshare = {
    "unshare", "unshare (contact|company|deal) ID --with LOGIN",
    N_("Take a share back."), unshare_exec,
};
const struct tcrm_cmd tcrm_cmd_claim = {
    "claim", "claim (contact|company) ID",
    N_("Take a contact or company without owner from the public pool."),
    claim_exec,
};

/* The kinds of record as people read them (the command line takes the
 * English word; what it prints is in the user's language). */
static const char *const record_words[] = {
    /* TRANSLATORS: a kind of record in "contact 42: now owned by bob" */
    NC_("record", "contact"), NC_("record", "company"),
    NC_("record", "deal"),
};

static const char *record_word(const char *kind)
{
    (void)record_words;
    return tcrm_i18n_word("record", kind);
}

static int kind_ok(const struct tcrm_cmd *cmd, const char *kind, int deals)
{
    if (strcmp(kind, "contact") == 0 || strcmp(kind, "company") == 0 ||
        (deals && strcmp(kind, "deal") == 0))
        return 0;
    return tcrm_cli_bad(cmd, "'%s': not %s", cli_s(kind),
                        deals ? "contact, company or deal"
                              : "contact or company");
}

/* Every live contact the user sees that matches the search or tag. */
static int select_contacts(struct tcrm_db *db, const char *search,
                           const char *tag, int64_t **ids, size_t *n,
                           struct tcrm_error *err)
{
    struct tcrm_contact_filter f = { search, tag, 0, TCRM_SORT_NAME };
    struct tcrm_contact_page page;
    struct tcrm_contact_row last;
    int have_last = 0, rc = 0;
    size_t cap = 0;

    memset(&last, 0, sizeof last);
    *ids = NULL;
    *n = 0;
    do {
        rc = tcrm_contact_list(db, &f, have_last ? &last : NULL, 0, 500,
                               &page, err);
        if (rc)
            break;
        for (size_t i = 0; i < page.n; i++) {
            if (*n == cap) {
                size_t nc = cap ? cap * 2 : 64;
                int64_t *p = realloc(*ids, nc * sizeof *p);
                if (!p) {
                    rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
                    break;
                }
                *ids = p;
                cap = nc;
            }
            (*ids)[(*n)++] = page.rows[i].id;
        }
        free(last.cursor_key);
        memset(&last, 0, sizeof last);
        if (!rc && page.n) {
            last = page.rows[page.n - 1];
            last.cursor_key = strdup(last.cursor_key ? last.cursor_key : "");
            last.name = last.company = last.title = last.phone = NULL;
            last.email = last.last_interaction_at = NULL;
            last.next_followup_due = last.owner = NULL;
            have_last = 1;
            if (!last.cursor_key)
                rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        }
        int more = page.more;
        tcrm_contact_page_free(&page);
        if (!more)
            break;
    } while (!rc);
    free(last.cursor_key);
    return rc;
}

/* Move every id in one transaction; prints one line per record. */
static int assign_all(struct tcrm_cli *cli, struct tcrm_db *db,
                      const char *kind, const int64_t *ids, size_t n,
                      const char *to, int dry_run)
{
    struct tcrm_assign_result r;
    struct tcrm_error err;
    int rc;

    if (dry_run) {
        for (size_t i = 0; i < n; i++)
            /* TRANSLATORS: kind of record, id, login */
            fprintf(cli->out, _("would assign %s %lld to %s\n"),
                    record_word(kind), (long long)ids[i], cli_s(to));
        if (strcmp(kind, "contact") == 0)
            fprintf(cli->out, P_("dry run: %zu contact, nothing changed\n",
                                 "dry run: %zu contacts, nothing changed\n",
                                 n), n);
        else if (strcmp(kind, "company") == 0)
            fprintf(cli->out, P_("dry run: %zu company, nothing changed\n",
                                 "dry run: %zu companies, nothing changed\n",
                                 n), n);
        else
            fprintf(cli->out, P_("dry run: %zu deal, nothing changed\n",
                                 "dry run: %zu deals, nothing changed\n",
                                 n), n);
        return TCRM_EXIT_OK;
    }
    tcrm_error_clear(&err);
    if (tcrm_db_begin(db, &err))
        return tcrm_cli_fail_err(&err);
    for (size_t i = 0; i < n; i++) {
        if ((rc = tcrm_owner_assign(db, kind, ids[i], to, &r, &err))) {
            tcrm_db_rollback(db);
            return tcrm_cli_fail_err(&err);
        }
        /* TRANSLATORS: kind of record, id, login */
        fprintf(cli->out, _("%s %lld: now owned by %s"), record_word(kind),
                (long long)ids[i], cli_s(to));
        if (r.followups || r.deals)
            /* TRANSLATORS: " (with 2 open follow-ups, 1 open deal)" */
            fprintf(cli->out, _(" (with %s, %s)"),
                    cli_fmt(P_("%lld open follow-up", "%lld open follow-ups",
                               r.followups), (long long)r.followups),
                    cli_fmt(P_("%lld open deal", "%lld open deals", r.deals),
                            (long long)r.deals));
        fputc('\n', cli->out);
    }
    if (tcrm_db_commit(db, &err))
        return tcrm_cli_fail_err(&err);
    return TCRM_EXIT_OK;
}

enum { O_TO = 1, O_SEARCH, O_TAG, O_OWNER, O_DRY };

static int assign_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {
        { "to", required_argument, NULL, O_TO },
        { "search", required_argument, NULL, O_SEARCH },
        { "tag", required_argument, NULL, O_TAG },
        { "owner", required_argument, NULL, O_OWNER },
        { "dry-run", no_argument, NULL, O_DRY },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    const struct tcrm_cmd *cmd = &tcrm_cmd_assign;
    const char *to = NULL, *search = NULL, *tag = NULL, *owner = NULL;
    struct tcrm_error err;
    struct tcrm_db *db;
    struct cli_opts o;
    int64_t *ids = NULL;
    size_t n = 0;
    int c, rc, dry = 0, nsel;

    cli_opts_init(&o, cmd, argc, argv, lo);
    while ((c = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o.status;
        if (c == O_TO) to = optarg;
        if (c == O_SEARCH) search = optarg;
        if (c == O_TAG) tag = optarg;
        if (c == O_OWNER) owner = optarg;
        if (c == O_DRY) dry = 1;
    }
    nsel = (search != NULL) + (tag != NULL) + (owner != NULL);
    if (!to || !*to)
        return tcrm_cli_usage(cmd, "--to LOGIN is required");
    if (nsel > 1)
        return tcrm_cli_usage(cmd, "--search, --tag and --owner: one of them");
    if (nsel && o.npos)
        return tcrm_cli_usage(cmd, "either KIND ID... or a selection "
                              "(--search, --tag, --owner), not both");
    if (!nsel && o.npos < 2)
        return tcrm_cli_usage(cmd, "missing KIND ID... or a selection");
    if (!nsel && (rc = kind_ok(cmd, o.pos[0], 1)))
        return rc;
    if (!nsel) {
        ids = calloc((size_t)o.npos, sizeof *ids);
        if (!ids)
            return tcrm_cli_fail("out of memory");
        for (int i = 1; i < o.npos; i++)
            if ((rc = cli_parse_id(cmd, N_("record id"), o.pos[i],
                                   &ids[n++]))) {
                free(ids);
                return rc;
            }
    }
    if ((rc = tcrm_cli_db(cli, &db)) || (rc = cli_check_tag(db, tag))) {
        free(ids);
        return rc;
    }
    tcrm_error_clear(&err);
    if (nsel && (owner ? tcrm_owner_contact_ids(db, owner, &ids, &n, &err)
                       : select_contacts(db, search, tag, &ids, &n, &err)))
        rc = tcrm_cli_fail_err(&err);
    else
        rc = assign_all(cli, db, nsel ? "contact" : o.pos[0], ids, n, to,
                        dry);
    free(ids);
    return rc;
}

/* KIND ID --with LOGIN [--read-only] for share and unshare. */
static int share_common(struct tcrm_cli *cli, const struct tcrm_cmd *cmd,
                        int argc, char **argv, int add)
{
    static const struct option lo_share[] = {
        { "with", required_argument, NULL, 'w' },
        { "read-only", no_argument, NULL, 'r' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    static const struct option lo_unshare[] = {
        { "with", required_argument, NULL, 'w' }, CLI_OPT_HELP, CLI_OPT_END,
    };
    const char *with = NULL;
    struct tcrm_error err;
    struct tcrm_db *db;
    struct cli_opts o;
    int64_t id;
    int c, rc, ro = 0;

    cli_opts_init(&o, cmd, argc, argv, add ? lo_share : lo_unshare);
    while ((c = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o.status;
        if (c == 'w') with = optarg;
        if (c == 'r') ro = 1;
    }
    if ((rc = cli_want_args(cmd, &o, 2, 2, "KIND ID")) ||
        (rc = kind_ok(cmd, o.pos[0], 1)) ||
        (rc = cli_parse_id(cmd, N_("record id"), o.pos[1], &id)))
        return rc;
    if (!with || !*with)
        return tcrm_cli_usage(cmd, "--with LOGIN is required");
    if ((rc = tcrm_cli_db(cli, &db)))
        return rc;
    tcrm_error_clear(&err);
    if (add ? tcrm_owner_share(db, o.pos[0], id, with, ro, &err)
            : tcrm_owner_unshare(db, o.pos[0], id, with, &err))
        return tcrm_cli_fail_err(&err);
    /* TRANSLATORS: kind of record, id, login */
    fprintf(cli->out, !add ? _("%s %lld: no longer shared with %s\n")
                      : ro ? _("%s %lld: shared with %s (read-only)\n")
                      : _("%s %lld: shared with %s\n"),
            record_word(o.pos[0]), (long long)id, cli_s(with));
    return TCRM_EXIT_OK;
}

static int share_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    return share_common(cli, &tcrm_cmd_share, argc, argv, 1);
}

static int unshare_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    return share_common(cli, &tcrm_cmd_unshare, argc, argv, 0);
}

static int claim_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = { CLI_OPT_HELP, CLI_OPT_END };
    const struct tcrm_cmd *cmd = &tcrm_cmd_claim;
    struct tcrm_error err;
    struct tcrm_db *db;
    struct cli_opts o;
    int64_t id;
    int c, rc;

    cli_opts_init(&o, cmd, argc, argv, lo);
    while ((c = cli_opts_next(&o)) != CLI_OPT_DONE)
        if (c == CLI_OPT_STOP)
            return o.status;
    if ((rc = cli_want_args(cmd, &o, 2, 2, "KIND ID")) ||
        (rc = kind_ok(cmd, o.pos[0], 0)) ||
        (rc = cli_parse_id(cmd, N_("record id"), o.pos[1], &id)) ||
        (rc = tcrm_cli_db(cli, &db)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_owner_claim(db, o.pos[0], id, &err))
        return tcrm_cli_fail_err(&err);
    fprintf(cli->out, _("%s %lld: now yours\n"), record_word(o.pos[0]),
            (long long)id);
    return TCRM_EXIT_OK;
}
