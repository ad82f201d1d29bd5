"""Store settings for large corpora: SQLite page cache and the deduplicator's MinHash cache."""

# Articles written per store transaction by analyze and by the Dask load (with their dedup links and
# signatures): each transaction rewrites the pages its rows land on, and the LSH band rows (32 an article,
# at random keys) touch a share of the band index that grows with the corpus; larger transactions write
# each page once for more rows. A killed run still resumes cleanly (it loses at most one transaction).
WRITE_BATCH = 1000
# SQLite page cache per connection, in KiB (PRAGMA cache_size = -N). SQLite's default (2 MiB) is far
# smaller than the B-trees written at random keys (article ids, content hashes, LSH band keys): at
# 100k articles every batch then spills and re-reads pages, and the cost per article grows with the corpus.
SQLITE_CACHE_KIB = 65_536
# The WAL is checkpointed into the database after this many pages (SQLite's default: 1000). A batch
# dirties a few thousand pages; checkpointing every batch would copy the same pages again and again.
SQLITE_WAL_AUTOCHECKPOINT = 10_000
# MinHashes of stored articles kept in memory by the dedup index (~0.6 KB each: at most ~120 MB): LSH
# buckets of common phrasing grow with the corpus and the same stored candidates come back for article
# after article (on the 100k scale corpus, 5,000 articles touch 85k distinct candidates; with 50k cached,
# dedup took 1.44 ms an article at 100k, with 200k 0.89 ms).
DEDUP_MINHASH_CACHE = 200_000
# Members of large LSH buckets (at least DEDUP_BUCKET_MIN_MEMBERS articles) kept in memory by band key,
# at most DEDUP_BUCKET_CACHE article pks in all (~40 bytes each: ~20 MB).
DEDUP_BUCKET_CACHE = 500_000
DEDUP_BUCKET_MIN_MEMBERS = 8
