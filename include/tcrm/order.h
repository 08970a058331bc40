/*
 * order.h: sales orders (销售订单): a customer, lines, totals, a state, an
 * approval; and their delivery notes (发货单).
 *
 * An order is made from an accepted quote (its customer, deal, currency
 * and lines copied; one live order per quote, cancelled ones aside) or
 * from nothing (`add`), and is owned and seen like a quote (access.h).
 * Numbers come from a pattern as quotes' do (quote.h; tcrm.conf [sales]
 * order_number, default "O%Y-%04n"), counted apart from quotes.
 *
 * States: open -> confirmed | cancelled. Lines are added to an open
 * order only; they are struct tcrm_quote_line (quote.h), quote_id being
 * the order's id, with the amounts of the one rounding rule (money.h).
 *
 * Approval (审批时的价格折扣控制): the caller passes the limit, [sales]
 * max_discount of tcrm.conf in hundredths of a percent. A line written
 * with a larger discount leaves the order waiting for approval; it
 * cannot be confirmed ("order O2026-0001 waits for a manager's approval
 * (a discount above 10%)") until a manager or an admin approves it
 * (tcrm_order_approve: TCRM_EPERM for anyone else, the rule of
 * access.c). A line above the limit added after an approval makes it
 * wait again.
 *
 * Delivery notes ship parts of a confirmed order: each names order lines
 * and quantities; several notes per order. A line's shipped quantity is
 * the sum over its live notes; shipping more than what is left is
 * refused ("line 2 of order O2026-0001: 5 to ship, 3 left"). Numbers:
 * [sales] delivery_number, default "D%Y-%04n".
 */
#ifndef TCRM_ORDER_H
#define TCRM_ORDER_H

#include "tcrm/quote.h"

#define TCRM_ORDER_NUMBER_DEFAULT "O%Y-%04n"
#define TCRM_DELIVERY_NUMBER_DEFAULT "D%Y-%04n"

enum tcrm_order_state { TCRM_ORDER_OPEN, TCRM_ORDER_CONFIRMED,
                        TCRM_ORDER_CANCELLED };
enum tcrm_order_approval { TCRM_APPROVAL_NONE, TCRM_APPROVAL_WAITING,
                           TCRM_APPROVAL_APPROVED };
/* "open", "confirmed", "cancelled" / "none", "waiting", "approved":
 * stored English keys, shown with tcrm_i18n_word("order state", name)
 * and ("approval", name); parse: -1 unknown. */
const char *tcrm_order_state_name(int state);
int tcrm_order_state_parse(const char *name);
const char *tcrm_order_approval_name(int approval);

struct tcrm_order {
    int64_t id, version;
    char *number;
    int64_t company_id, contact_id, deal_id;    /* company or contact */
    char *currency;
    /* read-only */
    int64_t quote_id;
    int state, approval;
    char *quote_number, *approved_by, *approved_at, *confirmed_at,
         *cancelled_at, *owner, *company_name, *contact_name, *deal_title;
    int64_t net, tax, gross, n_lines;
    int64_t max_discount;          /* the largest discount of its lines */
    int64_t ordered, shipped;      /* thousandths, all lines: ordered, and
                                      shipped on live delivery notes */
    struct tcrm_stamp stamp;
};

void tcrm_order_init(struct tcrm_order *o);
void tcrm_order_clear(struct tcrm_order *o);
void tcrm_order_array_free(struct tcrm_order *a, size_t n);

/* A new open order without lines (as tcrm_quote_insert). */
int tcrm_order_insert(struct tcrm_db *db, struct tcrm_order *o,
                      const char *pattern, struct tcrm_error *err);
/* A new open order from accepted quote quote_id, its lines copied, with
 * discounts checked against limit (hundredths of a percent); *id.
 * Errors: "quote Q2026-0002 is sent: only an accepted quote becomes an
 * order", "quote Q2026-0001 is already ordered: order O2026-0001". */
int tcrm_order_from_quote(struct tcrm_db *db, int64_t quote_id,
                          const char *pattern, int64_t limit, int64_t *id,
                          struct tcrm_error *err);
/* The accepted quote of deal id with no live order yet, the newest
 * (*quote_id 0 when none). */
int tcrm_order_deal_quote(struct tcrm_db *db, int64_t deal_id,
                          int64_t *quote_id, struct tcrm_error *err);
int tcrm_order_get(struct tcrm_db *db, int64_t id, struct tcrm_order *out,
                   struct tcrm_error *err);
/* By id ("12") or number ("O2026-0001"), as tcrm_quote_find. */
int tcrm_order_find(struct tcrm_db *db, const char *ref, int64_t *id,
                    struct tcrm_error *err);
/* The lines in order, with what was shipped of each. */
int tcrm_order_lines(struct tcrm_db *db, int64_t id,
                     struct tcrm_quote_line **out, size_t *n,
                     struct tcrm_error *err);
/* Add l to open order l->quote_id (as tcrm_quote_add_line); a discount
 * above limit makes the order wait for approval. */
int tcrm_order_add_line(struct tcrm_db *db, struct tcrm_quote_line *l,
                        const char *product_code, int64_t limit,
                        struct tcrm_price_source *src,
                        struct tcrm_error *err);
/* waiting -> approved: managers and admins only (TCRM_EPERM). */
int tcrm_order_approve(struct tcrm_db *db, int64_t id,
                       struct tcrm_error *err);
/* open -> confirmed (needs a line, no approval waiting) or cancelled
 * (open, or confirmed with nothing shipped). */
int tcrm_order_set_state(struct tcrm_db *db, int64_t id, int state,
                         struct tcrm_error *err);
int tcrm_order_delete(struct tcrm_db *db, int64_t id, struct tcrm_error *err);
/* A keyset page of orders, as tcrm_quote_page. */
int tcrm_order_page(struct tcrm_db *db, const struct tcrm_doc_filter *f,
                    int64_t after, int backwards, size_t limit,
                    struct tcrm_order **out, size_t *n, int *more,
                    struct tcrm_error *err);
int tcrm_order_count(struct tcrm_db *db, const struct tcrm_doc_filter *f,
                     int64_t *n, struct tcrm_error *err);
/* Orders the session sees, newest first (as tcrm_quote_list); state -1
 * any. */
int tcrm_order_list(struct tcrm_db *db, int state, int64_t before,
                    size_t limit, struct tcrm_order **out, size_t *n,
                    struct tcrm_error *err);

#endif
