/*
 * order_internal.h: what order.c, order_line.c and delivery.c share.
 * Only src/core.
 */
#ifndef TCRM_ORDER_INTERNAL_H
#define TCRM_ORDER_INTERNAL_H

#include "quote_internal.h"
#include "tcrm/order.h"

/* What the live delivery notes ship of order line `line` (an SQL
 * expression naming its id), in thousandths. The one place that says. */
#define TCRM_ORDER_SHIPPED(line)                                           \
    "(SELECT coalesce(sum(dl.qty_milli), 0) FROM delivery_lines dl"        \
    " JOIN deliveries dv ON dv.id = dl.delivery_id"                        \
    " WHERE dl.order_line_id = " line " AND dv.deleted_at IS NULL)"

/* Insert o as a new open order (links checked, numbered); inside the
 * caller's transaction. Fills o->id, o->number, o->version. */
int tcrm_order_insert_row(struct tcrm_db *db, struct tcrm_order *o,
                          const char *pattern, struct tcrm_error *err);
/* Bump o's version (the guards of access.c decide), setting state and
 * approval when not NULL; TCRM_ECONFLICT when o->version is stale. */
int tcrm_order_bump(struct tcrm_db *db, const struct tcrm_order *o,
                    const char *state, const char *approval,
                    struct tcrm_error *err);

#endif
