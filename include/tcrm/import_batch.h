/*
 * import_batch.h: the core side of imports (src/core/import_batch.c):
 * recording what an import did, listing imports, and undoing one.
 *
 * An import (src/io/import.c) commits as it goes, a few hundred
 * milliseconds of rows at a time, so that others can write between its
 * transactions:
 *   tcrm_import_batch_start     -> a row in import_batches (file, when,
 *                                  who), state 'running' with this
 *                                  process's pid and host; committed alone
 *   tcrm_import_batch_heartbeat -> at the start of every later
 *                                  transaction: the counts so far, and a
 *                                  check that nobody took the batch back
 *   tcrm_import_batch_added     -> per contact/company it inserted
 *   tcrm_import_batch_merged    -> per contact it merged into, with the
 *                                  tcrm_contact_merge "before" text
 *   tcrm_import_batch_finish    -> the counts, finished_at, state 'done',
 *                                  in the transaction of the last rows.
 * All or nothing still holds: a failed or cancelled import, and every dry
 * run, is taken back by tcrm_import_batch_rollback; one whose process died
 * is taken back by the next tcrm that opens the database
 * (tcrm_import_recover, import_recover.c). Others see its rows only while
 * it runs.
 *
 * Undo takes a whole batch back or nothing: every added contact is deleted
 * (with its channels, tags and search entries) and every merged contact is
 * unmerged (tcrm_contact_unmerge with the first "before" of the batch),
 * but only when each row still has the version the import left: a row
 * edited since (or deleted, or given interactions, follow-ups or deals)
 * refuses the undo: TCRM_ECONFLICT "import 3: contact 42 (Anna Silva) was
 * changed since the import; nothing undone". Companies the import created
 * are deleted when nothing refers to them any more. A product import
 * (`tcrm import --products`) is undone the same way, products it added
 * deleted and products it updated given their old values back
 * (import_product.c). An undone batch stays
 * listed with undone_at set; undoing it again gives TCRM_EINVAL "import 3
 * was already undone at 2026-11-20 10:12:03".
 */
#ifndef TCRM_IMPORT_BATCH_H
#define TCRM_IMPORT_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "tcrm/db.h"
#include "tcrm/product.h"

struct tcrm_import_batch {
    int64_t id;
    char *file, *started_at, *finished_at, *who, *undone_at;
    int64_t added, merged, skipped, rejected;
    char *kind;                  /* "contacts" or "products": stored keys,
                                    shown with tcrm_i18n_word("kind", k) */
};

/* Its own transaction (commit it at once, outside any other). A batch of
 * contacts; tcrm_import_batch_start_kind with kind "products" for a
 * product import (TCRM_EINVAL for any other kind). */
int tcrm_import_batch_start(struct tcrm_db *db, const char *file,
                            int64_t *batch, struct tcrm_error *err);
int tcrm_import_batch_start_kind(struct tcrm_db *db, const char *file,
                                 const char *kind, int64_t *batch,
                                 struct tcrm_error *err);
/* The other three must be inside a transaction.
 * entity "contact" or "company"; records the row's current version and
 * sets its import_batch column. */
int tcrm_import_batch_added(struct tcrm_db *db, int64_t batch,
                            const char *entity, int64_t id,
                            struct tcrm_error *err);
int tcrm_import_batch_merged(struct tcrm_db *db, int64_t batch, int64_t id,
                             const char *before, int64_t version_after,
                             struct tcrm_error *err);
/* A product import (import_product.c): product id added (old NULL) or
 * updated (old: its values before), version_after its version now. */
int tcrm_import_batch_product(struct tcrm_db *db, int64_t batch,
                              const struct tcrm_product *old, int64_t id,
                              int64_t version_after, struct tcrm_error *err);
int tcrm_import_batch_finish(struct tcrm_db *db, int64_t batch,
                             int64_t added, int64_t merged, int64_t skipped,
                             int64_t rejected, struct tcrm_error *err);

/* Inside a transaction: refresh the batch's heartbeat and counts (added,
 * merged, skipped, rejected). TCRM_ECONFLICT when the batch is no longer
 * this process's running import (another tcrm took it back while this one
 * was stopped). */
int tcrm_import_batch_heartbeat(struct tcrm_db *db, int64_t batch,
                                const int64_t counts[4],
                                struct tcrm_error *err);

/* Take back everything a batch that is not 'done' did, newest first, in
 * short transactions of its own (outside any transaction), then delete
 * its row. An interrupted rollback goes on where it stopped when run
 * again. Contacts someone started using meanwhile (interactions,
 * follow-ups, deals) are kept, unlinked from the batch. */
int tcrm_import_batch_rollback(struct tcrm_db *db, int64_t batch,
                               struct tcrm_error *err);

/* Roll back every running batch whose process is gone (this host, no such
 * pid) or has not committed for a quarter of an hour; *recovered counts
 * them. tcrm_db_open runs it on every writable open. */
int tcrm_import_recover(struct tcrm_db *db, int64_t *recovered,
                        struct tcrm_error *err);

/* Newest first. */
int tcrm_import_batch_list(struct tcrm_db *db, struct tcrm_import_batch **out,
                           size_t *n, struct tcrm_error *err);
void tcrm_import_batch_array_free(struct tcrm_import_batch *a, size_t n);

/* Its own transaction. *removed / *restored (may be NULL) count contacts
 * deleted and unmerged, or, for a product import, products deleted and
 * given their old values back. TCRM_ENOTFOUND "import 9: not found", TCRM_EINVAL
 * "import 9 is still running". */
int tcrm_import_batch_undo(struct tcrm_db *db, int64_t batch,
                           int64_t *removed, int64_t *restored,
                           struct tcrm_error *err);
/* *yes = 1 when batch imported products (tcrm import --products): its
 * kind, even when it changed nothing. */
int tcrm_import_batch_of_products(struct tcrm_db *db, int64_t batch,
                                  int *yes, struct tcrm_error *err);

/* For export: the most channels of each kind (enum tcrm_channel_kind) any
 * live contact has, so the export can give each its own column. */
int tcrm_import_channel_max(struct tcrm_db *db, size_t max[7],
                            struct tcrm_error *err);

#endif
