-- narrascope PostgreSQL schema version 5: the MinHash of each near-duplicate-indexed article keyed by
-- articles.pk (see the SQLite migration 0005), filled here for stores written at version 3 or 4.

CREATE TABLE dedup_minhashes (
    article_pk BIGINT PRIMARY KEY,
    minhash BYTEA NOT NULL
);

INSERT INTO dedup_minhashes (article_pk, minhash)
SELECT a.pk, s.minhash FROM articles a JOIN dedup_signatures s ON s.article_id = a.id
WHERE s.minhash IS NOT NULL AND a.pk IN (SELECT DISTINCT article_pk FROM dedup_bands);
