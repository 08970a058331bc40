/*
 * draw.c: safe, width-correct text output.
 *
 * Text is fitted into a stack buffer (at most MAX_COLS columns, four bytes
 * each plus the ellipsis) by util/text.c, which also replaces control
 * characters, so nothing from the database can move the terminal's cursor
 * or change its state. The C library and ncurses agree on widths because
 * tcrm_tui_run sets the locale before initscr.
 *
 * tcrm's text is UTF-8 whatever the terminal speaks; every string reaches
 * curses through put(), which follows the locale's charset:
 *   UTF-8           the bytes as they are;
 *   other multibyte (GB18030, GBK, EUC-JP ...) the text decoded to wide
 *                   characters, which ncursesw encodes for the terminal;
 *   single-byte     (LANG=C, ISO-8859-x) readable ASCII: each other
 *                   character becomes '?' as many times as its width, so
 *                   the columns stay where they were measured.
 */
#include <langinfo.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "draw.h"
#include "tcrm/text.h"

#define MAX_COLS 1024
#define BUF_SIZE (MAX_COLS * 4 + 16)

enum charset { CS_UNKNOWN, CS_UTF8, CS_WIDE, CS_ASCII };

static enum charset charset(void)
{
    static enum charset cs = CS_UNKNOWN;
    if (cs == CS_UNKNOWN) {
        const char *name = nl_langinfo(CODESET);
        if (name && (strcmp(name, "UTF-8") == 0 || strcmp(name, "utf8") == 0))
            cs = CS_UTF8;
        else
            cs = MB_CUR_MAX > 1 ? CS_WIDE : CS_ASCII;
    }
    return cs;
}

/* UTF-8 s at (y, x) in the terminal's charset (see the top). */
static void put(WINDOW *w, int y, int x, const char *s)
{
    enum charset cs = charset();
    if (cs == CS_UTF8) {
        mvwaddstr(w, y, x, s);
        return;
    }
    wchar_t wide[BUF_SIZE];
    char ascii[BUF_SIZE];
    size_t n = 0, len = strlen(s), pos = 0;
    while (pos < len && n + 3 < BUF_SIZE) {
        uint32_t cp;
        int k = tcrm_utf8_decode(s + pos, len - pos, &cp);
        pos += k > 0 ? (size_t)k : 1;
        if (k <= 0)
            cp = '?';
        if (cs == CS_WIDE) {
            wide[n++] = (wchar_t)cp;
        } else if (cp < 0x80) {
            ascii[n++] = (char)cp;
        } else {
            int cols = tcrm_char_width(cp);
            for (int i = 0; i < cols; i++)
                ascii[n++] = cp == 0x2026 ? '~' : '?';
        }
    }
    if (cs == CS_WIDE) {
        wide[n] = L'\0';
        mvwaddnwstr(w, y, x, wide, (int)n);
    } else {
        ascii[n] = '\0';
        mvwaddstr(w, y, x, ascii);
    }
}

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
    put(w, y, x, buf);
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
    put(w, y, x, buf);
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
    for (int i = 0; i < n; i++)
        put(w, y, x + i, p);
    wattrset(w, A_NORMAL);
}

void tui_draw_vline(WINDOW *w, int y, int x, int n, int attr)
{
    if (n <= 0)
        return;
    const char *p = line_piece(1);
    wattrset(w, attr);
    for (int i = 0; i < n; i++)
        put(w, y + i, x, p);
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
