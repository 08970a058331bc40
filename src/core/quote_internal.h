/*
 * quote_internal.h: what quote.c and quote_line.c share. Only src/core.
 */
#ifndef TCRM_QUOTE_INTERNAL_H
#define TCRM_QUOTE_INTERNAL_H

#include "tcrm/quote.h"

/* The next number of `pattern` (NULL: the quotes' default) for documents
 * of `kind` ("quote", "order", "delivery"), counted in doc_numbers;
 * inside the caller's transaction. */
int tcrm_doc_next_number(struct tcrm_db *db, const char *kind,
                         const char *pattern, char *out, size_t cap,
                         struct tcrm_error *err);
/* Insert q as a new draft (links checked, numbered); inside the caller's
 * transaction. Fills q->id, q->number, q->version. */
int tcrm_quote_insert_row(struct tcrm_db *db, struct tcrm_quote *q,
                          const char *pattern, struct tcrm_error *err);
/* Bump q's version (the guards of access.c decide), setting state when
 * not NULL; TCRM_ECONFLICT when q->version is no longer the stored one. */
int tcrm_quote_bump(struct tcrm_db *db, const struct tcrm_quote *q,
                    const char *set_state, struct tcrm_error *err);

/* 0 when q (as read) is a draft or sent; else "quote Q2026-0001 is
 * accepted: it cannot be changed (copy it: tcrm quote copy 1)" or its
 * expired form (field "state"). */
int tcrm_quote_must_be_open(const struct tcrm_quote *q,
                            struct tcrm_error *err);

/* A document named by its id ("12": *id, checked by the call that uses
 * it) or its number, looked up by sql ("SELECT id FROM live_X WHERE
 * number = ?1", a literal); missing is the not-found message, marked N_()
 * with one %s for the number. */
int tcrm_doc_find(struct tcrm_db *db, const char *sql, const char *field,
                  const char *missing, const char *ref, int64_t *id,
                  struct tcrm_error *err);

/* What a new line of a document needs to know of it: its number and
 * whether it is an order (for messages), its currency and customer (the
 * last price this customer paid). */
struct tcrm_doc_ctx {
    const char *number, *currency;
    int64_t company_id, contact_id;
    int order;
};
/* The checks of a new line that need no database (quantity, discount,
 * a product or a text); clears *src. */
int tcrm_doc_line_check(const struct tcrm_quote_line *l, const char *code,
                        struct tcrm_price_source *src,
                        struct tcrm_error *err);
/* Add line l to its document in one transaction: the checks of
 * tcrm_doc_line_check (src NULL: not wanted), then work (the document's
 * own checks, tcrm_doc_line_prepare, its bump, the insert). */
typedef int (*tcrm_doc_line_work)(struct tcrm_db *db,
                                  struct tcrm_quote_line *l,
                                  const char *code, int64_t limit,
                                  struct tcrm_price_source *src,
                                  struct tcrm_error *err);
int tcrm_doc_line_add(struct tcrm_db *db, struct tcrm_quote_line *l,
                      const char *code, int64_t limit,
                      struct tcrm_price_source *src, tcrm_doc_line_work work,
                      struct tcrm_error *err);
/* Complete l (product, price suggested, tax) and compute its amounts by
 * the rounding rule (tcrm_money_line). */
int tcrm_doc_line_prepare(struct tcrm_db *db, const struct tcrm_doc_ctx *c,
                          struct tcrm_quote_line *l, const char *code,
                          struct tcrm_price_source *src,
                          struct tcrm_error *err);
/* Read a line selected as "l.id, l.<document id>, " TCRM_DOC_LINE_COLS
 * [, more] from a lines table aliased l joined to products p
 * (tcrm_db_collect's callback). */
#define TCRM_DOC_LINE_COLS                                                 \
    "l.product_id, l.qty_milli, l.price_minor, l.discount, l.tax_rate,"    \
    " l.net_minor, l.tax_minor, l.gross_minor, l.position, l.price_gross," \
    " l.description, l.unit, p.code"
struct sqlite3_stmt;
int tcrm_doc_line_read(struct sqlite3_stmt *st, void *elem);
/* Write l as the next line of its document (l->quote_id: a quote, or an
 * order when `order`); fills l->id and l->position. */
int tcrm_doc_line_insert(struct tcrm_db *db, struct tcrm_quote_line *l,
                         int order, struct tcrm_error *err);
/* Copy the lines of quote quote_id as they are to the quote (or, when
 * `order`, the order) to_id. */
int tcrm_doc_line_copy(struct tcrm_db *db, int order, int64_t to_id,
                       int64_t quote_id, struct tcrm_error *err);
/* The lines of document id, selected by sql (binds ?1 the id; the
 * columns tcrm_doc_line_read reads); what names them in an error. */
int tcrm_doc_lines_collect(struct tcrm_db *db, const char *sql, int64_t id,
                           const char *what, struct tcrm_quote_line **out,
                           size_t *n, struct tcrm_error *err);

/* A page of a document list (tcrm_quote_page): st binds ?1 the key, ?2
 * the state name or NULL, ?3 the limit, ?4..?6 company, contact, deal
 * (bound here from f); rows read one more than limit to know *more, and
 * a backwards page (read oldest first) is turned into list order. */
int tcrm_doc_page_collect(struct tcrm_db *db, struct sqlite3_stmt *st,
                          const struct tcrm_doc_filter *f, int64_t after,
                          size_t limit, size_t size,
                          int (*read)(struct sqlite3_stmt *st, void *elem),
                          void (*free_array)(void *a, size_t n),
                          void (*clear)(void *elem), const char *what,
                          int backwards, void **out, size_t *n, int *more,
                          struct tcrm_error *err);
/* Step a count(*) of documents whose st binds ?2 the state (NULL: any)
 * and ?4..?6 as tcrm_doc_page_collect; st NULL: err already says why. */
int tcrm_doc_count(struct tcrm_db *db, struct sqlite3_stmt *st,
                   const struct tcrm_doc_filter *f, const char *state,
                   const char *what, int64_t *n, struct tcrm_error *err);
/* The WHERE terms of a document filter, the table aliased `a`. */
#define TCRM_DOC_FILTER(a)                                                 \
    " AND (?4 = 0 OR " a ".company_id = ?4) AND (?5 = 0 OR " a             \
    ".contact_id = ?5) AND (?6 = 0 OR " a ".deal_id = ?6)"

#endif
