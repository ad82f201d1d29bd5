"""Subtask 2: samples-averaged F1 over coarse (narrative) and fine (subnarrative) labels.

For each article, F1 between the gold and predicted label sets (an empty pair scores 0, as in
the task's scorer); the figure is the mean over articles, reported with its standard deviation.
Rows are paired by article id (the official scorer pairs them by position, so files written in
gold order give the same figures). If `classes` is given, labels outside it are ignored, as the
official scorer does with its class lists.
"""
from __future__ import annotations

import statistics
from pathlib import Path

from ..semeval import NarrativeRow, SemEvalFormatError, read_narratives


def instance_f1(gold: set[str], pred: set[str]) -> float:
    if not gold and not pred:
        return 0.0
    return 2 * len(gold & pred) / (len(gold) + len(pred))


def samples_f1(gold: list[set[str]], pred: list[set[str]]) -> tuple[float, float]:
    """Mean and population standard deviation of per-article F1."""
    scores = [instance_f1(g, p) for g, p in zip(gold, pred, strict=True)]
    if not scores:
        return 0.0, 0.0
    return statistics.fmean(scores), statistics.pstdev(scores)


def paired(gold: list[NarrativeRow], pred: list[NarrativeRow], where: str) -> list[tuple[NarrativeRow, NarrativeRow]]:
    by_id = {row.article_id: row for row in pred}
    missing = [row.article_id for row in gold if row.article_id not in by_id]
    extra = set(by_id) - {row.article_id for row in gold}
    if missing or extra:
        raise SemEvalFormatError(where, f"article ids differ: {len(missing)} missing from predictions "
                                 f"({', '.join(missing[:5])}), {len(extra)} not in gold ({', '.join(sorted(extra)[:5])})",
                                 "predict every gold article, and only those")
    return [(row, by_id[row.article_id]) for row in gold]


def narrative_scores(gold: list[NarrativeRow], pred: list[NarrativeRow],
                     classes: set[str] | None = None, where: str = "predictions") -> dict[str, float]:
    pairs = paired(gold, pred, where)
    keep = (lambda labels: set(labels) & classes) if classes is not None else set
    f1_c, sd_c = samples_f1([keep(g.narratives) for g, _ in pairs], [keep(p.narratives) for _, p in pairs])
    f1_f, sd_f = samples_f1([keep(g.subnarratives) for g, _ in pairs], [keep(p.subnarratives) for _, p in pairs])
    return {"f1_coarse": f1_c, "f1_coarse_std": sd_c, "f1_fine": f1_f, "f1_fine_std": sd_f, "articles": len(pairs)}


def evaluate_narratives(gold_path: str | Path, pred_path: str | Path, classes: set[str] | None = None) -> dict[str, float]:
    """`narrascope eval narratives --gold FILE --pred FILE`: the task's subtask-2 figures."""
    return narrative_scores(read_narratives(gold_path), read_narratives(pred_path), classes, where=str(pred_path))
