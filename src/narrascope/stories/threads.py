"""Threads: stories of one recurring topic over months. A new story joins the thread whose centroid
is closest (at THREAD_THRESHOLD, within THREAD_GAP_DAYS), else starts one; threads whose centroids
then agree at THREAD_MERGE_THRESHOLD are merged (a topic that began as two threads)."""
from __future__ import annotations

import hashlib
import sqlite3
from datetime import date, timedelta

from ..settings import stories as settings
from . import tables
from .features import add, cosine
from .tables import StoryState, ThreadState


def put_in_thread(conn: sqlite3.Connection, story: StoryState, summary) -> None:
    """Give `story` (saved, without a thread) a thread, and write it on the story and its articles."""
    candidates = _candidates(conn, story.vector, story.first)
    if candidates and candidates[0][0] >= settings.THREAD_THRESHOLD:
        thread = candidates[0][1]
    else:
        thread = ThreadState(stable_id("t", story.id))
        summary.new_threads += 1
    thread.story_count += 1
    thread.article_count += story.article_count
    thread.vector = add(thread.vector, story.vector, settings.CENTROID_TERMS)
    thread.widen(story.first)
    thread.widen(story.last)
    for _, other in candidates:
        if other.id != thread.id and cosine(thread.vector, other.vector) >= settings.THREAD_MERGE_THRESHOLD:
            thread = _merge(conn, thread, other, summary)
    tables.save_thread(conn, thread)
    story.thread_id = thread.id
    tables.save_story(conn, story)
    tables.set_story_thread(conn, story)


def _candidates(conn: sqlite3.Connection, vector, day: str | None) -> list[tuple[float, ThreadState]]:
    before, after = shift(day, -settings.THREAD_GAP_DAYS), shift(day, settings.THREAD_GAP_DAYS)
    scored = []
    for thread_id in tables.candidate_ids(conn, "thread", query_terms(vector), before):
        thread = tables.load_thread(conn, thread_id)
        if thread is not None and thread.within(day, before, after):
            scored.append((cosine(vector, thread.vector), thread))
    return sorted(scored, key=lambda pair: (-pair[0], pair[1].id))


def _merge(conn: sqlite3.Connection, a: ThreadState, b: ThreadState, summary) -> ThreadState:
    """Merge two threads into the older one (whose id is kept); return it (not yet saved)."""
    keep, gone = sorted((a, b), key=lambda t: (t.first or "9999", t.id))
    keep.vector = add(keep.vector, gone.vector, settings.CENTROID_TERMS)
    keep.story_count += gone.story_count
    keep.article_count += gone.article_count
    keep.widen(gone.first)
    keep.widen(gone.last)
    tables.move_thread(conn, gone.id, keep.id)
    summary.merged_threads += 1
    return keep


def query_terms(vector) -> list[str]:
    return list(vector)[: settings.QUERY_TERMS]  # vectors are kept heaviest first


def shift(day: str | None, days: int) -> str | None:
    if day is None:
        return None
    try:
        return (date.fromisoformat(day) + timedelta(days=days)).isoformat()
    except ValueError:
        return None


def stable_id(prefix: str, key: str) -> str:
    return f"{prefix}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"
