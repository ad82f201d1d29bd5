"""`create_app(db, token=None)`: the FastAPI app (REST API, pages, assets); `serve(...)` runs it with uvicorn."""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from starlette.middleware.trustedhost import TrustedHostMiddleware

from ..errors import StoreError
from ..settings import web as settings
from . import api, assets, errors, pages
from .links import AppLinks
from .security import TokenMiddleware, resolve_token

# Defence in depth: even if some content escaped escaping, no inline script would run on our pages.
CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"


def create_app(db, token: str | None = None, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The app over a store: `db` is a database path or URL, or an open Store (left open afterwards).

    With `token`, every request must carry it (see `security`). With `allowed_hosts`, a request whose
    Host header names another host gets 400 (`serve` uses this on loopback without a token, so a web
    page cannot reach the app through DNS rebinding). The store must exist already: `narrascope
    analyze` creates it.
    """
    store = _open(db)
    app = FastAPI(title="narrascope", summary="Narrative intelligence for news: read-only API over a corpus",
                  docs_url=None, redoc_url=None, version="1")
    app.state.store = store
    app.state.links = AppLinks()
    errors.install(app)
    app.include_router(api.router)
    assets.install(app)
    app.include_router(pages.router)

    @app.middleware("http")
    async def _headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if not request.url.path.startswith("/docs"):
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    if token:
        app.add_middleware(TokenMiddleware, token=token)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    return app


def _open(db):
    from ..store import open_store
    from ..store.base import Store

    if isinstance(db, Store):
        return db
    if "://" not in str(db) and not Path(db).exists():
        raise StoreError(f"no database at {db}: run `narrascope analyze PATH --db {db}` first, or pass --db")
    return open_store(db)


def serve(db, host: str = settings.DEFAULT_HOST, port: int = settings.DEFAULT_PORT, token: str | None = None) -> None:
    """Run the app with uvicorn until interrupted. A non-loopback host needs a token (or $NARRASCOPE_TOKEN)."""
    import uvicorn

    token = resolve_token(host, token)
    hosts = None if token else sorted(settings.LOOPBACK_HOST_HEADERS)
    uvicorn.run(create_app(db, token=token, allowed_hosts=hosts), host=host, port=port, log_level="info")
