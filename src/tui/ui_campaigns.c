/*
 * ui_campaigns.c: the Campaigns view (key 0): each live campaign the
 * person sees, oldest first, with its members, responses, conversions
 * and won revenue, and the report's figures in the detail pane.
 *
 * Rows come from the keyset page of campaigns (tcrm_campaign_page, by
 * id); each row carries its figures (tcrm_campaign_figures of that one
 * campaign, as `report campaigns` computes them), read once per page,
 * not per key. The core pages forwards only: the rows before a row are
 * found by reading forwards from the start and keeping the last ones
 * (campaigns are tens, not millions).
 *
 * Keys: a adds a campaign (campaign_form.c); the members are changed
 * with `tcrm campaign members` (the status line says so).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modal.h"
#include "tcrm/campaign.h"
#include "tcrm/date.h"
#include "theme.h"
#include "ui.h"

/* ---- the list source ------------------------------------------------- */

/* The figures of campaign c into a row of its own (c is taken). */
static void *make_row(struct tui_app *a, struct tcrm_campaign *c)
{
    struct tcrm_campaign_figures *r = calloc(1, sizeof *r), *f = NULL;
    size_t k = 0;
    if (!r)
        return NULL;
    if (tcrm_campaign_figures(a->db, c->id, a->today, &f, &k, NULL) == 0
        && k == 1) {
        *r = f[0];
        memset(&f[0], 0, sizeof f[0]);
        tcrm_campaign_clear(c);
    } else {
        r->c = *c;                      /* no figures: the counts it has */
        memset(c, 0, sizeof *c);
        r->per_response = r->per_won = -1;
    }
    tcrm_campaign_figures_free(f, k);
    return r;
}

/* The ids of up to limit campaigns before id `before` (0: the end). */
static int before_ids(struct tui_app *a, int64_t before, size_t limit,
                      int64_t *ids, size_t *n, int *more,
                      struct tcrm_error *err)
{
    int64_t after = 0;
    size_t seen = 0;
    int again = 1;
    while (again) {
        struct tcrm_campaign *page = NULL;
        size_t k = 0;
        int rc = tcrm_campaign_page(a->db, after, 200, &page, &k, &again,
                                    err);
        if (rc < 0)
            return rc;
        for (size_t i = 0; i < k; i++)
            if (!before || page[i].id < before)
                ids[seen++ % limit] = page[i].id;
        after = k ? page[k - 1].id : 0;
        again = again && (!before || after < before);
        tcrm_campaign_array_free(page, k);
    }
    *n = seen < limit ? seen : limit;
    *more = seen > limit;
    if (seen > limit) {                  /* the ring into list order */
        int64_t *tmp = malloc(limit * sizeof *tmp);
        if (!tmp)
            return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        for (size_t i = 0; i < limit; i++)
            tmp[i] = ids[(seen + i) % limit];
        memcpy(ids, tmp, limit * sizeof *tmp);
        free(tmp);
    }
    return 0;
}

static int cm_back(struct tui_app *a, const void *after, size_t limit,
                   void **rows, size_t *n, int *more, struct tcrm_error *err)
{
    const struct tcrm_campaign_figures *r = after;
    int64_t *ids = calloc(limit ? limit : 1, sizeof *ids);
    size_t k = 0;
    if (!ids)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    int rc = before_ids(a, r ? r->c.id : 0, limit, ids, &k, more, err);
    *n = 0;
    for (size_t i = 0; rc == 0 && i < k; i++) {
        struct tcrm_campaign c;
        if (tcrm_campaign_get(a->db, ids[i], &c, NULL) != 0)
            continue;
        void *row = make_row(a, &c);
        tcrm_campaign_clear(&c);
        if (row)
            rows[(*n)++] = row;
    }
    free(ids);
    return rc;
}

static int cm_fetch(void *ctx, const void *after, int backwards,
                    size_t limit, void **rows, size_t *n, int *more,
                    struct tcrm_error *err)
{
    struct tui_app *a = ctx;
    struct tcrm_campaign *page = NULL;
    size_t k = 0;
    if (backwards)
        return cm_back(a, after, limit, rows, n, more, err);
    int64_t key = after ? ((const struct tcrm_campaign_figures *)after)->c.id
                        : 0;
    int rc = tcrm_campaign_page(a->db, key, limit, &page, &k, more, err);
    if (rc < 0)
        return rc;
    *n = 0;
    for (size_t i = 0; i < k; i++) {
        void *row = make_row(a, &page[i]);
        if (row)
            rows[(*n)++] = row;
    }
    tcrm_campaign_array_free(page, k);
    return 0;
}

static void cm_free(void *ctx, void *row)
{
    (void)ctx;
    tcrm_campaign_figures_free(row, 1);
}

static int64_t cm_id(const void *row)
{
    return ((const struct tcrm_campaign_figures *)row)->c.id;
}

void tui_campaign_src(struct tui_app *a, struct tui_list_src *src)
{
    const struct tui_list_src s = {a, cm_fetch, cm_free, cm_id};
    *src = s;
}

int tui_campaign_count(struct tui_app *a, int64_t *n, struct tcrm_error *err)
{
    int64_t after = 0;
    int more = 1;
    *n = 0;
    while (more) {
        struct tcrm_campaign *page = NULL;
        size_t k = 0;
        int rc = tcrm_campaign_page(a->db, after, 500, &page, &k, &more, err);
        if (rc < 0)
            return rc;
        *n += (int64_t)k;
        after = k ? page[k - 1].id : 0;
        tcrm_campaign_array_free(page, k);
    }
    return 0;
}

/* ---- cells ------------------------------------------------------------ */

static const char *nz(const char *s)
{
    return s ? s : "";
}

/* "1,200.00 CNY", "1,200.00 CNY +1" (more currencies), "" when none. */
static void won_text(const struct tcrm_campaign_figures *f, char *out,
                     size_t n)
{
    out[0] = '\0';
    if (f->n_revenue == 0)
        return;
    tcrm_money_format(f->revenue[0].won, f->revenue[0].currency, out, n);
    size_t len = strlen(out);
    if (f->n_revenue > 1 && len < n)
        snprintf(out + len, n - len, " +%zu", f->n_revenue - 1);
}

/* Name, kind, dates, members, responded, converted, won. */
void tui_campaign_cells(struct tui_app *a, const void *row, const char **cell,
                        char bufs[][64])
{
    (void)a;
    const struct tcrm_campaign_figures *f = row;
    const struct tcrm_campaign *c = &f->c;
    cell[0] = c->name;
    cell[1] = tcrm_i18n_word("kind", tcrm_campaign_kind_name(c->kind));
    /* "2026-11-01~11-30" within a year, else both whole */
    const char *end = nz(c->ends_on);
    if (c->starts_on && strlen(end) == 10 && !strncmp(c->starts_on, end, 5))
        end += 5;
    snprintf(bufs[0], 64, "%s%s%s", nz(c->starts_on),
             c->starts_on || c->ends_on ? "~" : "", end);
    cell[2] = bufs[0];
    /* three buffers for six cells: the counts share them */
    snprintf(bufs[1], 32, "%lld", (long long)c->members);
    cell[3] = bufs[1];
    snprintf(bufs[1] + 32, 32, "%lld", (long long)c->responded);
    cell[4] = bufs[1] + 32;
    snprintf(bufs[2], 16, "%lld", (long long)c->converted);
    cell[5] = bufs[2];
    won_text(f, bufs[2] + 16, 48);
    cell[6] = bufs[2] + 16;
}

/* ---- detail: the report's figures --------------------------------------- */

static void money_or_dash(int64_t v, const char *currency, char *out,
                          size_t n)
{
    if (v < 0)
        snprintf(out, n, "-");
    else
        tcrm_money_format(v, currency, out, n);
}

static void figures_lines(struct tui_app *a,
                          const struct tcrm_campaign_figures *f)
{
    const struct tcrm_campaign *c = &f->c;
    char b1[64], b2[64], won[400] = "";
    money_or_dash(c->budget, c->currency, b1, sizeof b1);
    money_or_dash(c->cost, c->currency, b2, sizeof b2);
    /* TRANSLATORS: a campaign's dates, budget and cost in the detail pane */
    tui_detail_add(a, TUI_NORMAL, _("%s ~ %s  budget %s  cost %s"),
                   c->starts_on ? c->starts_on : "-",
                   c->ends_on ? c->ends_on : "-", b1, b2);
    /* TRANSLATORS: a campaign's members by how far they came */
    tui_detail_add(a, TUI_NORMAL, _("Members %lld  contacted %lld  responded "
                   "%lld  converted %lld"), (long long)c->members,
                   (long long)c->contacted, (long long)c->responded,
                   (long long)c->converted);
    /* TRANSLATORS: the deals a campaign brought, and its contacts */
    tui_detail_add(a, TUI_NORMAL, _("Deals opened %lld  won %lld  contacts "
                   "brought %lld"), (long long)f->deals, (long long)f->won,
                   (long long)f->brought);
    for (size_t i = 0; i < f->n_revenue; i++) {
        size_t len = strlen(won);
        tcrm_money_format(f->revenue[i].won, f->revenue[i].currency, b1,
                          sizeof b1);
        snprintf(won + len, sizeof won - len, "%s%s", i ? " + " : "", b1);
    }
    tui_detail_add(a, TUI_NORMAL, _("Won revenue %s"), won[0] ? won : "0");
    money_or_dash(f->per_response, c->currency, b1, sizeof b1);
    money_or_dash(f->per_won, c->currency, b2, sizeof b2);
    char roc[64];
    if (f->roc_known)
        snprintf(roc, sizeof roc, "%.2f%%", (double)f->roc_bp / 100.0);
    else
        snprintf(roc, sizeof roc, "-");
    /* TRANSLATORS: cost per response, per won deal, return on cost */
    tui_detail_add(a, TUI_NORMAL, _("Cost per response %s  per won deal %s  "
                   "return on cost %s"), b1, b2, roc);
}

void tui_campaign_detail(struct tui_app *a, int64_t id)
{
    const struct tcrm_campaign_figures *f =
        tui_list_current(&a->lists[TUI_V_CAMPAIGNS]);
    if (!f || f->c.id != id)
        return;
    /* TRANSLATORS: a campaign's first line in the detail pane: name,
     * kind, owner */
    tui_detail_add(a, TUI_HEADER, _("%s · %s · %s"), nz(f->c.name),
                   tcrm_i18n_word("kind", tcrm_campaign_kind_name(f->c.kind)),
                   nz(f->c.owner));
    figures_lines(a, f);
}

/* ---- actions ------------------------------------------------------------ */

int tui_campaign_action(struct tui_app *a, enum tui_action act)
{
    int64_t out = 0;
    if (a->view != TUI_V_CAMPAIGNS || a->focus != TUI_FOCUS_LIST)
        return 0;
    switch (act) {
    case TUI_A_ADD: {
        tui_modal_begin();
        int rc = tui_campaign_form(a->db, a->cfg, &out);
        tui_after_dialog(a, rc, _("Campaign added"));
        if (rc == TUI_SAVED)
            tui_list_select_id(&a->lists[TUI_V_CAMPAIGNS], out);
        return 1;
    }
    case TUI_A_OPEN: case TUI_A_EDIT:
        tui_status(a, 0, "Members are added with: tcrm campaign members CID "
                   "--add");
        return 1;
    case TUI_A_DELETE:
        tui_status(a, 0, "Campaigns are not deleted from the screen");
        return 1;
    default: return 0;
    }
}
