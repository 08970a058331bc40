/*
 * report_payments.c: `payments`, what was received in a period (收款),
 * by method, by account, by salesperson and by month, in the base
 * currency.
 *
 * The core sums the live payments per day, method, account, owner and
 * currency (receivable.h, tcrm_payment_sums); each day's sum in another
 * currency is converted here with that day's rate (rate.h, rounded once
 * per sum), and the sums are added up into the sections, so every
 * section has the same total. The last section says which rates were
 * used for what. A currency without a rate for a day stops the report
 * with the one line of rate.h. The salesperson is the payment's owner;
 * --owner and the session's scope work as in every report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "tcrm/invoice.h"
#include "tcrm/rate.h"
#include "tcrm/receivable.h"

/* A group of payments: its key, how many, the sum in the base currency
 * (and, for the rates section, in its own currency). */
struct pg {
    char key[96];
    int64_t count, amount, own;
};

struct pg_set {
    struct pg *g;
    size_t n, cap;
};

static void pg_add(struct rep *r, struct pg_set *s, const char *key,
                   int64_t count, int64_t amount, int64_t own)
{
    size_t i;
    for (i = 0; i < s->n && strcmp(s->g[i].key, key); i++)
        ;
    if (i == s->n) {
        if (s->n == s->cap) {
            size_t cap = s->cap ? s->cap * 2 : 16;
            void *p = realloc(s->g, cap * sizeof *s->g);
            if (!p) {
                rep_fail(r, TCRM_ENOMEM, "report: out of memory");
                return;
            }
            s->g = p;
            s->cap = cap;
        }
        memset(&s->g[i], 0, sizeof s->g[i]);
        snprintf(s->g[i].key, sizeof s->g[i].key, "%s", key);
        s->n++;
    }
    s->g[i].count += count;
    s->g[i].amount += amount;
    s->g[i].own += own;
}

/* Largest first, then by key. */
static int pg_cmp(const void *pa, const void *pb)
{
    const struct pg *x = pa, *y = pb;
    if (x->amount != y->amount)
        return x->amount > y->amount ? -1 : 1;
    return strcmp(x->key, y->key);
}

static int pg_key_cmp(const void *pa, const void *pb)
{
    return strcmp(((const struct pg *)pa)->key, ((const struct pg *)pb)->key);
}

enum { PS_METHOD, PS_ACCOUNT, PS_OWNER, PS_MONTH, PS_RATE, PS_N };

struct pay_ctx {
    struct pg_set s[PS_N];
    int64_t count, total;
};

static void pay_row(struct rep *r, struct rep_rates *rates,
                    const struct tcrm_pay_sum *p, struct pay_ctx *c)
{
    const struct tcrm_rate *rt = rep_rate(r, rates, p->currency, p->day);
    int64_t v = rep_convert(r, p->amount, rt);
    char month[8], rate[48], num[32];
    if (r->rc)
        return;
    snprintf(month, sizeof month, "%.7s", p->day);
    pg_add(r, &c->s[PS_METHOD], tcrm_pay_method_name(p->method), p->count,
           v, 0);
    pg_add(r, &c->s[PS_ACCOUNT], p->account ? p->account : "", p->count, v,
           0);
    pg_add(r, &c->s[PS_OWNER], p->owner ? p->owner : "", p->count, v, 0);
    pg_add(r, &c->s[PS_MONTH], month, p->count, v, 0);
    if (strcmp(p->currency, rep_base(r))) {
        /* "USD 7.12": the key of the rates section */
        tcrm_rate_format(rt->micro, num, sizeof num);
        snprintf(rate, sizeof rate, "%s %s", p->currency, num);
        pg_add(r, &c->s[PS_RATE], rate, p->count, v, p->amount);
    }
    c->count += p->count;
    c->total += v;
}

static const struct rep_col pay_cols[][3] = {
    { { N_("Method"), REP_TEXT, 1 }, { N_("Payments"), REP_INT, 0 },
      { N_("Amount"), REP_MONEY, 0 } },
    { { N_("Account"), REP_TEXT, 1 }, { N_("Payments"), REP_INT, 0 },
      { N_("Amount"), REP_MONEY, 0 } },
    { { N_("Salesperson"), REP_TEXT, 1 }, { N_("Payments"), REP_INT, 0 },
      { N_("Amount"), REP_MONEY, 0 } },
    { { N_("Month"), REP_TEXT, 0 }, { N_("Payments"), REP_INT, 0 },
      { N_("Amount"), REP_MONEY, 0 } },
};
static const char *const pay_sections[] = { "method", "account",
                                            "salesperson", "month" };
static const char *const pay_titles[] = {
    N_("Received by method in %s"), N_("Received by account in %s"),
    N_("Received by salesperson in %s"), N_("Received by month in %s"),
};

/* A group's label: a method's word, "(no account)", "(no owner)". */
static const char *pay_label(const struct rep *r, int sec, const char *key)
{
    if (sec == PS_METHOD)
        return r->csv ? key : tcrm_i18n_word("method", key);
    if (*key || r->csv)
        return key;
    return sec == PS_ACCOUNT ? _("(no account)") : _("(no owner)");
}

static void pay_section(struct rep *r, struct pay_ctx *c, int sec)
{
    struct pg_set *s = &c->s[sec];
    struct rep_table t;
    if (sec != PS_MONTH)
        rep_qsort(s->g, s->n, sizeof *s->g, pg_cmp);
    rep_heading(r, _(pay_titles[sec]), rep_base(r));
    rep_table_init(&t, pay_sections[sec], pay_cols[sec], 3);
    for (size_t i = 0; i < s->n; i++) {
        rep_row(r, &t, 0);
        rep_text(r, &t, 0, pay_label(r, sec, s->g[i].key));
        rep_int(&t, 1, s->g[i].count);
        rep_money(&t, 2, s->g[i].amount, rep_base(r));
    }
    rep_row(r, &t, 1);
    rep_text(r, &t, 0, rep_tr(r, N_("Total")));
    rep_int(&t, 1, c->count);
    rep_money(&t, 2, c->total, rep_base(r));
    rep_table_emit(r, &t);
}

static const struct rep_col rate_cols[] = {
    { N_("Rate"), REP_TEXT, 0 }, { N_("Payments"), REP_INT, 0 },
    { N_("Received"), REP_MONEY, 0 }, { N_("Amount"), REP_MONEY, 0 },
};

/* What came in other currencies, by the rate it was converted with. */
static void pay_rates(struct rep *r, struct pay_ctx *c)
{
    struct pg_set *s = &c->s[PS_RATE];
    struct rep_table t;
    if (!s->n)
        return;
    rep_heading(r, _("Received in other currencies, converted into %s"),
                rep_base(r));
    rep_qsort(s->g, s->n, sizeof *s->g, pg_key_cmp);
    rep_table_init(&t, "rates", rate_cols, 4);
    for (size_t i = 0; i < s->n; i++) {
        char cur[4];
        snprintf(cur, sizeof cur, "%.3s", s->g[i].key);
        rep_row(r, &t, 0);
        rep_text(r, &t, 0, s->g[i].key);
        rep_int(&t, 1, s->g[i].count);
        rep_money(&t, 2, s->g[i].own, cur);
        rep_money(&t, 3, s->g[i].amount, rep_base(r));
    }
    rep_table_emit(r, &t);
}

static void pay_month_chart(struct rep *r, const struct pay_ctx *c)
{
    struct rep_barset *b = rep_barset_new(r, REP_MAX_BARS);
    struct rep_month it;
    if (!b)
        return;
    rep_month_start(r, &it);
    while (b->n < REP_MAX_BARS && rep_month_next(&it)) {
        int64_t v = 0;
        for (size_t i = 0; i < c->s[PS_MONTH].n; i++)
            if (!strcmp(c->s[PS_MONTH].g[i].key, it.month))
                v = c->s[PS_MONTH].g[i].amount;
        rep_barset_add(b, it.month, v, rep_base(r));
    }
    rep_barset_chart(r, b, _("Received by month (%s)"), rep_base(r));
}

void rep_payments(struct rep *r)
{
    struct tcrm_pay_sum *p = NULL;
    struct rep_rates rates = { 0 };
    struct pay_ctx c;
    size_t n = 0;

    memset(&c, 0, sizeof c);
    if (rep_check(r, tcrm_payment_sums(r->db, r->from, r->to,
                                       r->f.team ? NULL : r->f.owner, &p,
                                       &n, r->err)))
        return;
    for (size_t i = 0; i < n && !r->rc; i++)
        pay_row(r, &rates, &p[i], &c);
    if (!r->rc && !n) {
        rep_line(r, "%s", "");
        rep_line(r, "%s", _("No payments received in this period."));
    } else if (!r->rc) {
        for (int s = PS_METHOD; s <= PS_MONTH; s++)
            pay_section(r, &c, s);
        pay_rates(r, &c);
        pay_month_chart(r, &c);
    }
    for (int s = 0; s < PS_N; s++)
        free(c.s[s].g);
    rep_rates_free(&rates);
    tcrm_pay_sums_free(p, n);
}
