/*
 * doc_delivery.c: the printable delivery note (tcrm/document.h): the
 * order's customer, the lines shipped on this note, how many were
 * ordered and how many are still to ship now; no prices (a note goes
 * with the goods). CSV: its lines, English headers, plain quantities.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_internal.h"
#include "tcrm/delivery.h"

#define NOTE_COLS 6

static char *qty(int64_t v)
{
    char buf[48];
    tcrm_decimal_format(v, TCRM_QTY_PLACES, 1, buf, sizeof buf);
    return strdup(buf);
}

static void note_table(struct doc_fill *f, const struct tcrm_delivery_line *l,
                       size_t n)
{
    const struct doc_col cols[NOTE_COLS] = {
        { "#", 1, 0 }, { _("Item"), 0, 1 }, { _("Unit"), 0, 0 },
        { _("Ordered"), 1, 0 }, { _("This note"), 1, 0 },
        { _("Still to ship"), 1, 0 },
    };
    char **cells = calloc(n ? n * NOTE_COLS : 1, sizeof *cells);
    if (!cells) {
        f->rc = TCRM_ENOMEM;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char **c = cells + i * NOTE_COLS, pos[16];
        snprintf(pos, sizeof pos, "%d", l[i].position);
        c[0] = strdup(pos);
        c[1] = strdup(l[i].description ? l[i].description : "");
        c[2] = strdup(l[i].unit ? l[i].unit : "");
        c[3] = qty(l[i].ordered);
        c[4] = qty(l[i].qty);
        c[5] = qty(l[i].ordered - l[i].shipped);
        for (int k = 0; k < NOTE_COLS; k++)
            if (!c[k])
                f->rc = TCRM_ENOMEM;
    }
    if (f->rc == 0)
        doc_table(f, cols, NOTE_COLS, cells, n);
    for (size_t i = 0; i < n * NOTE_COLS; i++)
        free(cells[i]);
    free(cells);
}

static int note_csv(struct tcrm_doc *out, const struct tcrm_delivery_line *l,
                    size_t n)
{
    static const char *const head[] = { "position", "code", "description",
        "unit", "qty", "ordered", "left" };
    int rc = doc_csv(out, head, 7);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char v[4][48];
        snprintf(v[0], sizeof v[0], "%d", l[i].position);
        tcrm_decimal_format(l[i].qty, TCRM_QTY_PLACES, 0, v[1], sizeof v[1]);
        tcrm_decimal_format(l[i].ordered, TCRM_QTY_PLACES, 0, v[2],
                            sizeof v[2]);
        tcrm_decimal_format(l[i].ordered - l[i].shipped, TCRM_QTY_PLACES, 0,
                            v[3], sizeof v[3]);
        const char *row[] = { v[0], l[i].product_code, l[i].description,
                              l[i].unit, v[1], v[2], v[3] };
        rc = doc_csv(out, row, 7);
    }
    return rc;
}

static void note_values(struct doc_fill *f, const struct tcrm_config *cfg,
                        const struct tcrm_delivery *d)
{
    doc_set_company(f, cfg);
    doc_set(f, "number", d->number);
    doc_set_day(f, "date", d->stamp.created_at);
    doc_set(f, "order", d->order_number);
    doc_set(f, "quote", d->quote_number);
    doc_set(f, "owner", d->owner);
    doc_set(f, "deal", d->deal_title);
    doc_set(f, "customer", d->company_name ? d->company_name
                                           : d->contact_name);
    doc_set(f, "customer_company", d->company_name);
    doc_set(f, "customer_contact", d->contact_name);
}

int doc_delivery(struct tcrm_db *db, const struct tcrm_config *cfg,
                 int64_t id, int csv, struct tcrm_doc *out,
                 struct tcrm_error *err)
{
    struct tcrm_delivery d;
    struct tcrm_delivery_line *l = NULL;
    struct doc_fill f;
    char *path = NULL;
    size_t n = 0;
    int rc = tcrm_delivery_get(db, id, &d, err);
    if (rc)
        return rc;
    if ((rc = tcrm_delivery_lines(db, id, &l, &n, err)) == 0 && csv) {
        if ((rc = note_csv(out, l, n)))
            tcrm_error_set(err, rc, "out of memory");
    } else if (rc == 0 && (rc = tcrm_document_template("delivery", &path,
                                                       err)) == 0) {
        doc_fill_init(&f);
        note_values(&f, cfg, &d);
        note_table(&f, l, n);
        rc = doc_template_fill(path, &f, out, err);
        doc_fill_free(&f);
    }
    free(path);
    tcrm_delivery_lines_free(l, n);
    tcrm_delivery_clear(&d);
    return rc;
}
