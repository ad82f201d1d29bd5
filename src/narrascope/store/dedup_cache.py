"""Bounded in-memory caches of the dedup index (store/dedup_index.py): candidate MinHashes by article pk,
and the members of large LSH buckets by band key.

Why: on a corpus of one topic, phrasing common to many articles puts thousands of articles in some LSH
buckets (a band key shared by 3% of 100k articles), and the same stored articles are candidates of
article after article. Reading those buckets and MinHashes from the B-trees for every article made the
cost per article grow with the corpus. Lookups here are per candidate, so they run as C-level set and
dict operations (no per-candidate Python code); both caches are bounded (settings.store_bulk) and drop
their oldest entries first. The store keeps them true (see SQLiteDedupIndex).
"""
from __future__ import annotations

from itertools import islice
from operator import itemgetter
from typing import Iterable


class MinhashCache:
    """pk -> packed MinHash, at most `capacity` (oldest first out, beyond a single lookup's need)."""

    def __init__(self, capacity: int):
        self.capacity = capacity
        self.blobs: dict[int, bytes] = {}

    def missing(self, pks: set[int]) -> set[int]:
        return pks.difference(self.blobs)  # iterates `pks` (`pks - blobs.keys()` would iterate the cache)

    def add(self, rows: Iterable[tuple[int, bytes]]) -> None:
        self.blobs.update(rows)

    def take(self, pks: set[int]) -> list[tuple[int, bytes]]:
        """(pk, MinHash) of those of `pks` that are cached, by pk; then trim to capacity."""
        wanted = sorted(self.blobs.keys() & pks)  # iterates `pks`, the smaller
        if len(wanted) == 1:
            found = [(wanted[0], self.blobs[wanted[0]])]
        else:
            found = list(zip(wanted, itemgetter(*wanted)(self.blobs))) if wanted else []
        self._trim()
        return found

    def forget(self, pks: Iterable[int] | None = None) -> None:
        """Drop these pks (None: all)."""
        if pks is None:
            self.blobs.clear()
        else:
            for pk in pks:
                self.blobs.pop(pk, None)

    def _trim(self) -> None:
        excess = len(self.blobs) - self.capacity
        if excess > 0:
            for pk in list(islice(self.blobs, excess)):
                del self.blobs[pk]

    def __len__(self) -> int:
        return len(self.blobs)


class BucketCache:
    """Members (article pks) of the LSH buckets with at least `min_members`, by band key; at most
    `capacity` pks in all, oldest bucket first out. Rows the store adds to a cached bucket are appended."""

    def __init__(self, capacity: int, min_members: int):
        self.capacity, self.min_members = capacity, min_members
        self._members: dict[int, list[int]] = {}
        self.size = 0  # pks held

    def get(self, key: int) -> list[int] | None:
        return self._members.get(key)

    def offer(self, key: int, members: list[int]) -> None:
        """Keep a bucket just read from the store if it is large (and fits)."""
        if len(members) < self.min_members or len(members) > self.capacity:
            return
        self.size += len(members) - len(self._members.pop(key, ()))
        self._members[key] = members
        self._trim()

    def added(self, rows: Iterable[tuple[int, int]]) -> None:
        """(key, pk) rows the store has just written."""
        cached = self._members
        for key, pk in rows:
            members = cached.get(key)
            if members is not None and pk not in members[-1:]:
                members.append(pk)
                self.size += 1
        self._trim()

    def _trim(self) -> None:
        while self.size > self.capacity:
            self.size -= len(self._members.pop(next(iter(self._members))))

    def forget(self) -> None:
        self._members.clear()
        self.size = 0

    def __len__(self) -> int:
        return len(self._members)
