/*
 * draw.c: safe, width-correct text output.
 *
 * Text is fitted into a stack buffer (at most MAX_COLS columns, four bytes
 * each plus the ellipsis) by util/text.c, which also replaces control
 * characters, so nothing from the database can move the terminal's cursor
 * or change its state. The C library and ncurses agree on widths because
 * tcrm_tui_run sets the locale before initscr.
 */
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "draw.h"
#include "tcrm/text.h"

#define MAX_COLS 1024
#define BUF_SIZE (MAX_COLS * 4 + 16)

void tui_draw_cell(WINDOW *w, int y, int x, int cols, const char *s,
                   int attr, int align_right)
{
    char buf[BUF_SIZE];
    if (cols <= 0)
        return;
    if (cols > MAX_COLS)
        cols = MAX_COLS;
    tcrm_text_pad(s ? s : "", cols, align_right, buf, sizeof buf);
    wattrset(w, attr);
    mvwaddstr(w, y, x, buf);
    wattrset(w, A_NORMAL);
}

int tui_draw_text(WINDOW *w, int y, int x, int cols, const char *s, int attr)
{
    char buf[BUF_SIZE];
    int width = 0;
    if (cols <= 0 || !s || !*s)
        return 0;
    if (cols > MAX_COLS)
        cols = MAX_COLS;
    tcrm_text_fit(s, cols, buf, sizeof buf, &width);
    wattrset(w, attr);
    mvwaddstr(w, y, x, buf);
    wattrset(w, A_NORMAL);
    return width;
}

int tui_draw_fmt(WINDOW *w, int y, int x, int cols, int attr,
                 const char *fmt, ...)
{
    char text[BUF_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return tui_draw_text(w, y, x, cols, text, attr);
}

void tui_draw_fill(WINDOW *w, int y, int x, int n, int attr)
{
    if (n <= 0)
        return;
    wattrset(w, attr);
    mvwhline(w, y, x, ' ', n);
    wattrset(w, A_NORMAL);
}

/* Line pieces as text: "─" "│" in a UTF-8 locale, "-" "|" otherwise. The
 * alternate character set (ACS) is not used: several terminal and
 * multiplexer combinations in UTF-8 mode show it as letters ("qqqq"). */
static const char *line_piece(int vertical)
{
    if (MB_CUR_MAX > 1)
        return vertical ? "\u2502" : "\u2500";
    return vertical ? "|" : "-";
}

void tui_draw_hline(WINDOW *w, int y, int x, int n, int attr)
{
    if (n <= 0)
        return;
    const char *p = line_piece(0);
    wattrset(w, attr);
    wmove(w, y, x);
    for (int i = 0; i < n; i++)
        waddstr(w, p);
    wattrset(w, A_NORMAL);
}

void tui_draw_vline(WINDOW *w, int y, int x, int n, int attr)
{
    if (n <= 0)
        return;
    const char *p = line_piece(1);
    wattrset(w, attr);
    for (int i = 0; i < n; i++)
        mvwaddstr(w, y + i, x, p);
    wattrset(w, A_NORMAL);
}

/* After an Esc curses did not turn into a key: "[" or "O" at once means a
 * key this terminfo entry does not know (Home as ESC [1~ under TERM=xterm
 * in tmux). Drop all of it (1) instead of cancelling the dialog and typing
 * "[1~"; anything else goes back to be read (0). */
int tui_drop_unknown_sequence(void)
{
    wint_t wc;
    int n = 0, r;
    wtimeout(stdscr, 0);
    if ((r = wget_wch(stdscr, &wc)) != OK || (wc != '[' && wc != 'O')) {
        if (r == KEY_CODE_YES)
            ungetch((int)wc);
        else if (r == OK)
            unget_wch(wc);
        return 0;
    }
    for (int csi = wc == '['; n++ < 32 && wget_wch(stdscr, &wc) == OK;)
        if (!csi || (wc >= 0x40 && wc <= 0x7E))
            break;                      /* the sequence's final byte */
    return 1;
}

int tui_terminal_gone(void)
{
    struct pollfd p = {.fd = 0, .events = POLLIN};
    return poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}
