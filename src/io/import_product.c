/*
 * import_product.c: a CSV file of products into the catalogue (csvio.h,
 * "products"; `tcrm import --products FILE`).
 *
 * The contact import's pieces (import_run.h: reader, rejects, batched
 * transactions, rollback; mapping.c: the map and --map) around one row
 * function:
 *
 *   map (product_map.c) -> currency default -> tcrm_product_validate
 *     -> tcrm_product_dup (code, or name and spec; this file's earlier
 *        rows included: they are in the database already)
 *     -> tcrm_product_insert | skip | tcrm_product_update over it
 *     -> tcrm_import_batch_product records it for undo (import_product.c
 *        of core keeps an updated product's old values).
 *
 * Rows are checked before any write (a failing write poisons the
 * transaction), so a rejected row changes nothing; an error from a write
 * ends the import and takes back the whole file. A file whose every row
 * is rejected is imported as a contacts file is: nothing added, each
 * rejected row reported as "FILE:LINE: reason", a batch of kind
 * "products" listed (`tcrm import list`) with its counts.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_run.h"
#include "mapping_internal.h"
#include "product_import.h"
#include "tcrm/import_batch.h"

struct pimport {
    struct tcrm_import_ctx run;
    struct tcrm_csv_reader *r;
    struct tcrm_csv_map map;
    struct tcrm_product p, old;
    unsigned have;
    int currency_default;       /* the row gave none: o->currency */
};

int tcrm_product_import_map(const struct tcrm_import_opts *o,
                            struct tcrm_csv_map *map, struct tcrm_error *err)
{
    struct tcrm_csv_reader *r = NULL;
    struct tcrm_csv_row head;
    int rc = tcrm_import_open_csv(o, &r, &head, err);
    if (!rc)
        rc = tcrm_product_map_guess(head.fields, head.n, map, err);
    tcrm_csv_close(r);
    if (!rc && o->map_spec)
        rc = tcrm_map_spec_with(map, o->map_spec, tcrm_product_field_parse,
                                err);
    if (!rc && (rc = tcrm_product_map_check(map, err)))
        tcrm_error_prefix(err, "%s", o->path);
    return rc;
}

/* Over old, the row's mapped columns (currency only when given). */
static int overlay(struct pimport *im, struct tcrm_error *err)
{
    struct tcrm_product *p = &im->p, *o = &im->old;
    struct { int f; char **dst, *src; } t[] = {
        { TCRM_PF_CODE, &p->code, o->code }, { TCRM_PF_NAME, &p->name, o->name },
        { TCRM_PF_SPEC, &p->spec, o->spec }, { TCRM_PF_UNIT, &p->unit, o->unit },
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (!(im->have & (1u << t[i].f)) && tcrm_str_set(t[i].dst, t[i].src))
            return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (im->currency_default && tcrm_str_set(&p->currency, o->currency))
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (!(im->have & (1u << TCRM_PF_TAX)))
        p->tax_rate = o->tax_rate;
    p->id = o->id;
    p->version = o->version;
    return tcrm_product_validate(p, err);
}

/* Write the row over product id (its duplicate). */
static int update_row(struct pimport *im, int64_t id, struct tcrm_error *err)
{
    struct tcrm_db *db = im->run.db;
    tcrm_product_clear(&im->old);
    int rc = tcrm_product_get(db, id, &im->old, err);
    if (!rc)
        rc = overlay(im, err);
    if (rc)
        return rc;
    rc = tcrm_product_update(db, &im->p, err);
    if (rc == 1) {
        im->run.sum->skipped++;
        return 0;
    }
    if (!rc)
        rc = tcrm_import_batch_product(db, im->run.batch, &im->old, id,
                                       im->p.version, err);
    if (!rc)
        im->run.sum->merged++;
    return rc;
}

/* Map and check one row: 0, or 1 with the reason in why. */
static int prepare(struct pimport *im, const struct tcrm_csv_row *row,
                   int64_t *dup, struct tcrm_error *why,
                   struct tcrm_error *err)
{
    struct tcrm_product *p = &im->p;
    int rc = tcrm_product_map_row(&im->map, row, p, &im->have, why);
    im->currency_default = tcrm_str_empty(p->currency);
    if (!rc && im->currency_default && im->run.o->currency &&
        tcrm_str_set(&p->currency, im->run.o->currency))
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (!rc)
        rc = tcrm_product_validate(p, why);
    if (rc)
        return why->code == TCRM_ENOMEM ? (*err = *why, -1) : 1;
    rc = tcrm_product_dup(im->run.db, p, dup, why);
    if (rc == TCRM_EDUP)
        return 1;
    if (rc)
        *err = *why;
    return rc ? -1 : 0;
}

static int import_row(struct pimport *im, const struct tcrm_csv_row *row,
                      struct tcrm_error *err)
{
    struct tcrm_error why;
    int64_t dup = 0;
    tcrm_error_clear(&why);
    int rc = prepare(im, row, &dup, &why, err);
    if (rc == 1)
        return tcrm_import_reject_csv(&im->run, row, why.msg, err);
    if (rc == 0 && !dup) {
        rc = tcrm_product_insert(im->run.db, &im->p, err);
        if (!rc)
            rc = tcrm_import_batch_product(im->run.db, im->run.batch, NULL,
                                           im->p.id, im->p.version, err);
        if (!rc)
            im->run.sum->added++;
    } else if (rc == 0 && im->run.o->on_duplicate == TCRM_DUP_UPDATE) {
        rc = update_row(im, dup, err);
    } else if (rc == 0) {
        im->run.sum->skipped++;
    }
    if (rc)
        tcrm_error_prefix(err, "%s:%ld", im->run.o->path, row->line);
    return rc;
}

static int run_rows(void *ud, struct tcrm_error *err)
{
    struct pimport *im = ud;
    struct tcrm_csv_row row;
    int rc;
    while ((rc = tcrm_csv_next(im->r, &row, err)) > 0) {
        uint64_t done, total;
        im->run.sum->rows++;
        tcrm_csv_progress(im->r, &done, &total);
        rc = import_row(im, &row, err);
        if (!rc)
            rc = tcrm_import_tick(&im->run, done, total, err);
        if (rc)
            return rc;
    }
    if (rc < 0)
        return rc;
    return tcrm_import_finish(&im->run, err);
}

static int open_file(struct pimport *im, struct tcrm_error *err)
{
    const struct tcrm_import_opts *o = im->run.o;
    struct tcrm_csv_row head;
    int rc = tcrm_product_import_map(o, &im->map, err);
    if (!rc)
        rc = tcrm_import_open_csv(o, &im->r, &head, err);
    if (rc)
        return rc;
    struct tcrm_import_summary *s = im->run.sum;
    snprintf(s->encoding, sizeof s->encoding, "%s", tcrm_csv_encoding(im->r));
    s->encoding_guessed = tcrm_csv_encoding_guessed(im->r);
    s->delimiter = tcrm_csv_delimiter(im->r);
    return tcrm_import_open_reject(&im->run, &im->map, err);
}

int tcrm_product_import_run(struct tcrm_db *db,
                            const struct tcrm_import_opts *o,
                            struct tcrm_import_summary *sum,
                            struct tcrm_error *err)
{
    struct pimport im;
    memset(&im, 0, sizeof im);
    memset(sum, 0, sizeof *sum);
    im.run = (struct tcrm_import_ctx){ .db = db, .o = o, .sum = sum,
                                       .rows = run_rows, .ud = &im,
                                       .kind = "products" };
    sum->messages = calloc(TCRM_IMPORT_MAX_MESSAGES, sizeof *sum->messages);
    int rc = sum->messages ? open_file(&im, err)
           : tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (!rc)
        rc = tcrm_import_batched(&im.run, err);
    if (im.run.reject && fclose(im.run.reject) != 0 && !rc)
        rc = tcrm_error_set(err, TCRM_EIO, "%s: %s", o->reject_path,
                            strerror(errno));
    if (rc)
        sum->batch_id = 0;
    tcrm_csv_close(im.r);
    tcrm_csv_map_free(&im.map);
    tcrm_product_clear(&im.p);
    tcrm_product_clear(&im.old);
    return rc;
}
