/*
 * campaign.h: marketing campaigns (营销活动): create, run, track, measure
 * (data/migrations/013_campaigns.sql is the schema).
 *
 * A campaign has a name (unique among live campaigns, any case), a kind
 * (email, event, call, ad, other), start and end days, a budget and a
 * cost in minor units of its currency ([sales] base_currency unless
 * given), an owner (access.h: campaigns are owned, seen by their owner,
 * the people above them and admins) and goes to the trash.
 *
 * Members are contacts the session sees, frozen when added: adding a
 * search (search.h) or a tag copies the contacts it gives at that
 * moment; contacts added later to the tag are not members. A member's
 * state goes forward only: targeted -> contacted -> responded ->
 * converted, each with when it was reached (marking a later state fills
 * the earlier ones it skipped). Changing the members needs the right to
 * change the campaign (its version is bumped; access.c's guards decide).
 *
 * Deals and contacts carry the campaign that brought them (deal.h
 * campaign_id, an import's campaign: csvio.h). The figures of the report:
 * members, contacted, responded, converted (reached at least that
 * state), deals opened and won (the live deals the session sees), won
 * revenue per currency, cost per response and per won deal, and the
 * return on cost ((won revenue - cost) / cost, revenue in other
 * currencies converted into the campaign's at today's rate, rate.h).
 *
 * Errors (one line, TCRM_EINVAL with the field unless said):
 *   "name: required"                                       (name)
 *   "campaign name 'Spring fair' is already used (campaign 3)" (name)
 *   "kind: 'fax' is not one of email, event, call, ad, other" (kind)
 *   "state: 'won' is not one of contacted, responded, converted" (state)
 *   "end: 2026-03-01 is before the start 2026-04-01"        (end)
 *   "contact 9 is not a member of campaign 2 (Spring fair)" (contact)
 *   "contact 9 already reached responded in campaign 2"     (state)
 *   "contact 9: not found" (TCRM_ENOTFOUND: not there, or not seen)
 */
#ifndef TCRM_CAMPAIGN_H
#define TCRM_CAMPAIGN_H

#include "tcrm/db.h"
#include "tcrm/entity.h"
#include "tcrm/money.h"

/* Stored English keys, shown with tcrm_i18n_word("kind", key). */
enum tcrm_campaign_kind { TCRM_CAMPAIGN_EMAIL, TCRM_CAMPAIGN_EVENT,
                          TCRM_CAMPAIGN_CALL, TCRM_CAMPAIGN_AD,
                          TCRM_CAMPAIGN_OTHER, TCRM_CAMPAIGN_KINDS };
const char *tcrm_campaign_kind_name(int kind);
int tcrm_campaign_kind_parse(const char *name);        /* -1: unknown */
const char *tcrm_campaign_kind_list(void);   /* "email, event, call, ..." */

/* Stored English keys, shown with tcrm_i18n_word("state", key). */
enum tcrm_member_state { TCRM_MEMBER_TARGETED, TCRM_MEMBER_CONTACTED,
                         TCRM_MEMBER_RESPONDED, TCRM_MEMBER_CONVERTED,
                         TCRM_MEMBER_STATES };
const char *tcrm_member_state_name(int state);
int tcrm_member_state_parse(const char *name);          /* -1: unknown */
/* "contacted, responded, converted": the states a mark may give. */
const char *tcrm_member_mark_list(void);

struct tcrm_campaign {
    int64_t id, version;
    char *name;
    int kind;
    char *starts_on, *ends_on;    /* YYYY-MM-DD or NULL */
    char *currency;
    int64_t budget;               /* minor units; -1: none */
    int64_t cost;                 /* minor units */
    /* read-only */
    int64_t members, contacted, responded, converted;
    char *owner;
    struct tcrm_stamp stamp;
};

struct tcrm_campaign_in {
    const char *name;
    int kind;                     /* enum tcrm_campaign_kind */
    const char *starts_on, *ends_on;   /* YYYY-MM-DD, NULL: none */
    const char *currency;         /* NULL: base (the caller's config) */
    int64_t budget;               /* -1: none */
    int64_t cost;
};

void tcrm_campaign_clear(struct tcrm_campaign *c);
void tcrm_campaign_array_free(struct tcrm_campaign *a, size_t n);

int tcrm_campaign_add(struct tcrm_db *db, const struct tcrm_campaign_in *in,
                      int64_t *id, struct tcrm_error *err);
int tcrm_campaign_get(struct tcrm_db *db, int64_t id,
                      struct tcrm_campaign *out, struct tcrm_error *err);
/* By id ("12") or name (any case); TCRM_ENOTFOUND
 * "campaign 'x': not found". */
int tcrm_campaign_find(struct tcrm_db *db, const char *ref, int64_t *id,
                       struct tcrm_error *err);
/* Save c's name, kind, dates, currency, budget and cost when c->version is
 * still the stored one (TCRM_ECONFLICT otherwise). */
int tcrm_campaign_edit(struct tcrm_db *db, struct tcrm_campaign *c,
                       struct tcrm_error *err);
/* To the trash (entity.h). */
int tcrm_campaign_delete(struct tcrm_db *db, int64_t id,
                         struct tcrm_error *err);
/* Live campaigns by id, oldest first, after id `after`. */
int tcrm_campaign_page(struct tcrm_db *db, int64_t after, size_t limit,
                       struct tcrm_campaign **out, size_t *n, int *more,
                       struct tcrm_error *err);
/* 0 when campaign id is live and seen, else TCRM_ENOTFOUND
 * "campaign 9: not found" (field "campaign"): a deal's or an import's. */
int tcrm_campaign_require(struct tcrm_db *db, int64_t id,
                          struct tcrm_error *err);

/* ---- members ------------------------------------------------------------- */

/* Which contacts: those a search gives, those with a tag, or these ids
 * (each must be a live contact the session sees: else nothing changes
 * and the first unseen one is TCRM_ENOTFOUND). One of the three. */
struct tcrm_member_source {
    const char *search;
    const char *tag;
    const int64_t *ids;
    size_t n_ids;
};

/* In one transaction; *added counts the new members, *already those that
 * were members before (kept as they are). */
int tcrm_campaign_members_add(struct tcrm_db *db, int64_t campaign,
                              const struct tcrm_member_source *src,
                              int64_t *added, int64_t *already,
                              struct tcrm_error *err);
/* *removed counts the members taken out (the others were not members). */
int tcrm_campaign_members_remove(struct tcrm_db *db, int64_t campaign,
                                 const struct tcrm_member_source *src,
                                 int64_t *removed, struct tcrm_error *err);
/* Mark member contact as reached `state` (contacted, responded or
 * converted) now. */
int tcrm_campaign_mark(struct tcrm_db *db, int64_t campaign, int64_t contact,
                       int state, struct tcrm_error *err);

/* Inside an import's last transaction (csvio.h): the contacts import
 * batch `batch` added were brought by the campaign (contacts.campaign_id)
 * and become its members. *added counts them. */
int tcrm_campaign_import(struct tcrm_db *db, int64_t campaign, int64_t batch,
                         int64_t *added, struct tcrm_error *err);

struct tcrm_campaign_member {
    int64_t contact_id;
    char *name, *company;
    int state;
    char *contacted_at, *responded_at, *converted_at, *added_at, *added_by;
};
void tcrm_campaign_members_free(struct tcrm_campaign_member *a, size_t n);
/* Members by contact id after `after`, at most limit. */
int tcrm_campaign_members(struct tcrm_db *db, int64_t campaign,
                          int64_t after, size_t limit,
                          struct tcrm_campaign_member **out, size_t *n,
                          int *more, struct tcrm_error *err);

/* ---- figures (the report) ------------------------------------------------ */

struct tcrm_campaign_revenue {
    char currency[4];
    int64_t won;                  /* minor units */
};

struct tcrm_campaign_figures {
    struct tcrm_campaign c;       /* members .. converted filled */
    int64_t brought;              /* contacts it brought (contacts.campaign_id) */
    int64_t deals, won;           /* deals opened (any status), won */
    struct tcrm_campaign_revenue *revenue;   /* by currency */
    size_t n_revenue;
    int64_t per_response;         /* cost / responded; -1: none responded */
    int64_t per_won;              /* cost / won deals; -1: none won */
    /* (revenue - cost) / cost in hundredths of a percent; roc_known 0 when
     * the cost is 0 or a currency has no rate (roc_missing names it). */
    int64_t roc_bp;
    int roc_known;
    char roc_missing[4];
};

/* Every live campaign the session sees (id 0) or one, oldest first;
 * today: the day of the rates. */
int tcrm_campaign_figures(struct tcrm_db *db, int64_t id, const char *today,
                          struct tcrm_campaign_figures **out, size_t *n,
                          struct tcrm_error *err);
void tcrm_campaign_figures_free(struct tcrm_campaign_figures *a, size_t n);

#endif
