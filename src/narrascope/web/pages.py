"""Server-rendered pages: each is a thin wrapper over one context builder in `views`."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from ..settings import web as settings
from . import views
from .api import DATE
from .errors import WebError
from .render import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
Text = Annotated[str | None, Query(max_length=1000)]


def _page(request: Request, template: str, context: dict[str, Any] | None, missing: str) -> HTMLResponse:
    if context is None:
        raise WebError(404, missing)
    return HTMLResponse(render(template, q="", **context))


def _ctx(request: Request):
    return request.app.state.store, request.app.state.links


@router.get("/")
async def overview(request: Request):
    return _page(request, "overview.html", views.overview_context(*_ctx(request)), "")


@router.get("/articles")
async def articles(
    request: Request, since: Annotated[str | None, Query(pattern=DATE)] = None,
    until: Annotated[str | None, Query(pattern=DATE)] = None, outlet: Text = None, narrative: Text = None,
    actor: Text = None, story: Text = None, q: Text = None, page: Annotated[int, Query(ge=1)] = 1,
):
    filters = {"since": since, "until": until, "outlet": outlet, "narrative": narrative, "actor": actor,
               "story": story, "q": q}
    store, links = _ctx(request)
    context = views.articles_context(store, links, filters, page, settings.PER_PAGE)
    return _page(request, "articles.html", context, "")


@router.get("/articles/{article_id}")
async def article(request: Request, article_id: str):
    store, links = _ctx(request)
    context = views.article_context(store, article_id, links)
    return _page(request, "article.html", context, "no article with this id; find one on the overview or by search")


@router.get("/actors")
async def actors(request: Request):
    return _page(request, "actors.html", views.actors_context(*_ctx(request)), "")


@router.get("/actors/{actor_id}")
async def actor(request: Request, actor_id: str):
    store, links = _ctx(request)
    return _page(request, "actor.html", views.actor_context(store, actor_id, links),
                 "no actor with this id; see the list of actors")


@router.get("/narratives")
async def narratives(request: Request):
    return _page(request, "narratives.html", views.narratives_context(*_ctx(request)), "")


@router.get("/narratives/{label:path}")
async def narrative(request: Request, label: str):
    store, links = _ctx(request)
    return _page(request, "narrative.html", views.narrative_context(store, label, links),
                 "no article carries this narrative label; see the list of narratives")


@router.get("/stories")
async def stories(request: Request):
    return _page(request, "stories.html", views.stories_context(*_ctx(request)), "")


@router.get("/stories/{story_id}")
async def story(request: Request, story_id: str):
    store, links = _ctx(request)
    return _page(request, "story.html", views.story_context(store, story_id, links),
                 "no story with this id; see the list of stories")


@router.get("/search")
async def search(request: Request, q: Annotated[str, Query(max_length=1000)] = "",
                 page: Annotated[int, Query(ge=1, le=10_000)] = 1):
    store, links = _ctx(request)
    context = views.search_context(store, q, links, page)
    return HTMLResponse(render("search.html", **context))
