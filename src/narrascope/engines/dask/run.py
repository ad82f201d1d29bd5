"""`run_dask()`: the per-article stages as Dask tasks over partitions of the inputs, then the corpus
stages, into the Parquet dataset of engines/dask/layout.py (put into a store by `load`).

    summary = run_dask(["articles/"], "corpus.parquet", stages="foundation")            # LocalCluster
    summary = run_dask(["articles/"], "corpus.parquet", scheduler="tcp://10.0.0.5:8786")  # a cluster

Resume: a partition whose marker exists is not run again, so re-running an interrupted run with the
same inputs and stages finishes it. Failure: when a worker dies, the scheduler re-runs its tasks
elsewhere (up to settings.engines.ALLOWED_FAILURES times); each task rewrites its own file names
atomically, so nothing is lost or duplicated.
"""
from __future__ import annotations

import dataclasses
import importlib
import logging
import time
import uuid
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from ...errors import InputError, NarrascopeError, NothingReadError
from ...settings import engines as settings
from ...settings import pipeline as pipeline_settings
from ...stages import StageFactory, available, resolve
from . import layout, partitions
from .worker import process_partition

log = logging.getLogger(__name__)
ProgressCallback = Callable[[int], None]  # called with the number of articles processed so far


class PartitionsFailedError(NarrascopeError):
    """Some partitions could not be computed (their workers kept dying, or the task raised)."""


@dataclass
class DaskRunSummary:
    """What one `run_dask` call did; also written to DIR/_SUCCESS.json."""

    output: str
    partitions: int = 0  # partitions in the dataset
    computed: int = 0  # partitions computed by this call
    resumed: int = 0  # partitions already complete (a resumed run), not computed again
    read: int = 0  # documents read from the inputs
    articles: int = 0  # articles written (read minus ids read twice)
    skipped: int = 0  # the same article read twice in one partition
    stage_errors: int = 0  # articles on which a stage failed (kept, with the error)
    input_errors: list[InputError] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)
    workers: int = 0
    duplicates: Any = None  # what engines.dask.dedup.write_duplicates returned
    stories: Any = None  # what engines.dask.stories.write_stories returned
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase: cluster, partitions, dedup, stories

    @property
    def rate(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0

    def to_json(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        data["input_errors"] = [{"source": e.source, "reason": e.reason, "hint": e.hint} for e in self.input_errors]
        for name in ("duplicates", "stories"):
            value = data[name]
            data[name] = dataclasses.asdict(value) if dataclasses.is_dataclass(value) else value
        return data


def run_dask(
    paths: Sequence[str | Path],
    output: str | Path,
    *,
    stages: str | Sequence[str] = "full",
    stage_options: dict[str, dict] | None = None,
    scheduler: str | None = None,
    workers: int = pipeline_settings.WORKERS,
    max_bytes: int = pipeline_settings.MAX_FILE_BYTES,
    column_map: dict[str, str] | None = None,
    partition_size: int | None = None,
    progress: ProgressCallback | None = None,
    fresh: bool = False,
) -> DaskRunSummary:
    """Analyze files, folders or URLs into the Parquet dataset at `output` on a Dask cluster.

    Without `scheduler` a LocalCluster of `workers` single-threaded processes is started (and stopped).
    `partition_size`: input units (files, URLs) per task; default: enough tasks to keep every worker
    thread busy to the end, at most settings.engines.PARTITION_SIZE units each.
    `fresh` discards a previous run's dataset in `output`; otherwise a dataset of the same inputs and
    stages is resumed, and one of other inputs or stages is refused (DatasetMismatchError).
    Raises NothingReadError when no input could be read, PartitionsFailedError when partitions failed.
    """
    started = time.perf_counter()
    root = Path(output).absolute()
    names = available(resolve(stages))
    inputs = [str(p) for p in paths]
    units = list(partitions.input_units(inputs))
    read_options = {"max_bytes": max_bytes, "column_map": column_map}
    summary = DaskRunSummary(output=str(root), stages=names)
    clock = time.perf_counter()
    with connect(scheduler, workers) as client:
        threads = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())
        summary.workers = len(client.scheduler_info()["workers"])
        summary.timings["cluster"] = _lap(clock)
        size = partition_size or partitions.auto_size(len(units), threads)
        wanted = partitions.new_manifest(inputs, names, stage_options or {}, partitions.chunk(units, size),
                                         read_options)
        manifest = partitions.prepare(root, wanted, fresh=fresh)
        summary.partitions = manifest["partitions"]
        done = layout.completed(root)
        todo = [p for p in range(manifest["partitions"]) if p not in done]
        summary.resumed = manifest["partitions"] - len(todo)
        clock = time.perf_counter()
        factory = StageFactory(names, stage_options)
        summary.computed = _compute(client, root, manifest, todo, factory, read_options, progress)
        summary.timings["partitions"] = _lap(clock)
        _add_markers(root, manifest["partitions"], summary)
        if summary.read == 0 and summary.input_errors:
            raise NothingReadError(f"nothing could be read from {len(summary.input_errors)} input(s); first "
                                   f"problem: {summary.input_errors[0]}")
        finished = root / layout.SUCCESS
        if summary.computed == 0 and finished.exists():  # a finished run again: its corpus stages are done
            previous = layout.read_json(finished)
            summary.duplicates, summary.stories = previous.get("duplicates"), previous.get("stories")
        elif summary.articles:
            finished.unlink(missing_ok=True)
            _corpus_stages(client, root, names, summary)
    layout.remove_temporaries(root)
    summary.seconds = round(time.perf_counter() - started, 3)
    layout.write_json(root / layout.SUCCESS, summary.to_json())
    return summary


@contextmanager
def connect(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A Client of the scheduler at `scheduler`, else of a new LocalCluster (closed on exit)."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler, timeout=settings.CLUSTER_TIMEOUT) as client:
            yield client
        return
    # the scheduler reads allowed-failures when it is created
    with dask.config.set({"distributed.scheduler.allowed-failures": settings.ALLOWED_FAILURES}):
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               dashboard_address=":0", silence_logs=logging.ERROR)
    with cluster, Client(cluster, timeout=settings.CLUSTER_TIMEOUT) as client:
        yield client


def _compute(client, root: Path, manifest: dict, todo: list[int], factory: StageFactory, read_options: dict,
             progress: ProgressCallback | None) -> int:
    """Run the partitions in `todo`; returns how many completed. Raises PartitionsFailedError at the end
    if some failed (the completed ones are kept: a re-run retries only the others)."""
    from distributed import as_completed

    token = uuid.uuid4().hex[:8]
    futures = {}
    for p in todo:
        future = client.submit(process_partition, str(root), p, manifest["units"][p], manifest["inputs"], factory,
                               read_options, "stories" in manifest["stages"],
                               key=f"narrascope-{token}-{layout.part_name(p)}",
                               retries=settings.TASK_RETRIES, pure=False)
        futures[future] = p
    done, articles, failed = 0, 0, []
    try:
        for future in as_completed(futures):
            try:
                marker = future.result()
            except Exception as exc:  # noqa: BLE001 - reported together below; the other partitions go on
                failed.append((futures[future], exc))
                continue
            done += 1
            articles += marker["articles"]
            if progress:
                progress(articles)
    except BaseException:
        client.cancel(list(futures))
        raise
    if failed:
        _raise_failures(sorted(failed, key=lambda item: item[0]))
    return done


def _raise_failures(failed: list[tuple[int, BaseException]]) -> None:
    """A narrascope error (a model that is not installed, ...) is raised as it is: it says what to do."""
    first = failed[0][1]
    if isinstance(first, NarrascopeError):
        raise first
    listed = "; ".join(f"{layout.part_name(p)}: {type(exc).__name__}: {exc}" for p, exc in failed[:3])
    raise PartitionsFailedError(f"{len(failed)} partition(s) failed ({listed}): run the same command again to "
                                "retry them (the completed partitions are kept)") from first


def _add_markers(root: Path, count: int, summary: DaskRunSummary) -> None:
    for p in range(count):
        marker = layout.read_marker(root, p)
        summary.read += marker["read"]
        summary.articles += marker["articles"]
        summary.skipped += marker.get("skipped", 0)
        summary.stage_errors += marker.get("stage_errors", 0)
        summary.input_errors += [InputError(**e) for e in marker["input_errors"]]


def _corpus_stages(client, root: Path, names: list[str], summary: DaskRunSummary) -> None:
    """Distributed dedup and stories (engines.dask.dedup / stories), when their modules are installed."""
    if "dedup" in names:
        clock = time.perf_counter()
        summary.duplicates = _call_corpus_stage("dedup", "write_duplicates", client, root)
        summary.timings["dedup"] = _lap(clock)
    if "stories" in names:
        clock = time.perf_counter()
        summary.stories = _call_corpus_stage("stories", "write_stories", client, root)
        summary.timings["stories"] = _lap(clock)


def _lap(since: float) -> float:
    return round(time.perf_counter() - since, 3)


def _call_corpus_stage(module: str, function: str, client, root: Path) -> Any:
    try:
        stage = getattr(importlib.import_module(f"{__package__}.{module}"), function)
    except (ImportError, AttributeError):
        log.warning("%s.%s is not available: the dataset has no %s; `load` computes them in the store instead",
                    module, function, module)
        return None
    with warnings.catch_warnings():
        # Parquet strings come back as pandas' "string" dtype on one side of a join and "str"/object on the
        # other; the values are the same, and the warning would only clutter the CLI's output.
        warnings.filterwarnings("ignore", message="Merging dataframes with merge column data type mismatches")
        return stage(client, root)
