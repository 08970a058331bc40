/*
 * contact_internal.h: what contact.c, contact_list.c, search.c and dup.c
 * share. Private to src/core.
 *
 * Lists are "tiered keyset" queries: a list is the concatenation of up to
 * three tiers (search ranking 0/1/2; or, for the last-contact sort, the
 * contacts never contacted followed by the others). Each tier is one
 * index-ordered query; a cursor is (tier, key, id). tcrm_cl_run walks the
 * tiers forwards or backwards and stops as soon as it has limit + 1 rows,
 * so a page costs a few index seeks whatever the table size.
 */
#ifndef TCRM_CONTACT_INTERNAL_H
#define TCRM_CONTACT_INTERNAL_H

#include "tcrm/contact.h"
#include "db_internal.h"

/* One tier: SQL fragments (string literals). */
struct tcrm_cl_tier {
    const char *from;   /* FROM clause naming contacts as c */
    const char *cond;   /* condition always applied, or NULL */
    const char *key;    /* order column (then idcol), or NULL: idcol only */
    const char *lo;     /* lower bound on key when no cursor, or NULL */
    const char *hi;     /* upper bound on key, or NULL */
    const char *idcol;  /* "c.id" or the FTS table's rowid */
};

struct tcrm_cl_plan {
    struct tcrm_cl_tier tiers[3];
    int n_tiers;
    /* values bound by name (:q :k :khi :m :m2 :co :tag) when the SQL uses
     * them */
    const char *q, *k, *khi, *match, *match2;
    const char *me;          /* :me, the login of search_see.c's rows */
    int64_t company_id;
    int64_t tag_id;          /* 0: no tag filter; -1: tag unknown (empty) */
};

/* Fill plan->company_id / tag_id from the filter (resolving the tag). */
int tcrm_cl_plan_filters(struct tcrm_db *db, const struct tcrm_contact_filter *f,
                         struct tcrm_cl_plan *plan, struct tcrm_error *err);
/* Append " AND ..." conditions for the company and tag filters. */
int tcrm_cl_append_filters(struct tcrm_strbuf *sb,
                           const struct tcrm_cl_plan *plan);
/* Bind the named plan parameters a statement uses. */
int tcrm_cl_bind_plan(sqlite3_stmt *st, const struct tcrm_cl_plan *plan);
/* Run a plan: one page. */
int tcrm_cl_run(struct tcrm_db *db, const struct tcrm_cl_plan *plan,
                const struct tcrm_contact_row *after, int backwards,
                size_t limit, struct tcrm_contact_page *out,
                struct tcrm_error *err);
/* Prepare a one-off (not cached) statement; NULL with err filled. */
sqlite3_stmt *tcrm_cl_prepare(struct tcrm_db *db, const char *sql,
                              struct tcrm_error *err);

/* search.c: ranked pages and counts for a search filter. */
int tcrm_search_page(struct tcrm_db *db, const char *query,
                     const struct tcrm_contact_filter *f,
                     const struct tcrm_contact_row *after, int backwards,
                     size_t limit, struct tcrm_contact_page *out,
                     struct tcrm_error *err);
int tcrm_search_count(struct tcrm_db *db, const char *query,
                      const struct tcrm_contact_filter *f, int64_t *n,
                      struct tcrm_error *err);

/* search.c: the pieces of a contact's index text, for writers that have
 * the contact in memory (bulk.c). The text is, one folded piece a line:
 * the name, the company's stored name, title, department, notes, then
 * each channel in position order (tcrm_search_body_channel), then the tag
 * names as stored, in name order (COLLATE NOCASE), each once. The name,
 * company and title go in with tcrm_search_body_add_spoken (their pinyin
 * keys follow them), the others with tcrm_search_body_add. */
int tcrm_search_body_add(struct tcrm_strbuf *body, const char *text);
int tcrm_search_body_add_spoken(struct tcrm_strbuf *body, const char *text);
/* kind is an enum tcrm_channel_kind: phones also as digits; web/IM: none. */
int tcrm_search_body_channel(struct tcrm_strbuf *body, int kind,
                             const char *value);
/* Write contact id's entries in both indexes from its text; the contact
 * must have none yet (tcrm_search_index_contact replaces them). */
int tcrm_search_store(struct tcrm_db *db, int64_t id, const char *body,
                      struct tcrm_error *err);

/* search_see.c: visibility tokens. Append contact id's tokens (from its
 * stored owner and shares) to its trigram text (lines) and its short
 * index text (words). */
int tcrm_search_see_tokens(struct tcrm_db *db, int64_t id,
                           struct tcrm_strbuf *body, struct tcrm_strbuf *shrt,
                           struct tcrm_error *err);
/* For a session that does not see all: *match becomes "(*match) AND (the
 * tokens of tcrm_reach and the pool)", for contact_search_short when
 * is_short, else contact_search. Nothing otherwise. */
int tcrm_search_see_match(struct tcrm_db *db, int is_short, char **match,
                          struct tcrm_error *err);
/* For a salesperson (a session whose tcrm_reach is itself alone), a
 * query q whose words of three characters or more are each *match's
 * quoted term: the one of them (5..60 ASCII letters and digits) with the
 * most common trigram, when its two rarest are not common, becomes those
 * two ANDed, and *vq that
 * word, to check with instr(body, *vq); nothing otherwise. */
int tcrm_search_see_thin(struct tcrm_db *db, const char *q, char **match,
                         char **vq, struct tcrm_error *err);
/* The rowid of the TCRM_SEARCH_PROBE_AT-th row of contact_search that
 * has trigram tri (its first 3 bytes), or 0 when it has fewer rows: the
 * lower, the more common the trigram (contact ids are dense). */
#define TCRM_SEARCH_PROBE_AT 200
int tcrm_search_probe(struct tcrm_db *db, const char *tri, int64_t *at,
                      struct tcrm_error *err);
/* The FROM of the name tiers (contacts as c): "live_contacts c", or for
 * a session that holds only its own rows, those rows, the pool's and
 * the ones shared with it as index ranges in name order (:me = *me). */
int tcrm_search_see_rows(struct tcrm_db *db, const char **from,
                         const char **me, struct tcrm_error *err);
/* search_thin.c: for a query q of 4..60 digits (and is_short 0), *match
 * becomes the runs of its rare trigrams ANDed and *verify is set (the
 * rows are checked with instr(body, q)) when some of its trigrams are
 * common and some not; nothing otherwise. */
int tcrm_search_thin_digits(struct tcrm_db *db, const char *q, int is_short,
                            char **match, int *verify, struct tcrm_error *err);
/* A copy of a typed query without the tokens' characters (plane 15 and
 * up); NULL when out of memory. */
char *tcrm_search_strip_see(const char *query);

/* Index again the contacts of company (0: every contact), in batches
 * (search.c; a company's name is in its contacts' entries). */
int tcrm_search_reindex(struct tcrm_db *db, int64_t company,
                        struct tcrm_error *err);

/* contact.c: the stored value_key of a channel (phone key, e-mail key, ""
 * for web/im); new string or NULL when out of memory. */
char *tcrm_channel_value_key(enum tcrm_channel_kind k, const char *value);

/* After an UPDATE ... WHERE version = ? changed nothing: TCRM_ENOTFOUND
 * "ENTITY ID: not found" or TCRM_ECONFLICT "ENTITY ID was changed by WHO
 * at WHEN since you read it". sql selects updated_by, updated_at of a row
 * not in the trash, ?1 = id. */
int tcrm_row_conflict(struct tcrm_db *db, const char *sql, const char *entity,
                      int64_t id, struct tcrm_error *err);

#endif
