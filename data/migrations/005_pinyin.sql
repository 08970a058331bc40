-- 005_pinyin.sql: the search index gains the pinyin of Chinese names,
-- companies and titles (src/util/pinyin.c): each of those fields is
-- followed in contact_search.body by lines such as "zhangwei" and "zw",
-- so that a contact named Zhang Wei in hanzi is found by "zhangwei",
-- "zhangw" and "zw".
--
-- SQL cannot spell pinyin, so this migration only asks for the index to be
-- rebuilt: right after the migrations, in the same open, tcrm rebuilds
-- contact_search and contact_search_short from the rows and drops this
-- table (tcrm_search_rebuild_pending, src/core/search.c). A database that
-- still has the table is one whose rebuild has not finished; the next open
-- does it.
CREATE TABLE search_rebuild (
    reason TEXT NOT NULL
);
INSERT INTO search_rebuild (reason) VALUES ('005_pinyin: pinyin keys');
