"""`load()`: a finished Dask run's Parquet dataset -> a store (SQLite or PostgreSQL), streaming.

Articles are written in input order (`seq`), in batches of settings.store_bulk.WRITE_BATCH, each with its
duplicate links and dedup signatures in the same transaction, as the local engine writes them; so a
later local run deduplicates against loaded articles. Actors are merged across the corpus here
(ActorTable: per-article actor ids from the workers are remapped to canonical ones). Articles already in
the store are skipped (as the local engine skips them), so loading twice changes nothing; after a load that
stopped midway, the articles it stored go through the actor merge with the rest.

Duplicate links come from DIR/duplicates (the distributed dedup) when the store is empty. Into a store
that already holds articles (or from a dataset without links) the articles are deduplicated while loading
by the local engine's streaming Deduplicator, so copies of stored articles are linked too.
Stories likewise: engines.dask.stories.load_stories, else the local stories stage on the store.
"""
from __future__ import annotations

import heapq
import importlib
import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from ...corpus import RecentIds
from ...errors import InputError, NarrascopeError
from ...model import Article
from ...settings import pipeline as pipeline_settings
from ...settings import store_bulk
from . import layout

log = logging.getLogger(__name__)
_COLUMNS = ["seq", "article", "minhash", "bands"]
_RECENT_IDS = 20 * pipeline_settings.BATCH_SIZE  # ids remembered to store a file named twice once (as corpus.py)


class DatasetIncompleteError(NarrascopeError):
    """The directory is not a finished Dask run's dataset."""


@dataclass
class LoadSummary:
    output: str
    db: str
    read: int = 0  # documents the run read
    added: int = 0  # articles stored by this load
    skipped: int = 0  # already in the store
    duplicates: int = 0  # stored articles linked to an original
    stage_errors: int = 0
    actors: int = 0  # canonical actors after the merge (0 without the nlp stage)
    stories: Any = None  # what the stories loader returned
    input_errors: list[InputError] = field(default_factory=list)
    seconds: float = 0.0


def load(output: str | Path, db: str | Path, *, progress: Callable[[int], None] | None = None) -> LoadSummary:
    """Put the dataset at `output` (written by run_dask) into the store at `db`; returns what it did."""
    from ...store import open_store

    started = time.perf_counter()
    root = Path(output)
    manifest = _finished_manifest(root)
    names = manifest["stages"]
    summary = LoadSummary(output=str(root), db=str(db))
    summary.input_errors, summary.read = _marker_totals(root, manifest["partitions"])
    store = open_store(db)
    label = [str(root.absolute())]
    resuming = _interrupted_before(store, label)
    run_id, complete = store.start_run(label), False
    try:
        writer = _Writer(store, root, names, summary, progress, resuming=resuming)
        for article, bands in _articles(root, manifest["partitions"]):
            writer.add(article, bands)
        writer.flush()
        if writer.actors is not None:
            summary.actors = writer.actors.finish()
        if "stories" in names:
            summary.stories = _load_stories(store, root)
        complete = True
    finally:
        summary.seconds = round(time.perf_counter() - started, 3)
        store.record_input_errors(run_id, summary.input_errors)
        store.finish_run(run_id, {"read": summary.read, "added": summary.added, "skipped": summary.skipped,
                                  "duplicates": summary.duplicates, "stage_errors": summary.stage_errors,
                                  "input_errors": len(summary.input_errors), "seconds": summary.seconds,
                                  "complete": complete})
        store.close()
    return summary


def _interrupted_before(store, label: list[str]) -> bool:
    """Did the last load of this dataset stop before the end? Then the articles it stored have not been
    through the actor merge (and stories) yet: this load merges them again with the rest."""
    previous = [run for run in store.runs() if run.paths == label]
    return bool(previous) and not (previous[-1].counts or {}).get("complete", False)


def _finished_manifest(root: Path) -> dict[str, Any]:
    if not (root / layout.SUCCESS).exists():
        if not (root / layout.MANIFEST).exists():
            raise DatasetIncompleteError(f"{root} is not a narrascope Dask dataset (no {layout.MANIFEST}): "
                                         "give the --output directory of `narrascope analyze --engine dask`")
        raise DatasetIncompleteError(
            f"{root} is not finished (no {layout.SUCCESS}): run the same `narrascope analyze --engine dask "
            f"--output {root}` command again (it resumes where it stopped), then load")
    return layout.read_json(root / layout.MANIFEST)


def _marker_totals(root: Path, count: int) -> tuple[list[InputError], int]:
    errors, read = [], 0
    for p in range(count):
        marker = layout.read_marker(root, p)
        errors += [InputError(**e) for e in marker["input_errors"]]
        read += marker["read"]
    return errors, read


def _articles(root: Path, count: int) -> Iterator[tuple[Article, tuple[int, ...]]]:
    """(article, its LSH band keys) in `seq` order: partition by partition, its month files merged by seq."""
    files = layout.article_files(root)
    for p in range(count):
        streams = [_rows(path) for path in files.get(p, [])]
        for row in heapq.merge(*streams, key=lambda r: r["seq"]):
            article = Article.from_dict(json.loads(row["article"]))
            article.signature = row["minhash"]
            yield article, tuple(row["bands"] or ())


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    with pq.ParquetFile(path) as reader:
        for batch in reader.iter_batches(batch_size=pipeline_settings.BATCH_SIZE, columns=_COLUMNS):
            yield from batch.to_pylist()


class _Writer:
    """Batches articles into the store with their links, signatures and actors (corpus._flush's way)."""

    def __init__(self, store, root: Path, names: list[str], summary: LoadSummary, progress, resuming: bool = False):
        from ...actor_table import ActorTable

        self.store, self.summary, self.progress, self.resuming = store, summary, progress, resuming
        self.links = self.dedup = None
        if "dedup" in names:
            self._choose_dedup(root)
        self.actors = ActorTable(store) if "nlp" in names else None
        self.batch: list[Article] = []
        self.seen = RecentIds(_RECENT_IDS)  # the same file named twice: stored once, like the local engine
        self.bands: dict[str, tuple[int, ...]] = {}  # of the batch's articles

    def _choose_dedup(self, root: Path) -> None:
        """The run's links when the store was empty; else (or without them) the local engine's streaming
        Deduplicator, which also links to articles stored before (another run, an earlier load)."""
        from ...stages.dedup import Deduplicator

        if self.store.count() == 0:
            self.links = _duplicate_links(root)
            if self.links is not None:
                return
            log.warning("%s has no %s/: deduplicating while loading", root, layout.DUPLICATES)
        self.dedup = Deduplicator(self.store.dedup_index())

    def add(self, article: Article, bands: tuple[int, ...]) -> None:
        self.batch.append(article)
        self.bands[article.id] = bands
        if len(self.batch) >= store_bulk.WRITE_BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.batch:
            return
        known = self.store.known_ids([a.id for a in self.batch])
        fresh = []
        for article in self.batch:
            if article.id in self.seen:
                continue
            self.seen.add(article.id)
            if article.id not in known:
                fresh.append(article)
            elif self.resuming and self.actors is not None:
                self.actors.add(article)  # stored by the interrupted load, never merged
        self.summary.skipped += len(self.batch) - len(fresh)
        self.batch = []
        links, signatures = self._dedup(fresh)
        self.bands.clear()
        for article in fresh:
            if self.actors is not None:
                self.actors.add(article)
        rejected = self.store.write_articles(fresh, duplicates=links, signatures=signatures)
        self._count(fresh, links, rejected)

    def _dedup(self, articles: list[Article]) -> tuple[dict[str, str | None], list]:
        if self.dedup is not None:
            for article in articles:
                self.dedup.add(article)
            return self.dedup.finalize(), self.dedup.signatures()
        if self.links is None:
            return {}, []
        from ...stages.dedup import Signature

        links, signatures = {}, []
        for article in articles:
            if article.content_hash is None:
                continue
            article.duplicate_of = links[article.id] = self.links.get(article.id)
            signatures.append(Signature(article.id, article.content_hash, article.published,
                                        article.signature or None, article.duplicate_of,
                                        self.bands[article.id]))
        return links, signatures

    def _count(self, articles: list[Article], links: dict, rejected: list[tuple[str, str]]) -> None:
        sources = {a.id: a.source for a in articles}
        for article_id, reason in rejected:
            source = sources.get(article_id, article_id)
            self.summary.input_errors.append(InputError(
                source, f"could not be stored: {reason.removeprefix(f'{source}: ')}",
                "this is a narrascope bug; please report it with the file"))
        self.summary.added += len(articles) - len(rejected)
        self.summary.duplicates += sum(1 for original in links.values() if original)
        self.summary.stage_errors += sum(1 for a in articles if a.errors)
        if self.progress:
            self.progress(self.summary.added)


def _duplicate_links(root: Path) -> dict[str, str] | None:
    """{copy id: original id} from DIR/duplicates (copies only: originals are the default), or None."""
    folder = root / layout.DUPLICATES
    if not folder.is_dir():
        return None
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    table = ds.dataset(folder, format="parquet").to_table(
        columns=["id", "duplicate_of"], filter=pc.field("duplicate_of").is_valid())
    return dict(zip(table.column("id").to_pylist(), table.column("duplicate_of").to_pylist()))


def _load_stories(store, root: Path) -> Any:
    try:
        load_stories = getattr(importlib.import_module(f"{__package__}.stories"), "load_stories")
    except (ImportError, AttributeError):
        from ...stories import assign_stories

        log.warning("engines.dask.stories.load_stories is not available: running the local stories stage")
        return assign_stories(store)
    return load_stories(store, root)
