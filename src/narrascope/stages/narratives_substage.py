"""Subnarratives decided within their narrative: one small classifier per narrative.

For each narrative, one-vs-rest logistic regressions over its subnarratives (its "<narrative>: Other"
included), trained only on the articles that have that narrative, on the article embeddings (mean +
max of sentence vectors). They give P(subnarrative | narrative); a subnarrative's score is then the
geometric mean of the flat model's P(subnarrative) and P(narrative) x P(subnarrative | narrative).
(Nested train CV: the geometric mean beat both the flat score and the product alone.)
A subnarrative with too few positives (or no negatives) among its narrative's articles gets its
smoothed frequency there instead of a classifier.
"""
from __future__ import annotations

from typing import Callable

import numpy as np
from sklearn.linear_model import LogisticRegression

from ..settings import narratives as settings


def parent_of(label: str) -> str | None:
    parts = label.split(": ")
    return ": ".join(parts[:-1]) if len(parts) >= 3 else None


class SubnarrativeStage:
    def __init__(self, classes: list[str], new_estimator: Callable[[], LogisticRegression]):
        self.classes = classes
        self.new_estimator = new_estimator
        index = {c: j for j, c in enumerate(classes)}
        # (child column, parent column) for every subnarrative whose narrative is a class
        self.pairs = [(j, index[parent_of(c)]) for j, c in enumerate(classes) if parent_of(c) in index]
        self.models: dict[int, LogisticRegression | float] = {}

    def fit(self, X: np.ndarray, Y: np.ndarray) -> "SubnarrativeStage":
        for child, parent in self.pairs:
            rows = np.flatnonzero(Y[:, parent] == 1)
            y = Y[rows, child]
            if y.sum() < settings.SUB_STAGE_MIN_POSITIVES or y.sum() == len(y):
                self.models[child] = (y.sum() + 0.5) / (len(y) + 1)
            else:
                self.models[child] = self.new_estimator().fit(X[rows], y)
        return self

    def conditional(self, X: np.ndarray) -> np.ndarray:
        """(articles x classes): P(subnarrative | its narrative); 0 in the other columns."""
        Q = np.zeros((X.shape[0], len(self.classes)))
        for child, model in self.models.items():
            Q[:, child] = model if isinstance(model, float) else model.predict_proba(X)[:, 1]
        return Q

    def combine(self, P: np.ndarray, X: np.ndarray) -> np.ndarray:
        """P with each subnarrative's score replaced by sqrt(P(sub) x P(narrative) x P(sub | narrative))."""
        Q = self.conditional(X)
        out = P.copy()
        for child, parent in self.pairs:
            out[:, child] = np.sqrt(P[:, child] * P[:, parent] * Q[:, child])
        return out
