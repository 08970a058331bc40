/*
 * birthday.h: the one birthday parser, for the command line and the
 * contact form alike.
 *
 * A birthday is a date ("YYYY-MM-DD", or anything tcrm_date_parse reads:
 * "1990-3-15", "15.3.1990" as dates are read) or, when the year is not
 * known, "MM-DD" ("03-15"; "02-29" is allowed). Empty text is no
 * birthday.
 */
#ifndef TCRM_BIRTHDAY_H
#define TCRM_BIRTHDAY_H

#include <time.h>

#include "tcrm/error.h"

/* out gets "YYYY-MM-DD", "MM-DD" or "" (empty text). TCRM_EINVAL with
 * the date parser's message for a date it cannot read, or "'02-30' is
 * not a birthday: use YYYY-MM-DD, or MM-DD without the year". */
int tcrm_birthday_parse(const char *text, time_t now, char out[11],
                        struct tcrm_error *err);

#endif
