"""PostgreSQL for the tests: the server in NARRASCOPE_TEST_POSTGRES (set by .ci/run from .ci/postgres.sh;
locally `export NARRASCOPE_TEST_POSTGRES=$(bash .ci/postgres.sh)`), one fresh schema per store.

Without the variable the PostgreSQL tests skip, except under CI (the variable `CI` set), where they
fail: CI must run them.

- `require_postgres()`: the server URL, or skip / fail as above.
- `fresh_schema_url(base)`: a new, empty schema and a URL whose search_path points at it;
  `drop_schema(url)` drops it.
- `PgPaths`: gives each SQLite-style path a PostgreSQL URL (its own schema), so tests written for
  paths run on PostgreSQL unchanged (`open(path)` replaces `open_store`).
- `run_on_postgres(*modules)`: a fixture that makes those test modules' `open_store` use PgPaths.
- fixtures `pg_url` (a fresh schema per test) and `store_url` (parametrised: a SQLite file and a
  PostgreSQL schema), for tests that check both backends behave alike.
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest

from narrascope.store import open_store

ENV = "NARRASCOPE_TEST_POSTGRES"


def require_postgres() -> str:
    url = os.environ.get(ENV)
    if url:
        return url
    message = f"{ENV} is not set: start a server with `export {ENV}=$(bash .ci/postgres.sh)`"
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL tests must run in CI: {message}")
    pytest.skip(message)


def _admin(base: str):
    import psycopg

    return psycopg.connect(base, autocommit=True)


def with_schema(base: str, schema: str) -> str:
    parts = urlsplit(base)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "options"]
    query.append(("options", f"-csearch_path={schema}"))
    return urlunsplit(parts._replace(query=urlencode(query)))


def schema_of(url: str) -> str:
    return dict(parse_qsl(urlsplit(url).query))["options"].split("=", 1)[1]


def fresh_schema_url(base: str) -> str:
    schema = f"t_{uuid.uuid4().hex[:16]}"
    with _admin(base) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    return with_schema(base, schema)


def drop_schema(url: str) -> None:
    with _admin(url) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema_of(url)}" CASCADE')


class PgPaths:
    """Maps SQLite-style database paths to PostgreSQL URLs, one fresh schema per distinct path."""

    def __init__(self, base: str):
        self.base = base
        self.urls: dict[str, str] = {}

    def url(self, db) -> str:
        key = str(Path(db).resolve()) if str(db) != ":memory:" else f":memory:{len(self.urls)}"
        if key not in self.urls:
            self.urls[key] = fresh_schema_url(self.base)
        return self.urls[key]

    def open(self, db):
        return open_store(db if "://" in str(db) else self.url(db))

    def analyze(self, paths, db=None, **options):
        """`narrascope.analyze` into the PostgreSQL schema standing for `db`."""
        from narrascope import analyze

        return analyze(paths, db=self.url(db) if db is not None and "://" not in str(db) else db, **options)

    def drop_all(self) -> None:
        for url in self.urls.values():
            drop_schema(url)
        self.urls.clear()


def run_on_postgres(*modules):
    """A module-scoped autouse fixture under which `open_store` (and `analyze`) in each of `modules`
    open a PostgreSQL schema per database path: a test module written for SQLite paths, imported
    into a `*_pg.py` module, runs on PostgreSQL unchanged. The schemas are dropped afterwards."""

    @pytest.fixture(scope="module", autouse=True)
    def on_postgres():
        paths = PgPaths(require_postgres())
        with pytest.MonkeyPatch.context() as patch:
            for module in modules:
                for name in ("open_store", "analyze"):
                    if hasattr(module, name):
                        patch.setattr(module, name, getattr(paths, "open" if name == "open_store" else name))
            yield paths
        paths.drop_all()

    return on_postgres


@pytest.fixture
def pg_url():
    url = fresh_schema_url(require_postgres())
    yield url
    drop_schema(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A store location on each backend: a SQLite file, then a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield str(tmp_path / "corpus.db")
        return
    url = fresh_schema_url(require_postgres())
    yield url
    drop_schema(url)


@pytest.fixture
def pg_paths(monkeypatch):
    """A PgPaths for the test, its schemas dropped afterwards."""
    paths = PgPaths(require_postgres())
    yield paths
    paths.drop_all()
