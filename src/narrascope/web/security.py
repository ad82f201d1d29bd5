"""The access token: when the app has one, every request (API, pages, assets) must carry it.

Accepted as `Authorization: Bearer T`, as the cookie `narrascope_token` (set by the app), or once as
`?token=T` in any URL: the app then sets the cookie (HttpOnly, SameSite=Strict) so the pages' own
links keep working. No token: 401; a wrong one: 403. Tokens are compared in constant time.
"""
from __future__ import annotations

import hmac
import os

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request

from ..errors import NarrascopeError
from ..settings import web as settings
from .errors import error_response


class TokenRequiredError(NarrascopeError):
    """Serving on a non-loopback address without a token."""


def resolve_token(host: str, token: str | None) -> str | None:
    """The token to require: the one given, else $NARRASCOPE_TOKEN; refuse a public bind without one."""
    token = token or os.environ.get(settings.TOKEN_ENV) or None
    if token is None and host not in settings.LOOPBACK_HOSTS:
        raise TokenRequiredError(
            f"serving on {host} makes the corpus reachable from other machines: pass --token T "
            f"(or set {settings.TOKEN_ENV}), or bind to 127.0.0.1"
        )
    return token


class TokenMiddleware(BaseHTTPMiddleware):
    def __init__(self, app, token: str):
        super().__init__(app)
        self.token = token.encode()

    async def dispatch(self, request: Request, call_next):
        given, from_query = _given_token(request)
        if given is None:
            return error_response(request, 401, "this server needs a token: send `Authorization: Bearer T` "
                                  "or open any page once with ?token=T", headers={"WWW-Authenticate": "Bearer"})
        if not hmac.compare_digest(given.encode(), self.token):
            return error_response(request, 403, "wrong token")
        response = await call_next(request)
        if from_query:
            response.set_cookie(settings.TOKEN_COOKIE, given, httponly=True, samesite="strict")
        return response


def _given_token(request: Request) -> tuple[str | None, bool]:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip(), False
    if settings.TOKEN_QUERY in request.query_params:
        return request.query_params[settings.TOKEN_QUERY], True
    return request.cookies.get(settings.TOKEN_COOKIE), False
