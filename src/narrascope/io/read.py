"""The readers' one entry point: paths (folders, files, URLs) -> RawDocuments and InputErrors.

    for item in read_paths(["articles/", "export.jsonl", "https://example.org/feed.xml"]):
        if isinstance(item, InputError): ...   # goes to the run summary; the batch goes on

Never raises for bad input: every problem is one InputError(source, reason, hint), yielded in
order. Streams: one file (one export row, one feed entry) at a time, so memory stays flat.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

from ..errors import InputError
from ..settings import pipeline as pipeline_settings
from . import RawDocument
from .columns import ColumnResolver
from .documents import document_items
from .fetch import fetch_url, is_url
from .files import read_capped
from .tabular import csv_items, json_items, jsonl_items
from .walk import FORMATS_HINT, file_kind, folder_files, is_folder_documentation

log = logging.getLogger(__name__)

Item = RawDocument | InputError
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_paths(paths: Iterable[str | Path] | str | Path, *, max_bytes: int | None = None,
               column_map: Mapping[str, str] | None = None) -> Iterator[Item]:
    """Yield a RawDocument per article and an InputError per problem, in input order.

    paths: folders (recursive, sorted, hidden entries skipped), files, http(s) URLs.
    max_bytes: whole-file limit (default settings.pipeline.MAX_FILE_BYTES); JSONL/CSV exports are
        streamed and exempt (a per-row limit applies instead).
    column_map: {field: column} overrides for exports (see narrascope.io.columns).
    Raises ColumnMapError at once if column_map names an unknown field; nothing else is raised.
    """
    resolver = ColumnResolver(column_map)
    limit = pipeline_settings.MAX_FILE_BYTES if max_bytes is None else max_bytes
    if isinstance(paths, (str, Path)):
        paths = [paths]
    return _read_all(paths, limit, resolver)


def _read_all(paths: Iterable[str | Path], limit: int, resolver: ColumnResolver) -> Iterator[Item]:
    for given in paths:
        if isinstance(given, str) and is_url(given):
            yield from _guarded(given, lambda url=given: _url_items(url, limit))
            continue
        path = Path(given)
        if path.is_dir():
            yield from _folder_items(path, limit, resolver)
        else:
            yield from _explicit_file_items(path, limit, resolver)


def _folder_items(folder: Path, limit: int, resolver: ColumnResolver) -> Iterator[Item]:
    for entry in folder_files(folder):
        if isinstance(entry, InputError):
            yield entry
            continue
        kind = file_kind(entry)
        if kind == "skip" or is_folder_documentation(entry):
            continue
        if kind == "unknown":
            yield InputError(str(entry), f"unsupported file type {_suffix(entry)!r}, skipped",
                             "rename it (e.g. to .txt) if it is an article; " + FORMATS_HINT)
            continue
        yield from _guarded(str(entry), lambda path=entry, kind=kind: _file_items(path, kind, limit, resolver))


def _explicit_file_items(path: Path, limit: int, resolver: ColumnResolver) -> Iterator[Item]:
    kind = file_kind(path)
    if kind == "skip":
        yield InputError(str(path), f"unsupported file type {_suffix(path)!r} (not an article format)", FORMATS_HINT)
        return
    yield from _guarded(str(path), lambda: _file_items(path, "auto" if kind == "unknown" else kind, limit, resolver))


def _file_items(path: Path, kind: str, limit: int, resolver: ColumnResolver) -> Iterator[Item]:
    if kind == "jsonl":
        yield from jsonl_items(path, resolver)
    elif kind == "csv":
        yield from csv_items(path, resolver)
    elif kind == "json":
        yield from json_items(path, resolver, limit)
    else:
        yield from document_items(str(path), read_capped(path, limit), kind)  # type: ignore[arg-type]


def _url_items(url: str, limit: int) -> Iterator[Item]:
    fetched = fetch_url(url, max_bytes=limit)
    if fetched.content_type in _FEED_TYPES:
        kind = "feed"
    elif fetched.content_type in _HTML_TYPES:
        kind = "html"
    else:
        kind = "auto"
    yield from document_items(url, fetched.data, kind, declared=fetched.charset, url=fetched.url)  # type: ignore[arg-type]


def _guarded(source: str, items: Callable[[], Iterator[Item]]) -> Iterator[Item]:
    """Run one input's reader; an InputError it raises is yielded, and so is, as a last resort,
    any unexpected exception (a reader bug must not end the batch)."""
    try:
        yield from items()
    except InputError as error:
        yield error
    except Exception as exc:  # noqa: BLE001 - one input's failure must not stop the batch
        log.debug("reading %s failed", source, exc_info=True)
        yield InputError(source, f"could not be read: {type(exc).__name__}: {exc}",
                         "this is a narrascope bug; please report it with the file")


def _suffix(path: Path) -> str:
    suffixes = path.suffixes
    if len(suffixes) >= 2 and suffixes[-1].lower() == ".gz":
        return suffixes[-2] + suffixes[-1]
    return path.suffix or "(none)"
