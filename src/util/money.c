/*
 * money.c: exact decimals, money in minor units and the one rounding rule
 * (see tcrm/money.h for the rule itself).
 *
 * Parsing is strict so that a typo never becomes a wrong amount: digits
 * with optional thousands commas in groups of three, an optional '.' and
 * at most the allowed decimals. A line's amounts are computed in 128-bit
 * integers (qty x price x discount needs up to about 90 bits) and rounded
 * once, half away from zero, by div_round.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "tcrm/i18n.h"
#include "tcrm/money.h"

__extension__ typedef __int128 wide;

static int64_t pow10i(int places)
{
    int64_t s = 1;
    while (places-- > 0)
        s *= 10;
    return s;
}

/* Digits with optional comma groups, scaled: returns chars used, -1 for
 * bad syntax, -2 when v * scale would not fit. */
static int parse_integer(const char *s, int64_t scale, int64_t *v)
{
    int i = 0, group = 0, commas = 0;
    *v = 0;
    for (; s[i] && s[i] != '.'; i++) {
        if (s[i] == ',') {
            if (group == 0 || (commas && group != 3) || (!commas && group > 3))
                return -1;
            commas++;
            group = 0;
            continue;
        }
        if (!isdigit((unsigned char)s[i]))
            return -1;
        if (*v > (INT64_MAX / scale - 9) / 10)
            return -2;
        *v = *v * 10 + (s[i] - '0');
        group++;
    }
    if (commas && group != 3)
        return -1;
    return i;
}

/* The decimals after p[used] ('.' or end): 0 with *frac and *digits, -1
 * for bad syntax. */
static int parse_fraction(const char *p, int used, int places, int64_t *frac,
                          int *digits)
{
    *frac = 0;
    *digits = 0;
    if (used < 0)
        return -1;
    if (p[used] == '.') {
        const char *q = p + used + 1;
        for (; isdigit((unsigned char)q[*digits]); (*digits)++)
            if (*digits < places)
                *frac = *frac * 10 + (q[*digits] - '0');
        if (q[*digits] != '\0' || *digits == 0)
            return -1;
    }
    if (used == 0 && *digits == 0)
        return -1;
    if (*digits < places)
        *frac *= pow10i(places - *digits);
    return 0;
}

int tcrm_decimal_read(const char *text, const char *field, int places,
                      int64_t *out, struct tcrm_error *err)
{
    const char *shown = tcrm_i18n_word("field", field); /* "金额", "--qty" */
    const char *s = text ? text : "";
    while (*s == ' ')
        s++;
    size_t len = strlen(s);
    while (len && s[len - 1] == ' ')
        len--;
    if (len == 0)
        return tcrm_error_field(err, TCRM_EINVAL, field, "%s: required", shown);
    char buf[64];
    if (len >= sizeof buf)
        return tcrm_error_field(err, TCRM_EINVAL, field, "%s: '%.40s...' is "
                                "not a number", shown, s);
    memcpy(buf, s, len);
    buf[len] = '\0';
    int neg = buf[0] == '-', digits;
    const char *p = buf + neg;
    int64_t scale = pow10i(places), units = 0, frac;
    int used = parse_integer(p, scale, &units);
    if (used == -2)
        return tcrm_error_field(err, TCRM_EINVAL, field, "%s: '%s' is too "
                                "large", shown, buf);
    if (parse_fraction(p, used, places, &frac, &digits))
        return tcrm_error_field(err, TCRM_EINVAL, field, "%s: '%s' is not a "
                                "number", shown, buf);
    if (digits > places)
        return tcrm_error_field(err, TCRM_EINVAL, field, "%s: '%s' has more "
                                "than %d decimals", shown, buf, places);
    if (neg)
        return tcrm_error_field(err, TCRM_EINVAL, field, "%s: must not be "
                                "negative", shown);
    *out = units * scale + frac;
    return 0;
}

int tcrm_percent_read(const char *text, const char *field, int64_t *bp,
                      struct tcrm_error *err)
{
    int64_t v;
    int rc = tcrm_decimal_read(text, field, TCRM_PCT_PLACES, &v, err);
    if (rc)
        return rc;
    if (v > 10000)
        return tcrm_error_field(err, TCRM_EINVAL, field, "%s: '%s' is over "
                                "100", tcrm_i18n_word("field", field), text);
    *bp = v;
    return 0;
}

/* "1,234,567" (or without commas) into out. */
static void format_integer(uint64_t v, int group, char *out, size_t cap)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)v);
    size_t g = 0;
    for (int i = 0; i < n && g + 2 < cap; i++) {
        if (group && i > 0 && (n - i) % 3 == 0)
            out[g++] = ',';
        out[g++] = digits[i];
    }
    if (cap)
        out[g < cap ? g : cap - 1] = '\0';
}

void tcrm_decimal_format(int64_t v, int places, int group, char *out,
                         size_t cap)
{
    uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    uint64_t scale = (uint64_t)pow10i(places);
    char whole[48], frac[24] = "";
    format_integer(a / scale, group, whole, sizeof whole);
    if (places > 0 && places < 10 && a % scale) {
        snprintf(frac, sizeof frac, ".%0*u", places, (unsigned)(a % scale));
        size_t len = strlen(frac);
        while (frac[len - 1] == '0')
            frac[--len] = '\0';
    }
    if (cap)
        snprintf(out, cap, "%s%s%s", v < 0 ? "-" : "", whole, frac);
}

/* The field names the parsers are given that a person reads in their
 * own language (options such as --qty stay as they are typed). */
static const char *const field_words[] = {
    NC_("field", "amount"), NC_("field", "price"), NC_("field", "discount"),
    NC_("field", "tax"),
};

int tcrm_money_parse(const char *text, int64_t *minor, struct tcrm_error *err)
{
    (void)field_words;
    return tcrm_decimal_read(text, "amount", TCRM_MONEY_PLACES, minor, err);
}

void tcrm_money_format(int64_t minor, const char *currency, char *out,
                       size_t outsz)
{
    uint64_t v = minor < 0 ? (uint64_t)0 - (uint64_t)minor : (uint64_t)minor;
    char whole[48];
    format_integer(v / 100, 1, whole, sizeof whole);
    if (outsz == 0)
        return;
    snprintf(out, outsz, "%s%s.%02u%s%s", minor < 0 ? "-" : "", whole,
             (unsigned)(v % 100), currency && *currency ? " " : "",
             currency ? currency : "");
}

int tcrm_currency_check(char *code, struct tcrm_error *err)
{
    const char *c = code ? code : "";
    int ok = strlen(c) == 3;
    for (int i = 0; ok && i < 3; i++)
        ok = isalpha((unsigned char)c[i]) != 0;
    if (!ok)
        return tcrm_error_field(err, TCRM_EINVAL, "currency", "currency: "
                                "'%.20s' is not a 3-letter code", c);
    for (int i = 0; i < 3; i++)
        code[i] = (char)toupper((unsigned char)code[i]);
    return 0;
}

/* ---- the rounding rule ------------------------------------------------ */

/* num / den rounded half away from zero; den > 0. */
static wide div_round(wide num, wide den)
{
    wide q = num / den, r = num % den;
    if (2 * (r < 0 ? -r : r) >= den)
        q += num < 0 ? -1 : 1;
    return q;
}

/* A line amount must stay far from INT64_MAX so that documents of many
 * lines still sum exactly: 10^15 minor units (10^13 in the currency). */
#define LINE_MAX ((wide)1000000000000000LL)

int tcrm_money_line(const struct tcrm_line_in *in,
                    struct tcrm_line_amounts *out, struct tcrm_error *err)
{
    const wide hundred = 10000;                 /* 100 % in basis points */
    if (in->qty > 1000000000000LL || in->price > LINE_MAX ||
        in->qty < -1000000000000LL || in->price < -LINE_MAX)
        return tcrm_error_field(err, TCRM_EINVAL, "quantity", "quantity: "
                                "the line's amount is too large");
    wide base = (wide)in->qty * in->price * (hundred - in->discount);
    wide amount = div_round(base, (wide)1000 * hundred);
    wide net, gross, other;
    if (in->gross) {
        gross = amount;
        net = div_round(gross * hundred, hundred + in->tax);
        other = div_round((wide)in->price * hundred, hundred + in->tax);
    } else {
        net = amount;
        gross = net + div_round(net * in->tax, hundred);
        other = div_round((wide)in->price * (hundred + in->tax), hundred);
    }
    if (gross > LINE_MAX || gross < -LINE_MAX)
        return tcrm_error_field(err, TCRM_EINVAL, "quantity", "quantity: "
                                "the line's amount is too large");
    out->net = (int64_t)net;
    out->gross = (int64_t)gross;
    out->tax = out->gross - out->net;
    out->unit_net = in->gross ? (int64_t)other : in->price;
    out->unit_gross = in->gross ? in->price : (int64_t)other;
    return 0;
}

/* ---- 大写金额 ----------------------------------------------------------- */

struct caps {
    char *out;
    size_t cap, len;
    int full;
};

static void put(struct caps *c, const char *s)
{
    size_t n = strlen(s);
    if (c->len + n + 1 > c->cap) {
        c->full = 1;
        return;
    }
    memcpy(c->out + c->len, s, n + 1);
    c->len += n;
}

static const char *const cn_digit[] = { "零", "壹", "贰", "叁", "肆", "伍",
                                        "陆", "柒", "捌", "玖" };

/* One group of four digits (1..9999): zeros inside become one 零. */
static void caps_group(struct caps *c, int v)
{
    static const char *const unit[] = { "", "拾", "佰", "仟" };
    static const int pow[] = { 1, 10, 100, 1000 };
    int printed = 0, zero = 0;
    for (int pos = 3; pos >= 0; pos--) {
        int d = v / pow[pos] % 10;
        if (d == 0) {
            zero = printed;
            continue;
        }
        if (zero)
            put(c, "零");
        zero = 0;
        put(c, cn_digit[d]);
        put(c, unit[pos]);
        printed = 1;
    }
}

/* The yuan: groups of four digits with 万, 亿, 万亿; a gap of zeros
 * between groups is one 零. Returns 1 when anything was written. */
static int caps_yuan(struct caps *c, int64_t yuan)
{
    int g[5], started = 0, gap = 0;
    for (int s = 0; s < 5; s++, yuan /= 10000)
        g[s] = (int)(yuan % 10000);
    for (int s = 4; s >= 0; s--) {
        if (g[s] == 0) {
            gap = started;
            continue;
        }
        if (started && (gap || g[s] < 1000))
            put(c, "零");
        gap = 0;
        caps_group(c, g[s]);
        if (s == 1 || s == 3)
            put(c, s == 3 && g[2] == 0 ? "万亿" : "万");
        else if (s == 2 || s == 4)
            put(c, s == 4 ? "亿亿" : "亿");
        started = 1;
    }
    if (started)
        put(c, "元");
    return started;
}

int tcrm_money_capitals(int64_t minor, char *out, size_t cap)
{
    struct caps c = { out, cap, 0, 0 };
    if (minor < 0 || cap == 0)
        return -1;
    out[0] = '\0';
    int yuan = caps_yuan(&c, minor / 100);
    int jiao = (int)(minor / 10 % 10), fen = (int)(minor % 10);
    if (!jiao && !fen) {
        put(&c, yuan ? "整" : "零元整");
    } else {
        if (jiao) {
            put(&c, cn_digit[jiao]);
            put(&c, "角");
        }
        if (fen) {
            if (!jiao && yuan)
                put(&c, "零");
            put(&c, cn_digit[fen]);
            put(&c, "分");
        }
    }
    return c.full ? -1 : 0;
}
