/*
 * search_see.c: visibility tokens in the contact search index, so that
 * the search of someone who does not see everything (access.h) walks
 * only candidate rows they may see.
 *
 * Each contact's index entry (search.c) ends with one token per login
 * that may see it under the rule of access.c for contacts (see_rule: the
 * owner, or anyone above the owner through tcrm_reach; a share; the
 * pool; contacts are not seen through their company): its owner's
 * token, or the pool token when it has no owner, and the token of every
 * login it is shared with.
 *   contact_search        (trigram) a line of three private-use
 *                         characters of plane 15, each carrying 12 bits
 *                         of a hash of the login (U+F0000 + 0..4095),
 *                         so the token is one trigram no text has; the
 *                         pool: U+F1000 three times.
 *   contact_search_short  (unicode61) the word "0see" + the hash in 9 hex
 *                         digits; the pool: "0seepool".
 * The hash is of the login (FNV-1a, 36 bits), never of a user id: users
 * added later, or ids that change, need no re-indexing; two logins that
 * share a hash only make a token match more rows.
 *
 * A search by a session that does not see all (owned mode, not an admin)
 * ANDs "(the token of each login of tcrm_reach OR the pool token)" into
 * the MATCH of the index it walks: a superset of what the person may see
 * (a manager's token list names the people under them, whose shares are
 * not theirs), still in rowid order. live_contacts decides as before, so
 * a stale token can cost speed, never show a row. Open mode and admins
 * add nothing. Tokens are written in both modes, so changing the mode
 * needs no rebuild.
 *
 * Kept current by re-indexing the contact (tcrm_search_index_contact)
 * wherever its owner or shares change: contact edit, assign, claim,
 * share/unshare (owner.c), the pool's release (pool.c); imports write
 * them with the rest (tcrm_search_store reads them from the stored rows).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contact_internal.h"
#include "tcrm/access.h"
#include "tcrm/strbuf.h"
#include "tcrm/text.h"

#define SEE_MARK "0see"
#define SEE_BASE 0xF0000u
#define SEE_POOL 0xF1000u

/* FNV-1a of the login, 36 bits. */
static uint64_t see_hash(const char *login)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (const unsigned char *p = (const unsigned char *)login; *p; p++) {
        h ^= *p;
        h *= 0x100000001b3ull;
    }
    return h & 0xFFFFFFFFFull;
}

/* cp (U+10000..U+10FFFF) as UTF-8, appended. */
static int append_cp4(struct tcrm_strbuf *sb, uint32_t cp)
{
    char u[4] = { (char)(0xF0 | (cp >> 18)), (char)(0x80 | ((cp >> 12) & 0x3F)),
                  (char)(0x80 | ((cp >> 6) & 0x3F)), (char)(0x80 | (cp & 0x3F)) };
    return tcrm_strbuf_appendn(sb, u, 4);
}

/* The trigram token of login (NULL or "": the pool), unquoted. */
static int tri_token(struct tcrm_strbuf *sb, const char *login)
{
    int pool = tcrm_str_empty(login);
    uint64_t h = pool ? 0 : see_hash(login);
    int rc = 0;
    for (int i = 2; rc == 0 && i >= 0; i--)
        rc = append_cp4(sb, pool ? SEE_POOL
                                 : SEE_BASE + (uint32_t)((h >> (12 * i)) & 0xFFF));
    return rc;
}

/* The word of login in contact_search_short (NULL or "": the pool). */
static int short_token(struct tcrm_strbuf *sb, const char *login)
{
    if (tcrm_str_empty(login))
        return tcrm_strbuf_append(sb, SEE_MARK "pool");
    return tcrm_strbuf_appendf(sb, SEE_MARK "%09llx",
                               (unsigned long long)see_hash(login));
}

static int add_token(struct tcrm_strbuf *body, struct tcrm_strbuf *shrt,
                     const char *login)
{
    int rc = tri_token(body, login);
    rc = rc ? rc : tcrm_strbuf_appendc(body, '\n');
    rc = rc ? rc : tcrm_strbuf_appendc(shrt, ' ');
    return rc ? rc : short_token(shrt, login);
}

int tcrm_search_see_tokens(struct tcrm_db *db, int64_t id,
                           struct tcrm_strbuf *body, struct tcrm_strbuf *shrt,
                           struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT owner, 0 FROM contacts"
        " WHERE id = ?1 UNION ALL SELECT s.login, 1 FROM shares s"
        " WHERE s.entity = 'contact' AND s.entity_id = ?1 AND s.login IS NOT"
        " (SELECT owner FROM contacts WHERE id = ?1)", err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_int64(st, 1, id);
    int rc, r = 0;
    while (r == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *login = (const char *)sqlite3_column_text(st, 0);
        if (sqlite3_column_int(st, 1) == 0 || !tcrm_str_empty(login))
            r = add_token(body, shrt, login);
        if (r)
            r = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    }
    if (r == 0 && rc != SQLITE_DONE)
        r = tcrm_db_fail(db, "search index", err);
    tcrm_db_done(st);
    return r;
}

/* The tokens of the logins of tcrm_reach and the pool, ORed. */
static int reach_tokens(struct tcrm_db *db, int is_short,
                        struct tcrm_strbuf *m, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT login FROM temp.tcrm_reach"
                                       " UNION ALL SELECT NULL", err);
    if (!st)
        return TCRM_EDB;
    int rc, r = 0, n = 0;
    while (r == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *login = (const char *)sqlite3_column_text(st, 0);
        r = n++ ? tcrm_strbuf_append(m, " OR \"") : tcrm_strbuf_appendc(m, '"');
        r = r ? r : is_short ? short_token(m, login) : tri_token(m, login);
        r = r ? r : tcrm_strbuf_appendc(m, '"');
        if (r)
            r = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    }
    if (r == 0 && rc != SQLITE_DONE)
        r = tcrm_db_fail(db, "search", err);
    tcrm_db_done(st);
    return r;
}

int tcrm_search_see_match(struct tcrm_db *db, int is_short, char **match,
                          struct tcrm_error *err)
{
    if (tcrm_access_all(db) || !*match)
        return 0;
    struct tcrm_strbuf m;
    tcrm_strbuf_init(&m);
    int rc = tcrm_strbuf_appendf(&m, "(%s) AND (", *match)
           ? tcrm_error_set(err, TCRM_ENOMEM, "out of memory") : 0;
    rc = rc ? rc : reach_tokens(db, is_short, &m, err);
    if (rc == 0 && tcrm_strbuf_appendc(&m, ')'))
        rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    char *s = rc ? NULL : tcrm_strbuf_steal(&m);
    tcrm_strbuf_free(&m);
    if (rc == 0 && !s)
        rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (s) {
        free(*match);
        *match = s;
    }
    return rc;
}

char *tcrm_search_strip_see(const char *query)
{
    size_t len = strlen(query);
    char *out = malloc(len + 1), *o = out;
    for (size_t i = 0; out && i < len;) {
        uint32_t cp = 0;
        int n = tcrm_utf8_decode(query + i, len - i, &cp);
        if (n <= 0)
            n = 1;
        if (n < 4 || cp < SEE_BASE) {
            memcpy(o, query + i, (size_t)n);
            o += n;
        }
        i += (size_t)n;
    }
    if (out)
        *o = '\0';
    return out;
}

/* ---- one word for someone who sees a few rows in twenty ------------- */

/* A phrase of trigrams is read in step over every term's doclist: a word
 * with a common trigram ("ang" of "zhangwei", in 70% of the rows) costs
 * the whole of it (12 ms at 1M), however few rows the tokens leave. Its
 * two rarest trigrams as plain terms, then instr() on each candidate (the
 * body is folded text, so the same test as the phrase's), read only
 * what they and the tokens have in common: 1 to 3 ms. Only for one who
 * holds no one else's rows (a salesperson: some 1 row in 20): a manager's
 * tokens leave so many candidates that checking each costs more (24 ms
 * instead of 16 for "zhangwei" at 1M), and everyone else stops after a
 * page anyway. Digits have their own filter (search.c). */
static int reach_of_one(struct tcrm_db *db, int *one, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT count(*) = 1 FROM"
                                       " temp.tcrm_reach", err);
    if (!st)
        return TCRM_EDB;
    int rc = sqlite3_step(st);
    *one = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
    tcrm_db_done(st);
    return rc == SQLITE_ROW ? 0 : tcrm_db_fail(db, "search", err);
}

/* The two rarest trigrams of word w (n bytes) as "t1" AND "t2", appended;
 * *densest the probe of its most common one (lower: more common); 0 when
 * the pair is common too (the second in more than some 1 row in 5: "wan"
 * and "ang" of "wang"), so that thinning would leave as many rows. */
#define PAIR_RARE (TCRM_SEARCH_PROBE_AT * 5)
static int rare_pair(struct tcrm_db *db, const char *w, size_t n,
                     struct tcrm_strbuf *m, int64_t *densest,
                     struct tcrm_error *err)
{
    size_t best[2] = { 0, 1 };
    int64_t rare[2] = { -1, -1 };
    *densest = INT64_MAX;
    for (size_t i = 0; i + 2 < n; i++) {
        int64_t at = 0;
        int rc = tcrm_search_probe(db, w + i, &at, err);
        if (rc)
            return rc;
        if (at == 0)
            at = INT64_MAX;      /* fewer than TCRM_SEARCH_PROBE_AT rows */
        if (at < *densest)
            *densest = at;
        int k = at > rare[0] ? 0 : at > rare[1] ? 1 : 2;
        if (k == 0) {
            best[1] = best[0];
            rare[1] = rare[0];
        }
        if (k < 2) {
            best[k] = i;
            rare[k] = at;
        }
    }
    if (rare[1] < PAIR_RARE)
        *densest = 0;
    return tcrm_strbuf_appendf(m, "\"%.3s\" AND \"%.3s\"", w + best[0],
                               w + best[1])
        ? tcrm_error_set(err, TCRM_ENOMEM, "out of memory") : 0;
}

/* Is w (n bytes) a word to thin: 5..60 ASCII letters and digits, not
 * digits only (those have their own filter, search.c)? */
static int thin_word(const char *w, size_t n)
{
    return n >= 5 && n <= 60 &&
           strspn(w, "0123456789abcdefghijklmnopqrstuvwxyz") >= n &&
           strspn(w, "0123456789") < n;
}

/* The words of q of three characters or more ("long": the trigram
 * index's), quoted and ANDed as search.c writes them when each is spelt
 * one way, into sb; *n_long their number. */
static int long_words(const char *q, struct tcrm_strbuf *sb, int *n_long)
{
    int rc = 0;
    *n_long = 0;
    for (const char *w = q; rc == 0 && *w;) {
        size_t n = strcspn(w, " ");
        if (n >= 3 && (*n_long)++)
            rc = tcrm_strbuf_append(sb, " AND ");
        if (rc == 0 && n >= 3)
            rc = tcrm_strbuf_appendf(sb, "\"%.*s\"", (int)n, w);
        w += n + strspn(w + n, " ");
    }
    return rc;
}

/* Thin the word of q with the most common trigram; the others stay. */
static int thin_words(struct tcrm_db *db, const char *q, struct tcrm_strbuf *m,
                      char **vq, struct tcrm_error *err)
{
    const char *pick = NULL;
    size_t pick_n = 0;
    int64_t pick_at = INT64_MAX;
    for (const char *w = q; *w;) {      /* which word: a probe each */
        size_t n = strcspn(w, " ");
        struct tcrm_strbuf scratch;
        tcrm_strbuf_init(&scratch);
        int64_t at = INT64_MAX;
        int rc = thin_word(w, n) ? rare_pair(db, w, n, &scratch, &at, err) : 0;
        tcrm_strbuf_free(&scratch);
        if (rc)
            return rc;
        if (at > 0 && at < pick_at) {
            pick = w;
            pick_n = n;
            pick_at = at;
        }
        w += n + strspn(w + n, " ");
    }
    if (!pick)
        return 0;
    int rc = 0, first = 1;
    for (const char *w = q; rc == 0 && *w;) {
        size_t n = strcspn(w, " ");
        if (n >= 3 && !first)
            rc = tcrm_strbuf_append(m, " AND ") ? TCRM_ENOMEM : 0;
        if (rc == 0 && w == pick)
            rc = rare_pair(db, w, n, m, &pick_at, err);
        else if (rc == 0 && n >= 3)
            rc = tcrm_strbuf_appendf(m, "\"%.*s\"", (int)n, w) ? TCRM_ENOMEM : 0;
        first = first && n < 3;
        w += n + strspn(w + n, " ");
    }
    if (rc == TCRM_ENOMEM || (rc == 0 && !(*vq = strndup(pick, pick_n))))
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    return rc;
}

int tcrm_search_see_thin(struct tcrm_db *db, const char *q, char **match,
                         char **vq, struct tcrm_error *err)
{
    struct tcrm_strbuf plain, m;
    tcrm_strbuf_init(&plain);
    tcrm_strbuf_init(&m);
    int one = 0, n_long = 0;
    if (tcrm_access_all(db) || !*match)
        return 0;
    int rc = long_words(q, &plain, &n_long)
        ? tcrm_error_set(err, TCRM_ENOMEM, "out of memory") : 0;
    if (rc == 0 && n_long > 0 && plain.buf && strcmp(plain.buf, *match) == 0)
        rc = reach_of_one(db, &one, err);
    if (rc == 0 && one)
        rc = thin_words(db, q, &m, vq, err);
    if (rc == 0 && *vq) {
        char *s = tcrm_strbuf_steal(&m);
        if (!s)
            rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        else {
            free(*match);
            *match = s;
        }
    }
    tcrm_strbuf_free(&plain);
    tcrm_strbuf_free(&m);
    return rc;
}

/* ---- the name tiers for one who holds only their own rows ----------- */

/* The rule of access.c for contacts when tcrm_reach is the user alone:
 * owned by them, in the pool (no owner), or shared with them: four
 * disjoint index ranges of contacts_by_owner_sort (or of shares), each
 * in name order, which SQLite merges. live_contacts in each branch keeps
 * the rule deciding (and "mine", access.h). Walking contacts_by_sort
 * instead reads twenty rows for each one a salesperson may see (6 ms for
 * a page of "z" at 1M). The plain contact list uses the same rows in
 * company and title order, through contacts(owner, company_sort, id) and
 * contacts(owner, title_sort, id) (contact_list.c). */
#define SEE_ROWS                                                           \
    "(SELECT * FROM live_contacts WHERE owner = :me"                       \
    " UNION ALL SELECT * FROM live_contacts WHERE owner IS NULL"           \
    " UNION ALL SELECT * FROM live_contacts WHERE owner = ''"              \
    " UNION ALL SELECT v.* FROM shares s JOIN live_contacts v"             \
    " ON v.id = s.entity_id WHERE s.entity = 'contact' AND s.login = :me"  \
    " AND v.owner <> :me AND v.owner <> '') c"

int tcrm_search_see_rows(struct tcrm_db *db, const char **from,
                         const char **me, struct tcrm_error *err)
{
    int one = 0;
    int rc = tcrm_access_all(db) ? 0 : reach_of_one(db, &one, err);
    if (rc == 0 && one) {
        *from = SEE_ROWS;
        *me = tcrm_db_login(db);
    }
    return rc;
}
