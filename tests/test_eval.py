"""Our task metrics, checked against hand-computed cases and against the official scorers' outputs.

The expected numbers for the fixture files were produced once by running the official SemEval-2025
Task 10 scorers (subtask1_scorer.py, the subtask-2 scorer) on tests/fixtures/semeval (2026-11-22):
    subtask 2: 0.625000 0.414578 0.350000 0.409268   (F1 coarse, sd, F1 fine, sd)
    subtask 1: 0.5000 0.7000 0.7000 0.7000 0.8750    (EMR, micro P, micro R, micro F1, main-role accuracy)
"""
from pathlib import Path

import pytest

from narrascope.eval import evaluate_framing, evaluate_narratives, samples_f1
from narrascope.eval.framing import framing_scores
from narrascope.semeval import MentionRow, NarrativeRow, SemEvalFormatError
from narrascope.eval.narratives import narrative_scores

FIXTURES = Path(__file__).parent / "fixtures" / "semeval"


def test_samples_f1_by_hand():
    gold = [{"A", "B"}, {"Other"}, {"C"}, set()]
    pred = [{"A"}, {"Other"}, {"D"}, set()]
    # per article: 2*1/3, 1, 0, 0 (an empty pair scores 0 as in the task's scorer)
    mean, _ = samples_f1(gold, pred)
    assert mean == pytest.approx((2 / 3 + 1) / 4)


def test_narratives_match_official_scorer():
    scores = evaluate_narratives(FIXTURES / "subtask-2-annotations.txt", FIXTURES / "subtask-2-predictions.txt")
    assert scores["f1_coarse"] == pytest.approx(0.625, abs=1e-6)
    assert scores["f1_coarse_std"] == pytest.approx(0.414578, abs=1e-6)
    assert scores["f1_fine"] == pytest.approx(0.35, abs=1e-6)
    assert scores["f1_fine_std"] == pytest.approx(0.409268, abs=1e-6)


def test_narratives_pair_by_id_and_ignore_unknown_classes():
    gold = [NarrativeRow("a", ["N1"], ["N1: x"]), NarrativeRow("b", ["Other"], ["Other"])]
    pred = [NarrativeRow("b", ["Other"], ["Other"]), NarrativeRow("a", ["N1", "Bogus"], ["N1: x"])]
    assert narrative_scores(gold, pred)["f1_coarse"] == pytest.approx((2 / 3 + 1) / 2)
    assert narrative_scores(gold, pred, classes={"N1", "N1: x", "Other"})["f1_coarse"] == 1.0
    with pytest.raises(SemEvalFormatError, match="missing"):
        narrative_scores(gold, pred[:1])


def test_framing_match_official_scorer():
    scores = evaluate_framing(FIXTURES / "subtask-1-annotations.txt", FIXTURES / "subtask-1-predictions.txt")
    assert scores["exact_match_ratio"] == pytest.approx(0.5)
    assert scores["micro_precision"] == pytest.approx(0.7)
    assert scores["micro_recall"] == pytest.approx(0.7)
    assert scores["micro_f1"] == pytest.approx(0.7)
    assert scores["main_role_accuracy"] == pytest.approx(0.875)


def test_framing_perfect_and_by_hand():
    same = evaluate_framing(FIXTURES / "subtask-1-annotations.txt", FIXTURES / "subtask-1-annotations.txt")
    assert same["exact_match_ratio"] == same["micro_f1"] == same["main_role_accuracy"] == 1.0
    gold = [MentionRow("a", "X", 0, 0, "Antagonist", ["Tyrant", "Corrupt"]), MentionRow("a", "Y", 3, 4, "Innocent", ["Victim"])]
    pred = [MentionRow("a", "X", 0, 0, "Antagonist", ["Tyrant"]), MentionRow("a", '"Y"', 3, 4, "Protagonist", ["Victim", "Guardian"])]
    scores = framing_scores(gold, pred)  # quotes around a mention are ignored, as the official scorer does
    assert scores["exact_match_ratio"] == 0.0
    assert scores["micro_precision"] == pytest.approx(2 / 3) and scores["micro_recall"] == pytest.approx(2 / 3)
    assert scores["main_role_accuracy"] == 0.5


def test_framing_mismatched_mentions_is_a_clear_error():
    gold = [MentionRow("a", "X", 0, 0, "Antagonist", ["Tyrant"])]
    with pytest.raises(SemEvalFormatError, match="missing"):
        framing_scores(gold, [MentionRow("a", "X", 0, 1, "Antagonist", ["Tyrant"])])
