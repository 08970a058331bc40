/*
 * search.c: the contact search index and ranked search pages.
 *
 * Index: one row per contact in each FTS5 table (rowid = contact id).
 *   contact_search       trigram tokenizer; body = the folded fields, one
 *                        per line (so no match spans two fields), phones
 *                        also as bare digits. Answers any substring of 3+
 *                        characters.
 *   contact_search_short unicode61; only what a query of one or two
 *                        characters asks for: the text's words of one or
 *                        two characters, every CJK character and every
 *                        pair of adjacent CJK characters as separate
 *                        words, and the first one and two characters of
 *                        every other word as marked words ("0pfxa",
 *                        "0pfxan" for "anna"). Answers 1-2 character
 *                        queries with one exact word: CJK as is ("张伟"),
 *                        others marked ("0pfxan": words that start with
 *                        "an"); FTS5's own prefix query ("an"*) merges
 *                        every matching word first. Longer words are
 *                        never asked of it, so they are left out (until
 *                        schema 16 it held the whole text too; such an
 *                        index answers the same and is slimmed as
 *                        contacts are written again).
 * The name, company and title are each followed by their pinyin keys
 * (tcrm_pinyin_keys: "zhangwei", "zw", a line each), so both
 * indexes answer pinyin as they answer any other text.
 * Trashed contacts keep their entry (a restore needs nothing); queries
 * drop them by joining contacts. The text is put together by
 * tcrm_search_body_add/_channel, here from the stored rows, in bulk.c
 * from the records an import has in memory (contact_internal.h gives the
 * order); both write it with tcrm_search_store.
 *
 * Ranking: tier 0 = the folded name equals the folded query (an equality
 * seek on contacts_by_sort), tier 1 = the name starts with it (a range on
 * contacts_by_sort, in name order), tier 2 = every other FTS match in
 * rowid order (FTS5 hands rowids out in order, so "MATCH ... AND rowid > ?
 * ORDER BY rowid LIMIT n" stops after n rows; ordering it by name would
 * sort every match). Tiers are walked by tcrm_cl_run (contact_list.c).
 * A query of digits only leaves its very common trigrams out of the MATCH
 * and checks instr(body, q) instead (search_thin.c).
 * Each entry ends with visibility tokens, and the search of someone who
 * does not see all ANDs theirs into the MATCH (search_see.c).
 *
 * Several words: each word is its own term and all must match; the words
 * of three characters or more go to the trigram index, shorter ones to
 * contact_search_short (checked per candidate row with a rowid seek when
 * there are long words too: SHORT_WORDS_TOO; or the other way round when
 * the short words are rare: pick_walker). A word whose pinyin
 * spelling differs (ü typed) is ("word" OR "pinyin spelling").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contact_internal.h"
#include "tcrm/normalize.h"
#include "tcrm/pinyin.h"
#include "tcrm/search.h"
#include "tcrm/strbuf.h"
#include "tcrm/text.h"

/* ---- the index ------------------------------------------------------ */

/* Append the folded text and a line break. */
int tcrm_search_body_add(struct tcrm_strbuf *sb, const char *text)
{
    if (tcrm_str_empty(text))
        return 0;
    char *f = tcrm_norm_fold(text);
    if (!f)
        return TCRM_ENOMEM;
    int rc = f[0] ? tcrm_strbuf_append(sb, f) : 0;
    free(f);
    return rc ? rc : tcrm_strbuf_appendc(sb, '\n');
}

/* A name, company or title: its folded text, then the pinyin keys of its
 * hanzi, each a line (tcrm_pinyin_keys): "张伟\nzhangwei\nzw\n". A
 * trailing legal form gets none ("华为技术有限公司": "huaweijishu",
 * "hwjs"): nobody types it, and it would be a third of the keys. */
int tcrm_search_body_add_spoken(struct tcrm_strbuf *sb, const char *text)
{
    int rc = tcrm_search_body_add(sb, text);
    if (rc || tcrm_str_empty(text))
        return rc;
    size_t tail = tcrm_norm_cjk_legal_tail(text);
    if (tail == 0)
        return tcrm_pinyin_keys(text, sb);
    char *head = strndup(text, strlen(text) - tail);
    rc = head ? tcrm_pinyin_keys(head, sb) : TCRM_ENOMEM;
    free(head);
    return rc;
}

/* Every CJK character and adjacent CJK pair of s, space separated. */
static int add_cjk_pieces(struct tcrm_strbuf *sb, const char *s)
{
    size_t len = strlen(s), prev_at = 0;
    int prev_len = 0, rc = 0;
    for (size_t i = 0; i < len && rc == 0;) {
        uint32_t cp;
        int n = tcrm_utf8_decode(s + i, len - i, &cp);
        if (n <= 0)
            n = 1;
        if (n > 1 && tcrm_char_is_cjk(cp)) {
            rc = tcrm_strbuf_appendc(sb, ' ');
            rc = rc ? rc : tcrm_strbuf_appendn(sb, s + i, (size_t)n);
            if (rc == 0 && prev_len) {
                rc = tcrm_strbuf_appendc(sb, ' ');
                rc = rc ? rc : tcrm_strbuf_appendn(sb, s + prev_at,
                                                   (size_t)prev_len + (size_t)n);
            }
            prev_at = i;
            prev_len = n;
        } else {
            prev_len = 0;
        }
        i += (size_t)n;
    }
    return rc;
}

/* Is cp part of a Latin/other word (not CJK, not ASCII punctuation)? */
static int word_char(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
               (cp >= 'A' && cp <= 'Z');
    return !tcrm_char_is_cjk(cp);
}

/* For every non-CJK word of s, its first one and two characters as the
 * tokens PREFIX_MARK + piece: a one- or two-letter query then reads one
 * doclist instead of merging those of every word it starts (FTS5 builds a
 * prefix query's whole result before the first row: 100+ ms at 1M). */
#define PREFIX_MARK "0pfx"
static int add_prefix_tokens(struct tcrm_strbuf *sb, const char *s)
{
    size_t len = strlen(s), start = 0;
    int chars = 0, rc = 0;
    for (size_t i = 0; i <= len && rc == 0;) {
        uint32_t cp = 0;
        int n = i < len ? tcrm_utf8_decode(s + i, len - i, &cp) : 1;
        if (n <= 0)
            n = 1;
        if (i < len && n > 0 && word_char(cp)) {
            if (chars == 0)
                start = i;
            if (++chars <= 2) {
                rc = tcrm_strbuf_append(sb, " " PREFIX_MARK);
                rc = rc ? rc : tcrm_strbuf_appendn(sb, s + start, i + (size_t)n - start);
            }
        } else {
            chars = 0;
        }
        i += (size_t)n;
    }
    return rc;
}

/* A phone as written and as digits; an e-mail; nothing for web and IM. */
int tcrm_search_body_channel(struct tcrm_strbuf *sb, int kind, const char *value)
{
    if (kind != TCRM_CH_EMAIL && !tcrm_channel_is_phone(kind))
        return 0;
    int rc = tcrm_search_body_add(sb, value);
    if (rc == 0 && kind != TCRM_CH_EMAIL) {
        char *d = tcrm_norm_phone_digits(value);
        rc = d ? tcrm_search_body_add(sb, d) : TCRM_ENOMEM;
        free(d);
    }
    return rc;
}

static int body_fields(struct tcrm_db *db, int64_t id, struct tcrm_strbuf *sb,
                       int *found, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT c.name, co.name, c.title, c.department, c.notes FROM contacts c"
        " LEFT JOIN companies co ON co.id = c.company_id WHERE c.id = ?1", err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st), r = 0;
    *found = rc == SQLITE_ROW;
    for (int i = 0; *found && r == 0 && i < 5; i++) {
        const char *v = (const char *)sqlite3_column_text(st, i);
        r = i < 3 ? tcrm_search_body_add_spoken(sb, v)
                  : tcrm_search_body_add(sb, v);
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        r = tcrm_db_fail(db, "search index", err);
    else if (r)
        r = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    tcrm_db_done(st);
    return r;
}

static int body_channels(struct tcrm_db *db, int64_t id, struct tcrm_strbuf *sb,
                         struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT kind, value FROM contact_channels WHERE contact_id = ?1"
        " AND kind IN ('mobile','work','home','fax','email') ORDER BY position",
        err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_int64(st, 1, id);
    int rc, r = 0;
    while (r == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW)
        r = tcrm_search_body_channel(sb, tcrm_channel_kind_parse(
                (const char *)sqlite3_column_text(st, 0)),
            (const char *)sqlite3_column_text(st, 1));
    if (r)
        r = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    else if (rc != SQLITE_DONE)
        r = tcrm_db_fail(db, "search index", err);
    tcrm_db_done(st);
    return r;
}

static int index_write(struct tcrm_db *db, const char *sql, int64_t id,
                       const char *body, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, sql, err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_int64(st, 1, id);
    if (body)
        sqlite3_bind_text(st, 2, body, -1, SQLITE_TRANSIENT);
    return tcrm_db_step_done(db, st, "search index", err);
}

/* The words of s of one or two characters (letters, digits, CJK), space
 * separated: the only whole words of the text a query of the short index
 * can name (a short Latin word is asked for by its marked prefix, a short
 * CJK one as itself, add_cjk_pieces having every piece of longer ones). */
static int add_short_words(struct tcrm_strbuf *sb, const char *s)
{
    size_t len = strlen(s), start = 0;
    int chars = 0, rc = 0;
    for (size_t i = 0; i <= len && rc == 0;) {
        uint32_t cp = 0;
        int n = i < len ? tcrm_utf8_decode(s + i, len - i, &cp) : 1;
        if (n <= 0)
            n = 1;
        if (i < len && (word_char(cp) || tcrm_char_is_cjk(cp))) {
            if (chars++ == 0)
                start = i;
        } else {
            if (chars > 0 && chars <= 2) {
                rc = tcrm_strbuf_appendc(sb, ' ');
                rc = rc ? rc : tcrm_strbuf_appendn(sb, s + start, i - start);
            }
            chars = 0;
        }
        i += (size_t)n;
    }
    return rc;
}

int tcrm_search_store(struct tcrm_db *db, int64_t id, const char *body,
                      struct tcrm_error *err)
{
    struct tcrm_strbuf shrt, full;
    tcrm_strbuf_init(&shrt);
    tcrm_strbuf_init(&full);
    int rc = 0;
    if (add_short_words(&shrt, body) || add_cjk_pieces(&shrt, body) ||
        add_prefix_tokens(&shrt, body) || tcrm_strbuf_append(&full, body))
        rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (rc == 0) /* who may see it: search_see.c */
        rc = tcrm_search_see_tokens(db, id, &full, &shrt, err);
    if (rc == 0)
        rc = index_write(db, "INSERT INTO contact_search(rowid, body)"
                         " VALUES (?1, ?2)", id, full.buf, err);
    if (rc == 0)
        rc = index_write(db, "INSERT INTO contact_search_short(rowid, body)"
                         " VALUES (?1, ?2)", id, shrt.buf, err);
    tcrm_strbuf_free(&shrt);
    tcrm_strbuf_free(&full);
    return rc;
}

int tcrm_search_index_contact(struct tcrm_db *db, int64_t id,
                              struct tcrm_error *err)
{
    int rc = index_write(db, "DELETE FROM contact_search WHERE rowid = ?1",
                         id, NULL, err);
    if (rc == 0)
        rc = index_write(db, "DELETE FROM contact_search_short WHERE rowid = ?1",
                         id, NULL, err);
    struct tcrm_strbuf body;
    tcrm_strbuf_init(&body);
    int found = 0;
    struct tcrm_strlist tags = { 0 };
    if (rc == 0)
        rc = body_fields(db, id, &body, &found, err);
    if (rc == 0 && found)
        rc = body_channels(db, id, &body, err);
    if (rc == 0 && found)
        rc = tcrm_db_get_tags(db, "contact", id, &tags, err);
    for (size_t i = 0; rc == 0 && found && i < tags.n; i++)
        if (tcrm_search_body_add(&body, tags.items[i]))
            rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (rc == 0 && found)
        rc = tcrm_search_store(db, id, body.buf, err);
    tcrm_strlist_clear(&tags);
    tcrm_strbuf_free(&body);
    return rc;
}

int tcrm_search_reindex(struct tcrm_db *db, int64_t company,
                        struct tcrm_error *err)
{
    int64_t last = 0, ids[512];
    int rc = 0;
    for (size_t n = 1; rc == 0 && n > 0;) {
        sqlite3_stmt *st = tcrm_db_prepare(db, company
            ? "SELECT id FROM contacts WHERE company_id = ?2 AND id > ?1"
              " ORDER BY id LIMIT 256"
            : "SELECT id FROM contacts WHERE id > ?1 ORDER BY id LIMIT 512",
            err);
        if (!st)
            return TCRM_EDB;
        sqlite3_bind_int64(st, 1, last);
        if (company)
            sqlite3_bind_int64(st, 2, company);
        for (n = 0; sqlite3_step(st) == SQLITE_ROW; n++)
            ids[n] = sqlite3_column_int64(st, 0);
        tcrm_db_done(st);
        for (size_t i = 0; rc == 0 && i < n; i++)
            rc = tcrm_search_index_contact(db, ids[i], err);
        if (n)
            last = ids[n - 1];
    }
    return rc;
}

/* Rebuilt, each index is merged into one segment (FTS5 'optimize': some
 * 10 s CPU at 1M), so a query reads one doclist per term, not one in each
 * of the dozen segments the rebuild leaves. */
static int rebuild_work(struct tcrm_db *db, struct tcrm_error *err)
{
    int rc = tcrm_db_exec(db, "DELETE FROM contact_search;"
                          " DELETE FROM contact_search_short;", err);
    rc = rc ? rc : tcrm_search_reindex(db, 0, err);
    return rc ? rc : tcrm_db_exec(db, "INSERT INTO contact_search"
        "(contact_search) VALUES ('optimize'); INSERT INTO"
        " contact_search_short(contact_search_short) VALUES ('optimize')", err);
}

int tcrm_search_rebuild(struct tcrm_db *db, struct tcrm_error *err)
{
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = rebuild_work(db, err);
    return tcrm_db_end(db, rc, err);
}

int tcrm_search_rebuild_pending(struct tcrm_db *db, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT 1 FROM sqlite_master"
        " WHERE type = 'table' AND name = 'search_rebuild'", err);
    if (!st)
        return TCRM_EDB;
    int rc = sqlite3_step(st);
    tcrm_db_done(st);
    if (rc == SQLITE_DONE)
        return 0;
    if (rc != SQLITE_ROW)
        return tcrm_db_fail(db, "search index", err);
    rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = rebuild_work(db, err);
    if (rc == 0)
        rc = tcrm_db_exec(db, "DROP TABLE search_rebuild", err);
    return tcrm_db_end(db, rc, err);
}

/* ---- queries -------------------------------------------------------- */

struct terms {
    char *q;        /* folded query */
    char *k, *khi;  /* the query's sort key (name_order.c) and k + 0xFF:
                       the names equal to / starting with the query */
    char *match;    /* FTS5 query */
    char *match2;   /* several words, some of them short: those words'
                       query on contact_search_short (a second filter) */
    int is_short;   /* use contact_search_short */
    int verify;     /* match is a looser filter: also check instr(body, q) */
    char *short_word;  /* several words, one of them short (and spelt one
                          way): that word, to check as a substring */
    int short_instr;   /* match2 is short_word, checked with instr() */
    char *vq;          /* verify this word, not q (search_see.c thinned it) */
};

static void terms_free(struct terms *t)
{
    free(t->q);
    free(t->k);
    free(t->khi);
    free(t->match);
    free(t->match2);
    free(t->short_word);
    free(t->vq);
}

/* "text" with " doubled, appended to sb. */
static int append_quoted(struct tcrm_strbuf *sb, const char *s)
{
    int rc = tcrm_strbuf_appendc(sb, '"');
    for (; rc == 0 && *s; s++)
        rc = *s == '"' ? tcrm_strbuf_append(sb, "\"\"") : tcrm_strbuf_appendc(sb, *s);
    return rc ? rc : tcrm_strbuf_appendc(sb, '"');
}

/* Count characters; note CJK and word characters. */
static size_t scan_query(const char *s, int *cjk, int *wordy)
{
    size_t len = strlen(s), chars = 0;
    *cjk = *wordy = 0;
    for (size_t i = 0; i < len; chars++) {
        uint32_t cp;
        int n = tcrm_utf8_decode(s + i, len - i, &cp);
        i += n > 0 ? (size_t)n : 1;
        if (n > 0 && tcrm_char_is_cjk(cp))
            *cjk = 1;
        if (cp >= 0x80 || (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'))
            *wordy = 1;
    }
    return chars;
}

/* One word's FTS5 term: "w" (a short non-CJK word as its marked prefix
 * word), or ("w" OR "wv") when its pinyin spelling wv differs (ü typed:
 * "lü" folds to "lu", the pinyin keys say "lv"). */
static int append_word(struct tcrm_strbuf *m, const char *w, const char *wv,
                       int is_short, int cjk)
{
    const char *forms[2] = { w, wv && strcmp(w, wv) != 0 ? wv : NULL };
    int rc = forms[1] ? tcrm_strbuf_appendc(m, '(') : 0;
    for (int i = 0; rc == 0 && i < 2 && forms[i]; i++) {
        if (i)
            rc = tcrm_strbuf_append(m, " OR ");
        if (rc == 0 && is_short && !cjk) {
            char marked[sizeof PREFIX_MARK + 16];   /* two characters fit */
            snprintf(marked, sizeof marked, "%s%s", PREFIX_MARK, forms[i]);
            rc = append_quoted(m, marked);
        } else if (rc == 0) {
            rc = append_quoted(m, forms[i]);
        }
    }
    return rc || !forms[1] ? rc : tcrm_strbuf_appendc(m, ')');
}

/* Several words: every word must match, each anywhere. Words of three
 * characters or more go to the trigram index (t->match), shorter ones to
 * contact_search_short (t->match2, or t->match when all are short). q and
 * qv (the pinyin spelling) have their spaces in the same places. 0, 1
 * when no word can match anything, or TCRM_ENOMEM. */
static int several_words(struct terms *t, const char *qv)
{
    struct tcrm_strbuf lng, sht;
    tcrm_strbuf_init(&lng);
    tcrm_strbuf_init(&sht);
    char *w = strdup(t->q), *v = strdup(qv);
    int rc = w && v ? 0 : TCRM_ENOMEM;
    char *sw = NULL, *sv = NULL;
    int n_short = 0, one_way = 1;
    for (char *a = w ? strtok_r(w, " ", &sw) : NULL,
              *b = v ? strtok_r(v, " ", &sv) : NULL;
         rc == 0 && a; a = strtok_r(NULL, " ", &sw),
              b = b ? strtok_r(NULL, " ", &sv) : NULL) {
        int cjk, wordy;
        size_t chars = scan_query(a, &cjk, &wordy);
        if (!wordy)
            continue; /* "-" between words restricts nothing */
        struct tcrm_strbuf *m = chars < 3 ? &sht : &lng;
        if (m->len)
            rc = tcrm_strbuf_append(m, " AND ");
        if (rc == 0)
            rc = append_word(m, a, b, chars < 3, cjk);
        if (rc == 0 && chars < 3 && n_short++ == 0) {
            one_way = !b || strcmp(a, b) == 0;
            free(t->short_word);
            if (!(t->short_word = strdup(a)))
                rc = TCRM_ENOMEM;
        }
    }
    if (n_short != 1 || !one_way) {
        free(t->short_word);
        t->short_word = NULL;
    }
    free(w);
    free(v);
    if (rc == 0 && lng.len + sht.len == 0)
        rc = 1;
    if (rc == 0) {
        t->is_short = lng.len == 0;
        t->match = tcrm_strbuf_steal(t->is_short ? &sht : &lng);
        t->match2 = !t->is_short && sht.len ? tcrm_strbuf_steal(&sht) : NULL;
        if (!t->match || (!t->is_short && sht.len && !t->match2))
            rc = TCRM_ENOMEM;
    }
    tcrm_strbuf_free(&lng);
    tcrm_strbuf_free(&sht);
    return rc;
}

/* The query's sort key and its upper bound, for the name tiers. */
static int terms_sort_keys(struct tcrm_db *db, const char *query,
                           struct terms *t)
{
    t->k = tcrm_db_sort_key(db, query ? query : "");
    t->khi = t->k ? malloc(strlen(t->k) + 2) : NULL;
    if (!t->khi)
        return TCRM_ENOMEM;
    strcpy(t->khi, t->k);
    strcat(t->khi, "\xff");
    return 0;
}

/* 0 and t filled; 1 when the query can match nothing; or an error. A
 * query of several words (not a phone number) matches the contacts that
 * match every word; otherwise the whole query is one substring. */
static int terms_make(const char *query, struct terms *t)
{
    memset(t, 0, sizeof *t);
    struct tcrm_strbuf m;
    tcrm_strbuf_init(&m);
    t->q = tcrm_norm_fold(query);
    if (!t->q)
        return TCRM_ENOMEM;
    int cjk, wordy, rc = 0;
    size_t chars = scan_query(t->q, &cjk, &wordy);
    if (chars == 0 || !wordy)
        return 1;
    char *qv = tcrm_pinyin_fold_query(query);
    if (!qv)
        return TCRM_ENOMEM;
    int phone = tcrm_norm_looks_like_phone(query);
    if (!phone && strchr(t->q, ' ')) {
        rc = several_words(t, qv);
        free(qv);
        return rc;
    }
    t->is_short = chars < 3;
    rc = append_word(&m, t->q, qv, t->is_short, cjk);
    free(qv);
    if (rc == 0 && !t->is_short && phone) {
        char *d = tcrm_norm_phone_digits(query);
        if (!d)
            rc = TCRM_ENOMEM;
        else if (strlen(d) >= 3 && strcmp(d, t->q) != 0)
            rc = tcrm_strbuf_append(&m, " OR ") || append_quoted(&m, d);
        free(d);
    }
    t->match = rc ? NULL : tcrm_strbuf_steal(&m);
    tcrm_strbuf_free(&m);
    return rc || !t->match ? TCRM_ENOMEM : 0;
}

/* Probes of how common a trigram is (search_thin.c). */
#define PROBE_AT TCRM_SEARCH_PROBE_AT

/* ---- several words: which index walks, which checks ---------------- */

/* The other words of a query of several words, on the row at hand (FTS5
 * seeks its rowid in each word's list): the short ones when the trigram
 * index walks, the long ones when contact_search_short does. */
#define SHORT_WORDS_TOO "EXISTS (SELECT 1 FROM contact_search_short WHERE" \
    " contact_search_short.rowid = c.id AND contact_search_short MATCH :m2)"
#define LONG_WORDS_TOO "EXISTS (SELECT 1 FROM contact_search WHERE" \
    " contact_search.rowid = c.id AND contact_search MATCH :m2)"

/* The long words walk and the short ones are checked on each row, unless
 * the short words are in fewer than PROBE_AT rows: then those rows walk
 * and the long words are checked ("silva 欧阳": walking every Silva to
 * find the few 欧阳 would read thousands of rows for a page). One common
 * short word (what is being typed: "silva a") is checked as a substring
 * of the row's text, which is at hand, instead of a look-up in
 * contact_search_short, which costs a seek in every segment of that
 * index per row (20 ms a page at 1M). Substring is the search's own rule
 * (search.h); the short index's word starts are only its way to be fast. */
static int pick_walker(struct tcrm_db *db, struct terms *t,
                       struct tcrm_error *err)
{
    if (!t->match2)
        return 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT rowid FROM"
        " contact_search_short WHERE contact_search_short MATCH ?1"
        " ORDER BY rowid LIMIT 1 OFFSET ?2", err);
    if (!st)
        return TCRM_EDB;
    sqlite3_bind_text(st, 1, t->match2, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, PROBE_AT - 1);
    int rc = sqlite3_step(st);
    tcrm_db_done(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return tcrm_db_fail(db, "search", err);
    if (rc == SQLITE_DONE) { /* rare: the short words walk */
        char *m = t->match;
        t->match = t->match2;
        t->match2 = m;
        t->is_short = 1;
    } else if (t->short_word) { /* common, and one: a substring check */
        free(t->match2);
        t->match2 = t->short_word;
        t->short_word = NULL;
        t->short_instr = 1;
    }
    return 0;
}

/* Tier 2: the rows of index table tb that match :m and the condition
 * more, in rowid order, but for those tier 1 has (name starts with q). */
#define TIER2(tb, more) (struct tcrm_cl_tier){ \
    tb " CROSS JOIN live_contacts c", \
    "c.id = " tb ".rowid AND " tb " MATCH :m" more \
    " AND NOT (c.sort_key >= :k AND c.sort_key < :khi)", \
    NULL, NULL, NULL, tb ".rowid" }

static void search_tiers(struct tcrm_cl_plan *p, const struct terms *t,
                         const char *names)
{
    memset(p->tiers, 0, sizeof p->tiers);
    p->tiers[0].from = names;
    p->n_tiers = 3;
    p->q = t->vq ? t->vq : t->q;
    p->k = t->k;
    p->khi = t->khi;
    p->match = t->match;
    p->match2 = t->match2;
    p->tiers[0] = (struct tcrm_cl_tier){ p->tiers[0].from, "c.sort_key = :k",
                                         NULL, NULL, NULL, "c.id" };
    p->tiers[1] = (struct tcrm_cl_tier){ p->tiers[0].from, NULL, "c.sort_key",
                                         "c.sort_key > :k",
                                         "c.sort_key < :khi", "c.id" };
    if (t->is_short && t->match2)
        p->tiers[2] = TIER2("contact_search_short", " AND " LONG_WORDS_TOO);
    else if (t->is_short)
        p->tiers[2] = TIER2("contact_search_short", "");
    else if (t->short_instr && t->verify)
        p->tiers[2] = TIER2("contact_search",
                            " AND instr(contact_search.body, :m2) > 0"
                            " AND instr(contact_search.body, :q) > 0");
    else if (t->match2 && t->verify)
        p->tiers[2] = TIER2("contact_search", " AND " SHORT_WORDS_TOO
                            " AND instr(contact_search.body, :q) > 0");
    else if (t->short_instr)
        p->tiers[2] = TIER2("contact_search",
                            " AND instr(contact_search.body, :m2) > 0");
    else if (t->match2)
        p->tiers[2] = TIER2("contact_search", " AND " SHORT_WORDS_TOO);
    else if (t->verify)
        p->tiers[2] = TIER2("contact_search",
                            " AND instr(contact_search.body, :q) > 0");
    else
        p->tiers[2] = TIER2("contact_search", "");
}

int tcrm_search_page(struct tcrm_db *db, const char *query,
                     const struct tcrm_contact_filter *f,
                     const struct tcrm_contact_row *after, int backwards,
                     size_t limit, struct tcrm_contact_page *out,
                     struct tcrm_error *err)
{
    memset(out, 0, sizeof *out);
    struct terms t;
    memset(&t, 0, sizeof t);
    char *typed = tcrm_search_strip_see(query ? query : "");
    int rc = typed ? terms_make(typed, &t) : TCRM_ENOMEM;
    if (rc == 0)
        rc = terms_sort_keys(db, typed, &t);
    free(typed);
    if (rc) {
        terms_free(&t);
        return rc == 1 ? 0 : tcrm_error_set(err, rc, "out of memory");
    }
    struct tcrm_cl_plan plan;
    memset(&plan, 0, sizeof plan);
    rc = tcrm_search_thin_digits(db, t.q, t.is_short, &t.match, &t.verify,
                                  err);
    if (rc == 0)
        rc = pick_walker(db, &t, err);
    if (rc == 0 && !t.verify && !t.is_short)
        rc = tcrm_search_see_thin(db, t.q, &t.match, &t.vq, err);
    t.verify = t.verify || t.vq;
    if (rc == 0)
        rc = tcrm_search_see_match(db, t.is_short, &t.match, err);
    if (rc == 0)
        rc = tcrm_cl_plan_filters(db, f, &plan, err);
    const char *names = "live_contacts c";
    if (rc == 0)
        rc = tcrm_search_see_rows(db, &names, &plan.me, err);
    if (rc == 0) {
        search_tiers(&plan, &t, names);
        rc = tcrm_cl_run(db, &plan, after, backwards, limit, out, err);
    }
    terms_free(&t);
    return rc;
}

int tcrm_search_contacts(struct tcrm_db *db, const char *query,
                         const struct tcrm_contact_filter *f,
                         const struct tcrm_contact_row *after, size_t limit,
                         struct tcrm_contact_page *out, struct tcrm_error *err)
{
    return tcrm_search_page(db, query, f, after, 0, limit, out, err);
}

static int count_sql(struct tcrm_strbuf *sb, const struct tcrm_cl_plan *plan,
                     const struct terms *t)
{
    const char *tb = t->is_short ? "contact_search_short" : "contact_search";
    tcrm_strbuf_appendf(sb, "SELECT count(*) FROM %s CROSS JOIN live_contacts"
                        " c WHERE c.id = %s.rowid AND %s MATCH :m", tb, tb,
                        tb);
    if (t->verify)
        tcrm_strbuf_append(sb, " AND instr(contact_search.body, :q) > 0");
    if (t->short_instr)
        tcrm_strbuf_append(sb, " AND instr(contact_search.body, :m2) > 0");
    else if (t->match2)
        tcrm_strbuf_append(sb, t->is_short ? " AND " LONG_WORDS_TOO
                                           : " AND " SHORT_WORDS_TOO);
    return tcrm_cl_append_filters(sb, plan);
}

int tcrm_search_count(struct tcrm_db *db, const char *query,
                      const struct tcrm_contact_filter *f, int64_t *n,
                      struct tcrm_error *err)
{
    *n = 0;
    struct terms t;
    struct tcrm_cl_plan plan;
    memset(&plan, 0, sizeof plan);
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    char *typed = tcrm_search_strip_see(query ? query : "");
    int rc = typed ? terms_make(typed, &t) : TCRM_ENOMEM;
    free(typed);
    if (rc == 0)
        rc = tcrm_search_thin_digits(db, t.q, t.is_short, &t.match, &t.verify,
                                      err);
    if (rc == 0)
        rc = pick_walker(db, &t, err);
    if (rc == 0 && !t.verify && !t.is_short)
        rc = tcrm_search_see_thin(db, t.q, &t.match, &t.vq, err);
    t.verify = t.verify || t.vq;
    if (rc == 0)
        rc = tcrm_search_see_match(db, t.is_short, &t.match, err);
    if (rc == 0)
        rc = tcrm_cl_plan_filters(db, f, &plan, err);
    if (rc == 0 && plan.tag_id >= 0) {
        plan.match = t.match;
        plan.match2 = t.match2;
        plan.q = t.vq ? t.vq : t.q;
        sqlite3_stmt *st = count_sql(&sb, &plan, &t) ? NULL
                         : tcrm_cl_prepare(db, sb.buf, err);
        if (!st) {
            rc = TCRM_EDB;
        } else {
            tcrm_cl_bind_plan(st, &plan);
            rc = sqlite3_step(st) == SQLITE_ROW ? 0 : tcrm_db_fail(db, "search", err);
            *n = rc ? 0 : sqlite3_column_int64(st, 0);
            sqlite3_finalize(st);
        }
    }
    terms_free(&t);
    tcrm_strbuf_free(&sb);
    if (rc == 1)
        return 0;
    return rc == TCRM_ENOMEM ? tcrm_error_set(err, rc, "out of memory") : rc;
}
