"""The Parquet dataset a Dask run writes (version 1), its paths, schema and atomic writes.

    DIR/manifest.json                                 the run's inputs, stages and partitioning
    DIR/articles/published_month=YYYY-MM/part-PPPPP.parquet   one file per (month, partition); undated: "undated"
    DIR/_partitions/part-PPPPP.json                   written last for a partition: its presence means done
    DIR/duplicates/part-*.parquet, DIR/stories/part-*.parquet  corpus stages (engines.dask.dedup / stories)
    DIR/_SUCCESS.json                                 the run summary, written when every stage is done

Every file is written to a hidden temporary name in its folder and renamed, so a reader never sees half
a file, and a retried or resumed partition rewrites the same names (nothing is duplicated). Hidden and
"_"-prefixed names are ignored by pyarrow.dataset, so stray temporaries never reach a reader.
"""
from __future__ import annotations

import json
import os
import re
import uuid
from pathlib import Path
from typing import Any, Iterator

import pyarrow as pa

from ...settings import engines as settings

MANIFEST = "manifest.json"
SUCCESS = "_SUCCESS.json"
ARTICLES = "articles"
MARKERS = "_partitions"
DUPLICATES = "duplicates"
STORIES = "stories"
UNDATED = "undated"
_MONTH = re.compile(r"^\d{4}-\d{2}")
_PART_FILE = re.compile(r"^part-(\d+)\.parquet$")

ARTICLE_SCHEMA = pa.schema([
    ("id", pa.string()),
    ("seq", pa.int64()),  # (partition << 32) | position in the partition: the local engine's input order
    ("source", pa.string()),
    ("published", pa.string()),
    ("outlet", pa.string()),
    ("title", pa.string()),
    ("language", pa.string()),
    ("content_hash", pa.string()),
    ("minhash", pa.binary()),  # stages.dedup_signature.pack output; b"" = exact dedup only
    ("bands", pa.list_(pa.int64())),  # LSH band keys with the Deduplicator's (bands, rows)
    ("story_terms", pa.string()),  # JSON {term: weight}; null without text and title, or without the stories stage
    ("article", pa.string()),  # JSON of Article.to_dict(): the source of truth for load
])


def seq_of(partition: int, position: int) -> int:
    return (partition << 32) | position


def partition_of(seq: int) -> int:
    return seq >> 32


def month_of(published: str | None) -> str:
    """The published_month value of an article: "YYYY-MM", or "undated"."""
    return published[:7] if published and _MONTH.match(published) else UNDATED


def part_name(partition: int) -> str:
    return f"part-{partition:05d}"


def article_file(root: Path, month: str, partition: int) -> Path:
    return root / ARTICLES / f"published_month={month}" / f"{part_name(partition)}.parquet"


def marker_file(root: Path, partition: int) -> Path:
    return root / MARKERS / f"{part_name(partition)}.json"


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.parent / f".{path.name}.{uuid.uuid4().hex}.tmp"
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_json(path: Path, data: Any) -> None:
    write_atomic(path, json.dumps(data, indent=1, default=str).encode("utf-8"))


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


class PartitionWriter:
    """Streams one partition's rows into its month files (a Parquet row group every ROW_GROUP rows), so
    a task's memory stays flat even for a unit with many articles (a large export); each file appears
    under its final name only when complete."""

    def __init__(self, root: Path, partition: int):
        self.root, self.partition = root, partition
        self._buffers: dict[str, list[dict]] = {}
        self._writers: dict[str, tuple[Any, Path]] = {}

    def add(self, month: str, row: dict) -> None:
        buffer = self._buffers.setdefault(month, [])
        buffer.append(row)
        if len(buffer) >= settings.ROW_GROUP:
            self._flush(month)

    def _flush(self, month: str) -> None:
        import pyarrow.parquet as pq

        rows, self._buffers[month] = self._buffers[month], []
        if month not in self._writers:
            path = article_file(self.root, month, self.partition)
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.parent / f".{path.name}.{uuid.uuid4().hex}.tmp"
            self._writers[month] = (pq.ParquetWriter(temporary, ARTICLE_SCHEMA, compression="zstd"), temporary)
        self._writers[month][0].write_table(pa.Table.from_pylist(rows, schema=ARTICLE_SCHEMA))

    def close(self) -> list[str]:
        """Finish every file (rename into place); returns the months written."""
        for month in [m for m, rows in self._buffers.items() if rows]:
            self._flush(month)
        for month, (writer, temporary) in self._writers.items():
            writer.close()
            os.replace(temporary, article_file(self.root, month, self.partition))
        return sorted(self._writers)

    def abort(self) -> None:
        for writer, temporary in self._writers.values():
            writer.close()
            temporary.unlink(missing_ok=True)


def completed(root: Path) -> set[int]:
    """Partitions whose marker exists."""
    folder = root / MARKERS
    if not folder.is_dir():
        return set()
    return {int(name[5:10]) for name in os.listdir(folder) if name.startswith("part-") and name.endswith(".json")}


def read_marker(root: Path, partition: int) -> dict[str, Any]:
    return read_json(marker_file(root, partition))


def article_files(root: Path) -> dict[int, list[Path]]:
    """Partition -> its article files (one per month), listed once for the whole dataset."""
    found: dict[int, list[Path]] = {}
    folder = root / ARTICLES
    if not folder.is_dir():
        return found
    for month in sorted(os.scandir(folder), key=lambda entry: entry.name):
        if not month.is_dir() or month.name.startswith((".", "_")):
            continue
        for entry in os.scandir(month.path):
            match = _PART_FILE.match(entry.name)
            if match:
                found.setdefault(int(match.group(1)), []).append(Path(entry.path))
    return found


def remove_temporaries(root: Path) -> int:
    """Delete temporaries a killed worker left behind; returns how many."""
    removed = 0
    for path in _walk_files(root):
        if path.name.startswith(".") and path.name.endswith(".tmp"):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _walk_files(root: Path) -> Iterator[Path]:
    for folder, _, files in os.walk(root):
        for name in files:
            yield Path(folder) / name
