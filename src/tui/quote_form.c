/*
 * quote_form.c: the quote form: a customer, a currency, a valid-until
 * date, and a table of lines (product code or text, quantity, price,
 * discount %, tax %, tax included), with the totals under it.
 *
 * Design. The form widget (form.c) lays out one field per row; a quote
 * is a table, so this dialog draws its own: four header fields (the
 * customer company, the contact: a name or an id, currency, valid
 * until), then
 * one row per line, each cell a line editor (lineedit.h). The last row
 * is always empty: typing into it makes a new line. On every key the
 * lines are computed again by the one rounding rule, tcrm_money_line
 * (money.h), and the totals are their sums, so what the form shows is
 * what the core will store and print.
 *
 * A product code typed into the first cell is looked up as the cursor
 * leaves it: an empty price takes the catalogue's price (when it is in
 * the quote's currency), an empty tax its rate. Anything else is a line
 * of text.
 *
 * Saving a new quote inserts it and its lines in one transaction
 * (tcrm_quote_insert, tcrm_quote_add_line), so nothing is half written;
 * on a draft the header can change too (tcrm_quote_update, in the same
 * transaction as the new lines); on a sent quote it is shown as it is.
 * Lines are only added, as `tcrm quote line` does: they are never changed
 * once written (quote.h). A refusal names its line and field on the
 * status line, and the cursor goes there.
 */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "draw.h"
#include "form.h"
#include "modal.h"
#include "tcrm/company.h"
#include "tcrm/contact.h"
#include "tcrm/date.h"
#include "tcrm/money.h"
#include "tcrm/product.h"
#include "tcrm/quote.h"
#include "tcrm/text.h"
#include "theme.h"

#define MAX_ROWS 200
#define GO_ON 100          /* a key handled, the form stays */

enum { H_CUSTOMER, H_CONTACT, H_CURRENCY, H_VALID, H_N };
enum { C_WHAT, C_QTY, C_PRICE, C_DISC, C_TAX, C_INCL, C_N };

struct qrow {
    struct tui_lineedit c[C_N - 1];   /* C_INCL is the flag below */
    int gross;
    int ok;                           /* am holds this line's amounts */
    struct tcrm_line_in in;
    struct tcrm_line_amounts am;
    char looked[64];                  /* the code last looked up */
    int is_product;
};

struct qform {
    struct tcrm_db *db;
    const struct tcrm_config *cfg;
    struct tcrm_quote q;              /* the quote (edit: as read) */
    struct tcrm_quote_line *old;      /* edit: the lines already there */
    size_t n_old;
    char *customer0, *contact0;       /* company and contact as offered */
    struct tui_lineedit h[H_N];
    struct qrow *rows;
    size_t n_rows;
    int row, col;                     /* row -1: the header, col its field */
    int top;                          /* first table row shown */
    int dirty;
    char status[512];
    int status_err;
    int64_t net, tax, gross;
};

/* TRANSLATORS: the quote form's labels and its table's column headers:
 * Product or text 20, Qty 7, Price 10, Disc% 5, Tax% 5, Incl (price
 * includes tax) 4, Line total 12 columns at most (a CJK character is 2) */
static const char *const head_labels[H_N] = {
    N_("Customer"), N_("Contact"), N_("Currency"), N_("Valid until")
};
static const char *const col_titles[C_N + 1] = {
    N_("Product or text"), N_("Qty"), N_("Price"), N_("Disc%"), N_("Tax%"),
    N_("Incl"), N_("Line total")
};

static void status(struct qform *x, int is_err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void status(struct qform *x, int is_err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->status, sizeof x->status, fmt, ap);
    va_end(ap);
    x->status_err = is_err;
}

/* A new quote or a draft: its header can change (quote.h). */
static int head_open(const struct qform *x)
{
    return !x->q.id || x->q.state == TCRM_QUOTE_DRAFT;
}

/* ---- rows ------------------------------------------------------------ */

static int row_empty(const struct qrow *r)
{
    for (int i = 0; i < C_N - 1; i++)
        if (r->c[i].len && strspn(r->c[i].buf, " ") != r->c[i].len)
            return 0;
    return 1;
}

static int add_row(struct qform *x)
{
    if (x->n_rows >= MAX_ROWS)
        return 0;
    struct qrow *n = realloc(x->rows, (x->n_rows + 1) * sizeof *n);
    if (!n)
        return TCRM_ENOMEM;
    x->rows = n;
    struct qrow *r = &x->rows[x->n_rows];
    memset(r, 0, sizeof *r);
    for (int i = 0; i < C_N - 1; i++)
        if (tui_le_init(&r->c[i], NULL) != 0)
            return TCRM_ENOMEM;
    x->n_rows++;
    return 0;
}

/* The last row is kept empty, and only that one. */
static void tidy_rows(struct qform *x)
{
    while (x->n_rows >= 2 && row_empty(&x->rows[x->n_rows - 1]) &&
           row_empty(&x->rows[x->n_rows - 2]) &&
           x->row < (int)x->n_rows - 1) {
        for (int i = 0; i < C_N - 1; i++)
            tui_le_free(&x->rows[x->n_rows - 1].c[i]);
        x->n_rows--;
    }
    if (x->n_rows == 0 || !row_empty(&x->rows[x->n_rows - 1]))
        add_row(x);
}

static char *cell(const struct qrow *r, int c)
{
    const char *s = r->c[c].buf;
    while (*s == ' ')
        s++;
    return *s ? (char *)s : NULL;
}

/* The product cell left: a product code fills an empty price and tax. */
static void look_up(struct qform *x, struct qrow *r)
{
    const char *code = cell(r, C_WHAT);
    char cur[8];
    if (!code || strcmp(code, r->looked) == 0)
        return;
    snprintf(r->looked, sizeof r->looked, "%s", code);
    struct tcrm_product p;
    tcrm_product_init(&p);
    r->is_product = tcrm_product_find(x->db, code, &p, NULL) == 0;
    snprintf(cur, sizeof cur, "%s", x->h[H_CURRENCY].buf);
    if (r->is_product) {
        char v[48];
        int same = p.currency && strcasecmp(p.currency, cur) == 0;
        if (!cell(r, C_PRICE) && same) {
            tcrm_decimal_format(p.price_minor, TCRM_MONEY_PLACES, 0, v,
                                sizeof v);
            tui_le_set(&r->c[C_PRICE], v);
        }
        if (!cell(r, C_TAX)) {
            tcrm_decimal_format(p.tax_rate, TCRM_PCT_PLACES, 0, v, sizeof v);
            tui_le_set(&r->c[C_TAX], v);
        }
        if (same)
            status(x, 0, _("Product %s: %s"), p.code, p.name ? p.name : "");
        else
            status(x, 1, _("Product %s is priced in %s: give the price in "
                   "%s"), p.code, p.currency ? p.currency : "", cur);
    }
    tcrm_product_clear(&p);
}

/* A row's amounts by the rounding rule; 0, or the error (field named). */
static int row_compute(struct qrow *r, struct tcrm_error *err)
{
    const char *t;
    r->ok = 0;
    memset(&r->in, 0, sizeof r->in);
    r->in.gross = r->gross;
    if (tcrm_decimal_read(cell(r, C_QTY) ? cell(r, C_QTY) : "", "quantity",
                          TCRM_QTY_PLACES, &r->in.qty, err) != 0 ||
        tcrm_decimal_read(cell(r, C_PRICE) ? cell(r, C_PRICE) : "", "price",
                          TCRM_MONEY_PLACES, &r->in.price, err) != 0)
        return err->code;
    if ((t = cell(r, C_DISC)) && tcrm_percent_read(t, "discount",
                                                   &r->in.discount, err))
        return err->code;
    if ((t = cell(r, C_TAX)) && tcrm_percent_read(t, "tax", &r->in.tax, err))
        return err->code;
    if (tcrm_money_line(&r->in, &r->am, err) != 0)
        return err->code;
    r->ok = 1;
    return 0;
}

static void recompute(struct qform *x)
{
    x->net = x->tax = x->gross = 0;
    for (size_t i = 0; i < x->n_old; i++) {
        x->net += x->old[i].am.net;
        x->tax += x->old[i].am.tax;
        x->gross += x->old[i].am.gross;
    }
    for (size_t i = 0; i < x->n_rows; i++) {
        struct tcrm_error err;
        struct qrow *r = &x->rows[i];
        if (row_empty(r) || row_compute(r, &err) != 0)
            continue;
        x->net += r->am.net;
        x->tax += r->am.tax;
        x->gross += r->am.gross;
    }
}

/* ---- drawing --------------------------------------------------------- */

/* Column widths of the table for a terminal w wide. */
static void widths(int w, int *cw)
{
    static const int fixed[C_N + 1] = {0, 7, 10, 5, 5, 4, 12};
    int used = 4;                       /* "nn " and the marker */
    for (int i = 1; i <= C_N; i++) {
        cw[i] = fixed[i];
        used += fixed[i] + 1;
    }
    cw[0] = w - used - 1;
    if (cw[0] < 12)
        cw[0] = 12;
}

static void draw_edit(struct tui_lineedit *le, int y, int x, int w, int attr,
                      int active, int *cy, int *cx)
{
    char buf[TUI_LE_MAX + 8];
    int cur;
    tui_le_scroll(le, w);
    tui_le_view(le, w, buf, sizeof buf, &cur);
    tui_draw_cell(stdscr, y, x, w, buf, attr, 0);
    if (active) {
        *cy = y;
        *cx = x + cur;
    }
}

static void draw_header(struct qform *x, int w, int *cy, int *cx)
{
    for (int i = 0; i < H_N; i++) {
        int y = 2 + i, active = x->row == -1 && x->col == i;
        tui_draw_text(stdscr, y, 1, 14, _(head_labels[i]),
                      tui_attr(TUI_HEADER));
        if (!head_open(x)) {            /* a sent quote: as it is */
            tui_draw_text(stdscr, y, 16, w - 17, x->h[i].buf,
                          tui_attr(TUI_NORMAL));
            continue;
        }
        draw_edit(&x->h[i], y, 16, w - 17, tui_attr(active ? TUI_CURSOR
                  : TUI_NORMAL), active, cy, cx);
    }
}

static void draw_old(struct qform *x, const int *cw, int y, size_t i)
{
    const struct tcrm_quote_line *l = &x->old[i];
    char v[C_N + 1][64];
    snprintf(v[0], 64, "%s%s%s", l->product_code ? l->product_code : "",
             l->product_code ? " " : "", l->description ? l->description
             : "");
    tcrm_decimal_format(l->in.qty, TCRM_QTY_PLACES, 0, v[1], 64);
    tcrm_decimal_format(l->in.price, TCRM_MONEY_PLACES, 0, v[2], 64);
    tcrm_decimal_format(l->in.discount, TCRM_PCT_PLACES, 0, v[3], 64);
    tcrm_decimal_format(l->in.tax, TCRM_PCT_PLACES, 0, v[4], 64);
    snprintf(v[5], 64, "%s", l->in.gross ? C_("incl", "yes") : "");
    tcrm_money_format(l->am.gross, NULL, v[6], 64);
    int xx = 1;
    tui_draw_fmt(stdscr, y, xx, 3, tui_attr(TUI_DIM), "%2d", l->position);
    xx += 3;
    for (int c = 0; c <= C_N; c++) {
        tui_draw_cell(stdscr, y, xx, cw[c], v[c], tui_attr(TUI_DIM), c > 0);
        xx += cw[c] + 1;
    }
}

static void draw_row(struct qform *x, const int *cw, int y, size_t i,
                     int *cy, int *cx)
{
    struct qrow *r = &x->rows[i];
    char total[64] = "";
    int xx = 1;
    tui_draw_fmt(stdscr, y, xx, 3, tui_attr(TUI_NORMAL), "%2zu",
                 x->n_old + i + 1);
    xx += 3;
    for (int c = 0; c < C_N; c++) {
        int active = x->row == (int)i && x->col == c;
        int attr = tui_attr(active ? TUI_CURSOR : TUI_NORMAL);
        if (c == C_INCL) {
            tui_draw_cell(stdscr, y, xx, cw[c], r->gross ? C_("incl", "yes")
                          : "-", attr, 0);
            if (active) {
                *cy = y;
                *cx = xx;
            }
        } else {
            draw_edit(&r->c[c], y, xx, cw[c], attr, active, cy, cx);
        }
        xx += cw[c] + 1;
    }
    if (r->ok && !row_empty(r))
        tcrm_money_format(r->am.gross, NULL, total, sizeof total);
    else if (!row_empty(r))
        snprintf(total, sizeof total, "?");
    tui_draw_cell(stdscr, y, xx, cw[C_N], total, tui_attr(TUI_NORMAL), 1);
}

/* Rows of the table that fit between the header and the totals. */
static int table_rows(void)
{
    int h = getmaxy(stdscr);
    return h - 9 - H_N > 1 ? h - 9 - H_N : 1;
}

static void draw_table(struct qform *x, int w, int *cy, int *cx)
{
    int cw[C_N + 1], y = 3 + H_N, xx = 4, rows = table_rows();
    widths(w, cw);
    tui_draw_fill(stdscr, y, 0, w, tui_attr(TUI_HEADER));
    for (int c = 0; c <= C_N; c++) {
        tui_draw_cell(stdscr, y, xx, cw[c], _(col_titles[c]),
                      tui_attr(TUI_HEADER), c > 0 && c != C_INCL);
        xx += cw[c] + 1;
    }
    size_t all = x->n_old + x->n_rows;
    int want = x->row >= 0 ? (int)x->n_old + x->row : 0;
    if (want < x->top)
        x->top = want;
    if (want >= x->top + rows)
        x->top = want - rows + 1;
    for (int k = 0; k < rows && (size_t)(x->top + k) < all; k++) {
        size_t i = (size_t)(x->top + k);
        if (i < x->n_old)
            draw_old(x, cw, y + 1 + k, i);
        else
            draw_row(x, cw, y + 1 + k, i - x->n_old, cy, cx);
    }
}

static void draw_totals(struct qform *x, int w)
{
    int h = getmaxy(stdscr), y = h - 5;
    char n[48], t[48], g[64];
    tui_draw_hline(stdscr, y, 0, w, tui_attr(TUI_DIM));
    tcrm_money_format(x->net, NULL, n, sizeof n);
    tcrm_money_format(x->tax, NULL, t, sizeof t);
    tcrm_money_format(x->gross, x->h[H_CURRENCY].buf, g, sizeof g);
    /* TRANSLATORS: the quote form's totals, under its lines */
    tui_draw_fmt(stdscr, y + 1, 1, w - 2, tui_attr(TUI_HEADER),
                 _("Totals: net %s  tax %s  gross %s"), n, t, g);
}

static void draw(struct qform *x)
{
    int h, w, cy = 0, cx = 0;
    getmaxyx(stdscr, h, w);
    werase(stdscr);
    tui_draw_fill(stdscr, 0, 0, w, tui_attr(TUI_TITLE));
    if (x->q.id && head_open(x))
        tui_draw_fmt(stdscr, 0, 1, w - 2, tui_attr(TUI_TITLE),
                     _("Quote %s: its header and more lines"), x->q.number);
    else if (x->q.id)
        tui_draw_fmt(stdscr, 0, 1, w - 2, tui_attr(TUI_TITLE),
                     _("Quote %s: more lines"), x->q.number);
    else
        tui_draw_text(stdscr, 0, 1, w - 2, _("New quote"),
                      tui_attr(TUI_TITLE));
    draw_header(x, w, &cy, &cx);
    draw_table(x, w, &cy, &cx);
    draw_totals(x, w);
    tui_draw_text(stdscr, h - 3, 1, w - 2, _("Tab next cell, Shift-Tab back, "
                  "Up/Down line, Space: Incl (tax included)"),
                  tui_attr(TUI_DIM));
    tui_draw_text(stdscr, h - 2, 1, w - 2, _("Enter saves, Esc cancels"),
                  tui_attr(TUI_DIM));
    tui_draw_fill(stdscr, h - 1, 0, w, tui_attr(TUI_STATUS));
    tui_draw_text(stdscr, h - 1, 0, w, x->status,
                  tui_attr(x->status_err ? TUI_ERROR : TUI_STATUS));
    move(cy, cx);
    wnoutrefresh(stdscr);
    doupdate();
}

/* ---- moving ---------------------------------------------------------- */

static void leave_cell(struct qform *x)
{
    if (x->row >= 0 && x->col == C_WHAT)
        look_up(x, &x->rows[x->row]);
}

/* Tab (+1) and Shift-Tab (-1): the next cell, row after row. */
static void step(struct qform *x, int d)
{
    leave_cell(x);
    int first_row = head_open(x) ? -1 : 0;
    int ncols = x->row < 0 ? H_N : C_N;
    x->col += d;
    if (x->col >= ncols) {
        if (x->row + 1 < (int)x->n_rows) {
            x->row++;
            x->col = 0;
        } else {
            x->col = ncols - 1;
        }
    } else if (x->col < 0) {
        if (x->row > first_row) {
            x->row--;
            x->col = x->row < 0 ? H_N - 1 : C_N - 1;
        } else {
            x->col = 0;
        }
    }
    tidy_rows(x);
}

static void vmove(struct qform *x, int d)
{
    int first_row = head_open(x) ? -1 : 0;
    leave_cell(x);
    if (x->row < 0) {                   /* header fields, then the table */
        x->col += d;
        if (x->col >= H_N) {
            x->row = 0;
            x->col = 0;
        } else if (x->col < 0) {
            x->col = 0;
        }
    } else if (x->row + d >= first_row && x->row + d < (int)x->n_rows) {
        x->row += d;
        if (x->row < 0)
            x->col = H_N - 1;
    }
    tidy_rows(x);
}

/* ---- saving ---------------------------------------------------------- */

/* The customer typed: the company offered, else one by that name; empty:
 * none (the contact alone is the customer). */
static int resolve_customer(struct qform *x, struct tcrm_error *err)
{
    const char *name = x->h[H_CUSTOMER].buf;
    if (strcmp(name, x->customer0 ? x->customer0 : "") == 0)
        return 0;
    x->q.company_id = 0;
    if (!*name)
        return 0;
    if (tcrm_company_find(x->db, name, &x->q.company_id, err) != 0)
        return err->code;
    if (!x->q.company_id)
        return tcrm_error_field(err, TCRM_EINVAL, "company", "company '%s': "
                                "not found (add it with: tcrm company add "
                                "NAME)", name);
    return 0;
}

/* The contact typed: the one offered, its id, else the contact of that
 * name (the core says when it is not one of the company's); empty: none. */
static int resolve_contact(struct qform *x, struct tcrm_error *err)
{
    const char *name = x->h[H_CONTACT].buf;
    struct tcrm_contact_filter f = { name, NULL, 0, 0 };
    struct tcrm_contact_page pg = { 0 };
    if (strcmp(name, x->contact0 ? x->contact0 : "") == 0)
        return 0;
    x->q.contact_id = 0;
    if (!*name)
        return 0;
    if (strspn(name, "0123456789") == strlen(name) && strlen(name) < 16) {
        x->q.contact_id = strtoll(name, NULL, 10);
        return 0;
    }
    int rc = tcrm_contact_list(x->db, &f, NULL, 0, 50, &pg, err);
    for (size_t i = 0; rc == 0 && i < pg.n && !x->q.contact_id; i++)
        if (pg.rows[i].name && strcasecmp(pg.rows[i].name, name) == 0)
            x->q.contact_id = pg.rows[i].id;
    tcrm_contact_page_free(&pg);
    if (rc == 0 && !x->q.contact_id)
        rc = tcrm_error_field(err, TCRM_ENOTFOUND, "contact", "contact '%s': "
                              "not found (type its name or its id)", name);
    return rc;
}

static int header_work(struct qform *x, struct tcrm_error *err)
{
    char iso[11];
    struct tcrm_when w;
    const char *valid = x->h[H_VALID].buf;
    int rc = resolve_customer(x, err);
    if (rc == 0)
        rc = resolve_contact(x, err);
    if (rc == 0)
        rc = tcrm_str_set(&x->q.currency, x->h[H_CURRENCY].buf);
    if (rc == 0)
        rc = tcrm_str_set(&x->q.valid_until, NULL);
    if (rc == 0 && *valid) {
        if (tcrm_date_parse(valid, tcrm_clock_now(), &w, err) != 0)
            return tcrm_error_field(err, TCRM_EINVAL, "valid", "valid: "
                                    "'%.40s' is not a date (use "
                                    "YYYY-MM-DD)", valid);
        tcrm_when_date(&w, iso);
        rc = tcrm_str_set(&x->q.valid_until, iso);
    }
    if (rc == 0 && x->q.id)
        rc = tcrm_quote_update(x->db, &x->q, err);
    else if (rc == 0)
        rc = tcrm_quote_insert(x->db, &x->q, x->cfg->quote_number, err);
    return rc;
}

/* Row i written by the core; *bad = the row on an error. */
static int line_work(struct qform *x, size_t i, struct tcrm_error *err)
{
    struct qrow *r = &x->rows[i];
    struct tcrm_quote_line l;
    tcrm_quote_line_init(&l);
    l.quote_id = x->q.id;
    int rc = row_compute(r, err);
    if (rc == 0) {
        l.in = r->in;
        if (!r->is_product)
            rc = tcrm_str_set(&l.description, cell(r, C_WHAT));
    }
    if (rc == 0)
        rc = tcrm_quote_add_line(x->db, &l, r->is_product
                                 ? cell(r, C_WHAT) : NULL, NULL, err);
    tcrm_quote_line_clear(&l);
    return rc;
}

/* The cell a message is about. */
static int col_of(const char *field)
{
    static const char *const f[] = {"text", "quantity", "price", "discount",
                                    "tax"};
    for (int i = 0; i < 5; i++)
        if (strcmp(field, f[i]) == 0)
            return i;
    return strcmp(field, "product") == 0 ? C_WHAT : -1;
}

/* After a refusal: the cursor to the field or line it is about. */
static void show_error(struct qform *x, int row, const struct tcrm_error *err)
{
    static const char *const head[H_N] = {"company", "contact", "currency",
                                          "valid"};
    if (row >= 0 && col_of(err->field) >= 0) {
        x->row = row;
        x->col = col_of(err->field);
        /* TRANSLATORS: an error about one line of the quote form */
        status(x, 1, _("line %d: %s"), (int)x->n_old + row + 1, err->msg);
        return;
    }
    for (int i = 0; head_open(x) && i < H_N; i++)
        if (strcmp(err->field, head[i]) == 0) {
            x->row = -1;
            x->col = i;
        }
    status(x, 1, "%s", err->msg);
}

static int save(struct qform *x)
{
    struct tcrm_error err = {0};
    int rc = 0, row = -1, lines = 0, is_new = !x->q.id;
    int64_t version = x->q.version;
    leave_cell(x);
    if ((rc = tcrm_db_begin(x->db, &err)) == 0 && head_open(x))
        rc = header_work(x, &err);
    for (size_t i = 0; rc == 0 && i < x->n_rows; i++) {
        if (row_empty(&x->rows[i]))
            continue;
        row = (int)i;
        rc = line_work(x, i, &err);
        lines++;
    }
    if (rc == 0 && lines == 0 && !is_new && x->q.version == version)
        rc = tcrm_error_set(&err, TCRM_EINVAL, head_open(x) ? "no changes "
                            "to save" : "no new lines to add");
    if (rc == 0)
        return tcrm_db_commit(x->db, &err) == 0 ? TUI_SAVED
             : (status(x, 1, "%s", err.msg), 0);
    tcrm_db_rollback(x->db);
    x->q.version = version;             /* nothing was written */
    if (is_new) {                       /* the insert was undone */
        x->q.id = 0;
        x->q.version = 0;
        tcrm_str_set(&x->q.number, NULL);
    }
    show_error(x, row, &err);
    return 0;
}

/* ---- the loop -------------------------------------------------------- */

static struct tui_lineedit *editor(struct qform *x)
{
    if (x->row < 0)
        return head_open(x) ? &x->h[x->col] : NULL;
    return x->col == C_INCL ? NULL : &x->rows[x->row].c[x->col];
}

/* The tax-included flag: Space toggles, y sets, n clears. */
static int incl_key(struct qform *x, const struct tui_key *k)
{
    struct qrow *r = &x->rows[x->row];
    if (k->fn || (k->ch != ' ' && k->ch != 'y' && k->ch != 'n'))
        return 0;
    r->gross = k->ch == ' ' ? !r->gross : k->ch == 'y';
    return 1;
}

static int on_escape(struct qform *x)
{
    if (!x->dirty)
        return 1;
    /* TRANSLATORS: y and n stay the keys that answer */
    return tui_confirm(_("Discard changes? (y/n)"));
}

/* One key; TUI_SAVED / TUI_CANCELLED to close, GO_ON to go on. */
static int handle(struct qform *x, const struct tui_key *k)
{
    struct tui_lineedit *le = editor(x);
    if (tui_key_is(k, 27))
        return on_escape(x) ? TUI_CANCELLED : GO_ON;
    if (tui_key_is(k, '\n'))
        return save(x) == TUI_SAVED ? TUI_SAVED : GO_ON;
    if (tui_key_is(k, '\t') || k->fn == KEY_BTAB)
        step(x, k->fn == KEY_BTAB ? -1 : 1);
    else if (k->fn == KEY_DOWN || k->fn == KEY_UP)
        vmove(x, k->fn == KEY_DOWN ? 1 : -1);
    else if (tui_key_is(k, 12))                 /* Ctrl-L */
        clearok(curscr, TRUE);
    else if (x->row >= 0 && x->col == C_INCL && incl_key(x, k))
        x->dirty = 1;
    else if (le && tui_le_key(le, k) == 1) {
        x->dirty = 1;
        if (x->row == (int)x->n_rows - 1)
            tidy_rows(x);
    }
    recompute(x);
    return GO_ON;
}

static int run(struct qform *x)
{
    for (;;) {
        struct tui_key k;
        draw(x);
        if (tui_read_key(&k) != 0)
            return TCRM_EIO;
        if (k.fn == KEY_RESIZE)
            continue;
        int rc = handle(x, &k);
        if (rc != GO_ON)
            return rc;
    }
}

/* An open quote: its header as it is, its lines shown above new ones. */
static int load(struct qform *x, int64_t id)
{
    struct tcrm_error err = {0};
    char msg[300];
    if (tcrm_quote_get(x->db, id, &x->q, &err) != 0 ||
        tcrm_quote_lines(x->db, id, &x->old, &x->n_old, &err) != 0) {
        tui_message(err.msg);
        return -1;
    }
    if (x->q.state != TCRM_QUOTE_DRAFT && x->q.state != TCRM_QUOTE_SENT) {
        snprintf(msg, sizeof msg, _("Quote %s is %s: it cannot be changed"),
                 x->q.number, tcrm_i18n_word("quote state",
                 tcrm_quote_state_name(x->q.state)));
        tui_message(msg);
        return -1;
    }
    tui_le_set(&x->h[H_CUSTOMER], x->q.company_name);
    tui_le_set(&x->h[H_CONTACT], x->q.contact_name);
    tui_le_set(&x->h[H_CURRENCY], x->q.currency);
    tui_le_set(&x->h[H_VALID], x->q.valid_until);
    x->customer0 = x->q.company_name ? strdup(x->q.company_name) : NULL;
    x->contact0 = x->q.contact_name ? strdup(x->q.contact_name) : NULL;
    x->row = 0;
    return 0;
}

/* A new quote: for the company, contact and deal given. */
static void start(struct qform *x, int64_t company, int64_t contact,
                  int64_t deal)
{
    char name[256] = "", who[256] = "";
    struct tcrm_company co;
    tcrm_company_init(&co);
    x->q.company_id = company;
    x->q.contact_id = contact;
    x->q.deal_id = deal;
    if (company && tcrm_company_get(x->db, company, &co, NULL) == 0)
        snprintf(name, sizeof name, "%s", co.name ? co.name : "");
    tui_contact_name(x->db, contact, who, sizeof who);
    tcrm_company_clear(&co);
    x->customer0 = strdup(name);
    x->contact0 = strdup(who);
    tui_le_set(&x->h[H_CUSTOMER], name);
    tui_le_set(&x->h[H_CONTACT], who);
    tui_le_set(&x->h[H_CURRENCY], x->cfg->currency ? x->cfg->currency
               : "EUR");
    x->row = -1;
    x->col = name[0] || who[0] ? H_CURRENCY : H_CUSTOMER;
}

int tui_quote_form(struct tcrm_db *db, const struct tcrm_config *cfg,
                   int64_t id, int64_t company_id, int64_t contact_id,
                   int64_t deal_id, int64_t *out_id)
{
    struct qform x = {.db = db, .cfg = cfg};
    int rc = 0;
    tcrm_quote_init(&x.q);
    for (int i = 0; i < H_N; i++)
        rc |= tui_le_init(&x.h[i], NULL);
    if (rc == 0 && id && load(&x, id) != 0)
        rc = TUI_CANCELLED;
    else if (rc == 0 && !id)
        start(&x, company_id, contact_id, deal_id);
    if (rc == 0 && (rc = add_row(&x)) == 0) {
        recompute(&x);
        rc = run(&x);
    }
    if (rc == TUI_SAVED && out_id)
        *out_id = x.q.id;
    for (size_t i = 0; i < x.n_rows; i++)
        for (int c = 0; c < C_N - 1; c++)
            tui_le_free(&x.rows[i].c[c]);
    free(x.rows);
    for (int i = 0; i < H_N; i++)
        tui_le_free(&x.h[i]);
    tcrm_quote_lines_free(x.old, x.n_old);
    tcrm_quote_clear(&x.q);
    free(x.customer0);
    free(x.contact0);
    return rc;
}
