"""Cross-validated figures for the framing model on its training data (grouped by article)."""
from __future__ import annotations

from sklearn.model_selection import GroupKFold

from ..eval.framing import framing_scores
from ..semeval import MentionRow
from .framing_train import FramingModel


def cross_validate_framing(X, rows: list[MentionRow], folds: int = 5, C: float | None = None, **model_options) -> dict:
    groups = [r.article_id for r in rows]
    predicted: list[MentionRow | None] = [None] * len(rows)
    for train, test in GroupKFold(n_splits=folds).split(X, groups=groups):
        model = FramingModel(**({"C": C} if C else {}), **model_options).fit(
            X[train], [rows[i].main_role for i in train], [rows[i].fine_roles for i in train])
        for i, (main, fine, _) in zip(test, model.predict(X[test])):
            r = rows[i]
            predicted[i] = MentionRow(r.article_id, r.mention, r.start, r.end, main, fine)
    scores = framing_scores(rows, predicted)  # type: ignore[arg-type]
    return {k: round(v, 4) for k, v in scores.items()}
