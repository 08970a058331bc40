/*
 * ui_layout.h: where everything goes on a screen of a given size. Pure
 * arithmetic (no curses), so every size can be unit-tested.
 *
 *   row 0            top bar (views, count, search)
 *   rows 1..h-3      main area: list (header + rows), then the detail
 *                    pane under a separator; the reminder pane at the
 *                    right, behind a vertical separator, when shown
 *   row h-2          status line
 *   row h-1          function-key bar
 */
#ifndef TCRM_TUI_UI_LAYOUT_H
#define TCRM_TUI_UI_LAYOUT_H

#define TUI_MIN_W 60
#define TUI_MIN_H 16
/* From this width on the reminder pane shows without asking. */
#define TUI_PANE_AUTO_W 100

enum tui_pane_mode { TUI_PANE_AUTO, TUI_PANE_SHOW, TUI_PANE_HIDE };

struct tui_layout {
    int w, h;
    int too_small;      /* below TUI_MIN_W x TUI_MIN_H: draw nothing else */
    int list_x, list_w; /* list and detail pane columns */
    int list_y, list_h; /* list header row, then list_h - 1 data rows */
    int detail_y, detail_h; /* separator row, then detail_h - 1 lines; 0: none */
    int pane_x, pane_w; /* reminder pane (after its separator); 0: hidden */
    int main_y, main_h; /* rows 1..h-3 */
    int status_y, bar_y;
};

void tui_layout_compute(int w, int h, enum tui_pane_mode mode,
                        struct tui_layout *out);

/* Column widths for a list `width` wide: each column gets its minimum, the
 * rest is shared by weight (a column never grows past max; max 0: no
 * limit). One space separates columns. Columns that do not fit even at
 * their minimum are dropped from the end (width 0). Returns how many
 * columns are shown. */
struct tui_colspec {
    int min, weight, max;
};
int tui_layout_columns(const struct tui_colspec *spec, int n, int width,
                       int *out);

/* The reminder pane holds n sections (a header line each; n at most 8)
 * with counts[i] items; rows lines in all. Fill shown[i] with how many
 * items of each section get a line: every section gets a fair share,
 * unused share goes to the sections that need more, in order. */
void tui_layout_pane_sections(int rows, int n, const long long *counts,
                              int *shown);

#endif
