"""Story clustering, local engine vs Dask, judged against known stories.

    nice -n 10 .venv/bin/python benchmarks/stories_engines.py [--n 10000] [--workers 2]

The corpus is stories_bench.py's: fictional articles generated story by story (1-15 articles each, within
a few days, with the story's own names and event words over a shared vocabulary; 5% copies), so the true
partition is known. Both engines' corpus stages run on the same articles: local = Deduplicator then
`assign_stories` (incremental, in date order); Dask = `write_duplicates` then `write_stories` on a
LocalCluster (blocked candidate pairs), as dask_corpus_stages.py runs them. Reported per engine: seconds,
stories found, and the exact pairwise precision / recall / F1 against the generated stories; then the
agreement of the two partitions with each other.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.dask_corpus_stages import dataset, run_dask, run_local  # noqa: E402
from benchmarks.stories_bench import generate  # noqa: E402


def pairs(groups_of: dict[str, object]) -> set[tuple[str, str]]:
    groups: dict[object, list[str]] = {}
    for article_id, group in groups_of.items():
        groups.setdefault(group, []).append(article_id)
    found = set()
    for members in groups.values():
        members.sort()
        found.update((a, b) for i, a in enumerate(members) for b in members[i + 1:])
    return found


def pairwise(predicted: dict[str, object], truth: dict[str, object]) -> dict[str, float]:
    """Exact pairwise precision, recall and F1 of `predicted` against `truth` (over the articles of both)."""
    shared = predicted.keys() & truth.keys()
    p = pairs({a: predicted[a] for a in shared})
    t = pairs({a: truth[a] for a in shared})
    hit = len(p & t)
    precision = hit / len(p) if p else 1.0
    recall = hit / len(t) if t else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "articles": len(shared), "stories": len({predicted[a] for a in shared})}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    items, truth = generate(args.n, random.Random(args.seed))
    for item in items:
        item.duplicate_of = None  # both engines find the copies themselves
    work = Path(tempfile.mkdtemp(prefix="stories-engines-"))
    dataset(items, work / "dask")
    _, local, local_seconds = run_local(items, work / "local.db")
    _, dask, dask_seconds = run_dask(work / "dask", args.workers)
    local_stories = {a: s for a, (s, _) in local.items()}
    dask_stories = {a: s for a, (s, _) in dask.items()}
    print(f"{args.n} articles, {len(set(truth.values()))} generated stories")
    for name, found, seconds in (("local", local_stories, local_seconds), ("dask", dask_stories, dask_seconds)):
        print(f"{name}: {seconds['stories']:.1f} s; against the generated stories: {pairwise(found, truth)}")
    print(f"dask against local: {pairwise(dask_stories, local_stories)}")


if __name__ == "__main__":
    main()
