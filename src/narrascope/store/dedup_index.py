"""The deduplicator's view of earlier batches in a SQLite store (the `DedupIndex` of stages/dedup.py).

Per-article lookups on indexed columns: content hash (`articles.content_hash`), LSH band keys
(`dedup_bands`, a WITHOUT ROWID table keyed by band key), an article's own row, and the copies
linked to an original (`articles.duplicate_of`). Nothing is cached: memory stays flat in corpus size.
"""
from __future__ import annotations

import sqlite3
from typing import NamedTuple, Sequence

_COLUMNS = "a.id, a.pk, a.published, a.duplicate_of"


class StoredArticle(NamedTuple):  # the same shape as stages.dedup.StoredArticle
    id: str
    order: int
    published: str | None
    duplicate_of: str | None


class SQLiteDedupIndex:
    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn

    def get(self, article_id: str) -> StoredArticle | None:
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM articles a WHERE a.id = ?", (article_id,)).fetchone()
        return StoredArticle(*row) if row else None

    def find_hash(self, digest: str) -> StoredArticle | None:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM articles a WHERE a.content_hash = ? LIMIT 1", (digest,)
        ).fetchone()
        return StoredArticle(*row) if row else None

    def find_bands(self, keys: Sequence[int]) -> list[tuple[StoredArticle, bytes]]:
        if not keys:
            return []
        sql = (
            f"SELECT {_COLUMNS}, s.minhash FROM articles a JOIN dedup_signatures s ON s.article_id = a.id "
            f"WHERE a.pk IN (SELECT DISTINCT article_pk FROM dedup_bands WHERE key IN ({', '.join('?' * len(keys))}))"
        )
        rows = [tuple(row) for row in self._conn.execute(sql, list(keys))]
        return [(StoredArticle(*row[:4]), row[4]) for row in rows]

    def members(self, original_id: str) -> list[StoredArticle]:
        rows = self._conn.execute(f"SELECT {_COLUMNS} FROM articles a WHERE a.duplicate_of = ?", (original_id,))
        return [StoredArticle(*row) for row in rows]
