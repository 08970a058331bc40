/*
 * bench_db.h: what the in-process benchmarks that open the database as
 * several people share (bench_money.c, bench_service.c): opening it as a
 * login, and one timed call of a benchmark as bench_rounds (bench_clock.h)
 * runs it. Each benchmark defines its own struct bench.
 */
#ifndef TCRM_BENCH_DB_H
#define TCRM_BENCH_DB_H

#include <stdio.h>

#include "tcrm/db.h"
#include "tcrm/error.h"

struct bench;

/* The existing database at path, opened as login (its user too); NULL
 * and a line on stderr, prog first, when it cannot be. */
static inline struct tcrm_db *bench_open_as(const char *prog,
                                            const char *path,
                                            const char *login)
{
    struct tcrm_error err = {0};
    struct tcrm_db_options dbo = {.path = path, .user = login,
                                  .busy_timeout_ms = 5000, .login = login};
    struct tcrm_db *db = NULL;
    if (tcrm_db_open_existing(&dbo, &db, &err) != 0) {
        fprintf(stderr, "%s: %s: %s\n", prog, login, err.msg);
        return NULL;
    }
    return db;
}

/* One timed call of a benchmark (i = -1: the warm-up): returns 0 or an
 * error code; *rows what it found. */
typedef int (*call_fn)(struct tcrm_db *db, struct bench *b, int i,
                       size_t *rows, struct tcrm_error *err);

/* A call_fn with its arguments, for bench_rounds: rows and err are what
 * the last call left. */
struct call {
    struct tcrm_db *db;
    struct bench *b;
    call_fn fn;
    size_t rows;
    struct tcrm_error err;
};

static inline int call_once(void *ctx, int i)
{
    struct call *c = ctx;
    c->rows = 0;
    return c->fn(c->db, c->b, i, &c->rows, &c->err);
}

#endif
