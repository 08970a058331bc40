/*
 * i18n.c: words in a context (see include/tcrm/i18n.h): gettext's msgctxt
 * is the context, a 0x04 byte, then the message id.
 */
#include "tcrm/i18n.h"

#include <stdio.h>
#include <string.h>

const char *tcrm_i18n_word(const char *ctx, const char *key)
{
    char id[256];
    if (!key || !*key)
        return key;
    if (snprintf(id, sizeof id, "%s\004%s", ctx, key) >= (int)sizeof id)
        return key;
    const char *t = dgettext(TCRM_TEXT_DOMAIN, id);
    return t == id ? key : t;
}
