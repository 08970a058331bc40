/*
 * draw.h: putting text from the database on the screen, safely and at its
 * true width. Every string goes through tcrm_text_fit/pad (util/text.h),
 * which shows control and escape characters as visible symbols, never
 * splits a character, counts CJK as two columns and cuts with "…". Use
 * these instead of waddstr for anything that came from a person or a file.
 */
#ifndef TCRM_TUI_DRAW_H
#define TCRM_TUI_DRAW_H

#include <curses.h>

/* s (NULL: "") in exactly cols columns at (y, x), padded with spaces
 * (right-aligned when align_right). */
void tui_draw_cell(WINDOW *w, int y, int x, int cols, const char *s,
                   int attr, int align_right);
/* s in at most cols columns at (y, x), not padded. Returns the columns
 * drawn. */
int tui_draw_text(WINDOW *w, int y, int x, int cols, const char *s, int attr);
/* printf into at most cols columns (same safety). Returns columns drawn. */
int tui_draw_fmt(WINDOW *w, int y, int x, int cols, int attr,
                 const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* n spaces in attr. */
void tui_draw_fill(WINDOW *w, int y, int x, int n, int attr);
/* Lines (ACS, so vt100 gets its line-drawing set or ASCII). */
void tui_draw_hline(WINDOW *w, int y, int x, int n, int attr);
void tui_draw_vline(WINDOW *w, int y, int x, int n, int attr);

/* Call after reading a bare Esc: when "[" or "O" follows at once, the
 * terminal sent a key its terminfo entry does not describe (Home as
 * ESC [1~ under TERM=xterm in tmux). Reads and drops the whole sequence
 * and returns 1; otherwise puts back what it read and returns 0 (a real
 * Esc). Leaves stdscr's input timeout at 0. */
int tui_drop_unknown_sequence(void);

/* 1 when the terminal has hung up (an SSH link dropped, the tmux pane
 * was killed): every read fails at once, so a key loop must stop rather
 * than spin. */
int tui_terminal_gone(void);

#endif
