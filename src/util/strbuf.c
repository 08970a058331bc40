/*
 * strbuf.c: a growable, always NUL-terminated string (include/tcrm/strbuf.h).
 *
 * A fresh buffer points at a static empty string with cap 0, so init never
 * allocates and never fails, and sb.buf is never NULL. The first append
 * allocates; capacity then doubles, so n appends cost O(n) copies overall.
 * Every append works out the new size first and only touches the buffer
 * once the memory is there, so after TCRM_ENOMEM the old contents are intact.
 */
#include "tcrm/strbuf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcrm/error.h"

static char empty_string[1];

void tcrm_strbuf_init(struct tcrm_strbuf *sb)
{
    sb->buf = empty_string; /* never written: appends allocate first */
    sb->len = 0;
    sb->cap = 0;
}

/* Make room for `extra` more bytes plus the NUL. */
static int strbuf_grow(struct tcrm_strbuf *sb, size_t extra)
{
    if (extra >= SIZE_MAX - sb->len - 1)
        return TCRM_ENOMEM;
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap)
        return 0;
    size_t cap = sb->cap ? sb->cap : 32;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(sb->cap ? sb->buf : NULL, cap);
    if (!p)
        return TCRM_ENOMEM;
    if (!sb->cap)
        p[0] = '\0';
    sb->buf = p;
    sb->cap = cap;
    return 0;
}

int tcrm_strbuf_reserve(struct tcrm_strbuf *sb, size_t extra)
{
    return strbuf_grow(sb, extra);
}

int tcrm_strbuf_appendn(struct tcrm_strbuf *sb, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    /* s may point into our own buffer, which grow may move. */
    uintptr_t p = (uintptr_t)s, base = (uintptr_t)sb->buf;
    int inside = sb->cap && p >= base && p < base + sb->cap;
    size_t off = inside ? (size_t)(p - base) : 0;
    if (strbuf_grow(sb, n) != 0)
        return TCRM_ENOMEM;
    if (inside)
        s = sb->buf + off;
    memmove(sb->buf + sb->len, s, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
    return 0;
}

int tcrm_strbuf_append(struct tcrm_strbuf *sb, const char *s)
{
    return s ? tcrm_strbuf_appendn(sb, s, strlen(s)) : 0;
}

int tcrm_strbuf_appendc(struct tcrm_strbuf *sb, char c)
{
    return tcrm_strbuf_appendn(sb, &c, 1);
}

int tcrm_strbuf_appendf(struct tcrm_strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return TCRM_ENOMEM; /* only an encoding error or EOVERFLOW */
    if (n == 0)
        return 0;
    if (strbuf_grow(sb, (size_t)n) != 0)
        return TCRM_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
    return 0;
}

void tcrm_strbuf_reset(struct tcrm_strbuf *sb)
{
    sb->len = 0;
    if (sb->cap)
        sb->buf[0] = '\0';
}

char *tcrm_strbuf_steal(struct tcrm_strbuf *sb)
{
    char *s = sb->cap ? sb->buf : strdup("");
    if (!s)
        return NULL; /* sb untouched: still empty and valid */
    tcrm_strbuf_init(sb);
    return s;
}

void tcrm_strbuf_free(struct tcrm_strbuf *sb)
{
    if (!sb)
        return;
    if (sb->cap)
        free(sb->buf);
    tcrm_strbuf_init(sb);
}
