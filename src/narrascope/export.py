"""Export a stored corpus as JSONL (the canonical format), CSV or Parquet, streaming from the store.

    from narrascope.export import export
    export(store, "jsonl", "corpus.jsonl")          # or a text/binary stream, e.g. sys.stdout

Every format has the same fields, in the order of `FIELDS` (`JSONL_FIELDS` are their names), plus
`RAW_FIELDS` with `include_raw=True`. JSONL keeps lists as JSON arrays of objects; CSV flattens
them to JSON strings; Parquet has an explicit nested schema (lists of structs) and is written in
row groups, so memory stays flat whatever the corpus size.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import types
import typing
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterator, Literal

from .errors import NarrascopeError
from .model import Article

Format = Literal["jsonl", "csv", "parquet"]
FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")
PARQUET_ROW_GROUP = 1000  # articles per Parquet row group (and per batch held in memory)


class ExportError(NarrascopeError):
    """The export format or target is not usable."""


@dataclass(frozen=True)
class ExportField:
    name: str
    doc: str


FIELDS: tuple[ExportField, ...] = (
    ExportField("id", "stable article id (hash of source and raw content)"),
    ExportField("source", "the file, file:line or URL the article was read from"),
    ExportField("url", "the article's URL, when known"),
    ExportField("title", "headline"),
    ExportField("subtitle", "standfirst / subheading"),
    ExportField("published", "publication date, ISO 8601 (YYYY-MM-DD or datetime); null when unknown"),
    ExportField("published_from", "where the date came from: given, html-meta, header, inferred, ..."),
    ExportField("published_confidence", "confidence in the date, 0-1"),
    ExportField("outlet", "publishing outlet"),
    ExportField("author", "byline"),
    ExportField("genre", "news, opinion, analysis, ..."),
    ExportField("language", "ISO 639-1 language code"),
    ExportField("word_count", "words in the clean text"),
    ExportField("truncated", "true if the body looks cut off"),
    ExportField("text", "the clean article body"),
    ExportField("removed", "lines removed as noise or header: list of {text, reason}"),
    ExportField("content_hash", "sha1 of the normalised text (equal for exact duplicates)"),
    ExportField("duplicate_of", "id of the original this article copies; null for originals"),
    ExportField("entities", "named entities: list of {text, label, start, end, actor_id}"),
    ExportField("actors", "ids of the canonical actors mentioned"),
    ExportField("quotes", "statements: list of {speaker, speaker_actor_id, via, cue, text, kind, start, end, said_on}"),
    ExportField("narratives", "list of {label, parent, score, stance, evidence: [{start, end, text}]}"),
    ExportField("roles", "actor framing: list of {actor, actor_id, start, end, main_role, fine_roles, score, "
                         "evidence}"),
    ExportField("story_id", "the story: articles on the same event or issue within days (stable id)"),
    ExportField("thread_id", "the thread: stories of one recurring topic over months"),
    ExportField("errors", "stage failures on this article: list of {stage, message}"),
)
JSONL_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS)
RAW_FIELDS: tuple[str, ...] = ("raw_format", "raw")  # added with include_raw=True


def export(
    store: Any,
    fmt: Format,
    out: str | Path | IO[str] | IO[bytes],
    *,
    include_raw: bool = False,
    originals_only: bool = False,
) -> int:
    """Write every stored article (ordered by published, then id) to `out`; return how many."""
    writers = {"jsonl": _write_jsonl, "csv": _write_csv, "parquet": _write_parquet}
    if fmt not in writers:
        raise ExportError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    names = JSONL_FIELDS + (RAW_FIELDS if include_raw else ())
    articles = store.iter_articles(originals_only=originals_only, with_raw=include_raw)
    records = (article_record(a, names) for a in articles)
    return writers[fmt](records, names, out)


def schema_markdown() -> str:
    """The export schema as a Markdown table (for the README; a test keeps the two in step)."""
    lines = ["| field | meaning |", "|---|---|"]
    lines += [f"| `{f.name}` | {f.doc} |" for f in FIELDS]
    lines += [f"| `{name}` | raw input (with `include_raw`) |" for name in RAW_FIELDS]
    return "\n".join(lines)


def article_record(article: Article, names: tuple[str, ...] = JSONL_FIELDS) -> dict[str, Any]:
    record = {}
    for name in names:
        value = getattr(article, name)
        if name == "removed":
            value = [{"text": r.text, "reason": r.reason} for r in value]
        elif isinstance(value, list):
            value = [dataclasses.asdict(v) if dataclasses.is_dataclass(v) else v for v in value]
        record[name] = value
    return record


def _write_jsonl(records: Iterator[dict[str, Any]], names: tuple[str, ...], out: Any) -> int:
    count = 0
    with _text_stream(out) as stream:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def _write_csv(records: Iterator[dict[str, Any]], names: tuple[str, ...], out: Any) -> int:
    count = 0
    with _text_stream(out) as stream:
        writer = csv.writer(stream)
        writer.writerow(names)
        for record in records:
            writer.writerow([_csv_value(record[name]) for name in names])
            count += 1
    return count


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _write_parquet(records: Iterator[dict[str, Any]], names: tuple[str, ...], out: Any) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    if isinstance(out, io.TextIOBase):
        raise ExportError("parquet is binary: give a file path or a binary stream, not a text stream")
    schema = parquet_schema(names)
    count, batch = 0, []
    with pq.ParquetWriter(str(out) if isinstance(out, Path) else out, schema) as writer:
        for record in records:
            batch.append(record)
            if len(batch) >= PARQUET_ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count, batch = count + len(batch), []
        if batch or not count:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


def parquet_schema(names: tuple[str, ...] = JSONL_FIELDS):
    """The explicit Arrow schema of an export, derived from the Article model's type hints."""
    import pyarrow as pa

    hints = typing.get_type_hints(Article)
    fields = []
    for name in names:
        if name == "removed":
            arrow = pa.list_(pa.struct([("text", pa.string()), ("reason", pa.string())]))
        else:
            arrow = _arrow_type(hints[name])
        fields.append(pa.field(name, arrow))
    return pa.schema(fields)


def _arrow_type(hint: Any):
    import pyarrow as pa

    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return _arrow_type(next(a for a in args if a is not type(None)))
    if origin is Literal:
        return pa.string()
    if origin is list:
        return pa.list_(_arrow_type(args[0]))
    if dataclasses.is_dataclass(hint):
        item_hints = typing.get_type_hints(hint)
        return pa.struct([(f.name, _arrow_type(item_hints[f.name])) for f in dataclasses.fields(hint)])
    scalars = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    if hint in scalars:
        return scalars[hint]
    raise ExportError(f"no Parquet type for {hint!r}: add it to narrascope.export._arrow_type")


@contextmanager
def _text_stream(out: Any) -> Iterator[IO[str]]:
    """A text stream on a path, a text stream, or a binary stream (left open for the caller)."""
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as stream:
            yield stream
        return
    try:
        out.write("")
    except TypeError:  # a binary stream
        wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="")
        try:
            yield wrapper
        finally:
            wrapper.flush()
            wrapper.detach()
        return
    yield out
