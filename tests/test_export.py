"""Export: JSONL, CSV and Parquet round-trip the important fields and stream with flat memory."""
from __future__ import annotations

import csv
import io
import json
import tracemalloc

import pyarrow.parquet as pq
import pytest

from narrascope.export import FIELDS, JSONL_FIELDS, RAW_FIELDS, ExportError, export, parquet_schema
from narrascope.model import Article, Entity, Evidence, NarrativeLabel, Removed, Role, Statement
from narrascope.store import open_store


def full_article() -> Article:
    return Article(
        id="x1", source="ledger/2023-05-24.html", raw="<p>Minister Anika Sorell said…</p>", raw_format="html",
        url="https://marrow-ledger.example/sorell", title="Sorell: “ready to talk”", subtitle="Harbour strike",
        published="2023-05-24", published_from="html-meta", published_confidence=0.9, outlet="The Marrow Ledger",
        author="Ilse Varga", genre="news", language="en", word_count=7, truncated=True,
        text="Minister Anika Sorell said Veloria is ready.\nSecond, line with \"quotes\".",
        removed=[Removed("Photo: Ledger staff", "photo-credit", 3)], content_hash="abc", duplicate_of=None,
        entities=[Entity("Anika Sorell", "PERSON", 9, 21, "act-1")], actors=["act-1"],
        quotes=[Statement("Anika Sorell", "act-1", None, "said", "Veloria is ready", "indirect", 27, 43, "2023-05-23")],
        narratives=[NarrativeLabel("Peace talks", "Diplomacy", 0.75, "advances", [Evidence(0, 8, "Minister")])],
        roles=[Role("Anika Sorell", "act-1", 9, 21, "Protagonist", ["Peacemaker"], 0.6, [Evidence(0, 8, "Minister")])],
        story_id="s1",
    )


def bare_article(n: int, repeat: int = 20) -> Article:
    return Article(id=f"b{n:05d}", source=f"v/{n}.txt", raw="r" * 300, raw_format="text",
                   text=f"Dispatch {n}. " + "The ferries of Veloria ran late again. " * repeat,
                   published=f"2023-01-{n % 28 + 1:02d}")


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "c.db") as s:
        s.write_articles([full_article(), bare_article(1)])
        yield s


def test_jsonl_has_the_documented_fields_and_round_trips(store, tmp_path):
    path = tmp_path / "out.jsonl"
    assert export(store, "jsonl", path) == 2
    lines = path.read_text(encoding="utf-8").splitlines()
    records = {r["id"]: r for r in map(json.loads, lines)}
    full = records["x1"]
    assert list(full) == list(JSONL_FIELDS)
    assert full["removed"] == [{"text": "Photo: Ledger staff", "reason": "photo-credit"}]
    assert full["quotes"][0]["said_on"] == "2023-05-23" and full["roles"][0]["fine_roles"] == ["Peacemaker"]
    assert full["narratives"][0]["evidence"] == [{"start": 0, "end": 8, "text": "Minister"}]
    assert (full["title"], full["truncated"], full["published_confidence"]) == ("Sorell: “ready to talk”", True, 0.9)
    bare = records["b00001"]
    assert bare["entities"] == [] and bare["quotes"] == [] and bare["story_id"] is None and bare["duplicate_of"] is None
    assert "raw" not in full


def test_include_raw_and_streams(store):
    text_out = io.StringIO()
    export(store, "jsonl", text_out, include_raw=True)
    record = json.loads(text_out.getvalue().splitlines()[-1])
    assert record["raw"] == "<p>Minister Anika Sorell said…</p>" and record["raw_format"] == "html"
    binary_out = io.BytesIO()
    export(store, "jsonl", binary_out)
    assert not binary_out.closed and binary_out.getvalue().decode("utf-8").count("\n") == 2


def test_csv_round_trips(store):
    out = io.StringIO()
    export(store, "csv", out)
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}
    full = rows["x1"]
    assert list(full) == list(JSONL_FIELDS)
    assert full["text"] == full_article().text  # newlines and quotes survive CSV quoting
    assert json.loads(full["quotes"])[0]["text"] == "Veloria is ready"
    assert (full["truncated"], full["published"], full["duplicate_of"]) == ("true", "2023-05-24", "")


def test_parquet_round_trips_with_nested_schema(store, tmp_path):
    path = tmp_path / "out.parquet"
    assert export(store, "parquet", path) == 2
    table = pq.read_table(path)
    assert table.schema.equals(parquet_schema())
    full = next(r for r in table.to_pylist() if r["id"] == "x1")
    assert full["removed"] == [{"text": "Photo: Ledger staff", "reason": "photo-credit"}]
    assert full["roles"][0]["evidence"] == [{"start": 0, "end": 8, "text": "Minister"}]
    assert (full["word_count"], full["truncated"], full["published_confidence"]) == (7, True, 0.9)


def test_parquet_refuses_a_text_stream_and_unknown_formats_are_named(store):
    with pytest.raises(ExportError, match="binary"):
        export(store, "parquet", io.StringIO())
    with pytest.raises(ExportError, match="jsonl, csv, parquet"):
        export(store, "xml", io.StringIO())


def test_fields_are_documented_and_model_backed():
    assert all(f.doc for f in FIELDS) and len(set(JSONL_FIELDS)) == len(JSONL_FIELDS)
    assert set(JSONL_FIELDS + RAW_FIELDS) <= set(Article.__dataclass_fields__)


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    """5,000 articles of ~2.7 kB each (about 14 MB of text and raw input)."""
    with open_store(tmp_path_factory.mktemp("big") / "big.db") as store:
        for start in range(0, 5000, 500):
            store.write_articles([bare_article(n, repeat=60) for n in range(start, start + 500)])
        yield store


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_memory_stays_flat(big_store, tmp_path, fmt):
    out = tmp_path / f"big.{fmt}"
    tracemalloc.start()
    try:
        assert export(big_store, fmt, out) == 5000
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # the whole corpus would take > 14 MB; streaming holds one read batch (or one Parquet row group)
    assert peak < 6_000_000, f"peak {peak / 1e6:.1f} MB while exporting {fmt}"
