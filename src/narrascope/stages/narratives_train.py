"""Supervised narratives: trained on the SemEval layout (raw-documents/ + subtask-2-annotations.txt).

Features: the mean and the max of an article's sentence embeddings (MiniLM), optionally with TF-IDF
word n-grams. One logistic regression per label (narratives, subnarratives and "Other": one-vs-rest),
or, with `two_stage` (the default), the article's domain first and then the labels within it
(narratives_domain.py); with `sub_stage` (the default), subnarratives are also scored within their
narrative (narratives_substage.py). A threshold per label is chosen by cross-validation on the training data
(narratives_thresholds.py): out-of-fold probabilities, a global threshold
that maximises the task's samples-F1 out of fold, then each label's own by coordinate ascent on the
same objective (labels with fewer than MIN_POSITIVES_FOR_OWN_THRESHOLD positives keep the global). Decoding keeps the hierarchy consistent: a
subnarrative brings its narrative; a narrative with no subnarrative gets "<narrative>: Other" when
that label exists; labels of a second domain prefix ("URW"/"CC") are dropped; nothing left: "Other".
Evidence: the sentences closest to the label's centroid (mean embedding of its training articles).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from sklearn.multiclass import OneVsRestClassifier

from ..eval.narratives import samples_f1
from ..model import Evidence, NarrativeLabel
from ..settings import narratives as settings
from .embeddings import Encoder, encode_many, get_encoder
from .narratives_domain import TwoStageClassifier
from .narratives_io import load_model
from .narratives_substage import SubnarrativeStage, parent_of
from .narratives_text import Sentence, split_sentences

OTHER = settings.OTHER_LABEL


def is_fine(label: str) -> bool:
    return label == OTHER or parent_of(label) is not None


def doc_embedding(vectors: np.ndarray) -> np.ndarray:
    if len(vectors) == 0:
        return np.zeros(2 * 384, dtype=np.float32)
    return np.concatenate([vectors.mean(axis=0), vectors.max(axis=0)])


@dataclass
class NarrativeModel:
    classes: list[str]
    use_tfidf: bool = True
    C: float = settings.LOGREG_C
    two_stage: bool = False  # domain first, then labels within it (narratives_domain.py)
    sub_stage: bool = False  # subnarratives also scored within their narrative (narratives_substage.py)
    thresholds: np.ndarray | None = None
    global_threshold: float = 0.5
    centroids: np.ndarray | None = None
    tfidf: TfidfVectorizer | None = None
    clf: OneVsRestClassifier | TwoStageClassifier | None = None
    sub_clf: SubnarrativeStage | None = None
    extra: dict = field(default_factory=dict)

    def new_estimator(self) -> LogisticRegression:
        return LogisticRegression(C=self.C, max_iter=3000, class_weight="balanced")

    def new_classifier(self) -> OneVsRestClassifier | TwoStageClassifier:
        if self.two_stage:
            return TwoStageClassifier(self.classes, self.new_estimator)
        return OneVsRestClassifier(self.new_estimator())

    def features(self, embeddings: np.ndarray, texts: Sequence[str], fit: bool = False):
        if not self.use_tfidf:
            return embeddings
        if fit:
            self.tfidf = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2, max_features=50000,
                                         stop_words="english")
            words = self.tfidf.fit_transform(texts)
        else:
            words = self.tfidf.transform(texts)
        return hstack([csr_matrix(embeddings), words]).tocsr()

    def fit(self, embeddings: np.ndarray, texts: Sequence[str], Y: np.ndarray) -> "NarrativeModel":
        self.clf = self.new_classifier().fit(self.features(embeddings, texts, fit=True), Y)
        if self.sub_stage:
            self.sub_clf = SubnarrativeStage(self.classes, self.new_estimator).fit(embeddings, Y)
        return self

    def probabilities(self, embeddings: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        P = self.clf.predict_proba(self.features(embeddings, texts))
        if self.sub_stage:  # models pickled before sub_stage existed read the class default (False)
            P = self.sub_clf.combine(P, embeddings)
        return P

    def decode(self, probabilities: np.ndarray, thresholds: np.ndarray | None = None) -> list[set[str]]:
        thresholds = self.thresholds if thresholds is None else thresholds
        return [decode_row(self.classes, p, thresholds) for p in probabilities]


def decode_row(classes: list[str], p: np.ndarray, thresholds: np.ndarray) -> set[str]:
    picked = {classes[j] for j in np.flatnonzero(p >= thresholds)}
    picked.discard(OTHER)
    prefixes = {label.split(": ")[0] for label in picked}
    if len(prefixes) > 1:  # one domain per article: the one with the most probable label
        best = max(prefixes, key=lambda x: max(p[j] for j, c in enumerate(classes) if c.split(": ")[0] == x))
        picked = {label for label in picked if label.split(": ")[0] == best}
    for label in list(picked):
        if parent_of(label):
            picked.add(parent_of(label))
    known = set(classes)
    for label in list(picked):
        if parent_of(label) is None and not any(parent_of(s) == label for s in picked):
            if f"{label}: {OTHER}" in known:
                picked.add(f"{label}: {OTHER}")
    return picked or {OTHER}


def task_scores(gold: list[set[str]], pred: list[set[str]]) -> tuple[float, float]:
    """(coarse, fine) samples-F1 as the task computes them ("Other" counts on both levels)."""
    coarse = samples_f1([{l for l in g if not parent_of(l)} for g in gold], [{l for l in p if not parent_of(l)} for p in pred])[0]
    fine = samples_f1([{l for l in g if is_fine(l)} for g in gold], [{l for l in p if is_fine(l)} for p in pred])[0]
    return coarse, fine


def out_of_fold(model: NarrativeModel, embeddings: np.ndarray, texts: list[str], Y: np.ndarray, folds: int) -> np.ndarray:
    P = np.zeros(Y.shape, dtype=np.float32)
    for train, test in KFold(folds, shuffle=True, random_state=settings.RANDOM_STATE).split(embeddings):
        fold = NarrativeModel(model.classes, model.use_tfidf, model.C, model.two_stage, model.sub_stage)
        fold.fit(embeddings[train], [texts[i] for i in train], Y[train])
        P[test] = fold.probabilities(embeddings[test], [texts[i] for i in test])
    return P


class SupervisedNarratives:
    """The stage-facing classifier: classify_many(texts) -> NarrativeLabels with evidence."""

    def __init__(self, model: NarrativeModel, encoder: Encoder, card: dict | None = None):
        self.model = model
        self.encoder = encoder
        self.card = card or {}

    def embed(self, texts: Sequence[str]) -> tuple[list[list[Sentence]], list[np.ndarray]]:
        sentence_lists = [split_sentences(t or "") for t in texts]
        return sentence_lists, encode_many(self.encoder, [[s.text for s in ss] for ss in sentence_lists])

    def classify_many(self, texts: Sequence[str]) -> list[list[NarrativeLabel]]:
        sentence_lists, vectors = self.embed(texts)
        embeddings = np.array([doc_embedding(v) for v in vectors])
        probabilities = self.model.probabilities(embeddings, texts)
        results = []
        for sentences, vecs, p, labels in zip(sentence_lists, vectors, probabilities, self.model.decode(probabilities)):
            results.append([self.to_label(label, p, sentences, vecs) for label in sorted(labels)])
        return results

    def to_label(self, label: str, p: np.ndarray, sentences: list[Sentence], vectors: np.ndarray) -> NarrativeLabel:
        index = self.model.classes.index(label)
        evidence: list[Evidence] = []
        if label != OTHER and len(sentences) and self.model.centroids is not None:
            sims = vectors @ self.model.centroids[index]
            for i in sorted(np.argsort(-sims)[: settings.MAX_EVIDENCE]):
                evidence.append(Evidence(sentences[i].start, sentences[i].end, sentences[i].text))
        return NarrativeLabel(label=label, parent=parent_of(label), score=round(float(p[index]), 4),
                              stance="advances", evidence=evidence)


def load_narratives_model(model_path: str | Path, encoder: Encoder | None = None) -> SupervisedNarratives:
    model, card = load_model(model_path, "narratives")
    return SupervisedNarratives(model, encoder or get_encoder(), card)
