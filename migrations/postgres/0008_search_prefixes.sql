-- Search looks stems up by prefix. A GIN index over `terms` answers `stem:*` by merging the
-- posting lists of every lexeme under the prefix into a bitmap, over the whole table, on each
-- query (tens of milliseconds for a common stem at a million claims, and two common stems are
-- no cheaper, however few claims hold both). Like SQLite's FTS5 prefix indexes (migration
-- 0005 there), this indexes each lexeme's prefixes of 3 to 6 characters (shorter lexemes
-- whole), so a prefix is looked up as one exact key and several are intersected by GIN's fast
-- scan. A longer stem is looked up by its first six characters and checked against `terms`.
-- The index over `terms` itself is then unused and dropped: the planner would otherwise AND
-- its slow prefix merge into bitmap scans.
CREATE FUNCTION claim_term_prefixes(terms TSVECTOR) RETURNS TSVECTOR
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT array_to_tsvector(ARRAY(
        SELECT left(l, n)
        FROM unnest(tsvector_to_array(terms)) AS l,
             generate_series(least(char_length(l), 3), least(char_length(l), 6)) AS n))
$$;

CREATE INDEX claims_term_prefixes ON claims USING GIN (claim_term_prefixes(terms));
DROP INDEX claims_terms;
