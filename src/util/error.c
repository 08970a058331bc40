/*
 * error.c: filling struct tcrm_error (see include/tcrm/error.h).
 */
#include "tcrm/error.h"
#include "tcrm/i18n.h"
#include "tcrm/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The message is formatted whole first (it may quote err->msg itself),
 * then copied with every quoted value cut (tcrm_text_cut_quotes). */
static void error_vset(struct tcrm_error *err, int code, const char *fmt,
                       va_list ap)
{
    va_list ap2;
    if (!fmt)
        fmt = "";
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *full = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (full) {
        vsnprintf(full, (size_t)n + 1, fmt, ap2);
        tcrm_text_cut_quotes(full, err->msg, sizeof err->msg);
        free(full);
    } else {
        vsnprintf(err->msg, sizeof err->msg, fmt, ap2);
    }
    va_end(ap2);
    err->code = code;
    err->field[0] = '\0';
}

int tcrm_error_set(struct tcrm_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        error_vset(err, code, _(fmt), ap);
        va_end(ap);
    }
    return code;
}

int tcrm_error_field(struct tcrm_error *err, int code, const char *field,
                     const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        error_vset(err, code, _(fmt), ap);
        va_end(ap);
        snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    }
    return code;
}

void tcrm_error_prefix(struct tcrm_error *err, const char *fmt, ...)
{
    if (!err)
        return;
    char prefix[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    size_t plen = strlen(prefix);
    size_t cap = sizeof err->msg;
    if (plen + 2 >= cap)
        plen = cap - 3;
    /* Shift the old message right and put "prefix: " in front of it. */
    size_t old = strnlen(err->msg, cap - 1);
    if (plen + 2 + old >= cap)
        old = cap - 1 - plen - 2;
    memmove(err->msg + plen + 2, err->msg, old);
    memcpy(err->msg, prefix, plen);
    err->msg[plen] = ':';
    err->msg[plen + 1] = ' ';
    err->msg[plen + 2 + old] = '\0';
}

void tcrm_error_clear(struct tcrm_error *err)
{
    if (err) {
        err->code = TCRM_OK;
        err->field[0] = '\0';
        err->msg[0] = '\0';
    }
}

const char *tcrm_error_name(int code)
{
    switch (code) {
    case TCRM_OK: return _("ok");
    case TCRM_EINVAL: return _("invalid input");
    case TCRM_ENOTFOUND: return _("not found");
    case TCRM_EDB: return _("database error");
    case TCRM_EBUSY: return _("database busy");
    case TCRM_ENOMEM: return _("out of memory");
    case TCRM_EIO: return _("input/output error");
    case TCRM_EDUP: return _("likely duplicate");
    case TCRM_ECONFLICT: return _("changed by someone else");
    case TCRM_EVERSION: return _("database made by a newer tcrm");
    case TCRM_ENOTDB: return _("not a tcrm database");
    case TCRM_EREADONLY: return _("read-only");
    case TCRM_EPERM: return _("not allowed");
    }
    return _("unknown error");
}
