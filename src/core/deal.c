/*
 * deal.c: deals through the pipeline.
 *
 * A deal belongs to a company and/or a contact, sits in a stage (a name
 * from the configured pipeline; the core stores what it is given) and is
 * open, won or lost. Won/lost stamp closed_at with today; lost needs a
 * reason; a closed deal no longer moves. Edits are optimistic: the UPDATE
 * carries the version the caller read, and when no row matches we look
 * again to tell "not found" from "changed by someone else".
 *
 * Money is integer minor units (2 decimals), parsed and formatted by
 * util/money.c (tcrm/money.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "tcrm/campaign.h"
#include "tcrm/date.h"
#include "tcrm/deal.h"
#include "tcrm/edit.h"

/* Stored keys, shown with tcrm_i18n_word("status", key). */
static const char *const status_names[] = { NC_("status", "open"),
                                            NC_("status", "won"),
                                            NC_("status", "lost") };

const char *tcrm_deal_status_name(enum tcrm_deal_status s)
{
    return (unsigned)s <= TCRM_DEAL_LOST ? status_names[s] : "open";
}

static enum tcrm_deal_status status_parse(const char *s)
{
    for (int i = 0; i < 3; i++)
        if (s && strcmp(s, status_names[i]) == 0)
            return (enum tcrm_deal_status)i;
    return TCRM_DEAL_OPEN;
}

static int oom(struct tcrm_error *err)
{
    return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
}

void tcrm_deal_init(struct tcrm_deal *d)
{
    memset(d, 0, sizeof *d);
}

void tcrm_deal_clear(struct tcrm_deal *d)
{
    if (!d)
        return;
    free(d->title);
    free(d->stage);
    free(d->currency);
    free(d->expected_close);
    free(d->lost_reason);
    free(d->closed_at);
    free(d->owner);
    free(d->company_name);
    free(d->contact_name);
    tcrm_strlist_clear(&d->tags);
    tcrm_stamp_clear(&d->stamp);
    tcrm_deal_init(d);
}

/* ---- validation ------------------------------------------------------- */

static int check_currency(struct tcrm_deal *d, struct tcrm_error *err)
{
    return tcrm_currency_check(d->currency, err);
}

static int validate(struct tcrm_deal *d, struct tcrm_error *err)
{
    struct tcrm_when w;
    if (tcrm_str_empty(d->title))
        return tcrm_error_field(err, TCRM_EINVAL, "title", "title: required");
    if (!d->company_id && !d->contact_id)
        return tcrm_error_field(err, TCRM_EINVAL, "company", "deal needs a company or a "
                              "contact");
    if (tcrm_str_empty(d->stage))
        return tcrm_error_field(err, TCRM_EINVAL, "stage", "stage: required");
    if (d->probability < 0 || d->probability > 100)
        return tcrm_error_field(err, TCRM_EINVAL, "probability", "probability: %d is not from "
                              "0 to 100", d->probability);
    if (d->amount_minor < 0)
        return tcrm_error_field(err, TCRM_EINVAL, "amount", "amount: must not be "
                              "negative");
    if (!tcrm_str_empty(d->expected_close) &&
        (strlen(d->expected_close) != 10 ||
         tcrm_date_parse_iso(d->expected_close, &w) != 0))
        return tcrm_error_field(err, TCRM_EINVAL, "expected", "expected close: '%.40s' is "
                              "not a date (use YYYY-MM-DD)",
                              d->expected_close);
    if (d->status == TCRM_DEAL_LOST && tcrm_str_empty(d->lost_reason))
        return tcrm_error_field(err, TCRM_EINVAL, "reason", "reason: required");
    return check_currency(d, err);
}

static int check_links(struct tcrm_db *db, const struct tcrm_deal *d,
                       struct tcrm_error *err)
{
    int rc = tcrm_db_require_live(db, "company", d->company_id, err);
    if (rc == 0)
        rc = tcrm_db_require_live(db, "contact", d->contact_id, err);
    if (rc == 0 && d->campaign_id)
        rc = tcrm_campaign_require(db, d->campaign_id, err);
    return rc;
}

/* closed_at follows status: today when closing, NULL when open. */
static int fix_closed(struct tcrm_deal *d)
{
    if (d->status == TCRM_DEAL_OPEN)
        return tcrm_str_set(&d->closed_at, NULL);
    if (!tcrm_str_empty(d->closed_at))
        return 0;
    char today[11];
    tcrm_date_today(tcrm_clock_now(), today);
    return tcrm_str_set(&d->closed_at, today);
}

/* ---- insert / get / update -------------------------------------------- */

static void bind_fields(sqlite3_stmt *st, struct tcrm_db *db,
                        const struct tcrm_deal *d, const char *now)
{
    tcrm_db_bind_text(st, 1, d->title);
    tcrm_db_bind_id(st, 2, d->company_id);
    tcrm_db_bind_id(st, 3, d->contact_id);
    tcrm_db_bind_text(st, 4, d->stage);
    sqlite3_bind_int64(st, 5, d->amount_minor);
    tcrm_db_bind_text(st, 6, d->currency);
    sqlite3_bind_int(st, 7, d->probability);
    tcrm_db_bind_text(st, 8, d->expected_close);
    sqlite3_bind_text(st, 9, tcrm_deal_status_name(d->status), -1,
                      SQLITE_STATIC);
    tcrm_db_bind_text(st, 10, d->lost_reason);
    tcrm_db_bind_text(st, 11, d->closed_at);
    tcrm_db_bind_text(st, 12, d->owner);
    sqlite3_bind_text(st, 13, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 14, tcrm_db_user(db), -1, SQLITE_TRANSIENT);
}

static int insert_row(struct tcrm_db *db, struct tcrm_deal *d,
                      struct tcrm_error *err)
{
    char now[20];
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "INSERT INTO deals(title, company_id, contact_id, stage, amount_minor,"
        " currency, probability, expected_close, status, lost_reason,"
        " closed_at, owner, created_at, updated_at, created_by, updated_by,"
        " campaign_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
        " ?12, ?13, ?13, ?14, ?14, ?15)", err);
    if (!st)
        return err->code;
    tcrm_db_now(now);
    bind_fields(st, db, d, now);
    tcrm_db_bind_id(st, 15, d->campaign_id);
    int rc = tcrm_db_step_done(db, st, "deal", err);
    if (rc)
        return rc;
    d->id = sqlite3_last_insert_rowid(db->sql);
    d->version = 1;
    return tcrm_db_set_tags(db, "deal", d->id, &d->tags, err);
}

int tcrm_deal_insert(struct tcrm_db *db, struct tcrm_deal *d,
                     struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    int rc = validate(d, err);
    if (rc)
        return rc;
    if (fix_closed(d))
        return oom(err);
    rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = check_links(db, d, err);
    if (rc == 0)
        rc = insert_row(db, d, err);
    return tcrm_db_end(db, rc, err);
}

#define DEAL_COLS                                                          \
    "SELECT d.id, d.version, d.company_id, d.contact_id, d.amount_minor,"  \
    " d.probability, d.status, d.title, d.stage, d.currency,"              \
    " d.expected_close, d.lost_reason, d.closed_at, d.owner, co.name,"     \
    " c.name, d.created_at, d.updated_at, d.created_by, d.updated_by"      \
    " FROM live_deals d LEFT JOIN companies co ON co.id = d.company_id"    \
    " LEFT JOIN contacts c ON c.id = d.contact_id "

static int read_row(sqlite3_stmt *st, struct tcrm_deal *d)
{
    tcrm_deal_init(d);
    d->id = sqlite3_column_int64(st, 0);
    d->version = sqlite3_column_int64(st, 1);
    d->company_id = sqlite3_column_int64(st, 2);
    d->contact_id = sqlite3_column_int64(st, 3);
    d->amount_minor = sqlite3_column_int64(st, 4);
    d->probability = sqlite3_column_int(st, 5);
    d->status = status_parse((const char *)sqlite3_column_text(st, 6));
    char **col[] = { &d->title, &d->stage, &d->currency, &d->expected_close,
                     &d->lost_reason, &d->closed_at, &d->owner,
                     &d->company_name, &d->contact_name,
                     &d->stamp.created_at, &d->stamp.updated_at,
                     &d->stamp.created_by, &d->stamp.updated_by };
    for (int i = 0; i < 13; i++) {
        if (sqlite3_column_type(st, 7 + i) == SQLITE_NULL)
            continue;
        *col[i] = tcrm_db_col_text(st, 7 + i);
        if (!*col[i])
            return TCRM_ENOMEM;
    }
    return 0;
}

int tcrm_deal_get(struct tcrm_db *db, int64_t id, struct tcrm_deal *out,
                  struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    tcrm_deal_init(out);
    sqlite3_stmt *st = tcrm_db_prepare(db, DEAL_COLS
        "WHERE d.id = ?1", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int s = sqlite3_step(st), rc = 0;
    if (s == SQLITE_ROW)
        rc = read_row(st, out) ? oom(err) : 0;
    else if (s == SQLITE_DONE)
        rc = tcrm_error_set(err, TCRM_ENOTFOUND, "deal %lld: not found",
                            (long long)id);
    else
        rc = tcrm_db_fail(db, "deal", err);
    tcrm_db_done(st);
    if (rc == 0)
        rc = tcrm_db_get_tags(db, "deal", id, &out->tags, err);
    if (rc)
        tcrm_deal_clear(out);
    return rc;
}

/* After an UPDATE matched nothing: not found, or changed by someone. */
static int explain_miss(struct tcrm_db *db, int64_t id,
                        struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, "SELECT updated_by, updated_at"
        " FROM deals WHERE id = ?1 AND deleted_at IS NULL", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    int rc;
    if (sqlite3_step(st) == SQLITE_ROW)
        rc = tcrm_error_set(err, TCRM_ECONFLICT, "deal %lld was changed by %s "
                            "at %s since you read it", (long long)id,
                            (const char *)sqlite3_column_text(st, 0),
                            (const char *)sqlite3_column_text(st, 1));
    else
        rc = tcrm_error_set(err, TCRM_ENOTFOUND, "deal %lld: not found",
                            (long long)id);
    tcrm_db_done(st);
    return rc;
}

static int update_row(struct tcrm_db *db, struct tcrm_deal *d,
                      struct tcrm_error *err)
{
    char now[20];
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "UPDATE deals SET title = ?1, company_id = ?2, contact_id = ?3,"
        " stage = ?4, amount_minor = ?5, currency = ?6, probability = ?7,"
        " expected_close = ?8, status = ?9, lost_reason = ?10,"
        " closed_at = ?11, owner = ?12, updated_at = ?13, updated_by = ?14,"
        " version = version + 1"
        " WHERE id = ?15 AND version = ?16 AND deleted_at IS NULL", err);
    if (!st)
        return err->code;
    tcrm_db_now(now);
    bind_fields(st, db, d, now);
    sqlite3_bind_int64(st, 15, d->id);
    sqlite3_bind_int64(st, 16, d->version);
    int rc = tcrm_db_step_done(db, st, "deal", err);
    if (rc)
        return rc;
    if (sqlite3_changes(db->sql) == 0)
        return explain_miss(db, d->id, err);
    d->version++;
    return 0;
}

static int same_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* 1 when a save of d over the stored deal cur would change nothing. */
static int deal_same(const struct tcrm_deal *cur, const struct tcrm_deal *d)
{
    const char *was[] = { cur->title, cur->stage, cur->currency,
                          cur->expected_close, cur->lost_reason,
                          cur->closed_at, cur->owner };
    const char *now[] = { d->title, d->stage, d->currency, d->expected_close,
                          d->lost_reason, d->closed_at, d->owner };
    int same = cur->company_id == d->company_id &&
               cur->contact_id == d->contact_id &&
               cur->amount_minor == d->amount_minor &&
               cur->probability == d->probability &&
               cur->status == d->status &&
               tcrm_strlist_same_set(&cur->tags, &d->tags);
    for (size_t i = 0; same && i < sizeof was / sizeof was[0]; i++)
        same = same_text(was[i], now[i]);
    return same;
}

/* 1 when d is the stored deal as it is now (a save would change nothing:
 * d->version becomes the stored one), 0 when not, else an error. Inside
 * the write transaction, as tcrm_company_update does. */
static int unchanged(struct tcrm_db *db, struct tcrm_deal *d,
                     struct tcrm_error *err)
{
    struct tcrm_deal cur;
    int rc = tcrm_deal_get(db, d->id, &cur, err);
    if (rc)
        return rc;
    int same = deal_same(&cur, d);
    if (same)
        d->version = cur.version;
    tcrm_deal_clear(&cur);
    return same;
}

static int update_work(struct tcrm_db *db, struct tcrm_deal *d,
                       struct tcrm_error *err)
{
    int rc = check_links(db, d, err);
    if (rc == 0)
        rc = update_row(db, d, err);
    if (rc == 0)
        rc = tcrm_db_set_tags(db, "deal", d->id, &d->tags, err);
    return rc;
}

int tcrm_deal_update(struct tcrm_db *db, struct tcrm_deal *d,
                     struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    int rc = validate(d, err);
    if (rc)
        return rc;
    if (fix_closed(d))
        return oom(err);
    int64_t version = d->version;
    rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = unchanged(db, d, err);
    if (rc == 0)
        rc = update_work(db, d, err);
    rc = tcrm_db_end(db, rc > 0 ? 0 : rc, err);
    if (rc)
        d->version = version;
    return rc;
}

/* ---- pipeline moves --------------------------------------------------- */

static int must_be_open(const struct tcrm_deal *d, struct tcrm_error *err)
{
    if (d->status == TCRM_DEAL_WON)
        return tcrm_error_set(err, TCRM_EINVAL, "deal %lld is already won",
                              (long long)d->id);
    if (d->status != TCRM_DEAL_OPEN)
        return tcrm_error_set(err, TCRM_EINVAL, "deal %lld is already lost",
                              (long long)d->id);
    return 0;
}

/* Load deal id, let change() alter it, write it back; one transaction. */
struct deal_change {
    enum tcrm_deal_status status;
    const char *stage, *reason;
    int probability;
};

static int change_work(struct tcrm_db *db, int64_t id,
                       const struct deal_change *c, struct tcrm_error *err)
{
    struct tcrm_deal d;
    int rc = tcrm_deal_get(db, id, &d, err);
    if (rc)
        return rc;
    rc = must_be_open(&d, err);
    /* A move to the stage (and probability) it has writes nothing. */
    int same = c->status == TCRM_DEAL_OPEN && same_text(c->stage, d.stage) &&
               (c->probability < 0 || c->probability == d.probability);
    if (rc || same) {
        tcrm_deal_clear(&d);
        return rc;
    }
    if (c->stage)
        rc = tcrm_str_set(&d.stage, c->stage) ? oom(err) : 0;
    if (c->probability >= 0)
        d.probability = c->probability;
    d.status = c->status;
    if (rc == 0 && (tcrm_str_set(&d.lost_reason, c->reason) || fix_closed(&d)))
        rc = oom(err);
    if (rc == 0)
        rc = update_row(db, &d, err);
    tcrm_deal_clear(&d);
    return rc;
}

static int change(struct tcrm_db *db, int64_t id, const struct deal_change *c,
                  struct tcrm_error *err)
{
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = change_work(db, id, c, err);
    return tcrm_db_end(db, rc, err);
}

int tcrm_deal_move(struct tcrm_db *db, int64_t id, const char *stage,
                   int probability, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    if (tcrm_str_empty(stage))
        return tcrm_error_field(err, TCRM_EINVAL, "stage", "stage: required");
    if (probability > 100)
        return tcrm_error_field(err, TCRM_EINVAL, "probability", "probability: %d is not from "
                              "0 to 100", probability);
    struct deal_change c = { TCRM_DEAL_OPEN, stage, NULL, probability };
    return change(db, id, &c, err);
}

int tcrm_deal_won(struct tcrm_db *db, int64_t id, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    struct deal_change c = { TCRM_DEAL_WON, NULL, NULL, -1 };
    return change(db, id, &c, err);
}

int tcrm_deal_lost(struct tcrm_db *db, int64_t id, const char *reason,
                   struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    if (tcrm_str_empty(reason))
        return tcrm_error_field(err, TCRM_EINVAL, "reason", "reason: required");
    struct deal_change c = { TCRM_DEAL_LOST, NULL, reason, -1 };
    return change(db, id, &c, err);
}

int tcrm_deal_delete(struct tcrm_db *db, int64_t id, struct tcrm_error *err)
{
    return tcrm_db_trash_row(db, "deals", "deal", id, err);
}

/* ---- lists ------------------------------------------------------------ */

int tcrm_deal_list(struct tcrm_db *db, const char *stage, int status,
                   int64_t contact_id, int64_t company_id, int64_t after_id,
                   size_t limit, struct tcrm_deal **out, size_t *n,
                   struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, DEAL_COLS
        "WHERE d.id > ?1"
        " AND (?2 IS NULL OR d.stage = ?2) AND (?3 IS NULL OR d.status = ?3)"
        " AND (?4 IS NULL OR d.contact_id = ?4)"
        " AND (?5 IS NULL OR d.company_id = ?5)"
        " ORDER BY d.id LIMIT ?6", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, after_id);
    tcrm_db_bind_text(st, 2, stage);
    if (status >= TCRM_DEAL_OPEN && status <= TCRM_DEAL_LOST)
        sqlite3_bind_text(st, 3, status_names[status], -1, SQLITE_STATIC);
    tcrm_db_bind_id(st, 4, contact_id);
    tcrm_db_bind_id(st, 5, company_id);
    sqlite3_bind_int64(st, 6, limit > INT64_MAX ? INT64_MAX
                                                : (sqlite3_int64)limit);
    struct tcrm_deal *a = NULL;
    size_t count = 0, cap = 0;
    int rc = 0, s = SQLITE_DONE;
    while (rc == 0 && (s = sqlite3_step(st)) == SQLITE_ROW) {
        if (count == cap) {
            cap = cap ? cap * 2 : 16;
            void *p = realloc(a, cap * sizeof *a);
            if (!p) {
                rc = oom(err);
                break;
            }
            a = p;
        }
        if (read_row(st, &a[count++]))
            rc = oom(err);
    }
    if (rc == 0 && s != SQLITE_DONE)
        rc = tcrm_db_fail(db, "deals", err);
    tcrm_db_done(st);
    for (size_t i = 0; rc == 0 && i < count; i++)
        rc = tcrm_db_get_tags(db, "deal", a[i].id, &a[i].tags, err);
    if (rc) {
        tcrm_deal_array_free(a, count);
        return rc;
    }
    *out = a;
    *n = count;
    return 0;
}

static void free_deals(void *a, size_t n)
{
    tcrm_deal_array_free(a, n);
}

static void clear_deal(void *d)
{
    tcrm_deal_clear(d);
}

static int read_elem(sqlite3_stmt *st, void *elem)
{
    return read_row(st, elem);
}

/* The filter terms of a deals page or count: ?2 stage, ?3 status. With
 * both given (the screen's Deals view) the terms are plain equalities,
 * so deals_by_stage (status, stage, then rowid) seeks the page in id
 * order: the "?2 IS NULL OR" form reads every deal in id order instead
 * (a rare stage among 200,000 deals: 29 ms a page, not 0.05 ms). */
#define DEAL_FILTER " AND (?2 IS NULL OR d.stage = ?2)" \
    " AND (?3 IS NULL OR d.status = ?3)"
#define DEAL_STAGE " AND d.stage = ?2 AND d.status = ?3"

static void bind_filter(sqlite3_stmt *st, const char *stage, int status)
{
    tcrm_db_bind_text(st, 2, stage);
    if (status >= TCRM_DEAL_OPEN && status <= TCRM_DEAL_LOST)
        sqlite3_bind_text(st, 3, status_names[status], -1, SQLITE_STATIC);
}

int tcrm_deal_page(struct tcrm_db *db, const char *stage, int status,
                   int64_t after, int backwards, size_t limit,
                   struct tcrm_deal **out, size_t *n, int *more,
                   struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    int both = stage && status >= TCRM_DEAL_OPEN && status <= TCRM_DEAL_LOST;
    sqlite3_stmt *st = tcrm_db_prepare(db, both ? (backwards
        ? DEAL_COLS "WHERE d.id < ?1" DEAL_STAGE " ORDER BY d.id DESC LIMIT ?4"
        : DEAL_COLS "WHERE d.id > ?1" DEAL_STAGE " ORDER BY d.id LIMIT ?4")
        : backwards
        ? DEAL_COLS "WHERE d.id < ?1" DEAL_FILTER " ORDER BY d.id DESC LIMIT ?4"
        : DEAL_COLS "WHERE d.id > ?1" DEAL_FILTER " ORDER BY d.id LIMIT ?4",
        err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, after > 0 ? after : backwards ? INT64_MAX : 0);
    bind_filter(st, stage, status);
    void *a = NULL;
    int rc = tcrm_db_page(db, st, 4, limit, sizeof **out, read_elem,
                          free_deals, clear_deal, "deals", backwards, &a, n,
                          more, err);
    *out = a;
    for (size_t i = 0; rc == 0 && i < *n; i++)
        rc = tcrm_db_get_tags(db, "deal", (*out)[i].id, &(*out)[i].tags, err);
    if (rc) {
        tcrm_deal_array_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

int tcrm_deal_count(struct tcrm_db *db, const char *stage, int status,
                    int64_t *n, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    int both = stage && status >= TCRM_DEAL_OPEN && status <= TCRM_DEAL_LOST;
    sqlite3_stmt *st = tcrm_db_prepare(db, both
        ? "SELECT count(*) FROM live_deals d WHERE 1" DEAL_STAGE
        : "SELECT count(*) FROM live_deals d WHERE 1" DEAL_FILTER, err);
    if (st)
        bind_filter(st, stage, status);
    return tcrm_db_count(db, st, "deals", n, err);
}

void tcrm_deal_array_free(struct tcrm_deal *a, size_t n)
{
    if (!a)
        return;
    for (size_t i = 0; i < n; i++)
        tcrm_deal_clear(&a[i]);
    free(a);
}

/* One row of the stage totals (tcrm_db_collect reader). */
static int read_stage_total(sqlite3_stmt *st, void *elem)
{
    struct tcrm_stage_total *t = elem;
    t->stage = tcrm_db_col_text(st, 0);
    t->currency = tcrm_db_col_text(st, 1);
    t->count = sqlite3_column_int64(st, 2);
    t->total_minor = sqlite3_column_int64(st, 3);
    t->weighted_minor = sqlite3_column_int64(st, 4);
    return t->stage && t->currency ? 0 : TCRM_ENOMEM;
}

static void free_stage_totals(void *a, size_t n)
{
    tcrm_stage_total_array_free(a, n);
}

int tcrm_deal_stage_totals(struct tcrm_db *db, struct tcrm_stage_total **out,
                           size_t *n, struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT stage, currency, count(*), sum(amount_minor),"
        " sum((amount_minor * probability + 50) / 100)"
        " FROM live_deals WHERE status = 'open'"
        " GROUP BY stage, currency ORDER BY stage, currency", err);
    if (!st)
        return err->code;
    void *a = NULL;
    int rc = tcrm_db_collect(db, st, sizeof(struct tcrm_stage_total), read_stage_total,
                             free_stage_totals, "pipeline", &a, n, err);
    *out = a;
    return rc;
}

void tcrm_stage_total_array_free(struct tcrm_stage_total *a, size_t n)
{
    if (!a)
        return;
    for (size_t i = 0; i < n; i++) {
        free(a[i].stage);
        free(a[i].currency);
    }
    free(a);
}
