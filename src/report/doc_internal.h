/*
 * doc_internal.h: what the printable documents of src/report share
 * (document.h): the values a template's placeholders take, filling a
 * template, the table of lines laid out at display width, CSV lines.
 *
 * A struct doc_fill collects the placeholders of one document (key and
 * value, copied, sanitized: a newline in a stored name never breaks the
 * layout) and the lines of its {lines} table; doc_template_fill writes
 * the filled template into a struct tcrm_doc. Errors are sticky (rc), so
 * a document is a straight list of steps checked once at the end.
 */
#ifndef TCRM_DOC_INTERNAL_H
#define TCRM_DOC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "tcrm/document.h"
#include "tcrm/i18n.h"
#include "tcrm/quote.h"
#include "tcrm/strbuf.h"

#define DOC_MAX_VARS 40

struct doc_fill {
    const char *keys[DOC_MAX_VARS];
    char *values[DOC_MAX_VARS];
    size_t n;
    struct tcrm_doc lines;      /* {lines} */
    int rc;                     /* sticky: TCRM_ENOMEM */
};

void doc_fill_init(struct doc_fill *f);
void doc_fill_free(struct doc_fill *f);
/* Set placeholder key (a literal) to value (NULL: empty). */
void doc_set(struct doc_fill *f, const char *key, const char *value);
/* Money in figures with thousands commas, no currency ("1,234.50"). */
void doc_set_money(struct doc_fill *f, const char *key, int64_t minor);
/* Our company (tcrm.conf [company]) and the totals: {net}, {tax},
 * {gross}, {gross_capitals} (CNY only). */
void doc_set_company(struct doc_fill *f, const struct tcrm_config *cfg);
void doc_set_totals(struct doc_fill *f, int64_t net, int64_t tax,
                    int64_t gross, const char *currency);
/* "2026-11-20" of a stored time ("" for NULL). */
void doc_set_day(struct doc_fill *f, const char *key, const char *stamp);
/* Append a line to a document: 0 or TCRM_ENOMEM. */
int doc_push(struct tcrm_doc *d, const char *line);

/* Fill the template at path into out (see document.h for the rules). */
int doc_template_fill(const char *path, const struct doc_fill *f,
                      struct tcrm_doc *out, struct tcrm_error *err);

/* A column of the lines' table: its head (translated by the caller),
 * right-aligned or not; the one flex column wraps its text. */
struct doc_col {
    const char *head;
    int right, flex;
};
/* Lay out rows x ncols cells (NULL: empty) in TCRM_DOCUMENT_WIDTH
 * columns into f->lines: heads, a rule, the rows. */
void doc_table(struct doc_fill *f, const struct doc_col *cols, int ncols,
               char *const *cells, size_t rows);

/* One CSV line of n cells (the one cell rule of csvcell.h) into d. */
int doc_csv(struct tcrm_doc *d, const char *const *cells, size_t n);
/* The same, the cells from column num on being numbers written as they
 * are (a negative balance is not a formula). */
int doc_csv_numbers(struct tcrm_doc *d, const char *const *cells, size_t n,
                    size_t num);

/* The lines of a quote or an order (doc_sales.c): the table (#, item,
 * qty, unit, price before tax, discount, tax rate, net amount) into
 * f->lines, or CSV rows under an English header into out. */
void doc_priced_table(struct doc_fill *f, const struct tcrm_quote_line *l,
                      size_t n);
int doc_priced_csv(struct tcrm_doc *out, const struct tcrm_quote_line *l,
                   size_t n, const char *currency);

/* The documents (doc_sales.c, doc_delivery.c). */
int doc_quote(struct tcrm_db *db, const struct tcrm_config *cfg, int64_t id,
              int csv, struct tcrm_doc *out, struct tcrm_error *err);
int doc_order(struct tcrm_db *db, const struct tcrm_config *cfg, int64_t id,
              int csv, struct tcrm_doc *out, struct tcrm_error *err);
int doc_delivery(struct tcrm_db *db, const struct tcrm_config *cfg,
                 int64_t id, int csv, struct tcrm_doc *out,
                 struct tcrm_error *err);

#endif
