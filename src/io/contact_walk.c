/*
 * contact_walk.c: a contact or company list walked page by page
 * (contact_walk.h).
 * Each page continues after the last row of the one before (keyset
 * paging), so memory stays at one page whatever the list's length.
 */
#include <string.h>

#include "contact_walk.h"
#include "tcrm/company.h"

#define PAGE 500

int tcrm_contact_walk(struct tcrm_db *db, const struct tcrm_contact_filter *f,
                      tcrm_contact_id_fn fn, void *ud, struct tcrm_error *err)
{
    struct tcrm_contact_page prev = {0}, page = {0};
    int rc = 0;
    while (!rc) {
        rc = tcrm_contact_list(db, f, prev.n ? &prev.rows[prev.n - 1] : NULL,
                               0, PAGE, &page, err);
        for (size_t i = 0; !rc && i < page.n; i++)
            rc = fn(ud, page.rows[i].id, err);
        tcrm_contact_page_free(&prev);
        prev = page;
        memset(&page, 0, sizeof page);
        if (!prev.more || prev.n == 0)
            break;
    }
    tcrm_contact_page_free(&prev);
    return rc;
}

int tcrm_company_walk(struct tcrm_db *db, const char *tag,
                      tcrm_contact_id_fn fn, void *ud, struct tcrm_error *err)
{
    struct tcrm_company_page prev = {0}, page = {0};
    int rc = 0;
    while (!rc) {
        rc = tcrm_company_list(db, NULL, tag,
                               prev.n ? &prev.rows[prev.n - 1] : NULL, 0, PAGE,
                               &page, err);
        for (size_t i = 0; !rc && i < page.n; i++)
            rc = fn(ud, page.rows[i].id, err);
        tcrm_company_page_free(&prev);
        prev = page;
        memset(&page, 0, sizeof page);
        if (!prev.more || prev.n == 0)
            break;
    }
    tcrm_company_page_free(&prev);
    return rc;
}
