/*
 * textedit.c: the multi-line editor of notes and interaction bodies
 * (form.h, tui_text_edit), opened from a form's field with Enter or
 * Ctrl-E.
 *
 * Design. The text is an array of lines, each a one-line editor
 * (lineedit.h), so every line-editing key works as in a form field and
 * the line under the cursor scrolls sideways as a field does. Enter
 * splits the line at the cursor; Backspace at the start of a line joins
 * it to the one above, Delete at the end joins the one below; Up and
 * Down keep the display column. Ctrl-X or F10 gives the text back, its
 * lines joined with newlines; Esc gives nothing back (asking first when
 * something changed).
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "form.h"
#include "modal.h"
#include "tcrm/text.h"
#include "theme.h"

struct textedit {
    struct tui_lineedit *l;
    int n, cap;
    int cur, top;
    int dirty;
};

static int insert_line(struct textedit *t, int at, const char *s, size_t len)
{
    if (t->n == t->cap) {
        int cap = t->cap ? t->cap * 2 : 16;
        struct tui_lineedit *p = realloc(t->l, (size_t)cap * sizeof *p);
        if (!p)
            return TCRM_ENOMEM;
        t->l = p;
        t->cap = cap;
    }
    char *copy = strndup(s, len);
    if (!copy)
        return TCRM_ENOMEM;
    memmove(&t->l[at + 1], &t->l[at], (size_t)(t->n - at) * sizeof *t->l);
    int rc = tui_le_init(&t->l[at], copy);
    free(copy);
    if (rc != 0) {
        memmove(&t->l[at], &t->l[at + 1], (size_t)(t->n - at) * sizeof *t->l);
        return rc;
    }
    t->l[at].max = TUI_LE_MAX;
    t->n++;
    return 0;
}

static void remove_line(struct textedit *t, int at)
{
    tui_le_free(&t->l[at]);
    memmove(&t->l[at], &t->l[at + 1],
            (size_t)(t->n - at - 1) * sizeof *t->l);
    t->n--;
}

static int load(struct textedit *t, const char *text)
{
    const char *s = text ? text : "";
    for (;;) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        if (insert_line(t, t->n, s, n) != 0)
            return TCRM_ENOMEM;
        if (!nl)
            break;
        s = nl + 1;
    }
    t->l[0].cur = 0;
    return 0;
}

static char *joined(const struct textedit *t)
{
    size_t n = 1;
    for (int i = 0; i < t->n; i++)
        n += t->l[i].len + 1;
    char *s = malloc(n), *p = s;
    if (!s)
        return NULL;
    for (int i = 0; i < t->n; i++) {
        memcpy(p, t->l[i].buf, t->l[i].len);
        p += t->l[i].len;
        if (i + 1 < t->n)
            *p++ = '\n';
    }
    *p = '\0';
    return s;
}

/* The cursor of line to as near display column col as its text allows. */
static void go_line(struct textedit *t, int to, int col)
{
    struct tui_lineedit *le = &t->l[to];
    t->cur = to;
    tui_le_apply(le, TUI_LE_HOME);
    while (le->cur < le->len && tui_le_cursor_col(le) < col)
        tui_le_apply(le, TUI_LE_RIGHT);
}

static int split_line(struct textedit *t)
{
    struct tui_lineedit *le = &t->l[t->cur];
    size_t at = le->cur;
    if (insert_line(t, t->cur + 1, le->buf + at, le->len - at) != 0)
        return TCRM_ENOMEM;
    le = &t->l[t->cur];          /* the array may have moved */
    tui_le_apply(le, TUI_LE_KILL_END);
    t->cur++;
    t->l[t->cur].cur = 0;
    t->l[t->cur].scroll = 0;
    return 0;
}

/* Line i + 1 appended to line i; the cursor where they meet. */
static void join_next(struct textedit *t, int i)
{
    struct tui_lineedit *a = &t->l[i];
    size_t at = a->len;
    a->cur = a->len;
    if (tui_le_insert(a, t->l[i + 1].buf) < 0)
        return;
    a->cur = at;
    remove_line(t, i + 1);
    t->cur = i;
}

/* A key: 1 when it changed the text, 0 otherwise. */
static int edit_key(struct textedit *t, const struct tui_key *k, int page)
{
    struct tui_lineedit *le = &t->l[t->cur];
    int col = tui_le_cursor_col(le);
    if (tui_key_is(k, '\n'))
        return split_line(t) == 0;
    if ((k->fn == KEY_BACKSPACE || tui_key_is(k, 0x08) || tui_key_is(k, 0x7f))
        && le->cur == 0 && t->cur > 0) {
        join_next(t, t->cur - 1);
        return 1;
    }
    if ((k->fn == KEY_DC || tui_key_is(k, 0x04)) && le->cur == le->len
        && t->cur + 1 < t->n) {
        join_next(t, t->cur);
        return 1;
    }
    int to = k->fn == KEY_UP ? t->cur - 1 : k->fn == KEY_DOWN ? t->cur + 1
           : k->fn == KEY_PPAGE ? t->cur - page
           : k->fn == KEY_NPAGE ? t->cur + page : -2;
    if (to != -2) {
        to = to < 0 ? 0 : to >= t->n ? t->n - 1 : to;
        go_line(t, to, col);
        return 0;
    }
    return tui_le_key(le, k) == 1;
}

static void draw(struct textedit *t, const char *title)
{
    int h = LINES, w = COLS, rows = h - 2 > 1 ? h - 2 : 1;
    char buf[TUI_LE_MAX + 64];
    if (t->cur < t->top)
        t->top = t->cur;
    if (t->cur >= t->top + rows)
        t->top = t->cur - rows + 1;
    erase();
    tui_draw_fill(stdscr, 0, 0, w, tui_attr(TUI_TITLE));
    int x = tui_draw_fmt(stdscr, 0, 1, w - 2, tui_attr(TUI_TITLE), "%s%s",
                         title, t->dirty ? " *" : "");
    /* TRANSLATORS: the keys of the multi-line editor, at the right of
     * its title bar */
    const char *keys = _("Ctrl-X or F10 keep  Esc cancel");
    int kw = tcrm_text_width(keys);
    if (x + 3 + kw < w)
        tui_draw_text(stdscr, 0, w - kw - 1, kw, keys, tui_attr(TUI_TITLE));
    int cx = 0, cy = 1;
    for (int i = t->top, y = 1; i < t->n && y < h - 1; i++, y++) {
        if (i != t->cur) {
            tui_draw_text(stdscr, y, 0, w, t->l[i].buf, tui_attr(TUI_NORMAL));
            continue;
        }
        tui_le_scroll(&t->l[i], w - 1);
        tui_le_view(&t->l[i], w - 1, buf, sizeof buf, &cx);
        tui_draw_text(stdscr, y, 0, w - 1, buf, tui_attr(TUI_NORMAL));
        cy = y;
    }
    tui_draw_fill(stdscr, h - 1, 0, w, tui_attr(TUI_STATUS));
    tui_draw_fmt(stdscr, h - 1, 0, w, tui_attr(TUI_STATUS),
                 _("line %d of %d"), t->cur + 1, t->n);
    wmove(stdscr, cy, cx);
    refresh();
}

/* GO_ON, or 1 keep, 0 cancel. */
#define GO_ON (-1)
static int key_loop_step(struct textedit *t, const char *title)
{
    struct tui_key k;
    draw(t, title);
    if (tui_read_key(&k) != 0)
        return 0;
    if (k.fn == KEY_F(10) || tui_key_is(&k, 0x18))        /* Ctrl-X */
        return 1;
    if (tui_key_is(&k, 27)) {
        /* TRANSLATORS: y and n stay the keys that answer */
        if (!t->dirty || tui_confirm(_("Discard changes? (y/n)")))
            return 0;
        return GO_ON;
    }
    if (tui_key_is(&k, 0x0C))                             /* Ctrl-L */
        clearok(curscr, TRUE);
    else if (k.fn != KEY_RESIZE && edit_key(t, &k, LINES - 3))
        t->dirty = 1;
    return GO_ON;
}

int tui_text_edit(const char *title, const char *text, char **out)
{
    struct textedit t = {0};
    int vis = curs_set(1), r = 0;
    *out = NULL;
    if (load(&t, text) == 0) {
        while ((r = key_loop_step(&t, title)) == GO_ON)
            ;
        if (r == 1 && !(*out = joined(&t)))
            r = 0;
    }
    for (int i = 0; i < t.n; i++)
        tui_le_free(&t.l[i]);
    free(t.l);
    if (vis != ERR)
        curs_set(vis);
    erase();
    return r;
}
