/*
 * name_order.c: the order names are listed in (settings.name_order).
 *
 * Lists page over the sort keys stored beside each name (contacts.sort_key,
 * title_sort, company_sort; companies.sort_key), so the order is the
 * database's, not each person's: one index serves everyone. Two orders:
 *   pinyin     hanzi by their reading (tcrm_pinyin_sort_key: 王 before
 *              张, Latin names in their usual place); the default;
 *   codepoint  the folded text as it is (tcrm_norm_fold): hanzi after all
 *              Latin letters, by Unicode code point.
 * A key is made by tcrm_db_sort_key, and by the SQL function
 * tcrm_sort_key(text) registered on every connection, so that a re-key is
 * one UPDATE. Anything that compares a person's text with a sort key
 * (the search's "name starts with" tier, the company picker) makes the
 * text's key the same way.
 *
 * Databases made before the setting existed hold codepoint keys and no
 * setting row: the first writable open re-keys the rows whose text is not
 * plain ASCII (the only ones whose key differs) and records 'pinyin'. A
 * read-only open of such a file keeps using codepoint keys.
 */
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "tcrm/normalize.h"
#include "tcrm/access.h"
#include "tcrm/name_order.h"
#include "tcrm/pinyin.h"

char *tcrm_db_sort_key(struct tcrm_db *db, const char *text)
{
    return db->pinyin_order ? tcrm_pinyin_sort_key(text) : tcrm_norm_fold(text);
}

static void sql_sort_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    struct tcrm_db *db = sqlite3_user_data(ctx);
    const char *text = (const char *)sqlite3_value_text(argv[0]);
    char *key = tcrm_db_sort_key(db, text ? text : "");
    if (!key)
        sqlite3_result_error_nomem(ctx);
    else
        sqlite3_result_text(ctx, key, -1, free);
}

/* Every row whose text is not plain ASCII gets the key of the current
 * order (its only rows whose key can differ between the orders). The
 * company trigger carries company_sort to its contacts. */
static int rekey(struct tcrm_db *db, struct tcrm_error *err)
{
    return tcrm_db_exec(db,
        "UPDATE companies SET sort_key = tcrm_sort_key(name)"
        " WHERE name GLOB '*[^ -~]*';"
        "UPDATE contacts SET sort_key = tcrm_sort_key(name),"
        " title_sort = tcrm_sort_key(coalesce(title, ''))"
        " WHERE name GLOB '*[^ -~]*' OR title GLOB '*[^ -~]*';", err);
}

static int read_setting(struct tcrm_db *db, int *found, struct tcrm_error *err)
{
    sqlite3_stmt *st = tcrm_db_prepare(db,
        "SELECT value FROM settings WHERE key = 'name_order'", err);
    if (!st)
        return TCRM_EDB;
    int rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    db->pinyin_order = *found && strcmp((const char *)sqlite3_column_text(st, 0),
                                        "pinyin") == 0;
    tcrm_db_done(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? 0 : tcrm_db_fail(db, "settings", err);
}

int tcrm_name_order_open(struct tcrm_db *db, int readonly, struct tcrm_error *err)
{
    if (sqlite3_create_function(db->sql, "tcrm_sort_key", 1,
                                SQLITE_UTF8 | SQLITE_DETERMINISTIC, db,
                                sql_sort_key, NULL, NULL) != SQLITE_OK)
        return tcrm_db_fail(db, "sort keys", err);
    int found;
    int rc = read_setting(db, &found, err);
    if (rc || found || readonly)
        return rc;
    rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    rc = read_setting(db, &found, err);    /* another process was first */
    if (rc == 0 && !found) {
        db->pinyin_order = 1;
        rc = rekey(db, err);
        if (rc == 0)
            rc = tcrm_db_exec(db, "INSERT INTO settings(key, value)"
                              " VALUES ('name_order', 'pinyin')", err);
    }
    rc = tcrm_db_end(db, rc, err);
    if (rc)
        db->pinyin_order = 0;
    return rc;
}

const char *tcrm_name_order(const struct tcrm_db *db)
{
    return db->pinyin_order ? "pinyin" : "codepoint";
}

int tcrm_name_order_set(struct tcrm_db *db, const char *order,
                        struct tcrm_error *err)
{
    int pinyin;
    if (order && strcmp(order, "pinyin") == 0)
        pinyin = 1;
    else if (order && strcmp(order, "codepoint") == 0)
        pinyin = 0;
    else
        return tcrm_error_field(err, TCRM_EINVAL, "name-order",
                                "name order '%s': use pinyin or codepoint",
                                order ? order : "");
    if (db->owned && db->role != TCRM_ROLE_ADMIN)
        return tcrm_error_set(err, TCRM_EPERM, "name order: only an admin "
                              "may change it");
    int old = db->pinyin_order;
    int rc = tcrm_db_begin(db, err);
    if (rc)
        return rc;
    db->pinyin_order = pinyin;
    rc = rekey(db, err);
    if (rc == 0)
        rc = tcrm_db_exec(db, pinyin
            ? "INSERT OR REPLACE INTO settings(key, value) VALUES ('name_order', 'pinyin')"
            : "INSERT OR REPLACE INTO settings(key, value) VALUES ('name_order', 'codepoint')",
            err);
    if (rc == 0)
        rc = tcrm_db_audit(db, "settings", 0, "edit", pinyin
                           ? "name_order=pinyin" : "name_order=codepoint", err);
    rc = tcrm_db_end(db, rc, err);
    if (rc)
        db->pinyin_order = old;
    return rc;
}
