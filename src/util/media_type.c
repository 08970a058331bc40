/*
 * media_type.c: the media type of a file from its magic number or its
 * extension (see tcrm/media_type.h).
 */
#include <string.h>
#include <strings.h>

#include "tcrm/media_type.h"

static const struct { const char *magic; size_t len; const char *type; }
magics[] = {
    { "%PDF-", 5, "application/pdf" },
    { "\x89PNG\r\n\x1a\n", 8, "image/png" },
    { "\xff\xd8\xff", 3, "image/jpeg" },
    { "GIF87a", 6, "image/gif" },
    { "GIF89a", 6, "image/gif" },
    { "BM", 2, "image/bmp" },
    { "II*\0", 4, "image/tiff" },
    { "MM\0*", 4, "image/tiff" },
    { "\x1f\x8b", 2, "application/gzip" },
    { "7z\xbc\xaf\x27\x1c", 6, "application/x-7z-compressed" },
    { "Rar!\x1a\x07", 6, "application/vnd.rar" },
    { "{\\rtf", 5, "application/rtf" },
    { "BEGIN:VCARD", 11, "text/vcard" },
    { "BEGIN:VCALENDAR", 15, "text/calendar" },
};

static const struct { const char *ext; const char *type; } exts[] = {
    { "pdf", "application/pdf" },
    { "png", "image/png" },
    { "jpg", "image/jpeg" },
    { "jpeg", "image/jpeg" },
    { "gif", "image/gif" },
    { "webp", "image/webp" },
    { "svg", "image/svg+xml" },
    { "txt", "text/plain" },
    { "md", "text/markdown" },
    { "csv", "text/csv" },
    { "html", "text/html" },
    { "htm", "text/html" },
    { "xml", "application/xml" },
    { "json", "application/json" },
    { "vcf", "text/vcard" },
    { "ics", "text/calendar" },
    { "eml", "message/rfc822" },
    { "zip", "application/zip" },
    { "doc", "application/msword" },
    { "xls", "application/vnd.ms-excel" },
    { "ppt", "application/vnd.ms-powerpoint" },
    { "docx", "application/vnd.openxmlformats-officedocument."
              "wordprocessingml.document" },
    { "xlsx", "application/vnd.openxmlformats-officedocument."
              "spreadsheetml.sheet" },
    { "pptx", "application/vnd.openxmlformats-officedocument."
              "presentationml.presentation" },
    { "odt", "application/vnd.oasis.opendocument.text" },
    { "ods", "application/vnd.oasis.opendocument.spreadsheet" },
    { "wps", "application/vnd.ms-works" },
    { "mp3", "audio/mpeg" },
    { "mp4", "video/mp4" },
};

static const char *by_ext(const char *name)
{
    const char *dot = name ? strrchr(name, '.') : NULL;
    for (size_t i = 0; dot && i < sizeof exts / sizeof exts[0]; i++)
        if (strcasecmp(dot + 1, exts[i].ext) == 0)
            return exts[i].type;
    return NULL;
}

const char *tcrm_media_type(const char *name, const void *head, size_t n)
{
    const char *ext = by_ext(name);
    for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++)
        if (n >= magics[i].len && !memcmp(head, magics[i].magic, magics[i].len))
            return magics[i].type;
    /* containers: what is inside is the extension's to say */
    if (n >= 4 && !memcmp(head, "PK\3\4", 4))
        return ext ? ext : "application/zip";
    if (n >= 8 && !memcmp(head, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8))
        return ext ? ext : "application/x-ole-storage";
    return ext ? ext : "application/octet-stream";
}
