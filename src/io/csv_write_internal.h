/*
 * csv_write_internal.h: the CSV record writer of export.c and of the
 * import's reject file. Only src/io (and its unit tests) include this.
 *
 * RFC 4180: a cell is quoted when it holds a double quote, comma,
 * semicolon, TAB, CR or LF or starts or ends with a space; quotes are
 * doubled; CRLF ends each record. Unless raw, a cell that starts with
 * = + - @ TAB or CR (or apostrophes followed by one of them) gets one
 * more apostrophe in front, inside quotes (tcrm_csv_needs_neutralize).
 *
 * Records are built in one buffer that goes out with one fwrite per
 * TCRM_CSV_OUT_FLUSH bytes, or with an encoding one record at a time
 * through iconv (so that an error names the record). Nothing is written
 * for sure until tcrm_csv_out_flush.
 */
#ifndef TCRM_CSV_WRITE_INTERNAL_H
#define TCRM_CSV_WRITE_INTERNAL_H

#include <iconv.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tcrm/error.h"

#define TCRM_CSV_OUT_FLUSH (256 * 1024)

struct tcrm_csv_out {
    FILE *f;
    int raw;                 /* 1: cells exactly as given */
    int visible;             /* 1: control characters as visible symbols
                                (the output is a terminal) */
    int64_t rows;            /* data records so far (the caller counts) */
    /* private */
    iconv_t cd;              /* (iconv_t)-1: UTF-8 as it is */
    const char *enc;
    char *buf;               /* records not written yet */
    size_t len, cap;
    char *conv;
    size_t conv_cap;
};

void tcrm_csv_out_init(struct tcrm_csv_out *o, FILE *f, int raw);
/* Write in encoding enc (NULL, UTF-8: as it is): 0, or TCRM_EINVAL
 * "--encoding: unknown encoding 'X'". */
int tcrm_csv_out_encoding(struct tcrm_csv_out *o, const char *enc,
                          struct tcrm_error *err);
/* Start with the UTF-8 byte order mark (not when writing in another
 * encoding). */
int tcrm_csv_out_bom(struct tcrm_csv_out *o, struct tcrm_error *err);
/* Append one cell of n bytes (up to a NUL, if s has one), after a comma
 * unless first: 0 or TCRM_ENOMEM (err not filled). */
int tcrm_csv_out_cell(struct tcrm_csv_out *o, const char *s, size_t n,
                      int first);
/* End the record. */
int tcrm_csv_out_end(struct tcrm_csv_out *o, struct tcrm_error *err);
/* One record of n C strings (NULL is empty): vals[sel[i]], or vals[i]
 * when sel is NULL. */
int tcrm_csv_out_strings(struct tcrm_csv_out *o, const char *const *vals,
                         const size_t *sel, size_t n, struct tcrm_error *err);
/* Write what is buffered. */
int tcrm_csv_out_flush(struct tcrm_csv_out *o, struct tcrm_error *err);
/* Drops what is not flushed. */
void tcrm_csv_out_free(struct tcrm_csv_out *o);

#endif
