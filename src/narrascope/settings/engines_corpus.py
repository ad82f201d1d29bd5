"""Settings of the distributed corpus-level stages of the Dask engine (engines/dask/dedup.py, stories.py).

The similarity rules themselves are the local engine's (settings/dedup.py, settings/stories.py); these
only bound the work of the distributed candidate search.
"""

# How the corpus stages shuffle: "tasks" (plain task graph: no fixed start-up cost per shuffle, and
# object columns such as MinHash bytes pass as they are) or "p2p" (distributed's peer-to-peer
# shuffle: better for thousands of partitions).
SHUFFLE_METHOD = "tasks"
# Articles per partition of the corpus stages (DIR/articles is read in about this many rows per
# partition: small month files are combined; a shuffle costs the square of its partitions in tasks).
PARTITION_ROWS = 2500

# --- near-duplicates (engines/dask/dedup.py) ---
# In an LSH bucket (articles sharing one band key), each member is compared with at most this many
# members before it in input order. Buckets are tiny in practice (copies of one text); the bound only
# stops a degenerate bucket (thousands of copies of one boilerplate) from going quadratic. Members of
# such a bucket further apart than this are still linked if some chain of closer copies joins them.
DEDUP_BUCKET_WINDOW = 1000
# A bucket's candidate pairs are screened by comparing only the low bits of each MinHash value (8x less
# to compare than the 32-bit values): equal values have equal low bits, so a pair screened out is
# surely not a copy; the pairs left are checked on the full values. 2 bits: 1 in 4 unequal values
# look equal, so a pair sharing only its bucket's band scores ~35 of 128, far below a copy's 77.
DEDUP_LOW_BITS = 2

# --- stories (engines/dask/stories.py) ---
# (8, not 6: on stories_engines.py's generated corpus, an article centred on a side character has the
# story's own names only 7th or 8th by weight; 6 split 8 of 1,262 stories at 10k, 8 splits none, for
# ~2% more stories CPU)
BLOCK_TERMS = 8  # an article (a story, for threads) is blocked under its heaviest terms...
BLOCK_MAX_SHARE = 0.05  # ...skipping terms in more than this share of the documents...
BLOCK_MIN_DF_CAP = 50  # ...(never capping below this many documents, so small corpora keep their topic words)
BLOCK_WINDOW = 50  # in a block, an article is paired with at most this many members before it in date order
# ...and a story with at most this many stories before it (threads span THREAD_GAP_DAYS: a story's
# block keys are shared by many stories of a recurring topic, and any one of them links the thread)
THREAD_BLOCK_WINDOW = 30
# A story candidate edge also needs the article to agree with the centroid of the component it would
# join (the local engine compares articles with story centroids, never article with article).
CENTROID_CHECK = True

