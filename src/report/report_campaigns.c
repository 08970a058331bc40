/*
 * report_campaigns.c: `campaigns`, how each live campaign the session
 * sees did (营销活动效果): its reach (members, contacted, responded,
 * converted), the deals it brought (opened and won, won revenue per
 * currency), what a response and a won deal cost, and the return on its
 * cost. The figures are the core's (tcrm/campaign.h,
 * tcrm_campaign_figures); a snapshot of today, no period.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "tcrm/campaign.h"

static const struct rep_col cp_reach_cols[] = {
    { N_("Campaign"), REP_TEXT, 1 }, { N_("Kind"), REP_TEXT, 0 },
    { N_("Members"), REP_INT, 0 }, { N_("Contacted"), REP_INT, 0 },
    { N_("Responded"), REP_INT, 0 }, { N_("Converted"), REP_INT, 0 },
    { N_("Response"), REP_PCT, 0 },
};

static const struct rep_col cp_deal_cols[] = {
    { N_("Campaign"), REP_TEXT, 1 }, { N_("Deals"), REP_INT, 0 },
    { N_("Won"), REP_INT, 0 }, { N_("Won revenue"), REP_MONEY, 0 },
};

static const struct rep_col cp_cost_cols[] = {
    { N_("Campaign"), REP_TEXT, 1 }, { N_("Cost"), REP_MONEY, 0 },
    { N_("Per response"), REP_MONEY, 0 },
    { N_("Per won deal"), REP_MONEY, 0 }, { N_("Return"), REP_PCT, 0 },
};

/* Hundredths of a percent to per mille, half away from zero. */
static int64_t cp_permille(int64_t bp)
{
    return bp >= 0 ? (bp + 5) / 10 : -((-bp + 5) / 10);
}

static const char *cp_kind(const struct rep *r, int kind)
{
    const char *k = tcrm_campaign_kind_name(kind);
    return r->csv ? k : tcrm_i18n_word("kind", k);
}

static void cp_reach(struct rep *r, const struct tcrm_campaign_figures *f,
                     size_t n)
{
    struct rep_table t;
    rep_heading(r, "%s", _("Reach"));
    rep_table_init(&t, "reach", cp_reach_cols, 7);
    for (size_t i = 0; i < n; i++) {
        const struct tcrm_campaign *c = &f[i].c;
        rep_row(r, &t, 0);
        rep_text(r, &t, 0, c->name);
        rep_text(r, &t, 1, cp_kind(r, c->kind));
        rep_int(&t, 2, c->members);
        rep_int(&t, 3, c->contacted);
        rep_int(&t, 4, c->responded);
        rep_int(&t, 5, c->converted);
        rep_pct(&t, 6, rep_permille(c->responded, c->members));
    }
    rep_table_emit(r, &t);
}

static void cp_deals(struct rep *r, const struct tcrm_campaign_figures *f,
                     size_t n)
{
    struct rep_table t;
    rep_heading(r, "%s", _("Deals brought"));
    rep_table_init(&t, "deals", cp_deal_cols, 4);
    for (size_t i = 0; i < n; i++) {
        rep_row(r, &t, 0);
        rep_text(r, &t, 0, f[i].c.name);
        rep_int(&t, 1, f[i].deals);
        rep_int(&t, 2, f[i].won);
        /* one line per currency won in */
        for (size_t k = 0; k < f[i].n_revenue; k++) {
            if (k)
                rep_row(r, &t, 0);
            rep_money(&t, 3, f[i].revenue[k].won, f[i].revenue[k].currency);
        }
    }
    rep_table_emit(r, &t);
}

static void cp_cost(struct rep *r, const struct tcrm_campaign_figures *f,
                    size_t n)
{
    struct rep_table t;
    rep_heading(r, "%s", _("Cost and return"));
    rep_table_init(&t, "cost", cp_cost_cols, 5);
    for (size_t i = 0; i < n; i++) {
        const struct tcrm_campaign_figures *x = &f[i];
        rep_row(r, &t, 0);
        rep_text(r, &t, 0, x->c.name);
        rep_money(&t, 1, x->c.cost, x->c.currency);
        if (x->per_response >= 0)
            rep_money(&t, 2, x->per_response, x->c.currency);
        if (x->per_won >= 0)
            rep_money(&t, 3, x->per_won, x->c.currency);
        if (x->roc_known)
            rep_pct(&t, 4, cp_permille(x->roc_bp));
    }
    rep_table_emit(r, &t);
    for (size_t i = 0; i < n; i++)
        if (!f[i].roc_known && f[i].roc_missing[0])
            rep_line(r, _("%s: no return on cost without a %s rate (tcrm "
                          "rate add %s RATE)"), f[i].c.name,
                     f[i].roc_missing, f[i].roc_missing);
}

static void cp_charts(struct rep *r, const struct tcrm_campaign_figures *f,
                      size_t n)
{
    size_t max = n < REP_MAX_BARS ? n : REP_MAX_BARS;
    const char *labels[REP_MAX_BARS], *texts[REP_MAX_BARS];
    int64_t vals[REP_MAX_BARS];
    char buf[REP_MAX_BARS][48], pct[16];
    for (size_t i = 0; i < max; i++) {
        labels[i] = f[i].c.name;
        vals[i] = f[i].c.responded;
        rep_fmt_pct(rep_permille(f[i].c.responded, f[i].c.members), pct);
        snprintf(buf[i], sizeof buf[i], _("%lld of %lld (%s)"),
                 (long long)f[i].c.responded, (long long)f[i].c.members, pct);
        texts[i] = buf[i];
    }
    rep_line(r, "%s", "");
    rep_line(r, "%s", _("Responses by campaign"));
    rep_bars(r, labels, vals, texts, max);
    struct rep_barset *b = rep_barset_new(r, max);
    if (!b)
        return;
    for (size_t i = 0; i < max; i++)
        if (f[i].c.cost > 0)
            rep_barset_add(b, f[i].c.name, f[i].c.cost, f[i].c.currency);
    if (b->n)
        rep_barset_chart(r, b, "%s", _("Cost by campaign"));
    else
        free(b);
}

/* ---- CSV --------------------------------------------------------------- */

static const struct rep_col cp_csv_cols[] = {
    { "Id", REP_INT, 0 }, { "Campaign", REP_TEXT, 0 },
    { "Kind", REP_TEXT, 0 }, { "Start", REP_TEXT, 0 },
    { "End", REP_TEXT, 0 }, { "Budget", REP_MONEY, 0 }, { "Cost", REP_MONEY, 0 },
    { "Members", REP_INT, 0 }, { "Contacted", REP_INT, 0 },
    { "Responded", REP_INT, 0 }, { "Converted", REP_INT, 0 },
    { "Brought", REP_INT, 0 }, { "Deals", REP_INT, 0 },
    { "Won", REP_INT, 0 }, { "Per response", REP_MONEY, 0 },
    { "Per won deal", REP_MONEY, 0 }, { "Return", REP_PCT, 0 },
};

static const struct rep_col cp_csv_rev_cols[] = {
    { "Id", REP_INT, 0 }, { "Campaign", REP_TEXT, 0 },
    { "Won revenue", REP_MONEY, 0 },
};

static void cp_csv_row(struct rep *r, struct rep_table *t,
                       const struct tcrm_campaign_figures *x)
{
    const struct tcrm_campaign *c = &x->c;
    const int64_t ints[] = { c->members, c->contacted, c->responded,
                             c->converted, x->brought, x->deals, x->won };
    rep_row(r, t, 0);
    rep_int(t, 0, c->id);
    rep_text(r, t, 1, c->name);
    rep_text(r, t, 2, cp_kind(r, c->kind));
    rep_text(r, t, 3, c->starts_on ? c->starts_on : "");
    rep_text(r, t, 4, c->ends_on ? c->ends_on : "");
    if (c->budget >= 0)
        rep_money(t, 5, c->budget, c->currency);
    rep_money(t, 6, c->cost, c->currency);
    for (int k = 0; k < 7; k++)
        rep_int(t, 7 + k, ints[k]);
    if (x->per_response >= 0)
        rep_money(t, 14, x->per_response, c->currency);
    if (x->per_won >= 0)
        rep_money(t, 15, x->per_won, c->currency);
    if (x->roc_known)
        rep_pct(t, 16, cp_permille(x->roc_bp));
}

static void cp_csv(struct rep *r, const struct tcrm_campaign_figures *f,
                   size_t n)
{
    struct rep_table t;
    rep_table_init(&t, "campaigns", cp_csv_cols, 17);
    for (size_t i = 0; i < n; i++)
        cp_csv_row(r, &t, &f[i]);
    rep_table_emit(r, &t);
    rep_table_init(&t, "revenue", cp_csv_rev_cols, 3);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < f[i].n_revenue; k++) {
            rep_row(r, &t, 0);
            rep_int(&t, 0, f[i].c.id);
            rep_text(r, &t, 1, f[i].c.name);
            rep_money(&t, 2, f[i].revenue[k].won, f[i].revenue[k].currency);
        }
    rep_table_emit(r, &t);
}

void rep_campaigns(struct rep *r)
{
    struct tcrm_campaign_figures *f = NULL;
    size_t n = 0;

    if (rep_check(r, tcrm_campaign_figures(r->db, 0, r->today, &f, &n,
                                           r->err)))
        return;
    if (r->csv) {
        cp_csv(r, f, n);
    } else if (!n) {
        rep_line(r, "%s", "");
        rep_line(r, "%s", _("No campaigns."));
    } else {
        cp_reach(r, f, n);
        cp_deals(r, f, n);
        cp_cost(r, f, n);
        cp_charts(r, f, n);
    }
    tcrm_campaign_figures_free(f, n);
}
