/*
 * cmd_setting.c: `tcrm setting [NAME [VALUE]]`: the database's own
 * settings, the same for everyone who opens the file (per-person choices
 * live in tcrm.conf instead):
 *   name-order       pinyin | codepoint  how names sort (tcrm/name_order.h)
 *   access-mode      open | owned        who sees what (tcrm/access.h)
 *   pool-after-days  0..3650             days without contact before a
 *                                        customer goes back to the public
 *                                        pool; 0: never (tcrm/pool.h)
 * With no NAME it lists them; with NAME alone it prints the value; with a
 * VALUE it changes it (in owned mode an admin only; the core refuses
 * others) and the change goes to the audit trail.
 */
#include <string.h>

#include "cli_internal.h"
#include "tcrm/access.h"
#include "tcrm/db.h"
#include "tcrm/name_order.h"
#include "tcrm/pool.h"

static int setting_exec(struct tcrm_cli *cli, int argc, char **argv);

const struct tcrm_cmd tcrm_cmd_setting = {
    "setting", "setting [NAME [VALUE]]\n"
               "   (name-order pinyin|codepoint, access-mode open|owned,\n"
               "    pool-after-days DAYS)",
    N_("Show or change the database's settings: name order, access mode, "
       "public pool."),
    setting_exec,
};

#define N_SETTINGS 3
static const char *const setting_names[N_SETTINGS] = {
    "name-order", "access-mode", "pool-after-days"
};

static const char *setting_value(struct tcrm_db *db, int which,
                                 char *buf, size_t cap)
{
    int days = 0;
    struct tcrm_error err;
    switch (which) {
    case 0:
        return tcrm_name_order(db);
    case 1:
        return tcrm_access_owned(db) ? "owned" : "open";
    default:
        if (tcrm_pool_after_days(db, &days, &err))
            return "?";
        snprintf(buf, cap, "%d", days);
        return buf;
    }
}

/* 0, a negative TCRM_E* with err filled, or an exit status already
 * printed (a bad value, 1). */
static int setting_set(struct tcrm_db *db, int which, const char *value,
                       struct tcrm_error *err)
{
    int days, rc;
    switch (which) {
    case 0:
        return tcrm_name_order_set(db, value, err);
    case 1:
        if (strcmp(value, "open") != 0 && strcmp(value, "owned") != 0)
            return tcrm_error_field(err, TCRM_EINVAL, "access-mode",
                                    "access mode '%s': use open or owned",
                                    value);
        return tcrm_access_set_mode(db, strcmp(value, "owned") == 0, err);
    default:
        rc = cli_parse_int(&tcrm_cmd_setting, "pool-after-days", value, 0,
                           TCRM_POOL_MAX_DAYS, &days);
        return rc ? rc : tcrm_pool_set_after_days(db, days, err);
    }
}

static int setting_exec(struct tcrm_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = { CLI_OPT_HELP, CLI_OPT_END };
    const struct tcrm_cmd *cmd = &tcrm_cmd_setting;
    struct cli_opts o;
    struct tcrm_db *db;
    struct tcrm_error err;
    int c, rc, which = -1;

    cli_opts_init(&o, cmd, argc, argv, lo);
    while ((c = cli_opts_next(&o)) != CLI_OPT_DONE)
        if (c == CLI_OPT_STOP)
            return o.status;
    if ((rc = cli_want_args(cmd, &o, 0, 2, "[NAME [VALUE]]")))
        return rc;
    int n = o.npos;
    if (n > 0) {
        for (int i = 0; i < N_SETTINGS; i++)
            if (strcmp(o.pos[0], setting_names[i]) == 0)
                which = i;
        if (which < 0)
            return tcrm_cli_bad(cmd, "unknown setting '%s' (known: "
                                "name-order, access-mode, pool-after-days)",
                                o.pos[0]);
    }
    if ((rc = tcrm_cli_db(cli, &db)))
        return rc;
    char buf[16];
    if (n == 0) {
        for (int i = 0; i < N_SETTINGS; i++)
            fprintf(cli->out, "%-16s %s\n", setting_names[i],
                    setting_value(db, i, buf, sizeof buf));
        return TCRM_EXIT_OK;
    }
    if (n == 1) {
        fprintf(cli->out, "%s\n", setting_value(db, which, buf, sizeof buf));
        return TCRM_EXIT_OK;
    }
    tcrm_error_clear(&err);
    rc = setting_set(db, which, o.pos[1], &err);
    if (rc > 0)
        return rc;
    if (rc)
        return tcrm_cli_fail_err(&err);
    fprintf(cli->out, "%s: %s\n", setting_names[which],
            setting_value(db, which, buf, sizeof buf));
    return TCRM_EXIT_OK;
}
