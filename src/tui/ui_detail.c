/*
 * ui_detail.c: the detail pane under the list: everything about the row
 * under the cursor.
 *
 * For a contact: name, title, company; every phone and e-mail with its
 * kind; tags; notes; open follow-ups; the latest interactions. For a
 * company, a deal or a follow-up, the matching facts; a customer's
 * balance (ui_invoices.c) when it owes or has credit; a customer's tickets
 * and a record's attachments (ui_attach.c) when there are some. The lines are built
 * into a small cache keyed by (view, id, change stamp), so redrawing after
 * a key that did not move the cursor costs no query, and moving the cursor
 * costs one short look-up by id.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "tcrm/company.h"
#include "tcrm/date.h"
#include "tcrm/interaction.h"
#include "tcrm/strbuf.h"
#include "tcrm/text.h"
#include "theme.h"
#include "ui.h"

#define DETAIL_MAX 16

void tui_detail_free(struct tui_app *a)
{
    for (size_t i = 0; i < a->n_detail; i++)
        free(a->detail[i]);
    free(a->detail);
    free(a->detail_attr);
    a->detail = NULL;
    a->detail_attr = NULL;
    a->n_detail = 0;
    a->detail_id = -1;
}

#define add(a, role, ...) tui_detail_add((a), (int)(role), __VA_ARGS__)

void tui_detail_add(struct tui_app *a, int role, const char *fmt, ...)
{
    if (a->n_detail >= DETAIL_MAX)
        return;
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char *s = strdup(buf);
    if (!s)
        return;
    a->detail[a->n_detail] = s;
    a->detail_attr[a->n_detail++] = tui_attr((enum tui_role)role);
}

static const char *nz(const char *s)
{
    return s ? s : "";
}

static void contact_followups(struct tui_app *a, int64_t id)
{
    struct tcrm_followup *f = NULL;
    size_t n = 0;
    if (tcrm_followup_list(a->db, 1, id, NULL, NULL, 3, &f, &n, NULL) < 0)
        return;
    for (size_t i = 0; i < n; i++) {
        int days = tcrm_followup_when(f[i].due_date, a->today);
        /* TRANSLATORS: a follow-up's state before its date in the detail
         * pane: "OVERDUE 2026-01-05  Call back", "Due 2026-02-01 ..." */
        add(a, days < 0 ? TUI_OVERDUE : days == 0 ? TUI_TODAY : TUI_NORMAL,
            "%s %s%s%s  %s", days < 0 ? _("OVERDUE") : days == 0 ? _("TODAY")
            : _("Due"), nz(f[i].due_date), f[i].due_time ? " " : "",
            nz(f[i].due_time), nz(f[i].title));
    }
    tcrm_followup_array_free(f, n);
}

static void recent(struct tui_app *a, int64_t contact, int64_t company)
{
    struct tcrm_interaction *ia = NULL;
    size_t n = 0;
    if (tcrm_interaction_recent(a->db, contact, company, 4, &ia, &n, NULL) < 0)
        return;
    for (size_t i = 0; i < n; i++) {
        char kind[64];              /* the kind in 7 columns or more */
        const char *word = tcrm_i18n_word("kind",
                               tcrm_interaction_kind_name(ia[i].kind));
        int kw = tcrm_text_width(word);
        tcrm_text_pad(word, kw > 7 ? kw : 7, 0, kind, sizeof kind);
        add(a, TUI_DIM, "%s %s %s", nz(ia[i].at), kind, nz(ia[i].summary));
    }
    tcrm_interaction_array_free(ia, n);
}

static void join_tags(const struct tcrm_strlist *t, char *out, size_t sz)
{
    out[0] = '\0';
    for (size_t i = 0; i < t->n; i++) {
        size_t len = strlen(out);
        snprintf(out + len, sz - len, "%s%s", i ? ", " : "", t->items[i]);
    }
}

static void build_contact(struct tui_app *a, int64_t id)
{
    struct tcrm_contact c;
    struct tcrm_error err = {0};
    tcrm_contact_init(&c);
    if (tcrm_contact_get(a->db, id, &c, &err) < 0) {
        add(a, TUI_ERROR, "%s", err.msg);
        return;
    }
    add(a, TUI_HEADER, "%s%s%s%s%s", nz(c.name), c.title ? " · " : "",
        nz(c.title), c.company ? " · " : "", nz(c.company));
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    for (size_t i = 0; i < c.n_channels; i++)
        tcrm_strbuf_appendf(&sb, "%s%s %s", i ? " · " : "",
                            tcrm_i18n_word("channel", tcrm_channel_kind_name(
                                c.channels[i].kind)),
                            nz(c.channels[i].value));
    if (sb.len)
        add(a, TUI_NORMAL, "%s", sb.buf);
    tcrm_strbuf_free(&sb);
    char tags[512];
    join_tags(&c.tags, tags, sizeof tags);
    if (tags[0] || c.notes)
        add(a, TUI_NORMAL, "%s%s%s%s", tags[0] ? _("Tags: ") : "", tags,
            tags[0] && c.notes ? "  " : "", c.notes ? c.notes : "");
    int64_t company = c.company_id;
    tcrm_contact_clear(&c);
    tui_balance_lines(a, company, id);
    contact_followups(a, id);
    tui_ticket_lines(a, 0, id);
    tui_attach_lines(a, "contact", id);
    recent(a, id, 0);
}

static void build_company(struct tui_app *a, int64_t id)
{
    struct tcrm_company c;
    struct tcrm_error err = {0};
    tcrm_company_init(&c);
    if (tcrm_company_get(a->db, id, &c, &err) < 0) {
        add(a, TUI_ERROR, "%s", err.msg);
        return;
    }
    add(a, TUI_HEADER, P_("%s%s%s · %lld contact", "%s%s%s · %lld contacts",
                          c.n_contacts), nz(c.name),
        c.industry ? " · " : "", nz(c.industry), (long long)c.n_contacts);
    add(a, TUI_NORMAL, "%s  %s  %s  %s %s", nz(c.phone), nz(c.email),
        nz(c.website), nz(c.address), nz(c.city));
    char tags[512];
    join_tags(&c.tags, tags, sizeof tags);
    if (tags[0] || c.notes)
        add(a, TUI_NORMAL, "%s%s  %s", tags[0] ? _("Tags: ") : "", tags,
            nz(c.notes));
    tcrm_company_clear(&c);
    tui_balance_lines(a, id, 0);
    tui_ticket_lines(a, id, 0);
    tui_attach_lines(a, "company", id);
    recent(a, 0, id);
}

static void build_deal(struct tui_app *a, const struct tcrm_deal *d)
{
    char money[64];
    tcrm_money_format(d->amount_minor, d->currency, money, sizeof money);
    add(a, TUI_HEADER, "%s · %s · %s", nz(d->title),
        nz(tcrm_i18n_word("stage", d->stage)), money);
    add(a, TUI_NORMAL, _("Company: %s  Contact: %s  Probability: %d%%  "
        "Expected close: %s"), nz(d->company_name), nz(d->contact_name),
        d->probability, d->expected_close ? d->expected_close : "-");
    tui_ticket_lines(a, d->company_id, d->contact_id);
    tui_attach_lines(a, "deal", d->id);
    if (d->contact_id)
        recent(a, d->contact_id, 0);
}

static void build_followup(struct tui_app *a, const struct tcrm_followup *f)
{
    int days = tcrm_date_days_between(a->today, nz(f->due_date));
    add(a, TUI_HEADER, "%s", nz(f->title));
    add(a, days < 0 ? TUI_OVERDUE : days == 0 ? TUI_TODAY : TUI_NORMAL,
        /* TRANSLATORS: a follow-up's date line in the detail pane:
         * "Due 2026-02-01 10:00, repeats, snoozed" */
        "%s %s%s%s%s%s", days < 0 ? _("OVERDUE, was due") : _("Due"),
        nz(f->due_date), f->due_time ? " " : "", nz(f->due_time),
        f->repeat_days ? _(", repeats") : "",
        f->snoozed_from ? _(", snoozed") : "");
    add(a, TUI_NORMAL, "%s%s%s  %s", nz(f->contact_name),
        f->company_name ? " · " : "", nz(f->company_name), nz(f->phone));
    if (f->contact_id)
        recent(a, f->contact_id, 0);
}

static void build(struct tui_app *a, int64_t id)
{
    tui_detail_free(a);
    a->detail = calloc(DETAIL_MAX, sizeof *a->detail);
    a->detail_attr = calloc(DETAIL_MAX, sizeof *a->detail_attr);
    if (!a->detail || !a->detail_attr)
        return;
    a->detail_view = a->view;
    a->detail_id = id;
    a->detail_stamp = a->stamp;
    if (id == 0)
        return;
    if (a->view == TUI_V_CONTACTS)
        build_contact(a, id);
    else if (a->view == TUI_V_COMPANIES)
        build_company(a, id);
    else if (a->view == TUI_V_DEALS && tui_view_deal_at(a))
        build_deal(a, tui_view_deal_at(a));
    else if (a->view == TUI_V_FOLLOWUPS && tui_view_followup_at(a))
        build_followup(a, tui_view_followup_at(a));
    else if (a->view == TUI_V_QUOTES || a->view == TUI_V_ORDERS)
        tui_sales_detail(a, id);
    if (a->view == TUI_V_QUOTES)
        tui_attach_lines(a, "quote", id);
    else if (a->view == TUI_V_INVOICES)
        tui_invoice_detail(a, id);
    else if (a->view == TUI_V_TICKETS && id)
        tui_ticket_detail(a, id);
    else if (a->view == TUI_V_CAMPAIGNS && id)
        tui_campaign_detail(a, id);
}

static int64_t current_id(const struct tui_app *a)
{
    if (a->view >= TUI_V_LISTS)
        return 0;
    const void *row = tui_list_current(&a->lists[a->view]);
    return row ? a->lists[a->view].src.row_id(row) : 0;
}

void tui_detail_draw(struct tui_app *a)
{
    const struct tui_layout *L = &a->lay;
    if (L->detail_h <= 0)
        return;
    tui_draw_hline(stdscr, L->detail_y, L->list_x, L->list_w,
                   tui_attr(TUI_DIM));
    int64_t id = current_id(a);
    if (id != a->detail_id || (int)a->view != a->detail_view
        || a->stamp != a->detail_stamp || !a->detail)
        build(a, id);
    for (int i = 0; i < L->detail_h - 1 && (size_t)i < a->n_detail; i++)
        tui_draw_text(stdscr, L->detail_y + 1 + i, L->list_x + 1,
                      L->list_w - 1, a->detail[i], a->detail_attr[i]);
}
