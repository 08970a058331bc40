/*
 * map_row.c: one CSV row through a map into a struct tcrm_contact.
 *
 * Rules, so that nothing is silently lost:
 *   - a single-valued field (company, title, ...) takes the first
 *     non-empty column mapped to it; any other non-empty column mapped to
 *     the same field goes into the notes as "Header: value";
 *   - unmapped columns go into the notes the same way (or are dropped when
 *     the map says drop_unmapped); notes columns are joined by newlines and
 *     come first, so an exported file reads back to the same notes;
 *   - phones, e-mails, web and IM cells may hold several values (Google's
 *     " ::: ", or , ; ， ；) and each becomes a channel; a typed Google
 *     phone takes its kind from its "Type" column (mobile, home, fax, else
 *     work);
 *   - tags split on , ; ， 、 and " ::: " (Google's "* myContacts" loses
 *     its star);
 *   - the name is the name column, else given/middle/family joined (family
 *     name first with no space when the name is CJK), else the e-mail's
 *     local part with . _ - as spaces;
 *   - short text fields are trimmed; notes and address are kept byte for
 *     byte. A leading apostrophe export added is taken off.
 */
#include <stdlib.h>
#include <string.h>

#include "mapping_internal.h"
#include "tcrm/csvcell.h"
#include "tcrm/strbuf.h"
#include "tcrm/text.h"

/* The formula rule lives in util (csvcell.h). */
static int neutral_trigger(char c)
{
    const char one[2] = { c, '\0' };
    return tcrm_csv_is_formula(one);
}

int tcrm_csv_needs_neutralize(const char *s)
{
    return tcrm_csv_is_formula(s);
}

const char *tcrm_csv_unneutralize(const char *s)
{
    if (s[0] != '\'')
        return s;
    const char *p = s;
    while (*p == '\'')
        p++;
    return neutral_trigger(*p) && *p ? s + 1 : s;
}

/* Trimmed copy of [s, s+n) into sb (reset first). */
static const char *trimmed(struct tcrm_strbuf *sb, const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
        s++, n--;
    if (n >= 3 && !memcmp(s, "\xe3\x80\x80", 3))   /* U+3000 */
        s += 3, n -= 3;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
                 s[n - 1] == '\n'))
        n--;
    if (n >= 3 && !memcmp(s + n - 3, "\xe3\x80\x80", 3))
        n -= 3;
    tcrm_strbuf_reset(sb);
    tcrm_strbuf_appendn(sb, s, n);
    return sb->buf;
}

static char **single_slot(struct tcrm_contact *c, int f)
{
    switch (f) {
    case TCRM_CF_NAME: return &c->name;
    case TCRM_CF_COMPANY: return &c->company;
    case TCRM_CF_TITLE: return &c->title;
    case TCRM_CF_DEPARTMENT: return &c->department;
    case TCRM_CF_ADDRESS: return &c->address;
    case TCRM_CF_CITY: return &c->city;
    case TCRM_CF_BIRTHDAY: return &c->birthday;
    case TCRM_CF_SOURCE: return &c->source;
    default: return NULL;
    }
}

static int kind_of_field(int f)
{
    switch (f) {
    case TCRM_CF_MOBILE: return TCRM_CH_MOBILE;
    case TCRM_CF_PHONE: return TCRM_CH_WORK;
    case TCRM_CF_HOME: return TCRM_CH_HOME;
    case TCRM_CF_FAX: return TCRM_CH_FAX;
    case TCRM_CF_EMAIL: return TCRM_CH_EMAIL;
    case TCRM_CF_WEB: return TCRM_CH_WEB;
    case TCRM_CF_IM: return TCRM_CH_IM;
    default: return -1;
    }
}

static int kind_of_type(const char *t)
{
    char low[64];
    size_t i = 0;
    for (; t[i] && i < sizeof low - 1; i++)
        low[i] = (char)((t[i] >= 'A' && t[i] <= 'Z') ? t[i] + 32 : t[i]);
    low[i] = '\0';
    if (strstr(low, "mobile") || strstr(low, "cell") || strstr(t, "手机"))
        return TCRM_CH_MOBILE;
    if (strstr(low, "fax") || strstr(t, "传真"))
        return TCRM_CH_FAX;
    if (strstr(low, "home") || strstr(t, "家"))
        return TCRM_CH_HOME;
    return TCRM_CH_WORK;
}

/* Length of the next separator at s (0 if none). */
static size_t sep_len(const char *s, int for_tags, int for_web)
{
    if (!strncmp(s, " ::: ", 5))
        return 5;
    if (for_web)
        return 0;
    if (*s == ',' || *s == ';' || *s == '\n')
        return 1;
    if (!strncmp(s, "，", 3) || !strncmp(s, "；", 3))
        return 3;
    if (for_tags && !strncmp(s, "、", 3))
        return 3;
    return 0;
}

/* Call add(c, kind, piece) for every piece of v. */
static int split_add(struct tcrm_contact *c, const char *v, int kind,
                     int for_tags, struct tcrm_strbuf *tmp)
{
    const char *start = v;
    for (const char *p = v;; p++) {
        size_t k = *p ? sep_len(p, for_tags, kind == TCRM_CH_WEB) : 1;
        if (!k)
            continue;
        const char *piece = trimmed(tmp, start, (size_t)(p - start));
        if (for_tags && piece[0] == '*')
            piece = trimmed(tmp, start + 1, (size_t)(p - start - 1));
        int rc = 0;
        if (*piece && for_tags && !tcrm_strlist_has(&c->tags, piece))
            rc = tcrm_strlist_add(&c->tags, piece);
        else if (*piece && !for_tags)
            rc = tcrm_contact_add_channel(c, kind, piece);
        if (rc)
            return rc;
        if (!*p)
            return 0;
        start = p + k;
        p += k - 1;
    }
}

static int note_line(struct tcrm_strbuf *extra, const char *h, const char *v)
{
    if (extra->len)
        tcrm_strbuf_appendc(extra, '\n');
    return tcrm_strbuf_appendf(extra, "%s: %s", h, v);
}

struct row_bufs {
    struct tcrm_strbuf given, middle, family, notes, extra, tmp;
};

static void name_part(struct tcrm_strbuf *part, const char *v)
{
    if (part->len)
        tcrm_strbuf_appendc(part, ' ');
    tcrm_strbuf_append(part, v);
}

/* Name from given/middle/family, or from the first e-mail (n: scratch). */
int tcrm_map_name_from_parts(struct tcrm_contact *c, const char *given,
                             const char *middle, const char *family,
                             struct tcrm_strbuf *n)
{
    if (!tcrm_str_empty(c->name))
        return 0;
    tcrm_strbuf_reset(n);
    int cjk = tcrm_text_is_cjk_name(family) || tcrm_text_is_cjk_name(given);
    if (cjk) {
        tcrm_strbuf_append(n, family);
        tcrm_strbuf_append(n, given);
    } else {
        const char *parts[3] = {given, middle, family};
        for (int i = 0; i < 3; i++)
            if (*parts[i]) {
                if (n->len)
                    tcrm_strbuf_appendc(n, ' ');
                tcrm_strbuf_append(n, parts[i]);
            }
    }
    const char *mail = tcrm_contact_email(c);
    if (!n->len && mail) {
        for (const char *p = mail; *p && *p != '@'; p++)
            tcrm_strbuf_appendc(n, (*p == '.' || *p == '_' || *p == '-')
                                       ? ' ' : *p);
    }
    return tcrm_str_set(&c->name, n->buf);
}

static int compose_name(struct tcrm_contact *c, struct row_bufs *b)
{
    return tcrm_map_name_from_parts(c, b->given.buf, b->middle.buf,
                                    b->family.buf, &b->tmp);
}

static int one_cell(const struct tcrm_csv_map *m, const struct tcrm_csv_row *r,
                    size_t i, struct tcrm_contact *c, struct row_bufs *b)
{
    int f = m->field[i];
    const char *raw = tcrm_csv_unneutralize(r->fields[i]);
    if (f == TCRM_CF_SKIP || f == TCRM_CF_TYPE || !*raw)
        return 0;
    if (f == TCRM_CF_NOTES) {
        if (b->notes.len)
            tcrm_strbuf_appendc(&b->notes, '\n');
        return tcrm_strbuf_append(&b->notes, raw);
    }
    if (f == TCRM_CF_UNMAPPED)
        return m->drop_unmapped ? 0 : note_line(&b->extra, m->headers[i], raw);
    if (f == TCRM_CF_TAGS)
        return split_add(c, raw, 0, 1, &b->tmp);
    int kind = kind_of_field(f);
    if (f == TCRM_CF_PHONE_TYPED)
        kind = m->type_col[i] >= 0 && (size_t)m->type_col[i] < r->n
                   ? kind_of_type(r->fields[m->type_col[i]]) : TCRM_CH_WORK;
    if (kind >= 0)
        return split_add(c, raw, kind, 0, &b->tmp);
    int keep = f == TCRM_CF_ADDRESS;
    const char *v = keep ? raw : trimmed(&b->tmp, raw, strlen(raw));
    if (!*v)
        return 0;
    if (f == TCRM_CF_GIVEN || f == TCRM_CF_MIDDLE || f == TCRM_CF_FAMILY) {
        name_part(f == TCRM_CF_GIVEN ? &b->given
                  : f == TCRM_CF_MIDDLE ? &b->middle : &b->family, v);
        return 0;
    }
    char **slot = single_slot(c, f);
    if (!slot)
        return 0;
    if (!tcrm_str_empty(*slot))
        return note_line(&b->extra, m->headers[i], v);
    return tcrm_str_set(slot, v);
}

int tcrm_csv_map_row(const struct tcrm_csv_map *m,
                     const struct tcrm_csv_row *row, struct tcrm_contact *c,
                     struct tcrm_error *err)
{
    tcrm_contact_clear(c);
    tcrm_contact_init(c);
    if (row->n != m->n)
        return tcrm_error_set(err, TCRM_EINVAL, "%zu fields, the header has %zu",
                              row->n, m->n);
    struct row_bufs b;
    struct tcrm_strbuf *all[6] = {&b.given, &b.middle, &b.family, &b.notes,
                                  &b.extra, &b.tmp};
    for (int i = 0; i < 6; i++)
        tcrm_strbuf_init(all[i]);
    int rc = 0;
    for (size_t i = 0; i < m->n && !rc; i++)
        rc = one_cell(m, row, i, c, &b);
    if (!rc && b.extra.len) {
        if (b.notes.len)
            tcrm_strbuf_appendc(&b.notes, '\n');
        rc = tcrm_strbuf_append(&b.notes, b.extra.buf);
    }
    if (!rc)
        rc = tcrm_str_set(&c->notes, b.notes.buf);
    if (!rc)
        rc = compose_name(c, &b);
    for (int i = 0; i < 6; i++)
        tcrm_strbuf_free(all[i]);
    if (rc)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    return 0;
}
