"""The deduplicator's view of earlier batches in a SQLite store (the `DedupIndex` of stages/dedup.py).

Per-article lookups on indexed columns: content hash (`articles.content_hash`), LSH band keys
(`dedup_bands`, a WITHOUT ROWID table keyed by band key, and `dedup_minhashes` by article pk), an article's own row, and the copies
linked to an original (`articles.duplicate_of`).

Two bounded caches (store/dedup_cache.py, sizes in settings.store_bulk): candidates' MinHashes by pk, and
the members of large LSH buckets by key, so that the cost per article does not grow with the corpus when
common phrasing fills some buckets. They are kept true: the store that made the index reports what it
writes (`added_bands`, `forget`); another connection's commit (SQLite's `PRAGMA data_version` changes,
given as `version`) empties them. Without `version` (PostgreSQL) buckets are not cached and MinHashes are
(a pk is never reused there, and an article's MinHash only changes through this store's own writes).
"""
from __future__ import annotations

import sqlite3
from typing import Callable, Iterable, NamedTuple, Sequence

from ..settings import store_bulk as settings
from .dedup_cache import BucketCache, MinhashCache

_COLUMNS = "a.id, a.pk, a.published, a.duplicate_of"
_IN_CHUNK = 500  # pks per `IN (...)` query


class StoredArticle(NamedTuple):  # the same shape as stages.dedup.StoredArticle
    id: str
    order: int
    published: str | None
    duplicate_of: str | None


class SQLiteDedupIndex:
    def __init__(
        self,
        conn: sqlite3.Connection,
        version: Callable[[], int] | None = None,
        *,
        cache_size: int = settings.DEDUP_MINHASH_CACHE,
        bucket_cache: int = settings.DEDUP_BUCKET_CACHE,
    ):
        self._conn = conn
        self._version = version
        self._seen_version = version() if version else None
        self.minhashes = MinhashCache(cache_size)
        self.buckets = BucketCache(bucket_cache if version else 0, settings.DEDUP_BUCKET_MIN_MEMBERS)

    def get(self, article_id: str) -> StoredArticle | None:
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM articles a WHERE a.id = ?", (article_id,)).fetchone()
        return StoredArticle(*row) if row else None

    def find_hash(self, digest: str) -> StoredArticle | None:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM articles a WHERE a.content_hash = ? LIMIT 1", (digest,)
        ).fetchone()
        return StoredArticle(*row) if row else None

    def find_bands(self, keys: Sequence[int]) -> list[tuple[int, bytes]]:
        """(pk, MinHash) of the stored articles sharing a band key, by pk."""
        if not keys:
            return []
        self._check_version()
        pks = self._bucket_members(keys)
        missing = sorted(self.minhashes.missing(pks))
        for i in range(0, len(missing), _IN_CHUNK):
            chunk = missing[i : i + _IN_CHUNK]
            sql = f"SELECT article_pk, minhash FROM dedup_minhashes WHERE article_pk IN ({', '.join('?' * len(chunk))})"
            self.minhashes.add((pk, bytes(blob)) for pk, blob in self._conn.execute(sql, chunk))
        return self.minhashes.take(pks)

    def _bucket_members(self, keys: Sequence[int]) -> set[int]:
        cached, unknown = [], []
        for key in keys:
            members = self.buckets.get(key)
            if members is None:
                unknown.append(key)
            else:
                cached.append(members)
        pks: set[int] = set().union(*cached)
        if unknown:
            sql = f"SELECT key, article_pk FROM dedup_bands WHERE key IN ({', '.join('?' * len(unknown))})"
            by_key: dict[int, list[int]] = {}
            for key, pk in self._conn.execute(sql, unknown):
                by_key.setdefault(key, []).append(pk)
            for key, members in by_key.items():
                pks.update(members)
                self.buckets.offer(key, members)
        return pks

    def added_bands(self, rows: Iterable[tuple[int, int]]) -> None:
        """(key, pk) rows the store has just written."""
        self.buckets.added(rows)

    def forget(self, pks: Iterable[int] | None = None) -> None:
        """The store rewrote (or deleted) the MinHashes of these pks (None: anything): read them again."""
        self.minhashes.forget(pks)
        if pks is None:
            self.buckets.forget()

    def _check_version(self) -> None:
        """Another connection wrote to the store since the last lookup: nothing cached can be trusted."""
        if self._version is None:
            return
        version = self._version()
        if version != self._seen_version:
            self._seen_version = version
            self.forget(None)

    def at(self, order: int) -> StoredArticle | None:
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM articles a WHERE a.pk = ?", (order,)).fetchone()
        return StoredArticle(*row) if row else None

    def members(self, original_id: str) -> list[StoredArticle]:
        rows = self._conn.execute(f"SELECT {_COLUMNS} FROM articles a WHERE a.duplicate_of = ?", (original_id,))
        return [StoredArticle(*row) for row in rows]
