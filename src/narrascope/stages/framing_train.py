"""Supervised framing (SemEval subtask 1): embeddings of an actor's context sentences and of its name,
a logistic regression for the main role and one-vs-rest logistic regressions for the fine roles.

Decoding: the main role is the most probable one; fine roles are chosen among that main role's
fine roles (the task's hierarchy): the best one, plus the second if it is nearly as probable.
Models are pickles (load only models you trained yourself) with a JSON card beside them.
"""
from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer

from ..model import Evidence, Role
from ..settings import framing as settings
from ..settings import narratives as nsettings
from .embeddings import Encoder
from .framing_actors import Mention
from .framing_zeroshot import context_rows, normalise
from .narratives_text import Sentence

FINE = list(settings.FINE_ROLES)


def mention_features(encoder: Encoder, sentences: list[Sentence], vectors: np.ndarray,
                     mentions: list[Mention]) -> np.ndarray:
    """One row per mention: [first context sentence, mean of context sentences, the name itself]."""
    if not mentions:
        return np.zeros((0, 1), dtype=np.float32)
    names = encoder.encode([m.name for m in mentions])
    rows = []
    dim = names.shape[1]
    for mention, name in zip(mentions, names):
        context = context_rows(sentences, mention)
        first = vectors[context[0]] if context else np.zeros(dim, dtype=np.float32)
        mean = normalise(vectors[context].mean(axis=0)) if context else first
        rows.append(np.concatenate([first, mean, name]))
    return np.array(rows, dtype=np.float32)


class FramingModel:
    def __init__(self, C: float = nsettings.LOGREG_C):
        self.C = C
        weight = settings.CLASS_WEIGHT
        self.main = LogisticRegression(C=C, max_iter=3000, class_weight=weight)
        self.fine = OneVsRestClassifier(LogisticRegression(C=C, max_iter=3000, class_weight=weight))
        self.binarizer = MultiLabelBinarizer(classes=FINE)

    def fit(self, X: np.ndarray, main_roles: list[str], fine_roles: list[list[str]]) -> "FramingModel":
        self.main.fit(X, main_roles)
        self.fine.fit(X, self.binarizer.fit_transform(fine_roles))
        return self

    def predict(self, X: np.ndarray) -> list[tuple[str, list[str], float]]:
        main_p = self.main.predict_proba(X)
        fine_p = self.fine.predict_proba(X)
        return [self.decode(m, f) for m, f in zip(main_p, fine_p)]

    def decode(self, main_p: np.ndarray, fine_p: np.ndarray) -> tuple[str, list[str], float]:
        main = str(self.main.classes_[int(np.argmax(main_p))])
        allowed = [i for i, r in enumerate(FINE) if settings.FINE_ROLES[r][0] == main]
        ranked = sorted(allowed, key=lambda i: -fine_p[i])
        roles = [FINE[ranked[0]]]
        if len(ranked) > 1:
            second = fine_p[ranked[1]]
            if second >= settings.SECOND_ROLE_MIN_PROBABILITY and second >= settings.SECOND_ROLE_RATIO * fine_p[ranked[0]]:
                roles.append(FINE[ranked[1]])
        return main, roles, float(np.max(main_p) * fine_p[ranked[0]])


class SupervisedFraming:
    """The stage-facing wrapper: frame mentions of one article with a trained FramingModel."""

    def __init__(self, model: FramingModel, encoder: Encoder):
        self.model = model
        self.encoder = encoder

    def frame(self, sentences: list[Sentence], vectors: np.ndarray, mentions: list[Mention]) -> list[Role]:
        if not mentions:
            return []
        X = mention_features(self.encoder, sentences, vectors, mentions)
        roles = []
        for mention, (main, fine, score), row in zip(mentions, self.model.predict(X), X):
            context = context_rows(sentences, mention)
            evidence = [Evidence(sentences[context[0]].start, sentences[context[0]].end, sentences[context[0]].text)] if context else []
            roles.append(Role(mention.name, mention.actor_id, mention.start, mention.end, main, fine, round(score, 4), evidence))
        return roles
