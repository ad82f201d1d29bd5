"""Read queries behind the API, the pages and the report.

Article lists come from `narrascope.store.analytics.list_articles` and stories from the stories
stage's tables (`narrascope.stories.read`, falling back to grouping the articles' `story_id`
when that stage has not filled its tables). The rest are plain SQL through `Store.query`, written
to be answered from indexes where they can (an article row keeps its raw input and text before
the later columns, so reading those columns from the rows is slow). Every function works on a
corpus where a stage has not run: it then returns empty lists or zero counts, and the pages say so.
"""
from __future__ import annotations

from typing import Any

from ..store import analytics
from ..stories import read as story_read

_STORY_BATCH = 500  # the stories stage's read API returns at most this many per call

_LIST_COLUMNS = "a.id, a.title, a.published, a.outlet, a.author, a.duplicate_of, a.story_id, a.word_count"
_DAY_LENGTH = 10  # YYYY-MM-DD
_MONTH_LENGTH = 7  # YYYY-MM


Page = analytics.Page


def list_articles(store, **filters) -> Page:
    """Articles matching every filter, newest first (by relevance with `q`): `analytics.list_articles`.
    Bad values raise `analytics.InvalidParameter` (the API answers 422)."""
    return analytics.list_articles(store, **filters)


def all_articles(store, per_page: int = 200, **filters) -> list[dict[str, Any]]:
    """Every article matching the filters, in list order, fetched a page at a time (for the report)."""
    items: list[dict[str, Any]] = []
    page = 1
    while True:
        result = list_articles(store, **filters, page=page, per_page=per_page)
        items += result.items
        if page >= result.pages:
            return items
        page += 1


def overview(store, *, story_count: int | None = None) -> dict[str, Any]:
    """Counts of everything the pipeline found, and the date span of the corpus.

    One small query per count, each answered from an index: an article row stores its raw input
    and text before the later columns, so reading those columns from the rows themselves is slow.
    Pass `story_count` when the caller has counted the stories already (that count reads every row).
    """
    one = lambda sql: store.query(sql)[0]["n"]  # noqa: E731
    counts = {
        "articles": one("SELECT count(*) AS n FROM articles"),
        "duplicates": one("SELECT count(*) AS n FROM articles WHERE duplicate_of IS NOT NULL"),
        "outlets": one("SELECT count(DISTINCT outlet) AS n FROM articles"),
        "stories": story_count if story_count is not None else one("SELECT count(DISTINCT story_id) AS n FROM articles"),
        "statements": _count(store, "quotes"),
        "narrative_labels": _count(store, "narratives"),
    }
    counts["actors"] = _count(store, "actors") or _distinct_actor_ids(store)
    span = store.query("SELECT min(published) AS first, max(published) AS last FROM articles")[0]
    return {**counts, "first": span["first"], "last": span["last"]}


def _count(store, table: str) -> int:
    return store.query(f"SELECT count(*) AS n FROM {table}")[0]["n"]


def _distinct_actor_ids(store) -> int:
    return store.query("SELECT count(DISTINCT actor_id) AS n FROM article_actors")[0]["n"]


def narrative_timeline(store, *, outlet: str | None = None, by: str = "month") -> list[dict[str, Any]]:
    """Articles per period, narrative label and stance: [{period, label, stance, articles}]."""
    length = _MONTH_LENGTH if by == "month" else _DAY_LENGTH
    clauses, params = ["a.published IS NOT NULL"], [length]
    if outlet:
        clauses.append("a.outlet = ?")
        params.append(outlet)
    if outlet:
        source = "articles a"
    else:  # the covering (published, id) index holds everything needed: no article row is read
        source = "(SELECT id, published FROM articles INDEXED BY articles_published WHERE published IS NOT NULL) a"
    return store.query(
        "SELECT substr(a.published, 1, ?) AS period, n.label, n.stance, count(DISTINCT a.id) AS articles "
        f"FROM narratives n JOIN {source} ON a.id = n.article_id WHERE {' AND '.join(clauses)} "
        "GROUP BY period, n.label, n.stance ORDER BY period, n.label",
        params,
    )


def actor_timeline(store, actor_id: str, *, by: str = "month") -> list[dict[str, Any]]:
    """Articles mentioning the actor per period: [{period, articles}]."""
    length = _MONTH_LENGTH if by == "month" else _DAY_LENGTH
    return store.query(
        "SELECT substr(a.published, 1, ?) AS period, count(*) AS articles FROM article_actors x "
        "JOIN articles a ON a.id = x.article_id WHERE x.actor_id = ? AND a.published IS NOT NULL "
        "GROUP BY period ORDER BY period",
        [length, actor_id],
    )


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
    """Actors by the number of articles that mention them (from the actors table when it is filled)."""
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
    return store.query(
        "SELECT outlet, count(*) AS articles FROM articles WHERE outlet IS NOT NULL "
        "GROUP BY outlet ORDER BY articles DESC, outlet LIMIT ?",
        [limit],
    )


def narratives(store) -> list[dict[str, Any]]:
    """Each narrative label with its parent and how many articles advance and rebut it."""
    return store.query(
        "SELECT label, max(parent) AS parent, sum(stance = 'advances') AS advances, "
        "sum(stance = 'rebuts') AS rebuts, count(DISTINCT article_id) AS articles "
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
        "ORDER BY last IS NULL, last DESC, id LIMIT ?",
        [-1 if limit is None else limit],
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
