"""What keeps the Dask corpus stages linear and their memory bounded at 100k articles:

- dedup: an LSH bucket's candidate pairs are made in pieces of bounded size, screened by the low bits
  of the MinHash values (never screening out a pair the local rule calls a copy), and verified where
  the bucket lies, with the same result as checking every pair with the local rule;
- stories: a thread's record is aggregated from one partial row per partition, so a thread holding most
  stories never has to sit whole in one partition, and the record equals the one-pass sum; a block's
  candidate pairs are made for all blocks at once (no per-block pandas work: a many-story corpus has
  thousands of small blocks) by the plain window rule; components are labelled canonically.
"""
from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("dask.dataframe")

from narrascope.engines.dask import story_states as states  # noqa: E402
from narrascope.engines.dask.dedup import _bucket_edges, bucket_pairs, low_bits, possibly_similar  # noqa: E402
from narrascope.settings import dedup as dedup_settings  # noqa: E402
from narrascope.settings import engines_corpus  # noqa: E402
from narrascope.stages.dedup import Deduplicator  # noqa: E402

NUM_PERM = dedup_settings.NUM_PERM


def sketches(rng: np.random.Generator, count: int, base: np.ndarray, shared: np.ndarray, sizes) -> np.ndarray:
    """Packed sketches (shingle count, NUM_PERM values): each row keeps base's value at a random
    `shared[i]` positions and has fresh values elsewhere (some with the same low bits as base's)."""
    rows = np.empty((count, NUM_PERM + 1), dtype=np.uint32)
    for i in range(count):
        values = rng.integers(0, 2**32, NUM_PERM, dtype=np.uint32)
        lookalike = rng.random(NUM_PERM) < 0.1  # a fresh value whose low bits equal base's
        values[lookalike] = (values[lookalike] & ~np.uint32(3)) | (base[lookalike] & np.uint32(3))
        keep = rng.choice(NUM_PERM, int(shared[i]), replace=False)
        values[keep] = base[keep]
        rows[i, 0], rows[i, 1:] = sizes[i], values
    return rows


def test_the_low_bit_screen_never_drops_a_copy():
    rng = np.random.default_rng(5)
    base = rng.integers(0, 2**32, NUM_PERM, dtype=np.uint32)
    count = 4000
    shared = rng.integers(0, NUM_PERM + 1, count)
    sizes = rng.choice([36, 40, 120, 400, 800, 2000, 12000], count)  # containment needs very unequal sizes
    others = sketches(rng, count, base, shared, sizes)
    one = np.tile(np.r_[np.uint32(800), base], (count, 1))
    judge = Deduplicator()
    copies = judge._similar_to_many(base, 800, others)
    kept = possibly_similar(low_bits(one), low_bits(others), one[:, 0], others[:, 0], judge, NUM_PERM)
    assert copies.sum() > 200 and (~copies).sum() > 200  # both kinds, containment copies among them
    assert not (copies & ~kept).any()  # no copy screened out
    few = shared <= 20  # pairs sharing little more than a band, of like sizes: the bulk of a boilerplate bucket
    alike = sizes == 800
    assert kept[few & alike].mean() < 0.01  # are screened out


def test_low_bits_pack_the_values_low_bits():
    rows = np.zeros((1, NUM_PERM + 1), dtype=np.uint32)
    rows[0, 1:] = np.arange(NUM_PERM, dtype=np.uint32) * 7 + 1
    codes = low_bits(rows)
    assert codes.dtype == np.uint64 and codes.shape == (1, NUM_PERM * engines_corpus.DEDUP_LOW_BITS // 64)
    bits = engines_corpus.DEDUP_LOW_BITS
    unpacked = [(int(codes[0, (p * bits) // 64]) >> ((p * bits) % 64)) & ((1 << bits) - 1) for p in range(NUM_PERM)]
    assert unpacked == [int(v) & ((1 << bits) - 1) for v in rows[0, 1:]]


def test_bucket_pairs_are_the_window_pairs_in_bounded_pieces():
    buckets = np.repeat([3, 8, 9, 12], [1, 7, 40, 2])
    pieces = list(bucket_pairs(buckets, window=5, chunk=16))
    expected = set()
    start = 0
    for size in (1, 7, 40, 2):
        expected |= {(start + j, start + i) for i in range(size) for j in range(max(0, i - 5), i)}
        start += size
    got = [(int(a), int(b)) for earlier, later in pieces for a, b in zip(earlier, later)]
    assert len(got) == len(expected) and set(got) == expected
    assert max(len(later) for _, later in pieces) <= 16 + 5  # a piece ends after the row that fills it
    assert len(pieces) >= len(expected) // 21


def test_bucket_edges_equal_checking_every_pair_with_the_local_rule(monkeypatch):
    """One boilerplate bucket of 300 articles (a few true copies among them) and small buckets: the
    edges are the pairs the local rule accepts, window or not."""
    monkeypatch.setattr(engines_corpus, "DEDUP_BUCKET_WINDOW", 10_000)
    rng = np.random.default_rng(9)
    base = rng.integers(0, 2**32, NUM_PERM, dtype=np.uint32)
    shared = np.where(rng.random(300) < 0.05, rng.integers(70, 128, 300), rng.integers(4, 30, 300))
    sizes = rng.choice([50, 700, 900, 3000], 300)
    rows = sketches(rng, 300, base, shared, sizes)
    seqs = rng.permutation(10_000)[:300]
    frame = pd.DataFrame({"seq": seqs, "band": np.where(np.arange(300) < 280, 77, np.arange(300) % 5),
                          "minhash": [r.astype("<u4").tobytes() for r in rows]})
    judge, expected = Deduplicator(), set()
    for _, bucket in frame.groupby("band"):
        members = bucket.sort_values("seq").to_numpy()
        for i in range(len(members)):
            for j in range(i):
                a, b = np.frombuffer(members[j][2], dtype="<u4"), np.frombuffer(members[i][2], dtype="<u4")
                if judge._similar(a[1:], int(a[0]), b[1:], int(b[0])):
                    expected.add((int(members[j][0]), int(members[i][0])))
    edges = _bucket_edges(frame.sample(frac=1.0, random_state=1))
    assert len(expected) > 20
    assert set(zip(edges["a"].tolist(), edges["b"].tolist())) == expected


# --- stories: thread records in two steps ----------------------------------------------------------
def story_rows(rng: random.Random, count: int, threads: list[str]) -> pd.DataFrame:
    words = [f"veloria{n}" for n in range(400)]
    return pd.DataFrame({
        "thread_id": [rng.choice(threads) for _ in range(count)],
        "first": [rng.choice([None, f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"]) for _ in range(count)],
        "last": [f"2024-1{rng.randint(0, 2)}-0{rng.randint(1, 9)}" for _ in range(count)],
        "article_count": [rng.randint(1, 9) for _ in range(count)],
        "vector": [{w: rng.random() for w in rng.sample(words, 60)} for _ in range(count)],
    })


def test_a_thread_record_from_partials_equals_the_one_pass_record():
    rng = random.Random(4)
    stories = story_rows(rng, 600, ["t-main"] * 9 + ["t-side", "t-rare"])
    parts = [stories.iloc[i : i + 75] for i in range(0, len(stories), 75)]  # 8 partitions
    partials = pd.concat([states.thread_partials(part) for part in parts])
    assert len(partials) <= 3 * len(parts)  # one row per thread and partition, whatever the thread's size
    records = states.thread_records(partials.sample(frac=1.0, random_state=2)).set_index("thread_id")
    for thread_id, rows in stories.groupby("thread_id"):
        record = records.loc[thread_id]
        assert record["story_count"] == len(rows) and record["article_count"] == rows["article_count"].sum()
        assert record["first"] == min(d for d in rows["first"] if isinstance(d, str)) and record["last"] == max(rows["last"])
        whole = states.summed(rows["vector"])
        assert list(record["vector"]) == list(whole)  # the same heaviest terms, in order
        assert all(abs(record["vector"][t] - w) < 1e-9 for t, w in whole.items())


# --- story candidate pairs and components ------------------------------------------------------------
def window_pairs(frame: pd.DataFrame, window_days: int, limit: int) -> set[tuple[str, str]]:
    """The blocking rule block by block, written plainly."""
    found = set()
    for _, block in frame.groupby("block"):
        members = sorted(zip(block["first"], block["last"], block["id"]),
                         key=lambda m: (np.isnan(m[0]), 0 if np.isnan(m[0]) else m[0], m[2]))
        for i, (first, _, later) in enumerate(members):
            for _, last, earlier in members[max(0, i - limit): i]:
                if np.isnan(first) or last >= first - window_days:
                    found.add((min(earlier, later), max(earlier, later)))
    return found


@pytest.mark.parametrize("limit", [1, 3, 50])
def test_block_pairs_of_many_small_blocks_follow_the_window_rule(limit):
    from narrascope.engines.dask.blocking import _block_pairs

    rng = random.Random(limit)
    rows = []
    for node in range(300):  # many blocks of a few nodes (a many-story corpus), some undated
        day = rng.choice([float("nan"), *[float(rng.randint(0, 60))] * 6])
        span = rng.choice([0, 0, 5])
        rows += [(f"n{node:03d}", day, day + span, f"b{rng.randint(0, 120)}") for _ in range(rng.randint(1, 4))]
    frame = pd.DataFrame(rows, columns=["id", "first", "last", "block"]).drop_duplicates(["id", "block"])
    pairs = _block_pairs(frame, 7, limit)
    assert len(pairs) == len(pairs.drop_duplicates()) and (pairs["a"] < pairs["b"]).all()
    assert set(zip(pairs["a"], pairs["b"])) == window_pairs(frame, 7, limit)


def test_a_component_is_labelled_by_its_smallest_node_whatever_the_edge_order():
    from narrascope.engines.dask.components import UnionFind

    edges = [("m", "k"), ("k", "z"), ("c", "z"), ("q", "r"), ("r", "b")]
    for order in (edges, edges[::-1], sorted(edges, key=lambda e: e[1])):
        forest = UnionFind()
        for a, b in order:
            forest.union(a, b)
        assert {n: forest.find(n) for n in "mkzcqrb"} == {**dict.fromkeys("mkzc", "c"), **dict.fromkeys("qrb", "b")}


def test_an_article_taken_out_of_a_chain_leaves_it_even_when_it_named_the_component():
    from narrascope.engines.dask.stories import _without

    labels = {"a1": "a1", "a2": "a1", "a3": "a1", "b1": "b1", "b2": "b1"}
    assert _without(labels, {"a1", "b2"}) == {"a1": "a1", "a2": "a2", "a3": "a2", "b1": "b1", "b2": "b2"}
