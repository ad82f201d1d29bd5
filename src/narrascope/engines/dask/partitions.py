"""Inputs -> ordered input units -> partitions, and the manifest that pins them for resume.

A unit is what one task reads, as JSON (it goes into the manifest):
    {"input": i, "file": "/abs/folder/a.txt"}   a file found in folder input i
    {"input": i}                                 input i itself: an explicit file or a URL
    {"input": i, "error": {source, reason, hint}} a problem met while listing input i (unreadable folder, ...)
    "repeat": true is added to a unit already listed before (see input_units)
Units come in exactly the order the local engine reads them: inputs as given, folders walked by
io.walk.folder_files (sorted, depth first) and filtered as io.read does, so `seq` order is input order.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterator, Sequence

from ...errors import InputError, NarrascopeError
from ...io.fetch import is_url
from ...io.walk import FORMATS_HINT, file_kind, folder_files, is_folder_documentation
from ...settings import engines as settings
from . import layout

Unit = dict[str, Any]


class DatasetMismatchError(NarrascopeError):
    """The output directory holds another run's dataset (other inputs or stages)."""


def absolute(given: str) -> str:
    """The absolute form of an input as the local engine reads it (corpus._read_as_given)."""
    return given if "://" in given else os.path.abspath(given)


def input_units(inputs: Sequence[str]) -> Iterator[Unit]:
    """The units of the inputs, in the local engine's reading order. A file or URL met again (named twice,
    or inside two inputs) is marked "repeat": read and counted, its articles skipped, as the local engine
    does; so no article id appears twice in the dataset."""
    seen: set[str] = set()
    for unit in _all_units(inputs):
        if "error" not in unit:
            target = unit.get("file") or absolute(inputs[unit["input"]])
            if target in seen:
                unit["repeat"] = True
            seen.add(target)
        yield unit


def _all_units(inputs: Sequence[str]) -> Iterator[Unit]:
    for index, given in enumerate(inputs):
        path = absolute(given)
        if is_url(path) or not Path(path).is_dir():
            yield {"input": index}
            continue
        for entry in folder_files(Path(path)):
            if isinstance(entry, InputError):
                yield {"input": index, "error": _error_dict(entry)}
                continue
            yield from _folder_unit(index, entry)


def _folder_unit(index: int, entry: Path) -> Iterator[Unit]:
    """As io.read._folder_items: skip what is clearly not an article, report unknown types."""
    kind = file_kind(entry)
    if kind == "skip" or is_folder_documentation(entry):
        return
    if kind == "unknown":
        suffix = "".join(entry.suffixes[-2:]) if entry.name.lower().endswith(".gz") else (entry.suffix or "(none)")
        error = InputError(str(entry), f"unsupported file type {suffix!r}, skipped",
                           "rename it (e.g. to .txt) if it is an article; " + FORMATS_HINT)
        yield {"input": index, "error": _error_dict(error)}
        return
    yield {"input": index, "file": str(entry)}


def _error_dict(error: InputError) -> dict[str, str]:
    return {"source": error.source, "reason": error.reason, "hint": error.hint}


def auto_size(units: int, threads: int) -> int:
    """Units per partition: PARTITION_SIZE, or less when that would leave worker threads idle at the end
    (at least TASKS_PER_THREAD tasks per thread, of at least MIN_PARTITION_SIZE units)."""
    balanced = -(-units // max(1, threads * settings.TASKS_PER_THREAD))
    return max(settings.MIN_PARTITION_SIZE, min(settings.PARTITION_SIZE, balanced))


def chunk(units: list[Unit], size: int = settings.PARTITION_SIZE) -> list[list[Unit]]:
    """Contiguous partitions of at most `size` units."""
    size = max(1, size)
    return [units[start:start + size] for start in range(0, len(units), size)]


def new_manifest(inputs: Sequence[str], stages: Sequence[str], stage_options: dict, partitions: list[list[Unit]],
                 options: dict[str, Any]) -> dict[str, Any]:
    return {
        "format": settings.DATASET_FORMAT, "version": settings.DATASET_VERSION,
        "stages": list(stages), "stage_options": stage_options, "inputs": list(inputs),
        "read_options": options, "partitions": len(partitions), "units": partitions,
    }


def prepare(root: Path, manifest: dict[str, Any], *, fresh: bool = False) -> dict[str, Any]:
    """Write the manifest into `root`, or check it against the one there (a resumed run).

    Returns the manifest to run: the stored one when resuming, so the partitioning never changes
    under completed partitions (a new PARTITION_SIZE does not apply to a run already started)."""
    path = root / layout.MANIFEST
    if fresh:
        clear(root)
    if path.exists():
        stored = layout.read_json(path)
        _check_same(root, stored, manifest)
        return stored
    if root.exists() and any(not name.startswith(".") for name in os.listdir(root)):
        raise DatasetMismatchError(
            f"{root} exists and is not a narrascope dataset (no {layout.MANIFEST}): "
            "choose a new --output directory")
    layout.write_json(path, manifest)
    return manifest


def _check_same(root: Path, stored: dict[str, Any], wanted: dict[str, Any]) -> None:
    if stored.get("format") != settings.DATASET_FORMAT or stored.get("version") != settings.DATASET_VERSION:
        raise DatasetMismatchError(f"{root} holds a dataset of another format or version "
                                   f"({stored.get('format')} {stored.get('version')}): use a new output "
                                   "directory or --fresh")
    for key, what in (("inputs", "inputs"), ("stages", "stages"), ("stage_options", "stage options"),
                      ("read_options", "read options")):
        if stored.get(key) != wanted[key]:
            raise DatasetMismatchError(
                f"{root} holds a run with other {what} ({stored.get(key)} instead of {wanted[key]}): "
                "use a new output directory, or --fresh to start it again")
    flat = [unit for part in stored["units"] for unit in part]
    if flat != [unit for part in wanted["units"] for unit in part]:
        raise DatasetMismatchError(
            f"{root}: the files under the inputs changed since this run started: "
            "use a new output directory, or --fresh to start it again")


def clear(root: Path) -> None:
    """Remove a previous run's dataset from `root` (only narrascope's own entries)."""
    import shutil

    if not root.exists():
        return
    if not (root / layout.MANIFEST).exists() and any(not n.startswith(".") for n in os.listdir(root)):
        raise DatasetMismatchError(f"{root} is not a narrascope dataset; refusing to clear it: "
                                   "choose another --output directory")
    for name in (layout.ARTICLES, layout.MARKERS, layout.DUPLICATES, layout.STORIES):
        shutil.rmtree(root / name, ignore_errors=True)
    for name in (layout.SUCCESS, layout.MANIFEST):
        (root / name).unlink(missing_ok=True)
