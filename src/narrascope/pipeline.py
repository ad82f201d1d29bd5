"""The Stage protocol and the per-article runner.

A stage is a callable object that declares the Article fields it reads and writes. The runner
applies stages in order, checks that each wrote only the fields it declared (model.FIELD_OWNERS),
and routes any exception to the article's `errors`, so one bad article never stops a batch.
"""
from __future__ import annotations

import hashlib
import logging
from contextlib import ExitStack
from typing import Callable, Iterable, Iterator, Protocol, Sequence

from .io import RawDocument
from .model import FIELD_OWNERS, Article, StageError

log = logging.getLogger(__name__)


class Stage(Protocol):
    name: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]

    def __call__(self, article: Article) -> None:
        """Read `reads` of the article and set `writes`; mutate in place."""


def article_id(source: str, content: str) -> str:
    """Stable id: the same file read again gets the same id (idempotent re-runs)."""
    digest = hashlib.sha256()
    digest.update(source.encode("utf-8", "surrogatepass"))
    digest.update(b"\0")
    digest.update(content.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


def new_article(doc: RawDocument, key: str | None = None) -> Article:
    """`key` identifies where the document came from, independent of how the path was typed
    (analyze passes the absolute path); it defaults to the source as given."""
    return Article(
        id=article_id(key or doc.source, doc.content),
        source=doc.source,
        raw=doc.content,
        raw_format=doc.format,
        given=dict(doc.given),
        url=doc.url or doc.given.get("url"),
    )


def check_stage(stage: Stage) -> None:
    """A stage may write only fields it owns."""
    for name in stage.writes:
        owner = FIELD_OWNERS.get(name)
        if owner != stage.name:
            raise TypeError(f"stage {stage.name!r} declares it writes {name!r}, which belongs to {owner!r}")


def apply_stages(article: Article, stages: Sequence[Stage]) -> Article:
    """Run each stage on one article; an exception becomes a StageError and the later stages still run."""
    for stage in stages:
        before = _snapshot(article, stage)
        try:
            stage(article)
        except Exception as exc:  # noqa: BLE001 - routed to the article, the batch goes on
            log.debug("stage %s failed on %s", stage.name, article.source, exc_info=True)
            article.errors.append(StageError(stage.name, f"{type(exc).__name__}: {exc}"))
            continue
        _enforce_ownership(article, stage, before)
    return article


def _snapshot(article: Article, stage: Stage) -> dict:
    return {name: getattr(article, name) for name in FIELD_OWNERS if name not in stage.writes}


def _enforce_ownership(article: Article, stage: Stage, before: dict) -> None:
    """Undo any write to a field the stage does not own, and say so on the article."""
    for name, value in before.items():
        if getattr(article, name) is not value:
            article.errors.append(StageError(stage.name, f"wrote {name!r}, which it does not own"))
            setattr(article, name, value)


class StageRunner:
    """Applies per-article stages to a stream, in this process or in a pool of worker processes.

    `factory` builds the stage list; in a pool each worker calls it once, so models load once per
    worker, not per article.
    """

    def __init__(self, factory: Callable[[], Sequence[Stage]], workers: int = 1, chunksize: int = 8):
        self.factory = factory
        self.workers = workers
        self.chunksize = chunksize

    def map(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Yield processed articles in input order, reading the input lazily (memory stays flat)."""
        if self.workers <= 1:
            stages = self.factory()
            for stage in stages:
                check_stage(stage)
            for batch in _batches(articles, self.chunksize):
                yield from run_batch(batch, stages)
            return
        import multiprocessing as mp
        from collections import deque

        ctx = mp.get_context("spawn")
        with ctx.Pool(self.workers, initializer=_init_worker, initargs=(self.factory,)) as pool:
            # A bounded window of chunks in flight: Pool.imap would read the whole input ahead.
            pending: deque = deque()
            for batch in _batches(articles, self.chunksize):
                pending.append(pool.apply_async(_work, (batch,)))
                if len(pending) >= self.workers * 4:
                    yield from pending.popleft().get()
            while pending:
                yield from pending.popleft().get()
            pool.close()  # let workers exit cleanly (terminate() would leak their semaphores)
            pool.join()


def run_batch(batch: list[Article], stages: Sequence[Stage]) -> list[Article]:
    """Apply stages to a batch; a stage with `process_batch` gets the whole batch at once.

    A stage may also offer `batch_context()`: a context manager entered before it runs and left once
    every stage has finished the batch (the nlp stage frees spaCy's per-batch memory this way).
    """
    with ExitStack() as contexts:
        for stage in stages:
            if hasattr(stage, "batch_context"):
                contexts.enter_context(stage.batch_context())  # type: ignore[attr-defined]
            if hasattr(stage, "process_batch"):
                _apply_batch_stage(stage, batch)
            else:
                for article in batch:
                    apply_stages(article, (stage,))
    return batch


def _apply_batch_stage(stage: Stage, batch: list[Article]) -> None:
    before = [_snapshot(article, stage) for article in batch]
    try:
        stage.process_batch(batch)  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - fall back to one article at a time to find the bad one
        log.debug("batch stage %s failed; retrying one by one", stage.name, exc_info=True)
        for article in batch:
            apply_stages(article, (stage,))
        return
    for article, snapshot in zip(batch, before):
        _enforce_ownership(article, stage, snapshot)


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_worker_stages: Sequence[Stage] = ()


def _init_worker(factory: Callable[[], Sequence[Stage]]) -> None:
    global _worker_stages
    _worker_stages = factory()
    for stage in _worker_stages:
        check_stage(stage)


def _work(batch: list[Article]) -> list[Article]:
    return run_batch(batch, _worker_stages)
