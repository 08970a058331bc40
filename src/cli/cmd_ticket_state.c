/*
 * cmd_ticket_state.c: `tcrm ticket assign|note|wait|resolve|close|
 * reopen|rate`, and `tcrm score IID N [--comment TEXT]` (the customer's
 * satisfaction with an interaction). Which change is allowed when is the
 * core's (tcrm/ticket.h); here each says what it did.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd_ticket.h"

static int ticket_assign(struct tcrm_cli *cli, int argc, char **argv);
static int ticket_note(struct tcrm_cli *cli, int argc, char **argv);
static int ticket_wait(struct tcrm_cli *cli, int argc, char **argv);
static int ticket_resolve(struct tcrm_cli *cli, int argc, char **argv);
static int ticket_close(struct tcrm_cli *cli, int argc, char **argv);
static int ticket_reopen(struct tcrm_cli *cli, int argc, char **argv);
static int ticket_rate(struct tcrm_cli *cli, int argc, char **argv);
static int score_exec(struct tcrm_cli *cli, int argc, char **argv);

const struct tcrm_cmd cli_ticket_assign_cmd = { "ticket assign",
    "ticket assign TID --to LOGIN", N_("Give a ticket to another owner."),
    ticket_assign };
const struct tcrm_cmd cli_ticket_note_cmd = { "ticket note",
    "ticket note TID TEXT", N_("Add a note to a ticket's history (a new "
    "ticket is then in progress; a waiting one runs again)."), ticket_note };
const struct tcrm_cmd cli_ticket_wait_cmd = { "ticket wait", "ticket wait TID",
    N_("Wait for the customer: the ticket's clock stops."), ticket_wait };
const struct tcrm_cmd cli_ticket_resolve_cmd = { "ticket resolve",
    "ticket resolve TID --resolution TEXT",
    N_("Resolve a ticket, saying how."), ticket_resolve };
const struct tcrm_cmd cli_ticket_close_cmd = { "ticket close",
    "ticket close TID", N_("Close a resolved ticket."), ticket_close };
const struct tcrm_cmd cli_ticket_reopen_cmd = { "ticket reopen",
    "ticket reopen TID", N_("Reopen a resolved or closed ticket."),
    ticket_reopen };
const struct tcrm_cmd cli_ticket_rate_cmd = { "ticket rate",
    "ticket rate TID --score 1..5 [--comment TEXT]",
    N_("Record the customer's satisfaction with a resolved ticket."),
    ticket_rate };
const struct tcrm_cmd tcrm_cmd_score = { "score",
    "score IID 1..5 [--comment TEXT]",
    N_("Record the customer's satisfaction with an interaction."),
    score_exec };

/* The ticket's number and state after a change, in one line. */
static void say_state(struct tcrm_cli *cli, struct tcrm_db *db, int64_t id)
{
    struct tcrm_ticket t;
    if (tcrm_ticket_get(db, id, &t, NULL))
        return;
    if (t.state == TCRM_TICKET_WAITING)
        fprintf(cli->out, _("ticket %s is waiting for the customer (its "
                            "clock stops)\n"), cli_s(t.number));
    else
        fprintf(cli->out, _("ticket %s is %s\n"), cli_s(t.number),
                tcrm_ticket_state_word(t.state));
    tcrm_ticket_clear(&t);
}

/* `ticket wait|close|reopen TID`: one id, one change. */
static int one_change(struct tcrm_cli *cli, const struct tcrm_cmd *cmd,
                      int argc, char **argv,
                      int (*fn)(struct tcrm_db *, int64_t,
                                struct tcrm_error *))
{
    struct tcrm_error err;
    struct tcrm_db *db;
    const char *ref;
    int64_t id;
    int rc = cli_one_arg(cmd, argc, argv, "TID", &ref);

    if (rc)
        return rc == TCRM_EXIT_HELPED ? TCRM_EXIT_OK : rc;
    if ((rc = tcrm_cli_db(cli, &db)) || (rc = cli_ticket_id(db, ref, &id)))
        return rc;
    tcrm_error_clear(&err);
    if (fn(db, id, &err))
        return tcrm_cli_fail_err(&err);
    say_state(cli, db, id);
    return TCRM_EXIT_OK;
}

static int ticket_wait(struct tcrm_cli *cli, int argc, char **argv)
{
    return one_change(cli, &cli_ticket_wait_cmd, argc, argv,
                      tcrm_ticket_wait);
}

static int ticket_close(struct tcrm_cli *cli, int argc, char **argv)
{
    return one_change(cli, &cli_ticket_close_cmd, argc, argv,
                      tcrm_ticket_close);
}

static int ticket_reopen(struct tcrm_cli *cli, int argc, char **argv)
{
    return one_change(cli, &cli_ticket_reopen_cmd, argc, argv,
                      tcrm_ticket_reopen);
}

/* Options of a change that takes one text option (--to, --resolution,
 * --comment) and maybe --score; TID first. -1 to go on. */
struct opt_args {
    const char *text, *score;
};

static int text_opts(struct cli_opts *o, const struct tcrm_cmd *cmd,
                     const char *name, int with_score, struct opt_args *a)
{
    const struct option lo[] = {
        { name, required_argument, NULL, 't' },
        { with_score == 1 ? "score" : "help", with_score == 1
          ? required_argument : no_argument, NULL,
          with_score == 1 ? 's' : 'h' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    int c, rc;

    o->lo = lo;
    while ((c = cli_opts_next(o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o->status;
        *(c == 't' ? &a->text : &a->score) = optarg;
    }
    o->lo = NULL;
    return (rc = cli_want_args(cmd, o, 1, with_score == 2 ? 2 : 1,
                               with_score == 2 ? "IID" : "TID")) ? rc : -1;
}

static void say_owner(struct tcrm_cli *cli, struct tcrm_db *db, int64_t id)
{
    struct tcrm_ticket t;
    if (tcrm_ticket_get(db, id, &t, NULL))
        return;
    fprintf(cli->out, _("ticket %s is now %s's\n"), cli_s(t.number),
            cli_s(t.owner));
    tcrm_ticket_clear(&t);
}

/* `ticket assign TID --to LOGIN`, `ticket resolve TID --resolution
 * TEXT`: one required text option (opt; missing: its usage line), fn,
 * then say. */
static int text_change(struct tcrm_cli *cli, const struct tcrm_cmd *cmd,
                       int argc, char **argv, const char *opt,
                       const char *missing,
                       int (*fn)(struct tcrm_db *, int64_t, const char *,
                                 struct tcrm_error *),
                       void (*say)(struct tcrm_cli *, struct tcrm_db *,
                                   int64_t))
{
    struct opt_args a = { NULL, NULL };
    struct tcrm_error err;
    struct cli_opts o;
    struct tcrm_db *db;
    int64_t id;
    int rc;

    cli_opts_init(&o, cmd, argc, argv, NULL);
    if ((rc = text_opts(&o, cmd, opt, 0, &a)) >= 0)
        return rc;
    if (!a.text)
        return tcrm_cli_usage(cmd, "%s", missing);
    if ((rc = tcrm_cli_db(cli, &db)) || (rc = cli_ticket_id(db, o.pos[0], &id)))
        return rc;
    tcrm_error_clear(&err);
    if (fn(db, id, a.text, &err))
        return tcrm_cli_fail_err(&err);
    say(cli, db, id);
    return TCRM_EXIT_OK;
}

static int ticket_assign(struct tcrm_cli *cli, int argc, char **argv)
{
    return text_change(cli, &cli_ticket_assign_cmd, argc, argv, "to",
                       _("missing --to"), tcrm_ticket_assign, say_owner);
}

static int ticket_resolve(struct tcrm_cli *cli, int argc, char **argv)
{
    return text_change(cli, &cli_ticket_resolve_cmd, argc, argv,
                       "resolution", _("missing --resolution"),
                       tcrm_ticket_resolve, say_state);
}

static int ticket_note(struct tcrm_cli *cli, int argc, char **argv)
{
    const struct tcrm_cmd *cmd = &cli_ticket_note_cmd;
    static const struct option lo[] = { CLI_OPT_HELP, CLI_OPT_END };
    struct tcrm_error err;
    struct cli_opts o;
    struct tcrm_db *db;
    int64_t id;
    int c, rc;

    cli_opts_init(&o, cmd, argc, argv, lo);
    while ((c = cli_opts_next(&o)) != CLI_OPT_DONE)
        if (c == CLI_OPT_STOP)
            return o.status;
    if (o.npos < 2)
        return tcrm_cli_usage(cmd, o.npos ? "missing TEXT" : "missing TID");
    if ((rc = tcrm_cli_db(cli, &db)) || (rc = cli_ticket_id(db, o.pos[0], &id)))
        return rc;
    char *text = cli_join(o.pos + 1, o.npos - 1);
    tcrm_error_clear(&err);
    if (tcrm_ticket_note(db, id, text, &err))
        rc = tcrm_cli_fail_err(&err);
    else
        say_state(cli, db, id);
    free(text);
    return rc;
}

/* --score (or the SCORE argument) as 1..5: out of range is the core's
 * one line; not a number is a bad value here. */
static int parse_score(const struct tcrm_cmd *cmd, const char *s, int *out)
{
    char *end;
    long v = s ? strtol(s, &end, 10) : 0;
    if (!s || !*s || *end || v < -99 || v > 99)
        return tcrm_cli_bad(cmd, "score: '%s' is not a whole number from 1 "
                            "to 5", cli_s(s));
    *out = (int)v;
    return 0;
}

static int ticket_rate(struct tcrm_cli *cli, int argc, char **argv)
{
    const struct tcrm_cmd *cmd = &cli_ticket_rate_cmd;
    struct opt_args a = { NULL, NULL };
    struct tcrm_error err;
    struct cli_opts o;
    struct tcrm_db *db;
    int64_t id;
    int rc, score = 0;

    cli_opts_init(&o, cmd, argc, argv, NULL);
    if ((rc = text_opts(&o, cmd, "comment", 1, &a)) >= 0)
        return rc;
    if (!a.score)
        return tcrm_cli_usage(cmd, "missing --score");
    if ((rc = parse_score(cmd, a.score, &score)) ||
        (rc = tcrm_cli_db(cli, &db)) || (rc = cli_ticket_id(db, o.pos[0], &id)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_ticket_rate(db, id, score, a.text, &err))
        return tcrm_cli_fail_err(&err);
    struct tcrm_ticket t;
    if (tcrm_ticket_get(db, id, &t, NULL) == 0) {
        fprintf(cli->out, _("ticket %s rated %d of 5\n"), cli_s(t.number),
                score);
        tcrm_ticket_clear(&t);
    }
    return TCRM_EXIT_OK;
}

static int score_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    const struct tcrm_cmd *cmd = &tcrm_cmd_score;
    struct opt_args a = { NULL, NULL };
    struct tcrm_error err;
    struct cli_opts o;
    struct tcrm_db *db;
    int64_t id;
    int rc, score = 0;

    cli_opts_init(&o, cmd, argc, argv, NULL);
    if ((rc = text_opts(&o, cmd, "comment", 2, &a)) >= 0)
        return rc;
    if (o.npos < 2)
        return tcrm_cli_usage(cmd, "missing the score (1 to 5)");
    if ((rc = cli_parse_id(cmd, "interaction id", o.pos[0], &id)) ||
        (rc = parse_score(cmd, o.pos[1], &score)) ||
        (rc = tcrm_cli_db(cli, &db)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_interaction_score(db, id, score, a.text, &err))
        return tcrm_cli_fail_err(&err);
    fprintf(cli->out, _("interaction %lld rated %d of 5\n"), (long long)id,
            score);
    return TCRM_EXIT_OK;
}
