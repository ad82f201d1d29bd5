"""One error shape for every error: `{"error": {"code", "message", "details"}}` from the API, the same
code and message on an HTML page for the pages."""
from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import NarrascopeError, StoreError
from ..store.analytics import InvalidParameter
from .render import render

log = logging.getLogger(__name__)

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         422: "invalid_parameter", 500: "internal_error"}


class WebError(Exception):
    """An error a handler raises on purpose: a status, a message that says what to do, details."""

    def __init__(self, status: int, message: str, details: Any = None, code: str | None = None):
        super().__init__(message)
        self.status, self.message, self.details = status, message, details
        self.code = code or CODES.get(status, "error")


def error_body(status: int, message: str, details: Any = None, code: str | None = None) -> dict[str, Any]:
    return {"error": {"code": code or CODES.get(status, "error"), "message": message, "details": details}}


def error_response(request: Request, status: int, message: str, details: Any = None,
                   code: str | None = None, headers: dict[str, str] | None = None):
    body = error_body(status, message, details, code)
    if _wants_html(request):
        html = render("error.html", status=status, code=body["error"]["code"], message=message,
                      links=request.app.state.links, q="")
        return HTMLResponse(html, status_code=status, headers=headers)
    return JSONResponse(body, status_code=status, headers=headers)


def _wants_html(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith("/api") or path == "/openapi.json")


def install(app: FastAPI) -> None:
    @app.exception_handler(WebError)
    async def _web_error(request: Request, exc: WebError):
        return error_response(request, exc.status, exc.message, exc.details, exc.code)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        details = [{"parameter": ".".join(str(p) for p in e.get("loc", ())[1:]) or None,
                    "in": (e.get("loc") or ("query",))[0], "problem": e.get("msg")} for e in exc.errors()]
        names = ", ".join(d["parameter"] or "?" for d in details)
        return error_response(request, 422, f"invalid parameter(s): {names}; see /docs for what each accepts", details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else CODES.get(exc.status_code, "error")
        if exc.status_code == 404:
            message = f"nothing at {request.url.path}"
        return error_response(request, exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(InvalidParameter)
    async def _bad_parameter(request: Request, exc: InvalidParameter):
        details = [{"parameter": exc.parameter, "in": "query", "problem": exc.allowed}]
        return error_response(request, 422, str(exc), details)

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError):
        return error_response(request, 400, str(exc))

    @app.exception_handler(NarrascopeError)
    async def _narrascope(request: Request, exc: NarrascopeError):
        return error_response(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception):
        log.exception("error serving %s", request.url.path)
        return error_response(request, 500, f"narrascope failed on this request ({type(exc).__name__}); "
                                            "please report it with the URL")
