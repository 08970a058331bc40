/*
 * followup_form.c: the follow-up form, to add one for a contact or to
 * edit one (title, due date, time, repeat every N days).
 *
 * Design. The same shape as the other forms (ui_forms.c): fields filled
 * from a struct tcrm_followup, a save callback that fills it back and
 * hands it to the data layer (tcrm_followup_insert, or
 * tcrm_followup_update as `tcrm follow-up edit` does), which validates
 * and writes. The due date is typed in the date language and may carry a
 * time ("fri 09:00"); the Time field, when filled, wins. An edit keeps
 * the version it read: a save after someone else's is merged by field
 * (form_merge.c), never written over theirs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "modal.h"
#include "tcrm/date.h"
#include "tcrm/edit.h"
#include "tcrm/followup.h"

enum { F_TITLE, F_DUE, F_TIME, F_REPEAT, F_N };

struct fu_ctx {
    struct tcrm_db *db;
    struct tcrm_followup fu;     /* as read (edit) or new */
    struct tcrm_followup base;   /* as the form read it (edit) */
    int64_t *out_id;
};

/* A whole number of days from 0 to 3650. */
static int check_days(const struct tui_field *f, int kind, const char *text,
                      char *msg, size_t msgsz)
{
    (void)f;
    (void)kind;
    return tui_check_number(text, 3650, msg, msgsz);
}

static int check_time(const struct tui_field *f, int kind, const char *text,
                      char *msg, size_t msgsz)
{
    struct tcrm_when w;
    struct tcrm_error err;
    (void)f;
    (void)kind;
    if (strchr(text, ':') == NULL ||
        tcrm_date_parse(text, tcrm_clock_now(), &w, &err) != 0) {
        snprintf(msg, msgsz, _("'%.20s' is not a time: use HH:MM from 00:00 "
                 "to 23:59"), text);
        return 1;
    }
    return 0;
}

/* The fields of fu; a new one is due tomorrow. */
static int fu_fields(struct tui_field *f, const struct tcrm_followup *fu)
{
    char every[16] = "";
    if (fu->repeat_days > 0)
        snprintf(every, sizeof every, "%d", fu->repeat_days);
    /* TRANSLATORS: what the follow-up is about */
    int rc = tui_field_text(&f[F_TITLE], NC_("followup", "Title"), fu->title);
    f[F_TITLE].label_ctx = "followup";
    /* TRANSLATORS: the date language's word for tomorrow (see
     * tcrm/date.h; 明天 is one it accepts), put in the Due field */
    rc |= tui_field_text(&f[F_DUE], "Due", fu->id ? fu->due_date
                                                  : C_("date", "tomorrow"));
    rc |= tui_field_text(&f[F_TIME], "Time", fu->due_time);
    rc |= tui_field_text(&f[F_REPEAT], "Repeat days", every);
    f[F_TITLE].required = 1;
    f[F_DUE].required = 1;
    f[F_DUE].check = tui_check_date;
    /* TRANSLATORS: forms the date language accepts (tcrm/date.h) */
    f[F_DUE].hint = _("today, tomorrow, +3d, +2w, fri, 2026-12-01 [HH:MM]");
    f[F_TIME].check = check_time;
    f[F_TIME].hint = _("optional HH:MM");
    f[F_REPEAT].check = check_days;
    f[F_REPEAT].hint = _("repeat every N days after done (empty: never)");
    return rc ? TCRM_ENOMEM : 0;
}

/* The form's values into fu (its id, version and links stay). */
static int fu_from_form(struct tui_form *fm, struct tcrm_followup *fu)
{
    struct tui_field *f = fm->f;
    struct tcrm_when w, t;
    char iso[17];
    int rc = tui_field_set(&fu->title, &f[F_TITLE]);
    rc |= tcrm_str_set(&fu->due_time, NULL);
    if (tui_field_when(&f[F_DUE], &w) == 0) {
        tcrm_when_iso(&w, iso);
        iso[10] = '\0';
        rc |= tcrm_str_set(&fu->due_date, iso);
        if (tui_field_when(&f[F_TIME], &t) == 0 && t.has_time) {
            w.hour = t.hour;
            w.minute = t.minute;
            w.has_time = 1;
        }
        if (w.has_time) {
            tcrm_when_iso(&w, iso);
            rc |= tcrm_str_set(&fu->due_time, iso + 11);
        }
    }
    char *rep = tui_field_dup(&f[F_REPEAT]);
    fu->repeat_days = rep ? atoi(rep) : 0;
    free(rep);
    return rc ? TCRM_ENOMEM : 0;
}

static const unsigned fu_bits[F_N] = {
    [F_TITLE] = TCRM_FIELD_BIT(TCRM_FF_TITLE),
    [F_DUE] = TCRM_FIELD_BIT(TCRM_FF_DUE_DATE),
    [F_TIME] = TCRM_FIELD_BIT(TCRM_FF_DUE_TIME),
    [F_REPEAT] = TCRM_FIELD_BIT(TCRM_FF_REPEAT),
};

static int fu_fields_of(struct tui_field *f, const void *rec, void *ud)
{
    (void)ud;
    return fu_fields(f, rec);
}

/* Someone saved the follow-up since the form read it: merge by field
 * (form_merge.c); the form stays open. */
static int fu_conflict(struct tui_form *fm, struct fu_ctx *x)
{
    struct tcrm_followup theirs;
    struct tcrm_error err;
    int rc = tcrm_followup_get(x->db, x->fu.id, &theirs, &err);
    if (rc == 0 && tui_form_merge(fm, &tcrm_followup_record, fu_bits,
                                  &x->base, &x->fu, &theirs, fu_fields_of,
                                  NULL, theirs.stamp.updated_by) != 0)
        rc = tcrm_error_set(&err, TCRM_ENOMEM, "out of memory");
    if (rc != 0) {
        tui_form_show_error(fm, &err);
        tcrm_followup_clear(&theirs);
        return 0;
    }
    tcrm_followup_clear(&x->base);
    x->base = theirs;
    return 0;
}

static int fu_save(struct tui_form *fm, void *ud)
{
    struct fu_ctx *x = ud;
    struct tcrm_followup *fu = &x->fu;
    struct tcrm_error err;
    int64_t version = fu->version;
    int rc = fu_from_form(fm, fu);
    if (rc == 0)
        rc = fu->id ? tcrm_followup_update(x->db, fu, &err)
                    : tcrm_followup_insert(x->db, fu, &err);
    else
        tcrm_error_set(&err, rc, "out of memory");
    if (rc == TCRM_ECONFLICT && fu->id)
        return fu_conflict(fm, x);
    if (rc != 0) {
        tui_form_show_error(fm, &err);
        return 0;
    }
    if (x->out_id)
        *x->out_id = fu->id;
    return version && fu->version == version ? TUI_UNCHANGED : TUI_SAVED;
}

static int fu_run(struct fu_ctx *x, const char *title)
{
    struct tui_field f[F_N];
    struct tui_form fm;
    int rc = fu_fields(f, &x->fu);
    tui_form_init(&fm, title, f, F_N, x->db);
    rc = rc ? TCRM_ENOMEM : tui_form_run(&fm, fu_save, x);
    tui_form_free(&fm);
    tcrm_followup_clear(&x->fu);
    tcrm_followup_clear(&x->base);
    return rc;
}

int tui_followup_form(struct tcrm_db *db, const struct tcrm_config *cfg,
                      int64_t contact_id, int64_t *out_id)
{
    struct fu_ctx x = {.db = db, .out_id = out_id};
    char name[200], title[300];
    (void)cfg;
    tcrm_followup_init(&x.fu);
    tcrm_followup_init(&x.base);
    x.fu.contact_id = contact_id;
    /* TRANSLATORS: the title of the form that adds a follow-up for a
     * contact (the contact's name) */
    snprintf(title, sizeof title, _("Follow-up for %s"),
             tui_contact_name(db, contact_id, name, sizeof name));
    return fu_run(&x, title);
}

int tui_followup_edit(struct tcrm_db *db, const struct tcrm_config *cfg,
                      int64_t id, int64_t *out_id)
{
    struct fu_ctx x = {.db = db, .out_id = out_id};
    struct tcrm_error err;
    char title[300];
    (void)cfg;
    tcrm_followup_init(&x.fu);
    tcrm_followup_init(&x.base);
    if (tcrm_followup_get(db, id, &x.fu, &err) != 0
        || tcrm_followup_get(db, id, &x.base, &err) != 0) {
        tcrm_followup_clear(&x.fu);
        tui_message(err.msg);
        return TUI_CANCELLED;
    }
    /* TRANSLATORS: the title of the form that edits a follow-up (what it
     * is about) */
    snprintf(title, sizeof title, _("Edit follow-up: %s"),
             x.fu.title ? x.fu.title : "");
    return fu_run(&x, title);
}
