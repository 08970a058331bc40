/*
 * ui_forms.c: the contact and company forms, and the duplicate dialog.
 *
 * Design. Each dialog is a table of form fields (form.h) filled from the
 * entity struct the data layer gives (tcrm_contact_get), and a save
 * callback that copies the fields back into that struct and hands it to
 * the data layer, which validates and writes it in one transaction. Edits
 * keep the struct's version, so a concurrent change by someone else comes
 * back as TCRM_ECONFLICT and is shown, never overwritten.
 *
 * The duplicate check runs in the save callback, before any write, for a
 * new contact and for an edit that changed the name, phones or e-mails:
 * tcrm_dup_find gives the candidates with their reasons, and the person
 * chooses: open the other contact (nothing written), merge the form into
 * it (tcrm_contact_merge fills its empty fields and adds new channels and
 * tags; an edited contact merged away goes to the trash), save anyway, or
 * go back to the form.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "form.h"
#include "modal.h"
#include "tcrm/birthday.h"
#include "tcrm/contact.h"
#include "tcrm/date.h"
#include "tcrm/dup.h"
#include "tcrm/edit.h"
#include "tcrm/normalize.h"
#include "tcrm/text.h"
#include "theme.h"

enum {
    C_NAME, C_COMPANY, C_TITLE, C_DEPT, C_CHANNELS, C_ADDRESS, C_CITY,
    C_BIRTHDAY, C_SOURCE, C_TAGS, C_NOTES, C_N
};

struct contact_ctx {
    struct tcrm_db *db;
    struct tcrm_contact c;       /* as read (edit) or empty (add) */
    struct tcrm_contact base;    /* as the form read it (edit) */
    char *orig_keys;             /* name and channels before editing */
    int64_t *out_id;
};

static const char *channel_kinds[TCRM_CH_COUNT];

static void kinds_init(void)
{
    for (int k = 0; k < TCRM_CH_COUNT; k++)
        channel_kinds[k] = tcrm_channel_kind_name((enum tcrm_channel_kind)k);
}

static int guess_kind(const char *value)
{
    if (strchr(value, '@'))
        return TCRM_CH_EMAIL;
    if (strncmp(value, "http", 4) == 0 || strncmp(value, "www.", 4) == 0)
        return TCRM_CH_WEB;
    return -1;
}

/* ---- the duplicate dialog ------------------------------------------- */

enum dup_choice { DUP_BACK, DUP_SAVE, DUP_OPEN, DUP_MERGE };

static void dup_draw(const struct tcrm_dup_list *l, const char *name,
                     int sel, int editing)
{
    int h, w;
    getmaxyx(stdscr, h, w);
    int bh = (int)l->n * 2 + 3, bw = w, x0 = 0;
    if (bh > h - 4)
        bh = h - 4;
    int y0 = (h - bh) / 2;
    for (int y = 0; y < bh; y++)
        tui_draw_fill(stdscr, y0 + y, x0, bw, tui_attr(TUI_NORMAL));
    tui_draw_hline(stdscr, y0 - 1, 0, w, tui_attr(TUI_DIM));
    tui_draw_hline(stdscr, y0 + bh, 0, w, tui_attr(TUI_DIM));
    tui_draw_fill(stdscr, y0, x0, bw, tui_attr(TUI_TITLE));
    tui_draw_fmt(stdscr, y0, x0 + 1, bw - 2, tui_attr(TUI_TITLE),
                 _("Possible duplicates of %s"), name);
    int rows = (bh - 3) / 2, first = sel >= rows ? sel - rows + 1 : 0;
    for (int i = 0; i < rows && first + i < (int)l->n; i++) {
        const struct tcrm_dup_candidate *c = &l->items[first + i];
        int y = y0 + 1 + i * 2, cur = first + i == sel;
        int attr = tui_attr(cur ? TUI_CURSOR : TUI_NORMAL);
        tui_draw_fill(stdscr, y, x0, bw, attr);
        tui_draw_fmt(stdscr, y, x0 + 1, bw - 2, attr, "%s%s%s%s",
                     cur ? "> " : "  ", c->name ? c->name : "",
                     c->company && *c->company ? " · " : "",
                     c->company ? c->company : "");
        tui_draw_text(stdscr, y + 1, x0 + 4, bw - 5, c->why,
                      tui_attr(TUI_DIM));
    }
    tui_draw_text(stdscr, y0 + bh - 1, x0 + 1, bw - 2, editing
                  ? _("o open  m merge into (this one to trash)  s save  "
                      "Esc back")
                  : _("o open  m merge into  s save anyway  Esc back"),
                  tui_attr(TUI_KEY));
    wnoutrefresh(stdscr);
    doupdate();
}

static int dup_dialog(const struct tcrm_dup_list *l, const char *name,
                      int editing, int *sel)
{
    int vis = curs_set(0);
    int r = -1;
    *sel = 0;
    while (r < 0) {
        struct tui_key k;
        dup_draw(l, name, *sel, editing);
        if (tui_read_key(&k) != 0)
            r = DUP_BACK;
        else if (k.fn == KEY_DOWN || tui_key_is(&k, 'j'))
            *sel += *sel + 1 < (int)l->n;
        else if (k.fn == KEY_UP || tui_key_is(&k, 'k'))
            *sel -= *sel > 0;
        else if (tui_key_is(&k, 'o') || tui_key_is(&k, '\n'))
            r = DUP_OPEN;
        else if (tui_key_is(&k, 'm'))
            r = DUP_MERGE;
        else if (tui_key_is(&k, 's'))
            r = DUP_SAVE;
        else if (tui_key_is(&k, 27) || tui_key_is(&k, 'q'))
            r = DUP_BACK;
    }
    if (vis != ERR)
        curs_set(vis);
    return r;
}

/* ---- contact fields <-> struct -------------------------------------- */

/* The birthday field: the one birthday parser (birthday.h). */
static int check_birthday(const struct tui_field *f, int kind,
                          const char *text, char *msg, size_t msgsz)
{
    struct tcrm_error err;
    char iso[11];
    (void)f;
    (void)kind;
    if (tcrm_birthday_parse(text, tcrm_clock_now(), iso, &err) == 0)
        return 0;
    snprintf(msg, msgsz, "%s", err.msg);
    return 1;
}

static int contact_fields(struct tui_field *f, const struct tcrm_contact *c)
{
    int rc = 0;
    kinds_init();
    /* TRANSLATORS: a person's name */
    rc |= tui_field_text(&f[C_NAME], "Name", c->name);
    rc |= tui_field_company(&f[C_COMPANY], "Company", c->company,
                            c->company_id);
    /* TRANSLATORS: a contact's job title */
    rc |= tui_field_text(&f[C_TITLE], "Title", c->title);
    rc |= tui_field_text(&f[C_DEPT], "Department", c->department);
    rc |= tui_field_list(&f[C_CHANNELS], "Phone/e-mail", channel_kinds,
                         TCRM_CH_COUNT);
    for (size_t i = 0; i < c->n_channels; i++)
        rc |= tui_field_list_add(&f[C_CHANNELS], (int)c->channels[i].kind,
                                 c->channels[i].value);
    rc |= tui_field_text(&f[C_ADDRESS], "Address", c->address);
    rc |= tui_field_text(&f[C_CITY], "City", c->city);
    rc |= tui_field_text(&f[C_BIRTHDAY], "Birthday", c->birthday);
    rc |= tui_field_text(&f[C_SOURCE], "Source", c->source);
    char *tags = tui_tags_join(&c->tags);
    rc |= tui_field_text(&f[C_TAGS], "Tags", tags);
    free(tags);
    rc |= tui_field_text(&f[C_NOTES], "Notes", c->notes);
    f[C_NAME].required = 1;
    f[C_CHANNELS].choice_ctx = "channel";
    f[C_CHANNELS].check = tui_check_channel;
    f[C_CHANNELS].guess_kind = guess_kind;
    f[C_BIRTHDAY].check = check_birthday;
    f[C_BIRTHDAY].hint = _("YYYY-MM-DD, or MM-DD without the year");
    f[C_TAGS].hint = _("comma-separated");
    f[C_NOTES].multiline = 1;
    return rc ? TCRM_ENOMEM : 0;
}

/* The birthday as typed may be any date-language form: store the date. */
/* The one birthday parser (birthday.h), also for the check below. */
static int set_birthday(char **dst, const struct tui_field *f)
{
    char iso[11];
    char *v = tui_field_dup(f);
    int rc;
    if (v && tcrm_birthday_parse(v, tcrm_clock_now(), iso, NULL) == 0)
        rc = tcrm_str_set(dst, iso);
    else
        rc = tcrm_str_set(dst, v);
    free(v);
    return rc;
}


static int contact_from_form(struct tui_form *fm, struct tcrm_contact *c)
{
    struct tui_field *f = fm->f;
    int rc = 0;
    rc |= tui_field_set(&c->name, &f[C_NAME]);
    rc |= tui_field_set(&c->company, &f[C_COMPANY]);
    c->company_id = c->company ? f[C_COMPANY].company_id : 0;
    rc |= tui_field_set(&c->title, &f[C_TITLE]);
    rc |= tui_field_set(&c->department, &f[C_DEPT]);
    rc |= tui_field_set(&c->address, &f[C_ADDRESS]);
    rc |= tui_field_set(&c->city, &f[C_CITY]);
    rc |= set_birthday(&c->birthday, &f[C_BIRTHDAY]);
    rc |= tui_field_set(&c->source, &f[C_SOURCE]);
    rc |= tui_field_set(&c->notes, &f[C_NOTES]);
    rc |= tui_tags_parse(f[C_TAGS].ed.buf, &c->tags);
    for (size_t i = 0; i < c->n_channels; i++)
        free(c->channels[i].value);
    free(c->channels);
    c->channels = NULL;
    c->n_channels = 0;
    const struct tui_field *lf = &f[C_CHANNELS];
    for (size_t i = 0; i < lf->n_items; i++) {
        char *v = tcrm_norm_trim(lf->items[i].ed.buf);
        if (v && *v)
            rc |= tcrm_contact_add_channel(
                c, (enum tcrm_channel_kind)lf->items[i].kind, v);
        free(v);
    }
    return rc ? TCRM_ENOMEM : 0;
}

/* What the duplicate check looks at, as one string to compare. */
static char *dup_keys(const struct tcrm_contact *c)
{
    size_t n = strlen(c->name ? c->name : "") + 2;
    for (size_t i = 0; i < c->n_channels; i++)
        n += strlen(c->channels[i].value) + 4;
    char *s = malloc(n + 1), *p = s;
    if (!s)
        return NULL;
    p += sprintf(p, "%s\n", c->name ? c->name : "");
    for (size_t i = 0; i < c->n_channels; i++)
        p += sprintf(p, "%d=%s\n", (int)c->channels[i].kind,
                     c->channels[i].value);
    return s;
}

/* ---- saving a contact ----------------------------------------------- */

/* The record's fields each form field shows (edit.h). */
static const unsigned contact_bits[C_N] = {
    [C_NAME] = TCRM_CF_BIT(TCRM_CF_NAME),
    [C_COMPANY] = TCRM_CF_BIT(TCRM_CF_COMPANY),
    [C_TITLE] = TCRM_CF_BIT(TCRM_CF_TITLE),
    [C_DEPT] = TCRM_CF_BIT(TCRM_CF_DEPARTMENT),
    [C_CHANNELS] = TCRM_CF_BIT(TCRM_CF_CHANNELS),
    [C_ADDRESS] = TCRM_CF_BIT(TCRM_CF_ADDRESS),
    [C_CITY] = TCRM_CF_BIT(TCRM_CF_CITY),
    [C_BIRTHDAY] = TCRM_CF_BIT(TCRM_CF_BIRTHDAY),
    [C_SOURCE] = TCRM_CF_BIT(TCRM_CF_SOURCE),
    [C_TAGS] = TCRM_CF_BIT(TCRM_CF_TAGS),
    [C_NOTES] = TCRM_CF_BIT(TCRM_CF_NOTES),
};

static int contact_fields_of(struct tui_field *f, const void *rec, void *ud)
{
    (void)ud;
    return contact_fields(f, rec);
}

/* Someone saved the contact since the form read it: merge by field
 * (form_merge.c); the form stays open. */
static int contact_conflict(struct tui_form *fm, struct contact_ctx *x)
{
    struct tcrm_contact theirs;
    struct tcrm_error err;
    tcrm_contact_init(&theirs);
    int rc = tcrm_contact_get(x->db, x->c.id, &theirs, &err);
    if (rc == 0 && tui_form_merge(fm, &tcrm_contact_record, contact_bits,
                                  &x->base, &x->c, &theirs, contact_fields_of,
                                  NULL, theirs.stamp.updated_by) != 0)
        rc = tcrm_error_set(&err, TCRM_ENOMEM, "out of memory");
    if (rc != 0) {
        tui_form_show_error(fm, &err);
        tcrm_contact_clear(&theirs);
        return 0;
    }
    free(x->orig_keys);
    x->orig_keys = dup_keys(&theirs);
    tcrm_contact_clear(&x->base);
    x->base = theirs;
    return 0;
}

static int contact_write(struct tui_form *fm, struct contact_ctx *x)
{
    struct tcrm_error err;
    int64_t version = x->c.version;
    int rc = x->c.id ? tcrm_contact_update(x->db, &x->c, &err)
                     : tcrm_contact_insert(x->db, &x->c, &err);
    if (rc == TCRM_ECONFLICT && x->c.id)
        return contact_conflict(fm, x);
    if (rc != 0) {
        tui_form_show_error(fm, &err);
        return 0;
    }
    if (x->out_id)
        *x->out_id = x->c.id;
    return version && x->c.version == version ? TUI_UNCHANGED : TUI_SAVED;
}

static int contact_merge(struct tui_form *fm, struct contact_ctx *x,
                         int64_t into)
{
    struct tcrm_error err;
    if (tcrm_db_begin(x->db, &err) == 0) {
        int rc = tcrm_contact_merge(x->db, into, &x->c, NULL, NULL, &err);
        if (rc == 0 && x->c.id)
            rc = tcrm_contact_delete(x->db, x->c.id, &err);
        if (rc == 0 && tcrm_db_commit(x->db, &err) == 0) {
            if (x->out_id)
                *x->out_id = into;
            return TUI_SAVED;
        }
        tcrm_db_rollback(x->db);
    }
    tui_form_status(fm, 1, "%s", err.msg);
    return 0;
}

#define GO_WRITE 100

/* GO_WRITE: go on and write; 0: stay in the form; TUI_OPEN_OTHER or
 * TUI_SAVED (merged): close the form. */
static int contact_dups(struct tui_form *fm, struct contact_ctx *x)
{
    struct tcrm_dup_list l = {0};
    struct tcrm_error err;
    char *keys = dup_keys(&x->c);
    int changed = !x->orig_keys || !keys || strcmp(keys, x->orig_keys) != 0;
    free(keys);
    if (!changed)
        return GO_WRITE;
    if (tcrm_dup_find(x->db, &x->c, &l, &err) != 0) {
        tui_form_status(fm, 1, "%s", err.msg);
        return 0;
    }
    int r = GO_WRITE, sel = 0;
    for (size_t i = 0; i < l.n; i++)
        if (l.items[i].hidden) {   /* 防撞单: only who owns it (dup.h) */
            if (l.items[i].reasons & TCRM_DUP_EMAIL)
                tui_form_status(fm, 1, "%s already owns a contact with this "
                                "e-mail: ask them or a manager",
                                l.items[i].owner);
            else if (l.items[i].reasons & TCRM_DUP_PHONE)
                tui_form_status(fm, 1, "%s already owns a contact with this "
                                "phone: ask them or a manager",
                                l.items[i].owner);
            else
                tui_form_status(fm, 1, "%s already owns a contact with this "
                                "name: ask them or a manager",
                                l.items[i].owner);
            tcrm_dup_list_free(&l);
            return 0;
        }
    if (l.n > 0) {
        switch (dup_dialog(&l, x->c.name, x->c.id != 0, &sel)) {
        case DUP_BACK: r = 0; break;
        case DUP_SAVE: r = GO_WRITE; break;
        case DUP_OPEN:
            if (x->out_id)
                *x->out_id = l.items[sel].id;
            r = TUI_OPEN_OTHER;
            break;
        case DUP_MERGE: r = contact_merge(fm, x, l.items[sel].id); break;
        }
    }
    tcrm_dup_list_free(&l);
    return r;
}

static int contact_save(struct tui_form *fm, void *ud)
{
    struct contact_ctx *x = ud;
    struct tcrm_error err;
    if (contact_from_form(fm, &x->c) != 0) {
        tui_form_status(fm, 1, "out of memory");
        return 0;
    }
    if (tcrm_contact_validate(&x->c, &err) != 0) {
        tui_form_show_error(fm, &err);
        return 0;
    }
    int r = contact_dups(fm, x);
    return r == GO_WRITE ? contact_write(fm, x) : r;
}

int tui_contact_form(struct tcrm_db *db, const struct tcrm_config *cfg,
                     int64_t id, int64_t *out_id)
{
    struct contact_ctx x = {.db = db, .out_id = out_id};
    struct tui_field f[C_N];
    struct tui_form fm;
    struct tcrm_error err;
    (void)cfg;
    tcrm_contact_init(&x.c);
    tcrm_contact_init(&x.base);
    if (id && (tcrm_contact_get(db, id, &x.c, &err) != 0
               || tcrm_contact_get(db, id, &x.base, &err) != 0)) {
        tcrm_contact_clear(&x.c);
        tui_message(err.msg);
        return TUI_CANCELLED;
    }
    if (id)
        x.orig_keys = dup_keys(&x.c);
    int rc = contact_fields(f, &x.c);
    tui_form_init(&fm, id ? _("Edit contact") : _("Add contact"), f, C_N, db);
    if (rc == 0)
        rc = tui_form_run(&fm, contact_save, &x);
    tui_form_free(&fm);
    free(x.orig_keys);
    tcrm_contact_clear(&x.c);
    tcrm_contact_clear(&x.base);
    return rc;
}

/* ---- companies ------------------------------------------------------ */

enum {
    K_NAME, K_INDUSTRY, K_PHONE, K_EMAIL, K_WEBSITE, K_ADDRESS, K_CITY,
    K_TAGS, K_NOTES, K_N
};

struct company_ctx {
    struct tcrm_db *db;
    struct tcrm_company c;
    struct tcrm_company base;    /* as the form read it (edit) */
    int64_t *out_id;
};

static int company_fields(struct tui_field *f, const struct tcrm_company *c)
{
    int rc = 0;
    rc |= tui_field_text(&f[K_NAME], NC_("company", "Name"), c->name);
    f[K_NAME].label_ctx = "company";
    rc |= tui_field_text(&f[K_INDUSTRY], "Industry", c->industry);
    rc |= tui_field_text(&f[K_PHONE], "Phone", c->phone);
    rc |= tui_field_text(&f[K_EMAIL], "E-mail", c->email);
    rc |= tui_field_text(&f[K_WEBSITE], "Website", c->website);
    rc |= tui_field_text(&f[K_ADDRESS], "Address", c->address);
    rc |= tui_field_text(&f[K_CITY], "City", c->city);
    char *tags = tui_tags_join(&c->tags);
    rc |= tui_field_text(&f[K_TAGS], "Tags", tags);
    free(tags);
    rc |= tui_field_text(&f[K_NOTES], "Notes", c->notes);
    f[K_NAME].required = 1;
    f[K_PHONE].check = tui_check_phone;
    f[K_EMAIL].check = tui_check_email;
    f[K_TAGS].hint = _("comma-separated");
    f[K_NOTES].multiline = 1;
    return rc ? TCRM_ENOMEM : 0;
}

static const unsigned company_bits[K_N] = {
    [K_NAME] = TCRM_FIELD_BIT(TCRM_KF_NAME),
    [K_INDUSTRY] = TCRM_FIELD_BIT(TCRM_KF_INDUSTRY),
    [K_PHONE] = TCRM_FIELD_BIT(TCRM_KF_PHONE),
    [K_EMAIL] = TCRM_FIELD_BIT(TCRM_KF_EMAIL),
    [K_WEBSITE] = TCRM_FIELD_BIT(TCRM_KF_WEBSITE),
    [K_ADDRESS] = TCRM_FIELD_BIT(TCRM_KF_ADDRESS),
    [K_CITY] = TCRM_FIELD_BIT(TCRM_KF_CITY),
    [K_TAGS] = TCRM_FIELD_BIT(TCRM_KF_TAGS),
    [K_NOTES] = TCRM_FIELD_BIT(TCRM_KF_NOTES),
};

static int company_fields_of(struct tui_field *f, const void *rec, void *ud)
{
    (void)ud;
    return company_fields(f, rec);
}

static int company_conflict(struct tui_form *fm, struct company_ctx *x)
{
    struct tcrm_company theirs;
    struct tcrm_error err;
    tcrm_company_init(&theirs);
    int rc = tcrm_company_get(x->db, x->c.id, &theirs, &err);
    if (rc == 0 && tui_form_merge(fm, &tcrm_company_record, company_bits,
                                  &x->base, &x->c, &theirs, company_fields_of,
                                  NULL, theirs.stamp.updated_by) != 0)
        rc = tcrm_error_set(&err, TCRM_ENOMEM, "out of memory");
    if (rc != 0) {
        tui_form_show_error(fm, &err);
        tcrm_company_clear(&theirs);
        return 0;
    }
    tcrm_company_clear(&x->base);
    x->base = theirs;
    return 0;
}

static int company_save(struct tui_form *fm, void *ud)
{
    struct company_ctx *x = ud;
    struct tui_field *f = fm->f;
    struct tcrm_error err;
    int rc = 0;
    rc |= tui_field_set(&x->c.name, &f[K_NAME]);
    rc |= tui_field_set(&x->c.industry, &f[K_INDUSTRY]);
    rc |= tui_field_set(&x->c.phone, &f[K_PHONE]);
    rc |= tui_field_set(&x->c.email, &f[K_EMAIL]);
    rc |= tui_field_set(&x->c.website, &f[K_WEBSITE]);
    rc |= tui_field_set(&x->c.address, &f[K_ADDRESS]);
    rc |= tui_field_set(&x->c.city, &f[K_CITY]);
    rc |= tui_field_set(&x->c.notes, &f[K_NOTES]);
    rc |= tui_tags_parse(f[K_TAGS].ed.buf, &x->c.tags);
    if (rc != 0) {
        tui_form_status(fm, 1, "out of memory");
        return 0;
    }
    int64_t version = x->c.version;
    rc = x->c.id ? tcrm_company_update(x->db, &x->c, &err)
                 : tcrm_company_insert(x->db, &x->c, &err);
    if (rc == TCRM_ECONFLICT && x->c.id)
        return company_conflict(fm, x);
    if (rc == TCRM_EDUP) {
        snprintf(f[K_NAME].msg, sizeof f[K_NAME].msg, "%s", err.msg);
        fm->cur = K_NAME;
        tui_form_status(fm, 1, "%s", err.msg);
        return 0;
    }
    if (rc != 0) {
        tui_form_show_error(fm, &err);
        return 0;
    }
    if (x->out_id)
        *x->out_id = x->c.id;
    return version && x->c.version == version ? TUI_UNCHANGED : TUI_SAVED;
}

int tui_company_form(struct tcrm_db *db, const struct tcrm_config *cfg,
                     int64_t id, int64_t *out_id)
{
    struct company_ctx x = {.db = db, .out_id = out_id};
    struct tui_field f[K_N];
    struct tui_form fm;
    struct tcrm_error err;
    (void)cfg;
    tcrm_company_init(&x.c);
    tcrm_company_init(&x.base);
    if (id && (tcrm_company_get(db, id, &x.c, &err) != 0
               || tcrm_company_get(db, id, &x.base, &err) != 0)) {
        tcrm_company_clear(&x.c);
        tui_message(err.msg);
        return TUI_CANCELLED;
    }
    int rc = company_fields(f, &x.c);
    tui_form_init(&fm, id ? _("Edit company") : _("Add company"), f, K_N, db);
    if (rc == 0)
        rc = tui_form_run(&fm, company_save, &x);
    tui_form_free(&fm);
    tcrm_company_clear(&x.c);
    tcrm_company_clear(&x.base);
    return rc;
}
