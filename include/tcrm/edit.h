/*
 * edit.h: what a save changes, field by field.
 *
 * A contact's fields, as a person sees them, are numbered (enum
 * tcrm_contact_field); tcrm_contact_diff says which of them differ
 * between two versions of a contact. The rules built on it:
 *   - a save that changes nothing writes nothing (tcrm_contact_update
 *     compares with the stored row inside its transaction: no version
 *     bump, no audit row, c->version left as stored);
 *   - a save on a form that someone else changed meanwhile is merged by
 *     field (tcrm_contact_merge3): fields only they changed are taken
 *     from the stored row, fields only this person changed are kept, and
 *     fields both changed to different values are conflicts, for the
 *     person to decide.
 * tcrm_company_update follows the first rule too (its fields, its tags).
 * Empty and missing text are the same; the name is compared trimmed; a
 * company by its duplicate key (what the save would resolve it to);
 * phones and e-mails in order; tags as a set, case-insensitively.
 */
#ifndef TCRM_EDIT_H
#define TCRM_EDIT_H

#include "tcrm/contact.h"

enum tcrm_contact_field {
    TCRM_CF_NAME, TCRM_CF_COMPANY, TCRM_CF_TITLE, TCRM_CF_DEPARTMENT,
    TCRM_CF_ADDRESS, TCRM_CF_CITY, TCRM_CF_BIRTHDAY, TCRM_CF_SOURCE,
    TCRM_CF_NOTES, TCRM_CF_OWNER, TCRM_CF_CHANNELS, TCRM_CF_TAGS,
    TCRM_CF_COUNT
};
#define TCRM_CF_BIT(f) (1u << (f))

/* "name", "company", "title", "department", "address", "city",
 * "birthday", "source", "notes", "owner", "phones and e-mails", "tags". */
const char *tcrm_contact_field_name(enum tcrm_contact_field f);

/* The fields that differ between a and b, as TCRM_CF_BIT bits; 0 when a
 * save of b over a would change nothing. */
unsigned tcrm_contact_diff(const struct tcrm_contact *a,
                           const struct tcrm_contact *b);

/* Copy field f of from into to (channels and tags as a whole). */
int tcrm_contact_copy_field(struct tcrm_contact *to,
                            const struct tcrm_contact *from,
                            enum tcrm_contact_field f);

/* Three-way merge of a form: base is the contact as the form read it,
 * mine the form's values, theirs the contact as stored now. mine becomes
 * the merge: every field theirs changed and mine did not is copied from
 * theirs, and mine->version becomes theirs->version. *conflicts gets the
 * fields both changed to different values (mine keeps its own value
 * there). Returns 0 or TCRM_ENOMEM. */
int tcrm_contact_merge3(const struct tcrm_contact *base,
                        struct tcrm_contact *mine,
                        const struct tcrm_contact *theirs,
                        unsigned *conflicts);

/* 1 when a and b hold the same tags (as a set, ASCII case ignored). */
int tcrm_strlist_same_set(const struct tcrm_strlist *a,
                          const struct tcrm_strlist *b);

/* "title, notes": the names of the fields in bits, comma-separated. */
void tcrm_contact_fields_text(unsigned bits, char *out, size_t n);

#endif
