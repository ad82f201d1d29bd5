"""Write stories and threads computed elsewhere (the Dask engine's batch clustering) into the store's
stories tables, so that the web app's story pages read them and a later local `assign_stories` run
continues from them (new articles join these stories through the same inverted indexes and IDF counts).

    from narrascope.stories.bulk import load_stories
    load_stories(store, "corpus.parquet")     # after the articles are in the store

Reads, from the dataset directory, one Parquet file at a time (memory: one file):
    story_df/        term, df       document frequencies; the row with term "" counts the documents
    thread_records/  thread_id, first, last, story_count, article_count, vector (JSON)
    story_records/   story_id, thread_id, label, first, last, article_count, original_count,
                     central_article_id, central_score, vector (JSON)
    stories/         id, story_id, thread_id  (one row per article with a story)
Only the store's portable write transaction and the functions of stories/tables.py are used.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pyarrow.parquet as pq

from . import tables

log = logging.getLogger(__name__)
_BATCH = 2000  # rows per transaction
_DF_SQL = ("INSERT INTO story_df (term, df) VALUES (?, ?) "
           "ON CONFLICT(term) DO UPDATE SET df = story_df.df + excluded.df")


@dataclass
class StoryLoadSummary:
    stories: int = 0
    threads: int = 0
    articles: int = 0  # articles given a story
    terms: int = 0  # document-frequency rows added (0 when the stories were already loaded)
    seconds: float = 0.0


def load_stories(store, output: str | Path):
    """Load DIR's story and thread records and the articles' story ids into `store` (a StoryLoadSummary).
    Re-loading the same dataset rewrites the same rows (ids are stable) and does not count the IDF
    documents twice. A dataset without story records gets the local stage (its StoryRunSummary)."""
    from ..engines.dask.story_states import story_state, thread_state

    started, output = time.perf_counter(), Path(output)
    if not (output / "story_records").is_dir():
        from .assign import assign_stories

        log.warning("%s has no story records (its stories stage did not run on Dask): running the local "
                    "stories stage on the store instead", output)
        return assign_stories(store)
    tables.ensure_schema(store)
    summary = StoryLoadSummary()
    if not _already_loaded(store, output):
        summary.terms = _load_frequencies(store, output / "story_df")
    summary.threads = _load_threads(store, output / "thread_records", thread_state)
    summary.stories = _load_story_records(store, output / "story_records", story_state)
    summary.articles = _load_article_links(store, output / "stories")
    summary.seconds = time.perf_counter() - started
    return summary


def _load_frequencies(store, folder: Path) -> int:
    added = 0
    for rows in _batches(folder):
        with store.writing(f"add document frequencies of {len(rows)} term(s)") as conn:
            conn.executemany(_DF_SQL, [(r["term"], int(r["df"])) for r in rows])
        added += len(rows)
    return added


def _load_threads(store, folder: Path, thread_state) -> int:
    saved = 0
    for rows in _batches(folder):
        with store.writing(f"save {len(rows)} thread(s)") as conn:
            tables.save_threads(conn, [thread_state(row) for row in rows])
        saved += len(rows)
    return saved


def _load_story_records(store, folder: Path, story_state) -> int:
    saved = 0
    for rows in _batches(folder):
        with store.writing(f"save {len(rows)} story(ies)") as conn:
            tables.save_stories(conn, [story_state(row) for row in rows])
        saved += len(rows)
    return saved


def _load_article_links(store, folder: Path) -> int:
    linked = 0
    for rows in _batches(folder):
        with store.writing(f"set the stories of {len(rows)} article(s)") as conn:
            tables.set_article_stories(conn, {r["id"]: (r["story_id"], r["thread_id"]) for r in rows})
        linked += len(rows)
    return linked


def _batches(folder: Path) -> Iterator[list[dict]]:
    """Rows of every part-*.parquet in `folder`, in batches."""
    for path in sorted(folder.glob("part-*.parquet")):
        for batch in pq.ParquetFile(path).iter_batches(batch_size=_BATCH):
            yield batch.to_pylist()


def _already_loaded(store, output: Path) -> bool:
    """Whether some story of this dataset is already in the store (a re-load)."""
    for rows in _batches(output / "story_records"):
        ids = [r["story_id"] for r in rows[:100]]
        found = store.query(f"SELECT id FROM stories WHERE id IN ({', '.join('?' * len(ids))})", ids)
        return bool(found)
    return False
