/*
 * table.c: rows printed as an aligned table, as CSV or as TSV.
 *
 * Tables are measured in terminal columns (tcrm_text_width), so a column
 * of Chinese names lines up with one of Latin names. A table's headers are
 * marked N_() by the caller and translated here (CLI_FMT_TABLE only: CSV
 * and TSV headers stay English, for scripts). To align, a table
 * needs the widest cell of each column, but a listing may have a million
 * rows: the first CLI_TABLE_BUF rows are held and measured, then printed,
 * and the rows after them use the same widths (cut with "…" where wider);
 * those go out as they come, without a copy, through one line buffer
 * (a listing of a million rows into a pipe costs no allocation per row).
 * On a terminal (its width: $COLUMNS, else the tty's size) the widest
 * text columns shrink first until a line fits, a column marked with
 * cli_table_keep (a phone: people dial it whole) after them; numbers
 * (right-aligned columns) are never cut: a line that cannot fit without
 * cutting one is left wider. With --wide (cli->wide) or into a pipe or
 * file nothing is cut.
 * The last column is not padded, and no line ends in spaces.
 *
 * CSV follows RFC 4180 quoting: a field holding a comma, a double quote,
 * CR or LF is put in double quotes with its quotes doubled. TSV needs no
 * quoting because every cell is passed through tcrm_text_sanitize (tabs
 * become spaces, newlines "↵"), as are table cells: no escape sequence
 * from stored data reaches the terminal in any format. Lines end in LF.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli_internal.h"
#include "tcrm/csvcell.h"
#include "tcrm/strbuf.h"
#include "tcrm/text.h"

#define CLI_TABLE_BUF 1000
#define CLI_MIN_COL 6

struct cli_table {
    FILE *out;
    enum cli_format fmt;
    int ncols, indent, max_width, fixed, failed;
    int raw;                /* CSV cells without the formula rule */
    int keep;               /* the column that shrinks last, or -1 */
    char **headers;         /* sanitized, or NULL */
    char *align;
    char **cells;           /* buffered rows, ncols each */
    size_t nbuf, total;
    int *w;
    struct tcrm_strbuf line;    /* the line being written, reused */
    struct tcrm_strbuf cell;    /* a CSV cell sanitized, reused */
};

int cli_parse_format(const struct tcrm_cmd *cmd, const char *s,
                     enum cli_format *f)
{
    if (strcmp(s, "table") == 0)
        *f = CLI_FMT_TABLE;
    else if (strcmp(s, "csv") == 0)
        *f = CLI_FMT_CSV;
    else if (strcmp(s, "tsv") == 0)
        *f = CLI_FMT_TSV;
    else
        return tcrm_cli_bad(cmd, "--format: '%s' is not one of table, "
                            "csv, tsv", cli_s(s));
    return 0;
}

/* The width a table must fit: 0 (no limit) with --wide or when stdout
 * is not a terminal; else $COLUMNS when it is a number, else the tty's
 * width, else 80. */
int cli_term_width(const struct tcrm_cli *cli)
{
    struct winsize ws;
    const char *env = getenv("COLUMNS");
    char *end;
    long n;

    if (cli->wide || !cli->out_is_tty)
        return 0;
    if (env && *env) {
        n = strtol(env, &end, 10);
        if (!*end && n > 0 && n < 100000)
            return (int)n;
    }
    if (ioctl(fileno(cli->out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 80;
}

static void cli_table_free(struct cli_table *t)
{
    size_t i, n = t->nbuf * (size_t)t->ncols;
    int c;

    for (i = 0; t->cells && i < n; i++)
        free(t->cells[i]);
    for (c = 0; t->headers && c < t->ncols; c++)
        free(t->headers[c]);
    free(t->headers);
    tcrm_strbuf_free(&t->line);
    tcrm_strbuf_free(&t->cell);
    free(t->cells);
    free(t->w);
    free(t->align);
    free(t);
}

struct cli_table *cli_table_new(struct tcrm_cli *cli, enum cli_format fmt,
                                int ncols, const char *const *headers,
                                const char *align)
{
    struct cli_table *t = calloc(1, sizeof *t);
    int i;

    if (!t)
        return NULL;
    t->out = cli->out;
    t->fmt = fmt;
    t->raw = cli->csv_raw;
    t->keep = -1;
    t->ncols = ncols;
    tcrm_strbuf_init(&t->line);
    tcrm_strbuf_init(&t->cell);
    t->max_width = fmt == CLI_FMT_TABLE ? cli_term_width(cli) : 0;
    t->align = strdup(align);
    t->w = calloc((size_t)ncols, sizeof *t->w);
    t->cells = calloc((size_t)ncols * CLI_TABLE_BUF, sizeof *t->cells);
    if (headers && (t->headers = calloc((size_t)ncols, sizeof *t->headers)))
        for (i = 0; i < ncols; i++)
            /* people read a table's header in their language; CSV and
             * TSV keep the English names scripts look for */
            t->headers[i] = tcrm_text_sanitize(
                fmt == CLI_FMT_TABLE && headers[i][0] ? _(headers[i])
                                                      : headers[i]);
    if (!t->align || !t->w || !t->cells || (headers && !t->headers)) {
        cli_table_free(t);
        return NULL;
    }
    return t;
}

void cli_table_indent(struct cli_table *t, int n)
{
    if (t)
        t->indent = n;
}

void cli_table_keep(struct cli_table *t, int col)
{
    if (t && col >= 0 && col < t->ncols)
        t->keep = col;
}

size_t cli_table_rows(const struct cli_table *t)
{
    return t ? t->total : 0;
}

/* s as shown (tcrm_text_sanitize), appended to sb: every cell of every
 * format is, whether it was held (already sanitized) or not. */
static int cli_shown(struct tcrm_strbuf *sb, const char *s)
{
    size_t n = strlen(s);

    if (tcrm_strbuf_reserve(sb, 3 * n))
        return -1;
    sb->len += tcrm_text_sanitize_to(s, n, sb->buf + sb->len);
    return 0;
}

/* A table cell, fitted (shown, cut with "…") and padded to its column. */
static void cli_table_cell(struct tcrm_strbuf *sb, const struct cli_table *t,
                           const char *s, int col)
{
    int last = col == t->ncols - 1, right = t->align[col] == 'r';
    size_t cap = 3 * strlen(s) + (size_t)t->w[col] + 8;

    if (tcrm_strbuf_reserve(sb, cap))
        return;
    if (last && !right)
        sb->len += tcrm_text_fit(s, t->w[col], sb->buf + sb->len, cap, NULL);
    else
        sb->len += tcrm_text_pad(s, t->w[col], right, sb->buf + sb->len, cap);
}

/* One line in the table's format, then a newline. The cells may be as
 * stored: what is written is what tcrm_text_sanitize shows. */
static void cli_table_line(struct cli_table *t, const char *const *cells)
{
    struct tcrm_strbuf *sb = &t->line;
    int i;

    tcrm_strbuf_reset(sb);
    for (i = 0; t->fmt == CLI_FMT_TABLE && i < t->indent; i++)
        tcrm_strbuf_appendc(sb, ' ');
    for (i = 0; i < t->ncols; i++) {
        const char *s = cells[i] ? cells[i] : "";

        if (i)
            tcrm_strbuf_append(sb, t->fmt == CLI_FMT_CSV ? ","
                                   : t->fmt == CLI_FMT_TSV ? "\t" : "  ");
        if (t->fmt == CLI_FMT_CSV) {
            tcrm_strbuf_reset(&t->cell);
            cli_shown(&t->cell, s);
            tcrm_csv_cell(sb, t->cell.buf, t->raw);
        } else if (t->fmt == CLI_FMT_TSV) {
            cli_shown(sb, s);
        } else {
            cli_table_cell(sb, t, s, i);
        }
    }
    while (t->fmt == CLI_FMT_TABLE && sb->len && sb->buf[sb->len - 1] == ' ')
        sb->len--;
    if (tcrm_strbuf_appendc(sb, '\n') ||
        fwrite(sb->buf, 1, sb->len, t->out) != sb->len)
        t->failed = 1;
}

/* The widest column that may lose a column of width in this pass: 0 the
 * text columns (left-aligned) but the kept one, 1 the kept one; none
 * narrower than CLI_MIN_COL. -1 when there is none. */
static int cli_table_shrinkable(const struct cli_table *t, int pass)
{
    int i, best = -1;

    for (i = 0; i < t->ncols; i++) {
        if (t->align[i] != 'l' || (pass == 0 && i == t->keep) ||
            (pass == 1 && i != t->keep) || t->w[i] <= CLI_MIN_COL)
            continue;
        if (best < 0 || t->w[i] > t->w[best])
            best = i;
    }
    return best;
}

/* Widths from the header and the held rows, shrunk to the terminal. */
static void cli_table_measure(struct cli_table *t)
{
    int i, total;
    size_t r;

    for (i = 0; i < t->ncols; i++) {
        t->w[i] = t->headers ? tcrm_text_width(t->headers[i]) : 0;
        for (r = 0; r < t->nbuf; r++) {
            int w = tcrm_text_width(t->cells[r * (size_t)t->ncols + (size_t)i]);
            if (w > t->w[i])
                t->w[i] = w;
        }
    }
    total = t->indent + 2 * (t->ncols - 1);
    for (i = 0; i < t->ncols; i++)
        total += t->w[i];
    while (t->max_width > 0 && total > t->max_width) {
        int c = -1, pass;
        for (pass = 0; pass < 2 && c < 0; pass++)
            c = cli_table_shrinkable(t, pass);
        if (c < 0)
            break;
        t->w[c]--;
        total--;
    }
}

/* Print the header (once) and the held rows; later rows go straight out. */
static void cli_table_flush(struct cli_table *t)
{
    size_t r, i, n = t->nbuf * (size_t)t->ncols;

    if (!t->fixed) {
        if (t->fmt == CLI_FMT_TABLE)
            cli_table_measure(t);
        if (t->headers)
            cli_table_line(t, (const char *const *)t->headers);
        t->fixed = 1;
    }
    for (r = 0; r < t->nbuf; r++)
        cli_table_line(t, (const char *const *)t->cells + r * (size_t)t->ncols);
    for (i = 0; i < n; i++) {
        free(t->cells[i]);
        t->cells[i] = NULL;
    }
    t->nbuf = 0;
}

int cli_table_add(struct cli_table *t, const char *const *cells)
{
    char **row;
    int i;

    if (!t)
        return -1;
    if (!t->fixed && t->nbuf == CLI_TABLE_BUF)
        cli_table_flush(t);
    if (t->fixed) {         /* widths known: straight out, no copy */
        cli_table_line(t, cells);
        t->total++;
        return 0;
    }
    row = t->cells + t->nbuf * (size_t)t->ncols;
    for (i = 0; i < t->ncols; i++)
        if (!(row[i] = tcrm_text_sanitize(cells[i])))
            return -1;
    t->nbuf++;
    t->total++;
    return 0;
}

/* An empty table prints nothing (the caller says "no contacts"); an
 * empty CSV or TSV still has its header line. */
int cli_table_end(struct cli_table *t)
{
    int failed;

    if (!t)
        return -1;
    if (t->total > 0 || t->fmt != CLI_FMT_TABLE)
        cli_table_flush(t);
    failed = t->failed;
    cli_table_free(t);
    return failed ? -1 : 0;
}
