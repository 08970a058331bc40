/*
 * ui_forms2.c: the interaction form; the one-line
 * questions (tui_confirm, tui_prompt, tui_message) at the bottom of the
 * screen; and the checks and tag helpers the forms share.
 *
 * Design. Same shape as ui_forms.c: fields filled from the entity struct,
 * a save callback that fills the struct back and lets the data layer
 * validate and write. Dates are typed in the date language of date.h
 * ("tomorrow", "+3d", "fri 09:00") and stored in ISO form; the check
 * callback parses with the same function, so what the form accepts is
 * exactly what is saved.
 *
 * (The deal form is in deal_form.c, the follow-up form in
 * followup_form.c.)
 *
 * The one-line questions draw on the last screen row and read keys with
 * get_wch, so a prompt takes CJK input like any form field.
 */
#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "form.h"
#include "modal.h"
#include "tcrm/contact.h"
#include "tcrm/date.h"
#include "tcrm/followup.h"
#include "tcrm/interaction.h"
#include "tcrm/money.h"
#include "tcrm/normalize.h"
#include "theme.h"

/* ---- shared checks and tags ----------------------------------------- */

static int fail(struct tcrm_error *err, char *msg, size_t msgsz)
{
    snprintf(msg, msgsz, "%s", err->msg);
    return 1;
}

int tui_check_date(const struct tui_field *f, int kind, const char *text,
                   char *msg, size_t msgsz)
{
    struct tcrm_when w;
    struct tcrm_error err;
    (void)f;
    (void)kind;
    if (tcrm_date_parse(text, tcrm_clock_now(), &w, &err) != 0)
        return fail(&err, msg, msgsz);
    return 0;
}

int tui_check_email(const struct tui_field *f, int kind, const char *text,
                    char *msg, size_t msgsz)
{
    struct tcrm_error err;
    (void)f;
    (void)kind;
    return tcrm_norm_check_email(text, &err) ? fail(&err, msg, msgsz) : 0;
}

int tui_check_phone(const struct tui_field *f, int kind, const char *text,
                    char *msg, size_t msgsz)
{
    struct tcrm_error err;
    (void)f;
    (void)kind;
    return tcrm_norm_check_phone(text, &err) ? fail(&err, msg, msgsz) : 0;
}

int tui_check_channel(const struct tui_field *f, int kind, const char *text,
                      char *msg, size_t msgsz)
{
    if (kind == TCRM_CH_EMAIL)
        return tui_check_email(f, kind, text, msg, msgsz);
    if (kind >= 0 && tcrm_channel_is_phone((enum tcrm_channel_kind)kind))
        return tui_check_phone(f, kind, text, msg, msgsz);
    return 0;
}

/* A whole number from 0 to 100 (probability), or from 0 to 3650 (days). */
int tui_check_number(const char *text, long max, char *msg, size_t msgsz)
{
    char *end;
    long v = strtol(text, &end, 10);
    if (end == text || *end != '\0' || v < 0 || v > max) {
        snprintf(msg, msgsz, _("'%.40s' is not a whole number from 0 to %ld"),
                 text, max);
        return 1;
    }
    return 0;
}

int tui_check_percent(const struct tui_field *f, int kind, const char *text,
                      char *msg, size_t msgsz)
{
    (void)f;
    (void)kind;
    return tui_check_number(text, 100, msg, msgsz);
}

int tui_check_money(const struct tui_field *f, int kind, const char *text,
                    char *msg, size_t msgsz)
{
    int64_t minor;
    struct tcrm_error err;
    (void)f;
    (void)kind;
    return tcrm_money_parse(text, &minor, &err) ? fail(&err, msg, msgsz) : 0;
}

int tui_tags_parse(const char *text, struct tcrm_strlist *l)
{
    tcrm_strlist_clear(l);
    char *copy = strdup(text ? text : "");
    if (!copy)
        return TCRM_ENOMEM;
    /* the full-width comma "，" counts as a comma too */
    for (char *p; (p = strstr(copy, "\xEF\xBC\x8C")) != NULL;)
        memcpy(p, ",  ", 3);
    int rc = 0;
    for (char *save = NULL, *t = strtok_r(copy, ",", &save); t && rc == 0;
         t = strtok_r(NULL, ",", &save)) {
        char *tag = tcrm_norm_trim(t);
        if (tag && *tag && !tcrm_strlist_has(l, tag))
            rc = tcrm_strlist_add(l, tag);
        free(tag);
    }
    free(copy);
    return rc;
}

char *tui_tags_join(const struct tcrm_strlist *l)
{
    size_t n = 1;
    for (size_t i = 0; i < l->n; i++)
        n += strlen(l->items[i]) + 2;
    char *s = malloc(n);
    if (!s)
        return NULL;
    s[0] = '\0';
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            strcat(s, ", ");
        strcat(s, l->items[i]);
    }
    return s;
}

/* ---- one-line questions --------------------------------------------- */

static void bottom_line(const char *text, int attr)
{
    int h, w;
    getmaxyx(stdscr, h, w);
    tui_draw_fill(stdscr, h - 1, 0, w, attr);
    tui_draw_text(stdscr, h - 1, 0, w, text, attr);
}

int tui_choose(const char *question, const char *keys)
{
    int vis = curs_set(0), r = -2;
    while (r == -2) {
        struct tui_key k;
        bottom_line(question, tui_attr(TUI_ERROR) | A_REVERSE);
        wnoutrefresh(stdscr);
        doupdate();
        if (tui_read_key(&k) != 0 || tui_key_is(&k, 27)) {
            r = -1;
            continue;
        }
        for (int i = 0; keys[i] && !k.fn; i++)
            if (k.ch == (unsigned char)keys[i] ||
                (k.ch < 128 && toupper((int)k.ch) == toupper(keys[i])))
                r = i;
    }
    if (vis != ERR)
        curs_set(vis);
    return r;
}

int tui_confirm(const char *question)
{
    return tui_choose(question, "yn") == 0;
}

void tui_message(const char *text)
{
    char buf[600];
    struct tui_key k;
    snprintf(buf, sizeof buf, _("%s  (press a key)"), text);
    int vis = curs_set(0);
    bottom_line(buf, tui_attr(TUI_ERROR));
    wnoutrefresh(stdscr);
    doupdate();
    while (tui_read_key(&k) == 0 && k.fn == KEY_RESIZE)
        ;
    if (vis != ERR)
        curs_set(vis);
}

static void prompt_draw(const char *label, struct tui_lineedit *le)
{
    char buf[TUI_LE_MAX + 64];
    int h, w, cx = 0;
    getmaxyx(stdscr, h, w);
    int attr = tui_attr(TUI_STATUS);
    tui_draw_fill(stdscr, h - 1, 0, w, attr);
    size_t ll = strlen(label);
    /* a label that ends in a colon or a question mark gets a space; one
     * ending in a full-width "：" or "？" (which has its own room) gets
     * nothing; any other gets ": " */
    int colon = ll > 0 && (label[ll - 1] == ':' || label[ll - 1] == '?');
    int wide = ll >= 3 && (strcmp(label + ll - 3, "\xEF\xBC\x9A") == 0
                           || strcmp(label + ll - 3, "\xEF\xBC\x9F") == 0);
    int x = tui_draw_fmt(stdscr, h - 1, 0, w / 2, attr | A_BOLD, "%s%s",
                         label, wide ? "" : colon ? " " : ": ");
    int fw = w - x - 1 > 1 ? w - x - 1 : 1;
    tui_le_view(le, fw, buf, sizeof buf, &cx);
    tui_draw_fill(stdscr, h - 1, x, fw, tui_attr(TUI_FIELD_ACTIVE));
    tui_draw_text(stdscr, h - 1, x, fw, buf, tui_attr(TUI_FIELD_ACTIVE));
    wmove(stdscr, h - 1, x + cx);
    wnoutrefresh(stdscr);
    doupdate();
}

int tui_prompt(const char *label, const char *initial, char **out)
{
    struct tui_lineedit le;
    int vis = curs_set(1), r = -1;
    *out = NULL;
    /* A pre-filled value is replaced by the first character typed, as in
     * readline-style editors; a movement or editing key keeps it. */
    int fresh = initial && *initial;
    if (tui_le_init(&le, initial) != 0)
        return 0;
    while (r < 0) {
        struct tui_key k;
        prompt_draw(label, &le);
        if (tui_read_key(&k) != 0 || tui_key_is(&k, 27))
            r = 0;
        else if (tui_key_is(&k, '\n'))
            r = 1;
        else {
            if (fresh && !k.fn && k.ch >= 0x20 && k.ch != 0x7f)
                tui_le_set(&le, "");
            fresh = 0;
            tui_le_key(&le, &k);
        }
    }
    if (r == 1 && (*out = strdup(le.buf)) == NULL)
        r = 0;
    tui_le_free(&le);
    if (vis != ERR)
        curs_set(vis);
    return r;
}

/* ---- helpers the forms share ------------------------------------------ */

int tui_field_set(char **dst, const struct tui_field *f)
{
    char *v = tui_field_dup(f);
    int rc = tcrm_str_set(dst, v);
    free(v);
    return rc;
}

int tui_field_when(const struct tui_field *f, struct tcrm_when *w)
{
    char *v = tui_field_dup(f);
    int rc = v ? tcrm_date_parse(v, tcrm_clock_now(), w, NULL) : 1;
    free(v);
    return rc;
}

const char *tui_contact_name(struct tcrm_db *db, int64_t id, char *buf,
                             size_t n)
{
    struct tcrm_contact c;
    buf[0] = '\0';
    tcrm_contact_init(&c);
    if (id && tcrm_contact_get(db, id, &c, NULL) == 0)
        snprintf(buf, n, "%s", c.name ? c.name : "");
    tcrm_contact_clear(&c);
    return buf;
}


/* ---- interactions --------------------------------------------------- */

enum { I_KIND, I_WHEN, I_SUMMARY, I_BODY, I_N };

struct ia_ctx {
    struct tcrm_db *db;
    int64_t contact_id, *out_id;
};

static const char *ia_kinds[TCRM_IA_COUNT];

static int ia_save(struct tui_form *fm, void *ud)
{
    struct ia_ctx *x = ud;
    struct tui_field *f = fm->f;
    struct tcrm_interaction ia;
    struct tcrm_error err;
    struct tcrm_when w;
    char iso[17];
    tcrm_interaction_init(&ia);
    ia.contact_id = x->contact_id;
    ia.kind = (enum tcrm_interaction_kind)f[I_KIND].choice;
    int rc = tui_field_set(&ia.summary, &f[I_SUMMARY]);
    rc |= tui_field_set(&ia.body, &f[I_BODY]);
    if (tui_field_when(&f[I_WHEN], &w) == 0) {
        tcrm_when_iso(&w, iso);
        rc |= tcrm_str_set(&ia.at, iso);
    }
    if (rc == 0)
        rc = tcrm_interaction_insert(x->db, &ia, &err);
    else
        tcrm_error_set(&err, rc, "out of memory");
    if (rc == 0 && x->out_id)
        *x->out_id = ia.id;
    tcrm_interaction_clear(&ia);
    if (rc != 0) {
        tui_form_show_error(fm, &err);
        return 0;
    }
    return TUI_SAVED;
}

int tui_interaction_form(struct tcrm_db *db, const struct tcrm_config *cfg,
                         int64_t contact_id, int kind, int64_t *out_id)
{
    struct ia_ctx x = {.db = db, .contact_id = contact_id, .out_id = out_id};
    struct tui_field f[I_N];
    struct tui_form fm;
    char name[200], title[300];
    (void)cfg;
    for (int k = 0; k < TCRM_IA_COUNT; k++)
        ia_kinds[k] = tcrm_interaction_kind_name(
            (enum tcrm_interaction_kind)k);
    /* TRANSLATORS: the title of the form that logs an interaction with
     * a contact (the contact's name) */
    snprintf(title, sizeof title, _("Log for %s"),
             tui_contact_name(db, contact_id, name, sizeof name));
    /* TRANSLATORS: the kind of an interaction (call, e-mail, visit...) */
    int rc = tui_field_choice(&f[I_KIND], "Kind", ia_kinds, TCRM_IA_COUNT,
                              kind);
    f[I_KIND].choice_ctx = "kind";
    /* TRANSLATORS: the date language's word for the current time (see
     * tcrm/date.h; 现在 is one it accepts), put in the When field */
    rc |= tui_field_text(&f[I_WHEN], "When", C_("date", "now"));
    f[I_WHEN].key = "at";       /* core names it by the --at option */
    rc |= tui_field_text(&f[I_SUMMARY], "Summary", NULL);
    rc |= tui_field_text(&f[I_BODY], "Body", NULL);
    f[I_WHEN].check = tui_check_date;
    /* TRANSLATORS: forms the date language accepts (tcrm/date.h) */
    f[I_WHEN].hint = _("now, today 14:30, yesterday, 2026-11-20 09:00");
    f[I_SUMMARY].required = 1;
    f[I_SUMMARY].hint = _("one line: what happened");
    f[I_BODY].hint = _("optional details; Enter or Ctrl-E: several lines");
    f[I_BODY].multiline = 1;
    tui_form_init(&fm, title, f, I_N, db);
    fm.cur = I_SUMMARY;
    rc = rc ? TCRM_ENOMEM : tui_form_run(&fm, ia_save, &x);
    tui_form_free(&fm);
    return rc;
}
