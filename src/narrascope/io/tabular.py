"""JSONL, CSV and JSON exports -> one RawDocument per row, streamed row by row.

JSONL and CSV are never read whole: memory stays flat whatever the file size, and the whole-file
limit does not apply; instead a line longer than MAX_ROW_BYTES is reported and skipped. A bad row
is one InputError ("path:LINE: ...") and the rest of the file still loads.
"""
from __future__ import annotations

import csv
import io
import json
import zlib
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from ..errors import InputError
from ..settings import io as settings
from . import RawDocument
from .columns import ColumnResolver, no_body_column_error, row_item
from .decode import NotTextError, decode_bytes
from .files import close_stream, gzip_error, human_size, open_stream, read_capped
from .sniff import utf16_byte_order

Item = RawDocument | InputError


def jsonl_items(path: Path, resolver: ColumnResolver) -> Iterator[Item]:
    """One item per non-blank line of a JSON Lines file (.jsonl, .jsonl.gz)."""
    yield from _guarded_stream(path, lambda stream: _jsonl_rows(path, stream, resolver))


def csv_items(path: Path, resolver: ColumnResolver) -> Iterator[Item]:
    """One item per row of a CSV (or TSV) file with a header line; quoted newlines allowed."""
    yield from _guarded_stream(path, lambda stream: _csv_rows(path, stream, resolver))


def json_items(path: Path, resolver: ColumnResolver, max_bytes: int) -> Iterator[Item]:
    """A .json file: one object (one document) or an array of objects ("path#N", 1-based)."""
    try:
        text, _ = decode_bytes(read_capped(path, max_bytes))
        value = json.loads(text)
    except InputError as error:
        yield error
        return
    except NotTextError as exc:
        yield InputError(str(path), exc.reason, exc.hint)
        return
    except ValueError as exc:
        yield InputError(str(path), f"is not valid JSON ({exc})", "check the file; for one object per line use .jsonl")
        return
    if isinstance(value, dict):
        yield _object_item(str(path), value, resolver)
    elif isinstance(value, list):
        for index, element in enumerate(value, start=1):
            yield _object_item(f"{path}#{index}", element, resolver)
    else:
        yield InputError(str(path), "JSON is neither an object nor an array of objects", "check the export")


def _guarded_stream(path: Path, rows: Any) -> Iterator[Item]:
    try:
        stream = open_stream(path)
    except InputError as error:
        yield error
        return
    try:
        yield from rows(stream)
    except (OSError, EOFError, zlib.error) as exc:
        yield gzip_error(path, exc) if path.name.lower().endswith(".gz") else InputError(str(path), f"read failed ({exc})")
    finally:
        close_stream(stream)


# --- JSONL -------------------------------------------------------------------------------------

def _jsonl_rows(path: Path, stream: BinaryIO, resolver: ColumnResolver) -> Iterator[Item]:
    rows = 0
    for item in _jsonl_line_items(path, stream, resolver):
        rows += 1
        yield item
    if not rows:
        yield InputError(str(path), "empty file (no JSON lines)", "remove it, or re-export it")


def _jsonl_line_items(path: Path, stream: BinaryIO, resolver: ColumnResolver) -> Iterator[Item]:
    for line_number, line in _capped_lines(stream):
        source = f"{path}:{line_number}"
        if line is None:
            yield _long_line_error(source)
            continue
        if line_number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        try:
            value = json.loads(_decode_line(line))
        except (ValueError, NotTextError) as exc:
            yield InputError(source, f"malformed JSON line ({exc})", "fix or remove this line; the other lines are read")
            continue
        yield _object_item(source, value, resolver)


def _capped_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each line; None instead of a line longer than MAX_ROW_BYTES."""
    limit = settings.MAX_ROW_BYTES
    line_number = 0
    while line := stream.readline(limit + 1):
        line_number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(settings.STREAM_CHUNK_BYTES)) and not rest.endswith(b"\n"):
                pass  # drain the over-long line without keeping it
            yield line_number, None
        else:
            yield line_number, line


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return decode_bytes(line)[0]


def _object_item(source: str, value: Any, resolver: ColumnResolver) -> Item:
    if not isinstance(value, dict):
        return InputError(source, f"is a JSON {type(value).__name__}, not an object", "each row must be a {...} object")
    return row_item(source, value, resolver.resolve(value.keys()))


def _long_line_error(source: str) -> InputError:
    return InputError(source, f"row is longer than the {human_size(settings.MAX_ROW_BYTES)} per-row limit",
                      "split the row, or raise settings.io.MAX_ROW_BYTES")


# --- CSV ---------------------------------------------------------------------------------------

def _csv_rows(path: Path, stream: BinaryIO, resolver: ColumnResolver) -> Iterator[Item]:
    _raise_field_size_limit()
    try:
        encoding = _csv_encoding(stream)
    except NotTextError as exc:
        yield InputError(str(path), exc.reason, exc.hint)
        return
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
    try:
        yield from _csv_text_rows(path, text, resolver)
    finally:
        text.detach()  # the caller closes the stream itself


def _csv_text_rows(path: Path, text: io.TextIOWrapper, resolver: ColumnResolver) -> Iterator[Item]:
    long_lines: list[int] = []
    lines = _capped_text_lines(text, long_lines)
    first = next(lines, "")
    delimiter = "\t" if path.name.lower().removesuffix(".gz").endswith(".tsv") else _delimiter(first)
    reader = csv.reader(_chain_first(first, lines), delimiter=delimiter)
    header = next(reader, None)
    if not header:
        yield InputError(str(path), "empty file (no header line)", "remove it, or re-export it with a header")
        return
    missing = resolver.missing_overrides(header)
    mapping = resolver.resolve(header)
    if missing or ("text" not in mapping and "html" not in mapping):
        yield _header_error(f"{path}:1", header, missing)
        return
    yield from _csv_records(path, reader, header, mapping, long_lines)


def _csv_records(path: Path, reader: Any, header: list[str], mapping: dict[str, str],
                 long_lines: list[int]) -> Iterator[Item]:
    rows = 0
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # the parser cannot find the next row reliably after this: stop
            yield InputError(f"{path}:{start}", f"malformed CSV row ({exc}); the rest of the file was not read",
                             "fix the row (a field may exceed settings.io.MAX_ROW_BYTES) and read the file again")
            return
        while long_lines:
            yield _long_line_error(f"{path}:{long_lines.pop(0)}")
        if any(cell.strip() for cell in row):
            rows += 1
            yield row_item(f"{path}:{start}", dict(zip(header, row)), mapping)
    if not rows:
        yield InputError(str(path), "no rows (only a header line)", "remove it, or re-export it")
    for line_number in long_lines:
        yield _long_line_error(f"{path}:{line_number}")


def _header_error(source: str, header: list[str], missing: list[str]) -> InputError:
    if missing:
        return InputError(source, f"column not found: --map {', '.join(missing)}",
                          f"the header has: {', '.join(header)}")
    return no_body_column_error(source, header)


def _csv_encoding(stream: BinaryIO) -> str:
    """Pick the encoding from the head of the file, then rewind."""
    sample = stream.read(settings.CSV_SAMPLE_BYTES)
    stream.seek(0)
    if not sample:
        return "utf-8"
    if len(sample) == settings.CSV_SAMPLE_BYTES:
        sample = _whole_lines(sample)
    encoding = decode_bytes(sample)[1]
    return "utf-8" if encoding == "utf-8/replace" else encoding


def _whole_lines(sample: bytes) -> bytes:
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_byte_order(sample):
        return sample[: len(sample) // 2 * 2]
    cut = sample.rfind(b"\n")
    return sample[: cut + 1] if cut > 0 else sample


def _capped_text_lines(text: io.TextIOWrapper, long_lines: list[int]) -> Iterator[str]:
    """Lines of the text stream; an over-long line is drained, noted in long_lines and read as empty."""
    limit = settings.MAX_ROW_BYTES
    line_number = 0
    while line := text.readline(limit + 1):
        line_number += 1
        if len(line) > limit and not line.endswith(("\n", "\r")):
            while (rest := text.readline(settings.STREAM_CHUNK_BYTES)) and not rest.endswith(("\n", "\r")):
                pass
            long_lines.append(line_number)
            line = "\n"
        yield line


def _chain_first(first: str, rest: Iterator[str]) -> Iterator[str]:
    if first:
        yield first
    yield from rest


def _delimiter(header_line: str) -> str:
    counts = {candidate: header_line.count(candidate) for candidate in settings.CSV_DELIMITERS}
    best = max(counts, key=lambda candidate: counts[candidate])
    return best if counts[best] else ","


def _raise_field_size_limit() -> None:
    if csv.field_size_limit() < settings.MAX_ROW_BYTES:
        csv.field_size_limit(settings.MAX_ROW_BYTES)
