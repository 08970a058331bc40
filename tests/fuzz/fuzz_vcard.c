/*
 * fuzz_vcard.c: the vCard reader (vcard.h) on any bytes. The first byte
 * picks the encoding of values without a CHARSET (UTF-8, auto, GB18030);
 * the rest is the file. Opening either refuses with one message or
 * accepts a file whose every card then reads, line numbers never going
 * back, and maps to a contact (which may then fail validation, as a
 * rejected row would, but never crash); a card's raw text lies inside the
 * file.
 */
#include "fuzz.h"
#include "tcrm/contact.h"
#include "tcrm/vcard.h"

static const char *const encodings[] = {NULL, "auto", "GB18030"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *enc = encodings[data[0] % 3];
    const char *buf = (const char *)data + 1;
    size_t len = size - 1;
    struct tcrm_vcard_reader *r;
    struct tcrm_error err;
    if (tcrm_vcard_open_mem("in.vcf", buf, len, enc, &r, &err) != 0) {
        FUZZ_ASSERT(err.code < 0 && err.msg[0]);
        return 0;
    }
    struct tcrm_contact c;
    tcrm_contact_init(&c);
    long line, last = 0;
    const char *text;
    size_t n;
    int rc;
    while ((rc = tcrm_vcard_next(r, &line, &text, &n)) == 1) {
        FUZZ_ASSERT(line >= last);
        last = line;
        FUZZ_ASSERT(text >= buf && text + n <= buf + len);
        if (tcrm_vcard_contact(r, &c, &err) == 0) {
            struct tcrm_error why;
            (void)tcrm_contact_validate(&c, &why);
        }
    }
    FUZZ_ASSERT(rc == 0);
    tcrm_contact_clear(&c);
    tcrm_vcard_close(r);
    return 0;
}
