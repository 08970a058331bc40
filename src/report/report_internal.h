/*
 * report_internal.h: what the files of src/report share.
 *
 * struct rep is one report being made: the options, the resolved period
 * and filter, the output document and a sticky error (rep->rc): once a
 * step fails every later step does nothing, so report bodies read as a
 * straight list of steps and check rep->rc once at the end.
 *
 * Tables (rep_table_*) collect typed cells (text, whole number, money,
 * per-mille share) and are laid out either as aligned text at true
 * display width, shrinking the flexible columns to fit the width, or as
 * CSV blocks with plain numbers. Bars (rep_bars) are text only.
 */
#ifndef TCRM_REPORT_INTERNAL_H
#define TCRM_REPORT_INTERNAL_H

#include <stdlib.h>

#include <stddef.h>
#include <stdint.h>

#include "tcrm/report.h"
#include "tcrm/report_query.h"
#include "tcrm/i18n.h"

struct rep {
    struct tcrm_db *db;
    const struct tcrm_config *cfg;
    const struct tcrm_report_opts *o;
    const struct tcrm_report_info *info;
    struct tcrm_doc *doc;
    struct tcrm_rq_filter f;
    char today[11], from[11], to[11];  /* from/to "" when no period */
    time_t now;
    int csv, width, ascii;
    int rc;                            /* sticky error */
    struct tcrm_error *err;
};

/* Column kinds. */
enum rep_kind { REP_TEXT, REP_INT, REP_MONEY, REP_PCT, REP_QTY };

struct rep_col {
    const char *head;
    enum rep_kind kind;
    int flex;               /* may shrink (text only) */
};

struct rep_cell {
    char *text;             /* REP_TEXT (sanitized) or NULL */
    int64_t n;              /* REP_INT, REP_MONEY minor units, REP_PCT per
                               mille, REP_QTY thousandths */
    char cur[4];            /* REP_MONEY currency */
    int empty;              /* draw nothing */
};

struct rep_table {
    const char *section;    /* CSV first column */
    const struct rep_col *cols;
    int ncols;
    struct rep_cell *cells; /* nrows * ncols */
    unsigned char *rule;    /* a rule line before the row (totals) */
    const int *minw;        /* NULL, or least width per column (to line
                               up several tables) */
    size_t nrows, cap;
};

/* ---- words ------------------------------------------------------------ */

/* Text documents are for people and speak their language; CSV stays
 * English (headers, section names, values). s marked with N_() where it
 * is written: rep_tr(r, N_("Total")) is the word to put in a cell;
 * column heads (struct rep_col.head) are marked N_ and translated by the
 * text layout (report_table.c). rep_line and rep_heading (text only)
 * take formats wrapped at the call: rep_line(r, _("None.")). */
static inline const char *rep_tr(const struct rep *r, const char *s)
{
    return r->csv || !s || !*s ? s : _(s);
}

/* A deal stage (a stored key) as the text shows it. */
static inline const char *rep_stage(const struct rep *r, const char *stage)
{
    return r->csv ? stage : tcrm_i18n_word("stage", stage);
}

/* ---- report.c: document, formatting, tables, bars ---------------------- */

/* fmt is translated here (a keyword of xgettext: po/xgettext.args). */
int rep_fail(struct rep *r, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Take the error of a core call (rc != 0) into r; returns r->rc. */
int rep_check(struct rep *r, int rc);
/* Append a line to the document, whatever the format. */
void rep_push(struct rep *r, const char *line);
/* Append a line (text output only; CSV ignores it). */
void rep_line(struct rep *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A blank line, the heading and a rule under it (text only). */
void rep_heading(struct rep *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* "1,234,567"; "-1,234". out >= 32. */
char *rep_fmt_int(int64_t n, char *out);
/* "1,200.50 EUR" (currency NULL: no suffix). out >= 48. */
char *rep_fmt_money(int64_t minor, const char *cur, char *out);
/* per mille -> "42.9%". out >= 16. */
char *rep_fmt_pct(int64_t pm, char *out);
/* a * 1000 / b rounded (0 when b is 0). */
int64_t rep_permille(int64_t a, int64_t b);
/* x / 100 rounded half away from zero (weighted amounts). */
int64_t rep_div100(int64_t x);

void rep_table_init(struct rep_table *t, const char *section,
                    const struct rep_col *cols, int ncols);
/* Start a new row (cells empty); rule: draw a rule above it. */
void rep_row(struct rep *r, struct rep_table *t, int rule);
/* Set cell col of the last row. */
void rep_text(struct rep *r, struct rep_table *t, int col, const char *s);
void rep_int(struct rep_table *t, int col, int64_t n);
void rep_money(struct rep_table *t, int col, int64_t minor, const char *cur);
void rep_pct(struct rep_table *t, int col, int64_t permille);
/* A quantity in thousandths: "1,234.5" (text), "1234.5" (CSV). */
void rep_qty(struct rep_table *t, int col, int64_t milli);
/* Lay the table out into the document and free it. */
void rep_table_emit(struct rep *r, struct rep_table *t);
void rep_table_free(struct rep_table *t);

/* A horizontal bar chart (text only): one line per label. */
void rep_bars(struct rep *r, const char *const *labels,
              const int64_t *values, const char *const *texts, size_t n);

/* Bars collected one by one (labels and value texts copied), at most
 * max (up to REP_MAX_BARS); rep_barset_chart draws them and frees. */
#define REP_MAX_BARS 120
struct rep_barset {
    const char *labels[REP_MAX_BARS], *tp[REP_MAX_BARS];
    char lab[REP_MAX_BARS][96], texts[REP_MAX_BARS][48];
    int64_t vals[REP_MAX_BARS];
    size_t n, max;
};
/* NULL (and r fails: out of memory) when there is no room. */
struct rep_barset *rep_barset_new(struct rep *r, size_t max);
/* A bar of value v (money in cur); nothing when the set is full. */
void rep_barset_add(struct rep_barset *b, const char *label, int64_t v,
                    const char *cur);
/* A blank line, the title (title_fmt with cur) and the bars; frees b. */
void rep_barset_chart(struct rep *r, struct rep_barset *b,
                      const char *title_fmt, const char *cur);

/* The distinct currencies of column col of t, sorted, at most max;
 * returns how many. */
#define REP_MAX_CUR 64
size_t rep_currencies(const struct tcrm_rq_table *t, size_t col,
                      char (*out)[4], size_t max);
/* fn(r, cur, ctx) for each currency of column col of q (rep_currencies);
 * when there is none, a blank line and `none` (translated) instead. */
void rep_each_currency(struct rep *r, const struct tcrm_rq_table *q,
                       size_t col, const char *none,
                       void (*fn)(struct rep *r, const char *cur,
                                  void *ctx),
                       void *ctx);

/* The months of the period, from r->from to r->to ("2026-03"):
 * rep_month_start, then while rep_month_next(&it) use it.month. */
struct rep_month {
    int y, m;
    char end[16], month[24];
};
void rep_month_start(const struct rep *r, struct rep_month *it);
int rep_month_next(struct rep_month *it);

/* "never" (in the text's language) or the date part of a stored form. */
const char *rep_day(const struct rep *r, const char *iso, char out[11]);

/* ---- rates (report_receivables.c) --------------------------------------- */

/* [sales] base_currency (default CNY). */
const char *rep_base(const struct rep *r);
/* Rates looked up once per currency and day (rate.h). */
struct tcrm_rate;
struct rep_rate_entry;
struct rep_rates {
    struct rep_rate_entry *e;
    size_t n, cap;
};
/* The rate of cur into the base currency on day (1 for the base); NULL
 * and r fails with the one line of rate.h when there is none. */
const struct tcrm_rate *rep_rate(struct rep *r, struct rep_rates *c,
                                 const char *cur, const char *day);
void rep_rates_free(struct rep_rates *c);
/* minor of rate's currency in the base currency (rounded once). */
int64_t rep_convert(struct rep *r, int64_t minor, const struct tcrm_rate *rt);
/* The rate beside a converted figure: "USD 7.12" (text), "7.12" (CSV);
 * the base currency: "" (text), "1" (CSV). */
char *rep_rate_text(const struct rep *r, const char *cur,
                    const struct tcrm_rate *rt, char *out, size_t cap);

/* ---- the reports ------------------------------------------------------- */

void rep_agenda(struct rep *r);
void rep_activity(struct rep *r);
void rep_pipeline(struct rep *r);
void rep_forecast(struct rep *r);
void rep_won_lost(struct rep *r);
void rep_gone_quiet(struct rep *r);
void rep_segments(struct rep *r);
void rep_imports(struct rep *r);
void rep_sales(struct rep *r);
void rep_products(struct rep *r);
void rep_receivables(struct rep *r);
void rep_payments(struct rep *r);
void rep_service(struct rep *r);
void rep_campaigns(struct rep *r);

/* qsort of n elements that accepts an empty array (base NULL, n 0), which
 * qsort itself may not be given. */
static inline void rep_qsort(void *base, size_t n, size_t size,
                             int (*cmp)(const void *, const void *))
{
    if (n > 1)
        qsort(base, n, size, cmp);
}

#endif
