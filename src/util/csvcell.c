/*
 * csvcell.c: the CSV cell rule (csvcell.h): quoting and the formula rule,
 * written once for every CSV tcrm writes. src/io's fast writer asks the
 * same two questions (tcrm_csv_quote_byte, tcrm_csv_is_formula) in its
 * own loop; the lists and reports append cells with tcrm_csv_cell.
 */
#include <string.h>

#include "tcrm/csvcell.h"
#include "tcrm/error.h"

int tcrm_csv_is_formula(const char *s)
{
    while (*s == '\'')
        s++;
    return *s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' ||
           *s == '\r';
}

int tcrm_csv_quote_byte(unsigned char c)
{
    return c == '"' || c == ',' || c == ';' || c == '\t' || c == '\r' ||
           c == '\n';
}

int tcrm_csv_cell(struct tcrm_strbuf *sb, const char *s, int raw)
{
    size_t n = s ? strlen(s) : 0, i = 0;
    while (i < n && !tcrm_csv_quote_byte((unsigned char)s[i]))
        i++;
    int neut = n && !raw && tcrm_csv_is_formula(s);
    int quote = neut || i < n || (n && (s[0] == ' ' || s[n - 1] == ' '));
    int rc = 0;
    if (!quote)
        return n ? tcrm_strbuf_append(sb, s) : 0;
    rc |= tcrm_strbuf_appendc(sb, '"');
    if (neut)
        rc |= tcrm_strbuf_appendc(sb, '\'');
    for (i = 0; i < n; i++) {
        if (s[i] == '"')
            rc |= tcrm_strbuf_appendc(sb, '"');
        rc |= tcrm_strbuf_appendc(sb, s[i]);
    }
    rc |= tcrm_strbuf_appendc(sb, '"');
    return rc ? TCRM_ENOMEM : 0;
}
