/*
 * money.h: exact decimals, money in minor units, and the one rounding rule.
 *
 * Nothing here uses floating point. A decimal is an int64_t scaled by a
 * fixed number of places: money has 2 (1200.50 is 120050 minor units),
 * quantities 3 (1.5 pieces is 1500 thousandths), percentages 2 (a 13 %
 * tax rate is 1300 hundredths of a percent, "basis points").
 *
 * Text in: digits with optional thousands commas in groups of three, an
 * optional '.' and at most `places` decimals ("1,200.50", "0.5", ".5").
 * Nothing else: no sign, no exponent, no spaces inside, so a typo never
 * becomes a wrong amount.
 *
 * THE ROUNDING RULE (one function, tcrm_money_line; every screen, print,
 * report and total uses it):
 *   - a line's amounts are computed exactly, then rounded ONCE to the
 *     cent, half away from zero (四舍五入: 0.005 -> 0.01);
 *   - net price entered: net = round(qty x price x (100 - discount%)),
 *     tax = round(net x rate%), gross = net + tax;
 *   - gross price entered (tax included, --gross):
 *     gross = round(qty x price x (100 - discount%)),
 *     net = round(gross / (1 + rate%)), tax = gross - net;
 *   - a document's totals are the sums of its lines' rounded net, tax and
 *     gross, so net + tax = gross always, on every line and in total;
 *   - the unit price shown the other way (net from gross, gross from net)
 *     is rounded the same way and is only shown, never summed.
 */
#ifndef TCRM_MONEY_H
#define TCRM_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "tcrm/error.h"

#define TCRM_MONEY_PLACES 2
#define TCRM_QTY_PLACES 3
#define TCRM_PCT_PLACES 2

/* text -> *out scaled by 10^places. Errors, each naming field:
 * "price: required", "price: 'abc' is not a number", "price: '1.234' has
 * more than 2 decimals", "price: must not be negative", "price: '...' is
 * too large" (TCRM_EINVAL, err->field = field). */
int tcrm_decimal_read(const char *text, const char *field, int places,
                      int64_t *out, struct tcrm_error *err);
/* v scaled by 10^places as text: "1.5" (trailing zeros after the point
 * dropped), "1,234.5" with group != 0. */
void tcrm_decimal_format(int64_t v, int places, int group, char *out,
                         size_t cap);
/* A percentage (places 2) from 0 to 100: "tax: 101 is over 100". */
int tcrm_percent_read(const char *text, const char *field, int64_t *bp,
                      struct tcrm_error *err);

/* Money: tcrm_decimal_read with field "amount" and 2 places. */
int tcrm_money_parse(const char *text, int64_t *minor, struct tcrm_error *err);
/* 120050, "EUR" -> "1,200.50 EUR" (currency NULL: no suffix). */
void tcrm_money_format(int64_t minor, const char *currency, char *out,
                       size_t outsz);
/* A currency code: 3 letters, upper-cased in place; else TCRM_EINVAL
 * "currency: 'eu' is not a 3-letter code". */
int tcrm_currency_check(char *code, struct tcrm_error *err);

/* One line of a document (quote, order). */
struct tcrm_line_in {
    int64_t qty;          /* thousandths */
    int64_t price;        /* minor units per unit: net, or gross when gross */
    int64_t discount;     /* hundredths of a percent, 0..10000 */
    int64_t tax;          /* hundredths of a percent, 0..10000 */
    int gross;            /* price includes tax */
};
struct tcrm_line_amounts {
    int64_t net, tax, gross;              /* the line, rounded once */
    int64_t unit_net, unit_gross;         /* the unit price both ways */
};
/* The rounding rule above. TCRM_EINVAL "quantity: ... is too large" when
 * an amount does not fit; negative inputs are the caller's to refuse. */
int tcrm_money_line(const struct tcrm_line_in *in,
                    struct tcrm_line_amounts *out, struct tcrm_error *err);

/* CNY in Chinese capitals (大写金额): 1234.50 -> "壹仟贰佰叁拾肆元伍角",
 * 0 -> "零元整". out gets at most cap bytes (UTF-8); -1 when it does not
 * fit or minor is negative. */
int tcrm_money_capitals(int64_t minor, char *out, size_t cap);

#endif
