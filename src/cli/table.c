/*
 * table.c: rows printed as an aligned table, as CSV or as TSV.
 *
 * Tables are measured in terminal columns (tcrm_text_width), so a column
 * of Chinese names lines up with one of Latin names. A table's headers are
 * marked N_() by the caller and translated here (CLI_FMT_TABLE only: CSV
 * and TSV headers stay English, for scripts). To align, a table
 * needs the widest cell of each column, but a listing may have a million
 * rows: the first CLI_TABLE_BUF rows are held and measured, then printed,
 * and the rows after them use the same widths (cut with "…" where wider).
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

static void cli_table_cell(struct cli_table *t, struct tcrm_strbuf *sb,
                           const char *s, int col)
{
    int last = col == t->ncols - 1, right = t->align[col] == 'r';
    size_t cap = strlen(s) + (size_t)t->w[col] + 8;
    char *buf = malloc(cap);

    if (!buf)
        return;
    if (last && !right)
        tcrm_text_fit(s, t->w[col], buf, cap, NULL);
    else
        tcrm_text_pad(s, t->w[col], right, buf, cap);
    tcrm_strbuf_append(sb, buf);
    free(buf);
}

/* One line in the table's format, then a newline. */
static void cli_table_line(struct cli_table *t, char *const *cells)
{
    struct tcrm_strbuf sb;
    int i;

    tcrm_strbuf_init(&sb);
    for (i = 0; t->fmt == CLI_FMT_TABLE && i < t->indent; i++)
        tcrm_strbuf_appendc(&sb, ' ');
    for (i = 0; i < t->ncols; i++) {
        const char *s = cells[i] ? cells[i] : "";

        if (i)
            tcrm_strbuf_append(&sb, t->fmt == CLI_FMT_CSV ? ","
                                    : t->fmt == CLI_FMT_TSV ? "\t" : "  ");
        if (t->fmt == CLI_FMT_CSV)
            tcrm_csv_cell(&sb, s, t->raw);
        else if (t->fmt == CLI_FMT_TSV)
            tcrm_strbuf_append(&sb, s);
        else
            cli_table_cell(t, &sb, s, i);
    }
    while (t->fmt == CLI_FMT_TABLE && sb.len && sb.buf[sb.len - 1] == ' ')
        sb.buf[--sb.len] = '\0';
    if (fprintf(t->out, "%s\n", sb.buf) < 0)
        t->failed = 1;
    tcrm_strbuf_free(&sb);
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
            cli_table_line(t, t->headers);
        t->fixed = 1;
    }
    for (r = 0; r < t->nbuf; r++)
        cli_table_line(t, t->cells + r * (size_t)t->ncols);
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
    if (t->nbuf == CLI_TABLE_BUF)
        cli_table_flush(t);
    row = t->cells + t->nbuf * (size_t)t->ncols;
    for (i = 0; i < t->ncols; i++)
        if (!(row[i] = tcrm_text_sanitize(cells[i])))
            return -1;
    t->nbuf++;
    t->total++;
    if (t->fixed)
        cli_table_flush(t);
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
