/*
 * merge.c: the field-by-field diff and three-way merge of any record a
 * form edits (edit.h), and the field tables of companies, deals and
 * follow-ups (the contact's is in contact_diff.c, with its channels).
 *
 * A record is described by a table: each field's kind and where it sits
 * in the struct. Comparing and copying are written once per kind, so the
 * rule "theirs where only they changed, a question where both did" is
 * one function for every form.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcrm/edit.h"
#include "tcrm/normalize.h"

#define AT(rec, off, type) ((type *)((char *)(rec) + (off)))
#define CAT(rec, off, type) ((const type *)((const char *)(rec) + (off)))

static const char *text_at(const void *rec, size_t off)
{
    const char *s = *CAT(rec, off, char *);
    return s ? s : "";
}

static int same_trimmed(const char *a, const char *b)
{
    char *ta = tcrm_norm_trim(a), *tb = tcrm_norm_trim(b);
    int same = ta && tb && strcmp(ta, tb) == 0;
    free(ta);
    free(tb);
    return same;
}

/* The same company: the ids when both are set, else the duplicate keys
 * of the names (what a save would resolve a typed name to). */
static int same_company(int64_t ida, const char *a, int64_t idb,
                        const char *b)
{
    if (ida && idb)
        return ida == idb;
    if (tcrm_str_empty(a) || tcrm_str_empty(b))
        return tcrm_str_empty(a) && tcrm_str_empty(b) && !ida && !idb;
    char *ka = tcrm_norm_company_key(a), *kb = tcrm_norm_company_key(b);
    int same = ka && kb && strcmp(ka, kb) == 0;
    free(ka);
    free(kb);
    return same;
}

static int same_field(const struct tcrm_record_desc *d, const void *a,
                      const void *b, int i)
{
    const struct tcrm_field_desc *f = &d->fields[i];
    switch (f->kind) {
    case TCRM_FK_TEXT:
        return strcmp(text_at(a, f->off), text_at(b, f->off)) == 0;
    case TCRM_FK_NAME:
        return same_trimmed(text_at(a, f->off), text_at(b, f->off));
    case TCRM_FK_INT:
        return *CAT(a, f->off, int) == *CAT(b, f->off, int);
    case TCRM_FK_I64:
        return *CAT(a, f->off, int64_t) == *CAT(b, f->off, int64_t);
    case TCRM_FK_TAGS:
        return tcrm_strlist_same_set(CAT(a, f->off, struct tcrm_strlist),
                                     CAT(b, f->off, struct tcrm_strlist));
    case TCRM_FK_COMPANY:
        return same_company(*CAT(a, f->off, int64_t), text_at(a, f->off2),
                            *CAT(b, f->off, int64_t), text_at(b, f->off2));
    case TCRM_FK_OTHER:
        return d->same(a, b, i);
    }
    return 1;
}

unsigned tcrm_record_diff(const struct tcrm_record_desc *d, const void *a,
                          const void *b)
{
    unsigned bits = 0;
    for (int i = 0; i < d->n; i++)
        if (!same_field(d, a, b, i))
            bits |= TCRM_FIELD_BIT(i);
    return bits;
}

static int copy_tags(struct tcrm_strlist *to, const struct tcrm_strlist *from)
{
    tcrm_strlist_clear(to);
    for (size_t i = 0; i < from->n; i++)
        if (tcrm_strlist_add(to, from->items[i]))
            return TCRM_ENOMEM;
    return 0;
}

int tcrm_record_copy_field(const struct tcrm_record_desc *d, void *to,
                           const void *from, int i)
{
    const struct tcrm_field_desc *f = &d->fields[i];
    switch (f->kind) {
    case TCRM_FK_TEXT: case TCRM_FK_NAME:
        return tcrm_str_set(AT(to, f->off, char *), text_at(from, f->off));
    case TCRM_FK_INT:
        *AT(to, f->off, int) = *CAT(from, f->off, int);
        return 0;
    case TCRM_FK_I64:
        *AT(to, f->off, int64_t) = *CAT(from, f->off, int64_t);
        return 0;
    case TCRM_FK_TAGS:
        return copy_tags(AT(to, f->off, struct tcrm_strlist),
                         CAT(from, f->off, struct tcrm_strlist));
    case TCRM_FK_COMPANY:
        *AT(to, f->off, int64_t) = *CAT(from, f->off, int64_t);
        return tcrm_str_set(AT(to, f->off2, char *), text_at(from, f->off2));
    case TCRM_FK_OTHER:
        return d->copy(to, from, i);
    }
    return 0;
}

int tcrm_record_merge3(const struct tcrm_record_desc *d, const void *base,
                       void *mine, const void *theirs, unsigned *taken,
                       unsigned *conflicts)
{
    unsigned by_me = tcrm_record_diff(d, base, mine);
    unsigned by_them = tcrm_record_diff(d, base, theirs);
    unsigned apart = tcrm_record_diff(d, mine, theirs);
    unsigned take = by_them & ~by_me;

    *conflicts = by_me & by_them & apart;
    if (taken)
        *taken = take;
    for (int i = 0; i < d->n; i++)
        if ((take & TCRM_FIELD_BIT(i)) &&
            tcrm_record_copy_field(d, mine, theirs, i))
            return TCRM_ENOMEM;
    *AT(mine, d->version_off, int64_t) = *CAT(theirs, d->version_off, int64_t);
    return 0;
}

void tcrm_record_fields_text(const struct tcrm_record_desc *d, unsigned bits,
                             char *out, size_t n)
{
    size_t len = 0;
    if (n)
        out[0] = '\0';
    for (int i = 0; i < d->n && len < n; i++) {
        if (!(bits & TCRM_FIELD_BIT(i)))
            continue;
        int w = snprintf(out + len, n - len, "%s%s", len ? ", " : "",
                         d->fields[i].name);
        if (w < 0)
            break;
        len += (size_t)w;
    }
}

/* ---- the tables -------------------------------------------------------- */

#define F(type, name, kind, member) \
    { name, kind, offsetof(struct type, member), 0 }

_Static_assert(sizeof(enum tcrm_deal_status) == sizeof(int),
               "a deal's status is read as an int");

static const struct tcrm_field_desc company_fields[TCRM_KF_COUNT] = {
    F(tcrm_company, "name", TCRM_FK_NAME, name),
    F(tcrm_company, "industry", TCRM_FK_TEXT, industry),
    F(tcrm_company, "phone", TCRM_FK_TEXT, phone),
    F(tcrm_company, "e-mail", TCRM_FK_TEXT, email),
    F(tcrm_company, "website", TCRM_FK_TEXT, website),
    F(tcrm_company, "address", TCRM_FK_TEXT, address),
    F(tcrm_company, "city", TCRM_FK_TEXT, city),
    F(tcrm_company, "notes", TCRM_FK_TEXT, notes),
    F(tcrm_company, "owner", TCRM_FK_TEXT, owner),
    F(tcrm_company, "tags", TCRM_FK_TAGS, tags),
};

const struct tcrm_record_desc tcrm_company_record = {
    company_fields, TCRM_KF_COUNT, offsetof(struct tcrm_company, version),
    NULL, NULL
};

static const struct tcrm_field_desc deal_fields[TCRM_DF_COUNT] = {
    F(tcrm_deal, "title", TCRM_FK_NAME, title),
    { "company", TCRM_FK_COMPANY, offsetof(struct tcrm_deal, company_id),
      offsetof(struct tcrm_deal, company_name) },
    F(tcrm_deal, "contact", TCRM_FK_I64, contact_id),
    F(tcrm_deal, "stage", TCRM_FK_TEXT, stage),
    F(tcrm_deal, "amount", TCRM_FK_I64, amount_minor),
    F(tcrm_deal, "currency", TCRM_FK_TEXT, currency),
    F(tcrm_deal, "probability", TCRM_FK_INT, probability),
    F(tcrm_deal, "expected close", TCRM_FK_TEXT, expected_close),
    F(tcrm_deal, "status", TCRM_FK_INT, status),
    F(tcrm_deal, "lost reason", TCRM_FK_TEXT, lost_reason),
    F(tcrm_deal, "owner", TCRM_FK_TEXT, owner),
    F(tcrm_deal, "tags", TCRM_FK_TAGS, tags),
};

const struct tcrm_record_desc tcrm_deal_record = {
    deal_fields, TCRM_DF_COUNT, offsetof(struct tcrm_deal, version),
    NULL, NULL
};

static const struct tcrm_field_desc followup_fields[TCRM_FF_COUNT] = {
    F(tcrm_followup, "title", TCRM_FK_NAME, title),
    F(tcrm_followup, "due", TCRM_FK_TEXT, due_date),
    F(tcrm_followup, "time", TCRM_FK_TEXT, due_time),
    F(tcrm_followup, "every", TCRM_FK_INT, repeat_days),
};

const struct tcrm_record_desc tcrm_followup_record = {
    followup_fields, TCRM_FF_COUNT, offsetof(struct tcrm_followup, version),
    NULL, NULL
};
