/*
 * cmd_trash.c: `tcrm trash` (what was deleted, newest first) and
 * `tcrm restore ITEM` (put it back).
 *
 * Items are named as trash.h names them, "contact/42"; a bare "42" works
 * when only one trashed item has that number (the core says which ones
 * otherwise). The shape of ITEM is checked here, so a typo is a usage
 * error rather than a database question.
 */
#include <string.h>

#include "cli_internal.h"
#include "tcrm/entity.h"
#include "tcrm/trash.h"

static int cmd_trash_exec(struct tcrm_cli *cli, int argc, char **argv);
static int cmd_restore_exec(struct tcrm_cli *cli, int argc, char **argv);

const struct tcrm_cmd tcrm_cmd_trash = {
    "trash", "trash [--limit N] [--format table|csv|tsv]",
    N_("List deleted items, newest first."), cmd_trash_exec,
};

const struct tcrm_cmd tcrm_cmd_restore = {
    "restore", "restore ITEM\n"
               "   (contact/42, company/7, deal/3, interaction/9, follow-up/5, 42)",
    N_("Bring an item back from the trash."),
    cmd_restore_exec,
};

static int cmd_trash_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {
        { "limit", required_argument, NULL, 'l' },
        { "format", required_argument, NULL, 'f' },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    /* TRANSLATORS: columns of the trash: the item (contact/42), its
     * name, when it was deleted and by whom */
    static const char *const head[] = { N_("ITEM"), N_("NAME"),
                                        N_("DELETED"), N_("BY") };
    static const char *const head_csv[] = { "item", "name", "deleted_at",
                                            "deleted_by" };
    const struct tcrm_cmd *cmd = &tcrm_cmd_trash;
    enum cli_format fmt = CLI_FMT_TABLE;
    struct tcrm_trash_item *items = NULL;
    struct tcrm_error err;
    struct cli_table *t;
    struct tcrm_db *db;
    struct cli_opts o;
    int c, rc = 0, limit = 1000;
    size_t n = 0, i;

    cli_opts_init(&o, cmd, argc, argv, lo);
    while (!rc && (c = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o.status;
        if (c == 'l')
            rc = cli_parse_int(cmd, "--limit", optarg, 1, 1000000000, &limit);
        if (c == 'f')
            rc = cli_parse_format(cmd, optarg, &fmt);
    }
    if (rc || (rc = cli_want_args(cmd, &o, 0, 0, "")) ||
        (rc = cli_db_read(cli, &db)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_trash_list(db, (size_t)limit, &items, &n, &err))
        return tcrm_cli_fail_err(&err);
    t = cli_table_new(cli, fmt, 4, fmt == CLI_FMT_TABLE ? head : head_csv,
                      "llll");
    for (i = 0; i < n; i++)
        cli_table_add(t, (const char *const[]){ items[i].ref, items[i].label,
                                                items[i].deleted_at,
                                                items[i].deleted_by });
    rc = cli_table_end(t) ? TCRM_EXIT_FAIL : TCRM_EXIT_OK;
    if (fmt == CLI_FMT_TABLE && n == 0)
        fprintf(cli->out, "%s", _("the trash is empty\n"));
    tcrm_trash_array_free(items, n);
    return rc;
}

/* "KIND/ID" with a kind that has a trash (entity.h), or a bare ID. */
static int restore_ref_ok(const char *ref)
{
    const struct tcrm_entity_kind *k;
    const char *p = ref;
    size_t i, n, len;

    k = tcrm_entity_kinds(&n);
    for (i = 0; i < n; i++) {
        len = strlen(k[i].name);
        if ((k[i].flags & TCRM_ENTITY_TRASH) &&
            strncmp(ref, k[i].name, len) == 0 && ref[len] == '/')
            p = ref + len + 1;
    }
    if (*p < '1' || *p > '9')
        return 0;
    return strspn(p, "0123456789") == strlen(p) && strlen(p) <= 18;
}

static int cmd_restore_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = { CLI_OPT_HELP, CLI_OPT_END };
    const struct tcrm_cmd *cmd = &tcrm_cmd_restore;
    struct tcrm_error err;
    struct tcrm_db *db;
    struct cli_opts o;
    int c, rc;

    cli_opts_init(&o, cmd, argc, argv, lo);
    while ((c = cli_opts_next(&o)) != CLI_OPT_DONE)
        if (c == CLI_OPT_STOP)
            return o.status;
    if ((rc = cli_want_args(cmd, &o, 1, 1, "ITEM")))
        return rc;
    if (!restore_ref_ok(o.pos[0]))
        return tcrm_cli_bad(cmd, "'%s' is not an item such as contact/42",
                            cli_s(o.pos[0]));
    if ((rc = tcrm_cli_db(cli, &db)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_trash_restore(db, o.pos[0], &err))
        return tcrm_cli_fail_err(&err);
    fprintf(cli->out, _("restored %s\n"), cli_s(o.pos[0]));
    return TCRM_EXIT_OK;
}
