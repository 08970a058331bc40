/*
 * order_line.c: the lines of an order, orders made from quotes, and the
 * discount limit that leaves an order waiting for approval (see
 * tcrm/order.h).
 *
 * A line is completed and priced as a quote's is (tcrm_doc_line_prepare
 * of quote_line.c: the product, the price this customer last paid, the
 * rounding rule), written once and never changed (a trigger refuses);
 * adding one bumps its order's version in the same transaction, so the
 * access guards decide who may, and the audit trail records a 'line'
 * change of the order. An order from a quote copies the quote's lines as
 * they are, amounts included.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "tcrm/i18n.h"
#include "order_internal.h"

static int must_be_open(const struct tcrm_order *o, struct tcrm_error *err)
{
    if (o->state == TCRM_ORDER_OPEN)
        return 0;
    return tcrm_error_field(err, TCRM_EINVAL, "state", "order %s is %s: it "
                            "cannot be changed", o->number,
                            tcrm_i18n_word("order state", tcrm_order_state_name(o->state)));
}

static int add_line_work(struct tcrm_db *db, struct tcrm_quote_line *l,
                         const char *code, int64_t limit,
                         struct tcrm_price_source *src,
                         struct tcrm_error *err)
{
    struct tcrm_order o;
    int rc = tcrm_order_get(db, l->quote_id, &o, err);
    if (rc)
        return rc;
    struct tcrm_doc_ctx c = { o.number, o.currency, o.company_id,
                              o.contact_id, 1 };
    rc = must_be_open(&o, err);
    if (rc == 0)
        rc = tcrm_doc_line_prepare(db, &c, l, code, src, err);
    if (rc == 0)
        rc = tcrm_db_audit_action(db, "line", err);
    if (rc == 0)
        rc = tcrm_order_bump(db, &o, NULL, l->in.discount > limit
                             ? "waiting" : NULL, err);
    if (rc == 0)
        rc = tcrm_db_audit_action(db, NULL, err);
    if (rc == 0)
        rc = tcrm_doc_line_insert(db, l, 1, err);
    tcrm_order_clear(&o);
    return rc;
}

int tcrm_order_add_line(struct tcrm_db *db, struct tcrm_quote_line *l,
                        const char *product_code, int64_t limit,
                        struct tcrm_price_source *src,
                        struct tcrm_error *err)
{
    return tcrm_doc_line_add(db, l, product_code, limit, src, add_line_work,
                             err);
}

int tcrm_order_lines(struct tcrm_db *db, int64_t id,
                     struct tcrm_quote_line **out, size_t *n,
                     struct tcrm_error *err)
{
    return tcrm_doc_lines_collect(db,
        "SELECT l.id, l.order_id, " TCRM_DOC_LINE_COLS ", "
        TCRM_ORDER_SHIPPED("l.id")
        " FROM order_lines l LEFT JOIN products p ON p.id = l.product_id"
        " WHERE l.order_id = ?1"
        " AND EXISTS (SELECT 1 FROM live_orders o WHERE o.id = l.order_id)"
        " ORDER BY l.position", id, "order lines", out, n, err);
}

/* ---- from a quote ----------------------------------------------------------- */

/* The live order (not cancelled) made from quote id, if any: its number. */
static int ordered_as(struct tcrm_db *db, int64_t quote_id, char *number,
                      size_t cap, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT number FROM orders WHERE quote_id = ?1 AND deleted_at IS NULL"
        " AND state <> 'cancelled' ORDER BY id LIMIT 1", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, quote_id);
    int s = sqlite3_step(st), rc = 0;
    number[0] = '\0';
    if (s == SQLITE_ROW)
        snprintf(number, cap, "%s", (const char *)sqlite3_column_text(st, 0));
    else if (s != SQLITE_DONE)
        rc = tcrm_db_fail(db, "order", err);
    tcrm_db_done(st);
    return rc;
}

static int from_quote_work(struct tcrm_db *db, const struct tcrm_quote *q,
                           const char *pattern, int64_t limit, int64_t *id,
                           struct tcrm_error *err)
{
    char number[64];
    struct tcrm_order o;
    int rc = ordered_as(db, q->id, number, sizeof number, err);
    if (rc)
        return rc;
    if (number[0])
        return tcrm_error_field(err, TCRM_EINVAL, "quote", "quote %s is "
                                "already ordered: order %s", q->number,
                                number);
    tcrm_order_init(&o);
    o.quote_id = q->id;
    o.company_id = q->company_id;
    o.contact_id = q->contact_id;
    o.deal_id = q->deal_id;
    o.currency = q->currency;
    rc = tcrm_order_insert_row(db, &o, pattern, err);
    o.currency = NULL;
    if (rc == 0)
        rc = tcrm_doc_line_copy(db, 1, o.id, q->id, err);
    *id = o.id;
    tcrm_order_clear(&o);          /* the row as stored, lines included */
    if (rc == 0)
        rc = tcrm_order_get(db, *id, &o, err);
    if (rc == 0 && o.max_discount > limit)
        rc = tcrm_order_bump(db, &o, NULL, "waiting", err);
    tcrm_order_clear(&o);
    return rc;
}

int tcrm_order_from_quote(struct tcrm_db *db, int64_t quote_id,
                          const char *pattern, int64_t limit, int64_t *id,
                          struct tcrm_error *err)
{
    struct tcrm_error local;
    struct tcrm_quote q;
    if (!err)
        err = &local;
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = tcrm_quote_get(db, quote_id, &q, err);
    if (rc == 0 && q.state != TCRM_QUOTE_ACCEPTED)
        rc = tcrm_error_field(err, TCRM_EINVAL, "state", "quote %s is %s: "
                              "only an accepted quote becomes an order",
                              q.number, tcrm_i18n_word("quote state", tcrm_quote_state_name(q.state)));
    if (rc == 0)
        rc = from_quote_work(db, &q, pattern, limit, id, err);
    tcrm_quote_clear(&q);
    return tcrm_db_end(db, rc, err);
}

int tcrm_order_deal_quote(struct tcrm_db *db, int64_t deal_id,
                          int64_t *quote_id, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT q.id FROM live_quotes q WHERE q.deal_id = ?1"
        " AND q.state = 'accepted' AND NOT EXISTS (SELECT 1 FROM orders o"
        " WHERE o.quote_id = q.id AND o.deleted_at IS NULL"
        " AND o.state <> 'cancelled') ORDER BY q.decided_at DESC, q.id DESC"
        " LIMIT 1", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, deal_id);
    int s = sqlite3_step(st), rc = 0;
    *quote_id = s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    if (s != SQLITE_ROW && s != SQLITE_DONE)
        rc = tcrm_db_fail(db, "quote", err);
    tcrm_db_done(st);
    return rc;
}
