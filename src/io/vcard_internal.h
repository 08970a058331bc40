/*
 * vcard_internal.h: what vcard_read.c (lines, properties, decoding) and
 * vcard_map.c (a card's properties into a contact) share. Only src/io
 * (and its unit tests) include this.
 */
#ifndef TCRM_VCARD_INTERNAL_H
#define TCRM_VCARD_INTERNAL_H

#include <iconv.h>

#include "tcrm/vcard.h"

#define VC_MAX_PARAMS 32

/* TYPE values (and bare 2.1 parameters) that choose a channel kind. */
enum {
    VC_T_CELL = 1, VC_T_FAX = 2, VC_T_HOME = 4, VC_T_WORK = 8, VC_T_PAGER = 16
};

/* One parsed content line; every string points into the reader's line
 * buffer (valid until the next line). */
struct vc_prop {
    const char *group;          /* NULL, or as written ("item1") */
    const char *name;           /* upper case */
    const char *pname[VC_MAX_PARAMS], *pval[VC_MAX_PARAMS]; /* pname NULL:
                                   a bare 2.1 parameter */
    size_t np;
    unsigned types;             /* VC_T_* */
    int binary;                 /* PHOTO, base64, data: ... : skipped */
    const char *text;           /* decoded value: UTF-8, escapes still in */
    size_t tlen;
    long line;                  /* where the property starts */
};

struct vc_card {
    size_t start, end;          /* byte range, BEGIN line to END line */
    long line;
};

struct tcrm_vcard_reader {
    char *name;
    char *owned;                /* the file's bytes when read from a path */
    const char *buf;
    size_t len;
    char *encoding;             /* for values without CHARSET */
    struct vc_card *cards;
    size_t n, cap, next;
    int64_t binary;
    int version;                /* 21, 30 or 40: of the card being read */
    struct tcrm_strbuf line, val, tmp;
    iconv_t cd;                 /* cached for cd_name */
    char cd_name[64];
    const char *row_text;       /* the card handed out as an import row */
    size_t row_len;
};

typedef int (*vc_prop_fn)(struct tcrm_vcard_reader *r,
                          const struct vc_prop *p, void *ud,
                          struct tcrm_error *err);

/* Every property of card c with its decoded value, in file order
 * (binary ones too, with binary set and no text). */
int tcrm_vc_walk(struct tcrm_vcard_reader *r, const struct vc_card *c,
                 vc_prop_fn fn, void *ud, struct tcrm_error *err);

/* A parameter's value by name (upper case), NULL when absent. */
const char *tcrm_vc_param(const struct vc_prop *p, const char *name);

/* ---- the import's record source (import_vcard.c) ------------------- */

struct tcrm_import_opts;
struct tcrm_csv_row;

/* 1 when o names vCard, or names no format and the file starts like one. */
int tcrm_import_wants_vcard(const struct tcrm_import_opts *o);
/* Open o->path as vCard; refuses the CSV column options. */
int tcrm_import_vcard_open(const struct tcrm_import_opts *o,
                           struct tcrm_vcard_reader **out,
                           struct tcrm_error *err);
/* The next card as a row: line of its BEGIN, one field (its text). */
int tcrm_import_vcard_next(struct tcrm_vcard_reader *r,
                           struct tcrm_csv_row *row);
/* A rejected card to the reject file, with X-TCRM-IMPORT-ERROR: why. */
int tcrm_import_vcard_reject(FILE *f, const struct tcrm_csv_row *row,
                             const char *why, struct tcrm_error *err);

#endif
