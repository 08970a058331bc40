/*
 * product_import.h: the product CSV's columns (product_map.c), for the
 * product import (import_product.c). src/io only.
 */
#ifndef TCRM_PRODUCT_IMPORT_H
#define TCRM_PRODUCT_IMPORT_H

#include "tcrm/csvio.h"
#include "tcrm/product.h"

/* Headers recognised on their own; the rest unmapped (ignored). */
int tcrm_product_map_guess(const char *const *head, size_t n,
                           struct tcrm_csv_map *out, struct tcrm_error *err);
/* Code, name and price must each have a column. */
int tcrm_product_map_check(const struct tcrm_csv_map *m,
                           struct tcrm_error *err);
/* One row into p (cleared first); *have gets bit 1 << field of every
 * mapped column. Errors: "5 fields, the header has 4", a price or tax
 * that money.h does not read. Not validated beyond that. */
int tcrm_product_map_row(const struct tcrm_csv_map *m,
                         const struct tcrm_csv_row *row,
                         struct tcrm_product *p, unsigned *have,
                         struct tcrm_error *err);

#endif
