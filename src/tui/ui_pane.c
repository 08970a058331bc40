/*
 * ui_pane.c: the follow-up reminder pane.
 *
 * Four sections, each a header with an exact count (OVERDUE, TODAY, NEXT
 * N DAYS, GONE QUIET), and a fifth, RECEIVABLES, when invoices are
 * overdue or fall due within a week (tcrm_invoice_due: overdue first);
 * each with as many items as fit; the lines are shared out by
 * tui_layout_pane_sections. Enter on an invoice shows it in the Invoices
 * view. TICKETS (open tickets past their running deadline, the earliest
 * first: tcrm_ticket_due) and COMMENTS (managers' comments on my log not
 * yet read, newest first: tcrm_comment_mine) follow, also only when they
 * have items; Enter on a ticket goes to its contact (or shows the ticket
 * when it has none), on a comment reads it and marks it and the older
 * ones read. Counts and items are read when the data
 * changed (the change stamp, or an action of ours) and on resize, never per
 * key. The pane keeps a flat array of its lines so the cursor, the mouse
 * and Enter work on the same thing. Section names are words, so nothing
 * depends on colour.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "tcrm/comment.h"
#include "tcrm/date.h"
#include "tcrm/receivable.h"
#include "theme.h"
#include "ui.h"

void tui_pane_free(struct tui_pane *p)
{
    for (int i = 0; i < 3; i++) {
        tcrm_followup_array_free(p->fu[i], p->n_fu[i]);
        p->fu[i] = NULL;
        p->n_fu[i] = 0;
    }
    tcrm_quiet_array_free(p->quiet, p->n_quiet);
    p->quiet = NULL;
    p->n_quiet = 0;
    tcrm_invoice_array_free(p->due, p->n_due);
    p->due = NULL;
    p->n_due = 0;
    p->due_total = 0;
    tcrm_ticket_array_free(p->late, p->n_late);
    p->late = NULL;
    p->n_late = 0;
    p->late_total = 0;
    tcrm_comment_array_free(p->com, p->n_com);
    p->com = NULL;
    p->n_com = 0;
    p->com_total = 0;
    free(p->lines);
    p->lines = NULL;
    p->n_lines = 0;
    p->loaded = 0;
}

/* Invoices due within this many days are RECEIVABLES with the overdue
 * ones: today and the six days after it. */
#define MONEY_DAYS 6

static int add_line(struct tui_pane *p, int section, int64_t fid,
                    int64_t cid, size_t idx)
{
    struct tui_pane_line *nl = realloc(p->lines,
                                       (p->n_lines + 1) * sizeof *nl);
    if (!nl)
        return TCRM_ENOMEM;
    p->lines = nl;
    p->lines[p->n_lines++] = (struct tui_pane_line){section, fid, cid, idx,
                                                    0, 0};
    return 0;
}

static void build_lines(struct tui_pane *p)
{
    for (int s = 0; s < 4; s++) {
        add_line(p, -1, s, 0, 0);    /* header: followup_id holds the section */
        if (s < 3)
            for (size_t i = 0; i < p->n_fu[s]; i++)
                add_line(p, s, p->fu[s][i].id, p->fu[s][i].contact_id, i);
        else
            for (size_t i = 0; i < p->n_quiet; i++)
                add_line(p, s, 0, p->quiet[i].id, i);
    }
    if (p->due_total > 0)
        add_line(p, -1, TUI_SEC_MONEY, 0, 0);
    for (size_t i = 0; i < p->n_due; i++)
        if (add_line(p, TUI_SEC_MONEY, 0, p->due[i].contact_id, i) == 0)
            p->lines[p->n_lines - 1].invoice_id = p->due[i].id;
    if (p->late_total > 0)
        add_line(p, -1, TUI_SEC_TICKETS, 0, 0);
    for (size_t i = 0; i < p->n_late; i++)
        if (add_line(p, TUI_SEC_TICKETS, 0, p->late[i].contact_id, i) == 0)
            p->lines[p->n_lines - 1].item_id = p->late[i].id;
    if (p->com_total > 0)
        add_line(p, -1, TUI_SEC_COMMENTS, 0, 0);
    for (size_t i = 0; i < p->n_com; i++)
        if (add_line(p, TUI_SEC_COMMENTS, 0, 0, i) == 0)
            p->lines[p->n_lines - 1].item_id = p->com[i].id;
}

/* Keep the first `keep` of the n items of an optional section. */
static void trim_items(struct tui_pane *p, int section, size_t keep)
{
    for (size_t i = keep; section == TUI_SEC_MONEY && i < p->n_due; i++)
        tcrm_invoice_clear(&p->due[i]);
    for (size_t i = keep; section == TUI_SEC_TICKETS && i < p->n_late; i++)
        tcrm_ticket_clear(&p->late[i]);
    for (size_t i = keep; section == TUI_SEC_COMMENTS && i < p->n_com; i++)
        tcrm_comment_clear(&p->com[i]);
    size_t *n = section == TUI_SEC_MONEY ? &p->n_due
              : section == TUI_SEC_TICKETS ? &p->n_late : &p->n_com;
    if (*n > keep)
        *n = keep;
}

static int read_items(struct tui_app *a, const int shown[TUI_SECTIONS],
                      struct tcrm_error *err)
{
    struct tui_pane *p = &a->pane;
    char yesterday[11], tomorrow[11], until[11];
    tcrm_date_add_days(a->today, -1, yesterday);
    tcrm_date_add_days(a->today, 1, tomorrow);
    tcrm_date_add_days(a->today, a->cfg->days_ahead, until);
    const char *from[3] = {NULL, a->today, tomorrow};
    const char *to[3] = {yesterday, a->today, until};
    for (int s = 0; s < 3; s++) {
        if (shown[s] <= 0)
            continue;
        int rc = tcrm_followup_list(a->db, 1, 0, from[s], to[s],
                                    (size_t)shown[s], &p->fu[s], &p->n_fu[s],
                                    err);
        if (rc < 0)
            return rc;
    }
    if (shown[3] > 0 && tcrm_followup_quiet(a->db, a->today,
                                            a->cfg->quiet_days,
                                            (size_t)shown[3], &p->quiet,
                                            &p->n_quiet, err) < 0)
        return err->code;
    for (int s = TUI_SEC_MONEY; s < TUI_SECTIONS; s++)  /* read one pageful */
        trim_items(p, s, (size_t)shown[s]);
    return 0;
}

/* An item line's identity, to keep the cursor on it across reloads:
 * money is the section of an invoice, ticket or comment, else 0. */
struct pane_key {
    int money;
    int64_t id;
};

static struct pane_key line_key(const struct tui_pane_line *l)
{
    struct pane_key k = {l->section >= TUI_SEC_MONEY ? l->section : 0, 0};
    k.id = l->section == TUI_SEC_MONEY ? l->invoice_id
         : k.money ? l->item_id : l->followup_id ? l->followup_id
                                                 : -l->contact_id;
    return k;
}

/* RECEIVABLES, TICKETS and COMMENTS: how many, and as many as could be
 * shown. */
static int read_optional(struct tui_app *a, struct tcrm_error *err)
{
    struct tui_pane *p = &a->pane;
    char until[11], now[20];
    size_t most = a->lay.pane_w > 0 ? (size_t)a->lay.main_h : 0;
    tcrm_date_add_days(a->today, MONEY_DAYS, until);
    tcrm_date_timestamp(tcrm_clock_now(), now);
    int rc = tcrm_invoice_due(a->db, until, most, &p->due, &p->n_due,
                              &p->due_total, err);
    if (rc == 0)
        rc = tcrm_ticket_due(a->db, now, most, &p->late, &p->n_late,
                             &p->late_total, err);
    if (rc == 0)
        rc = tcrm_comment_mine(a->db, 1, most, &p->com, &p->n_com,
                               &p->com_total, err);
    return rc;
}

/* How many items of each section fit: the four always, the others when
 * they have some. */
static void share_lines(struct tui_app *a, int shown[TUI_SECTIONS])
{
    const struct tui_pane *p = &a->pane;
    long long all[TUI_SECTIONS] = {p->counts.overdue, p->counts.today,
                                   p->counts.upcoming, p->counts.quiet,
                                   p->due_total, p->late_total,
                                   p->com_total};
    long long c[TUI_SECTIONS];
    int which[TUI_SECTIONS], k = 0, got[TUI_SECTIONS];
    for (int s = 0; s < TUI_SECTIONS; s++) {
        shown[s] = 0;
        if (s <= TUI_SEC_QUIET || all[s] > 0) {
            which[k] = s;
            c[k++] = all[s];
        }
    }
    tui_layout_pane_sections(a->lay.main_h, k, c, got);
    for (int i = 0; i < k; i++)
        shown[which[i]] = got[i];
}

void tui_pane_load(struct tui_app *a)
{
    struct tui_pane *p = &a->pane;
    struct tcrm_error err = {0};
    struct pane_key keep = {0, 0};
    const struct tui_pane_line *cur = tui_pane_current(a);
    if (cur)
        keep = line_key(cur);
    tui_pane_free(p);
    int rc = tcrm_followup_counts(a->db, a->today, a->cfg->days_ahead,
                                  a->cfg->quiet_days, &p->counts, &err);
    if (rc == 0 && a->lay.pane_w > 0)
        rc = read_optional(a, &err);
    if (rc == 0 && a->lay.pane_w > 0) {
        int shown[TUI_SECTIONS] = {0};
        share_lines(a, shown);
        rc = read_items(a, shown, &err);
    }
    build_lines(p);
    p->loaded = rc == 0;
    if (rc < 0)
        tui_status(a, 1, "%s", err.msg);
    /* keep the cursor on the same item, else the first item */
    p->cur = -1;
    for (size_t i = 0; i < p->n_lines; i++) {
        const struct tui_pane_line *l = &p->lines[i];
        if (l->section < 0)
            continue;
        struct pane_key k = line_key(l);
        int same = k.money == keep.money && k.id == keep.id;
        if (p->cur < 0 || same)
            p->cur = (int)i;
        if (same)
            break;
    }
}

const struct tui_pane_line *tui_pane_current(const struct tui_app *a)
{
    const struct tui_pane *p = &a->pane;
    if (p->cur < 0 || (size_t)p->cur >= p->n_lines)
        return NULL;
    return p->lines[p->cur].section >= 0 ? &p->lines[p->cur] : NULL;
}

void tui_pane_move(struct tui_app *a, int delta)
{
    struct tui_pane *p = &a->pane;
    int step = delta < 0 ? -1 : 1;
    int n = delta < 0 ? -delta : delta;
    int i = p->cur;
    while (n-- > 0) {
        int j = i + step;
        while (j >= 0 && (size_t)j < p->n_lines && p->lines[j].section < 0)
            j += step;
        if (j < 0 || (size_t)j >= p->n_lines)
            break;
        i = j;
    }
    p->cur = i;
}

const char *tui_pane_title(const struct tui_app *a,
                           const struct tui_pane_line *l)
{
    if (!l || l->section < 0)
        return "";
    if (l->section == TUI_SEC_QUIET)
        return a->pane.quiet[l->idx].name ? a->pane.quiet[l->idx].name : "";
    if (l->section == TUI_SEC_MONEY)
        return a->pane.due[l->idx].number ? a->pane.due[l->idx].number : "";
    if (l->section == TUI_SEC_TICKETS)
        return a->pane.late[l->idx].number ? a->pane.late[l->idx].number : "";
    if (l->section == TUI_SEC_COMMENTS)
        return a->pane.com[l->idx].author;
    const char *t = a->pane.fu[l->section][l->idx].title;
    return t ? t : "";
}

static void header_text(const struct tui_app *a, int s, char *out, size_t sz)
{
    const struct tcrm_reminder_counts *c = &a->pane.counts;
    /* TRANSLATORS: the reminder pane's section headers while their
     * counts are still being read */
    if (!a->pane.loaded && c->overdue == 0 && c->today == 0) {
        snprintf(out, sz, "%s", s == 0 ? _("OVERDUE …") : s == 1
                 ? _("TODAY …") : s == 2 ? _("NEXT DAYS …")
                 : _("GONE QUIET …"));
        return;
    }
    /* TRANSLATORS: the reminder pane's section headers and how many
     * items each holds; NEXT %d DAYS is the look-ahead of [reminders]
     * days_ahead */
    switch (s) {
    case 0: snprintf(out, sz, _("OVERDUE %lld"), (long long)c->overdue); break;
    case 1: snprintf(out, sz, _("TODAY %lld"), (long long)c->today); break;
    case 2: snprintf(out, sz, _("NEXT %d DAYS %lld"), a->cfg->days_ahead,
                     (long long)c->upcoming); break;
    /* TRANSLATORS: invoices overdue or due within a week (应收款) */
    case TUI_SEC_MONEY: snprintf(out, sz, _("RECEIVABLES %lld"),
                                 (long long)a->pane.due_total); break;
    /* TRANSLATORS: open tickets past a deadline (超时工单) */
    case TUI_SEC_TICKETS: snprintf(out, sz, _("TICKETS %lld"),
                                   (long long)a->pane.late_total); break;
    /* TRANSLATORS: managers' comments on my log not yet read (新批复) */
    case TUI_SEC_COMMENTS: snprintf(out, sz, _("COMMENTS %lld"),
                                    (long long)a->pane.com_total); break;
    default: snprintf(out, sz, _("GONE QUIET %lld"), (long long)c->quiet);
    }
}

/* "18d late: 180.00 CNY Acme Ltd", "in 3d: ...", "today: ...": the
 * amount before the customer, so that a narrow pane cuts the name. */
static void money_text(const struct tui_app *a, const struct tcrm_invoice *v,
                       char *out, size_t sz)
{
    char open[64];
    const char *who = v->company_name ? v->company_name
                    : v->contact_name ? v->contact_name : "";
    int days = tcrm_date_days_between(a->today, v->due_on ? v->due_on : "");
    tcrm_money_format(v->amount - v->paid, v->currency, open, sizeof open);
    /* TRANSLATORS: an invoice in the reminder pane's RECEIVABLES: the
     * days past its due date (or till it), what is open, the customer */
    if (days < 0)
        snprintf(out, sz, _("%dd late: %s %s"), -days, open, who);
    else if (days == 0)
        snprintf(out, sz, _("today: %s %s"), open, who);
    else
        snprintf(out, sz, _("in %dd: %s %s"), days, open, who);
}

/* "overdue 3 h: T2026-0001 Acme Ltd"; "m: Send the quote today" (the
 * comment on one line). */
static void service_text(const struct tui_app *a,
                         const struct tui_pane_line *l, char *out, size_t sz)
{
    if (l->section == TUI_SEC_TICKETS) {
        const struct tcrm_ticket *t = &a->pane.late[l->idx];
        char when[64];
        tui_ticket_when(t, when, sizeof when);
        /* TRANSLATORS: a ticket in the reminder pane's TICKETS: how late,
         * its number, the customer */
        snprintf(out, sz, _("%s: %s %s"), when, t->number ? t->number : "",
                 t->company_name ? t->company_name
                 : t->contact_name ? t->contact_name : "");
        return;
    }
    const struct tcrm_comment *c = &a->pane.com[l->idx];
    /* TRANSLATORS: a comment in the reminder pane: who, the text */
    snprintf(out, sz, _("%s: %s"), c->author, c->body);
    for (char *q = out; *q; q++)
        if (*q == '\n' || *q == '\t')
            *q = ' ';
}

static void item_text(const struct tui_app *a, const struct tui_pane_line *l,
                      char *out, size_t sz)
{
    if (l->section == TUI_SEC_QUIET) {
        const struct tcrm_quiet_contact *q = &a->pane.quiet[l->idx];
        /* TRANSLATORS: a quiet contact in the reminder pane: the name and
         * the days since the last interaction */
        snprintf(out, sz, _("%s %dd"), q->name ? q->name : "", q->days);
        return;
    }
    if (l->section == TUI_SEC_MONEY) {
        money_text(a, &a->pane.due[l->idx], out, sz);
        return;
    }
    if (l->section >= TUI_SEC_TICKETS) {
        service_text(a, l, out, sz);
        return;
    }
    const struct tcrm_followup *f = &a->pane.fu[l->section][l->idx];
    const char *who = f->contact_name ? f->contact_name
                    : f->company_name ? f->company_name : "";
    char when[16] = "";
    if (l->section == TUI_SEC_OVERDUE && f->due_date)
        snprintf(when, sizeof when, "%.5s ", f->due_date + 5);
    else if (l->section == TUI_SEC_TODAY && f->due_time)
        snprintf(when, sizeof when, "%s ", f->due_time);
    else if (l->section == TUI_SEC_UPCOMING && f->due_date)
        snprintf(when, sizeof when, "%.5s ", f->due_date + 5);
    /* TRANSLATORS: a follow-up in the reminder pane: its date or time
     * (with a space after it, or nothing), who it is for, and its title */
    snprintf(out, sz, _("%s%s: %s"), when, who, f->title ? f->title : "");
}

static enum tui_role section_role(int s)
{
    return s == 0 || s == TUI_SEC_TICKETS ? TUI_OVERDUE
         : s == 1 ? TUI_TODAY : TUI_HEADER;
}

void tui_pane_draw(struct tui_app *a)
{
    const struct tui_layout *L = &a->lay;
    if (L->pane_w <= 0)
        return;
    tui_draw_vline(stdscr, L->main_y, L->pane_x - 1, L->main_h,
                   tui_attr(TUI_DIM));
    int y = L->main_y, end = L->main_y + L->main_h;
    char text[600];
    for (size_t i = 0; i < a->pane.n_lines && y < end; i++, y++) {
        const struct tui_pane_line *l = &a->pane.lines[i];
        if (l->section < 0) {
            int s = (int)l->followup_id;
            header_text(a, s, text, sizeof text);
            tui_draw_cell(stdscr, y, L->pane_x, L->pane_w, text,
                          tui_attr(section_role(s)) | A_BOLD, 0);
            continue;
        }
        int sel = a->focus == TUI_FOCUS_PANE && (int)i == a->pane.cur;
        item_text(a, l, text, sizeof text);
        int attr = sel ? tui_attr(TUI_CURSOR) : tui_attr(TUI_NORMAL);
        tui_draw_cell(stdscr, y, L->pane_x, 1, sel ? ">" : " ", attr, 0);
        tui_draw_cell(stdscr, y, L->pane_x + 1, L->pane_w - 1, text, attr, 0);
    }
}

int tui_pane_line_at(const struct tui_app *a, int y, int x)
{
    const struct tui_layout *L = &a->lay;
    if (L->pane_w <= 0 || x < L->pane_x || y < L->main_y)
        return -1;
    int i = y - L->main_y;
    if ((size_t)i >= a->pane.n_lines || a->pane.lines[i].section < 0)
        return -1;
    return i;
}

/* The ticket's text in the reader: for one that has no contact to go to. */
static void show_ticket(const struct tcrm_ticket *t)
{
    char when[64], title[300], text[2000];
    tui_ticket_when(t, when, sizeof when);
    /* TRANSLATORS: a ticket read from the reminder pane: the title
     * (number, customer), then state, deadline words, priority, subject */
    snprintf(title, sizeof title, _("Ticket %s · %s"),
             t->number ? t->number : "",
             t->company_name ? t->company_name
             : t->contact_name ? t->contact_name : "");
    snprintf(text, sizeof text, _("%s · %s · priority %s\n\n%s"),
             tcrm_ticket_state_word(t->state), when,
             tcrm_i18n_word("priority",
                            tcrm_ticket_priority_name(t->priority)),
             t->subject ? t->subject : "");
    tui_reader_show(title, text);
}

/* The comment in the reader, then it and the older ones marked read. */
static void read_comment(struct tui_app *a, const struct tcrm_comment *c)
{
    char title[600], msg[200];
    struct tcrm_error err = {0};
    int64_t n = 0, upto = c->id;
    /* TRANSLATORS: a comment read from the reminder pane: who, when, the
     * interaction's customer and summary */
    snprintf(title, sizeof title, _("%s, %.16s, on %s: %s"), c->author,
             c->created_at, c->customer ? c->customer : "",
             c->summary ? c->summary : "");
    tui_reader_show(title, c->body);
    if (tcrm_comment_mark_read(a->db, upto, &n, &err)) {
        tui_status(a, 1, "%s", err.msg);
        return;
    }
    tui_data_changed(a);
    /* TRANSLATORS: after a comment was read from the reminder pane */
    snprintf(msg, sizeof msg, P_("%lld comment marked read",
                                 "%lld comments marked read", n), (long long)n);
    tui_status(a, 0, "%s", msg);
}

int tui_pane_open(struct tui_app *a)
{
    const struct tui_pane_line *l = tui_pane_current(a);
    if (!l || l->section < TUI_SEC_TICKETS)
        return 0;
    if (l->section == TUI_SEC_COMMENTS)
        read_comment(a, &a->pane.com[l->idx]);
    else if (l->contact_id)
        tui_jump_to_contact(a, l->contact_id);
    else
        show_ticket(&a->pane.late[l->idx]);
    return 1;
}
