/*
 * fuzz_csv_read.c: the CSV reader (csvio.h, tcrm_csv_open/next) on any
 * bytes. The first byte picks the encoding (UTF-8, auto, GB18030, TSCII,
 * UTF-16LE: the growing iconv buffer) and the delimiter; the rest is the
 * file. Every row read must keep the reader's promises: at most 256
 * fields, each NUL-terminated at its length, lines that never go back.
 */
#include "fuzz.h"
#include "tcrm/csvio.h"

static const char *const encodings[] = {NULL, "auto", "GB18030", "TSCII",
                                        "UTF-16LE", "ISO-8859-1"};
static const char delimiters[] = {0, ',', ';', '\t'};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *enc = encodings[data[0] % 6];
    char delim = delimiters[(data[0] / 6) % 4];
    const char *path = fuzz_file("in.csv", data + 1, size - 1);
    struct tcrm_csv_reader *r;
    struct tcrm_error err;
    if (tcrm_csv_open(path, enc, delim, &r, &err) != 0) {
        FUZZ_ASSERT(err.code < 0 && err.msg[0]);
        return 0;
    }
    struct tcrm_csv_row row;
    long last = 0;
    int rc;
    while ((rc = tcrm_csv_next(r, &row, &err)) == 1) {
        FUZZ_ASSERT(row.n <= TCRM_CSV_MAX_FIELDS);
        FUZZ_ASSERT(row.line >= last);
        last = row.line;
        for (size_t i = 0; i < row.n; i++)
            FUZZ_ASSERT(row.fields[i][row.lens[i]] == '\0' &&
                        row.lens[i] <= TCRM_CSV_MAX_FIELD);
    }
    FUZZ_ASSERT(rc == 0 || (rc < 0 && err.msg[0]));
    uint64_t done, total;
    tcrm_csv_progress(r, &done, &total);
    FUZZ_ASSERT(done <= total);
    tcrm_csv_close(r);
    return 0;
}
