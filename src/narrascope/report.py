"""`write_report(store_or_db, out_path)`: the corpus as one self-contained HTML file.

The file holds the overview (counts, charts), the article list, and one section per article,
actor, narrative and story, rendered by the web app's own templates and context builders
(`narrascope.web.views`) with in-page links. CSS and SVG charts are inline; there is no script
at all and a Content-Security-Policy forbids loading anything, so the file opens offline and
article content can only ever show as text. Sections are shown one at a time with CSS `:target`;
the overview shows when no section is targeted.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

from markupsafe import Markup

from .settings import web as settings
from .store import analytics
from .web import queries, views
from .web.links import ReportLinks, anchor_id
from .web.render import render


@dataclass
class ReportSummary:
    path: Path
    articles: int
    sections: int
    bytes: int
    seconds: float


def write_report(store_or_db, out_path: str | Path, *, title: str = settings.REPORT_TITLE) -> ReportSummary:
    """Write the report of the corpus at `store_or_db` (an open Store, or a database path/URL) to `out_path`."""
    from .web.app import _open

    started = time.perf_counter()
    store = _open(store_or_db)
    try:
        sections = list(_sections(store, ReportLinks()))
        count = analytics.overview(store)["articles"]
    finally:
        if store is not store_or_db:
            store.close()
    css = (resources.files("narrascope.web") / "static" / "style.css").read_text(encoding="utf-8")
    made = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    page = render("report.html", title=title, css=Markup(css), sections=sections, made=made, count=count)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return ReportSummary(out, count, len(sections), out.stat().st_size, time.perf_counter() - started)


def _sections(store, links: ReportLinks) -> Iterator[Markup]:
    yield _section("overview.html", "overview", views.overview_context(store, links))
    items = _all_articles(store)
    articles = analytics.Page(items, len(items), 1, max(1, len(items)))
    yield _section("articles.html", "articles", {"result": articles, "filters": {}, "links": links})
    yield _section("actors.html", "actors", views.actors_context(store, links))
    yield _section("narratives.html", "narratives", views.narratives_context(store, links))
    yield _section("stories.html", "stories", views.stories_context(store, links))
    for item in articles.items:
        context = views.article_context(store, item["id"], links)
        if context:
            yield _section("article.html", anchor_id(links.article(item["id"])), context)
    for actor in queries.top_actors(store, settings.REPORT_ACTORS):
        context = views.actor_context(store, actor["id"], links)
        if context:
            yield _section("actor.html", anchor_id(links.actor(actor["id"])), context)
    for narrative in queries.narratives(store):
        context = views.narrative_context(store, narrative["label"], links)
        if context:
            yield _section("narrative.html", anchor_id(links.narrative(narrative["label"])), context)
    for story in queries.stories(store, limit=settings.REPORT_STORIES):
        context = views.story_context(store, story["id"], links)
        if context:
            yield _section("story.html", anchor_id(links.story(story["id"])), context)


def _all_articles(store) -> list[dict[str, Any]]:
    """Every article, in list order, fetched a page at a time."""
    items: list[dict[str, Any]] = []
    page = 1
    while True:
        result = analytics.list_articles(store, page=page, per_page=settings.MAX_PER_PAGE)
        items += result.items
        if page >= result.pages:
            return items
        page += 1


def _section(template: str, section_id: str, context: dict[str, Any]) -> Markup:
    return Markup(render(template, layout="section.html", section_id=section_id, q="", **context))
