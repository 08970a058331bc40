/*
 * strbuf.h: a growable, always NUL-terminated string.
 *
 *   struct tcrm_strbuf sb;
 *   tcrm_strbuf_init(&sb);
 *   tcrm_strbuf_appendf(&sb, "%d rows", n);
 *   puts(sb.buf);            // sb.buf is "" (never NULL) after init
 *   tcrm_strbuf_free(&sb);
 *
 * Append functions return 0 or TCRM_ENOMEM; after ENOMEM the buffer keeps
 * what it had. Pure memory, no I/O.
 */
#ifndef TCRM_STRBUF_H
#define TCRM_STRBUF_H

#include <stddef.h>

struct tcrm_strbuf {
    char *buf;   /* NUL-terminated; "" after init */
    size_t len;  /* bytes before the NUL */
    size_t cap;  /* bytes allocated (0 while buf points at a static "") */
};

void tcrm_strbuf_init(struct tcrm_strbuf *sb);
int tcrm_strbuf_append(struct tcrm_strbuf *sb, const char *s);
int tcrm_strbuf_appendn(struct tcrm_strbuf *sb, const char *s, size_t n);
int tcrm_strbuf_appendc(struct tcrm_strbuf *sb, char c);
int tcrm_strbuf_appendf(struct tcrm_strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Room for `extra` more bytes and the NUL after len: a caller may write
 * them at buf + len itself, then add to len (and keep the NUL). */
int tcrm_strbuf_reserve(struct tcrm_strbuf *sb, size_t extra);
/* Keep the memory, drop the contents. */
void tcrm_strbuf_reset(struct tcrm_strbuf *sb);
/* Hand the string to the caller (free() it); sb is left empty and reusable.
 * Never returns NULL unless memory is exhausted. */
char *tcrm_strbuf_steal(struct tcrm_strbuf *sb);
void tcrm_strbuf_free(struct tcrm_strbuf *sb);

#endif
