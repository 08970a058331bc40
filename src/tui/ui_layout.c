/*
 * ui_layout.c: the screen's geometry as plain arithmetic.
 *
 * Everything the drawing code needs to know about sizes is decided here
 * from (width, height, pane mode) alone, so the rules can be unit-tested
 * at every size without a terminal: the minimum size, whether the
 * reminder pane fits, how the main area splits between list and detail,
 * how list columns share the width, and how the reminder pane shares its
 * lines between its sections.
 */
#include "ui_layout.h"

static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static void layout_pane(int w, enum tui_pane_mode mode, struct tui_layout *l)
{
    int want = mode == TUI_PANE_SHOW
            || (mode == TUI_PANE_AUTO && w >= TUI_PANE_AUTO_W);
    l->pane_w = 0;
    l->pane_x = w;
    l->list_x = 0;
    l->list_w = w;
    if (!want)
        return;
    int pw = clampi(w / 4, 26, 40);
    if (w - pw - 1 < 30)
        return;
    l->pane_w = pw;
    l->pane_x = w - pw;
    l->list_w = w - pw - 1;     /* one column for the separator */
}

void tui_layout_compute(int w, int h, enum tui_pane_mode mode,
                        struct tui_layout *l)
{
    *l = (struct tui_layout){0};
    l->w = w;
    l->h = h;
    if (w < TUI_MIN_W || h < TUI_MIN_H) {
        l->too_small = 1;
        return;
    }
    l->main_y = 1;
    l->main_h = h - 3;
    l->status_y = h - 2;
    l->bar_y = h - 1;
    layout_pane(w, mode, l);
    l->detail_h = l->main_h >= 12 ? clampi(l->main_h / 3, 4, 12) : 0;
    l->list_y = l->main_y;
    l->list_h = l->main_h - l->detail_h;
    l->detail_y = l->detail_h ? l->list_y + l->list_h : 0;
}

int tui_layout_columns(const struct tui_colspec *spec, int n, int width,
                       int *out)
{
    int shown = 0, used = 0, wsum = 0;
    for (int i = 0; i < n; i++)
        out[i] = 0;
    for (int i = 0; i < n; i++) {
        int need = spec[i].min + (shown ? 1 : 0);
        if (used + need > width)
            break;
        out[i] = spec[i].min;
        used += need;
        wsum += spec[i].weight;
        shown++;
    }
    int rest = width - used;
    /* Share the rest by weight; repeat while capped columns free some. */
    while (rest > 0 && wsum > 0) {
        int given = 0, nextsum = 0;
        int pool = rest;
        for (int i = 0; i < shown && rest > 0; i++) {
            if (spec[i].weight <= 0)
                continue;
            int add = pool * spec[i].weight / wsum;
            if (add == 0)
                add = 1;
            if (spec[i].max > 0 && out[i] + add > spec[i].max)
                add = spec[i].max - out[i];
            if (add > rest)
                add = rest;
            out[i] += add;
            rest -= add;
            given += add;
            if (spec[i].max == 0 || out[i] < spec[i].max)
                nextsum += spec[i].weight;
        }
        if (given == 0)
            break;
        wsum = nextsum;
    }
    return shown;
}

void tui_layout_pane_sections(int rows, int n, const long long *counts,
                              int *shown)
{
    int avail = rows - n;
    for (int i = 0; i < n; i++)
        shown[i] = 0;
    if (avail <= 0 || n <= 0)
        return;
    int share = avail / n;
    for (int i = 0; i < n; i++) {
        long long c = counts[i] < 0 ? 0 : counts[i];
        shown[i] = c < share ? (int)c : share;
        avail -= shown[i];
    }
    for (int i = 0; i < n && avail > 0; i++) {
        long long c = counts[i] < 0 ? 0 : counts[i];
        long long more = c - shown[i];
        int add = more < avail ? (int)more : avail;
        shown[i] += add;
        avail -= add;
    }
}
