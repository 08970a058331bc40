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
 *
 * The message is in the user's language: tcrm_error_set and
 * tcrm_error_field look their format up in the catalogue (i18n.h) before
 * formatting. Nobody parses it. What a front end must decide on comes
 * apart: the code (what kind of failure) and the field (which input it
 * concerns, a stable English key such as "name", "e-mail", "phone",
 * "amount", "due"; "" when none), so a form can put the message beside
 * the right field in any language.
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
    char field[32];   /* the input concerned ("" when none): see above */
    char msg[512];
};

/* Set err->code and format err->msg (printf-style). err may be NULL.
 * Returns code, so callers can write: return tcrm_error_set(err, ...). */
int tcrm_error_set(struct tcrm_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The same, for a message about one input field (key as above): sets
 * err->field after the message. */
int tcrm_error_field(struct tcrm_error *err, int code, const char *field,
                     const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Put "PREFIX: " in front of an existing message (e.g. a file name). */
void tcrm_error_prefix(struct tcrm_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Clear to TCRM_OK and an empty message. err may be NULL. */
void tcrm_error_clear(struct tcrm_error *err);

/* A short name of a code ("not found", "database busy"), translated. */
const char *tcrm_error_name(int code);

#endif
