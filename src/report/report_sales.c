/*
 * report_sales.c: the deal reports: pipeline, forecast, won-lost.
 *
 * Money is never added across currencies: every section is per currency
 * (sorted by code), and only counts (deals, win rate) are added across
 * them. Weighted amounts are sum(amount * probability) / 100, rounded
 * once per cell. The pipeline lists the configured stages in their order
 * (with zero rows, so the funnel always reads the same), then any other
 * stage found in the data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report_internal.h"
#include "tcrm/date.h"

/* ---- pipeline --------------------------------------------------------- */

static const struct rep_col pipe_cols[] = {
    { N_("Stage"), REP_TEXT, 1 }, { N_("Deals"), REP_INT, 0 },
    { N_("Amount"), REP_MONEY, 0 }, { N_("Weighted"), REP_MONEY, 0 },
    { N_("Oldest deal"), REP_TEXT, 1 },
};

/* Row of q for (stage, currency) or -1. */
static long pipe_find(const struct tcrm_rq_table *q, const char *stage,
                      const char *cur)
{
    size_t i;

    for (i = 0; i < q->nrows; i++)
        if (!strcasecmp(tcrm_rq_s(q, i, 0), stage) &&
            !strcmp(tcrm_rq_s(q, i, 1), cur))
            return (long)i;
    return -1;
}

static int pipe_configured(const struct rep *r, const char *stage)
{
    size_t i;

    for (i = 0; i < r->cfg->n_stages; i++)
        if (!strcasecmp(r->cfg->stages[i], stage))
            return 1;
    return 0;
}

struct pipe_sum {
    int64_t count, total, weighted;
    struct rep_barset *bars;
};

static void pipe_row(struct rep *r, struct rep_table *t,
                     const struct tcrm_rq_table *q, const char *stage,
                     long i, const char *cur, struct pipe_sum *s)
{
    int64_t n = i >= 0 ? tcrm_rq_i(q, (size_t)i, 2) : 0;
    int64_t total = i >= 0 ? tcrm_rq_i(q, (size_t)i, 3) : 0;
    int64_t w = i >= 0 ? rep_div100(tcrm_rq_i(q, (size_t)i, 4)) : 0;
    char oldest[320];

    rep_row(r, t, 0);
    rep_text(r, t, 0, rep_stage(r, stage));
    rep_int(t, 1, n);
    rep_money(t, 2, total, cur);
    rep_money(t, 3, w, cur);
    if (i >= 0) {
        int days = tcrm_date_days_between(tcrm_rq_s(q, (size_t)i, 5),
                                          r->today);
        const char *fmt = r->csv ? (days == 1 ? "%s (%d day)"
                                              : "%s (%d days)")
                          : P_("%s (%d day)", "%s (%d days)", days);
        snprintf(oldest, sizeof oldest, fmt, tcrm_rq_s(q, (size_t)i, 6),
                 days);
        rep_text(r, t, 4, oldest);
    }
    s->count += n;
    s->total += total;
    s->weighted += w;
    rep_barset_add(s->bars, rep_stage(r, stage), total, cur);
}

static void pipe_currency(struct rep *r, const char *cur, void *ctx)
{
    const struct tcrm_rq_table *q = ctx;
    struct rep_table t;
    struct pipe_sum s = { 0, 0, 0, rep_barset_new(r, 64) };
    size_t i;

    if (!s.bars)
        return;
    rep_heading(r, _("Open deals in %s"), cur);
    rep_table_init(&t, "pipeline", pipe_cols, 5);
    for (i = 0; i < r->cfg->n_stages; i++)
        pipe_row(r, &t, q, r->cfg->stages[i],
                 pipe_find(q, r->cfg->stages[i], cur), cur, &s);
    for (i = 0; i < q->nrows; i++)
        if (!strcmp(tcrm_rq_s(q, i, 1), cur) &&
            !pipe_configured(r, tcrm_rq_s(q, i, 0)))
            pipe_row(r, &t, q, tcrm_rq_s(q, i, 0), (long)i, cur, &s);
    rep_row(r, &t, 1);
    rep_text(r, &t, 0, rep_tr(r, N_("Total")));
    rep_int(&t, 1, s.count);
    rep_money(&t, 2, s.total, cur);
    rep_money(&t, 3, s.weighted, cur);
    rep_table_emit(r, &t);
    rep_barset_chart(r, s.bars, _("Amount by stage (%s)"), cur);
}

void rep_pipeline(struct rep *r)
{
    struct tcrm_rq_table q;

    if (rep_check(r, tcrm_rq_pipeline(r->db, &r->f, &q, r->err)))
        return;
    rep_each_currency(r, &q, 1, _("No open deals."), pipe_currency, &q);
    tcrm_rq_table_free(&q);
}

/* ---- forecast --------------------------------------------------------- */

static const struct rep_col fc_cols[] = {
    { N_("Month"), REP_TEXT, 0 }, { N_("Deals"), REP_INT, 0 },
    { N_("Amount"), REP_MONEY, 0 }, { N_("Weighted"), REP_MONEY, 0 },
};
static const struct rep_col sum_cols[] = {
    { N_("Currency"), REP_TEXT, 0 }, { N_("Deals"), REP_INT, 0 },
    { N_("Amount"), REP_MONEY, 0 },
};
static const struct rep_col late_cols[] = {
    { N_("Close"), REP_TEXT, 0 }, { N_("Deal"), REP_TEXT, 1 },
    { N_("Stage"), REP_TEXT, 1 }, { N_("Amount"), REP_MONEY, 0 },
    { N_("Owner"), REP_TEXT, 1 },
};

static void fc_currency(struct rep *r, const char *cur, void *ctx)
{
    const struct tcrm_rq_table *q = ctx;
    struct rep_barset *b = rep_barset_new(r, REP_MAX_BARS);
    struct rep_table t;
    struct rep_month it;
    int64_t cnt = 0, tot = 0, wei = 0;
    size_t i;

    if (!b)
        return;
    rep_heading(r, _("Expected to close, %s"), cur);
    rep_table_init(&t, "forecast", fc_cols, 4);
    rep_month_start(r, &it);
    while (rep_month_next(&it)) {
        int64_t n = 0, a = 0, w = 0;
        for (i = 0; i < q->nrows; i++)
            if (!strcmp(tcrm_rq_s(q, i, 0), it.month) &&
                !strcmp(tcrm_rq_s(q, i, 1), cur)) {
                n = tcrm_rq_i(q, i, 2);
                a = tcrm_rq_i(q, i, 3);
                w = rep_div100(tcrm_rq_i(q, i, 4));
            }
        rep_row(r, &t, 0);
        rep_text(r, &t, 0, it.month);
        rep_int(&t, 1, n);
        rep_money(&t, 2, a, cur);
        rep_money(&t, 3, w, cur);
        cnt += n;
        tot += a;
        wei += w;
        rep_barset_add(b, it.month, w, cur);
    }
    rep_row(r, &t, 1);
    rep_text(r, &t, 0, rep_tr(r, N_("Total")));
    rep_int(&t, 1, cnt);
    rep_money(&t, 2, tot, cur);
    rep_money(&t, 3, wei, cur);
    rep_table_emit(r, &t);
    rep_barset_chart(r, b, _("Weighted by month (%s)"), cur);
}

/* A Currency | Deals | Amount table from rows (cur, count, total) of q
 * starting at column c0, only rows whose column 0 is `status` when set. */
static void fc_sums(struct rep *r, const char *section, const char *heading,
                    const struct tcrm_rq_table *q, size_t c0,
                    const char *status, const char *none)
{
    struct rep_table t;
    size_t i;

    rep_heading(r, "%s", _(heading));
    rep_table_init(&t, section, sum_cols, 3);
    for (i = 0; i < q->nrows; i++) {
        if (status && strcmp(tcrm_rq_s(q, i, 0), status))
            continue;
        rep_row(r, &t, 0);
        rep_text(r, &t, 0, tcrm_rq_s(q, i, c0));
        rep_int(&t, 1, tcrm_rq_i(q, i, c0 + 1));
        rep_money(&t, 2, tcrm_rq_i(q, i, c0 + 2), tcrm_rq_s(q, i, c0));
    }
    if (!t.nrows)
        rep_line(r, "%s", _(none));
    rep_table_emit(r, &t);
}

static void fc_late(struct rep *r, const struct tcrm_rq_table *q)
{
    struct rep_table t;
    size_t i;

    rep_heading(r, "%s", _("Past their expected close, still open"));
    if (!q->nrows)
        rep_line(r, "%s", _("None."));
    rep_table_init(&t, "late", late_cols, 5);
    for (i = 0; i < q->nrows; i++) {
        rep_row(r, &t, 0);
        rep_text(r, &t, 0, tcrm_rq_s(q, i, 2));
        rep_text(r, &t, 1, tcrm_rq_s(q, i, 1));
        rep_text(r, &t, 2, rep_stage(r, tcrm_rq_s(q, i, 3)));
        rep_money(&t, 3, tcrm_rq_i(q, i, 4), tcrm_rq_s(q, i, 5));
        rep_text(r, &t, 4, tcrm_rq_s(q, i, 6));
    }
    rep_table_emit(r, &t);
    if (q->nrows == r->f.limit)
        rep_line(r, _("(the first %zu)"), r->f.limit);
}

void rep_forecast(struct rep *r)
{
    struct tcrm_rq_table q, won, und, late;

    memset(&won, 0, sizeof won);
    memset(&und, 0, sizeof und);
    memset(&late, 0, sizeof late);
    if (rep_check(r, tcrm_rq_forecast(r->db, &r->f, &q, r->err)) ||
        rep_check(r, tcrm_rq_closed(r->db, &r->f, &won, r->err)) ||
        rep_check(r, tcrm_rq_forecast_undated(r->db, &r->f, &und, r->err)) ||
        rep_check(r, tcrm_rq_forecast_late(r->db, &r->f, &late, r->err)))
        goto out;
    rep_each_currency(r, &q, 1, _("No open deals expected to close in "
                                  "this period."), fc_currency, &q);
    fc_sums(r, "won", N_("Won in this period"), &won, 1, "won",
            N_("Nothing won in this period."));
    fc_sums(r, "no close date", N_("Open deals with no expected close"),
            &und, 0, NULL, N_("None."));
    fc_late(r, &late);
out:
    tcrm_rq_table_free(&q);
    tcrm_rq_table_free(&won);
    tcrm_rq_table_free(&und);
    tcrm_rq_table_free(&late);
}

/* ---- won-lost --------------------------------------------------------- */

static const struct rep_col wl_cols[] = {
    { N_("Currency"), REP_TEXT, 0 }, { N_("Won"), REP_INT, 0 },
    { N_("Won amount"), REP_MONEY, 0 }, { N_("Lost"), REP_INT, 0 },
    { N_("Lost amount"), REP_MONEY, 0 }, { N_("Win rate"), REP_PCT, 0 },
};
static const struct rep_col reason_cols[] = {
    { N_("Lost reason"), REP_TEXT, 1 }, { N_("Deals"), REP_INT, 0 },
    { N_("Share"), REP_PCT, 0 },
};

static void wl_table(struct rep *r, const struct tcrm_rq_table *q,
                     int64_t *won, int64_t *lost)
{
    char cur[REP_MAX_CUR][4], pct[16];
    struct rep_table t;
    size_t i, j, n = rep_currencies(q, 1, cur, REP_MAX_CUR);

    rep_table_init(&t, "won-lost", wl_cols, 6);
    for (i = 0; i < n; i++) {
        int64_t v[4] = { 0, 0, 0, 0 };
        for (j = 0; j < q->nrows; j++)
            if (!strcmp(tcrm_rq_s(q, j, 1), cur[i])) {
                int k = strcmp(tcrm_rq_s(q, j, 0), "won") ? 2 : 0;
                v[k] = tcrm_rq_i(q, j, 2);
                v[k + 1] = tcrm_rq_i(q, j, 3);
            }
        rep_row(r, &t, 0);
        rep_text(r, &t, 0, cur[i]);
        rep_int(&t, 1, v[0]);
        rep_money(&t, 2, v[1], cur[i]);
        rep_int(&t, 3, v[2]);
        rep_money(&t, 4, v[3], cur[i]);
        rep_pct(&t, 5, rep_permille(v[0], v[0] + v[2]));
        *won += v[0];
        *lost += v[2];
    }
    if (n) {
        rep_heading(r, "%s", _("Closed in this period"));
        rep_table_emit(r, &t);
        rep_line(r, "%s", "");
        rep_line(r, _("Win rate: %s (%lld won, %lld lost)"),
                 rep_fmt_pct(rep_permille(*won, *won + *lost), pct),
                 (long long)*won, (long long)*lost);
    } else {
        rep_table_free(&t);
        rep_line(r, "%s", "");
        rep_line(r, "%s", _("No deals won or lost in this period."));
    }
}

void rep_won_lost(struct rep *r)
{
    struct tcrm_rq_table q, reasons;
    struct rep_table t;
    int64_t won = 0, lost = 0;
    size_t i;

    memset(&reasons, 0, sizeof reasons);
    if (rep_check(r, tcrm_rq_closed(r->db, &r->f, &q, r->err)) ||
        rep_check(r, tcrm_rq_lost_reasons(r->db, &r->f, &reasons, r->err)))
        goto out;
    wl_table(r, &q, &won, &lost);
    if (!reasons.nrows)
        goto out;
    rep_heading(r, "%s", _("Lost reasons"));
    rep_table_init(&t, "lost reasons", reason_cols, 3);
    for (i = 0; i < reasons.nrows; i++) {
        rep_row(r, &t, 0);
        rep_text(r, &t, 0, tcrm_rq_null(&reasons, i, 0)
                 ? rep_tr(r, N_("(none given)"))
                 : tcrm_rq_s(&reasons, i, 0));
        rep_int(&t, 1, tcrm_rq_i(&reasons, i, 1));
        rep_pct(&t, 2, rep_permille(tcrm_rq_i(&reasons, i, 1), lost));
    }
    rep_table_emit(r, &t);
out:
    tcrm_rq_table_free(&q);
    tcrm_rq_table_free(&reasons);
}
