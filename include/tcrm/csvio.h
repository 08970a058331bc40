/*
 * csvio.h: CSV import and export of contacts (src/io), the one contract
 * the command line (`tcrm import`, `tcrm export`) and the import screen use.
 *
 * Reading (tcrm_csv_*): a streaming reader over libcsv. It takes a UTF-8
 * byte order mark (and a UTF-16 one) off, detects the delimiter (comma,
 * semicolon or tab, from the first line) unless one is given, converts
 * other encodings through iconv, skips empty lines and counts physical
 * lines so every row knows the line it starts on. Memory is bounded: one
 * row at a time, at most TCRM_CSV_MAX_FIELDS fields of at most
 * TCRM_CSV_MAX_FIELD bytes. Encoding: NULL means UTF-8, except that a
 * first chunk that is not UTF-8 but converts cleanly as GB18030 is read as
 * GB18030 (tcrm_csv_encoding_guessed says so); other invalid bytes are an
 * error naming the likely encoding. "UTF-8" means UTF-8 only; "auto"
 * accepts any guess (GB18030, else ISO-8859-1) and says so.
 *
 * Mapping (tcrm_csv_map_*): every column goes to one field. Google,
 * Outlook, plain English and Chinese headers are recognised on their own;
 * a profile (INI-style `Header = field` lines; built-in names google,
 * outlook, english, chinese, or a file) and a --map spec
 * ("Full Name=name,Org=company") override. Unmapped columns go into the
 * notes as "Header: value" lines unless drop_unmapped is set.
 *
 * Import (tcrm_import_run): all or nothing, but not one long lock: rows
 * are committed under the import's batch as soon as another writer waits
 * (at the latest every TCRM_IMPORT_COMMIT_MAX_MS), so other people's
 * writes wait about one row and a commit, and a failed import (or a
 * dry run) is taken back change by change; an import whose process died
 * is taken back by the next tcrm that opens the file (import_batch.h).
 * While it runs, others may see the rows it has committed. Each row is
 * mapped, validated (rejects are listed "file:line: reason" and may be
 * written to a reject CSV with an extra "import error" column), checked
 * with dup.h against the database and the rows already imported, then
 * added, merged (tcrm_contact_merge) or skipped by policy. The batch is
 * recorded (import_batch.h) so it can be undone. dry_run takes everything
 * back and reports the same summary. Any database error takes back the
 * whole file. A leading apostrophe that export put before = + - @ TAB CR
 * is taken off again.
 *
 * Export (tcrm_export_run): RFC 4180, UTF-8 (or iconv to `encoding`),
 * CRLF records, a header row whose names the importer recognises, several
 * phones and e-mails in numbered columns ("mobile 1", "email 2"). Cells
 * starting with = + - @ TAB or CR (and ' followed by one of them) get a
 * leading ' unless raw.
 */
#ifndef TCRM_CSVIO_H
#define TCRM_CSVIO_H

#include <stdint.h>
#include <stdio.h>

#include "tcrm/contact.h"
#include "tcrm/db.h"
#include "tcrm/error.h"

#define TCRM_CSV_MAX_FIELDS 256
#define TCRM_CSV_MAX_FIELD (1024 * 1024)        /* default cap of a field */
#define TCRM_CSV_MAX_ROW (16 * 1024 * 1024)     /* default cap of a row */

/* ---- reading ---------------------------------------------------------- */

struct tcrm_csv_reader;

struct tcrm_csv_row {
    size_t n;                 /* fields */
    const char **fields;      /* NUL-terminated UTF-8, valid until next read */
    const size_t *lens;
    long line;                /* physical line the row starts on (1-based) */
};

/* Open path ("-": standard input, copied once to a temporary file so it
 * can be opened again; one reader of it at a time). Only regular files:
 * opened without blocking, so a FIFO is refused, not waited on.
 * encoding: NULL/"UTF-8"/"auto"/any iconv name (the text buffer grows as
 * far as the encoding needs); delimiter 0: detect. Errors: "FILE: No such
 * file or directory", "FILE: is a directory", "FILE: is a pipe, not a
 * file; ...", "FILE: is a character device, not a file", "FILE: empty
 * file", "-: standard input is a terminal; ...". */
int tcrm_csv_open(const char *path, const char *encoding, char delimiter,
                  struct tcrm_csv_reader **out, struct tcrm_error *err);
/* 1 and *row filled, 0 at end of file, or <0 with err: "FILE:LINE: quoted
 * field not closed at end of file", "FILE:LINE: NUL byte (not a text
 * file?)", "FILE:LINE: field longer than 1 MB", "FILE:LINE: more than 256
 * fields in a row", "FILE:LINE: not valid UTF-8 (looks like GB18030): use
 * --encoding GB18030". */
int tcrm_csv_next(struct tcrm_csv_reader *r, struct tcrm_csv_row *row,
                  struct tcrm_error *err);
/* Caps in bytes of one field and one row (0: TCRM_CSV_MAX_FIELD,
 * TCRM_CSV_MAX_ROW); a longer one is "FILE:LINE: field longer than 1 MB"
 * or "FILE:LINE: row longer than 16 MB". Call before the first read. */
void tcrm_csv_set_limits(struct tcrm_csv_reader *r, size_t max_field,
                         size_t max_row);
const char *tcrm_csv_encoding(const struct tcrm_csv_reader *r); /* "UTF-8" */
int tcrm_csv_encoding_guessed(const struct tcrm_csv_reader *r);
char tcrm_csv_delimiter(const struct tcrm_csv_reader *r);
/* Bytes read so far and the file size (for progress). */
void tcrm_csv_progress(const struct tcrm_csv_reader *r, uint64_t *done,
                       uint64_t *total);
void tcrm_csv_close(struct tcrm_csv_reader *r);

/* ---- mapping ---------------------------------------------------------- */

enum tcrm_csv_field {
    TCRM_CF_UNMAPPED,         /* into the notes, or dropped */
    TCRM_CF_SKIP,             /* dropped on purpose ("skip") */
    TCRM_CF_NAME, TCRM_CF_GIVEN, TCRM_CF_MIDDLE, TCRM_CF_FAMILY,
    TCRM_CF_COMPANY, TCRM_CF_TITLE, TCRM_CF_DEPARTMENT, TCRM_CF_ADDRESS,
    TCRM_CF_CITY, TCRM_CF_BIRTHDAY, TCRM_CF_SOURCE, TCRM_CF_NOTES,
    TCRM_CF_TAGS,
    TCRM_CF_MOBILE, TCRM_CF_PHONE /* work */, TCRM_CF_HOME, TCRM_CF_FAX,
    TCRM_CF_EMAIL, TCRM_CF_WEB, TCRM_CF_IM,
    TCRM_CF_PHONE_TYPED,      /* phone whose kind is in column type_col */
    TCRM_CF_TYPE,             /* a Google "... - Type" column (consumed) */
    TCRM_CF_COUNT
};
/* "name", "given", ..., "phone", "skip", "unmapped". */
const char *tcrm_csv_field_name(enum tcrm_csv_field f);
/* Field names and aliases ("first" = given, "last" = family, "work" =
 * phone, "e-mail" = email, "-"/"drop" = skip); -1 when unknown. */
int tcrm_csv_field_parse(const char *s);

struct tcrm_csv_map {
    size_t n;
    char **headers;           /* copies */
    int *field;               /* enum tcrm_csv_field per column */
    int *type_col;            /* for TCRM_CF_PHONE_TYPED, else -1 */
    int drop_unmapped;
};

/* Recognise headers (never fails on unknown ones: they stay unmapped). */
int tcrm_csv_map_guess(const char *const *headers, size_t n,
                       struct tcrm_csv_map *out, struct tcrm_error *err);
/* "Header=field,Header=field"; errors: "--map: no column 'X' (columns:
 * A, B)", "--map: 'Org=boss': unknown field 'boss'", "--map: 'Org':
 * expected COLUMN=FIELD". */
int tcrm_csv_map_spec(struct tcrm_csv_map *m, const char *spec,
                      struct tcrm_error *err);
/* A profile by name (user dir profiles/NAME.ini, then the installed ones,
 * then built-in google/outlook/english/chinese) or by path (has a '/' or
 * ends in .ini). Headers of the profile not in the file are ignored. */
int tcrm_csv_map_profile(struct tcrm_csv_map *m, const char *name,
                         struct tcrm_error *err);
/* Write m as a profile file (mapped columns only). */
int tcrm_csv_map_save(const struct tcrm_csv_map *m, const char *path,
                      struct tcrm_error *err);
/* 0 when some column gives a name (name, given/family, or e-mail), else
 * TCRM_EINVAL "no column gives the name: map one with --map
 * 'COLUMN=name'". */
int tcrm_csv_map_check(const struct tcrm_csv_map *m, struct tcrm_error *err);
void tcrm_csv_map_free(struct tcrm_csv_map *m);

/* One row through the map into c (init'ed by the caller; cleared first).
 * Rows with a different field count than the header are refused:
 * "5 fields, the header has 4". Does not validate beyond that. */
int tcrm_csv_map_row(const struct tcrm_csv_map *m,
                     const struct tcrm_csv_row *row, struct tcrm_contact *c,
                     struct tcrm_error *err);

/* ---- import ----------------------------------------------------------- */

/* UPDATE: products only (a duplicate product gets the row's values). */
enum tcrm_dup_policy { TCRM_DUP_SKIP, TCRM_DUP_MERGE, TCRM_DUP_NEW,
                       TCRM_DUP_UPDATE };

/* What the file is: AUTO looks at its first line (BEGIN:VCARD is vCard,
 * anything else CSV). A vCard file is one record per card (vcard.h),
 * takes no column options (map, profile, delimiter), and its rejects are
 * written as the cards themselves, each with an X-TCRM-IMPORT-ERROR
 * line. */
enum tcrm_import_format {
    TCRM_IMPORT_AUTO, TCRM_IMPORT_CSV, TCRM_IMPORT_VCARD
};

typedef void (*tcrm_import_progress_fn)(void *ud, uint64_t rows,
                                        uint64_t bytes_done,
                                        uint64_t bytes_total);

struct tcrm_import_opts {
    const char *path;
    const char *encoding;        /* NULL: UTF-8; "auto": accept the guess */
    char delimiter;              /* 0: detect */
    const char *profile;         /* NULL: none */
    const char *map_spec;        /* NULL: none; applied after profile */
    const struct tcrm_csv_map *map; /* non-NULL: use this (screen) */
    int drop_unmapped;
    enum tcrm_dup_policy on_duplicate;
    int dry_run;
    const char *const *tags;     /* added to every imported row */
    size_t n_tags;
    const char *reject_path;     /* NULL: no reject file */
    tcrm_import_progress_fn progress; /* every 1000 rows; may be NULL */
    void *progress_ud;
    size_t max_field, max_row;   /* bytes; 0: TCRM_CSV_MAX_FIELD / _ROW */
    enum tcrm_import_format format;
    const char *owner;           /* new rows' owner (a login); NULL: the
                                    acting user (tcrm_access_may_own) */
    const char *currency;        /* products: of rows without one */
    int64_t campaign_id;         /* contacts: the campaign that brought
                                    the rows added (they become its
                                    members; campaign.h); 0: none */
};

#define TCRM_IMPORT_MAX_MESSAGES 1000
/* How long an import's transaction may grow before it commits. Another
 * writer that waits raises its hand (db_hand.c) and the import commits
 * after the row at hand; without a hand to hear, every COMMIT_MS, the
 * longest another writer then waits (bench/README.md). */
#define TCRM_IMPORT_COMMIT_MS 150
#define TCRM_IMPORT_COMMIT_MAX_MS 3000
/* The pause after each commit in which waiting writers get the lock. */
#define TCRM_IMPORT_GAP_MS 5

struct tcrm_import_summary {
    int64_t batch_id;            /* 0 on dry run */
    int64_t rows, added, merged, skipped, rejected;
    char **messages;             /* "file:line: reason", at most MAX */
    size_t n_messages;
    int64_t more_messages;       /* rejects beyond MAX */
    int64_t commits;             /* transactions the rows were written in */
    char encoding[32];
    int encoding_guessed;
    char delimiter;
    int vcard;                   /* the file was vCard (rows are cards) */
    int64_t binary_skipped;      /* vCard PHOTO, KEY ... properties */
    int64_t campaign_added;      /* members the campaign got (campaign_id) */
};

int tcrm_import_run(struct tcrm_db *db, const struct tcrm_import_opts *o,
                    struct tcrm_import_summary *sum, struct tcrm_error *err);
void tcrm_import_summary_free(struct tcrm_import_summary *s);

/* The first max rows as they would be stored, for the screen and the
 * dry-run preview. error[i] is NULL or why row i would be rejected. The
 * map built (guess + profile + spec, or o->map) is returned in map. */
struct tcrm_import_preview {
    struct tcrm_csv_map map;
    struct tcrm_contact *rows;
    char **error;
    long *line;
    size_t n;
    char encoding[32];
    int encoding_guessed;
    char delimiter;
    int vcard;                   /* map is empty: a vCard file */
};
int tcrm_import_preview(const struct tcrm_import_opts *o, size_t max,
                        struct tcrm_import_preview *out,
                        struct tcrm_error *err);
void tcrm_import_preview_free(struct tcrm_import_preview *p);

/* ---- products (tcrm import --products) --------------------------------
 *
 * The same reader, batches, undo, reject file and summary as contacts;
 * columns code, name, spec, unit, price, currency, tax, recognised by
 * English and Chinese headers (编码/商品编码, 名称/商品名称, 规格/规格型号,
 * 单位, 单价/价格, 币种, 税率) or given with o->map_spec; other columns
 * are ignored. Each row is checked by core (product.h; price and tax
 * through money.h: "price: 'abc' is not a number", "tax: '120' is over
 * 100"); a row that duplicates a product (same code, or same name and
 * spec) is skipped, or with TCRM_DUP_UPDATE written over it (the mapped
 * columns; counted in sum->merged; unchanged ones count as skipped). A
 * duplicate in the trash is rejected with core's message. A file whose
 * every row is rejected is no error, as for contacts: its rows are in
 * sum's messages ("FILE:LINE: reason"), nothing stored but the batch. */
enum tcrm_product_field {
    TCRM_PF_UNMAPPED, TCRM_PF_SKIP, TCRM_PF_CODE, TCRM_PF_NAME, TCRM_PF_SPEC,
    TCRM_PF_UNIT, TCRM_PF_PRICE, TCRM_PF_CURRENCY, TCRM_PF_TAX,
    TCRM_PF_COUNT
};
/* "code", ..., "tax", "skip", "unmapped"; parse: -1 when unknown. */
const char *tcrm_product_field_name(int f);
int tcrm_product_field_parse(const char *s);
/* The header row of o->path mapped (guess, then o->map_spec); errors
 * "FILE: no column gives the product code: map one with --map
 * 'COLUMN=code'" (also name, price). */
int tcrm_product_import_map(const struct tcrm_import_opts *o,
                            struct tcrm_csv_map *map, struct tcrm_error *err);
int tcrm_product_import_run(struct tcrm_db *db,
                            const struct tcrm_import_opts *o,
                            struct tcrm_import_summary *sum,
                            struct tcrm_error *err);

/* ---- export ----------------------------------------------------------- */

enum tcrm_export_what {
    TCRM_EXPORT_CONTACTS, TCRM_EXPORT_COMPANIES, TCRM_EXPORT_INTERACTIONS,
    TCRM_EXPORT_FOLLOWUPS, TCRM_EXPORT_DEALS
};
/* "contacts", "companies", "interactions", "follow-ups", "deals"; -1. */
int tcrm_export_what_parse(const char *s);

struct tcrm_export_opts {
    enum tcrm_export_what what;
    FILE *out;
    const char *search;          /* contacts only; NULL: all */
    const char *tag;             /* contacts and companies; NULL: all */
    const char *fields;          /* "name,email,mobile"; NULL: all */
    const char *encoding;        /* NULL: UTF-8 */
    int bom;                     /* UTF-8 byte order mark first */
    int raw;                     /* no formula neutralization */
    int visible;                 /* out is a terminal: control characters
                                    and escapes as visible symbols (into a
                                    file or a pipe bytes stay exact) */
};
/* Errors: "--fields: unknown field 'x' (fields: name, ...)", an
 * unknown encoding, a write error. *rows = data rows written. */
int tcrm_export_run(struct tcrm_db *db, const struct tcrm_export_opts *o,
                    int64_t *rows, struct tcrm_error *err);

/* One CSV record (RFC 4180, CRLF) to f; neutralize unless raw. */
int tcrm_csv_write_row(FILE *f, const char *const *fields, size_t n, int raw,
                       struct tcrm_error *err);

#endif
