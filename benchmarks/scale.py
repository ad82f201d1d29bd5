"""Scale benchmark (issue 6): wall time and peak memory per stage, local engine vs Dask, 1k-100k articles.

    python benchmarks/scale.py [--sizes 1000 10000 100000] [--engines local dask1 dask2]
                               [--profile foundation|full] [--workdir /work/bench-data/scale] [--json FILE]

For each size, a synthetic corpus (scale_corpus.py: ~800 noisy fictional words an article, ~5%
syndicated near-copies + 2% exact re-posts, dates over 2022-2024) is generated once under --workdir
and reused. Each (size, engine) then runs in its own child process, which samples the RSS of its
whole process tree (itself, pool workers, Dask nannies and workers) with psutil in a thread, by phase:

- local: `analyze()` with a pool of --workers processes (read + per-article stages + dedup + SQLite
  writes, streamed together), then `assign_stories` (the "stories" corpus stage).
- dask1 / dask2: a Dask LocalCluster with 1 / 2 single-threaded worker processes, `run_dask()` into a
  Parquet dataset (per-article partitions, then distributed dedup and stories), then `load()` into SQLite.

Per-article stages are timed inside the processes that run them (wall and CPU seconds per stage).
Profiles: "foundation" = extract, clean, metadata, dedup + stories (cheap: run at every size);
"full" = every stage incl. the models (nlp, statements, narratives, framing: ~5-12 articles/s on 2
cores, so only sensible at 1k). Prints a markdown table and the issue's criteria; --json writes all
figures. Run the large sizes with `nice`.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

DEFAULT_WORKDIR = Path("/work/bench-data/scale")
PROGRESS_FILE = "phases.json"  # in a run's scratch directory: the phases finished so far
ENGINES = ("local", "dask1", "dask2")
PROFILES = {
    "foundation": ["extract", "clean", "metadata", "dedup", "stories"],
    "full": ["extract", "clean", "metadata", "dedup", "nlp", "statements", "narratives", "framing", "stories"],
}


# --- child: one measured run ------------------------------------------------------------------------
def child_main(spec: dict) -> dict:
    from scale_measure import TIMINGS_ENV, TreeSampler

    scratch = Path(spec["scratch"])
    os.environ[TIMINGS_ENV] = str(scratch)  # inherited by the pool / cluster processes started below
    sampler = TreeSampler()
    sampler.progress_path = scratch / PROGRESS_FILE
    sampler.start()
    started = time.perf_counter()
    try:
        if spec["engine"] == "local":
            from scale_local import run_local

            result = run_local(Path(spec["corpus"]), scratch, spec["stages"], spec["workers"], sampler)
        else:
            from scale_dask import run_dask_engine

            result = run_dask_engine(Path(spec["corpus"]), scratch, spec["stages"], spec["workers"], sampler,
                                     partition_size=spec.get("partition_size"))
    finally:
        sampler.stop()
    result.update(engine=spec["engine"], n=spec["n"], workers=spec["workers"], profile=spec["profile"],
                  phases=sampler.phases, peak_rss_mb=sampler.peak / 2**20,
                  peak_worker_rss_mb=sampler.peak_child / 2**20,
                  child_seconds=time.perf_counter() - started)
    return result


def run_child(spec: dict, timeout: float | None = None) -> dict:
    """Run one measurement in a child process (its own session, so a timeout stops its whole tree)."""
    command = [sys.executable, __file__, "--child", json.dumps(spec)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        output, _ = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(child)
        return {**spec, "failed": f"stopped after {timeout:.0f} s (--timeout)", "partial": _progress(spec)}
    if child.returncode != 0:
        return {**spec, "failed": f"exit {child.returncode} (traceback above)", "partial": _progress(spec)}
    return json.loads(output.strip().splitlines()[-1])


def _stop(child: subprocess.Popen) -> None:
    for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
        try:
            os.killpg(child.pid, sig)  # the child's session: it and the workers it started
            child.communicate(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue
        except ProcessLookupError:
            return


def _progress(spec: dict) -> dict | None:
    path = Path(spec["scratch"]) / PROGRESS_FILE
    return json.loads(path.read_text()) if path.exists() else None


# --- parent ------------------------------------------------------------------------------------------
def measure(args: argparse.Namespace) -> list[dict]:
    from scale_corpus import ensure_corpus

    results = []
    for n in args.sizes:
        corpus, facts = ensure_corpus(args.workdir, n, args.seed)
        print(f"# corpus n={n}: {facts}", file=sys.stderr)
        for engine in args.engines:
            workers = {"local": args.workers, "dask1": 1, "dask2": 2}[engine]
            with tempfile.TemporaryDirectory(prefix=f"scale-{engine}-{n}-", dir=args.scratch) as scratch:
                spec = {"engine": engine, "n": n, "workers": workers, "profile": args.profile,
                        "stages": PROFILES[args.profile], "corpus": str(corpus), "scratch": scratch,
                        "partition_size": args.partition_size}
                print(f"# {engine} n={n} ({time.strftime('%H:%M:%S')} UTC, load {os.getloadavg()[0]:.1f})",
                      file=sys.stderr)
                result = run_child(spec, args.timeout)
                result.update(corpus=facts, loadavg_after=os.getloadavg()[0])
                results.append(result)
                print(json.dumps(result), file=sys.stderr)
    return results


def source_state() -> dict:
    """The commit measured, and the source files that differed from it (the tree is shared while others work).

    To measure a fixed commit while others edit the tree: `git archive COMMIT src | tar -x -C SNAP`,
    `echo COMMIT > SNAP/COMMIT`, and run with PYTHONPATH=SNAP/src."""
    import narrascope

    repo = Path(__file__).resolve().parents[1]
    measured = Path(narrascope.__file__).resolve().parents[1]
    if measured != repo / "src":  # a snapshot (PYTHONPATH=SNAPSHOT/src) with its commit in SNAPSHOT/COMMIT
        commit_file = measured.parent / "COMMIT"
        commit = commit_file.read_text().strip() if commit_file.exists() else "unknown"
        return {"commit": commit, "uncommitted_sources": [], "snapshot": str(measured)}
    git = lambda *a: subprocess.run(["git", *a], cwd=repo, capture_output=True, text=True).stdout  # noqa: E731
    changed = [line[3:] for line in git("status", "--porcelain", "--", "src").splitlines() if line.strip()]
    return {"commit": git("rev-parse", "--short", "HEAD").strip(), "uncommitted_sources": changed}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        print(json.dumps(child_main(json.loads(argv[1]))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--profile", choices=sorted(PROFILES), default="foundation")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR, help="where corpora are generated once")
    parser.add_argument("--scratch", type=Path, default=None, help="where run outputs go (deleted after each run)")
    parser.add_argument("--workers", type=int, default=2, help="pool processes of the local engine")
    parser.add_argument("--partition-size", type=int, default=None, help="articles per Dask partition")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=None,
                        help="stop a run after this many seconds and report the phases it finished")
    parser.add_argument("--json", type=Path, default=None, help="also write every figure as JSON")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    started = datetime.now(timezone.utc)
    results = measure(args)
    from scale_report import report

    meta = {"started": started.isoformat(timespec="seconds"), "machine": platform.node(), "cpus": os.cpu_count(),
            "command": " ".join([Path(sys.argv[0]).name, *argv]), "profile": args.profile, **source_state()}
    print(report(results, meta))
    if args.json:
        args.json.write_text(json.dumps({"meta": meta, "results": results}, indent=1))
    return 1 if any("failed" in r for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
