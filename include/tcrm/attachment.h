/*
 * attachment.h: files kept with a record, inside the database.
 *
 * An attachment belongs to one contact, company, deal, quote or ticket
 * (by the entity names of src/core/entity_kind.c; a kind this database
 * does not have yet, such as 'ticket' before tickets exist, is refused as
 * unknown) and is seen, attached and detached through that record under
 * the rule of access.h: whoever sees the record sees its attachments;
 * detaching needs the attachment to be the user's own (or someone's under
 * them) or the record to be one the user may change. A record in the
 * trash hides its attachments until it is restored.
 *
 * The bytes go in and out in chunks, never whole: add writes what a read
 * callback gives straight into the BLOB (sqlite3_blob_write), hashing it
 * on the way; tcrm_attachment_read hands the BLOB to a write callback
 * 64 KB at a time. So a 20 MB file is never copied whole in memory.
 *
 * Detaching deletes the row and the bytes for good; the audit trail keeps
 * the name, size and SHA-256 (data/migrations/014_attachments.sql says
 * why). Files are opened by src/io (attach_file.c), not here.
 */
#ifndef TCRM_ATTACHMENT_H
#define TCRM_ATTACHMENT_H

#include <stddef.h>
#include <stdint.h>

#include "tcrm/db.h"
#include "tcrm/error.h"
#include "tcrm/sha256.h"

struct tcrm_attachment {
    int64_t id;
    char *entity;            /* "contact", "deal", ... */
    int64_t entity_id;
    char *name;              /* the file's base name */
    char *media_type;        /* "application/pdf" */
    int64_t size;            /* bytes */
    char sha256[TCRM_SHA256_HEX];
    char *owner;             /* login that attached it */
    char *created_at, *created_by;
};
void tcrm_attachment_clear(struct tcrm_attachment *a);
void tcrm_attachment_array_free(struct tcrm_attachment *a, size_t n);

/* "contact, company, deal, ticket, quote": the kinds attachments go on,
 * for usage lines and messages (some may not exist in a given database). */
const char *tcrm_attachment_kinds(void);

/* A size as people read it, translated: "12 B", "4 KB", "20.0 MB"
 * (1024-based, rounded up below a megabyte). */
void tcrm_attachment_size_words(int64_t n, char *out, size_t sz);

/* Fill buf with up to cap bytes; *got 0 at the end. 0 or an error code
 * with err filled (the source names itself). */
typedef int (*tcrm_attach_read_fn)(void *ud, void *buf, size_t cap,
                                   size_t *got, struct tcrm_error *err);
/* Take n bytes; 0 or an error code with err filled. */
typedef int (*tcrm_attach_write_fn)(void *ud, const void *buf, size_t n,
                                    struct tcrm_error *err);

struct tcrm_attachment_in {
    const char *entity;      /* a kind of tcrm_attachment_kinds() */
    int64_t entity_id;
    const char *name;        /* base name: not empty, no '/' */
    int64_t size;            /* exactly what read will give */
    int64_t max_size;        /* the limit in bytes ([attachments] max_mb) */
    int max_mb;              /* the same in MB, for the message */
    tcrm_attach_read_fn read;
    void *ud;
};

/* Attach: one transaction; *id the new attachment. Errors: TCRM_EINVAL
 * "deal: attachments go on contact, company, ..." (field "entity"), a
 * kind this database lacks, "NAME: 21 MB is over the limit of 20 MB"
 * (field "size"); TCRM_ENOTFOUND "deal 9: not found" (also when not
 * seen); TCRM_EIO from read, or when it gives more or less than size.
 * Nothing is left behind on any error. */
int tcrm_attachment_add(struct tcrm_db *db, const struct tcrm_attachment_in *in,
                        int64_t *id, struct tcrm_error *err);

/* A record's attachments, oldest first (no bytes). The record must be
 * seen (TCRM_ENOTFOUND otherwise). */
int tcrm_attachment_list(struct tcrm_db *db, const char *entity,
                         int64_t entity_id, struct tcrm_attachment **out,
                         size_t *n, struct tcrm_error *err);
/* One attachment's metadata; TCRM_ENOTFOUND "attachment 7: not found"
 * when missing or its record is not seen. */
int tcrm_attachment_get(struct tcrm_db *db, int64_t id,
                        struct tcrm_attachment *out, struct tcrm_error *err);
/* The bytes of attachment id, in chunks of at most 64 KB, to write. */
int tcrm_attachment_read(struct tcrm_db *db, int64_t id,
                         tcrm_attach_write_fn write, void *ud,
                         struct tcrm_error *err);
/* Detach (delete for good); TCRM_EPERM when the user may not. */
int tcrm_attachment_delete(struct tcrm_db *db, int64_t id,
                           struct tcrm_error *err);

#endif
