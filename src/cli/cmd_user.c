/*
 * cmd_user.c: `tcrm user add|list|show|edit|deactivate`: the people of a
 * database (see tcrm/user.h for the rules, tcrm/access.h for what they
 * mean).
 *
 * A login must be an account on this machine (the password database,
 * asked through src/os): tcrm knows people only as the Unix accounts
 * they run it as. The core checks who may do this and every rule; this
 * file parses, checks the shape of the options and prints.
 */
#include <string.h>

#include "cli_internal.h"
#include "tcrm/access.h"
#include "tcrm/os.h"
#include "tcrm/user.h"

#define U_ADD "user add LOGIN --role admin|manager|sales|clerk [--name NAME]\n" \
              "   [--manager LOGIN]"
#define U_LIST "user list [--format table|csv|tsv]"
#define U_SHOW "user show LOGIN"
#define U_EDIT "user edit LOGIN [--role ROLE] [--name NAME] [--manager LOGIN]\n" \
               "   [--no-manager] [--active]"
#define U_DEACT "user deactivate LOGIN"

static int user_exec(struct tcrm_cli *cli, int argc, char **argv);
static int user_add(struct tcrm_cli *cli, int argc, char **argv);
static int user_list(struct tcrm_cli *cli, int argc, char **argv);
static int user_show(struct tcrm_cli *cli, int argc, char **argv);
static int user_edit(struct tcrm_cli *cli, int argc, char **argv);
static int user_deactivate(struct tcrm_cli *cli, int argc, char **argv);

static const struct tcrm_cmd sub_add = { "user add", U_ADD,
    N_("Add a person (admin only)."), user_add };
static const struct tcrm_cmd sub_list = { "user list", U_LIST,
    N_("List the people of the database."), user_list };
static const struct tcrm_cmd sub_show = { "user show", U_SHOW,
    N_("Show a person (admin only)."), user_show };
static const struct tcrm_cmd sub_edit = { "user edit", U_EDIT,
    N_("Change a person's role, name or manager, or turn them back on "
    "(admin only)."), user_edit };
static const struct tcrm_cmd sub_deact = { "user deactivate", U_DEACT,
    N_("Turn a person off: tcrm refuses them from then on (admin only)."),
    user_deactivate };
static const struct tcrm_cmd *const subs[] = {
    &sub_add, &sub_list, &sub_show, &sub_edit, &sub_deact,
};

const struct tcrm_cmd tcrm_cmd_user = {
    "user", U_ADD "\n" U_LIST "\n" U_SHOW "\n" U_EDIT "\n" U_DEACT,
    N_("The people of the database: add, list, show, edit, deactivate."),
    user_exec,
};

static int user_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    return cli_dispatch(cli, &tcrm_cmd_user, subs, sizeof subs / sizeof *subs,
                        argc, argv);
}

enum { O_ROLE = 1, O_NAME, O_MANAGER, O_NO_MANAGER, O_ACTIVE };

/* Options of add and edit into c; returns 0, or the exit status. */
static int parse_change(const struct tcrm_cmd *cmd, int argc, char **argv,
                        int edit, struct tcrm_user_change *c,
                        const char **login)
{
    static const struct option lo_add[] = {
        { "role", required_argument, NULL, O_ROLE },
        { "name", required_argument, NULL, O_NAME },
        { "manager", required_argument, NULL, O_MANAGER },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    static const struct option lo_edit[] = {
        { "role", required_argument, NULL, O_ROLE },
        { "name", required_argument, NULL, O_NAME },
        { "manager", required_argument, NULL, O_MANAGER },
        { "no-manager", no_argument, NULL, O_NO_MANAGER },
        { "active", no_argument, NULL, O_ACTIVE },
        CLI_OPT_HELP, CLI_OPT_END,
    };
    struct cli_opts o;
    int ch, rc;

    memset(c, 0, sizeof *c);
    c->active = -1;
    cli_opts_init(&o, cmd, argc, argv, edit ? lo_edit : lo_add);
    while ((ch = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (ch == CLI_OPT_STOP)
            return o.status;
        if (ch == O_ROLE && !(c->role = tcrm_role_parse(optarg)))
            return tcrm_cli_bad(cmd, "--role '%s': not admin, manager, "
                                "sales or clerk", cli_s(optarg));
        if (ch == O_NAME && !*optarg)
            return tcrm_cli_bad(cmd, "--name: empty");
        if (ch == O_NAME)
            c->name = optarg;
        if (ch == O_MANAGER && !*optarg)
            return tcrm_cli_bad(cmd, "--manager: empty (--no-manager "
                                "removes the manager)");
        if (ch == O_MANAGER || ch == O_NO_MANAGER) {
            if (c->manager)
                return tcrm_cli_usage(cmd, "--manager and --no-manager: "
                                      "one of them");
            c->manager = ch == O_MANAGER ? optarg : "";
        }
        if (ch == O_ACTIVE)
            c->active = 1;
    }
    if ((rc = cli_want_args(cmd, &o, 1, 1, "LOGIN")))
        return rc;
    if (!edit && !c->role)
        return tcrm_cli_usage(cmd, "--role is required");
    *login = o.pos[0];
    return 0;
}

static int run_change(struct tcrm_cli *cli, const struct tcrm_cmd *cmd,
                      int argc, char **argv, int edit)
{
    struct tcrm_user_change c;
    struct tcrm_error err;
    struct tcrm_db *db;
    const char *login = NULL;
    int rc = parse_change(cmd, argc, argv, edit, &c, &login);

    if (rc || (rc = tcrm_cli_db(cli, &db)))
        return rc;
    if (!edit && !tcrm_os_login_exists(login))
        return tcrm_cli_fail("user add %s: no such account on this machine "
                             "(tcrm people are Unix accounts)", cli_s(login));
    tcrm_error_clear(&err);
    if ((edit ? tcrm_user_edit : tcrm_user_add)(db, login, &c, &err))
        return tcrm_cli_fail_err(&err);
    fprintf(cli->out, edit ? _("changed user %s\n") : _("added user %s\n"),
            cli_s(login));
    return TCRM_EXIT_OK;
}

static int user_add(struct tcrm_cli *cli, int argc, char **argv)
{
    return run_change(cli, &sub_add, argc, argv, 0);
}

static int user_edit(struct tcrm_cli *cli, int argc, char **argv)
{
    return run_change(cli, &sub_edit, argc, argv, 1);
}

static int user_deactivate(struct tcrm_cli *cli, int argc, char **argv)
{
    struct tcrm_user_change c;
    struct tcrm_error err;
    struct tcrm_db *db;
    const char *login = NULL;
    int rc = cli_one_arg(&sub_deact, argc, argv, "LOGIN", &login);

    if (rc || (rc = tcrm_cli_db(cli, &db)))
        return rc;
    memset(&c, 0, sizeof c);
    c.active = 0;
    tcrm_error_clear(&err);
    if (tcrm_user_edit(db, login, &c, &err))
        return tcrm_cli_fail_err(&err);
    fprintf(cli->out, _("deactivated user %s\n"), cli_s(login));
    return TCRM_EXIT_OK;
}

static int user_list(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {
        { "format", required_argument, NULL, 'f' }, CLI_OPT_HELP, CLI_OPT_END,
    };
    static const char *const head[] = { N_("LOGIN"), N_("NAME"), N_("ROLE"),
                                        N_("MANAGER"), N_("ACTIVE") };
    static const char *const head_csv[] = { "login", "name", "role",
                                            "manager", "active" };
    enum cli_format fmt = CLI_FMT_TABLE;
    struct tcrm_user *u = NULL;
    struct tcrm_error err;
    struct cli_table *t;
    struct tcrm_db *db;
    struct cli_opts o;
    size_t n = 0;
    int c, rc = 0;

    cli_opts_init(&o, &sub_list, argc, argv, lo);
    while (!rc && (c = cli_opts_next(&o)) != CLI_OPT_DONE) {
        if (c == CLI_OPT_STOP)
            return o.status;
        rc = cli_parse_format(&sub_list, optarg, &fmt);
    }
    if (rc || (rc = cli_want_args(&sub_list, &o, 0, 0, "")) ||
        (rc = cli_db_read(cli, &db)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_user_list(db, &u, &n, &err))
        return tcrm_cli_fail_err(&err);
    t = cli_table_new(cli, fmt, 5, fmt == CLI_FMT_TABLE ? head : head_csv,
                      "lllll");
    for (size_t i = 0; i < n; i++) {
        const char *role = tcrm_role_name(u[i].role);
        const char *active = u[i].active ? "yes" : "no";
        if (fmt == CLI_FMT_TABLE) {
            role = tcrm_i18n_word("role", role);
            /* TRANSLATORS: whether a user is active */
            active = u[i].active ? _("yes") : _("no");
        }
        cli_table_add(t, (const char *const[]){ u[i].login, u[i].name,
                      role, u[i].manager ? u[i].manager : "", active });
    }
    rc = cli_table_end(t) ? TCRM_EXIT_FAIL : TCRM_EXIT_OK;
    tcrm_user_array_free(u, n);
    return rc;
}

static int user_show(struct tcrm_cli *cli, int argc, char **argv)
{
    struct tcrm_user u;
    struct tcrm_error err;
    struct tcrm_db *db;
    const char *login = NULL;
    int rc = cli_one_arg(&sub_show, argc, argv, "LOGIN", &login);

    if (rc || (rc = cli_db_read(cli, &db)))
        return rc;
    tcrm_error_clear(&err);
    if (tcrm_user_get(db, login, &u, &err))
        return tcrm_cli_fail_err(&err);
    cli_field(cli, _("login"), u.login);
    cli_field(cli, _("name"), u.name);
    cli_field(cli, _("role"), tcrm_i18n_word("role", tcrm_role_name(u.role)));
    /* TRANSLATORS: a user's manager (the person above them) */
    cli_field(cli, _("manager"), u.manager);
    cli_field(cli, _("active"), u.active ? _("yes") : _("no"));
    cli_field(cli, _("added"), cli_date(cli, u.created_at));
    cli_field(cli, _("changed"), cli_date(cli, u.updated_at));
    tcrm_user_free(&u);
    return TCRM_EXIT_OK;
}
