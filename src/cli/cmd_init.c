/*
 * cmd_init.c: `tcrm init [--demo]` and `tcrm check`.
 *
 * init is the only command that creates a database (cli_db_create); it
 * is an explicit, reported open: it says which file it made (or that
 * the file was there already) and the schema version. With --demo it
 * fills the database with demo data dated around today, but only when the
 * database has no contacts yet: demo rows must never mix with real ones.
 *
 * With --shared, or `[access] mode = owned` in tcrm.conf, a new database
 * is put in owned mode (tcrm(1), ACCESS): the person who runs init is its
 * first admin, everyone else must be added with `tcrm user add`.
 * `[access] pool_after_days` likewise becomes a new database's setting.
 *
 * check opens the database like any command, then runs SQLite's check of
 * the pages (--full: its integrity check, index against table too) and
 * compares the summaries the triggers keep (activity per day, segments)
 * with the rows they summarise: "ok" or the first problem.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_internal.h"
#include "tcrm/access.h"
#include "tcrm/contact.h"
#include "tcrm/pool.h"

static int cmd_init_exec(struct tcrm_cli *cli, int argc, char **argv);
static int cmd_check_exec(struct tcrm_cli *cli, int argc, char **argv);

const struct tcrm_cmd tcrm_cmd_init = {
    "init", "init [--demo] [--shared]",
    N_("Create the database (--demo: and fill it with demo data; --shared: in "
    "owned mode, for an office)."),
    cmd_init_exec,
};

const struct tcrm_cmd tcrm_cmd_check = {
    "check", "check [--full]",
    N_("Check the database file and the summaries kept in it (--full: also "
    "every index against its table, slower)."),
    cmd_check_exec,
};

/* Demo data goes only into a database without contacts. */
static int cmd_init_demo_ok(struct tcrm_db *db)
{
    struct tcrm_contact_filter f;
    struct tcrm_error err;
    int64_t n = 0;

    memset(&f, 0, sizeof f);
    tcrm_error_clear(&err);
    if (tcrm_contact_count(db, &f, &n, &err))
        return tcrm_cli_fail_err(&err);
    if (n > 0)
        return tcrm_cli_fail("%s", cli_fmt(P_("init --demo: %s already has "
                             "%lld contact; demo data goes only into an "
                             "empty database", "init --demo: %s already has "
                             "%lld contacts; demo data goes only into an "
                             "empty database", n),
                             cli_s(tcrm_db_path(db)), (long long)n));
    return 0;
}

static int cmd_init_demo(struct tcrm_cli *cli, struct tcrm_db *db)
{
    struct tcrm_contact_filter f;
    struct tcrm_error err;
    int64_t n = 0;

    memset(&f, 0, sizeof f);
    tcrm_error_clear(&err);
    if (tcrm_db_fill_demo(db, tcrm_clock_now(),
                          (const char *const *)cli->cfg.stages,
                          (int)cli->cfg.n_stages, cli->cfg.currency, &err))
        return tcrm_cli_fail_err(&err);
    if (tcrm_contact_count(db, &f, &n, &err))
        return tcrm_cli_fail_err(&err);
    fprintf(cli->out, P_("added demo data: %lld contact\n",
                         "added demo data: %lld contacts\n", n),
            (long long)n);
    return TCRM_EXIT_OK;
}

/* Whether the database file is there before init opens (creates) it. */
static int db_file_exists(struct tcrm_cli *cli, int *exists)
{
    struct tcrm_error err;
    char *path = NULL;

    tcrm_error_clear(&err);
    if (tcrm_config_db_path(cli->db_opt, &cli->cfg, &path, &err))
        return tcrm_cli_fail_err(&err);
    *exists = access(path, F_OK) == 0;
    free(path);
    return 0;
}

static int cmd_init_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {
        { "demo", no_argument, NULL, 'd' },
        { "shared", no_argument, NULL, 's' }, CLI_OPT_HELP, CLI_OPT_END,
    };
    struct cli_opts o;
    struct tcrm_db *db;
    struct tcrm_error err;
    int c, rc, demo = 0, shared = 0, existed = 0;

    cli_opts_init(&o, &tcrm_cmd_init, argc, argv, lo);
    while ((c = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o.status;
        if (c == 'd')
            demo = 1;
        else
            shared = 1;
    }
    if ((rc = cli_want_args(&tcrm_cmd_init, &o, 0, 0, "")))
        return rc;
    if ((rc = db_file_exists(cli, &existed)) ||
        (rc = cli_db_create(cli, &db)) || (demo && (rc = cmd_init_demo_ok(db))))
        return rc;
    fprintf(cli->out, existed ? _("database ready: %s (schema %d)\n")
                              : _("created %s (schema %d)\n"),
            cli_s(tcrm_db_path(db)), tcrm_db_schema_version(db));
    tcrm_error_clear(&err);
    /* --shared, or tcrm.conf's [access]: the new database's own settings.
     * The one who makes a database is its first admin (access.c). */
    if (!existed && cli->cfg.access_mode == 1)
        shared = 1;
    if (shared && tcrm_access_set_mode(db, 1, &err))
        return tcrm_cli_fail_err(&err);
    if (!existed && cli->cfg.pool_after_days >= 0 &&
        tcrm_pool_set_after_days(db, cli->cfg.pool_after_days, &err))
        return tcrm_cli_fail_err(&err);
    if (shared)
        fprintf(cli->out, _("access: owned (admin: %s)\n"),
                cli_s(tcrm_db_login(db)));
    return demo ? cmd_init_demo(cli, db) : TCRM_EXIT_OK;
}

static int cmd_check_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {
        { "full", no_argument, NULL, 'F' }, CLI_OPT_HELP, CLI_OPT_END,
    };
    struct cli_opts o;
    struct tcrm_db *db;
    struct tcrm_error err;
    int c, rc, full = 0;

    cli_opts_init(&o, &tcrm_cmd_check, argc, argv, lo);
    while ((c = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o.status;
        if (c == 'F')
            full = 1;
    }
    if ((rc = cli_want_args(&tcrm_cmd_check, &o, 0, 0, "")))
        return rc;
    if ((rc = cli_db_read(cli, &db)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_db_check(db, full, &err))
        return tcrm_cli_fail_err(&err);
    fprintf(cli->out, _("ok: %s (schema %d)\n"), cli_s(tcrm_db_path(db)),
            tcrm_db_schema_version(db));
    return TCRM_EXIT_OK;
}
