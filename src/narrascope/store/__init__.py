"""The corpus store: articles with their raw input, child tables for SQL tools, FTS5 search, runs.

    from narrascope.store import open_store
    with open_store("narrascope.db") as store:
        store.write_articles(batch)                # one transaction; upsert by id (re-runs are idempotent)
        store.search('"ready to negotiate" Kremlin')

`open_store(db)` takes a path (SQLite, created and migrated on first open) or a URL whose scheme
names a backend in `BACKENDS` (`sqlite:///path/to.db`, `postgresql://user@host/db` or `postgres://...`:
see `narrascope.store.postgres`, which needs `pip install 'narrascope[postgres]'`).

Store API (`narrascope.store.base.Store`; every write method is one transaction):

- `write_articles(articles, *, duplicates=None, signatures=None) -> list[(id, reason)]`: upsert a
  batch by id, replacing its child rows; optionally apply `{id: original_id | None}` links and save
  dedup signatures in the same transaction (so a crash never leaves a batch without its dedup
  state). A malformed article is returned as rejected with its reason; the rest is stored.
- `has(id) -> bool`, `known_ids(ids) -> set[str]`, `get(id) -> Article | None`.
- `iter_articles(*, since=None, until=None, outlet=None, originals_only=False, with_raw=True)
  -> Iterator[Article]`: streaming, ordered by published (undated first), then id; `until` includes
  that whole day; `with_raw=False` skips reading the raw input (raw "", extracted None, html_meta {}).
- `count(*, since=None, until=None, outlet=None, originals_only=False) -> int`, `delete_articles(ids) -> int`.
- `search(query, limit=20, offset=0) -> list[SearchHit]`: FTS5 over title and text, ranked by bm25
  (title weighted), `snippet` with matches between `settings.store.SNIPPET_MARKERS`. A query that is
  not valid FTS5 (unbalanced quote, bare AND, `Kremlin's`) is searched as plain words instead.
- `query_quotes(speaker=None, contains=None, since=None, until=None, limit=100) -> list[QuoteHit]`:
  `speaker` matches (case-insensitive substring) the speaker as written or the name or an alias of
  the speaker's actor; `contains` the statement text; dates apply to `said_on`, else the article's
  `published`. QuoteHit is (article_id, statement, published).
- `set_duplicates(mapping)`, `dedup_signatures() -> Iterator[tuple]`, `save_dedup_signatures(sigs)`:
  the deduplicator's state; a signature is (article_id, content_hash, published, minhash, duplicate_of)
  plus, when written, its LSH band keys as a 6th item (stored in `dedup_bands`).
- `dedup_index()`: the per-article lookups `stages.dedup.Deduplicator(index)` makes into that state
  (by content hash, by band key, an article's link, an original's copies), so that dedup memory
  stays flat in corpus size.
- `query(sql, params) -> list[dict]`, `writing(what)` (a write transaction context manager): for
  modules that own their own tables.
- `write_actors(actors)`, `actors() -> list[Actor]`.
- `start_run(paths) -> run_id`, `finish_run(run_id, counts)`, `record_input_errors(run_id, errors)`,
  `runs() -> list[Run]`, `input_errors(run_id=None) -> list[InputError]`.
- `close()`; a Store is a context manager.

SQLite tables (schema in `migrations/*.sql`, version in `PRAGMA user_version`): `articles` (every
Article field; lists and dicts as JSON), one row per list item in `removed_lines`, `entities`,
`article_actors`, `quotes`, `narratives`, `roles`, `stage_errors` (article_id, ordinal, item fields),
`actors`, `runs`, `input_errors`, `dedup_signatures`, `dedup_bands`, `dedup_minhashes`, and the FTS5
index `articles_fts`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..errors import StoreError
from .base import QuoteHit, Run, SearchHit, Store
from .sqlite import SQLiteStore



def _open_postgres(url: str) -> Store:
    """The PostgreSQL store, imported on first use so that SQLite users need not install psycopg."""
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise StoreError(
            f"cannot open {url.split('://', 1)[0]}:// databases: the PostgreSQL driver is missing ({exc}); "
            "install it with pip install 'narrascope[postgres]'"
        ) from exc
    from .postgres import PostgresStore

    return PostgresStore(url)


BACKENDS: dict[str, Callable[[str], Store]] = {
    "sqlite": SQLiteStore, "postgresql": _open_postgres, "postgres": _open_postgres,
}


def open_store(db: str | Path) -> Store:
    """Open (creating and migrating if needed) the store at `db`: a file path or a backend URL."""
    location = str(db)
    scheme, sep, rest = location.partition("://")
    if not sep:
        return SQLiteStore(location)
    backend = BACKENDS.get(scheme.lower())
    if backend is None:
        known = ", ".join(f"{name}://" for name in sorted(BACKENDS))
        raise StoreError(f"unknown database URL scheme {scheme!r} in {location!r}: use a file path or one of {known}")
    if backend is SQLiteStore:
        return SQLiteStore(rest[1:] if rest.startswith("/") else rest)  # sqlite:///rel.db, sqlite:////abs.db
    return backend(location)


__all__ = ["BACKENDS", "QuoteHit", "Run", "SQLiteStore", "SearchHit", "Store", "open_store"]
