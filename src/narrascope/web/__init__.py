"""The web face of narrascope: a read-only REST API under /api and server-rendered pages.

    from narrascope.web import create_app, serve
    app = create_app("narrascope.db", token=None)   # an ASGI app (FastAPI)
    serve("narrascope.db", host="127.0.0.1", port=8000, token=None)
"""
from .app import create_app, serve
from .security import TokenRequiredError

__all__ = ["TokenRequiredError", "create_app", "serve"]
