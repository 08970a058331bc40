/*
 * import_internal.h: what import_batch.c (undo) and import_recover.c
 * (rollback of an import that did not finish) share. Core only.
 */
#ifndef TCRM_IMPORT_INTERNAL_H
#define TCRM_IMPORT_INTERNAL_H

#include <stdint.h>

#include "db_internal.h"

/* Run a statement whose one parameter ?1 is id (DELETE ... WHERE x = ?1). */
int tcrm_import_exec_id(struct tcrm_db *db, const char *sql, int64_t id,
                        struct tcrm_error *err);

/* Delete contact id for good, with its tags, search entries and
 * channels. */
int tcrm_import_delete_contact(struct tcrm_db *db, int64_t id,
                               struct tcrm_error *err);

/* Delete company id when nothing refers to it (no contact, even in the
 * trash, no deal, interaction or follow-up) and its version is expected
 * (any version when expected < 0); otherwise keep it. */
int tcrm_import_delete_company(struct tcrm_db *db, int64_t id,
                               int64_t expected, struct tcrm_error *err);

/* Bind this process's pid and host name to parameters at and at + 1
 * (import_batches.pid and .host). */
void tcrm_import_bind_process(sqlite3_stmt *st, int at);

/* Products (import_product.c): take back one change of a failed import
 * (an added product is deleted unless a quote or order uses it; an
 * updated one gets before, the JSON of its old values, back), and undo
 * one product of a done batch (TCRM_ECONFLICT when it was changed since,
 * trashed, or, added, used). */
int tcrm_import_product_take_back(struct tcrm_db *db, int64_t id, int merge,
                                  const char *before, struct tcrm_error *err);
int tcrm_import_product_undo(struct tcrm_db *db, int64_t batch, int64_t id,
                             int64_t expected, int added, const char *before,
                             struct tcrm_error *err);

#endif
