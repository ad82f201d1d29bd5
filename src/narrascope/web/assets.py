"""Static assets and the offline API docs, served from package resources only.

A request names an asset; only names found in the package's `static/` folder when the app starts
are served (a fixed allow-list), so no path from a request ever reaches the file system. The API
docs page (Swagger UI 5) uses the `swagger-ui-bundle-v2` package's files (module `swagger_ui_bundle`, Apache-2.0) when it is installed, else a
plain local page that links the OpenAPI schema.
"""
from __future__ import annotations

import mimetypes
from importlib import resources
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response

from .errors import WebError

SWAGGER_FILES = ("swagger-ui-bundle.js", "swagger-ui.css")


def static_files() -> dict[str, bytes]:
    """Every file of the package's static folder, read once: name -> content."""
    folder = resources.files("narrascope.web") / "static"
    return {item.name: item.read_bytes() for item in folder.iterdir() if item.is_file()}


def _swagger_folder() -> Path | None:
    try:
        import swagger_ui_bundle
    except ImportError:
        return None
    return Path(swagger_ui_bundle.swagger_ui_path)


def install(app: FastAPI) -> None:
    files = static_files()
    swagger = _swagger_folder()
    router = APIRouter(include_in_schema=False)

    @router.get("/static/{name:path}")
    async def static(name: str):
        if name not in files:
            raise WebError(404, f"no asset named {name!r}")
        media = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return Response(files[name], media_type=media, headers={"Cache-Control": "public, max-age=3600"})

    @router.get("/docs")
    async def docs():
        if swagger is None:
            return HTMLResponse('<!doctype html><title>narrascope API</title><h1>narrascope API</h1>'
                                '<p>The OpenAPI schema is at <a href="/openapi.json">/openapi.json</a>. '
                                'Install the <code>swagger-ui-bundle-v2</code> package for an interactive page.</p>')
        return get_swagger_ui_html(openapi_url="/openapi.json", title="narrascope API",
                                   swagger_js_url="/docs/swagger-ui-bundle.js", swagger_css_url="/docs/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg",
                                   swagger_ui_parameters={"validatorUrl": None})

    @router.get("/docs/{name}")
    async def docs_asset(name: str):
        if swagger is None or name not in SWAGGER_FILES:
            raise WebError(404, f"no docs asset named {name!r}")
        media = "text/css" if name.endswith(".css") else "text/javascript"
        return Response((swagger / name).read_bytes(), media_type=media)

    app.include_router(router)
