/*
 * tag.h: the tags in use, with how many live rows carry each.
 * Tags are set through the entity structs' tags lists.
 */
#ifndef TCRM_TAG_H
#define TCRM_TAG_H

#include "tcrm/db.h"

struct tcrm_tag_count {
    char *name;
    int64_t contacts, companies, deals;
};
int tcrm_tag_list(struct tcrm_db *db, struct tcrm_tag_count **out, size_t *n,
                  struct tcrm_error *err);
void tcrm_tag_array_free(struct tcrm_tag_count *a, size_t n);
/* 0 if a tag of that name exists, TCRM_ENOTFOUND "tag 'x': not found". */
int tcrm_tag_exists(struct tcrm_db *db, const char *name,
                    struct tcrm_error *err);

#endif
