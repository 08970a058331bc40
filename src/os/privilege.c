/*
 * privilege.c: running setgid on a shared server (see tcrm/os.h and
 * tcrm(1), SHARED SERVER).
 *
 * scripts/install-shared.sh installs tcrm setgid to a group that alone
 * may open the office database. Such a process must not let its user
 * reach anything else with the group's rights, so tcrm_os_privilege_init,
 * the first thing main() does:
 *   1. reads the one database it is for from PREFIX/etc/tcrm/shared.conf
 *      beside the binary (found through /proc/self/exe), which must be
 *      root's and writable by nobody else;
 *   2. refuses a TCRM_DB naming any other file, and cleans the
 *      environment down to a list of harmless names (no SQLITE_TMPDIR,
 *      TMPDIR, TERMINFO, TCRM_TRACE_SQL, TCRM_DATA_DIR, ...);
 *   3. drops the group (effective gid = real gid) at once, so that every
 *      file the user names (import input, export -o, report -o, a config
 *      file, a saved report) is opened with the user's own rights.
 * The group comes back only around opening and closing the database
 * (tcrm_os_group_raise/drop): SQLite opens the file, its -wal and -shm
 * while opening and keeps them open, so the rest of the run needs no
 * group at all. Identity stays the real uid throughout.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tcrm/os.h"

static int privileged;
static gid_t group_gid;
static char shared_db[PATH_MAX];

int tcrm_os_privileged(void) { return privileged; }

/* Sanitizer builds: LeakSanitizer cannot stop the world in a setgid (not
 * dumpable) process and would fail every run at exit; it asks this hook
 * first. Ignored by normal builds. */
int __lsan_is_turned_off(void);
int __lsan_is_turned_off(void) { return privileged; }

const char *tcrm_os_shared_db(void)
{
    return privileged ? shared_db : NULL;
}

void tcrm_os_group_raise(void)
{
    if (privileged && setegid(group_gid) != 0)
        abort();   /* cannot happen: the saved set-group-ID is group_gid */
}

void tcrm_os_group_drop(void)
{
    if (privileged && setegid(getgid()) != 0)
        abort();
}

/* The database this installation is for: the first line of
 * ../etc/tcrm/shared.conf from the binary's folder. */
static int read_pin(struct tcrm_error *err)
{
    char exe[PATH_MAX], conf[PATH_MAX + 32];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return tcrm_error_set(err, TCRM_EIO, "setgid tcrm: cannot find its "
                              "own binary (/proc/self/exe)");
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    *slash = '\0';
    snprintf(conf, sizeof conf, "%s/../etc/tcrm/shared.conf", exe);
    int fd = open(conf, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
        st.st_uid != 0 || (st.st_mode & 022)) {
        if (fd >= 0)
            close(fd);
        return tcrm_error_set(err, TCRM_EIO, "setgid tcrm: %s: missing, or "
                              "not root's, or writable by others; see "
                              "tcrm(1), SHARED SERVER", conf);
    }
    n = read(fd, shared_db, sizeof shared_db - 1);
    close(fd);
    shared_db[n > 0 ? n : 0] = '\0';
    shared_db[strcspn(shared_db, "\n")] = '\0';
    if (shared_db[0] != '/')
        return tcrm_error_set(err, TCRM_EINVAL, "setgid tcrm: %s: the first "
                              "line must be the database's absolute path",
                              conf);
    return 0;
}

/* Keep only names that cannot steer a privileged process. */
static int clean_env(struct tcrm_error *err)
{
    static const char *const keep[] = {
        "HOME", "USER", "LOGNAME", "TERM", "LANG", "LANGUAGE", "TZ",
        "NO_COLOR", "COLUMNS", "LINES", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
        "XDG_CACHE_HOME", "XDG_STATE_HOME", "TCRM_CONFIG",
    };
    extern char **environ;
    const char *db = getenv("TCRM_DB");
    if (db && *db && strcmp(db, shared_db) != 0)
        return tcrm_error_set(err, TCRM_EINVAL, "TCRM_DB: this tcrm is "
                              "installed for the shared database %s only",
                              shared_db);
    for (size_t i = 0; environ[i];) {
        size_t len = strcspn(environ[i], "=");
        int ok = strncmp(environ[i], "LC_", 3) == 0;
        for (size_t k = 0; !ok && k < sizeof keep / sizeof keep[0]; k++)
            ok = strlen(keep[k]) == len && !strncmp(environ[i], keep[k], len);
        if (ok) {
            i++;
            continue;
        }
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(len < 255 ? len : 255),
                 environ[i]);
        if (unsetenv(name) != 0)
            return tcrm_error_set(err, TCRM_EIO, "setgid tcrm: cannot clean "
                                  "the environment");
    }
    return 0;
}

int tcrm_os_privilege_init(struct tcrm_error *err)
{
    if (getegid() == getgid() && geteuid() == getuid() &&
        !getauxval(AT_SECURE))
        return 0;
    if (geteuid() != getuid())
        return tcrm_error_set(err, TCRM_EINVAL, "tcrm must not be installed "
                              "setuid (setgid to its group only)");
    privileged = 1;
    group_gid = getegid();
    tcrm_os_group_drop();
    int rc = read_pin(err);
    return rc ? rc : clean_env(err);
}
