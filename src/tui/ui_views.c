/*
 * ui_views.c: the four lists (contacts, companies, deals, follow-ups).
 *
 * All four page straight from the database through their keyset list
 * functions (contact.h, company.h, deal.h's tcrm_deal_page for the open
 * deals of one pipeline stage, followup.h's tcrm_followup_page for the
 * open follow-ups); rows are copied out of each page one by one so the
 * list window can drop them one by one: the list code is the same for
 * all four, and memory stays bounded however many rows there are.
 *
 * Quotes and orders page from the database too (ui_sales.c), and so do
 * invoices (ui_invoices.c).
 *
 * Counts are asked for only when the filter or the data changed
 * (count_stale), and then only when the keyboard is idle: typing a search
 * never waits for a COUNT over a million rows.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "tcrm/company.h"
#include "tcrm/date.h"
#include "tcrm/order.h"
#include "tcrm/ticket.h"
#include "theme.h"
#include "ui.h"

/* TRANSLATORS: the views' names (tabs of the top bar, titles) */
static const char *view_names[TUI_V_COUNT] = {
    N_("Contacts"), N_("Companies"), N_("Deals"), N_("Follow-ups"),
    N_("Quotes"), N_("Orders"), N_("Invoices"), NC_("view", "Tickets"),
    N_("Campaigns"), N_("Reports")
};

const char *tui_view_name(enum tui_view v)
{
    if (v == TUI_V_TICKETS)          /* not the report's count of them */
        return C_("view", view_names[v]);
    return (int)v >= 0 && v < TUI_V_COUNT ? _(view_names[v]) : "";
}

/* The views in the order of their tabs and number keys. */
static const enum tui_view tabs[TUI_V_COUNT] = {
    TUI_V_CONTACTS, TUI_V_COMPANIES, TUI_V_DEALS, TUI_V_FOLLOWUPS,
    TUI_V_REPORTS, TUI_V_QUOTES, TUI_V_ORDERS, TUI_V_INVOICES,
    TUI_V_TICKETS, TUI_V_CAMPAIGNS
};

enum tui_view tui_view_of_tab(int n)
{
    return n >= 0 && n < TUI_V_COUNT ? tabs[n] : TUI_V_COUNT;
}

int tui_view_tab(enum tui_view v)
{
    for (int i = 0; i < TUI_V_COUNT; i++)
        if (tabs[i] == v)
            return i;
    return -1;
}

/* ---- contacts: keyset pages -------------------------------------------- */

static void contact_filter(const struct tui_app *a,
                           struct tcrm_contact_filter *f)
{
    memset(f, 0, sizeof *f);
    f->search = a->search[0] ? a->search : NULL;
    f->tag = a->tag;
    f->sort = a->sort;
}

static int contact_fetch(void *ctx, const void *after, int backwards,
                         size_t limit, void **rows, size_t *n, int *more,
                         struct tcrm_error *err)
{
    struct tui_app *a = ctx;
    struct tcrm_contact_filter f;
    struct tcrm_contact_page page = {0};
    contact_filter(a, &f);
    int rc = tcrm_contact_list(a->db, &f, after, backwards, limit, &page, err);
    if (rc < 0)
        return rc;
    size_t k = 0;
    for (; k < page.n && k < limit; k++) {
        struct tcrm_contact_row *r = malloc(sizeof *r);
        if (!r)
            break;
        *r = page.rows[k];
        memset(&page.rows[k], 0, sizeof page.rows[k]);  /* now ours */
        rows[k] = r;
    }
    *n = k;
    *more = page.more;
    tcrm_contact_page_free(&page);
    return 0;
}

/* The cursor onto contact id: in the rows held, else the list is read
 * again around it (a contact just added far down the list). */
void tui_view_select_contact(struct tui_app *a, int64_t id)
{
    struct tui_list *l = &a->lists[TUI_V_CONTACTS];
    struct tcrm_contact_filter f;
    struct tcrm_contact_page one = {0};
    struct tcrm_error err = {0};
    if (tui_list_select_id(l, id))
        return;
    contact_filter(a, &f);
    if (tcrm_contact_list_row(a->db, &f, id, &one, &err) < 0
        || (one.n == 1 && tui_list_goto(l, &one.rows[0], &err) < 0))
        tui_status(a, 1, "%s", err.msg);
    tcrm_contact_page_free(&one);
}

static void contact_free(void *ctx, void *row)
{
    (void)ctx;
    struct tcrm_contact_page one = {row, 1, 0};
    tcrm_contact_page_free(&one);
}

static int64_t contact_id(const void *row)
{
    return ((const struct tcrm_contact_row *)row)->id;
}

/* ---- companies: keyset pages ------------------------------------------- */

static int company_fetch(void *ctx, const void *after, int backwards,
                         size_t limit, void **rows, size_t *n, int *more,
                         struct tcrm_error *err)
{
    struct tui_app *a = ctx;
    struct tcrm_company_page page = {0};
    int rc = tcrm_company_list(a->db, a->search[0] ? a->search : NULL,
                               a->tag, after, backwards, limit, &page, err);
    if (rc < 0)
        return rc;
    size_t k = 0;
    for (; k < page.n && k < limit; k++) {
        struct tcrm_company_row *r = malloc(sizeof *r);
        if (!r)
            break;
        *r = page.rows[k];
        memset(&page.rows[k], 0, sizeof page.rows[k]);
        rows[k] = r;
    }
    *n = k;
    *more = page.more;
    tcrm_company_page_free(&page);
    return 0;
}

static void company_free(void *ctx, void *row)
{
    (void)ctx;
    struct tcrm_company_page one = {row, 1, 0};
    tcrm_company_page_free(&one);
}

static int64_t company_id(const void *row)
{
    return ((const struct tcrm_company_row *)row)->id;
}

/* ---- deals and follow-ups: keyset pages --------------------------------- */

static const char *deal_stage(const struct tui_app *a)
{
    return a->cfg->n_stages ? a->cfg->stages[a->stage] : NULL;
}

static int deal_fetch(void *ctx, const void *after, int backwards,
                      size_t limit, void **rows, size_t *n, int *more,
                      struct tcrm_error *err)
{
    struct tui_app *a = ctx;
    struct tcrm_deal *page = NULL;
    size_t k = 0;
    int64_t key = after ? ((const struct tcrm_deal *)after)->id : 0;
    int rc = tcrm_deal_page(a->db, deal_stage(a), TCRM_DEAL_OPEN, key,
                            backwards, limit, &page, &k, more, err);
    if (rc < 0)
        return rc;
    *n = tui_rows_take(page, k, sizeof *page, rows);
    tcrm_deal_array_free(page, k);
    return 0;
}

static int fu_fetch(void *ctx, const void *after, int backwards, size_t limit,
                    void **rows, size_t *n, int *more, struct tcrm_error *err)
{
    struct tui_app *a = ctx;
    struct tcrm_followup *page = NULL;
    size_t k = 0;
    int rc = tcrm_followup_page(a->db, after, backwards, limit, &page, &k,
                                more, err);
    if (rc < 0)
        return rc;
    *n = tui_rows_take(page, k, sizeof *page, rows);
    tcrm_followup_array_free(page, k);
    return 0;
}

static void deal_free(void *ctx, void *row)
{
    (void)ctx;
    tcrm_deal_array_free(row, 1);
}

static void fu_free(void *ctx, void *row)
{
    (void)ctx;
    tcrm_followup_array_free(row, 1);
}

static int64_t deal_id(const void *row)
{
    return ((const struct tcrm_deal *)row)->id;
}

static int64_t fu_id(const void *row)
{
    return ((const struct tcrm_followup *)row)->id;
}

/* The pipeline's totals per stage, over the deals' top bar. */
static int totals_read(struct tui_app *a, struct tcrm_error *err)
{
    tcrm_stage_total_array_free(a->totals, a->n_totals);
    a->totals = NULL;
    a->n_totals = 0;
    return tcrm_deal_stage_totals(a->db, &a->totals, &a->n_totals, err);
}

/* ---- loading, counting ------------------------------------------------- */

void tui_views_init(struct tui_app *a)
{
    struct tui_list_src srcs[TUI_V_LISTS] = {
        {a, contact_fetch, contact_free, contact_id},
        {a, company_fetch, company_free, company_id},
        {a, deal_fetch, deal_free, deal_id},
        {a, fu_fetch, fu_free, fu_id},
    };
    tui_sales_srcs(a, &srcs[TUI_V_QUOTES], &srcs[TUI_V_ORDERS]);
    tui_invoice_src(a, &srcs[TUI_V_INVOICES]);
    tui_ticket_src(a, &srcs[TUI_V_TICKETS]);
    tui_campaign_src(a, &srcs[TUI_V_CAMPAIGNS]);
    for (int v = 0; v < TUI_V_LISTS; v++) {
        tui_list_init(&a->lists[v], &srcs[v]);
        a->count_stale[v] = 1;
    }
}

void tui_views_free(struct tui_app *a)
{
    for (int v = 0; v < TUI_V_LISTS; v++)
        tui_list_free(&a->lists[v]);
    tcrm_stage_total_array_free(a->totals, a->n_totals);
    a->totals = NULL;
    a->n_totals = 0;
}

int tui_view_load(struct tui_app *a, enum tui_view v, int keep_place)
{
    struct tcrm_error err = {0};
    int rc = 0;
    if (v >= TUI_V_LISTS)
        return 0;
    struct tui_list *l = &a->lists[v];
    if (v == TUI_V_DEALS)
        rc = totals_read(a, &err);
    if (rc == 0) {
        if (keep_place && a->loaded[v])
            rc = tui_list_refresh(l, &err);
        else
            rc = tui_list_home(l, &err);
    }
    if (rc < 0) {
        tui_list_clear(l);
        tui_status(a, 1, "%s", err.msg);
        return rc;
    }
    a->loaded[v] = 1;
    a->count_stale[v] = 1;
    return 0;
}

void tui_view_count(struct tui_app *a, enum tui_view v)
{
    struct tcrm_error err = {0};
    int64_t n = -1;
    int rc = 0;
    if (v >= TUI_V_LISTS)
        return;
    if (v == TUI_V_CONTACTS) {
        struct tcrm_contact_filter f;
        contact_filter(a, &f);
        rc = tcrm_contact_count(a->db, &f, &n, &err);
    } else if (v == TUI_V_COMPANIES) {
        rc = tcrm_company_count(a->db, a->search[0] ? a->search : NULL,
                                a->tag, &n, &err);
    } else if (v == TUI_V_DEALS) {
        rc = tcrm_deal_count(a->db, deal_stage(a), TCRM_DEAL_OPEN, &n, &err);
    } else if (v == TUI_V_QUOTES || v == TUI_V_ORDERS) {
        rc = tui_sales_count(a, v, &n, &err);
    } else if (v == TUI_V_INVOICES) {
        rc = tui_invoice_count(a, &n, &err);
    } else if (v == TUI_V_TICKETS) {
        rc = tui_ticket_count(a, &n, &err);
    } else if (v == TUI_V_CAMPAIGNS) {
        rc = tui_campaign_count(a, &n, &err);
    } else {
        rc = tcrm_followup_count_open(a->db, &n, &err);
    }
    if (rc < 0 && a->count_gave_way)
        return;                 /* a key came: made again when idle */
    a->count_stale[v] = 0;
    a->lists[v].count = rc < 0 ? -1 : n;
    if (rc < 0)
        tui_status(a, 1, "%s", err.msg);
}

void tui_view_sort_next(struct tui_app *a)
{
    /* TRANSLATORS: what the contacts are sorted by ("Sorted by %s") */
    static const char *names[] = {NC_("sort", "name"), NC_("sort", "company"),
                                  NC_("sort", "title"),
                                  NC_("sort", "last contact")};
    if (a->view != TUI_V_CONTACTS) {
        tui_status(a, 0, "%s are listed in one order only",
                   tui_view_name(a->view));
        return;
    }
    if (a->search[0]) {
        tui_status(a, 0, "Search results are ranked; Esc drops the search");
        return;
    }
    a->sort = (enum tcrm_contact_sort)((a->sort + 1) % 4);
    /* The same rows in another order: the count stands (a salesperson's
     * count is a scan of the contacts, 140 ms at 1M, bench/README.md). */
    int stale = a->count_stale[TUI_V_CONTACTS];
    if (tui_view_load(a, TUI_V_CONTACTS, 0) == 0)
        a->count_stale[TUI_V_CONTACTS] = stale;
    tui_status(a, 0, "Sorted by %s", tcrm_i18n_word("sort", names[a->sort]));
}

void tui_view_stage_step(struct tui_app *a, int delta)
{
    int n = (int)a->cfg->n_stages;
    if (a->view != TUI_V_DEALS || n == 0)
        return;
    a->stage = (a->stage + delta + n) % n;
    a->loaded[TUI_V_DEALS] = 0;
    tui_view_load(a, TUI_V_DEALS, 0);
}

/* ---- what is under the cursor ------------------------------------------ */

static const void *current(const struct tui_app *a, enum tui_view v)
{
    return a->view == v ? tui_list_current(&a->lists[v]) : NULL;
}

const struct tcrm_deal *tui_view_deal_at(const struct tui_app *a)
{
    return current(a, TUI_V_DEALS);
}

const struct tcrm_followup *tui_view_followup_at(const struct tui_app *a)
{
    return current(a, TUI_V_FOLLOWUPS);
}

int64_t tui_view_contact(const struct tui_app *a)
{
    const struct tcrm_contact_row *c = current(a, TUI_V_CONTACTS);
    const struct tcrm_deal *d = tui_view_deal_at(a);
    const struct tcrm_followup *f = tui_view_followup_at(a);
    return c ? c->id : d ? d->contact_id : f ? f->contact_id : 0;
}

int64_t tui_view_company(const struct tui_app *a)
{
    const struct tcrm_company_row *c = current(a, TUI_V_COMPANIES);
    const struct tcrm_deal *d = tui_view_deal_at(a);
    const struct tcrm_followup *f = tui_view_followup_at(a);
    return c ? c->id : d ? d->company_id : f ? f->company_id : 0;
}

int64_t tui_view_deal(const struct tui_app *a)
{
    const struct tcrm_deal *d = tui_view_deal_at(a);
    return d ? d->id : 0;
}

int64_t tui_view_followup(const struct tui_app *a)
{
    const struct tcrm_followup *f = tui_view_followup_at(a);
    return f ? f->id : 0;
}

const char *tui_view_label(const struct tui_app *a)
{
    const struct tcrm_contact_row *c = current(a, TUI_V_CONTACTS);
    const struct tcrm_company_row *co = current(a, TUI_V_COMPANIES);
    const struct tcrm_deal *d = tui_view_deal_at(a);
    const struct tcrm_followup *f = tui_view_followup_at(a);
    const struct tcrm_quote *q = current(a, TUI_V_QUOTES);
    const struct tcrm_order *o = current(a, TUI_V_ORDERS);
    const struct tcrm_invoice *inv = current(a, TUI_V_INVOICES);
    const struct tcrm_ticket *tk = current(a, TUI_V_TICKETS);
    const char *s = c ? c->name : co ? co->name : d ? d->title
                  : f ? f->title : q ? q->number : o ? o->number
                  : inv ? inv->number : tk ? tk->number : NULL;
    return s ? s : "";
}
