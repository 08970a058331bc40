/*
 * import.c: a CSV file of business cards into the database (csvio.h).
 *
 * Design. One pass, one transaction, constant memory: the reader hands
 * out one row at a time, one struct tcrm_contact is reused for every row,
 * and the writes go through bulk.h (the core's bulk-add path, cached
 * prepared statements). Per row:
 *
 *   map (map_row.c) -> add --tag tags -> tcrm_contact_validate
 *     -> tcrm_bulk_dup (dup.h's rules, first candidate only; sees the rows
 *        this import already added, since they are in the same
 *        transaction)
 *     -> skip | tcrm_bulk_merge into that candidate | tcrm_bulk_add
 *     -> import_batch.h records it for undo.
 *
 * The search index entries of added contacts are written a few megabytes
 * at a time, the last by tcrm_bulk_finish after the last row
 * (interleaving them with the row writes made SQLite's FTS5 write a tiny
 * index segment per contact). Added
 * contacts and companies get no audit row each: the import batch (its
 * import_changes rows and the batch's own audit row) is their record.
 *
 * A row that cannot be mapped or validated is rejected: counted, listed as
 * "file:line: reason" (the first TCRM_IMPORT_MAX_MESSAGES of them) and
 * copied to the reject CSV when asked. Rows are validated before any
 * write, because in core a failing write poisons the whole transaction;
 * so any error from a write (busy database, full disk) ends the import
 * and rolls everything back: all or nothing. A dry run does the same work
 * and rolls back at the end. Killing the process mid-way leaves only an
 * uncommitted transaction, which SQLite discards.
 *
 * Companies: when a row names a company that does not exist yet,
 * tcrm_bulk_add creates it and records it in the batch, so undo can
 * remove it again.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "import_run.h"
#include "mapping_internal.h"
#include "tcrm/access.h"
#include "tcrm/bulk.h"
#include "tcrm/campaign.h"
#include "tcrm/import_batch.h"
#include "tcrm/strbuf.h"
#include "vcard_internal.h"

struct import {
    struct tcrm_import_ctx run;     /* batches, rejects (import_run.h) */
    struct tcrm_db *db;
    const struct tcrm_import_opts *o;
    struct tcrm_csv_reader *r;
    struct tcrm_vcard_reader *vr;   /* instead of r for a vCard file */
    struct tcrm_csv_map map;
    struct tcrm_import_summary *sum;
    struct tcrm_bulk *bulk;
    struct tcrm_contact c;
    struct tcrm_strbuf before;
};

/* Reader, header row and the map: guess, then profile, then --map. A
 * vCard file gets its reader (vr) and no map. */
static int open_mapped(const struct tcrm_import_opts *o,
                       struct tcrm_csv_reader **r,
                       struct tcrm_vcard_reader **vr, struct tcrm_csv_map *map,
                       struct tcrm_error *err)
{
    if (tcrm_import_wants_vcard(o))
        return tcrm_import_vcard_open(o, vr, err);
    struct tcrm_csv_row head;
    int rc = tcrm_import_open_csv(o, r, &head, err);
    if (rc)
        return rc;
    rc = tcrm_csv_map_guess(head.fields, head.n, map, err);
    if (!rc && o->map) {
        if (o->map->n != head.n)
            return tcrm_error_set(err, TCRM_EINVAL, "%s: the mapping has %zu "
                                  "columns, the file %zu", o->path, o->map->n,
                                  head.n);
        memcpy(map->field, o->map->field, head.n * sizeof *map->field);
        memcpy(map->type_col, o->map->type_col, head.n * sizeof *map->type_col);
    }
    if (!rc && !o->map && o->profile)
        rc = tcrm_csv_map_profile(map, o->profile, err);
    if (!rc && !o->map && o->map_spec)
        rc = tcrm_csv_map_spec(map, o->map_spec, err);
    map->drop_unmapped = o->drop_unmapped || (o->map && o->map->drop_unmapped);
    if (!rc && (rc = tcrm_csv_map_check(map, err)))
        tcrm_error_prefix(err, "%s", o->path);
    return rc;
}

/* The next row (a card from vr), as tcrm_csv_next. */
static int next_row(struct tcrm_csv_reader *r, struct tcrm_vcard_reader *vr,
                    struct tcrm_csv_row *row, struct tcrm_error *err)
{
    return vr ? tcrm_import_vcard_next(vr, row) : tcrm_csv_next(r, row, err);
}

/* Map one row, add the tags, validate. 0 or the reason in err. */
static int prepare_row(const struct tcrm_import_opts *o,
                       const struct tcrm_csv_map *map,
                       struct tcrm_vcard_reader *vr,
                       const struct tcrm_csv_row *row, struct tcrm_contact *c,
                       struct tcrm_error *err)
{
    int rc = vr ? tcrm_vcard_contact(vr, c, err)
           : tcrm_csv_map_row(map, row, c, err);
    for (size_t i = 0; !rc && i < o->n_tags; i++)
        if (!tcrm_strlist_has(&c->tags, o->tags[i]))
            rc = tcrm_strlist_add(&c->tags, o->tags[i]) ?
                 tcrm_error_set(err, TCRM_ENOMEM, "out of memory") : 0;
    if (!rc)
        rc = tcrm_contact_validate(c, err);
    return rc;
}

static int reject_row(struct import *im, const struct tcrm_csv_row *row,
                      const char *why, struct tcrm_error *err)
{
    if (!im->vr)
        return tcrm_import_reject_csv(&im->run, row, why, err);
    int rc = tcrm_import_note_reject(&im->run, row->line, why, err);
    if (!rc && im->run.reject)
        rc = tcrm_import_vcard_reject(im->run.reject, row, why, err);
    return rc;
}

static int insert_row(struct import *im, struct tcrm_error *err)
{
    int rc = tcrm_bulk_add(im->bulk, &im->c, err);
    if (!rc)
        im->sum->added++;
    return rc;
}

static int merge_row(struct import *im, int64_t into, struct tcrm_error *err)
{
    int64_t version = 0;
    tcrm_strbuf_reset(&im->before);
    int rc = tcrm_bulk_merge(im->bulk, into, &im->c, &im->before, &version,
                             err);
    if (!rc)
        rc = tcrm_import_batch_merged(im->db, im->run.batch, into, im->before.buf,
                                      version, err);
    if (!rc)
        im->sum->merged++;
    return rc;
}

/* One data row; <0 only for errors that end the import. */
static int import_row(struct import *im, const struct tcrm_csv_row *row,
                      struct tcrm_error *err)
{
    struct tcrm_error why;
    tcrm_error_clear(&why);
    if (prepare_row(im->o, &im->map, im->vr, row, &im->c, &why)) {
        if (why.code == TCRM_ENOMEM)
            return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        return reject_row(im, row, why.msg, err);
    }
    int64_t dup = 0;
    int rc = im->o->on_duplicate == TCRM_DUP_NEW ? 0
           : tcrm_bulk_dup(im->bulk, &im->c, &dup, err);
    if (!rc) {
        if (!dup)
            rc = insert_row(im, err);
        else if (im->o->on_duplicate == TCRM_DUP_MERGE)
            rc = merge_row(im, dup, err);
        else
            im->sum->skipped++;
    }
    if (rc)
        tcrm_error_prefix(err, "%s:%ld", im->o->path, row->line);
    return rc;
}

/* After each BEGIN: the bulk writer (once) and the new rows' owner. */
static int on_begin(void *ud, struct tcrm_error *err)
{
    struct import *im = ud;
    if (im->bulk)
        return 0;
    int rc = tcrm_bulk_open(im->db, im->run.batch, &im->bulk, err);
    if (!rc && im->o->owner)
        rc = tcrm_bulk_set_owner(im->bulk, im->o->owner, err);
    return rc;
}

static int on_commit(void *ud, struct tcrm_error *err)
{
    struct import *im = ud;
    return tcrm_bulk_flush(im->bulk, err);
}

static void on_end(void *ud)
{
    struct import *im = ud;
    tcrm_bulk_close(im->bulk);
    im->bulk = NULL;
}

static int run_rows(void *ud, struct tcrm_error *err)
{
    struct import *im = ud;
    struct tcrm_csv_row row;
    int rc;
    while ((rc = next_row(im->r, im->vr, &row, err)) > 0) {
        im->sum->rows++;
        uint64_t done = 0, total = 0;
        if (im->vr)
            tcrm_vcard_progress(im->vr, &done, &total);
        else
            tcrm_csv_progress(im->r, &done, &total);
        rc = import_row(im, &row, err);
        if (!rc)
            rc = tcrm_import_tick(&im->run, done, total, err);
        if (rc)
            return rc;
    }
    if (rc < 0)
        return rc;
    if (im->sum->rows && (rc = tcrm_bulk_finish(im->bulk, err)))
        return rc;
    if (im->o->campaign_id && im->sum->rows &&
        (rc = tcrm_campaign_import(im->db, im->o->campaign_id, im->run.batch,
                                   &im->sum->campaign_added, err)))
        return rc;
    return tcrm_import_finish(&im->run, err);
}

int tcrm_import_run(struct tcrm_db *db, const struct tcrm_import_opts *o,
                    struct tcrm_import_summary *sum, struct tcrm_error *err)
{
    struct import im;
    memset(&im, 0, sizeof im);
    memset(sum, 0, sizeof *sum);
    im.db = db;
    im.o = o;
    im.sum = sum;
    im.run = (struct tcrm_import_ctx){ .db = db, .o = o, .sum = sum,
        .on_begin = on_begin, .on_commit = on_commit, .rows = run_rows,
        .on_end = on_end, .ud = &im };
    tcrm_contact_init(&im.c);
    tcrm_strbuf_init(&im.before);
    sum->messages = calloc(TCRM_IMPORT_MAX_MESSAGES, sizeof *sum->messages);
    int rc = sum->messages ? 0
           : tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (!rc && o->owner)        /* before a byte of the file is read */
        rc = tcrm_access_may_own(db, o->owner, err);
    if (!rc && o->campaign_id)
        rc = tcrm_campaign_require(db, o->campaign_id, err);
    if (!rc)
        rc = open_mapped(o, &im.r, &im.vr, &im.map, err);
    if (!rc && im.vr) {
        snprintf(sum->encoding, sizeof sum->encoding, "%s",
                 o->encoding ? o->encoding : "UTF-8");
        sum->vcard = 1;
        rc = tcrm_import_open_reject(&im.run, NULL, err);
    } else if (!rc) {
        snprintf(sum->encoding, sizeof sum->encoding, "%s",
                 tcrm_csv_encoding(im.r));
        sum->encoding_guessed = tcrm_csv_encoding_guessed(im.r);
        sum->delimiter = tcrm_csv_delimiter(im.r);
        rc = tcrm_import_open_reject(&im.run, &im.map, err);
    }
    if (!rc)
        rc = tcrm_import_batched(&im.run, err);
    if (im.run.reject && fclose(im.run.reject) != 0 && !rc)
        rc = tcrm_error_set(err, TCRM_EIO, "%s: %s", o->reject_path,
                            strerror(errno));
    if (rc)
        sum->batch_id = 0;
    if (im.vr)
        sum->binary_skipped = tcrm_vcard_binary_skipped(im.vr);
    tcrm_vcard_close(im.vr);
    tcrm_csv_close(im.r);
    tcrm_csv_map_free(&im.map);
    tcrm_contact_clear(&im.c);
    tcrm_strbuf_free(&im.before);
    return rc;
}

void tcrm_import_summary_free(struct tcrm_import_summary *s)
{
    if (!s)
        return;
    for (size_t i = 0; s->messages && i < s->n_messages; i++)
        free(s->messages[i]);
    free(s->messages);
    s->messages = NULL;
    s->n_messages = 0;
}

static int preview_rows(const struct tcrm_import_opts *o,
                        struct tcrm_csv_reader *r,
                        struct tcrm_vcard_reader *vr, size_t max,
                        struct tcrm_import_preview *p, struct tcrm_error *err)
{
    p->rows = calloc(max ? max : 1, sizeof *p->rows);
    p->error = calloc(max ? max : 1, sizeof *p->error);
    p->line = calloc(max ? max : 1, sizeof *p->line);
    if (!p->rows || !p->error || !p->line)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    struct tcrm_csv_row row;
    int rc = 0;
    while (p->n < max && (rc = next_row(r, vr, &row, err)) > 0) {
        struct tcrm_contact *c = &p->rows[p->n];
        tcrm_contact_init(c);
        p->line[p->n] = row.line;
        struct tcrm_error why;
        tcrm_error_clear(&why);
        if (prepare_row(o, &p->map, vr, &row, c, &why) &&
            !(p->error[p->n] = strdup(why.msg))) {
            p->n++;
            return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        }
        p->n++;
    }
    return rc < 0 ? rc : 0;
}

int tcrm_import_preview(const struct tcrm_import_opts *o, size_t max,
                        struct tcrm_import_preview *out,
                        struct tcrm_error *err)
{
    memset(out, 0, sizeof *out);
    struct tcrm_csv_reader *r = NULL;
    struct tcrm_vcard_reader *vr = NULL;
    int rc = open_mapped(o, &r, &vr, &out->map, err);
    if (vr) {
        snprintf(out->encoding, sizeof out->encoding, "%s",
                 o->encoding ? o->encoding : "UTF-8");
        out->vcard = 1;
    }
    if (r) {
        snprintf(out->encoding, sizeof out->encoding, "%s",
                 tcrm_csv_encoding(r));
        out->encoding_guessed = tcrm_csv_encoding_guessed(r);
        out->delimiter = tcrm_csv_delimiter(r);
    }
    if (!rc)
        rc = preview_rows(o, r, vr, max, out, err);
    tcrm_csv_close(r);
    tcrm_vcard_close(vr);
    if (rc)
        tcrm_import_preview_free(out);
    return rc;
}

void tcrm_import_preview_free(struct tcrm_import_preview *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++) {
        tcrm_contact_clear(&p->rows[i]);
        free(p->error[i]);
    }
    free(p->rows);
    free(p->error);
    free(p->line);
    tcrm_csv_map_free(&p->map);
    memset(p, 0, sizeof *p);
}
