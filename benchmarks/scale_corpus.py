"""Synthetic corpora for the scale benchmark: benchmarks/synthetic.py plus exact re-posts.

    from scale_corpus import ensure_corpus
    folder, facts = ensure_corpus(Path("/work/bench-data/scale"), 10_000, seed=7)

Each article is ~800 noisy fictional words (synthetic.py). Duplicates as a news feed has them:
synthetic.py's ~5% syndicated copies (the same body under another outlet's header: near-duplicates)
plus EXACT_REPOST_RATE exact re-posts (the same file under another name: equal content hash). Dates
are spread over 2022-2024 in several written forms (~36 published months, ~20% undated or relative),
so the Dask engine's by-month partitions are realistic.

A corpus is generated once per (size, seed) into ROOT/n<size>/ and reused; ROOT/n<size>.json (beside
the folder, never inside it: it would be read as an input) records that it is complete.
"""
from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import SHARD_SIZE, generate_labelled  # noqa: E402

EXACT_REPOST_RATE = 0.02
RECENT_TEXTS = 50  # re-posts copy one of the last N articles (memory stays flat in n)


def generate_scale(n: int, seed: int = 7) -> Iterator[tuple[str, str, str]]:
    """n articles as (relative file name, text, kind): kind is original, syndicated or repost."""
    rng = random.Random(seed * 7919 + 1)
    articles = generate_labelled(n, seed)
    recent: list[str] = []
    for index in range(n):
        name = f"{index // SHARD_SIZE:04d}/{index:06d}.txt"
        if recent and rng.random() < EXACT_REPOST_RATE:
            yield name, rng.choice(recent), "repost"
            continue
        _, text, original = next(articles)
        recent = (recent + [text])[-RECENT_TEXTS:]
        yield name, text, "syndicated" if original else "original"


def write_scale_corpus(folder: Path, n: int, seed: int = 7) -> dict:
    """Write the corpus into folder (shards of SHARD_SIZE files); returns counts by kind."""
    counts = {"original": 0, "syndicated": 0, "repost": 0}
    made: set[Path] = set()
    for name, text, kind in generate_scale(n, seed):
        path = folder / name
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_text(text, encoding="utf-8")
        counts[kind] += 1
    return counts


def ensure_corpus(root: Path, n: int, seed: int = 7) -> tuple[Path, dict]:
    """The corpus folder for (n, seed) under root, generated unless a complete one is already there."""
    folder, marker = root / f"n{n}", root / f"n{n}.json"
    if marker.exists():
        facts = json.loads(marker.read_text())
        if facts.get("n") == n and facts.get("seed") == seed and folder.is_dir():
            return folder, facts
    started = time.perf_counter()
    counts = write_scale_corpus(folder, n, seed)
    facts = {"n": n, "seed": seed, "kinds": counts, "generate_seconds": round(time.perf_counter() - started, 1)}
    marker.write_text(json.dumps(facts))
    return folder, facts
