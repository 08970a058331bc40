/*
 * name_order.h: the order names are listed in, a setting of the database
 * (settings.name_order), the same for everyone who opens it.
 *
 *   pinyin     hanzi by their pinyin reading among Latin names: 李娜,
 *              王芳, 张伟, 章子怡, Zhang Anna, zoe (the default);
 *   codepoint  folded text by Unicode code point: every hanzi name after
 *              every Latin one.
 * Changing it re-keys every name that is not plain ASCII, in one
 * transaction; in owned mode only an admin may.
 */
#ifndef TCRM_NAME_ORDER_H
#define TCRM_NAME_ORDER_H

#include "tcrm/db.h"
#include "tcrm/error.h"

/* "pinyin" or "codepoint". */
const char *tcrm_name_order(const struct tcrm_db *db);

/* order: "pinyin" or "codepoint" (else TCRM_EINVAL, field "name-order");
 * TCRM_EPERM for anyone but an admin in owned mode. Audited. */
int tcrm_name_order_set(struct tcrm_db *db, const char *order,
                        struct tcrm_error *err);

#endif
