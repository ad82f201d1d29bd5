"""Per-label thresholds for the supervised narratives model, chosen on out-of-fold probabilities.

`MatrixDecoder` applies `decode_row`'s rules (one domain per article, a subnarrative brings its
narrative, a bare narrative gets "<narrative>: Other", nothing left: "Other") to a whole probability
matrix at once, and scores the result with the task's samples-F1, so that the coordinate ascent
over thresholds (thousands of objective evaluations) takes seconds rather than minutes.
"""
from __future__ import annotations

import numpy as np
from sklearn.model_selection import KFold

from ..settings import narratives as settings
from .narratives_train import OTHER, decode_row, is_fine, parent_of, task_scores


class MatrixDecoder:
    """decode_row over all rows of P; `supported` is False when the label set does not allow it
    (no "Other" class, or a subnarrative whose narrative is not a class): use decode_row then."""

    def __init__(self, classes: list[str], P: np.ndarray):
        self.classes = classes
        index = {c: j for j, c in enumerate(classes)}
        parents = [parent_of(c) for c in classes]
        self.supported = OTHER in index and all(p is None or p in index for p in parents)
        if not self.supported:
            return
        k = len(classes)
        self.other = index[OTHER]
        prefixes = [c.split(": ")[0] for c in classes]
        self.domains = sorted({p for c, p in zip(classes, prefixes) if c != OTHER})
        self.domain = np.array([self.domains.index(p) if c != OTHER else -1 for c, p in zip(classes, prefixes)])
        self.to_parent = np.zeros((k, k), dtype=np.int32)  # [child, parent] = 1
        for j, p in enumerate(parents):
            if p is not None:
                self.to_parent[j, index[p]] = 1
        self.other_child = np.array([index.get(f"{c}: {OTHER}", -1) if p is None and c != OTHER else -1
                                     for c, p in zip(classes, parents)])
        self.coarse = np.array([p is None for p in parents])
        self.fine = np.array([is_fine(c) for c in classes])
        self.domain_max = np.stack([P[:, self.domain == d].max(axis=1) for d in range(len(self.domains))], axis=1)
        self.P = P

    def decode(self, thresholds: np.ndarray) -> np.ndarray:
        """Boolean (articles x classes) matrix of the decoded label sets."""
        S = self.P >= thresholds
        S[:, self.other] = False
        if len(self.domains) > 1:
            has = np.stack([(S & (self.domain == d)).any(axis=1) for d in range(len(self.domains))], axis=1)
            best = np.argmax(np.where(has, self.domain_max, -np.inf), axis=1)
            several = has.sum(axis=1) > 1
            S &= ~several[:, None] | (self.domain[None, :] == best[:, None])
        S |= (S.astype(np.int32) @ self.to_parent) > 0
        children = S.astype(np.int32) @ self.to_parent  # picked children per narrative
        bare = S & (children == 0) & (self.other_child >= 0)
        rows, cols = np.nonzero(bare)
        S[rows, self.other_child[cols]] = True
        S[~S.any(axis=1), self.other] = True
        return S

    def scores(self, S: np.ndarray, Y: np.ndarray) -> tuple[float, float]:
        return level_f1(Y[:, self.coarse], S[:, self.coarse]), level_f1(Y[:, self.fine], S[:, self.fine])


def level_f1(G: np.ndarray, S: np.ndarray) -> float:
    """Mean over articles of the F1 between gold and predicted label sets (both empty: 0, as the task)."""
    both = (G.astype(bool) & S).sum(axis=1)
    sizes = G.sum(axis=1) + S.sum(axis=1)
    return float(np.mean(np.where(sizes > 0, 2 * both / np.maximum(sizes, 1), 0.0)))


def make_objective(classes: list[str], P: np.ndarray, Y: np.ndarray, gold: list[set[str]]):
    decoder = MatrixDecoder(classes, P)
    if decoder.supported:
        return lambda th: sum(decoder.scores(decoder.decode(th), Y))
    return lambda th: sum(task_scores(gold, [decode_row(classes, p, th) for p in P]))


def choose_thresholds(classes: list[str], P: np.ndarray, Y: np.ndarray, gold: list[set[str]]) -> tuple[float, np.ndarray]:
    """A global threshold, then each frequent label's own, by coordinate ascent on the task's
    samples-F1 (coarse + fine) of the decoded out-of-fold predictions. (Per-label F1 is the wrong
    objective here: it picks low thresholds that flood articles with labels.)"""
    grid = settings.THRESHOLD_GRID
    objective = make_objective(classes, P, Y, gold)
    best_global = max(grid, key=lambda t: objective(np.full(len(classes), t)))
    thresholds = np.full(len(classes), best_global)
    current = objective(thresholds)
    for j in np.argsort(-Y.sum(axis=0)):
        if Y[:, j].sum() < settings.MIN_POSITIVES_FOR_OWN_THRESHOLD:
            continue
        keep = thresholds[j]
        for t in grid:
            thresholds[j] = t
            score = objective(thresholds)
            if score > current + 1e-6:
                current, keep = score, t
        thresholds[j] = keep
    return best_global, thresholds


def nested_threshold_scores(classes: list[str], P: np.ndarray, Y: np.ndarray, gold: list[set[str]],
                            folds: int) -> tuple[float, float]:
    """An honest figure for the tuned thresholds: for each fold, thresholds chosen on the other folds'
    out-of-fold probabilities, applied to this fold."""
    predicted: list[set[str]] = [set()] * len(gold)
    for train, test in KFold(folds, shuffle=True, random_state=settings.RANDOM_STATE + 1).split(P):
        _, thresholds = choose_thresholds(classes, P[train], Y[train], [gold[i] for i in train])
        for i in test:
            predicted[i] = decode_row(classes, P[i], thresholds)
    return task_scores(gold, predicted)
