-- tcrm schema 17: who may see a contact, in its search index entry
-- (issue 9, a salesperson's search at 1M).
--
-- Each entry of contact_search and contact_search_short ends with the
-- visibility tokens of src/core/search_see.c: one per login that may see
-- the contact (its owner, or the pool when it has none, and everyone it is
-- shared with). The search of someone who does not see everything ANDs
-- the tokens of the people they hold (tcrm_reach) and the pool's into its
-- MATCH, so it walks only rows they may see instead of reading twenty
-- rows for every one it keeps. The rule itself (access.c) still decides.
--
-- The name tiers (equal to / starting with the query) of someone who holds
-- no one else's rows read their own rows, the pool's and those shared with
-- them as index ranges in name order, merged (search_see.c): hence
-- contacts(owner, sort_key, id), which also serves every look-up by owner
-- that contacts_by_owner served.
--
-- SQL cannot write the tokens, so, as 008_pinyin.sql did, this empties
-- the index (dropping and creating the tables is far faster than
-- deleting a million entries) and asks tcrm to rebuild it right after the
-- migrations (tcrm_search_rebuild_pending, src/core/search.c); on a
-- million contacts that takes some minutes, once.
DROP INDEX contacts_by_owner;
CREATE INDEX contacts_by_owner_sort ON contacts(owner, sort_key, id);
DROP TABLE contact_search;
DROP TABLE contact_search_short;
CREATE VIRTUAL TABLE contact_search USING fts5(body, tokenize = 'trigram');
CREATE VIRTUAL TABLE contact_search_short USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE IF NOT EXISTS search_rebuild (
    reason TEXT NOT NULL
);
INSERT INTO search_rebuild (reason) VALUES ('017_see_tokens: visibility tokens');
