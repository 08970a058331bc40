/*
 * report_table.c: how a report looks: numbers, tables and bar charts.
 *
 * A table is filled first and laid out at the end, because column widths
 * depend on every cell. Text layout: each column is as wide as its widest
 * cell or heading (display columns, so CJK counts 2); when the line is
 * wider than the report width, the flexible text columns give up columns
 * one at a time, widest first, down to REP_FLEX_MIN, then the other text
 * columns; numbers are never cut. Cells are cut with tcrm_text_fit
 * ("…"). Two spaces between columns, a dashed rule under the headings and
 * above total rows, no trailing blanks.
 *
 * CSV layout: "section,heading,..." then one line per row; a money column
 * becomes two, "amount" and "amount currency"; numbers are plain
 * ("1200.50", "42.9"); RFC 4180 quoting. Every block ends with a blank
 * line.
 *
 * Bars: label, bar, value. A bar is drawn in eighths of a column with
 * U+2588..U+258F, or in whole '#' when ascii; a value above zero always
 * shows at least the thinnest bar.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcrm/csvcell.h"
#include "tcrm/money.h"
#include "report_internal.h"
#include "tcrm/strbuf.h"
#include "tcrm/text.h"

#define REP_FLEX_MIN 6
#define REP_GAP 2

/* ---- numbers ------------------------------------------------------------ */

char *rep_fmt_int(int64_t n, char *out)
{
    char digits[24];
    uint64_t u = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
    int len, i, j = 0;

    len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)u);
    if (n < 0)
        out[j++] = '-';
    for (i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            out[j++] = ',';
        out[j++] = digits[i];
    }
    out[j] = '\0';
    return out;
}

char *rep_fmt_money(int64_t minor, const char *cur, char *out)
{
    uint64_t u = minor < 0 ? (uint64_t)0 - (uint64_t)minor : (uint64_t)minor;
    char whole[32];

    rep_fmt_int((int64_t)(u / 100), whole);
    sprintf(out, "%s%s.%02u%s%s", minor < 0 ? "-" : "", whole,
            (unsigned)(u % 100), cur && *cur ? " " : "", cur ? cur : "");
    return out;
}

char *rep_fmt_pct(int64_t pm, char *out)
{
    sprintf(out, "%lld.%lld%%", (long long)(pm / 10), (long long)(pm % 10));
    return out;
}

int64_t rep_permille(int64_t a, int64_t b)
{
    if (b <= 0)
        return 0;
    return (int64_t)(((double)a * 1000.0) / (double)b + 0.5);
}

int64_t rep_div100(int64_t x)
{
    return x >= 0 ? (x + 50) / 100 : -((-x + 50) / 100);
}

static int rep_cmp_cur(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

size_t rep_currencies(const struct tcrm_rq_table *t, size_t col,
                      char (*out)[4], size_t max)
{
    size_t i, j, n = 0;

    for (i = 0; i < t->nrows; i++) {
        const char *c = tcrm_rq_s(t, i, col);
        if (!c)
            continue;
        for (j = 0; j < n && strcmp(out[j], c); j++)
            ;
        if (j == n && n < max)
            snprintf(out[n++], 4, "%s", c);
    }
    qsort(out, n, sizeof out[0], rep_cmp_cur);
    return n;
}

const char *rep_day(const struct rep *r, const char *iso, char out[11])
{
    if (!iso || !*iso)
        /* TRANSLATORS: the last contact of someone never contacted */
        return rep_tr(r, N_("never"));
    snprintf(out, 11, "%.10s", iso);
    return out;
}

/* ---- tables ------------------------------------------------------------- */

void rep_table_init(struct rep_table *t, const char *section,
                    const struct rep_col *cols, int ncols)
{
    memset(t, 0, sizeof *t);
    t->section = section;
    t->cols = cols;
    t->ncols = ncols;
}

void rep_table_free(struct rep_table *t)
{
    size_t i;

    for (i = 0; i < t->nrows * (size_t)t->ncols; i++)
        free(t->cells[i].text);
    free(t->cells);
    free(t->rule);
    memset(t, 0, sizeof *t);
}

void rep_row(struct rep *r, struct rep_table *t, int rule)
{
    size_t i, nc = (size_t)t->ncols;

    if (r->rc)
        return;
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 8;
        void *c = realloc(t->cells, cap * nc * sizeof *t->cells);
        void *u;
        if (!c) {
            rep_fail(r, TCRM_ENOMEM, "report: out of memory");
            return;
        }
        t->cells = c;
        u = realloc(t->rule, cap);
        if (!u) {
            rep_fail(r, TCRM_ENOMEM, "report: out of memory");
            return;
        }
        t->rule = u;
        t->cap = cap;
    }
    for (i = 0; i < nc; i++) {
        memset(&t->cells[t->nrows * nc + i], 0, sizeof *t->cells);
        t->cells[t->nrows * nc + i].empty = 1;
    }
    t->rule[t->nrows] = (unsigned char)rule;
    t->nrows++;
}

static struct rep_cell *rep_cell_at(struct rep_table *t, int col)
{
    if (!t->nrows || col < 0 || col >= t->ncols)
        return NULL;
    return &t->cells[(t->nrows - 1) * (size_t)t->ncols + (size_t)col];
}

void rep_text(struct rep *r, struct rep_table *t, int col, const char *s)
{
    struct rep_cell *c = rep_cell_at(t, col);

    if (!c || r->rc || !s)
        return;
    free(c->text);
    c->text = tcrm_text_sanitize(s);
    if (!c->text)
        rep_fail(r, TCRM_ENOMEM, "report: out of memory");
    c->empty = !c->text;
}

void rep_int(struct rep_table *t, int col, int64_t n)
{
    struct rep_cell *c = rep_cell_at(t, col);

    if (c) {
        c->n = n;
        c->empty = 0;
    }
}

void rep_money(struct rep_table *t, int col, int64_t minor, const char *cur)
{
    struct rep_cell *c = rep_cell_at(t, col);

    if (c) {
        c->n = minor;
        snprintf(c->cur, sizeof c->cur, "%s", cur ? cur : "");
        c->empty = 0;
    }
}

void rep_pct(struct rep_table *t, int col, int64_t permille)
{
    rep_int(t, col, permille);
}

void rep_qty(struct rep_table *t, int col, int64_t milli)
{
    rep_int(t, col, milli);
}

/* The text of a cell as shown in a text table (buf >= 48). */
static const char *rep_cell_show(const struct rep_col *col,
                                 const struct rep_cell *c, char *buf)
{
    if (c->empty)
        return "";
    switch (col->kind) {
    case REP_INT: return rep_fmt_int(c->n, buf);
    case REP_MONEY: return rep_fmt_money(c->n, c->cur, buf);
    case REP_PCT: return rep_fmt_pct(c->n, buf);
    case REP_QTY:
        tcrm_decimal_format(c->n, TCRM_QTY_PLACES, 1, buf, 48);
        return buf;
    default: return c->text ? c->text : "";
    }
}

/* Shrink text columns until the line fits; flexible ones first. */
static void rep_fit_widths(const struct rep_table *t, int *w, int width)
{
    int total = 0, i, pass;

    for (i = 0; i < t->ncols; i++)
        total += w[i] + (i ? REP_GAP : 0);
    for (pass = 0; pass < 2 && total > width; pass++) {
        while (total > width) {
            int best = -1;
            for (i = 0; i < t->ncols; i++) {
                if (t->cols[i].kind != REP_TEXT || w[i] <= REP_FLEX_MIN ||
                    (pass == 0 && !t->cols[i].flex))
                    continue;
                if (best < 0 || w[i] > w[best])
                    best = i;
            }
            if (best < 0)
                break;
            w[best]--;
            total--;
        }
    }
}

static void rep_emit_row(struct rep *r, const struct rep_table *t,
                         const int *w, const char *const *cells)
{
    struct tcrm_strbuf sb;
    char buf[1024];
    int i;

    tcrm_strbuf_init(&sb);
    for (i = 0; i < t->ncols; i++) {
        int right = t->cols[i].kind != REP_TEXT;
        if (i)
            tcrm_strbuf_append(&sb, "  ");
        tcrm_text_pad(cells[i], w[i], right, buf, sizeof buf);
        tcrm_strbuf_append(&sb, buf);
    }
    while (sb.len && sb.buf[sb.len - 1] == ' ')
        sb.buf[--sb.len] = '\0';
    rep_line(r, "%s", sb.buf);
    tcrm_strbuf_free(&sb);
}

static void rep_emit_rule(struct rep *r, const struct rep_table *t,
                          const int *w)
{
    struct tcrm_strbuf sb;
    int i, j;

    tcrm_strbuf_init(&sb);
    for (i = 0; i < t->ncols; i++) {
        if (i)
            tcrm_strbuf_append(&sb, "  ");
        for (j = 0; j < w[i]; j++)
            tcrm_strbuf_appendc(&sb, '-');
    }
    rep_line(r, "%s", sb.buf);
    tcrm_strbuf_free(&sb);
}

static void rep_emit_text(struct rep *r, struct rep_table *t)
{
    int w[32], i;
    const char *cells[32];
    char bufs[32][48];
    size_t row;

    for (i = 0; i < t->ncols; i++) {
        w[i] = tcrm_text_width(rep_tr(r, t->cols[i].head));
        if (t->minw && t->minw[i] > w[i])
            w[i] = t->minw[i];
    }
    for (row = 0; row < t->nrows; row++)
        for (i = 0; i < t->ncols; i++) {
            const char *s = rep_cell_show(&t->cols[i],
                &t->cells[row * (size_t)t->ncols + (size_t)i], bufs[i]);
            int cw = tcrm_text_width(s);
            if (cw > w[i])
                w[i] = cw;
        }
    rep_fit_widths(t, w, r->width);
    for (i = 0; i < t->ncols; i++)
        cells[i] = rep_tr(r, t->cols[i].head);
    rep_emit_row(r, t, w, cells);
    rep_emit_rule(r, t, w);
    for (row = 0; row < t->nrows; row++) {
        if (t->rule[row])
            rep_emit_rule(r, t, w);
        for (i = 0; i < t->ncols; i++)
            cells[i] = rep_cell_show(&t->cols[i],
                &t->cells[row * (size_t)t->ncols + (size_t)i], bufs[i]);
        rep_emit_row(r, t, w, cells);
    }
}

/* ",cell" by the one CSV cell rule (csvcell.h). Numbers tcrm formatted
 * itself pass raw: "-5.00" is an amount, not a formula. */
static void rep_csv_field(struct tcrm_strbuf *sb, const char *s, int raw)
{
    tcrm_strbuf_appendc(sb, ',');
    tcrm_csv_cell(sb, s, raw);
}

/* "Won amount" -> "won amount" (ASCII lower case). */
static void rep_csv_head(struct tcrm_strbuf *sb, const char *head,
                         const char *suffix)
{
    char buf[96];
    size_t i;

    snprintf(buf, sizeof buf, "%s%s", head, suffix);
    for (i = 0; buf[i]; i++)
        if (buf[i] >= 'A' && buf[i] <= 'Z')
            buf[i] = (char)(buf[i] - 'A' + 'a');
    rep_csv_field(sb, buf, 1);
}

static void rep_csv_cell(struct tcrm_strbuf *sb, const struct rep_col *col,
                         const struct rep_cell *c, int raw)
{
    char buf[48];

    if (col->kind == REP_MONEY) {
        uint64_t u = c->n < 0 ? (uint64_t)0 - (uint64_t)c->n : (uint64_t)c->n;
        sprintf(buf, "%s%llu.%02u", c->n < 0 ? "-" : "",
                (unsigned long long)(u / 100), (unsigned)(u % 100));
        rep_csv_field(sb, c->empty ? "" : buf, 1);
        rep_csv_field(sb, c->empty ? "" : c->cur, 1);
        return;
    }
    if (c->empty)
        rep_csv_field(sb, "", 1);
    else if (col->kind == REP_INT)
        rep_csv_field(sb, (sprintf(buf, "%lld", (long long)c->n), buf), 1);
    else if (col->kind == REP_QTY)
        rep_csv_field(sb, (tcrm_decimal_format(c->n, TCRM_QTY_PLACES, 0, buf,
                                               sizeof buf), buf), 1);
    else if (col->kind == REP_PCT)
        rep_csv_field(sb, (sprintf(buf, "%lld.%lld", (long long)(c->n / 10),
                                   (long long)(c->n % 10)), buf), 1);
    else
        rep_csv_field(sb, c->text ? c->text : "", raw);
}

static void rep_emit_csv(struct rep *r, struct rep_table *t)
{
    struct tcrm_strbuf sb;
    size_t row;
    int i;

    tcrm_strbuf_init(&sb);
    tcrm_strbuf_append(&sb, "section");
    for (i = 0; i < t->ncols; i++) {
        rep_csv_head(&sb, t->cols[i].head, "");
        if (t->cols[i].kind == REP_MONEY)
            rep_csv_head(&sb, t->cols[i].head, " currency");
    }
    rep_push(r, sb.buf);
    for (row = 0; row < t->nrows; row++) {
        tcrm_strbuf_reset(&sb);
        rep_csv_field(&sb, t->section, r->o->raw);
        for (i = 0; i < t->ncols; i++)
            rep_csv_cell(&sb, &t->cols[i],
                         &t->cells[row * (size_t)t->ncols + (size_t)i],
                         r->o->raw);
        rep_push(r, sb.buf + 1);
    }
    rep_push(r, "");
    tcrm_strbuf_free(&sb);
}

void rep_table_emit(struct rep *r, struct rep_table *t)
{
    if (!r->rc && t->ncols <= 32) {
        if (r->csv)
            rep_emit_csv(r, t);
        else
            rep_emit_text(r, t);
    }
    rep_table_free(t);
}

/* ---- bars --------------------------------------------------------------- */

static void rep_bar(struct tcrm_strbuf *sb, int64_t v, int64_t max, int cols,
                    int ascii)
{
    static const char *const eighths[8] = {
        "", "\u258F", "\u258E", "\u258D", "\u258C", "\u258B", "\u258A",
        "\u2589"
    };
    long units = 0, i;
    int scale = ascii ? 1 : 8, used;

    if (v > 0 && max > 0) {
        units = (long)((double)v / (double)max * cols * scale + 0.5);
        if (units < 1)
            units = 1;
    }
    for (i = 0; i < units / scale; i++)
        tcrm_strbuf_append(sb, ascii ? "#" : "\u2588");
    used = (int)(units / scale);
    if (units % scale) {
        tcrm_strbuf_append(sb, eighths[units % scale]);
        used++;
    }
    for (; used < cols; used++)
        tcrm_strbuf_appendc(sb, ' ');
}

void rep_bars(struct rep *r, const char *const *labels,
              const int64_t *values, const char *const *texts, size_t n)
{
    int lw = 0, vw = 0, bw;
    int64_t max = 0;
    size_t i;
    char buf[256];

    if (r->csv || r->rc || !n)
        return;
    for (i = 0; i < n; i++) {
        int w = tcrm_text_width(labels[i]), t = tcrm_text_width(texts[i]);
        lw = w > lw ? w : lw;
        vw = t > vw ? t : vw;
        max = values[i] > max ? values[i] : max;
    }
    if (lw > 20)
        lw = 20;
    bw = r->width - lw - vw - 2 * REP_GAP;
    if (bw < 5) {
        lw -= 5 - bw;
        bw = 5;
        if (lw < 4)
            return;           /* no room: the table above has the numbers */
    }
    for (i = 0; i < n; i++) {
        struct tcrm_strbuf sb;
        tcrm_strbuf_init(&sb);
        tcrm_text_pad(labels[i], lw, 0, buf, sizeof buf);
        tcrm_strbuf_append(&sb, buf);
        tcrm_strbuf_append(&sb, "  ");
        rep_bar(&sb, values[i], max, bw, r->ascii);
        tcrm_strbuf_append(&sb, "  ");
        tcrm_text_pad(texts[i], vw, 1, buf, sizeof buf);
        tcrm_strbuf_append(&sb, buf);
        rep_line(r, "%s", sb.buf);
        tcrm_strbuf_free(&sb);
    }
}

struct rep_barset *rep_barset_new(struct rep *r, size_t max)
{
    struct rep_barset *b = calloc(1, sizeof *b);

    if (!b)
        rep_fail(r, TCRM_ENOMEM, "report: out of memory");
    else
        b->max = max < REP_MAX_BARS ? max : REP_MAX_BARS;
    return b;
}

void rep_barset_add(struct rep_barset *b, const char *label, int64_t v,
                    const char *cur)
{
    if (b->n >= b->max)
        return;
    snprintf(b->lab[b->n], sizeof b->lab[b->n], "%s", label);
    b->labels[b->n] = b->lab[b->n];
    b->vals[b->n] = v;
    b->tp[b->n] = rep_fmt_money(v, cur, b->texts[b->n]);
    b->n++;
}

void rep_barset_chart(struct rep *r, struct rep_barset *b,
                      const char *title_fmt, const char *cur)
{
    rep_line(r, "%s", "");
    rep_line(r, title_fmt, cur);
    rep_bars(r, b->labels, b->vals, b->tp, b->n);
    free(b);
}
