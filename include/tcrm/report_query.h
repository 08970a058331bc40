/*
 * report_query.h: the SQL aggregates behind the reports (src/report).
 *
 * Every report figure is computed here, in SQL, through indexes, so a
 * report stays fast on a million contacts; src/report only lays the
 * numbers out. Each query fills a small result table (struct
 * tcrm_rq_table) whose columns are listed next to the function, in order.
 * Amounts are integer minor units with their currency; never summed
 * across currencies (every money query groups by currency).
 *
 * Rows in the trash (deleted_at set) never count.
 *
 * The filter: dates are "YYYY-MM-DD", inclusive; from/to NULL mean no
 * bound. owner NULL: anyone. tag_id 0: any (get it from tcrm_rq_check);
 * a deal matches a tag when the deal, its contact or its company has it.
 * today is the report's "today" (tests fix it).
 */
#ifndef TCRM_REPORT_QUERY_H
#define TCRM_REPORT_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "tcrm/db.h"

struct tcrm_rq_filter {
    const char *from, *to;  /* period, inclusive; NULL: open-ended */
    const char *owner;      /* NULL: everybody */
    int64_t tag_id;         /* 0: no tag filter */
    const char *today;      /* "YYYY-MM-DD" */
    int quiet_days;         /* gone-quiet threshold */
    size_t limit;           /* list queries: most rows (0: no limit) */
    int team;               /* 1: owner's whole team instead (owner is the
                               manager; see tcrm_rq_scope_team) */
};

/* One value: i holds the integer value (0 for NULL), s a copy of the text
 * (NULL for SQL NULL and for non-text values). */
struct tcrm_rq_value {
    int64_t i;
    char *s;
    int null;
};

struct tcrm_rq_table {
    size_t nrows, ncols;
    struct tcrm_rq_value *v;   /* nrows * ncols, row by row */
};

/* Cell accessors: text (NULL for SQL NULL) and integer. */
const char *tcrm_rq_s(const struct tcrm_rq_table *t, size_t row, size_t col);
int64_t tcrm_rq_i(const struct tcrm_rq_table *t, size_t row, size_t col);
int tcrm_rq_null(const struct tcrm_rq_table *t, size_t row, size_t col);
/* Frees the contents (t itself is the caller's); NULL is fine. */
void tcrm_rq_table_free(struct tcrm_rq_table *t);

/* The owner a report's figures must be limited to: `owner` when given;
 * else, for a session that does not see everything (owned mode, not an
 * admin), the acting user (reports then count their own rows; shares and
 * the pool are not counted); else NULL (everybody). */
const char *tcrm_rq_scope_owner(struct tcrm_db *db, const char *owner);
/* 1 when, with no owner given, the figures are the acting manager's team
 * (themselves and everyone under them, owned mode): then the filter's
 * owner is the manager and team is 1. */
int tcrm_rq_scope_team(struct tcrm_db *db, const char *owner);

/* Check the filter's owner and tag. owner is known when it is the
 * database user or owns/logged anything; else TCRM_ENOTFOUND
 * "owner 'zed': not found". tag (NULL: none) must exist, else
 * TCRM_ENOTFOUND "tag 'x': not found"; *tag_id gets its id (0 if NULL).
 * In a session that does not see everything, owner must be the user or
 * someone under them, else TCRM_EPERM "owner 'x': not yourself or
 * someone under you". */
int tcrm_rq_check(struct tcrm_db *db, const char *owner, const char *tag,
                  int64_t *tag_id, struct tcrm_error *err);

/* agenda: open follow-ups due before today (overdue) or in [from, to].
 * owner: follow-up owner; tag: on its contact or company.
 * Columns: due_date, due_time, title, contact, company, phone, owner. */
int tcrm_rq_agenda(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                   struct tcrm_rq_table *out, struct tcrm_error *err);

/* activity: interactions in the period by day, person and kind. owner:
 * logged_by; tag: on the interaction's contact.
 * Columns: day ("YYYY-MM-DD"), logged_by, kind, count. */
int tcrm_rq_activity(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                     struct tcrm_rq_table *out, struct tcrm_error *err);
/* One row: contacts touched (distinct contacts of those interactions),
 * contacts added in the period (owner: created_by; tag: on the contact). */
int tcrm_rq_activity_contacts(struct tcrm_db *db,
                              const struct tcrm_rq_filter *f,
                              struct tcrm_rq_table *out,
                              struct tcrm_error *err);

/* pipeline: open deals now (period not used) by stage and currency.
 * owner: deal owner; tag: on the deal, its contact or company.
 * Columns: stage, currency, count, total_minor, weighted_x100 (sum of
 * amount * probability: divide by 100), oldest_created_at, oldest_title. */
int tcrm_rq_pipeline(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                     struct tcrm_rq_table *out, struct tcrm_error *err);

/* forecast: open deals with expected close in the period, by month.
 * Columns: month ("YYYY-MM"), currency, count, total_minor, weighted_x100. */
int tcrm_rq_forecast(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                     struct tcrm_rq_table *out, struct tcrm_error *err);
/* Open deals with no expected close. Columns: currency, count, total. */
int tcrm_rq_forecast_undated(struct tcrm_db *db,
                             const struct tcrm_rq_filter *f,
                             struct tcrm_rq_table *out,
                             struct tcrm_error *err);
/* Open deals whose expected close is before today, oldest first, at most
 * f->limit. Columns: id, title, expected_close, stage, amount_minor,
 * currency, owner. */
int tcrm_rq_forecast_late(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                          struct tcrm_rq_table *out, struct tcrm_error *err);

/* Deals closed (won or lost) in the period.
 * Columns: status ("won"/"lost"), currency, count, total_minor. */
int tcrm_rq_closed(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                   struct tcrm_rq_table *out, struct tcrm_error *err);
/* Lost reasons of deals lost in the period, most frequent first.
 * Columns: reason (NULL: none given), count. */
int tcrm_rq_lost_reasons(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                         struct tcrm_rq_table *out, struct tcrm_error *err);

/* sales: what confirmed orders sold (state 'confirmed', not in the
 * trash; open and cancelled orders never count), by the month they were
 * confirmed in the period. owner: the order's owner; tag: on its company
 * or contact. Amounts are the sums of the lines' stored amounts (the one
 * rounding rule of money.h), net and gross, never across currencies.
 * Columns: currency, owner (NULL: none), month ("YYYY-MM"), orders,
 * net_minor, gross_minor; by currency, owner (NULL last), month. */
int tcrm_rq_sales(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                  struct tcrm_rq_table *out, struct tcrm_error *err);
/* products: the same lines by product, currency and month, for the
 * f->limit products of each currency with the largest net (ties: lower
 * product id first; free-text lines together as product 0).
 * Columns: currency, rank (1..), products (how many the currency has),
 * code, name, spec (NULL for free text), month, qty_milli, net_minor,
 * gross_minor; by currency, rank, month. */
int tcrm_rq_products(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                     struct tcrm_rq_table *out, struct tcrm_error *err);

/* gone-quiet: contacts (companies) with no interaction for f->quiet_days
 * days or more before today (never contacted: counted from created_at),
 * longest silence first, at most f->limit. owner: the row's owner; tag:
 * on the row. Columns: id, name, company (companies: city), owner,
 * last_interaction_at (NULL: never), days; the companies' rows end with
 * how many companies are quiet in all (no limit). */
int tcrm_rq_quiet_contacts(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                           struct tcrm_rq_table *out, struct tcrm_error *err);
int tcrm_rq_quiet_companies(struct tcrm_db *db,
                            const struct tcrm_rq_filter *f,
                            struct tcrm_rq_table *out, struct tcrm_error *err);
/* One row: how many contacts, companies are quiet (no limit). */
int tcrm_rq_quiet_counts(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                         struct tcrm_rq_table *out, struct tcrm_error *err);
/* One row: how many contacts are quiet (the report takes the companies'
 * count from tcrm_rq_quiet_companies: one read of the companies). */
int tcrm_rq_quiet_contact_count(struct tcrm_db *db,
                                const struct tcrm_rq_filter *f,
                                struct tcrm_rq_table *out,
                                struct tcrm_error *err);

/* segments: live contacts or companies (added in the period when from/to
 * are set; owner: their owner; tag: carrying it). */
enum tcrm_rq_segment {
    TCRM_SEG_CONTACT_TAG, TCRM_SEG_CONTACT_CITY, TCRM_SEG_CONTACT_SOURCE,
    TCRM_SEG_COMPANY_TAG, TCRM_SEG_COMPANY_INDUSTRY, TCRM_SEG_COMPANY_CITY,
    TCRM_SEG_COUNT
};
/* One row: contacts, companies. */
int tcrm_rq_segment_totals(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                           struct tcrm_rq_table *out, struct tcrm_error *err);
/* Columns: segment (NULL: not set), count; largest first, at most
 * f->limit. */
int tcrm_rq_segment_counts(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                           enum tcrm_rq_segment seg,
                           struct tcrm_rq_table *out, struct tcrm_error *err);
/* Open deal value per segment: deals of the segment's contacts (contact
 * segments) or companies (company segments).
 * Columns: segment (NULL: not set), currency, count, total_minor. */
int tcrm_rq_segment_deals(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                          enum tcrm_rq_segment seg,
                          struct tcrm_rq_table *out, struct tcrm_error *err);

/* imports: batches started in the period (owner: who ran it), by id.
 * Columns: id, file, started_at, who, added, merged, skipped, rejected,
 * undone_at. */
int tcrm_rq_imports(struct tcrm_db *db, const struct tcrm_rq_filter *f,
                    struct tcrm_rq_table *out, struct tcrm_error *err);

#endif
