"""The deduplicator's view of earlier batches in a SQLite store (the `DedupIndex` of stages/dedup.py).

Per-article lookups on indexed columns: content hash (`articles.content_hash`), LSH band keys
(`dedup_bands`, a WITHOUT ROWID table keyed by band key, and `dedup_minhashes` by article pk), an article's own row, and the copies
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

    def find_bands(self, keys: Sequence[int]) -> list[tuple[int, bytes]]:
        if not keys:
            return []
        sql = (
            "SELECT article_pk, minhash FROM dedup_minhashes WHERE article_pk IN "
            f"(SELECT article_pk FROM dedup_bands WHERE key IN ({', '.join('?' * len(keys))}))"
        )
        return [(row[0], row[1]) for row in self._conn.execute(sql, list(keys))]

    def at(self, order: int) -> StoredArticle | None:
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM articles a WHERE a.pk = ?", (order,)).fetchone()
        return StoredArticle(*row) if row else None

    def members(self, original_id: str) -> list[StoredArticle]:
        rows = self._conn.execute(f"SELECT {_COLUMNS} FROM articles a WHERE a.duplicate_of = ?", (original_id,))
        return [StoredArticle(*row) for row in rows]
