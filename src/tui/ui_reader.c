/*
 * ui_reader.c: the contact's interactions (i) and the reader of one
 * interaction's body.
 *
 * The list is the contact's interactions, newest first (at most
 * READER_MAX, read once when it opens): when, kind, who logged it, the
 * summary, and a mark when there is a body. Enter opens the reader: the
 * summary and the whole body, its lines kept and long lines wrapped at
 * the terminal's width (by display columns: CJK counts two), control
 * characters shown as visible symbols. j/k, the arrows, PgDn/PgUp, g/G
 * scroll; q or Esc goes back. c in the list comments on the interaction
 * under the cursor (managers and admins: the core refuses anyone else,
 * its message on the list's own status line); the reader shows an
 * interaction's comments under its body.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "form.h"
#include "modal.h"
#include "tcrm/comment.h"
#include "tcrm/interaction.h"
#include "tcrm/strbuf.h"
#include "tcrm/text.h"
#include "theme.h"
#include "ui.h"

#define READER_MAX 500

struct lines {
    char **v;
    int n, cap;
};

static int push(struct lines *l, const char *s, size_t len)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 64;
        char **p = realloc(l->v, (size_t)cap * sizeof *p);
        if (!p)
            return TCRM_ENOMEM;
        l->v = p;
        l->cap = cap;
    }
    if (!(l->v[l->n] = strndup(s, len)))
        return TCRM_ENOMEM;
    l->n++;
    return 0;
}

static void lines_free(struct lines *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* One paragraph (no newline; shown safe) cut into lines of at most width
 * columns, at the last space when there is one. */
static int wrap_para(const char *p, int width, struct lines *out)
{
    size_t len = strlen(p);
    if (len == 0)
        return push(out, "", 0);
    while (len > 0) {
        size_t i = 0, cut = 0;
        int cols = 0;
        while (i < len) {
            uint32_t cp;
            int k = tcrm_utf8_decode(p + i, len - i, &cp);
            int cw = tcrm_char_width(cp);
            if (k <= 0)
                k = 1;
            if (cols + cw > width && i > 0)
                break;
            cols += cw;
            i += (size_t)k;
            if (cp == ' ')
                cut = i;
        }
        if (i < len && cut > 0)
            i = cut;
        if (push(out, p, i) != 0)
            return TCRM_ENOMEM;
        p += i;
        len -= i;
    }
    return 0;
}

/* text's lines, each wrapped to width. */
static int wrap_text(const char *text, int width, struct lines *out)
{
    const char *s = text ? text : "";
    int rc = 0;
    for (;;) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        char *para = strndup(s, n);
        char *safe = para ? tcrm_text_sanitize(para) : NULL;
        rc = safe ? wrap_para(safe, width, out) : TCRM_ENOMEM;
        free(para);
        free(safe);
        if (rc || !nl)
            return rc;
        s = nl + 1;
    }
}

int tui_scroll_key(int ch, int at, int n, int page)
{
    switch (ch) {
    case 'j': case KEY_DOWN: return at + 1 < n ? at + 1 : at;
    case 'k': case KEY_UP: return at > 0 ? at - 1 : 0;
    case KEY_NPAGE: case ' ': return at + page < n ? at + page : n - 1;
    case KEY_PPAGE: return at > page ? at - page : 0;
    case 'g': case KEY_HOME: return 0;
    case 'G': case KEY_END: return n - 1;
    default: return -1;
    }
}

void tui_modal_frame(const char *title, const char *keys)
{
    erase();
    tui_draw_fill(stdscr, 0, 0, COLS, tui_attr(TUI_TITLE));
    tui_draw_text(stdscr, 0, 1, COLS - 2, title, tui_attr(TUI_TITLE));
    tui_draw_text(stdscr, LINES - 1, 1, COLS - 2, keys, tui_attr(TUI_DIM));
}

int tui_modal_key(void)
{
    for (;;) {
        int ch = getch();
        if (ch == ERR && (tui_stop_requested() || tui_terminal_gone()))
            return ERR;
        if (ch != ERR && ch != KEY_RESIZE)
            return ch;
        if (ch == KEY_RESIZE)
            return 0;
    }
}

void tui_reader_show(const char *title, const char *text)
{
    struct lines l = {0};
    int first = 0, width = 0;
    for (;;) {
        if (width != COLS - 2) {
            lines_free(&l);
            width = COLS - 2 > 10 ? COLS - 2 : 10;
            if (wrap_text(text, width, &l) != 0)
                break;
        }
        int page = LINES - 3 > 1 ? LINES - 3 : 1;
        int last = l.n - page > 0 ? l.n - page : 0;
        if (first > last)
            first = last;
        tui_modal_frame(title, _("j/k PgDn/PgUp g/G scroll, q or Esc back"));
        for (int i = first, y = 2; i < l.n && y < LINES - 1; i++, y++)
            tui_draw_text(stdscr, y, 1, width, l.v[i], tui_attr(TUI_NORMAL));
        if (l.n > page)
            tui_draw_fmt(stdscr, 1, 1, COLS - 2, tui_attr(TUI_DIM),
                         _("lines %d-%d of %d"), first + 1,
                         first + page < l.n ? first + page : l.n, l.n);
        refresh();
        int ch = tui_modal_key(), to;
        if (ch == ERR || ch == 'q' || ch == 27)
            break;
        if ((to = tui_scroll_key(ch, first, last + 1, page)) >= 0)
            first = to;
    }
    lines_free(&l);
    erase();
}

/* The comments under the interaction's body: who, when, what. */
static void add_comments(struct tcrm_db *db, int64_t iid,
                         struct tcrm_strbuf *sb)
{
    struct tcrm_comment *c = NULL;
    size_t n = 0;
    if (tcrm_comment_of(db, iid, &c, &n, NULL) || n == 0)
        return;
    /* TRANSLATORS: the heading of the managers' comments (批复) under an
     * interaction in the reader, with how many */
    tcrm_strbuf_appendf(sb, "\n\n");
    tcrm_strbuf_appendf(sb, P_("%zu comment:", "%zu comments:", n), n);
    for (size_t i = 0; i < n; i++)
        /* TRANSLATORS: a comment in the reader: when, who, the text */
        tcrm_strbuf_appendf(sb, _("\n%.16s  %s:\n%s\n"), c[i].created_at,
                            c[i].author, c[i].body);
    tcrm_comment_array_free(c, n);
}

/* The reader's text: the summary, an empty line, the body, the
 * comments. */
static void read_one(struct tcrm_db *db, const struct tcrm_interaction *ia)
{
    char title[512];
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    tcrm_strbuf_appendf(&sb, "%s\n\n%s", ia->summary ? ia->summary : "",
                        ia->body && *ia->body ? ia->body : _("(no body)"));
    add_comments(db, ia->id, &sb);
    /* TRANSLATORS: the reader's title: when, kind, who logged it */
    snprintf(title, sizeof title, _("%s  %s  by %s"), ia->at ? ia->at : "",
             tcrm_i18n_word("kind", tcrm_interaction_kind_name(ia->kind)),
             ia->logged_by ? ia->logged_by : "");
    if (sb.buf)
        tui_reader_show(title, sb.buf);
    tcrm_strbuf_free(&sb);
}

static void draw_list(const char *title, const struct tcrm_interaction *ia,
                      int n, int cur, int top, const char *msg, int msg_err)
{
    tui_modal_frame(title, _("Enter reads the interaction, c comments on it "
                             "(managers), j/k move, q or Esc back"));
    if (n == 0)
        tui_draw_text(stdscr, 2, 1, COLS - 2, _("No interactions yet"),
                      tui_attr(TUI_DIM));
    for (int i = top, y = 2; i < n && y < LINES - 2; i++, y++) {
        int attr = tui_attr(i == cur ? TUI_CURSOR : TUI_NORMAL);
        tui_draw_fill(stdscr, y, 0, COLS, attr);
        tui_draw_fmt(stdscr, y, 0, COLS, attr, "%s%.16s  %-8s %s%s",
                     i == cur ? ">" : " ", ia[i].at ? ia[i].at : "",
                     tcrm_i18n_word("kind",
                                    tcrm_interaction_kind_name(ia[i].kind)),
                     ia[i].summary ? ia[i].summary : "",
                     ia[i].body && *ia[i].body ? " [+]" : "");
    }
    tui_draw_text(stdscr, LINES - 2, 1, COLS - 2, msg,
                  tui_attr(msg_err ? TUI_ERROR : TUI_STATUS));
}

/* c: a manager's (or an admin's) comment on interaction iid; the core
 * refuses anyone else, and its message goes to msg. */
static void comment_on(struct tcrm_db *db, int64_t iid, char *msg, size_t sz,
                       int *is_err)
{
    char *text = NULL;
    struct tcrm_error err = {0};
    int64_t cid;
    *is_err = 0;
    snprintf(msg, sz, "%s", _("Cancelled"));
    if (tui_prompt(_("Comment:"), NULL, &text) != 1)
        return;
    if (tcrm_comment_add(db, iid, text, &cid, &err) == 0) {
        /* TRANSLATORS: after c in the interactions list */
        snprintf(msg, sz, _("Comment added: Enter shows it"));
    } else {
        snprintf(msg, sz, "%s", err.msg);
        *is_err = 1;
    }
    free(text);
}

void tui_interactions_show(struct tui_app *a)
{
    int64_t id = tui_view_contact(a);
    struct tcrm_interaction *ia = NULL;
    size_t n = 0;
    struct tcrm_error err = {0};
    char title[300], name[200], msg[512] = "";
    int msg_err = 0;
    if (!id) {
        tui_status(a, 0, "Pick a contact first");
        return;
    }
    if (tcrm_interaction_recent(a->db, id, 0, READER_MAX, &ia, &n, &err)) {
        tui_status(a, 1, "%s", err.msg);
        return;
    }
    /* TRANSLATORS: the title of the list of a contact's interactions */
    snprintf(title, sizeof title, _("Interactions with %s, newest first"),
             tui_contact_name(a->db, id, name, sizeof name));
    timeout(-1);
    int cur = 0, top = 0;
    for (;;) {
        int page = LINES - 4 > 1 ? LINES - 4 : 1;
        if (cur < top)
            top = cur;
        if (cur >= top + page)
            top = cur - page + 1;
        draw_list(title, ia, (int)n, cur, top, msg, msg_err);
        refresh();
        int ch = tui_modal_key(), to;
        msg[0] = '\0';
        if (ch == ERR || ch == 'q' || ch == 27)
            break;
        if (n && (ch == '\n' || ch == '\r' || ch == KEY_ENTER))
            read_one(a->db, &ia[cur]);
        else if (n && ch == 'c')
            comment_on(a->db, ia[cur].id, msg, sizeof msg, &msg_err);
        else if (n && (to = tui_scroll_key(ch, cur, (int)n, page)) >= 0)
            cur = to;
    }
    tcrm_interaction_array_free(ia, n);
    erase();
}
