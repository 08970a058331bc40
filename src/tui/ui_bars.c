/*
 * ui_bars.c: the three one-line bars: the top bar (views by number, the
 * current view's count, search and tag), the status line (results and
 * errors, or while searching the search being typed), and the function-key
 * bar at the bottom (htop/mc style: the key number, then its label).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "tcrm/text.h"
#include "theme.h"
#include "ui.h"

void tui_status(struct tui_app *a, int is_error, const char *fmt, ...)
{
    va_list ap;
    fmt = _(fmt);               /* a keyword of xgettext (po/xgettext.args) */
    va_start(ap, fmt);
    vsnprintf(a->status, sizeof a->status, fmt, ap);
    va_end(ap);
    a->status_err = is_error;
}

/* 1234567 -> "1,234,567" */
static void thousands(long long n, char *out, size_t sz)
{
    char raw[32];
    snprintf(raw, sizeof raw, "%lld", n < 0 ? -n : n);
    size_t len = strlen(raw), o = 0;
    if (n < 0 && o + 1 < sz)
        out[o++] = '-';
    for (size_t i = 0; i < len && o + 2 < sz; i++) {
        if (i && (len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = raw[i];
    }
    out[o] = '\0';
}

static void top_info(const struct tui_app *a, char *info, size_t sz)
{
    char num[32] = "…";
    if (a->view >= TUI_V_LISTS) {
        snprintf(info, sz, " %s ", _("Reports"));
        return;
    }
    if (a->lists[a->view].count >= 0)
        thousands(a->lists[a->view].count, num, sizeof num);
    if (a->view == TUI_V_INVOICES) {
        int whose = a->docs.company_id || a->docs.contact_id;
        /* TRANSLATORS: the top bar of the Invoices view: what o shows */
        const char *show = a->inv_show == 1 ? _(" · open only")
                         : a->inv_show == 2 ? _(" · voided too") : "";
        snprintf(info, sz, " %s %s%s%s%s ", tui_view_name(a->view), num,
                 whose ? " · " : "", whose ? a->docs_label : "", show);
        return;
    }
    if (a->view == TUI_V_TICKETS) {
        int whose = a->docs.company_id || a->docs.contact_id;
        snprintf(info, sz, " %s %s%s%s%s ", tui_view_name(a->view), num,
                 whose ? " · " : "", whose ? a->docs_label : "",
                 a->tk_open_only ? _(" · open only") : "");
        return;
    }
    if ((a->view == TUI_V_QUOTES || a->view == TUI_V_ORDERS) &&
        a->docs_label[0]) {
        snprintf(info, sz, " %s %s · %s", tui_view_name(a->view), num,
                 a->docs_label);
        return;
    }
    snprintf(info, sz, " %s %s%s%s%s%s ", tui_view_name(a->view), num,
             a->search[0] ? "  /" : "", a->search, a->tag ? "  #" : "",
             a->tag ? a->tag : "");
}

/* A tab's name at a level of room: 2 every name whole, 1 the current
 * one whole and the others short, 0 all short, -1 the current one short
 * and the others their number only. */
static const char *tab_name(const struct tui_app *a, int v, int level,
                            const char *const *short_names)
{
    int cur = v == (int)a->view;
    if (level == 2 || (level == 1 && cur))
        return tui_view_name((enum tui_view)v);
    return level >= 0 || cur ? _(short_names[v]) : "";
}

static int tabs_width(const struct tui_app *a, int level,
                      const char *const *short_names)
{
    int w = 6;
    for (int v = 0; v < TUI_V_COUNT; v++)
        w += 3 + tcrm_text_width(tab_name(a, v, level, short_names));
    return w;
}

static void draw_top(struct tui_app *a)
{
    /* TRANSLATORS: the views' tabs on a narrow terminal: at most 6
     * columns each (a CJK character is 2) */
    static const char *short_names[TUI_V_COUNT] = {
        N_("Cont"), N_("Comp"), N_("Deals"), N_("Follow"), N_("Quote"),
        N_("Order"), N_("Inv"), N_("Tick"), N_("Camp"), N_("Rep")
    };
    int w = a->lay.w, x = 0;
    int title = tui_attr(TUI_TITLE);
    char info[400], t[32];
    top_info(a, info, sizeof info);
    int iw = tcrm_text_width(info), level = 2;
    while (level > -1 && tabs_width(a, level, short_names) + iw >= w)
        level--;
    tui_draw_fill(stdscr, 0, 0, w, title);
    x += tui_draw_text(stdscr, 0, x, w - x, " tcrm ", title | (int)A_BOLD);
    for (int i = 0; i < TUI_V_COUNT; i++) {
        int v = (int)tui_view_of_tab(i);
        snprintf(t, sizeof t, " %d%s ", (i + 1) % 10,
                 tab_name(a, v, level, short_names));
        a->tab_x[i] = x;
        int attr = v == (int)a->view ? tui_attr(TUI_CURSOR) | (int)A_BOLD
                                      : title;
        if (v == (int)a->view && !tui_theme_has_color())
            attr = (int)(A_BOLD | A_UNDERLINE);
        x += tui_draw_text(stdscr, 0, x, w - x, t, attr);
    }
    a->tab_x[TUI_V_COUNT] = x;
    if (iw > w - x - 1)
        iw = w - x - 1;
    tui_draw_text(stdscr, 0, w - iw, iw, info, title);
}

static void draw_status(struct tui_app *a)
{
    int y = a->lay.status_y, w = a->lay.w;
    tui_draw_fill(stdscr, y, 0, w, tui_attr(TUI_STATUS));
    if (a->typing) {
        int x = tui_draw_text(stdscr, y, 0, w, _("Search: /"),
                              tui_attr(TUI_HEADER));
        x += tui_draw_text(stdscr, y, x, w - x - 1, a->search,
                           tui_attr(TUI_NORMAL));
        move(y, x);
        return;
    }
    char pos[200] = "", n1[32], n2[32];
    int len = 0;
    const struct tcrm_reminder_counts *c = &a->pane.counts;
    if (a->lay.pane_w == 0 && a->pane.loaded)   /* the pane's gist */
        /* TRANSLATORS: the reminder pane's gist on the status line when
         * the pane is hidden (p shows it) */
        len = snprintf(pos, sizeof pos, _(" OVERDUE %lld  TODAY %lld  (p) "),
                       (long long)c->overdue, (long long)c->today);
    if (len < 0 || len >= (int)sizeof pos)
        len = (int)strlen(pos);
    if (a->view < TUI_V_LISTS) {
        const struct tui_list *l = &a->lists[a->view];
        long long p = tui_list_position(l);
        thousands(p + 1, n1, sizeof n1);
        thousands(l->count, n2, sizeof n2);
        if (p >= 0 && l->count >= 0)
            snprintf(pos + len, sizeof pos - (size_t)len, " %s/%s ", n1, n2);
        else if (p >= 0)
            snprintf(pos + len, sizeof pos - (size_t)len, " %s ", n1);
    }
    int pw = tcrm_text_width(pos);
    if (pw > w / 2)
        pw = w / 2;
    tui_draw_text(stdscr, y, 0, w - pw - 1, a->status,
                  tui_attr(a->status_err ? TUI_ERROR : TUI_STATUS));
    tui_draw_text(stdscr, y, w - pw, pw, pos, tui_attr(TUI_DIM));
}

/* The function-key bar: the labels whole when they fit (the room left
 * shared out between them), else the brief ones, measured at their true
 * width (a CJK character is 2). */
static void draw_keys(struct tui_app *a)
{
    /* TRANSLATORS: the function-key bar (F1 Help ... F10 Quit): at 80
     * columns all nine with their numbers must fit in 72 columns (a CJK
     * character is 2); past that the brief labels below are used */
    static const struct { const char *key, *label; } keys[] = {
        {"1", N_("Help")}, {"2", N_("Add")}, {"3", N_("Search")},
        {"4", N_("Log")}, {"5", N_("Follow")}, {"6", N_("Import")},
        {"7", N_("Reports")}, {"8", N_("Invoices")}, {"9", NC_("view", "Tickets")},
        {"10", N_("Quit")},
    };
    /* TRANSLATORS: the function-key bar on a narrow terminal: at most 4
     * columns each (a CJK character is 2) */
    static const char *brief[] = {N_("Help"), N_("Add"), N_("Find"),
                                  N_("Log"), N_("Foll"), N_("Imp"),
                                  N_("Rep"), N_("Inv"), N_("Tick"),
                                  N_("Quit")};
    enum { N = sizeof keys / sizeof *keys };
    int y = a->lay.bar_y, w = a->lay.w, need[N], sum = 0, x = 0;
    const char *text[N];
    for (int pass = 0; pass < 2; pass++) {
        sum = 0;
        for (int i = 0; i < N; i++) {
            text[i] = _(pass ? brief[i] : keys[i].label);
            if (!pass && keys[i].key[0] == '9')     /* the view's name */
                text[i] = tui_view_name(TUI_V_TICKETS);
            need[i] = tcrm_text_width(keys[i].key) + tcrm_text_width(text[i]);
            sum += need[i] + 1;
        }
        if (sum <= w)
            break;
    }
    int spare = w > sum ? w - sum : 0;
    tui_draw_fill(stdscr, y, 0, w, tui_attr(TUI_NORMAL));
    for (int i = 0; i < N && x < w; i++) {
        int cell = need[i] + 1 + spare / N + (i < spare % N);
        if (i == N - 1 || x + cell > w)
            cell = w - x;
        int kw = tui_draw_text(stdscr, y, x, cell, keys[i].key,
                               tui_attr(TUI_KEY));
        tui_draw_cell(stdscr, y, x + kw, cell - kw - (i < N - 1), text[i],
                      tui_attr(TUI_KEYLABEL), 0);
        x += cell;
    }
}

void tui_bars_draw(struct tui_app *a)
{
    draw_top(a);
    draw_keys(a);
    draw_status(a);     /* last: it places the cursor while searching */
}

void tui_draw_too_small(int w, int h)
{
    char need[64];
    erase();
    /* TRANSLATORS: the smallest terminal the screen works in, and the
     * size it has (columns x lines) */
    snprintf(need, sizeof need, _("need %dx%d, have %dx%d"), TUI_MIN_W,
             TUI_MIN_H, w, h);
    const char *lines[3] = {_("Terminal too small"), need, _("q quits")};
    int y = h > 3 ? (h - 3) / 2 : 0;
    for (int i = 0; i < 3 && y + i < h; i++) {
        int tw = tcrm_text_width(lines[i]);
        int x = tw < w ? (w - tw) / 2 : 0;
        tui_draw_text(stdscr, y + i, x, w - x, lines[i], A_BOLD);
    }
}
