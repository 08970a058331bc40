/*
 * report_orders.c: what was sold: `sales` (orders and revenue by
 * salesperson and month) and `products` (quantity and revenue by product
 * and month).
 *
 * What counts is said once, in SQL (report_query.h, tcrm_rq_sales): the
 * lines of confirmed orders not in the trash, in the month their order
 * was confirmed. Open orders are not sold yet, cancelled ones never were
 * (an order cancelled after its confirmation leaves the figures), quotes
 * are offers, not sales. Net and gross are the sums of the lines' stored
 * amounts (the one rounding rule of money.h), so a report adds up to the
 * printed orders to the cent. Every section is per currency (sorted by
 * code): nothing is ever added across currencies. The salesperson is the
 * order's owner; --owner and the manager's team work as in every report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

/* Net by month of the period for currency cur, from the rows of sales
 * (currency, owner, month, orders, net, gross). */
static void ord_month_chart(struct rep *r, const struct tcrm_rq_table *q,
                            const char *cur)
{
    struct rep_barset *b = rep_barset_new(r, REP_MAX_BARS);
    struct rep_month it;
    size_t i;

    if (!b)
        return;
    rep_month_start(r, &it);
    while (b->n < REP_MAX_BARS && rep_month_next(&it)) {
        int64_t net = 0;
        for (i = 0; i < q->nrows; i++)
            if (!strcmp(tcrm_rq_s(q, i, 0), cur) &&
                !strcmp(tcrm_rq_s(q, i, 2), it.month))
                net += tcrm_rq_i(q, i, 4);
        rep_barset_add(b, it.month, net, cur);
    }
    rep_barset_chart(r, b, _("Net by month (%s)"), cur);
}

/* The salesperson: the order's owner; CSV leaves "none" empty. */
static const char *ord_owner(const struct rep *r, const char *owner)
{
    return owner ? owner : r->csv ? "" : _("(no owner)");
}

/* ---- sales ------------------------------------------------------------ */

static const struct rep_col sales_cols[] = {
    { N_("Salesperson"), REP_TEXT, 1 }, { N_("Month"), REP_TEXT, 0 },
    { N_("Orders"), REP_INT, 0 }, { N_("Net"), REP_MONEY, 0 },
    { N_("Gross"), REP_MONEY, 0 },
};

static void sales_currency(struct rep *r, const char *cur, void *ctx)
{
    const struct tcrm_rq_table *q = ctx;
    struct rep_barset *b = rep_barset_new(r, REP_MAX_BARS);
    struct rep_table t;
    int64_t n = 0, net = 0, gross = 0, who_net = 0;
    size_t i;

    if (!b)
        return;
    rep_heading(r, _("Sales in %s"), cur);
    rep_table_init(&t, "sales", sales_cols, 5);
    for (i = 0; i < q->nrows; i++) {
        const char *who = ord_owner(r, tcrm_rq_s(q, i, 1));
        if (strcmp(tcrm_rq_s(q, i, 0), cur))
            continue;
        rep_row(r, &t, 0);
        rep_text(r, &t, 0, who);
        rep_text(r, &t, 1, tcrm_rq_s(q, i, 2));
        rep_int(&t, 2, tcrm_rq_i(q, i, 3));
        rep_money(&t, 3, tcrm_rq_i(q, i, 4), cur);
        rep_money(&t, 4, tcrm_rq_i(q, i, 5), cur);
        n += tcrm_rq_i(q, i, 3);
        net += tcrm_rq_i(q, i, 4);
        gross += tcrm_rq_i(q, i, 5);
        who_net += tcrm_rq_i(q, i, 4);
        /* the last row of this salesperson: their bar */
        if (i + 1 == q->nrows || strcmp(tcrm_rq_s(q, i + 1, 0), cur) ||
            strcmp(who, ord_owner(r, tcrm_rq_s(q, i + 1, 1)))) {
            rep_barset_add(b, who, who_net, cur);
            who_net = 0;
        }
    }
    rep_row(r, &t, 1);
    rep_text(r, &t, 0, rep_tr(r, N_("Total")));
    rep_int(&t, 2, n);
    rep_money(&t, 3, net, cur);
    rep_money(&t, 4, gross, cur);
    rep_table_emit(r, &t);
    rep_barset_chart(r, b, _("Net by salesperson (%s)"), cur);
    ord_month_chart(r, q, cur);
}

void rep_sales(struct rep *r)
{
    struct tcrm_rq_table q;

    if (rep_check(r, tcrm_rq_sales(r->db, &r->f, &q, r->err)))
        return;
    rep_each_currency(r, &q, 0, _("No confirmed orders in this period."),
                      sales_currency, &q);
    tcrm_rq_table_free(&q);
}

/* ---- products --------------------------------------------------------- */

static const struct rep_col prod_cols[] = {
    { N_("Code"), REP_TEXT, 0 }, { N_("Product"), REP_TEXT, 1 },
    { N_("Month"), REP_TEXT, 0 }, { N_("Quantity"), REP_QTY, 0 },
    { N_("Net"), REP_MONEY, 0 }, { N_("Gross"), REP_MONEY, 0 },
};

/* "Name" or "Name spec"; free-text lines (no code) together. */
static const char *prod_name(const struct rep *r,
                             const struct tcrm_rq_table *p, size_t i,
                             char *buf, size_t cap)
{
    const char *name = tcrm_rq_s(p, i, 4), *spec = tcrm_rq_s(p, i, 5);

    if (!name)
        return rep_tr(r, N_("(free text lines)"));
    snprintf(buf, cap, "%s%s%s", name, spec && *spec ? " " : "",
             spec ? spec : "");
    return buf;
}

/* The rows of currency cur; *b gets each product's net. */
static void prod_rows(struct rep *r, struct rep_table *t,
                      const struct tcrm_rq_table *p, const char *cur,
                      struct rep_barset *b)
{
    char name[320];
    int64_t pnet = 0;
    size_t i;

    for (i = 0; i < p->nrows; i++) {
        int first = i == 0 || strcmp(tcrm_rq_s(p, i - 1, 0), cur) ||
                    tcrm_rq_i(p, i - 1, 1) != tcrm_rq_i(p, i, 1);
        const char *label = prod_name(r, p, i, name, sizeof name);
        if (strcmp(tcrm_rq_s(p, i, 0), cur))
            continue;
        rep_row(r, t, 0);
        /* text: a product's code and name on its first row only */
        if (first || r->csv) {
            rep_text(r, t, 0, tcrm_rq_s(p, i, 3) ? tcrm_rq_s(p, i, 3) : "");
            rep_text(r, t, 1, label);
        }
        rep_text(r, t, 2, tcrm_rq_s(p, i, 6));
        rep_qty(t, 3, tcrm_rq_i(p, i, 7));
        rep_money(t, 4, tcrm_rq_i(p, i, 8), cur);
        rep_money(t, 5, tcrm_rq_i(p, i, 9), cur);
        pnet += tcrm_rq_i(p, i, 8);
        if (i + 1 == p->nrows || strcmp(tcrm_rq_s(p, i + 1, 0), cur) ||
            tcrm_rq_i(p, i + 1, 1) != tcrm_rq_i(p, i, 1)) {
            rep_barset_add(b, tcrm_rq_s(p, i, 3) ? tcrm_rq_s(p, i, 3) : label, pnet,
                    cur);
            pnet = 0;
        }
    }
}

/* The product rows and the sales rows of rep_products. */
struct prod_ctx {
    struct tcrm_rq_table p, s;
};

static void prod_currency(struct rep *r, const char *cur, void *ctx)
{
    const struct tcrm_rq_table *p = &((struct prod_ctx *)ctx)->p;
    const struct tcrm_rq_table *s = &((struct prod_ctx *)ctx)->s;
    struct rep_barset *b = rep_barset_new(r, REP_MAX_BARS);
    struct rep_table t;
    int64_t net = 0, gross = 0, np = 0;
    size_t i;

    if (!b)
        return;
    rep_heading(r, _("Products sold in %s"), cur);
    rep_table_init(&t, "products", prod_cols, 6);
    prod_rows(r, &t, p, cur, b);
    for (i = 0; i < p->nrows; i++)
        if (!strcmp(tcrm_rq_s(p, i, 0), cur))
            np = tcrm_rq_i(p, i, 2);
    for (i = 0; i < s->nrows; i++)
        if (!strcmp(tcrm_rq_s(s, i, 0), cur)) {
            net += tcrm_rq_i(s, i, 4);
            gross += tcrm_rq_i(s, i, 5);
        }
    rep_row(r, &t, 1);
    rep_text(r, &t, 1, rep_tr(r, N_("Total, all products")));
    rep_money(&t, 4, net, cur);
    rep_money(&t, 5, gross, cur);
    rep_table_emit(r, &t);
    if (np > (int64_t)r->f.limit)
        rep_line(r, _("(the %zu of %lld products with the largest net)"),
                 r->f.limit, (long long)np);
    rep_barset_chart(r, b, _("Net by product (%s)"), cur);
    ord_month_chart(r, s, cur);
}

void rep_products(struct rep *r)
{
    struct prod_ctx c;

    memset(&c.s, 0, sizeof c.s);
    if (!rep_check(r, tcrm_rq_products(r->db, &r->f, &c.p, r->err)) &&
        !rep_check(r, tcrm_rq_sales(r->db, &r->f, &c.s, r->err)))
        rep_each_currency(r, &c.s, 0,
                          _("No confirmed orders in this period."),
                          prod_currency, &c);
    tcrm_rq_table_free(&c.p);
    tcrm_rq_table_free(&c.s);
}
