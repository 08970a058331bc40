/*
 * sha256.h: SHA-256 (FIPS 180-4), for the fingerprint of an attachment.
 *
 * A small, pure implementation (the project links no crypto library; a
 * file's fingerprint is all it needs, no keys or secrets), checked
 * against the NIST vectors in tests/unit/util/test_sha256.c. Streaming:
 * _init, _update any number of times with any lengths, _final; or
 * tcrm_sha256_hex for bytes at hand.
 */
#ifndef TCRM_SHA256_H
#define TCRM_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define TCRM_SHA256_HEX 65   /* 64 lower-case hex digits and a NUL */

struct tcrm_sha256 {
    uint32_t h[8];
    uint64_t len;            /* bytes hashed so far */
    unsigned char buf[64];
    size_t used;             /* bytes waiting in buf */
};

void tcrm_sha256_init(struct tcrm_sha256 *s);
void tcrm_sha256_update(struct tcrm_sha256 *s, const void *data, size_t n);
/* The digest as 64 lower-case hex digits; s must be _init'ed again before
 * another use. */
void tcrm_sha256_final(struct tcrm_sha256 *s, char hex[TCRM_SHA256_HEX]);
/* The digest of n bytes at data, in one call. */
void tcrm_sha256_hex(const void *data, size_t n, char hex[TCRM_SHA256_HEX]);

#endif
