/*
 * import_vcard.c: a vCard file as the import's record source (csvio.h,
 * vcard.h). import.c reads rows; from a vCard file a row is one card
 * (its BEGIN line, its text as the one field), and mapping the row is
 * tcrm_vcard_contact. Everything after that (tags, validation, the
 * duplicate policy, the batch and its undo, dry run) is the CSV path.
 */
#include <errno.h>
#include <string.h>

#include "tcrm/csvio.h"
#include "vcard_internal.h"

int tcrm_import_wants_vcard(const struct tcrm_import_opts *o)
{
    if (o->format != TCRM_IMPORT_AUTO)
        return o->format == TCRM_IMPORT_VCARD;
    return tcrm_vcard_sniff_file(o->path);
}

int tcrm_import_vcard_open(const struct tcrm_import_opts *o,
                           struct tcrm_vcard_reader **out,
                           struct tcrm_error *err)
{
    *out = NULL;
    if (o->map_spec || o->profile || o->map || o->delimiter ||
        o->drop_unmapped)
        return tcrm_error_set(err, TCRM_EINVAL, "%s: a vCard file has no "
                              "columns to map (--map, --profile, "
                              "--delimiter, --drop-unmapped are for CSV)",
                              o->path);
    return tcrm_vcard_open(o->path, o->encoding, out, err);
}

int tcrm_import_vcard_next(struct tcrm_vcard_reader *r,
                           struct tcrm_csv_row *row)
{
    if (!tcrm_vcard_next(r, &row->line, &r->row_text, &r->row_len))
        return 0;
    row->n = 1;
    row->fields = &r->row_text;
    row->lens = &r->row_len;
    return 1;
}

int tcrm_import_vcard_reject(FILE *f, const struct tcrm_csv_row *row,
                             const char *why, struct tcrm_error *err)
{
    const char *card = row->fields[0];
    size_t len = row->lens[0];
    const char *nl = memchr(card, '\n', len);
    size_t head = nl ? (size_t)(nl - card) + 1 : len;
    struct tcrm_strbuf sb;
    tcrm_strbuf_init(&sb);
    int rc = tcrm_strbuf_appendn(&sb, card, head);
    if (!rc) {
        struct tcrm_strbuf esc;
        tcrm_strbuf_init(&esc);
        rc = tcrm_cl_escape(&esc, why);
        if (!rc)
            rc = tcrm_cl_fold(&sb, "X-TCRM-IMPORT-ERROR", esc.buf, esc.len);
        tcrm_strbuf_free(&esc);
    }
    if (!rc)
        rc = tcrm_strbuf_appendn(&sb, card + head, len - head);
    if (rc) {
        tcrm_strbuf_free(&sb);
        return tcrm_error_set(err, TCRM_ENOMEM, "out of memory");
    }
    size_t n = sb.len, w = fwrite(sb.buf, 1, n, f);
    tcrm_strbuf_free(&sb);
    if (w != n)
        return tcrm_error_set(err, TCRM_EIO, "reject file: %s",
                              strerror(errno));
    return 0;
}
