/*
 * import_run.h: what every import of a CSV file shares (src/io only):
 * the header row, the rejects (summary messages and the reject file), and
 * the batched transactions (import_run.c). The contact import (import.c)
 * and the product import (import_product.c) are each a row function
 * around these.
 */
#ifndef TCRM_IMPORT_RUN_H
#define TCRM_IMPORT_RUN_H

#include <stdio.h>

#include "tcrm/csvio.h"

struct tcrm_import_ctx {
    struct tcrm_db *db;
    const struct tcrm_import_opts *o;
    struct tcrm_import_summary *sum;
    FILE *reject;                /* the reject file, or NULL */
    int64_t batch;
    const char *kind;            /* of the batch: NULL contacts, or
                                    "products" (import_batch.h) */
    int64_t tx_started;          /* ms when the open transaction began */
    int listening;               /* tcrm_db_hand_listen: commit on a hand */
    /* Hooks, each may be NULL but rows: after each BEGIN (and heartbeat),
     * before each COMMIT, every row of the file (the whole loop; it calls
     * tcrm_import_tick after each row), after the last COMMIT or
     * ROLLBACK. */
    int (*on_begin)(void *ud, struct tcrm_error *err);
    int (*on_commit)(void *ud, struct tcrm_error *err);
    int (*rows)(void *ud, struct tcrm_error *err);
    void (*on_end)(void *ud);
    void *ud;
};

/* Open o->path as CSV (with o's limits) and read its header row into
 * head: "FILE: empty file" when there is none. */
int tcrm_import_open_csv(const struct tcrm_import_opts *o,
                         struct tcrm_csv_reader **r, struct tcrm_csv_row *head,
                         struct tcrm_error *err);
/* Count a rejected row and keep "file:line: why" in the summary. */
int tcrm_import_note_reject(struct tcrm_import_ctx *c, long line,
                            const char *why, struct tcrm_error *err);
/* The same, and the row with why as an extra cell into the reject file. */
int tcrm_import_reject_csv(struct tcrm_import_ctx *c,
                           const struct tcrm_csv_row *row, const char *why,
                           struct tcrm_error *err);
/* Open o->reject_path (if any); with map, write its header row and
 * "import error". */
int tcrm_import_open_reject(struct tcrm_import_ctx *c,
                            const struct tcrm_csv_map *map,
                            struct tcrm_error *err);
/* After each row: commit when another writer waits (db_hand.c) or the
 * transaction is TCRM_IMPORT_COMMIT_MAX_MS old (TCRM_IMPORT_COMMIT_MS
 * when nobody can be heard) and begin the next; every 1000 rows, the progress callback. */
int tcrm_import_tick(struct tcrm_import_ctx *c, uint64_t done,
                     uint64_t total, struct tcrm_error *err);
/* After the last row: "FILE: no rows after the header" when there was
 * none; else the batch's counts and 'done' (not on a dry run). */
int tcrm_import_finish(struct tcrm_import_ctx *c, struct tcrm_error *err);
/* Start the batch, run c->rows in batched transactions, commit, or take
 * everything back on a failure and on a dry run. */
int tcrm_import_batched(struct tcrm_import_ctx *c, struct tcrm_error *err);

#endif
