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

/* The field of header h in table (only entries of profile, unless NULL);
 * -1 when not there. */
int tcrm_map_lookup(const struct tcrm_map_entry *table, const char *profile,
                    const char *h);

/* A map of these headers with every column unmapped. */
int tcrm_map_alloc(const char *const *headers, size_t n,
                   struct tcrm_csv_map *out, struct tcrm_error *err);

/* tcrm_csv_map_spec with field names read by parse (-1: unknown). */
int tcrm_map_spec_with(struct tcrm_csv_map *m, const char *spec,
                       int (*parse)(const char *), struct tcrm_error *err);

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
