"""What each page shows, as template context: one code path for the web app and the report.

Each function takes the store and a `links` object (AppLinks or ReportLinks) and returns the
context of one page, or None when the thing asked for does not exist.
"""
from __future__ import annotations

import json
from typing import Any

from ..model import Article
from ..settings import store as store_settings
from ..settings import web as settings
from ..store import analytics
from . import charts, queries
from .highlight import article_spans, highlight, snippet_html

_STAGE_HINT = "run `narrascope analyze` with the {stage} stage to fill it"


def overview_context(store, links) -> dict[str, Any]:
    counts = analytics.overview(store)
    periods, series = charts.narrative_series(queries.narrative_timeline(store))
    outlets = queries.outlet_counts(store, settings.TOP_OUTLETS)
    return {
        "counts": counts,
        "timeline": charts.line_chart(periods, series, "Articles per month by narrative"),
        "outlet_chart": charts.bar_chart([(o["outlet"], o["articles"]) for o in outlets], "Articles per outlet"),
        "actors": queries.top_actors(store, settings.TOP_ACTORS),
        "outlets": outlets,
        "stories": queries.stories(store, limit=settings.LATEST_STORIES),
        "hints": _missing_stages(counts),
        "links": links,
    }


def _missing_stages(counts: dict[str, Any]) -> dict[str, str]:
    """Which later stages have not run on this corpus: a sentence per empty area."""
    areas = {"statements": "statements", "narrative_labels": "narratives", "actors": "nlp", "stories": "stories"}
    return {area: _STAGE_HINT.format(stage=stage) for area, stage in areas.items() if not counts.get(area)}


def article_context(store, article_id: str, links) -> dict[str, Any] | None:
    article = store.get(article_id)
    if article is None:
        return None
    text = article.text or ""
    spans = article_spans(article, links.actor)
    original = queries.titles(store, [article.duplicate_of]) if article.duplicate_of else {}
    return {
        "article": article,
        "body": highlight(text, spans),
        "metadata": metadata_rows(article),
        "duplicates": queries.duplicates_of(store, article.id),
        "original": {"id": article.duplicate_of, "title": original.get(article.duplicate_of)} if original else None,
        "actor_names": queries.actor_names(store, sorted(set(article.actors))),
        "links": links,
    }


def metadata_rows(article: Article) -> list[dict[str, Any]]:
    """Each metadata value with where it most likely came from (the date's source is recorded exactly)."""
    rows = []
    for name in ("title", "subtitle", "published", "outlet", "author", "genre", "language", "url"):
        value = getattr(article, name)
        if name == "published":
            source = article.published_from
            if article.published_confidence is not None:
                source = f"{source or 'unknown'}, confidence {article.published_confidence:.2f}"
        else:
            source = _value_source(article, name, value)
        rows.append({"field": name, "value": value, "source": source})
    rows.append({"field": "words", "value": article.word_count, "source": "clean text"})
    rows.append({"field": "truncated", "value": "yes" if article.truncated else "no", "source": "clean text"})
    return rows


def _value_source(article: Article, name: str, value: Any) -> str | None:
    if value in (None, ""):
        return None
    if article.given.get(name) == value:
        return "given"
    if article.html_meta.get(name) == value:
        return "html-meta"
    if article.header.get(name) == value or (name == "author" and article.header.get("byline")):
        return "header"
    if name == "url":
        return "input"
    return "inferred"


def articles_context(store, links, filters: dict[str, Any], page: int, per_page: int) -> dict[str, Any]:
    result = analytics.list_articles(store, **filters, page=page, per_page=per_page)
    return {"result": result, "filters": filters, "links": links}


def actors_context(store, links) -> dict[str, Any]:
    return {"actors": queries.top_actors(store, limit=1000), "links": links}


def actor_context(store, actor_id: str, links) -> dict[str, Any] | None:
    actor = queries.actor(store, actor_id)
    if actor is None:
        return None
    aliases = actor.get("aliases")
    actor = {**actor, "aliases": json.loads(aliases) if isinstance(aliases, str) else aliases or []}
    statements = queries.statement_timeline(store, actor=actor_id, limit=settings.ACTOR_STATEMENTS)
    timeline = queries.actor_timeline(store, actor_id)
    periods, values = charts.monthly({t["period"]: t["articles"] for t in timeline})
    chart = charts.line_chart(periods, {"articles": values}, f"Articles mentioning {actor['name']} per month")
    periods, values = charts.monthly(_statement_counts(statements))
    said_chart = charts.line_chart(periods, {"statements": values}, "Statements per month")
    articles = analytics.list_articles(store, actor=actor_id, per_page=settings.PER_PAGE)
    return {"actor": actor, "statements": statements, "chart": chart, "said_chart": said_chart,
            "articles": articles, "links": links}


def _statement_counts(statements: list[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for s in statements:
        if s["date"]:
            counts[s["date"][:7]] = counts.get(s["date"][:7], 0) + 1
    return dict(sorted(counts.items()))


def narratives_context(store, links) -> dict[str, Any]:
    return {"narratives": queries.narratives(store), "links": links}


def narrative_context(store, label: str, links) -> dict[str, Any] | None:
    rows = queries.narrative_evidence(store, label, settings.NARRATIVE_ARTICLES)
    if not rows:
        return None
    for row in rows:
        row["evidence"] = json.loads(row["evidence"]) if isinstance(row["evidence"], str) else row["evidence"] or []
    return {
        "label": label,
        "advances": [r for r in rows if r["stance"] == "advances"],
        "rebuts": [r for r in rows if r["stance"] != "advances"],
        "links": links,
    }


def stories_context(store, links) -> dict[str, Any]:
    return {"stories": queries.stories(store, limit=1000), "links": links}


def story_context(store, story_id: str, links) -> dict[str, Any] | None:
    story = queries.story(store, story_id)
    if story is None:
        return None
    articles = analytics.list_articles(store, story=story_id, per_page=settings.MAX_PER_PAGE)
    return {"story": story, "articles": articles, "links": links}


def search_context(store, q: str, links, page: int = 1) -> dict[str, Any]:
    hits = []
    if q.strip():
        per = settings.SEARCH_RESULTS
        for hit in store.search(q, limit=per, offset=(page - 1) * per):
            hits.append({**hit._asdict(), "snippet": snippet_html(hit.snippet, store_settings.SNIPPET_MARKERS)})
    return {"q": q, "hits": hits, "page": page, "per_page": settings.SEARCH_RESULTS, "links": links}
