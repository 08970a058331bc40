/*
 * export.c: contacts, companies, interactions, follow-ups and deals as
 * CSV (csvio.h, "export").
 *
 * Design. Each table is a list of columns (names; --fields picks and
 * orders them) and a walk that fetches records a page at a time through
 * the core's list functions, so memory stays flat on a million rows.
 * Records are written into one buffer (RFC 4180: a cell is quoted when it
 * holds a quote, comma, semicolon, tab, CR or LF or starts/ends with a
 * space; quotes doubled; CRLF after each record) that goes out with one
 * fwrite per 256 KB, or one record at a time through iconv for
 * --encoding.
 *
 * Contacts without --search come from core's one-pass reader
 * (contact_export.h: three statements merged by contact id, no query per
 * contact) in id order, the order they were added in, also with --tag:
 * its views lend each value with its length, so a record costs no
 * allocation and no strlen. With --search they come in the search's
 * ranked order, a page of the list at a time, each page's contacts read
 * together (tcrm_contact_export_ids: three queries a page, not three a
 * contact) and written in the list's order.
 *
 * Contacts get one column per phone or e-mail: the export first asks core
 * for the most channels of each kind any contact has (mobile, phone =
 * work, home, fax, email, web, im) and numbers the columns ("email 1",
 * "email 2"), so nothing is dropped and the importer reads them back.
 *
 * Neutralization (OWASP "CSV injection"): a cell that starts with = + - @
 * TAB or CR, or with apostrophes followed by one of them, gets one more
 * apostrophe in front unless raw; the importer takes exactly one off, so
 * the round trip is exact.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "contact_walk.h"
#include "csv_write_internal.h"
#include "tcrm/company.h"
#include "tcrm/contact.h"
#include "tcrm/contact_export.h"
#include "tcrm/csvio.h"
#include "tcrm/deal.h"
#include "tcrm/followup.h"
#include "tcrm/interaction.h"
#include "tcrm/strbuf.h"

#define PAGE 500

static const char *const what_names[] = {
    "contacts", "companies", "interactions", "follow-ups", "deals"
};

int tcrm_export_what_parse(const char *s)
{
    for (int i = 0; i < 5; i++)
        if (!strcmp(s, what_names[i]))
            return i;
    if (!strcmp(s, "followups"))
        return TCRM_EXPORT_FOLLOWUPS;
    return -1;
}

/* ---- columns ---------------------------------------------------------- */

struct cols {
    char **names;
    size_t n, cap;
    size_t n_default;            /* the first n_default are exported */
    size_t *sel;
    size_t nsel;
};

static int col_add(struct cols *c, const char *name)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 32;
        char **a = realloc(c->names, cap * sizeof *a);
        if (!a)
            return TCRM_ENOMEM;
        c->names = a;
        c->cap = cap;
    }
    return (c->names[c->n] = strdup(name)) ? (c->n++, 0) : TCRM_ENOMEM;
}

static int cols_add_list(struct cols *c, const char *const *names)
{
    for (; *names; names++)
        if (col_add(c, *names))
            return TCRM_ENOMEM;
    return 0;
}

static void cols_free(struct cols *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->names[i]);
    free(c->names);
    free(c->sel);
}

/* "email" also names "email 1", "email 2"... */
static int col_matches(const char *col, const char *want)
{
    size_t n = strlen(want);
    if (!strcasecmp(col, want))
        return 1;
    return !strncasecmp(col, want, n) && col[n] == ' ' &&
           col[n + 1] >= '0' && col[n + 1] <= '9';
}

static int pick_one(struct cols *c, const char *want, struct tcrm_error *err)
{
    int found = 0;
    for (size_t i = 0; i < c->n; i++)
        if (col_matches(c->names[i], want)) {
            c->sel[c->nsel++] = i;
            found = 1;
        }
    if (found)
        return 0;
    struct tcrm_strbuf all;
    tcrm_strbuf_init(&all);
    for (size_t i = 0; i < c->n; i++)
        tcrm_strbuf_appendf(&all, "%s%s", i ? ", " : "", c->names[i]);
    tcrm_error_set(err, TCRM_EINVAL, "--fields: unknown field '%s' (fields: "
                   "%s)", want, all.buf);
    tcrm_strbuf_free(&all);
    return TCRM_EINVAL;
}

static int cols_select(struct cols *c, const char *fields,
                       struct tcrm_error *err)
{
    c->sel = calloc(c->n * 4 + 1, sizeof *c->sel);
    if (!c->sel)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (!fields) {
        for (size_t i = 0; i < c->n_default; i++)
            c->sel[c->nsel++] = i;
        return 0;
    }
    char *copy = strdup(fields), *save = NULL;
    if (!copy)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    int rc = 0;
    for (char *p = strtok_r(copy, ",", &save); p && !rc;
         p = strtok_r(NULL, ",", &save)) {
        while (*p == ' ')
            p++;
        size_t n = strlen(p);
        while (n && p[n - 1] == ' ')
            p[--n] = '\0';
        if (*p && c->nsel + c->n > c->n * 4)
            rc = tcrm_error_set(err, TCRM_EINVAL, "--fields: too many fields");
        else if (*p)
            rc = pick_one(c, p, err);
    }
    free(copy);
    if (!rc && c->nsel == 0)
        rc = tcrm_error_set(err, TCRM_EINVAL, "--fields: no fields named");
    return rc;
}

/* Write the header or one record: vals has one entry per column. */
static int emit(struct tcrm_csv_out *o, const struct cols *c, const char *const *vals,
                struct tcrm_error *err)
{
    return tcrm_csv_out_strings(o, vals, c->sel, c->nsel, err);
}

static int emit_header(struct tcrm_csv_out *o, const struct cols *c,
                       struct tcrm_error *err)
{
    int raw = o->raw;
    o->raw = 1;
    int rc = emit(o, c, (const char *const *)c->names, err);
    o->raw = raw;
    return rc;
}

/* The columns of a fixed table: all of `names` (the first n_default of
 * them unless --fields says otherwise), then the header row. */
static int cols_begin(struct tcrm_csv_out *o, struct cols *c, const char *const *names,
                      size_t n_default, const char *fields,
                      struct tcrm_error *err)
{
    if (cols_add_list(c, names))
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    c->n_default = n_default;
    int rc = cols_select(c, fields, err);
    return rc ? rc : emit_header(o, c, err);
}

static const char *join_tags(struct tcrm_strbuf *sb,
                             const struct tcrm_strlist *l)
{
    tcrm_strbuf_reset(sb);
    for (size_t i = 0; i < l->n; i++)
        tcrm_strbuf_appendf(sb, "%s%s", i ? ", " : "", l->items[i]);
    return sb->buf;
}

/* id in decimal into buf (24 bytes); "" for 0. Its length in *len. */
static const char *fmt_id_n(char *buf, int64_t id, size_t *len)
{
    char *p = buf + 23;
    uint64_t u = id < 0 ? 0 - (uint64_t)id : (uint64_t)id;
    *p = '\0';
    while (u) {
        *--p = (char)('0' + u % 10);
        u /= 10;
    }
    if (id < 0)
        *--p = '-';
    *len = (size_t)(buf + 23 - p);
    return p;
}

static const char *fmt_id(char *buf, int64_t id)
{
    size_t n;
    return fmt_id_n(buf, id, &n);
}

/* ---- contacts --------------------------------------------------------- */

static const char *const contact_base[] = {
    "name", "company", "title", "department", "address", "city", "birthday",
    "source", "notes", "tags", NULL
};
static const char *const kind_col[TCRM_CH_COUNT] = {
    "mobile", "phone", "home", "fax", "email", "web", "im"
};
static const char *const meta_cols[] = {
    "id", "created_at", "updated_at", NULL
};

struct contact_cols {
    size_t first[TCRM_CH_COUNT], count[TCRM_CH_COUNT];
    size_t meta;
};

static int contact_columns(struct tcrm_db *db, struct cols *c,
                           struct contact_cols *cc, struct tcrm_error *err)
{
    size_t max[TCRM_CH_COUNT];
    int rc = tcrm_contact_export_channel_max(db, max, err);
    if (rc)
        return rc;
    if (cols_add_list(c, contact_base))
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    for (int k = 0; k < TCRM_CH_COUNT; k++) {
        size_t n = max[k];
        if (n == 0 && (k == TCRM_CH_MOBILE || k == TCRM_CH_WORK ||
                       k == TCRM_CH_EMAIL))
            n = 1;
        cc->first[k] = c->n;
        cc->count[k] = n;
        for (size_t i = 0; i < n; i++) {
            char name[32];
            if (n == 1)
                snprintf(name, sizeof name, "%s", kind_col[k]);
            else
                snprintf(name, sizeof name, "%s %zu", kind_col[k], i + 1);
            if (col_add(c, name))
                return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        }
    }
    c->n_default = c->n;
    cc->meta = c->n;
    if (cols_add_list(c, meta_cols))
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    return 0;
}

/* One record from cells: vals has one entry per column. */
static int emit_cells(struct tcrm_csv_out *o, const struct cols *c,
                      const struct tcrm_cx_text *vals, struct tcrm_error *err)
{
    for (size_t i = 0; i < c->nsel; i++) {
        const struct tcrm_cx_text *t = &vals[c->sel[i]];
        if (tcrm_csv_out_cell(o, t->s ? t->s : "", t->len, i == 0))
            return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    }
    return tcrm_csv_out_end(o, err);
}

/* Tags joined with ", " (one tag as it is, no copy). */
static struct tcrm_cx_text tag_cell(const struct tcrm_contact_view *v,
                                    struct tcrm_strbuf *sb)
{
    if (v->n_tags == 1)
        return v->tags[0];
    tcrm_strbuf_reset(sb);
    for (size_t i = 0; i < v->n_tags; i++)
        if ((i && tcrm_strbuf_appendn(sb, ", ", 2)) ||
            tcrm_strbuf_appendn(sb, v->tags[i].s, v->tags[i].len))
            return (struct tcrm_cx_text){ NULL, SIZE_MAX };
    return (struct tcrm_cx_text){ sb->buf, sb->len };
}

static int contact_record(struct tcrm_csv_out *o, const struct cols *c,
                          const struct contact_cols *cc,
                          const struct tcrm_contact_view *v,
                          struct tcrm_cx_text *vals, struct tcrm_strbuf *tmp,
                          struct tcrm_error *err)
{
    static const enum tcrm_cx_field base[] = {
        TCRM_CX_NAME, TCRM_CX_COMPANY, TCRM_CX_TITLE, TCRM_CX_DEPARTMENT,
        TCRM_CX_ADDRESS, TCRM_CX_CITY, TCRM_CX_BIRTHDAY, TCRM_CX_SOURCE,
        TCRM_CX_NOTES
    };
    memset(vals, 0, c->n * sizeof *vals);
    for (size_t i = 0; i < 9; i++)
        vals[i] = v->field[base[i]];
    vals[9] = tag_cell(v, tmp);
    if (vals[9].len == SIZE_MAX)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    size_t used[TCRM_CH_COUNT] = {0};
    for (size_t i = 0; i < v->n_channels; i++) {
        int k = (int)v->channels[i].kind;
        if (k >= 0 && k < TCRM_CH_COUNT && used[k] < cc->count[k])
            vals[cc->first[k] + used[k]++] = v->channels[i].value;
    }
    char id[24];
    vals[cc->meta].s = fmt_id_n(id, v->id, &vals[cc->meta].len);
    vals[cc->meta + 1] = v->field[TCRM_CX_CREATED_AT];
    vals[cc->meta + 2] = v->field[TCRM_CX_UPDATED_AT];
    return emit_cells(o, c, vals, err);
}

/* The unfiltered export (and --tag): one ordered pass in id order, the
 * order the contacts were added in (contact_export.h). */
static int contacts_by_id(struct tcrm_db *db, const struct tcrm_export_opts *x,
                          struct tcrm_csv_out *o, const struct cols *c,
                          const struct contact_cols *cc,
                          struct tcrm_cx_text *vals, struct tcrm_error *err)
{
    struct tcrm_contact_filter f = {NULL, x->tag, 0, TCRM_SORT_NAME};
    struct tcrm_contact_export *it = NULL;
    int rc = tcrm_contact_export_open(db, &f, TCRM_EXPORT_BY_ID, &it, err);
    struct tcrm_strbuf tmp;
    tcrm_strbuf_init(&tmp);
    const struct tcrm_contact_view *v;
    while (!rc && (rc = tcrm_contact_export_view(it, &v, err)) == 1) {
        rc = contact_record(o, c, cc, v, vals, &tmp, err);
        o->rows += !rc;
    }
    tcrm_contact_export_close(it);
    tcrm_strbuf_free(&tmp);
    return rc;
}

static struct tcrm_cx_text text_of(const char *s)
{
    return (struct tcrm_cx_text){ s, s ? strlen(s) : 0 };
}

/* A contact read whole (--search) as a view: its channels and tags in
 * arrays the caller frees. */
static int view_of(const struct tcrm_contact *ct, struct tcrm_contact_view *v,
                   struct tcrm_cx_channel **ch, struct tcrm_cx_text **tags)
{
    const char *const f[TCRM_CX_NFIELDS] = { ct->name, ct->company,
        ct->title, ct->department, ct->address, ct->city, ct->birthday,
        ct->source, ct->notes, ct->owner, ct->last_interaction_at,
        ct->next_followup_due, ct->stamp.created_at, ct->stamp.updated_at,
        ct->stamp.created_by, ct->stamp.updated_by };
    memset(v, 0, sizeof *v);
    v->id = ct->id;
    for (int i = 0; i < TCRM_CX_NFIELDS; i++)
        v->field[i] = text_of(f[i]);
    *ch = calloc(ct->n_channels + 1, sizeof **ch);
    *tags = calloc(ct->tags.n + 1, sizeof **tags);
    if (!*ch || !*tags)
        return TCRM_ENOMEM;
    for (size_t i = 0; i < ct->n_channels; i++)
        (*ch)[i] = (struct tcrm_cx_channel){ ct->channels[i].kind,
                                             text_of(ct->channels[i].value) };
    for (size_t i = 0; i < ct->tags.n; i++)
        (*tags)[i] = text_of(ct->tags.items[i]);
    v->channels = *ch;
    v->n_channels = ct->n_channels;
    v->tags = *tags;
    v->n_tags = ct->tags.n;
    return 0;
}

/* --search: the ranked list, a page at a time; each page of ids is read
 * with three queries (contact_export.h, tcrm_contact_export_ids) in id
 * order, then written in the list's order. */
#define SEARCH_BATCH 500

struct search_ctx {
    struct tcrm_csv_out *o;
    const struct cols *c;
    const struct contact_cols *cc;
    struct tcrm_cx_text *vals;
    struct tcrm_strbuf tmp;
    struct tcrm_contact_export *it;
    int64_t ids[SEARCH_BATCH], sorted[SEARCH_BATCH];
    struct tcrm_contact got[SEARCH_BATCH];      /* by place in sorted */
    int have[SEARCH_BATCH];
    size_t n;
};

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Read the batch, then write it in the list's order. A contact that
 * went to the trash or out of sight in between is left out. */
static int search_flush(struct search_ctx *s, struct tcrm_error *err)
{
    memcpy(s->sorted, s->ids, s->n * sizeof *s->ids);
    qsort(s->sorted, s->n, sizeof *s->sorted, cmp_id);
    int rc = tcrm_contact_export_ids(s->it, s->sorted, s->n, err);
    struct tcrm_contact ct;
    while (!rc && (rc = tcrm_contact_export_next(s->it, &ct, err)) == 1) {
        int64_t *at = bsearch(&ct.id, s->sorted, s->n, sizeof *s->sorted,
                              cmp_id);
        size_t k = at ? (size_t)(at - s->sorted) : 0;
        if (at && !s->have[k]) {
            s->got[k] = ct;
            s->have[k] = 1;
        } else {
            tcrm_contact_clear(&ct);
        }
        rc = 0;
    }
    for (size_t i = 0; i < s->n; i++) {
        int64_t *at = bsearch(&s->ids[i], s->sorted, s->n, sizeof *s->sorted,
                              cmp_id);
        size_t k = (size_t)(at - s->sorted);
        struct tcrm_contact_view v;
        struct tcrm_cx_channel *ch = NULL;
        struct tcrm_cx_text *tags = NULL;
        if (rc || !s->have[k])
            continue;
        if (view_of(&s->got[k], &v, &ch, &tags))
            rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
        if (!rc)
            rc = contact_record(s->o, s->c, s->cc, &v, s->vals, &s->tmp, err);
        s->o->rows += !rc;
        free(ch);
        free(tags);
    }
    for (size_t k = 0; k < s->n; k++)
        if (s->have[k])
            tcrm_contact_clear(&s->got[k]);
    memset(s->have, 0, sizeof s->have);
    s->n = 0;
    return rc;
}

static int search_one(void *ud, int64_t id, struct tcrm_error *err)
{
    struct search_ctx *s = ud;
    s->ids[s->n++] = id;
    return s->n == SEARCH_BATCH ? search_flush(s, err) : 0;
}

static int contacts_by_search(struct tcrm_db *db,
                              const struct tcrm_export_opts *x, struct tcrm_csv_out *o,
                              const struct cols *c,
                              const struct contact_cols *cc,
                              struct tcrm_cx_text *vals,
                              struct tcrm_error *err)
{
    struct tcrm_contact_filter f = {x->search, x->tag, 0, TCRM_SORT_NAME};
    struct search_ctx *s = calloc(1, sizeof *s);
    if (!s)
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    *s = (struct search_ctx){ .o = o, .c = c, .cc = cc, .vals = vals };
    tcrm_strbuf_init(&s->tmp);
    int rc = tcrm_contact_export_open_ids(db, &s->it, err);
    if (!rc)
        rc = tcrm_contact_walk(db, &f, search_one, s, err);
    if (!rc && s->n)
        rc = search_flush(s, err);
    tcrm_contact_export_close(s->it);
    tcrm_strbuf_free(&s->tmp);
    free(s);
    return rc;
}

static int export_contacts(struct tcrm_db *db, const struct tcrm_export_opts *x,
                           struct tcrm_csv_out *o, struct tcrm_error *err)
{
    struct cols c = {0};
    struct contact_cols cc = {{0}, {0}, 0};
    int rc = contact_columns(db, &c, &cc, err);
    if (!rc)
        rc = cols_select(&c, x->fields, err);
    if (!rc)
        rc = emit_header(o, &c, err);
    struct tcrm_cx_text *vals = calloc(c.n + 1, sizeof *vals);
    if (!rc && !vals)
        rc = tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    if (!rc && x->search && *x->search)
        rc = contacts_by_search(db, x, o, &c, &cc, vals, err);
    else if (!rc)
        rc = contacts_by_id(db, x, o, &c, &cc, vals, err);
    free(vals);
    cols_free(&c);
    return rc;
}

/* ---- companies -------------------------------------------------------- */

static const char *const company_cols[] = {
    "name", "industry", "phone", "email", "website", "address", "city",
    "notes", "tags", "id", "created_at", "updated_at", NULL
};

struct company_out {
    struct tcrm_db *db;
    struct tcrm_csv_out *o;
    struct cols *c;
    struct tcrm_strbuf tmp;
};

/* One company's row (tcrm_company_walk's callback). */
static int company_row(void *ud, int64_t id, struct tcrm_error *err)
{
    struct company_out *u = ud;
    struct tcrm_company co;
    tcrm_company_init(&co);
    int rc = tcrm_company_get(u->db, id, &co, err);
    char idtext[24];
    const char *v[] = {co.name, co.industry, co.phone, co.email,
                       co.website, co.address, co.city, co.notes,
                       join_tags(&u->tmp, &co.tags), fmt_id(idtext, co.id),
                       co.stamp.created_at, co.stamp.updated_at};
    if (!rc)
        rc = emit(u->o, u->c, v, err);
    tcrm_company_clear(&co);
    u->o->rows += !rc;
    return rc;
}

static int export_companies(struct tcrm_db *db,
                            const struct tcrm_export_opts *x, struct tcrm_csv_out *o,
                            struct tcrm_error *err)
{
    struct cols c = {0};
    struct company_out u = { db, o, &c, {0} };
    tcrm_strbuf_init(&u.tmp);
    int rc = cols_begin(o, &c, company_cols, 9, x->fields, err);
    if (!rc)
        rc = tcrm_company_walk(db, x->tag, company_row, &u, err);
    tcrm_strbuf_free(&u.tmp);
    cols_free(&c);
    return rc;
}

/* ---- deals, interactions, follow-ups ---------------------------------- */

static const char *const deal_cols[] = {
    "title", "company", "contact", "stage", "amount", "currency",
    "probability", "expected_close", "status", "lost_reason", "closed_at",
    "owner", "tags", "id", "created_at", "updated_at", NULL
};

static const char *fmt_amount(char *buf, int64_t minor)
{
    unsigned long long a = minor < 0 ? 0ULL - (unsigned long long)minor
                                     : (unsigned long long)minor;
    snprintf(buf, 32, "%s%llu.%02llu", minor < 0 ? "-" : "", a / 100, a % 100);
    return buf;
}

static int deal_record(struct tcrm_csv_out *o, const struct cols *c,
                       const struct tcrm_deal *d, struct tcrm_strbuf *tmp,
                       struct tcrm_error *err)
{
    char amount[32], prob[16], id[24];
    snprintf(prob, sizeof prob, "%d", d->probability);
    const char *v[] = {d->title, d->company_name, d->contact_name, d->stage,
                       fmt_amount(amount, d->amount_minor), d->currency, prob,
                       d->expected_close, tcrm_deal_status_name(d->status),
                       d->lost_reason, d->closed_at, d->owner,
                       join_tags(tmp, &d->tags), fmt_id(id, d->id),
                       d->stamp.created_at, d->stamp.updated_at};
    return emit(o, c, v, err);
}

static int export_deals(struct tcrm_db *db, const struct tcrm_export_opts *x,
                        struct tcrm_csv_out *o, struct tcrm_error *err)
{
    struct cols c = {0};
    int rc = cols_begin(o, &c, deal_cols, 13, x->fields, err);
    struct tcrm_strbuf tmp;
    tcrm_strbuf_init(&tmp);
    int64_t after = 0;
    while (!rc) {
        struct tcrm_deal *a = NULL;
        size_t n = 0;
        rc = tcrm_deal_list(db, NULL, -1, 0, 0, after, PAGE, &a, &n, err);
        for (size_t i = 0; !rc && i < n; i++) {
            rc = deal_record(o, &c, &a[i], &tmp, err);
            o->rows += !rc;
            after = a[i].id;
        }
        tcrm_deal_array_free(a, n);
        if (n < PAGE)
            break;
    }
    tcrm_strbuf_free(&tmp);
    cols_free(&c);
    return rc;
}

static const char *const interaction_cols[] = {
    "at", "kind", "contact", "company", "summary", "body", "logged_by", "id",
    "created_at", "updated_at", NULL
};

/* Every interaction of one contact (or, contact 0, the company-only ones
 * of company). */
static int interactions_of(struct tcrm_db *db, int64_t contact,
                           int64_t company, struct tcrm_csv_out *o,
                           const struct cols *c, struct tcrm_error *err)
{
    struct tcrm_interaction *a = NULL;
    size_t n = 0;
    int rc = tcrm_interaction_recent(db, contact, company, (size_t)INT64_MAX,
                                     &a, &n, err);
    for (size_t i = 0; !rc && i < n; i++) {
        if (!contact && a[i].contact_id)
            continue;
        char id[24];
        const char *v[] = {a[i].at, tcrm_interaction_kind_name(a[i].kind),
                           a[i].contact_name, a[i].company_name, a[i].summary,
                           a[i].body, a[i].logged_by, fmt_id(id, a[i].id),
                           a[i].stamp.created_at, a[i].stamp.updated_at};
        rc = emit(o, c, v, err);
        o->rows += !rc;
    }
    tcrm_interaction_array_free(a, n);
    return rc;
}

static int export_interactions(struct tcrm_db *db,
                               const struct tcrm_export_opts *x, struct tcrm_csv_out *o,
                               struct tcrm_error *err)
{
    struct cols c = {0};
    int rc = cols_begin(o, &c, interaction_cols, 7, x->fields, err);
    struct tcrm_contact_filter f = {NULL, NULL, 0, TCRM_SORT_NAME};
    struct tcrm_contact_page prev = {0}, page = {0};
    while (!rc) {
        rc = tcrm_contact_list(db, &f, prev.n ? &prev.rows[prev.n - 1] : NULL,
                               0, PAGE, &page, err);
        for (size_t i = 0; !rc && i < page.n; i++)
            rc = interactions_of(db, page.rows[i].id, 0, o, &c, err);
        tcrm_contact_page_free(&prev);
        prev = page;
        memset(&page, 0, sizeof page);
        if (!prev.more || prev.n == 0)
            break;
    }
    tcrm_contact_page_free(&prev);
    struct tcrm_company_page cprev = {0}, cpage = {0};
    while (!rc) {
        rc = tcrm_company_list(db, NULL, NULL,
                               cprev.n ? &cprev.rows[cprev.n - 1] : NULL, 0,
                               PAGE, &cpage, err);
        for (size_t i = 0; !rc && i < cpage.n; i++)
            rc = interactions_of(db, 0, cpage.rows[i].id, o, &c, err);
        tcrm_company_page_free(&cprev);
        cprev = cpage;
        memset(&cpage, 0, sizeof cpage);
        if (!cprev.more || cprev.n == 0)
            break;
    }
    tcrm_company_page_free(&cprev);
    cols_free(&c);
    return rc;
}

static const char *const followup_cols[] = {
    "due_date", "due_time", "title", "status", "contact", "company",
    "repeat_days", "owner", "done_at", "id", "created_at", "updated_at", NULL
};

static int export_followups(struct tcrm_db *db,
                            const struct tcrm_export_opts *x, struct tcrm_csv_out *o,
                            struct tcrm_error *err)
{
    struct cols c = {0};
    int rc = cols_begin(o, &c, followup_cols, 9, x->fields, err);
    struct tcrm_followup *a = NULL;
    size_t n = 0;
    if (!rc)
        rc = tcrm_followup_list(db, 0, 0, NULL, NULL, (size_t)INT64_MAX, &a, &n,
                                err);
    for (size_t i = 0; !rc && i < n; i++) {
        char rep[16] = "", id[24];
        if (a[i].repeat_days)
            snprintf(rep, sizeof rep, "%d", a[i].repeat_days);
        const char *v[] = {a[i].due_date, a[i].due_time, a[i].title,
                           tcrm_followup_status_name(a[i].status),
                           a[i].contact_name, a[i].company_name, rep,
                           a[i].owner, a[i].done_at, fmt_id(id, a[i].id),
                           a[i].stamp.created_at, a[i].stamp.updated_at};
        rc = emit(o, &c, v, err);
        o->rows += !rc;
    }
    tcrm_followup_array_free(a, n);
    cols_free(&c);
    return rc;
}

/* ---- entry ------------------------------------------------------------ */

int tcrm_export_run(struct tcrm_db *db, const struct tcrm_export_opts *x,
                    int64_t *rows, struct tcrm_error *err)
{
    struct tcrm_csv_out o;
    tcrm_csv_out_init(&o, x->out, x->raw);
    o.visible = x->visible;
    if (rows)
        *rows = 0;
    int rc = tcrm_csv_out_encoding(&o, x->encoding, err);
    if (rc)
        return rc;
    if (x->bom)
        rc = tcrm_csv_out_bom(&o, err);
    static int (*const fn[])(struct tcrm_db *, const struct tcrm_export_opts *,
                             struct tcrm_csv_out *, struct tcrm_error *) = {
        export_contacts, export_companies, export_interactions,
        export_followups, export_deals
    };
    if (!rc && (unsigned)x->what < 5)
        rc = fn[x->what](db, x, &o, err);
    if (!rc)
        rc = tcrm_csv_out_flush(&o, err);
    if (!rc && fflush(o.f) != 0)
        rc = tcrm_error_set(err, TCRM_EIO, "write: %s", strerror(errno));
    if (rows)
        *rows = o.rows;
    tcrm_csv_out_free(&o);
    return rc;
}
