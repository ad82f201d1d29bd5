"""The store's dedup index at scale: candidate MinHashes are read from the store once (a bounded cache),
and the cache never serves a MinHash the store has rewritten or deleted. (Links equal to the in-memory
Deduplicator's: test_dedup_store.py.)"""
from __future__ import annotations

import numpy as np

from narrascope.settings import dedup as dedup_settings
from narrascope.stages.dedup import Signature
from narrascope.store import open_store
from narrascope.store.dedup_cache import BucketCache, MinhashCache
from narrascope.store.dedup_index import SQLiteDedupIndex

from test_dedup import make

SHARED_KEY = 7  # a band key every stored article has: an LSH bucket of common phrasing


def blob(value: int) -> bytes:
    return np.full(dedup_settings.NUM_PERM + 1, value, dtype="<u4").tobytes()


def store_with_bucket(store, n: int) -> None:
    """n stored articles that all share SHARED_KEY (plus one key of their own)."""
    articles = [make(i, f"text {i}") for i in range(n)]
    signatures = [Signature(a.id, f"{i:040x}", None, blob(i), None, (SHARED_KEY, 1000 + i))
                  for i, a in enumerate(articles)]
    store.write_articles(articles, signatures=signatures)


def reads_of(store, table: str) -> list[str]:
    reads: list[str] = []
    store._conn.set_trace_callback(lambda sql: reads.append(sql) if f"FROM {table}" in sql else None)
    return reads


def bucket(pks) -> list[tuple[int, bytes]]:
    return [(pk, blob(pk - 1)) for pk in pks]


def test_a_large_bucket_is_read_from_the_store_once_not_for_every_article(tmp_path):
    with open_store(tmp_path / "c.db") as store:
        store_with_bucket(store, 300)
        index = store.dedup_index()
        minhash_reads, band_reads = [], []
        store._conn.set_trace_callback(lambda sql: (minhash_reads.append(sql) if "FROM dedup_minhashes" in sql
                                                    else band_reads.append(sql) if "FROM dedup_bands" in sql else None))
        assert index.find_bands([SHARED_KEY, 99]) == bucket(range(1, 301))
        assert (len(minhash_reads), len(band_reads)) == (1, 1)
        for _ in range(20):  # article after article sharing the bucket
            assert index.find_bands([SHARED_KEY]) == bucket(range(1, 301))
        assert (len(minhash_reads), len(band_reads)) == (1, 1)


def test_rows_written_by_the_store_join_a_cached_bucket(tmp_path):
    with open_store(tmp_path / "c.db") as store:
        store_with_bucket(store, 40)
        index = store.dedup_index()
        assert index.find_bands([SHARED_KEY]) == bucket(range(1, 41))
        store.write_articles([make(40, "new")], signatures=[Signature("d40", "h40", None, blob(40), None, (SHARED_KEY,))])
        band_reads = reads_of(store, "dedup_bands")
        assert index.find_bands([SHARED_KEY]) == bucket(range(1, 42))
        assert band_reads == []  # the bucket came from the cache, with the new member


def test_another_connections_commit_empties_the_caches(tmp_path):
    with open_store(tmp_path / "c.db") as store, open_store(tmp_path / "c.db") as other:
        store_with_bucket(store, 40)
        index = store.dedup_index()
        assert index.find_bands([SHARED_KEY]) == bucket(range(1, 41))
        other.write_articles([make(40, "new")], signatures=[Signature("d40", "h40", None, blob(40), None, (SHARED_KEY,))])
        assert index.find_bands([SHARED_KEY]) == bucket(range(1, 42))


def test_the_caches_are_bounded_and_drop_the_oldest_first():
    cache = MinhashCache(capacity=3)
    cache.add((pk, blob(pk)) for pk in (1, 2, 3, 4))
    assert cache.take({2, 4, 9}) == [(2, blob(2)), (4, blob(4))]
    assert len(cache) == 3 and cache.missing({1, 2, 3, 4}) == {1}
    buckets = BucketCache(capacity=5, min_members=2)
    buckets.offer(1, [10])  # too small to be worth keeping
    buckets.offer(2, [20, 21, 22])
    buckets.offer(3, [30, 31])
    assert buckets.get(1) is None and buckets.size == 5
    buckets.added([(3, 32), (4, 40)])  # bucket 3 grows past the capacity: bucket 2 goes
    assert buckets.get(2) is None and buckets.get(3) == [30, 31, 32] and buckets.size == 3


def test_a_small_cache_gives_the_same_candidates(tmp_path):
    with open_store(tmp_path / "c.db") as store:
        store_with_bucket(store, 50)
        small = SQLiteDedupIndex(store._conn, cache_size=5)
        for _ in range(3):
            assert small.find_bands([SHARED_KEY]) == bucket(range(1, 51))
        assert len(small.minhashes) == 5
        no_buckets = SQLiteDedupIndex(store._conn, bucket_cache=0)  # as for PostgreSQL
        assert no_buckets.find_bands([SHARED_KEY]) == bucket(range(1, 51)) and len(no_buckets.buckets) == 0


def test_a_rewritten_minhash_is_read_again(tmp_path):
    with open_store(tmp_path / "c.db") as store:
        article = make(1, "text")
        store.write_articles([article], signatures=[Signature("d1", "h1", None, blob(1), None, (SHARED_KEY,))])
        index = store.dedup_index()
        assert index.find_bands([SHARED_KEY]) == [(1, blob(1))]
        store.write_articles([article], signatures=[Signature("d1", "h1", None, blob(2), None, (SHARED_KEY,))])
        assert index.find_bands([SHARED_KEY]) == [(1, blob(2))]
        store.save_dedup_signatures([Signature("d1", "h1", None, blob(3), None, (SHARED_KEY,))])
        assert index.find_bands([SHARED_KEY]) == [(1, blob(3))]


def test_a_deleted_articles_pk_given_to_a_new_article_is_not_served_from_the_cache(tmp_path):
    with open_store(tmp_path / "c.db") as store:
        store.write_articles([make(1, "a")], signatures=[Signature("d1", "h1", None, blob(1), None, (SHARED_KEY,))])
        index = store.dedup_index()
        assert index.find_bands([SHARED_KEY]) == [(1, blob(1))]
        store.delete_articles(["d1"])
        store.write_articles([make(2, "b")], signatures=[Signature("d2", "h2", None, blob(2), None, (SHARED_KEY,))])
        assert index.find_bands([SHARED_KEY]) == [(1, blob(2))]  # SQLite gave pk 1 again
        assert index.find_bands([SHARED_KEY, 5]) == [(1, blob(2))]  # and the bucket holds it once

