/*
 * delivery.h: delivery notes (发货单): what is shipped of a confirmed
 * order's lines, several notes per order (order.h says the rules).
 *
 * A note names order lines by their position on the order (line 2) and a
 * quantity in thousandths; none at all ships everything still to ship.
 * It is refused, whole, in one line, when the order is not confirmed,
 * names a line the order does not have or names it twice, or ships more
 * of a line than is left ("line 2 of order O2026-0001: 5 to ship, 3
 * left"). Adding a note bumps its order's version (the guards of
 * access.c decide who may ship it; the audit trail says 'ship'). A note
 * carries its order's customer and deal, so it is seen with them; its
 * owner is who made it. Trashing a note gives its quantities back to
 * what is left to ship.
 */
#ifndef TCRM_DELIVERY_H
#define TCRM_DELIVERY_H

#include "tcrm/order.h"

struct tcrm_delivery_item {
    int position;           /* the order line's position */
    int64_t qty;            /* thousandths, > 0 */
};

struct tcrm_delivery {
    int64_t id, version, order_id;
    char *number, *order_number, *quote_number, *owner;
    char *company_name, *contact_name, *deal_title;
    int64_t n_lines;
    struct tcrm_stamp stamp;
};

/* A line of a note, or (tcrm_delivery_pending) a line still to ship. */
struct tcrm_delivery_line {
    int64_t order_id, order_line_id;
    int position;
    char *order_number, *customer, *description, *unit, *product_code;
    int64_t qty;            /* on this note (pending: 0) */
    int64_t ordered;        /* the order line's quantity */
    int64_t shipped;        /* on all live notes, this one included */
};

void tcrm_delivery_clear(struct tcrm_delivery *d);
void tcrm_delivery_array_free(struct tcrm_delivery *a, size_t n);
void tcrm_delivery_lines_free(struct tcrm_delivery_line *a, size_t n);

/* Ship items (n 0: everything left) of order order_id on a new note
 * numbered by pattern (NULL: D%Y-%04n); *id. */
int tcrm_delivery_add(struct tcrm_db *db, int64_t order_id,
                      const struct tcrm_delivery_item *items, size_t n,
                      const char *pattern, int64_t *id,
                      struct tcrm_error *err);
int tcrm_delivery_get(struct tcrm_db *db, int64_t id,
                      struct tcrm_delivery *out, struct tcrm_error *err);
/* By id ("12") or number ("D2026-0001"), as tcrm_quote_find. */
int tcrm_delivery_find(struct tcrm_db *db, const char *ref, int64_t *id,
                       struct tcrm_error *err);
int tcrm_delivery_lines(struct tcrm_db *db, int64_t id,
                        struct tcrm_delivery_line **out, size_t *n,
                        struct tcrm_error *err);
/* Notes the session sees, newest first (ids below before, 0: all). */
int tcrm_delivery_list(struct tcrm_db *db, int64_t before, size_t limit,
                       struct tcrm_delivery **out, size_t *n,
                       struct tcrm_error *err);
/* Lines of confirmed orders the session sees with something left to
 * ship, by order and position (keyset: order lines after after_line, by
 * id; 0 from the start). */
int tcrm_delivery_pending(struct tcrm_db *db, int64_t after_line,
                          size_t limit, struct tcrm_delivery_line **out,
                          size_t *n, struct tcrm_error *err);
int tcrm_delivery_delete(struct tcrm_db *db, int64_t id,
                         struct tcrm_error *err);

#endif
