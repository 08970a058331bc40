/*
 * contact_diff.c: which fields of a contact a save changes, and the
 * three-way merge of a form with the stored row (edit.h).
 *
 * The text fields are reached through one table of offsets, so each rule
 * (compare, copy) is written once for all of them; the company, the
 * channels and the tags have rules of their own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tcrm/edit.h"
#include "tcrm/normalize.h"

static const char *const field_names[TCRM_CF_COUNT] = {
    "name", "company", "title", "department", "address", "city", "birthday",
    "source", "notes", "owner", "phones and e-mails", "tags",
};

const char *tcrm_contact_field_name(enum tcrm_contact_field f)
{
    return (unsigned)f < TCRM_CF_COUNT ? field_names[f] : "?";
}

/* The text field f of c, or NULL for the fields that are not one text. */
static char **text_field(struct tcrm_contact *c, enum tcrm_contact_field f)
{
    switch (f) {
    case TCRM_CF_NAME: return &c->name;
    case TCRM_CF_TITLE: return &c->title;
    case TCRM_CF_DEPARTMENT: return &c->department;
    case TCRM_CF_ADDRESS: return &c->address;
    case TCRM_CF_CITY: return &c->city;
    case TCRM_CF_BIRTHDAY: return &c->birthday;
    case TCRM_CF_SOURCE: return &c->source;
    case TCRM_CF_NOTES: return &c->notes;
    case TCRM_CF_OWNER: return &c->owner;
    default: return NULL;
    }
}

static const char *text_of(const struct tcrm_contact *c,
                           enum tcrm_contact_field f)
{
    char **p = text_field((struct tcrm_contact *)c, f);
    return p && *p ? *p : "";
}

/* Strings equal after trimming (the name is stored trimmed). */
static int same_trimmed(const char *a, const char *b)
{
    char *ta = tcrm_norm_trim(a), *tb = tcrm_norm_trim(b);
    int same = ta && tb && strcmp(ta, tb) == 0;
    free(ta);
    free(tb);
    return same;
}

static int same_company(const struct tcrm_contact *a,
                        const struct tcrm_contact *b)
{
    if (a->company_id && b->company_id)
        return a->company_id == b->company_id;
    if (tcrm_str_empty(a->company) || tcrm_str_empty(b->company))
        return tcrm_str_empty(a->company) && tcrm_str_empty(b->company) &&
               !a->company_id && !b->company_id;
    char *ka = tcrm_norm_company_key(a->company);
    char *kb = tcrm_norm_company_key(b->company);
    int same = ka && kb && strcmp(ka, kb) == 0;
    free(ka);
    free(kb);
    return same;
}

static int same_channels(const struct tcrm_contact *a,
                         const struct tcrm_contact *b)
{
    if (a->n_channels != b->n_channels)
        return 0;
    for (size_t i = 0; i < a->n_channels; i++)
        if (a->channels[i].kind != b->channels[i].kind ||
            strcmp(a->channels[i].value ? a->channels[i].value : "",
                   b->channels[i].value ? b->channels[i].value : ""))
            return 0;
    return 1;
}

int tcrm_strlist_same_set(const struct tcrm_strlist *a,
                          const struct tcrm_strlist *b)
{
    for (size_t i = 0; i < a->n; i++)
        if (!tcrm_strlist_has(b, a->items[i]))
            return 0;
    for (size_t i = 0; i < b->n; i++)
        if (!tcrm_strlist_has(a, b->items[i]))
            return 0;
    return 1;
}

static int same_field(const struct tcrm_contact *a,
                      const struct tcrm_contact *b, enum tcrm_contact_field f)
{
    switch (f) {
    case TCRM_CF_NAME: return same_trimmed(a->name, b->name);
    case TCRM_CF_COMPANY: return same_company(a, b);
    case TCRM_CF_CHANNELS: return same_channels(a, b);
    case TCRM_CF_TAGS: return tcrm_strlist_same_set(&a->tags, &b->tags);
    default: return strcmp(text_of(a, f), text_of(b, f)) == 0;
    }
}

unsigned tcrm_contact_diff(const struct tcrm_contact *a,
                           const struct tcrm_contact *b)
{
    unsigned bits = 0;
    for (int f = 0; f < TCRM_CF_COUNT; f++)
        if (!same_field(a, b, (enum tcrm_contact_field)f))
            bits |= TCRM_CF_BIT(f);
    return bits;
}

static int copy_channels(struct tcrm_contact *to,
                         const struct tcrm_contact *from)
{
    for (size_t i = 0; i < to->n_channels; i++)
        free(to->channels[i].value);
    to->n_channels = 0;
    for (size_t i = 0; i < from->n_channels; i++)
        if (tcrm_contact_add_channel(to, from->channels[i].kind,
                                     from->channels[i].value))
            return TCRM_ENOMEM;
    return 0;
}

static int copy_tags(struct tcrm_contact *to, const struct tcrm_contact *from)
{
    tcrm_strlist_clear(&to->tags);
    for (size_t i = 0; i < from->tags.n; i++)
        if (tcrm_strlist_add(&to->tags, from->tags.items[i]))
            return TCRM_ENOMEM;
    return 0;
}

int tcrm_contact_copy_field(struct tcrm_contact *to,
                            const struct tcrm_contact *from,
                            enum tcrm_contact_field f)
{
    switch (f) {
    case TCRM_CF_COMPANY:
        to->company_id = from->company_id;
        return tcrm_str_set(&to->company, from->company);
    case TCRM_CF_CHANNELS: return copy_channels(to, from);
    case TCRM_CF_TAGS: return copy_tags(to, from);
    default: {
        char **p = text_field(to, f);
        return p ? tcrm_str_set(p, text_of(from, f)) : 0;
    }
    }
}

int tcrm_contact_merge3(const struct tcrm_contact *base,
                        struct tcrm_contact *mine,
                        const struct tcrm_contact *theirs,
                        unsigned *conflicts)
{
    unsigned by_me = tcrm_contact_diff(base, mine);
    unsigned by_them = tcrm_contact_diff(base, theirs);
    unsigned apart = tcrm_contact_diff(mine, theirs);

    *conflicts = by_me & by_them & apart;
    for (int f = 0; f < TCRM_CF_COUNT; f++)
        if ((by_them & TCRM_CF_BIT(f)) && !(by_me & TCRM_CF_BIT(f)) &&
            tcrm_contact_copy_field(mine, theirs, (enum tcrm_contact_field)f))
            return TCRM_ENOMEM;
    mine->version = theirs->version;
    return 0;
}

void tcrm_contact_fields_text(unsigned bits, char *out, size_t n)
{
    size_t len = 0;
    if (n)
        out[0] = '\0';
    for (int f = 0; f < TCRM_CF_COUNT && len < n; f++) {
        if (!(bits & TCRM_CF_BIT(f)))
            continue;
        int w = snprintf(out + len, n - len, "%s%s", len ? ", " : "",
                         field_names[f]);
        if (w < 0)
            break;
        len += (size_t)w;
    }
}
