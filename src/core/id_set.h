/*
 * id_set.h: a set of row ids in memory (id_set.c), for testing many rows
 * against one set (access.c's bulk_<table>): a bitmap of the ids 1..max
 * when max is at most TCRM_ID_SET_BITS_MAX (16 MiB; a million ids take
 * 125 KiB), else an open-addressing hash set. Zeroed: empty.
 */
#ifndef TCRM_CORE_ID_SET_H
#define TCRM_CORE_ID_SET_H

#include <stddef.h>
#include <stdint.h>

#define TCRM_ID_SET_BITS_MAX ((int64_t)1 << 27)

struct tcrm_id_set {
    unsigned char *bits;    /* the bitmap, or NULL */
    int64_t max;            /* its last id */
    int64_t *slot;          /* else the hash set */
    size_t cap, n;          /* cap: a power of two, or 0 */
};

/* Empty s for ids up to max (a bitmap ignores any other id); 0 or
 * TCRM_ENOMEM. */
int tcrm_id_set_clear(struct tcrm_id_set *s, int64_t max);
/* Add id; 0 or TCRM_ENOMEM. */
int tcrm_id_set_add(struct tcrm_id_set *s, int64_t id);
int tcrm_id_set_has(const struct tcrm_id_set *s, int64_t id);
void tcrm_id_set_free(struct tcrm_id_set *s);

#endif
