/*
 * id_set.c: a set of row ids in memory (see id_set.h).
 */
#include <stdlib.h>
#include <string.h>

#include "id_set.h"
#include "tcrm/error.h"

#define EMPTY INT64_MIN

static size_t hash(int64_t id, size_t cap)
{
    return (size_t)(((uint64_t)id * 0x9E3779B97F4A7C15u) >> 17) & (cap - 1);
}

void tcrm_id_set_free(struct tcrm_id_set *s)
{
    free(s->bits);
    free(s->slot);
    memset(s, 0, sizeof *s);
}

int tcrm_id_set_clear(struct tcrm_id_set *s, int64_t max)
{
    tcrm_id_set_free(s);
    if (max > TCRM_ID_SET_BITS_MAX)
        return 0;
    s->max = max > 0 ? max : 0;
    s->bits = calloc((size_t)(s->max >> 3) + 1, 1);
    return s->bits ? 0 : TCRM_ENOMEM;
}

static int grow(struct tcrm_id_set *s)
{
    size_t cap = s->cap ? 2 * s->cap : 4096, ocap = s->cap;
    int64_t *slot = malloc(cap * sizeof *slot), *old = s->slot;
    if (!slot)
        return TCRM_ENOMEM;
    for (size_t i = 0; i < cap; i++)
        slot[i] = EMPTY;
    s->slot = slot;
    s->cap = cap;
    s->n = 0;
    for (size_t i = 0; i < ocap; i++)
        if (old[i] != EMPTY)
            tcrm_id_set_add(s, old[i]);
    free(old);
    return 0;
}

int tcrm_id_set_add(struct tcrm_id_set *s, int64_t id)
{
    if (s->bits) {
        if (id > 0 && id <= s->max)
            s->bits[id >> 3] |= (unsigned char)(1u << (id & 7));
        return 0;
    }
    if (id == EMPTY)
        return 0;
    if (2 * (s->n + 1) > s->cap && grow(s))
        return TCRM_ENOMEM;
    size_t h = hash(id, s->cap);
    while (s->slot[h] != EMPTY && s->slot[h] != id)
        h = (h + 1) & (s->cap - 1);
    s->n += s->slot[h] == EMPTY;
    s->slot[h] = id;
    return 0;
}

int tcrm_id_set_has(const struct tcrm_id_set *s, int64_t id)
{
    if (s->bits)
        return id > 0 && id <= s->max && (s->bits[id >> 3] >> (id & 7) & 1);
    if (!s->cap)
        return 0;
    size_t h = hash(id, s->cap);
    while (s->slot[h] != EMPTY) {
        if (s->slot[h] == id)
            return 1;
        h = (h + 1) & (s->cap - 1);
    }
    return 0;
}
