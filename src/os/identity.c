/*
 * identity.c: who is running tcrm (see tcrm/os.h).
 *
 * getpwuid(getuid()): the real uid, so a setgid or setuid tcrm still
 * knows the person who started it. $USER, $LOGNAME and getlogin() are
 * not consulted: any of them can be set by the caller.
 */
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include "tcrm/os.h"

int tcrm_os_identity(struct tcrm_os_identity *id, struct tcrm_error *err)
{
    uid_t uid = getuid();
    struct passwd *pw = getpwuid(uid);

    memset(id, 0, sizeof *id);
    id->uid = (long)uid;
    if (!pw || !pw->pw_name || !*pw->pw_name)
        return tcrm_error_set(err, TCRM_ENOTFOUND, "uid %ld: not in the "
                              "password database", (long)uid);
    if (strlen(pw->pw_name) >= sizeof id->login)
        return tcrm_error_set(err, TCRM_EINVAL, "uid %ld: login name longer "
                              "than %d bytes", (long)uid,
                              TCRM_OS_LOGIN_MAX - 1);
    strcpy(id->login, pw->pw_name);
    /* GECOS: "Full Name,room,phone,...": the part before the first comma. */
    size_t n = pw->pw_gecos ? strcspn(pw->pw_gecos, ",") : 0;
    if (n == 0 || n >= sizeof id->name)
        strcpy(id->name, id->login);
    else
        memcpy(id->name, pw->pw_gecos, n);
    return 0;
}

const char *tcrm_os_home(void)
{
    struct passwd *pw = getpwuid(getuid());
    return pw && pw->pw_dir && *pw->pw_dir ? pw->pw_dir : NULL;
}

int tcrm_os_login_exists(const char *login)
{
    return login && *login && getpwnam(login) != NULL;
}
