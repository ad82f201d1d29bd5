"""Ingest throughput and peak memory of `narrascope.analyze` on a synthetic corpus.

    python benchmarks/ingest.py [--n 1000 10000] [--workers 2] [--stages foundation] [--keep DIR]

For each N: generate N noisy fictional articles (benchmarks/synthetic.py) into a folder (not timed),
then run `analyze(paths, db=..., workers=...)` in a child process and report
  - articles/s: articles read / seconds spent inside analyze (imports and model loading included),
  - peak RSS of the whole process tree (the child and its worker processes), sampled from /proc
    every SAMPLE_SECONDS, and each process's own peak from getrusage (ru_maxrss).
Targets: >= 300 articles/s on 2 cores; peak RSS < 500 MB whatever N is (flat in N).
On a shared machine the rate depends on the load; the CPU ms per article of the analyze process (read,
dedup, store) and of its workers (stages) do not, and give the rate bound on an idle machine:
N / max(main CPU, worker CPU / workers).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLE_SECONDS = 0.05
TARGET_RATE = 300
TARGET_RSS_MB = 500
_PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss_bytes(root: int) -> dict[int, int]:
    """Resident memory of root and each of its descendants, by pid, from /proc (gone processes skipped)."""
    sizes, stack = {}, [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/statm") as statm:
                sizes[pid] = int(statm.read().split()[1]) * _PAGE
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    stack += [int(child) for child in children.read().split()]
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue
    return sizes


def run_child(corpus: Path, db: Path, workers: int, stages: str) -> dict:
    """Run analyze in a child process, sampling its process tree's RSS until it exits."""
    command = [sys.executable, __file__, "--child", str(corpus), str(db), str(workers), stages]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    peak = main_peak = worker_peak = 0
    while child.poll() is None:
        sizes = tree_rss_bytes(child.pid)
        peak = max(peak, sum(sizes.values()))
        main_peak = max(main_peak, sizes.get(child.pid, 0))
        worker_peak = max([worker_peak] + [size for pid, size in sizes.items() if pid != child.pid])
        time.sleep(SAMPLE_SECONDS)
    output = child.stdout.read() if child.stdout else ""
    if child.returncode != 0:
        raise SystemExit(f"analyze failed (exit {child.returncode}); see the traceback above")
    result = json.loads(output.strip().splitlines()[-1])
    result.update(wall_seconds=time.perf_counter() - started, peak_tree_rss_mb=peak / 2**20,
                  peak_main_rss_mb=main_peak / 2**20, peak_worker_rss_mb=worker_peak / 2**20)
    return result


def child_main(corpus: str, db: str, workers: str, stages: str) -> None:
    import resource

    import narrascope.corpus as corpus_module

    started = time.perf_counter()
    result = corpus_module.analyze([corpus], db=db, workers=int(workers), stages=stages)
    seconds = time.perf_counter() - started
    run = result.last_run
    result.close()
    own, workers_usage = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({
        "seconds": seconds, "read": run.read, "added": run.added, "duplicates": run.duplicates,
        "stage_errors": run.stage_errors, "input_errors": len(run.input_errors), "stages": run.stages,
        "maxrss_self_mb": own.ru_maxrss / 1024, "maxrss_largest_child_mb": workers_usage.ru_maxrss / 1024,
        "cpu_main_seconds": own.ru_utime + own.ru_stime,
        "cpu_workers_seconds": workers_usage.ru_utime + workers_usage.ru_stime,
    }))


def measure(n: int, workers: int, stages: str, seed: int, keep: Path | None) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from synthetic import write_corpus

    with tempfile.TemporaryDirectory(prefix="narrascope-ingest-") as scratch:
        corpus = (keep / f"n{n}") if keep else Path(scratch) / "corpus"
        started = time.perf_counter()
        if not (corpus.exists() and sum(1 for _ in corpus.rglob("*.txt")) == n):
            write_corpus(corpus, n, seed)
        generated = time.perf_counter() - started
        result = run_child(corpus, Path(scratch) / "ingest.db", workers, stages)
    result.update(n=n, workers=workers, generate_seconds=generated, rate=result["read"] / result["seconds"])
    return result


def report(results: list[dict]) -> None:
    print(f"{'N':>7} {'workers':>7} {'articles/s':>10} {'analyze s':>9} {'peak tree RSS MB':>16} "
          f"{'main MB':>7} {'worker MB':>9} {'dups':>5} {'errors':>6}")
    for r in results:
        print(f"{r['n']:>7} {r['workers']:>7} {r['rate']:>10.0f} {r['seconds']:>9.1f} "
              f"{r['peak_tree_rss_mb']:>16.0f} {r['peak_main_rss_mb']:>7.0f} {r['peak_worker_rss_mb']:>9.0f} "
              f"{r['duplicates']:>5} {r['stage_errors'] + r['input_errors']:>6}")
    print("main = the analyze process (read, dedup, store); worker = the largest worker process; "
          "getrusage peaks in --json")
    print(f"{'N':>7} {'CPU ms/article main':>20} {'CPU ms/article workers':>23} {'bound on an idle machine':>25}")
    for r in results:
        main_ms, worker_ms = (1000 * r[key] / r["read"] for key in ("cpu_main_seconds", "cpu_workers_seconds"))
        bound = 1000 / max(main_ms, worker_ms / r["workers"])
        print(f"{r['n']:>7} {main_ms:>20.2f} {worker_ms:>23.2f} {bound:>20.0f} art/s")
    print(f"stages: {', '.join(results[0]['stages'])}; targets: >= {TARGET_RATE} articles/s, "
          f"peak RSS < {TARGET_RSS_MB} MB")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        child_main(*argv[1:5])
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10000], help="corpus sizes to measure")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--stages", default="foundation", help="profile or comma-separated stage names")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, default=None, help="keep (and reuse) the generated corpora here")
    parser.add_argument("--json", type=Path, default=None, help="also write the results as JSON")
    args = parser.parse_args(argv)
    results = [measure(n, args.workers, args.stages, args.seed, args.keep) for n in args.n]
    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
