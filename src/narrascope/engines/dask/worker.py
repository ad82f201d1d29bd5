"""The task a Dask worker runs for one partition: read its units, run the per-article stages, write Parquet.

Stages (and the models they load) are built once per worker process and kept in a module-level cache
keyed by the stage names and options, so every later task on that worker reuses them.
"""
from __future__ import annotations

import dataclasses
import json
import time
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Sequence

from ...errors import InputError
from ...model import Article
from ...pipeline import check_stage, new_article, run_batch
from ...settings import dedup as dedup_settings
from ...settings import engines as settings
from ...stages import StageFactory
from . import layout

_STAGES: dict[str, list] = {}  # cache key -> built stages, per worker process
BUILDS: dict[str, int] = {}  # cache key -> times built in this process (read back by tests with client.run)


def stages_for(factory: StageFactory) -> list:
    """The factory's stages, built on the first call in this process."""
    key = json.dumps([factory.names, factory.options], sort_keys=True, default=str)
    stages = _STAGES.get(key)
    if stages is None:
        stages = factory()
        for stage in stages:
            check_stage(stage)
        _STAGES[key] = stages
        BUILDS[key] = BUILDS.get(key, 0) + 1
    return stages


def process_partition(root: str, partition: int, units: list[dict], inputs: list[str],
                      factory: StageFactory, read_options: dict[str, Any], story_terms: bool = True) -> dict[str, Any]:
    """Run one partition and write its article files and, last, its marker; returns the marker.
    `story_terms`: compute the story_terms column (null otherwise: only the stories stage reads it)."""
    started, cpu = time.perf_counter(), time.process_time()
    stages = stages_for(factory)
    marker: dict[str, Any] = {"partition": partition, "articles": 0, "read": 0, "skipped": 0,
                              "stage_errors": 0, "input_errors": [], "months": [], "seconds": 0.0}
    writer = layout.PartitionWriter(Path(root), partition)
    try:
        for batch in _chunks(_fresh_articles(units, inputs, read_options, marker), settings.STAGE_BATCH):
            run_batch(batch, stages)
            for article in batch:
                writer.add(layout.month_of(article.published),
                           article_row(article, layout.seq_of(partition, marker["articles"]), story_terms))
                marker["articles"] += 1
                marker["stage_errors"] += bool(article.errors)
        marker["months"] = writer.close()
    except BaseException:
        writer.abort()
        raise
    marker["seconds"] = round(time.perf_counter() - started, 3)
    marker["cpu_seconds"] = round(time.process_time() - cpu, 3)  # this process's CPU: comparable under load
    layout.write_json(layout.marker_file(Path(root), partition), marker)
    return marker


def _chunks(articles: Iterator[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _fresh_articles(units, inputs, read_options, marker) -> Iterator[Article]:
    """New articles in input order; an id read twice in the partition is skipped (the local engine's rule)."""
    seen: set[str] = set()
    for item, key, repeat in read_units(units, inputs, read_options):
        if isinstance(item, InputError):
            marker["input_errors"].append({"source": item.source, "reason": item.reason, "hint": item.hint})
            continue
        marker["read"] += 1
        article = new_article(item, key=key)
        if repeat or article.id in seen:
            marker["skipped"] += 1
            continue
        seen.add(article.id)
        yield article


def read_units(units: Sequence[dict], inputs: Sequence[str], read_options: dict[str, Any]):
    """(RawDocument | InputError, key, repeat) per item, as corpus._read_as_given yields them: read through
    the absolute path (the key, so article ids match), `source` rewritten to the path as given."""
    from ...io.read import read_paths

    from .partitions import absolute

    for unit in units:
        given = inputs[unit["input"]]
        root = absolute(given)
        if "error" in unit:
            yield InputError(**unit["error"]), None, False
            continue
        target = unit.get("file", root)
        for item in read_paths([target], max_bytes=read_options.get("max_bytes"),
                               column_map=read_options.get("column_map")):
            key = item.source
            if root != given and key.startswith(root):
                item.source = given + key[len(root):]
            yield item, key, unit.get("repeat", False)


def article_row(article: Article, seq: int, story_terms: bool = True) -> dict[str, Any]:
    minhash = article.signature
    return {
        "id": article.id, "seq": seq, "source": article.source, "published": article.published,
        "outlet": article.outlet, "title": article.title, "language": article.language,
        "content_hash": article.content_hash, "minhash": minhash, "bands": _bands(minhash),
        "story_terms": _story_terms(article) if story_terms else None,
        "article": article_json(article),
    }


def article_json(article: Article) -> str:
    """JSON of article.to_dict(), without to_dict's deep copy (dataclasses.asdict: ~1.5 ms an article)."""
    return json.dumps(article, default=_fields, ensure_ascii=False)


def _fields(value: Any) -> dict[str, Any]:
    if isinstance(value, Article):
        return {name: item for name, item in vars(value).items() if name != "signature"}
    if dataclasses.is_dataclass(value):
        return vars(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _bands(minhash: bytes | None) -> list[int] | None:
    from ...stages.dedup_signature import band_keys, lsh_params, unpack

    sketch = unpack(minhash, dedup_settings.NUM_PERM) if minhash else None
    if sketch is None:
        return None
    bands, rows = lsh_params(dedup_settings.LSH_THRESHOLD, dedup_settings.NUM_PERM)
    return band_keys(sketch[0], bands, rows)


def _story_terms(article: Article) -> str | None:
    terms = _story_terms_function()(article)
    return None if terms is None else json.dumps(terms, ensure_ascii=False, sort_keys=True)


@lru_cache(maxsize=1)
def _story_terms_function():
    try:
        from .stories import story_terms
    except ImportError:  # the stories engine module has not landed: the same features, computed here
        return _article_terms
    return story_terms


def _article_terms(article: Article) -> dict[str, float] | None:
    from ...stories.features import article_terms

    if not article.title and not article.text:
        return None
    return dict(article_terms(article.title, article.text, article.actors))


def build_counts() -> dict[str, int]:
    """How often this process built each stage list (`client.run(build_counts)`: once per worker)."""
    return dict(BUILDS)
