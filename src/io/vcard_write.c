/*
 * vcard_write.c: content lines (fold, escape, quoted-printable) and
 * contacts out as vCard 3.0 or 4.0 (vcard.h).
 *
 * Design. A card is built in a string buffer, one property at a time
 * through tcrm_cl_fold, and written with one fwrite per 256 KB. What each
 * tcrm field becomes, so that vcard_map.c reads it back the same:
 *   name -> FN, and N split for clients that need it (CJK: the first
 *   character is the family name; otherwise the last word); company and
 *   department -> ORG; title -> TITLE; phones -> TEL with TYPE cell,
 *   work+voice, home+voice or work+fax; e-mail -> EMAIL; web -> URL; IM
 *   -> X-TCRM-IM (IMPP wants a URI, which tcrm does not keep); address
 *   and city -> ADR (street and locality); birthday -> BDAY (3.0:
 *   1985-04-12 or --04-12; 4.0: 19850412 or --0412); tags -> CATEGORIES;
 *   notes -> NOTE; source -> X-TCRM-SOURCE; and a UID (tcrm_cl_uid),
 *   which the reader drops (khard, for one, needs it).
 * Contacts come in id order (the order they were added in), in the
 * search's order with a search, in a list's order (the screen's), or in
 * the order of the ids given.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "contact_walk.h"
#include "tcrm/contact_export.h"
#include "tcrm/text.h"
#include "tcrm/vcard.h"

#define FLUSH_AT (256 * 1024)

/* ---- content lines ---------------------------------------------------- */

int tcrm_cl_fold(struct tcrm_strbuf *out, const char *name_params,
                 const char *value, size_t len)
{
    struct tcrm_strbuf line;
    tcrm_strbuf_init(&line);
    int rc = tcrm_strbuf_append(&line, name_params);
    if (!rc)
        rc = tcrm_strbuf_appendc(&line, ':');
    if (!rc)
        rc = tcrm_strbuf_appendn(&line, value, len);
    size_t col = 0;
    for (size_t i = 0; !rc && i < line.len; i++) {
        unsigned char c = (unsigned char)line.buf[i];
        size_t clen = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3
                    : c >= 0xC0 ? 2 : 1;
        if (i + clen > line.len)
            clen = line.len - i;
        if (col + clen > 75) {
            rc = tcrm_strbuf_append(out, "\r\n ");
            col = 1;
        }
        if (!rc)
            rc = tcrm_strbuf_appendn(out, line.buf + i, clen);
        col += clen;
        i += clen - 1;
    }
    if (!rc)
        rc = tcrm_strbuf_append(out, "\r\n");
    tcrm_strbuf_free(&line);
    return rc;
}

int tcrm_cl_escape(struct tcrm_strbuf *out, const char *s)
{
    int rc = 0;
    for (; !rc && s && *s; s++) {
        if (*s == '\\' || *s == ',' || *s == ';') {
            rc = tcrm_strbuf_appendc(out, '\\');
            if (!rc)
                rc = tcrm_strbuf_appendc(out, *s);
        } else if (*s == '\r' || *s == '\n') {
            if (*s == '\r' && s[1] == '\n')
                s++;
            rc = tcrm_strbuf_append(out, "\\n");
        } else {
            rc = tcrm_strbuf_appendc(out, *s);
        }
    }
    return rc;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

int tcrm_cl_qp_decode(struct tcrm_strbuf *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '=') {
            if (tcrm_strbuf_appendc(out, s[i]))
                return TCRM_ENOMEM;
            continue;
        }
        if (i + 1 == len)
            break;                      /* a soft break at the very end */
        if (s[i + 1] == '\n') {
            i++;
            continue;
        }
        if (s[i + 1] == '\r' && i + 2 < len && s[i + 2] == '\n') {
            i += 2;
            continue;
        }
        int hi = hexval(s[i + 1]), lo = i + 2 < len ? hexval(s[i + 2]) : -1;
        if (hi < 0 || lo < 0)
            return -1;
        if (tcrm_strbuf_appendc(out, (char)(hi * 16 + lo)))
            return TCRM_ENOMEM;
        i += 2;
    }
    return 0;
}

void tcrm_cl_uid(char *out, size_t n, const char *what, int64_t id,
                 const char *created_at)
{
    char digits[24];
    size_t j = 0;
    for (const char *s = created_at ? created_at : ""; *s && j < 14; s++)
        if (*s >= '0' && *s <= '9')
            digits[j++] = *s;
    digits[j] = '\0';
    snprintf(out, n, "tcrm-%s-%lld-%s@tcrm", what, (long long)id, digits);
}

/* ---- one card --------------------------------------------------------- */

int tcrm_vcard_version_parse(const char *s)
{
    if (!strcmp(s, "3.0") || !strcmp(s, "3"))
        return TCRM_VCARD_30;
    if (!strcmp(s, "4.0") || !strcmp(s, "4"))
        return TCRM_VCARD_40;
    return -1;
}

struct card {
    struct tcrm_strbuf *out, val;
    int rc;
};

/* name:value with the value escaped as one TEXT. */
static void prop(struct card *k, const char *name, const char *v)
{
    if (k->rc || tcrm_str_empty(v))
        return;
    tcrm_strbuf_reset(&k->val);
    k->rc = tcrm_cl_escape(&k->val, v);
    if (!k->rc)
        k->rc = tcrm_cl_fold(k->out, name, k->val.buf, k->val.len);
}

/* name:a;b;c... with each component escaped (NULL: empty). */
static void structured(struct card *k, const char *name,
                       const char *const *parts, size_t n)
{
    if (k->rc)
        return;
    tcrm_strbuf_reset(&k->val);
    for (size_t i = 0; !k->rc && i < n; i++) {
        if (i)
            k->rc = tcrm_strbuf_appendc(&k->val, ';');
        if (!k->rc)
            k->rc = tcrm_cl_escape(&k->val, parts[i]);
    }
    if (!k->rc)
        k->rc = tcrm_cl_fold(k->out, name, k->val.buf, k->val.len);
}

/* N from the one name tcrm keeps: family, given. */
static void write_n(struct card *k, const char *name)
{
    struct tcrm_strbuf fam, giv;
    tcrm_strbuf_init(&fam);
    tcrm_strbuf_init(&giv);
    size_t len = strlen(name);
    if (tcrm_text_is_cjk_name(name)) {
        size_t first = tcrm_utf8_next(name, len, 0);
        tcrm_strbuf_appendn(&fam, name, first);
        tcrm_strbuf_append(&giv, name + first);
    } else {
        const char *sp = strrchr(name, ' ');
        if (sp && sp[1]) {
            tcrm_strbuf_appendn(&giv, name, (size_t)(sp - name));
            tcrm_strbuf_append(&fam, sp + 1);
        } else {
            tcrm_strbuf_append(&giv, name);
        }
    }
    const char *parts[5] = { fam.buf, giv.buf, NULL, NULL, NULL };
    structured(k, "N", parts, 5);
    tcrm_strbuf_free(&fam);
    tcrm_strbuf_free(&giv);
}

static void write_channels(struct card *k, const struct tcrm_contact *c,
                           enum tcrm_vcard_version v)
{
    static const char *const v3[] = { "TEL;TYPE=CELL", "TEL;TYPE=WORK,VOICE",
        "TEL;TYPE=HOME,VOICE", "TEL;TYPE=WORK,FAX", "EMAIL;TYPE=INTERNET",
        "URL", "X-TCRM-IM" };
    static const char *const v4[] = { "TEL;VALUE=text;TYPE=cell",
        "TEL;VALUE=text;TYPE=\"work,voice\"",
        "TEL;VALUE=text;TYPE=\"home,voice\"",
        "TEL;VALUE=text;TYPE=\"work,fax\"", "EMAIL", "URL", "X-TCRM-IM" };
    for (size_t i = 0; i < c->n_channels; i++) {
        unsigned kind = (unsigned)c->channels[i].kind;
        if (kind < TCRM_CH_COUNT)
            prop(k, v == TCRM_VCARD_40 ? v4[kind] : v3[kind],
                 c->channels[i].value);
    }
}

static void write_bday(struct card *k, const char *b,
                       enum tcrm_vcard_version v)
{
    char d[16];
    size_t n = strlen(b);
    if (n == 10 && v == TCRM_VCARD_40)
        snprintf(d, sizeof d, "%.4s%.2s%.2s", b, b + 5, b + 8);
    else if (n == 5 && v == TCRM_VCARD_40)
        snprintf(d, sizeof d, "--%.2s%.2s", b, b + 3);
    else if (n == 5)
        snprintf(d, sizeof d, "--%s", b);
    else
        snprintf(d, sizeof d, "%.10s", b);
    prop(k, "BDAY", d);
}

static void write_tags(struct card *k, const struct tcrm_contact *c)
{
    if (k->rc || c->tags.n == 0)
        return;
    tcrm_strbuf_reset(&k->val);
    for (size_t i = 0; !k->rc && i < c->tags.n; i++) {
        if (i)
            k->rc = tcrm_strbuf_appendc(&k->val, ',');
        if (!k->rc)
            k->rc = tcrm_cl_escape(&k->val, c->tags.items[i]);
    }
    if (!k->rc)
        k->rc = tcrm_cl_fold(k->out, "CATEGORIES", k->val.buf, k->val.len);
}

int tcrm_vcard_write_contact(struct tcrm_strbuf *out,
                             const struct tcrm_contact *c,
                             enum tcrm_vcard_version v)
{
    struct card k = { out, {0}, 0 };
    tcrm_strbuf_init(&k.val);
    k.rc = tcrm_strbuf_append(out, v == TCRM_VCARD_40
                              ? "BEGIN:VCARD\r\nVERSION:4.0\r\n"
                              : "BEGIN:VCARD\r\nVERSION:3.0\r\n");
    const char *name = c->name ? c->name : "";
    prop(&k, "FN", name);
    if (v == TCRM_VCARD_30 || *name)
        write_n(&k, name);
    if (!tcrm_str_empty(c->company) || !tcrm_str_empty(c->department)) {
        const char *org[2] = { c->company, c->department };
        structured(&k, "ORG", org, tcrm_str_empty(c->department) ? 1 : 2);
    }
    prop(&k, "TITLE", c->title);
    write_channels(&k, c, v);
    if (!tcrm_str_empty(c->address) || !tcrm_str_empty(c->city)) {
        const char *adr[7] = { NULL, NULL, c->address, c->city, NULL, NULL,
                               NULL };
        structured(&k, v == TCRM_VCARD_40 ? "ADR;TYPE=work" : "ADR;TYPE=WORK",
                   adr, 7);
    }
    if (!tcrm_str_empty(c->birthday))
        write_bday(&k, c->birthday, v);
    write_tags(&k, c);
    prop(&k, "NOTE", c->notes);
    prop(&k, "X-TCRM-SOURCE", c->source);
    if (c->id) {
        char uid[96];
        tcrm_cl_uid(uid, sizeof uid, "contact", c->id, c->stamp.created_at);
        prop(&k, v == TCRM_VCARD_40 ? "UID;VALUE=text" : "UID", uid);
    }
    if (!k.rc)
        k.rc = tcrm_strbuf_append(out, "END:VCARD\r\n");
    tcrm_strbuf_free(&k.val);
    return k.rc;
}

/* ---- export ----------------------------------------------------------- */

struct sink {
    struct tcrm_db *db;
    const struct tcrm_vcard_export_opts *o;
    struct tcrm_strbuf buf;
    int64_t cards;
};

static int flush(struct sink *s, size_t at, struct tcrm_error *err)
{
    if (s->buf.len < at || s->buf.len == 0)
        return 0;
    if (fwrite(s->buf.buf, 1, s->buf.len, s->o->out) != s->buf.len)
        return tcrm_error_set(err, TCRM_EIO, "write: %s", strerror(errno));
    tcrm_strbuf_reset(&s->buf);
    return 0;
}

static int put(struct sink *s, const struct tcrm_contact *c,
               struct tcrm_error *err)
{
    if (tcrm_vcard_write_contact(&s->buf, c, s->o->version))
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    s->cards++;
    return flush(s, FLUSH_AT, err);
}

static int put_id(struct sink *s, struct tcrm_db *db, int64_t id,
                  struct tcrm_error *err)
{
    struct tcrm_contact c;
    tcrm_contact_init(&c);
    int rc = tcrm_contact_get(db, id, &c, err);
    if (!rc)
        rc = put(s, &c, err);
    tcrm_contact_clear(&c);
    return rc;
}

static int put_one(void *ud, int64_t id, struct tcrm_error *err)
{
    struct sink *s = ud;
    return put_id(s, s->db, id, err);
}

static int by_search(struct sink *s, struct tcrm_error *err)
{
    struct tcrm_contact_filter f = { s->o->search, s->o->tag, 0,
                                     TCRM_SORT_NAME };
    return tcrm_contact_walk(s->db, &f, put_one, s, err);
}

static int by_id(struct sink *s, struct tcrm_db *db, struct tcrm_error *err)
{
    struct tcrm_contact_filter f = { NULL, s->o->tag, 0, TCRM_SORT_NAME };
    struct tcrm_contact_export *it = NULL;
    int rc = tcrm_contact_export_open(db, &f, TCRM_EXPORT_BY_ID, &it, err);
    struct tcrm_contact c;
    while (!rc && (rc = tcrm_contact_export_next(it, &c, err)) == 1) {
        rc = put(s, &c, err);
        tcrm_contact_clear(&c);
    }
    tcrm_contact_export_close(it);
    return rc < 0 ? rc : 0;
}

int tcrm_vcard_export(struct tcrm_db *db,
                      const struct tcrm_vcard_export_opts *o, int64_t *cards,
                      struct tcrm_error *err)
{
    struct sink s = { db, o, {0}, 0 };
    tcrm_strbuf_init(&s.buf);
    int rc = 0;
    if (o->ids)
        for (size_t i = 0; !rc && i < o->n_ids; i++)
            rc = put_id(&s, db, o->ids[i], err);
    else if (o->list)
        rc = tcrm_contact_walk(db, o->list, put_one, &s, err);
    else if (o->search && *o->search)
        rc = by_search(&s, err);
    else
        rc = by_id(&s, db, err);
    if (!rc)
        rc = flush(&s, 0, err);
    if (!rc && fflush(o->out) != 0)
        rc = tcrm_error_set(err, TCRM_EIO, "write: %s", strerror(errno));
    tcrm_strbuf_free(&s.buf);
    if (cards)
        *cards = s.cards;
    return rc;
}
