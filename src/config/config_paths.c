/*
 * config_paths.c: where the settings file and the database are (see
 * include/tcrm/config.h): --config, $TCRM_CONFIG, the XDG config folder,
 * then /etc/tcrm/tcrm.conf; --db, $TCRM_DB, [database] path, then the XDG
 * data folder. Plain environment lookup: empty environment variables
 * count as unset, and nothing here creates a file or a folder.
 */
#include "tcrm/config.h"
#include "config_internal.h"
#include "tcrm/os.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *tcrm_config_system_file = "/etc/tcrm/tcrm.conf";

/* -------------------------------------------------------------- places */

static const char *env(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? v : NULL;
}

static const char *home_dir(void)
{
    const char *home = env("HOME");
    if (home)
        return home;
    return tcrm_os_home();
}

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s/%s", a, b);
    return s;
}

/* $VAR/rest when $VAR is an absolute path, else ~/home_rel/rest; NULL
 * when there is no home folder or no memory. */
static char *xdg_path(const char *var, const char *home_rel, const char *rest)
{
    const char *base = env(var);
    if (base && base[0] == '/')
        return join(base, rest);
    const char *home = home_dir();
    if (!home)
        return NULL;
    char *dir = join(home, home_rel);
    char *path = dir ? join(dir, rest) : NULL;
    free(dir);
    return path;
}

/* Present, or there but unreadable (then reading says why). */
static int file_present(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 || (errno != ENOENT && errno != ENOTDIR);
}

static char *pick_file(const char *explicit_path)
{
    if (explicit_path)
        return strdup(explicit_path);
    if (env("TCRM_CONFIG"))
        return strdup(env("TCRM_CONFIG"));
    char *user_file = xdg_path("XDG_CONFIG_HOME", ".config", "tcrm/tcrm.conf");
    if (user_file && file_present(user_file))
        return user_file;
    free(user_file);
    if (tcrm_config_system_file && file_present(tcrm_config_system_file))
        return strdup(tcrm_config_system_file);
    return NULL;
}

int tcrm_config_load(const char *explicit_path, struct tcrm_config *cfg,
                     struct tcrm_error *err)
{
    if (tcrm_config_defaults(cfg))
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    char *path = pick_file(explicit_path);
    if (!path)
        return 0;
    int rc = tcrm_config_load_file(path, cfg, err);
    free(path);
    return rc;
}

static int expand_tilde(const char *in, char **out, struct tcrm_error *err)
{
    if (in[0] == '~' && (in[1] == '/' || in[1] == '\0')) {
        const char *home = home_dir();
        if (!home)
            return tcrm_error_set(err, TCRM_EINVAL, "cannot expand '%s': "
                                  "HOME is not set", in);
        *out = in[1] ? join(home, in + 2) : strdup(home);
    } else {
        *out = strdup(in);
    }
    return *out ? 0 : tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
}

int tcrm_config_db_path(const char *explicit_db, const struct tcrm_config *cfg,
                        char **path, struct tcrm_error *err)
{
    const char *chosen = env("TCRM_DB");
    *path = NULL;
    if (explicit_db && *explicit_db)
        chosen = explicit_db;
    else if (!chosen && cfg && cfg->db_path && *cfg->db_path)
        chosen = cfg->db_path;
    if (chosen)
        return expand_tilde(chosen, path, err);
    *path = xdg_path("XDG_DATA_HOME", ".local/share", "tcrm/tcrm.db");
    if (!*path)
        return tcrm_error_set(err, TCRM_EINVAL, "no place for the database: "
                              "HOME is not set (give --db or set TCRM_DB)");
    return 0;
}

char *tcrm_config_user_dir(void)
{
    return xdg_path("XDG_CONFIG_HOME", ".config", "tcrm");
}

int tcrm_config_stage_index(const struct tcrm_config *cfg, const char *name)
{
    if (!cfg || !name)
        return -1;
    for (size_t i = 0; i < cfg->n_stages; i++)
        if (cfg->stages[i] && strcasecmp(cfg->stages[i], name) == 0)
            return (int)i;
    return -1;
}
