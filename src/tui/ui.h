/*
 * ui.h: the main screen's state, shared by its files (not a public
 * header). ui.c runs the loop; ui_views.c fills and draws the four lists;
 * ui_pane.c the reminder pane; ui_detail.c the detail pane; ui_bars.c the
 * top bar, status line and key bar; ui_actions.c what keys do to data;
 * ui_help.c the help screen.
 */
#ifndef TCRM_TUI_UI_H
#define TCRM_TUI_UI_H

#include <stdint.h>

#include "tcrm/config.h"
#include "tcrm/contact.h"
#include "tcrm/db.h"
#include "tcrm/deal.h"
#include "tcrm/followup.h"
#include "tcrm/i18n.h"
#include "tcrm/invoice.h"
#include "tcrm/quote.h"
#include "tcrm/ticket.h"
#include "ui_keys.h"
#include "ui_layout.h"
#include "ui_list.h"

enum tui_view {
    TUI_V_CONTACTS, TUI_V_COMPANIES, TUI_V_DEALS, TUI_V_FOLLOWUPS,
    TUI_V_QUOTES, TUI_V_ORDERS, TUI_V_INVOICES,
    TUI_V_TICKETS, TUI_V_CAMPAIGNS,
    TUI_V_LISTS,                 /* views above have a list */
    TUI_V_REPORTS = TUI_V_LISTS,
    TUI_V_COUNT
};

/* The reminder pane's sections; RECEIVABLES (invoices due within a week
 * and overdue), TICKETS (past a deadline) and COMMENTS (new ones on my
 * log) show only when there are some. */
enum { TUI_SEC_OVERDUE, TUI_SEC_TODAY, TUI_SEC_UPCOMING, TUI_SEC_QUIET,
       TUI_SEC_MONEY, TUI_SEC_TICKETS, TUI_SEC_COMMENTS, TUI_SECTIONS };

struct tui_pane_line {
    int section;                 /* TUI_SEC_*; -1 for a header */
    int64_t followup_id, contact_id;
    size_t idx;                  /* into the section's array */
    int64_t invoice_id;          /* TUI_SEC_MONEY */
    int64_t item_id;             /* the ticket or comment */
};

struct tcrm_comment;

struct tui_pane {
    int loaded;
    struct tcrm_reminder_counts counts;
    struct tcrm_followup *fu[3];
    size_t n_fu[3];
    struct tcrm_quiet_contact *quiet;
    size_t n_quiet;
    struct tcrm_invoice *due;    /* RECEIVABLES: overdue first */
    size_t n_due;
    int64_t due_total;
    struct tcrm_ticket *late;    /* TICKETS: the earliest deadline first */
    size_t n_late;
    int64_t late_total;
    struct tcrm_comment *com;    /* COMMENTS: unread, newest first */
    size_t n_com;
    int64_t com_total;
    struct tui_pane_line *lines;
    size_t n_lines;
    int cur;                     /* index of the selected item line */
};

struct tui_app {
    struct tcrm_db *db;
    const struct tcrm_config *cfg;
    struct tui_layout lay;
    enum tui_pane_mode pane_mode;
    enum tui_focus focus;
    enum tui_view view;

    struct tui_list lists[TUI_V_LISTS];
    int count_stale[TUI_V_LISTS];
    int count_gave_way;          /* the last count stopped for a key */
    int loaded[TUI_V_LISTS];

    /* contacts and companies filters */
    char search[256], search_saved[256];
    int typing;                  /* the search line has the keyboard */
    char *tag;
    enum tcrm_contact_sort sort;

    /* deals */
    int stage;                   /* index into cfg->stages */
    struct tcrm_stage_total *totals;
    size_t n_totals;

    /* quotes and orders: of one company, contact or deal, or all */
    struct tcrm_doc_filter docs;
    char docs_label[200];        /* whose they are, for the top bar */
    int inv_show;                /* invoices: 0 live, 1 open only, 2 with
                                    the voided ones */
    int tk_open_only;            /* tickets: the open ones only (o) */

    struct tui_pane pane;

    /* detail pane cache: what it shows, and for which row */
    int detail_view;
    int64_t detail_id;
    uint64_t detail_stamp;
    char **detail;
    int *detail_attr;
    size_t n_detail;

    char status[512];
    int status_err;
    uint64_t stamp;
    int tab_x[TUI_V_COUNT + 1];  /* where each view's tab starts (mouse) */
    char today[11];
    int quit;
};

/* ui_views.c */
/* The view of tab n (0-based: key 1 is tab 0), TUI_V_COUNT when none;
 * and the other way. Tabs keep their keys as views arrive: 5 Reports,
 * 6 Quotes, 7 Orders, 8 Invoices. */
enum tui_view tui_view_of_tab(int n);
int tui_view_tab(enum tui_view v);
void tui_views_init(struct tui_app *a);
void tui_views_free(struct tui_app *a);
/* The view's name in the person's language ("Contacts", "联系人"). */
const char *tui_view_name(enum tui_view v);
/* Load the view's list: from the top, or keeping the place. */
int tui_view_load(struct tui_app *a, enum tui_view v, int keep_place);
void tui_view_count(struct tui_app *a, enum tui_view v);
void tui_view_resize(struct tui_app *a);
void tui_view_draw(struct tui_app *a);
/* The list row of a screen line (mouse), -1 when none. */
int tui_view_row_at(const struct tui_app *a, int y);
/* The contact / company / deal / follow-up id under the cursor (0). */
int64_t tui_view_contact(const struct tui_app *a);
int64_t tui_view_company(const struct tui_app *a);
int64_t tui_view_deal(const struct tui_app *a);
int64_t tui_view_followup(const struct tui_app *a);
/* A name for messages ("Anna Silva"); "" when none. */
const char *tui_view_label(const struct tui_app *a);
/* The deal / follow-up under the cursor in their views, or NULL. */
const struct tcrm_deal *tui_view_deal_at(const struct tui_app *a);
const struct tcrm_followup *tui_view_followup_at(const struct tui_app *a);
void tui_view_sort_next(struct tui_app *a);
/* The contacts list's cursor onto this contact, wherever it is in the
 * list (reading the list again around it when it is not held). */
void tui_view_select_contact(struct tui_app *a, int64_t id);
void tui_view_stage_step(struct tui_app *a, int delta);

/* ui_pane.c */
void tui_pane_load(struct tui_app *a);
void tui_pane_free(struct tui_pane *p);
void tui_pane_draw(struct tui_app *a);
void tui_pane_move(struct tui_app *a, int delta);
int tui_pane_line_at(const struct tui_app *a, int y, int x);
const struct tui_pane_line *tui_pane_current(const struct tui_app *a);
/* The follow-up's title for messages. */
const char *tui_pane_title(const struct tui_app *a,
                           const struct tui_pane_line *l);
/* Enter on a TICKETS or COMMENTS line: the ticket's contact (or its text),
 * the comment read and marked read with the older ones; 1 when the line
 * was one of them. */
int tui_pane_open(struct tui_app *a);

/* ui_detail.c */
void tui_detail_draw(struct tui_app *a);
void tui_detail_free(struct tui_app *a);

/* ui_bars.c */
void tui_bars_draw(struct tui_app *a);
/* The status line (printf). fmt is translated here and is a keyword of
 * xgettext (po/xgettext.args): pass a literal, never _(); a message that
 * is already in the person's language goes as "%s". */
void tui_status(struct tui_app *a, int is_error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void tui_draw_too_small(int w, int h);

/* ui_actions.c */
void tui_action_run(struct tui_app *a, enum tui_action act);
/* Before a dialog (blocking keys, a cursor); after it, the status line
 * saying how it went (what: the message of a save, translated). */
void tui_modal_begin(void);
void tui_after_dialog(struct tui_app *a, int rc, const char *what);
/* Assign, share, claim the selected row; toggle "mine" (ui_owner.c). */
void tui_owner_action(struct tui_app *a, enum tui_action act);
/* Show the contacts view on this contact (pane Enter, follow-up Enter). */
void tui_jump_to_contact(struct tui_app *a, int64_t id);

/* ui_help.c */
void tui_help_show(struct tui_app *a);
/* The contact's interactions, Enter reading one (ui_reader.c); a
 * scrollable reader of a text, its lines kept and wrapped. */
void tui_interactions_show(struct tui_app *a);
void tui_reader_show(const char *title, const char *text);
/* ui_reader.c, for the modal lists: a frame (title on top, keys at the
 * bottom, the rest erased); a key (0 after a resize, ERR when tcrm must
 * stop); the new first line or cursor of a scroll key, or -1 when the key
 * is not one of them. */
void tui_modal_frame(const char *title, const char *keys);
int tui_modal_key(void);
int tui_scroll_key(int ch, int at, int n, int page);
/* The audit trail of the row under the cursor (ui_history.c). */
void tui_history_show(struct tui_app *a);

/* ui_detail.c: a line of the detail pane (printf), in a colour role. */
void tui_detail_add(struct tui_app *a, int role, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ui_sales.c: the Quotes and Orders views. Their list sources, count,
 * cells of a row (number, customer, state, date, total), detail; and the
 * keys they take (1 when the action was theirs): a adds a quote, Enter/E
 * edits one, s y r send, accept, reject, P prints, D deletes, Q on a
 * contact, company or deal shows its quotes and orders. */
void tui_sales_srcs(struct tui_app *a, struct tui_list_src *quotes,
                    struct tui_list_src *orders);
int tui_sales_count(struct tui_app *a, enum tui_view v, int64_t *n,
                    struct tcrm_error *err);
void tui_sales_cells(struct tui_app *a, const void *row, const char **cell,
                     char bufs[][64]);
void tui_sales_detail(struct tui_app *a, int64_t id);
int tui_sales_action(struct tui_app *a, enum tui_action act);
/* Esc: all quotes and orders again; 1 when there was a filter. */
int tui_sales_clear(struct tui_app *a);

/* ui_invoices.c: the Invoices view (of the customer a->docs names, or
 * all), paged by tcrm_invoice_page: its source, count, cells (number,
 * customer, date, due, amount, open, state, owner), detail (the payments
 * that paid it); its keys (1 when the action was theirs): p records a
 * payment (payment_form.c), v voids after a question, o shows all live,
 * open only, voided too; Enter reads the detail. A customer's balance per
 * currency for the company and contact detail panes. */
void tui_invoice_src(struct tui_app *a, struct tui_list_src *src);
int tui_invoice_count(struct tui_app *a, int64_t *n, struct tcrm_error *err);
void tui_invoice_cells(struct tui_app *a, const void *row, const char **cell,
                       char bufs[][64], int *late);
void tui_invoice_detail(struct tui_app *a, int64_t id);
int tui_invoice_action(struct tui_app *a, enum tui_action act);
/* The Invoices view with its cursor on invoice id (pane Enter). */
void tui_invoice_jump(struct tui_app *a, int64_t id);
void tui_balance_lines(struct tui_app *a, int64_t company_id,
                       int64_t contact_id);
/* "overdue 3 days", "due in 2 days", "due today" of an open invoice. */
void tui_invoice_when(const struct tui_app *a, const char *due, char *out,
                      size_t n);

/* ui_attach.c: a record's tickets and files. The detail pane's blocks:
 * a customer's tickets (the company's when company_id, else the
 * contact's: open ones with their deadline words, the count of all), and
 * a record's attachments (name, size, date); each only when non-empty.
 * F: the attachments of the row under the cursor (contact, company,
 * deal, quote, ticket), or of any record, as a list that saves (s,
 * Enter) and detaches (D) them. */
void tui_ticket_lines(struct tui_app *a, int64_t company_id,
                      int64_t contact_id);
void tui_attach_lines(struct tui_app *a, const char *entity, int64_t id);
void tui_files_show(struct tui_app *a);
void tui_files_of(struct tui_app *a, const char *entity, int64_t id,
                  const char *label);
/* Lines of a record's detail, to the detail pane (sb NULL) or into a
 * text for the reader (ui_invoices.c; the Invoices and Tickets views). */
struct tcrm_strbuf;
struct tui_sink {
    struct tui_app *a;
    struct tcrm_strbuf *sb;
};
void tui_sink_emit(struct tui_sink *s, int role, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ui_tickets.c: the Tickets view (of the customer a->docs names, or
 * all), paged by tcrm_ticket_page_by_state: its source, count, cells
 * (number, customer, type, priority, state, deadline in words, owner;
 * *late when past a deadline), detail (deadlines, history); its keys (1
 * when the action was theirs): a adds, r resolves, w notes, W waits, x
 * closes, u reopens, s rates, o open only, Enter reads. */
struct tcrm_ticket;
void tui_ticket_src(struct tui_app *a, struct tui_list_src *src);
int tui_ticket_count(struct tui_app *a, int64_t *n, struct tcrm_error *err);
void tui_ticket_cells(struct tui_app *a, const void *row, const char **cell,
                      char bufs[][64], int *late);
void tui_ticket_detail(struct tui_app *a, int64_t id);
int tui_ticket_action(struct tui_app *a, enum tui_action act);
/* A ticket's running deadline in words ("overdue 3 h", "due in 45 min",
 * "clock stopped" while it waits; "" when resolved or closed): 1 when
 * late. The Tickets view, the detail panes and the reminder pane. */
int tui_ticket_when(const struct tcrm_ticket *t, char *out, size_t n);

/* ui_campaigns.c: the Campaigns view: source, count, cells (name, kind,
 * dates, members, responded, converted, won revenue), detail (the
 * report's figures); a adds a campaign (campaign_form.c). */
void tui_campaign_src(struct tui_app *a, struct tui_list_src *src);
int tui_campaign_count(struct tui_app *a, int64_t *n, struct tcrm_error *err);
void tui_campaign_cells(struct tui_app *a, const void *row, const char **cell,
                        char bufs[][64]);
void tui_campaign_detail(struct tui_app *a, int64_t id);
int tui_campaign_action(struct tui_app *a, enum tui_action act);

/* ui.c */
void tui_redraw_all(struct tui_app *a);
/* Reload what the data change may have touched. */
void tui_data_changed(struct tui_app *a);

/* 1 once SIGINT, SIGTERM or SIGHUP arrived: key loops stop and tcrm
 * gives the terminal back. */
int tui_stop_requested(void);

/* X: the contacts listed as a vCard file (ui_export.c). */
void tui_export_vcard(struct tui_app *a);

#endif
