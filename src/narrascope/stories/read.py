"""Stories and threads as the API, the web pages and the report show them. Reading never writes:
before the stories stage has run (no stories tables), lists are empty and lookups None."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..settings import stories as settings
from . import tables

TOP_ACTORS = 5


@dataclass
class Story:
    id: str
    label: str | None  # headline of its most central article, else its key terms
    terms: list[str]
    first_published: str | None
    last_published: str | None
    article_count: int
    original_count: int
    thread_id: str | None
    central_article_id: str | None
    article_ids: list[str] = field(default_factory=list)  # filled by get_story
    top_actors: list[dict[str, Any]] = field(default_factory=list)  # [{id, name, type, articles}]
    narratives: list[dict[str, Any]] = field(default_factory=list)  # [{label, stance, articles}]


@dataclass
class Thread:
    id: str
    label: str | None
    terms: list[str]
    first_published: str | None
    last_published: str | None
    story_count: int
    article_count: int
    story_ids: list[str] = field(default_factory=list)  # filled by get_thread, oldest first


_STORY_COLUMNS = ("id, label, terms, first_published, last_published, article_count, original_count, "
                  "thread_id, central_article_id")
_THREAD_COLUMNS = "id, label, terms, first_published, last_published, story_count, article_count"


def list_stories(store, *, thread: str | None = None, since: str | None = None, until: str | None = None,
                 limit: int = 20, offset: int = 0) -> list[Story]:
    """Stories, latest first (undated last); `since`/`until` select stories whose span overlaps them."""
    if not tables.has_schema(store):
        return []
    clauses, params = [], []
    if thread:
        clauses.append("thread_id = ?")
        params.append(thread)
    if since:
        clauses.append("last_published >= ?")
        params.append(since[:10])
    if until:
        clauses.append("first_published <= ?")
        params.append(until[:10])
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    rows = store.query(
        f"SELECT {_STORY_COLUMNS} FROM stories{where} ORDER BY last_published IS NULL, last_published DESC, "
        f"article_count DESC, id LIMIT ? OFFSET ?", [*params, min(limit, settings.MAX_TOP), offset])
    return [_story(row) for row in rows]


def get_story(store, story_id: str) -> Story | None:
    """One story with its articles (by date), top actors and narratives."""
    if not tables.has_schema(store):
        return None
    rows = store.query(f"SELECT {_STORY_COLUMNS} FROM stories WHERE id = ?", [story_id])
    if not rows:
        return None
    story = _story(rows[0])
    story.article_ids = [r["id"] for r in store.query(
        "SELECT id FROM articles WHERE story_id = ? ORDER BY published IS NULL, published, id", [story_id])]
    story.top_actors = store.query(
        "SELECT aa.actor_id AS id, ac.name, ac.type, count(DISTINCT aa.article_id) AS articles "
        "FROM article_actors aa JOIN articles a ON a.id = aa.article_id LEFT JOIN actors ac ON ac.id = aa.actor_id "
        "WHERE a.story_id = ? AND aa.actor_id IS NOT NULL GROUP BY aa.actor_id, ac.name, ac.type "
        "ORDER BY articles DESC, ac.name LIMIT ?", [story_id, TOP_ACTORS])
    story.narratives = store.query(
        "SELECT n.label, n.stance, count(DISTINCT n.article_id) AS articles FROM narratives n "
        "JOIN articles a ON a.id = n.article_id WHERE a.story_id = ? GROUP BY n.label, n.stance "
        "ORDER BY articles DESC, n.label", [story_id])
    return story


def list_threads(store, *, limit: int = 20, offset: int = 0, min_stories: int = 1) -> list[Thread]:
    """Threads, the ones with most stories first."""
    if not tables.has_schema(store):
        return []
    rows = store.query(
        f"SELECT {_THREAD_COLUMNS} FROM threads WHERE story_count >= ? "
        "ORDER BY story_count DESC, last_published DESC, id LIMIT ? OFFSET ?",
        [min_stories, min(limit, settings.MAX_TOP), offset])
    return [_thread(row) for row in rows]


def get_thread(store, thread_id: str) -> Thread | None:
    if not tables.has_schema(store):
        return None
    rows = store.query(f"SELECT {_THREAD_COLUMNS} FROM threads WHERE id = ?", [thread_id])
    if not rows:
        return None
    thread = _thread(rows[0])
    thread.story_ids = [r["id"] for r in store.query(
        "SELECT id FROM stories WHERE thread_id = ? ORDER BY first_published IS NULL, first_published, id",
        [thread_id])]
    return thread


def _story(row: dict[str, Any]) -> Story:
    return Story(**{**row, "terms": json.loads(row["terms"])})


def _thread(row: dict[str, Any]) -> Thread:
    return Thread(**{**row, "terms": json.loads(row["terms"])})
