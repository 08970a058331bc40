-- 008_pinyin.sql (schema 8): the search index gains the pinyin of Chinese names,
-- companies and titles (src/util/pinyin.c): each of those fields is
-- followed in contact_search.body by lines such as "zhangwei" and "zw",
-- so that a contact named Zhang Wei in hanzi is found by "zhangwei",
-- "zhangw" and "zw".
--
-- SQL cannot spell pinyin, so this migration empties the index (dropping
-- and creating the tables again, as 001_init.sql makes them, is far faster
-- than deleting a million entries) and asks for it to be rebuilt: right
-- after the migrations, in the same open, tcrm fills contact_search and
-- contact_search_short from the rows and drops search_rebuild
-- (tcrm_search_rebuild_pending, src/core/search.c). A database that still
-- has search_rebuild is one whose rebuild has not finished; the next open
-- that may write does it.
DROP TABLE contact_search;
DROP TABLE contact_search_short;
CREATE VIRTUAL TABLE contact_search USING fts5(body, tokenize = 'trigram');
CREATE VIRTUAL TABLE contact_search_short USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE search_rebuild (
    reason TEXT NOT NULL
);
INSERT INTO search_rebuild (reason) VALUES ('005_pinyin: pinyin keys');
