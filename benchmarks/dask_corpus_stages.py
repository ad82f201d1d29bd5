"""Corpus-level stages, local vs Dask: near-duplicate detection and story clustering on a synthetic corpus.

    nice -n 10 .venv/bin/python benchmarks/dask_corpus_stages.py --articles 10000 [--workers 2]
    nice -n 10 .venv/bin/python benchmarks/dask_corpus_stages.py --dataset DIR [--stages dedup stories]

With --dataset (a dataset `run_dask` wrote, e.g. of the scale benchmark's corpora), only the Dask corpus
stages run, on a scratch copy of DIR/articles: wall and CPU seconds (of this process and its workers) per
stage, and the peak resident memory of a worker in each stage (the local engine is not run).

The synthetic articles (benchmarks/synthetic.py) are fed to the corpus stages directly, as the per-article
stages would leave them: title = the header's title line, published = its date when it has a plain one,
text = the body; the "dedup" signature and the story terms are computed once, untimed, for both engines.
Timed: local = Deduplicator over the articles in input order, then assign_stories on a SQLite store
(the local engine's corpus stages); Dask = write_duplicates + write_stories on a LocalCluster, reading the
Parquet dataset as the Dask engine leaves it. Reported: seconds, the peak resident memory of a Dask worker
process, equal duplicate links, and the agreement of the two story partitions (pairwise precision/recall
of Dask's against the local one).
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic import generate_labelled  # noqa: E402
from narrascope.model import Article  # noqa: E402
from narrascope.settings import dedup as dedup_settings  # noqa: E402
from narrascope.stages.dedup import Deduplicator  # noqa: E402
from narrascope.stages.dedup_signature import SignatureStage, band_keys, lsh_params, unpack  # noqa: E402

_LONG = re.compile(r"^(January|February|March|April|May|June|July|August|September|October|November|December) "
                   r"(\d{1,2}), (\d{4})$")
_DOTTED = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})\.?$")


def published(lines: list[str]) -> str | None:
    for line in lines[:5]:
        line = line.strip()
        if m := _LONG.match(line):
            return datetime.strptime(line, "%B %d, %Y").date().isoformat()
        if m := _DOTTED.match(line):
            return f"{m[3]}-{m[2]}-{m[1]}"
    return None


def corpus(n: int, seed: int) -> list[Article]:
    items = []
    for name, text, _ in generate_labelled(n, seed):
        lines = text.split("\n")
        body = "\n".join(line for line in lines[3:] if not line.startswith("By "))
        items.append(Article(id=name, source=name, raw=text, raw_format="text", text=body,
                             title=lines[1].strip() or None, published=published(lines)))
    return items


def dataset(items: list[Article], root: Path) -> None:
    from narrascope.engines.dask.stories import story_terms

    stage, (bands, rows) = SignatureStage(), lsh_params(dedup_settings.LSH_THRESHOLD, dedup_settings.NUM_PERM)
    records = []
    for n, a in enumerate(items):
        stage(a)
        sketch = unpack(a.signature, dedup_settings.NUM_PERM) if a.signature else None
        terms = story_terms(a)
        records.append({"id": a.id, "seq": ((n // 250) << 32) | (n % 250), "published": a.published,
                        "title": a.title, "content_hash": a.content_hash, "minhash": a.signature,
                        "bands": band_keys(sketch[0], bands, rows) if sketch else None,
                        "story_terms": json.dumps(terms) if terms else None})
    frame = pd.DataFrame.from_records(records)
    months = frame["published"].fillna("undated").str[:7]
    for (month, part), chunk in frame.groupby([months, frame["seq"].to_numpy() >> 32]):
        folder = root / "articles" / f"published_month={month}"
        folder.mkdir(parents=True, exist_ok=True)
        chunk.to_parquet(folder / f"part-{part:05d}.parquet", index=False)


def run_local(items: list[Article], db: Path) -> tuple[dict, dict, dict[str, float]]:
    from narrascope.store import open_store
    from narrascope.stories import assign_stories

    started = time.perf_counter()
    dedup = Deduplicator()
    for a in items:
        dedup.add(a)
    links = {k: v for k, v in dedup.finalize().items() if v}
    dedup_seconds = time.perf_counter() - started
    with open_store(db) as store:
        store.write_articles(items)
        started = time.perf_counter()
        assign_stories(store)
        stories_seconds = time.perf_counter() - started
        rows = store.query("SELECT id, story_id, thread_id FROM articles WHERE story_id IS NOT NULL")
    return links, {r["id"]: (r["story_id"], r["thread_id"]) for r in rows}, {
        "dedup": dedup_seconds, "stories": stories_seconds}


class PeakMemory:
    """Peak resident memory (MB) of this process's child processes (the workers), sampled every 0.5 s;
    `reset()` starts a new peak (one per stage)."""

    def __init__(self) -> None:
        self.peak, self._stop = 0, threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self) -> None:
        import psutil

        while not self._stop.wait(0.5):
            for child in psutil.Process().children(recursive=True):
                try:
                    self.peak = max(self.peak, child.memory_info().rss)
                except psutil.Error:
                    pass

    def reset(self) -> int:
        """The peak so far in MB; the next one starts now."""
        peak, self.peak = self.megabytes, 0
        return peak

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *_) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def megabytes(self) -> int:
        return round(self.peak / 2**20)


def run_dask(root: Path, workers: int) -> tuple[dict, dict, dict[str, float]]:
    import distributed

    from narrascope.engines.dask.dedup import write_duplicates
    from narrascope.engines.dask.stories import write_stories

    with PeakMemory() as memory, \
            distributed.LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        started = time.perf_counter()
        write_duplicates(client, root)
        dedup_seconds = time.perf_counter() - started
        started = time.perf_counter()
        write_stories(client, root)
        stories_seconds = time.perf_counter() - started
    duplicates = pd.read_parquet(root / "duplicates")
    links = {i: o for i, o in zip(duplicates["id"], duplicates["duplicate_of"]) if pd.notna(o)}
    stories = pd.read_parquet(root / "stories")
    return links, {i: (s, t) for i, s, t in zip(stories["id"], stories["story_id"], stories["thread_id"])}, {
        "dedup": dedup_seconds, "stories": stories_seconds, "peak_worker_mb": memory.megabytes}


def tree_cpu() -> float:
    """CPU seconds of this process and its live children (the cluster's worker processes)."""
    import psutil

    total = 0.0
    for process in [psutil.Process(), *psutil.Process().children(recursive=True)]:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except psutil.Error:
            pass
    return total


def run_on_dataset(source: Path, stages: list[str], workers: int) -> dict:
    """The Dask corpus stages on a scratch copy of a dataset's articles (and duplicates, for stories alone)."""
    import distributed

    from narrascope.engines.dask.dedup import write_duplicates
    from narrascope.engines.dask.stories import write_stories

    functions = {"dedup": write_duplicates, "stories": write_stories}
    work = Path(tempfile.mkdtemp(prefix="corpus-stages-"))
    shutil.copytree(source / "articles", work / "articles")
    if "dedup" not in stages and (source / "duplicates").is_dir():
        shutil.copytree(source / "duplicates", work / "duplicates")
    out: dict = {"dataset": str(source), "workers": workers}
    try:
        with PeakMemory() as memory, \
                distributed.LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None) as cluster, \
                distributed.Client(cluster) as client:
            memory.reset()
            for stage in stages:
                cpu, started = tree_cpu(), time.perf_counter()
                result = functions[stage](client, work)
                out[stage] = {"seconds": round(time.perf_counter() - started, 2), "cpu_seconds": round(tree_cpu() - cpu, 2),
                              "peak_worker_mb": memory.reset(), "result": result}
        out["duplicates"] = int(pd.read_parquet(work / "duplicates")["duplicate_of"].notna().sum())
        if "stories" in stages:
            assigned = pd.read_parquet(work / "stories")
            out["story_count"], out["thread_count"] = assigned["story_id"].nunique(), assigned["thread_id"].nunique()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def agreement(reference: dict[str, str], other: dict[str, str]) -> dict[str, float]:
    """Pairwise precision and recall of `other`'s clusters against `reference`'s (from contingency counts)."""
    pairs = lambda counts: sum(c * (c - 1) // 2 for c in counts.values())  # noqa: E731
    ids = reference.keys() & other.keys()
    both = pairs(Counter((reference[i], other[i]) for i in ids))
    predicted, true = pairs(Counter(other[i] for i in ids)), pairs(Counter(reference[i] for i in ids))
    return {"precision": both / predicted if predicted else 1.0, "recall": both / true if true else 1.0,
            "clusters_local": len(set(reference[i] for i in ids)), "clusters_dask": len(set(other[i] for i in ids))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dataset", type=Path, help="run only the Dask corpus stages on a copy of this dataset")
    parser.add_argument("--stages", nargs="+", choices=["dedup", "stories"], default=["dedup", "stories"])
    args = parser.parse_args()
    if args.dataset:
        print(json.dumps(run_on_dataset(args.dataset, args.stages, args.workers), indent=1, default=str))
        return
    work = Path(tempfile.mkdtemp(prefix="corpus-stages-"))
    try:
        items = corpus(args.articles, args.seed)
        dataset(items, work / "data")
        local_links, local_stories, local_seconds = run_local(items, work / "local.db")
        dask_links, dask_stories, dask_seconds = run_dask(work / "data", args.workers)
        print(json.dumps({
            "articles": args.articles, "workers": args.workers,
            "local_seconds": local_seconds, "dask_seconds": dask_seconds,
            "duplicates": {"local": len(local_links), "dask": len(dask_links), "equal": local_links == dask_links},
            "stories": agreement({i: s for i, (s, _) in local_stories.items()},
                                 {i: s for i, (s, _) in dask_stories.items()}),
            "threads": agreement({i: t for i, (_, t) in local_stories.items()},
                                 {i: t for i, (_, t) in dask_stories.items()}),
        }, indent=1))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
