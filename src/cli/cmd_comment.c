/*
 * cmd_comment.c: managers' comments on the log: `tcrm comment IID TEXT`,
 * `tcrm comments [--unread] [--mark-read]`, and the COMMENTS section of
 * `tcrm due`.
 *
 * Who may comment is the core's (tcrm/comment.h); `comments` lists what
 * others wrote on the user's own log, newest first, and --mark-read marks
 * read what it listed (a comment arriving meanwhile stays unread).
 */
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "tcrm/comment.h"

static int comment_exec(struct tcrm_cli *cli, int argc, char **argv);
static int comments_exec(struct tcrm_cli *cli, int argc, char **argv);

const struct tcrm_cmd tcrm_cmd_comment = {
    "comment", "comment IID TEXT...",
    N_("Comment on an interaction of someone under you (managers)."),
    comment_exec,
};
const struct tcrm_cmd tcrm_cmd_comments = {
    "comments", "comments [--unread] [--mark-read]",
    N_("Comments on your log, newest first."), comments_exec,
};

static int comment_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    const struct tcrm_cmd *cmd = &tcrm_cmd_comment;
    struct tcrm_error err;
    struct tcrm_db *db;
    struct cli_opts o;
    int64_t iid, id;
    int c, rc;

    cli_opts_init(&o, cmd, argc, argv, NULL);
    while ((c = cli_opts_next(&o)) != CLI_OPT_DONE)
        if (c == CLI_OPT_STOP)
            return o.status;
    if ((rc = cli_want_args(cmd, &o, 2, -1, _("IID and TEXT"))) ||
        (rc = cli_parse_id(cmd, N_("interaction id"), o.pos[0], &iid)) ||
        (rc = tcrm_cli_db(cli, &db)))
        return rc;
    char *text = cli_join(o.pos + 1, o.npos - 1);
    if (!text)
        return tcrm_cli_fail("out of memory");
    tcrm_error_clear(&err);
    rc = tcrm_comment_add(db, iid, text, &id, &err);
    free(text);
    if (rc)
        return tcrm_cli_fail_err(&err);
    fprintf(cli->out, _("comment %lld added to interaction %lld\n"),
            (long long)id, (long long)iid);
    return TCRM_EXIT_OK;
}

/* One comment: "#7 2026-11-20 boss on interaction 12 (Anna Silva, call
 * about the quote)" and its text indented below. */
static void print_comment(struct tcrm_cli *cli, const struct tcrm_comment *c)
{
    fprintf(cli->out, _("%s %s on interaction %lld (%s: %s)%s\n"),
            cli_date(cli, c->created_at), cli_s(c->author),
            (long long)c->interaction_id, cli_s(c->customer),
            cli_s(c->summary), c->read_at ? "" : _(" [new]"));
    fprintf(cli->out, "  %s\n", cli_s(c->body));
}

int cli_due_comments(struct tcrm_cli *cli, const struct tcrm_comment *c,
                     size_t n, int64_t total)
{
    if (total == 0)
        return 0;
    fprintf(cli->out, _("COMMENTS (%lld)\n"), (long long)total);
    for (size_t i = 0; i < n; i++) {
        fprintf(cli->out, _("  %s on interaction %lld (%s): %s\n"),
                cli_s(c[i].author), (long long)c[i].interaction_id,
                cli_s(c[i].customer), cli_s(c[i].body));
    }
    if (total > (int64_t)n)
        fprintf(cli->out, P_("  ... and %lld more\n", "  ... and %lld more\n",
                             total - (int64_t)n),
                (long long)(total - (int64_t)n));
    return 0;
}

static int comments_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {
        { "unread", no_argument, NULL, 'u' },
        { "mark-read", no_argument, NULL, 'm' }, CLI_OPT_HELP, CLI_OPT_END,
    };
    const struct tcrm_cmd *cmd = &tcrm_cmd_comments;
    struct tcrm_comment *c = NULL;
    struct tcrm_error err;
    struct tcrm_db *db;
    struct cli_opts o;
    int ch, rc, unread = 0, mark = 0;
    int64_t marked = 0, upto = 0;
    size_t n = 0;

    cli_opts_init(&o, cmd, argc, argv, lo);
    while ((ch = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (ch == CLI_OPT_STOP)
            return o.status;
        *(ch == 'u' ? &unread : &mark) = 1;
    }
    if ((rc = cli_want_args(cmd, &o, 0, 0, "")) ||
        (rc = mark ? tcrm_cli_db(cli, &db) : cli_db_read(cli, &db)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_comment_mine(db, unread, 0, &c, &n, NULL, &err))
        return tcrm_cli_fail_err(&err);
    if (n == 0)
        fprintf(cli->out, "%s\n", unread ? _("no new comments")
                                         : _("no comments"));
    for (size_t i = 0; i < n; i++) {
        print_comment(cli, &c[i]);
        if (c[i].id > upto)
            upto = c[i].id;
    }
    tcrm_comment_array_free(c, n);
    if (mark && upto && tcrm_comment_mark_read(db, upto, &marked, &err))
        return tcrm_cli_fail_err(&err);
    if (mark && marked)
        fprintf(cli->out, P_("%lld comment marked read\n",
                             "%lld comments marked read\n", marked),
                (long long)marked);
    return TCRM_EXIT_OK;
}
