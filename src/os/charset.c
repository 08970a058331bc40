/*
 * charset.c: the commands on a Chinese terminal that is not UTF-8.
 *
 * tcrm's text is UTF-8 throughout. When the locale's charset
 * (nl_langinfo(CODESET)) is GB18030, GBK or GB2312, tcrm_os_charset_begin
 *   - converts the command's arguments from that charset to UTF-8 (what
 *     was typed: `tcrm contact add 张伟`, `--due 明天`), and
 *   - replaces stdout and stderr by streams that convert UTF-8 to it
 *     through iconv (fopencookie); a character GBK or GB2312 cannot hold
 *     is written as '?'.
 * Column widths need no change: those terminals draw a hanzi two columns
 * wide, as tcrm measures it. In any other locale nothing changes.
 *
 * Left alone: the full-screen interface (tcrm_os_charset_end gives curses the
 * real streams back first; the screen converts for itself, src/tui/draw.c), CSV written to standard output by export
 * (its --encoding decides: tcrm_os_charset_raw_stdout), files named by
 * options (written as UTF-8 or in their --encoding), and file names
 * (an argument is converted as text, so a file name with hanzi in a
 * GB18030 locale is not found: the known limit of this).
 */
#define _GNU_SOURCE /* fopencookie */
#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "tcrm/os.h"
#include "tcrm/text.h"

/* One converting stream: UTF-8 written to it reaches `to` in the
 * terminal's charset. A character cut between two writes waits in pend. */
struct conv_stream {
    iconv_t cd;
    FILE *to;
    char pend[4];
    size_t npend;
};

static FILE *real_out, *real_err;

/* Convert the n bytes at s, writing to c->to; an incomplete character at
 * the end goes to c->pend. -1 when c->to fails. */
static int convert(struct conv_stream *c, char *s, size_t n)
{
    char *in = s;
    size_t il = n;
    while (il > 0) {
        char out[4096], *op = out;
        size_t ol = sizeof out;
        size_t r = iconv(c->cd, &in, &il, &op, &ol);
        int e = errno;
        size_t made = (size_t)(op - out);
        if (made && fwrite(out, 1, made, c->to) != made)
            return -1;
        if (r != (size_t)-1 || e == E2BIG)
            continue;
        if (e == EINVAL && il < sizeof c->pend) {
            memcpy(c->pend, in, il);
            c->npend = il;
            return 0;
        }
        /* EILSEQ: not in the charset (or not UTF-8): one '?' for it */
        uint32_t cp;
        int k = tcrm_utf8_decode(in, il, &cp);
        size_t skip = k > 0 ? (size_t)k : 1;
        if (fputc('?', c->to) == EOF)
            return -1;
        in += skip;
        il -= skip;
    }
    return 0;
}

static ssize_t conv_write(void *cookie, const char *buf, size_t size)
{
    struct conv_stream *c = cookie;
    char work[sizeof c->pend + 1024];
    for (size_t done = 0; done < size;) {
        size_t take = size - done < 1024 ? size - done : 1024;
        memcpy(work, c->pend, c->npend);
        memcpy(work + c->npend, buf + done, take);
        size_t n = c->npend + take;
        c->npend = 0;
        done += take;
        if (convert(c, work, n) != 0)
            return -1;
    }
    return (ssize_t)size;
}

static int conv_close(void *cookie)
{
    struct conv_stream *c = cookie;
    int rc = 0;
    if (c->npend && fputc('?', c->to) == EOF)
        rc = -1;
    iconv_close(c->cd);
    if (fflush(c->to) != 0)
        rc = -1;
    free(c);
    return rc;
}

static FILE *conv_open(const char *charset, FILE *to, int buffering)
{
    struct conv_stream *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->cd = iconv_open(charset, "UTF-8");
    c->to = to;
    cookie_io_functions_t io = { NULL, conv_write, NULL, conv_close };
    FILE *f = c->cd == (iconv_t)-1 ? NULL : fopencookie(c, "w", io);
    if (!f) {
        if (c->cd != (iconv_t)-1)
            iconv_close(c->cd);
        free(c);
        return NULL;
    }
    setvbuf(f, NULL, buffering, 0);
    return f;
}

/* The charset of the locale when it is one tcrm converts to, else NULL. */
static const char *gb_charset(void)
{
    static const char *const names[] = { "GB18030", "GBK", "GB2312" };
    const char *cs = nl_langinfo(CODESET);
    for (size_t i = 0; cs && i < sizeof names / sizeof *names; i++)
        if (!strcasecmp(cs, names[i]))
            return names[i];
    return NULL;
}

/* argv[i] from charset to UTF-8, in place of the original (the copies
 * live as long as the process); an argument that does not convert stays
 * as it is. */
static void convert_args(const char *charset, int argc, char **argv)
{
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1)
        return;
    for (int i = 1; i < argc; i++) {
        size_t n = strlen(argv[i]), cap = 2 * n + 1;
        char *u = malloc(cap), *in = argv[i], *op = u;
        size_t il = n, ol = cap - 1;
        iconv(cd, NULL, NULL, NULL, NULL);
        if (u && iconv(cd, &in, &il, &op, &ol) != (size_t)-1) {
            *op = '\0';
            argv[i] = u;
        } else {
            free(u);
        }
    }
    iconv_close(cd);
}

void tcrm_os_charset_begin(int argc, char **argv)
{
    const char *cs = gb_charset();
    if (!cs || real_out)
        return;
    FILE *out = conv_open(cs, stdout, isatty(STDOUT_FILENO) ? _IOLBF
                                                              : _IOFBF);
    FILE *err = out ? conv_open(cs, stderr, _IONBF) : NULL;
    if (!err) {
        if (out)
            fclose(out);
        return; /* out of memory: UTF-8 as it is */
    }
    convert_args(cs, argc, argv);
    real_out = stdout;
    real_err = stderr;
    stdout = out;
    stderr = err;
}

int tcrm_os_charset_end(void)
{
    if (!real_out)
        return 0;
    int rc = ferror(stdout) || ferror(stderr) ? -1 : 0;
    if (fclose(stdout) != 0)
        rc = -1;
    if (fclose(stderr) != 0)
        rc = -1;
    stdout = real_out;
    stderr = real_err;
    real_out = real_err = NULL;
    return rc;
}

FILE *tcrm_os_charset_raw_stdout(void)
{
    return real_out ? real_out : stdout;
}
