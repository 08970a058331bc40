/*
 * csvcell.h: the one rule for a CSV cell that tcrm writes, used by every
 * CSV it writes (export through src/io, the lists of the command line,
 * the reports, the audit trail).
 *
 * Quoting (RFC 4180): a cell holding a quote, comma, semicolon, tab, CR
 * or LF, or starting or ending with a space, is quoted, with quotes
 * doubled. The formula rule: a cell that a spreadsheet would run as a
 * formula (its first character after any apostrophes is = + - @, a tab
 * or a CR) gets one apostrophe in front, inside quotes ("'=1+2"), so the
 * spreadsheet shows it as text; import takes that apostrophe off again.
 * raw writes the cell as it is (still quoted when it must be).
 */
#ifndef TCRM_CSVCELL_H
#define TCRM_CSVCELL_H

#include <stddef.h>

#include "tcrm/strbuf.h"

/* 1 when s would be run as a formula (the formula rule above). */
int tcrm_csv_is_formula(const char *s);
/* 1 when byte c makes a cell need quotes (" , ; tab CR LF). */
int tcrm_csv_quote_byte(unsigned char c);
/* Append cell s (NULL: empty) to sb by the rules above. Returns 0 or
 * TCRM_ENOMEM. */
int tcrm_csv_cell(struct tcrm_strbuf *sb, const char *s, int raw);

#endif
