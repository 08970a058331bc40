/*
 * product.h: the product catalogue (商品).
 *
 * A product has a code and a name (a spec and a unit if wanted), a price
 * per unit before tax in integer minor units of its currency, and a tax
 * rate in hundredths of a percent (13 % is 1300; tcrm/money.h). The
 * catalogue belongs to the office: products have no owner and everyone
 * sees them. Deleting moves to the trash ("product/7").
 *
 * Duplicates are refused, trash included (restore the old one rather
 * than make it again), with TCRM_EDUP and err->field "code" or "name":
 *   "product code 'A-1' already exists (product 3, Widget)"
 *   "product 'Widget' (spec '10 mm') already exists: code A-1"
 *   "... is in the trash: tcrm restore product/3"
 * Codes, names and specs compare without regard to ASCII case, after
 * leading and trailing spaces are trimmed.
 */
#ifndef TCRM_PRODUCT_H
#define TCRM_PRODUCT_H

#include "tcrm/db.h"
#include "tcrm/entity.h"

struct tcrm_product {
    int64_t id, version;
    char *code, *name, *spec, *unit, *currency;
    int64_t price_minor;     /* per unit, before tax */
    int64_t tax_rate;        /* hundredths of a percent, 0..10000 */
    struct tcrm_stamp stamp; /* read-only */
};

void tcrm_product_init(struct tcrm_product *p);
void tcrm_product_clear(struct tcrm_product *p);

/* Errors: "code: required", "name: required", "price: must not be
 * negative", "tax: '101' is over 100", "currency: 'eu' is not a
 * 3-letter code", the duplicates above. Fills p->id and p->version. */
int tcrm_product_insert(struct tcrm_db *db, struct tcrm_product *p,
                        struct tcrm_error *err);
/* The checks of insert and update without the database (trims p's texts,
 * upper-cases its currency): the errors above but the duplicates. */
int tcrm_product_validate(struct tcrm_product *p, struct tcrm_error *err);
/* The product p would duplicate (same code, or same name and spec), for
 * an import: *id 0 when none, else the live one's id. A product in the
 * trash, or a code of one product with the name and spec of another, is
 * TCRM_EDUP with the messages above. */
int tcrm_product_dup(struct tcrm_db *db, const struct tcrm_product *p,
                     int64_t *id, struct tcrm_error *err);
/* Write p back if p->version is still the stored one (else
 * TCRM_ECONFLICT); 1 when nothing changed (nothing written). */
int tcrm_product_update(struct tcrm_db *db, struct tcrm_product *p,
                        struct tcrm_error *err);
int tcrm_product_get(struct tcrm_db *db, int64_t id, struct tcrm_product *out,
                     struct tcrm_error *err);
/* The live product with this code: TCRM_ENOTFOUND "product 'X1': not
 * found" (field "product"). */
int tcrm_product_find(struct tcrm_db *db, const char *code,
                      struct tcrm_product *out, struct tcrm_error *err);
int tcrm_product_delete(struct tcrm_db *db, int64_t id,
                        struct tcrm_error *err);

/* Live products by code (keyset: the codes after `after`, NULL from the
 * start), at most limit. */
int tcrm_product_list(struct tcrm_db *db, const char *after, size_t limit,
                      struct tcrm_product **out, size_t *n,
                      struct tcrm_error *err);
/* The product picker's search: live products whose code starts with
 * text (trimmed; ASCII case ignored), by code, then those whose name
 * starts with it, by name and spec; at most limit in all. Two index
 * ranges, so as fast on 50,000 products as on 50 (bench/README.md). An
 * empty text: tcrm_product_list from the start. */
int tcrm_product_search(struct tcrm_db *db, const char *text, size_t limit,
                        struct tcrm_product **out, size_t *n,
                        struct tcrm_error *err);
void tcrm_product_array_free(struct tcrm_product *a, size_t n);

#endif
