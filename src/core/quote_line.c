/*
 * quote_line.c: the lines of a quote, the price suggested for a new one,
 * and copying a quote (see tcrm/quote.h).
 *
 * A line is written once and never changed (a trigger refuses), with its
 * net, tax and gross computed by tcrm_money_line, the one rounding rule;
 * adding one bumps its quote's version inside the same transaction, so
 * the access guards decide who may, and the audit trail records a 'line'
 * change of the quote.
 *
 * The price suggested for a product: the unit price of the newest line
 * for that product on an accepted quote of the same customer (the same
 * company, or for a quote without one the same contact) in the same
 * currency, as it was entered (with or without tax); else the catalogue's
 * price before tax.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "tcrm/i18n.h"
#include "quote_internal.h"
#include "tcrm/product.h"

void tcrm_quote_line_init(struct tcrm_quote_line *l)
{
    memset(l, 0, sizeof *l);
    l->in.tax = -1;
    l->in.price = -1;
}

void tcrm_quote_line_clear(struct tcrm_quote_line *l)
{
    if (!l)
        return;
    free(l->description);
    free(l->unit);
    free(l->product_code);
    memset(l, 0, sizeof *l);
}

void tcrm_quote_lines_free(struct tcrm_quote_line *a, size_t n)
{
    if (!a)
        return;
    for (size_t i = 0; i < n; i++)
        tcrm_quote_line_clear(&a[i]);
    free(a);
}

/* Lines change only on a draft or a sent quote that has not expired. */
int tcrm_quote_must_be_open(const struct tcrm_quote *q,
                            struct tcrm_error *err)
{
    if (q->state == TCRM_QUOTE_DRAFT || q->state == TCRM_QUOTE_SENT)
        return 0;
    if (q->state == TCRM_QUOTE_EXPIRED)
        return tcrm_error_field(err, TCRM_EINVAL, "state", "quote %s expired "
                                "on %s: it cannot be changed (copy it: tcrm "
                                "quote copy %lld)", q->number, q->valid_until,
                                (long long)q->id);
    return tcrm_error_field(err, TCRM_EINVAL, "state", "quote %s is %s: it "
                            "cannot be changed (copy it: tcrm quote copy "
                            "%lld)", q->number, tcrm_i18n_word("quote state", tcrm_quote_state_name(q->state)),
                            (long long)q->id);
}

/* The last price this customer paid for the product (kind 1), if any. */
static int last_paid(struct tcrm_db *db, const struct tcrm_doc_ctx *q,
                     struct tcrm_quote_line *l, struct tcrm_price_source *src,
                     struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT l.price_minor, l.price_gross, q.number,"
        " substr(q.decided_at, 1, 10) FROM quote_lines l"
        " JOIN live_quotes q ON q.id = l.quote_id"
        " WHERE l.product_id = ?1 AND q.state = 'accepted'"
        " AND q.currency = ?2 AND (CASE WHEN ?3 IS NOT NULL"
        " THEN q.company_id = ?3 ELSE q.contact_id = ?4 END)"
        " ORDER BY q.decided_at DESC, l.id DESC LIMIT 1", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, l->product_id);
    tcrm_db_bind_text(st, 2, q->currency);
    tcrm_db_bind_id(st, 3, q->company_id);
    tcrm_db_bind_id(st, 4, q->contact_id);
    int s = sqlite3_step(st), rc = 0;
    if (s == SQLITE_ROW) {
        l->in.price = sqlite3_column_int64(st, 0);
        l->in.gross = sqlite3_column_int(st, 1);
        src->kind = 1;
        snprintf(src->number, sizeof src->number, "%s",
                 (const char *)sqlite3_column_text(st, 2));
        snprintf(src->date, sizeof src->date, "%s",
                 (const char *)sqlite3_column_text(st, 3));
    } else if (s != SQLITE_DONE) {
        rc = tcrm_db_fail(db, "quote", err);
    }
    tcrm_db_done(st);
    return rc;
}

/* Description, unit, tax and (when not given) price from the product. */
static int from_product(struct tcrm_db *db, const struct tcrm_doc_ctx *q,
                        struct tcrm_quote_line *l, const char *code,
                        struct tcrm_price_source *src, struct tcrm_error *err)
{
    struct tcrm_product p;
    int rc = tcrm_product_find(db, code, &p, err);
    if (rc)
        return rc;
    char desc[512];
    snprintf(desc, sizeof desc, "%s%s%s", p.name, p.spec ? " " : "",
             p.spec ? p.spec : "");
    l->product_id = p.id;
    if (tcrm_str_set(&l->description, desc) ||
        tcrm_str_set(&l->product_code, p.code) ||
        (!l->unit && tcrm_str_set(&l->unit, p.unit)))
        rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (rc == 0 && l->in.tax < 0)
        l->in.tax = p.tax_rate;
    if (rc == 0 && l->in.price < 0)
        rc = last_paid(db, q, l, src, err);
    if (rc == 0 && l->in.price < 0) {
        if (strcmp(p.currency, q->currency) != 0 && !q->order)
            rc = tcrm_error_field(err, TCRM_EINVAL, "currency", "currency: "
                                  "product %s is priced in %s, quote %s is "
                                  "in %s (give --price)", p.code, p.currency,
                                  q->number, q->currency);
        else if (strcmp(p.currency, q->currency) != 0)
            rc = tcrm_error_field(err, TCRM_EINVAL, "currency", "currency: "
                                  "product %s is priced in %s, order %s is "
                                  "in %s (give --price)", p.code, p.currency,
                                  q->number, q->currency);
        l->in.price = p.price_minor;
        l->in.gross = 0;
        src->kind = 2;
    }
    tcrm_product_clear(&p);
    return rc;
}

/* Every column of a line: written by a new line and by a copy. */
#define LINE_INSERT(table, doc)                                            \
    "INSERT INTO " table "(" doc ", position, product_id, description,"   \
    " unit, qty_milli, price_minor, price_gross, discount, tax_rate,"      \
    " net_minor, tax_minor, gross_minor, created_at, created_by)"
/* A new line, numbered after the last of its document. */
#define LINE_APPEND(table, doc)                                            \
    LINE_INSERT(table, doc)                                                \
    " SELECT ?1, coalesce(max(position), 0) + 1, ?2, ?3, ?4, ?5, ?6, ?7,"  \
    " ?8, ?9, ?10, ?11, ?12, ?13, ?14 FROM " table                         \
    " WHERE " doc " = ?1 RETURNING id, position"
/* The lines of quote ?2 copied as they are to document ?1. */
#define LINE_COPY(table, doc)                                              \
    LINE_INSERT(table, doc)                                                \
    " SELECT ?1, position, product_id, description, unit, qty_milli,"      \
    " price_minor, price_gross, discount, tax_rate, net_minor, tax_minor," \
    " gross_minor, ?3, ?4 FROM quote_lines WHERE quote_id = ?2"           \
    " ORDER BY position"

int tcrm_doc_line_insert(struct tcrm_db *db, struct tcrm_quote_line *l,
                         int order, struct tcrm_error *err)
{
    char now[20];
    sqlite3_stmt *st = tcrm_db_prepare(db, order
        ? LINE_APPEND("order_lines", "order_id")
        : LINE_APPEND("quote_lines", "quote_id"), err);
    if (!st)
        return err->code;
    tcrm_db_now(now);
    int64_t w[] = { l->in.qty, l->in.price, l->in.gross, l->in.discount,
                    l->in.tax, l->am.net, l->am.tax, l->am.gross };
    sqlite3_bind_int64(st, 1, l->quote_id);
    tcrm_db_bind_id(st, 2, l->product_id);
    tcrm_db_bind_text(st, 3, l->description);
    tcrm_db_bind_text(st, 4, l->unit);
    for (int i = 0; i < 8; i++)
        sqlite3_bind_int64(st, 5 + i, w[i]);
    tcrm_db_bind_text(st, 13, now);
    tcrm_db_bind_text(st, 14, tcrm_db_user(db));
    int s = sqlite3_step(st);
    if (s == SQLITE_ROW) {
        l->id = sqlite3_column_int64(st, 0);
        l->position = sqlite3_column_int(st, 1);
        s = sqlite3_step(st);
    }
    int rc = s == SQLITE_DONE ? 0 : tcrm_db_fail(db, order ? "order line"
                                                 : "quote line", err);
    tcrm_db_done(st);
    return rc;
}

int tcrm_doc_line_copy(struct tcrm_db *db, int order, int64_t to_id,
                       int64_t quote_id, struct tcrm_error *err)
{
    char now[20];
    sqlite3_stmt *st = tcrm_db_prepare(db, order
        ? LINE_COPY("order_lines", "order_id")
        : LINE_COPY("quote_lines", "quote_id"), err);
    if (!st)
        return err->code;
    tcrm_db_now(now);
    sqlite3_bind_int64(st, 1, to_id);
    sqlite3_bind_int64(st, 2, quote_id);
    tcrm_db_bind_text(st, 3, now);
    tcrm_db_bind_text(st, 4, tcrm_db_user(db));
    return tcrm_db_step_done(db, st, order ? "order line" : "quote line",
                             err);
}

int tcrm_doc_line_prepare(struct tcrm_db *db, const struct tcrm_doc_ctx *c,
                          struct tcrm_quote_line *l, const char *code,
                          struct tcrm_price_source *src,
                          struct tcrm_error *err)
{
    int rc = code ? from_product(db, c, l, code, src, err) : 0;
    if (rc == 0 && l->in.tax < 0)
        l->in.tax = 0;
    if (rc == 0 && l->in.price < 0)
        rc = tcrm_error_field(err, TCRM_EINVAL, "price", "price: required "
                              "for a line of text");
    if (rc == 0)
        rc = tcrm_money_line(&l->in, &l->am, err);
    return rc;
}

/* Check and complete l against its quote, then write it. */
static int add_line_work(struct tcrm_db *db, struct tcrm_quote_line *l,
                         const char *code, int64_t limit,
                         struct tcrm_price_source *src,
                         struct tcrm_error *err)
{
    (void)limit;
    struct tcrm_quote q;
    int rc = tcrm_quote_get(db, l->quote_id, &q, err);
    if (rc)
        return rc;
    struct tcrm_doc_ctx c = { q.number, q.currency, q.company_id,
                              q.contact_id, 0 };
    rc = tcrm_quote_must_be_open(&q, err);
    if (rc == 0)
        rc = tcrm_doc_line_prepare(db, &c, l, code, src, err);
    if (rc == 0)
        rc = tcrm_db_audit_action(db, "line", err);
    if (rc == 0)
        rc = tcrm_quote_bump(db, &q, NULL, err);
    if (rc == 0)
        rc = tcrm_db_audit_action(db, NULL, err);
    if (rc == 0)
        rc = tcrm_doc_line_insert(db, l, 0, err);
    tcrm_quote_clear(&q);
    return rc;
}

int tcrm_doc_line_add(struct tcrm_db *db, struct tcrm_quote_line *l,
                      const char *code, int64_t limit,
                      struct tcrm_price_source *src, tcrm_doc_line_work work,
                      struct tcrm_error *err)
{
    struct tcrm_error local;
    struct tcrm_price_source none;
    if (!err)
        err = &local;
    if (!src)
        src = &none;
    int rc = tcrm_doc_line_check(l, code, src, err);
    if (rc)
        return rc;
    rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = work(db, l, code, limit, src, err);
    return tcrm_db_end(db, rc, err);
}

int tcrm_quote_add_line(struct tcrm_db *db, struct tcrm_quote_line *l,
                        const char *product_code,
                        struct tcrm_price_source *src,
                        struct tcrm_error *err)
{
    return tcrm_doc_line_add(db, l, product_code, 0, src, add_line_work, err);
}

int tcrm_doc_line_check(const struct tcrm_quote_line *l, const char *code,
                        struct tcrm_price_source *src, struct tcrm_error *err)
{
    memset(src, 0, sizeof *src);
    if (l->in.qty <= 0)
        return tcrm_error_field(err, TCRM_EINVAL, "quantity", "quantity: must "
                                "be more than 0");
    if (l->in.discount < 0 || l->in.discount > 10000 || l->in.tax > 10000)
        return tcrm_error_field(err, TCRM_EINVAL, "discount", "discount and "
                                "tax: from 0 to 100");
    if (!code && tcrm_str_empty(l->description))
        return tcrm_error_field(err, TCRM_EINVAL, "text", "a line needs a "
                                "product or a text");
    return 0;
}

/* ---- reading lines ------------------------------------------------------ */

int tcrm_doc_line_read(sqlite3_stmt *st, void *elem)
{
    struct tcrm_quote_line *l = elem;
    int64_t *v[] = { &l->id, &l->quote_id, &l->product_id, &l->in.qty,
                     &l->in.price, &l->in.discount, &l->in.tax, &l->am.net,
                     &l->am.tax, &l->am.gross };
    for (int i = 0; i < 10; i++)
        *v[i] = sqlite3_column_int64(st, i);
    l->position = sqlite3_column_int(st, 10);
    l->in.gross = sqlite3_column_int(st, 11);
    struct tcrm_line_amounts am;
    if (tcrm_money_line(&l->in, &am, NULL) == 0) {
        l->am.unit_net = am.unit_net;
        l->am.unit_gross = am.unit_gross;
    }
    if (sqlite3_column_count(st) > 15)
        l->shipped = sqlite3_column_int64(st, 15);
    char **col[] = { &l->description, &l->unit, &l->product_code };
    for (int i = 0; i < 3; i++)
        if (sqlite3_column_type(st, 12 + i) != SQLITE_NULL &&
            !(*col[i] = tcrm_db_col_text(st, 12 + i)))
            return TCRM_ENOMEM;
    return 0;
}

static void free_lines(void *a, size_t n)
{
    tcrm_quote_lines_free(a, n);
}

int tcrm_doc_lines_collect(struct tcrm_db *db, const char *sql, int64_t id,
                           const char *what, struct tcrm_quote_line **out,
                           size_t *n, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, sql, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    void *a = NULL;
    int rc = tcrm_db_collect(db, st, sizeof(struct tcrm_quote_line),
                             tcrm_doc_line_read, free_lines, what, &a, n,
                             err);
    *out = a;
    return rc;
}

int tcrm_quote_lines(struct tcrm_db *db, int64_t id,
                     struct tcrm_quote_line **out, size_t *n,
                     struct tcrm_error *err)
{
    return tcrm_doc_lines_collect(db,
        "SELECT l.id, l.quote_id, " TCRM_DOC_LINE_COLS
        " FROM quote_lines l LEFT JOIN products p ON p.id = l.product_id"
        " WHERE l.quote_id = ?1"
        " AND EXISTS (SELECT 1 FROM live_quotes q WHERE q.id = l.quote_id)"
        " ORDER BY l.position", id, "quote lines", out, n, err);
}

/* ---- copy ----------------------------------------------------------------- */

static int copy_work(struct tcrm_db *db, int64_t id, const char *pattern,
                     int64_t *new_id, struct tcrm_error *err)
{
    struct tcrm_quote q;
    int rc = tcrm_quote_get(db, id, &q, err);
    if (rc)
        return rc;
    q.copied_from = q.id;
    free(q.valid_until);
    q.valid_until = NULL;
    rc = tcrm_quote_insert_row(db, &q, pattern, err);
    if (rc == 0)
        rc = tcrm_doc_line_copy(db, 0, q.id, id, err);
    *new_id = q.id;
    tcrm_quote_clear(&q);
    return rc;
}

int tcrm_quote_copy(struct tcrm_db *db, int64_t id, const char *pattern,
                    int64_t *new_id, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = copy_work(db, id, pattern, new_id, err);
    return tcrm_db_end(db, rc, err);
}
