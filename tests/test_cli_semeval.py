"""The SemEval-facing CLI commands: taxonomy validate, eval, predict, train (thin wrappers, end to end)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrascope.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "semeval"


def run(*args):
    return CliRunner(env={"COLUMNS": "250"}).invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_taxonomy_validate_accepts_the_shipped_ones_and_names_the_line_of_a_problem(tmp_path):
    from narrascope.taxonomies import taxonomy_path

    ok = run("taxonomy", "validate", taxonomy_path("negotiations"))
    assert ok.exit_code == 0 and "valid" in ok.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: mine\nnarratives:\n  - name: Talks are a ploy\n    description: 42\n", encoding="utf-8")
    result = run("taxonomy", "validate", bad)
    assert result.exit_code == 1
    assert f"{bad}:4:" in result.output


def test_eval_narratives_and_framing_print_the_task_figures():
    narratives = run("eval", "narratives", "--gold", FIXTURES / "subtask-2-annotations.txt",
                     "--pred", FIXTURES / "subtask-2-predictions.txt")
    assert narratives.exit_code == 0
    assert json.loads(narratives.stdout)["f1_coarse"] == pytest.approx(0.625, abs=1e-6)
    framing = run("eval", "framing", "--gold", FIXTURES / "subtask-1-annotations.txt",
                  "--pred", FIXTURES / "subtask-1-predictions.txt")
    assert framing.exit_code == 0
    assert json.loads(framing.stdout)["main_role_accuracy"] == pytest.approx(0.875)


def test_eval_with_a_missing_file_says_which(tmp_path):
    result = run("eval", "narratives", "--gold", tmp_path / "nope.txt", "--pred", FIXTURES / "subtask-2-predictions.txt")
    assert result.exit_code == 1 and "nope.txt" in result.output


@pytest.mark.model
def test_predict_writes_submission_rows_in_input_order(tmp_path):
    docs = sorted((FIXTURES / "raw-documents").glob("*.txt"))
    out = tmp_path / "pred.txt"
    result = run("predict", "narratives", *docs, "-o", out, "--taxonomy", "urw")
    assert result.exit_code == 0, result.output
    assert [line.split("\t")[0] for line in out.read_text().splitlines()] == [d.name for d in docs]
    roles = tmp_path / "roles.txt"
    result = run("predict", "framing", *docs, "--mentions", FIXTURES / "subtask-1-entity-mentions.txt", "-o", roles)
    assert result.exit_code == 0, result.output
    mentions = (FIXTURES / "subtask-1-entity-mentions.txt").read_text().splitlines()
    rows = roles.read_text().splitlines()
    assert [r.split("\t")[:4] for r in rows] == [m.split("\t")[:4] for m in mentions]
    assert all(r.split("\t")[4] in {"Protagonist", "Antagonist", "Innocent"} for r in rows)


def test_train_framing_refuses_an_unknown_mention_encoder_by_name(tmp_path):
    result = run("train", "framing", "--semeval", FIXTURES, "-o", tmp_path / "m.model", "--mention-encoder", "bert-huge")
    assert result.exit_code != 0
    assert "--mention-encoder 'bert-huge'" in result.output and "all-mpnet-base-v2" in result.output
    assert not (tmp_path / "m.model").exists()
