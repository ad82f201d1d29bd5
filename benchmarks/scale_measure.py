"""Measuring one scale-benchmark run: wall time and peak memory per phase, time per per-article stage.

- `TreeSampler`: a thread that samples the RSS of this process and all its descendants (pool workers,
  Dask nannies and workers) with psutil every SAMPLE_SECONDS; `with sampler.phase("stories"):` times
  a phase and keeps the tree's peak RSS and the CPU seconds the whole tree used during it (phases nest).
- `TimedStageFactory` / `timed_stages`: wrap each per-article stage so that the process running it
  (a pool worker or a Dask worker) adds up the wall and CPU seconds spent in each stage, and writes
  its totals to TIMINGS_DIR/stages-<pid>.json after every batch. `collect_stage_timings` sums them.
- `Timers`: wall seconds of functions run in this process (dedup, store writes), by patching them.
"""
from __future__ import annotations

import json
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

import psutil

from narrascope.stages import StageFactory

SAMPLE_SECONDS = 0.1
_MB = 2**20


class TreeSampler(threading.Thread):
    """Peak RSS of this process tree, overall and per phase; phases are timed with `phase()`."""

    def __init__(self, interval: float = SAMPLE_SECONDS):
        super().__init__(daemon=True, name="rss-sampler")
        self.interval = interval
        self.root = psutil.Process()
        self.peak = 0
        self.peak_child = 0  # the largest single descendant (a pool or Dask worker)
        self.phases: dict[str, dict[str, float]] = {}
        self._active: list[str] = []  # phases may nest: a sample counts for every active one
        self.progress_path: Path | None = None  # if set, the phases so far are written here after each one
        self._done = threading.Event()

    def tree_rss(self) -> int:
        total = 0
        for process in [self.root, *self.root.children(recursive=True)]:
            try:
                rss = process.memory_info().rss
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
            total += rss
            if process.pid != self.root.pid:
                self.peak_child = max(self.peak_child, rss)
        return total

    def tree_cpu(self) -> float:
        """CPU seconds of the tree so far: each live process's own, plus what its reaped children used."""
        total = 0.0
        for process in [self.root, *self.root.children(recursive=True)]:
            try:
                times = process.cpu_times()
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
            total += times.user + times.system + times.children_user + times.children_system
        return total

    def sample(self) -> None:
        rss = self.tree_rss()
        self.peak = max(self.peak, rss)
        for name in list(self._active):
            entry = self.phases[name]
            entry["peak_rss_mb"] = max(entry["peak_rss_mb"], rss / _MB)

    def run(self) -> None:
        while not self._done.wait(self.interval):
            self.sample()

    def stop(self) -> None:
        self._done.set()
        self.join()
        self.sample()

    @contextmanager
    def phase(self, name: str) -> Iterator[dict[str, float]]:
        entry = self.phases.setdefault(name, {"seconds": 0.0, "peak_rss_mb": 0.0, "cpu_seconds": 0.0})
        self._active.append(name)
        self.sample()
        started, cpu = time.perf_counter(), self.tree_cpu()
        try:
            yield entry
        finally:
            entry["seconds"] += time.perf_counter() - started
            entry["cpu_seconds"] += self.tree_cpu() - cpu
            self.sample()
            self._active.remove(name)
            self.write_progress()

    def write_progress(self) -> None:
        """The finished phases so far, for a run stopped before the end (scale.py --timeout)."""
        if self.progress_path is None:
            return
        done = {name: entry for name, entry in self.phases.items() if name not in self._active}
        self.progress_path.write_text(json.dumps({"phases": done, "peak_rss_mb": self.peak / _MB,
                                                  "peak_worker_rss_mb": self.peak_child / _MB}))


# --- per-article stages, timed where they run ----------------------------------------------------
TIMINGS_ENV = "NARRASCOPE_SCALE_TIMINGS"  # directory the stage timings are written to


class _Totals:
    """This process's seconds per stage: {stage: [wall, cpu, articles]}."""

    def __init__(self) -> None:
        self.by_stage: dict[str, list[float]] = {}

    def add(self, stage: str, wall: float, cpu: float, articles: int) -> None:
        entry = self.by_stage.setdefault(stage, [0.0, 0.0, 0])
        entry[0] += wall
        entry[1] += cpu
        entry[2] += articles

    def flush(self) -> None:
        directory = os.environ.get(TIMINGS_ENV)
        if not directory or not self.by_stage:
            return
        path = Path(directory) / f"stages-{os.getpid()}.json"
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(self.by_stage))
        temporary.replace(path)


TOTALS = _Totals()


class TimedStage:
    """A stage that adds its wall and CPU time to TOTALS; attributes pass through to the stage."""

    def __init__(self, stage: Any):
        self.stage = stage
        self.name, self.reads, self.writes = stage.name, stage.reads, stage.writes

    def __call__(self, article) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            self.stage(article)
        finally:
            TOTALS.add(self.name, time.perf_counter() - wall, time.process_time() - cpu, 1)

    @contextmanager
    def batch_context(self) -> Iterator[None]:
        """Entered before the stage runs on a batch, left after every stage is done with it: flush then."""
        inner = getattr(self.stage, "batch_context", None)
        try:
            if inner is None:
                yield
            else:
                with inner():
                    yield
        finally:
            TOTALS.flush()


class TimedBatchStage(TimedStage):
    """The same for a stage that takes whole batches (`process_batch`)."""

    def process_batch(self, batch: list) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            self.stage.process_batch(batch)
        finally:
            TOTALS.add(self.name, time.perf_counter() - wall, time.process_time() - cpu, len(batch))


def timed_stages(stages: list) -> list:
    return [TimedBatchStage(s) if hasattr(s, "process_batch") else TimedStage(s) for s in stages]


class TimedStageFactory(StageFactory):
    """A StageFactory whose stages time themselves (picklable: pool workers build their own)."""

    def __call__(self) -> list:
        return timed_stages(super().__call__())


def patch_stage_factory() -> None:
    """Make every StageFactory in this process build timed stages (for engines that build their own)."""
    if getattr(StageFactory, "_scale_timed", False):
        return
    build = StageFactory.__call__

    def timed_call(self) -> list:
        return timed_stages(build(self))

    StageFactory.__call__ = timed_call  # type: ignore[method-assign]
    StageFactory._scale_timed = True  # type: ignore[attr-defined]


def collect_stage_timings(directory: Path) -> dict[str, dict[str, float]]:
    """Summed over every process that wrote timings: {stage: {wall_seconds, cpu_seconds, articles}}."""
    totals: dict[str, dict[str, float]] = {}
    for path in sorted(directory.glob("stages-*.json")):
        for stage, (wall, cpu, articles) in json.loads(path.read_text()).items():
            entry = totals.setdefault(stage, {"wall_seconds": 0.0, "cpu_seconds": 0.0, "articles": 0})
            entry["wall_seconds"] += wall
            entry["cpu_seconds"] += cpu
            entry["articles"] += articles
    return totals


# --- functions run in this process -----------------------------------------------------------------
class Timers:
    """Wall seconds spent in patched methods of this process: `timers.wrap(Class, "method", "label")`."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._undo: list[Callable[[], None]] = []

    def wrap(self, owner: Any, method: str, label: str) -> None:
        original = getattr(owner, method)

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[label] = self.seconds.get(label, 0.0) + time.perf_counter() - started

        setattr(owner, method, timed)
        self._undo.append(lambda: setattr(owner, method, original))

    def restore(self) -> None:
        while self._undo:
            self._undo.pop()()
