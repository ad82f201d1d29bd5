"""Bounded in-memory caches of the dedup index (store/dedup_index.py): candidate MinHashes by article pk,
and the members of large LSH buckets by band key.

Why: on a corpus of one topic, phrasing common to many articles puts thousands of articles in some LSH
buckets (a band key shared by 3% of 100k articles), and the same stored articles are candidates of
article after article. Reading those buckets and MinHashes from the B-trees for every article made the
cost per article grow with the corpus. Both caches are bounded (settings.store_bulk) and evict the least
recently used entries; the store keeps them true (see SQLiteDedupIndex).
"""
from __future__ import annotations

from typing import Generic, Hashable, Iterable, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LRUCache(Generic[K, V]):
    """At most `capacity` units (an entry weighs `weight(value)`, default 1), least recently used first out."""

    def __init__(self, capacity: int, weight=None):
        self.capacity = capacity
        self._weight = weight or (lambda value: 1)
        self._items: dict[K, V] = {}  # insertion order = recency
        self.size = 0

    def get(self, key: K) -> V | None:
        value = self._items.pop(key, None)
        if value is not None:
            self._items[key] = value
        return value

    def put(self, key: K, value: V) -> None:
        self.pop(key)
        self._items[key] = value
        self.size += self._weight(value)
        while self.size > self.capacity and self._items:
            self.pop(next(iter(self._items)))

    def pop(self, key: K) -> V | None:
        value = self._items.pop(key, None)
        if value is not None:
            self.size -= self._weight(value)
        return value

    def forget(self, keys: Iterable[K] | None = None) -> None:
        """Drop these keys (None: all)."""
        if keys is None:
            self._items.clear()
            self.size = 0
        else:
            for key in keys:
                self.pop(key)

    def __contains__(self, key: K) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)


class BucketCache:
    """Members (article pks) of the LSH buckets with at least `min_members`, by band key; at most
    `capacity` pks in all. Rows the store adds to a cached bucket are appended (`added`)."""

    def __init__(self, capacity: int, min_members: int):
        self.min_members = min_members
        self._buckets: LRUCache[int, list[int]] = LRUCache(capacity, weight=len)

    def get(self, key: int) -> list[int] | None:
        return self._buckets.get(key)

    def offer(self, key: int, members: list[int]) -> None:
        """Keep a bucket just read from the store if it is large."""
        if len(members) >= self.min_members:
            self._buckets.put(key, members)

    def added(self, rows: Iterable[tuple[int, int]]) -> None:
        """(key, pk) rows the store has just written."""
        for key, pk in rows:
            members = self._buckets.pop(key)
            if members is not None and pk not in members[-1:]:
                members.append(pk)
                self._buckets.put(key, members)

    def forget(self) -> None:
        self._buckets.forget()

    def __len__(self) -> int:
        return len(self._buckets)
