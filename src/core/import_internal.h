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

#endif
