"""Article <-> table rows, built from the model's dataclasses so new fields need no code here.

- `article_values(article, columns)` / `article_row(article)`: one value per Article field; list and dict fields become JSON text,
  bools become 0/1.
- `article_from_row(row)`: the inverse; the Article comes back equal to the one written.
- `child_values(article, table, columns)` / `child_rows(article)`: for each child table (removed_lines, entities, quotes, ...) one row per
  list item: article_id, ordinal, then the item's dataclass fields (nested lists as JSON).

Strings that cannot be encoded as UTF-8 (lone surrogates from a lenient decoder) are stored as a
BLOB of their `surrogatepass` encoding and decoded back, so nothing is lost or refused.
"""
from __future__ import annotations

import dataclasses
import json
import operator
import typing
from functools import lru_cache
from typing import Any, Iterator, Sequence

from ..model import Article, Entity, NarrativeLabel, Removed, Role, StageError, Statement

# child table -> (Article list field, item dataclass, or None for a list of plain strings)
CHILD_TABLES: dict[str, tuple[str, type | None]] = {
    "removed_lines": ("removed", Removed),
    "entities": ("entities", Entity),
    "article_actors": ("actors", None),
    "quotes": ("quotes", Statement),
    "narratives": ("narratives", NarrativeLabel),
    "roles": ("roles", Role),
    "stage_errors": ("errors", StageError),
}
PLAIN_LIST_COLUMN = {"article_actors": "actor_id"}  # the column of a plain-string list item

TRANSIENT_FIELDS = frozenset({"signature"})  # computed for the main process, never stored
ARTICLE_FIELDS: tuple[str, ...] = tuple(
    f.name for f in dataclasses.fields(Article) if f.name not in TRANSIENT_FIELDS
)


def _field_kinds() -> dict[str, str]:
    """'json' for list/dict fields, 'bool' for bools, 'plain' for the rest."""
    kinds = {}
    for name, hint in typing.get_type_hints(Article).items():
        origin = typing.get_origin(hint)
        if origin in (list, dict):
            kinds[name] = "json"
        elif hint is bool:
            kinds[name] = "bool"
        else:
            kinds[name] = "plain"
    return kinds


FIELD_KINDS = _field_kinds()


def to_json(value: Any) -> str:
    return _ENCODER.encode(value)


def _json_default(value: Any) -> Any:
    """Non-JSON values a reader may leave in `given` (dates, sets): stored as ISO strings or lists."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    return str(value)


# One encoder for every value (json.dumps with options builds a new encoder per call).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_json_default)


def sql_text(value: Any) -> Any:
    """A str SQLite can store: UTF-8 if possible, else a surrogatepass BLOB (read back by `from_sql`)."""
    if isinstance(value, str) and not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return value.encode("utf-8", "surrogatepass")
    return value


def from_sql(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.decode("utf-8", "surrogatepass")
    return value


def article_values(article: Article, columns: Sequence[str]) -> tuple[Any, ...]:
    """The article's values for `columns`, in that order (no deep copies: rows are built field by field)."""
    values = []
    for name in columns:
        value = getattr(article, name)
        kind = FIELD_KINDS[name]
        if kind == "json":
            value = to_json(_plain(value))
        elif kind == "bool":
            value = int(bool(value))
        values.append(_sql(value))
    return tuple(values)


def article_row(article: Article) -> dict[str, Any]:
    return dict(zip(ARTICLE_FIELDS, article_values(article, ARTICLE_FIELDS)))


def article_from_row(row: dict[str, Any]) -> Article:
    data = {}
    for name in ARTICLE_FIELDS:
        if name not in row:
            continue
        value = from_sql(row[name])
        kind = FIELD_KINDS[name]
        if kind == "json":
            value = json.loads(value) if value else None
        elif kind == "bool":
            value = bool(value)
        data[name] = value
    return Article.from_dict({k: v for k, v in data.items() if v is not None or FIELD_KINDS[k] == "plain"})


def child_columns(table: str) -> list[str]:
    """The columns of a child table's rows: article_id, ordinal, then the item's fields."""
    _field, kind = CHILD_TABLES[table]
    names = _item_fields(kind) if kind is not None else (PLAIN_LIST_COLUMN[table],)
    return ["article_id", "ordinal", *names]


def child_values(article: Article, table: str, columns: Sequence[str]) -> list[tuple[Any, ...]]:
    """One tuple of `columns` values per list item of the article for this child table."""
    field_name, kind = CHILD_TABLES[table]
    items = getattr(article, field_name)
    if not items:
        return []
    if kind is None:
        return [(article.id, ordinal, _sql(item)) for ordinal, item in enumerate(items)]
    names, getter, json_positions = _item_shape(kind)
    if tuple(columns[2:]) != names:  # a table missing a column (older schema): pick by name
        getter = operator.attrgetter(*columns[2:])
        json_positions = frozenset(i for i, name in enumerate(columns[2:]) if _is_json_field(kind, name))
    rows = []
    for ordinal, item in enumerate(items):
        values = getter(item)
        if json_positions:
            values = [to_json(_plain(v)) if i in json_positions else v for i, v in enumerate(values)]
        rows.append((article.id, ordinal, *[_sql(v) for v in values]))
    return rows


def child_rows(article: Article) -> Iterator[tuple[str, dict[str, Any]]]:
    """(table, row) for every list item of the article."""
    for table in CHILD_TABLES:
        columns = child_columns(table)
        for values in child_values(article, table, columns):
            yield table, dict(zip(columns, values))


def item_from_row(kind: type, row: dict[str, Any]) -> Any:
    """Rebuild a flat child item (e.g. a Statement from a `quotes` row)."""
    names = {f.name for f in dataclasses.fields(kind)}
    return kind(**{key: from_sql(value) for key, value in row.items() if key in names})


@lru_cache(maxsize=None)
def _item_fields(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


@lru_cache(maxsize=None)
def _is_json_field(kind: type, name: str) -> bool:
    return typing.get_origin(typing.get_type_hints(kind)[name]) in (list, dict)


@lru_cache(maxsize=None)
def _item_shape(kind: type) -> tuple[tuple[str, ...], Any, frozenset[int]]:
    """The item's field names, a getter of all their values at once, and which are lists (JSON)."""
    names = _item_fields(kind)
    getter = operator.attrgetter(*names) if len(names) > 1 else (lambda item: (getattr(item, names[0]),))
    return names, getter, frozenset(i for i, name in enumerate(names) if _is_json_field(kind, name))


def _sql(value: Any) -> Any:
    return sql_text(value) if value.__class__ is str and not value.isascii() else value


def _plain(value: Any) -> Any:
    """Dataclass items (and their nested dataclass lists) as dicts for JSON, without asdict's deep copies."""
    if isinstance(value, list):
        return [_as_dict(v) if dataclasses.is_dataclass(v) else v for v in value]
    return value


def _as_dict(item: Any) -> dict[str, Any]:
    names, getter, json_positions = _item_shape(type(item))
    values = getter(item)
    if json_positions:
        values = [_plain(v) if i in json_positions else v for i, v in enumerate(values)]
    return dict(zip(names, values))
