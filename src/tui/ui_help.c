/*
 * ui_help.c: the help screen (? or F1). It prints the key table of
 * ui_keys.c, the same table the keys are looked up in, so help cannot
 * forget a key. j/k and the arrows scroll when it does not fit; any other
 * key closes it.
 */
#include <curses.h>

#include "draw.h"
#include "theme.h"
#include "ui.h"

static void draw_help(const struct tui_app *a, int first, int n,
                      const struct tui_key_help *t)
{
    int w = COLS, h = LINES;
    erase();
    tui_draw_fill(stdscr, 0, 0, w, tui_attr(TUI_TITLE));
    tui_draw_fmt(stdscr, 0, 1, w - 2, tui_attr(TUI_TITLE),
                 _("tcrm help: %s view (any other key closes, j/k scroll)"),
                 tui_view_name(a->view));
    int kw = w >= 80 ? 26 : 18;
    int y = 2;
    for (int i = first; i < n && y < h - 1; i++, y++) {
        tui_draw_cell(stdscr, y, 2, kw, t[i].keys, tui_attr(TUI_KEY), 0);
        tui_draw_text(stdscr, y, 3 + kw, w - kw - 4, _(t[i].what),
                      tui_attr(TUI_NORMAL));
    }
    tui_draw_text(stdscr, h - 1, 1, w - 2,
                  _("Bottom bar: F1 Help F2 Add F3 Search F4 Log F5 Follow-up "
                    "F6 Import F7 Reports F8 Invoices F9 Tickets F10 Quit"),
                  tui_attr(TUI_DIM));
}

void tui_help_show(struct tui_app *a)
{
    int n, first = 0;
    const struct tui_key_help *t = tui_key_help_table(&n);
    for (;;) {
        draw_help(a, first, n, t);
        refresh();
        int ch = getch();
        if (ch == ERR && (tui_stop_requested() || tui_terminal_gone()))
            break;
        if (ch == ERR || ch == KEY_RESIZE)
            continue;
        int rows = LINES - 3;
        if ((ch == 'j' || ch == KEY_DOWN) && first + rows < n)
            first++;
        else if ((ch == 'k' || ch == KEY_UP) && first > 0)
            first--;
        else if (ch != 'j' && ch != 'k' && ch != KEY_DOWN && ch != KEY_UP)
            break;
    }
    erase();
}
