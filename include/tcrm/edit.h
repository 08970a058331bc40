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
 *
 * Every record a form edits (contact, company, deal, follow-up) is
 * described once by a table of its fields (struct tcrm_record_desc), and
 * the diff and the three-way merge are written once for all of them
 * (tcrm_record_diff, tcrm_record_merge3 in merge.c); the contact's
 * functions below are that merge with the contact's table.
 */
#ifndef TCRM_EDIT_H
#define TCRM_EDIT_H

#include <stddef.h>

#include "tcrm/company.h"
#include "tcrm/contact.h"
#include "tcrm/deal.h"
#include "tcrm/followup.h"

/* ---- any record ------------------------------------------------------ */

enum tcrm_field_kind {
    TCRM_FK_TEXT,      /* char * at off; NULL and "" are the same */
    TCRM_FK_NAME,      /* char * at off, compared trimmed */
    TCRM_FK_INT,       /* int at off (an enum too) */
    TCRM_FK_I64,       /* int64_t at off */
    TCRM_FK_TAGS,      /* struct tcrm_strlist at off, as a set */
    TCRM_FK_COMPANY,   /* int64_t id at off, char *name at off2: the ids
                        * when both are set, else the names' keys */
    TCRM_FK_OTHER      /* the record's own same() and copy() */
};

struct tcrm_field_desc {
    const char *name;  /* English, as in messages: "title" */
    enum tcrm_field_kind kind;
    size_t off, off2;
};

struct tcrm_record_desc {
    const struct tcrm_field_desc *fields;
    int n;                             /* at most 32 */
    size_t version_off;                /* int64_t */
    /* TCRM_FK_OTHER fields only (NULL when there are none) */
    int (*same)(const void *a, const void *b, int field);
    int (*copy)(void *to, const void *from, int field);
};

/* Field bit i stands for desc->fields[i]. */
#define TCRM_FIELD_BIT(i) (1u << (i))

/* The fields that differ between a and b, as bits. */
unsigned tcrm_record_diff(const struct tcrm_record_desc *d, const void *a,
                          const void *b);
/* Copy field i of from into to. 0 or TCRM_ENOMEM. */
int tcrm_record_copy_field(const struct tcrm_record_desc *d, void *to,
                           const void *from, int i);
/* Three-way merge of a form: base as the form read the record, mine the
 * form's values, theirs the record as stored now. mine becomes the merge:
 * each field theirs changed and mine did not is copied from theirs; the
 * version becomes theirs. *taken gets the fields copied from theirs (may
 * be NULL), *conflicts the fields both changed to different values (mine
 * keeps its own there, for the person to decide). 0 or TCRM_ENOMEM. */
int tcrm_record_merge3(const struct tcrm_record_desc *d, const void *base,
                       void *mine, const void *theirs, unsigned *taken,
                       unsigned *conflicts);
/* "title, notes": the English names of the fields in bits. */
void tcrm_record_fields_text(const struct tcrm_record_desc *d, unsigned bits,
                             char *out, size_t n);

/* The records of the forms, their fields in this order. */
extern const struct tcrm_record_desc tcrm_contact_record;   /* TCRM_CF_* */
extern const struct tcrm_record_desc tcrm_company_record;
extern const struct tcrm_record_desc tcrm_deal_record;
extern const struct tcrm_record_desc tcrm_followup_record;

enum tcrm_company_field {
    TCRM_KF_NAME, TCRM_KF_INDUSTRY, TCRM_KF_PHONE, TCRM_KF_EMAIL,
    TCRM_KF_WEBSITE, TCRM_KF_ADDRESS, TCRM_KF_CITY, TCRM_KF_NOTES,
    TCRM_KF_OWNER, TCRM_KF_TAGS, TCRM_KF_COUNT
};
enum tcrm_deal_field {
    TCRM_DF_TITLE, TCRM_DF_COMPANY, TCRM_DF_CONTACT, TCRM_DF_STAGE,
    TCRM_DF_AMOUNT, TCRM_DF_CURRENCY, TCRM_DF_PROBABILITY, TCRM_DF_CLOSE,
    TCRM_DF_STATUS, TCRM_DF_REASON, TCRM_DF_OWNER, TCRM_DF_TAGS,
    TCRM_DF_COUNT
};
enum tcrm_followup_field {
    TCRM_FF_TITLE, TCRM_FF_DUE_DATE, TCRM_FF_DUE_TIME, TCRM_FF_REPEAT,
    TCRM_FF_COUNT
};

/* ---- contacts -------------------------------------------------------- */

enum tcrm_contact_field {
    TCRM_CF_NAME, TCRM_CF_COMPANY, TCRM_CF_TITLE, TCRM_CF_DEPARTMENT,
    TCRM_CF_ADDRESS, TCRM_CF_CITY, TCRM_CF_BIRTHDAY, TCRM_CF_SOURCE,
    TCRM_CF_NOTES, TCRM_CF_OWNER, TCRM_CF_CHANNELS, TCRM_CF_TAGS,
    TCRM_CF_COUNT
};
#define TCRM_CF_BIT(f) TCRM_FIELD_BIT(f)

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
