"""The CLI and the Python API end to end, on a small fictional corpus (foundation stages)."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import narrascope
from narrascope.cli import app

BODY = (
    "Foreign Minister Anika Sorell said on Tuesday that Veloria was ready to resume talks with Estmark "
    "over the Ostra crossing, provided that the ceasefire held for a full month.\n\n"
    "Estmark's government called the offer a manoeuvre to buy time before the spring, and said that "
    "no delegation would travel to Marrow while troops remained on the river.\n\n"
    "Analysts at the Tarn Institute said both sides had reasons to keep the channel open, and that "
    "the next round of prisoner exchanges would show whether either capital meant what it said."
)


@pytest.fixture()
def corpus_dir(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "sorell.txt").write_text(f"03.03.2023.\n\nVeloria offers talks on the Ostra crossing\n\n{BODY}\n", encoding="utf-8")
    (folder / "sorell-copy.txt").write_text(f"Veloria offers talks, again\n\n{BODY}\n\nSource link\n", encoding="utf-8")
    (folder / "other.txt").write_text(
        "Harvest festival opens in Kessa\n\nThe annual harvest festival opened in Kessa on Saturday with a parade of "
        "tractors decorated by schoolchildren, a market of forty stalls and a concert by the city orchestra.\n",
        encoding="utf-8",
    )
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return folder


def run(*args):
    result = CliRunner(env={"COLUMNS": "250"}).invoke(app, list(args), catch_exceptions=False)
    return result


def test_analyze_stores_articles_reports_bad_files_and_is_idempotent(corpus_dir, tmp_path):
    db = str(tmp_path / "c.db")
    first = run("analyze", str(corpus_dir), "--db", db, "--stages", "foundation", "--workers", "1")
    assert first.exit_code == 0, first.output
    assert "broken.txt" in first.output and "binary" in first.output
    with narrascope.open_corpus(db) as corpus:
        assert len(corpus) == 3
        by_name = {a.source.rsplit("/", 1)[-1]: a for a in corpus}
    assert by_name["sorell.txt"].published == "2023-03-03"
    assert by_name["sorell-copy.txt"].duplicate_of == by_name["sorell.txt"].id
    assert by_name["other.txt"].duplicate_of is None

    again = run("analyze", str(corpus_dir), "--db", db, "--stages", "foundation", "--workers", "1")
    assert again.exit_code == 0
    with narrascope.open_corpus(db) as corpus:
        assert len(corpus) == 3


def test_export_jsonl_and_search(corpus_dir, tmp_path):
    db = str(tmp_path / "c.db")
    narrascope.analyze([corpus_dir], db=db, stages="foundation", workers=1).close()
    exported = run("export", "--db", db)
    lines = [json.loads(line) for line in exported.stdout.splitlines()]
    assert len(lines) == 3
    titles = {line["title"] for line in lines}
    assert "Veloria offers talks on the Ostra crossing" in titles
    copy = next(line for line in lines if line["source"].endswith("sorell-copy.txt"))
    assert {"text": "Source link", "reason": "source-link"} in [
        {"text": r["text"], "reason": r["reason"]} for r in copy["removed"]
    ]
    found = run("search", "tractors", "--db", db)
    assert found.exit_code == 0 and "Harvest festival" in found.stdout


def test_nothing_readable_exits_non_zero(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = run("analyze", str(bad), "--db", str(tmp_path / "c.db"), "--stages", "foundation")
    assert result.exit_code == 1
    assert "empty file" in result.output


def test_bad_options_say_what_to_do(corpus_dir, tmp_path):
    result = run("analyze", str(corpus_dir), "--db", str(tmp_path / "c.db"), "--map", "body")
    assert result.exit_code != 0 and "FIELD=COLUMN" in result.output
    missing = run("export", "--db", str(tmp_path / "nope.db"))
    assert missing.exit_code == 1 and "narrascope analyze" in missing.output


def test_python_api_returns_the_corpus_with_a_run_summary(corpus_dir, tmp_path):
    with narrascope.analyze([corpus_dir], db=tmp_path / "c.db", stages="foundation", workers=2) as corpus:
        assert corpus.last_run.read == 3
        assert [e.source.rsplit("/", 1)[-1] for e in corpus.last_run.input_errors] == ["broken.txt"]
        assert corpus.last_run.duplicates == 1
        assert corpus.search("Ostra")
