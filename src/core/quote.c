/*
 * quote.c: quotes, their numbers and their states (see tcrm/quote.h);
 * lines are in quote_line.c.
 *
 * A quote is an owned entity of the entity table (entity_kind.c): the
 * access views (live_quotes, seen_quotes) and guards of access.c apply
 * as they do to deals, the trash and the audit trail (the triggers of
 * 009_sales.sql) come with the table. Every change of a quote or of its
 * lines bumps its version, which is what the guards watch.
 *
 * "Expired" is never stored: QUOTE_STATE is the one expression that
 * turns a draft or sent quote past its valid_until into 'expired', used
 * by every read and by the list's filter (?9, today, bound by bind_today).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "tcrm/i18n.h"
#include "quote_internal.h"
#include "tcrm/date.h"

static const char *const state_names[] = { "draft", "sent", "accepted",
                                           "rejected", "expired" };

const char *tcrm_quote_state_name(int state)
{
    return state >= 0 && state <= TCRM_QUOTE_EXPIRED ? state_names[state]
                                                     : "draft";
}

int tcrm_quote_state_parse(const char *name)
{
    for (int i = 0; name && i <= TCRM_QUOTE_EXPIRED; i++)
        if (strcmp(name, state_names[i]) == 0)
            return i;
    return -1;
}

void tcrm_quote_init(struct tcrm_quote *q)
{
    memset(q, 0, sizeof *q);
}

void tcrm_quote_clear(struct tcrm_quote *q)
{
    if (!q)
        return;
    free(q->number);
    free(q->currency);
    free(q->valid_until);
    free(q->sent_at);
    free(q->decided_at);
    free(q->owner);
    free(q->company_name);
    free(q->contact_name);
    free(q->deal_title);
    tcrm_stamp_clear(&q->stamp);
    tcrm_quote_init(q);
}

/* ---- numbers ------------------------------------------------------------ */

/* Append the text of one % directive at *p (after the '%'); the counter
 * goes to out only when n >= 0 (else '#' marks its place). */
static int expand_one(const char **p, int year, int month, int64_t n,
                      char *out, size_t cap, size_t *len, int *counters)
{
    char tmp[32];
    int width = 0;
    if (**p == '0' && (*p)[1] >= '1' && (*p)[1] <= '9' && (*p)[2] == 'n') {
        width = (*p)[1] - '0';
        *p += 2;
    }
    switch (**p) {
    case 'Y': snprintf(tmp, sizeof tmp, "%04d", year); break;
    case 'm': snprintf(tmp, sizeof tmp, "%02d", month); break;
    case '%': snprintf(tmp, sizeof tmp, "%%"); break;
    case 'n':
        (*counters)++;
        if (n >= 0)
            snprintf(tmp, sizeof tmp, "%0*lld", width, (long long)n);
        else
            snprintf(tmp, sizeof tmp, "#");
        break;
    default: return -1;
    }
    (*p)++;
    size_t k = strlen(tmp);
    if (*len + k >= cap)
        return -1;
    memcpy(out + *len, tmp, k + 1);
    *len += k;
    return 0;
}

static int expand(const char *pattern, int year, int month, int64_t n,
                  char *out, size_t cap)
{
    size_t len = 0;
    int counters = 0;
    if (cap == 0)
        return -1;
    out[0] = '\0';
    for (const char *p = pattern; *p;) {
        if (*p == '%') {
            p++;
            if (expand_one(&p, year, month, n, out, cap, &len, &counters))
                return -1;
            continue;
        }
        if (len + 1 >= cap)
            return -1;
        out[len++] = *p++;
        out[len] = '\0';
    }
    return counters == 1 ? 0 : -1;
}

int tcrm_quote_number(const char *pattern, int year, int month, int64_t n,
                      char *out, size_t cap, char *prefix, size_t pcap)
{
    if (!pattern || expand(pattern, year, month, -1, prefix, pcap))
        return -1;
    return expand(pattern, year, month, n, out, cap);
}

int tcrm_doc_next_number(struct tcrm_db *db, const char *kind,
                         const char *pattern, char *out, size_t cap,
                         struct tcrm_error *err)
{
    char prefix[64];
    char today[11];
    const char *pat = pattern ? pattern : TCRM_QUOTE_NUMBER_DEFAULT;
    tcrm_date_today(tcrm_clock_now(), today);
    int year = atoi(today), month = atoi(today + 5);
    if (tcrm_quote_number(pat, year, month, 1, out, cap, prefix,
                          sizeof prefix))
        return tcrm_error_field(err, TCRM_EINVAL, "number", "number: pattern "
                                "'%s' needs one %%n (and only %%Y, %%m, %%0Nn, "
                                "%%%%)", pat);
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "INSERT INTO doc_numbers(kind, prefix, last) VALUES (?2, ?1, 1)"
        " ON CONFLICT(kind, prefix) DO UPDATE SET last = last + 1"
        " RETURNING last", err);
    if (!st)
        return err->code;
    tcrm_db_bind_key(st, 1, prefix);
    tcrm_db_bind_key(st, 2, kind);
    int s = sqlite3_step(st);
    int64_t n = s == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    int rc = s == SQLITE_ROW ? 0 : tcrm_db_fail(db, "number", err);
    if (rc == 0)
        s = sqlite3_step(st);
    tcrm_db_done(st);
    if (rc == 0)
        tcrm_quote_number(pat, year, month, n, out, cap, prefix,
                          sizeof prefix);
    return rc;
}

/* ---- insert ------------------------------------------------------------- */

static int validate(struct tcrm_quote *q, struct tcrm_error *err)
{
    struct tcrm_when w;
    if (!q->company_id && !q->contact_id)
        return tcrm_error_field(err, TCRM_EINVAL, "company", "quote needs a "
                                "company or a contact");
    if (!tcrm_str_empty(q->valid_until) &&
        (strlen(q->valid_until) != 10 ||
         tcrm_date_parse_iso(q->valid_until, &w) != 0))
        return tcrm_error_field(err, TCRM_EINVAL, "valid", "valid: '%.40s' "
                                "is not a date (use YYYY-MM-DD)",
                                q->valid_until);
    return tcrm_currency_check(q->currency, err);
}

/* The company, contact and deal of q exist, are not in the trash and are
 * seen by the session (live_*: a quote shows their names to its owner). */
static int check_links(struct tcrm_db *db, const struct tcrm_quote *q,
                       struct tcrm_error *err)
{
    static const char *const kind[] = { "company", "contact", "deal" };
    static const char *const sql[] = {
        "SELECT 1 FROM live_companies WHERE id = ?1",
        "SELECT 1 FROM live_contacts WHERE id = ?1",
        "SELECT 1 FROM live_deals WHERE id = ?1",
    };
    const int64_t id[] = { q->company_id, q->contact_id, q->deal_id };
    int rc = 0;
    for (int i = 0; rc == 0 && i < 3; i++) {
        if (!id[i] || (rc = tcrm_db_require_live(db, kind[i], id[i], err)))
            continue;
        sqlite3_stmt *st = tcrm_db_prepare(db, sql[i], err);
        if (!st)
            return err->code;
        sqlite3_bind_int64(st, 1, id[i]);
        int s = sqlite3_step(st);
        if (s == SQLITE_DONE)
            rc = tcrm_error_field(err, TCRM_ENOTFOUND, kind[i], "%s %lld: "
                                  "not found", tcrm_db_noun(kind[i]),
                                  (long long)id[i]);
        else if (s != SQLITE_ROW)
            rc = tcrm_db_fail(db, kind[i], err);
        tcrm_db_done(st);
    }
    return rc;
}

int tcrm_quote_insert_row(struct tcrm_db *db, struct tcrm_quote *q,
                          const char *pattern, struct tcrm_error *err)
{
    char number[64], now[20];
    int rc = check_links(db, q, err);
    if (rc == 0)
        rc = tcrm_doc_next_number(db, "quote", pattern, number,
                                  sizeof number, err);
    if (rc)
        return rc;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "INSERT INTO quotes(number, company_id, contact_id, deal_id, currency,"
        " valid_until, copied_from, created_at, updated_at, created_by,"
        " updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?9)",
        err);
    if (!st)
        return err->code;
    tcrm_db_now(now);
    tcrm_db_bind_text(st, 1, number);
    tcrm_db_bind_id(st, 2, q->company_id);
    tcrm_db_bind_id(st, 3, q->contact_id);
    tcrm_db_bind_id(st, 4, q->deal_id);
    tcrm_db_bind_text(st, 5, q->currency);
    tcrm_db_bind_text(st, 6, q->valid_until);
    tcrm_db_bind_id(st, 7, q->copied_from);
    tcrm_db_bind_text(st, 8, now);
    tcrm_db_bind_text(st, 9, tcrm_db_user(db));
    if ((rc = tcrm_db_step_done(db, st, "quote", err)))
        return rc;
    q->id = sqlite3_last_insert_rowid(db->sql);
    q->version = 1;
    q->state = TCRM_QUOTE_DRAFT;
    return tcrm_str_set(&q->number, number)
               ? tcrm_error_set(err, TCRM_ENOMEM, "out of memory") : 0;
}

int tcrm_quote_insert(struct tcrm_db *db, struct tcrm_quote *q,
                      const char *pattern, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    int rc = validate(q, err);
    if (rc)
        return rc;
    if ((rc = tcrm_db_begin(db, err)))
        return rc;
    rc = tcrm_quote_insert_row(db, q, pattern, err);
    return tcrm_db_end(db, rc, err);
}

/* ---- reading ------------------------------------------------------------ */

/* The state a person sees: a draft or sent quote past valid_until is
 * expired. The one place that says so. */
#define QUOTE_STATE(q)                                                     \
    "(CASE WHEN " q ".state IN ('draft', 'sent') AND " q ".valid_until"    \
    " < ?9 THEN 'expired' ELSE " q ".state END)"

#define LINE_SUM(col)                                                      \
    " (SELECT coalesce(sum(" col "), 0) FROM quote_lines l"                \
    " WHERE l.quote_id = q.id),"

#define QUOTE_COLS                                                         \
    "SELECT q.id, q.version, q.company_id, q.contact_id, q.deal_id,"       \
    " q.copied_from," LINE_SUM("net_minor") LINE_SUM("tax_minor")          \
    LINE_SUM("gross_minor") LINE_SUM("1") " " QUOTE_STATE("q") ","         \
    " q.number, q.currency, q.valid_until, q.sent_at, q.decided_at,"       \
    " q.owner, co.name, c.name, d.title, q.created_at, q.updated_at,"      \
    " q.created_by, q.updated_by FROM live_quotes q"                       \
    " LEFT JOIN companies co ON co.id = q.company_id"                      \
    " LEFT JOIN contacts c ON c.id = q.contact_id"                         \
    " LEFT JOIN deals d ON d.id = q.deal_id "

static void bind_today(sqlite3_stmt *st)
{
    char today[11];
    tcrm_date_today(tcrm_clock_now(), today);
    sqlite3_bind_text(st, 9, today, -1, SQLITE_TRANSIENT);
}

static int read_row(sqlite3_stmt *st, void *elem)
{
    struct tcrm_quote *q = elem;
    tcrm_quote_init(q);
    int64_t *num[] = { &q->id, &q->version, &q->company_id, &q->contact_id,
                       &q->deal_id, &q->copied_from, &q->net, &q->tax,
                       &q->gross, &q->n_lines };
    for (int i = 0; i < 10; i++)
        *num[i] = sqlite3_column_int64(st, i);
    q->state = tcrm_quote_state_parse((const char *)sqlite3_column_text(st,
                                                                        10));
    char **col[] = { &q->number, &q->currency, &q->valid_until, &q->sent_at,
                     &q->decided_at, &q->owner, &q->company_name,
                     &q->contact_name, &q->deal_title, &q->stamp.created_at,
                     &q->stamp.updated_at, &q->stamp.created_by,
                     &q->stamp.updated_by };
    for (int i = 0; i < 13; i++) {
        if (sqlite3_column_type(st, 11 + i) == SQLITE_NULL)
            continue;
        if (!(*col[i] = tcrm_db_col_text(st, 11 + i)))
            return TCRM_ENOMEM;
    }
    return 0;
}

int tcrm_quote_get(struct tcrm_db *db, int64_t id, struct tcrm_quote *out,
                   struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    tcrm_quote_init(out);
    sqlite3_stmt *st = tcrm_db_prepare(db, QUOTE_COLS "WHERE q.id = ?1", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    bind_today(st);
    int s = sqlite3_step(st), rc = 0;
    if (s == SQLITE_ROW)
        rc = read_row(st, out) ? tcrm_error_set(err, TCRM_ENOMEM,
                                                "out of memory") : 0;
    else if (s == SQLITE_DONE)
        rc = tcrm_error_field(err, TCRM_ENOTFOUND, "quote", "quote %lld: not "
                              "found", (long long)id);
    else
        rc = tcrm_db_fail(db, "quote", err);
    tcrm_db_done(st);
    if (rc)
        tcrm_quote_clear(out);
    return rc;
}

int tcrm_doc_find(struct tcrm_db *db, const char *sql, const char *field,
                  const char *missing, const char *ref, int64_t *id,
                  struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    const char *p = ref ? ref : "";
    if (*p >= '1' && *p <= '9' && strspn(p, "0123456789") == strlen(p) &&
        strlen(p) <= 18) {
        *id = strtoll(p, NULL, 10);
        return 0;
    }
    sqlite3_stmt *st = tcrm_db_prepare(db, sql, err);
    if (!st)
        return err->code;
    tcrm_db_bind_key(st, 1, p);
    int s = sqlite3_step(st), rc = 0;
    if (s == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    else if (s == SQLITE_DONE)
        rc = tcrm_error_field(err, TCRM_ENOTFOUND, field, missing, p);
    else
        rc = tcrm_db_fail(db, field, err);
    tcrm_db_done(st);
    return rc;
}

int tcrm_quote_find(struct tcrm_db *db, const char *ref, int64_t *id,
                    struct tcrm_error *err)
{
    return tcrm_doc_find(db, "SELECT id FROM live_quotes WHERE number = ?1",
                         "quote", N_("quote '%s': not found"), ref, id, err);
}

static void free_quotes(void *a, size_t n)
{
    tcrm_quote_array_free(a, n);
}

static void clear_quote(void *q)
{
    tcrm_quote_clear(q);
}

int tcrm_doc_page_collect(struct tcrm_db *db, sqlite3_stmt *st,
                          const struct tcrm_doc_filter *f, int64_t after,
                          size_t limit, size_t size,
                          int (*read)(sqlite3_stmt *st, void *elem),
                          void (*free_array)(void *a, size_t n),
                          void (*clear)(void *elem), const char *what,
                          int backwards, void **out, size_t *n, int *more,
                          struct tcrm_error *err)
{
    static const struct tcrm_doc_filter all = { -1, 0, 0, 0 };
    if (!f)
        f = &all;
    sqlite3_bind_int64(st, 1, after > 0 ? after : backwards ? 0 : INT64_MAX);
    sqlite3_bind_int64(st, 4, f->company_id);
    sqlite3_bind_int64(st, 5, f->contact_id);
    sqlite3_bind_int64(st, 6, f->deal_id);
    return tcrm_db_page(db, st, 3, limit, size, read, free_array, clear,
                        what, backwards, out, n, more, err);
}

int tcrm_quote_page(struct tcrm_db *db, const struct tcrm_doc_filter *f,
                    int64_t after, int backwards, size_t limit,
                    struct tcrm_quote **out, size_t *n, int *more,
                    struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, backwards
        ? QUOTE_COLS "WHERE q.id > ?1 AND (?2 IS NULL OR " QUOTE_STATE("q")
          " = ?2)" TCRM_DOC_FILTER("q") " ORDER BY q.id ASC LIMIT ?3"
        : QUOTE_COLS "WHERE q.id < ?1 AND (?2 IS NULL OR " QUOTE_STATE("q")
          " = ?2)" TCRM_DOC_FILTER("q") " ORDER BY q.id DESC LIMIT ?3", err);
    if (!st)
        return err->code;
    if (f && f->state >= 0)
        tcrm_db_bind_text(st, 2, tcrm_quote_state_name(f->state));
    bind_today(st);
    void *a = NULL;
    int rc = tcrm_doc_page_collect(db, st, f, after, limit,
                                   sizeof(struct tcrm_quote), read_row,
                                   free_quotes, clear_quote, "quotes",
                                   backwards, &a, n, more, err);
    *out = a;
    return rc;
}

int tcrm_doc_count(struct tcrm_db *db, sqlite3_stmt *st,
                   const struct tcrm_doc_filter *f, const char *state,
                   const char *what, int64_t *n, struct tcrm_error *err)
{
    if (st) {
        tcrm_db_bind_text(st, 2, state);
        sqlite3_bind_int64(st, 4, f ? f->company_id : 0);
        sqlite3_bind_int64(st, 5, f ? f->contact_id : 0);
        sqlite3_bind_int64(st, 6, f ? f->deal_id : 0);
    }
    return tcrm_db_count(db, st, what, n, err);
}

int tcrm_quote_count(struct tcrm_db *db, const struct tcrm_doc_filter *f,
                     int64_t *n, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT count(*) FROM live_quotes"
        " q WHERE (?2 IS NULL OR " QUOTE_STATE("q") " = ?2)"
        TCRM_DOC_FILTER("q"), err);
    if (st)
        bind_today(st);
    return tcrm_doc_count(db, st, f, f && f->state >= 0
                          ? tcrm_quote_state_name(f->state) : NULL, "quotes",
                          n, err);
}

int tcrm_quote_list(struct tcrm_db *db, int state, int64_t before,
                    size_t limit, struct tcrm_quote **out, size_t *n,
                    struct tcrm_error *err)
{
    struct tcrm_doc_filter f = { state, 0, 0, 0 };
    return tcrm_quote_page(db, &f, before, 0, limit, out, n, NULL, err);
}

void tcrm_quote_array_free(struct tcrm_quote *a, size_t n)
{
    if (!a)
        return;
    for (size_t i = 0; i < n; i++)
        tcrm_quote_clear(&a[i]);
    free(a);
}

/* ---- states ------------------------------------------------------------- */

int tcrm_quote_bump(struct tcrm_db *db, const struct tcrm_quote *q,
                    const char *set_state, struct tcrm_error *err)
{
    char now[20];
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "UPDATE quotes SET state = coalesce(?1, state), updated_at = ?2,"
        " updated_by = ?3, version = version + 1,"
        " sent_at = CASE WHEN ?1 = 'sent' THEN ?2 ELSE sent_at END,"
        " decided_at = CASE WHEN ?1 IN ('accepted', 'rejected') THEN ?2"
        " ELSE decided_at END"
        " WHERE id = ?4 AND version = ?5 AND deleted_at IS NULL", err);
    if (!st)
        return err->code;
    tcrm_db_now(now);
    tcrm_db_bind_text(st, 1, set_state);
    tcrm_db_bind_text(st, 2, now);
    tcrm_db_bind_text(st, 3, tcrm_db_user(db));
    sqlite3_bind_int64(st, 4, q->id);
    sqlite3_bind_int64(st, 5, q->version);
    int rc = tcrm_db_step_done(db, st, "quote", err);
    if (rc == 0 && sqlite3_changes(db->sql) == 0)
        rc = tcrm_error_set(err, TCRM_ECONFLICT, "quote %s was changed by "
                            "someone else since you read it", q->number);
    return rc;
}

/* May q go to `to`? One line saying why not. */
static int check_move(const struct tcrm_quote *q, int to,
                      struct tcrm_error *err)
{
    int from = q->state;
    if (from == TCRM_QUOTE_EXPIRED)
        return tcrm_error_field(err, TCRM_EINVAL, "state", "quote %s expired "
                                "on %s: copy it (tcrm quote copy %lld)",
                                q->number, q->valid_until, (long long)q->id);
    if (to == TCRM_QUOTE_SENT && from == TCRM_QUOTE_DRAFT && q->n_lines == 0)
        return tcrm_error_field(err, TCRM_EINVAL, "state", "quote %s has no "
                                "lines to send", q->number);
    if ((to == TCRM_QUOTE_SENT && from == TCRM_QUOTE_DRAFT) ||
        (to != TCRM_QUOTE_SENT && from == TCRM_QUOTE_SENT))
        return 0;
    if (from == TCRM_QUOTE_DRAFT)
        return tcrm_error_field(err, TCRM_EINVAL, "state", "quote %s is a "
                                "draft: send it first", q->number);
    return tcrm_error_field(err, TCRM_EINVAL, "state", "quote %s is already "
                            "%s", q->number, tcrm_i18n_word("quote state", tcrm_quote_state_name(from)));
}

static int set_state_work(struct tcrm_db *db, int64_t id, int state,
                          struct tcrm_error *err)
{
    struct tcrm_quote q;
    int rc = tcrm_quote_get(db, id, &q, err);
    if (rc)
        return rc;
    rc = check_move(&q, state, err);
    if (rc == 0)
        rc = tcrm_quote_bump(db, &q, tcrm_quote_state_name(state), err);
    tcrm_quote_clear(&q);
    return rc;
}

int tcrm_quote_set_state(struct tcrm_db *db, int64_t id, int state,
                         struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    if (state != TCRM_QUOTE_SENT && state != TCRM_QUOTE_ACCEPTED &&
        state != TCRM_QUOTE_REJECTED)
        return tcrm_error_field(err, TCRM_EINVAL, "state", "state: a quote is "
                                "sent, accepted or rejected");
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = set_state_work(db, id, state, err);
    return tcrm_db_end(db, rc, err);
}

/* ---- the header --------------------------------------------------------- */

/* A contact and a company both set: the contact must be one of its. */
static int check_pair(struct tcrm_db *db, const struct tcrm_quote *q,
                      struct tcrm_error *err)
{
    if (!q->company_id || !q->contact_id)
        return 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT c.company_id IS ?2,"
        " co.name FROM contacts c, companies co WHERE c.id = ?1"
        " AND co.id = ?2", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, q->contact_id);
    sqlite3_bind_int64(st, 2, q->company_id);
    int s = sqlite3_step(st), rc = 0;
    if (s == SQLITE_ROW && sqlite3_column_int(st, 0) == 0)
        rc = tcrm_error_field(err, TCRM_EINVAL, "contact", "contact %lld is "
                              "not a contact of %s", (long long)q->contact_id,
                              (const char *)sqlite3_column_text(st, 1));
    else if (s != SQLITE_ROW && s != SQLITE_DONE)
        rc = tcrm_db_fail(db, "contact", err);
    tcrm_db_done(st);
    return rc;
}

/* May the header of cur (as stored) become q's? One line saying why not. */
static int check_header(const struct tcrm_quote *cur,
                        const struct tcrm_quote *q, struct tcrm_error *err)
{
    int rc = tcrm_quote_must_be_open(cur, err);
    if (rc)
        return rc;
    if (cur->state != TCRM_QUOTE_DRAFT)
        return tcrm_error_field(err, TCRM_EINVAL, "state", "quote %s is %s: "
                                "only a draft's customer, currency and "
                                "validity can change", cur->number,
                                tcrm_i18n_word("quote state",
                                tcrm_quote_state_name(cur->state)));
    if (cur->version != q->version)
        return tcrm_error_set(err, TCRM_ECONFLICT, "quote %s was changed by "
                              "someone else since you read it", cur->number);
    if (cur->n_lines > 0 && strcmp(cur->currency, q->currency) != 0)
        return tcrm_error_field(err, TCRM_EINVAL, "currency", "currency: "
                                "quote %s has lines priced in %s: copy it to "
                                "a quote in %s instead", cur->number,
                                cur->currency, q->currency);
    return 0;
}

/* One UPDATE bumps the version (the guards of access.c decide) and
 * writes the header; the audit trigger records each field changed. */
static int update_row(struct tcrm_db *db, const struct tcrm_quote *q,
                      const char *number, struct tcrm_error *err)
{
    char now[20];
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "UPDATE quotes SET company_id = ?1, contact_id = ?2, deal_id = ?3,"
        " currency = ?4, valid_until = ?5, updated_at = ?6, updated_by = ?7,"
        " version = version + 1"
        " WHERE id = ?8 AND version = ?9 AND deleted_at IS NULL", err);
    if (!st)
        return err->code;
    tcrm_db_now(now);
    tcrm_db_bind_id(st, 1, q->company_id);
    tcrm_db_bind_id(st, 2, q->contact_id);
    tcrm_db_bind_id(st, 3, q->deal_id);
    tcrm_db_bind_text(st, 4, q->currency);
    tcrm_db_bind_text(st, 5, tcrm_str_empty(q->valid_until) ? NULL
                                                            : q->valid_until);
    tcrm_db_bind_text(st, 6, now);
    tcrm_db_bind_text(st, 7, tcrm_db_user(db));
    sqlite3_bind_int64(st, 8, q->id);
    sqlite3_bind_int64(st, 9, q->version);
    int rc = tcrm_db_step_done(db, st, "quote", err);
    if (rc == 0 && sqlite3_changes(db->sql) == 0)
        rc = tcrm_error_set(err, TCRM_ECONFLICT, "quote %s was changed by "
                            "someone else since you read it", number);
    return rc;
}

static int update_work(struct tcrm_db *db, const struct tcrm_quote *q,
                       int *changed, struct tcrm_error *err)
{
    struct tcrm_quote cur;
    int rc = tcrm_quote_get(db, q->id, &cur, err);
    if (rc)
        return rc;
    const char *v0 = cur.valid_until ? cur.valid_until : "",
               *v1 = q->valid_until ? q->valid_until : "";
    int same = cur.company_id == q->company_id &&
               cur.contact_id == q->contact_id && cur.deal_id == q->deal_id &&
               strcmp(cur.currency, q->currency) == 0 && strcmp(v0, v1) == 0;
    if ((rc = check_header(&cur, q, err)) == 0 && same)
        *changed = 0;
    else if (rc == 0 &&
             (rc = check_links(db, q, err)) == 0 &&
        (rc = check_links(db, q, err)) == 0 &&
        (rc = check_pair(db, q, err)) == 0 &&
        (rc = tcrm_db_audit_action(db, NULL, err)) == 0)
        rc = update_row(db, q, cur.number, err);
    tcrm_quote_clear(&cur);
    return rc;
}

int tcrm_quote_update(struct tcrm_db *db, struct tcrm_quote *q,
                      struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    int rc = validate(q, err);
    if (rc == 0)
        rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    int changed = 1;
    rc = update_work(db, q, &changed, err);
    rc = tcrm_db_end(db, rc, err);
    if (rc == 0 && changed)
        q->version++;
    return rc;
}

int tcrm_quote_delete(struct tcrm_db *db, int64_t id, struct tcrm_error *err)
{
    return tcrm_entity_delete(db, "quote", id, err);
}
