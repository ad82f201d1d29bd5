"""Two-stage supervised narratives: the article's domain first, then the labels within it.

The domain (a label prefix such as "CC" or "URW", or "Other" for articles without narratives) comes
from a multinomial logistic regression trained on every article; each domain's labels from
one-vs-rest logistic regressions trained on that domain's articles only. A label's probability is
P(domain) x P(label | domain), and "Other"'s is P(Other); thresholds and the hierarchy-consistent
decoding are then the same as for the one-stage model. Same fit / predict_proba API as
OneVsRestClassifier, so NarrativeModel uses either.
"""
from __future__ import annotations

from collections import Counter
from typing import Callable

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier

from ..settings import narratives as settings

OTHER = settings.OTHER_LABEL


def prefix(label: str) -> str:
    return label.split(": ")[0]


def domain_of(labels: list[str]) -> str:
    """The most frequent prefix among an article's labels; "Other" when it has none."""
    counts = Counter(prefix(label) for label in labels if label != OTHER)
    return max(sorted(counts), key=counts.get) if counts else OTHER


class TwoStageClassifier:
    def __init__(self, classes: list[str], new_estimator: Callable[[], LogisticRegression]):
        self.classes = classes
        self.new_estimator = new_estimator
        self.domain_clf: LogisticRegression | None = None
        self.label_clfs: dict[str, tuple[np.ndarray, OneVsRestClassifier]] = {}

    def fit(self, X, Y: np.ndarray) -> "TwoStageClassifier":
        domains = np.array([domain_of([self.classes[j] for j in np.flatnonzero(row)]) for row in Y])
        self.domain_clf = self.new_estimator().fit(X, domains)
        for domain in sorted(set(domains) - {OTHER}):
            rows = np.flatnonzero(domains == domain)
            cols = np.array([j for j, c in enumerate(self.classes) if c != OTHER and prefix(c) == domain])
            self.label_clfs[domain] = (cols, OneVsRestClassifier(self.new_estimator()).fit(X[rows], Y[rows][:, cols]))
        return self

    def predict_proba(self, X) -> np.ndarray:
        domain_p = self.domain_clf.predict_proba(X)
        column = {str(d): i for i, d in enumerate(self.domain_clf.classes_)}
        P = np.zeros((X.shape[0], len(self.classes)), dtype=np.float64)
        if OTHER in self.classes and OTHER in column:
            P[:, self.classes.index(OTHER)] = domain_p[:, column[OTHER]]
        for domain, (cols, clf) in self.label_clfs.items():
            P[:, cols] = domain_p[:, [column[domain]]] * clf.predict_proba(X)
        return P
