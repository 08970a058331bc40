/*
 * search_thin.c: how common a trigram of the search index is, and the
 * filter of digit strings built on it (search.c uses both; so does the
 * word thinning of search_see.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contact_internal.h"
#include "tcrm/strbuf.h"

int tcrm_search_probe(struct tcrm_db *db, const char *tri, int64_t *at,
                      struct tcrm_error *err)
{
    char m[8];
    snprintf(m, sizeof m, "\"%.3s\"", tri);
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT rowid FROM contact_search"
        " WHERE contact_search MATCH ?1 ORDER BY rowid LIMIT 1 OFFSET ?2", err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_text(st, 1, m, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, TCRM_SEARCH_PROBE_AT - 1);
    int rc = sqlite3_step(st);
    *at = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    tcrm_db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : tcrm_db_fail(db, "search", err);
}

/* Phone digits make a few trigrams very common ("861" of "+86 138...": half
 * the rows). FTS5 walks a phrase's doclists in step and does not stop at a
 * candidate that fails the positions: "8683861", in no row, reads all of
 * "861" (4+ ms at 1M). So for a query of digits only, the common trigrams
 * are left out of the MATCH (the runs of the others, ANDed: a superset) and
 * the rows are checked with instr(body, q) (digits: no case to fold).
 * Common = its PROBE_AT-th row has a rowid below DENSE_BELOW (contact ids
 * are dense, so that is a trigram in more than ~5% of the rows): a probe
 * reads PROBE_AT postings, not the doclist. The estimate only picks the
 * filter; the result is the same either way. */
#define PROBE_AT TCRM_SEARCH_PROBE_AT
#define DENSE_BELOW (PROBE_AT * 20)

static int trigram_dense(struct tcrm_db *db, const char *tri, int *dense,
                         struct tcrm_error *err)
{
    int64_t at = 0;
    int rc = tcrm_search_probe(db, tri, &at, err);
    *dense = rc == 0 && at > 0 && at < DENSE_BELOW;
    return rc;
}

/* The MATCH of the runs of rare trigrams of q (n digits), into sb; *used
 * set when some trigram was left out and some kept. */
static int rare_runs(struct tcrm_db *db, const char *q, size_t n,
                     struct tcrm_strbuf *sb, int *used, struct tcrm_error *err)
{
    size_t k = n - 2, run = 0, kept = 0;
    int rc = 0, dense = 0;
    for (size_t i = 0; rc == 0 && i <= k; i++) {
        dense = 1;
        if (i < k)
            rc = trigram_dense(db, q + i, &dense, err);
        if (rc == 0 && !dense) {
            run++;
            continue;
        }
        if (rc == 0 && run) {
            char piece[64];
            snprintf(piece, sizeof piece, "\"%.*s\"", (int)(run + 2), q + i - run);
            if ((kept && tcrm_strbuf_append(sb, " AND ")) || tcrm_strbuf_append(sb, piece))
                rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
            kept += run;
        }
        run = 0;
    }
    *used = rc == 0 && kept > 0 && kept < k;
    return rc;
}

int tcrm_search_thin_digits(struct tcrm_db *db, const char *q, int is_short,
                            char **match, int *verify, struct tcrm_error *err)
{
    size_t n = strlen(q);
    if (is_short || n < 4 || n > 60 || strspn(q, "0123456789") != n)
        return 0;
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    int used = 0, rc = rare_runs(db, q, n, &sb, &used, err);
    if (rc == 0 && used) {
        char *m = tcrm_strbuf_steal(&sb);
        if (!m)
            rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        else {
            free(*match);
            *match = m;
            *verify = 1;
        }
    }
    tcrm_strbuf_free(&sb);
    return rc;
}
