/*
 * ui_sales.c: the Quotes and Orders views.
 *
 * Both page straight from the database through the one keyset page of
 * documents (tcrm_quote_page, tcrm_order_page: newest first, keyed by id),
 * so a hundred thousand quotes cost what ten do. Both show the documents
 * of one company, contact or deal when a->docs says so: Q on a contact,
 * a company or a deal opens the Quotes view filtered to it (the Orders
 * view keeps the filter; Esc drops it).
 *
 * Amounts are the core's: a document's totals are the sums of its lines
 * as tcrm_money_line rounded them, read back, never recomputed here.
 * State words are the stored English keys through tcrm_i18n_word("quote
 * state" / "order state").
 *
 * Keys in these views (tui_sales_action): a adds a quote (quote_form.c),
 * Enter or E adds lines to an open one, s sends, y accepts (and offers an
 * order made from it; on an order: confirms it), r rejects, P prints (to
 * a file or to the print command, ui_print.c), Y approves an order whose
 * discount waits for a manager (after a question; core refuses anyone
 * but a manager or an admin).
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modal.h"
#include "tcrm/company.h"
#include "tcrm/document.h"
#include "tcrm/order.h"
#include "theme.h"
#include "ui.h"

/* ---- list sources --------------------------------------------------- */

static int quote_fetch(void *ctx, const void *after, int backwards,
                       size_t limit, void **rows, size_t *n, int *more,
                       struct tcrm_error *err)
{
    struct tui_app *a = ctx;
    struct tcrm_quote *page = NULL;
    size_t k = 0;
    int64_t key = after ? ((const struct tcrm_quote *)after)->id : 0;
    int rc = tcrm_quote_page(a->db, &a->docs, key, backwards, limit, &page,
                             &k, more, err);
    if (rc < 0)
        return rc;
    *n = tui_rows_take(page, k, sizeof *page, rows);
    tcrm_quote_array_free(page, k);
    return 0;
}

static int order_fetch(void *ctx, const void *after, int backwards,
                       size_t limit, void **rows, size_t *n, int *more,
                       struct tcrm_error *err)
{
    struct tui_app *a = ctx;
    struct tcrm_order *page = NULL;
    size_t k = 0;
    int64_t key = after ? ((const struct tcrm_order *)after)->id : 0;
    int rc = tcrm_order_page(a->db, &a->docs, key, backwards, limit, &page,
                             &k, more, err);
    if (rc < 0)
        return rc;
    *n = tui_rows_take(page, k, sizeof *page, rows);
    tcrm_order_array_free(page, k);
    return 0;
}

static void quote_free(void *ctx, void *row)
{
    (void)ctx;
    tcrm_quote_clear(row);
    free(row);
}

static void order_free(void *ctx, void *row)
{
    (void)ctx;
    tcrm_order_clear(row);
    free(row);
}

static int64_t quote_id(const void *row)
{
    return ((const struct tcrm_quote *)row)->id;
}

static int64_t order_id(const void *row)
{
    return ((const struct tcrm_order *)row)->id;
}

void tui_sales_srcs(struct tui_app *a, struct tui_list_src *quotes,
                    struct tui_list_src *orders)
{
    const struct tui_list_src q = {a, quote_fetch, quote_free, quote_id};
    const struct tui_list_src o = {a, order_fetch, order_free, order_id};
    *quotes = q;
    *orders = o;
    memset(&a->docs, 0, sizeof a->docs);
    a->docs.state = -1;
    a->docs_label[0] = '\0';
}

int tui_sales_count(struct tui_app *a, enum tui_view v, int64_t *n,
                    struct tcrm_error *err)
{
    return v == TUI_V_QUOTES ? tcrm_quote_count(a->db, &a->docs, n, err)
                             : tcrm_order_count(a->db, &a->docs, n, err);
}

/* ---- cells and detail ----------------------------------------------- */

static const char *customer(const char *company, const char *contact)
{
    return company ? company : contact ? contact : "";
}

void tui_sales_cells(struct tui_app *a, const void *row, const char **cell,
                     char bufs[][64])
{
    if (a->view == TUI_V_QUOTES) {
        const struct tcrm_quote *q = row;
        cell[0] = q->number;
        cell[1] = customer(q->company_name, q->contact_name);
        cell[2] = tcrm_i18n_word("quote state",
                                 tcrm_quote_state_name(q->state));
        snprintf(bufs[0], 64, "%.10s", q->stamp.created_at ?
                 q->stamp.created_at : "");
        tcrm_money_format(q->gross, q->currency, bufs[1], 64);
    } else {
        const struct tcrm_order *o = row;
        cell[0] = o->number;
        cell[1] = customer(o->company_name, o->contact_name);
        cell[2] = tcrm_i18n_word("order state",
                                 tcrm_order_state_name(o->state));
        snprintf(bufs[0], 64, "%.10s", o->stamp.created_at ?
                 o->stamp.created_at : "");
        tcrm_money_format(o->gross, o->currency, bufs[1], 64);
    }
    cell[3] = bufs[0];
    cell[4] = bufs[1];
}

/* "Net 300.00  Tax 39.00  Gross 339.00 CNY" */
static void totals(struct tui_app *a, int64_t net, int64_t tax, int64_t gross,
                   const char *currency)
{
    char n[48], t[48], g[64];
    tcrm_money_format(net, NULL, n, sizeof n);
    tcrm_money_format(tax, NULL, t, sizeof t);
    tcrm_money_format(gross, currency, g, sizeof g);
    /* TRANSLATORS: a quote's or order's totals in the detail pane */
    tui_detail_add(a, TUI_NORMAL, _("Net %s  Tax %s  Gross %s"), n, t, g);
}

/* " 1 A-1 Widget  2 x 150.00 -10% tax 13%  305.10" */
static void line(struct tui_app *a, const struct tcrm_quote_line *l)
{
    char qty[32], price[48], disc[32], tax[32], gross[48], what[200];
    tcrm_decimal_format(l->in.qty, TCRM_QTY_PLACES, 1, qty, sizeof qty);
    tcrm_money_format(l->in.price, NULL, price, sizeof price);
    tcrm_decimal_format(l->in.discount, TCRM_PCT_PLACES, 0, disc, sizeof disc);
    tcrm_decimal_format(l->in.tax, TCRM_PCT_PLACES, 0, tax, sizeof tax);
    tcrm_money_format(l->am.gross, NULL, gross, sizeof gross);
    snprintf(what, sizeof what, "%s%s%s", l->product_code ? l->product_code
             : "", l->product_code ? " " : "", l->description ?
             l->description : "");
    if (l->in.discount)
        /* TRANSLATORS: a line of a quote or order in the detail pane:
         * position, product or text, quantity x unit price (tax included
         * when marked), discount, tax rate, the line's gross amount */
        tui_detail_add(a, TUI_DIM, _("%2d %s  %s x %s%s  -%s%%  tax %s%%  "
                       "= %s"), l->position, what, qty, price, l->in.gross
                       ? _(" (tax incl.)") : "", disc, tax, gross);
    else
        /* TRANSLATORS: as above, without a discount */
        tui_detail_add(a, TUI_DIM, _("%2d %s  %s x %s%s  tax %s%%  = %s"),
                       l->position, what, qty, price, l->in.gross
                       ? _(" (tax incl.)") : "", tax, gross);
}

static void quote_detail(struct tui_app *a, int64_t id)
{
    struct tcrm_quote q;
    struct tcrm_quote_line *ls = NULL;
    size_t n = 0;
    struct tcrm_error err = {0};
    if (tcrm_quote_get(a->db, id, &q, &err) < 0 ||
        tcrm_quote_lines(a->db, id, &ls, &n, &err) < 0) {
        tui_detail_add(a, TUI_ERROR, "%s", err.msg);
        tcrm_quote_clear(&q);
        return;
    }
    /* TRANSLATORS: a quote's first line in the detail pane: number,
     * customer, state, valid until (a date or -) */
    tui_detail_add(a, TUI_HEADER, _("%s · %s · %s · valid until %s"),
                   q.number, customer(q.company_name, q.contact_name),
                   tcrm_i18n_word("quote state",
                                  tcrm_quote_state_name(q.state)),
                   q.valid_until ? q.valid_until : "-");
    if (q.company_name && q.contact_name)
        /* TRANSLATORS: the contact of a company's quote, in its detail */
        tui_detail_add(a, TUI_NORMAL, _("Contact: %s"), q.contact_name);
    totals(a, q.net, q.tax, q.gross, q.currency);
    for (size_t i = 0; i < n; i++)
        line(a, &ls[i]);
    tcrm_quote_lines_free(ls, n);
    tcrm_quote_clear(&q);
}

static void order_detail(struct tui_app *a, int64_t id)
{
    struct tcrm_order o;
    struct tcrm_quote_line *ls = NULL;
    size_t n = 0;
    struct tcrm_error err = {0};
    if (tcrm_order_get(a->db, id, &o, &err) < 0 ||
        tcrm_order_lines(a->db, id, &ls, &n, &err) < 0) {
        tui_detail_add(a, TUI_ERROR, "%s", err.msg);
        tcrm_order_clear(&o);
        return;
    }
    /* TRANSLATORS: an order's first line in the detail pane: number,
     * customer, state, approval, the quote it came from (or -) */
    tui_detail_add(a, TUI_HEADER, _("%s · %s · %s · approval %s · quote %s"),
                   o.number, customer(o.company_name, o.contact_name),
                   tcrm_i18n_word("order state",
                                  tcrm_order_state_name(o.state)),
                   tcrm_i18n_word("approval",
                                  tcrm_order_approval_name(o.approval)),
                   o.quote_number ? o.quote_number : "-");
    totals(a, o.net, o.tax, o.gross, o.currency);
    for (size_t i = 0; i < n; i++)
        line(a, &ls[i]);
    tcrm_quote_lines_free(ls, n);
    tcrm_order_clear(&o);
}

void tui_sales_detail(struct tui_app *a, int64_t id)
{
    if (a->view == TUI_V_QUOTES)
        quote_detail(a, id);
    else
        order_detail(a, id);
}

/* ---- the documents of a contact, company or deal --------------------- */

int tui_sales_clear(struct tui_app *a)
{
    if (!a->docs_label[0])
        return 0;
    memset(&a->docs, 0, sizeof a->docs);
    a->docs.state = -1;
    a->docs_label[0] = '\0';
    a->loaded[TUI_V_QUOTES] = a->loaded[TUI_V_ORDERS] = 0;
    a->loaded[TUI_V_INVOICES] = 0;
    a->loaded[TUI_V_TICKETS] = 0;
    if (a->view == TUI_V_QUOTES || a->view == TUI_V_ORDERS ||
        a->view == TUI_V_INVOICES)
        tui_view_load(a, a->view, 0);
    return 1;
}

/* Q: the Quotes view, showing the row's documents only. */
static void show_docs(struct tui_app *a)
{
    struct tcrm_doc_filter f = {.state = -1};
    if (a->view == TUI_V_CONTACTS)
        f.contact_id = tui_view_contact(a);
    else if (a->view == TUI_V_COMPANIES)
        f.company_id = tui_view_company(a);
    else if (a->view == TUI_V_DEALS)
        f.deal_id = tui_view_deal(a);
    if (!f.contact_id && !f.company_id && !f.deal_id) {
        tui_status(a, 0, "Q shows the quotes and orders of a contact, "
                   "company or deal: pick one first");
        return;
    }
    a->docs = f;
    snprintf(a->docs_label, sizeof a->docs_label, "%s", tui_view_label(a));
    a->loaded[TUI_V_QUOTES] = a->loaded[TUI_V_ORDERS] = 0;
    a->loaded[TUI_V_INVOICES] = 0;
    a->loaded[TUI_V_TICKETS] = 0;
    a->view = TUI_V_QUOTES;
    a->focus = TUI_FOCUS_LIST;
    tui_view_load(a, TUI_V_QUOTES, 0);
    if (f.deal_id)
        tui_status(a, 0, "Quotes and orders of %s (7: orders, Esc: all)",
                   a->docs_label);
    else
        tui_status(a, 0, "Documents of %s: 6 quotes, 7 orders, 8 invoices "
                   "(Esc: all)", a->docs_label);
}

/* ---- actions on a quote or an order ---------------------------------- */

static const struct tcrm_quote *cur_quote(const struct tui_app *a)
{
    return a->view == TUI_V_QUOTES
         ? tui_list_current(&a->lists[TUI_V_QUOTES]) : NULL;
}

static const struct tcrm_order *cur_order(const struct tui_app *a)
{
    return a->view == TUI_V_ORDERS
         ? tui_list_current(&a->lists[TUI_V_ORDERS]) : NULL;
}

/* After accepting: an order made from the quote, when the person wants. */
static void offer_order(struct tui_app *a, int64_t quote, const char *number)
{
    char q[200];
    int64_t oid = 0;
    struct tcrm_error err = {0};
    struct tcrm_order o;
    /* TRANSLATORS: y and n stay the keys that answer */
    snprintf(q, sizeof q, _("Accepted %s. Make an order from it? (y/n)"),
             number);
    if (!tui_confirm(q))
        return;
    tcrm_order_init(&o);
    if (tcrm_order_from_quote(a->db, quote, a->cfg->order_number,
                              (int64_t)a->cfg->max_discount * 100, &oid,
                              &err) < 0 ||
        tcrm_order_get(a->db, oid, &o, &err) < 0)
        tui_status(a, 1, "%s", err.msg);
    else
        tui_status(a, 0, "Order %s made from %s (7 shows the orders)",
                   o.number, number);
    tcrm_order_clear(&o);
}

/* s send, y accept, r reject (a quote); y confirm (an order). */
static void set_state(struct tui_app *a, enum tui_action act)
{
    const struct tcrm_quote *q = cur_quote(a);
    const struct tcrm_order *o = cur_order(a);
    struct tcrm_error err = {0};
    char number[64];
    int rc;
    if (o && act == TUI_A_ACCEPT) {
        snprintf(number, sizeof number, "%s", o->number);
        rc = tcrm_order_set_state(a->db, o->id, TCRM_ORDER_CONFIRMED, &err);
        tui_data_changed(a);
        if (rc < 0)
            tui_status(a, 1, "%s", err.msg);
        else
            tui_status(a, 0, "Confirmed %s", number);
        return;
    }
    if (!q) {
        tui_status(a, 0, "Pick a quote first");
        return;
    }
    int64_t id = q->id;
    int to = act == TUI_A_SNOOZE ? TCRM_QUOTE_SENT
           : act == TUI_A_ACCEPT ? TCRM_QUOTE_ACCEPTED : TCRM_QUOTE_REJECTED;
    snprintf(number, sizeof number, "%s", q->number);
    rc = tcrm_quote_set_state(a->db, id, to, &err);
    tui_data_changed(a);
    if (rc < 0) {
        tui_status(a, 1, "%s", err.msg);
        return;
    }
    tui_status(a, 0, "%s is now %s", number,
               tcrm_i18n_word("quote state", tcrm_quote_state_name(to)));
    if (to == TCRM_QUOTE_ACCEPTED) {
        tui_modal_begin();
        offer_order(a, id, number);
        touchwin(stdscr);
        tui_data_changed(a);
    }
}

/* Y: approve the order under the cursor, after a question. */
static void approve(struct tui_app *a)
{
    const struct tcrm_order *o = cur_order(a);
    struct tcrm_error err = {0};
    char number[64], q[300];
    if (!o) {
        tui_status(a, 0, "Pick an order in view 7 first");
        return;
    }
    snprintf(number, sizeof number, "%s", o->number);
    if (o->approval != TCRM_APPROVAL_WAITING) {
        tui_status(a, 0, "%s does not wait for approval", number);
        return;
    }
    char pct[32];
    tcrm_decimal_format(o->max_discount, TCRM_PCT_PLACES, 0, pct, sizeof pct);
    /* TRANSLATORS: y and n stay the keys that answer */
    snprintf(q, sizeof q, _("Approve %s with a discount of %s%%? (y/n)"),
             number, pct);
    tui_modal_begin();
    int yes = tui_confirm(q);
    touchwin(stdscr);
    if (!yes) {
        tui_status(a, 0, "Cancelled");
        return;
    }
    int rc = tcrm_order_approve(a->db, o->id, &err);
    tui_data_changed(a);
    if (rc < 0)
        tui_status(a, 1, "%s", err.msg);
    else
        tui_status(a, 0, "Approved %s: y confirms it", number);
}

/* P: the document printed to a file or piped to the print command. */
static void print_doc(struct tui_app *a)
{
    const struct tcrm_quote *q = cur_quote(a);
    const struct tcrm_order *o = cur_order(a);
    const char *pc = a->cfg->print_command ? a->cfg->print_command : "lpr";
    char ask[300], def[80], msg[600];
    int is_err = 0;
    if (!q && !o) {
        tui_status(a, 0, "Pick a quote or an order first");
        return;
    }
    const char *number = q ? q->number : o->number;
    struct tcrm_doc doc;
    struct tcrm_error err = {0};
    if (tcrm_document_make(a->db, a->cfg, q ? "quote" : "order",
                           q ? q->id : o->id, TCRM_REPORT_TEXT, &doc,
                           &err) < 0) {
        tui_status(a, 1, "%s", err.msg);
        tcrm_doc_free(&doc);
        return;
    }
    snprintf(def, sizeof def, "%s.txt", number);
    /* TRANSLATORS: f and p stay the keys that answer */
    snprintf(ask, sizeof ask, _("Print %s: f to a file, p to '%s' (Esc: "
             "cancel)"), number, pc);
    tui_modal_begin();
    int c = tui_choose(ask, "fp");
    if (c == 0)
        tui_doc_save_ask(&doc, _("Save to file:"), def, msg, sizeof msg,
                         &is_err);
    else if (c == 1) {
        /* TRANSLATORS: y and n stay the keys that answer */
        snprintf(ask, sizeof ask, _("Send %s to '%s'? (y/n)"), number, pc);
        tui_doc_print(&doc, ask, pc, msg, sizeof msg, &is_err);
    } else
        snprintf(msg, sizeof msg, "%s", _("Cancelled"));
    touchwin(stdscr);
    tcrm_doc_free(&doc);
    tui_status(a, is_err, "%s", msg);
}

/* a: a new quote, for the customer the views are filtered to; Enter/E:
 * more lines on an open quote. */
static void quote_form(struct tui_app *a, int edit)
{
    const struct tcrm_quote *q = cur_quote(a);
    int64_t out = 0;
    if (a->view == TUI_V_ORDERS) {
        tui_status(a, 0, "Orders are made from accepted quotes: y on a "
                   "quote in view 6");
        return;
    }
    if (edit && !q) {
        tui_status(a, 0, "Nothing to open here");
        return;
    }
    tui_modal_begin();
    int rc = tui_quote_form(a->db, a->cfg, edit ? q->id : 0,
                            a->docs.company_id, a->docs.contact_id,
                            a->docs.deal_id, &out);
    tui_after_dialog(a, rc, _("Saved"));
    if (rc == TUI_SAVED && out)
        tui_list_select_id(&a->lists[TUI_V_QUOTES], out);
}

int tui_sales_action(struct tui_app *a, enum tui_action act)
{
    if (act == TUI_A_DOCS) {
        show_docs(a);
        return 1;
    }
    if ((a->view != TUI_V_QUOTES && a->view != TUI_V_ORDERS) ||
        a->focus != TUI_FOCUS_LIST)
        return 0;
    switch (act) {
    case TUI_A_ADD: quote_form(a, 0); return 1;
    case TUI_A_EDIT: quote_form(a, 1); return 1;
    case TUI_A_SNOOZE: case TUI_A_ACCEPT: case TUI_A_RESCHEDULE:
        set_state(a, act);
        return 1;
    case TUI_A_PRINT: print_doc(a); return 1;
    case TUI_A_APPROVE: approve(a); return 1;
    default: return 0;
    }
}
