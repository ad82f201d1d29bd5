"""Supervised framing (SemEval subtask 1): mention features (framing_features.py: embeddings of an
actor's context sentences, its name and the article; hashed words around the mention), a logistic
regression for the main role and one-vs-rest logistic regressions for the fine roles (optionally
one set per main role, learnt from that main role's mentions).

Decoding: the main role is the most probable one; fine roles are chosen among that main role's
fine roles (the task's hierarchy): the best one, plus the second if it is nearly as probable.
Models are pickles (load only models you trained yourself) with a JSON card beside them.
"""
from __future__ import annotations

import numpy as np
from scipy.sparse import issparse
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer

from ..model import Evidence, Role
from ..settings import framing as settings
from .embeddings import Encoder
from .framing_actors import Mention
from .framing_features import DEFAULT, LEGACY, FeatureOptions, mention_features
from .framing_mpnet import get_mention_encoder
from .framing_syntax import Parse, Parser, parse_context
from .framing_zeroshot import context_rows
from .narratives_text import Sentence

FINE = list(settings.FINE_ROLES)


def allowed_roles(main: str) -> list[int]:
    return [i for i, r in enumerate(FINE) if settings.FINE_ROLES[r][0] == main]


class FramingModel:
    """`per_main`: the fine roles of each main role are learnt from that main role's mentions only
    (else from all mentions); `options`: which mention features the model was fitted on."""

    per_main = False  # class-level defaults: models pickled before these options existed
    options = LEGACY
    columns: np.ndarray | None = None

    def __init__(self, C: float = settings.LOGREG_C, per_main: bool = settings.FINE_PER_MAIN,
                 options: FeatureOptions = DEFAULT):
        self.C = C
        self.per_main = per_main
        self.options = options
        self.main = self.new_estimator()
        self.fine = OneVsRestClassifier(self.new_estimator())
        self.fine_by_main: dict[str, OneVsRestClassifier] = {}
        self.binarizer = MultiLabelBinarizer(classes=FINE)

    def new_estimator(self) -> LogisticRegression:
        return LogisticRegression(C=self.C, max_iter=3000, class_weight=settings.CLASS_WEIGHT)

    def fit(self, X, main_roles: list[str], fine_roles: list[list[str]]) -> "FramingModel":
        X = self.keep_used_columns(X)
        self.main.fit(X, main_roles)
        Y = self.binarizer.fit_transform(fine_roles)
        if not self.per_main:
            self.fine.fit(X, Y)
            return self
        mains = np.array(main_roles)
        for main in self.main.classes_:
            rows, cols = np.flatnonzero(mains == main), allowed_roles(str(main))
            self.fine_by_main[str(main)] = OneVsRestClassifier(self.new_estimator()).fit(X[rows], Y[rows][:, cols])
        return self

    def keep_used_columns(self, X):
        """Hashed columns no training row uses get zero weight under L2: drop them (same model, several
        times faster to fit, smaller pickle)."""
        if not issparse(X):
            return X
        self.columns = np.flatnonzero(np.diff(X.tocsc().indptr))
        return X[:, self.columns]

    def used_columns(self, X):
        return X[:, self.columns] if self.columns is not None and issparse(X) else X

    def fine_probabilities(self, X, main_p: np.ndarray) -> np.ndarray:
        if not self.per_main:
            return self.fine.predict_proba(X)
        P = np.zeros((X.shape[0], len(FINE)))
        for main, clf in self.fine_by_main.items():
            P[:, allowed_roles(main)] = clf.predict_proba(X)
        return P

    def predict(self, X: np.ndarray) -> list[tuple[str, list[str], float]]:
        X = self.used_columns(X)
        main_p = self.main.predict_proba(X)
        fine_p = self.fine_probabilities(X, main_p)
        return [self.decode(m, f) for m, f in zip(main_p, fine_p)]

    def decode(self, main_p: np.ndarray, fine_p: np.ndarray) -> tuple[str, list[str], float]:
        main = str(self.main.classes_[int(np.argmax(main_p))])
        allowed = allowed_roles(main)
        ranked = sorted(allowed, key=lambda i: -fine_p[i])
        roles = [FINE[ranked[0]]]
        if len(ranked) > 1:
            second = fine_p[ranked[1]]
            if second >= settings.SECOND_ROLE_MIN_PROBABILITY and second >= settings.SECOND_ROLE_RATIO * fine_p[ranked[0]]:
                roles.append(FINE[ranked[1]])
        return main, roles, float(np.max(main_p) * fine_p[ranked[0]])


class SupervisedFraming:
    """The stage-facing wrapper: frame mentions of one article with a trained FramingModel."""

    def __init__(self, model: FramingModel, encoder: Encoder, parser: Parser | None = None,
                 mention_encoder: Encoder | None = None):
        self.model = model
        self.encoder = encoder
        self.parser = parser  # for the sentences to parse when no article parse is given
        self.mention_encoder = mention_encoder or get_mention_encoder(model.options.mention_encoder)

    @property
    def needs_parse(self) -> bool:
        return self.model.options.syntax

    def frame(self, sentences: list[Sentence], vectors: np.ndarray, mentions: list[Mention],
              parses: list[Parse] | None = None) -> list[Role]:
        if not mentions:
            return []
        if self.needs_parse and parses is None:
            parses = parse_context(sentences, mentions, self.parser)
        X = mention_features(self.encoder, sentences, vectors, mentions, self.model.options, parses, self.mention_encoder)
        roles = []
        for mention, (main, fine, score) in zip(mentions, self.model.predict(X)):
            context = context_rows(sentences, mention)
            evidence = [Evidence(sentences[context[0]].start, sentences[context[0]].end, sentences[context[0]].text)] if context else []
            roles.append(Role(mention.name, mention.actor_id, mention.start, mention.end, main, fine, round(score, 4), evidence))
        return roles
