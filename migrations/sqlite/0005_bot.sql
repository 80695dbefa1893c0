-- Keyword search at scale: rebuild the claims' FTS index with prefix indexes for 3- to
-- 6-character prefixes. `/search` matches stems by prefix; without these, FTS5 merges the
-- doclists of every token under a prefix over the whole table on each query (milliseconds
-- per common word at a million claims); with them a prefix reads like one token, lazily,
-- newest first. Longer stems are searched by their first six characters and checked in full
-- by the store. Costs about half again the FTS index's size.
CREATE VIRTUAL TABLE claims_fts_prefixed USING fts5 (
    terms,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '3 4 5 6'
);
INSERT INTO claims_fts_prefixed (rowid, terms) SELECT rowid, terms FROM claims_fts;
DROP TABLE claims_fts;
ALTER TABLE claims_fts_prefixed RENAME TO claims_fts;
