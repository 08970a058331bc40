/*
 * document.h: printable sales documents (src/report): a quote, an order
 * or a delivery note filled into a text document (struct tcrm_doc of
 * report.h) from a template, or its lines as CSV for a spreadsheet.
 *
 *   struct tcrm_doc doc;
 *   tcrm_document_make(db, cfg, "quote", id, TCRM_REPORT_TEXT, &doc, &err);
 *   tcrm_doc_save(&doc, "q.txt", &err);
 *   tcrm_doc_free(&doc);
 *
 * Templates are plain UTF-8 text named after the document (quote.txt,
 * order.txt, delivery.txt), looked up in this order:
 *   1. the user's own: $XDG_CONFIG_HOME/tcrm/templates/NAME.txt
 *      (~/.config/tcrm/templates/NAME.txt);
 *   2. the data folder, $TCRM_DATA_DIR (the tests point it at data/ of
 *      the source tree) and then the installed one (TCRM_DATADIR,
 *      PREFIX/share/tcrm): templates/zh_CN/NAME.txt when the interface
 *      speaks Chinese, then templates/NAME.txt.
 *
 * Placeholders, {key}, filled from the document (tcrm(1), "product and
 * quote", lists them all): our company ({company}, {company_address},
 * {company_phone}, {company_email}, {company_tax_id}, {company_bank}:
 * tcrm.conf [company]), the document ({number}, {date}, {valid_until},
 * {state}, {owner}, {currency}, {quote}, {order}, {deal}), the customer
 * ({customer}, {customer_company}, {customer_contact}), the totals in
 * figures ({net}, {tax}, {gross}) and, for CNY, in Chinese capitals
 * ({gross_capitals}, 大写金额; empty for other currencies), and {lines},
 * the table of lines, which must stand alone on its line. {key:N} pads a
 * value to N columns, {key:>N} right-aligns it (display width: a CJK
 * character is 2 columns); {{ and }} are literal braces. A line whose placeholders
 * are all empty is left out (a "大写金额: {gross_capitals}" line on a EUR
 * quote). Lines are wrapped at 80 columns, never cut.
 *
 * The statement of account (对账单, statement.txt; tcrm_statement_make)
 * has its own placeholders: our company as above, {customer} (the
 * company's or contact's name), {as_of} (the day it is made up to),
 * {date} (the day it is printed), the totals {invoiced}, {paid},
 * {balance} (invoiced less paid: what is owed) and {overdue} (the part
 * of the open invoices past their due day), each as "1,200.50 CNY" and
 * joined by "; " when the customer has several currencies, and {lines}:
 * per currency, the ledger (date, document, details, billed, paid,
 * running balance; the opening balance first, 0.00 when none)
 * and the invoices overdue as of {as_of} (due day, days overdue, open).
 *
 * Errors (one line each): TCRM_EINVAL "quote.txt:4: unknown placeholder
 * {nmae}", "quote.txt:9: {lines} must stand alone on its line",
 * "quote.txt:2: '{' not closed (write {{ for a brace)"; TCRM_EIO
 * "template quote.txt: not found (in ~/.config/tcrm/templates, ...)";
 * the core's TCRM_ENOTFOUND for an unknown or unseen document.
 */
#ifndef TCRM_DOCUMENT_H
#define TCRM_DOCUMENT_H

#include <stdint.h>

#include "tcrm/report.h"

#define TCRM_DOCUMENT_WIDTH 80

/* Fill document `kind` ("quote", "order", "delivery") id into out
 * (initialised here; free it with tcrm_doc_free even on error): the
 * template filled (TCRM_REPORT_TEXT) or its lines as CSV, English
 * headers, plain decimals (TCRM_REPORT_CSV). */
int tcrm_document_make(struct tcrm_db *db, const struct tcrm_config *cfg,
                       const char *kind, int64_t id,
                       enum tcrm_report_format format, struct tcrm_doc *out,
                       struct tcrm_error *err);

/* The statement of account of a company (company_id), or of a contact
 * (contact_id; its company's when it has one), up to as_of (YYYY-MM-DD;
 * NULL: today), from statement.h's rows: the template filled (text) or
 * the ledger rows as CSV (currency, date, kind, number, reference, due,
 * debit, credit, balance, open; English, plain decimals). */
int tcrm_statement_make(struct tcrm_db *db, const struct tcrm_config *cfg,
                        int64_t company_id, int64_t contact_id,
                        const char *as_of, enum tcrm_report_format format,
                        struct tcrm_doc *out, struct tcrm_error *err);

/* The template file for `kind` by the lookup above (malloc'd path in
 * *path), or TCRM_EIO "template NAME.txt: not found (...)". */
int tcrm_document_template(const char *kind, char **path,
                           struct tcrm_error *err);

#endif
