/*
 * report_receivables.c: `receivables`, who owes what and for how long
 * (应收账龄), as of a day (--as-of, else today), in the base currency.
 *
 * What is owed is said once, in the core (receivable.h, tcrm_aging): per
 * customer and currency, what is not yet due, what is overdue in the
 * buckets 1-30, 31-60, 61-90, 91-180 and over 180 days, and the credit
 * (payments not applied yet), which is subtracted. Here each of these
 * figures is converted into the base currency ([sales] base_currency)
 * with the rate of its currency as of the as-of day (rate.h, rounded
 * once per figure), and the rate is shown beside the row; a customer's
 * total is the sum of its converted figures, so every table adds up. A
 * currency without a rate stops the report with the one line of rate.h.
 *
 * Rows: one per customer and currency, the customers owing the most
 * first. Text: a table of what is due and overdue, one of the overdue
 * part by age, a chart of the largest debtors and one of the buckets.
 * CSV: one block, every figure, the original currency and the rate.
 * --owner and the session's scope work as in every report: the
 * invoices and payments of that owner (a manager with no --owner: what
 * the session sees of their team).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "tcrm/rate.h"
#include "tcrm/receivable.h"

/* ---- rates (also report_payments.c) ------------------------------------- */

struct rep_rate_entry {
    char cur[4], day[11];
    struct tcrm_rate rate;
};

const char *rep_base(const struct rep *r)
{
    const char *b = r->cfg ? r->cfg->base_currency : NULL;
    return b && *b ? b : TCRM_BASE_CURRENCY_DEFAULT;
}

void rep_rates_free(struct rep_rates *c)
{
    free(c->e);
    memset(c, 0, sizeof *c);
}

const struct tcrm_rate *rep_rate(struct rep *r, struct rep_rates *c,
                                 const char *cur, const char *day)
{
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->e[i].cur, cur) && !strcmp(c->e[i].day, day))
            return &c->e[i].rate;
    if (r->rc)
        return NULL;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        void *p = realloc(c->e, cap * sizeof *c->e);
        if (!p) {
            rep_fail(r, TCRM_ENOMEM, "report: out of memory");
            return NULL;
        }
        c->e = p;
        c->cap = cap;
    }
    struct rep_rate_entry *e = &c->e[c->n];
    snprintf(e->cur, sizeof e->cur, "%s", cur);
    snprintf(e->day, sizeof e->day, "%s", day);
    if (rep_check(r, tcrm_rate_find(r->db, cur, rep_base(r), day, &e->rate,
                                    r->err)))
        return NULL;
    return &c->e[c->n++].rate;
}

int64_t rep_convert(struct rep *r, int64_t minor, const struct tcrm_rate *rt)
{
    int64_t out = 0;
    if (rt && tcrm_rate_convert(minor, rt->micro, &out) != 0)
        rep_fail(r, TCRM_EINVAL, "amount: too large to convert into %s",
                 rep_base(r));
    return rt ? out : 0;
}

char *rep_rate_text(const struct rep *r, const char *cur,
                    const struct tcrm_rate *rt, char *out, size_t cap)
{
    char num[32];
    if (!rt || !strcmp(cur, rep_base(r))) {
        snprintf(out, cap, "%s", r->csv ? "1" : "");
        return out;
    }
    tcrm_rate_format(rt->micro, num, sizeof num);
    if (r->csv)
        snprintf(out, cap, "%s", num);
    else
        snprintf(out, cap, "%s %s", cur, num);
    return out;
}

/* ---- the rows ---------------------------------------------------------- */

enum { RV_NOT_DUE, RV_B1, RV_B5 = RV_B1 + TCRM_AGING_BUCKETS - 1, RV_CREDIT,
       RV_TOTAL, RV_N };

struct rv_row {
    const struct tcrm_aging_row *a;
    const struct tcrm_rate *rate;
    int64_t v[RV_N];          /* in the base currency */
    int64_t owed;             /* in its own currency */
    int64_t customer_total;   /* the customer's rows together */
};

static int rv_same_customer(const struct rv_row *x, const struct rv_row *y)
{
    return x->a->customer.company_id == y->a->customer.company_id &&
           x->a->customer.contact_id == y->a->customer.contact_id;
}

static int rv_cmp_customer(const void *pa, const void *pb)
{
    const struct rv_row *x = pa, *y = pb;
    if (x->a->customer.company_id != y->a->customer.company_id)
        return x->a->customer.company_id < y->a->customer.company_id ? -1 : 1;
    if (x->a->customer.contact_id != y->a->customer.contact_id)
        return x->a->customer.contact_id < y->a->customer.contact_id ? -1 : 1;
    return 0;
}

static int rv_cmp(const void *pa, const void *pb)
{
    const struct rv_row *x = pa, *y = pb;
    int c;
    if (x->customer_total != y->customer_total)
        return x->customer_total > y->customer_total ? -1 : 1;
    if ((c = strcmp(x->a->name ? x->a->name : "",
                    y->a->name ? y->a->name : "")) != 0)
        return c;
    if (x->a->customer.company_id != y->a->customer.company_id)
        return x->a->customer.company_id < y->a->customer.company_id ? -1 : 1;
    if (x->a->customer.contact_id != y->a->customer.contact_id)
        return x->a->customer.contact_id < y->a->customer.contact_id ? -1 : 1;
    return strcmp(x->a->currency, y->a->currency);
}

/* Convert every figure of a (rates as of the report's day). */
static void rv_fill(struct rep *r, struct rep_rates *rates,
                    const struct tcrm_aging_row *a, struct rv_row *out)
{
    int64_t own[RV_TOTAL];
    out->a = a;
    out->rate = rep_rate(r, rates, a->currency, r->today);
    own[RV_NOT_DUE] = a->not_due;
    for (int b = 0; b < TCRM_AGING_BUCKETS; b++)
        own[RV_B1 + b] = a->overdue[b];
    own[RV_CREDIT] = a->credit;
    out->owed = 0;
    out->v[RV_TOTAL] = 0;
    for (int k = 0; k < RV_TOTAL; k++) {
        out->v[k] = rep_convert(r, own[k], out->rate);
        out->v[RV_TOTAL] += k == RV_CREDIT ? -out->v[k] : out->v[k];
        out->owed += k == RV_CREDIT ? -own[k] : own[k];
    }
}

static struct rv_row *rv_rows(struct rep *r, struct rep_rates *rates,
                              const struct tcrm_aging_row *a, size_t n)
{
    struct rv_row *rows = calloc(n ? n : 1, sizeof *rows);
    if (!rows) {
        rep_fail(r, TCRM_ENOMEM, "report: out of memory");
        return NULL;
    }
    for (size_t i = 0; i < n && !r->rc; i++)
        rv_fill(r, rates, &a[i], &rows[i]);
    /* A customer's rows (one per currency) together, their total summed
     * in one pass, then the largest debtors first. */
    rep_qsort(rows, n, sizeof *rows, rv_cmp_customer);
    for (size_t i = 0, j; i < n; i = j) {
        int64_t t = 0;
        for (j = i; j < n && rv_same_customer(&rows[i], &rows[j]); j++)
            t += rows[j].v[RV_TOTAL];
        for (size_t k = i; k < j; k++)
            rows[k].customer_total = t;
    }
    rep_qsort(rows, n, sizeof *rows, rv_cmp);
    return rows;
}

/* ---- text ---------------------------------------------------------------- */

static const char *rv_name(const struct rep *r, const struct rv_row *x,
                           char *buf, size_t cap)
{
    if (x->a->name)
        return x->a->name;
    snprintf(buf, cap, "%s %lld", x->a->customer.company_id
             ? rep_tr(r, N_("company")) : rep_tr(r, N_("contact")),
             (long long)(x->a->customer.company_id
                         ? x->a->customer.company_id
                         : x->a->customer.contact_id));
    return buf;
}

static const struct rep_col rv_due_cols[] = {
    { N_("Customer"), REP_TEXT, 1 }, { N_("Rate"), REP_TEXT, 0 },
    { N_("Not due"), REP_MONEY, 0 }, { N_("Overdue"), REP_MONEY, 0 },
    { N_("Credit"), REP_MONEY, 0 }, { N_("Total"), REP_MONEY, 0 },
};

static const struct rep_col rv_age_cols[] = {
    { N_("Customer"), REP_TEXT, 1 }, { N_("Rate"), REP_TEXT, 0 },
    { N_("1-30"), REP_MONEY, 0 }, { N_("31-60"), REP_MONEY, 0 },
    { N_("61-90"), REP_MONEY, 0 }, { N_("91-180"), REP_MONEY, 0 },
    { N_("Over 180"), REP_MONEY, 0 },
};

/* Money without the currency (the heading names it). */
static void rv_money(struct rep_table *t, int col, int64_t v)
{
    rep_money(t, col, v, "");
}

static int64_t rv_overdue(const int64_t *v)
{
    int64_t over = 0;
    for (int b = RV_B1; b <= RV_B5; b++)
        over += v[b];
    return over;
}

static void rv_text_due(struct rep *r, const struct rv_row *rows, size_t n,
                        const int64_t *sum)
{
    struct rep_table t;
    char name[64], rate[48];
    rep_heading(r, _("Receivables in %s"), rep_base(r));
    rep_table_init(&t, "receivables", rv_due_cols, 6);
    for (size_t i = 0; i < n; i++) {
        rep_row(r, &t, 0);
        rep_text(r, &t, 0, rv_name(r, &rows[i], name, sizeof name));
        rep_text(r, &t, 1, rep_rate_text(r, rows[i].a->currency,
                                         rows[i].rate, rate, sizeof rate));
        rv_money(&t, 2, rows[i].v[RV_NOT_DUE]);
        rv_money(&t, 3, rv_overdue(rows[i].v));
        rv_money(&t, 4, rows[i].v[RV_CREDIT]);
        rv_money(&t, 5, rows[i].v[RV_TOTAL]);
    }
    rep_row(r, &t, 1);
    rep_text(r, &t, 0, rep_tr(r, N_("Total")));
    rv_money(&t, 2, sum[RV_NOT_DUE]);
    rv_money(&t, 3, rv_overdue(sum));
    rv_money(&t, 4, sum[RV_CREDIT]);
    rv_money(&t, 5, sum[RV_TOTAL]);
    rep_table_emit(r, &t);
}

static void rv_text_age(struct rep *r, const struct rv_row *rows, size_t n,
                        const int64_t *sum)
{
    struct rep_table t;
    char name[64], rate[48];
    rep_heading(r, _("Overdue by days in %s"), rep_base(r));
    rep_table_init(&t, "overdue", rv_age_cols, 7);
    for (size_t i = 0; i < n; i++) {
        if (!rv_overdue(rows[i].v))
            continue;
        rep_row(r, &t, 0);
        rep_text(r, &t, 0, rv_name(r, &rows[i], name, sizeof name));
        rep_text(r, &t, 1, rep_rate_text(r, rows[i].a->currency,
                                         rows[i].rate, rate, sizeof rate));
        for (int b = 0; b < TCRM_AGING_BUCKETS; b++)
            rv_money(&t, 2 + b, rows[i].v[RV_B1 + b]);
    }
    if (!t.nrows) {
        rep_table_free(&t);
        rep_line(r, "%s", _("Nothing is overdue."));
        return;
    }
    rep_row(r, &t, 1);
    rep_text(r, &t, 0, rep_tr(r, N_("Total")));
    for (int b = 0; b < TCRM_AGING_BUCKETS; b++)
        rv_money(&t, 2 + b, sum[RV_B1 + b]);
    rep_table_emit(r, &t);
}

static void rv_charts(struct rep *r, const struct rv_row *rows, size_t n,
                      const int64_t *sum)
{
    size_t max = r->f.limit < REP_MAX_BARS ? r->f.limit : REP_MAX_BARS;
    struct rep_barset *b = rep_barset_new(r, max);
    char name[64];
    if (!b)
        return;
    for (size_t i = 0; i < n; i++)
        if ((i == 0 || !rv_same_customer(&rows[i - 1], &rows[i])) &&
            rows[i].customer_total > 0)
            rep_barset_add(b, rv_name(r, &rows[i], name, sizeof name),
                           rows[i].customer_total, rep_base(r));
    rep_barset_chart(r, b, _("Owed by customer (%s)"), rep_base(r));
    if (!(b = rep_barset_new(r, RV_N)))
        return;
    rep_barset_add(b, _("Not due"), sum[RV_NOT_DUE], rep_base(r));
    for (int k = 0; k < TCRM_AGING_BUCKETS; k++)
        rep_barset_add(b, _(rv_age_cols[2 + k].head), sum[RV_B1 + k],
                       rep_base(r));
    rep_barset_chart(r, b, _("Owed by age (%s)"), rep_base(r));
}

/* ---- CSV --------------------------------------------------------------- */

static const struct rep_col rv_csv_cols[] = {
    { "Customer", REP_TEXT, 0 }, { "Kind", REP_TEXT, 0 },
    { "Id", REP_INT, 0 }, { "Owner", REP_TEXT, 0 },
    { "Owed", REP_MONEY, 0 }, { "Rate", REP_TEXT, 0 },
    { "Not due", REP_MONEY, 0 }, { "1-30", REP_MONEY, 0 },
    { "31-60", REP_MONEY, 0 }, { "61-90", REP_MONEY, 0 },
    { "91-180", REP_MONEY, 0 }, { "Over 180", REP_MONEY, 0 },
    { "Credit", REP_MONEY, 0 }, { "Total", REP_MONEY, 0 },
};

static void rv_csv(struct rep *r, const struct rv_row *rows, size_t n,
                   const int64_t *sum)
{
    struct rep_table t;
    char rate[48];
    rep_table_init(&t, "receivables", rv_csv_cols, 14);
    for (size_t i = 0; i <= n; i++) {
        const struct rv_row *x = i < n ? &rows[i] : NULL;
        const int64_t *v = x ? x->v : sum;
        rep_row(r, &t, 0);
        if (x) {
            int co = x->a->customer.company_id != 0;
            rep_text(r, &t, 0, x->a->name ? x->a->name : "");
            rep_text(r, &t, 1, co ? "company" : "contact");
            rep_int(&t, 2, co ? x->a->customer.company_id
                              : x->a->customer.contact_id);
            rep_text(r, &t, 3, x->a->owner ? x->a->owner : "");
            rep_money(&t, 4, x->owed, x->a->currency);
            rep_text(r, &t, 5, rep_rate_text(r, x->a->currency, x->rate,
                                             rate, sizeof rate));
        } else {
            rep_text(r, &t, 0, "Total");
        }
        for (int k = 0; k < RV_N; k++)
            rep_money(&t, 6 + k, v[k], rep_base(r));
    }
    rep_table_emit(r, &t);
}

void rep_receivables(struct rep *r)
{
    struct tcrm_aging_opts o = { r->today, r->f.team ? NULL : r->f.owner,
                                 { 0, 0 } };
    struct tcrm_aging_row *a = NULL;
    struct rep_rates rates = { 0 };
    int64_t sum[RV_N] = { 0 };
    size_t n = 0;

    if (rep_check(r, tcrm_aging(r->db, &o, &a, &n, r->err)))
        return;
    struct rv_row *rows = rv_rows(r, &rates, a, n);
    for (size_t i = 0; rows && i < n; i++)
        for (int k = 0; k < RV_N; k++)
            sum[k] += rows[i].v[k];
    if (r->rc) {
        /* a missing rate or no memory: nothing more */
    } else if (r->csv) {
        rv_csv(r, rows, n, sum);
    } else if (!n) {
        rep_line(r, "%s", "");
        rep_line(r, "%s", _("Nothing is owed."));
    } else {
        rv_text_due(r, rows, n, sum);
        rv_text_age(r, rows, n, sum);
        rv_charts(r, rows, n, sum);
    }
    free(rows);
    rep_rates_free(&rates);
    tcrm_aging_free(a, n);
}
