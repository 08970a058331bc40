/*
 * vcard.h: vCard 2.1, 3.0 and 4.0 in and out (src/io; RFC 2426, RFC
 * 6350, and the 2.1 specification of the Internet Mail Consortium).
 *
 * Reading (tcrm_vcard_*): the file is read whole into memory and checked
 * whole when it is opened, before a single card is handed out, so a
 * broken file stops an import before anything is stored. The check
 * refuses, with "FILE:LINE: reason": a file that is not vCard, text
 * outside a card, BEGIN:VCARD without END:VCARD, a card inside a card, a
 * line (unfolded) over TCRM_VCARD_MAX_LINE bytes, broken quoted-printable,
 * an unknown VERSION, an unknown CHARSET, and text that is not valid in
 * its charset. Lines are unfolded (CRLF or LF followed by a space or a
 * tab), quoted-printable values joined over their soft line breaks ("="
 * at the end of a line, as 2.1 phones write them), CHARSET= values
 * converted through iconv; a value without CHARSET is UTF-8 unless
 * `encoding` says otherwise ("auto": UTF-8, else GB18030).
 *
 * Each card then becomes one struct tcrm_contact (tcrm_vcard_contact):
 *   FN (else N: family name first, without a space, for CJK; given
 *   middle family otherwise) -> name; ORG -> company and department;
 *   TITLE -> title; the first ADR -> address (post box, extended and
 *   street address, region, postal code, country, joined with ", ") and
 *   city (locality); NOTE -> notes; BDAY (YYYY-MM-DD, YYYYMMDD, --MMDD,
 *   --MM-DD) -> birthday; CATEGORIES -> tags; TEL -> mobile (CELL,
 *   PAGER), fax (FAX), home (HOME without WORK), else work; EMAIL ->
 *   email; URL -> web; IMPP and X-TCRM-IM -> im; X-TCRM-SOURCE ->
 *   source. A second FN, TITLE or BDAY goes to the notes too.
 *   TYPE comes from TYPE= parameters, bare 2.1 parameters (TEL;CELL:)
 *   and an X-ABLabel of the same group (item1.TEL, item1.X-ABLabel).
 *   Every other property with a value (X-properties such as X-QQ and
 *   X-WECHAT, NICKNAME, ROLE, a second ADR or ORG, a BDAY that is not a
 *   date, ...) is kept as a "NAME: value" line at the end of the notes.
 *   VERSION, PRODID, UID, REV, KIND, LABEL, X-ABLabel and
 *   X-TCRM-IMPORT-ERROR are dropped. PHOTO, LOGO, SOUND, KEY and any
 *   base64 or data: value are skipped and counted
 *   (tcrm_vcard_binary_skipped).
 *
 * Writing (tcrm_vcard_write_contact, tcrm_vcard_export): one card per
 * contact with a UID that stays the same (tcrm_cl_uid), version 3.0 or
 * 4.0, CRLF line ends, lines folded at 75 octets
 * without splitting a UTF-8 character, text escaped (\\ \, \; \n). What
 * the writer puts out the reader reads back field for field.
 *
 * The content-line helpers (fold, escape) are shared with ical.h: both
 * formats use the same line syntax.
 */
#ifndef TCRM_VCARD_H
#define TCRM_VCARD_H

#include <stdint.h>
#include <stdio.h>

#include "tcrm/contact.h"
#include "tcrm/db.h"
#include "tcrm/error.h"
#include "tcrm/strbuf.h"

#define TCRM_VCARD_MAX_LINE (1024 * 1024)

/* ---- content lines (RFC 6350 3.2, RFC 5545 3.1) ------------------------ */

/* Append "NAME[;PARAMS]:VALUE" + CRLF to out, folded: no line longer than
 * 75 octets, a break never inside a UTF-8 character, each continuation
 * starting with one space. value is used as is (escape it first). */
int tcrm_cl_fold(struct tcrm_strbuf *out, const char *name_params,
                 const char *value, size_t len);
/* Append s escaped as TEXT: backslash, comma, semicolon, newline (CRLF,
 * CR and LF each become \n). */
int tcrm_cl_escape(struct tcrm_strbuf *out, const char *s);
/* Quoted-printable (RFC 2045 6.7) decoded into out; soft line breaks
 * ("=" CRLF) removed. -1 when an "=" is not followed by two hex digits or
 * a line break. */
int tcrm_cl_qp_decode(struct tcrm_strbuf *out, const char *s, size_t len);

/* A UID that stays the same for the same row from one export to the
 * next: "tcrm-WHAT-ID-CREATED@tcrm" (CREATED: the digits of created_at,
 * so that two databases rarely give the same UID). */
void tcrm_cl_uid(char *out, size_t n, const char *what, int64_t id,
                 const char *created_at);

/* ---- reading ---------------------------------------------------------- */

struct tcrm_vcard_reader;

/* 1 when buf (the start of a file) looks like vCard: optional byte order
 * mark and blank lines, then BEGIN:VCARD (any case). */
int tcrm_vcard_sniff(const char *buf, size_t len);
/* 1 when the file at path starts like vCard, 0 when not or unreadable. */
int tcrm_vcard_sniff_file(const char *path);

/* Read and check path (see above). encoding: NULL/"UTF-8", "auto", or an
 * iconv name for values without CHARSET. */
int tcrm_vcard_open(const char *path, const char *encoding,
                    struct tcrm_vcard_reader **out, struct tcrm_error *err);
/* The same over a buffer the caller keeps alive until the close; name is
 * used in messages (for tests and fuzz targets). */
int tcrm_vcard_open_mem(const char *name, const char *buf, size_t len,
                        const char *encoding, struct tcrm_vcard_reader **out,
                        struct tcrm_error *err);
/* The next card: 1, 0 at the end. *line is the line of its BEGIN:VCARD;
 * *text and *len its raw text (BEGIN to END, as in the file), valid until
 * the close. */
int tcrm_vcard_next(struct tcrm_vcard_reader *r, long *line,
                    const char **text, size_t *len);
/* The card last returned by tcrm_vcard_next into c (initialized by the
 * caller; cleared first). Fails only for lack of memory. */
int tcrm_vcard_contact(struct tcrm_vcard_reader *r, struct tcrm_contact *c,
                       struct tcrm_error *err);
/* Cards in the file; binary properties skipped so far. */
int64_t tcrm_vcard_cards(const struct tcrm_vcard_reader *r);
int64_t tcrm_vcard_binary_skipped(const struct tcrm_vcard_reader *r);
/* Bytes handed out so far and the size (for progress). */
void tcrm_vcard_progress(const struct tcrm_vcard_reader *r, uint64_t *done,
                         uint64_t *total);
void tcrm_vcard_close(struct tcrm_vcard_reader *r);

/* ---- writing ---------------------------------------------------------- */

enum tcrm_vcard_version { TCRM_VCARD_30, TCRM_VCARD_40 };
/* "3.0" or "4.0"; -1 otherwise. */
int tcrm_vcard_version_parse(const char *s);

/* One card for c appended to out. */
int tcrm_vcard_write_contact(struct tcrm_strbuf *out,
                             const struct tcrm_contact *c,
                             enum tcrm_vcard_version v);

struct tcrm_vcard_export_opts {
    FILE *out;
    enum tcrm_vcard_version version;
    const char *search;          /* NULL: every contact (in id order) */
    const char *tag;             /* NULL: any */
    const int64_t *ids;          /* non-NULL: exactly these contacts */
    size_t n_ids;
    const struct tcrm_contact_filter *list; /* non-NULL: the contacts of
                                   this list in its order (the screen's) */
};
/* *cards = cards written. */
int tcrm_vcard_export(struct tcrm_db *db,
                      const struct tcrm_vcard_export_opts *o, int64_t *cards,
                      struct tcrm_error *err);

#endif
