/*
 * error.h: how every tcrm function reports failure.
 *
 * Functions return int: 0 on success or a negative TCRM_E* code. When they
 * fail they also fill a caller-supplied struct tcrm_error (which may be NULL
 * when the caller does not care) with one line a person can act on, such as
 *   "contact 42: not found"
 *   "import.csv:17: e-mail 'bob@' is not a valid address"
 * The message never ends with a newline and never repeats the program name;
 * only main/cli print it, as "tcrm: MESSAGE".
 */
#ifndef TCRM_ERROR_H
#define TCRM_ERROR_H

#include <stdarg.h>

enum tcrm_errcode {
    TCRM_OK = 0,
    TCRM_EINVAL = -1,    /* bad input from the user: a value, an option, a file */
    TCRM_ENOTFOUND = -2, /* no such row (or it is in the trash) */
    TCRM_EDB = -3,       /* SQLite failed; message carries its text */
    TCRM_EBUSY = -4,     /* database locked by another process past the timeout */
    TCRM_ENOMEM = -5,
    TCRM_EIO = -6,       /* a file could not be read or written */
    TCRM_EDUP = -7,      /* likely duplicate; caller may retry with force */
    TCRM_ECONFLICT = -8, /* row changed by someone else since it was read */
    TCRM_EVERSION = -9,  /* database made by a newer tcrm */
    TCRM_ENOTDB = -10,   /* file is not a tcrm database */
    TCRM_EREADONLY = -11, /* database or its folder cannot be written */
    TCRM_EPERM = -12     /* the acting user may not do this (see access.h) */
};

struct tcrm_error {
    int code;
    char msg[512];
};

/* Set err->code and format err->msg (printf-style). err may be NULL.
 * Returns code, so callers can write: return tcrm_error_set(err, ...). */
int tcrm_error_set(struct tcrm_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Put "PREFIX: " in front of an existing message (e.g. a file name). */
void tcrm_error_prefix(struct tcrm_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Clear to TCRM_OK and an empty message. err may be NULL. */
void tcrm_error_clear(struct tcrm_error *err);

/* A short English name of a code ("not found", "database busy"). */
const char *tcrm_error_name(int code);

#endif
