"""The corpus-level actor step of `analyze`: merge each run's per-article actors into the store's
actor table, and rewrite stored articles whose local actor ids the merge replaced.

It runs in the main process beside dedup; only the actor table is held in memory.
"""
from __future__ import annotations

from typing import Iterable

from .model import Article

REMAP_BATCH = 200
# Child tables that carry actor ids, and their column (see store/migrations).
_ACTOR_COLUMNS = (("article_actors", "actor_id"), ("entities", "actor_id"), ("quotes", "speaker_actor_id"),
                  ("roles", "actor_id"))


class ActorTable:
    def __init__(self, store):
        from .stages.actors import ActorMerger

        self.store = store
        self.merger = ActorMerger()
        self.merger.seed(store.actors())
        self.added = 0

    def add(self, article: Article) -> None:
        if article.entities or article.actors:
            self.merger.add_article(article)
            self.added += 1

    def finish(self) -> int:
        """Write the merged table and apply the remap to stored articles; returns the actor count."""
        if not self.added:
            return 0
        actors, remap = self.merger.finalize()
        changed = {old: new for old, new in remap.items() if old != new}
        if changed:
            self._rewrite_articles(changed)
        live = {actor.id for actor in actors}
        self.store.write_actors(actors)
        stale = [old for old in changed if old not in live]
        if stale:
            with self.store.writing("drop merged actors") as conn:
                conn.executemany("DELETE FROM actors WHERE id = ?", [(old,) for old in stale])
        return len(actors)

    def _rewrite_articles(self, remap: dict[str, str | None]) -> None:
        from .stages.actors import apply_remap

        ids = sorted(_articles_mentioning(self.store, list(remap)))
        for start in range(0, len(ids), REMAP_BATCH):
            articles = [a for a in map(self.store.get, ids[start:start + REMAP_BATCH]) if a is not None]
            for article in articles:
                apply_remap(article, remap)
            self.store.write_articles(articles)


def _articles_mentioning(store, actor_ids: list[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(actor_ids, 500):
        marks = ", ".join("?" * len(chunk))
        for table, column in _ACTOR_COLUMNS:
            rows = store.query(f"SELECT DISTINCT article_id FROM {table} WHERE {column} IN ({marks})", chunk)
            found.update(row["article_id"] for row in rows)
    return found


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
