/*
 * form.h: the curses form widget every add/edit dialog is made of.
 *
 * A form is a title and a column of labelled fields, one screen row each
 * (a list field takes one row per entry plus an empty one to add to):
 *   TUI_F_TEXT     a line editor (lineedit.h)
 *   TUI_F_CHOICE   one of a fixed set, cycled with Left/Right or Space,
 *                  or picked by typing its first letter (of the word
 *                  shown, or of the stored English key: "w" picks "won"
 *                  when it shows as 赢单)
 *   TUI_F_LIST     several values each with a kind (phones, e-mails):
 *                  Ctrl-T or F2 cycles the kind, an emptied entry goes
 *                  away; a guess function may set the kind as one types
 *   TUI_F_COMPANY  a line editor that offers companies whose name holds
 *                  what was typed (tcrm_company_list); Down picks one,
 *                  Enter takes it; a new name is left for the data layer
 *                  to add on save
 * A multi-line TEXT field (notes, a body) shows its lines on one row;
 * Enter or Ctrl-E there opens the multi-line editor (tui_text_edit).
 * Keys: Tab/Down next row, Shift-Tab/Up previous, Enter save, Esc cancel
 * (asking "Discard changes? (y/n)" when something changed), Ctrl-L
 * redraw; the line editor's keys inside a field.
 *
 * Checks: a field's check runs when the cursor leaves it and, for every
 * field, on Enter; its message is drawn beside the field and on the status
 * line. Only when all pass is the save callback called; it may refuse
 * (tui_form_show_error puts a data-layer message beside the field it
 * names) and the form stays open.
 *
 * Drawing is on stdscr, whole-screen; the caller redraws its own screen
 * after tui_form_run returns.
 */
#ifndef TCRM_TUI_FORM_H
#define TCRM_TUI_FORM_H

#include <stddef.h>
#include <stdint.h>

#include "lineedit.h"
#include "tcrm/company.h"
#include "tcrm/db.h"
#include "tcrm/error.h"
#include "tcrm/i18n.h"

/* A key from get_wch: fn is a KEY_* code (KEY_RESIZE, KEY_LEFT...) or 0,
 * and then ch is the character typed. */
struct tui_key {
    int fn;
    uint32_t ch;
};
/* Block for one key (whatever timeout stdscr has). Returns 0, or
 * TCRM_EIO when the terminal is gone. */
int tui_read_key(struct tui_key *k);
/* 1 for Esc, Enter, Tab. */
int tui_key_is(const struct tui_key *k, uint32_t ch);
/* Line-editing keys (arrows, Home/End, Backspace, Delete, Ctrl-A/E/B/F/
 * D/H/U/K/W, printable characters) applied to le. Returns 1 when the text
 * changed, 0 when only the cursor moved, -1 when the key is not an
 * editing key. */
int tui_le_key(struct tui_lineedit *le, const struct tui_key *k);

enum tui_field_type { TUI_F_TEXT, TUI_F_CHOICE, TUI_F_LIST, TUI_F_COMPANY };

struct tui_field;
/* 0 when text is acceptable, else a message into msg. kind: the list
 * entry's kind, -1 for other fields. */
typedef int (*tui_check_fn)(const struct tui_field *f, int kind,
                            const char *text, char *msg, size_t msgsz);

struct tui_list_item {
    int kind;
    int kind_set;                 /* chosen by hand: no more guessing */
    struct tui_lineedit ed;
};

struct tui_field {
    const char *label;            /* English; drawn through gettext */
    const char *label_ctx;        /* the label's gettext context when the
                                   * same English word needs other words
                                   * ("Title" of a deal, marked with NC_);
                                   * NULL: none */
    const char *key;              /* err->field it answers to; NULL: the
                                   * label's first word, lower-cased */
    enum tui_field_type type;
    int required;
    tui_check_fn check;
    const char *hint;             /* shown under the form while here */
    struct tui_lineedit ed;       /* TEXT, COMPANY */
    const char *const *choices;   /* CHOICE; kinds of a LIST: stored
                                   * English keys, saved as they are */
    const char *choice_ctx;       /* shown through tcrm_i18n_word(ctx, key)
                                   * ("stage", "kind", "status", "channel");
                                   * NULL: shown as they are */
    int n_choices;
    int choice;                   /* CHOICE: the index shown */
    struct tui_list_item *items;  /* LIST: the last one is empty */
    size_t n_items;
    int (*guess_kind)(const char *value); /* LIST; -1: no guess */
    int64_t company_id;           /* COMPANY: picked, 0 = by name */
    char msg[512];                /* validation message */
    int msg_sub;                  /* LIST: the entry it is about */
    struct tui_field *theirs;     /* both this person and someone who
                                   * saved meanwhile changed the field:
                                   * their value, shown beside this one
                                   * until one is taken (form_merge.c) */
    int pick_mine;                /* the chooser: 0 theirs, 1 yours */
    int multiline;                /* TEXT: Enter or Ctrl-E opens the
                                   * multi-line editor (textedit.c) */
};

struct tui_form {
    const char *title;
    struct tui_field *f;
    int n;
    struct tcrm_db *db;           /* for the company picker */
    int cur, sub, top;            /* field, list entry, first shown row */
    int dirty;
    char status[512];
    int status_err;
    struct tcrm_company_page sugg;  /* company matches */
    int sugg_sel, sugg_open;
};

/* Field set-up; every one returns 0 or TCRM_ENOMEM. label is the
 * English label (a literal: xgettext extracts it, see po/xgettext.args);
 * the form draws it through gettext and matches err->field against its
 * English first word. */
int tui_field_text(struct tui_field *f, const char *label, const char *value);
int tui_field_choice(struct tui_field *f, const char *label,
                     const char *const *choices, int n, int choice);
int tui_field_list(struct tui_field *f, const char *label,
                   const char *const *kinds, int n_kinds);
int tui_field_list_add(struct tui_field *f, int kind, const char *value);
int tui_field_company(struct tui_field *f, const char *label,
                      const char *name, int64_t id);
/* Free a field's editors (and its other value). */
void tui_field_free(struct tui_field *f);
/* Choice i of a CHOICE field or kind i of a LIST as shown. */
const char *tui_field_choice_word(const struct tui_field *f, int i);
/* Trimmed copy of a text field's value (free() it); NULL when empty. */
char *tui_field_dup(const struct tui_field *f);

void tui_form_init(struct tui_form *fm, const char *title,
                   struct tui_field *fields, int n, struct tcrm_db *db);
/* Frees the fields' editors too. */
void tui_form_free(struct tui_form *fm);

/* Status line message (printf; fmt is translated here and is a keyword
 * of xgettext: pass a literal, never _()). */
void tui_form_status(struct tui_form *fm, int is_error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A data-layer message: on the status line, and beside the field that
 * err->field names (see field keys in tcrm/error.h and struct tui_field's
 * key); the cursor goes to that field. */
void tui_form_show_error(struct tui_form *fm, const struct tcrm_error *err);

/* save: called on Enter once every check passed. Returns TUI_SAVED or
 * TUI_OPEN_OTHER to close the form with that result, 0 to stay (after
 * setting a message), or a negative TCRM_E* to stop. */
typedef int (*tui_form_save_fn)(struct tui_form *fm, void *ud);
int tui_form_run(struct tui_form *fm, tui_form_save_fn save, void *ud);

/* Draw the form (for dialogs drawn over it, which then redraw it). */
void tui_form_draw(struct tui_form *fm);

/* A save that came back TCRM_ECONFLICT, merged by field (form_merge.c).
 * base: the record as the form read it; mine: as the form's values made
 * it (it becomes the merge, tcrm_record_merge3 of d); theirs: as stored
 * now. fields(f, rec, ud) fills a form's fields from a record (the
 * dialog's own); bits[i]: the record's fields (edit.h bits) form field i
 * shows. Fields only they changed take their value; fields both changed
 * get a chooser (theirs / yours) and the cursor goes to the first; the
 * status line says who saved meanwhile and what to do. 0 or
 * TCRM_ENOMEM. */
struct tcrm_record_desc;
typedef int (*tui_fields_fn)(struct tui_field *f, const void *rec, void *ud);
int tui_form_merge(struct tui_form *fm, const struct tcrm_record_desc *d,
                   const unsigned *bits, const void *base, void *mine,
                   const void *theirs, tui_fields_fn fields, void *ud,
                   const char *who);
/* The chooser's keys on a field with a conflict (Left/Right/Tab/Space
 * switch, Enter takes the one shown); 1 when the key was used. */
int tui_form_conflict_key(struct tui_form *fm, const struct tui_key *k);
/* The first field still waiting for a choice, or -1. */
int tui_form_conflict_left(const struct tui_form *fm);
/* Draw the chooser on row y from column x, w wide; *cx: the cursor. */
void tui_form_conflict_draw(const struct tui_field *f, int y, int x, int w,
                            int active, int *cx);

/* The multi-line editor over the whole screen: text (NULL: empty) with
 * its newlines; 1 and a malloc'd *out on Ctrl-X or F10, 0 on Esc. */
int tui_text_edit(const char *title, const char *text, char **out);

/* Checks the dialogs share (tui_check_fn; in ui_forms2.c): the date
 * language of date.h,
 * an e-mail, a phone (list entries are checked by their kind), a whole
 * number from 0 to 100. */
int tui_check_date(const struct tui_field *f, int kind, const char *text,
                   char *msg, size_t msgsz);
int tui_check_channel(const struct tui_field *f, int kind, const char *text,
                      char *msg, size_t msgsz);
int tui_check_email(const struct tui_field *f, int kind, const char *text,
                    char *msg, size_t msgsz);
int tui_check_phone(const struct tui_field *f, int kind, const char *text,
                    char *msg, size_t msgsz);
int tui_check_percent(const struct tui_field *f, int kind, const char *text,
                      char *msg, size_t msgsz);
/* An amount of money (tcrm_money_parse: "1,200.50"). */
int tui_check_money(const struct tui_field *f, int kind, const char *text,
                    char *msg, size_t msgsz);
/* A whole number from 0 to max (0, else a message into msg). */
int tui_check_number(const char *text, long max, char *msg, size_t msgsz);
/* What the forms share (ui_forms2.c): a text field's trimmed value into
 * *dst (NULL when empty); a date-language field as a date (0, or not 0
 * when empty or not a date); a contact's name into buf ("" when none). */
int tui_field_set(char **dst, const struct tui_field *f);
struct tcrm_when;
int tui_field_when(const struct tui_field *f, struct tcrm_when *w);
const char *tui_contact_name(struct tcrm_db *db, int64_t id, char *buf,
                             size_t n);
/* A one-line message at the bottom of the screen; waits for a key. */
void tui_message(const char *text);
/* Tags typed as "a, b，c" into l (cleared first; duplicates dropped), and
 * back into "a, b, c" (free() it). */
int tui_tags_parse(const char *text, struct tcrm_strlist *l);
char *tui_tags_join(const struct tcrm_strlist *l);

#endif
