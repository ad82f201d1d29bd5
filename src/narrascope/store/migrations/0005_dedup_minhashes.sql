-- narrascope schema version 5: the MinHash of each near-duplicate-indexed article keyed by
-- articles.pk (as dedup_bands gives candidates), so verifying an LSH candidate is one rowid lookup.
-- It repeats dedup_signatures.minhash (kept for Store.dedup_signatures()); filled here for stores
-- written at version 3 or 4.

CREATE TABLE dedup_minhashes (
    article_pk INTEGER PRIMARY KEY,
    minhash BLOB NOT NULL
);

INSERT INTO dedup_minhashes (article_pk, minhash)
SELECT a.pk, s.minhash FROM articles a JOIN dedup_signatures s ON s.article_id = a.id
WHERE s.minhash IS NOT NULL AND a.pk IN (SELECT DISTINCT article_pk FROM dedup_bands);
