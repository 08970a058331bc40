/*
 * modal.h: the screen's dialogs. Each takes over the whole terminal (or a
 * centred box) until the person saves or cancels, then returns; the caller
 * redraws everything afterwards (touchwin/clearok is the caller's job).
 * Esc cancels without writing anything; a dialog with unsaved changes asks
 * "Discard changes? (y/n)" first. Errors go beside the field or on the
 * dialog's own status line; nothing is written until the person saves.
 *
 * Return values: TUI_SAVED (something was written; *out_id, when given,
 * holds the row's id), TUI_CANCELLED, TUI_OPEN_OTHER (the person chose to
 * open a duplicate candidate instead: *out_id is that contact's id), or a
 * negative TCRM_E* when the terminal failed.
 *
 * Owned by the dialogs engineer (form.c, lineedit.c, ui_forms*.c,
 * ui_import.c, ui_report.c); called by the main screen (ui.c engineer).
 */
#ifndef TCRM_TUI_MODAL_H
#define TCRM_TUI_MODAL_H

#include <stddef.h>
#include <stdint.h>

#include "tcrm/config.h"
#include "tcrm/db.h"

enum { TUI_CANCELLED = 0, TUI_SAVED = 1, TUI_OPEN_OTHER = 2,
       TUI_UNCHANGED = 3 /* saved, but the save changed nothing: nothing
                            was written */ };

/* Add (id 0) or edit a contact: name, company (picked by typing part of
 * its name), title, department, phones and e-mails (several, each with a
 * kind), address, city, birthday, source, tags, notes. Runs the duplicate
 * check on save of a new contact (and when name/phones/e-mails change):
 * shows candidates with reasons; the person may open one (TUI_OPEN_OTHER),
 * merge into it (TUI_SAVED, *out_id = the candidate), or save anyway. */
int tui_contact_form(struct tcrm_db *db, const struct tcrm_config *cfg,
                     int64_t id, int64_t *out_id);
int tui_company_form(struct tcrm_db *db, const struct tcrm_config *cfg,
                     int64_t id, int64_t *out_id);
/* Deals: stage picked from cfg's pipeline; amount via tcrm_money_parse. */
int tui_deal_form(struct tcrm_db *db, const struct tcrm_config *cfg,
                  int64_t id, int64_t contact_id, int64_t company_id,
                  int64_t *out_id);
/* Log an interaction for a contact: kind (preset, changeable), when
 * (default now, date language), one-line summary, optional body. */
int tui_interaction_form(struct tcrm_db *db, const struct tcrm_config *cfg,
                         int64_t contact_id, int kind, int64_t *out_id);
/* Add a follow-up for a contact: title, due (date language), time,
 * repeat every N days. */
int tui_followup_form(struct tcrm_db *db, const struct tcrm_config *cfg,
                      int64_t contact_id, int64_t *out_id);
/* Edit follow-up id: the same fields (as `tcrm follow-up edit`). */
int tui_followup_edit(struct tcrm_db *db, const struct tcrm_config *cfg,
                      int64_t id, int64_t *out_id);

/* A quote (quote_form.c): a new draft (id 0) for the company, contact
 * and deal given (0: none), or more lines on open quote id: customer,
 * currency, valid until, and lines (product code or text, quantity,
 * price, discount, tax, tax included), the totals computed by the one
 * rounding rule (tcrm_money_line) as lines are typed. */
int tui_quote_form(struct tcrm_db *db, const struct tcrm_config *cfg,
                   int64_t id, int64_t company_id, int64_t contact_id,
                   int64_t deal_id, int64_t *out_id);

/* A payment against invoice invoice_id (payment_form.c): amount (what
 * is open, to begin with), method, account, date, note; saved by
 * tcrm_payment_add, its errors beside the field they name. *out_id: the
 * payment. */
int tui_payment_form(struct tcrm_db *db, const struct tcrm_config *cfg,
                     int64_t invoice_id, int64_t *out_id);

/* Tickets (ticket_form.c): a new one (company and/or contact, type,
 * priority, product code, subject; *out_id: the ticket), the resolution
 * of ticket id, the customer's score 1-5 and comment on it; the core's
 * refusals beside the field they name. */
int tui_ticket_form(struct tcrm_db *db, const struct tcrm_config *cfg,
                    int64_t *out_id);
int tui_ticket_resolve_form(struct tcrm_db *db, int64_t id);
int tui_ticket_rate_form(struct tcrm_db *db, int64_t id);
/* A new campaign (campaign_form.c): name, kind, start, end, budget,
 * cost; *out_id: the campaign. */
int tui_campaign_form(struct tcrm_db *db, const struct tcrm_config *cfg,
                      int64_t *out_id);

/* One-line questions at the bottom of the screen. */
/* "Delete Anna Silva? (y/n)": 1 yes, 0 no. */
int tui_confirm(const char *question);
/* "Print: f to a file, p to lpr": the index in keys of the key typed
 * (letters either case), -1 for Esc. */
int tui_choose(const char *question, const char *keys);
/* Ask for a line of text (UTF-8; initial may be NULL). Returns 1 and a
 * malloc'd *out on Enter, 0 on Esc. */
int tui_prompt(const char *label, const char *initial, char **out);

/* The import screen (file path, preview, mapping per column, duplicate
 * policy, progress bar, summary) and the reports screen (pick a report,
 * period, scroll, search inside, save to file, pipe to print_command). */
int tui_import_screen(struct tcrm_db *db, const struct tcrm_config *cfg);
int tui_report_screen(struct tcrm_db *db, const struct tcrm_config *cfg);

/* ui_print.c: a printed document saved to a file (asking the path, ~
 * expanded, confirming an overwrite) or piped to the print command. The
 * outcome, in the person's language, into msg; *is_err. */
struct tcrm_doc;
/* The same for anything: save(ud, path) writes the file (over one that is
 * there: the person said yes), 0 or an error code with err filled. */
struct tcrm_error;
typedef int (*tui_save_fn)(const void *ud, const char *path,
                           struct tcrm_error *err);
void tui_save_ask(const char *question, const char *def, tui_save_fn save,
                  const void *ud, char *msg, size_t n, int *is_err);
void tui_doc_save_ask(const struct tcrm_doc *doc, const char *question,
                      const char *def, char *msg, size_t n, int *is_err);
void tui_doc_print(const struct tcrm_doc *doc, const char *question,
                   const char *command, char *msg, size_t n, int *is_err);

#endif
