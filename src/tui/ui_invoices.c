/*
 * ui_invoices.c: the Invoices view, and a customer's balance in the
 * detail panes.
 *
 * The view pages straight from the database through the keyset page of
 * invoices (tcrm_invoice_page: newest first, keyed by id), so a hundred
 * thousand invoices cost what ten do. It shows the invoices of the
 * customer a->docs names (Q on a contact or company, as the Quotes and
 * Orders views; Esc drops it), and o steps through all live ones, the
 * open ones only, and the voided ones too.
 *
 * Amounts, what is open and what is overdue are the core's (invoice.h,
 * receivable.h): paid is kept by the database's triggers and only read
 * here; the days overdue are the days between the due date and today, as
 * the aging counts them.
 *
 * Keys in the view (tui_invoice_action): p records a payment on the
 * invoice under the cursor (payment_form.c), v voids it after a y/n
 * question, o changes what is listed, Enter or E reads the invoice and
 * every payment that paid it; a and D say how invoices are made and
 * why they are voided rather than deleted.
 */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modal.h"
#include "tcrm/company.h"
#include "tcrm/date.h"
#include "tcrm/receivable.h"
#include "tcrm/strbuf.h"
#include "theme.h"
#include "ui.h"

/* ---- the list source ------------------------------------------------- */

static void inv_filter(const struct tui_app *a, struct tcrm_invoice_filter *f)
{
    memset(f, 0, sizeof *f);
    f->customer.company_id = a->docs.company_id;
    f->customer.contact_id = a->docs.contact_id;
    f->open_only = a->inv_show == 1;
    f->with_void = a->inv_show == 2;
}

static int inv_fetch(void *ctx, const void *after, int backwards,
                     size_t limit, void **rows, size_t *n, int *more,
                     struct tcrm_error *err)
{
    struct tui_app *a = ctx;
    struct tcrm_invoice_filter f;
    struct tcrm_invoice *page = NULL;
    size_t k = 0;
    int64_t key = after ? ((const struct tcrm_invoice *)after)->id : 0;
    inv_filter(a, &f);
    int rc = tcrm_invoice_page(a->db, &f, key, backwards, limit, &page, &k,
                               more, err);
    if (rc < 0)
        return rc;
    *n = tui_rows_take(page, k, sizeof *page, rows);
    tcrm_invoice_array_free(page, k);
    return 0;
}

static void inv_free(void *ctx, void *row)
{
    (void)ctx;
    tcrm_invoice_clear(row);
    free(row);
}

static int64_t inv_id(const void *row)
{
    return ((const struct tcrm_invoice *)row)->id;
}

void tui_invoice_src(struct tui_app *a, struct tui_list_src *src)
{
    const struct tui_list_src s = {a, inv_fetch, inv_free, inv_id};
    *src = s;
    a->inv_show = 0;
}

int tui_invoice_count(struct tui_app *a, int64_t *n, struct tcrm_error *err)
{
    struct tcrm_invoice_filter f;
    inv_filter(a, &f);
    return tcrm_invoice_count(a->db, &f, n, err);
}

/* ---- cells ------------------------------------------------------------ */

static const char *nz(const char *s)
{
    return s ? s : "";
}

static const char *customer(const struct tcrm_invoice *v)
{
    return v->company_name ? v->company_name : nz(v->contact_name);
}

void tui_invoice_when(const struct tui_app *a, const char *due, char *out,
                      size_t n)
{
    int days = tcrm_date_days_between(a->today, nz(due));
    if (days < 0)
        /* TRANSLATORS: an open invoice past its due date */
        snprintf(out, n, P_("overdue %d day", "overdue %d days", -days),
                 -days);
    else if (days == 0)
        snprintf(out, n, "%s", _("due today"));
    else
        /* TRANSLATORS: an open invoice not yet due */
        snprintf(out, n, P_("due in %d day", "due in %d days", days), days);
}

/* The state word of an invoice; *late 1 when it is overdue. */
static const char *state(const struct tui_app *a, const struct tcrm_invoice *v,
                         char *buf, size_t n, int *late)
{
    int st = tcrm_invoice_state(v, a->today, NULL);
    *late = st == TCRM_INVOICE_OVERDUE;
    if (!*late)
        return tcrm_i18n_word("invoice state", tcrm_invoice_state_name(st));
    tui_invoice_when(a, v->due_on, buf, n);
    return buf;
}

/* Number, customer, due, amount, open, state, date, owner. */
void tui_invoice_cells(struct tui_app *a, const void *row, const char **cell,
                       char bufs[][64], int *late)
{
    const struct tcrm_invoice *v = row;
    /* TRANSLATORS: the Number column of an opening balance (no number) */
    cell[0] = v->number ? v->number : _("opening");
    cell[1] = customer(v);
    cell[2] = v->due_on;
    tcrm_money_format(v->amount, NULL, bufs[0], 64);   /* Open says it */
    cell[3] = bufs[0];
    tcrm_money_format(v->voided_at ? 0 : v->amount - v->paid, v->currency,
                      bufs[1], 64);
    cell[4] = bufs[1];
    cell[5] = state(a, v, bufs[2], 64, late);
    cell[6] = v->issued_on;
    cell[7] = v->owner;
}

/* ---- detail: the invoice and what paid it ------------------------------ */

void tui_sink_emit(struct tui_sink *s, int role, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (s->sb)
        tcrm_strbuf_appendf(s->sb, "%s\n", buf);
    else
        tui_detail_add(s->a, role, "%s", buf);
}

#define emit tui_sink_emit      /* short: lines below are long */

/* "R2026-0001  2026-11-10  400.00 CNY  bank · ICBC" */
static void payment_line(struct tui_sink *s, const struct tcrm_allocation *al,
                         const char *currency)
{
    struct tcrm_payment p;
    char amount[64], how[200] = "";
    tcrm_money_format(al->amount, currency, amount, sizeof amount);
    if (tcrm_payment_get(s->a->db, al->payment_id, &p, NULL) == 0)
        snprintf(how, sizeof how, "%s%s%s", tcrm_i18n_word("method",
                 tcrm_pay_method_name(p.method)), p.account ? " · " : "",
                 nz(p.account));
    tcrm_payment_clear(&p);
    if (al->payment_voided)
        /* TRANSLATORS: a voided payment in an invoice's detail */
        emit(s, TUI_DIM, _("%s  %s  %s  %s (voided)"), nz(al->payment_number),
             nz(al->paid_on), amount, how);
    else
        emit(s, TUI_NORMAL, "%s  %s  %s  %s", nz(al->payment_number),
             nz(al->paid_on), amount, how);
}

static void invoice_lines(struct tui_sink *s, int64_t id)
{
    struct tcrm_invoice v;
    struct tcrm_allocation *al = NULL;
    size_t n = 0;
    struct tcrm_error err = {0};
    char amount[64], paid[64], open[64], st[64];
    int late;
    if (tcrm_invoice_get(s->a->db, id, &v, &err) < 0 ||
        tcrm_allocations(s->a->db, 0, id, &al, &n, &err) < 0) {
        emit(s, TUI_ERROR, "%s", err.msg);
        tcrm_invoice_clear(&v);
        return;
    }
    const char *word = state(s->a, &v, st, sizeof st, &late);
    if (v.opening)
        /* TRANSLATORS: an opening balance's first line in the detail
         * pane: customer, state */
        emit(s, TUI_HEADER, _("Opening balance · %s · %s"), customer(&v),
             word);
    else
        /* TRANSLATORS: an invoice's first line in the detail pane:
         * number, customer, the order it bills, state */
        emit(s, TUI_HEADER, _("%s · %s · order %s · %s"), nz(v.number),
             customer(&v), nz(v.order_number), word);
    tcrm_money_format(v.amount, v.currency, amount, sizeof amount);
    tcrm_money_format(v.paid, NULL, paid, sizeof paid);
    tcrm_money_format(v.voided_at ? 0 : v.amount - v.paid, NULL, open,
                      sizeof open);
    /* TRANSLATORS: an invoice's dates and amounts in the detail pane */
    emit(s, late ? TUI_OVERDUE : TUI_NORMAL, _("Issued %s  due %s  amount %s"
         "  paid %s  open %s"), nz(v.issued_on), nz(v.due_on), amount, paid,
         open);
    if (v.voided_at)
        emit(s, TUI_DIM, _("Voided %s by %s"), v.voided_at, nz(v.voided_by));
    if (v.note)
        emit(s, TUI_DIM, "%s", v.note);
    if (n == 0 && !v.voided_at)
        emit(s, TUI_DIM, "%s", _("No payments yet: p records one."));
    for (size_t i = 0; i < n; i++)
        payment_line(s, &al[i], v.currency);
    tcrm_allocations_free(al, n);
    tcrm_invoice_clear(&v);
}

void tui_invoice_detail(struct tui_app *a, int64_t id)
{
    struct tui_sink s = {a, NULL};
    invoice_lines(&s, id);
}

/* ---- a customer's balance --------------------------------------------- */

/* "CNY  owed 900.00  overdue 300.00  credit 50.00": the figures that are
 * not 0 (owed may be below 0 when credit is more than is open). */
static void balance_text(const struct tcrm_balance *b, char *out, size_t n)
{
    char v[64];
    size_t len = (size_t)snprintf(out, n, "%s", b->currency);
    if (b->owed > 0 && len < n) {
        tcrm_money_format(b->owed, NULL, v, sizeof v);
        /* TRANSLATORS: a customer's balance in the detail pane, after
         * the currency: what they owe, its overdue part, their credit
         * (payments not yet applied) */
        len += (size_t)snprintf(out + len, n - len, _("  owed %s"), v);
    }
    if (b->overdue > 0 && len < n) {
        tcrm_money_format(b->overdue, NULL, v, sizeof v);
        len += (size_t)snprintf(out + len, n - len, _("  overdue %s"), v);
    }
    if (b->credit > 0 && len < n) {
        tcrm_money_format(b->credit, NULL, v, sizeof v);
        snprintf(out + len, n - len, _("  credit %s"), v);
    }
}

/* One line per currency with something owed, overdue or in credit. For a
 * contact of a company, the company's (who is billed), named. */
void tui_balance_lines(struct tui_app *a, int64_t company_id,
                       int64_t contact_id)
{
    struct tcrm_customer c = {company_id, company_id ? 0 : contact_id};
    struct tcrm_balance *b = NULL;
    size_t n = 0;
    char name[200] = "", text[300];
    if (tcrm_balance_get(a->db, &c, &b, &n, NULL) < 0 || n == 0) {
        free(b);
        return;
    }
    if (company_id && contact_id) {
        struct tcrm_company co;
        tcrm_company_init(&co);
        if (tcrm_company_get(a->db, company_id, &co, NULL) == 0)
            snprintf(name, sizeof name, "%s · ", nz(co.name));
        tcrm_company_clear(&co);
    }
    for (size_t i = 0; i < n; i++) {
        if (b[i].owed <= 0 && !b[i].overdue && !b[i].credit)
            continue;
        balance_text(&b[i], text, sizeof text);
        /* TRANSLATORS: a customer's balance line in the detail pane: the
         * company billed (with " · " after it) or nothing, then the
         * currency and its figures */
        tui_detail_add(a, b[i].overdue ? TUI_OVERDUE : TUI_NORMAL,
                       _("%sBalance %s"), name, text);
    }
    free(b);
}

/* ---- actions ------------------------------------------------------------ */

static const struct tcrm_invoice *cur_invoice(const struct tui_app *a)
{
    return a->view == TUI_V_INVOICES
         ? tui_list_current(&a->lists[TUI_V_INVOICES]) : NULL;
}

/* The invoice's name for messages: its number, or "opening balance". */
static void label(const struct tcrm_invoice *v, char *out, size_t n)
{
    snprintf(out, n, "%s", v->number ? v->number : _("the opening balance"));
}

/* Enter, E: the invoice and all its payments in the reader. */
static void read_invoice(struct tui_app *a)
{
    const struct tcrm_invoice *v = cur_invoice(a);
    struct tcrm_strbuf sb;
    char title[100];
    if (!v) {
        tui_status(a, 0, "Nothing to open here");
        return;
    }
    tcrm_strbuf_init(&sb);
    struct tui_sink s = {a, &sb};
    label(v, title, sizeof title);
    invoice_lines(&s, v->id);
    tui_modal_begin();
    tui_reader_show(title, sb.buf ? sb.buf : "");
    clearok(curscr, TRUE);
    tcrm_strbuf_free(&sb);
}

/* p: a payment against the invoice under the cursor. */
static void pay(struct tui_app *a)
{
    const struct tcrm_invoice *v = cur_invoice(a);
    int64_t out = 0;
    if (!v) {
        tui_status(a, 0, "Pick an invoice first");
        return;
    }
    if (v->voided_at || v->paid >= v->amount) {
        char name[100];
        label(v, name, sizeof name);
        tui_status(a, 0, "Nothing is open on %s", name);
        return;
    }
    int64_t id = v->id;
    tui_modal_begin();
    int rc = tui_payment_form(a->db, a->cfg, id, &out);
    tui_after_dialog(a, rc, _("Payment recorded"));
    if (rc == TUI_SAVED)
        tui_list_select_id(&a->lists[TUI_V_INVOICES], id);
}

/* v: void after a question. */
static void void_invoice(struct tui_app *a)
{
    const struct tcrm_invoice *v = cur_invoice(a);
    struct tcrm_error err = {0};
    char name[100], q[200];
    if (!v) {
        tui_status(a, 0, "Pick an invoice first");
        return;
    }
    label(v, name, sizeof name);
    /* TRANSLATORS: y and n stay the keys that answer */
    snprintf(q, sizeof q, _("Void %s? It stays on record and stops counting. "
             "(y/n)"), name);
    int64_t id = v->id;
    tui_modal_begin();
    int yes = tui_confirm(q);
    touchwin(stdscr);
    if (yes != 1) {
        tui_status(a, 0, "Not voided");
        return;
    }
    int rc = tcrm_invoice_void(a->db, id, &err);
    tui_data_changed(a);
    if (rc < 0)
        tui_status(a, 1, "%s", err.msg);
    else
        tui_status(a, 0, "Voided %s", name);
}

/* o: all live invoices, open ones only, voided ones too. */
static void next_show(struct tui_app *a)
{
    a->inv_show = (a->inv_show + 1) % 3;
    tui_view_load(a, TUI_V_INVOICES, 0);
    if (a->inv_show == 1)
        tui_status(a, 0, "Open invoices only (o: voided ones too)");
    else if (a->inv_show == 2)
        tui_status(a, 0, "All invoices, voided ones too (o: live ones)");
    else
        tui_status(a, 0, "Live invoices (o: open ones only)");
}

int tui_invoice_action(struct tui_app *a, enum tui_action act)
{
    if (a->view != TUI_V_INVOICES || a->focus != TUI_FOCUS_LIST)
        return 0;
    switch (act) {
    case TUI_A_PANE_TOGGLE: pay(a); return 1;
    case TUI_A_LOG_VISIT: void_invoice(a); return 1;
    case TUI_A_SORT: next_show(a); return 1;
    case TUI_A_OPEN: case TUI_A_EDIT: read_invoice(a); return 1;
    case TUI_A_ADD:
        tui_status(a, 0, "Invoices bill confirmed orders: tcrm invoice add "
                   "ORDER --amount A");
        return 1;
    case TUI_A_DELETE:
        tui_status(a, 0, "Invoices are not deleted: v voids one");
        return 1;
    default: return 0;
    }
}

void tui_invoice_jump(struct tui_app *a, int64_t id)
{
    struct tui_list *l = &a->lists[TUI_V_INVOICES];
    struct tcrm_invoice at = {.id = id};
    struct tcrm_error err = {0};
    tui_sales_clear(a);                 /* the invoice may be another's */
    a->view = TUI_V_INVOICES;
    a->focus = TUI_FOCUS_LIST;
    if (a->loaded[TUI_V_INVOICES] != 1 &&
        tui_view_load(a, TUI_V_INVOICES, 0) < 0)
        return;
    if (!tui_list_select_id(l, id) && tui_list_goto(l, &at, &err) < 0)
        tui_status(a, 1, "%s", err.msg);
    if (!tui_list_select_id(l, id))
        tui_status(a, 0, "That invoice is not listed here (o shows more)");
}
