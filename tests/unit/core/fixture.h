/*
 * fixture.h: what the core's cmocka tests share: a fresh database in its
 * own temporary folder for every test (opened by setup, removed with the
 * folder by teardown), and two raw-SQL helpers for arranging and checking
 * rows directly; FIXTURE_AT for tests that run at a fixed clock. Include
 * it once, after cmocka.h, in a test file.
 */
#ifndef TCRM_TEST_CORE_FIXTURE_H
#define TCRM_TEST_CORE_FIXTURE_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../../src/core/db_internal.h"

static char dir[64];
static struct tcrm_db *db;

static inline int fixture_rm(const char *p, const struct stat *sb, int flag,
                             struct FTW *ftw)
{
    (void)sb; (void)flag; (void)ftw;
    return remove(p);
}

/* Open t.db in a new temporary folder as `user` (busy timeout 1 s). */
static inline int fixture_open(const char *user)
{
    char path[128];
    struct tcrm_db_options o = { path, user, 1000, 0, NULL };
    strcpy(dir, "/tmp/tcrm-test-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/t.db", dir);
    return tcrm_db_open(&o, &db, NULL);
}

static inline int fixture_close(void)
{
    tcrm_db_close(db);
    db = NULL;
    return nftw(dir, fixture_rm, 8, FTW_DEPTH | FTW_PHYS);
}

/* FIXTURE_AT(NOW, USER): the file's cmocka setup and teardown: TCRM_NOW
 * set to NOW and a fresh database opened as USER; then the database
 * closed and removed, TCRM_NOW unset. */
#define FIXTURE_AT(now, user)                                               \
    static int setup(void **state)                                          \
    {                                                                       \
        (void)state;                                                        \
        setenv("TCRM_NOW", now, 1);                                         \
        return fixture_open(user);                                          \
    }                                                                       \
    static int teardown(void **state)                                       \
    {                                                                       \
        (void)state;                                                        \
        unsetenv("TCRM_NOW");                                               \
        return fixture_close();                                             \
    }

/* Run SQL that must succeed. */
static inline void sql(const char *s)
{
    assert_int_equal(sqlite3_exec(db->sql, s, NULL, NULL, NULL), SQLITE_OK);
}

/* The first column of the first row of q, copied (NULL when none). */
static inline char *text(const char *q)
{
    sqlite3_stmt *st;
    char *r = NULL;
    assert_int_equal(sqlite3_prepare_v2(db->sql, q, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        r = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return r;
}

#endif
