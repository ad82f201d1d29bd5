"""The CLI on PostgreSQL: `narrascope analyze demo --db postgresql://...`, then search, quotes, export,
stories, report and a second, idempotent analyze (typer CliRunner, in process)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from pg_support import pg_url  # noqa: F401
from typer.testing import CliRunner

from narrascope.cli import app

DEMO = Path(__file__).resolve().parents[1] / "demo"


def run(*args):
    result = CliRunner(env={"COLUMNS": "250"}).invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def exported(db: str) -> list[dict]:
    return [json.loads(line) for line in run("export", "--db", db).stdout.splitlines()]


def test_analyze_demo_then_search_export_and_stories(pg_url, tmp_path):  # noqa: F811
    first = run("analyze", str(DEMO), "--db", pg_url, "--stages", "foundation", "--workers", "1")
    assert "new articles stored" in first.output
    lite = str(tmp_path / "demo.db")
    run("analyze", str(DEMO), "--db", lite, "--stages", "foundation", "--workers", "1")
    exported_pg = exported(pg_url)
    assert len(exported_pg) >= 20 and exported_pg == exported(lite)  # the same corpus, field for field
    assert sum(1 for a in exported_pg if a["duplicate_of"]) >= 1  # the syndicated copies are linked
    found = run("search", "syndicated OR offer", "--db", pg_url)
    assert "hit(s) for" in found.stdout and "0 hit(s)" not in found.stdout
    assert "0 hit(s)" in run("search", "zzyzzyva", "--db", pg_url).stdout
    run("stories", "--db", pg_url)
    report = run("report", "--db", pg_url, "-o", str(tmp_path / "report.html"))
    assert f"{len(exported_pg)} articles" in report.stdout and (tmp_path / "report.html").stat().st_size > 10_000
    again = run("analyze", str(DEMO), "--db", pg_url, "--stages", "foundation", "--workers", "1")
    assert exported(pg_url) == exported_pg
    assert "already stored" in again.output


def test_unreachable_database_is_one_clear_line(tmp_path):
    result = CliRunner().invoke(app, ["search", "talks", "--db", "postgresql://analyst:s3cret@127.0.0.1:1/news"])
    assert result.exit_code != 0
    assert "cannot connect" in result.output and "s3cret" not in result.output


@pytest.mark.model
def test_quotes_from_a_statements_run_on_postgres(pg_url):  # noqa: F811
    run("analyze", str(DEMO), "--db", pg_url, "--stages", "statements", "--workers", "1")
    lines = run("quotes", "--format", "jsonl", "--db", pg_url).stdout.splitlines()
    quotes = [json.loads(line) for line in lines]
    assert quotes and all(q["text"] and q["article_id"] for q in quotes)
    speaker = next(q["speaker"] for q in quotes if q["speaker"])
    picked = [json.loads(line) for line in
              run("quotes", "--speaker", speaker.upper(), "--format", "jsonl", "--db", pg_url).stdout.splitlines()]
    assert picked and all(speaker.lower() in (q["speaker"] or "").lower() or q["speaker_actor_id"] for q in picked)
