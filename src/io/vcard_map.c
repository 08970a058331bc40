/*
 * vcard_map.c: one card's properties into a struct tcrm_contact (the
 * rules are in vcard.h).
 *
 * Two walks over the card (tcrm_vc_walk): the first collects the
 * X-ABLabel of each group (Apple writes "item1.TEL:..." and
 * "item1.X-ABLabel:Mobile"), the second maps every property. Single
 * fields take the first value; a second FN, TITLE, ORG, ADR or BDAY goes
 * into the notes like any property tcrm has no field for, so nothing is
 * lost. Notes are the NOTE values joined by newlines, then those
 * "NAME: value" lines.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mapping_internal.h"
#include "tcrm/text.h"
#include "vcard_internal.h"

#define MAX_LABELS 64

struct label {
    char group[32];
    unsigned types;
};

struct build {
    struct tcrm_contact *c;
    struct tcrm_strbuf given, middle, family, notes, extra, tmp;
    struct label labels[MAX_LABELS];
    size_t n_labels;
    int have_fn, have_org, have_title, have_adr, have_bday;
};

/* Unescape one component of v (up to an unescaped sep, or all when sep
 * is 0) into out; returns the bytes of v consumed (with the separator).
 * 2.1 escapes only ";" (and "\\" before it); 3.0 and 4.0 also \\ \, \n. */
static size_t unescape(const char *v, size_t n, char sep, int version,
                       struct tcrm_strbuf *out)
{
    size_t i = 0;
    for (; i < n && v[i] != sep; i++) {
        char c = v[i];
        if (c == '\\' && i + 1 < n) {
            char d = v[i + 1];
            if (d == 'n' || d == 'N') {
                if (version != 21) {
                    tcrm_strbuf_appendc(out, '\n');
                    i++;
                    continue;
                }
            } else if (d == ';' || d == ',' || d == '\\' || d == ':') {
                if (version != 21 || d == ';' || d == '\\') {
                    tcrm_strbuf_appendc(out, d);
                    i++;
                    continue;
                }
            }
        }
        tcrm_strbuf_appendc(out, c);
    }
    return i < n ? i + 1 : i;
}

/* Component k (0-based) of a structured value, unescaped, into out
 * (empty when the value has fewer components). */
static void component(const struct vc_prop *p, int version, size_t k,
                      struct tcrm_strbuf *out)
{
    const char *v = p->text;
    size_t n = p->tlen;
    tcrm_strbuf_reset(out);
    for (size_t i = 0; i < k; i++) {
        size_t j = 0;
        while (j < n && v[j] != ';')
            j += v[j] == '\\' && j + 1 < n ? 2 : 1;
        if (j >= n)
            return;
        v += j + 1;
        n -= j + 1;
    }
    unescape(v, n, ';', version, out);
}

static void trim(struct tcrm_strbuf *s)
{
    size_t a = 0, b = s->len;
    while (a < b && (s->buf[a] == ' ' || s->buf[a] == '\t'))
        a++;
    while (b > a && (s->buf[b - 1] == ' ' || s->buf[b - 1] == '\t'))
        b--;
    memmove(s->buf, s->buf + a, b - a);
    s->len = b - a;
    s->buf[s->len] = '\0';
}

/* The whole value unescaped as text into b->tmp. */
static const char *text_of(struct build *b, struct tcrm_vcard_reader *r,
                           const struct vc_prop *p)
{
    tcrm_strbuf_reset(&b->tmp);
    unescape(p->text, p->tlen, 0, r->version, &b->tmp);
    return b->tmp.buf;
}

static int note_line(struct build *b, const struct vc_prop *p,
                     const char *v)
{
    if (!*v)
        return 0;
    if (b->extra.len)
        tcrm_strbuf_appendc(&b->extra, '\n');
    if (p->group)
        tcrm_strbuf_appendf(&b->extra, "%s.", p->group);
    return tcrm_strbuf_appendf(&b->extra, "%s: %s", p->name, v);
}

/* "Mobile", "_$!<Mobile>!$_", "手机", "传真" ... as TYPE flags. */
static unsigned label_types(const char *l)
{
    static const struct { const char *w; unsigned f; } tab[] = {
        {"mobile", VC_T_CELL}, {"cell", VC_T_CELL}, {"iphone", VC_T_CELL},
        {"手机", VC_T_CELL}, {"移动", VC_T_CELL}, {"fax", VC_T_FAX},
        {"传真", VC_T_FAX}, {"home", VC_T_HOME}, {"住宅", VC_T_HOME},
        {"家", VC_T_HOME}, {"work", VC_T_WORK}, {"工作", VC_T_WORK},
        {"单位", VC_T_WORK},
    };
    unsigned f = 0;
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++) {
        size_t n = strlen(tab[i].w);
        for (const char *s = l; *s; s++)
            if (!strncasecmp(s, tab[i].w, n)) {
                f |= tab[i].f;
                break;
            }
    }
    return f;
}

static int collect_label(struct tcrm_vcard_reader *r, const struct vc_prop *p,
                         void *ud, struct tcrm_error *err)
{
    (void)r;
    (void)err;
    struct build *b = ud;
    if (!p->group || strcmp(p->name, "X-ABLABEL") ||
        b->n_labels == MAX_LABELS || strlen(p->group) >= 32)
        return 0;
    struct label *l = &b->labels[b->n_labels++];
    snprintf(l->group, sizeof l->group, "%s", p->group);
    l->types = label_types(p->text);
    return 0;
}

static unsigned types_of(const struct build *b, const struct vc_prop *p)
{
    unsigned t = p->types;
    for (size_t i = 0; p->group && i < b->n_labels; i++)
        if (!strcasecmp(b->labels[i].group, p->group))
            t |= b->labels[i].types;
    return t;
}

static enum tcrm_channel_kind phone_kind(unsigned t)
{
    if (t & VC_T_FAX)
        return TCRM_CH_FAX;
    if (t & (VC_T_CELL | VC_T_PAGER))
        return TCRM_CH_MOBILE;
    if ((t & VC_T_HOME) && !(t & VC_T_WORK))
        return TCRM_CH_HOME;
    return TCRM_CH_WORK;
}

static int channel(struct build *b, struct tcrm_vcard_reader *r,
                   const struct vc_prop *p, enum tcrm_channel_kind k)
{
    const char *v = text_of(b, r, p);
    trim(&b->tmp);
    if (k != TCRM_CH_EMAIL && k != TCRM_CH_WEB &&
        !strncasecmp(v, "tel:", 4))
        v += 4;
    if (k == TCRM_CH_EMAIL && !strncasecmp(v, "mailto:", 7))
        v += 7;
    if (!*v)
        return 0;
    return tcrm_contact_add_channel(b->c, k, v);
}

/* Single field: first value wins, later ones go to the notes. */
static int single(struct build *b, struct tcrm_vcard_reader *r,
                  const struct vc_prop *p, int *have, char **field)
{
    const char *v = text_of(b, r, p);
    trim(&b->tmp);
    if (!*v)
        return 0;
    if (*have)
        return note_line(b, p, v);
    *have = 1;
    return tcrm_str_set(field, v);
}

static int map_n(struct build *b, struct tcrm_vcard_reader *r,
                 const struct vc_prop *p)
{
    struct tcrm_strbuf *to[3] = { &b->family, &b->given, &b->middle };
    for (size_t k = 0; k < 3; k++) {
        if (to[k]->len)
            continue;
        component(p, r->version, k, to[k]);
        trim(to[k]);
    }
    return 0;
}

static int map_org(struct build *b, struct tcrm_vcard_reader *r,
                   const struct vc_prop *p)
{
    if (b->have_org)
        return note_line(b, p, text_of(b, r, p));
    b->have_org = 1;
    component(p, r->version, 0, &b->tmp);
    trim(&b->tmp);
    int rc = b->tmp.len ? tcrm_str_set(&b->c->company, b->tmp.buf) : 0;
    /* ORG:Company;Dept;Sub-dept: the units after the first, joined */
    struct tcrm_strbuf dept;
    tcrm_strbuf_init(&dept);
    for (size_t k = 1; !rc && k < 8; k++) {
        component(p, r->version, k, &b->tmp);
        trim(&b->tmp);
        if (b->tmp.len) {
            if (dept.len)
                tcrm_strbuf_append(&dept, ", ");
            tcrm_strbuf_append(&dept, b->tmp.buf);
        }
    }
    if (!rc && dept.len)
        rc = tcrm_str_set(&b->c->department, dept.buf);
    tcrm_strbuf_free(&dept);
    return rc;
}

static int map_adr(struct build *b, struct tcrm_vcard_reader *r,
                   const struct vc_prop *p)
{
    if (b->have_adr)
        return note_line(b, p, text_of(b, r, p));
    b->have_adr = 1;
    /* post box, extended, street, locality, region, postal code, country */
    static const size_t parts[] = { 0, 1, 2, 4, 5, 6 };
    struct tcrm_strbuf a;
    tcrm_strbuf_init(&a);
    for (size_t i = 0; i < 6; i++) {
        component(p, r->version, parts[i], &b->tmp);
        if (!b->tmp.len)
            continue;
        if (a.len)
            tcrm_strbuf_append(&a, ", ");
        tcrm_strbuf_append(&a, b->tmp.buf);
    }
    int rc = a.len ? tcrm_str_set(&b->c->address, a.buf) : 0;
    tcrm_strbuf_free(&a);
    component(p, r->version, 3, &b->tmp);
    trim(&b->tmp);
    if (!rc && b->tmp.len)
        rc = tcrm_str_set(&b->c->city, b->tmp.buf);
    return rc;
}

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* BDAY forms into YYYY-MM-DD or MM-DD; 0 when it is none of them. */
static int bday_norm(const char *v, char out[11])
{
    size_t n = strcspn(v, "T");
    if (n == 10 && digits(v, 4) && v[4] == '-' && digits(v + 5, 2) &&
        v[7] == '-' && digits(v + 8, 2))
        memcpy(out, v, 10), out[10] = '\0';
    else if (n == 8 && digits(v, 8))
        snprintf(out, 11, "%.4s-%.2s-%.2s", v, v + 4, v + 6);
    else if (n == 6 && !strncmp(v, "--", 2) && digits(v + 2, 4))
        snprintf(out, 11, "%.2s-%.2s", v + 2, v + 4);
    else if (n == 7 && !strncmp(v, "--", 2) && digits(v + 2, 2) &&
             v[4] == '-' && digits(v + 5, 2))
        snprintf(out, 11, "%.2s-%.2s", v + 2, v + 5);
    else
        return 0;
    return 1;
}

static int map_bday(struct build *b, struct tcrm_vcard_reader *r,
                    const struct vc_prop *p)
{
    const char *v = text_of(b, r, p);
    trim(&b->tmp);
    char d[11];
    if (b->have_bday || !bday_norm(v, d))
        return note_line(b, p, v);
    b->have_bday = 1;
    return tcrm_str_set(&b->c->birthday, d);
}

static int map_categories(struct build *b, struct tcrm_vcard_reader *r,
                          const struct vc_prop *p)
{
    const char *v = p->text;
    size_t n = p->tlen;
    while (n) {
        tcrm_strbuf_reset(&b->tmp);
        size_t used = unescape(v, n, ',', r->version, &b->tmp);
        v += used;
        n -= used;
        trim(&b->tmp);
        if (b->tmp.len && !tcrm_strlist_has(&b->c->tags, b->tmp.buf) &&
            tcrm_strlist_add(&b->c->tags, b->tmp.buf))
            return TCRM_ENOMEM;
    }
    return 0;
}

static int map_note(struct build *b, struct tcrm_vcard_reader *r,
                    const struct vc_prop *p)
{
    const char *v = text_of(b, r, p);
    if (!*v)
        return 0;
    if (b->notes.len)
        tcrm_strbuf_appendc(&b->notes, '\n');
    return tcrm_strbuf_append(&b->notes, v);
}

static int is_dropped(const char *name)
{
    static const char *const drop[] = { "VERSION", "PRODID", "UID", "REV",
        "LABEL", "X-ABLABEL", "N", "KIND", "X-TCRM-IMPORT-ERROR", NULL };
    for (size_t i = 0; drop[i]; i++)
        if (!strcmp(name, drop[i]))
            return 1;
    return 0;
}

static int map_prop(struct tcrm_vcard_reader *r, const struct vc_prop *p,
                    void *ud, struct tcrm_error *err)
{
    (void)err;
    struct build *b = ud;
    struct tcrm_contact *c = b->c;
    const char *n = p->name;
    if (p->binary) {
        r->binary++;
        return 0;
    }
    if (!strcmp(n, "FN"))
        return single(b, r, p, &b->have_fn, &c->name);
    if (!strcmp(n, "N"))
        return map_n(b, r, p);
    if (!strcmp(n, "ORG"))
        return map_org(b, r, p);
    if (!strcmp(n, "TITLE"))
        return single(b, r, p, &b->have_title, &c->title);
    if (!strcmp(n, "ADR"))
        return map_adr(b, r, p);
    if (!strcmp(n, "NOTE"))
        return map_note(b, r, p);
    if (!strcmp(n, "BDAY"))
        return map_bday(b, r, p);
    if (!strcmp(n, "CATEGORIES"))
        return map_categories(b, r, p);
    if (!strcmp(n, "TEL"))
        return channel(b, r, p, phone_kind(types_of(b, p)));
    if (!strcmp(n, "EMAIL"))
        return channel(b, r, p, TCRM_CH_EMAIL);
    if (!strcmp(n, "URL"))
        return channel(b, r, p, TCRM_CH_WEB);
    if (!strcmp(n, "IMPP") || !strcmp(n, "X-TCRM-IM"))
        return channel(b, r, p, TCRM_CH_IM);
    if (!strcmp(n, "X-TCRM-SOURCE")) {
        int have = !tcrm_str_empty(c->source);
        return single(b, r, p, &have, &c->source);
    }
    if (is_dropped(n))
        return 0;
    return note_line(b, p, text_of(b, r, p));
}

static int finish(struct build *b)
{
    struct tcrm_contact *c = b->c;
    if (b->extra.len) {
        if (b->notes.len)
            tcrm_strbuf_appendc(&b->notes, '\n');
        tcrm_strbuf_append(&b->notes, b->extra.buf);
    }
    if (b->notes.len && tcrm_str_set(&c->notes, b->notes.buf))
        return TCRM_ENOMEM;
    return tcrm_map_name_from_parts(c, b->given.buf, b->middle.buf,
                                    b->family.buf, &b->tmp);
}

int tcrm_vcard_contact(struct tcrm_vcard_reader *r, struct tcrm_contact *c,
                       struct tcrm_error *err)
{
    tcrm_contact_clear(c);
    tcrm_contact_init(c);
    if (r->next == 0)
        return tcrm_error_set(err, TCRM_EINVAL, "%s: no card read yet",
                              r->name);
    const struct vc_card *card = &r->cards[r->next - 1];
    struct build b;
    memset(&b, 0, sizeof b);
    b.c = c;
    struct tcrm_strbuf *all[6] = { &b.given, &b.middle, &b.family, &b.notes,
                                   &b.extra, &b.tmp };
    for (int i = 0; i < 6; i++)
        tcrm_strbuf_init(all[i]);
    int rc = tcrm_vc_walk(r, card, collect_label, &b, err);
    if (!rc)
        rc = tcrm_vc_walk(r, card, map_prop, &b, err);
    if (!rc && finish(&b))
        rc = TCRM_ENOMEM;
    if (rc == TCRM_ENOMEM)
        rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    for (int i = 0; i < 6; i++)
        tcrm_strbuf_free(all[i]);
    return rc;
}
