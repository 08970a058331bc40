/*
 * bulk.h: adding many contacts in one import batch, fast (src/core/bulk.c).
 *
 * The import uses this instead of tcrm_contact_insert row by row. The
 * rules are the same (validated contact in, normalized keys, channels,
 * tags, company found or created, import_batch.h records for undo); what
 * differs is how the work is done:
 *   - the duplicate check returns only the first candidate's id (the one
 *     tcrm_dup_find lists first), without describing candidates: it is
 *     dup.h's tcrm_dup_first, with the company looked up once per row;
 *   - one row per contact is written to each table with plain INSERTs
 *     (the contact's import_batch is set in the INSERT itself);
 *   - no per-contact audit row: the import batch (import_batches and its
 *     import_changes rows, plus the batch's own audit row written by
 *     tcrm_import_batch_finish) is the audit trail of an import;
 *   - the search index entries of the added contacts are built from the
 *     records in memory and written in batches of a few megabytes of
 *     text, the last by tcrm_bulk_finish. SQLite's FTS5 flushes its
 *     in-memory pending terms whenever a statement opens a statement
 *     savepoint; interleaving index writes with ordinary writes made a
 *     tiny index segment per contact, which was most of the import time.
 *     Until tcrm_bulk_finish has run, the contacts added may not be found
 *     by search (the duplicate check does not use the search index);
 *   - a larger page cache while the batch is open (restored on close),
 *     and FTS5 merging index segments 16 at a time instead of 4 until
 *     tcrm_bulk_finish (which sets it back).
 * Everything happens inside the caller's transactions (tcrm_db_begin first;
 * tcrm_bulk_open refuses otherwise); the caller may commit and begin again
 * after tcrm_bulk_flush. Memory does not grow with the rows.
 */
#ifndef TCRM_BULK_H
#define TCRM_BULK_H

#include <stdint.h>

#include "tcrm/contact.h"
#include "tcrm/strbuf.h"

struct tcrm_bulk;

/* Start adding to import batch `batch` (import_batch.h). TCRM_EINVAL
 * "bulk add: not inside a transaction" outside one. */
int tcrm_bulk_open(struct tcrm_db *db, int64_t batch, struct tcrm_bulk **out,
                   struct tcrm_error *err);

/* The owner of every contact and company the batch adds (an import's
 * --owner), checked by tcrm_access_may_own; without it the acting user
 * owns them. Merges keep their contact's owner. */
int tcrm_bulk_set_owner(struct tcrm_bulk *b, const char *login,
                        struct tcrm_error *err);

/* The first duplicate candidate of c by dup.h's rules (e-mails, then
 * phones, then name + company), *id = 0 when none. */
int tcrm_bulk_dup(struct tcrm_bulk *b, const struct tcrm_contact *c,
                  int64_t *id, struct tcrm_error *err);

/* Add a validated contact: its company (c->company_id, else found by
 * name, else created and recorded in the batch), the contact row, its
 * channels and tags, and the batch record. Fills c->id, c->version (1),
 * c->company_id, c->import_batch. */
int tcrm_bulk_add(struct tcrm_bulk *b, struct tcrm_contact *c,
                  struct tcrm_error *err);

/* tcrm_contact_merge of c into contact `into` (which this batch may have
 * added), keeping the batch's caches and index texts right. */
int tcrm_bulk_merge(struct tcrm_bulk *b, int64_t into,
                    const struct tcrm_contact *c, struct tcrm_strbuf *before,
                    int64_t *version_after, struct tcrm_error *err);

/* Contacts and companies added so far. */
int64_t tcrm_bulk_added(const struct tcrm_bulk *b);
int64_t tcrm_bulk_companies_added(const struct tcrm_bulk *b);

/* Before the caller commits and starts a new transaction (an import
 * commits every few hundred milliseconds): write the search index
 * entries still waiting and forget the caches, since other writers may
 * change tags and companies between two transactions. */
int tcrm_bulk_flush(struct tcrm_bulk *b, struct tcrm_error *err);

/* Write the search index entries still waiting (search.h) and set the
 * index's merge setting back. */
int tcrm_bulk_finish(struct tcrm_bulk *b, struct tcrm_error *err);

/* Restore the page cache and free b (NULL is fine). Does not end the
 * transaction. */
void tcrm_bulk_close(struct tcrm_bulk *b);

#endif
