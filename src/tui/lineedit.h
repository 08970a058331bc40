/*
 * lineedit.h: a one-line UTF-8 text editor, without curses.
 *
 * The buffer holds UTF-8; the cursor is a byte offset that always sits on
 * a character boundary. Moving and deleting go by whole characters, and a
 * character followed by zero-width marks (combining accents) moves as one.
 * Widths are terminal columns (util/text.h: CJK counts two), and the
 * horizontal scroll is kept in columns so that the cursor is always inside
 * the visible width, even when a wide character sits at the edge.
 *
 * Control characters are never inserted (typed text cannot put an escape
 * sequence into the database); text set from the database may hold them
 * and is shown through tcrm_text_sanitize.
 *
 * The form (form.c) maps curses keys to tui_le_op; tests drive it directly.
 */
#ifndef TCRM_TUI_LINEEDIT_H
#define TCRM_TUI_LINEEDIT_H

#include <stddef.h>
#include <stdint.h>

/* Longest text a field takes, in bytes. */
#define TUI_LE_MAX 4000

struct tui_lineedit {
    char *buf;          /* NUL-terminated, never NULL after init */
    size_t len, cap;
    size_t cur;         /* byte offset of the cursor */
    int scroll;         /* first visible display column */
    size_t max;         /* longest text in bytes (0: TUI_LE_MAX) */
};

enum tui_le_op {
    TUI_LE_NONE,
    TUI_LE_LEFT, TUI_LE_RIGHT, TUI_LE_HOME, TUI_LE_END,
    TUI_LE_BACKSPACE, TUI_LE_DELETE,
    TUI_LE_KILL_START,  /* Ctrl-U: delete from the start to the cursor */
    TUI_LE_KILL_END,    /* Ctrl-K: delete from the cursor to the end */
    TUI_LE_KILL_WORD    /* Ctrl-W: delete the word before the cursor */
};

/* text may be NULL. Returns 0 or TCRM_ENOMEM. The cursor goes to the end. */
int tui_le_init(struct tui_lineedit *le, const char *text);
void tui_le_free(struct tui_lineedit *le);
/* Replace the text; cursor to the end, scroll reset. */
int tui_le_set(struct tui_lineedit *le, const char *text);

/* Insert one code point at the cursor. Returns 1 when inserted, 0 when
 * refused (a control character, or the text would pass max), or
 * TCRM_ENOMEM. */
int tui_le_insert_cp(struct tui_lineedit *le, uint32_t cp);
/* Insert UTF-8 text (pasted); control characters become spaces except
 * that the text stops at a newline. Returns bytes inserted or ENOMEM. */
int tui_le_insert(struct tui_lineedit *le, const char *s);

/* Apply an editing operation. Returns 1 when the text changed, 0 when
 * only the cursor moved or nothing happened. */
int tui_le_apply(struct tui_lineedit *le, enum tui_le_op op);

/* The operation of a control character (Ctrl-A home, Ctrl-E end, Ctrl-B
 * left, Ctrl-F right, Ctrl-D delete, Ctrl-H and DEL backspace, Ctrl-U,
 * Ctrl-K, Ctrl-W), TUI_LE_NONE for anything else. */
enum tui_le_op tui_le_ctrl_op(uint32_t ch);

/* Display columns before the cursor, and of the whole text. */
int tui_le_cursor_col(const struct tui_lineedit *le);
int tui_le_width(const struct tui_lineedit *le);

/* Adjust le->scroll so that the cursor is visible in a field `width`
 * columns wide (the cursor at the end needs a column of its own). */
void tui_le_scroll(struct tui_lineedit *le, int width);

/* What a field `width` columns wide shows after tui_le_scroll: sanitized
 * text into out (exactly the columns it reports, never more than width;
 * a wide character cut by either edge becomes a space), the screen column
 * of the cursor relative to the field's start into *cursor_x. Returns the
 * columns written. */
int tui_le_view(struct tui_lineedit *le, int width, char *out, size_t outsz,
                int *cursor_x);

#endif
