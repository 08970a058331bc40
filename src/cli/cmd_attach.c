/*
 * cmd_attach.c: files kept with a record: `tcrm attach`, `tcrm
 * attachments`, `tcrm detach`, `tcrm attachment save`.
 *
 * The files named are opened by src/io (attach_file.c) with the user's
 * own rights; every FILE of one `attach` goes in one transaction, so one
 * that cannot be read or is over [attachments] max_mb leaves nothing
 * attached. Which records take attachments, and who may see or detach
 * them, is the core's (tcrm/attachment.h).
 */
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "cmd_quote.h"
#include "tcrm/attach_file.h"
#include "tcrm/attachment.h"

#define KINDS "(contact|company|deal|ticket|quote)"

static int attach_exec(struct tcrm_cli *cli, int argc, char **argv);
static int attachments_exec(struct tcrm_cli *cli, int argc, char **argv);
static int detach_exec(struct tcrm_cli *cli, int argc, char **argv);
static int attachment_exec(struct tcrm_cli *cli, int argc, char **argv);
static int save_exec(struct tcrm_cli *cli, int argc, char **argv);

const struct tcrm_cmd tcrm_cmd_attach = {
    "attach", "attach " KINDS " ID FILE...",
    N_("Keep files with a record, inside the database."), attach_exec,
};
const struct tcrm_cmd tcrm_cmd_attachments = {
    "attachments", "attachments " KINDS " ID [--format table|csv|tsv]",
    N_("List a record's attachments."), attachments_exec,
};
const struct tcrm_cmd tcrm_cmd_detach = {
    "detach", "detach AID",
    N_("Delete an attachment for good."), detach_exec,
};
#define U_SAVE "attachment save AID [-o FILE]"
static const struct tcrm_cmd sub_save = { "attachment save", U_SAVE,
    N_("Save an attachment to a file (its own name, in this folder)."),
    save_exec };
const struct tcrm_cmd tcrm_cmd_attachment = {
    "attachment", U_SAVE, N_("Attachments: save."), attachment_exec,
};

static int attachment_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct tcrm_cmd *const subs[] = { &sub_save };
    return cli_dispatch(cli, &tcrm_cmd_attachment, subs, 1, argc, argv);
}

/* "12 B", "4 KB", "20.0 MB" (tcrm_attachment_size_words). */
static const char *human_size(int64_t n)
{
    char buf[64];
    tcrm_attachment_size_words(n, buf, sizeof buf);
    return cli_fmt("%s", buf);
}

/* The record's id: a number, or for a quote also its number (Q2026-0001). */
static int record_id(const struct tcrm_cmd *cmd, struct tcrm_db *db,
                     const char *kind, const char *ref, int64_t *id)
{
    if (strcmp(kind, "quote") == 0)
        return cli_quote_id(db, ref, id);
    return cli_parse_id(cmd, N_("record id"), ref, id);
}

/* ---- attach --------------------------------------------------------- */

static void say_attached(struct tcrm_cli *cli, struct tcrm_db *db, int64_t aid)
{
    struct tcrm_attachment a;
    if (tcrm_attachment_get(db, aid, &a, NULL))
        return;
    fprintf(cli->out, _("attached %lld: %s (%s, %s) to %s %lld\n"),
            (long long)aid, cli_s(a.name), cli_s(a.media_type),
            human_size(a.size), tcrm_i18n_word("entity", a.entity),
            (long long)a.entity_id);
    fprintf(cli->out, "  sha256 %s\n", a.sha256);
    tcrm_attachment_clear(&a);
}

static int attach_all(struct tcrm_cli *cli, struct tcrm_db *db,
                      const char *kind, int64_t id, char **files, int n,
                      int64_t *aids)
{
    struct tcrm_error err;
    tcrm_error_clear(&err);
    if (tcrm_db_begin(db, &err))
        return tcrm_cli_fail_err(&err);
    for (int i = 0; i < n; i++)
        if (tcrm_attach_file(db, kind, id, files[i], cli->cfg.attach_max_mb,
                             &aids[i], &err)) {
            tcrm_db_rollback(db);
            return tcrm_cli_fail_err(&err);
        }
    if (tcrm_db_commit(db, &err))
        return tcrm_cli_fail_err(&err);
    return 0;
}

static int attach_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    const struct tcrm_cmd *cmd = &tcrm_cmd_attach;
    struct tcrm_db *db;
    struct cli_opts o;
    int64_t id;
    int c, rc;

    cli_opts_init(&o, cmd, argc, argv, NULL);
    while ((c = cli_opts_next(&o)) != CLI_OPT_DONE)
        if (c == CLI_OPT_STOP)
            return o.status;
    if ((rc = cli_want_args(cmd, &o, 3, -1, _("a kind, an ID and a FILE"))) ||
        (rc = tcrm_cli_db(cli, &db)) ||
        (rc = record_id(cmd, db, o.pos[0], o.pos[1], &id)))
        return rc;
    int n = o.npos - 2;
    int64_t *aids = calloc((size_t)n, sizeof *aids);
    if (!aids)
        return tcrm_cli_fail("out of memory");
    rc = attach_all(cli, db, o.pos[0], id, o.pos + 2, n, aids);
    for (int i = 0; rc == 0 && i < n; i++)
        say_attached(cli, db, aids[i]);
    free(aids);
    return rc;
}

/* ---- attachments ---------------------------------------------------- */

static void list_row(struct tcrm_cli *cli, struct cli_table *t,
                     enum cli_format fmt, const struct tcrm_attachment *a)
{
    char id[24], size[24];
    snprintf(id, sizeof id, "%lld", (long long)a->id);
    snprintf(size, sizeof size, "%lld", (long long)a->size);
    if (fmt == CLI_FMT_TABLE)
        cli_table_add(t, (const char *const[]){ id, a->name, a->media_type,
            human_size(a->size), cli_date(cli, a->created_at), a->owner });
    else
        cli_table_add(t, (const char *const[]){ id, a->name, a->media_type,
            size, a->sha256, a->created_at, a->owner });
}

static int attachments_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {
        { "format", required_argument, NULL, 'f' }, CLI_OPT_HELP, CLI_OPT_END,
    };
    static const char *const head_csv[] = { "id", "name", "type", "size",
        "sha256", "added", "by" };
    const char *head[] = { _("ID"), _("NAME"), _("TYPE"), _("SIZE"),
                           _("ADDED"), _("BY") };
    const struct tcrm_cmd *cmd = &tcrm_cmd_attachments;
    enum cli_format fmt = CLI_FMT_TABLE;
    struct tcrm_attachment *a = NULL;
    struct tcrm_error err;
    struct tcrm_db *db;
    struct cli_opts o;
    size_t n = 0;
    int64_t id;
    int c, rc = 0;

    cli_opts_init(&o, cmd, argc, argv, lo);
    while (!rc && (c = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o.status;
        rc = cli_parse_format(cmd, optarg, &fmt);
    }
    if (rc || (rc = cli_want_args(cmd, &o, 2, 2, _("a kind and an ID"))) ||
        (rc = cli_db_read(cli, &db)) ||
        (rc = record_id(cmd, db, o.pos[0], o.pos[1], &id)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_attachment_list(db, o.pos[0], id, &a, &n, &err))
        return tcrm_cli_fail_err(&err);
    if (n == 0 && fmt == CLI_FMT_TABLE) {
        fprintf(cli->out, "%s\n", _("no attachments"));
        return TCRM_EXIT_OK;
    }
    struct cli_table *t = fmt == CLI_FMT_TABLE
        ? cli_table_new(cli, fmt, 6, head, "lllrll")
        : cli_table_new(cli, fmt, 7, head_csv, "rllrlll");
    for (size_t i = 0; i < n; i++)
        list_row(cli, t, fmt, &a[i]);
    tcrm_attachment_array_free(a, n);
    return cli_table_end(t) ? TCRM_EXIT_FAIL : TCRM_EXIT_OK;
}

/* ---- detach, save --------------------------------------------------- */

static int detach_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    struct tcrm_attachment a;
    struct tcrm_error err;
    struct tcrm_db *db;
    int64_t id;
    int rc = cli_one_id(&tcrm_cmd_detach, argc, argv, N_("attachment id"),
                        &id);

    if (rc)
        return rc == TCRM_EXIT_HELPED ? TCRM_EXIT_OK : rc;
    if ((rc = tcrm_cli_db(cli, &db)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_attachment_get(db, id, &a, &err) ||
        tcrm_attachment_delete(db, id, &err)) {
        tcrm_attachment_clear(&a);
        return tcrm_cli_fail_err(&err);
    }
    fprintf(cli->out, _("detached %lld: %s from %s %lld\n"), (long long)id,
            cli_s(a.name), tcrm_i18n_word("entity", a.entity),
            (long long)a.entity_id);
    tcrm_attachment_clear(&a);
    return TCRM_EXIT_OK;
}

static int save_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {
        { "output", required_argument, NULL, 'o' }, CLI_OPT_HELP, CLI_OPT_END,
    };
    struct tcrm_attachment a;
    struct tcrm_error err;
    const char *path = NULL;
    struct tcrm_db *db;
    struct cli_opts o;
    int64_t id;
    int c, rc;

    cli_opts_init(&o, &sub_save, argc, argv, lo);
    o.shorts = ":ho:";
    while ((c = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o.status;
        path = optarg;
    }
    if ((rc = cli_want_args(&sub_save, &o, 1, 1, "AID")) ||
        (rc = cli_parse_id(&sub_save, N_("attachment id"), o.pos[0], &id)) ||
        (rc = cli_db_read(cli, &db)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_attachment_get(db, id, &a, &err))
        return tcrm_cli_fail_err(&err);
    if (tcrm_attach_save(db, id, path ? path : a.name, path != NULL, &err))
        rc = tcrm_cli_fail_err(&err);
    else
        fprintf(cli->out, _("saved attachment %lld to %s (%s)\n"),
                (long long)id, cli_s(path ? path : a.name),
                human_size(a.size));
    tcrm_attachment_clear(&a);
    return rc;
}
