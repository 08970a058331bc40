/*
 * fuzz_search.c: search queries (search.h, tcrm_search_contacts) on the
 * demo database, made once per process: the trigram and the short-query
 * index, phone digits, CJK pieces, FTS5 quoting of whatever a person
 * types. Every query reads its first page and, when there is more, the
 * next one (the keyset cursor).
 */
#include "fuzz_db.h"
#include "tcrm/search.h"

FUZZ_DEMO_DB

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *query = fuzz_str(data, size);
    struct tcrm_contact_filter f;
    memset(&f, 0, sizeof f);
    struct tcrm_contact_page p, next;
    struct tcrm_error err;
    if (tcrm_search_contacts(db, query, &f, NULL, 5, &p, &err) == 0) {
        FUZZ_ASSERT(p.n <= 5);
        if (p.more && p.n &&
            tcrm_search_contacts(db, query, &f, &p.rows[p.n - 1], 5, &next,
                                 &err) == 0)
            tcrm_contact_page_free(&next);
        tcrm_contact_page_free(&p);
    } else {
        FUZZ_ASSERT(err.code < 0 && err.msg[0]);
    }
    free(query);
    return 0;
}
