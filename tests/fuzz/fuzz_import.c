/*
 * fuzz_import.c: the whole import (csvio.h, tcrm_import_run) into a
 * temporary database made once per process: reading, mapping, validation,
 * the duplicate check against the stored contacts and the rows before,
 * merging and the search index, all inside the import's transaction. The
 * first byte picks the duplicate policy and the encoding; the rest is the
 * file. Runs are dry (everything rolled back), so every input meets the
 * same database; one input in 16 is stored for real and undone again, so
 * the batch and its undo are fuzzed too.
 */
#include "fuzz_db.h"
#include "tcrm/csvio.h"
#include "tcrm/import_batch.h"

FUZZ_DEMO_DB

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const char *const tags[] = {"fuzz"};
    struct tcrm_import_opts o;
    memset(&o, 0, sizeof o);
    o.path = fuzz_file("in.csv", data + 1, size - 1);
    o.on_duplicate = (enum tcrm_dup_policy)(data[0] % 3);
    o.encoding = (data[0] & 0x10) ? "auto" : NULL;
    o.drop_unmapped = (data[0] & 0x20) != 0;
    o.dry_run = (data[0] & 0xC0) != 0xC0 || (data[0] & 0x0F) < 12;
    o.tags = tags;
    o.n_tags = (data[0] & 0x08) ? 1 : 0;
    struct tcrm_import_summary s;
    struct tcrm_error err;
    if (tcrm_import_run(db, &o, &s, &err) == 0) {
        FUZZ_ASSERT(s.rows == s.added + s.merged + s.skipped + s.rejected);
        if (s.batch_id) {
            int64_t removed, restored;
            int rc = tcrm_import_batch_undo(db, s.batch_id, &removed,
                                            &restored, &err);
            FUZZ_ASSERT(rc == 0);
        }
    } else {
        FUZZ_ASSERT(err.msg[0]);
    }
    tcrm_import_summary_free(&s);
    return 0;
}
