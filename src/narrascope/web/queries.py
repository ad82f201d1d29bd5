"""The web's own read queries: what the pages and the API show beyond `narrascope.store.analytics`.

Article lists, overview counts and timelines are `analytics`' (the web and the report call it
directly; the timelines here only give its rows the API's key names). Stories come from the stories
stage's tables (`narrascope.stories.read`, falling back to grouping the articles' `story_id` when
that stage has not filled its tables). The rest are plain SQL through `Store.query`, written to be
answered from indexes where they can (an article row keeps its raw input and text before the later
columns, so reading those columns from the rows is slow). Every function works on a corpus where a
stage has not run: it then returns empty lists or zero counts, and the pages say so.
"""
from __future__ import annotations

from typing import Any

from ..store import analytics
from ..stories import read as story_read

_STORY_BATCH = 500  # the stories stage's read API returns at most this many per call

_LIST_COLUMNS = "a.id, a.title, a.published, a.outlet, a.author, a.duplicate_of, a.story_id, a.word_count"


def narrative_timeline(store, *, outlet: str | None = None, by: str = "month") -> list[dict[str, Any]]:
    """`analytics.narrative_timeline` under the API's names: [{period, label, stance, articles}]."""
    return [_articles_key(row) for row in analytics.narrative_timeline(store, granularity=by, outlet=outlet)]


def actor_timeline(store, actor_id: str, *, by: str = "month") -> list[dict[str, Any]]:
    """`analytics.actor_timeline` under the API's names: [{period, articles}]."""
    return [_articles_key(row) for row in analytics.actor_timeline(store, actor_id, granularity=by)]


def _articles_key(row: dict[str, Any]) -> dict[str, Any]:
    """The row with its `count` (of articles) named `articles`, as the API has always named it."""
    return {("articles" if key == "count" else key): value for key, value in row.items()}


def statement_timeline(store, *, actor: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """Statements ordered by when they were made (`said_on`, else the article's date)."""
    when = "COALESCE(q.said_on, a.published)"
    where, params = "", []
    if actor:
        where, params = " WHERE q.speaker_actor_id = ?", [actor]
    return store.query(
        f"SELECT q.*, {when} AS date, a.title AS article_title, a.outlet FROM quotes q "
        f"JOIN articles a ON a.id = q.article_id{where} ORDER BY {when} IS NULL, {when}, q.article_id, q.ordinal "
        "LIMIT ?",
        [*params, limit],
    )


def top_actors(store, limit: int = 15) -> list[dict[str, Any]]:
    """Actors by the number of articles that mention them, as the actors stage recorded it (its stored
    `article_count` and `mention_count`); before that stage ran, grouped from `article_actors`.
    Not `analytics.top_actors`: that one counts the articles live (under filters), which can differ
    from the stored counts (it includes copies, for one), and has no `mention_count`."""
    rows = store.query(
        "SELECT id, name, type, article_count, mention_count FROM actors "
        "ORDER BY article_count DESC, mention_count DESC, name LIMIT ?",
        [limit],
    )
    if rows:
        return rows
    return store.query(
        "SELECT actor_id AS id, actor_id AS name, NULL AS type, count(DISTINCT article_id) AS article_count, "
        "count(*) AS mention_count FROM article_actors GROUP BY actor_id ORDER BY article_count DESC, id LIMIT ?",
        [limit],
    )


def actor(store, actor_id: str) -> dict[str, Any] | None:
    rows = store.query("SELECT * FROM actors WHERE id = ?", [actor_id])
    if rows:
        return rows[0]
    mentioned = store.query("SELECT count(DISTINCT article_id) AS n FROM article_actors WHERE actor_id = ?", [actor_id])
    spoke = store.query("SELECT count(*) AS n FROM quotes WHERE speaker_actor_id = ?", [actor_id])
    if mentioned[0]["n"] or spoke[0]["n"]:
        return {"id": actor_id, "name": actor_id, "type": None, "aliases": "[]",
                "article_count": mentioned[0]["n"], "mention_count": None, "linked_to": None}
    return None


def outlet_counts(store, limit: int = 15) -> list[dict[str, Any]]:
    """[{outlet, articles}], most first, known outlets only, read from the outlet index alone. Not
    `analytics.outlet_counts`: its originals, duplicates and dates need every article row (slow)."""
    return store.query(
        "SELECT outlet, count(*) AS articles FROM articles WHERE outlet IS NOT NULL "
        "GROUP BY outlet ORDER BY articles DESC, outlet LIMIT ?",
        [limit],
    )


def narratives(store) -> list[dict[str, Any]]:
    """Each narrative label with its parent and how many articles advance and rebut it."""
    return store.query(
        "SELECT label, max(parent) AS parent, sum(CASE WHEN stance = 'advances' THEN 1 ELSE 0 END) AS advances, "
        "sum(CASE WHEN stance = 'rebuts' THEN 1 ELSE 0 END) AS rebuts, count(DISTINCT article_id) AS articles "
        "FROM narratives GROUP BY label ORDER BY articles DESC, label"
    )


def narrative_evidence(store, label: str, limit: int = 100) -> list[dict[str, Any]]:
    """Articles labelled with `label`: stance, score and evidence (JSON text) per article."""
    return store.query(
        "SELECT n.article_id, n.stance, n.score, n.evidence, a.title, a.published, a.outlet "
        "FROM narratives n JOIN articles a ON a.id = n.article_id WHERE n.label = ? "
        "ORDER BY a.published DESC, a.id DESC LIMIT ?",
        [label, limit],
    )


def stories(store, limit: int | None = 50) -> list[dict[str, Any]]:
    """Stories, latest first: id, label, first, last, articles, thread_id. From the stories stage's
    table when it has run, else grouped from the articles' `story_id`; `limit=None` gives every story."""
    found = _stage_stories(store, limit)
    return found if found else _grouped_stories(store, limit)


def _stage_stories(store, limit: int | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    while limit is None or len(rows) < limit:
        want = _STORY_BATCH if limit is None else min(_STORY_BATCH, limit - len(rows))
        batch = story_read.list_stories(store, limit=want, offset=len(rows))
        rows += [_story_row(s) for s in batch]
        if len(batch) < want:
            break
    return rows


def _story_row(story) -> dict[str, Any]:
    return {"id": story.id, "label": story.label, "first": story.first_published, "last": story.last_published,
            "articles": story.article_count, "thread_id": story.thread_id, "terms": story.terms}


def _grouped_stories(store, limit: int | None) -> list[dict[str, Any]]:
    """Stories grouped from the articles' `story_id` (one pass over the articles), label = first headline."""
    rows = store.query(
        "SELECT story_id AS id, min(published) AS first, max(published) AS last, count(*) AS articles, "
        "min(coalesce(published, '~') || '|' || id) AS first_article "
        "FROM articles WHERE story_id IS NOT NULL GROUP BY story_id "
        "ORDER BY max(published) IS NULL, max(published) DESC, story_id" + ("" if limit is None else " LIMIT ?"),
        [] if limit is None else [limit],
    )
    labels = titles(store, [r["first_article"].split("|", 1)[1] for r in rows])
    return [{**{k: v for k, v in r.items() if k != "first_article"},
             "label": labels.get(r["first_article"].split("|", 1)[1])} for r in rows]


def story(store, story_id: str) -> dict[str, Any] | None:
    """One story: its row as in `stories()`, with top actors and narratives when the stories stage ran."""
    found = story_read.get_story(store, story_id)
    if found is not None:
        return {**_story_row(found), "top_actors": found.top_actors, "narratives": found.narratives}
    rows = store.query(
        "SELECT story_id AS id, min(published) AS first, max(published) AS last, count(*) AS articles, "
        "max(thread_id) AS thread_id FROM articles WHERE story_id = ? GROUP BY story_id",
        [story_id],
    )
    return {**rows[0], "label": None, "terms": [], "top_actors": [], "narratives": []} if rows else None


def duplicates_of(store, article_id: str) -> list[dict[str, Any]]:
    return store.query(
        f"SELECT {_LIST_COLUMNS} FROM articles a WHERE a.duplicate_of = ? ORDER BY a.published, a.id", [article_id]
    )


def titles(store, ids: list[str]) -> dict[str, str | None]:
    if not ids:
        return {}
    rows = store.query(f"SELECT id, title FROM articles WHERE id IN ({', '.join('?' * len(ids))})", ids)
    return {r["id"]: r["title"] for r in rows}


def actor_names(store, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = store.query(f"SELECT id, name FROM actors WHERE id IN ({', '.join('?' * len(ids))})", ids)
    return {r["id"]: r["name"] for r in rows}
