/*
 * fuzz_normalize.c: normalization and duplicate keys (normalize.h):
 * folding, name, company, phone and e-mail keys, the phone and e-mail
 * checks. Keys are computed twice (same input, same key) and a key's own
 * key is itself where the module promises it (folding is idempotent).
 */
#include "fuzz.h"
#include "tcrm/normalize.h"
#include "tcrm/text.h"

typedef char *(*key_fn)(const char *);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_str(data, size);
    static const key_fn keys[] = {
        tcrm_norm_fold, tcrm_norm_name_key, tcrm_norm_company_key,
        tcrm_norm_phone_key, tcrm_norm_phone_digits, tcrm_norm_email_key,
        tcrm_norm_trim,
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        char *a = keys[i](s), *b = keys[i](s);
        FUZZ_ASSERT((a == NULL) == (b == NULL));
        FUZZ_ASSERT(!a || strcmp(a, b) == 0);
        free(a);
        free(b);
    }
    char *f = tcrm_norm_fold(s);
    if (f) {
        char *ff = tcrm_norm_fold(f);
        FUZZ_ASSERT(ff && strcmp(f, ff) == 0);
        free(ff);
    }
    free(f);
    struct tcrm_error err;
    tcrm_norm_check_email(s, &err);
    tcrm_norm_check_phone(s, &err);
    tcrm_norm_looks_like_phone(s);
    tcrm_norm_phone_same_number(s, "+86 138 0000 0000");
    free(s);
    return 0;
}
