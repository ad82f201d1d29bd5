"""The Dask engine's `load()` at scale: a finished run_dask dataset -> a new SQLite store, timed per segment.

    python benchmarks/load_scale.py DATASET TARGET.db [--segment 10000] [--profile FILE]

Prints the wall and CPU seconds (this process: SQLite's page I/O is system time) of every SEGMENT
articles stored (flat segments = linear), then the totals and LoadSummary. TARGET is deleted first.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import time
from pathlib import Path

from narrascope.engines.dask import load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dataset", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--segment", type=int, default=10_000)
    parser.add_argument("--profile", type=Path, default=None, help="write a cProfile of the load here")
    args = parser.parse_args()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{args.target}{suffix}").unlink(missing_ok=True)
    mark = {"done": 0, "wall": time.perf_counter(), "cpu": time.process_time()}
    started, cpu = mark["wall"], mark["cpu"]

    def progress(added: int) -> None:
        if added - mark["done"] >= args.segment:
            now, now_cpu = time.perf_counter(), time.process_time()
            print(json.dumps({"articles": added, "wall": round(now - mark["wall"], 2),
                              "cpu": round(now_cpu - mark["cpu"], 2)}), flush=True)
            mark.update(done=added, wall=now, cpu=now_cpu)

    profiler = cProfile.Profile(time.process_time) if args.profile else None
    if profiler:
        profiler.enable()
    summary = load(args.dataset, args.target, progress=progress)
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
    print("total", json.dumps({"wall": round(time.perf_counter() - started, 2),
                               "cpu": round(time.process_time() - cpu, 2)}))
    print(f"added {summary.added}, duplicates {summary.duplicates}, skipped {summary.skipped}, "
          f"stories {summary.stories}")


if __name__ == "__main__":
    main()
