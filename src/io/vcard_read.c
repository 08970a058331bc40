/*
 * vcard_read.c: reading vCard files (vcard.h): content lines, properties
 * and their values.
 *
 * Design. The file is read into memory whole and scanned once at open:
 * every logical line is unfolded, parsed and its value decoded, cards are
 * delimited and their byte ranges kept. Any error there stops the open,
 * so an import never starts on a file it cannot finish. Handing out a
 * card (tcrm_vcard_next) is then just the next range; tcrm_vcard_contact
 * (vcard_map.c) walks that range again through the same line and
 * property code (tcrm_vc_walk), so the check and the use cannot differ.
 *
 * A logical line: physical lines (LF or CRLF) joined where the next one
 * starts with a space or a tab (that one character dropped), and, for a
 * quoted-printable property, where the line ends with "=" (a soft line
 * break: the "=" dropped, the next line taken whole). Blank lines are
 * ignored; after a 2.1 BASE64 property, lines without a colon are its
 * data and skipped too.
 *
 * A value is decoded in this order: quoted-printable, then the charset
 * (CHARSET= through iconv, else the reader's encoding), then checked to
 * be valid UTF-8 without NUL bytes. Backslash escapes are left for the
 * mapping, which knows which values are structured.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "input_internal.h"
#include "vcard_internal.h"
#include "tcrm/i18n.h"
#include "tcrm/text.h"

/* what: already in the user's language (_() at the call). */
static int fail(struct tcrm_vcard_reader *r, long line, struct tcrm_error *err,
                const char *what)
{
    return tcrm_error_set(err, TCRM_EINVAL, "%s:%ld: %s", r->name, line,
                          what);
}

/* ---- sniffing --------------------------------------------------------- */

static size_t skip_bom(const char *b, size_t n)
{
    return n >= 3 && !memcmp(b, "\xEF\xBB\xBF", 3) ? 3 : 0;
}

/* 1 when the n bytes at s are `word` (any case) followed by only blanks. */
static int line_is(const char *s, size_t n, const char *word)
{
    size_t w = strlen(word);
    if (n < w || strncasecmp(s, word, w))
        return 0;
    for (size_t i = w; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return 0;
    return 1;
}

int tcrm_vcard_sniff(const char *buf, size_t len)
{
    size_t i = skip_bom(buf, len);
    while (i < len && (buf[i] == '\r' || buf[i] == '\n' || buf[i] == ' ' ||
                       buf[i] == '\t'))
        i++;
    const char *nl = memchr(buf + i, '\n', len - i);
    size_t n = nl ? (size_t)(nl - (buf + i)) : len - i;
    return line_is(buf + i, n, "BEGIN:VCARD");
}

int tcrm_vcard_sniff_file(const char *path)
{
    char b[4096];
    FILE *f;
    uint64_t size;
    struct tcrm_error ignored;
    if (tcrm_io_open_input(path, &f, &size, &ignored))
        return 0;
    size_t n = fread(b, 1, sizeof b, f);
    fclose(f);
    return tcrm_vcard_sniff(b, n);
}

/* ---- logical lines ---------------------------------------------------- */

struct cursor {
    size_t pos, end;
    long line;
};

/* Does the name/parameter part of s say QUOTED-PRINTABLE? */
static int says_qp(const char *s, size_t n)
{
    const char *colon = memchr(s, ':', n);
    size_t m = colon ? (size_t)(colon - s) : n;
    static const char qp[] = "QUOTED-PRINTABLE";
    for (size_t i = 0; i + sizeof qp - 1 <= m; i++)
        if (!strncasecmp(s + i, qp, sizeof qp - 1))
            return 1;
    return 0;
}

/* The next logical line into r->line; *at = its first physical line.
 * 1, 0 at the end of the range, or <0. */
static int next_line(struct tcrm_vcard_reader *r, struct cursor *cu, long *at,
                     struct tcrm_error *err)
{
    if (cu->pos >= cu->end)
        return 0;
    tcrm_strbuf_reset(&r->line);
    *at = cu->line;
    size_t skip = 0;
    for (;;) {
        const char *s = r->buf + cu->pos;
        const char *nl = memchr(s, '\n', cu->end - cu->pos);
        size_t n = nl ? (size_t)(nl - s) : cu->end - cu->pos;
        cu->pos += nl ? n + 1 : n;
        cu->line++;
        if (n && s[n - 1] == '\r')
            n--;
        if (skip > n)
            skip = n;
        if (r->line.len + (n - skip) > TCRM_VCARD_MAX_LINE)
            return fail(r, *at, err, _("line longer than 1 MB"));
        if (tcrm_strbuf_appendn(&r->line, s + skip, n - skip))
            return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        if (cu->pos >= cu->end)
            return 1;
        const char *next = r->buf + cu->pos;
        if (*next == ' ' || *next == '\t') {
            skip = 1;
            continue;
        }
        size_t rest = cu->end - cu->pos;
        if (r->line.len && r->line.buf[r->line.len - 1] == '=' &&
            says_qp(r->line.buf, r->line.len) &&
            !line_is(next, rest < 9 ? rest : 9, "END:VCARD")) {
            r->line.buf[--r->line.len] = '\0';
            skip = 0;
            continue;
        }
        return 1;
    }
}

/* ---- properties ------------------------------------------------------- */

const char *tcrm_vc_param(const struct vc_prop *p, const char *name)
{
    for (size_t i = 0; i < p->np; i++)
        if (p->pname[i] && !strcmp(p->pname[i], name))
            return p->pval[i];
    return NULL;
}

static void upcase(char *s)
{
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z')
            *s = (char)(*s - 'a' + 'A');
}

static unsigned type_flag(const char *t, size_t n)
{
    static const struct { const char *w; unsigned f; } tab[] = {
        {"CELL", VC_T_CELL}, {"MOBILE", VC_T_CELL}, {"FAX", VC_T_FAX},
        {"HOME", VC_T_HOME}, {"WORK", VC_T_WORK}, {"PAGER", VC_T_PAGER},
    };
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (strlen(tab[i].w) == n && !strncasecmp(t, tab[i].w, n))
            return tab[i].f;
    return 0;
}

/* TYPE=a,b or "a,b" (quotes already off) into flags. */
static unsigned type_flags(const char *v)
{
    unsigned f = 0;
    while (*v) {
        size_t n = strcspn(v, ",");
        f |= type_flag(v, n);
        v += n + (v[n] == ',');
    }
    return f;
}

/* The parameters part "NAME;P=V;Q" (NUL-terminated, ours to cut). */
static int parse_params(struct vc_prop *p, char *s)
{
    while (s) {
        char *semi = s;
        int quoted = 0;
        for (; *semi && (quoted || *semi != ';'); semi++)
            if (*semi == '"')
                quoted = !quoted;
        char *next = *semi ? semi + 1 : NULL;
        *semi = '\0';
        if (*s) {
            if (p->np == VC_MAX_PARAMS)
                return -1;
            char *eq = strchr(s, '=');
            if (eq) {
                *eq = '\0';
                char *v = eq + 1;
                size_t vl = strlen(v);
                if (vl >= 2 && v[0] == '"' && v[vl - 1] == '"') {
                    v[vl - 1] = '\0';
                    v++;
                }
                upcase(s);
                p->pname[p->np] = s;
                p->pval[p->np++] = v;
                if (!strcmp(s, "TYPE"))
                    p->types |= type_flags(v);
            } else {
                p->pname[p->np] = NULL;
                p->pval[p->np++] = s;
                p->types |= type_flag(s, strlen(s));
            }
        }
        s = next;
    }
    return 0;
}

static int is_name_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/* Split r->line into p; the value is left raw in p->text. */
static int parse_prop(struct tcrm_vcard_reader *r, long at, struct vc_prop *p,
                      struct tcrm_error *err)
{
    memset(p, 0, sizeof *p);
    p->line = at;
    char *s = r->line.buf;
    int quoted = 0;
    char *colon = s;
    for (; *colon && (quoted || *colon != ':'); colon++)
        if (*colon == '"')
            quoted = !quoted;
    if (!*colon)
        return fail(r, at, err, _("not a property (NAME:VALUE)"));
    *colon = '\0';
    char *semi = strchr(s, ';');
    if (semi)
        *semi = '\0';
    char *dot = strchr(s, '.');
    if (dot) {
        *dot = '\0';
        p->group = s;
        s = dot + 1;
    }
    for (char *q = s; *q; q++)
        if (!is_name_char(*q))
            return fail(r, at, err, _("not a property (NAME:VALUE)"));
    if (!*s)
        return fail(r, at, err, _("not a property (NAME:VALUE)"));
    upcase(s);
    p->name = s;
    if (semi && parse_params(p, semi + 1))
        return fail(r, at, err, _("more than 32 parameters"));
    p->text = colon + 1;
    p->tlen = r->line.len - (size_t)(colon + 1 - r->line.buf);
    return 0;
}

static int has_bare(const struct vc_prop *p, const char *word)
{
    for (size_t i = 0; i < p->np; i++)
        if (!p->pname[i] && !strcasecmp(p->pval[i], word))
            return 1;
    return 0;
}

static int is_binary(const struct vc_prop *p)
{
    static const char *const names[] = { "PHOTO", "LOGO", "SOUND", "KEY" };
    for (size_t i = 0; i < 4; i++)
        if (!strcmp(p->name, names[i]))
            return 1;
    const char *enc = tcrm_vc_param(p, "ENCODING");
    if (has_bare(p, "BASE64") ||
        (enc && (!strcasecmp(enc, "B") || !strcasecmp(enc, "BASE64"))))
        return 1;
    return p->tlen >= 5 && !strncasecmp(p->text, "data:", 5);
}

/* ---- values ----------------------------------------------------------- */

static int is_utf8_name(const char *cs)
{
    return !strcasecmp(cs, "UTF-8") || !strcasecmp(cs, "UTF8");
}

/* in (n bytes) from charset cs into r->val. -1: unknown charset, -2: not
 * valid in it. */
static int convert(struct tcrm_vcard_reader *r, const char *cs,
                   const char *in, size_t n)
{
    if (strcmp(r->cd_name, cs)) {
        if (r->cd != (iconv_t)-1)
            iconv_close(r->cd);
        r->cd_name[0] = '\0';
        r->cd = iconv_open("UTF-8", cs);
        if (r->cd == (iconv_t)-1)
            return -1;
        snprintf(r->cd_name, sizeof r->cd_name, "%s", cs);
    }
    iconv(r->cd, NULL, NULL, NULL, NULL);
    tcrm_strbuf_reset(&r->val);
    char out[4096];
    char *ip = (char *)in;
    size_t il = n;
    while (il > 0) {
        char *op = out;
        size_t ol = sizeof out;
        size_t rc = iconv(r->cd, &ip, &il, &op, &ol);
        if (tcrm_strbuf_appendn(&r->val, out, (size_t)(op - out)))
            return -3;
        if (rc == (size_t)-1 && errno != E2BIG)
            return -2;
    }
    return 0;
}

static int value_fail(struct tcrm_vcard_reader *r, const struct vc_prop *p,
                      struct tcrm_error *err, const char *what,
                      const char *arg)
{
    return tcrm_error_set(err, TCRM_EINVAL, "%s:%ld: %s: %s%s%s%s", r->name,
                          p->line, p->name, what, arg ? " '" : "",
                          arg ? arg : "", arg ? "'" : "");
}

/* Charset, then UTF-8 check; from (n bytes) to r->val. */
static int to_utf8(struct tcrm_vcard_reader *r, const struct vc_prop *p,
                   const char *in, size_t n, struct tcrm_error *err)
{
    const char *cs = tcrm_vc_param(p, "CHARSET");
    const char *enc = r->encoding;
    int rc = 0;
    if (cs && !is_utf8_name(cs)) {
        if (strlen(cs) >= sizeof r->cd_name ||
            (rc = convert(r, cs, in, n)) == -1)
            return value_fail(r, p, err, _("unknown charset"), cs);
        if (rc == -2)
            /* TRANSLATORS: a value not valid in a charset, which
             * follows in quotes: "TEL: not valid 'GBK'". */
            return value_fail(r, p, err, _("not valid"), cs);
    } else if (cs || !enc ||
               (!strcmp(enc, "auto") && tcrm_utf8_valid(in, n))) {
        tcrm_strbuf_reset(&r->val);
        rc = tcrm_strbuf_appendn(&r->val, in, n) ? -3 : 0;
        if (!tcrm_utf8_valid(in, n))
            return value_fail(r, p, err, cs ? _("not valid UTF-8")
                              : _("not valid UTF-8 (name its charset with "
                                  "--encoding, e.g. GB18030, or use "
                                  "--encoding auto)"), NULL);
    } else {
        const char *from = strcmp(enc, "auto") ? enc : "GB18030";
        if ((rc = convert(r, from, in, n)) == -1)
            return value_fail(r, p, err, _("unknown encoding"), from);
        if (rc == -2)
            return value_fail(r, p, err, _("not valid"), from);
    }
    if (rc == -3)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (memchr(r->val.buf, '\0', r->val.len))
        return value_fail(r, p, err, _("NUL byte in the value"), NULL);
    return 0;
}

/* Decode p's value into r->val and point p->text at it. */
static int decode(struct tcrm_vcard_reader *r, struct vc_prop *p,
                  struct tcrm_error *err)
{
    const char *enc = tcrm_vc_param(p, "ENCODING");
    const char *in = p->text;
    size_t n = p->tlen;
    if (has_bare(p, "QUOTED-PRINTABLE") ||
        (enc && !strcasecmp(enc, "QUOTED-PRINTABLE"))) {
        tcrm_strbuf_reset(&r->tmp);
        int rc = tcrm_cl_qp_decode(&r->tmp, in, n);
        if (rc == TCRM_ENOMEM)
            return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        if (rc)
            return value_fail(r, p, err, _("broken quoted-printable"), NULL);
        in = r->tmp.buf;
        n = r->tmp.len;
    } else if (enc && strcasecmp(enc, "8BIT") && strcasecmp(enc, "7BIT")) {
        return value_fail(r, p, err, _("unknown ENCODING"), enc);
    }
    int rc = to_utf8(r, p, in, n, err);
    p->text = r->val.buf;
    p->tlen = r->val.len;
    return rc;
}

static int version_of(struct tcrm_vcard_reader *r, const struct vc_prop *p,
                      struct tcrm_error *err)
{
    static const struct { const char *s; int v; } known[] = {
        {"2.1", 21}, {"3.0", 30}, {"4.0", 40}
    };
    for (size_t i = 0; i < 3; i++)
        if (line_is(p->text, p->tlen, known[i].s)) {
            r->version = known[i].v;
            return 0;
        }
    char v[24];
    int w;
    tcrm_text_fit(p->text, 16, v, sizeof v, &w);
    return tcrm_error_set(err, TCRM_EINVAL, "%s:%ld: VERSION '%s' is not "
                          "2.1, 3.0 or 4.0", r->name, p->line, v);
}

/* One property line of a card: parse and decode; *skipped for a 2.1
 * base64 data line. */
static int card_line(struct tcrm_vcard_reader *r, long at, int *in_b64,
                     struct vc_prop *p, int *skipped, struct tcrm_error *err)
{
    *skipped = 0;
    if (*in_b64 && !memchr(r->line.buf, ':', r->line.len)) {
        *skipped = 1;
        return 0;
    }
    int rc = parse_prop(r, at, p, err);
    if (rc)
        return rc;
    p->binary = is_binary(p);
    *in_b64 = p->binary && r->version == 21;
    if (p->binary)
        return 0;
    rc = decode(r, p, err);
    if (!rc && !strcmp(p->name, "VERSION"))
        rc = version_of(r, p, err);
    return rc;
}

static int blank(const struct tcrm_strbuf *l)
{
    return line_is(l->buf, l->len, "");
}

int tcrm_vc_walk(struct tcrm_vcard_reader *r, const struct vc_card *c,
                 vc_prop_fn fn, void *ud, struct tcrm_error *err)
{
    struct cursor cu = { c->start, c->end, c->line };
    long at;
    int rc, in_b64 = 0, skipped;
    r->version = 30;
    while ((rc = next_line(r, &cu, &at, err)) > 0) {
        if (blank(&r->line)) {
            in_b64 = 0;
            continue;
        }
        if (line_is(r->line.buf, r->line.len, "BEGIN:VCARD") ||
            line_is(r->line.buf, r->line.len, "END:VCARD"))
            continue;
        struct vc_prop p;
        if ((rc = card_line(r, at, &in_b64, &p, &skipped, err)))
            return rc;
        if (!skipped && fn && (rc = fn(r, &p, ud, err)))
            return rc;
    }
    return rc;
}

/* ---- the scan at open ------------------------------------------------- */

static int add_card(struct tcrm_vcard_reader *r, size_t start, size_t end,
                    long line)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        struct vc_card *a = realloc(r->cards, cap * sizeof *a);
        if (!a)
            return TCRM_ENOMEM;
        r->cards = a;
        r->cap = cap;
    }
    r->cards[r->n++] = (struct vc_card){ start, end, line };
    return 0;
}

static int scan(struct tcrm_vcard_reader *r, struct tcrm_error *err)
{
    size_t bom = skip_bom(r->buf, r->len);
    struct cursor cu = { bom, r->len, 1 };
    size_t start = 0, here = bom;
    long at, begin_line = 0;
    int rc, inside = 0, in_b64 = 0, skipped;
    while ((rc = next_line(r, &cu, &at, err)) > 0) {
        struct tcrm_strbuf *l = &r->line;
        if (blank(l)) {
            in_b64 = 0;
        } else if (line_is(l->buf, l->len, "BEGIN:VCARD")) {
            if (inside)
                return fail(r, begin_line, err,
                            _("BEGIN:VCARD without END:VCARD"));
            inside = 1;
            start = here;
            begin_line = at;
            r->version = 30;
        } else if (!inside) {
            return fail(r, at, err, r->n ? _("text outside a card")
                        : _("not a vCard file (no BEGIN:VCARD)"));
        } else if (line_is(l->buf, l->len, "END:VCARD")) {
            inside = 0;
            if (add_card(r, start, cu.pos, begin_line))
                return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        } else {
            struct vc_prop p;
            if ((rc = card_line(r, at, &in_b64, &p, &skipped, err)))
                return rc;
        }
        here = cu.pos;
    }
    if (rc < 0)
        return rc;
    if (inside)
        return fail(r, begin_line, err, _("BEGIN:VCARD without END:VCARD"));
    if (r->n == 0)
        return tcrm_error_set(err, TCRM_EINVAL, "%s: no cards in the file",
                              r->name);
    return 0;
}

/* ---- open / next / close ---------------------------------------------- */

static int read_all(const char *path, char **buf, size_t *len,
                    struct tcrm_error *err)
{
    FILE *f;
    uint64_t size;
    int rc0 = tcrm_io_open_input(path, &f, &size, err);
    if (rc0)
        return rc0;
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    char chunk[65536];
    size_t n;
    int rc = 0;
    while (!rc && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        rc = tcrm_strbuf_appendn(&sb, chunk, n);
    if (!rc && ferror(f))
        rc = tcrm_error_set(err, TCRM_EIO, "%s: %s", path, strerror(errno));
    else if (rc)
        rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    fclose(f);
    *len = sb.len;
    *buf = rc ? NULL : tcrm_strbuf_steal(&sb);
    tcrm_strbuf_free(&sb);
    if (!rc && !*buf)
        rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    return rc;
}

static int reader_new(const char *name, const char *encoding,
                      struct tcrm_vcard_reader **out, struct tcrm_error *err)
{
    struct tcrm_vcard_reader *r = calloc(1, sizeof *r);
    int keep_enc = encoding && !is_utf8_name(encoding);
    if (!r || !(r->name = strdup(name)) ||
        (keep_enc && !(r->encoding = strdup(encoding)))) {
        if (r)
            free(r->name);
        free(r);
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    }
    r->cd = (iconv_t)-1;
    tcrm_strbuf_init(&r->line);
    tcrm_strbuf_init(&r->val);
    tcrm_strbuf_init(&r->tmp);
    *out = r;
    return 0;
}

int tcrm_vcard_open_mem(const char *name, const char *buf, size_t len,
                        const char *encoding, struct tcrm_vcard_reader **out,
                        struct tcrm_error *err)
{
    *out = NULL;
    struct tcrm_vcard_reader *r = NULL;
    int rc = reader_new(name, encoding, &r, err);
    if (rc)
        return rc;
    r->buf = buf;
    r->len = len;
    if (len == 0)
        rc = tcrm_error_set(err, TCRM_EINVAL, "%s: empty file", name);
    if (!rc)
        rc = scan(r, err);
    if (rc) {
        tcrm_vcard_close(r);
        return rc;
    }
    *out = r;
    return 0;
}

int tcrm_vcard_open(const char *path, const char *encoding,
                    struct tcrm_vcard_reader **out, struct tcrm_error *err)
{
    char *buf;
    size_t len;
    *out = NULL;
    int rc = read_all(path, &buf, &len, err);
    if (rc)
        return rc;
    rc = tcrm_vcard_open_mem(path, buf, len, encoding, out, err);
    if (rc)
        free(buf);
    else
        (*out)->owned = buf;
    return rc;
}

int tcrm_vcard_next(struct tcrm_vcard_reader *r, long *line,
                    const char **text, size_t *len)
{
    if (r->next >= r->n)
        return 0;
    const struct vc_card *c = &r->cards[r->next++];
    *line = c->line;
    *text = r->buf + c->start;
    *len = c->end - c->start;
    return 1;
}

int64_t tcrm_vcard_cards(const struct tcrm_vcard_reader *r)
{
    return (int64_t)r->n;
}

int64_t tcrm_vcard_binary_skipped(const struct tcrm_vcard_reader *r)
{
    return r->binary;
}

void tcrm_vcard_progress(const struct tcrm_vcard_reader *r, uint64_t *done,
                         uint64_t *total)
{
    *total = r->len;
    *done = r->next ? r->cards[r->next - 1].end : 0;
}

void tcrm_vcard_close(struct tcrm_vcard_reader *r)
{
    if (!r)
        return;
    if (r->cd != (iconv_t)-1)
        iconv_close(r->cd);
    tcrm_strbuf_free(&r->line);
    tcrm_strbuf_free(&r->val);
    tcrm_strbuf_free(&r->tmp);
    free(r->cards);
    free(r->owned);
    free(r->encoding);
    free(r->name);
    free(r);
}
