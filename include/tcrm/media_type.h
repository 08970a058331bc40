/*
 * media_type.h: the media (MIME) type of a file, guessed from its first
 * bytes and its name, for attachments. Pure: a small table of magic
 * numbers, then one of extensions.
 */
#ifndef TCRM_MEDIA_TYPE_H
#define TCRM_MEDIA_TYPE_H

#include <stddef.h>

/* Enough of a file's start for every magic number of the table. */
#define TCRM_MEDIA_HEAD 16

/* "application/pdf", "image/png", ...: the magic number of head (n bytes
 * of the file's start) when the table knows it, else name's extension
 * (ASCII case ignored), else "application/octet-stream". A container
 * (ZIP, the OLE of old Office files) is named by the extension when that
 * says what is inside (.docx, .xlsx, .xls). Static strings. */
const char *tcrm_media_type(const char *name, const void *head, size_t n);

#endif
