/*
 * test_sha256.c: SHA-256 against the FIPS 180-4 / NIST example vectors,
 * and the same digests fed in odd pieces (the streaming of attachments).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tcrm/sha256.h"

static void check(const void *data, size_t n, const char *want)
{
    char hex[TCRM_SHA256_HEX];
    tcrm_sha256_hex(data, n, hex);
    assert_string_equal(hex, want);
}

static void test_vectors(void **state)
{
    (void)state;
    check("", 0,
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    check("abc", 3,
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    check(two, strlen(two),
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    const char *four = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklm"
                       "ghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
                       "mnopqrstnopqrstu";
    check(four, strlen(four),
          "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    check("The quick brown fox jumps over the lazy dog", 43,
          "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592");
}

/* One million 'a' (NIST), fed in pieces of 1, 63, 64, 65 ... bytes. */
static void test_million(void **state)
{
    (void)state;
    size_t n = 1000000;
    char *a = malloc(n), hex[TCRM_SHA256_HEX];
    assert_non_null(a);
    memset(a, 'a', n);
    const char *want =
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
    check(a, n, want);
    struct tcrm_sha256 s;
    tcrm_sha256_init(&s);
    size_t steps[] = { 1, 63, 64, 65, 7, 4096, 55, 56, 57 };
    size_t off = 0;
    for (size_t i = 0; off < n; i++) {
        size_t k = steps[i % (sizeof steps / sizeof steps[0])];
        if (k > n - off)
            k = n - off;
        tcrm_sha256_update(&s, a + off, k);
        off += k;
    }
    tcrm_sha256_final(&s, hex);
    assert_string_equal(hex, want);
    free(a);
}

/* Lengths around the padding boundary (55, 56, 64 bytes) and NUL bytes. */
static void test_edges(void **state)
{
    (void)state;
    char z[64];
    memset(z, 0, sizeof z);
    check(z, 1,
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    check(z, 32,
          "66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925");
    check(z, 64,
          "f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb4b");
    memset(z, 'a', sizeof z);
    check(z, 55,
          "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    check(z, 56,
          "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors),
        cmocka_unit_test(test_million),
        cmocka_unit_test(test_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
