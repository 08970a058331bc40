/*
 * doc_sales.c: the printable quote (and the lines every priced document
 * shares): tcrm_document_make (tcrm/document.h).
 *
 * Every figure comes from the core, computed once by the rounding rule of
 * tcrm/money.h: a line's price before tax, its net amount, the totals;
 * nothing here adds or rounds money. The text speaks the interface's
 * language (the heads of the table); CSV stays English with plain
 * decimals, one row per line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_internal.h"
#include "tcrm/order.h"
#include "tcrm/quote.h"

/* ---- the lines of a quote or an order ------------------------------------- */

static char *dec(int64_t v, int places, int group, const char *suffix)
{
    char buf[64];
    tcrm_decimal_format(v, places, group, buf, sizeof buf - 2);
    strcat(buf, suffix);
    return strdup(buf);
}

static char *money(int64_t minor)
{
    char buf[64];
    tcrm_money_format(minor, NULL, buf, sizeof buf);
    return strdup(buf);
}

#define PRICED_COLS 8

void doc_priced_table(struct doc_fill *f, const struct tcrm_quote_line *l,
                      size_t n)
{
    const struct doc_col cols[PRICED_COLS] = {
        { "#", 1, 0 }, { _("Item"), 0, 1 }, { _("Qty"), 1, 0 },
        { _("Unit"), 0, 0 }, { _("Price"), 1, 0 }, { _("Less"), 1, 0 },
        { _("Tax"), 1, 0 }, { _("Amount"), 1, 0 },
    };
    char **cells = calloc(n ? n * PRICED_COLS : 1, sizeof *cells);
    if (!cells) {
        f->rc = TCRM_ENOMEM;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char **c = cells + i * PRICED_COLS;
        char pos[16];
        snprintf(pos, sizeof pos, "%d", l[i].position);
        c[0] = strdup(pos);
        c[1] = strdup(l[i].description ? l[i].description : "");
        c[2] = dec(l[i].in.qty, TCRM_QTY_PLACES, 1, "");
        c[3] = strdup(l[i].unit ? l[i].unit : "");
        c[4] = money(l[i].am.unit_net);
        c[5] = l[i].in.discount ? dec(l[i].in.discount, TCRM_PCT_PLACES, 0,
                                      "%") : strdup("");
        c[6] = dec(l[i].in.tax, TCRM_PCT_PLACES, 0, "%");
        c[7] = money(l[i].am.net);
        for (int k = 0; k < PRICED_COLS; k++)
            if (!c[k])
                f->rc = TCRM_ENOMEM;
    }
    if (f->rc == 0)
        doc_table(f, cols, PRICED_COLS, cells, n);
    for (size_t i = 0; i < n * PRICED_COLS; i++)
        free(cells[i]);
    free(cells);
}

int doc_priced_csv(struct tcrm_doc *out, const struct tcrm_quote_line *l,
                   size_t n, const char *currency)
{
    static const char *const head[] = { "position", "code", "description",
        "qty", "unit", "price", "price_includes_tax", "discount", "tax_rate",
        "net", "tax", "gross", "currency" };
    int rc = doc_csv(out, head, 13);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char v[9][48];
        int64_t num[] = { l[i].in.qty, l[i].in.price, l[i].in.discount,
                          l[i].in.tax, l[i].am.net, l[i].am.tax,
                          l[i].am.gross };
        int places[] = { TCRM_QTY_PLACES, 2, 2, 2, 2, 2, 2 };
        snprintf(v[0], sizeof v[0], "%d", l[i].position);
        for (int k = 0; k < 7; k++)
            tcrm_decimal_format(num[k], places[k], 0, v[1 + k], sizeof v[0]);
        const char *row[] = { v[0], l[i].product_code, l[i].description,
            v[1], l[i].unit, v[2], l[i].in.gross ? "1" : "0", v[3], v[4],
            v[5], v[6], v[7], currency };
        rc = doc_csv(out, row, 13);
    }
    return rc;
}

/* ---- the quote ---------------------------------------------------------------- */

static void quote_values(struct doc_fill *f, const struct tcrm_config *cfg,
                         const struct tcrm_quote *q)
{
    doc_set_company(f, cfg);
    doc_set(f, "number", q->number);
    doc_set_day(f, "date", q->stamp.created_at);
    doc_set(f, "valid_until", q->valid_until);
    doc_set(f, "state", tcrm_i18n_word("quote state",
                                       tcrm_quote_state_name(q->state)));
    doc_set(f, "owner", q->owner);
    doc_set(f, "currency", q->currency);
    doc_set(f, "deal", q->deal_title);
    doc_set(f, "quote", q->number);
    doc_set(f, "customer", q->company_name ? q->company_name
                                           : q->contact_name);
    doc_set(f, "customer_company", q->company_name);
    doc_set(f, "customer_contact", q->contact_name);
    doc_set_totals(f, q->net, q->tax, q->gross, q->currency);
}

int doc_quote(struct tcrm_db *db, const struct tcrm_config *cfg, int64_t id,
              int csv, struct tcrm_doc *out, struct tcrm_error *err)
{
    struct tcrm_quote q;
    struct tcrm_quote_line *l = NULL;
    struct doc_fill f;
    char *path = NULL;
    size_t n = 0;
    int rc = tcrm_quote_get(db, id, &q, err);
    if (rc)
        return rc;
    if ((rc = tcrm_quote_lines(db, id, &l, &n, err)) == 0 && csv) {
        if ((rc = doc_priced_csv(out, l, n, q.currency)))
            tcrm_error_set(err, rc, "out of memory");
    } else if (rc == 0 && (rc = tcrm_document_template("quote", &path,
                                                       err)) == 0) {
        doc_fill_init(&f);
        quote_values(&f, cfg, &q);
        doc_priced_table(&f, l, n);
        rc = doc_template_fill(path, &f, out, err);
        doc_fill_free(&f);
    }
    free(path);
    tcrm_quote_lines_free(l, n);
    tcrm_quote_clear(&q);
    return rc;
}

/* ---- the order ---------------------------------------------------------------- */

static void order_values(struct doc_fill *f, const struct tcrm_config *cfg,
                         const struct tcrm_order *o)
{
    doc_set_company(f, cfg);
    doc_set(f, "number", o->number);
    doc_set(f, "order", o->number);
    doc_set_day(f, "date", o->stamp.created_at);
    doc_set(f, "valid_until", NULL);
    doc_set(f, "state", tcrm_i18n_word("order state",
                                       tcrm_order_state_name(o->state)));
    doc_set(f, "owner", o->owner);
    doc_set(f, "currency", o->currency);
    doc_set(f, "deal", o->deal_title);
    doc_set(f, "quote", o->quote_number);
    doc_set(f, "customer", o->company_name ? o->company_name
                                           : o->contact_name);
    doc_set(f, "customer_company", o->company_name);
    doc_set(f, "customer_contact", o->contact_name);
    doc_set_totals(f, o->net, o->tax, o->gross, o->currency);
}

int doc_order(struct tcrm_db *db, const struct tcrm_config *cfg, int64_t id,
              int csv, struct tcrm_doc *out, struct tcrm_error *err)
{
    struct tcrm_order o;
    struct tcrm_quote_line *l = NULL;
    struct doc_fill f;
    char *path = NULL;
    size_t n = 0;
    int rc = tcrm_order_get(db, id, &o, err);
    if (rc)
        return rc;
    if ((rc = tcrm_order_lines(db, id, &l, &n, err)) == 0 && csv) {
        if ((rc = doc_priced_csv(out, l, n, o.currency)))
            tcrm_error_set(err, rc, "out of memory");
    } else if (rc == 0 && (rc = tcrm_document_template("order", &path,
                                                       err)) == 0) {
        doc_fill_init(&f);
        order_values(&f, cfg, &o);
        doc_priced_table(&f, l, n);
        rc = doc_template_fill(path, &f, out, err);
        doc_fill_free(&f);
    }
    free(path);
    tcrm_quote_lines_free(l, n);
    tcrm_order_clear(&o);
    return rc;
}

/* ---- the entry ---------------------------------------------------------------- */

int tcrm_document_make(struct tcrm_db *db, const struct tcrm_config *cfg,
                       const char *kind, int64_t id,
                       enum tcrm_report_format format, struct tcrm_doc *out,
                       struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    tcrm_doc_init(out);
    int csv = format == TCRM_REPORT_CSV;
    if (strcmp(kind, "quote") == 0)
        return doc_quote(db, cfg, id, csv, out, err);
    if (strcmp(kind, "order") == 0)
        return doc_order(db, cfg, id, csv, out, err);
    if (strcmp(kind, "delivery") == 0)
        return doc_delivery(db, cfg, id, csv, out, err);
    return tcrm_error_set(err, TCRM_EINVAL, "document '%s': unknown (known: "
                          "quote, order, delivery)", kind);
}
