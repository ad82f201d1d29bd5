"""The clustering state in the store: stories, threads, their inverted indexes and the IDF counts.

Every function takes the connection of an open write transaction (`store.writing(...)`), so a
chunk of articles, the stories it touched and the articles' story ids are written together.
"""
from __future__ import annotations

import heapq
import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Mapping

from ..settings import stories as settings
from .features import Vector, heaviest

_IN_CHUNK = 500


@dataclass
class Cluster:
    """A story or a thread while it is being clustered."""

    id: str
    vector: Vector = field(default_factory=dict)  # sum of its articles' vectors (heaviest terms)
    first: str | None = None  # YYYY-MM-DD
    last: str | None = None
    article_count: int = 0

    def widen(self, day: str | None) -> None:
        if day:
            self.first = min(self.first or day, day)
            self.last = max(self.last or day, day)

    def within(self, day: str | None, before: str | None, after: str | None) -> bool:
        """Whether `day` falls in the span widened to [before(first), after(last)] (undated: always)."""
        if not day or not self.first:
            return True
        return (before is None or self.last >= before) and (after is None or self.first <= after)

    def key_terms(self, n: int = settings.LABEL_TERMS) -> list[str]:
        return [t for t in heaviest(self.vector, n + 10) if not t.startswith("@")][:n]


@dataclass
class StoryState(Cluster):
    thread_id: str | None = None
    original_count: int = 0
    label: str | None = None
    central_article_id: str | None = None
    central_score: float = 0.0


@dataclass
class ThreadState(Cluster):
    story_count: int = 0


def has_schema(store) -> bool:
    from ..store.dialect import has_table

    return has_table(store, "story_df")


def ensure_schema(store) -> None:
    """The stories tables come with the store's migration 0004; say so clearly if they are missing."""
    if not has_schema(store):
        from ..errors import StoreError

        raise StoreError("this store has no stories tables (schema older than version 4): open it with "
                         "narrascope.store.open_store(), which migrates it, then run the stories stage again")


# --- candidates through the inverted indexes -------------------------------------------------
def candidate_ids(conn: sqlite3.Connection, kind: str, terms: list[str], since: str | None) -> list[str]:
    """Ids of the CANDIDATES stories/threads (`kind`) sharing the most of `terms`, last seen on or after
    `since` or undated (`since` None: any date), best first.

    Bounded: per term, only the TERM_CANDIDATES most recently active dated ones and as many undated
    ones are read (`term_hits`), so the cost per article does not grow with the stories already made.
    A term whose list was cut is a common one (shared by more stories than that): hits on uncut, rarer
    terms rank first, then all hits. When no list is cut this is the plain count of shared terms.
    """
    hits = term_hits(conn, kind, terms, since)
    list_sizes = Counter((term, undated) for term, _, undated in hits)
    cut = {key for key, size in list_sizes.items() if size > settings.TERM_CANDIDATES}
    shared, shared_uncut = Counter(), Counter()
    for term, cluster_id, undated in hits:
        shared[cluster_id] += 1
        if (term, undated) not in cut:
            shared_uncut[cluster_id] += 1
    return heapq.nsmallest(settings.CANDIDATES, shared,
                           key=lambda cluster_id: (-shared_uncut[cluster_id], -shared[cluster_id], cluster_id))


def term_hits(conn: sqlite3.Connection, kind: str, terms: list[str], since: str | None) -> list[tuple[str, str, int]]:
    """(term, story/thread id, undated 0/1) rows of the inverted index. Per term, two lists of at most
    TERM_CANDIDATES + 1 rows (one more than kept tells that a list was cut): the dated stories/threads
    last seen on or after `since` (any date if None), most recent first, and the undated ones. Each list
    is one range of the index on (term, last_published, id)."""
    if not terms:
        return []
    sql = _hits_sql(kind, len(terms), since is not None)
    limit = settings.TERM_CANDIDATES + 1
    params: list = []
    for term in terms:
        params += [term, since, limit] if since else [term, limit]
        params += [term, limit]
    return conn.execute(sql, params).fetchall()


@lru_cache(maxsize=256)
def _hits_sql(kind: str, n_terms: int, dated: bool) -> str:
    table, key = ("story_terms", "story_id") if kind == "story" else ("thread_terms", "thread_id")
    recent = "last_published >= ?" if dated else "last_published IS NOT NULL"
    parts = []
    for i in range(n_terms):
        parts.append(f"SELECT term, {key}, 0 FROM (SELECT term, {key} FROM {table} WHERE term = ? AND {recent} "
                     f"ORDER BY last_published DESC, {key} DESC LIMIT ?) AS d{i}")
        parts.append(f"SELECT term, {key}, 1 FROM (SELECT term, {key} FROM {table} WHERE term = ? "
                     f"AND last_published IS NULL ORDER BY {key} DESC LIMIT ?) AS u{i}")
    return " UNION ALL ".join(parts)


# --- stories and threads ---------------------------------------------------------------------
def load_story(conn: sqlite3.Connection, story_id: str) -> StoryState | None:
    row = conn.execute(
        "SELECT id, vector, first_published, last_published, article_count, thread_id, original_count, "
        "label, central_article_id, central_score FROM stories WHERE id = ?", (story_id,)
    ).fetchone()
    if row is None:
        return None
    return StoryState(row[0], json.loads(row[1]), row[2], row[3], row[4], *row[5:])


def save_story(conn: sqlite3.Connection, s: StoryState) -> None:
    save_stories(conn, [s])


def save_stories(conn: sqlite3.Connection, stories: list[StoryState]) -> None:
    """Insert or update the stories and re-index their terms (one statement of each kind for all)."""
    conn.executemany(
        "INSERT INTO stories (id, thread_id, label, terms, first_published, last_published, article_count, "
        "original_count, central_article_id, central_score, vector) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET thread_id = excluded.thread_id, label = excluded.label, "
        "terms = excluded.terms, first_published = excluded.first_published, "
        "last_published = excluded.last_published, article_count = excluded.article_count, "
        "original_count = excluded.original_count, central_article_id = excluded.central_article_id, "
        "central_score = excluded.central_score, vector = excluded.vector",
        [(s.id, s.thread_id, s.label, json.dumps(s.key_terms(), ensure_ascii=False), s.first, s.last,
          s.article_count, s.original_count, s.central_article_id, s.central_score, _vector_json(s.vector))
         for s in stories],
    )
    _index(conn, "story_terms", "story_id", stories)


def move_story(conn: sqlite3.Connection, gone: StoryState, keep: StoryState) -> None:
    """Move the articles of `gone` to `keep`, delete `gone`, and take it out of its thread."""
    conn.execute("UPDATE articles SET story_id = ?, thread_id = ? WHERE story_id = ?",
                 (keep.id, keep.thread_id, gone.id))
    conn.execute("DELETE FROM stories WHERE id = ?", (gone.id,))
    conn.execute("DELETE FROM story_terms WHERE story_id = ?", (gone.id,))
    thread = load_thread(conn, gone.thread_id) if gone.thread_id and gone.thread_id != keep.thread_id else None
    if thread is None:
        return
    thread.story_count -= 1
    thread.article_count -= gone.article_count
    if thread.story_count > 0:
        save_thread(conn, thread)  # its centroid keeps the moved articles' terms: a bounded drift
    else:
        conn.execute("DELETE FROM threads WHERE id = ?", (thread.id,))
        conn.execute("DELETE FROM thread_terms WHERE thread_id = ?", (thread.id,))


def load_thread(conn: sqlite3.Connection, thread_id: str) -> ThreadState | None:
    row = conn.execute(
        "SELECT id, vector, first_published, last_published, article_count, story_count FROM threads WHERE id = ?",
        (thread_id,),
    ).fetchone()
    return ThreadState(row[0], json.loads(row[1]), *row[2:]) if row else None


def save_thread(conn: sqlite3.Connection, t: ThreadState) -> None:
    save_threads(conn, [t])


def save_threads(conn: sqlite3.Connection, threads: list[ThreadState]) -> None:
    """Insert or update the threads and re-index their terms (one statement of each kind for all)."""
    rows = []
    for t in threads:
        terms = t.key_terms()
        rows.append((t.id, " · ".join(terms), json.dumps(terms, ensure_ascii=False), t.first, t.last,
                     t.story_count, t.article_count, _vector_json(t.vector)))
    conn.executemany(
        "INSERT INTO threads (id, label, terms, first_published, last_published, story_count, article_count, "
        "vector) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET label = excluded.label, "
        "terms = excluded.terms, first_published = excluded.first_published, "
        "last_published = excluded.last_published, story_count = excluded.story_count, "
        "article_count = excluded.article_count, vector = excluded.vector",
        rows,
    )
    _index(conn, "thread_terms", "thread_id", threads)


def _index(conn: sqlite3.Connection, table: str, key: str, clusters: list[Cluster]) -> None:
    """Replace the inverted-index rows of `clusters`; the new rows go in by term (neighbouring keys of the
    index's B-tree, not one random page per row, when many are written at once)."""
    conn.executemany(f"DELETE FROM {table} WHERE {key} = ?", [(c.id,) for c in clusters])
    rows = sorted((term, c.id, c.last) for c in clusters for term in heaviest(c.vector, settings.INDEX_TERMS))
    conn.executemany(f"INSERT INTO {table} (term, {key}, last_published) VALUES (?, ?, ?)", rows)


def _vector_json(vector: Vector) -> str:
    return json.dumps({t: round(w, 5) for t, w in vector.items()}, ensure_ascii=False)


# --- document frequencies --------------------------------------------------------------------
def add_document_frequencies(conn: sqlite3.Connection, documents: Iterable[Iterable[str]]) -> None:
    """Count each document's terms once; the row '' counts the documents."""
    counts: dict[str, int] = {}
    n = 0
    for terms in documents:
        n += 1
        for term in set(terms):
            counts[term] = counts.get(term, 0) + 1
    counts[""] = n
    conn.executemany(
        "INSERT INTO story_df (term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = story_df.df + excluded.df",
        list(counts.items()),
    )


def document_frequencies(conn: sqlite3.Connection, terms: Iterable[str]) -> tuple[dict[str, int], int]:
    """({term: df}, number of documents)."""
    wanted = sorted(set(terms) | {""})
    found: dict[str, int] = {}
    for i in range(0, len(wanted), _IN_CHUNK):
        chunk = wanted[i : i + _IN_CHUNK]
        sql = f"SELECT term, df FROM story_df WHERE term IN ({', '.join('?' * len(chunk))})"
        found.update(conn.execute(sql, chunk).fetchall())
    return found, found.pop("", 0)


def move_thread(conn: sqlite3.Connection, gone: str, keep: str) -> None:
    """Move the stories and articles of thread `gone` to `keep` and delete `gone`."""
    conn.execute("UPDATE stories SET thread_id = ? WHERE thread_id = ?", (keep, gone))
    conn.execute("UPDATE articles SET thread_id = ? WHERE thread_id = ?", (keep, gone))
    conn.execute("DELETE FROM threads WHERE id = ?", (gone,))
    conn.execute("DELETE FROM thread_terms WHERE thread_id = ?", (gone,))


def story_threads(conn: sqlite3.Connection, story_ids: Iterable[str]) -> dict[str, str | None]:
    """{story id: its thread id}."""
    wanted, found = sorted(story_ids), {}
    for i in range(0, len(wanted), _IN_CHUNK):
        chunk = wanted[i : i + _IN_CHUNK]
        sql = f"SELECT id, thread_id FROM stories WHERE id IN ({', '.join('?' * len(chunk))})"
        found.update(conn.execute(sql, chunk).fetchall())
    return found


def set_story_thread(conn: sqlite3.Connection, story: StoryState) -> None:
    conn.execute("UPDATE articles SET thread_id = ? WHERE story_id = ?", (story.thread_id, story.id))


def set_article_stories(conn: sqlite3.Connection, links: Mapping[str, tuple[str, str | None]]) -> None:
    """{article id: (story id, thread id)}."""
    conn.executemany("UPDATE articles SET story_id = ?, thread_id = ? WHERE id = ?",
                     [(s, t, a) for a, (s, t) in sorted(links.items())])  # by id: neighbouring index pages
