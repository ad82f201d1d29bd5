"""Readers: turn paths (folders, files, URLs) into RawDocuments, one InputError per bad input.

Contract (the rest of the pipeline relies on it):
    read_paths(paths, *, max_bytes=None, column_map=None) -> Iterator[RawDocument | InputError]
A reader never raises for a bad file: it yields an InputError naming the file (or file:line)
and goes on with the rest of the batch.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass
class RawDocument:
    source: str  # the path or URL as given; a row of an export is "path:LINE"
    content: str  # decoded text or HTML
    format: Literal["text", "html"]
    given: dict[str, Any] = field(default_factory=dict)  # title, published, outlet, author, url... from the input
    url: str | None = None


from .read import read_paths  # noqa: E402  (after RawDocument: read imports it)

__all__ = ["RawDocument", "read_paths"]
