"""The local engine's main-process work at scale: dedup + SQLite writes, replayed from a stored corpus.

    python benchmarks/store_writes.py SOURCE.db TARGET.db [--limit N] [--segment 10000] [--profile FILE]

`narrascope.analyze` runs read + per-article stages in a pool and, in its own process, the
Deduplicator (`add`, `finalize`) and `SQLiteStore.write_articles` per batch (corpus._run/_flush). This
replays exactly that main-process loop with the articles of SOURCE (a store written by analyze with
the dedup stage, read in insertion order with their stored MinHashes, so no per-article stage runs)
into a new TARGET, and prints the wall seconds, and the CPU seconds of all, of dedup and of store writes,
per SEGMENT articles: flat segments = linear. It then checks that every duplicate link equals SOURCE's (the results did not
change). TARGET is deleted first.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import sqlite3
import sys
import time
from pathlib import Path
from typing import Iterator

from narrascope.corpus import _flush, RunSummary
from narrascope.model import Article
from narrascope.settings import pipeline as pipeline_settings
from narrascope.settings import store_bulk
from narrascope.stages.dedup import Deduplicator
from narrascope.store import open_store
from narrascope.store.rows import article_from_row


def source_articles(path: Path, limit: int | None) -> Iterator[Article]:
    """Stored articles in insertion order, as the pool hands them over: links unset, MinHash attached."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    sql = ("SELECT a.*, s.minhash AS _minhash FROM articles a LEFT JOIN dedup_signatures s "
           "ON s.article_id = a.id ORDER BY a.pk" + (f" LIMIT {int(limit)}" if limit else ""))
    cursor = conn.execute(sql)
    while rows := cursor.fetchmany(pipeline_settings.BATCH_SIZE):
        for row in rows:
            data = dict(row)
            minhash = data.pop("_minhash")
            article = article_from_row(data)
            article.duplicate_of = None
            article.signature = minhash
            yield article
    conn.close()


class Clock:
    """CPU seconds (user + system: SQLite's page reads and writes are system time) of dedup and of
    store writes: steadier than wall time on a shared machine."""

    def __init__(self) -> None:
        self.seconds = {"dedup": 0.0, "write": 0.0}

    def wrap(self, name: str, function):
        def timed(*args, **kwargs):
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[name] += time.process_time() - started
        return timed


def replay(source: Path, target: Path, limit: int | None, segment: int, pragmas=(), no_fts=False,
           batch_size: int = store_bulk.WRITE_BATCH) -> list[dict]:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    store = open_store(target)
    for pragma in pragmas:  # experiments: e.g. cache_size=-65536
        store._conn.execute(f"PRAGMA {pragma}")
    if no_fts:  # experiments: the cost of the full-text index
        for trigger in ("insert", "update", "delete"):
            store._conn.execute(f"DROP TRIGGER articles_fts_{trigger}")
    dedup = Deduplicator(store.dedup_index())
    clock = Clock()
    dedup.add = clock.wrap("dedup", dedup.add)
    dedup.finalize = clock.wrap("dedup", dedup.finalize)
    store.write_articles = clock.wrap("write", store.write_articles)
    summary, batch, segments = RunSummary(), [], []
    last, started, cpu, done = dict(clock.seconds), time.perf_counter(), time.process_time(), 0
    for article in source_articles(source, limit):
        dedup.add(article)
        batch.append(article)
        done += 1
        if len(batch) >= batch_size:
            _flush(store, dedup, batch, summary, None)
        if done % segment == 0:
            _flush(store, dedup, batch, summary, None)
            now, now_cpu = time.perf_counter(), time.process_time()
            segments.append({"articles": done, "wall": round(now - started, 2), "cpu": round(now_cpu - cpu, 2),
                             **{k: round(v - last[k], 2) for k, v in clock.seconds.items()}})
            print(json.dumps(segments[-1]), flush=True)
            last, started, cpu = dict(clock.seconds), now, now_cpu
    _flush(store, dedup, batch, summary, None)
    store.close()
    return segments


def check_links(source: Path, target: Path, limit: int | None) -> int:
    """Links that differ between SOURCE (its first `limit` articles) and TARGET."""
    conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    conn.execute(f"ATTACH 'file:{source}?mode=ro' AS src")
    cap = f"WHERE s.pk <= (SELECT pk FROM src.articles ORDER BY pk LIMIT 1 OFFSET {int(limit) - 1})" if limit else ""
    differ = conn.execute(
        "SELECT count(*) FROM src.articles s JOIN articles t ON t.id = s.id "
        f"{cap} {'AND' if cap else 'WHERE'} s.duplicate_of IS NOT t.duplicate_of").fetchone()[0]
    conn.close()
    return differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--segment", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=store_bulk.WRITE_BATCH, help="articles per transaction")
    parser.add_argument("--pragma", action="append", default=[], help="an extra PRAGMA (experiments)")
    parser.add_argument("--no-fts", action="store_true", help="drop the full-text triggers (experiments)")
    parser.add_argument("--profile", type=Path, default=None, help="write a cProfile of the replay here")
    args = parser.parse_args()
    profiler = cProfile.Profile(time.process_time) if args.profile else None
    if profiler:
        profiler.enable()
    segments = replay(args.source, args.target, args.limit, args.segment, args.pragma, args.no_fts, args.batch)
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
    total = {k: round(sum(s[k] for s in segments), 2) for k in ("wall", "cpu", "dedup", "write")}
    print("total", json.dumps(total))
    differ = check_links(args.source, args.target, args.limit)
    print(f"links differing from the source: {differ}")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
