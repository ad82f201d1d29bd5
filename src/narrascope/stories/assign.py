"""Incremental, time-aware story clustering: `assign_stories(store)` puts every article without a
story into one, and every new story into a thread.

Articles are taken in date order, in chunks of CHUNK_SIZE (one transaction each). An article's
TF-IDF vector is compared with the centroids of the few stories found through the inverted index
of story terms that were active within STORY_WINDOW_DAYS of its date; it joins the best one at
STORY_THRESHOLD or more, else it starts a story. Other candidates whose centroid then agrees with
that story's at MERGE_THRESHOLD are merged into it (so a story split by an earlier run heals).
At the end of the chunk, each story it started joins the best thread (found the same way, within
THREAD_GAP_DAYS, by the story's centroid) at THREAD_THRESHOLD or more, else starts one (see
threads.py); later articles of a story add to its thread's centroid. A copy (`duplicate_of`) joins its original's
story without moving the centroid. Nothing is re-clustered: the cost is linear in the number of
new articles, and memory holds one chunk plus the candidates of one article.

Undated articles come last and are matched against stories and threads of any date.
"""
from __future__ import annotations

import json
import re
import sqlite3
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from ..settings import stories as settings
from . import tables
from .features import add, article_terms, cosine, tfidf
from .tables import StoryState
from .threads import put_in_thread, query_terms, shift, stable_id

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_COLUMNS = "id, title, text, published, duplicate_of, actors"


@dataclass
class StoryRunSummary:
    """What one `assign_stories` run did."""

    articles: int = 0  # articles given a story in this run
    new_stories: int = 0
    joined: int = 0  # articles that joined a story already there (or started earlier in this run)
    duplicates: int = 0  # copies put in their original's story
    new_threads: int = 0
    merged: int = 0  # stories merged into another (an article bridged them)
    merged_threads: int = 0  # threads merged into another (a story bridged them)
    empty: int = 0  # articles with neither title nor text: no story
    seconds: float = 0.0


def assign_stories(
    store, article_ids: Iterable[str] | None = None, *, progress: Callable[[int], None] | None = None
) -> StoryRunSummary:
    """Give a story and a thread to each article that has none (only those of `article_ids` if given).

    Each chunk of CHUNK_SIZE articles is one transaction: a run stopped half-way leaves the articles
    done so far assigned and the rest without a story, for the next run. `progress` is called with
    the number of articles looked at so far after each chunk.
    """
    started = time.perf_counter()
    tables.ensure_schema(store)
    summary = StoryRunSummary()
    seen = 0
    for chunk in _pending(store, article_ids):
        with store.writing(f"assign stories to {len(chunk)} article(s)") as conn:
            _Chunk(conn, summary).run(chunk)
        seen += len(chunk)
        if progress:
            progress(seen)
    summary.seconds = time.perf_counter() - started
    return summary


def _pending(store, article_ids: Iterable[str] | None) -> Iterator[list[dict[str, Any]]]:
    """Unassigned articles in chunks: dated ones by date, then undated ones."""
    if article_ids is not None:
        yield from _pending_given(store, list(article_ids))
        return
    dated = ("SELECT {c} FROM articles WHERE story_id IS NULL AND published IS NOT NULL "
             "AND (published, id) > (?, ?) ORDER BY published, id LIMIT ?").format(c=_COLUMNS)
    last: tuple[str, str] = ("", "")
    while rows := store.query(dated, [*last, settings.CHUNK_SIZE]):
        yield rows
        last = (rows[-1]["published"], rows[-1]["id"])
    undated = ("SELECT {c} FROM articles WHERE story_id IS NULL AND published IS NULL AND id > ? "
               "ORDER BY id LIMIT ?").format(c=_COLUMNS)
    last_id = ""
    while rows := store.query(undated, [last_id, settings.CHUNK_SIZE]):
        yield rows
        last_id = rows[-1]["id"]


def _pending_given(store, ids: list[str]) -> Iterator[list[dict[str, Any]]]:
    keys = []
    for i in range(0, len(ids), settings.CHUNK_SIZE):
        part = ids[i : i + settings.CHUNK_SIZE]
        sql = (f"SELECT id, published FROM articles WHERE story_id IS NULL "
               f"AND id IN ({', '.join('?' * len(part))})")
        keys += [(r["published"] is None, r["published"] or "", r["id"]) for r in store.query(sql, part)]
    keys.sort()
    for i in range(0, len(keys), settings.CHUNK_SIZE):
        part = [k[2] for k in keys[i : i + settings.CHUNK_SIZE]]
        rows = store.query(f"SELECT {_COLUMNS} FROM articles WHERE id IN ({', '.join('?' * len(part))})", part)
        order = {article_id: n for n, article_id in enumerate(part)}
        yield sorted(rows, key=lambda r: order[r["id"]])


class _Chunk:
    """Clusters one chunk of articles inside one write transaction."""

    def __init__(self, conn: sqlite3.Connection, summary: StoryRunSummary):
        self.conn, self.summary = conn, summary
        self.links: dict[str, tuple[str, str | None]] = {}  # article id -> (story id, thread id)
        self.new_stories: list[str] = []  # ids of the stories started in this chunk, in order

    def run(self, rows: list[dict[str, Any]]) -> None:
        terms = {r["id"]: article_terms(r["title"], r["text"], json.loads(r["actors"] or "[]")) for r in rows}
        originals = [r["id"] for r in rows if terms[r["id"]] and not r["duplicate_of"]]
        tables.add_document_frequencies(self.conn, (terms[i] for i in originals))
        self.df, self.documents = tables.document_frequencies(self.conn, (t for i in originals for t in terms[i]))
        for row in rows:
            self.place(row, terms[row["id"]])
        self.assign_threads()
        tables.set_article_stories(self.conn, self.links)

    def place(self, row: dict[str, Any], counts) -> None:
        day = _day(row["published"])
        if row["duplicate_of"] and self.join_original(row, day):
            return
        if not counts:
            self.summary.empty += 1
            return
        vector = tfidf(counts, self.df, self.documents)
        candidates = self.candidates(vector, day)
        if candidates and candidates[0][0] >= settings.STORY_THRESHOLD:
            story = candidates[0][1]
            self.summary.joined += 1
            self.add_article(story, row, vector, day)
            self.merge_agreeing(story, [other for _, other in candidates[1:]])
        else:
            self.add_article(self.new_story(row["id"]), row, vector, day)

    def join_original(self, row: dict[str, Any], day: str | None) -> bool:
        story_id = self.story_of(row["duplicate_of"])
        story = tables.load_story(self.conn, story_id) if story_id else None
        if story is None:
            return False  # its original has no story (yet): cluster the copy like an original
        story.article_count += 1
        story.widen(day)
        tables.save_story(self.conn, story)
        self.links[row["id"]] = (story.id, story.thread_id)
        self.summary.duplicates += 1
        self.summary.articles += 1
        return True

    def story_of(self, article_id: str) -> str | None:
        if article_id in self.links:
            return self.links[article_id][0]
        row = self.conn.execute("SELECT story_id FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def candidates(self, vector, day: str | None) -> list[tuple[float, StoryState]]:
        """(cosine, story) of the stories sharing the article's heaviest terms within the time window,
        best first."""
        before, after = shift(day, -settings.STORY_WINDOW_DAYS), shift(day, settings.STORY_WINDOW_DAYS)
        scored = []
        for story_id in tables.candidate_ids(self.conn, "story", query_terms(vector), before):
            story = tables.load_story(self.conn, story_id)
            if story is not None and story.within(day, before, after):
                scored.append((cosine(vector, story.vector), story))
        return sorted(scored, key=lambda pair: (-pair[0], pair[1].id))

    def merge_agreeing(self, story: StoryState, others: list[StoryState]) -> None:
        """Merge into `story` the candidates whose centroid now agrees with its own: the pieces of a
        story that an earlier run (or the order of its articles) split."""
        for other in others:
            if cosine(story.vector, other.vector) >= settings.MERGE_THRESHOLD:
                story = self.merge(story, other)

    def merge(self, a: StoryState, b: StoryState) -> StoryState:
        """Merge two stories into the older one (whose id is kept); return it."""
        keep, gone = sorted((a, b), key=lambda s: (s.first or "9999", s.id))
        keep.vector = add(keep.vector, gone.vector, settings.CENTROID_TERMS)
        keep.article_count += gone.article_count
        keep.original_count += gone.original_count
        keep.widen(gone.first)
        keep.widen(gone.last)
        if gone.central_score > keep.central_score:
            keep.central_article_id, keep.central_score, keep.label = (
                gone.central_article_id, gone.central_score, gone.label)
        tables.save_story(self.conn, keep)
        tables.move_story(self.conn, gone, keep)
        if gone.id in self.new_stories:
            self.new_stories.remove(gone.id)
        for article_id, (story_id, _) in self.links.items():
            if story_id == gone.id:
                self.links[article_id] = (keep.id, keep.thread_id)
        self.summary.merged += 1
        return keep

    def new_story(self, article_id: str) -> StoryState:
        story = StoryState(stable_id("s", article_id))
        self.new_stories.append(story.id)
        self.summary.new_stories += 1
        return story

    def assign_threads(self) -> None:
        """Put the chunk's new stories into threads, oldest first, each by its centroid once the
        chunk's articles have joined it (steadier than its first article alone)."""
        for story_id in self.new_stories:
            put_in_thread(self.conn, tables.load_story(self.conn, story_id), self.summary)
        thread_of = tables.story_threads(self.conn, {story_id for story_id, _ in self.links.values()})
        self.links = {a: (story_id, thread_of.get(story_id)) for a, (story_id, _) in self.links.items()}

    def add_article(self, story: StoryState, row: dict[str, Any], vector, day: str | None) -> None:
        story.vector = add(story.vector, vector, settings.CENTROID_TERMS)
        story.article_count += 1
        story.original_count += 0 if row["duplicate_of"] else 1
        story.widen(day)
        centrality = cosine(vector, story.vector)
        if story.central_article_id is None or centrality > story.central_score:
            story.central_article_id, story.central_score = row["id"], centrality
            story.label = (row["title"] or "").strip() or None
        story.label = story.label or " · ".join(story.key_terms())
        tables.save_story(self.conn, story)
        self.add_to_thread(story.thread_id, vector, day)
        self.links[row["id"]] = (story.id, story.thread_id)
        self.summary.articles += 1

    def add_to_thread(self, thread_id: str | None, vector, day: str | None) -> None:
        thread = tables.load_thread(self.conn, thread_id) if thread_id else None
        if thread is not None:
            thread.vector = add(thread.vector, vector, settings.CENTROID_TERMS)
            thread.article_count += 1
            thread.widen(day)
            tables.save_thread(self.conn, thread)


def _day(published: str | None) -> str | None:
    return published[:10] if published and _DAY.match(published) else None
