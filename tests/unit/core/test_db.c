/*
 * test_db.c: opening, refusing foreign files, migrations, busy, nested
 * transactions and the change stamp (src/core/db.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../../../src/core/db_internal.h"
#include "tcrm/contact.h"
#include "tcrm/db.h"
#include "tcrm/migrations.h"

static char dir[64];

static int rm_one(const char *p, const struct stat *sb, int flag,
                  struct FTW *ftw)
{
    (void)sb; (void)flag; (void)ftw;
    return remove(p);
}

static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/tcrm-test-db-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    chmod(dir, 0700);
    return nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

static void path_in(char *out, size_t n, const char *name)
{
    snprintf(out, n, "%s/%s", dir, name);
}

static int open_db(const char *path, int timeout, struct tcrm_db **db,
                   struct tcrm_error *err)
{
    struct tcrm_db_options o = { path, "ann", timeout, 0, NULL };
    return tcrm_db_open(&o, db, err);
}

/* Whole file into a malloc'd buffer. */
static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = malloc(1 << 20);
    *n = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

static void test_create_and_reopen(void **state)
{
    (void)state;
    char path[256], sub[256];
    struct tcrm_error err;
    struct tcrm_db *db;
    path_in(path, sizeof path, "a/b/tcrm.db");
    assert_int_equal(open_db(path, 1000, &db, &err), 0);
    assert_int_equal(tcrm_db_schema_version(db), tcrm_db_schema_latest());
    assert_true(tcrm_db_schema_latest() >= 1);
    assert_string_equal(tcrm_db_path(db), path);
    assert_string_equal(tcrm_db_user(db), "ann");
    assert_int_equal(tcrm_db_check(db, 0, &err), 0);
    tcrm_db_close(db);

    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    path_in(sub, sizeof sub, "a/b");
    assert_int_equal(stat(sub, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0700);

    assert_int_equal(open_db(path, 1000, &db, &err), 0);
    assert_int_equal(tcrm_db_schema_version(db), tcrm_db_schema_latest());
    tcrm_db_close(db);
}

static void test_migrate_from_empty_file(void **state)
{
    (void)state;
    char path[256];
    struct tcrm_error err;
    struct tcrm_db *db;
    path_in(path, sizeof path, "empty.db");
    FILE *f = fopen(path, "w");
    fclose(f);
    assert_int_equal(open_db(path, 1000, &db, &err), 0);
    assert_int_equal(tcrm_db_schema_version(db), tcrm_db_schema_latest());
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db->sql, "SELECT count(*) FROM "
                     "sqlite_master WHERE name = 'contacts'", -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 1);
    sqlite3_finalize(st);
    tcrm_db_close(db);
}

/* Make a SQLite file with raw SQL (not through tcrm). */
static void make_raw(const char *path, const char *sql)
{
    sqlite3 *s;
    assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
    assert_int_equal(sqlite3_exec(s, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(s);
}

static int64_t query_i64(struct tcrm_db *db, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* A version 1 database (made by migration 1's SQL alone, with rows in it)
 * is upgraded on open: the rows survive, the activity summary is filled
 * from the interactions (trashed ones left out), the segment summary from
 * the contact, the search index rebuilt with pinyin keys, and
 * user_version is the newest migration's number. */
static void test_migrate_from_v1(void **state)
{
    (void)state;
    char path[256];
    struct tcrm_error err;
    struct tcrm_db *db;
    path_in(path, sizeof path, "v1.db");
    assert_int_equal(tcrm_migrations[0].number, 1);
    make_raw(path, tcrm_migrations[0].sql);
    make_raw(path,
        "PRAGMA user_version = 1;"
        "INSERT INTO contacts(id, name, name_key, sort_key, created_at,"
        " updated_at, created_by, updated_by) VALUES (1, '张伟', 'zw', 'zw',"
        " '2026-01-01 09:00:00', '2026-01-01 09:00:00', 'ann', 'ann');"
        "INSERT INTO interactions(contact_id, kind, at, summary, logged_by,"
        " created_at, updated_at, created_by, updated_by, deleted_at) VALUES"
        " (1, 'call', '2026-02-03 10:00', 'a', 'ann', 'x', 'x', 'x', 'x', NULL),"
        " (1, 'call', '2026-02-03 11:30', 'b', 'ann', 'x', 'x', 'x', 'x', NULL),"
        " (1, 'visit', '2026-02-04 09:00', 'c', 'bob', 'x', 'x', 'x', 'x', NULL),"
        " (1, 'email', '2026-02-05 09:00', 'd', 'bob', 'x', 'x', 'x', 'x',"
        "  '2026-02-06 00:00:00');");
    assert_int_equal(open_db(path, 1000, &db, &err), 0);
    int newest = tcrm_migrations[tcrm_migrations_count - 1].number;
    assert_true(newest >= 8);
    assert_int_equal(tcrm_db_schema_version(db), newest);
    assert_int_equal(query_i64(db, "PRAGMA user_version"), newest);
    assert_int_equal(query_i64(db, "SELECT count(*) FROM contacts WHERE "
                     "name = '张伟' AND last_interaction_at = "
                     "'2026-02-04 09:00'"), 1);
    assert_int_equal(query_i64(db, "SELECT count(*) FROM interactions"), 4);
    /* 008_pinyin asked for the search index to be rebuilt: it was (with
     * the pinyin keys), and the request is gone */
    assert_int_equal(query_i64(db, "SELECT count(*) FROM contact_search"
                     " WHERE contact_search MATCH '\"zhangwei\"'"), 1);
    assert_int_equal(query_i64(db, "SELECT count(*) FROM sqlite_master"
                     " WHERE name = 'search_rebuild'"), 0);
    assert_int_equal(query_i64(db, "SELECT n FROM activity_daily WHERE day ="
                     " '2026-02-03' AND logged_by = 'ann' AND kind = 'call'"),
                     2);
    assert_int_equal(query_i64(db, "SELECT n FROM activity_daily WHERE day ="
                     " '2026-02-04' AND logged_by = 'bob' AND kind = 'visit'"),
                     1);
    assert_int_equal(query_i64(db, "SELECT count(*) FROM activity_daily"), 2);
    assert_int_equal(query_i64(db, "SELECT count(*) FROM sqlite_master WHERE "
                     "name = 'contacts_quiet'"), 1);
    /* Schema 5: who opened the old file is its first admin, and rows
     * without owner got one (the creator 'x' is no user: the admin). */
    assert_int_equal(query_i64(db, "SELECT count(*) FROM users WHERE"
                     " login = 'ann' AND role = 'admin' AND active = 1"), 1);
    assert_int_equal(query_i64(db, "SELECT count(*) FROM contacts WHERE"
                     " owner IS NOT 'ann'"), 0);
    assert_int_equal(query_i64(db, "SELECT count(*) FROM interactions WHERE"
                     " owner IS NOT 'ann'"), 0);
    /* One live contact, created 2026-01-01, owned by ann, no city or
     * source (the move to ann leaves the rows of no owner at zero). */
    assert_int_equal(query_i64(db, "SELECT count(*) FROM segment_stats"
                     " WHERE n <> 0"), 2);
    assert_int_equal(query_i64(db, "SELECT sum(n) FROM segment_stats WHERE"
                     " entity = 'contact' AND value = '' AND currency = ''"
                     " AND day = '2026-01-01' AND owner = 'ann'"), 2);
    assert_int_equal(tcrm_db_check(db, 0, &err), 0);
    /* A summary that no longer agrees with the rows is reported. */
    assert_int_equal(tcrm_db_exec(db, "UPDATE segment_stats SET n = 5 WHERE"
                                  " dim = 'city' AND n <> 0", &err), 0);
    assert_int_equal(tcrm_db_check(db, 0, &err), TCRM_EDB);
    assert_non_null(strstr(err.msg, "summary segment_stats disagrees with "
                           "the rows in 2 places"));
    assert_int_equal(tcrm_db_exec(db, "UPDATE segment_stats SET n = 1 WHERE"
                                  " dim = 'city' AND n = 5; DELETE FROM activity_daily"
                                  " WHERE kind = 'visit'", &err), 0);
    assert_int_equal(tcrm_db_check(db, 0, &err), TCRM_EDB);
    assert_non_null(strstr(err.msg, "summary activity_daily disagrees"));
    assert_int_equal(tcrm_db_exec(db, "INSERT INTO activity_daily VALUES"
                                  " ('2026-02-04', 'bob', 'visit', 1)", &err),
                     0);
    assert_int_equal(tcrm_db_check(db, 0, &err), 0);
    tcrm_db_close(db);
    /* Reopening runs nothing again. */
    assert_int_equal(open_db(path, 1000, &db, &err), 0);
    assert_int_equal(query_i64(db, "SELECT sum(n) FROM activity_daily"), 3);
    tcrm_db_close(db);
}

static void expect_refused(const char *path, int code, const char *msg)
{
    size_t n1, n2;
    char *before = slurp(path, &n1);
    struct tcrm_error err;
    struct tcrm_db *db = (struct tcrm_db *)1;
    assert_int_equal(open_db(path, 100, &db, &err), code);
    assert_int_equal(err.code, code);
    assert_string_equal(err.msg, msg);
    assert_null(db);
    char *after = slurp(path, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(before, after, n1);
    free(before);
    free(after);
    char wal[300];
    snprintf(wal, sizeof wal, "%s-wal", path);
    assert_int_not_equal(access(wal, F_OK), 0);
}

static void test_refuse_foreign_files(void **state)
{
    (void)state;
    char path[256], msg[512];

    path_in(path, sizeof path, "notes.txt");
    FILE *f = fopen(path, "w");
    fputs("these are my notes, not a database at all\n", f);
    fclose(f);
    snprintf(msg, sizeof msg, "%s: not a tcrm database (not an SQLite file)",
             path);
    expect_refused(path, TCRM_ENOTDB, msg);

    path_in(path, sizeof path, "short.bin");
    f = fopen(path, "w");
    fputs("SQLite", f);
    fclose(f);
    snprintf(msg, sizeof msg, "%s: not a tcrm database (not an SQLite file)",
             path);
    expect_refused(path, TCRM_ENOTDB, msg);

    path_in(path, sizeof path, "corrupt.db");
    f = fopen(path, "w");
    fwrite("SQLite format 3\0", 1, 16, f);
    for (int i = 0; i < 4096; i++)
        fputc(0xa5, f);
    fclose(f);
    snprintf(msg, sizeof msg, "%s: not a tcrm database (not an SQLite file)",
             path);
    expect_refused(path, TCRM_ENOTDB, msg);

    path_in(path, sizeof path, "other.db");
    make_raw(path, "CREATE TABLE recipes(name TEXT); "
                   "INSERT INTO recipes VALUES ('soup');");
    snprintf(msg, sizeof msg, "%s: not a tcrm database (it has tables tcrm "
             "did not make)", path);
    expect_refused(path, TCRM_ENOTDB, msg);

    path_in(path, sizeof path, "newer.db");
    make_raw(path, "CREATE TABLE contacts(id INTEGER PRIMARY KEY); "
                   "PRAGMA user_version = 99;");
    snprintf(msg, sizeof msg, "%s: made by a newer tcrm (schema 99, this tcrm "
             "knows %d); upgrade tcrm", path, tcrm_db_schema_latest());
    expect_refused(path, TCRM_EVERSION, msg);
}

static void test_refuse_folder(void **state)
{
    (void)state;
    struct tcrm_error err;
    struct tcrm_db *db;
    char msg[512];
    assert_int_equal(open_db(dir, 100, &db, &err), TCRM_ENOTDB);
    snprintf(msg, sizeof msg, "%s: is a folder, not a database file", dir);
    assert_string_equal(err.msg, msg);
    struct tcrm_db_options none = { "", "ann", 100, 0, NULL };
    assert_int_equal(tcrm_db_open(&none, &db, &err), TCRM_EINVAL);
    assert_string_equal(err.msg, "database: no file given");
}

/* Schema 5: ids are never reused. A schema-4 file whose contact 3 was
 * added by an import and deleted by its undo (only import_changes still
 * names it) upgrades, and the next contact is 4; a deleted last contact's
 * id is not given again either; a form still holding a deleted contact
 * saves into nothing (not found) rather than over the newer contact. */
static void test_ids_never_reused(void **state)
{
    (void)state;
    char path[256];
    struct tcrm_error err;
    struct tcrm_db *db;
    struct tcrm_contact c, stale, fresh_c;

    path_in(path, sizeof path, "v4.db");
    for (int i = 0; i < tcrm_migrations_count && tcrm_migrations[i].number
                                                   <= 4; i++)
        make_raw(path, tcrm_migrations[i].sql);
    make_raw(path,
        "PRAGMA user_version = 4;"
        "INSERT INTO import_batches(id, file, started_at, who) VALUES"
        " (1, 'f.csv', '2026-01-01 09:00:00', 'ann');"
        "INSERT INTO contacts(id, name, name_key, sort_key, created_at,"
        " updated_at, created_by, updated_by) VALUES (1, 'A', 'a', 'a',"
        " '2026-01-01 09:00:00', '2026-01-01 09:00:00', 'ann', 'ann'),"
        " (2, 'B', 'b', 'b', '2026-01-01 09:00:00', '2026-01-01 09:00:00',"
        " 'ann', 'ann');"
        "INSERT INTO import_changes VALUES (1, 'contact', 3, 'add', NULL, 1);");
    assert_int_equal(open_db(path, 1000, &db, &err), 0);
    assert_int_equal(tcrm_db_schema_version(db), tcrm_db_schema_latest());
    assert_int_equal(query_i64(db, "SELECT seq FROM sqlite_sequence WHERE"
                               " name = 'contacts'"), 3);
    tcrm_contact_init(&c);
    assert_int_equal(tcrm_str_set(&c.name, "王五"), 0);
    assert_int_equal(tcrm_contact_insert(db, &c, &err), 0);
    assert_int_equal(c.id, 4);
    tcrm_contact_init(&stale);
    assert_int_equal(tcrm_contact_get(db, 4, &stale, &err), 0);
    assert_int_equal(tcrm_db_exec(db, "DELETE FROM contacts WHERE id = 4",
                                  &err), 0);
    c.id = 0;
    assert_int_equal(tcrm_contact_insert(db, &c, &err), 0);
    assert_int_equal(c.id, 5);
    /* The stale form (contact 4 at version 1) finds no row to write. */
    assert_int_equal(tcrm_str_set(&stale.title, "overwritten?"), 0);
    assert_int_equal(tcrm_contact_update(db, &stale, &err), TCRM_ENOTFOUND);
    tcrm_contact_init(&fresh_c);
    assert_int_equal(tcrm_contact_get(db, 5, &fresh_c, &err), 0);
    assert_null(fresh_c.title);
    assert_int_equal(tcrm_db_check(db, 0, &err), 0);
    tcrm_contact_clear(&c);
    tcrm_contact_clear(&stale);
    tcrm_contact_clear(&fresh_c);
    tcrm_db_close(db);
    /* Another connection (a second process) sees the same rule. */
    assert_int_equal(open_db(path, 1000, &db, &err), 0);
    tcrm_contact_init(&c);
    assert_int_equal(tcrm_str_set(&c.name, "赵六"), 0);
    assert_int_equal(tcrm_db_exec(db, "DELETE FROM contacts WHERE id = 5",
                                  &err), 0);
    assert_int_equal(tcrm_contact_insert(db, &c, &err), 0);
    assert_int_equal(c.id, 6);
    tcrm_contact_clear(&c);
    tcrm_db_close(db);
}

/* Only tcrm init creates: tcrm_db_open_existing on a missing file or
 * folder is TCRM_ENOTFOUND and leaves nothing behind; an existing
 * database opens. */
static void test_open_existing(void **state)
{
    (void)state;
    struct tcrm_db_options o = { NULL, "ann", 100, 0, NULL };
    struct tcrm_error err;
    struct tcrm_db *db = NULL;
    char path[256], msg[512];
    struct stat sb;

    path_in(path, sizeof path, "no/such/dir/x.db");
    o.path = path;
    assert_int_equal(tcrm_db_open_existing(&o, &db, &err), TCRM_ENOTFOUND);
    assert_null(db);
    snprintf(msg, sizeof msg, "%s: no such database", path);
    assert_string_equal(err.msg, msg);
    path_in(path, sizeof path, "no");
    assert_int_equal(stat(path, &sb), -1);
    path_in(path, sizeof path, "typo.db");
    assert_int_equal(tcrm_db_open_existing(&o, &db, &err), TCRM_ENOTFOUND);
    assert_int_equal(stat(path, &sb), -1);
    assert_int_equal(tcrm_db_open(&o, &db, &err), 0);
    tcrm_db_close(db);
    assert_int_equal(tcrm_db_open_existing(&o, &db, &err), 0);
    tcrm_db_close(db);
}

static void test_readonly(void **state)
{
    (void)state;
    if (geteuid() == 0)
        skip();   /* root writes anyway: permissions cannot be tested */
    char path[256], msg[512];
    struct tcrm_error err;
    struct tcrm_db *db;
    path_in(path, sizeof path, "ro.db");
    assert_int_equal(open_db(path, 100, &db, &err), 0);
    tcrm_db_close(db);
    chmod(path, 0400);
    assert_int_equal(open_db(path, 100, &db, &err), TCRM_EREADONLY);
    snprintf(msg, sizeof msg, "%s: cannot write (read-only)", path);
    assert_string_equal(err.msg, msg);
    chmod(path, 0600);

    /* a writable file in a read-only folder (WAL needs the folder) */
    char sub[256];
    path_in(sub, sizeof sub, "rodir");
    path_in(path, sizeof path, "rodir/x.db");
    assert_int_equal(open_db(path, 100, &db, &err), 0);
    tcrm_db_close(db);
    chmod(sub, 0500);
    assert_int_equal(open_db(path, 100, &db, &err), TCRM_EREADONLY);
    snprintf(msg, sizeof msg, "%s: cannot write (read-only)", path);
    assert_string_equal(err.msg, msg);
    path_in(path, sizeof path, "rodir/new/y.db");
    assert_int_equal(open_db(path, 100, &db, &err), TCRM_EREADONLY);
    chmod(sub, 0700);
}

/* Opened read-only (works as root too: the connection is read-only): reads
 * work, a write says the file is read-only, an older schema is refused
 * without an upgrade. */
static void test_readonly_option(void **state)
{
    (void)state;
    char path[256], msg[512];
    struct tcrm_error err;
    struct tcrm_db *db;
    path_in(path, sizeof path, "ro.db");
    assert_int_equal(open_db(path, 100, &db, &err), 0);
    tcrm_db_close(db);
    struct tcrm_db_options o = { path, "ann", 100, 1, NULL };
    assert_int_equal(tcrm_db_open(&o, &db, &err), 0);
    assert_int_equal(tcrm_db_schema_version(db), tcrm_db_schema_latest());
    assert_int_equal(tcrm_db_begin(db, &err), TCRM_EREADONLY);
    snprintf(msg, sizeof msg, "%s: cannot write (read-only)", path);
    assert_string_equal(err.msg, msg);
    tcrm_db_close(db);

    path_in(path, sizeof path, "v1.db");
    make_raw(path, tcrm_migrations[0].sql);
    make_raw(path, "PRAGMA user_version = 1; PRAGMA journal_mode = WAL;");
    o.path = path;
    assert_int_equal(tcrm_db_open(&o, &db, &err), TCRM_EREADONLY);
    snprintf(msg, sizeof msg, "%s: cannot upgrade a read-only database "
             "(schema 1, this tcrm needs %d); open it once as someone who "
             "may write it", path, tcrm_db_schema_latest());
    assert_string_equal(err.msg, msg);
    assert_null(db);
    o.readonly = 0;
    assert_int_equal(tcrm_db_open(&o, &db, &err), 0);
    tcrm_db_close(db);
}

/* The immutable URI escapes what a URI would read as its own syntax, and
 * SQLite opens the right file with it. */
static void test_immutable_uri(void **state)
{
    (void)state;
    char *uri = tcrm_db_immutable_uri("/a b/50%?x#y.db");
    assert_string_equal(uri, "file:///a b/50%25%3Fx%23y.db?immutable=1");
    free(uri);
    uri = tcrm_db_immutable_uri("rel/x.db");
    assert_string_equal(uri, "file:rel/x.db?immutable=1");
    free(uri);

    char path[256];
    struct tcrm_error err;
    struct tcrm_db *db;
    path_in(path, sizeof path, "50%?x#y.db");
    assert_int_equal(open_db(path, 100, &db, &err), 0);
    tcrm_db_close(db);
    uri = tcrm_db_immutable_uri(path);
    sqlite3 *s;
    assert_int_equal(sqlite3_open_v2(uri, &s, SQLITE_OPEN_READONLY |
                                     SQLITE_OPEN_URI, NULL), SQLITE_OK);
    free(uri);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(s, "PRAGMA user_version", -1, &st,
                                        NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), tcrm_db_schema_latest());
    sqlite3_finalize(st);
    sqlite3_close(s);
}

static double ms_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (t1.tv_sec - t0->tv_sec) * 1e3 + (t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* Another connection holding the write lock of path (COMMIT and close
 * it to let go). */
static sqlite3 *hold_lock(const char *path)
{
    sqlite3 *other;
    assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
    assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL),
                     SQLITE_OK);
    return other;
}

/* tcrm_db_on_wait: told while waiting, from 0 ms on; giving up fails the
 * write at once; without it the busy timeout runs out as before. */
static int wait_calls, wait_last;
static int wait_give_up(void *ud, int waited_ms)
{
    wait_calls++;
    wait_last = waited_ms;
    return waited_ms >= *(int *)ud;
}

static void test_on_wait(void **state)
{
    (void)state;
    char path[256];
    struct tcrm_error err;
    struct tcrm_db *db;
    int give_up_at = 100;
    path_in(path, sizeof path, "wait.db");
    assert_int_equal(open_db(path, 2000, &db, &err), 0);
    sqlite3 *other = hold_lock(path);
    tcrm_db_on_wait(db, wait_give_up, &give_up_at);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(tcrm_db_begin(db, &err), TCRM_EBUSY);
    assert_true(ms_since(&t0) < 1000);      /* not the 2 s timeout */
    assert_true(wait_calls >= 5);
    assert_true(wait_last >= 100);
    /* The timeout still ends a wait nobody gives up. */
    give_up_at = 1 << 30;
    tcrm_db_close(db);
    assert_int_equal(open_db(path, 150, &db, &err), 0);
    tcrm_db_on_wait(db, wait_give_up, &give_up_at);
    assert_int_equal(tcrm_db_begin(db, &err), TCRM_EBUSY);
    tcrm_db_on_wait(db, NULL, NULL);
    assert_int_equal(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(other);
    assert_int_equal(tcrm_db_begin(db, &err), 0);
    assert_int_equal(tcrm_db_commit(db, &err), 0);
    tcrm_db_close(db);
}

static void test_busy(void **state)
{
    (void)state;
    char path[256], msg[512];
    struct tcrm_error err;
    struct tcrm_db *db;
    path_in(path, sizeof path, "busy.db");
    assert_int_equal(open_db(path, 150, &db, &err), 0);

    sqlite3 *other = hold_lock(path);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(tcrm_db_begin(db, &err), TCRM_EBUSY);
    assert_true(ms_since(&t0) >= 140);
    snprintf(msg, sizeof msg, "%s: database is busy (another tcrm is "
             "writing); try again", path);
    assert_string_equal(err.msg, msg);
    assert_int_equal(tcrm_db_audit(db, "contact", 1, "edit", NULL, &err),
                     TCRM_EBUSY);
    assert_int_equal(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(other);

    assert_int_equal(tcrm_db_begin(db, &err), 0);
    assert_int_equal(tcrm_db_commit(db, &err), 0);
    tcrm_db_close(db);
}

/* A raised hand (db_hand.c): a writer that listens hears each wait for
 * the write lock that begins, from another connection, once; the file
 * beside the database has the database's mode. */
/* tcrm_db_on_progress: a statement stops when stop() says so (and the
 * screen's count gives way to a key), runs to its end without one. */
static int stop_after(void *ud)
{
    int *calls = ud;
    return ++*calls >= 3;
}

static void test_on_progress(void **state)
{
    (void)state;
    char path[256];
    struct tcrm_error err;
    struct tcrm_db *db;
    path_in(path, sizeof path, "progress.db");
    assert_int_equal(open_db(path, 2000, &db, &err), 0);
    static const char *const count = "WITH RECURSIVE n(i) AS (SELECT 1"
        " UNION ALL SELECT i + 1 FROM n WHERE i < 200000)"
        " SELECT count(*) FROM n";
    int calls = 0;
    tcrm_db_on_progress(db, stop_after, &calls);
    assert_int_equal(tcrm_db_exec(db, count, &err), TCRM_EDB);
    assert_non_null(strstr(err.msg, "interrupt"));
    assert_int_equal(calls, 3);
    tcrm_db_on_progress(db, NULL, NULL);
    assert_int_equal(tcrm_db_exec(db, count, &err), 0);
    assert_int_equal(calls, 3);
    tcrm_db_close(db);
}

static void test_hand(void **state)
{
    (void)state;
    char path[256], hand[300];
    struct tcrm_error err;
    struct tcrm_db *importer, *colleague;
    path_in(path, sizeof path, "hand.db");
    snprintf(hand, sizeof hand, "%s-hand", path);
    assert_int_equal(open_db(path, 2000, &importer, &err), 0);
    assert_int_equal(open_db(path, 60, &colleague, &err), 0);
    /* nobody listens: a wait leaves no file */
    sqlite3 *other = hold_lock(path);
    assert_int_equal(tcrm_db_begin(colleague, &err), TCRM_EBUSY);
    assert_int_equal(access(hand, F_OK), -1);
    assert_int_equal(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(other);

    assert_int_equal(chmod(path, 0640), 0);
    assert_int_equal(tcrm_db_hand_listen(importer), 1);
    struct stat sb;
    assert_int_equal(stat(hand, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0640);
    assert_int_equal(tcrm_db_hand_raised(importer), 0);
    assert_int_equal(tcrm_db_begin(importer, &err), 0);
    assert_int_equal(tcrm_db_exec(importer, "CREATE TABLE t(x)", &err), 0);
    assert_int_equal(tcrm_db_begin(colleague, &err), TCRM_EBUSY);
    assert_int_equal(tcrm_db_hand_raised(importer), 1);     /* heard */
    assert_int_equal(tcrm_db_hand_raised(importer), 0);     /* once */
    assert_int_equal(tcrm_db_commit(importer, &err), 0);
    assert_int_equal(tcrm_db_begin(colleague, &err), 0);    /* gets in */
    assert_int_equal(tcrm_db_commit(colleague, &err), 0);
    assert_int_equal(tcrm_db_hand_raised(importer), 0);     /* no wait */
    tcrm_db_hand_stop(importer);
    assert_int_equal(tcrm_db_hand_raised(importer), 0);
    tcrm_db_close(colleague);
    tcrm_db_close(importer);
}

static int audit_rows(struct tcrm_db *db)
{
    sqlite3_stmt *st;
    int n = -1;
    sqlite3_prepare_v2(db->sql, "SELECT count(*) FROM audit_log", -1, &st,
                       NULL);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void test_nested_transactions(void **state)
{
    (void)state;
    char path[256];
    struct tcrm_error err;
    struct tcrm_db *db;
    path_in(path, sizeof path, "tx.db");
    assert_int_equal(open_db(path, 100, &db, &err), 0);

    /* inner commit, outer commit: kept */
    assert_int_equal(tcrm_db_begin(db, &err), 0);
    assert_int_equal(tcrm_db_begin(db, &err), 0);
    assert_int_equal(tcrm_db_audit(db, "contact", 1, "add", "x", &err), 0);
    assert_int_equal(tcrm_db_commit(db, &err), 0);
    assert_int_equal(tcrm_db_audit(db, "contact", 2, "add", "y", &err), 0);
    assert_int_equal(tcrm_db_commit(db, &err), 0);
    assert_int_equal(audit_rows(db), 2);

    /* inner rollback: the outer commit rolls everything back */
    assert_int_equal(tcrm_db_begin(db, &err), 0);
    assert_int_equal(tcrm_db_audit(db, "contact", 3, "add", NULL, &err), 0);
    assert_int_equal(tcrm_db_begin(db, &err), 0);
    tcrm_db_rollback(db);
    assert_int_equal(tcrm_db_commit(db, &err), TCRM_EDB);
    assert_int_equal(audit_rows(db), 2);

    /* outer rollback after an inner commit */
    assert_int_equal(tcrm_db_begin(db, &err), 0);
    assert_int_equal(tcrm_db_begin(db, &err), 0);
    assert_int_equal(tcrm_db_audit(db, "contact", 4, "add", NULL, &err), 0);
    assert_int_equal(tcrm_db_end(db, 0, &err), 0);
    assert_int_equal(tcrm_db_end(db, TCRM_EINVAL, &err), TCRM_EINVAL);
    assert_int_equal(audit_rows(db), 2);

    assert_int_equal(tcrm_db_commit(db, &err), TCRM_EDB);

    /* A transaction of many writes keeps temp_store = MEMORY (2) until its
     * outermost end, committed or rolled back; nested, it is a plain
     * level of the transaction around it. */
    assert_int_equal(query_i64(db, "PRAGMA temp_store"), 0);
    assert_int_equal(tcrm_db_begin_many(db, &err), 0);
    assert_int_equal(query_i64(db, "PRAGMA temp_store"), 2);
    assert_int_equal(tcrm_db_begin_many(db, &err), 0);
    assert_int_equal(tcrm_db_audit(db, "contact", 5, "add", NULL, &err), 0);
    assert_int_equal(tcrm_db_commit(db, &err), 0);
    assert_int_equal(query_i64(db, "PRAGMA temp_store"), 2);
    assert_int_equal(tcrm_db_commit(db, &err), 0);
    assert_int_equal(query_i64(db, "PRAGMA temp_store"), 0);
    assert_int_equal(audit_rows(db), 3);
    assert_int_equal(tcrm_db_begin_many(db, &err), 0);
    assert_int_equal(tcrm_db_audit(db, "contact", 6, "add", NULL, &err), 0);
    tcrm_db_rollback(db);
    assert_int_equal(query_i64(db, "PRAGMA temp_store"), 0);
    assert_int_equal(audit_rows(db), 3);
    assert_int_equal(tcrm_db_begin(db, &err), 0);
    assert_int_equal(tcrm_db_begin_many(db, &err), 0);
    assert_int_equal(query_i64(db, "PRAGMA temp_store"), 0);
    tcrm_db_rollback(db);
    tcrm_db_rollback(db);
    tcrm_db_close(db);
}

static void test_change_stamp_and_cache(void **state)
{
    (void)state;
    char path[256];
    struct tcrm_error err;
    struct tcrm_db *db;
    path_in(path, sizeof path, "stamp.db");
    assert_int_equal(open_db(path, 100, &db, &err), 0);
    uint64_t s0 = tcrm_db_change_stamp(db);
    assert_int_equal(tcrm_db_change_stamp(db), s0);
    /* A transaction that writes nothing is rolled back: no change. */
    assert_int_equal(tcrm_db_begin(db, &err), 0);
    assert_int_equal(tcrm_db_commit(db, &err), 0);
    assert_int_equal(tcrm_db_change_stamp(db), s0);
    assert_int_equal(tcrm_db_begin(db, &err), 0);
    assert_int_equal(tcrm_db_audit(db, "contact", 1, "add", NULL, &err), 0);
    assert_int_equal(tcrm_db_commit(db, &err), 0);
    uint64_t s1 = tcrm_db_change_stamp(db);
    assert_true(s1 != s0);

    sqlite3 *other;
    assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
    assert_int_equal(sqlite3_exec(other, "INSERT INTO tags(name) "
                     "VALUES ('x')", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(other);
    assert_true(tcrm_db_change_stamp(db) != s1);

    char copy[] = "SELECT 1";
    sqlite3_stmt *a = tcrm_db_prepare(db, "SELECT 1", &err);
    sqlite3_stmt *b = tcrm_db_prepare(db, copy, &err);
    assert_non_null(a);
    assert_ptr_equal(a, b);
    assert_null(tcrm_db_prepare(db, "SELECT nope FROM nowhere", &err));
    assert_int_equal(err.code, TCRM_EDB);
    tcrm_db_close(db);
    tcrm_db_close(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create_and_reopen, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_migrate_from_empty_file, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_refuse_foreign_files, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_refuse_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readonly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readonly_option, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_immutable_uri, setup, teardown),
        cmocka_unit_test_setup_teardown(test_busy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_on_wait, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hand, setup, teardown),
        cmocka_unit_test_setup_teardown(test_on_progress, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_existing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ids_never_reused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_nested_transactions, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_change_stamp_and_cache, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_migrate_from_v1, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
