/*
 * search.h: finding contacts, the one search every caller uses (the
 * screen's incremental search, `tcrm search`, `contact list --search`,
 * export --search).
 *
 * A query matches a contact when it is a case- and accent-insensitive
 * substring of its name, company, title, department, e-mails, phones,
 * tags or notes. A query that looks like a phone number (digits, spaces,
 * + - ( ) . /) also matches the phone digits: "1380000" and "138 0000"
 * find "+86 138 0000 0000". Latin and CJK alike. Chinese names, companies
 * and titles also match by pinyin (pinyin.h): 张伟 by "zhangwei", "zhang
 * wei", "zhangw", "zw"; tone marks and ü/v either way. A query of several
 * words (not a phone number) matches the contacts that match every word,
 * each in any field: "silva anna", "华为 采购".
 *
 * How: queries of three characters or more go through the trigram index
 * (contact_search); shorter ones through contact_search_short, which holds
 * every word and every one- and two-character piece of CJK text, so "张伟"
 * is an index look-up, and a one- or two-letter Latin query matches words
 * that start with it.
 *
 * In owned mode a search finds what the person may see (access.h); the
 * index entries carry visibility tokens so that a salesperson's search
 * walks only candidates they may see (src/core/search_see.c).
 *
 * Ranking, in tiers: 0 the name equals the query, 1 the name starts with
 * it, 2 any other match. Inside a tier, by name. Pages are keyset pages
 * (contact.h: after/limit), so the first page costs the same on ten
 * contacts or a million.
 */
#ifndef TCRM_SEARCH_H
#define TCRM_SEARCH_H

#include "tcrm/contact.h"

/* Same as tcrm_contact_list with f->search = query. */
int tcrm_search_contacts(struct tcrm_db *db, const char *query,
                         const struct tcrm_contact_filter *f,
                         const struct tcrm_contact_row *after, size_t limit,
                         struct tcrm_contact_page *out, struct tcrm_error *err);

/* Rebuild the index entry of one contact (the entity functions call this;
 * an import may call it in bulk). Must be inside a transaction. */
int tcrm_search_index_contact(struct tcrm_db *db, int64_t id,
                              struct tcrm_error *err);
/* Rebuild the whole index (slow; `tcrm` never needs it in normal use). */
int tcrm_search_rebuild(struct tcrm_db *db, struct tcrm_error *err);
/* Rebuild the whole index if a migration asked for it (the table
 * search_rebuild exists: 008_pinyin.sql), then drop that table; nothing
 * otherwise. tcrm_db_open calls this after the migrations. */
int tcrm_search_rebuild_pending(struct tcrm_db *db, struct tcrm_error *err);

#endif
