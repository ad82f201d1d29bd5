"""Schema migrations: numbered SQL files in `migrations/`, applied in order, each in one transaction.

The schema version is SQLite's `PRAGMA user_version`: 0 for a new file, N once `000N_*.sql` has run.
To change the schema, add the next numbered file (never edit a released one); it must not contain
BEGIN/COMMIT of its own. Opening a database newer than the code raises StoreError.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources

from ..errors import StoreError

_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations(folder: str = "migrations", label: str = "store") -> list[Migration]:
    """The package's migrations in `folder` (SQLite's by default), in version order; versions must run
    1, 2, 3... without gaps."""
    found = []
    for entry in resources.files(__package__).joinpath(folder).iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise StoreError(f"broken install: {label} migrations are not numbered 1..N: {[m.name for m in found]}")
    return found


def latest_version() -> int:
    return len(migrations())


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, where: str, target: int | None = None) -> int:
    """Bring the database up to `target` (default: the latest version); return the version reached.

    `conn` must be in autocommit mode (isolation_level=None): each migration runs between our own
    BEGIN and COMMIT, so a failing migration leaves the database at the previous version.
    """
    steps = migrations()
    target = len(steps) if target is None else target
    current = schema_version(conn)
    if current > len(steps):
        raise StoreError(
            f"{where} has schema version {current}, but this narrascope knows only up to version "
            f"{len(steps)}: upgrade narrascope (pip install -U narrascope) to open it"
        )
    for step in steps[current:target]:
        _apply(conn, step, where)
    return schema_version(conn)


def _apply(conn: sqlite3.Connection, step: Migration, where: str) -> None:
    try:
        conn.executescript(f"BEGIN IMMEDIATE;\n{step.sql}\nPRAGMA user_version = {step.version};\nCOMMIT;")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(
            f"{where}: migration {step.name} failed ({exc}); the database is unchanged at version "
            f"{schema_version(conn)}. Is this a narrascope database? If so, report this as a bug."
        ) from exc
