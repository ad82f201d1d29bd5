"""The Store interface every backend implements (SQLite now; PostgreSQL can follow), and its result types."""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, ContextManager, Iterable, Iterator, Mapping, NamedTuple, Sequence

from ..errors import InputError
from ..model import Actor, Article, Statement
from ..settings import store as settings


class SearchHit(NamedTuple):
    article_id: str
    title: str | None
    snippet: str  # matched terms wrapped in settings.SNIPPET_MARKERS
    rank: float  # bm25: lower is better
    published: str | None
    outlet: str | None


class QuoteHit(NamedTuple):
    article_id: str
    statement: Statement
    published: str | None  # the article's publication date


class Run(NamedTuple):
    id: int
    started: str
    finished: str | None
    paths: list[str]
    counts: dict[str, Any] | None


# What the deduplicator persists: (article_id, content_hash, published, minhash, duplicate_of[, bands]).
# The store keeps `minhash` (bytes or None) and the LSH band keys (a tuple of ints, optional 6th item,
# table dedup_bands); the other fields are read back from `articles`.
DedupSignature = tuple  # (str, str | None, str | None, bytes | None, str | None[, tuple[int, ...]])


class Store(ABC):
    """A narrascope corpus on disk. Every write method runs in one transaction."""

    # articles
    @abstractmethod
    def write_articles(
        self,
        articles: Sequence[Article],
        *,
        duplicates: Mapping[str, str | None] | None = None,
        signatures: Iterable[DedupSignature] | None = None,
    ) -> list[tuple[str, str]]:
        """Upsert a batch by id; optionally apply duplicate links and save dedup signatures in the same
        transaction. An article that cannot be stored (missing required field, wrong type) does not
        lose the batch: the others are stored and the culprits returned as (article_id, reason)."""

    @abstractmethod
    def get(self, article_id: str) -> Article | None: ...

    @abstractmethod
    def has(self, article_id: str) -> bool: ...

    @abstractmethod
    def known_ids(self, ids: Iterable[str]) -> set[str]: ...

    @abstractmethod
    def iter_articles(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        outlet: str | None = None,
        originals_only: bool = False,
        with_raw: bool = True,
    ) -> Iterator[Article]:
        """Stream articles ordered by published (undated first), then id. `until` includes that day.
        With `with_raw=False` the raw input is not read: raw is "", extracted None, html_meta {}."""

    @abstractmethod
    def count(
        self, *, since: str | None = None, until: str | None = None, outlet: str | None = None,
        originals_only: bool = False,
    ) -> int: ...

    @abstractmethod
    def delete_articles(self, ids: Iterable[str]) -> int: ...

    @abstractmethod
    def set_duplicates(self, mapping: Mapping[str, str | None]) -> None: ...

    # search
    @abstractmethod
    def search(self, query: str, limit: int = settings.SEARCH_LIMIT, offset: int = 0) -> list[SearchHit]: ...

    @abstractmethod
    def query_quotes(
        self,
        speaker: str | None = None,
        contains: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = settings.QUOTES_LIMIT,
    ) -> list[QuoteHit]: ...

    # actors
    @abstractmethod
    def write_actors(self, actors: Iterable[Actor]) -> None: ...

    @abstractmethod
    def actors(self) -> list[Actor]: ...

    # runs
    @abstractmethod
    def start_run(self, paths: Sequence[str]) -> int: ...

    @abstractmethod
    def finish_run(self, run_id: int, counts: Mapping[str, Any]) -> None: ...

    @abstractmethod
    def record_input_errors(self, run_id: int, errors: Iterable[InputError]) -> None: ...

    @abstractmethod
    def runs(self) -> list[Run]: ...

    @abstractmethod
    def input_errors(self, run_id: int | None = None) -> list[InputError]: ...

    # dedup state
    @abstractmethod
    def dedup_signatures(self) -> Iterator[DedupSignature]:
        """Every stored article with a content hash, in insertion order (minhash None if never saved)."""

    @abstractmethod
    def save_dedup_signatures(self, signatures: Iterable[DedupSignature]) -> None: ...

    @abstractmethod
    def dedup_index(self) -> Any:
        """Per-article lookups into the stored dedup state (content hashes, LSH band keys, MinHashes,
        duplicate links) for `stages.dedup.Deduplicator(index)`: its memory stays flat in corpus size."""

    # extension points: modules that own their own tables (stories, ...)
    @abstractmethod
    def query(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[dict[str, Any]]:
        """Run a read-only SQL query; rows as dicts."""

    @abstractmethod
    def writing(self, what: str) -> ContextManager[Any]:
        """A write transaction for code that owns its own tables: `with store.writing("save stories") as conn:`."""

    # lifetime
    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
