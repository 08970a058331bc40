/*
 * error.c: filling struct tcrm_error (see include/tcrm/error.h).
 */
#include "tcrm/error.h"
#include "tcrm/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The message is formatted whole first (it may quote err->msg itself),
 * then copied with every quoted value cut (tcrm_text_cut_quotes). */
int tcrm_error_set(struct tcrm_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(NULL, 0, fmt, ap);
        va_end(ap);
        char *full = n >= 0 ? malloc((size_t)n + 1) : NULL;
        va_start(ap, fmt);
        if (full) {
            vsnprintf(full, (size_t)n + 1, fmt, ap);
            tcrm_text_cut_quotes(full, err->msg, sizeof err->msg);
            free(full);
        } else {
            vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        }
        va_end(ap);
        err->code = code;
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
        err->msg[0] = '\0';
    }
}

const char *tcrm_error_name(int code)
{
    switch (code) {
    case TCRM_OK: return "ok";
    case TCRM_EINVAL: return "invalid input";
    case TCRM_ENOTFOUND: return "not found";
    case TCRM_EDB: return "database error";
    case TCRM_EBUSY: return "database busy";
    case TCRM_ENOMEM: return "out of memory";
    case TCRM_EIO: return "input/output error";
    case TCRM_EDUP: return "likely duplicate";
    case TCRM_ECONFLICT: return "changed by someone else";
    case TCRM_EVERSION: return "database made by a newer tcrm";
    case TCRM_ENOTDB: return "not a tcrm database";
    case TCRM_EREADONLY: return "read-only";
    case TCRM_EPERM: return "not allowed";
    }
    return "unknown error";
}
