/*
 * doc_table.c: the values of a document's placeholders, its table of
 * lines at display width, and its CSV lines (see doc_internal.h).
 *
 * The table: every column but the flex one (the item) is as wide as its
 * widest cell or head; the flex column takes what is left of the page
 * (at least 12 columns), so the last column ends at the page's edge where
 * a template lines its totals up, and wraps its text over as many rows
 * as it needs, so a long product name is never cut on paper. Columns are separated by
 * one space; a rule of '-' is drawn under the heads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_internal.h"
#include "tcrm/csvcell.h"
#include "tcrm/money.h"
#include "tcrm/text.h"

#define FLEX_MIN 12
#define MAX_COLS 12

void doc_fill_init(struct doc_fill *f)
{
    memset(f, 0, sizeof *f);
}

void doc_fill_free(struct doc_fill *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++)
        free(f->values[i]);
    tcrm_doc_free(&f->lines);
    memset(f, 0, sizeof *f);
}

void doc_set(struct doc_fill *f, const char *key, const char *value)
{
    if (f->n == DOC_MAX_VARS) {
        f->rc = TCRM_ENOMEM;
        return;
    }
    char *v = tcrm_text_sanitize(value && *value ? value : "");
    if (!v)
        f->rc = TCRM_ENOMEM;
    f->keys[f->n] = key;
    f->values[f->n++] = v;
}

void doc_set_money(struct doc_fill *f, const char *key, int64_t minor)
{
    char buf[64];
    tcrm_money_format(minor, NULL, buf, sizeof buf);
    doc_set(f, key, buf);
}

void doc_set_day(struct doc_fill *f, const char *key, const char *stamp)
{
    char day[11] = "";
    if (stamp)
        snprintf(day, sizeof day, "%.10s", stamp);
    doc_set(f, key, day);
}

void doc_set_company(struct doc_fill *f, const struct tcrm_config *cfg)
{
    doc_set(f, "company", cfg->company_name);
    doc_set(f, "company_address", cfg->company_address);
    doc_set(f, "company_phone", cfg->company_phone);
    doc_set(f, "company_email", cfg->company_email);
    doc_set(f, "company_tax_id", cfg->company_tax_id);
    doc_set(f, "company_bank", cfg->company_bank);
}

void doc_set_totals(struct doc_fill *f, int64_t net, int64_t tax,
                    int64_t gross, const char *currency)
{
    char cap[256] = "";
    doc_set_money(f, "net", net);
    doc_set_money(f, "tax", tax);
    doc_set_money(f, "gross", gross);
    if (currency && strcmp(currency, "CNY") == 0 &&
        tcrm_money_capitals(gross, cap, sizeof cap) != 0)
        cap[0] = '\0';
    doc_set(f, "gross_capitals", cap);
}

int doc_push(struct tcrm_doc *d, const char *line)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 32;
        char **p = realloc(d->lines, cap * sizeof *p);
        if (!p)
            return TCRM_ENOMEM;
        d->lines = p;
        d->cap = cap;
    }
    if (!(d->lines[d->n] = strdup(line)))
        return TCRM_ENOMEM;
    d->n++;
    return 0;
}

/* ---- the table -------------------------------------------------------------- */

/* The bytes of s that fit in cols columns, cut after a space when one is
 * there (a CJK text anywhere); at least one character. */
static size_t wrap_cut(const char *s, int cols)
{
    size_t len = strlen(s), pos = 0, space = 0;
    int w = 0;
    while (pos < len) {
        uint32_t cp = 0;
        tcrm_utf8_decode(s + pos, len - pos, &cp);
        int cw = tcrm_char_width(cp);
        if (w + cw > cols && pos > 0)
            return space ? space : pos;
        if (cp == ' ')
            space = pos + 1;
        w += cw;
        pos = tcrm_utf8_next(s, len, pos);
    }
    return pos;
}

static void cell(struct tcrm_strbuf *sb, const char *s, int cols, int right,
                 int last)
{
    char buf[512];
    tcrm_text_pad(s ? s : "", cols, right, buf, sizeof buf);
    if (last && !right) {
        size_t n = strlen(buf);
        while (n && buf[n - 1] == ' ')
            buf[--n] = '\0';
    }
    tcrm_strbuf_append(sb, buf);
}

/* One row (heads when cells are the heads): the flex cell wrapped. */
static void table_row(struct doc_fill *f, const struct doc_col *cols,
                      int ncols, const int *w, char *const *cells)
{
    struct tcrm_strbuf sb;
    int flex = -1;
    for (int i = 0; i < ncols; i++)
        if (cols[i].flex)
            flex = i;
    const char *rest = flex >= 0 && cells[flex] ? cells[flex] : "";
    tcrm_strbuf_init(&sb);
    for (int first = 1; f->rc == 0 && (first || *rest); first = 0) {
        char piece[512];
        size_t cut = wrap_cut(rest, w[flex >= 0 ? flex : 0]);
        snprintf(piece, sizeof piece, "%.*s", (int)cut, rest);
        for (size_t n = strlen(piece); n && piece[n - 1] == ' ';)
            piece[--n] = '\0';
        rest += cut;
        tcrm_strbuf_reset(&sb);
        for (int i = 0; i < ncols; i++) {
            if (i)
                tcrm_strbuf_appendc(&sb, ' ');
            cell(&sb, i == flex ? piece : first ? cells[i] : "", w[i],
                 cols[i].right, i == ncols - 1);
        }
        while (sb.len && sb.buf[sb.len - 1] == ' ')
            sb.buf[--sb.len] = '\0';
        if (doc_push(&f->lines, sb.buf))
            f->rc = TCRM_ENOMEM;
    }
    tcrm_strbuf_free(&sb);
}

void doc_table(struct doc_fill *f, const struct doc_col *cols, int ncols,
               char *const *cells, size_t rows)
{
    int w[MAX_COLS], used = ncols - 1, flex = -1;
    char *heads[MAX_COLS], rule[TCRM_DOCUMENT_WIDTH + 1];
    for (int i = 0; i < ncols && i < MAX_COLS; i++) {
        heads[i] = (char *)cols[i].head;
        w[i] = tcrm_text_width(cols[i].head);
        for (size_t r = 0; r < rows; r++) {
            int cw = tcrm_text_width(cells[r * (size_t)ncols + (size_t)i]);
            w[i] = cw > w[i] ? cw : w[i];
        }
        if (cols[i].flex)
            flex = i;
        else
            used += w[i];
    }
    if (flex >= 0) {
        int left = TCRM_DOCUMENT_WIDTH - used;
        w[flex] = left > FLEX_MIN ? left : FLEX_MIN;
        used += w[flex];
    }
    table_row(f, cols, ncols, w, heads);
    used = used > TCRM_DOCUMENT_WIDTH ? TCRM_DOCUMENT_WIDTH : used;
    memset(rule, '-', (size_t)used);
    rule[used] = '\0';
    if (doc_push(&f->lines, rule))
        f->rc = TCRM_ENOMEM;
    for (size_t r = 0; r < rows; r++)
        table_row(f, cols, ncols, w, cells + r * (size_t)ncols);
}

/* ---- CSV -------------------------------------------------------------------- */

int doc_csv(struct tcrm_doc *d, const char *const *cells, size_t n)
{
    return doc_csv_numbers(d, cells, n, n);
}

int doc_csv_numbers(struct tcrm_doc *d, const char *const *cells, size_t n,
                    size_t num)
{
    struct tcrm_strbuf sb;
    int rc = 0;
    tcrm_strbuf_init(&sb);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (i)
            rc = tcrm_strbuf_appendc(&sb, ',');
        if (rc == 0)
            rc = tcrm_csv_cell(&sb, cells[i], i >= num);
    }
    if (rc == 0)
        rc = doc_push(d, sb.buf);
    tcrm_strbuf_free(&sb);
    return rc ? TCRM_ENOMEM : 0;
}
