"""The REST API under /api: JSON, read-only, one error shape (see errors.py). Each endpoint is a thin
wrapper over one query in `narrascope.store.analytics`, `queries` or the Store."""
from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request

from ..settings import web as settings
from ..store import analytics
from . import queries
from .errors import WebError

DATE = r"^\d{4}(-\d{2}(-\d{2}([T ][0-9:.+\-Z]*)?)?)?$"
Since = Annotated[str | None, Query(pattern=DATE, description="earliest published date, YYYY[-MM[-DD]]")]
Until = Annotated[str | None, Query(pattern=DATE, description="latest published date (that whole day included)")]
PageNo = Annotated[int, Query(ge=1, le=1_000_000, description="page number, from 1")]
PerPage = Annotated[int, Query(ge=1, le=settings.MAX_PER_PAGE, description="items per page")]
Period = Annotated[Literal["month", "day"], Query(description="bucket size of the timeline")]
Limit = Annotated[int, Query(ge=1, le=1000)]

router = APIRouter(prefix="/api", tags=["api"])


def _store(request: Request):
    return request.app.state.store


@router.get("/overview", summary="Counts of everything in the corpus, top actors, outlets, latest stories")
async def overview(request: Request) -> dict[str, Any]:
    store = _store(request)
    return {
        "counts": analytics.overview(store),
        "top_actors": queries.top_actors(store, settings.TOP_ACTORS),
        "outlets": queries.outlet_counts(store, settings.TOP_OUTLETS),
        "latest_stories": queries.stories(store, settings.LATEST_STORIES),
    }


@router.get("/articles", summary="Articles, newest first, filtered and paginated")
async def articles(
    request: Request, since: Since = None, until: Until = None,
    outlet: Annotated[str | None, Query(max_length=500)] = None,
    narrative: Annotated[str | None, Query(max_length=500, description="narrative label")] = None,
    actor: Annotated[str | None, Query(max_length=500, description="actor id")] = None,
    stance: Annotated[Literal["advances", "rebuts"] | None, Query(description="with narrative: only this stance")] = None,
    story: Annotated[str | None, Query(max_length=500, description="story id")] = None,
    thread: Annotated[str | None, Query(max_length=500, description="thread id")] = None,
    q: Annotated[str | None, Query(max_length=1000, description="full-text query (FTS5 syntax); ranks by relevance")] = None,
    originals_only: Annotated[bool, Query(description="leave duplicates out")] = False,
    page: PageNo = 1, per_page: PerPage = settings.PER_PAGE,
) -> dict[str, Any]:
    result = analytics.list_articles(_store(request), since=since, until=until, outlet=outlet, narrative=narrative,
                                     stance=stance, actor=actor, story=story, thread=thread, q=q,
                                     originals_only=originals_only, page=page, per_page=per_page)
    return {"items": result.items, "total": result.total, "page": result.page, "per_page": result.per_page,
            "pages": result.pages}


@router.get("/articles/{article_id}", summary="One article with everything the pipeline found")
async def article(request: Request, article_id: str, include_raw: bool = False) -> dict[str, Any]:
    found = _store(request).get(article_id)
    if found is None:
        raise WebError(404, f"no article with id {article_id!r}; list ids with /api/articles")
    data = found.to_dict()
    if not include_raw:
        data.pop("raw", None)
        data.pop("extracted", None)
    data["duplicates"] = [d["id"] for d in queries.duplicates_of(_store(request), article_id)]
    return data


@router.get("/actors", summary="Actors by the number of articles that mention them")
async def actors(request: Request, limit: Limit = 100) -> dict[str, Any]:
    return {"items": queries.top_actors(_store(request), limit)}


@router.get("/actors/{actor_id}", summary="One actor with their statements and mentions over time")
async def actor(request: Request, actor_id: str) -> dict[str, Any]:
    store = _store(request)
    found = queries.actor(store, actor_id)
    if found is None:
        raise WebError(404, f"no actor with id {actor_id!r}; list actors with /api/actors")
    aliases = found.get("aliases")
    return {
        **found, "aliases": json.loads(aliases) if isinstance(aliases, str) else aliases or [],
        "statements": _statements(queries.statement_timeline(store, actor=actor_id, limit=settings.ACTOR_STATEMENTS)),
        "timeline": queries.actor_timeline(store, actor_id),
    }


@router.get("/statements", summary="Statements, by when they were made (said_on, else the article's date)")
async def statements(
    request: Request,
    speaker: Annotated[str | None, Query(max_length=500, description="speaker name or alias (substring)")] = None,
    contains: Annotated[str | None, Query(max_length=1000, description="words in the statement")] = None,
    since: Since = None, until: Until = None, limit: Limit = 100,
) -> dict[str, Any]:
    hits = _store(request).query_quotes(speaker=speaker, contains=contains, since=since, until=until, limit=limit)
    return {"items": [{"article_id": h.article_id, "published": h.published, **asdict(h.statement)} for h in hits]}


@router.get("/narratives", summary="Narrative labels with how many articles advance and rebut each")
async def narratives(request: Request) -> dict[str, Any]:
    return {"items": queries.narratives(_store(request))}


@router.get("/narratives/{label:path}", summary="The articles labelled with one narrative, with evidence")
async def narrative(request: Request, label: str, limit: Limit = settings.NARRATIVE_ARTICLES) -> dict[str, Any]:
    rows = queries.narrative_evidence(_store(request), label, limit)
    if not rows:
        raise WebError(404, f"no article is labelled {label!r}; list labels with /api/narratives")
    for row in rows:
        row["evidence"] = json.loads(row["evidence"]) if isinstance(row["evidence"], str) else row["evidence"]
    return {"label": label, "items": rows}


@router.get("/stories", summary="Stories, latest first")
async def stories(request: Request, limit: Limit = 100) -> dict[str, Any]:
    return {"items": queries.stories(_store(request), limit)}


@router.get("/stories/{story_id}", summary="One story and its articles")
async def story(request: Request, story_id: str) -> dict[str, Any]:
    store = _store(request)
    found = queries.story(store, story_id)
    if found is None:
        raise WebError(404, f"no story with id {story_id!r}; list stories with /api/stories")
    found["items"] = analytics.list_articles(store, story=story_id, per_page=settings.MAX_PER_PAGE).items
    return found


@router.get("/timelines/narratives", summary="Articles per period, narrative label and stance")
async def narrative_timeline(
    request: Request, outlet: Annotated[str | None, Query(max_length=500)] = None, by: Period = "month",
) -> dict[str, Any]:
    return {"by": by, "items": queries.narrative_timeline(_store(request), outlet=outlet, by=by)}


@router.get("/timelines/actors/{actor_id}", summary="Articles mentioning an actor per period")
async def actor_timeline(request: Request, actor_id: str, by: Period = "month") -> dict[str, Any]:
    return {"by": by, "actor": actor_id, "items": queries.actor_timeline(_store(request), actor_id, by=by)}


@router.get("/timelines/statements", summary="Statements in the order they were made, optionally by one actor")
async def statement_timeline(
    request: Request, actor: Annotated[str | None, Query(max_length=500, description="actor id")] = None,
    limit: Limit = 200,
) -> dict[str, Any]:
    return {"items": _statements(queries.statement_timeline(_store(request), actor=actor, limit=limit))}


@router.get("/search", summary="Ranked full-text search over titles and texts")
async def search(
    request: Request, q: Annotated[str, Query(min_length=1, max_length=1000, description="FTS5 query")],
    limit: Limit = 20, offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    if not q.strip():
        raise WebError(422, "empty search query: give words to search for", [{"parameter": "q"}])
    hits = _store(request).search(q, limit=limit, offset=offset)
    return {"q": q, "items": [h._asdict() for h in hits]}


def _statements(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in row.items() if k != "ordinal"} for row in rows]
