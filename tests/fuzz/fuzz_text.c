/*
 * fuzz_text.c: UTF-8 and the terminal (text.h): decoding, display width,
 * fitting and padding to columns, stripping control and escape
 * characters, cutting quoted values in messages. What reaches a terminal
 * must be valid UTF-8 without a control byte; what is fitted to N columns
 * must be at most N columns wide.
 */
#include "fuzz.h"
#include "tcrm/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *raw = (const char *)data;
    for (size_t i = 0; i < size;) {
        uint32_t cp;
        int k = tcrm_utf8_decode(raw + i, size - i, &cp);
        if (k > 0) {
            char enc[4];
            FUZZ_ASSERT(tcrm_utf8_encode(cp, enc) == k);
            FUZZ_ASSERT(memcmp(enc, raw + i, (size_t)k) == 0);
            tcrm_char_width(cp);
        }
        i += k > 0 ? (size_t)k : 1;
    }
    tcrm_utf8_valid(raw, size);
    char *s = fuzz_str(data, size);
    size_t n = strlen(s);
    char *clean = tcrm_text_sanitize(s);
    FUZZ_ASSERT(clean && tcrm_utf8_valid(clean, strlen(clean)));
    for (const unsigned char *p = (const unsigned char *)clean; *p; p++)
        FUZZ_ASSERT(*p >= 0x20 && *p != 0x7F);
    int cols = size ? data[0] % 40 : 10, width;
    char out[512];
    tcrm_text_fit(clean, cols, out, sizeof out, &width);
    FUZZ_ASSERT(width <= cols && tcrm_text_width(out) <= cols);
    tcrm_text_pad(clean, cols, size && (data[0] & 0x80), out, sizeof out);
    tcrm_text_width(s);
    tcrm_text_is_cjk_name(s);
    tcrm_text_cut_quotes(s, out, sizeof out);
    FUZZ_ASSERT(strlen(out) < sizeof out);
    for (size_t pos = 0; pos < n; pos = tcrm_utf8_next(s, n, pos))
        FUZZ_ASSERT(tcrm_utf8_prev(s, tcrm_utf8_next(s, n, pos)) <= pos + 4);
    free(clean);
    free(s);
    return 0;
}
