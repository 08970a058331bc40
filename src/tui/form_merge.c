/*
 * form_merge.c: a save that someone else's save overtook, settled in the
 * form (form.h, tui_form_merge).
 *
 * Design. The dialog gets TCRM_ECONFLICT from the data layer, reads the
 * record as stored now, and lets tcrm_record_merge3 (edit.h: the rule,
 * once for every record) say which fields they changed alone and which
 * both changed. It fills a second set of fields from the stored record
 * with the same function that filled the form, so a value travels as the
 * form shows it (a choice index, phones with their kinds, a company with
 * its id). Here those fields are spent: a field they changed alone takes
 * their value; a field both changed keeps the person's value and gets
 * theirs beside it, and the row becomes a chooser. Enter on a chooser
 * takes the value it shows; the save refuses while a chooser is left.
 * The record under the form becomes theirs (its version too), so the
 * next save goes through unless a third save came in between, which is
 * merged the same way.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "form.h"
#include "tcrm/edit.h"
#include "tcrm/strbuf.h"
#include "theme.h"

/* Exchange the values of two fields of the same kind (not their labels,
 * checks or hints). */
static void swap_values(struct tui_field *a, struct tui_field *b)
{
    struct tui_field t = *a;
    a->ed = b->ed;
    a->items = b->items;
    a->n_items = b->n_items;
    a->choice = b->choice;
    a->n_choices = b->n_choices;
    a->company_id = b->company_id;
    b->ed = t.ed;
    b->items = t.items;
    b->n_items = t.n_items;
    b->choice = t.choice;
    b->n_choices = t.n_choices;
    b->company_id = t.company_id;
}

static void set_status(struct tui_form *fm, int n, const char *who)
{
    if (n == 0)
        tui_form_status(fm, 0, "%s saved this meanwhile: their changes are "
                        "merged in; Enter saves", who);
    else
        tui_form_status(fm, 1, "%s saved this meanwhile: pick theirs or "
                        "yours where you both changed a field", who);
}

/* The fields of theirs (filled, then spent here) into the form. */
static void take_fields(struct tui_form *fm, const unsigned *bits,
                        struct tui_field *theirs, unsigned taken,
                        unsigned conflicts, const char *who)
{
    int n = 0, first = -1;
    for (int i = 0; i < fm->n; i++) {
        struct tui_field *f = &fm->f[i];
        if (bits[i] & conflicts) {
            struct tui_field *t = malloc(sizeof *t);
            if (!t)
                continue;             /* the person's value stays */
            if (f->theirs) {
                tui_field_free(f->theirs);
                free(f->theirs);
            }
            *t = theirs[i];
            memset(&theirs[i], 0, sizeof theirs[i]);
            f->theirs = t;
            f->pick_mine = 0;
            f->msg[0] = '\0';
            n++;
            if (first < 0)
                first = i;
        } else if (bits[i] & taken) {
            swap_values(f, &theirs[i]);
            f->msg[0] = '\0';
        }
        tui_field_free(&theirs[i]);
    }
    if (first >= 0) {
        fm->cur = first;
        fm->sub = 0;
    }
    set_status(fm, n, who && *who ? who : "?");
}

int tui_form_merge(struct tui_form *fm, const struct tcrm_record_desc *d,
                   const unsigned *bits, const void *base, void *mine,
                   const void *theirs, tui_fields_fn fields, void *ud,
                   const char *who)
{
    unsigned taken = 0, conflicts = 0;
    struct tui_field *tf = calloc((size_t)fm->n, sizeof *tf);
    int rc = tf ? tcrm_record_merge3(d, base, mine, theirs, &taken,
                                     &conflicts) : TCRM_ENOMEM;
    if (rc == 0 && fields(tf, theirs, ud) != 0) {
        for (int i = 0; i < fm->n; i++)
            tui_field_free(&tf[i]);
        rc = TCRM_ENOMEM;
    }
    if (rc == 0)
        take_fields(fm, bits, tf, taken, conflicts, who);
    free(tf);
    return rc;
}

int tui_form_conflict_left(const struct tui_form *fm)
{
    for (int i = 0; i < fm->n; i++)
        if (fm->f[i].theirs)
            return i;
    return -1;
}

int tui_form_conflict_key(struct tui_form *fm, const struct tui_key *k)
{
    struct tui_field *f = &fm->f[fm->cur];
    if (!f->theirs)
        return 0;
    if (k->fn == KEY_LEFT || k->fn == KEY_RIGHT || tui_key_is(k, '\t')
        || tui_key_is(k, ' ')) {
        f->pick_mine = !f->pick_mine;
        return 1;
    }
    if (!tui_key_is(k, '\n'))
        return 0;
    if (!f->pick_mine)
        swap_values(f, f->theirs);
    tui_field_free(f->theirs);
    free(f->theirs);
    f->theirs = NULL;
    f->msg[0] = '\0';
    fm->sub = 0;
    if (f->type == TUI_F_LIST)
        fm->sub = (int)f->n_items - 1;
    if (tui_form_conflict_left(fm) < 0)
        tui_form_status(fm, 0, "Enter saves");
    else
        tui_form_status(fm, 1, "Pick theirs or yours for the next field "
                        "marked");
    return 1;
}

/* A field's value on one line: the text, the choice, the list's values. */
static void value_text(const struct tui_field *f, struct tcrm_strbuf *sb)
{
    if (f->type == TUI_F_CHOICE) {
        tcrm_strbuf_append(sb, tui_field_choice_word(f, f->choice));
        return;
    }
    if (f->type != TUI_F_LIST) {
        tcrm_strbuf_append(sb, f->ed.buf);
        return;
    }
    for (size_t i = 0; i < f->n_items; i++) {
        if (!f->items[i].ed.buf[0])
            continue;
        if (sb->len)
            tcrm_strbuf_append(sb, ", ");
        tcrm_strbuf_append(sb, f->items[i].ed.buf);
    }
}

static int draw_choice(const struct tui_field *f, int y, int x, int w,
                       int on, const char *fmt)
{
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    value_text(f, &sb);
    int attr = tui_attr(on ? TUI_CURSOR : TUI_FIELD);
    tui_draw_fill(stdscr, y, x, w, attr);
    if (on)                     /* not by colour alone */
        tui_draw_text(stdscr, y, x, 1, ">", attr);
    tui_draw_fmt(stdscr, y, x + 1, w - 1, attr, fmt, sb.buf ? sb.buf : "");
    tcrm_strbuf_free(&sb);
    return x + 1;
}

void tui_form_conflict_draw(const struct tui_field *f, int y, int x, int w,
                            int active, int *cx)
{
    int half = (w - 1) / 2;
    /* TRANSLATORS: the value someone else saved meanwhile, beside the
     * person's own ("yours: %s"); they pick one */
    int tx = draw_choice(f->theirs, y, x, half, !f->pick_mine,
                         _("theirs: %s"));
    /* TRANSLATORS: the person's own value, beside "theirs: %s" */
    int yx = draw_choice(f, y, x + half + 1, w - half - 1, f->pick_mine,
                         _("yours: %s"));
    if (active)
        *cx = f->pick_mine ? yx : tx;
}
