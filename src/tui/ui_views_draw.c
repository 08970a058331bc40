/*
 * ui_views_draw.c: drawing the list of the current view.
 *
 * Column 0 of every row is a marker (">" on the cursor row) so the cursor
 * shows on a terminal without reverse video and in a text capture too; the
 * row is also drawn in the cursor role, unless [display] cursor = arrow:
 * then only the marker is, so a step rewrites two cells, not two rows
 * (a slow link). Columns come from a spec per view
 * shared out by tui_layout_columns, so the least important columns drop
 * first on a narrow terminal. Everything from the database goes through
 * draw.h (sanitized, true width, cut with an ellipsis).
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "draw.h"
#include "tcrm/access.h"
#include "tcrm/company.h"
#include "tcrm/date.h"
#include "tcrm/text.h"
#include "theme.h"
#include "ui.h"

#define MAX_COLS 8

/* Column titles are marked in a context (the view's: "Title" is a job
 * title among contacts and a deal's name among deals) and shown with
 * tcrm_i18n_word(ctx, title); a translated title must fit the column's
 * minimum width. */
struct column {
    const char *ctx, *title;
    struct tui_colspec spec;
    int right;
    int whole;          /* shown whole (a phone, a time, an amount): as
                         * wide as its longest visible value needs */
};

/* TRANSLATORS: column headers of the contacts list; each fits in the
 * column's narrowest width: Name 12, Company 10, Title (job title) 8,
 * Last contact 12, Phone 10, Owner 8 columns (a CJK character is 2) */
static const struct column contact_cols[] = {
    {"contacts", NC_("contacts", "Name"), {12, 3, 0}, 0, 0},
    {"contacts", NC_("contacts", "Company"), {10, 2, 0}, 0, 0},
    {"contacts", NC_("contacts", "Title"), {8, 1, 24}, 0, 0},
    {"contacts", NC_("contacts", "Last contact"), {12, 0, 0}, 0, 1},
    {"contacts", NC_("contacts", "Phone"), {10, 1, 20}, 0, 1},
};
/* In owned mode (tcrm/access.h) the contacts show their owner. */
static const struct column contact_cols_owned[] = {
    {"contacts", "Name", {12, 3, 0}, 0, 0},
    {"contacts", "Company", {10, 2, 0}, 0, 0},
    {"contacts", "Title", {8, 1, 24}, 0, 0},
    {"contacts", "Last contact", {12, 0, 0}, 0, 1},
    {"contacts", "Phone", {10, 1, 20}, 0, 1},
    {"contacts", NC_("contacts", "Owner"), {8, 1, 16}, 0, 0},
};
/* TRANSLATORS: column headers of the companies list: Name 14, Industry
 * 10, City 8, Contacts (how many) 8 columns at the narrowest */
static const struct column company_cols[] = {
    {"companies", NC_("companies", "Name"), {14, 3, 0}, 0, 0},
    {"companies", NC_("companies", "Industry"), {10, 2, 0}, 0, 0},
    {"companies", NC_("companies", "City"), {8, 1, 20}, 0, 0},
    {"companies", NC_("companies", "Contacts"), {8, 0, 0}, 1, 1},
};
/* TRANSLATORS: column headers of the deals list: Title (the deal's name)
 * 14, Company 10, Amount 14, Contact 10, Prob (probability) 4, Close
 * (expected close date) 10 columns at the narrowest */
static const struct column deal_cols[] = {
    {"deals", NC_("deals", "Title"), {14, 3, 0}, 0, 0},
    {"deals", NC_("deals", "Company"), {10, 2, 0}, 0, 0},
    {"deals", NC_("deals", "Amount"), {14, 0, 0}, 1, 1},
    {"deals", NC_("deals", "Contact"), {10, 2, 0}, 0, 0},
    {"deals", NC_("deals", "Prob"), {4, 0, 0}, 1, 1},
    {"deals", NC_("deals", "Close"), {10, 0, 0}, 0, 1},
};
/* TRANSLATORS: column headers of the follow-ups list: Due (date) 10, When
 * (overdue, today, in 3 days) 9, Title (what to do) 12, Contact 10, Phone
 * 10 columns at the narrowest */
static const struct column fu_cols[] = {
    {"followups", NC_("followups", "Due"), {10, 0, 0}, 0, 1},
    {"followups", NC_("followups", "When"), {9, 0, 0}, 0, 1},
    {"followups", NC_("followups", "Title"), {12, 3, 0}, 0, 0},
    {"followups", NC_("followups", "Contact"), {10, 2, 0}, 0, 0},
    {"followups", NC_("followups", "Phone"), {10, 1, 20}, 0, 1},
};

/* TRANSLATORS: column headers of the quotes and orders lists: Number 10,
 * Customer 12, State 8, Date 10, Total (the gross amount and currency)
 * 12 columns at the narrowest */
static const struct column quote_cols[] = {
    {"quotes", NC_("quotes", "Number"), {10, 0, 0}, 0, 1},
    {"quotes", NC_("quotes", "Customer"), {12, 3, 0}, 0, 0},
    {"quotes", NC_("quotes", "State"), {8, 0, 0}, 0, 1},
    {"quotes", NC_("quotes", "Date"), {10, 0, 0}, 0, 1},
    {"quotes", NC_("quotes", "Total"), {12, 0, 0}, 1, 1},
};

/* TRANSLATORS: column headers of the invoices list: Number 10, Customer
 * 8, Due (date) 10, Amount 8, Open (what is left to pay) 12, State 8,
 * Date (issued) 10, Owner 8 columns at the narrowest */
static const struct column invoice_cols[] = {
    {"invoices", NC_("invoices", "Number"), {10, 0, 0}, 0, 1},
    {"invoices", NC_("invoices", "Customer"), {8, 3, 0}, 0, 0},
    {"invoices", NC_("invoices", "Due"), {10, 0, 0}, 0, 1},
    {"invoices", NC_("invoices", "Amount"), {8, 0, 0}, 1, 1},
    {"invoices", NC_("invoices", "Open"), {12, 0, 0}, 1, 1},
    {"invoices", NC_("invoices", "State"), {8, 0, 0}, 0, 1},
    {"invoices", NC_("invoices", "Date"), {10, 0, 0}, 0, 1},
    {"invoices", NC_("invoices", "Owner"), {8, 1, 16}, 0, 0},
};

/* TRANSLATORS: column headers of the tickets list: Number 10, Customer
 * 8, Type 8, Priority 6, State 8, Deadline (overdue 3 h, due in 2 h) 10,
 * Owner 8 columns at the narrowest */
static const struct column ticket_cols[] = {
    {"tickets", NC_("tickets", "Number"), {10, 0, 0}, 0, 1},
    {"tickets", NC_("tickets", "Customer"), {8, 3, 0}, 0, 0},
    {"tickets", NC_("tickets", "Type"), {8, 0, 0}, 0, 1},
    {"tickets", NC_("tickets", "Priority"), {6, 0, 0}, 0, 1},
    {"tickets", NC_("tickets", "State"), {8, 0, 0}, 0, 1},
    {"tickets", NC_("tickets", "Deadline"), {10, 0, 0}, 0, 1},
    {"tickets", NC_("tickets", "Owner"), {8, 1, 16}, 0, 0},
};

/* TRANSLATORS: column headers of the campaigns list: Name 10, Kind 6,
 * Dates (start to end) 10, Members 7, Resp (members who responded) 4,
 * Conv (members converted) 4, Won (the revenue of won deals) 10 columns
 * at the narrowest */
static const struct column campaign_cols[] = {
    {"campaigns", NC_("campaigns", "Name"), {10, 3, 0}, 0, 0},
    {"campaigns", NC_("campaigns", "Kind"), {6, 0, 0}, 0, 1},
    {"campaigns", NC_("campaigns", "Dates"), {10, 0, 0}, 0, 1},
    {"campaigns", NC_("campaigns", "Members"), {7, 0, 0}, 1, 1},
    {"campaigns", NC_("campaigns", "Resp"), {4, 0, 0}, 1, 1},
    {"campaigns", NC_("campaigns", "Conv"), {4, 0, 0}, 1, 1},
    {"campaigns", NC_("campaigns", "Won"), {10, 0, 0}, 1, 1},
};

static const struct column *view_cols(const struct tui_app *a, int *n)
{
    switch (a->view) {
    case TUI_V_CONTACTS:
        if (tcrm_access_owned(a->db)) {
            *n = (int)(sizeof contact_cols_owned / sizeof *contact_cols_owned);
            return contact_cols_owned;
        }
        *n = (int)(sizeof contact_cols / sizeof *contact_cols);
        return contact_cols;
    case TUI_V_COMPANIES:
        *n = (int)(sizeof company_cols / sizeof *company_cols);
        return company_cols;
    case TUI_V_DEALS:
        *n = (int)(sizeof deal_cols / sizeof *deal_cols);
        return deal_cols;
    case TUI_V_QUOTES: case TUI_V_ORDERS:
        *n = (int)(sizeof quote_cols / sizeof *quote_cols);
        return quote_cols;
    case TUI_V_INVOICES:     /* the owner only where rows have several */
        *n = (int)(sizeof invoice_cols / sizeof *invoice_cols)
           - !tcrm_access_owned(a->db);
        return invoice_cols;
    case TUI_V_TICKETS:      /* the owner only where rows have several */
        *n = (int)(sizeof ticket_cols / sizeof *ticket_cols)
           - !tcrm_access_owned(a->db);
        return ticket_cols;
    case TUI_V_CAMPAIGNS:
        *n = (int)(sizeof campaign_cols / sizeof *campaign_cols);
        return campaign_cols;
    default:
        *n = (int)(sizeof fu_cols / sizeof *fu_cols);
        return fu_cols;
    }
}

/* Rows above the column headers (the deals' stage strip). */
static int extra_rows(const struct tui_app *a)
{
    return a->view == TUI_V_DEALS ? 1 : 0;
}

int tui_view_row_at(const struct tui_app *a, int y)
{
    int first = a->lay.list_y + 1 + extra_rows(a);
    if (a->view >= TUI_V_LISTS || y < first
        || y >= a->lay.list_y + a->lay.list_h)
        return -1;
    return y - first;
}

void tui_view_resize(struct tui_app *a)
{
    for (int v = 0; v < TUI_V_LISTS; v++) {
        int h = a->lay.list_h - 1 - (v == TUI_V_DEALS ? 1 : 0);
        tui_list_set_height(&a->lists[v], h);
    }
}

/* The cells of one row, as strings; *role may turn the row's colour. */
static void row_cells(struct tui_app *a, const void *row, const char **cell,
                      char bufs[3][64], enum tui_role *role)
{
    time_t now = tcrm_clock_now();
    *role = TUI_NORMAL;
    if (a->view == TUI_V_CONTACTS) {
        const struct tcrm_contact_row *r = row;
        cell[0] = r->name; cell[1] = r->company; cell[2] = r->title;
        cell[3] = tcrm_date_relative(r->last_interaction_at, now, bufs[0], 64);
        cell[4] = r->phone ? r->phone : r->email;
        cell[5] = r->owner;
    } else if (a->view == TUI_V_COMPANIES) {
        const struct tcrm_company_row *r = row;
        cell[0] = r->name; cell[1] = r->industry; cell[2] = r->city;
        snprintf(bufs[0], 64, "%lld", (long long)r->n_contacts);
        cell[3] = bufs[0];
    } else if (a->view == TUI_V_DEALS) {
        const struct tcrm_deal *d = row;
        cell[0] = d->title; cell[1] = d->company_name;
        tcrm_money_format(d->amount_minor, d->currency, bufs[0], 64);
        cell[2] = bufs[0]; cell[3] = d->contact_name;
        snprintf(bufs[1], 64, "%d%%", d->probability);
        cell[4] = bufs[1]; cell[5] = d->expected_close;
    } else if (a->view == TUI_V_QUOTES || a->view == TUI_V_ORDERS) {
        tui_sales_cells(a, row, cell, bufs);
    } else if (a->view == TUI_V_INVOICES) {
        int late = 0;
        tui_invoice_cells(a, row, cell, bufs, &late);
        *role = late ? TUI_OVERDUE : TUI_NORMAL;
    } else if (a->view == TUI_V_TICKETS) {
        int late = 0;
        tui_ticket_cells(a, row, cell, bufs, &late);
        *role = late ? TUI_OVERDUE : TUI_NORMAL;
    } else if (a->view == TUI_V_CAMPAIGNS) {
        tui_campaign_cells(a, row, cell, bufs);
    } else {
        const struct tcrm_followup *f = row;
        int days = tcrm_followup_when(f->due_date, a->today);
        cell[0] = f->due_date;
        if (days < 0) {
            /* TRANSLATORS: a follow-up's When column: past its date */
            snprintf(bufs[0], 64, "%s", _("OVERDUE"));
            *role = TUI_OVERDUE;
        } else if (days == 0) {
            /* TRANSLATORS: a follow-up's When column: due today */
            snprintf(bufs[0], 64, "%s%s%s", _("TODAY"),
                     f->due_time ? " " : "", f->due_time ? f->due_time : "");
            *role = TUI_TODAY;
        } else {
            tcrm_date_relative(f->due_date, now, bufs[0], 64);
        }
        cell[1] = bufs[0]; cell[2] = f->title; cell[3] = f->contact_name;
        cell[4] = f->phone;
    }
}

static void draw_row(struct tui_app *a, int y, const void *row, int is_cur,
                     const struct column *cols, const int *w, int ncols)
{
    const char *cell[MAX_COLS] = {0};
    char bufs[3][64];
    enum tui_role role;
    row_cells(a, row, cell, bufs, &role);
    int bar = is_cur && !a->cfg->cursor_arrow;
    int attr = tui_attr(bar ? TUI_CURSOR : TUI_NORMAL);
    int x = a->lay.list_x;
    tui_draw_fill(stdscr, y, x, a->lay.list_w, attr);
    tui_draw_text(stdscr, y, x, 1, is_cur ? ">" : " ",
                  tui_attr(is_cur ? TUI_CURSOR : TUI_NORMAL));
    x++;
    for (int i = 0; i < ncols && w[i] > 0; i++) {
        int ca = attr;
        if (!bar && role != TUI_NORMAL && ((a->view == TUI_V_FOLLOWUPS
            && i <= 1) || (a->view == TUI_V_INVOICES && i == 5)
            || (a->view == TUI_V_TICKETS && i == 5)))
            ca = tui_attr(role);
        tui_draw_cell(stdscr, y, x, w[i], cell[i], ca, cols[i].right);
        x += w[i] + 1;
    }
}

/* "Lead 3 · 1,200.00 EUR"; without totals "Lead 3". */
static void stage_text(const struct tui_app *a, int s, int totals, char *out,
                       size_t sz)
{
    const char *name = a->cfg->stages[s];       /* the stored key */
    long long count = 0;
    char total[128] = "", one[48];
    for (size_t i = 0; i < a->n_totals; i++) {
        const struct tcrm_stage_total *t = &a->totals[i];
        if (!t->stage || strcasecmp(t->stage, name) != 0)
            continue;
        count += t->count;
        tcrm_money_format(t->total_minor, t->currency, one, sizeof one);
        size_t len = strlen(total);
        snprintf(total + len, sizeof total - len, "%s%s", len ? " + " : "", one);
    }
    snprintf(out, sz, "%s %lld%s%s", tcrm_i18n_word("stage", name), count,
             total[0] && totals ? " · " : "", totals ? total : "");
}

/* Columns the strip takes with the other stages' totals. */
static int stages_width(const struct tui_app *a, int totals)
{
    char text[256];
    int w = tcrm_text_width(_("Stage ")) + 2;
    for (size_t k = 0; k < a->cfg->n_stages; k++) {
        stage_text(a, (int)k, totals || (int)k == a->stage, text, sizeof text);
        w += tcrm_text_width(text) + 2;
    }
    return w;
}

/* "[Lead 3 · 1,200.00 EUR]  Qualified 2  ..." with the current stage first
 * visible and marked, its totals whole; the other stages lose their
 * totals before anything is cut. */
static void draw_stages(struct tui_app *a, int y)
{
    int x = a->lay.list_x, end = a->lay.list_x + a->lay.list_w;
    int totals = stages_width(a, 1) <= a->lay.list_w;
    char text[256];
    tui_draw_fill(stdscr, y, x, a->lay.list_w, tui_attr(TUI_NORMAL));
    /* TRANSLATORS: before the deals' stages strip ("Stage [Lead 3]...") */
    x += tui_draw_text(stdscr, y, x, end - x, _("Stage "), tui_attr(TUI_DIM));
    for (size_t k = 0; k < a->cfg->n_stages && x < end; k++) {
        int s = (int)((a->stage + (int)k) % (int)a->cfg->n_stages);
        stage_text(a, s, k == 0 || totals, text, sizeof text);
        if (k == 0) {
            char cur[300];
            snprintf(cur, sizeof cur, "[%s]", text);
            x += tui_draw_text(stdscr, y, x, end - x, cur, tui_attr(TUI_CURSOR));
        } else {
            x += tui_draw_text(stdscr, y, x, end - x, "  ", 0);
            x += tui_draw_text(stdscr, y, x, end - x, text, tui_attr(TUI_NORMAL));
        }
    }
}

static void draw_header(struct tui_app *a, int y, const struct column *cols,
                        const int *w, int ncols)
{
    int x = a->lay.list_x + 1;
    int attr = tui_attr(TUI_HEADER);
    const char *mark = MB_CUR_MAX > 1 ? "▲" : "^";
    static const int sort_col[] = {0, 1, 2, 3};
    tui_draw_fill(stdscr, y, a->lay.list_x, a->lay.list_w, attr);
    for (int i = 0; i < ncols && w[i] > 0; i++) {
        char t[64];
        int sorted = a->view == TUI_V_CONTACTS && !a->search[0]
                   && sort_col[a->sort] == i;
        snprintf(t, sizeof t, "%s%s", tcrm_i18n_word(cols[i].ctx,
                 cols[i].title), sorted ? mark : "");
        tui_draw_cell(stdscr, y, x, w[i], t, attr, cols[i].right);
        x += w[i] + 1;
    }
}

static void draw_empty(struct tui_app *a, int y)
{
    char msg[400];
    int docs = a->view == TUI_V_QUOTES || a->view == TUI_V_ORDERS;
    if (a->view == TUI_V_INVOICES && (a->docs.company_id ||
                                      a->docs.contact_id))
        snprintf(msg, sizeof msg, _("No invoices of %s here. o shows more, "
                 "Esc shows all."), a->docs_label);
    else if (a->view == TUI_V_INVOICES)
        snprintf(msg, sizeof msg, "%s", a->inv_show == 1
                 ? _("No open invoices. o shows the others.")
                 : _("No invoices yet: they bill confirmed orders (tcrm "
                     "invoice add)."));
    else if (a->view == TUI_V_TICKETS)
        snprintf(msg, sizeof msg, "%s", a->tk_open_only || a->docs_label[0]
                 ? _("No tickets here. o or Esc shows the others.")
                 : _("No tickets yet. Press a to add one."));
    else if (a->view == TUI_V_CAMPAIGNS)
        snprintf(msg, sizeof msg, "%s", _("No campaigns yet. Press a to add "
                 "one."));
    else if (docs && a->docs_label[0])
        snprintf(msg, sizeof msg, a->view == TUI_V_QUOTES
                 ? _("No quotes of %s. a adds one, Esc shows all.")
                 : _("No orders of %s. Esc shows all."), a->docs_label);
    else if (a->view == TUI_V_QUOTES)
        snprintf(msg, sizeof msg, "%s", _("No quotes yet. Press a to add "
                 "one."));
    else if (a->view == TUI_V_ORDERS)
        snprintf(msg, sizeof msg, "%s", _("No orders yet. y on an accepted "
                 "quote makes one."));
    else if (a->search[0])
        snprintf(msg, sizeof msg, _("Nothing matches '%s'. Esc shows all."),
                 a->search);
    else if (a->tag)
        snprintf(msg, sizeof msg, _("Nothing is tagged '%s'. Esc shows all."),
                 a->tag);
    else if (a->view == TUI_V_CONTACTS)
        snprintf(msg, sizeof msg, "%s", _("No contacts yet. Press a (F2) to "
                 "add one, or I (F6) to import a CSV file."));
    else if (a->view == TUI_V_COMPANIES)
        snprintf(msg, sizeof msg, "%s",
                 _("No companies yet. Press a (F2) to add one."));
    else if (a->view == TUI_V_DEALS)
        snprintf(msg, sizeof msg, "%s", _("No open deals in this stage. "
                 "h/l change stage, a adds a deal."));
    else
        snprintf(msg, sizeof msg, "%s", _("No open follow-ups. Press f on a "
                 "contact to add one."));
    tui_draw_text(stdscr, y, a->lay.list_x + 2, a->lay.list_w - 2, msg,
                  tui_attr(TUI_DIM));
}

static void draw_reports_placeholder(struct tui_app *a)
{
    int y = a->lay.list_y + 1;
    tui_draw_text(stdscr, y, a->lay.list_x + 2, a->lay.list_w - 2,
                  _("Reports open in their own screen: press 5, R or F7."),
                  tui_attr(TUI_NORMAL));
}

/* The widest visible value of each column (its title too). */
static void measure(struct tui_app *a, const struct column *cols, int ncols,
                    int *need)
{
    struct tui_list *l = &a->lists[a->view];
    for (int i = 0; i < ncols; i++)
        need[i] = tcrm_text_width(tcrm_i18n_word(cols[i].ctx, cols[i].title))
                  + (a->view == TUI_V_CONTACTS);    /* the sort mark */
    for (int r = 0; r < a->lay.list_h; r++) {
        const void *row = tui_list_visible(l, r);
        const char *cell[MAX_COLS] = {0};
        char bufs[3][64];
        enum tui_role role;
        if (!row)
            break;
        row_cells(a, row, cell, bufs, &role);
        for (int i = 0; i < ncols; i++) {
            int cw = cell[i] ? tcrm_text_width(cell[i]) : 0;
            if (cw > need[i])
                need[i] = cw;
        }
    }
}

/* Widths by what the data needs: a column no wider than its widest value;
 * a whole column (phone, time, amount) at least that wide, so it is the
 * last to be cut: only when even then the columns before it would not
 * fit does it go back to its narrowest. */
static void column_widths(struct tui_app *a, const struct column *cols,
                          int ncols, int *w)
{
    struct tui_colspec spec[MAX_COLS];
    int need[MAX_COLS];
    measure(a, cols, ncols, need);
    for (int pass = 0; pass < 2; pass++) {
        int dropped = 0;
        for (int i = 0; i < ncols; i++) {
            spec[i] = cols[i].spec;
            int want = need[i] > spec[i].min ? need[i] : spec[i].min;
            if (cols[i].whole && pass == 0 && want <= 24)
                spec[i].min = want;
            if (spec[i].max == 0 || spec[i].max > want)
                spec[i].max = want;
            if (spec[i].max < spec[i].min)
                spec[i].max = spec[i].min;
        }
        tui_layout_columns(spec, ncols, a->lay.list_w - 1, w);
        for (int i = 0; i < ncols; i++)
            dropped |= cols[i].whole && w[i] == 0 && spec[i].min
                       != cols[i].spec.min;
        if (!dropped)
            return;
    }
}

void tui_view_draw(struct tui_app *a)
{
    int y = a->lay.list_y;
    if (a->view >= TUI_V_LISTS) {
        draw_reports_placeholder(a);
        return;
    }
    int ncols, w[MAX_COLS];
    const struct column *cols = view_cols(a, &ncols);
    column_widths(a, cols, ncols, w);
    if (a->view == TUI_V_DEALS)
        draw_stages(a, y++);
    draw_header(a, y++, cols, w, ncols);
    struct tui_list *l = &a->lists[a->view];
    const void *cur = tui_list_current(l);
    if (!cur) {
        draw_empty(a, y);
        return;
    }
    for (int i = 0; y < a->lay.list_y + a->lay.list_h; i++, y++) {
        const void *row = tui_list_visible(l, i);
        if (!row)
            break;
        draw_row(a, y, row, row == cur && a->focus == TUI_FOCUS_LIST,
                 cols, w, ncols);
    }
}
