"""The SQL dialect a store speaks, for the few queries that cannot be written once for both backends
(full-text search, the week of a date, catalog lookups). Everything else runs unchanged: the
PostgreSQL store takes SQLite's `?` placeholders (store/pg_adapter.py). Also `redact_url`, for
messages that name a database URL. Nothing here imports a database driver."""
from __future__ import annotations

import re

SQLITE, POSTGRESQL = "sqlite", "postgresql"


def dialect(store) -> str:
    """"sqlite" or "postgresql" (a store without a `dialect` attribute is SQLite)."""
    return getattr(store, "dialect", SQLITE)


def is_postgres(store) -> bool:
    return dialect(store) == POSTGRESQL


_PASSWORD = re.compile(r"(://[^:/@?#]*:)[^@/?#]*@|(password=)[^&\s]*", re.I)


def redact_url(location: str) -> str:
    """A database path or URL as messages may show it: a URL's password replaced by ***."""
    return _PASSWORD.sub(lambda m: f"{m.group(1)}***@" if m.group(1) else f"{m.group(2)}***", str(location))


def has_table(store, name: str) -> bool:
    if is_postgres(store):
        return bool(store.query("SELECT to_regclass(?) IS NOT NULL AS found", [name])[0]["found"])
    return bool(store.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]))
