"""Export columns -> RawDocument fields: the default column names and the user's --map overrides.

Fields and the column names recognised for them (case-insensitive, first match wins) are in
settings.io.COLUMN_ALIASES. `column_map` ({field: column}) replaces a field's names with one column.
A row becomes one RawDocument: content = text (format "text"), else html (format "html");
`given` = every other mapped field as a stripped string (lists joined, empty values left out).
"""
from __future__ import annotations

import json
from typing import Any, Iterable, Mapping

from ..errors import InputError, NarrascopeError
from ..settings import io as settings
from . import RawDocument

FIELDS = tuple(settings.COLUMN_ALIASES)


class ColumnMapError(NarrascopeError, ValueError):
    """A --map names a field narrascope does not know."""


def check_column_map(column_map: Mapping[str, str] | None) -> dict[str, str]:
    """{field: column lower-cased}; raises ColumnMapError for an unknown field or an empty column."""
    checked: dict[str, str] = {}
    for field, column in (column_map or {}).items():
        name = field.strip().lower()
        if name not in settings.COLUMN_ALIASES:
            raise ColumnMapError(f"unknown field {field!r} in --map {field}={column}; fields are: {', '.join(FIELDS)}")
        if not str(column).strip():
            raise ColumnMapError(f"--map {field}= names no column; write --map {field}=COLUMN")
        checked[name] = str(column).strip().lower()
    return checked


def parse_column_map(pairs: Iterable[str]) -> dict[str, str]:
    """CLI `--map text=body --map published=date` -> {"text": "body", "published": "date"} (checked)."""
    column_map: dict[str, str] = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep:
            raise ColumnMapError(f"--map {pair!r} is not FIELD=COLUMN (e.g. --map text=body)")
        column_map[field.strip()] = column.strip()
    check_column_map(column_map)
    return column_map


class ColumnResolver:
    """Finds, for a set of column names, which column feeds which field (cached per column set)."""

    def __init__(self, column_map: Mapping[str, str] | None = None):
        self.overrides = check_column_map(column_map)
        self._cache: dict[tuple[str, ...], dict[str, str]] = {}

    def resolve(self, columns: Iterable[str]) -> dict[str, str]:
        """{field: column as spelled in the input}."""
        key = tuple(columns)
        if key not in self._cache:
            self._cache[key] = self._resolve(key)
        return self._cache[key]

    def missing_overrides(self, columns: Iterable[str]) -> list[str]:
        """The --map columns absent from `columns`, as "field=column"."""
        present = {column.strip().lower() for column in columns}
        return [f"{field}={column}" for field, column in self.overrides.items() if column not in present]

    def _resolve(self, columns: tuple[str, ...]) -> dict[str, str]:
        by_lower: dict[str, str] = {}
        for column in columns:
            by_lower.setdefault(column.strip().lower(), column)
        claimed = set(self.overrides.values())
        mapping: dict[str, str] = {}
        for field, aliases in settings.COLUMN_ALIASES.items():
            if field in self.overrides:
                candidates: tuple[str, ...] = (self.overrides[field],)
            else:
                candidates = tuple(alias for alias in aliases if alias not in claimed)
            for candidate in candidates:
                if candidate in by_lower:
                    mapping[field] = by_lower[candidate]
                    break
        return mapping


def row_item(source: str, row: Mapping[str, Any], mapping: Mapping[str, str]) -> RawDocument | InputError:
    """One export row -> a RawDocument, or an InputError if it has no text or html."""
    values = {field: as_text(row.get(column), body=field in settings.BODY_FIELDS) for field, column in mapping.items()}
    text, html = values.get("text"), values.get("html")
    if not text and not html:
        return _no_body_error(source, row, mapping)
    given = {field: value for field, value in values.items() if value and field not in settings.BODY_FIELDS}
    if text:
        return RawDocument(source=source, content=text, format="text", given=given, url=given.get("url"))
    return RawDocument(source=source, content=html, format="html", given=given, url=given.get("url"))


def no_body_column_error(source: str, columns: Iterable[str]) -> InputError:
    shown = ", ".join(str(column) for column in columns) or "none"
    return InputError(source, "no text or html column", f"use --map text=COLUMN (columns: {shown})")


def _no_body_error(source: str, row: Mapping[str, Any], mapping: Mapping[str, str]) -> InputError:
    if "text" not in mapping and "html" not in mapping:
        return no_body_column_error(source, row.keys())
    used = " and ".join(repr(mapping[field]) for field in settings.BODY_FIELDS if field in mapping)
    return InputError(source, f"empty text: column {used} has nothing in this row", "fill it in, or leave the row out")


def mapping_table_markdown() -> str:
    """The column mapping as a Markdown table, generated from settings (for the README)."""
    roles = {"text": "article body (plain text)", "html": "article body (HTML), used when there is no text"}
    lines = ["| field | recognised columns (case-insensitive, first match wins) | note |", "|---|---|---|"]
    for field, aliases in settings.COLUMN_ALIASES.items():
        names = ", ".join(f"`{alias}`" for alias in aliases)
        lines.append(f"| {field} | {names} | {roles.get(field, 'optional, kept in given')} |")
    return "\n".join(lines)


def as_text(value: Any, *, body: bool = False) -> str | None:
    """A cell as a stripped string; lists joined (paragraphs for a body), None/empty -> None."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
    elif isinstance(value, list):
        parts = [part for part in (as_text(item) for item in value) if part]
        text = ("\n\n" if body else settings.LIST_JOINER).join(parts)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value).strip()
    return text or None
