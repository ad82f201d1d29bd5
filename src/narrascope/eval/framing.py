"""Subtask 1: exact match ratio of fine roles (the official metric), micro/macro P/R/F1 over fine
roles, and main-role accuracy. Rows are paired by (article id, mention, start, end).

As in the task's scorer, precision/recall with an empty denominator count as 1, and macro figures
average over the roles present in gold or predictions.
"""
from __future__ import annotations

from pathlib import Path

from ..semeval import MentionRow, SemEvalFormatError, read_mentions


def ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def paired(gold: list[MentionRow], pred: list[MentionRow], where: str) -> list[tuple[MentionRow, MentionRow]]:
    by_key = {}
    for row in pred:
        if row.key in by_key:
            raise SemEvalFormatError(where, f"duplicate prediction for {row.key}", "one row per mention")
        by_key[row.key] = row
    missing = [row.key for row in gold if row.key not in by_key]
    extra = set(by_key) - {row.key for row in gold}
    if missing or extra:
        raise SemEvalFormatError(where, f"mentions differ: {len(missing)} missing ({missing[:3]}), {len(extra)} extra",
                                 "predict exactly the mentions of the gold file")
    return [(row, by_key[row.key]) for row in gold]


def framing_scores(gold: list[MentionRow], pred: list[MentionRow], where: str = "predictions") -> dict[str, float]:
    pairs = paired(gold, pred, where)
    exact = sum(set(g.fine_roles) == set(p.fine_roles) for g, p in pairs)
    main = sum(g.main_role == p.main_role for g, p in pairs)
    roles = {r for g, p in pairs for r in (*g.fine_roles, *p.fine_roles)}
    counts = {role: [0, 0, 0] for role in roles}  # tp, fp, fn
    for g, p in pairs:
        gs, ps = set(g.fine_roles), set(p.fine_roles)
        for role in gs & ps:
            counts[role][0] += 1
        for role in ps - gs:
            counts[role][1] += 1
        for role in gs - ps:
            counts[role][2] += 1
    tp, fp, fn = (sum(c[i] for c in counts.values()) for i in range(3))
    micro_p, micro_r = ratio(tp, tp + fp), ratio(tp, tp + fn)
    per_role = [(ratio(c[0], c[0] + c[1]), ratio(c[0], c[0] + c[2]), c) for c in counts.values()]
    n_roles = len(per_role) or 1
    return {
        "exact_match_ratio": exact / len(pairs) if pairs else 0.0,
        "micro_precision": micro_p, "micro_recall": micro_r, "micro_f1": f1(micro_p, micro_r),
        "macro_precision": sum(p for p, _, _ in per_role) / n_roles,
        "macro_recall": sum(r for _, r, _ in per_role) / n_roles,
        "macro_f1": sum(2 * c[0] / (2 * c[0] + c[1] + c[2]) for _, _, c in per_role) / n_roles,
        "main_role_accuracy": main / len(pairs) if pairs else 0.0,
        "mentions": len(pairs),
    }


def evaluate_framing(gold_path: str | Path, pred_path: str | Path) -> dict[str, float]:
    """`narrascope eval framing --gold FILE --pred FILE`: the task's subtask-1 figures."""
    gold = read_mentions(gold_path, with_roles=True)
    pred = read_mentions(pred_path, with_roles=True)
    return framing_scores(gold, pred, where=str(pred_path))
