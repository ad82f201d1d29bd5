-- narrascope PostgreSQL schema version 3: the near-duplicate index on disk (see the SQLite
-- migration 0003): one row per LSH band key of each indexed article; `article_pk` is articles.pk.

CREATE TABLE dedup_bands (
    key BIGINT NOT NULL,
    article_pk BIGINT NOT NULL,
    PRIMARY KEY (key, article_pk)
);
