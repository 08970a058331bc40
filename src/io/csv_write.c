/*
 * csv_write.c: the CSV record writer (csv_write_internal.h).
 *
 * Design. Cells are copied straight into one growing buffer: a cell's
 * bytes are scanned once against a table of the bytes that need quotes
 * (its length comes with it, no strlen), then copied with one memcpy
 * when plain, or byte by byte with quotes doubled. The buffer is written
 * with one fwrite when it passes TCRM_CSV_OUT_FLUSH bytes, so a million
 * records cost a few hundred writes and no allocation each. With iconv
 * each record is converted and written as it ends, so that a character
 * the encoding cannot hold names its record.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv_write_internal.h"
#include "mapping_internal.h"
#include "tcrm/text.h"

/* Bytes that end a cell's plain run: 1, the cell needs quotes (the bytes
 * of tcrm_csv_quote_byte, csvcell.h, as a table for this hot loop; a
 * unit test checks they agree); 2, NUL, where the cell ends (as the C
 * string it was stored as would). */
static const unsigned char cell_stop[256] = {
    ['"'] = 1, [','] = 1, [';'] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1,
    ['\0'] = 2,
};

void tcrm_csv_out_init(struct tcrm_csv_out *o, FILE *f, int raw)
{
    memset(o, 0, sizeof *o);
    o->f = f;
    o->raw = raw;
    o->cd = (iconv_t)-1;
}

/* Room for n more bytes: 0 or TCRM_ENOMEM. */
static int room(struct tcrm_csv_out *o, size_t n)
{
    if (o->len + n <= o->cap)
        return 0;
    size_t cap = o->cap ? o->cap : 4096;
    while (cap < o->len + n)
        cap *= 2;
    char *b = realloc(o->buf, cap);
    if (!b)
        return TCRM_ENOMEM;
    o->buf = b;
    o->cap = cap;
    return 0;
}

int tcrm_csv_out_encoding(struct tcrm_csv_out *o, const char *enc,
                          struct tcrm_error *err)
{
    if (!enc || !strcasecmp(enc, "UTF-8") || !strcasecmp(enc, "UTF8"))
        return 0;
    o->cd = iconv_open(enc, "UTF-8");
    if (o->cd == (iconv_t)-1)
        return tcrm_error_set(err, TCRM_EINVAL, "--encoding: unknown "
                              "encoding '%s'", enc);
    o->enc = enc;
    return 0;
}

int tcrm_csv_out_bom(struct tcrm_csv_out *o, struct tcrm_error *err)
{
    if (o->cd != (iconv_t)-1)
        return 0;
    if (room(o, 3))
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    memcpy(o->buf + o->len, "\xEF\xBB\xBF", 3);
    o->len += 3;
    return 0;
}

void tcrm_csv_out_free(struct tcrm_csv_out *o)
{
    if (o->cd != (iconv_t)-1)
        iconv_close(o->cd);
    free(o->buf);
    free(o->conv);
    o->cd = (iconv_t)-1;
    o->buf = o->conv = NULL;
    o->len = o->cap = o->conv_cap = 0;
}

static int cell_bytes(struct tcrm_csv_out *o, const char *s, size_t n,
                      int first);

/* A cell for a terminal: its control characters and escape sequences as
 * visible symbols (tcrm_text_sanitize), so stored bytes cannot drive it. */
static int cell_visible(struct tcrm_csv_out *o, const char *s, size_t n,
                        int first)
{
    char *copy = strndup(s, n), *v = copy ? tcrm_text_sanitize(copy) : NULL;
    int rc = v ? cell_bytes(o, v, strlen(v), first) : TCRM_ENOMEM;
    free(copy);
    free(v);
    return rc;
}

int tcrm_csv_out_cell(struct tcrm_csv_out *o, const char *s, size_t n,
                      int first)
{
    return o->visible ? cell_visible(o, s, n, first)
                      : cell_bytes(o, s, n, first);
}

static int cell_bytes(struct tcrm_csv_out *o, const char *s, size_t n,
                      int first)
{
    if (room(o, 2 * n + 4))          /* , " ' every byte twice " */
        return TCRM_ENOMEM;
    char *p = o->buf + o->len;
    if (!first)
        *p++ = ',';
    size_t i = 0;
    while (i < n && !cell_stop[(unsigned char)s[i]])
        i++;
    if (i < n && cell_stop[(unsigned char)s[i]] == 2)
        n = i;
    int quote = i < n || (n && (s[0] == ' ' || s[n - 1] == ' '));
    int neut = n && !o->raw && tcrm_csv_needs_neutralize(s);
    if (!quote && !neut) {
        memcpy(p, s, n);
        o->len = (size_t)(p + n - o->buf);
        return 0;
    }
    *p++ = '"';
    if (neut)
        *p++ = '\'';
    memcpy(p, s, i);
    p += i;
    for (; i < n && s[i]; i++) {
        if (s[i] == '"')
            *p++ = '"';
        *p++ = s[i];
    }
    *p++ = '"';
    o->len = (size_t)(p - o->buf);
    return 0;
}

/* The buffer converted by iconv into o->conv: 0 or TCRM_E*. */
static int convert(struct tcrm_csv_out *o, size_t *n, struct tcrm_error *err)
{
    if (o->conv_cap < 4 * o->len + 16) {
        char *c = realloc(o->conv, 4 * o->len + 16);
        if (!c)
            return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        o->conv = c;
        o->conv_cap = 4 * o->len + 16;
    }
    char *in = o->buf, *op = o->conv;
    size_t il = o->len, ol = o->conv_cap;
    if (iconv(o->cd, &in, &il, &op, &ol) == (size_t)-1)
        return tcrm_error_set(err, TCRM_EINVAL, "record %lld cannot be "
                              "written in %s", (long long)o->rows + 1,
                              o->enc);
    *n = (size_t)(op - o->conv);
    return 0;
}

int tcrm_csv_out_flush(struct tcrm_csv_out *o, struct tcrm_error *err)
{
    const char *p = o->buf;
    size_t n = o->len;
    if (n && o->cd != (iconv_t)-1) {
        int rc = convert(o, &n, err);
        if (rc)
            return rc;
        p = o->conv;
    }
    if (n && fwrite(p, 1, n, o->f) != n)
        return tcrm_error_set(err, TCRM_EIO, "write: %s", strerror(errno));
    o->len = 0;
    return 0;
}

int tcrm_csv_out_end(struct tcrm_csv_out *o, struct tcrm_error *err)
{
    if (room(o, 2))
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    o->buf[o->len++] = '\r';
    o->buf[o->len++] = '\n';
    if (o->cd != (iconv_t)-1 || o->len >= TCRM_CSV_OUT_FLUSH)
        return tcrm_csv_out_flush(o, err);
    return 0;
}

int tcrm_csv_out_strings(struct tcrm_csv_out *o, const char *const *vals,
                         const size_t *sel, size_t n, struct tcrm_error *err)
{
    for (size_t i = 0; i < n; i++) {
        const char *s = vals[sel ? sel[i] : i];
        if (tcrm_csv_out_cell(o, s ? s : "", s ? strlen(s) : 0, i == 0))
            return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    }
    return tcrm_csv_out_end(o, err);
}

int tcrm_csv_write_row(FILE *f, const char *const *fields, size_t n, int raw,
                       struct tcrm_error *err)
{
    struct tcrm_csv_out o;
    tcrm_csv_out_init(&o, f, raw);
    int rc = tcrm_csv_out_strings(&o, fields, NULL, n, err);
    if (!rc)
        rc = tcrm_csv_out_flush(&o, err);
    tcrm_csv_out_free(&o);
    return rc;
}
