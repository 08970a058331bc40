/*
 * import_product.c: what a product import (`tcrm import --products`)
 * records, and taking it back (import_batch.h).
 *
 * import_changes rows of entity 'product': ('product', id, 'add') for a
 * product the import inserted, ('product', id, 'merge', before) for one
 * it updated (--on-duplicate update), before being the product's old
 * values as a JSON object (json_object of SQLite: code, name, spec, unit,
 * price_minor, currency, tax_rate). version_after is the product's
 * version when the import was done with it.
 *
 * Undo (a 'done' batch): a product the batch added is deleted for good,
 * an updated one gets the first "before" of the batch back; but only
 * when it still has the version the import left, is not in the trash,
 * and (added) is on no quote or order line: else TCRM_ECONFLICT "import
 * 3: product 7 was changed since the import; nothing undone".
 * Rollback (a failed import, a dry run, a dead process) takes each change
 * back without asking, newest first; an added product that a quote or an
 * order already uses is kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "import_internal.h"
#include "tcrm/import_batch.h"

int tcrm_import_batch_product(struct tcrm_db *db, int64_t batch,
                              const struct tcrm_product *old, int64_t id,
                              int64_t version_after, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db, old
        ? "INSERT INTO import_changes(batch_id, entity, entity_id, action,"
          " before, version_after) VALUES (?1, 'product', ?2, 'merge',"
          " json_object('code', ?3, 'name', ?4, 'spec', ?5, 'unit', ?6,"
          " 'price_minor', ?7, 'currency', ?8, 'tax_rate', ?9), ?10)"
        : "INSERT INTO import_changes(batch_id, entity, entity_id, action,"
          " version_after) VALUES (?1, 'product', ?2, 'add', ?10)", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    sqlite3_bind_int64(st, 1, batch);
    sqlite3_bind_int64(st, 2, id);
    if (old) {
        tcrm_db_bind_text(st, 3, old->code);
        tcrm_db_bind_text(st, 4, old->name);
        tcrm_db_bind_key(st, 5, old->spec ? old->spec : "");
        tcrm_db_bind_text(st, 6, old->unit);
        sqlite3_bind_int64(st, 7, old->price_minor);
        tcrm_db_bind_text(st, 8, old->currency);
        sqlite3_bind_int64(st, 9, old->tax_rate);
    }
    sqlite3_bind_int64(st, 10, version_after);
    int rc = tcrm_db_step_done(db, st, "import", err);
    tcrm_db_done(st);
    return rc;
}

/* Put the old values (before, JSON) back on product id. */
static int restore(struct tcrm_db *db, int64_t id, const char *before,
                   struct tcrm_error *err)
{
    char now[20];
    tcrm_db_now(now);
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "UPDATE products SET code = json_extract(?2, '$.code'),"
        " name = json_extract(?2, '$.name'),"
        " spec = json_extract(?2, '$.spec'),"
        " unit = json_extract(?2, '$.unit'),"
        " price_minor = json_extract(?2, '$.price_minor'),"
        " currency = json_extract(?2, '$.currency'),"
        " tax_rate = json_extract(?2, '$.tax_rate'),"
        " updated_at = ?3, updated_by = ?4, version = version + 1"
        " WHERE id = ?1", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, before ? before : "{}", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, tcrm_db_user(db), -1, SQLITE_TRANSIENT);
    int rc = tcrm_db_step_done(db, st, "import undo", err);
    tcrm_db_done(st);
    return rc;
}

#define PRODUCT_USED                                                      \
    "(EXISTS (SELECT 1 FROM quote_lines WHERE product_id = ?1)"           \
    " OR EXISTS (SELECT 1 FROM order_lines WHERE product_id = ?1))"

/* Delete product id for good unless a quote or order line uses it. */
static int delete_unused(struct tcrm_db *db, int64_t id,
                         struct tcrm_error *err)
{
    int rc = tcrm_import_exec_id(db, "DELETE FROM taggings WHERE entity ="
                                 " 'product' AND entity_id = ?1 AND NOT "
                                 PRODUCT_USED, id, err);
    if (!rc)
        rc = tcrm_import_exec_id(db, "DELETE FROM products WHERE id = ?1"
                                 " AND NOT " PRODUCT_USED, id, err);
    return rc;
}

int tcrm_import_product_take_back(struct tcrm_db *db, int64_t id, int merge,
                                  const char *before, struct tcrm_error *err)
{
    return merge ? restore(db, id, before, err) : delete_unused(db, id, err);
}

/* Is product id as the import left it? 0, or TCRM_ECONFLICT. */
static int check_product(struct tcrm_db *db, int64_t batch, int64_t id,
                         int64_t expected, int added, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT version = ?2 AND deleted_at IS NULL AND (NOT ?3 OR NOT "
        PRODUCT_USED "), code FROM products WHERE id = ?1", err);
    if (!st)
        return err ? err->code : TCRM_EDB;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, expected);
    sqlite3_bind_int(st, 3, added);
    int s = sqlite3_step(st), rc = 0;
    if (s == SQLITE_DONE)
        rc = tcrm_error_set(err, TCRM_ECONFLICT, "import %lld: product %lld "
                            "is gone; nothing undone", (long long)batch,
                            (long long)id);
    else if (s != SQLITE_ROW)
        rc = tcrm_db_fail(db, "import undo", err);
    else if (!sqlite3_column_int(st, 0))
        rc = tcrm_error_set(err, TCRM_ECONFLICT, "import %lld: product %lld "
                            "(%s) was changed since the import; nothing "
                            "undone", (long long)batch, (long long)id,
                            (const char *)sqlite3_column_text(st, 1));
    tcrm_db_done(st);
    return rc;
}

int tcrm_import_product_undo(struct tcrm_db *db, int64_t batch, int64_t id,
                             int64_t expected, int added, const char *before,
                             struct tcrm_error *err)
{
    int rc = check_product(db, batch, id, expected, added, err);
    if (!rc && added)
        rc = delete_unused(db, id, err);
    else if (!rc)
        rc = restore(db, id, before, err);
    return rc;
}
