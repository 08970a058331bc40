/*
 * fuzz_money.c: amounts (deal.h, tcrm_money_parse/format). A parsed
 * amount is never negative, and its formatted form (with thousands
 * separators) parses back to the same number of minor units.
 */
#include "fuzz.h"
#include "tcrm/deal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_str(data, size);
    int64_t minor, back;
    struct tcrm_error err;
    if (tcrm_money_parse(text, &minor, &err) == 0) {
        char out[64], cur[64];
        FUZZ_ASSERT(minor >= 0);
        tcrm_money_format(minor, NULL, out, sizeof out);
        FUZZ_ASSERT(tcrm_money_parse(out, &back, &err) == 0);
        FUZZ_ASSERT(back == minor);
        tcrm_money_format(minor, "EUR", cur, sizeof cur);
    } else {
        FUZZ_ASSERT(err.code < 0 && err.msg[0]);
    }
    free(text);
    return 0;
}
