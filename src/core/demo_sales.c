/*
 * demo_sales.c: the money side of the demo (`tcrm init --demo`): a few
 * confirmed orders, billed at different ages so that aging has something
 * in every bucket (not yet due, 1-30, 31-60, 61-90 and over 180 days
 * overdue), partly paid by bank, WeChat and Alipay, one deposit on an
 * order not yet billed, and a euro order with its rate. Written through
 * the public functions inside the demo's one transaction (demo.c).
 */
#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "tcrm/date.h"
#include "tcrm/order.h"
#include "tcrm/rate.h"
#include "tcrm/receivable.h"

struct demo_order {
    int company;              /* index in demo.c's companies */
    const char *currency, *item, *unit;
    int qty;
    int64_t price;            /* cents, before tax */
    int age;                  /* the invoice's age in days; -1: none */
    int paid_pct;             /* of the invoice (or, unbilled, the order) */
    int method;
};

static const struct demo_order orders[] = {
    { 0, "CNY", "服务器 R5300", "台", 2, 4500000, 230, 50, TCRM_PAY_BANK },
    { 1, "CNY", "软件许可（年）", "套", 10, 300000, 100, 0, TCRM_PAY_BANK },
    { 2, "CNY", "维护服务", "月", 12, 200000, 45, 30, TCRM_PAY_ALIPAY },
    { 3, "CNY", "激光打印机", "台", 5, 120000, 10, 0, TCRM_PAY_BANK },
    { 4, "CNY", "车载模块样品", "件", 20, 35000, -1, 20, TCRM_PAY_WECHAT },
    { 7, "EUR", "Consulting day", "day", 4, 150000, 75, 0, TCRM_PAY_BANK },
};
#define N_ORDERS (sizeof orders / sizeof orders[0])

static int64_t pct(int64_t v, int p)
{
    return v * p / 100;
}

static int make_order(struct tcrm_db *db, const struct demo_order *d,
                      int64_t company_id, int64_t *id, int64_t *gross,
                      struct tcrm_error *err)
{
    struct tcrm_order o;
    struct tcrm_quote_line l;
    tcrm_order_init(&o);
    tcrm_quote_line_init(&l);
    o.company_id = company_id;
    int rc = tcrm_str_set(&o.currency, d->currency);
    if (rc == 0)
        rc = tcrm_order_insert(db, &o, NULL, err);
    l.quote_id = o.id;
    l.in.qty = (int64_t)d->qty * 1000;
    l.in.price = d->price;
    l.in.tax = 1300;
    if (rc == 0 && (tcrm_str_set(&l.description, d->item) ||
                    tcrm_str_set(&l.unit, d->unit)))
        rc = TCRM_ENOMEM;
    if (rc == 0)
        rc = tcrm_order_add_line(db, &l, NULL, 10000, NULL, err);
    if (rc == 0)
        rc = tcrm_order_set_state(db, o.id, TCRM_ORDER_CONFIRMED, err);
    *id = o.id;
    *gross = l.am.gross;
    tcrm_quote_line_clear(&l);
    tcrm_order_clear(&o);
    return rc;
}

static int bill_and_pay(struct tcrm_db *db, const struct demo_order *d,
                        int64_t order_id, int64_t gross, time_t now,
                        struct tcrm_error *err)
{
    char today[11], day[11], paid_day[11];
    struct tcrm_payment_in p;
    int64_t id = 0;
    int rc = 0;
    tcrm_date_today(now, today);
    memset(&p, 0, sizeof p);
    p.order_id = order_id;
    p.method = d->method;
    if (d->age >= 0) {
        struct tcrm_invoice_in in;
        memset(&in, 0, sizeof in);
        tcrm_date_add_days(today, -d->age, day);
        in.order_id = order_id;
        in.amount = gross;
        in.issued_on = day;
        in.payment_days = TCRM_PAYMENT_DAYS_DEFAULT;
        rc = tcrm_invoice_add(db, &in, &id, err);
        p.invoice_id = id;
        p.order_id = 0;
        tcrm_date_add_days(day, d->age / 2, paid_day);
    } else {
        tcrm_date_add_days(today, -3, paid_day);
    }
    p.amount = pct(gross, d->paid_pct);
    p.paid_on = paid_day;
    if (rc == 0 && p.amount > 0)
        rc = tcrm_payment_add(db, &p, &id, err);
    return rc;
}

int tcrm_demo_sales(struct tcrm_db *db, const int64_t company_ids[],
                    time_t now, struct tcrm_error *err)
{
    struct tcrm_rate r = { "EUR", TCRM_BASE_CURRENCY_DEFAULT, "", 7700000 };
    char today[11];
    tcrm_date_today(now, today);
    tcrm_date_add_days(today, -120, r.day);
    int rc = tcrm_rate_add(db, &r, err);
    for (size_t i = 0; rc == 0 && i < N_ORDERS; i++) {
        int64_t id = 0, gross = 0;
        rc = make_order(db, &orders[i], company_ids[orders[i].company], &id,
                        &gross, err);
        if (rc == 0)
            rc = bill_and_pay(db, &orders[i], id, gross, now, err);
    }
    return rc;
}
