-- narrascope schema version 3: the near-duplicate index on disk, so the deduplicator's memory stays
-- flat in corpus size. One row per LSH band of each indexed article: `key` mixes the band number
-- and that band's MinHash values (see stages/dedup_signature.py); articles sharing a key are
-- candidate copies. `article_pk` is articles.pk (an integer keeps the table small).

CREATE TABLE dedup_bands (
    key INTEGER NOT NULL,
    article_pk INTEGER NOT NULL,
    PRIMARY KEY (key, article_pk)
) WITHOUT ROWID;
