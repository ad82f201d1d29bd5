"""A psycopg connection that speaks the SQLite store's dialect of parameters and rows, so that code
running SQL through `store.query()` / `store.writing()` works unchanged on PostgreSQL.

- `?` placeholders become `%s` (and `:name` becomes `%(name)s` when the parameters are a mapping);
  a literal `%` (a LIKE pattern) becomes `%%`. Quoted strings, quoted identifiers and comments are
  left alone.
- Rows are `Row`s: tuples that also answer `row["column"]` and `keys()`, like `sqlite3.Row`
  (so `dict(row)`, `tuple(row)` and `row[0]` all work).
- Text PostgreSQL cannot hold (a NUL character, a lone surrogate from a lenient decoder) is stored
  escaped and read back as it was: see `to_pg_text` / `from_pg_text`.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any, Callable, Iterable, Mapping, Sequence

import psycopg

# A noncharacter (never in real text) starting a JSON-escaped string: the escape of text
# PostgreSQL refuses. Text that itself starts with it is escaped too, so decoding is exact.
_ESCAPED = "\ufdd0"
_TOKENS = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|/\*.*?\*/|\?|%|:[A-Za-z_]\w*|::""", re.S)


def to_pg_text(value: str) -> str:
    """`value` as PostgreSQL can store it: unchanged unless it holds a NUL, a lone surrogate, or
    starts with the escape mark."""
    if value.isascii():
        return value if "\x00" not in value else _escape(value)
    if "\x00" in value or value.startswith(_ESCAPED):
        return _escape(value)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _escape(value)
    return value


def from_pg_text(value: str) -> str:
    return json.loads(value[1:]) if value.startswith(_ESCAPED) else value


def _escape(value: str) -> str:
    return _ESCAPED + json.dumps(value, ensure_ascii=True)


def _param(value: Any) -> Any:
    if value.__class__ is str:
        return to_pg_text(value)
    if value.__class__ is list:  # an array parameter (`= ANY(?)`, `unnest(?::text[])`)
        return [to_pg_text(v) if v.__class__ is str else v for v in value]
    return value


def pg_params(params: Sequence[Any] | Mapping[str, Any] | None) -> Any:
    if not params:
        return None
    if isinstance(params, Mapping):
        return {key: _param(value) for key, value in params.items()}
    return [_param(value) for value in params]


@lru_cache(maxsize=1024)
def translate(sql: str, named: bool = False) -> str:
    """SQLite-style placeholders to psycopg's: `?` -> `%s`, `:name` -> `%(name)s` (when `named`),
    `%` -> `%%`; text inside quotes and comments is kept as it is."""

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        if named and token.startswith(":") and token != "::":
            return f"%({token[1:]})s"
        if token.startswith("'") and "%" in token:
            return token.replace("%", "%%")
        return token

    return _TOKENS.sub(replace, sql)


class Row(tuple):
    """A result row: a tuple that also answers `row["column"]` and `keys()`, like sqlite3.Row."""

    _index: dict[str, int] = {}

    def __getitem__(self, key):  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


@lru_cache(maxsize=256)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        index.setdefault(name, i)  # a repeated name answers its first column, as sqlite3.Row does
    return type("Row", (Row,), {"_index": index, "__slots__": ()})


def row_factory(cursor: psycopg.Cursor[Any]):
    names = tuple(column.name for column in cursor.description or ())
    row_class = _row_class(names)

    def make(values: Sequence[Any]) -> Row:
        return row_class(from_pg_text(v) if v.__class__ is str and v[:1] == _ESCAPED else v for v in values)

    return make


class PGConnection:
    """What `store.writing()` hands out on PostgreSQL: `execute`/`executemany` with `?` placeholders,
    returning psycopg cursors whose rows are `Row`s.

    With `reconnect` (a function giving a new psycopg connection), a statement outside a transaction
    that finds the connection lost (the server restarted, an idle connection was cut) is run again
    once on a new connection: a long-running web app survives a database restart. Inside a
    transaction (`in_transaction`, set by the store) the error is raised: that work is lost."""

    def __init__(self, conn: psycopg.Connection[Any], reconnect: Callable[[], psycopg.Connection[Any]] | None = None):
        self.raw = conn
        self.reconnect = reconnect
        self.in_transaction = 0  # depth: writing() may nest (a savepoint)

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> psycopg.Cursor[Any]:
        try:
            return self._execute(sql, params)
        except psycopg.OperationalError:
            if self.reconnect is None or self.in_transaction or not self.raw.broken:
                raise
        self.raw = self.reconnect()
        return self._execute(sql, params)

    def _execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any]) -> psycopg.Cursor[Any]:
        if not params:
            return self.raw.execute(sql)  # without parameters psycopg reads `%` as it is
        return self.raw.execute(translate(sql, isinstance(params, Mapping)), pg_params(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> psycopg.Cursor[Any]:
        cursor = self.raw.cursor()
        rows = [pg_params(row) for row in rows]
        if rows:
            cursor.executemany(translate(sql, isinstance(rows[0], Mapping)), rows)  # type: ignore[arg-type]
        return cursor

    def close(self) -> None:
        self.raw.close()

    @property
    def closed(self) -> bool:
        return self.raw.closed
