/*
 * ui_actions.c: what the one-key actions do to the data.
 *
 * Every action reads the row under the cursor (of the list, or of the
 * reminder pane when it has the focus), calls a dialog of modal.h or a
 * data-layer function, and reports in the status line: "Saved", "Moved to
 * the trash", the error's own message. A database locked by another
 * writer past its busy timeout is retried a few times with "Database is
 * busy, retrying..." on the status line. After a write, tui_data_changed
 * reloads what is on screen at once (the change stamp would catch it a
 * moment later anyway). No transaction is ever held open here: each data
 * function opens and closes its own.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modal.h"
#include "tcrm/company.h"
#include "tcrm/date.h"
#include "tcrm/entity.h"
#include "tcrm/interaction.h"
#include "tcrm/tag.h"
#include "ui.h"

#define BUSY_TRIES 4

struct op {
    enum { OP_DONE, OP_SNOOZE, OP_MOVE, OP_WON, OP_DELETE } kind;
    enum tui_view view;
    int64_t id;
    const char *text;           /* date, stage */
    const char *time;
    int probability;
    int64_t next_id;
};

/* The entity (entity.h) each list view shows. */
static const char *const view_entity[] = {
    [TUI_V_CONTACTS] = "contact", [TUI_V_COMPANIES] = "company",
    [TUI_V_DEALS] = "deal", [TUI_V_FOLLOWUPS] = "follow-up",
    [TUI_V_QUOTES] = "quote", [TUI_V_ORDERS] = "order",
    [TUI_V_INVOICES] = "invoice"};

static int op_exec(struct tui_app *a, struct op *o, struct tcrm_error *err)
{
    switch (o->kind) {
    case OP_DONE:
        return tcrm_followup_done(a->db, o->id, tcrm_clock_now(), &o->next_id,
                                  err);
    case OP_SNOOZE:
        return tcrm_followup_snooze(a->db, o->id, o->text, o->time, err);
    case OP_MOVE:
        return tcrm_deal_move(a->db, o->id, o->text, o->probability, err);
    case OP_WON:
        return tcrm_deal_won(a->db, o->id, err);
    case OP_DELETE:
        return tcrm_entity_delete(a->db, view_entity[o->view], o->id, err);
    }
    return 0;
}

/* Run o, retrying while the database is busy. 0, or the error shown. */
static int run_op(struct tui_app *a, struct op *o)
{
    struct tcrm_error err = {0};
    int rc;
    for (int tries = 0;; tries++) {
        rc = op_exec(a, o, &err);
        if (rc != TCRM_EBUSY || tries + 1 >= BUSY_TRIES)
            break;
        tui_status(a, 0, "Database is busy, retrying...");
        tui_redraw_all(a);
        napms(400);
    }
    if (rc < 0)
        tui_status(a, 1, "%s", err.msg);
    else
        tui_data_changed(a);
    return rc;
}

/* Dialogs read keys with stdscr's timeout: make it blocking for them
 * (the main loop sets its own before each wait). */
void tui_modal_begin(void)
{
    timeout(-1);
    curs_set(1);
}

/* After a dialog: the screen under it must be compared again. what: the
 * message for a save, already translated. */
void tui_after_dialog(struct tui_app *a, int rc, const char *what)
{
    touchwin(stdscr);
    if (rc == TUI_SAVED) {
        tui_data_changed(a);
        tui_status(a, 0, "%s", what);
    } else if (rc == TUI_UNCHANGED) {
        tui_status(a, 0, "No change: nothing saved");
    } else if (rc == TUI_CANCELLED) {
        tui_status(a, 0, "Cancelled");
    } else if (rc < 0) {
        tui_status(a, 1, "The dialog failed (%s)", tcrm_error_name(rc));
    }
}

/* The follow-up an action is about: the pane's item or the view's row. */
static int64_t target_followup(const struct tui_app *a, const char **title)
{
    if (a->focus == TUI_FOCUS_PANE) {
        const struct tui_pane_line *l = tui_pane_current(a);
        *title = tui_pane_title(a, l);
        return l && l->section != TUI_SEC_QUIET ? l->followup_id : 0;
    }
    *title = tui_view_label(a);
    return tui_view_followup(a);
}

static int64_t target_contact(const struct tui_app *a)
{
    if (a->focus == TUI_FOCUS_PANE) {
        const struct tui_pane_line *l = tui_pane_current(a);
        return l ? l->contact_id : 0;
    }
    return tui_view_contact(a);
}

static void followup_action(struct tui_app *a, enum tui_action act)
{
    const char *title = "";
    struct op o = {.kind = OP_DONE, .id = target_followup(a, &title)};
    if (!o.id) {
        tui_status(a, 0, "Pick a follow-up first: view 4, or Tab to the "
                   "reminder pane");
        return;
    }
    char *copy = strdup(title);
    if (act == TUI_A_DONE) {
        if (run_op(a, &o) == 0) {
            if (o.next_id)
                tui_status(a, 0, "Done: %s (the next one is scheduled)",
                           copy ? copy : "");
            else
                tui_status(a, 0, "Done: %s", copy ? copy : "");
        }
        free(copy);
        return;
    }
    char *text = NULL;
    tui_modal_begin();
    /* TRANSLATORS: questions on the last line; the examples are forms
     * the date language accepts (tcrm/date.h) */
    int ok = tui_prompt(act == TUI_A_SNOOZE
                        ? _("Snooze until (tomorrow, +3d, fri):")
                        : _("New due date (YYYY-MM-DD, +1w, mon):"),
                        act == TUI_A_SNOOZE ? C_("date", "tomorrow") : NULL,
                        &text);
    touchwin(stdscr);
    struct tcrm_when w;
    struct tcrm_error err = {0};
    if (ok != 1) {
        tui_status(a, 0, "Cancelled");
    } else if (tcrm_date_parse(text, tcrm_clock_now(), &w, &err) < 0) {
        tui_status(a, 1, "%s", err.msg);
    } else {
        char date[11], hm[8];
        tcrm_when_date(&w, date);
        snprintf(hm, sizeof hm, "%02d:%02d", w.hour % 24, w.minute % 60);
        o.kind = OP_SNOOZE;
        o.text = date;
        o.time = w.has_time ? hm : NULL;
        if (run_op(a, &o) == 0) {
            if (act == TUI_A_SNOOZE)
                tui_status(a, 0, "Snoozed: %s, now due %s",
                           copy ? copy : "", date);
            else
                tui_status(a, 0, "Rescheduled: %s, now due %s",
                           copy ? copy : "", date);
        }
    }
    free(text);
    free(copy);
}

static void next_stage(struct tui_app *a)
{
    const struct tcrm_deal *d = tui_view_deal_at(a);
    if (!d) {
        tui_status(a, 0, "Pick a deal in the Deals view (3) first");
        return;
    }
    int s = tcrm_config_stage_index(a->cfg, d->stage ? d->stage : "");
    struct op o = {.kind = OP_MOVE, .id = d->id};
    char title[256], stage[128];
    snprintf(title, sizeof title, "%s", d->title ? d->title : "");
    if (s + 1 < (int)a->cfg->n_stages) {
        snprintf(stage, sizeof stage, "%s", a->cfg->stages[s + 1]);
        o.text = stage;
        o.probability = a->cfg->stage_probability[s + 1];
        if (run_op(a, &o) == 0)
            tui_status(a, 0, "Moved %s to %s", title,
                       tcrm_i18n_word("stage", stage));
        return;
    }
    char q[320];
    /* TRANSLATORS: y and n stay the keys that answer */
    snprintf(q, sizeof q, _("%s is in the last stage. Mark it won? (y/n)"),
             title);
    tui_modal_begin();
    int yes = tui_confirm(q);
    touchwin(stdscr);
    o.kind = OP_WON;
    if (yes == 1 && run_op(a, &o) == 0)
        tui_status(a, 0, "Won: %s", title);
}

static void delete_row(struct tui_app *a)
{
    struct op o = {.kind = OP_DELETE, .view = a->view};
    const void *row = a->view < TUI_V_LISTS
                    ? tui_list_current(&a->lists[a->view]) : NULL;
    o.id = row ? a->lists[a->view].src.row_id(row) : 0;
    if (!o.id || a->view >= TUI_V_LISTS) {
        tui_status(a, 0, "Nothing to delete here");
        return;
    }
    char name[256], q[320];
    snprintf(name, sizeof name, "%s", tui_view_label(a));
    /* TRANSLATORS: y and n stay the keys that answer */
    snprintf(q, sizeof q, _("Delete %s? (y/n)"), name);
    tui_modal_begin();
    int yes = tui_confirm(q);
    touchwin(stdscr);
    if (yes != 1) {
        tui_status(a, 0, "Not deleted");
        return;
    }
    if (run_op(a, &o) == 0)
        tui_status(a, 0, "Moved %s to the trash (undo: tcrm restore %s/%lld)",
                   name, view_entity[a->view], (long long)o.id);
}

static void log_interaction(struct tui_app *a, int kind)
{
    int64_t cid = target_contact(a), out = 0;
    if (!cid) {
        tui_status(a, 0, "Pick a contact first");
        return;
    }
    tui_modal_begin();
    int rc = tui_interaction_form(a->db, a->cfg, cid, kind, &out);
    tui_after_dialog(a, rc, _("Saved"));
}

static void add_row(struct tui_app *a)
{
    int64_t out = 0;
    int rc;
    switch (a->view) {
    case TUI_V_COMPANIES:
        tui_modal_begin();
        rc = tui_company_form(a->db, a->cfg, 0, &out);
        break;
    case TUI_V_DEALS:
        tui_modal_begin();
        rc = tui_deal_form(a->db, a->cfg, 0, 0, 0, &out);
        break;
    case TUI_V_FOLLOWUPS:
        if (!tui_view_contact(a)) {
            tui_status(a, 0, "Add follow-ups with f on a contact");
            return;
        }
        tui_modal_begin();
        rc = tui_followup_form(a->db, a->cfg, tui_view_contact(a), &out);
        break;
    default:
        tui_modal_begin();
        rc = tui_contact_form(a->db, a->cfg, 0, &out);
    }
    tui_after_dialog(a, rc, _("Saved"));
    if (rc == TUI_SAVED && a->view == TUI_V_CONTACTS && out)
        tui_view_select_contact(a, out);
    else if (rc == TUI_SAVED && a->view < TUI_V_LISTS && out)
        tui_list_select_id(&a->lists[a->view], out);
    if (rc == TUI_OPEN_OTHER)
        tui_jump_to_contact(a, out);
}

/* E in the pane, Enter or E in the Follow-ups view. */
static void edit_followup(struct tui_app *a)
{
    const char *title = "";
    int64_t out = 0, id = target_followup(a, &title);
    if (!id) {
        tui_status(a, 0, "Pick a follow-up first: view 4, or Tab to the "
                   "reminder pane");
        return;
    }
    tui_modal_begin();
    tui_after_dialog(a, tui_followup_edit(a->db, a->cfg, id, &out), _("Saved"));
}

static void edit_row(struct tui_app *a)
{
    int64_t out = 0, id = 0;
    int rc;
    if (a->view == TUI_V_FOLLOWUPS || a->focus == TUI_FOCUS_PANE) {
        edit_followup(a);
        return;
    }
    if (a->view == TUI_V_COMPANIES)
        id = tui_view_company(a);
    else if (a->view == TUI_V_DEALS)
        id = tui_view_deal(a);
    else if (a->view == TUI_V_CONTACTS)
        id = tui_view_contact(a);
    if (!id) {
        tui_status(a, 0, "Nothing to open here");
        return;
    }
    tui_modal_begin();
    if (a->view == TUI_V_COMPANIES)
        rc = tui_company_form(a->db, a->cfg, id, &out);
    else if (a->view == TUI_V_DEALS)
        rc = tui_deal_form(a->db, a->cfg, id, 0, 0, &out);
    else
        rc = tui_contact_form(a->db, a->cfg, id, &out);
    tui_after_dialog(a, rc, _("Saved"));
    if (rc == TUI_OPEN_OTHER)
        tui_jump_to_contact(a, out);
}

static void tag_filter(struct tui_app *a)
{
    char *text = NULL;
    tui_modal_begin();
    int ok = tui_prompt(_("Show only the tag (empty: all):"), a->tag, &text);
    touchwin(stdscr);
    if (ok != 1) {
        free(text);
        return;
    }
    struct tcrm_error err = {0};
    if (text && *text && tcrm_tag_exists(a->db, text, &err) < 0) {
        tui_status(a, 1, "%s", err.msg);
        free(text);
        return;
    }
    free(a->tag);
    a->tag = text && *text ? text : NULL;
    if (!a->tag)
        free(text);
    for (int v = 0; v < TUI_V_LISTS; v++)
        a->loaded[v] = 0;
    tui_view_load(a, a->view, 0);
    if (a->tag)
        tui_status(a, 0, "Showing the tag %s (Esc: all)", a->tag);
    else
        tui_status(a, 0, "All rows");
}

void tui_jump_to_contact(struct tui_app *a, int64_t id)
{
    struct tcrm_contact c;
    struct tcrm_error err = {0};
    tcrm_contact_init(&c);
    if (tcrm_contact_get(a->db, id, &c, &err) < 0) {
        tui_status(a, 1, "%s", err.msg);
        return;
    }
    snprintf(a->search, sizeof a->search, "%s", c.name ? c.name : "");
    tcrm_contact_clear(&c);
    free(a->tag);
    a->tag = NULL;
    a->view = TUI_V_CONTACTS;
    a->focus = TUI_FOCUS_LIST;
    a->loaded[TUI_V_COMPANIES] = 0;
    tui_view_load(a, TUI_V_CONTACTS, 0);
    tui_list_select_id(&a->lists[TUI_V_CONTACTS], id);
    tui_status(a, 0, "Showing %s (Esc shows everyone)", a->search);
}

void tui_action_run(struct tui_app *a, enum tui_action act)
{
    static const int kinds[] = {TCRM_IA_CALL, TCRM_IA_EMAIL, TCRM_IA_VISIT,
                                TCRM_IA_MEETING, TCRM_IA_MESSAGE, TCRM_IA_NOTE};
    int64_t out = 0;
    if (tui_sales_action(a, act))
        return;
    switch (act) {
    case TUI_A_ADD: add_row(a); break;
    case TUI_A_EDIT: edit_row(a); break;
    case TUI_A_DELETE: delete_row(a); break;
    case TUI_A_TAG: tag_filter(a); break;
    case TUI_A_NEXT_STAGE: next_stage(a); break;
    case TUI_A_DONE: case TUI_A_SNOOZE: case TUI_A_RESCHEDULE:
        followup_action(a, act);
        break;
    case TUI_A_LOG_CALL: case TUI_A_LOG_EMAIL: case TUI_A_LOG_VISIT:
    case TUI_A_LOG_MEETING: case TUI_A_LOG_MESSAGE: case TUI_A_LOG_NOTE:
        log_interaction(a, kinds[act - TUI_A_LOG_CALL]);
        break;
    case TUI_A_FOLLOWUP:
        if (!target_contact(a)) {
            tui_status(a, 0, "Pick a contact first");
            break;
        }
        tui_modal_begin();
        tui_after_dialog(a, tui_followup_form(a->db, a->cfg, target_contact(a),
                                          &out), _("Saved"));
        break;
    case TUI_A_DEAL:
        tui_modal_begin();
        tui_after_dialog(a, tui_deal_form(a->db, a->cfg, 0, tui_view_contact(a),
                                      tui_view_company(a), &out), _("Saved"));
        break;
    case TUI_A_IMPORT:
        tui_modal_begin();
        tui_import_screen(a->db, a->cfg);
        clearok(curscr, TRUE);
        tui_data_changed(a);
        break;
    case TUI_A_EXPORT_VCARD:
        tui_modal_begin();
        tui_export_vcard(a);
        clearok(curscr, TRUE);
        break;
    case TUI_A_REPORTS:
        tui_modal_begin();
        tui_report_screen(a->db, a->cfg);
        clearok(curscr, TRUE);
        break;
    case TUI_A_ASSIGN: case TUI_A_SHARE: case TUI_A_CLAIM: case TUI_A_MINE:
        tui_owner_action(a, act);
        break;
    default:
        break;
    }
}
