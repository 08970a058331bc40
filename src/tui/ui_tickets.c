/*
 * ui_tickets.c: the Tickets view (key 9, F9): service tickets and
 * complaints by state (new, in progress, waiting, resolved, closed), the
 * running deadline first within a state.
 *
 * The view pages straight from the database through the keyset page of
 * tickets in that order (tcrm_ticket_page_by_state), so two hundred
 * thousand tickets cost what ten do. o shows the open ones only (and all
 * again); Q on a contact or company (a->docs) lists that customer's.
 *
 * The deadline is shown in words ("overdue 3 h", "due in 2 h",
 * "waiting") and a late row's words in the alert colour: what runs and
 * how late it is are the core's (tcrm_ticket_left), the words are here.
 *
 * Keys in the view (tui_ticket_action): a adds a ticket (ticket_form.c),
 * r resolves (a form for the resolution), w writes a note, W waits for
 * the customer, x closes, u reopens, s records the customer's score;
 * Enter or E reads the ticket and its history. Every state rule is the
 * core's (ticket.h): what it refuses comes back on the status line.
 */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modal.h"
#include "tcrm/date.h"
#include "tcrm/strbuf.h"
#include "tcrm/ticket.h"
#include "theme.h"
#include "ui.h"

/* ---- the list source ------------------------------------------------- */

static void tk_filter(const struct tui_app *a, struct tcrm_ticket_filter *f)
{
    memset(f, 0, sizeof *f);
    f->open_only = a->tk_open_only;
    f->company_id = a->docs.company_id;
    f->contact_id = a->docs.contact_id;
}

static int tk_fetch(void *ctx, const void *after, int backwards,
                    size_t limit, void **rows, size_t *n, int *more,
                    struct tcrm_error *err)
{
    struct tui_app *a = ctx;
    struct tcrm_ticket_filter f;
    struct tcrm_ticket *page = NULL;
    size_t k = 0;
    tk_filter(a, &f);
    int rc = tcrm_ticket_page_by_state(a->db, &f, after, backwards, limit,
                                       &page, &k, more, err);
    if (rc < 0)
        return rc;
    *n = tui_rows_take(page, k, sizeof *page, rows);
    tcrm_ticket_array_free(page, k);
    return 0;
}

static void tk_free(void *ctx, void *row)
{
    (void)ctx;
    tcrm_ticket_clear(row);
    free(row);
}

static int64_t tk_id(const void *row)
{
    return ((const struct tcrm_ticket *)row)->id;
}

void tui_ticket_src(struct tui_app *a, struct tui_list_src *src)
{
    const struct tui_list_src s = {a, tk_fetch, tk_free, tk_id};
    *src = s;
    a->tk_open_only = 0;
}

int tui_ticket_count(struct tui_app *a, int64_t *n, struct tcrm_error *err)
{
    struct tcrm_ticket_filter f;
    tk_filter(a, &f);
    return tcrm_ticket_count(a->db, &f, n, err);
}

/* ---- cells ------------------------------------------------------------ */

static const char *nz(const char *s)
{
    return s ? s : "";
}

static const char *customer(const struct tcrm_ticket *t)
{
    return t->company_name ? t->company_name : nz(t->contact_name);
}

/* ui.h says what it writes. */
int tui_ticket_when(const struct tcrm_ticket *t, char *out, size_t n)
{
    char now[20];
    int running;
    tcrm_date_timestamp(tcrm_clock_now(), now);
    int64_t left = tcrm_ticket_left(t, now, &running);
    long long s = left < 0 ? -left : left;
    out[0] = '\0';
    if (!running) {
        if (t->state == TCRM_TICKET_WAITING)
            /* TRANSLATORS: a waiting ticket's deadline: the clock stops */
            snprintf(out, n, "%s", _("clock stopped"));
        return 0;
    }
    /* TRANSLATORS: a ticket's deadline in the Tickets view, short: min
     * minutes, h hours, d days */
    if (left < 0 && s < 3600)
        snprintf(out, n, _("overdue %lld min"), (s + 59) / 60);
    else if (left < 0 && s < 48 * 3600)
        snprintf(out, n, _("overdue %lld h"), s / 3600);
    else if (left < 0)
        snprintf(out, n, _("overdue %lld d"), s / 86400);
    else if (s < 3600)
        snprintf(out, n, _("due in %lld min"), (s + 59) / 60);
    else if (s < 48 * 3600)
        snprintf(out, n, _("due in %lld h"), s / 3600);
    else
        snprintf(out, n, _("due in %lld d"), s / 86400);
    return left < 0;
}

/* Number, customer, type, priority, state, deadline, owner. */
void tui_ticket_cells(struct tui_app *a, const void *row, const char **cell,
                      char bufs[][64], int *late)
{
    (void)a;
    const struct tcrm_ticket *t = row;
    cell[0] = t->number;
    cell[1] = customer(t);
    cell[2] = tcrm_i18n_word("ticket type", tcrm_ticket_type_name(t->type));
    cell[3] = tcrm_i18n_word("priority",
                             tcrm_ticket_priority_name(t->priority));
    cell[4] = tcrm_ticket_state_word(t->state);
    *late = tui_ticket_when(t, bufs[0], 64);
    cell[5] = bufs[0];
    cell[6] = t->owner;
}

/* ---- detail: the ticket, its deadlines, its history -------------------- */

#define emit tui_sink_emit      /* short: lines below are long */

/* One line of the history as people read it (the words of `ticket
 * show`). */
static void event_line(struct tui_sink *s, const struct tcrm_ticket_event *e)
{
    char what[300];
    if (!strcmp(e->kind, "add"))
        snprintf(what, sizeof what, _("opened %s"), nz(e->text));
    else if (!strcmp(e->kind, "state"))
        snprintf(what, sizeof what, _("%s -> %s"), tcrm_ticket_state_word(
                 tcrm_ticket_state_parse(e->from)), tcrm_ticket_state_word(
                 tcrm_ticket_state_parse(e->to)));
    else if (!strcmp(e->kind, "assign"))
        snprintf(what, sizeof what, _("owner %s -> %s"), nz(e->from),
                 nz(e->to));
    else if (!strcmp(e->kind, "rate"))
        snprintf(what, sizeof what, _("rated %s of 5"), nz(e->to));
    else
        snprintf(what, sizeof what, "%s", !strcmp(e->kind, "edit")
                 ? _("edited") : _("note"));
    int text = strcmp(e->kind, "add") && e->text;
    emit(s, TUI_DIM, "%.16s  %s  %s%s%s", nz(e->at), nz(e->who), what,
         text ? ": " : "", text ? e->text : "");
}

static void deadline_lines(struct tui_sink *s, const struct tcrm_ticket *t)
{
    char when[64];
    int late = tui_ticket_when(t, when, sizeof when);
    /* TRANSLATORS: a ticket's deadlines in the detail pane: answer by,
     * resolve by (timestamps), then the deadline in words */
    emit(s, late ? TUI_OVERDUE : TUI_NORMAL, _("Answer by %.16s  resolve by "
         "%.16s  %s"), nz(t->response_due), nz(t->resolve_due), when);
    if (t->first_response_at || t->resolved_at)
        /* TRANSLATORS: when a ticket was answered and resolved */
        emit(s, TUI_DIM, _("Answered %.16s  resolved %.16s"),
             t->first_response_at ? t->first_response_at : "-",
             t->resolved_at ? t->resolved_at : "-");
    if (t->resolution)
        emit(s, TUI_NORMAL, _("Resolution: %s"), t->resolution);
    if (t->score)
        /* TRANSLATORS: the customer's satisfaction score and comment */
        emit(s, TUI_NORMAL, _("Score %d of 5  %s"), t->score,
             nz(t->score_comment));
}

static void ticket_lines(struct tui_sink *s, int64_t id)
{
    struct tcrm_ticket t;
    struct tcrm_ticket_event *e = NULL;
    size_t n = 0;
    struct tcrm_error err = {0};
    if (tcrm_ticket_get(s->a->db, id, &t, &err) < 0 ||
        tcrm_ticket_events(s->a->db, id, &e, &n, &err) < 0) {
        emit(s, TUI_ERROR, "%s", err.msg);
        tcrm_ticket_clear(&t);
        return;
    }
    /* TRANSLATORS: a ticket's first line in the detail pane: number,
     * customer, type, priority, state */
    emit(s, TUI_HEADER, _("%s · %s · %s · %s · %s"), nz(t.number),
         customer(&t), tcrm_i18n_word("ticket type",
         tcrm_ticket_type_name(t.type)), tcrm_i18n_word("priority",
         tcrm_ticket_priority_name(t.priority)),
         tcrm_ticket_state_word(t.state));
    emit(s, TUI_NORMAL, "%s%s%s", nz(t.subject), t.product_code ? " · " : "",
         nz(t.product_code));
    if (t.company_name && t.contact_name)
        emit(s, TUI_NORMAL, _("Contact: %s"), t.contact_name);
    deadline_lines(s, &t);
    for (size_t i = 0; i < n; i++)
        event_line(s, &e[i]);
    tcrm_ticket_events_free(e, n);
    tcrm_ticket_clear(&t);
}

void tui_ticket_detail(struct tui_app *a, int64_t id)
{
    struct tui_sink s = {a, NULL};
    ticket_lines(&s, id);
    tui_attach_lines(a, "ticket", id);      /* F lists and saves them */
}

/* ---- actions ------------------------------------------------------------ */

static const struct tcrm_ticket *cur_ticket(const struct tui_app *a)
{
    return a->view == TUI_V_TICKETS
         ? tui_list_current(&a->lists[TUI_V_TICKETS]) : NULL;
}

/* The cursor onto ticket id, wherever its state put it. */
static void select_ticket(struct tui_app *a, int64_t id)
{
    struct tui_list *l = &a->lists[TUI_V_TICKETS];
    struct tcrm_ticket t;
    struct tcrm_error err = {0};
    if (tui_list_select_id(l, id))
        return;
    if (tcrm_ticket_get(a->db, id, &t, &err) == 0 &&
        tui_list_goto(l, &t, &err) < 0)
        tui_status(a, 1, "%s", err.msg);
    tcrm_ticket_clear(&t);
}

/* Enter, E: the ticket and its whole history in the reader. */
static void read_ticket(struct tui_app *a, const struct tcrm_ticket *t)
{
    struct tcrm_strbuf sb;
    char title[100];
    tcrm_strbuf_init(&sb);
    struct tui_sink s = {a, &sb};
    snprintf(title, sizeof title, "%s", nz(t->number));
    ticket_lines(&s, t->id);
    tui_modal_begin();
    tui_reader_show(title, sb.buf ? sb.buf : "");
    clearok(curscr, TRUE);
    tcrm_strbuf_free(&sb);
}

/* w: a note (the first response, or the customer's answer). */
static int note(struct tui_app *a, int64_t id, struct tcrm_error *err)
{
    char *text = NULL;
    tui_modal_begin();
    /* TRANSLATORS: the prompt for a note on a ticket */
    int ok = tui_prompt(_("Note: "), NULL, &text);
    touchwin(stdscr);
    if (!ok || !text || !text[0]) {
        free(text);
        return 1;
    }
    int rc = tcrm_ticket_note(a->db, id, text, err);
    free(text);
    return rc;
}

/* W, x, u, w: a change of state by the core's rules; the status line
 * says what came of it. */
static void change(struct tui_app *a, enum tui_action act, int64_t id,
                   const char *number)
{
    struct tcrm_error err = {0};
    int rc;
    switch (act) {
    case TUI_A_TICKET_WAIT: rc = tcrm_ticket_wait(a->db, id, &err); break;
    case TUI_A_TICKET_CLOSE: rc = tcrm_ticket_close(a->db, id, &err); break;
    case TUI_A_TICKET_REOPEN: rc = tcrm_ticket_reopen(a->db, id, &err); break;
    default: rc = note(a, id, &err); break;
    }
    if (rc == 1) {
        tui_status(a, 0, "No note written");
        return;
    }
    tui_data_changed(a);
    if (rc < 0) {
        tui_status(a, 1, "%s", err.msg);
        return;
    }
    select_ticket(a, id);
    struct tcrm_ticket t;
    if (tcrm_ticket_get(a->db, id, &t, NULL) == 0)
        tui_status(a, 0, "%s is %s now", number,
                   tcrm_ticket_state_word(t.state));
    tcrm_ticket_clear(&t);
}

/* a, r, s: the dialogs (ticket_form.c). */
static void dialog(struct tui_app *a, enum tui_action act,
                   const struct tcrm_ticket *t)
{
    int64_t id = t ? t->id : 0, out = 0;
    int rc;
    tui_modal_begin();
    if (act == TUI_A_ADD)
        rc = tui_ticket_form(a->db, a->cfg, &out);
    else if (act == TUI_A_RESCHEDULE)
        rc = tui_ticket_resolve_form(a->db, id);
    else
        rc = tui_ticket_rate_form(a->db, id);
    tui_after_dialog(a, rc, act == TUI_A_ADD ? _("Ticket added")
                     : act == TUI_A_RESCHEDULE ? _("Ticket resolved")
                     : _("Score recorded"));
    if (rc == TUI_SAVED)
        select_ticket(a, act == TUI_A_ADD ? out : id);
}

/* o: open tickets only, or all. */
static void toggle_open(struct tui_app *a)
{
    a->tk_open_only = !a->tk_open_only;
    tui_view_load(a, TUI_V_TICKETS, 0);
    if (a->tk_open_only)
        tui_status(a, 0, "Open tickets only (o: all of them)");
    else
        tui_status(a, 0, "All tickets (o: open ones only)");
}

static int needs_ticket(enum tui_action act)
{
    return act == TUI_A_RESCHEDULE || act == TUI_A_SNOOZE ||
           act == TUI_A_LOG_NOTE || act == TUI_A_TICKET_WAIT ||
           act == TUI_A_TICKET_CLOSE || act == TUI_A_TICKET_REOPEN ||
           act == TUI_A_OPEN || act == TUI_A_EDIT;
}

int tui_ticket_action(struct tui_app *a, enum tui_action act)
{
    if (a->view != TUI_V_TICKETS || a->focus != TUI_FOCUS_LIST)
        return 0;
    const struct tcrm_ticket *t = cur_ticket(a);
    if (needs_ticket(act) && !t) {
        tui_status(a, 0, "Pick a ticket first");
        return 1;
    }
    switch (act) {
    case TUI_A_ADD: case TUI_A_RESCHEDULE: case TUI_A_SNOOZE:
        dialog(a, act, t);
        return 1;
    case TUI_A_LOG_NOTE: case TUI_A_TICKET_WAIT: case TUI_A_TICKET_CLOSE:
    case TUI_A_TICKET_REOPEN: {
        char number[64];
        snprintf(number, sizeof number, "%s", nz(t->number));
        change(a, act, t->id, number);
        return 1;
    }
    case TUI_A_SORT: toggle_open(a); return 1;
    case TUI_A_CLEAR:                   /* Esc: everyone's, open or not */
        if (!tui_sales_clear(a) && !a->tk_open_only)
            return 1;
        a->tk_open_only = 0;
        tui_view_load(a, TUI_V_TICKETS, 0);
        tui_status(a, 0, "Showing all");
        return 1;
    case TUI_A_OPEN: case TUI_A_EDIT: read_ticket(a, t); return 1;
    case TUI_A_DELETE:
        tui_status(a, 0, "Tickets are closed, never deleted: x closes one");
        return 1;
    default: return 0;
    }
}
