"""Story clustering at scale: time per article of the local `assign_stories` and of the Dask load's story
step (`stories.bulk.load_stories`), to check that both stay linear from 10k to 100k articles.

    # local stage, on a copy of a store analyzed without stories (the copy is made with SQLite's backup)
    python benchmarks/stories_scale.py assign --db /work/bench-data/scale/shared/local100k-nostories.db \
        --scratch /work/bench-data/helperA [--max-seconds 600] [--profile out.prof] [--compare ref.db]
    # the Dask load's story step: once, a store loaded from a run_dask dataset without its stories ...
    python benchmarks/stories_scale.py prepare --dataset ds100k --db loaded-nostories.db
    # ... or, without a Dask dataset, the stories of a store that has them (an `assign` copy) as one
    python benchmarks/stories_scale.py export --db runs/assign-100k.db --dataset /tmp/stories100k
    # ... then load_stories on a copy of it
    python benchmarks/stories_scale.py load --db loaded-nostories.db --dataset ds100k --scratch DIR
    # quality with a known truth: stories_bench.py's generated stories, a share of them undated
    python benchmarks/stories_scale.py truth --n 10000 --undated 0.2 --scratch DIR

`assign` prints the time per article of each tenth of the run (a superlinear stage gets slower as the
stories accumulate), the totals, and with --compare the pairwise agreement (F1 of "same story" pairs)
of this run's stories with those of a reference store of the same articles (e.g. the stories made by
an earlier version). `load` prints the seconds of each part of load_stories. `truth` prints the
pairwise F1 of the stories against the generated ones, overall and for the pairs with an undated
article (whose candidates are looked up without a time window). Run it with `nice`.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import resource
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


class _OutOfTime(Exception):
    pass


def copy_db(source: Path, target: Path) -> Path:
    """A private copy of a SQLite store (the shared one stays untouched)."""
    target.unlink(missing_ok=True)
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


def run_assign(db: Path, max_seconds: float, profile: Path | None) -> dict:
    from narrascope.store import open_store
    from narrascope.stories import assign_stories

    marks: list[tuple[int, float, float]] = []  # (articles seen, wall seconds, CPU seconds)
    started, started_cpu = time.perf_counter(), time.process_time()

    def progress(seen: int) -> None:
        marks.append((seen, time.perf_counter() - started, time.process_time() - started_cpu))
        if time.perf_counter() - started > max_seconds:
            raise _OutOfTime

    profiler = cProfile.Profile(time.process_time) if profile else None  # CPU: the machine may be busy
    with open_store(db) as store:
        total = store.query("SELECT count(*) AS n FROM articles WHERE story_id IS NULL")[0]["n"]
        cpu = time.process_time()
        if profiler:
            profiler.enable()
        summary, finished = None, True
        try:
            summary = assign_stories(store, progress=progress)
        except _OutOfTime:
            finished = False
        if profiler:
            profiler.disable()
            profiler.dump_stats(str(profile))
        cpu = time.process_time() - cpu
    done = marks[-1][0] if marks else 0
    return {"articles": total, "done": done, "finished": finished, "seconds": marks[-1][1] if marks else 0.0,
            "cpu_seconds": cpu, "wall_ms_per_article_by_tenth": _tenths(marks, total, 1),
            "cpu_ms_per_article_by_tenth": _tenths(marks, total, 2),
            "stories": summary.new_stories if summary else None,
            "threads": summary.new_threads if summary else None,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _tenths(marks: list[tuple[int, float, float]], total: int, column: int) -> list[float]:
    """ms per article (wall: column 1, CPU: column 2) of each tenth of the articles, by the chunk marks."""
    out, last = [], (0, 0.0, 0.0)
    for mark in marks:
        if mark[0] >= (len(out) + 1) * total / 10 or mark[0] == total:
            out.append(round(1000 * (mark[column] - last[column]) / max(mark[0] - last[0], 1), 3))
            last = mark
    return out


def agreement(db: Path, reference: Path) -> dict:
    """Pairwise precision/recall/F1 of db's stories against reference's (same articles)."""
    def groups(path: Path) -> tuple[dict[str, str], dict[str, list[str]]]:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            of = dict(conn.execute("SELECT id, story_id FROM articles WHERE story_id IS NOT NULL"))
        members: dict[str, list[str]] = {}
        for article, story in of.items():
            members.setdefault(story, []).append(article)
        return of, members

    ours, our_groups = groups(db)
    theirs, their_groups = groups(reference)

    def pairs_agreeing(members: dict[str, list[str]], other: dict[str, str]) -> tuple[int, int]:
        total = same = 0
        for group in members.values():
            for i, a in enumerate(group):
                for b in group[i + 1:]:
                    total += 1
                    same += a in other and other.get(a) == other.get(b)
        return same, total

    kept, ours_total = pairs_agreeing(our_groups, theirs)
    found, theirs_total = pairs_agreeing(their_groups, ours)
    precision = kept / ours_total if ours_total else 1.0
    recall = found / theirs_total if theirs_total else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pairs": ours_total, "reference_pairs": theirs_total, "precision": round(precision, 4),
            "recall": round(recall, 4), "f1": round(f1, 4),
            "stories": len(our_groups), "reference_stories": len(their_groups)}


def run_load(db: Path, dataset: Path) -> dict:
    from narrascope.store import open_store
    from narrascope.stories import bulk

    parts: dict[str, float] = {}
    originals = {name: getattr(bulk, name) for name in ("_load_frequencies", "_load_threads", "_load_story_records",
                                                         "_load_article_links") if hasattr(bulk, name)}

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                parts[name] = parts.get(name, 0.0) + time.perf_counter() - t
        return wrapper

    for name, fn in originals.items():
        setattr(bulk, name, timed(name, fn))
    try:
        with open_store(db) as store:
            summary = bulk.load_stories(store, dataset)
    finally:
        for name, fn in originals.items():
            setattr(bulk, name, fn)
    return {"seconds": summary.seconds, "stories": summary.stories, "threads": summary.threads,
            "articles": summary.articles, "terms": summary.terms,
            "parts": {k: round(v, 2) for k, v in parts.items()},
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run_truth(n: int, undated: float, scratch: Path) -> dict:
    import random

    from stories_bench import generate, pairwise_f1

    from narrascope.store import open_store
    from narrascope.stories import assign_stories

    rng = random.Random(7)
    articles, truth = generate(n, rng)
    for article in articles:
        if rng.random() < undated:
            article.published = None
    db = scratch / f"truth-{n}.db"
    db.unlink(missing_ok=True)
    with open_store(db) as store:
        store.write_articles(articles)
        cpu = time.process_time()
        summary = assign_stories(store)
        cpu = time.process_time() - cpu
        f1, precision, recall = pairwise_f1(store, truth)
        links = {r["id"]: r["story_id"] for r in store.query("SELECT id, story_id FROM articles")}
    undated_ids = {a.id for a in articles if a.published is None}
    groups: dict[int, list[str]] = {}
    for article_id, story in truth.items():
        groups.setdefault(story, []).append(article_id)
    pairs = [(a, b) for g in groups.values() for i, a in enumerate(g) for b in g[i + 1:]
             if a in undated_ids or b in undated_ids]
    undated_recall = sum(links[a] == links[b] for a, b in pairs) / len(pairs) if pairs else 1.0
    return {"n": n, "undated_share": undated, "seconds": summary.seconds, "cpu_seconds": cpu,
            "stories": summary.new_stories - summary.merged, "true_stories": len(groups),
            "f1": round(f1, 4), "precision": round(precision, 4), "recall": round(recall, 4),
            "undated_pair_recall": round(undated_recall, 4)}


def run_prepare(dataset: Path, db: Path) -> dict:
    """engines.dask.load() of the dataset into a new store at db, without its story step."""
    from narrascope.engines.dask import load as load_module

    story_step = load_module._load_stories
    load_module._load_stories = lambda store, root: None
    try:
        started = time.perf_counter()
        summary = load_module.load(dataset, db)
    finally:
        load_module._load_stories = story_step
    return {"db": str(db), "added": summary.added, "seconds": time.perf_counter() - started}


_EXPORTS = {
    "story_records": "SELECT id AS story_id, thread_id, label, first_published AS first, last_published AS last, "
                     "article_count, original_count, central_article_id, central_score, vector FROM stories",
    "thread_records": "SELECT id AS thread_id, first_published AS first, last_published AS last, story_count, "
                      "article_count, vector FROM threads",
    "stories": "SELECT id, story_id, thread_id FROM articles WHERE story_id IS NOT NULL",
    "story_df": "SELECT term, df FROM story_df",
}


def run_export(db: Path, dataset: Path, rows_per_part: int = 20_000) -> dict:
    """The stories tables of db as the Parquet folders that load_stories reads (run_dask's layout)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    counts = {}
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        for folder, sql in _EXPORTS.items():
            (dataset / folder).mkdir(parents=True, exist_ok=True)
            cursor, part, counts[folder] = conn.execute(sql), 0, 0
            names = [d[0] for d in cursor.description]
            while rows := cursor.fetchmany(rows_per_part):
                table = pa.table({name: [r[i] for r in rows] for i, name in enumerate(names)})
                pq.write_table(table, dataset / folder / f"part-{part:05d}.parquet")
                part, counts[folder] = part + 1, counts[folder] + len(rows)
    return {"dataset": str(dataset), **counts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("assign", "load", "truth", "prepare", "export"))
    parser.add_argument("--db", type=Path, help="store to copy (never written)")
    parser.add_argument("--n", type=int, default=10_000, help="truth: articles generated")
    parser.add_argument("--undated", type=float, default=0.2, help="truth: share of undated articles")
    parser.add_argument("--scratch", type=Path, help="folder for the copy")
    parser.add_argument("--name", default=None, help="file name of the copy (default: mode + source name)")
    parser.add_argument("--dataset", type=Path, help="load: the run_dask output folder (only read)")
    parser.add_argument("--max-seconds", type=float, default=float("inf"), help="assign: stop after this long")
    parser.add_argument("--profile", type=Path, help="assign: write cProfile stats here")
    parser.add_argument("--compare", type=Path, help="assign: reference store with stories of the same articles")
    parser.add_argument("--json", type=Path, help="append the figures to this JSON-lines file")
    args = parser.parse_args(argv)
    if args.mode == "prepare":
        if not (args.dataset and args.db) or args.db.exists():
            parser.error("prepare needs --dataset and a new --db")
        return _report({"mode": "prepare", **run_prepare(args.dataset, args.db)}, args.json)
    if args.mode == "export":
        if not (args.dataset and args.db):
            parser.error("export needs --db and --dataset")
        return _report({"mode": "export", **run_export(args.db, args.dataset)}, args.json)
    if not args.scratch:
        parser.error(f"{args.mode} needs --scratch")
    args.scratch.mkdir(parents=True, exist_ok=True)
    if args.mode == "truth":
        return _report({"mode": "truth", **run_truth(args.n, args.undated, args.scratch)}, args.json)
    if not args.db:
        parser.error(f"{args.mode} needs --db")
    copy = copy_db(args.db, args.scratch / (args.name or f"{args.mode}-{args.db.name}"))
    if args.mode == "assign":
        result = run_assign(copy, args.max_seconds, args.profile)
        if args.compare and result["finished"]:
            result["agreement"] = agreement(copy, args.compare)
    else:
        if not args.dataset:
            parser.error("load needs --dataset")
        result = run_load(copy, args.dataset)
    return _report({"mode": args.mode, "db": str(args.db), "copy": str(copy), **result}, args.json)


def _report(result: dict, path: Path | None) -> int:
    print(json.dumps(result, indent=1))
    if path:
        with path.open("a") as out:
            out.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
