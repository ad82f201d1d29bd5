"""PostgreSQL schema migrations: numbered SQL files in `migrations_pg/`, applied in order.

The version is recorded in the table `schema_version` (one row per applied migration: version, file
name, when): 0 for a new database, N once `000N_*.sql` has run. The PostgreSQL versions follow the
SQLite ones (`migrations/`): version N has the same tables and columns on both backends.

Each migration runs in its own transaction that first takes a transaction-level advisory lock
(`pg_advisory_xact_lock`), then re-reads the version: two processes opening a new database at
once take turns, and the second finds the work done. A failing migration rolls back whole, leaving
the database at the previous version. Opening a database newer than the code raises StoreError.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import psycopg

from ..errors import StoreError
from .migrate import Migration
from .migrate import migrations as package_migrations

# One lock per schema: stores in different schemas of one database migrate independently.
_LOCK = "SELECT pg_advisory_xact_lock(hashtext('narrascope.migrate.' || current_schema()))"
_VERSION_TABLE = (
    "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)"
)


def migrations() -> list[Migration]:
    """The package's PostgreSQL migrations, in version order; versions must run 1, 2, 3... without gaps."""
    return package_migrations("migrations_pg", "PostgreSQL")


def latest_version() -> int:
    return len(migrations())


def schema_version(conn: psycopg.Connection[Any]) -> int:
    """The version of the schema in the current schema (search_path) of `conn`; 0 if none."""
    if conn.execute("SELECT to_regclass('schema_version')").fetchone()[0] is None:
        return 0
    return conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def migrate(conn: psycopg.Connection[Any], where: str, target: int | None = None) -> int:
    """Bring the database up to `target` (default: the latest version); return the version reached.
    `conn` must be in autocommit mode: each migration is its own transaction."""
    steps = migrations()
    target = len(steps) if target is None else target
    current = 0
    while True:
        try:
            with conn.transaction():
                conn.execute(_LOCK)
                current = schema_version(conn)
                if current > len(steps):
                    raise StoreError(
                        f"{where} has schema version {current}, but this narrascope knows only up to version "
                        f"{len(steps)}: upgrade narrascope (pip install -U narrascope) to open it"
                    )
                if current >= target:
                    return current
                _apply(conn, steps[current], current)
        except psycopg.Error as exc:
            raise StoreError(
                f"{where}: migration {steps[min(current, len(steps) - 1)].name} failed ({exc}); the database is unchanged at "
                f"version {current}. Is this a narrascope database? If so, report this as a bug."
            ) from exc


def _apply(conn: psycopg.Connection[Any], step: Migration, current: int) -> None:
    if current == 0 and step.version == 1:
        conn.execute(_VERSION_TABLE)
    conn.execute(step.sql.encode("utf-8"))  # no parameters: several statements in one go
    conn.execute(
        "INSERT INTO schema_version (version, name, applied) VALUES (%s, %s, %s)",
        (step.version, step.name, datetime.now(timezone.utc).isoformat(timespec="seconds")),
    )
