/*
 * contact_diff.c: which fields of a contact a save changes, and the
 * three-way merge of a form with the stored row (edit.h).
 *
 * The contact's fields are one table (struct tcrm_record_desc) read by
 * the diff and merge of every record (merge.c); only the phones and
 * e-mails have rules of their own here.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tcrm/edit.h"
#include "tcrm/normalize.h"

#define F(name, kind, member) \
    { name, kind, offsetof(struct tcrm_contact, member), 0 }

static int same_other(const void *a, const void *b, int f);
static int copy_other(void *to, const void *from, int f);

static const struct tcrm_field_desc fields[TCRM_CF_COUNT] = {
    F("name", TCRM_FK_NAME, name),
    { "company", TCRM_FK_COMPANY, offsetof(struct tcrm_contact, company_id),
      offsetof(struct tcrm_contact, company) },
    F("title", TCRM_FK_TEXT, title),
    F("department", TCRM_FK_TEXT, department),
    F("address", TCRM_FK_TEXT, address),
    F("city", TCRM_FK_TEXT, city),
    F("birthday", TCRM_FK_TEXT, birthday),
    F("source", TCRM_FK_TEXT, source),
    F("notes", TCRM_FK_TEXT, notes),
    F("owner", TCRM_FK_TEXT, owner),
    F("phones and e-mails", TCRM_FK_OTHER, channels),
    F("tags", TCRM_FK_TAGS, tags),
};

const struct tcrm_record_desc tcrm_contact_record = {
    fields, TCRM_CF_COUNT, offsetof(struct tcrm_contact, version),
    same_other, copy_other
};

const char *tcrm_contact_field_name(enum tcrm_contact_field f)
{
    return (unsigned)f < TCRM_CF_COUNT ? fields[f].name : "?";
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

unsigned tcrm_contact_diff(const struct tcrm_contact *a,
                           const struct tcrm_contact *b)
{
    return tcrm_record_diff(&tcrm_contact_record, a, b);
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

/* The one field of its own kind: the phones and e-mails. */
static int same_other(const void *a, const void *b, int f)
{
    (void)f;
    return same_channels(a, b);
}

static int copy_other(void *to, const void *from, int f)
{
    (void)f;
    return copy_channels(to, from);
}

int tcrm_contact_copy_field(struct tcrm_contact *to,
                            const struct tcrm_contact *from,
                            enum tcrm_contact_field f)
{
    return tcrm_record_copy_field(&tcrm_contact_record, to, from, (int)f);
}

int tcrm_contact_merge3(const struct tcrm_contact *base,
                        struct tcrm_contact *mine,
                        const struct tcrm_contact *theirs,
                        unsigned *conflicts)
{
    return tcrm_record_merge3(&tcrm_contact_record, base, mine, theirs, NULL,
                              conflicts);
}

void tcrm_contact_fields_text(unsigned bits, char *out, size_t n)
{
    tcrm_record_fields_text(&tcrm_contact_record, bits, out, n);
}
