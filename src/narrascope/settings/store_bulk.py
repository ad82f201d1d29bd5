"""Store settings for large corpora: SQLite page cache and the deduplicator's MinHash cache."""

# SQLite page cache per connection, in KiB (PRAGMA cache_size = -N). SQLite's default (2 MiB) is far
# smaller than the B-trees written at random keys (article ids, content hashes, LSH band keys): at
# 100k articles every batch then spills and re-reads pages, and the cost per article grows with the corpus.
SQLITE_CACHE_KIB = 65_536
# The WAL is checkpointed into the database after this many pages (SQLite's default: 1000). A batch
# dirties a few thousand pages; checkpointing every batch would copy the same pages again and again.
SQLITE_WAL_AUTOCHECKPOINT = 10_000
# MinHashes of stored articles kept in memory by the dedup index (~0.6 KB each): LSH buckets of common
# phrasing grow with the corpus and the same stored candidates come back for article after article.
DEDUP_MINHASH_CACHE = 50_000
# Members of large LSH buckets (at least DEDUP_BUCKET_MIN_MEMBERS articles) kept in memory by band key,
# at most DEDUP_BUCKET_CACHE article pks in all (~40 bytes each).
DEDUP_BUCKET_CACHE = 1_000_000
DEDUP_BUCKET_MIN_MEMBERS = 16
