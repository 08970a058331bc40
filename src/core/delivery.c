/*
 * delivery.c: delivery notes (see tcrm/delivery.h).
 *
 * What is left to ship of an order line is its quantity less
 * TCRM_ORDER_SHIPPED (order_internal.h), the one expression of what the
 * live notes ship; a note is checked against it inside the transaction
 * that writes it, so two people shipping the same line at once cannot
 * both ship what is left (SQLite writes one transaction at a time).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "tcrm/i18n.h"
#include "order_internal.h"
#include "tcrm/delivery.h"

void tcrm_delivery_clear(struct tcrm_delivery *d)
{
    if (!d)
        return;
    char *s[] = { d->number, d->order_number, d->quote_number, d->owner,
                  d->company_name, d->contact_name, d->deal_title };
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
        free(s[i]);
    tcrm_stamp_clear(&d->stamp);
    memset(d, 0, sizeof *d);
}

void tcrm_delivery_array_free(struct tcrm_delivery *a, size_t n)
{
    for (size_t i = 0; a && i < n; i++)
        tcrm_delivery_clear(&a[i]);
    free(a);
}

void tcrm_delivery_lines_free(struct tcrm_delivery_line *a, size_t n)
{
    for (size_t i = 0; a && i < n; i++) {
        free(a[i].order_number);
        free(a[i].customer);
        free(a[i].description);
        free(a[i].unit);
        free(a[i].product_code);
    }
    free(a);
}

/* ---- adding ---------------------------------------------------------------- */

/* The quantity of each item, checked against what is left of its line;
 * all[] gets every line's id and what is left (for n == 0). */
static int check_items(const struct tcrm_order *o,
                       const struct tcrm_quote_line *l, size_t nl,
                       const struct tcrm_delivery_item *items, size_t n,
                       struct tcrm_error *err)
{
    char want[48], left[48];
    for (size_t i = 0; i < n; i++) {
        const struct tcrm_quote_line *hit = NULL;
        for (size_t k = 0; k < nl; k++)
            if (l[k].position == items[i].position)
                hit = &l[k];
        for (size_t k = 0; k < i; k++)
            if (items[k].position == items[i].position)
                return tcrm_error_field(err, TCRM_EINVAL, "line", "line %d "
                                        "is given twice", items[i].position);
        if (!hit)
            return tcrm_error_field(err, TCRM_EINVAL, "line", "order %s has "
                                    "no line %d", o->number,
                                    items[i].position);
        if (items[i].qty > hit->in.qty - hit->shipped) {
            tcrm_decimal_format(items[i].qty, TCRM_QTY_PLACES, 0, want,
                                sizeof want);
            tcrm_decimal_format(hit->in.qty - hit->shipped, TCRM_QTY_PLACES,
                                0, left, sizeof left);
            return tcrm_error_field(err, TCRM_EINVAL, "line", "line %d of "
                                    "order %s: %s to ship, %s left",
                                    items[i].position, o->number, want, left);
        }
    }
    return 0;
}

static int insert_note(struct tcrm_db *db, const struct tcrm_order *o,
                       const char *pattern, int64_t *id,
                       struct tcrm_error *err)
{
    char number[64], now[20];
    int rc = tcrm_doc_next_number(db, "delivery", pattern ? pattern
                                  : TCRM_DELIVERY_NUMBER_DEFAULT, number,
                                  sizeof number, err);
    sqlite3_stmt *st = rc ? NULL : tcrm_db_prepare(db,
        "INSERT INTO deliveries(number, order_id, company_id, contact_id,"
        " deal_id, created_at, updated_at, created_by, updated_by)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?7)", err);
    if (!st)
        return rc ? rc : err->code;
    tcrm_db_now(now);
    tcrm_db_bind_text(st, 1, number);
    sqlite3_bind_int64(st, 2, o->id);
    tcrm_db_bind_id(st, 3, o->company_id);
    tcrm_db_bind_id(st, 4, o->contact_id);
    tcrm_db_bind_id(st, 5, o->deal_id);
    tcrm_db_bind_text(st, 6, now);
    tcrm_db_bind_text(st, 7, tcrm_db_user(db));
    rc = tcrm_db_step_done(db, st, "delivery", err);
    *id = rc ? 0 : sqlite3_last_insert_rowid(db->sql);
    return rc;
}

static int insert_line(struct tcrm_db *db, int64_t id, int64_t line,
                       int64_t qty, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "INSERT INTO delivery_lines(delivery_id, order_line_id, qty_milli)"
        " VALUES (?1, ?2, ?3)", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, line);
    sqlite3_bind_int64(st, 3, qty);
    return tcrm_db_step_done(db, st, "delivery line", err);
}

/* Write the note: the items, or every line's rest. */
static int write_note(struct tcrm_db *db, const struct tcrm_order *o,
                      const struct tcrm_quote_line *l, size_t nl,
                      const struct tcrm_delivery_item *items, size_t n,
                      const char *pattern, int64_t *id,
                      struct tcrm_error *err)
{
    int rc = tcrm_db_audit_action(db, "ship", err);
    if (rc == 0)
        rc = tcrm_order_bump(db, o, NULL, NULL, err);
    if (rc == 0)
        rc = tcrm_db_audit_action(db, NULL, err);
    if (rc == 0)
        rc = insert_note(db, o, pattern, id, err);
    for (size_t k = 0; rc == 0 && k < nl; k++) {
        int64_t qty = n ? 0 : l[k].in.qty - l[k].shipped;
        for (size_t i = 0; i < n; i++)
            if (items[i].position == l[k].position)
                qty = items[i].qty;
        if (qty > 0)
            rc = insert_line(db, *id, l[k].id, qty, err);
    }
    return rc;
}

static int add_work(struct tcrm_db *db, int64_t order_id,
                    const struct tcrm_delivery_item *items, size_t n,
                    const char *pattern, int64_t *id, struct tcrm_error *err)
{
    struct tcrm_order o;
    struct tcrm_quote_line *l = NULL;
    size_t nl = 0;
    int rc = tcrm_order_get(db, order_id, &o, err);
    if (rc)
        return rc;
    if (o.state != TCRM_ORDER_CONFIRMED)
        rc = tcrm_error_field(err, TCRM_EINVAL, "state", "order %s is %s: "
                              "only a confirmed order is shipped", o.number,
                              tcrm_i18n_word("order state", tcrm_order_state_name(o.state)));
    else if (n == 0 && o.shipped >= o.ordered)
        rc = tcrm_error_field(err, TCRM_EINVAL, "line", "order %s has "
                              "nothing left to ship", o.number);
    if (rc == 0)
        rc = tcrm_order_lines(db, order_id, &l, &nl, err);
    if (rc == 0)
        rc = check_items(&o, l, nl, items, n, err);
    if (rc == 0)
        rc = write_note(db, &o, l, nl, items, n, pattern, id, err);
    tcrm_quote_lines_free(l, nl);
    tcrm_order_clear(&o);
    return rc;
}

int tcrm_delivery_add(struct tcrm_db *db, int64_t order_id,
                      const struct tcrm_delivery_item *items, size_t n,
                      const char *pattern, int64_t *id,
                      struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    for (size_t i = 0; i < n; i++)
        if (items[i].qty <= 0)
            return tcrm_error_field(err, TCRM_EINVAL, "quantity", "line %d: "
                                    "the quantity must be more than 0",
                                    items[i].position);
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = add_work(db, order_id, items, n, pattern, id, err);
    return tcrm_db_end(db, rc, err);
}

/* ---- reading ------------------------------------------------------------------ */

#define NOTE_COLS                                                          \
    "SELECT d.id, d.version, d.order_id, (SELECT count(*) FROM"            \
    " delivery_lines x WHERE x.delivery_id = d.id), d.number, o.number,"   \
    " q.number, d.owner, co.name, c.name, dl.title, d.created_at,"         \
    " d.updated_at, d.created_by, d.updated_by FROM live_deliveries d"     \
    " JOIN orders o ON o.id = d.order_id"                                  \
    " LEFT JOIN quotes q ON q.id = o.quote_id"                             \
    " LEFT JOIN companies co ON co.id = d.company_id"                      \
    " LEFT JOIN contacts c ON c.id = d.contact_id"                         \
    " LEFT JOIN deals dl ON dl.id = d.deal_id "

static int read_note(sqlite3_stmt *st, void *elem)
{
    struct tcrm_delivery *d = elem;
    memset(d, 0, sizeof *d);
    int64_t *num[] = { &d->id, &d->version, &d->order_id, &d->n_lines };
    for (int i = 0; i < 4; i++)
        *num[i] = sqlite3_column_int64(st, i);
    char **col[] = { &d->number, &d->order_number, &d->quote_number,
                     &d->owner, &d->company_name, &d->contact_name,
                     &d->deal_title, &d->stamp.created_at,
                     &d->stamp.updated_at, &d->stamp.created_by,
                     &d->stamp.updated_by };
    for (int i = 0; i < 11; i++)
        if (sqlite3_column_type(st, 4 + i) != SQLITE_NULL &&
            !(*col[i] = tcrm_db_col_text(st, 4 + i)))
            return TCRM_ENOMEM;
    return 0;
}

static void free_notes(void *a, size_t n)
{
    tcrm_delivery_array_free(a, n);
}

static void clear_note(void *d) { tcrm_delivery_clear(d); }

int tcrm_delivery_get(struct tcrm_db *db, int64_t id,
                      struct tcrm_delivery *out, struct tcrm_error *err)
{
    memset(out, 0, sizeof *out);
    return tcrm_db_get_row(db, NOTE_COLS "WHERE d.id = ?1", id, read_note,
                           clear_note, "delivery", N_("delivery note %lld: "
                           "not found"), out, err);
}

int tcrm_delivery_find(struct tcrm_db *db, const char *ref, int64_t *id,
                       struct tcrm_error *err)
{
    return tcrm_doc_find(db,
                         "SELECT id FROM live_deliveries WHERE number = ?1",
                         "delivery", N_("delivery note '%s': not found"), ref,
                         id, err);
}

int tcrm_delivery_list(struct tcrm_db *db, int64_t before, size_t limit,
                       struct tcrm_delivery **out, size_t *n,
                       struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, NOTE_COLS
        "WHERE d.id < ?1 ORDER BY d.id DESC LIMIT ?2", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, before > 0 ? before : INT64_MAX);
    sqlite3_bind_int64(st, 2, limit > INT64_MAX ? INT64_MAX
                                                : (sqlite3_int64)limit);
    void *a = NULL;
    int rc = tcrm_db_collect(db, st, sizeof(struct tcrm_delivery), read_note,
                             free_notes, "deliveries", &a, n, err);
    *out = a;
    return rc;
}

/* ---- lines: of a note, still to ship -------------------------------------------- */

#define LINE_COLS(qty)                                                     \
    "SELECT o.id, l.id, l.position, " qty ", l.qty_milli, "                \
    TCRM_ORDER_SHIPPED("l.id") ", o.number, coalesce(co.name, c.name),"    \
    " l.description, l.unit, p.code FROM order_lines l"                    \
    " JOIN live_orders o ON o.id = l.order_id"                             \
    " LEFT JOIN products p ON p.id = l.product_id"                         \
    " LEFT JOIN companies co ON co.id = o.company_id"                      \
    " LEFT JOIN contacts c ON c.id = o.contact_id "

static int read_line(sqlite3_stmt *st, void *elem)
{
    struct tcrm_delivery_line *l = elem;
    memset(l, 0, sizeof *l);
    l->order_id = sqlite3_column_int64(st, 0);
    l->order_line_id = sqlite3_column_int64(st, 1);
    l->position = sqlite3_column_int(st, 2);
    l->qty = sqlite3_column_int64(st, 3);
    l->ordered = sqlite3_column_int64(st, 4);
    l->shipped = sqlite3_column_int64(st, 5);
    char **col[] = { &l->order_number, &l->customer, &l->description,
                     &l->unit, &l->product_code };
    for (int i = 0; i < 5; i++)
        if (sqlite3_column_type(st, 6 + i) != SQLITE_NULL &&
            !(*col[i] = tcrm_db_col_text(st, 6 + i)))
            return TCRM_ENOMEM;
    return 0;
}

static void free_lines(void *a, size_t n)
{
    tcrm_delivery_lines_free(a, n);
}

int tcrm_delivery_lines(struct tcrm_db *db, int64_t id,
                        struct tcrm_delivery_line **out, size_t *n,
                        struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, LINE_COLS("x.qty_milli")
        " JOIN delivery_lines x ON x.order_line_id = l.id"
        " WHERE x.delivery_id = ?1 AND EXISTS (SELECT 1 FROM live_deliveries"
        " d WHERE d.id = ?1) ORDER BY l.position", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    void *a = NULL;
    int rc = tcrm_db_collect(db, st, sizeof(struct tcrm_delivery_line),
                             read_line, free_lines, "delivery lines", &a, n,
                             err);
    *out = a;
    return rc;
}

int tcrm_delivery_pending(struct tcrm_db *db, int64_t after_line,
                          size_t limit, struct tcrm_delivery_line **out,
                          size_t *n, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, LINE_COLS("0")
        "WHERE o.state = 'confirmed' AND l.id > ?1"
        " AND l.qty_milli > " TCRM_ORDER_SHIPPED("l.id")
        " ORDER BY l.id LIMIT ?2", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, after_line);
    sqlite3_bind_int64(st, 2, limit > INT64_MAX ? INT64_MAX
                                                : (sqlite3_int64)limit);
    void *a = NULL;
    int rc = tcrm_db_collect(db, st, sizeof(struct tcrm_delivery_line),
                             read_line, free_lines, "delivery lines", &a, n,
                             err);
    *out = a;
    return rc;
}

int tcrm_delivery_delete(struct tcrm_db *db, int64_t id,
                         struct tcrm_error *err)
{
    return tcrm_entity_delete(db, "delivery", id, err);
}
