/*
 * import_run.c: the parts every CSV import shares (import_run.h): the
 * header row, rejects, and the short transactions of a batch.
 *
 * All or nothing, but not one long lock: the rows commit under the
 * import's batch (import_batch.h) as soon as another writer waits (it
 * raises its hand: db_hand.c), at the latest every
 * TCRM_IMPORT_COMMIT_MAX_MS (every TCRM_IMPORT_COMMIT_MS when nobody can
 * be heard), each
 * transaction starting with the batch's heartbeat; a failure, and a dry
 * run, takes back what was committed (tcrm_import_batch_rollback).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "import_run.h"
#include "tcrm/import_batch.h"
#include "tcrm/strbuf.h"

int tcrm_import_open_csv(const struct tcrm_import_opts *o,
                         struct tcrm_csv_reader **r, struct tcrm_csv_row *head,
                         struct tcrm_error *err)
{
    int rc = tcrm_csv_open(o->path, o->encoding, o->delimiter, r, err);
    if (rc)
        return rc;
    tcrm_csv_set_limits(*r, o->max_field, o->max_row);
    rc = tcrm_csv_next(*r, head, err);
    if (rc == 0)
        return tcrm_error_set(err, TCRM_EINVAL, "%s: empty file", o->path);
    return rc < 0 ? rc : 0;
}

int tcrm_import_note_reject(struct tcrm_import_ctx *c, long line,
                            const char *why, struct tcrm_error *err)
{
    struct tcrm_import_summary *s = c->sum;
    s->rejected++;
    if (s->n_messages >= TCRM_IMPORT_MAX_MESSAGES) {
        s->more_messages++;
        return 0;
    }
    struct tcrm_strbuf m;
    tcrm_strbuf_init(&m);
    if (tcrm_strbuf_appendf(&m, "%s:%ld: %s", c->o->path, line, why))
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    s->messages[s->n_messages++] = tcrm_strbuf_steal(&m);
    return 0;
}

int tcrm_import_reject_csv(struct tcrm_import_ctx *c,
                           const struct tcrm_csv_row *row, const char *why,
                           struct tcrm_error *err)
{
    int rc = tcrm_import_note_reject(c, row->line, why, err);
    if (rc || !c->reject)
        return rc;
    const char *f[TCRM_CSV_MAX_FIELDS + 1];
    memcpy(f, row->fields, row->n * sizeof *f);
    f[row->n] = why;
    return tcrm_csv_write_row(c->reject, f, row->n + 1, 1, err);
}

int tcrm_import_open_reject(struct tcrm_import_ctx *c,
                            const struct tcrm_csv_map *map,
                            struct tcrm_error *err)
{
    if (!c->o->reject_path)
        return 0;
    c->reject = fopen(c->o->reject_path, "w");
    if (!c->reject)
        return tcrm_error_set(err, TCRM_EIO, "%s: %s", c->o->reject_path,
                              strerror(errno));
    if (!map)
        return 0;
    const char *f[TCRM_CSV_MAX_FIELDS + 1];
    for (size_t i = 0; i < map->n; i++)
        f[i] = map->headers[i];
    f[map->n] = "import error";
    return tcrm_csv_write_row(c->reject, f, map->n + 1, 1, err);
}

/* Milliseconds on a clock that only goes forward. */
static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Start one transaction of rows: the heartbeat says the batch is still
 * ours and how far it got. */
static int begin_rows(struct tcrm_import_ctx *c, struct tcrm_error *err)
{
    int rc = tcrm_db_begin_many(c->db, err);
    if (rc)
        return rc;
    const struct tcrm_import_summary *s = c->sum;
    int64_t counts[4] = { s->added, s->merged, s->skipped, s->rejected };
    rc = tcrm_import_batch_heartbeat(c->db, c->batch, counts, err);
    if (!rc && c->on_begin)
        rc = c->on_begin(c->ud, err);
    c->tx_started = now_ms();
    return rc;
}

int tcrm_import_tick(struct tcrm_import_ctx *c, uint64_t done,
                     uint64_t total, struct tcrm_error *err)
{
    const struct tcrm_import_opts *o = c->o;
    if (o->progress && c->sum->rows % 1000 == 0)
        o->progress(o->progress_ud, (uint64_t)c->sum->rows, done, total);
    /* Listening (db_hand.c): commit when someone waits, else after
     * TCRM_IMPORT_COMMIT_MAX_MS; deaf: every TCRM_IMPORT_COMMIT_MS. */
    int64_t held = now_ms() - c->tx_started;
    if (c->listening ? held < TCRM_IMPORT_COMMIT_MAX_MS &&
                       !tcrm_db_hand_raised(c->db)
                     : held < TCRM_IMPORT_COMMIT_MS)
        return 0;
    int rc = c->on_commit ? c->on_commit(c->ud, err) : 0;
    if (!rc)
        rc = tcrm_db_commit(c->db, err);
    if (rc)
        return rc;
    c->sum->commits++;
    /* Leave a gap: a writer waiting for the lock tries every few
     * milliseconds (db.c's busy handler) and gets in here. */
    struct timespec gap = { 0, TCRM_IMPORT_GAP_MS * 1000000L };
    nanosleep(&gap, NULL);
    return begin_rows(c, err);
}

int tcrm_import_finish(struct tcrm_import_ctx *c, struct tcrm_error *err)
{
    struct tcrm_import_summary *s = c->sum;
    if (s->rows == 0)
        return tcrm_error_set(err, TCRM_EINVAL, "%s: no rows after the header",
                              c->o->path);
    if (c->o->dry_run)
        return 0;
    return tcrm_import_batch_finish(c->db, c->batch, s->added, s->merged,
                                    s->skipped, s->rejected, err);
}

int tcrm_import_batched(struct tcrm_import_ctx *c, struct tcrm_error *err)
{
    int rc = tcrm_import_batch_start_kind(c->db, c->o->path,
                                          c->kind ? c->kind : "contacts",
                                          &c->batch, err);
    if (rc)
        return rc;
    c->listening = tcrm_db_hand_listen(c->db);
    rc = begin_rows(c, err);
    if (!rc)
        rc = c->rows(c->ud, err);
    if (!rc && !c->o->dry_run) {
        rc = tcrm_db_commit(c->db, err);
        if (!rc)
            c->sum->commits++;
    } else {
        tcrm_db_rollback(c->db);
    }
    tcrm_db_hand_stop(c->db);
    if (c->on_end)
        c->on_end(c->ud);
    if (!rc && !c->o->dry_run) {
        c->sum->batch_id = c->batch;
        return 0;
    }
    /* Taking back can fail too (a full disk); then the batch stays
     * 'running' and the next tcrm to open the file finishes the job. The
     * error the user sees is the first one. */
    struct tcrm_error rb;
    int rb_rc = tcrm_import_batch_rollback(c->db, c->batch, &rb);
    if (!rc && rb_rc) {
        *err = rb;
        rc = rb_rc;
    }
    return rc;
}
