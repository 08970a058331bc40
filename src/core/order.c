/*
 * order.c: sales orders, their numbers, states and approval (see
 * tcrm/order.h); lines and orders made from quotes are in order_line.c.
 *
 * An order is an owned entity of the entity table (entity_kind.c): the
 * access views (live_orders, seen_orders) and guards of access.c apply
 * as they do to quotes, the trash and the audit trail (the triggers of
 * 010_orders.sql) come with the table. Every change of an order or of
 * its lines bumps its version, which is what the guards watch. Who may
 * approve is said once, in access.c (tcrm_access_may_approve).
 *
 * SHIPPED is the one expression of what the live delivery notes ship of
 * an order line; what is left to ship is the line's quantity less it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "tcrm/i18n.h"
#include "money_internal.h"
#include "order_internal.h"
#include "tcrm/access.h"

static const char *const state_names[] = { "open", "confirmed",
                                           "cancelled" };
static const char *const approval_names[] = { "none", "waiting",
                                              "approved" };

const char *tcrm_order_state_name(int state)
{
    return state >= 0 && state <= TCRM_ORDER_CANCELLED ? state_names[state]
                                                       : "open";
}

int tcrm_order_state_parse(const char *name)
{
    for (int i = 0; name && i <= TCRM_ORDER_CANCELLED; i++)
        if (strcmp(name, state_names[i]) == 0)
            return i;
    return -1;
}

const char *tcrm_order_approval_name(int approval)
{
    return approval >= 0 && approval <= TCRM_APPROVAL_APPROVED
               ? approval_names[approval] : "none";
}

static int approval_parse(const char *name)
{
    for (int i = 0; name && i <= TCRM_APPROVAL_APPROVED; i++)
        if (strcmp(name, approval_names[i]) == 0)
            return i;
    return 0;
}

void tcrm_order_init(struct tcrm_order *o)
{
    memset(o, 0, sizeof *o);
}

void tcrm_order_clear(struct tcrm_order *o)
{
    if (!o)
        return;
    char *s[] = { o->number, o->currency, o->quote_number, o->approved_by,
                  o->approved_at, o->confirmed_at, o->cancelled_at, o->owner,
                  o->company_name, o->contact_name, o->deal_title };
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
        free(s[i]);
    tcrm_stamp_clear(&o->stamp);
    tcrm_order_init(o);
}

void tcrm_order_array_free(struct tcrm_order *a, size_t n)
{
    if (!a)
        return;
    for (size_t i = 0; i < n; i++)
        tcrm_order_clear(&a[i]);
    free(a);
}

/* ---- insert ------------------------------------------------------------- */

static int check_links(struct tcrm_db *db, const struct tcrm_order *o,
                       struct tcrm_error *err)
{
    if (!o->company_id && !o->contact_id)
        return tcrm_error_field(err, TCRM_EINVAL, "company", "order needs a "
                                "company or a contact");
    int rc = tcrm_db_require_live(db, "company", o->company_id, err);
    if (rc == 0)
        rc = tcrm_db_require_live(db, "contact", o->contact_id, err);
    if (rc == 0)
        rc = tcrm_db_require_live(db, "deal", o->deal_id, err);
    return rc;
}

int tcrm_order_insert_row(struct tcrm_db *db, struct tcrm_order *o,
                          const char *pattern, struct tcrm_error *err)
{
    char number[64], now[20];
    int rc = check_links(db, o, err);
    if (rc == 0)
        rc = tcrm_doc_next_number(db, "order", pattern ? pattern
                                  : TCRM_ORDER_NUMBER_DEFAULT, number,
                                  sizeof number, err);
    if (rc)
        return rc;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "INSERT INTO orders(number, quote_id, company_id, contact_id,"
        " deal_id, currency, created_at, updated_at, created_by, updated_by)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?8)", err);
    if (!st)
        return err->code;
    tcrm_db_now(now);
    tcrm_db_bind_text(st, 1, number);
    tcrm_db_bind_id(st, 2, o->quote_id);
    tcrm_db_bind_id(st, 3, o->company_id);
    tcrm_db_bind_id(st, 4, o->contact_id);
    tcrm_db_bind_id(st, 5, o->deal_id);
    tcrm_db_bind_text(st, 6, o->currency);
    tcrm_db_bind_text(st, 7, now);
    tcrm_db_bind_text(st, 8, tcrm_db_user(db));
    if ((rc = tcrm_db_step_done(db, st, "order", err)))
        return rc;
    o->id = sqlite3_last_insert_rowid(db->sql);
    o->version = 1;
    return tcrm_str_set(&o->number, number)
               ? tcrm_error_set(err, TCRM_ENOMEM, "out of memory") : 0;
}

int tcrm_order_insert(struct tcrm_db *db, struct tcrm_order *o,
                      const char *pattern, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    if (!o->company_id && !o->contact_id)
        return tcrm_error_field(err, TCRM_EINVAL, "company", "order needs a "
                                "company or a contact");
    int rc = tcrm_currency_check(o->currency, err);
    if (rc == 0)
        rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = tcrm_order_insert_row(db, o, pattern, err);
    return tcrm_db_end(db, rc, err);
}

/* ---- reading ------------------------------------------------------------ */

#define LINES_OF(expr)                                                     \
    " (SELECT " expr " FROM order_lines l WHERE l.order_id = o.id),"

#define ORDER_COLS                                                         \
    "SELECT o.id, o.version, o.company_id, o.contact_id, o.deal_id,"       \
    " o.quote_id," LINES_OF("coalesce(sum(net_minor), 0)")                 \
    LINES_OF("coalesce(sum(tax_minor), 0)")                                \
    LINES_OF("coalesce(sum(gross_minor), 0)") LINES_OF("count(*)")         \
    LINES_OF("coalesce(max(discount), 0)")                                 \
    LINES_OF("coalesce(sum(qty_milli), 0)")                                \
    LINES_OF("coalesce(sum(" TCRM_ORDER_SHIPPED("l.id") "), 0)")           \
    " o.state, o.approval, o.number, o.currency, q.number, o.approved_by," \
    " o.approved_at, o.confirmed_at, o.cancelled_at, o.owner, co.name,"    \
    " c.name, d.title, o.created_at, o.updated_at, o.created_by,"          \
    " o.updated_by FROM live_orders o"                                     \
    " LEFT JOIN quotes q ON q.id = o.quote_id"                             \
    " LEFT JOIN companies co ON co.id = o.company_id"                      \
    " LEFT JOIN contacts c ON c.id = o.contact_id"                         \
    " LEFT JOIN deals d ON d.id = o.deal_id "

static int read_row(sqlite3_stmt *st, void *elem)
{
    struct tcrm_order *o = elem;
    tcrm_order_init(o);
    int64_t *num[] = { &o->id, &o->version, &o->company_id, &o->contact_id,
                       &o->deal_id, &o->quote_id, &o->net, &o->tax,
                       &o->gross, &o->n_lines, &o->max_discount,
                       &o->ordered, &o->shipped };
    for (int i = 0; i < 13; i++)
        *num[i] = sqlite3_column_int64(st, i);
    o->state = tcrm_order_state_parse((const char *)sqlite3_column_text(st,
                                                                        13));
    o->approval = approval_parse((const char *)sqlite3_column_text(st, 14));
    char **col[] = { &o->number, &o->currency, &o->quote_number,
                     &o->approved_by, &o->approved_at, &o->confirmed_at,
                     &o->cancelled_at, &o->owner, &o->company_name,
                     &o->contact_name, &o->deal_title, &o->stamp.created_at,
                     &o->stamp.updated_at, &o->stamp.created_by,
                     &o->stamp.updated_by };
    for (int i = 0; i < 15; i++) {
        if (sqlite3_column_type(st, 15 + i) == SQLITE_NULL)
            continue;
        if (!(*col[i] = tcrm_db_col_text(st, 15 + i)))
            return TCRM_ENOMEM;
    }
    return 0;
}

static void clear_order(void *o)
{
    tcrm_order_clear(o);
}

int tcrm_order_get(struct tcrm_db *db, int64_t id, struct tcrm_order *out,
                   struct tcrm_error *err)
{
    tcrm_order_init(out);
    return tcrm_db_get_row(db, ORDER_COLS "WHERE o.id = ?1", id, read_row,
                           clear_order, "order", N_("order %lld: not found"),
                           out, err);
}

int tcrm_order_find(struct tcrm_db *db, const char *ref, int64_t *id,
                    struct tcrm_error *err)
{
    return tcrm_doc_find(db, "SELECT id FROM live_orders WHERE number = ?1",
                         "order", N_("order '%s': not found"), ref, id, err);
}

static void free_orders(void *a, size_t n)
{
    tcrm_order_array_free(a, n);
}

int tcrm_order_page(struct tcrm_db *db, const struct tcrm_doc_filter *f,
                    int64_t after, int backwards, size_t limit,
                    struct tcrm_order **out, size_t *n, int *more,
                    struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, backwards
        ? ORDER_COLS "WHERE o.id > ?1 AND (?2 IS NULL OR o.state = ?2)"
          TCRM_DOC_FILTER("o") " ORDER BY o.id ASC LIMIT ?3"
        : ORDER_COLS "WHERE o.id < ?1 AND (?2 IS NULL OR o.state = ?2)"
          TCRM_DOC_FILTER("o") " ORDER BY o.id DESC LIMIT ?3", err);
    if (!st)
        return err->code;
    if (f && f->state >= 0)
        tcrm_db_bind_text(st, 2, tcrm_order_state_name(f->state));
    void *a = NULL;
    int rc = tcrm_doc_page_collect(db, st, f, after, limit,
                                   sizeof(struct tcrm_order), read_row,
                                   free_orders, clear_order, "orders",
                                   backwards, &a, n, more, err);
    *out = a;
    return rc;
}

int tcrm_order_count(struct tcrm_db *db, const struct tcrm_doc_filter *f,
                     int64_t *n, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT count(*) FROM live_orders"
        " o WHERE (?2 IS NULL OR o.state = ?2)" TCRM_DOC_FILTER("o"), err);
    return tcrm_doc_count(db, st, f, f && f->state >= 0
                          ? tcrm_order_state_name(f->state) : NULL, "orders",
                          n, err);
}

int tcrm_order_list(struct tcrm_db *db, int state, int64_t before,
                    size_t limit, struct tcrm_order **out, size_t *n,
                    struct tcrm_error *err)
{
    struct tcrm_doc_filter f = { state, 0, 0, 0 };
    return tcrm_order_page(db, &f, before, 0, limit, out, n, NULL, err);
}

/* ---- states and approval -------------------------------------------------- */

int tcrm_order_bump(struct tcrm_db *db, const struct tcrm_order *o,
                    const char *state, const char *approval,
                    struct tcrm_error *err)
{
    char now[20];
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "UPDATE orders SET state = coalesce(?1, state),"
        " approval = coalesce(?6, approval), updated_at = ?2,"
        " updated_by = ?3, version = version + 1,"
        " confirmed_at = CASE WHEN ?1 = 'confirmed' THEN ?2"
        " ELSE confirmed_at END,"
        " cancelled_at = CASE WHEN ?1 = 'cancelled' THEN ?2"
        " ELSE cancelled_at END,"
        " approved_by = CASE WHEN ?6 = 'approved' THEN ?3 WHEN ?6 = 'waiting'"
        " THEN NULL ELSE approved_by END,"
        " approved_at = CASE WHEN ?6 = 'approved' THEN ?2 WHEN ?6 = 'waiting'"
        " THEN NULL ELSE approved_at END"
        " WHERE id = ?4 AND version = ?5 AND deleted_at IS NULL", err);
    if (!st)
        return err->code;
    tcrm_db_now(now);
    tcrm_db_bind_text(st, 1, state);
    tcrm_db_bind_text(st, 2, now);
    tcrm_db_bind_text(st, 3, tcrm_db_user(db));
    sqlite3_bind_int64(st, 4, o->id);
    sqlite3_bind_int64(st, 5, o->version);
    tcrm_db_bind_text(st, 6, approval);
    int rc = tcrm_db_step_done(db, st, "order", err);
    if (rc == 0 && sqlite3_changes(db->sql) == 0)
        rc = tcrm_error_set(err, TCRM_ECONFLICT, "order %s was changed by "
                            "someone else since you read it", o->number);
    return rc;
}

/* May o go to `to`? One line saying why not. */
static int check_move(const struct tcrm_order *o, int to,
                      struct tcrm_error *err)
{
    char pct[32];
    if (o->state != TCRM_ORDER_OPEN &&
        !(to == TCRM_ORDER_CANCELLED && o->state == TCRM_ORDER_CONFIRMED))
        return tcrm_error_field(err, TCRM_EINVAL, "state", "order %s is "
                                "already %s", o->number,
                                tcrm_i18n_word("order state", tcrm_order_state_name(o->state)));
    if (to == TCRM_ORDER_CONFIRMED && o->n_lines == 0)
        return tcrm_error_field(err, TCRM_EINVAL, "state", "order %s has no "
                                "lines to confirm", o->number);
    tcrm_decimal_format(o->max_discount, TCRM_PCT_PLACES, 0, pct, sizeof pct);
    if (to == TCRM_ORDER_CONFIRMED && o->approval == TCRM_APPROVAL_WAITING)
        return tcrm_error_field(err, TCRM_EINVAL, "state", "order %s waits "
                                "for a manager's approval (a discount of "
                                "%s%%): tcrm order approve %lld", o->number,
                                pct, (long long)o->id);
    if (to == TCRM_ORDER_CANCELLED && o->state == TCRM_ORDER_CONFIRMED &&
        o->shipped > 0)
        return tcrm_error_field(err, TCRM_EINVAL, "state", "order %s has "
                                "delivery notes: it cannot be cancelled",
                                o->number);
    return 0;
}

static int state_work(struct tcrm_db *db, int64_t id, int state,
                      struct tcrm_error *err)
{
    struct tcrm_order o;
    int rc = tcrm_order_get(db, id, &o, err);
    if (rc)
        return rc;
    rc = check_move(&o, state, err);
    struct tcrm_customer c = tcrm_customer_of(o.company_id, o.contact_id);
    if (rc == 0 && state == TCRM_ORDER_CONFIRMED &&
        o.approval != TCRM_APPROVAL_APPROVED)
        rc = tcrm_credit_enforce(db, &c, o.gross, o.currency, o.number, err);
    if (rc == 0)
        rc = tcrm_order_bump(db, &o, tcrm_order_state_name(state), NULL, err);
    tcrm_order_clear(&o);
    return rc;
}

int tcrm_order_set_state(struct tcrm_db *db, int64_t id, int state,
                         struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    if (state != TCRM_ORDER_CONFIRMED && state != TCRM_ORDER_CANCELLED)
        return tcrm_error_field(err, TCRM_EINVAL, "state", "state: an order "
                                "is confirmed or cancelled");
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = state_work(db, id, state, err);
    return tcrm_db_end(db, rc, err);
}

/* Does o take its customer past an enforced credit limit (it then needs
 * an approval to be confirmed, receivable.h)? */
static int over_credit(struct tcrm_db *db, const struct tcrm_order *o)
{
    struct tcrm_credit cr;
    struct tcrm_customer c = tcrm_customer_of(o->company_id, o->contact_id);
    return db->credit_policy == TCRM_CREDIT_ENFORCE &&
           tcrm_credit_check(db, &c, o->gross, o->currency, &cr, NULL) == 0 &&
           cr.over;
}

static int approve_work(struct tcrm_db *db, int64_t id,
                        struct tcrm_error *err)
{
    struct tcrm_order o;
    int rc = tcrm_order_get(db, id, &o, err);
    if (rc)
        return rc;
    if (o.state != TCRM_ORDER_OPEN)
        rc = tcrm_error_field(err, TCRM_EINVAL, "state", "order %s is "
                              "already %s", o.number,
                              tcrm_i18n_word("order state", tcrm_order_state_name(o.state)));
    else if (o.approval != TCRM_APPROVAL_WAITING && !over_credit(db, &o))
        rc = tcrm_error_field(err, TCRM_EINVAL, "state", "order %s does not "
                              "wait for an approval", o.number);
    else
        rc = tcrm_order_bump(db, &o, NULL, "approved", err);
    tcrm_order_clear(&o);
    return rc;
}

int tcrm_order_approve(struct tcrm_db *db, int64_t id,
                       struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    int rc = tcrm_access_may_approve(db, err);
    if (rc == 0)
        rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = approve_work(db, id, err);
    return tcrm_db_end(db, rc, err);
}

int tcrm_order_delete(struct tcrm_db *db, int64_t id, struct tcrm_error *err)
{
    return tcrm_entity_delete(db, "order", id, err);
}
