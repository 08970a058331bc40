/*
 * i18n.c: binding gettext's "tcrm" domain (see include/tcrm/i18n.h).
 *
 * Where the catalogue is: an installed tcrm reads TCRM_LOCALEDIR (the
 * prefix's share/locale). A tcrm run from its build folder (the tests, a
 * developer, scripts/demo.sh) reads <build>/po, where meson's i18n module
 * leaves <lang>/LC_MESSAGES/tcrm.mo: the binary is <build>/src/tcrm, so
 * the folder is found from /proc/self/exe, never from the environment
 * (a setgid tcrm must not read catalogues a user names).
 */
#include "tcrm/i18n.h"
#include "tcrm/os.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef TCRM_LOCALEDIR
#define TCRM_LOCALEDIR "/usr/local/share/locale"
#endif

/* <build>/po when the binary is <build>/src/tcrm and <build>/po holds a
 * compiled catalogue; else NULL. */
static const char *build_tree_dir(char *buf, size_t cap)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = '\0';                       /* <build>/src */
    slash = strrchr(exe, '/');
    if (!slash || strcmp(slash, "/src") != 0)
        return NULL;
    *slash = '\0';                       /* <build> */
    struct stat st;
    char probe[PATH_MAX + 64];
    snprintf(probe, sizeof probe, "%s/po/zh_CN/LC_MESSAGES/tcrm.mo", exe);
    if (stat(probe, &st) != 0)
        return NULL;
    if (snprintf(buf, cap, "%s/po", exe) >= (int)cap)
        return NULL;
    return buf;
}

void tcrm_os_i18n_init(void)
{
    char dir[PATH_MAX];
    const char *d = build_tree_dir(dir, sizeof dir);
    bindtextdomain(TCRM_TEXT_DOMAIN, d ? d : TCRM_LOCALEDIR);
    bind_textdomain_codeset(TCRM_TEXT_DOMAIN, "UTF-8");
    textdomain(TCRM_TEXT_DOMAIN);
}

void tcrm_os_i18n_language(const char *lang)
{
    if (!lang || !*lang)
        return;
    setenv("LANGUAGE", lang, 1);
    /* gettext caches what it found; changing LANGUAGE must be announced
     * by touching the domain again (the documented way). */
    textdomain(TCRM_TEXT_DOMAIN);
}

int tcrm_os_i18n_is_zh(void)
{
    /* gettext("") is the catalogue's header, which names its language
     * ("Language: zh_CN"); with no catalogue it is "" itself. */
    const char *empty = "";
    const char *head = gettext(empty);
    return head != empty && strstr(head, "Language: zh") != NULL;
}
