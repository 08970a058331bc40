/*
 * doc_template.c: finding a document's template and filling it (the
 * rules are in tcrm/document.h).
 *
 * A template is read whole (at most 64 KiB of UTF-8) and filled line by
 * line: each {key} is looked up among the document's values, {lines}
 * stands for the table of lines, a line whose placeholders are all empty
 * is left out, and every line that comes out wider than the page is
 * wrapped at a space where it can be (a CJK text at any character), its
 * continuation indented like the line itself. The file is named in every
 * error with the line it concerns.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_internal.h"
#include "tcrm/config.h"
#include "tcrm/os.h"
#include "tcrm/text.h"

#define TEMPLATE_MAX (64 * 1024)

/* ---- finding ------------------------------------------------------------ */

static char *join(const char *dir, const char *sub, const char *kind)
{
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    if (tcrm_strbuf_appendf(&sb, "%s/templates/%s%s.txt", dir, sub, kind)) {
        tcrm_strbuf_free(&sb);
        return NULL;
    }
    return tcrm_strbuf_steal(&sb);
}

/* path if it is there (taken), else NULL (freed). */
static char *exists(char *path)
{
    FILE *f = path ? fopen(path, "r") : NULL;
    if (f) {
        fclose(f);
        return path;
    }
    free(path);
    return NULL;
}

int tcrm_document_template(const char *kind, char **path,
                           struct tcrm_error *err)
{
    char *user = tcrm_config_user_dir();
    const char *env = getenv("TCRM_DATA_DIR");
    const char *dirs[] = { env && *env ? env : NULL, TCRM_DATADIR };
    *path = user ? exists(join(user, "", kind)) : NULL;
    for (size_t i = 0; !*path && i < 2; i++) {
        if (!dirs[i])
            continue;
        if (tcrm_os_i18n_is_zh())
            *path = exists(join(dirs[i], "zh_CN/", kind));
        if (!*path)
            *path = exists(join(dirs[i], "", kind));
    }
    if (!*path)
        tcrm_error_set(err, TCRM_EIO, "template %s.txt: not found (in "
                       "%s/templates, %s/templates)", kind,
                       user ? user : "~/.config/tcrm", TCRM_DATADIR);
    free(user);
    return *path ? 0 : err->code;
}

static int read_all(const char *path, char **text, struct tcrm_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return tcrm_error_set(err, TCRM_EIO, "%s: %s", path, strerror(errno));
    char *buf = malloc(TEMPLATE_MAX + 1);
    size_t n = buf ? fread(buf, 1, TEMPLATE_MAX + 1, f) : 0;
    int bad = ferror(f);
    fclose(f);
    if (!buf)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    int rc = 0;
    if (bad)
        rc = tcrm_error_set(err, TCRM_EIO, "%s: cannot read", path);
    else if (n > TEMPLATE_MAX)
        rc = tcrm_error_set(err, TCRM_EINVAL, "%s: longer than 64 KiB", path);
    else if (!tcrm_utf8_valid(buf, n) || memchr(buf, '\0', n))
        rc = tcrm_error_set(err, TCRM_EINVAL, "%s: not UTF-8 text", path);
    if (rc) {
        free(buf);
        return rc;
    }
    buf[n] = '\0';
    *text = buf;
    return 0;
}

/* ---- wrapping ------------------------------------------------------------- */

/* Push line, wrapped at `width` columns. */
static int push_wrapped(struct tcrm_doc *out, const char *line, int width)
{
    size_t len = strlen(line), indent = strspn(line, " ");
    if (tcrm_text_width(line) <= width)
        return doc_push(out, line);
    if ((int)indent > width / 2)
        indent = 0;
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    size_t pos = 0;
    int rc = 0;
    while (rc == 0 && pos < len) {
        size_t start = pos, cut = 0, space = 0;
        int w = pos ? (int)indent : 0;
        while (pos < len) {
            uint32_t cp = 0;
            tcrm_utf8_decode(line + pos, len - pos, &cp);
            int cw = tcrm_char_width(cp);
            if (w + cw > width && pos > start)
                break;
            if (cp == ' ' && pos > start + (start ? 0 : indent))
                space = pos;
            w += cw;
            pos = tcrm_utf8_next(line, len, pos);
        }
        cut = pos < len && space ? space : pos;
        tcrm_strbuf_reset(&sb);
        if (start)
            for (size_t i = 0; i < indent; i++)
                tcrm_strbuf_appendc(&sb, ' ');
        tcrm_strbuf_appendn(&sb, line + start, cut - start);
        while (sb.len && sb.buf[sb.len - 1] == ' ')
            sb.buf[--sb.len] = '\0';
        rc = doc_push(out, sb.buf);
        pos = cut;
        while (pos < len && line[pos] == ' ')
            pos++;
    }
    tcrm_strbuf_free(&sb);
    return rc;
}

/* ---- filling -------------------------------------------------------------- */

struct line_state {
    const char *path;
    unsigned lineno;
    int holders, filled, block;
};

static const char *lookup(const struct doc_fill *f, const char *key,
                          size_t n)
{
    for (size_t i = 0; i < f->n; i++)
        if (strlen(f->keys[i]) == n && memcmp(f->keys[i], key, n) == 0)
            return f->values[i] ? f->values[i] : "";
    return NULL;
}

/* The placeholder at p ("{...}") into sb; *end past it. */
static int placeholder(const struct doc_fill *f, const char *p,
                       const char **end, struct tcrm_strbuf *sb,
                       struct line_state *ls, struct tcrm_error *err)
{
    const char *close = strchr(p, '}');
    const char *nl = strchr(p, '\n');
    if (!close || (nl && nl < close))
        return tcrm_error_set(err, TCRM_EINVAL, "%s:%u: '{' not closed "
                              "(write {{ for a brace)", ls->path, ls->lineno);
    const char *colon = memchr(p + 1, ':', (size_t)(close - p - 1));
    size_t klen = (size_t)((colon ? colon : close) - p - 1);
    *end = close + 1;
    ls->holders++;
    if (klen == 5 && memcmp(p + 1, "lines", 5) == 0) {
        ls->block = 1;
        ls->filled += f->lines.n > 0;
        return 0;
    }
    const char *v = lookup(f, p + 1, klen);
    if (!v)
        return tcrm_error_set(err, TCRM_EINVAL, "%s:%u: unknown placeholder "
                              "{%.*s}", ls->path, ls->lineno, (int)klen,
                              p + 1);
    int right = colon && colon[1] == '>';
    const char *num = colon ? colon + 1 + right : NULL;
    char *stop = NULL;
    long cols = num ? strtol(num, &stop, 10) : 0;
    if (num && (stop != close || cols < 1 || cols > TCRM_DOCUMENT_WIDTH))
        return tcrm_error_set(err, TCRM_EINVAL, "%s:%u: {%.*s}: the width "
                              "must be from 1 to 80", ls->path, ls->lineno,
                              (int)klen, p + 1);
    if (*v)
        ls->filled++;
    if (!num)
        return tcrm_strbuf_append(sb, v);
    int w = tcrm_text_width(v);
    for (int i = w; right && i < cols; i++)
        tcrm_strbuf_appendc(sb, ' ');
    tcrm_strbuf_append(sb, v);
    for (int i = w; !right && i < cols; i++)
        tcrm_strbuf_appendc(sb, ' ');
    return 0;
}

/* Fill one template line (up to '\n' or the end) into out. */
static int fill_line(const struct doc_fill *f, const char *p,
                     const char **next, struct line_state *ls,
                     struct tcrm_doc *out, struct tcrm_error *err)
{
    struct tcrm_strbuf sb;
    int rc = 0;
    tcrm_strbuf_init(&sb);
    ls->holders = ls->filled = ls->block = 0;
    while (rc == 0 && *p && *p != '\n') {
        if ((p[0] == '{' || p[0] == '}') && p[1] == p[0]) {
            tcrm_strbuf_appendc(&sb, *p);
            p += 2;
        } else if (*p == '{') {
            rc = placeholder(f, p, &p, &sb, ls, err);
        } else {
            tcrm_strbuf_appendc(&sb, *p++);
        }
    }
    *next = *p ? p + 1 : p;
    if (rc == 0 && ls->block &&
        (ls->holders != 1 || strspn(sb.buf, " ") != sb.len))
        rc = tcrm_error_set(err, TCRM_EINVAL, "%s:%u: {lines} must stand "
                            "alone on its line", ls->path, ls->lineno);
    while (rc == 0 && sb.len && (sb.buf[sb.len - 1] == ' ' ||
                                 sb.buf[sb.len - 1] == '\r'))
        sb.buf[--sb.len] = '\0';
    for (size_t i = 0; rc == 0 && ls->block && i < f->lines.n; i++)
        rc = doc_push(out, f->lines.lines[i]);
    if (rc == 0 && !ls->block && (ls->holders == 0 || ls->filled))
        rc = push_wrapped(out, sb.buf, TCRM_DOCUMENT_WIDTH);
    if (rc == TCRM_ENOMEM)
        tcrm_error_set(err, rc, "out of memory");
    tcrm_strbuf_free(&sb);
    return rc;
}

int doc_template_fill(const char *path, const struct doc_fill *f,
                      struct tcrm_doc *out, struct tcrm_error *err)
{
    char *text = NULL;
    if (f->rc)
        return tcrm_error_set(err, f->rc, "out of memory");
    int rc = read_all(path, &text, err);
    struct line_state ls = { path, 0, 0, 0, 0 };
    for (const char *p = text; rc == 0 && p && *p;) {
        ls.lineno++;
        rc = fill_line(f, p, &p, &ls, out, err);
    }
    free(text);
    return rc;
}
