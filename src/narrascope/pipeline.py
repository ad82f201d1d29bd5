"""The Stage protocol and the per-article runner.

A stage is a callable object that declares the Article fields it reads and writes. The runner
applies stages in order, checks that each wrote only the fields it declared (model.FIELD_OWNERS),
and routes any exception to the article's `errors`, so one bad article never stops a batch.
"""
from __future__ import annotations

import hashlib
import logging
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


def new_article(doc: RawDocument) -> Article:
    return Article(
        id=article_id(doc.source, doc.content),
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
        before = {name: getattr(article, name) for name in FIELD_OWNERS if name not in stage.writes}
        try:
            stage(article)
        except Exception as exc:  # noqa: BLE001 - routed to the article, the batch goes on
            log.debug("stage %s failed on %s", stage.name, article.source, exc_info=True)
            article.errors.append(StageError(stage.name, f"{type(exc).__name__}: {exc}"))
            continue
        for name, value in before.items():
            if getattr(article, name) is not value:
                article.errors.append(StageError(stage.name, f"wrote {name!r}, which it does not own"))
                setattr(article, name, value)
    return article


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
        if self.workers <= 1:
            stages = self.factory()
            for stage in stages:
                check_stage(stage)
            for article in articles:
                yield apply_stages(article, stages)
            return
        import multiprocessing as mp

        ctx = mp.get_context("spawn")
        with ctx.Pool(self.workers, initializer=_init_worker, initargs=(self.factory,)) as pool:
            yield from pool.imap(_work, articles, chunksize=self.chunksize)


_worker_stages: Sequence[Stage] = ()


def _init_worker(factory: Callable[[], Sequence[Stage]]) -> None:
    global _worker_stages
    _worker_stages = factory()
    for stage in _worker_stages:
        check_stage(stage)


def _work(article: Article) -> Article:
    return apply_stages(article, _worker_stages)
