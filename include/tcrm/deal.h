/*
 * deal.h: deals moving through the pipeline (money: tcrm/money.h).
 *
 * The stage is a name from the configured pipeline ([pipeline] stages);
 * the core stores whatever it is given, callers check it against the
 * config. Amounts are integers in minor units (cents) with a 3-letter
 * currency. Won and lost close a deal (closed_at = today); lost needs a
 * reason.
 */
#ifndef TCRM_DEAL_H
#define TCRM_DEAL_H

#include "tcrm/db.h"
#include "tcrm/entity.h"
#include "tcrm/money.h"   /* tcrm_money_parse, tcrm_money_format */

enum tcrm_deal_status { TCRM_DEAL_OPEN, TCRM_DEAL_WON, TCRM_DEAL_LOST };
const char *tcrm_deal_status_name(enum tcrm_deal_status s);

struct tcrm_deal {
    int64_t id, version;
    char *title;
    int64_t company_id, contact_id;  /* at least one */
    char *stage;
    int64_t amount_minor;
    char *currency;
    int probability;                 /* 0..100 */
    char *expected_close;            /* "YYYY-MM-DD" or NULL */
    enum tcrm_deal_status status;
    char *lost_reason, *closed_at, *owner;
    struct tcrm_strlist tags;
    int64_t campaign_id;             /* the campaign that brought it (a live
                                        one the session sees), 0: none;
                                        written by insert only */
    /* read-only */
    char *company_name, *contact_name;
    struct tcrm_stamp stamp;
};

void tcrm_deal_init(struct tcrm_deal *d);
void tcrm_deal_clear(struct tcrm_deal *d);
/* Errors: "title: required", "deal needs a company or a contact",
 * "probability: 120 is not from 0 to 100", "currency: 'eu' is not a
 * 3-letter code". */
int tcrm_deal_insert(struct tcrm_db *db, struct tcrm_deal *d,
                     struct tcrm_error *err);
int tcrm_deal_get(struct tcrm_db *db, int64_t id, struct tcrm_deal *out,
                  struct tcrm_error *err);
int tcrm_deal_update(struct tcrm_db *db, struct tcrm_deal *d,
                     struct tcrm_error *err);
/* Stage of an open deal (probability becomes `probability` when >= 0). */
int tcrm_deal_move(struct tcrm_db *db, int64_t id, const char *stage,
                   int probability, struct tcrm_error *err);
int tcrm_deal_won(struct tcrm_db *db, int64_t id, struct tcrm_error *err);
int tcrm_deal_lost(struct tcrm_db *db, int64_t id, const char *reason,
                   struct tcrm_error *err);
int tcrm_deal_delete(struct tcrm_db *db, int64_t id, struct tcrm_error *err);

/* Deals ordered by stage position is the caller's job; this returns deals
 * (not in trash) filtered by stage (NULL: any), status (-1: any), contact
 * (0: any) and company (0: any), by id, at most limit after `after_id`. */
int tcrm_deal_list(struct tcrm_db *db, const char *stage, int status,
                   int64_t contact_id, int64_t company_id, int64_t after_id,
                   size_t limit, struct tcrm_deal **out, size_t *n,
                   struct tcrm_error *err);
void tcrm_deal_array_free(struct tcrm_deal *a, size_t n);
/* One keyset page of the deals the session sees (not in trash), filtered
 * by stage (NULL: any) and status (-1: any), by id: after id `after` (0:
 * from the first) or with backwards the rows just before it (0: the
 * last), always in list order; *more: rows remain beyond, that way (more
 * may be NULL). Tags are read. */
int tcrm_deal_page(struct tcrm_db *db, const char *stage, int status,
                   int64_t after, int backwards, size_t limit,
                   struct tcrm_deal **out, size_t *n, int *more,
                   struct tcrm_error *err);
/* How many deals tcrm_deal_page lists with that filter. */
int tcrm_deal_count(struct tcrm_db *db, const char *stage, int status,
                    int64_t *n, struct tcrm_error *err);

/* Open deals per (stage, currency): count and total, for the pipeline. */
struct tcrm_stage_total {
    char *stage, *currency;
    int64_t count, total_minor, weighted_minor;
};
int tcrm_deal_stage_totals(struct tcrm_db *db, struct tcrm_stage_total **out,
                           size_t *n, struct tcrm_error *err);
void tcrm_stage_total_array_free(struct tcrm_stage_total *a, size_t n);

#endif
