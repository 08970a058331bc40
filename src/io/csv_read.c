/*
 * csv_read.c: a streaming CSV reader over libcsv (csvio.h).
 *
 * Opening: only a regular file (opened O_NONBLOCK, then fstat, so a FIFO
 * is refused instead of waited on), or "-": standard input, copied once to
 * an unlinked temporary file so that it can be read more than once.
 *
 * Design. The file is read in 64 KB chunks. A chunk is first brought to
 * UTF-8: either checked as UTF-8 (an incomplete character at the end of a
 * chunk is carried to the next) or converted through iconv (the same
 * carry for an incomplete input sequence; the output buffer grows for as
 * long as iconv says it is too small). The UTF-8 text is then fed to
 * libcsv one physical line at a time (a segment ends after each CR or LF),
 * so that after every csv_parse call we know the line number we are on;
 * libcsv calls back at most once per row per segment. A row's first line
 * is the line of the segment fed while libcsv was between rows.
 *
 * Fields are appended to one arena (grown, never shrunk) with their
 * offsets; a finished row is published as pointers into it, valid until
 * the next call. A field is capped at max_field bytes and a row at
 * max_row (TCRM_CSV_MAX_FIELD and TCRM_CSV_MAX_ROW unless
 * tcrm_csv_set_limits says otherwise), the field count at
 * TCRM_CSV_MAX_FIELDS: a longer field or row is an error at its line, and
 * its bytes are not kept. libcsv's own field buffer is capped by a realloc
 * hook (it takes no context, so the cap is the process's largest
 * max_field). Memory never grows with the file, and one row costs at most
 * about max_row + max_field here.
 *
 * Detection, on the first chunk: a UTF-8 BOM is dropped; a UTF-16 BOM
 * selects UTF-16LE/BE; the delimiter is whichever of , ; TAB occurs most
 * often outside quotes on the first line (comma on a tie). When the text
 * is not valid UTF-8 and no encoding was named, the reader guesses
 * GB18030 (if the chunk converts cleanly) else ISO-8859-1; it reads a
 * GB18030 guess as GB18030 (the spreadsheets of Chinese Windows) and
 * refuses the other naming it, unless "auto" accepts any guess. Invalid
 * UTF-8 after a valid first chunk is refused naming the guess.
 */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input_internal.h"
#include "tcrm/csvio.h"
#include "tcrm/fileinfo.h"
#include "tcrm/i18n.h"
#include "tcrm/text.h"

#define CHUNK (64 * 1024)

struct tcrm_csv_reader {
    FILE *f;
    char *path;
    uint64_t size, done;
    struct csv_parser p;
    iconv_t cd;                       /* (iconv_t)-1 when UTF-8 */
    char enc[32];
    int guessed, eof, finished;
    char delim;
    /* raw input and the UTF-8 text waiting to be parsed */
    char raw[CHUNK + 8];
    size_t raw_len;                   /* bytes carried + read */
    char *text;                       /* UTF-8 chunk, capacity tcap */
    size_t tcap, tlen, tpos;
    long line;                        /* line of the byte at tpos */
    long start_line;                  /* line the current row began on */
    int prev_cr;
    /* the row being built and the row published */
    char *arena;
    size_t acap, alen;
    size_t *off, *lens;
    const char **ptrs;
    size_t nf, cap_f;
    long row_line;
    int row_ready, too_many, bad_nul;
    int too_long;                     /* 1: a field, 2: the row, too long */
    size_t max_field, max_row;
    int errc;                         /* pending error from a callback */
};

/* libcsv grows its field buffer through this: refuse past the cap. */
static size_t libcsv_cap = TCRM_CSV_MAX_FIELD;

static void *capped_realloc(void *p, size_t n)
{
    if (n > libcsv_cap + 8192)
        return NULL;
    return realloc(p, n);
}

static int never_space(unsigned char c)
{
    (void)c;
    return 0;
}

static int arena_put(struct tcrm_csv_reader *r, const char *s, size_t n)
{
    if (r->alen + n + 1 > r->acap) {
        size_t cap = r->acap ? r->acap : 4096;
        while (cap < r->alen + n + 1)
            cap *= 2;
        char *a = realloc(r->arena, cap);
        if (!a)
            return -1;
        r->arena = a;
        r->acap = cap;
    }
    if (n)
        memcpy(r->arena + r->alen, s, n);
    r->alen += n;
    r->arena[r->alen++] = '\0';
    return 0;
}

static void on_field(void *s, size_t n, void *ud)
{
    struct tcrm_csv_reader *r = ud;
    if (r->errc || r->too_many || r->too_long)
        return;
    if (r->nf == 0)
        r->row_line = r->start_line;
    if (r->nf >= TCRM_CSV_MAX_FIELDS) {
        r->too_many = 1;
        return;
    }
    if (r->nf == r->cap_f) {
        size_t cap = r->cap_f ? r->cap_f * 2 : 32;
        size_t *o = realloc(r->off, cap * sizeof *o);
        if (o)
            r->off = o;
        size_t *l = realloc(r->lens, cap * sizeof *l);
        if (l)
            r->lens = l;
        const char **p = realloc(r->ptrs, cap * sizeof *p);
        if (p)
            r->ptrs = p;
        if (!o || !l || !p) {
            r->errc = TCRM_ENOMEM;
            return;
        }
        r->cap_f = cap;
    }
    if (n > r->max_field || r->alen + n + 1 > r->max_row) {
        if (!r->too_long)
            r->too_long = n > r->max_field ? 1 : 2;
        return;
    }
    if (memchr(s ? s : "", '\0', n))
        r->bad_nul = 1;
    r->off[r->nf] = r->alen;
    r->lens[r->nf] = n;
    if (arena_put(r, s ? s : "", n))
        r->errc = TCRM_ENOMEM;
    r->nf++;
}

static void on_row(int c, void *ud)
{
    struct tcrm_csv_reader *r = ud;
    (void)c;
    r->row_ready = 1;
}

static int fail_at(struct tcrm_csv_reader *r, struct tcrm_error *err,
                   long line, const char *what)
{
    return tcrm_error_set(err, TCRM_EINVAL, "%s:%ld: %s", r->path, line, what);
}

/* Guess the encoding of bytes that are not UTF-8. */
static const char *guess_encoding(const char *s, size_t n)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return "ISO-8859-1";
    char out[4 * CHUNK];
    char *in = (char *)s, *op = out;
    size_t il = n, ol = sizeof out;
    size_t rc = iconv(cd, &in, &il, &op, &ol);
    iconv_close(cd);
    /* an incomplete sequence at the very end is fine */
    if (rc != (size_t)-1 || (errno == EINVAL && il < 4))
        return "GB18030";
    return "ISO-8859-1";
}

static int set_encoding(struct tcrm_csv_reader *r, const char *enc,
                        struct tcrm_error *err)
{
    snprintf(r->enc, sizeof r->enc, "%s", enc);
    if (!strcasecmp(enc, "UTF-8") || !strcasecmp(enc, "UTF8")) {
        snprintf(r->enc, sizeof r->enc, "UTF-8");
        return 0;
    }
    r->cd = iconv_open("UTF-8", enc);
    if (r->cd == (iconv_t)-1)
        return tcrm_error_set(err, TCRM_EINVAL,
                              "--encoding: unknown encoding '%s'", enc);
    return 0;
}

/* The delimiter most used outside quotes on the first line. */
static char detect_delim(const char *s, size_t n)
{
    size_t cnt[3] = {0, 0, 0};
    int q = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            q = !q;
        else if (!q && (s[i] == '\n' || s[i] == '\r'))
            break;
        else if (!q && s[i] == ',')
            cnt[0]++;
        else if (!q && s[i] == ';')
            cnt[1]++;
        else if (!q && s[i] == '\t')
            cnt[2]++;
    }
    if (cnt[1] > cnt[0] && cnt[1] >= cnt[2])
        return ';';
    if (cnt[2] > cnt[0] && cnt[2] > cnt[1])
        return '\t';
    return ',';
}

static int read_raw(struct tcrm_csv_reader *r, struct tcrm_error *err)
{
    size_t got = fread(r->raw + r->raw_len, 1, CHUNK, r->f);
    if (got < CHUNK) {
        if (ferror(r->f))
            return tcrm_error_set(err, TCRM_EIO, "%s: %s", r->path,
                                  strerror(errno));
        r->eof = 1;
    }
    r->done += got;
    r->raw_len += got;
    return 0;
}

static int ensure_text(struct tcrm_csv_reader *r, size_t need)
{
    if (need <= r->tcap)
        return 0;
    char *t = realloc(r->text, need);
    if (!t)
        return -1;
    r->text = t;
    r->tcap = need;
    return 0;
}

static int incomplete_ok(const char *s, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            return 0;
    return 1;
}

/* Length of a valid UTF-8 prefix; the rest is an incomplete tail (ok when
 * shorter than 4 bytes and more input follows) or an invalid byte. */
static size_t utf8_prefix(const char *s, size_t n, int *bad)
{
    size_t i = 0;
    *bad = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        int k = tcrm_utf8_decode(s + i, n - i, &cp);
        if (k > 0) {
            i += (size_t)k;
            continue;
        }
        size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
        if (want && n - i < want && incomplete_ok(s + i, n - i))
            return i;            /* incomplete tail */
        *bad = 1;
        return i;
    }
    return i;
}

static int bad_utf8(struct tcrm_csv_reader *r, size_t valid,
                    struct tcrm_error *err)
{
    long line = r->line;
    for (size_t i = 0; i < valid; i++)
        if (r->raw[i] == '\n' || (r->raw[i] == '\r' &&
                                  (i + 1 >= valid || r->raw[i + 1] != '\n')))
            line++;
    const char *g = guess_encoding(r->raw, r->raw_len);
    return tcrm_error_set(err, TCRM_EINVAL,
                          "%s:%ld: not valid UTF-8 (looks like %s): use "
                          "--encoding %s", r->path, line, g, g);
}

/* Convert r->raw through iconv into r->text, growing the text buffer for
 * as long as iconv says it is too small (E2BIG): most encodings need at
 * most 4 bytes of UTF-8 per input byte, some (TSCII) up to 12. An
 * incomplete sequence at the end waits for more input; *used is how much
 * of r->raw was converted. */
static int convert(struct tcrm_csv_reader *r, size_t *used,
                   struct tcrm_error *err)
{
    if (ensure_text(r, 4 * r->raw_len + 16))
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    char *in = r->raw;
    size_t il = r->raw_len, out = 0;
    for (;;) {
        char *op = r->text + out;
        size_t ol = r->tcap - out;
        size_t rc = iconv(r->cd, &in, &il, &op, &ol);
        int e = errno;
        out = (size_t)(op - r->text);
        if (rc != (size_t)-1 || (e == EINVAL && !r->eof))
            break;
        if (e != E2BIG)
            return tcrm_error_set(err, TCRM_EINVAL, "%s:%ld: not valid %s",
                                  r->path, r->line, r->enc);
        if (ensure_text(r, 2 * r->tcap))
            return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    }
    *used = r->raw_len - il;
    r->tlen = out;
    return 0;
}

/* Bring the next raw bytes to UTF-8 text at r->text. */
static int fill_text(struct tcrm_csv_reader *r, int read,
                     struct tcrm_error *err)
{
    if (read && !r->eof) {
        int rc = read_raw(r, err);
        if (rc)
            return rc;
    }
    r->tpos = r->tlen = 0;
    size_t used = 0;
    if (r->cd == (iconv_t)-1) {
        int bad;
        if (ensure_text(r, r->raw_len + 16))
            return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        used = utf8_prefix(r->raw, r->raw_len, &bad);
        if (bad || (r->eof && used < r->raw_len))
            return bad_utf8(r, used, err);
        memcpy(r->text, r->raw, used);
        r->tlen = used;
    } else {
        int rc = convert(r, &used, err);
        if (rc)
            return rc;
    }
    memmove(r->raw, r->raw + used, r->raw_len - used);
    r->raw_len -= used;
    char *nul = memchr(r->text, '\0', r->tlen);
    if (nul) {
        long line = r->line;
        for (char *q = r->text; q < nul; q++)
            if (*q == '\n' || (*q == '\r' && q[1] != '\n'))
                line++;
        return fail_at(r, err, line, _("NUL byte (not a text file?)"));
    }
    return 0;
}

/* First chunk: BOM, encoding and delimiter. */
static int detect(struct tcrm_csv_reader *r, const char *encoding,
                  char delimiter, struct tcrm_error *err)
{
    int rc = read_raw(r, err);
    if (rc)
        return rc;
    const unsigned char *u = (const unsigned char *)r->raw;
    size_t skip = 0;
    const char *enc = encoding;
    if (r->raw_len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        skip = 3;
    else if (r->raw_len >= 2 && u[0] == 0xFF && u[1] == 0xFE && !enc)
        skip = 2, enc = "UTF-16LE";
    else if (r->raw_len >= 2 && u[0] == 0xFE && u[1] == 0xFF && !enc)
        skip = 2, enc = "UTF-16BE";
    memmove(r->raw, r->raw + skip, r->raw_len - skip);
    r->raw_len -= skip;
    if (!enc || !strcasecmp(enc, "auto")) {
        int bad, any = enc != NULL; /* auto: any guess; none: GB18030 only */
        size_t v = utf8_prefix(r->raw, r->raw_len, &bad);
        enc = "UTF-8";
        const char *g = bad || (r->eof && v < r->raw_len)
                            ? guess_encoding(r->raw, r->raw_len) : NULL;
        if (g && (any || !strcmp(g, "GB18030"))) {
            enc = g;
            r->guessed = 1;
        }
    }
    rc = set_encoding(r, enc ? enc : "UTF-8", err);
    if (rc)
        return rc;
    rc = fill_text(r, 0, err);
    if (rc)
        return rc;
    r->delim = delimiter ? delimiter : detect_delim(r->text, r->tlen);
    csv_set_delim(&r->p, (unsigned char)r->delim);
    return 0;
}

/* Standard input ("-") is copied once into an unlinked temporary file, so
 * that it can be read as often as a named file (a dry run previews it,
 * then imports it; the screen guesses the mapping first). Kept for the
 * life of the process. */
static int stdin_copy = -1;

static int spool_stdin(struct tcrm_error *err)
{
    if (stdin_copy >= 0)
        return 0;
    if (isatty(STDIN_FILENO))
        return tcrm_error_set(err, TCRM_EINVAL, "-: standard input is a "
                              "terminal; send the file in with a pipe or "
                              "< FILE");
    FILE *tmp = tmpfile();
    if (!tmp)
        return tcrm_error_set(err, TCRM_EIO, "-: cannot make a temporary "
                              "copy: %s", strerror(errno));
    char buf[CHUNK];
    ssize_t n;
    int rc = 0;
    while (!rc && (n = read(STDIN_FILENO, buf, sizeof buf)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 || fwrite(buf, 1, (size_t)n, tmp) != (size_t)n)
            rc = tcrm_error_set(err, TCRM_EIO, "-: %s", strerror(errno));
    }
    if (!rc && fflush(tmp) != 0)
        rc = tcrm_error_set(err, TCRM_EIO, "-: %s", strerror(errno));
    if (!rc && (stdin_copy = dup(fileno(tmp))) < 0)
        rc = tcrm_error_set(err, TCRM_EIO, "-: %s", strerror(errno));
    fclose(tmp);
    return rc;
}

/* A stream on path ("-": the copy of standard input) and its size. Only
 * regular files: the file is opened without blocking, so a FIFO nobody
 * writes to is refused at once instead of waited on. */
int tcrm_io_open_input(const char *path, FILE **f, uint64_t *size,
                       struct tcrm_error *err)
{
    int fd, rc;
    struct stat st;
    *f = NULL;
    if (!strcmp(path, "-")) {
        if ((rc = spool_stdin(err)))
            return rc;
        /* shares the copy's offset: one reader of "-" at a time */
        fd = fcntl(stdin_copy, F_DUPFD_CLOEXEC, 0);
        if (fd >= 0 && lseek(fd, 0, SEEK_SET) != 0) {
            close(fd);
            fd = -1;
        }
    } else {
        fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    }
    if (fd < 0 || fstat(fd, &st) != 0) {
        rc = tcrm_error_set(err, TCRM_EIO, "%s: %s", path, strerror(errno));
    } else if (S_ISDIR(st.st_mode)) {
        rc = tcrm_error_set(err, TCRM_EIO, "%s: is a directory", path);
    } else if (S_ISFIFO(st.st_mode)) {
        rc = tcrm_error_set(err, TCRM_EINVAL, "%s: is a pipe, not a file; "
                            "to import from a pipe, give - as the file and "
                            "send it to standard input", path);
    } else if (!S_ISREG(st.st_mode)) {
        rc = tcrm_error_set(err, TCRM_EINVAL, "%s: is %s, not a file", path,
                            tcrm_file_kind(st.st_mode));
    } else if (st.st_size == 0) {
        rc = tcrm_error_set(err, TCRM_EINVAL, "%s: empty file", path);
    } else if (fcntl(fd, F_SETFL, 0) != 0 || !(*f = fdopen(fd, "rb"))) {
        rc = tcrm_error_set(err, TCRM_EIO, "%s: %s", path, strerror(errno));
    } else {
        *size = (uint64_t)st.st_size;
        return 0;
    }
    if (fd >= 0)
        close(fd);
    return rc;
}

int tcrm_csv_open(const char *path, const char *encoding, char delimiter,
                  struct tcrm_csv_reader **out, struct tcrm_error *err)
{
    *out = NULL;
    FILE *f;
    uint64_t size = 0;
    int rc = tcrm_io_open_input(path, &f, &size, err);
    if (rc)
        return rc;
    struct tcrm_csv_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->path = strdup(path))) {
        free(r);
        fclose(f);
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    }
    r->f = f;
    r->cd = (iconv_t)-1;
    r->line = 1;
    r->max_field = TCRM_CSV_MAX_FIELD;
    r->max_row = TCRM_CSV_MAX_ROW;
    r->size = size;
    if (csv_init(&r->p, CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        tcrm_csv_close(r);
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    }
    csv_set_space_func(&r->p, never_space);
    csv_set_realloc_func(&r->p, capped_realloc);
    csv_set_blk_size(&r->p, 4096);
    rc = detect(r, encoding, delimiter, err);
    if (rc) {
        tcrm_csv_close(r);
        return rc;
    }
    *out = r;
    return 0;
}

/* "FILE:LINE: field longer than 1 MB" (or "row longer than 16 MB"). */
static int too_long(struct tcrm_csv_reader *r, struct tcrm_error *err,
                    long line, int field)
{
    size_t cap = field ? r->max_field : r->max_row;
    size_t mb = cap / (1024 * 1024);
    if (cap % (1024 * 1024) == 0)
        return field ? tcrm_error_set(err, TCRM_EINVAL, "%s:%ld: field longer "
                                      "than %zu MB", r->path, line, mb)
                     : tcrm_error_set(err, TCRM_EINVAL, "%s:%ld: row longer "
                                      "than %zu MB", r->path, line, mb);
    return field ? tcrm_error_set(err, TCRM_EINVAL, "%s:%ld: field longer "
                                  "than %zu bytes", r->path, line, cap)
                 : tcrm_error_set(err, TCRM_EINVAL, "%s:%ld: row longer than "
                                  "%zu bytes", r->path, line, cap);
}

void tcrm_csv_set_limits(struct tcrm_csv_reader *r, size_t max_field,
                         size_t max_row)
{
    r->max_field = max_field ? max_field : TCRM_CSV_MAX_FIELD;
    r->max_row = max_row ? max_row : TCRM_CSV_MAX_ROW;
    if (r->max_field > libcsv_cap)
        libcsv_cap = r->max_field;
}

static int publish(struct tcrm_csv_reader *r, struct tcrm_csv_row *row,
                   struct tcrm_error *err)
{
    r->row_ready = 0;
    if (r->too_many)
        return fail_at(r, err, r->row_line, _("more than 256 fields in a row"));
    if (r->too_long)
        return too_long(r, err, r->row_line, r->too_long == 1);
    for (size_t i = 0; i < r->nf; i++)
        r->ptrs[i] = r->arena + r->off[i];
    row->n = r->nf;
    row->fields = r->ptrs;
    row->lens = r->lens;
    row->line = r->row_line;
    r->nf = 0;
    r->alen = 0;
    return 1;
}

static int parse_fail(struct tcrm_csv_reader *r, struct tcrm_error *err)
{
    if (r->errc)
        return tcrm_error_set(err, r->errc, "out of memory");
    if (csv_error(&r->p) == CSV_ENOMEM)
        return too_long(r, err, r->start_line, 1);
    /* libcsv's own words, translated (the English stays libcsv's) */
    const char *what = csv_strerror(csv_error(&r->p));
    if (csv_error(&r->p) == CSV_EPARSE)
        what = _("error parsing data while strict checking enabled");
    else if (csv_error(&r->p) == CSV_ETOOBIG)
        what = _("data size too large");
    return fail_at(r, err, r->start_line, what);
}

/* Feed one physical line (or the rest of the chunk) to libcsv. */
static int feed_segment(struct tcrm_csv_reader *r, struct tcrm_error *err)
{
    const char *s = r->text + r->tpos;
    size_t n = r->tlen - r->tpos, k = 0;
    while (k < n && s[k] != '\n' && s[k] != '\r')
        k++;
    if (k < n)
        k++;
    if (r->p.pstate == 0)           /* libcsv's ROW_NOT_BEGUN */
        r->start_line = r->line;
    if (csv_parse(&r->p, s, k, on_field, on_row, r) != k || r->errc)
        return parse_fail(r, err);
    char last = s[k - 1];
    if (last == '\r' || (last == '\n' && !(k == 1 && r->prev_cr)))
        r->line++;
    r->prev_cr = last == '\r';
    r->tpos += k;
    return 0;
}

int tcrm_csv_next(struct tcrm_csv_reader *r, struct tcrm_csv_row *row,
                  struct tcrm_error *err)
{
    for (;;) {
        if (r->row_ready)
            return publish(r, row, err);
        if (r->too_many)
            return fail_at(r, err, r->row_line,
                           _("more than 256 fields in a row"));
        if (r->tpos < r->tlen) {
            int rc = feed_segment(r, err);
            if (rc)
                return rc;
            continue;
        }
        if (r->finished)
            return 0;
        if (r->eof && r->raw_len == 0) {
            r->finished = 1;
            if (r->p.pstate == 0)
                r->start_line = r->line;
            if (r->p.pstate == 2 && r->p.quoted)   /* FIELD_BEGUN */
                return fail_at(r, err, r->start_line,
                               _("quoted field not closed at end of file"));
            if (csv_fini(&r->p, on_field, on_row, r) != 0) {
                if (csv_error(&r->p) == CSV_EPARSE)
                    return fail_at(r, err, r->start_line,
                                   _("quoted field not closed at end of file"));
                return parse_fail(r, err);
            }
            continue;
        }
        int rc = fill_text(r, 1, err);
        if (rc)
            return rc;
    }
}

const char *tcrm_csv_encoding(const struct tcrm_csv_reader *r)
{
    return r->enc;
}

int tcrm_csv_encoding_guessed(const struct tcrm_csv_reader *r)
{
    return r->guessed;
}

char tcrm_csv_delimiter(const struct tcrm_csv_reader *r)
{
    return r->delim;
}

void tcrm_csv_progress(const struct tcrm_csv_reader *r, uint64_t *done,
                       uint64_t *total)
{
    *done = r->done;
    *total = r->size;
}

void tcrm_csv_close(struct tcrm_csv_reader *r)
{
    if (!r)
        return;
    if (r->f)
        fclose(r->f);
    if (r->cd != (iconv_t)-1)
        iconv_close(r->cd);
    csv_free(&r->p);
    free(r->path);
    free(r->text);
    free(r->arena);
    free(r->off);
    free(r->lens);
    free(r->ptrs);
    free(r);
}
