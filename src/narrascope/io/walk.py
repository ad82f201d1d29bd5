"""Folders -> their files, recursively, in a deterministic (sorted) order; hidden entries skipped."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..settings import io as settings

FORMATS_HINT = (
    "narrascope reads .txt, .html/.htm, .jsonl, .csv/.tsv, .json, RSS/Atom feeds (.xml/.rss/.atom), "
    "each also .gz-compressed, and http(s) URLs"
)


def file_kind(path: Path) -> str:
    """"text", "html", "feed", "jsonl", "csv", "json"; "skip" (clearly not an article); or "unknown"."""
    name = path.name.lower().removesuffix(settings.GZIP_EXTENSION)
    suffix = os.path.splitext(name)[1]
    for kind, extensions in (
        ("text", settings.TEXT_EXTENSIONS),
        ("html", settings.HTML_EXTENSIONS),
        ("feed", settings.FEED_EXTENSIONS),
        ("jsonl", settings.JSONL_EXTENSIONS),
        ("csv", settings.CSV_EXTENSIONS),
        ("json", settings.JSON_EXTENSIONS),
    ):
        if suffix in extensions:
            return kind
    if suffix in settings.SKIP_EXTENSIONS or os.path.splitext(path.name.lower())[1] in settings.SKIP_EXTENSIONS:
        return "skip"
    return "unknown"


def is_folder_documentation(path: Path) -> bool:
    """README.md, LICENSE, CHANGELOG.txt...: about the folder, not an article in it."""
    return path.name.lower().split(".", 1)[0] in settings.SKIP_STEMS


def folder_files(root: Path) -> Iterator[Path | InputError]:
    """Every non-hidden file under root, depth first, entries sorted by name; symlinked folders are
    followed once (a link loop is not followed twice)."""
    visited: set[tuple[int, int]] = set()
    yield from _walk(root, visited)


def _walk(folder: Path, visited: set[tuple[int, int]]) -> Iterator[Path | InputError]:
    try:
        info = folder.stat()
        if (info.st_dev, info.st_ino) in visited:
            return
        visited.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except PermissionError:
        yield InputError(str(folder), "permission denied (folder)", "make the folder readable (chmod) or leave it out")
        return
    except OSError as exc:
        yield InputError(str(folder), f"folder cannot be read ({exc.strerror or exc})", "check the path")
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name in settings.SKIP_NAMES:
            continue
        try:
            is_folder = entry.is_dir()
        except OSError:
            is_folder = False
        if is_folder:
            yield from _walk(Path(entry.path), visited)
        else:
            yield Path(entry.path)
