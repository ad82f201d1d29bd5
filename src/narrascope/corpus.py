"""`analyze()`: read -> per-article stages -> dedup -> store, with a run summary.

The one library call behind `narrascope analyze`; the CLI, the Python API and the benchmarks share it.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from .actor_table import ActorTable
from .errors import InputError, NarrascopeError, NothingReadError
from .io import RawDocument
from .model import Article
from .pipeline import StageRunner, new_article
from .settings import pipeline as settings
from .stages import StageFactory, available, resolve

ProgressCallback = Callable[[int], None]  # called with the number of articles processed so far
# Ids remembered to skip a file read twice in one run: far more than are ever in flight (a batch being
# read, the workers' queue, a batch being written), so an older id is already in the store.
_RECENT_IDS = 20 * settings.BATCH_SIZE
ENGINES = ("local", "dask")


@dataclass
class RunSummary:
    """What one `analyze` run did, for the CLI's summary table and for scripts."""

    read: int = 0  # documents read from the inputs
    added: int = 0  # new articles stored
    skipped: int = 0  # already in the store (same source and content)
    duplicates: int = 0  # articles linked to an earlier original
    stage_errors: int = 0  # articles on which a stage failed (kept, with the error)
    actors: int = 0  # canonical actors in the corpus after this run (0 when the nlp stage did not run)
    stories: Any = None  # StoryRunSummary when the stories stage ran
    input_errors: list[InputError] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0


def analyze(
    paths: Sequence[str | Path],
    db: str | Path = settings.DEFAULT_DB,
    *,
    stages: str | Sequence[str] = "full",
    workers: int = settings.WORKERS,
    max_bytes: int = settings.MAX_FILE_BYTES,
    column_map: dict[str, str] | None = None,
    stage_options: dict[str, dict] | None = None,
    progress: ProgressCallback | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    output: str | Path | None = None,
    fresh: bool = False,
) -> "Corpus":
    """Analyze files, folders or URLs into the store at `db` and return the corpus.

    `stage_options` passes keyword arguments to a stage, e.g. {"narratives": {"taxonomy": "urw"},
    "framing": {"model_path": "framing.model"}}. Raises NothingReadError when no input at all could be
    read; every other problem is recorded in the returned corpus's `last_run` and the batch goes on.

    `engine="dask"` runs the same stages on a Dask cluster (`scheduler` address, else a LocalCluster of
    `workers` processes) into the partitioned Parquet dataset `output` (default: `db` with the suffix
    `.parquet`), then loads it into `db` (see `narrascope.engines.dask`). A re-run resumes the dataset;
    `fresh=True` discards it first.
    """
    if engine not in ENGINES:
        raise NarrascopeError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if engine == "dask":
        return _analyze_on_dask(paths, db, stages, workers, max_bytes, column_map, stage_options, progress,
                                scheduler, output, fresh)
    from .store import open_store

    names = available(resolve(stages))
    store = open_store(db)
    summary = RunSummary(stages=names)
    started = time.perf_counter()
    run_id = store.start_run([str(p) for p in paths])
    try:
        _run(store, paths, StageFactory(names, stage_options), workers, max_bytes, column_map, progress, summary)
        if "stories" in names:
            from .stories import assign_stories

            summary.stories = assign_stories(store)
    except BaseException:
        _finish_run(store, run_id, summary, started)
        store.close()
        raise
    _finish_run(store, run_id, summary, started)
    if summary.read == 0 and summary.input_errors:
        store.close()
        raise NothingReadError(
            f"nothing could be read from {len(summary.input_errors)} input(s); first problem: "
            f"{summary.input_errors[0]}"
        )
    return Corpus(store, last_run=summary)


def default_output(db: str | Path) -> Path:
    """Where the Dask engine writes its dataset when no output is given: beside a SQLite file, or
    ./narrascope.parquet for a database URL."""
    location = str(db)
    if "://" in location:
        return Path("narrascope.parquet")
    return Path(location).with_suffix(".parquet")


def _analyze_on_dask(paths, db, stages, workers, max_bytes, column_map, stage_options, progress, scheduler,
                     output, fresh) -> "Corpus":
    from .engines.dask import load, run_dask
    from .store import open_store

    output = Path(output) if output is not None else default_output(db)
    started = time.perf_counter()
    ran = run_dask(paths, output, stages=stages, stage_options=stage_options, scheduler=scheduler,
                   workers=workers, max_bytes=max_bytes, column_map=column_map, progress=progress, fresh=fresh)
    loaded = load(output, db)
    summary = RunSummary(
        read=ran.read, added=loaded.added, skipped=loaded.skipped + ran.skipped, duplicates=loaded.duplicates,
        stage_errors=ran.stage_errors, actors=loaded.actors, stories=loaded.stories,
        input_errors=list(ran.input_errors), stages=list(ran.stages),
    )
    summary.seconds = time.perf_counter() - started
    return Corpus(open_store(db), last_run=summary)


def _finish_run(store, run_id: int, summary: RunSummary, started: float) -> None:
    summary.seconds = time.perf_counter() - started
    store.record_input_errors(run_id, summary.input_errors)
    store.finish_run(run_id, _counts(summary))


def _run(store, paths, factory: StageFactory, workers, max_bytes, column_map, progress, summary: RunSummary) -> None:
    from .settings.store_bulk import WRITE_BATCH
    from .stages.dedup import Deduplicator

    dedup = Deduplicator(store.dedup_index())  # looks earlier batches up in the store: O(1) start-up, flat memory
    documents = _read_as_given(paths, max_bytes, column_map)
    fresh = _new_articles(store, documents, summary)
    runner = StageRunner(factory, workers=workers if workers > 1 else 1)
    actors = ActorTable(store) if "nlp" in factory.names else None
    batch: list[Article] = []
    for article in runner.map(fresh):
        dedup.add(article)
        if actors:
            actors.add(article)
        summary.stage_errors += bool(article.errors)
        batch.append(article)
        if len(batch) >= WRITE_BATCH:  # one transaction: see settings.store_bulk
            _flush(store, dedup, batch, summary, progress)
    _flush(store, dedup, batch, summary, progress)
    if actors:
        summary.actors = actors.finish()


def _flush(store, dedup, batch: list[Article], summary: RunSummary, progress) -> None:
    """Write a batch with its dedup links and signatures in one transaction (a killed run resumes cleanly)."""
    if not batch:
        return
    links = dedup.finalize()
    rejected = store.write_articles(batch, duplicates=links, signatures=dedup.signatures())
    sources = {a.id: a.source for a in batch}
    for article_id, reason in rejected:
        source = sources.get(article_id, article_id)
        reason = reason.removeprefix(f"{source}: ")
        summary.input_errors.append(InputError(source, f"could not be stored: {reason}",
                                               "this is a narrascope bug; please report it with the file"))
    summary.added += len(batch) - len(rejected)
    summary.duplicates += sum(1 for original in links.values() if original)
    batch.clear()
    if progress:
        progress(summary.added)


def _read_as_given(paths, max_bytes, column_map) -> Iterator[tuple[RawDocument | InputError, str]]:
    """Read each path through its absolute form, so `demo`, `./demo` and `/abs/demo` give the same
    article ids, while `source` stays the path as the user typed it. Yields (item, key)."""
    from .io.read import read_paths

    for given in map(str, paths):
        absolute = given if "://" in given else os.path.abspath(given)
        for item in read_paths([absolute], max_bytes=max_bytes, column_map=column_map):
            key = item.source
            if absolute != given and key.startswith(absolute):
                item.source = given + key[len(absolute):]
            yield item, key


def _new_articles(store, documents: Iterable[tuple[RawDocument | InputError, str]], summary: RunSummary) -> Iterator[Article]:
    """Articles not yet in the store, in input order; input errors go to the summary."""
    pending: list[Article] = []
    seen = RecentIds(_RECENT_IDS)
    for item, key in documents:
        if isinstance(item, InputError):
            summary.input_errors.append(item)
            continue
        summary.read += 1
        pending.append(new_article(item, key=key))
        if len(pending) >= settings.BATCH_SIZE:
            yield from _unknown(store, pending, summary, seen)
            pending = []
    yield from _unknown(store, pending, summary, seen)


class RecentIds:
    """The last `size` ids read in this run. Older ones are in the store by the time they could come
    back (at most a few batches are in flight), so memory stays flat in corpus size."""

    def __init__(self, size: int):
        self.size = size
        self._ids: dict[str, None] = {}  # insertion-ordered set

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._ids

    def add(self, article_id: str) -> None:
        self._ids[article_id] = None
        if len(self._ids) > self.size:
            del self._ids[next(iter(self._ids))]


def _unknown(store, articles: list[Article], summary: RunSummary, seen: RecentIds) -> list[Article]:
    """Drop articles already stored, or already read in this run (the same file named twice)."""
    known = store.known_ids([a.id for a in articles])
    fresh = []
    for article in articles:
        if article.id in known or article.id in seen:
            summary.skipped += 1
            continue
        seen.add(article.id)
        fresh.append(article)
    return fresh


def _counts(summary: RunSummary) -> dict[str, int | float]:
    return {
        "read": summary.read, "added": summary.added, "skipped": summary.skipped,
        "duplicates": summary.duplicates, "stage_errors": summary.stage_errors,
        "input_errors": len(summary.input_errors), "seconds": round(summary.seconds, 3),
    }


class Corpus:
    """A stored corpus: the object the CLI, the API and scripts work with."""

    def __init__(self, store, last_run: RunSummary | None = None):
        self.store = store
        self.last_run = last_run

    def __len__(self) -> int:
        return self.store.count()

    def __iter__(self) -> Iterator[Article]:
        return iter(self.store.iter_articles())

    def get(self, article_id: str) -> Article | None:
        return self.store.get(article_id)

    def search(self, query: str, limit: int = 20):
        return self.store.search(query, limit=limit)

    def quotes(self, *, speaker: str | None = None, contains: str | None = None, since: str | None = None,
               until: str | None = None, limit: int = 100):
        """Statements by speaker (name or alias), words and date (said_on, else the article's date)."""
        return self.store.query_quotes(speaker=speaker, contains=contains, since=since, until=until, limit=limit)

    def actors(self):
        """Canonical actors, most mentioned first."""
        return sorted(self.store.actors(), key=lambda a: (-a.mention_count, a.name))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_corpus(db: str | Path = settings.DEFAULT_DB) -> Corpus:
    """Open an existing store (SQLite file) as a Corpus."""
    from .errors import StoreError
    from .store import open_store

    if "://" not in str(db) and not Path(db).exists():
        raise StoreError(f"no database at {db}: run `narrascope analyze PATH --db {db}` first, or pass --db")

    return Corpus(open_store(db))
