/*
 * product.c: the product catalogue (see tcrm/product.h).
 *
 * Products are a plain entity of the entity table (entity_kind.c): a
 * trash, an audit trail written by the triggers of 009_sales.sql, no
 * owner. Reads go through live_products (access.c), so "live" means the
 * same here as everywhere. The duplicate check runs inside the write's
 * transaction and looks at every row, trash included, so that the
 * message can say where the other one is; the unique indexes refuse the
 * same again should anything get past it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "tcrm/i18n.h"
#include "tcrm/money.h"
#include "tcrm/normalize.h"
#include "tcrm/product.h"

static int oom(struct tcrm_error *err)
{
    return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
}

void tcrm_product_init(struct tcrm_product *p)
{
    memset(p, 0, sizeof *p);
}

void tcrm_product_clear(struct tcrm_product *p)
{
    if (!p)
        return;
    free(p->code);
    free(p->name);
    free(p->spec);
    free(p->unit);
    free(p->currency);
    tcrm_stamp_clear(&p->stamp);
    tcrm_product_init(p);
}

/* Trim spaces at both ends of *s in place; "" becomes NULL. */
static void trim(char **s)
{
    if (!*s)
        return;
    char *a = *s;
    while (*a == ' ')
        a++;
    size_t n = strlen(a);
    while (n && a[n - 1] == ' ')
        n--;
    memmove(*s, a, n);
    (*s)[n] = '\0';
    if (n == 0) {
        free(*s);
        *s = NULL;
    }
}

int tcrm_product_validate(struct tcrm_product *p, struct tcrm_error *err)
{
    trim(&p->code);
    trim(&p->name);
    trim(&p->spec);
    trim(&p->unit);
    if (tcrm_str_empty(p->code))
        return tcrm_error_field(err, TCRM_EINVAL, "code", "code: required");
    if (tcrm_str_empty(p->name))
        return tcrm_error_field(err, TCRM_EINVAL, "name", "name: required");
    if (p->price_minor < 0)
        return tcrm_error_field(err, TCRM_EINVAL, "price", "price: must not "
                                "be negative");
    if (p->tax_rate < 0 || p->tax_rate > 10000)
        return tcrm_error_field(err, TCRM_EINVAL, "tax", "tax: must be from "
                                "0 to 100");
    return tcrm_currency_check(p->currency, err);
}

/* ---- duplicates --------------------------------------------------------- */

/* The other row st found (id, code, name, trashed) as TCRM_EDUP. */
static int dup_found(sqlite3_stmt *st, const struct tcrm_product *p,
                     int by_code, struct tcrm_error *err)
{
    long long id = sqlite3_column_int64(st, 0);
    const char *code = (const char *)sqlite3_column_text(st, 1);
    const char *name = (const char *)sqlite3_column_text(st, 2);
    if (sqlite3_column_int(st, 3) && by_code)
        return tcrm_error_field(err, TCRM_EDUP, "code", "product code '%s' "
                                "is in the trash: tcrm restore product/%lld",
                                p->code, id);
    if (sqlite3_column_int(st, 3))
        return tcrm_error_field(err, TCRM_EDUP, "name", "product name '%s' "
                                "is in the trash: tcrm restore product/%lld",
                                p->name, id);
    if (by_code)
        return tcrm_error_field(err, TCRM_EDUP, "code", "product code '%s' "
                                "already exists (product %lld, %s)", p->code,
                                id, name);
    if (!tcrm_str_empty(p->spec))
        return tcrm_error_field(err, TCRM_EDUP, "name", "product '%s' (spec "
                                "'%s') already exists: code %s", p->name,
                                p->spec, code);
    return tcrm_error_field(err, TCRM_EDUP, "name", "product '%s' already "
                            "exists: code %s", p->name, code);
}

/* Look for the product p duplicates: *id and *trashed of the first found
 * (by code, then by name and spec); with report, TCRM_EDUP for it. When
 * both are found and differ, the second is reported. */
static int find_dup(struct tcrm_db *db, const struct tcrm_product *p,
                    int report, int64_t *id, struct tcrm_error *err)
{
    static const char *const sql[] = {
        "SELECT id, code, name, deleted_at IS NOT NULL FROM products"
        " WHERE code = ?1 AND id IS NOT ?3",
        "SELECT id, code, name, deleted_at IS NOT NULL FROM products"
        " WHERE name = ?1 AND spec = ?2 AND id IS NOT ?3",
    };
    *id = 0;
    for (int i = 0; i < 2; i++) {
        sqlite3_stmt *st = tcrm_db_prepare(db, sql[i], err);
        if (!st)
            return err->code;
        tcrm_db_bind_text(st, 1, i == 0 ? p->code : p->name);
        tcrm_db_bind_key(st, 2, p->spec ? p->spec : "");
        tcrm_db_bind_id(st, 3, p->id);
        int s = sqlite3_step(st), rc = 0;
        if (s == SQLITE_ROW) {
            int64_t found = sqlite3_column_int64(st, 0);
            if (report || sqlite3_column_int(st, 3) ||
                (*id && *id != found))
                rc = dup_found(st, p, i == 0, err);
            else
                *id = found;
        } else if (s != SQLITE_DONE) {
            rc = tcrm_db_fail(db, "product", err);
        }
        tcrm_db_done(st);
        if (rc)
            return rc;
    }
    return 0;
}

static int check_dup(struct tcrm_db *db, const struct tcrm_product *p,
                     struct tcrm_error *err)
{
    int64_t id;
    return find_dup(db, p, 1, &id, err);
}

int tcrm_product_dup(struct tcrm_db *db, const struct tcrm_product *p,
                     int64_t *id, struct tcrm_error *err)
{
    return find_dup(db, p, 0, id, err);
}

/* ---- insert / update ------------------------------------------------------ */

static void bind_fields(sqlite3_stmt *st, struct tcrm_db *db,
                        const struct tcrm_product *p, const char *now)
{
    tcrm_db_bind_text(st, 1, p->code);
    tcrm_db_bind_text(st, 2, p->name);
    tcrm_db_bind_key(st, 3, p->spec ? p->spec : "");
    tcrm_db_bind_text(st, 4, p->unit);
    sqlite3_bind_int64(st, 5, p->price_minor);
    tcrm_db_bind_text(st, 6, p->currency);
    sqlite3_bind_int64(st, 7, p->tax_rate);
    sqlite3_bind_text(st, 8, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 9, tcrm_db_user(db), -1, SQLITE_TRANSIENT);
}

static int insert_work(struct tcrm_db *db, struct tcrm_product *p,
                       struct tcrm_error *err)
{
    char now[20];
    int rc = check_dup(db, p, err);
    if (rc)
        return rc;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "INSERT INTO products(code, name, spec, unit, price_minor, currency,"
        " tax_rate, created_at, updated_at, created_by, updated_by)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?9)", err);
    if (!st)
        return err->code;
    tcrm_db_now(now);
    bind_fields(st, db, p, now);
    rc = tcrm_db_step_done(db, st, "product", err);
    if (rc)
        return rc;
    p->id = sqlite3_last_insert_rowid(db->sql);
    p->version = 1;
    return 0;
}

int tcrm_product_insert(struct tcrm_db *db, struct tcrm_product *p,
                        struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    p->id = 0;
    int rc = tcrm_product_validate(p, err);
    if (rc)
        return rc;
    if ((rc = tcrm_db_begin(db, err)))
        return rc;
    rc = insert_work(db, p, err);
    return tcrm_db_end(db, rc, err);
}

static int same(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* 1 when p says what is stored, 0 when not; the stored version must be
 * p's (else TCRM_ECONFLICT). */
static int unchanged(struct tcrm_db *db, const struct tcrm_product *p,
                     struct tcrm_error *err)
{
    struct tcrm_product old;
    int rc = tcrm_product_get(db, p->id, &old, err);
    if (rc)
        return rc;
    if (old.version != p->version)
        rc = tcrm_error_set(err, TCRM_ECONFLICT, "product %lld was changed by "
                            "%s at %s since you read it", (long long)p->id,
                            old.stamp.updated_by, old.stamp.updated_at);
    else
        rc = same(old.code, p->code) && same(old.name, p->name) &&
             same(old.spec, p->spec) && same(old.unit, p->unit) &&
             same(old.currency, p->currency) &&
             old.price_minor == p->price_minor && old.tax_rate == p->tax_rate;
    tcrm_product_clear(&old);
    return rc;
}

static int update_work(struct tcrm_db *db, struct tcrm_product *p,
                       struct tcrm_error *err)
{
    char now[20];
    int rc = unchanged(db, p, err);
    if (rc)
        return rc;
    if ((rc = check_dup(db, p, err)))
        return rc;
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "UPDATE products SET code = ?1, name = ?2, spec = ?3, unit = ?4,"
        " price_minor = ?5, currency = ?6, tax_rate = ?7, updated_at = ?8,"
        " updated_by = ?9, version = version + 1"
        " WHERE id = ?10 AND version = ?11 AND deleted_at IS NULL", err);
    if (!st)
        return err->code;
    tcrm_db_now(now);
    bind_fields(st, db, p, now);
    sqlite3_bind_int64(st, 10, p->id);
    sqlite3_bind_int64(st, 11, p->version);
    rc = tcrm_db_step_done(db, st, "product", err);
    if (rc == 0)
        p->version++;
    return rc;
}

int tcrm_product_update(struct tcrm_db *db, struct tcrm_product *p,
                        struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    int rc = tcrm_product_validate(p, err);
    if (rc)
        return rc;
    if ((rc = tcrm_db_begin(db, err)))
        return rc;
    rc = update_work(db, p, err);
    return tcrm_db_end(db, rc > 0 ? 0 : rc, err) ? err->code : rc;
}

int tcrm_product_delete(struct tcrm_db *db, int64_t id,
                        struct tcrm_error *err)
{
    return tcrm_entity_delete(db, "product", id, err);
}

/* ---- reading ------------------------------------------------------------ */

#define PRODUCT_COLS                                                       \
    "SELECT id, version, price_minor, tax_rate, code, name, spec, unit,"   \
    " currency, created_at, updated_at, created_by, updated_by"            \
    " FROM live_products "

static int read_row(sqlite3_stmt *st, void *elem)
{
    struct tcrm_product *p = elem;
    tcrm_product_init(p);
    p->id = sqlite3_column_int64(st, 0);
    p->version = sqlite3_column_int64(st, 1);
    p->price_minor = sqlite3_column_int64(st, 2);
    p->tax_rate = sqlite3_column_int64(st, 3);
    char **col[] = { &p->code, &p->name, &p->spec, &p->unit, &p->currency,
                     &p->stamp.created_at, &p->stamp.updated_at,
                     &p->stamp.created_by, &p->stamp.updated_by };
    for (int i = 0; i < 9; i++) {
        if (sqlite3_column_type(st, 4 + i) == SQLITE_NULL ||
            sqlite3_column_bytes(st, 4 + i) == 0)
            continue;
        if (!(*col[i] = tcrm_db_col_text(st, 4 + i)))
            return TCRM_ENOMEM;
    }
    return 0;
}

/* One row of st (bound) into out: TCRM_ENOTFOUND with what as message. */
static int read_one(struct tcrm_db *db, sqlite3_stmt *st,
                    struct tcrm_product *out, const char *what,
                    struct tcrm_error *err)
{
    int s = sqlite3_step(st), rc = 0;
    if (s == SQLITE_ROW)
        rc = read_row(st, out) ? oom(err) : 0;
    else if (s == SQLITE_DONE)
        rc = tcrm_error_field(err, TCRM_ENOTFOUND, "product", "%s: not found",
                              what);
    else
        rc = tcrm_db_fail(db, "product", err);
    tcrm_db_done(st);
    if (rc)
        tcrm_product_clear(out);
    return rc;
}

int tcrm_product_get(struct tcrm_db *db, int64_t id, struct tcrm_product *out,
                     struct tcrm_error *err)
{
    struct tcrm_error local;
    char what[40];
    if (!err)
        err = &local;
    tcrm_product_init(out);
    sqlite3_stmt *st = tcrm_db_prepare(db, PRODUCT_COLS "WHERE id = ?1", err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, id);
    snprintf(what, sizeof what, _("product %lld"), (long long)id);
    return read_one(db, st, out, what, err);
}

int tcrm_product_find(struct tcrm_db *db, const char *code,
                      struct tcrm_product *out, struct tcrm_error *err)
{
    struct tcrm_error local;
    char what[120];
    if (!err)
        err = &local;
    tcrm_product_init(out);
    sqlite3_stmt *st = tcrm_db_prepare(db, PRODUCT_COLS "WHERE code = ?1",
                                       err);
    if (!st)
        return err->code;
    tcrm_db_bind_key(st, 1, code ? code : "");
    snprintf(what, sizeof what, _("product '%.80s'"), code ? code : "");
    return read_one(db, st, out, what, err);
}

static void free_products(void *a, size_t n)
{
    tcrm_product_array_free(a, n);
}

int tcrm_product_list(struct tcrm_db *db, const char *after, size_t limit,
                      struct tcrm_product **out, size_t *n,
                      struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, PRODUCT_COLS
        "WHERE code > ?1 ORDER BY code LIMIT ?2", err);
    if (!st)
        return err->code;
    tcrm_db_bind_key(st, 1, after ? after : "");
    sqlite3_bind_int64(st, 2, limit > INT64_MAX ? INT64_MAX
                                                : (sqlite3_int64)limit);
    void *a = NULL;
    int rc = tcrm_db_collect(db, st, sizeof(struct tcrm_product), read_row,
                             free_products, "products", &a, n, err);
    *out = a;
    return rc;
}

/* The picker's search: two index ranges (products_by_code and
 * products_by_name, both NOCASE), each cut to the limit, code matches
 * first. [?1, ?2) holds every text starting with ?1 (?2 is ?1 followed by
 * U+10FFFF, above any character that can follow). */
#define SEARCH_COLS                                                         \
    "SELECT p.id, p.version, p.price_minor, p.tax_rate, p.code, p.name,"   \
    " p.spec, p.unit, p.currency, p.created_at, p.updated_at,"             \
    " p.created_by, p.updated_by"
#define SEARCH_IN(col) col " >= ?1 AND " col " < ?2"

int tcrm_product_search(struct tcrm_db *db, const char *text, size_t limit,
                        struct tcrm_product **out, size_t *n,
                        struct tcrm_error *err)
{
    struct tcrm_error local;
    if (!err)
        err = &local;
    char *key = tcrm_norm_trim(text ? text : "");
    if (!key)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (!*key) {
        free(key);
        return tcrm_product_list(db, NULL, limit, out, n, err);
    }
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = tcrm_db_prepare(db, SEARCH_COLS " FROM (SELECT * FROM"
        " (SELECT 0 AS k, code AS s, '' AS s2, id FROM live_products"
        "  WHERE " SEARCH_IN("code") " ORDER BY code LIMIT ?3)"
        " UNION ALL SELECT * FROM (SELECT 1, name, spec, id"
        "  FROM live_products WHERE " SEARCH_IN("name")
        "  AND NOT (" SEARCH_IN("code") ") ORDER BY name, spec LIMIT ?3)) m"
        " CROSS JOIN live_products p ON p.id = m.id"
        " ORDER BY m.k, m.s, m.s2 LIMIT ?3", err);
    if (!st) {
        free(key);
        return err->code;
    }
    size_t len = strlen(key);
    char *high = malloc(len + 5);
    if (!high) {
        free(key);
        tcrm_db_done(st);
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    }
    memcpy(high, key, len);
    memcpy(high + len, "\xf4\x8f\xbf\xbf", 5);
    sqlite3_bind_text(st, 1, key, -1, free);
    sqlite3_bind_text(st, 2, high, -1, free);
    sqlite3_bind_int64(st, 3, limit > INT64_MAX ? INT64_MAX
                                                : (sqlite3_int64)limit);
    void *a = NULL;
    int rc = tcrm_db_collect(db, st, sizeof(struct tcrm_product), read_row,
                             free_products, "products", &a, n, err);
    *out = a;
    return rc;
}

void tcrm_product_array_free(struct tcrm_product *a, size_t n)
{
    if (!a)
        return;
    for (size_t i = 0; i < n; i++)
        tcrm_product_clear(&a[i]);
    free(a);
}
