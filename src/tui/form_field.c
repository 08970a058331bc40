/*
 * form_field.c: the pieces a form is made of (see form.h): reading a key,
 * the line editor's keys, and setting up and freeing each kind of field
 * (text, choice, list of phones and e-mails, company). form.c runs the
 * form: moving, editing, drawing, Enter and Esc.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "form.h"
#include "tcrm/normalize.h"
#include "tcrm/text.h"

/* ---- keys ----------------------------------------------------------- */

int tui_read_key(struct tui_key *k)
{
    int delay = wgetdelay(stdscr), r, fails = 0;
    wint_t wc = 0;
    keypad(stdscr, TRUE);
    for (;;) {
        wtimeout(stdscr, -1);
        while ((r = wget_wch(stdscr, &wc)) == ERR) {
            if (++fails > 100 || tui_terminal_gone()) {  /* gone */
                wtimeout(stdscr, delay);
                return TCRM_EIO;
            }
        }
        if (r != OK || wc != 27 || !tui_drop_unknown_sequence())
            break;
    }
    wtimeout(stdscr, delay);
    k->fn = r == KEY_CODE_YES ? (int)wc : 0;
    k->ch = r == KEY_CODE_YES ? 0 : (uint32_t)wc;
    if (k->fn == KEY_ENTER || k->ch == '\r') {
        k->fn = 0;
        k->ch = '\n';
    }
    return 0;
}

int tui_key_is(const struct tui_key *k, uint32_t ch)
{
    return k->fn == 0 && k->ch == ch;
}

int tui_le_key(struct tui_lineedit *le, const struct tui_key *k)
{
    enum tui_le_op op = TUI_LE_NONE;
    switch (k->fn) {
    case 0: break;
    case KEY_LEFT: op = TUI_LE_LEFT; break;
    case KEY_RIGHT: op = TUI_LE_RIGHT; break;
    case KEY_HOME: op = TUI_LE_HOME; break;
    case KEY_END: op = TUI_LE_END; break;
    case KEY_BACKSPACE: op = TUI_LE_BACKSPACE; break;
    case KEY_DC: op = TUI_LE_DELETE; break;
    default: return -1;
    }
    if (k->fn == 0) {
        op = tui_le_ctrl_op(k->ch);
        if (op == TUI_LE_NONE) {
            if (k->ch < 0x20 || k->ch == 0x7F)
                return -1;
            return tui_le_insert_cp(le, k->ch) > 0;
        }
    }
    return tui_le_apply(le, op);
}

/* ---- fields --------------------------------------------------------- */

static void field_zero(struct tui_field *f, const char *label,
                       enum tui_field_type type)
{
    memset(f, 0, sizeof *f);
    f->label = label;
    f->type = type;
}

int tui_field_text(struct tui_field *f, const char *label, const char *value)
{
    field_zero(f, label, TUI_F_TEXT);
    return tui_le_init(&f->ed, value);
}

int tui_field_choice(struct tui_field *f, const char *label,
                     const char *const *choices, int n, int choice)
{
    field_zero(f, label, TUI_F_CHOICE);
    f->choices = choices;
    f->n_choices = n;
    f->choice = choice >= 0 && choice < n ? choice : 0;
    return tui_le_init(&f->ed, NULL);
}

int tui_field_list(struct tui_field *f, const char *label,
                   const char *const *kinds, int n_kinds)
{
    field_zero(f, label, TUI_F_LIST);
    f->choices = kinds;
    f->n_choices = n_kinds;
    if (tui_le_init(&f->ed, NULL) != 0)
        return TCRM_ENOMEM;
    return tui_field_list_add(f, 0, NULL);
}

/* Insert before the trailing empty entry (or append the first one). */
int tui_field_list_add(struct tui_field *f, int kind, const char *value)
{
    struct tui_list_item *p = realloc(f->items,
                                      (f->n_items + 1) * sizeof *p);
    if (!p)
        return TCRM_ENOMEM;
    f->items = p;
    size_t at = f->n_items;
    if (value && *value && f->n_items > 0) {
        at = f->n_items - 1;
        p[f->n_items] = p[at];
    }
    memset(&p[at], 0, sizeof p[at]);
    p[at].kind = kind;
    p[at].kind_set = value && *value;
    f->n_items++;
    return tui_le_init(&p[at].ed, value);
}

int tui_field_company(struct tui_field *f, const char *label,
                      const char *name, int64_t id)
{
    field_zero(f, label, TUI_F_COMPANY);
    f->company_id = id;
    return tui_le_init(&f->ed, name);
}

char *tui_field_dup(const struct tui_field *f)
{
    char *t = tcrm_norm_trim(f->ed.buf);
    if (t && !*t) {
        free(t);
        return NULL;
    }
    return t;
}

void tui_field_free(struct tui_field *f)
{
    tui_le_free(&f->ed);
    for (size_t i = 0; i < f->n_items; i++)
        tui_le_free(&f->items[i].ed);
    free(f->items);
    f->items = NULL;
    f->n_items = 0;
    if (f->theirs) {
        tui_field_free(f->theirs);
        free(f->theirs);
        f->theirs = NULL;
    }
}
