/*
 * cmd_log.c: `tcrm log ID --kind KIND [--at WHEN] [--body TEXT] SUMMARY`.
 *
 * Records an interaction with a contact: a call, an e-mail, a visit, a
 * meeting, a message or a note. The summary is every remaining argument
 * joined by spaces, so quoting is optional. --at takes the date language
 * of date.h; a date without a time means noon of that day (the row needs
 * a time, and noon never moves to another day), no --at means now.
 * The contact's company is attached by the core.
 */
#include <stdlib.h>

#include "cli_internal.h"
#include "tcrm/contact.h"
#include "tcrm/interaction.h"

static int cmd_log_exec(struct tcrm_cli *cli, int argc, char **argv);

const struct tcrm_cmd tcrm_cmd_log = {
    "log", "log ID --kind call|email|visit|meeting|message|note [--at WHEN]\n"
           "   [--body TEXT] SUMMARY",
    N_("Log a call, e-mail, visit, meeting, message or note."),
    cmd_log_exec,
};

struct log_args {
    int kind;
    const char *at, *body;
};

/* Options and arguments; -1 to go on, else an exit status. */
static int log_options(struct cli_opts *o, struct log_args *a)
{
    static const struct option lo[] = {
        { "kind", required_argument, NULL, 'k' },
        { "at", required_argument, NULL, 'a' },
        { "body", required_argument, NULL, 'b' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    const struct tcrm_cmd *cmd = &tcrm_cmd_log;
    int c;

    a->kind = -1;
    o->lo = lo;
    while ((c = cli_opts_next(o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o->status;
        if (c == 'k' && (a->kind = tcrm_interaction_kind_parse(optarg)) < 0)
            return tcrm_cli_bad(cmd, "--kind: '%s' is not one of call, "
                                "email, visit, meeting, message, note",
                                cli_s(optarg));
        if (c == 'a')
            a->at = optarg;
        if (c == 'b')
            a->body = optarg;
    }
    if (a->kind < 0)
        return tcrm_cli_usage(cmd, "missing --kind");
    if (o->npos == 1)
        return tcrm_cli_usage(cmd, "missing SUMMARY");
    return cli_want_args(cmd, o, 2, -1, _("ID and SUMMARY")) ? TCRM_EXIT_USAGE
                                                           : -1;
}

static int cmd_log_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    const struct tcrm_cmd *cmd = &tcrm_cmd_log;
    struct tcrm_interaction ia;
    struct log_args a = { -1, NULL, NULL };
    struct tcrm_error err;
    struct tcrm_db *db;
    struct tcrm_when w = { 0, 0, 0, 0, 0, 0 };
    struct tcrm_contact who;
    struct cli_opts o;
    char at[17];
    char *summary;
    int64_t id;
    int rc;

    cli_opts_init(&o, cmd, argc, argv, NULL);
    if ((rc = log_options(&o, &a)) >= 0 ||
        (rc = cli_parse_id(cmd, N_("contact id"), o.pos[0], &id)) ||
        (a.at && (rc = cli_parse_when(cmd, "--at", a.at, &w))) ||
        (rc = tcrm_cli_db(cli, &db)))
        return rc;
    if (a.at && !w.has_time) {
        w.hour = 12;
        w.minute = 0;
        w.has_time = 1;
    }
    tcrm_error_clear(&err);
    tcrm_contact_init(&who);
    if (tcrm_contact_get(db, id, &who, &err)) {
        tcrm_contact_clear(&who);
        return tcrm_cli_fail_err(&err);
    }
    tcrm_interaction_init(&ia);
    ia.contact_id = id;
    ia.kind = (enum tcrm_interaction_kind)a.kind;
    summary = cli_join(o.pos + 1, o.npos - 1);
    if (a.at) {
        tcrm_when_iso(&w, at);
        tcrm_str_set(&ia.at, at);
    }
    tcrm_str_set(&ia.summary, summary);
    tcrm_str_set(&ia.body, a.body);
    free(summary);
    if (tcrm_interaction_insert(db, &ia, &err))
        rc = tcrm_cli_fail_err(&err);
    else
        /* TRANSLATORS: "logged call with Anna Silva (interaction 3)" */
        fprintf(cli->out, _("logged %s with %s (interaction %lld)\n"),
                tcrm_i18n_word("kind", tcrm_interaction_kind_name(ia.kind)),
                cli_s(who.name), (long long)ia.id);
    tcrm_interaction_clear(&ia);
    tcrm_contact_clear(&who);
    return rc;
}
