"""Subnarratives scored within their narrative (narratives_substage.py), on small hand-made matrices."""
import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from narrascope.stages.narratives_substage import SubnarrativeStage
from narrascope.stages.narratives_train import NarrativeModel

CLASSES = ["CC: Glacier panic", "CC: Glacier panic: Other", "CC: Glacier panic: Activists lie",
           "CC: Glacier panic: Rare claim", "Other"]
NARR, NARR_OTHER, LIE, RARE, OTHER = range(5)


def estimator():
    return LogisticRegression(C=4.0, max_iter=1000, class_weight="balanced")


def training_set(rng):
    """12 glacier articles: feature 0 says 'activists lie' (6 of them), one has the rare claim; 6 others."""
    X, Y = [], []
    for i in range(12):
        lie = i % 2 == 0
        X.append([1.0 if lie else -1.0, 1.0] + list(rng.normal(0, 0.1, 2)))
        row = [1, 0 if lie else 1, int(lie), int(i == 3), 0]
        Y.append(row)
    for _ in range(6):
        X.append([0.0, -1.0] + list(rng.normal(0, 0.1, 2)))
        Y.append([0, 0, 0, 0, 1])
    return np.array(X), np.array(Y)


def test_conditional_is_learnt_only_within_the_narrative():
    X, Y = training_set(np.random.default_rng(5))
    stage = SubnarrativeStage(CLASSES, estimator).fit(X, Y)
    Q = stage.conditional(np.array([[1.0, 1.0, 0, 0], [-1.0, 1.0, 0, 0]]))
    assert Q[0, LIE] > 0.8 and Q[1, LIE] < 0.2
    assert Q[0, NARR_OTHER] < 0.2 and Q[1, NARR_OTHER] > 0.8
    # one positive among the 12 glacier articles: its smoothed frequency there, no classifier
    assert Q[0, RARE] == pytest.approx(1.5 / 13) and Q[1, RARE] == pytest.approx(1.5 / 13)
    assert (Q[:, [NARR, OTHER]] == 0).all()  # narratives and "Other" keep the flat model's score


def test_combine_is_the_geometric_mean_of_flat_and_hierarchical_scores():
    X, Y = training_set(np.random.default_rng(5))
    stage = SubnarrativeStage(CLASSES, estimator).fit(X, Y)
    x = np.array([[1.0, 1.0, 0, 0]])
    P = np.array([[0.9, 0.3, 0.4, 0.2, 0.05]])
    Q = stage.conditional(x)
    out = stage.combine(P, x)
    assert out[0, LIE] == pytest.approx(np.sqrt(0.4 * 0.9 * Q[0, LIE]))
    assert out[0, RARE] == pytest.approx(np.sqrt(0.2 * 0.9 * 1.5 / 13))
    assert out[0, NARR] == 0.9 and out[0, OTHER] == 0.05
    # a narrative the flat model rejects pulls its subnarratives down with it
    weak = stage.combine(np.array([[0.01, 0.3, 0.4, 0.2, 0.9]]), x)
    assert weak[0, LIE] < 0.4 * 0.2


def test_model_uses_the_sub_stage_and_old_models_still_load():
    X, Y = training_set(np.random.default_rng(7))
    texts = [""] * len(X)
    # one-stage: with one narrative per domain, two-stage scores already are P(narrative) x P(sub | narrative)
    model = NarrativeModel(CLASSES, use_tfidf=False, sub_stage=True).fit(X, texts, Y)
    flat = NarrativeModel(CLASSES, use_tfidf=False).fit(X, texts, Y)
    P, P_flat = model.probabilities(X, texts), flat.probabilities(X, texts)
    assert np.allclose(P[:, [NARR, OTHER]], P_flat[:, [NARR, OTHER]])
    Q = model.sub_clf.conditional(X)
    assert np.allclose(P[:, LIE], np.sqrt(P_flat[:, LIE] * P_flat[:, NARR] * Q[:, LIE]))
    assert not np.allclose(P[:, LIE], P_flat[:, LIE], atol=1e-3)
    del flat.__dict__["sub_stage"]  # a model pickled before the option existed
    assert np.allclose(flat.probabilities(X, texts), P_flat)
