"""One scale-benchmark run on the Dask engine (`run_dask` on a LocalCluster, then `load`), measured by phase.

`run_dask` starts its own LocalCluster of `workers` single-threaded worker processes, as `narrascope
analyze --engine dask` does. Its steps are timed by wrapping the engine's own functions (so nothing in
the engine changes): "cluster start" / "cluster stop" (`run.connect`), "per-article" (`run._compute`:
read + per-article stages + Parquet writes, as Dask tasks), "dedup" and "stories" (the distributed
corpus stages), all inside "run_dask"; then "load" (Parquet -> SQLite, with actors and stories).
A worker plugin makes each worker's stages time themselves (scale_measure.patch_stage_factory).
"""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

from distributed import WorkerPlugin

from scale_measure import Timers, TreeSampler, collect_stage_timings

FIXED_PHASES = ("cluster start", "cluster stop")  # paid once per cluster, not per article


class StageTimingPlugin(WorkerPlugin):
    """On each worker: build timed stages (their totals go to the timings directory after each batch)."""

    def setup(self, worker) -> None:
        import scale_measure

        scale_measure.patch_stage_factory()


def run_dask_engine(corpus: Path, scratch: Path, stages: list[str], workers: int, sampler: TreeSampler,
                    partition_size: int | None = None) -> dict:
    import importlib

    from narrascope.engines.dask import load, run_dask

    load_module = importlib.import_module("narrascope.engines.dask.load")  # the package re-exports load()
    run_module = importlib.import_module("narrascope.engines.dask.run")

    here = str(Path(__file__).resolve().parent)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")]))
    originals = {name: getattr(run_module, name) for name in ("connect", "_compute", "_call_corpus_stage")}
    run_module.connect = _timed_connect(originals["connect"], sampler)
    run_module._compute = _in_phase(originals["_compute"], sampler, lambda *a, **k: "per-article")
    run_module._call_corpus_stage = _in_phase(originals["_call_corpus_stage"], sampler, lambda module, *a: module)
    timers = Timers()
    timers.wrap(load_module, "_load_stories", "load: stories")
    output, options = scratch / "dataset.parquet", {"partition_size": partition_size} if partition_size else {}
    try:
        with sampler.phase("run_dask"):
            summary = run_dask([corpus], output, stages=stages, workers=workers, **options)
        with sampler.phase("load"):
            loaded = load(output, scratch / "dask.db")
    finally:
        for name, function in originals.items():
            setattr(run_module, name, function)
        timers.restore()
    return {
        "articles": summary.articles, "duplicates": loaded.duplicates, "stage_errors": summary.stage_errors,
        "input_errors": len(summary.input_errors), "partitions": summary.partitions,
        "dask_workers": summary.workers, "dedup_summary": _plain(summary.duplicates),
        "stories_summary": _plain(summary.stories), "load_stories": _plain(loaded.stories),
        "main_seconds": timers.seconds, "stage_timings": collect_stage_timings(scratch),
        "engine_timings": getattr(summary, "timings", {}),  # run_dask's own phase seconds, to cross-check
        "per_article_phase": "per-article", "total_phases": ["run_dask", "load"], "fixed_phases": list(FIXED_PHASES),
    }


def _timed_connect(connect, sampler: TreeSampler):
    @contextmanager
    def timed(scheduler, workers):
        context = connect(scheduler, workers)
        with sampler.phase("cluster start"):
            client = context.__enter__()
            client.register_plugin(StageTimingPlugin(), name="narrascope-scale-timing")
        try:
            yield client
        finally:
            with sampler.phase("cluster stop"):
                context.__exit__(*sys.exc_info())

    return timed


def _in_phase(function, sampler: TreeSampler, phase_of):
    def timed(*args, **kwargs):
        with sampler.phase(phase_of(*args, **kwargs)):
            return function(*args, **kwargs)

    return timed


def _plain(value):
    import dataclasses

    return dataclasses.asdict(value) if dataclasses.is_dataclass(value) else value
