"""Store settings: SQLite connection, full-text search and read batching."""

SQLITE_BUSY_TIMEOUT_MS = 30_000  # wait this long for another writer before failing
READ_BATCH = 256  # rows fetched per round trip when streaming articles
SEARCH_LIMIT = 20  # default number of search hits
SNIPPET_MARKERS = ("[[", "]]")  # put around matched terms in search snippets (the CLI turns them into colour)
SNIPPET_ELLIPSIS = "…"
SNIPPET_TOKENS = 24  # words of context in a search snippet (FTS5 allows at most 64)
BM25_WEIGHTS = (5.0, 1.0)  # title, text: a hit in the title counts five times a hit in the body
QUOTES_LIMIT = 100  # default number of statements returned by query_quotes
