/*
 * quote.h: quotes (报价单): a customer, lines, totals, a state.
 *
 * A quote belongs to a company and/or a contact (and maybe a deal), is
 * owned like a deal and seen by the same rule (access.h: its owner and
 * those above, shares and visibility of its contact, company or deal).
 * One currency per quote: a product priced in another currency is
 * refused unless the line gives its own price.
 *
 * Numbers come from a pattern (tcrm.conf [sales] quote_number, default
 * "Q%Y-%04n": %Y the year, %m the month, %n the counter, %0Nn padded to
 * N digits, %% a percent sign). The counter runs per distinct prefix (the
 * pattern expanded without %n: "Q2026-" counts per year) and only goes
 * up: a number is never given twice, even once its quote is deleted.
 *
 * States: draft -> sent -> accepted | rejected. A draft or sent quote
 * past its valid_until date is expired: it can be neither accepted nor
 * rejected. Lines are added to a draft or sent quote only: an accepted
 * (or rejected) quote cannot change (TCRM_EINVAL, field "state"). `copy`
 * makes a new draft with the same customer, deal, currency and lines.
 *
 * Amounts follow the one rounding rule of tcrm/money.h (tcrm_money_line):
 * each line rounded once to the cent, totals are the sums of the lines.
 */
#ifndef TCRM_QUOTE_H
#define TCRM_QUOTE_H

#include "tcrm/db.h"
#include "tcrm/entity.h"
#include "tcrm/money.h"

#define TCRM_QUOTE_NUMBER_DEFAULT "Q%Y-%04n"

enum tcrm_quote_state {
    TCRM_QUOTE_DRAFT, TCRM_QUOTE_SENT, TCRM_QUOTE_ACCEPTED,
    TCRM_QUOTE_REJECTED, TCRM_QUOTE_EXPIRED,   /* expired: never stored */
};
/* "draft", "sent", "accepted", "rejected", "expired" (stored English keys,
 * shown with tcrm_i18n_word("quote state", name)); parse: -1 unknown. */
const char *tcrm_quote_state_name(int state);
int tcrm_quote_state_parse(const char *name);

struct tcrm_quote {
    int64_t id, version;
    char *number;
    int64_t company_id, contact_id, deal_id;    /* company or contact */
    char *currency;
    char *valid_until;                          /* YYYY-MM-DD or NULL */
    int state;                                  /* enum tcrm_quote_state */
    /* read-only */
    int64_t copied_from;
    char *sent_at, *decided_at, *owner;
    char *company_name, *contact_name, *deal_title;
    int64_t net, tax, gross;                    /* totals of the lines */
    int64_t n_lines;
    struct tcrm_stamp stamp;
};

/* A line of a quote, or of an order (order.h: quote_id is then the
 * order's id). */
struct tcrm_quote_line {
    int64_t id, quote_id, product_id;           /* product 0: free text */
    int position;
    char *description, *unit, *product_code;
    struct tcrm_line_in in;                     /* as entered */
    struct tcrm_line_amounts am;                /* read-only */
    int64_t shipped;        /* read-only, orders: thousandths shipped on
                               live delivery notes (delivery.h) */
};

void tcrm_quote_init(struct tcrm_quote *q);
void tcrm_quote_clear(struct tcrm_quote *q);
void tcrm_quote_line_init(struct tcrm_quote_line *l);
void tcrm_quote_line_clear(struct tcrm_quote_line *l);
void tcrm_quote_lines_free(struct tcrm_quote_line *a, size_t n);

/* A new draft numbered by `pattern` (NULL: the default). Errors: "quote
 * needs a company or a contact", "company 9: not found", "currency: ...",
 * "valid: '2026-13-01' is not a date", "number: pattern 'Q%Y' has no %n". */
int tcrm_quote_insert(struct tcrm_db *db, struct tcrm_quote *q,
                      const char *pattern, struct tcrm_error *err);
/* By id, among the quotes the session sees; state EXPIRED when past. */
int tcrm_quote_get(struct tcrm_db *db, int64_t id, struct tcrm_quote *out,
                   struct tcrm_error *err);
/* A quote named by its id ("12") or its number ("Q2026-0001"): *id;
 * TCRM_ENOTFOUND "quote 'Q2026-0009': not found" (an id is checked by
 * the call that uses it). */
int tcrm_quote_find(struct tcrm_db *db, const char *ref, int64_t *id,
                    struct tcrm_error *err);
/* The lines of quote id in order. */
int tcrm_quote_lines(struct tcrm_db *db, int64_t id,
                     struct tcrm_quote_line **out, size_t *n,
                     struct tcrm_error *err);

/* Where a suggested price came from (tcrm_quote_add_line). */
struct tcrm_price_source {
    int kind;               /* 0 given, 1 last paid, 2 catalogue */
    char number[48];        /* last paid: that quote's number */
    char date[11];          /* and when it was accepted */
};

/* Add l to quote l->quote_id. With product_code, description and unit
 * come from the product; l->in.tax < 0 takes the product's rate (0 for
 * text); l->in.price < 0 takes the price this customer last paid for the
 * product on an accepted quote in this currency, else the catalogue's
 * (src says which). Errors: "quantity: must be more than 0", "product
 * 'X': not found", "quote Q2026-0001 is accepted: it cannot be changed",
 * "currency: product X is priced in USD, the quote is in CNY". Fills
 * l->id, l->position, l->am. */
int tcrm_quote_add_line(struct tcrm_db *db, struct tcrm_quote_line *l,
                        const char *product_code,
                        struct tcrm_price_source *src,
                        struct tcrm_error *err);

/* Change the header of draft q->id, read at q->version, to q's company,
 * contact, deal, currency and valid_until (NULL or "": none), checked as
 * tcrm_quote_insert does; a contact with a company must be one of its
 * ("contact 7 is not a contact of Acme Ltd", field "contact"). Only a
 * draft: "quote Q2026-0001 is sent: only a draft's customer, currency and
 * validity can change" (field "state"; accepted, rejected or expired as
 * for a line: "... it cannot be changed (copy it: ...)").
 * A quote with lines keeps its currency (their prices are in it): "currency:
 * quote Q2026-0001 has lines priced in CNY: copy it to a quote in USD
 * instead". TCRM_ECONFLICT when changed since read; audited as an edit
 * (the old and new values of each field). q->version follows: it stays
 * when nothing changed (then nothing is written). */
int tcrm_quote_update(struct tcrm_db *db, struct tcrm_quote *q,
                      struct tcrm_error *err);
/* draft -> sent (needs a line), sent -> accepted | rejected; refused when
 * expired. */
int tcrm_quote_set_state(struct tcrm_db *db, int64_t id, int state,
                         struct tcrm_error *err);
/* A new draft from quote id (numbered by pattern); *new_id. */
int tcrm_quote_copy(struct tcrm_db *db, int64_t id, const char *pattern,
                    int64_t *new_id, struct tcrm_error *err);
int tcrm_quote_delete(struct tcrm_db *db, int64_t id, struct tcrm_error *err);

/* What a list of quotes or orders holds: state (-1 any) and the company,
 * contact or deal they belong to (0: any). */
struct tcrm_doc_filter {
    int state;
    int64_t company_id, contact_id, deal_id;
};

/* The one keyset page of quotes (and orders, order.h): those the session
 * sees matching f (NULL: all), newest first, at most limit: after id
 * `after` (0: from the newest), or with backwards the rows just before it
 * (0: the oldest), always in list order; *more: rows remain beyond, that
 * way (more may be NULL). */
int tcrm_quote_page(struct tcrm_db *db, const struct tcrm_doc_filter *f,
                    int64_t after, int backwards, size_t limit,
                    struct tcrm_quote **out, size_t *n, int *more,
                    struct tcrm_error *err);
int tcrm_quote_count(struct tcrm_db *db, const struct tcrm_doc_filter *f,
                     int64_t *n, struct tcrm_error *err);

/* Quotes the session sees, newest first: ids below `before` (0: from the
 * newest), state -1 for any, at most limit (tcrm_quote_page). */
int tcrm_quote_list(struct tcrm_db *db, int state, int64_t before,
                    size_t limit, struct tcrm_quote **out, size_t *n,
                    struct tcrm_error *err);
void tcrm_quote_array_free(struct tcrm_quote *a, size_t n);

/* Expand a number pattern (above) for year, month and counter n; the
 * prefix is the expansion without the counter. -1 when the pattern has no
 * %n, more than one, an unknown %, or does not fit. */
int tcrm_quote_number(const char *pattern, int year, int month, int64_t n,
                      char *out, size_t cap, char *prefix, size_t pcap);

#endif
