/*
 * os.h: the process: who is running tcrm.
 *
 * Identity is the real uid looked up in the password database, never a
 * string from the environment or a config file: on a shared server it is
 * what the access rules of src/core trust. Nothing outside src/os calls
 * getuid() or reads the password database.
 */
#ifndef TCRM_OS_H
#define TCRM_OS_H

#include <stdio.h>

#include "tcrm/error.h"

#define TCRM_OS_LOGIN_MAX 64

struct tcrm_os_identity {
    char login[TCRM_OS_LOGIN_MAX]; /* pw_name of the real uid */
    char name[128];                /* the GECOS full name, or the login */
    long uid;
};

/* The running user. TCRM_ENOTFOUND "uid 1234: not in the password
 * database" when the real uid has no entry; TCRM_EINVAL when its login
 * is longer than TCRM_OS_LOGIN_MAX - 1 bytes. */
int tcrm_os_identity(struct tcrm_os_identity *id, struct tcrm_error *err);

/* 1 when login is an account in the password database. */
int tcrm_os_login_exists(const char *login);

/* The running user's home folder from the password database (NULL when
 * unknown); points into static storage of the C library: copy it. */
const char *tcrm_os_home(void);

/* Setgid handling (privilege.c). Called first in main(): when tcrm runs
 * with another effective gid than its user's, reads the one database it
 * is installed for, refuses TCRM_DB naming another (TCRM_EINVAL), cleans
 * the environment and drops the group; a no-op otherwise. Refuses a
 * setuid install. */
int tcrm_os_privilege_init(struct tcrm_error *err);
/* 1 after tcrm_os_privilege_init found tcrm setgid. */
int tcrm_os_privileged(void);
/* The shared database a setgid tcrm is pinned to (NULL when not
 * privileged). */
const char *tcrm_os_shared_db(void);
/* The group only around opening and closing the database; no-ops when
 * not privileged. */
void tcrm_os_group_raise(void);
void tcrm_os_group_drop(void);

/* charset.c: on a terminal whose charset is GB18030, GBK or GB2312, take
 * the arguments from it to UTF-8 and convert stdout and stderr to it;
 * nothing in any other locale. _end flushes and gives the real streams
 * back (-1 when a write failed); _raw_stdout is the real stdout. */
void tcrm_os_charset_begin(int argc, char **argv);
int tcrm_os_charset_end(void);
FILE *tcrm_os_charset_raw_stdout(void);

/* Standard output through a pager (pager.c): $PAGER, or less -FRX when
 * PAGER is unset and less is installed; PAGER empty or "cat": none. The
 * caller decides when (stdout a terminal, more than a screenful).
 * _start: 0 paging from now on, -1 not (output goes on as it was).
 * _end: flush, let the pager finish, give standard output back; 1 when
 * the pager was quit before everything was written (stop quietly), else
 * 0. */
int tcrm_os_pager_start(void);
int tcrm_os_pager_end(void);

/* Gettext for the process (i18n.c): binds the "tcrm" domain to the build
 * tree's po/ folder when the running binary sits in a build folder (it
 * finds <build>/po/zh_CN/LC_MESSAGES/tcrm.mo beside <build>/src/tcrm),
 * else to the installed locale folder, with UTF-8 output. Call after
 * setlocale(LC_ALL, ""). */
void tcrm_os_i18n_init(void);
/* [display] language: a language code such as "zh_CN" or "en" that wins
 * over the environment's LANGUAGE/LC_MESSAGES/LANG. NULL or "" leaves the
 * environment's choice. Needs a locale whose charset can show it (under
 * LANG=C gettext stays English). */
void tcrm_os_i18n_language(const char *lang);
/* 1 when messages come out in Chinese (the catalogue in use is zh). */
int tcrm_os_i18n_is_zh(void);

#endif
