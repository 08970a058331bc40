/*
 * form.c: the form widget (see form.h for what a person sees).
 *
 * Design. A form is plain data (an array of fields the dialog owns) and
 * one loop: draw everything, read one key, apply it. Drawing the whole
 * form with werase() per key is cheap over SSH because curses sends only
 * the cells that differ from what the terminal already shows.
 *
 * Navigation is by screen row: a field is one row, a list field one row
 * per entry, so Tab and the arrows go entry by entry and the scroll
 * offset (fm->top) is a row number; on a short terminal the rows scroll
 * under a fixed title, hint and status line. List fields always end with
 * an empty entry to type a new value into; emptied entries are tidied
 * away when the cursor leaves them.
 *
 * The company picker asks tcrm_company_list (a keyset page, at most a few
 * rows) each time the text changes and shows the matches in a box under
 * the field; picking one records its id, editing the text again drops it.
 */
#include <ctype.h>
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "draw.h"
#include "form.h"
#include "modal.h"
#include "tcrm/normalize.h"
#include "tcrm/text.h"
#include "theme.h"

#define GO_ON 100
#define SUGG_MAX 6

void tui_form_init(struct tui_form *fm, const char *title,
                   struct tui_field *fields, int n, struct tcrm_db *db)
{
    memset(fm, 0, sizeof *fm);
    fm->title = title;
    fm->f = fields;
    fm->n = n;
    fm->db = db;
    fm->sugg_sel = -1;
}

static void sugg_close(struct tui_form *fm)
{
    tcrm_company_page_free(&fm->sugg);
    memset(&fm->sugg, 0, sizeof fm->sugg);
    fm->sugg_open = 0;
    fm->sugg_sel = -1;
}

void tui_form_free(struct tui_form *fm)
{
    if (!fm)
        return;
    sugg_close(fm);
    for (int i = 0; i < fm->n; i++)
        tui_field_free(&fm->f[i]);
}

void tui_form_status(struct tui_form *fm, int is_error, const char *fmt, ...)
{
    va_list ap;
    fmt = _(fmt);               /* a keyword of xgettext (po/xgettext.args) */
    va_start(ap, fmt);
    vsnprintf(fm->status, sizeof fm->status, fmt, ap);
    va_end(ap);
    fm->status_err = is_error;
}

/* ---- checks --------------------------------------------------------- */

static int blank(const char *s)
{
    while (*s == ' ')
        s++;
    return *s == '\0';
}

static int check_text(struct tui_field *f, int kind, const char *text)
{
    char *t = tcrm_norm_trim(text);
    int bad = 0;
    if (t && *t && f->check)
        bad = f->check(f, kind, t, f->msg, sizeof f->msg) != 0;
    free(t);
    return bad;
}

/* Run a field's checks; 0 when fine, else f->msg says why. */
static int check_field(struct tui_field *f)
{
    f->msg[0] = '\0';
    f->msg_sub = 0;
    if (f->type == TUI_F_CHOICE)
        return 0;
    if (f->type != TUI_F_LIST) {
        if (f->required && blank(f->ed.buf)) {
            /* TRANSLATORS: beside an empty form field that must be
             * filled in */
            snprintf(f->msg, sizeof f->msg, "%s", _("required"));
            return 1;
        }
        return check_text(f, -1, f->ed.buf);
    }
    for (size_t i = 0; i < f->n_items; i++) {
        if (check_text(f, f->items[i].kind, f->items[i].ed.buf)) {
            f->msg_sub = (int)i;
            return 1;
        }
    }
    return 0;
}

/* Does this field answer to err->field? Its key, else the first word of
 * its (English, untranslated) label, lower-cased; a list of phones and
 * e-mails also answers to "e-mail", "phone" and each of its kinds. */
static int field_named(const struct tui_field *f, const char *field)
{
    char word[64];
    size_t n = 0;
    if (f->key) {
        snprintf(word, sizeof word, "%s", f->key);
    } else {
        while (f->label[n] && f->label[n] != ' ' && n + 1 < sizeof word) {
            word[n] = (char)tolower((unsigned char)f->label[n]);
            n++;
        }
        word[n] = '\0';
    }
    if (strcmp(field, word) == 0)
        return 1;
    if (f->type != TUI_F_LIST)
        return 0;
    if (strcmp(field, "e-mail") == 0 || strcmp(field, "phone") == 0)
        return 1;
    for (int i = 0; i < f->n_choices; i++)
        if (strcmp(field, f->choices[i]) == 0)
            return 1;
    return 0;
}

void tui_form_show_error(struct tui_form *fm, const struct tcrm_error *err)
{
    tui_form_status(fm, 1, "%s", err->msg);
    if (!err->field[0])
        return;
    for (int i = 0; i < fm->n; i++) {
        struct tui_field *f = &fm->f[i];
        if (!field_named(f, err->field))
            continue;
        snprintf(f->msg, sizeof f->msg, "%s", err->msg);
        fm->cur = i;
        fm->sub = 0;
        return;
    }
}

/* The label as people read it (the field keeps the English one). */
static const char *label_of(const struct tui_field *f)
{
    if (!f->label || !*f->label)
        return "";
    return f->label_ctx ? tcrm_i18n_word(f->label_ctx, f->label)
                        : _(f->label);
}

/* Choice i of a CHOICE or LIST field as shown: a stored key in the
 * person's language. */
const char *tui_field_choice_word(const struct tui_field *f, int i)
{
    if (i < 0 || i >= f->n_choices || !f->choices[i])
        return "";
    return f->choice_ctx ? tcrm_i18n_word(f->choice_ctx, f->choices[i])
                         : f->choices[i];
}

/* ---- rows and moving ------------------------------------------------ */

/* A list waiting for a choice is one row: the chooser. */
static int field_rows(const struct tui_field *f)
{
    return f->type == TUI_F_LIST && !f->theirs ? (int)f->n_items : 1;
}

static int row_of(const struct tui_form *fm, int field, int sub)
{
    int r = 0;
    for (int i = 0; i < field; i++)
        r += field_rows(&fm->f[i]);
    return r + sub;
}

static int total_rows(const struct tui_form *fm)
{
    return row_of(fm, fm->n, 0);
}

static void list_remove(struct tui_field *f, size_t i)
{
    tui_le_free(&f->items[i].ed);
    memmove(&f->items[i], &f->items[i + 1],
            (f->n_items - i - 1) * sizeof f->items[0]);
    f->n_items--;
}

/* Drop empty entries other than the last and `keep` (-1: none); keep
 * *sub on the same entry. Make sure the last entry is empty. */
static void list_tidy(struct tui_field *f, int keep, int *sub)
{
    for (size_t i = f->n_items; i-- > 0;) {
        if (i + 1 == f->n_items || (int)i == keep
            || !blank(f->items[i].ed.buf))
            continue;
        list_remove(f, i);
        if (sub && *sub > (int)i)
            (*sub)--;
    }
    if (f->n_items == 0 || !blank(f->items[f->n_items - 1].ed.buf))
        tui_field_list_add(f, 0, NULL);
}

static void leave_field(struct tui_form *fm, int old)
{
    struct tui_field *f = &fm->f[old];
    if (f->type == TUI_F_LIST)
        list_tidy(f, -1, NULL);
    check_field(f);
    sugg_close(fm);
}

static void move_row(struct tui_form *fm, int delta)
{
    struct tui_field *f = &fm->f[fm->cur];
    int old = fm->cur;
    if (f->type == TUI_F_LIST && !f->theirs && fm->sub + delta >= 0
        && fm->sub + delta < (int)f->n_items) {
        fm->sub += delta;
        list_tidy(f, fm->sub, &fm->sub);
        return;
    }
    fm->cur = (fm->cur + delta + fm->n) % fm->n;
    leave_field(fm, old);
    f = &fm->f[fm->cur];
    fm->sub = delta < 0 && f->type == TUI_F_LIST && !f->theirs
              ? (int)f->n_items - 1 : 0;
}

/* ---- editing -------------------------------------------------------- */

static void sugg_update(struct tui_form *fm, struct tui_field *f)
{
    struct tcrm_error err;
    sugg_close(fm);
    char *q = tui_field_dup(f);
    if (!q || !fm->db) {
        free(q);
        return;
    }
    if (tcrm_company_list(fm->db, q, NULL, NULL, 0, SUGG_MAX, &fm->sugg,
                          &err) != 0) {
        memset(&fm->sugg, 0, sizeof fm->sugg);
        tui_form_status(fm, 1, "%s", err.msg);
    }
    free(q);
    fm->sugg_open = fm->sugg.n > 0;
}

static void sugg_pick(struct tui_form *fm, struct tui_field *f)
{
    const struct tcrm_company_row *r = &fm->sugg.rows[fm->sugg_sel];
    tui_le_set(&f->ed, r->name);
    f->company_id = r->id;
    f->msg[0] = '\0';
    fm->dirty = 1;
    sugg_close(fm);
}

static void choice_step(struct tui_field *f, int delta)
{
    if (f->n_choices > 0)
        f->choice = (f->choice + delta + f->n_choices) % f->n_choices;
}

/* 1 when s starts with the character ch (letters and digits of ASCII
 * in either case). */
static int starts_with_char(const char *s, uint32_t ch)
{
    uint32_t cp;
    if (!s || !*s || tcrm_utf8_decode(s, strlen(s), &cp) <= 0)
        return 0;
    if (cp < 0x80 && ch < 0x80)
        return tolower((int)cp) == tolower((int)ch);
    return cp == ch;
}

/* A character picks the next choice whose shown word or stored key
 * starts with it: "w" finds "won" shown as 赢单, and a word typed through
 * an input method finds the shown word by its first character. */
static int choice_letter(struct tui_field *f, uint32_t ch)
{
    if (ch < 0x80 && !isalnum((int)ch))
        return 0;
    if (ch >= 0x80 && ch < 0xA0)
        return 0;
    for (int i = 1; i <= f->n_choices; i++) {
        int j = (f->choice + i) % f->n_choices;
        if (starts_with_char(tui_field_choice_word(f, j), ch)
            || starts_with_char(f->choices[j], ch)) {
            f->choice = j;
            return 1;
        }
    }
    return 0;
}

static int edit_choice(struct tui_field *f, const struct tui_key *k)
{
    if (k->fn == KEY_LEFT)
        choice_step(f, -1);
    else if (k->fn == KEY_RIGHT || tui_key_is(k, ' '))
        choice_step(f, 1);
    else if (k->fn == 0)
        return choice_letter(f, k->ch);
    else
        return 0;
    return 1;
}

static int edit_list(struct tui_form *fm, struct tui_field *f,
                     const struct tui_key *k)
{
    struct tui_list_item *it = &f->items[fm->sub];
    if (k->fn == KEY_F(2) || tui_key_is(k, 0x14)) {     /* F2, Ctrl-T */
        it->kind = (it->kind + 1) % f->n_choices;
        it->kind_set = 1;
        return 1;
    }
    int r = tui_le_key(&it->ed, k);
    if (r == 1 && !it->kind_set && f->guess_kind) {
        int g = f->guess_kind(it->ed.buf);
        if (g >= 0 && g < f->n_choices)
            it->kind = g;
    }
    if (r == 1 && fm->sub + 1 == (int)f->n_items && !blank(it->ed.buf))
        tui_field_list_add(f, 0, NULL);
    return r == 1;
}

static int edit_key(struct tui_form *fm, const struct tui_key *k)
{
    struct tui_field *f = &fm->f[fm->cur];
    int r;
    switch (f->type) {
    case TUI_F_CHOICE:
        return edit_choice(f, k);
    case TUI_F_LIST:
        return edit_list(fm, f, k);
    case TUI_F_COMPANY:
        r = tui_le_key(&f->ed, k);
        if (r == 1) {
            f->company_id = 0;
            sugg_update(fm, f);
        }
        return r == 1;
    case TUI_F_TEXT:
        break;
    }
    return tui_le_key(&f->ed, k) == 1;
}

/* ---- drawing -------------------------------------------------------- */

/* "Name: required": a field's label, then what is wrong with it. In its
 * own context, for the plain "%s: %s" keeps the ASCII colon after a file
 * name elsewhere (po/README.md). */
static const char *label_msg_format(void)
{
    /* TRANSLATORS: a form field's label, then what is wrong with it */
    return C_("form", "%s: %s");
}

struct geom {
    int w, h, y0, body_h, labw, fx, fw, mx, mw;
};

static void geom_compute(const struct tui_form *fm, struct geom *g)
{
    getmaxyx(stdscr, g->h, g->w);
    int labw = 0;
    for (int i = 0; i < fm->n; i++) {
        int lw = tcrm_text_width(label_of(&fm->f[i]));
        if (lw > labw)
            labw = lw;
    }
    g->labw = labw + 2 < g->w / 3 ? labw + 2 : g->w / 3;
    g->y0 = g->h >= 14 ? 2 : 1;
    g->body_h = g->h - g->y0 - 2;
    g->fx = g->labw;
    int avail = g->w - g->labw - 1;
    g->fw = avail;
    g->mw = 0;
    if (avail >= 56) {
        g->fw = avail * 3 / 5 > 40 ? avail * 3 / 5 : 40;
        g->mw = avail - g->fw - 1;
    }
    g->mx = g->fx + g->fw + 1;
}

static void draw_value(struct tui_form *fm, struct tui_lineedit *le, int y,
                       int x, int w, int active, int *cx)
{
    char buf[TUI_LE_MAX + 64];
    int attr = tui_attr(active ? TUI_FIELD_ACTIVE : TUI_FIELD);
    (void)fm;
    tui_draw_fill(stdscr, y, x, w, attr);
    if (!active) {
        tui_draw_text(stdscr, y, x, w, le->buf, attr);
        return;
    }
    int cur = 0;
    tui_le_view(le, w, buf, sizeof buf, &cur);
    tui_draw_text(stdscr, y, x, w, buf, attr);
    *cx = x + cur;
}

static void draw_list_row(struct tui_form *fm, struct tui_field *f, int sub,
                          int y, const struct geom *g, int active, int *cx)
{
    struct tui_list_item *it = &f->items[sub];
    int last = sub + 1 == (int)f->n_items;
    int kw = g->fw > 20 ? 8 : 0;
    if (kw)
        tui_draw_cell(stdscr, y, g->fx, kw - 1,
                      last && !active ? "+" : tui_field_choice_word(f, it->kind),
                      tui_attr(active ? TUI_HEADER : TUI_DIM), 0);
    draw_value(fm, &it->ed, y, g->fx + kw, g->fw - kw, active, cx);
}

static void draw_row(struct tui_form *fm, int i, int sub, int y,
                     const struct geom *g, int *cx)
{
    struct tui_field *f = &fm->f[i];
    int active = i == fm->cur && (f->type != TUI_F_LIST || sub == fm->sub);
    if (sub == 0)
        tui_draw_cell(stdscr, y, 0, g->labw - 1, label_of(f),
                      tui_attr(i == fm->cur ? TUI_HEADER : TUI_NORMAL), 0);
    if (f->theirs) {
        tui_form_conflict_draw(f, y, g->fx, g->w - g->fx - 1, i == fm->cur,
                               cx);
        return;
    }
    if (f->type == TUI_F_LIST) {
        draw_list_row(fm, f, sub, y, g, active, cx);
    } else if (f->type == TUI_F_CHOICE) {
        int attr = tui_attr(active ? TUI_FIELD_ACTIVE : TUI_FIELD);
        tui_draw_fill(stdscr, y, g->fx, g->fw, attr);
        tui_draw_fmt(stdscr, y, g->fx, g->fw, attr, "< %s >",
                     tui_field_choice_word(f, f->choice));
        if (active)
            *cx = g->fx + 2;
    } else {
        draw_value(fm, &f->ed, y, g->fx, g->fw, active, cx);
    }
    if (sub == (f->type == TUI_F_LIST ? f->msg_sub : 0) && f->msg[0]
        && g->mw > 0)
        tui_draw_text(stdscr, y, g->mx, g->mw, f->msg, tui_attr(TUI_ERROR));
}

static void draw_sugg(struct tui_form *fm, const struct geom *g, int y)
{
    int n = (int)fm->sugg.n, below = g->h - 2 - (y + 1), above = y - g->y0;
    int top = y + 1;
    if (n > below && above > below) {
        n = n < above ? n : above;
        top = y - n;
    } else if (n > below) {
        n = below;
    }
    for (int i = 0; i < n; i++) {
        const struct tcrm_company_row *r = &fm->sugg.rows[i];
        int attr = tui_attr(i == fm->sugg_sel ? TUI_CURSOR : TUI_FIELD);
        tui_draw_fill(stdscr, top + i, g->fx, g->fw, attr);
        int x = tui_draw_text(stdscr, top + i, g->fx + 1, g->fw - 1,
                              r->name, attr);
        if (r->city && *r->city)
            tui_draw_fmt(stdscr, top + i, g->fx + 2 + x, g->fw - 2 - x,
                         attr, "(%s)", r->city);
    }
}

static const char *hint_of(const struct tui_form *fm)
{
    const struct tui_field *f = &fm->f[fm->cur];
    if (f->theirs)
        return _("changed by both: Left/Right or Tab picks theirs or "
                 "yours, Enter takes it");
    if (f->hint)
        return f->hint;             /* translated where it was set */
    if (f->multiline)
        return _("Enter or Ctrl-E: edit in several lines");
    switch (f->type) {
    case TUI_F_CHOICE: return _("Left/Right or Space: change");
    case TUI_F_LIST: return _("Ctrl-T or F2: kind; clear a line to remove it");
    case TUI_F_COMPANY: return _("type part of a name; Down: pick a match");
    case TUI_F_TEXT: break;
    }
    return "";
}

static void draw_bars(struct tui_form *fm, const struct geom *g)
{
    int title = tui_attr(TUI_TITLE);
    const struct tui_field *f = &fm->f[fm->cur];
    tui_draw_fill(stdscr, 0, 0, g->w, title);
    int x = tui_draw_fmt(stdscr, 0, 1, g->w - 1, title, "%s%s", fm->title,
                         fm->dirty ? " *" : "");
    /* TRANSLATORS: the form's keys, at the right of its title bar */
    const char *keys = _("Enter save  Esc cancel  Tab next");
    int kw = tcrm_text_width(keys);
    if (x + 3 + kw < g->w)
        tui_draw_text(stdscr, 0, g->w - kw - 1, kw, keys, title);
    tui_draw_fill(stdscr, g->h - 2, 0, g->w, tui_attr(TUI_NORMAL));
    x = 0;
    if (fm->top > 0)
        /* TRANSLATORS: more form rows above (keep it short) */
        x += tui_draw_text(stdscr, g->h - 2, 0, g->w, _("^more "),
                           tui_attr(TUI_DIM));
    if (total_rows(fm) - fm->top > g->body_h)
        /* TRANSLATORS: more form rows below (keep it short) */
        x += tui_draw_text(stdscr, g->h - 2, x, g->w - x, _("vmore "),
                           tui_attr(TUI_DIM));
    tui_draw_text(stdscr, g->h - 2, x, g->w - x, hint_of(fm),
                  tui_attr(TUI_DIM));
    tui_draw_fill(stdscr, g->h - 1, 0, g->w, tui_attr(TUI_STATUS));
    if (fm->status[0])
        tui_draw_text(stdscr, g->h - 1, 0, g->w, fm->status,
                      tui_attr(fm->status_err ? TUI_ERROR : TUI_STATUS));
    else if (f->msg[0])
        tui_draw_fmt(stdscr, g->h - 1, 0, g->w, tui_attr(TUI_ERROR),
                     label_msg_format(), label_of(f), f->msg);
}

static void scroll_to_cursor(struct tui_form *fm, const struct geom *g)
{
    int r = row_of(fm, fm->cur, fm->sub);
    if (r < fm->top)
        fm->top = r;
    if (r >= fm->top + g->body_h)
        fm->top = r - g->body_h + 1;
    if (total_rows(fm) <= g->body_h)
        fm->top = 0;
}

void tui_form_draw(struct tui_form *fm)
{
    struct geom g;
    geom_compute(fm, &g);
    werase(stdscr);
    if (g.w < 24 || g.body_h < 1) {
        tui_draw_text(stdscr, 0, 0, g.w, _("Terminal too small"), A_BOLD);
        if (g.h > 1)
            tui_draw_text(stdscr, 1, 0, g.w, _("Esc: cancel"), A_NORMAL);
        wnoutrefresh(stdscr);
        doupdate();
        return;
    }
    scroll_to_cursor(fm, &g);
    int cx = -1, cy = -1, sugg_y = -1;
    for (int i = 0, r = 0; i < fm->n; i++) {
        for (int s = 0; s < field_rows(&fm->f[i]); s++, r++) {
            if (r < fm->top || r >= fm->top + g.body_h)
                continue;
            int y = g.y0 + r - fm->top, x = -1;
            draw_row(fm, i, s, y, &g, &x);
            if (x >= 0) {
                cx = x;
                cy = y;
            }
            if (i == fm->cur && fm->f[i].type == TUI_F_COMPANY)
                sugg_y = y;
        }
    }
    draw_bars(fm, &g);
    if (fm->sugg_open && sugg_y >= 0)
        draw_sugg(fm, &g, sugg_y);
    if (cy >= 0 && (!fm->sugg_open || fm->sugg_sel < 0))
        wmove(stdscr, cy, cx < g.w ? cx : g.w - 1);
    wnoutrefresh(stdscr);
    doupdate();
}

/* ---- Enter and Esc -------------------------------------------------- */

/* 1 when the message m starts with the label lb and a colon (ASCII or
 * full-width). */
static int names_itself(const char *m, const char *lb)
{
    size_t ll = strlen(lb);
    if (ll == 0 || strncasecmp(m, lb, ll) != 0)
        return 0;
    return m[ll] == ':' || strncmp(m + ll, "\xEF\xBC\x9A", 3) == 0;
}

static int on_enter(struct tui_form *fm, tui_form_save_fn save, void *ud)
{
    struct tui_field *cf = &fm->f[fm->cur];
    if (fm->sugg_open && fm->sugg_sel >= 0 && cf->type == TUI_F_COMPANY) {
        sugg_pick(fm, cf);
        return GO_ON;
    }
    sugg_close(fm);
    int bad = tui_form_conflict_left(fm);
    if (bad >= 0) {
        tui_form_status(fm, 1, "Pick theirs or yours for %s first",
                        label_of(&fm->f[bad]));
        fm->cur = bad;
        fm->sub = 0;
        return GO_ON;
    }
    for (int i = 0; i < fm->n; i++) {
        if (fm->f[i].type == TUI_F_LIST)
            list_tidy(&fm->f[i], i == fm->cur ? fm->sub : -1,
                      i == fm->cur ? &fm->sub : NULL);
        if (check_field(&fm->f[i]) && bad < 0)
            bad = i;
    }
    if (bad >= 0) {
        const char *m = fm->f[bad].msg;
        /* "amount: ..." needs no "Amount: " (nor "金额：..." "金额：") */
        if (names_itself(m, fm->f[bad].label)
            || names_itself(m, label_of(&fm->f[bad])))
            tui_form_status(fm, 1, "%s", m);
        else
            tui_form_status(fm, 1, label_msg_format(),
                            label_of(&fm->f[bad]), m);
        fm->cur = bad;
        fm->sub = fm->f[bad].type == TUI_F_LIST ? fm->f[bad].msg_sub : 0;
        return GO_ON;
    }
    int r = save(fm, ud);
    return r == 0 ? GO_ON : r;
}

static int on_escape(struct tui_form *fm)
{
    if (fm->sugg_open) {
        sugg_close(fm);
        return GO_ON;
    }
    if (!fm->dirty)
        return TUI_CANCELLED;
    tui_form_draw(fm);
    /* TRANSLATORS: y and n stay the keys that answer */
    return tui_confirm(_("Discard changes? (y/n)")) ? TUI_CANCELLED : GO_ON;
}

static int sugg_key(struct tui_form *fm, const struct tui_key *k)
{
    if (!fm->sugg_open)
        return 0;
    if (k->fn == KEY_DOWN) {
        if (fm->sugg_sel + 1 < (int)fm->sugg.n)
            fm->sugg_sel++;
        return 1;
    }
    if (k->fn == KEY_UP && fm->sugg_sel >= 0) {
        fm->sugg_sel--;
        return 1;
    }
    return 0;
}

/* The field's text in the multi-line editor. */
static void edit_lines(struct tui_form *fm, struct tui_field *f)
{
    char *text = NULL;
    if (tui_text_edit(label_of(f), f->ed.buf, &text) == 1
        && strcmp(text, f->ed.buf) != 0 && tui_le_set(&f->ed, text) == 0) {
        fm->dirty = 1;
        tui_le_apply(&f->ed, TUI_LE_HOME);     /* show where it starts */
    }
    free(text);
    clearok(curscr, TRUE);
}

static int handle_key(struct tui_form *fm, const struct tui_key *k,
                      tui_form_save_fn save, void *ud)
{
    if (k->fn == KEY_RESIZE || k->fn == KEY_MOUSE)
        return GO_ON;
    fm->status[0] = '\0';
    if (sugg_key(fm, k) || tui_form_conflict_key(fm, k))
        return GO_ON;
    if (fm->f[fm->cur].multiline
        && (tui_key_is(k, '\n') || tui_key_is(k, 0x05))) {   /* Ctrl-E */
        edit_lines(fm, &fm->f[fm->cur]);
        return GO_ON;
    }
    if (tui_key_is(k, '\n'))
        return on_enter(fm, save, ud);
    if (tui_key_is(k, 27))
        return on_escape(fm);
    if (tui_key_is(k, 0x0C)) {                       /* Ctrl-L */
        clearok(curscr, TRUE);
        return GO_ON;
    }
    if (tui_key_is(k, '\t') || k->fn == KEY_DOWN)
        move_row(fm, 1);
    else if (k->fn == KEY_BTAB || k->fn == KEY_UP)
        move_row(fm, -1);
    else if (edit_key(fm, k))
        fm->dirty = 1;
    return GO_ON;
}

int tui_form_run(struct tui_form *fm, tui_form_save_fn save, void *ud)
{
    int vis = curs_set(1), rc = GO_ON;
    while (rc == GO_ON) {
        struct tui_key k;
        tui_form_draw(fm);
        if (tui_read_key(&k) != 0)
            rc = TCRM_EIO;
        else
            rc = handle_key(fm, &k, save, ud);
    }
    sugg_close(fm);
    if (vis != ERR)
        curs_set(vis);
    return rc;
}
