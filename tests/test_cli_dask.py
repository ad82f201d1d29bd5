"""The CLI with `--engine dask` and `narrascope load`: the same store as the local engine, a re-run that
resumes, `--fresh`, and a clear refusal of a dataset that is not one."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from narrascope.cli import app

SCALE = Path(__file__).parent / "fixtures" / "scale"
runner = CliRunner()


def _export(db: Path) -> dict[str, dict]:
    result = runner.invoke(app, ["export", "--db", str(db)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return {row["id"]: row for row in rows}


def test_dask_engine_through_the_cli_equals_the_local_engine_and_resumes(tmp_path):
    local_db, dask_db, dataset = tmp_path / "local.db", tmp_path / "dask.db", tmp_path / "run.parquet"
    local = runner.invoke(app, ["analyze", str(SCALE), "--db", str(local_db), "--stages", "foundation"])
    assert local.exit_code == 0, local.output
    dask = runner.invoke(app, ["analyze", str(SCALE), "--db", str(dask_db), "--stages", "foundation",
                               "--engine", "dask", "--workers", "2", "--output", str(dataset)])
    assert dask.exit_code == 0, dask.output
    assert (dataset / "_SUCCESS.json").exists()
    local_rows, dask_rows = _export(local_db), _export(dask_db)
    assert local_rows == dask_rows and len(local_rows) >= 6
    assert sum(1 for row in dask_rows.values() if row["duplicate_of"]) >= 1

    # the same command again: nothing recomputed, nothing added
    marker_times = {p.name: p.stat().st_mtime_ns for p in (dataset / "_partitions").iterdir()}
    again = runner.invoke(app, ["analyze", str(SCALE), "--db", str(dask_db), "--stages", "foundation",
                                "--engine", "dask", "--workers", "2", "--output", str(dataset)])
    assert again.exit_code == 0, again.output
    assert {p.name: p.stat().st_mtime_ns for p in (dataset / "_partitions").iterdir()} == marker_times
    assert _export(dask_db) == dask_rows

    # another stage list on the same dataset is refused unless --fresh discards it
    other = runner.invoke(app, ["analyze", str(SCALE), "--db", str(tmp_path / "x.db"), "--stages", "extract,clean",
                                "--engine", "dask", "--workers", "1", "--output", str(dataset)])
    assert other.exit_code != 0 and "--fresh" in other.output
    fresh = runner.invoke(app, ["analyze", str(SCALE), "--db", str(tmp_path / "x.db"), "--stages", "extract,clean",
                                "--engine", "dask", "--workers", "1", "--output", str(dataset), "--fresh"])
    assert fresh.exit_code == 0, fresh.output
    assert json.loads((dataset / "manifest.json").read_text())["stages"] == ["extract", "clean"]

    # load puts the dataset into another store; loading twice adds nothing
    loaded_db = tmp_path / "loaded.db"
    first = runner.invoke(app, ["load", str(dataset), "--db", str(loaded_db)])
    assert first.exit_code == 0, first.output
    count = len(_export(loaded_db))
    assert count == len(local_rows)
    second = runner.invoke(app, ["load", str(dataset), "--db", str(loaded_db)])
    assert second.exit_code == 0 and len(_export(loaded_db)) == count


def test_load_refuses_a_folder_that_is_not_a_dataset(tmp_path):
    result = runner.invoke(app, ["load", str(tmp_path), "--db", str(tmp_path / "x.db")])
    assert result.exit_code != 0
    assert str(tmp_path) in result.output and "--output" in result.output


def test_unknown_engine_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["analyze", str(SCALE), "--db", str(tmp_path / "x.db"), "--engine", "spark"])
    assert result.exit_code != 0 and "spark" in result.output and "local, dask" in result.output


def test_dask_engine_with_stories_prints_what_it_loaded(tmp_path):
    result = runner.invoke(app, ["analyze", str(SCALE), "--db", str(tmp_path / "s.db"), "--stages", "foundation,stories",
                                 "--engine", "dask", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "stories / threads loaded" in result.output
    assert (tmp_path / "s.parquet" / "_SUCCESS.json").exists()  # the default --output: beside the database
    rows = _export(tmp_path / "s.db")
    assert all(row["story_id"] for row in rows.values() if row["text"])
