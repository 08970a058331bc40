/*
 * mapping_internal.h: what the io files share about header mapping.
 * Only src/io (and its unit tests) include this.
 */
#ifndef TCRM_MAPPING_INTERNAL_H
#define TCRM_MAPPING_INTERNAL_H

#include "tcrm/csvio.h"

struct tcrm_map_entry {
    const char *profile;   /* "google", "outlook", "english", "chinese" */
    const char *header;
    int field;             /* enum tcrm_csv_field */
};
/* Ends with an all-NULL entry. */
extern const struct tcrm_map_entry tcrm_map_table[];

/* 1 when headers a and b are the same (ASCII case, runs of spaces). */
int tcrm_map_header_eq(const char *a, const char *b);

/* Take off the apostrophe export put before = + - @ TAB CR. */
const char *tcrm_csv_unneutralize(const char *s);

/* Does s need the apostrophe (export)? */
int tcrm_csv_needs_neutralize(const char *s);

/* The name from its parts when c has none: family name first without a
 * space for CJK, else given middle family; else the first e-mail's local
 * part (map_row.c; the vCard reader's N uses it too). n is scratch. */
int tcrm_map_name_from_parts(struct tcrm_contact *c, const char *given,
                             const char *middle, const char *family,
                             struct tcrm_strbuf *n);

#endif
