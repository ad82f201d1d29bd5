"""Library calls behind `narrascope train|predict narratives` on SemEval-layout data.

    train_narratives(semeval_dir, out_path, use_tfidf=True, C=4.0, two_stage=True, sub_stage=True) -> card (dict, also written as MODEL.card.json)
    predict_narratives(documents, model_path=None, taxonomy="negotiations") -> {article id: [NarrativeLabel]}
    write_predictions(predictions, out, fmt="semeval"|"jsonl", order=None)
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from sklearn.preprocessing import MultiLabelBinarizer

from ..model import NarrativeLabel
from ..semeval import SemEvalFormatError, load_split, narrative_row, write_narratives
from ..settings import narratives as settings
from .embeddings import Encoder, encode_many, get_encoder
from .narratives import build_classifier
from .narratives_io import data_hash, save_model
from .narratives_text import split_sentences
from .narratives_thresholds import choose_thresholds, nested_threshold_scores
from .narratives_train import NarrativeModel, doc_embedding, out_of_fold, task_scores


def gold_sets(split) -> tuple[list[str], list[set[str]]]:
    if not split.narratives:
        raise SemEvalFormatError("semeval dir", "no subtask-2-annotations.txt", "the narratives model trains on subtask-2 annotations")
    ids = [row.article_id for row in split.narratives if row.article_id in split.documents]
    by_id = {row.article_id: row for row in split.narratives}
    return ids, [set(by_id[i].narratives) | set(by_id[i].subnarratives) for i in ids]


def embed_documents(encoder: Encoder, texts: list[str]) -> tuple[np.ndarray, list[np.ndarray]]:
    vectors = encode_many(encoder, [[s.text for s in split_sentences(t)] for t in texts], cache=None)
    return np.array([doc_embedding(v) for v in vectors]), vectors


def centroids(classes: list[str], Y: np.ndarray, vectors: list[np.ndarray]) -> np.ndarray:
    means = np.array([v.mean(axis=0) if len(v) else np.zeros(384) for v in vectors])
    out = np.zeros((len(classes), means.shape[1]), dtype=np.float32)
    for j in range(len(classes)):
        rows = means[Y[:, j] == 1]
        if len(rows):
            c = rows.mean(axis=0)
            out[j] = c / (np.linalg.norm(c) or 1.0)
    return out


def fit_narratives(ids, gold, texts, embeddings, vectors, use_tfidf=True, C=settings.LOGREG_C,
                   folds=settings.CV_FOLDS, nested: bool = False, two_stage: bool = settings.TWO_STAGE,
                   sub_stage: bool = settings.SUB_STAGE) -> tuple[NarrativeModel, dict]:
    """Out-of-fold probabilities -> thresholds -> the final fit on everything. `nested` adds an honest
    figure with the threshold choice itself cross-validated (slower)."""
    binarizer = MultiLabelBinarizer()
    Y = binarizer.fit_transform(gold)
    classes = [str(c) for c in binarizer.classes_]
    model = NarrativeModel(classes, use_tfidf=use_tfidf, C=C, two_stage=two_stage, sub_stage=sub_stage)
    P = out_of_fold(model, embeddings, texts, Y, folds)
    model.global_threshold, model.thresholds = choose_thresholds(classes, P, Y, gold)
    coarse, fine = task_scores(gold, model.decode(P))
    model.fit(embeddings, texts, Y)
    model.centroids = centroids(classes, Y, vectors)
    cv = {"f1_coarse": round(coarse, 4), "f1_fine": round(fine, 4), "folds": folds,
          "note": "out-of-fold predictions; thresholds chosen on the same out-of-fold probabilities (optimistic)"}
    if nested:
        honest_c, honest_f = nested_threshold_scores(classes, P, Y, gold, folds)
        cv.update({"nested_f1_coarse": round(honest_c, 4), "nested_f1_fine": round(honest_f, 4)})
    return model, cv


def train_narratives(semeval_dir: str | Path, out_path: str | Path, use_tfidf: bool = True, C: float = settings.LOGREG_C,
                     encoder: Encoder | None = None, two_stage: bool = settings.TWO_STAGE,
                     sub_stage: bool = settings.SUB_STAGE) -> dict:
    """`narrascope train narratives --semeval DIR -o MODEL`."""
    split = load_split(semeval_dir)
    ids, gold = gold_sets(split)
    texts = [split.documents[i] for i in ids]
    embeddings, vectors = embed_documents(encoder or get_encoder(), texts)
    model, cv = fit_narratives(ids, gold, texts, embeddings, vectors, use_tfidf, C, two_stage=two_stage,
                               sub_stage=sub_stage)
    card = {
        "kind": "narratives", "labels": model.classes,
        "settings": {"use_tfidf": use_tfidf, "C": C, "two_stage": two_stage, "sub_stage": sub_stage,
                     "global_threshold": model.global_threshold,
                     "thresholds": dict(zip(model.classes, map(float, model.thresholds)))},
        "training_data": {"dir": str(semeval_dir), "articles": len(ids),
                          "sha256": data_hash({i: split.documents[i] for i in ids}, [str(sorted(g)) for g in gold])},
        "cross_validation": cv,
    }
    return save_model(model, out_path, card)


def predict_narratives(documents: dict[str, str], model_path: str | Path | None = None,
                       taxonomy: str | Path = settings.DEFAULT_TAXONOMY, encoder: Encoder | None = None,
                       classifier=None) -> dict[str, list[NarrativeLabel]]:
    """Labels per article id, in the order of `documents`; zero-shot over `taxonomy` without a model."""
    classifier = classifier or build_classifier(taxonomy, model_path, encoder)
    ids = list(documents)
    return dict(zip(ids, classifier.classify_many([documents[i] for i in ids])))


def write_predictions(predictions: dict[str, list[NarrativeLabel]], out: str | Path, fmt: str = "semeval",
                      known: set[str] | None = None) -> None:
    """SemEval subtask-2 rows (only labels the article advances) or JSONL with stance and evidence."""
    if fmt == "semeval":
        rows = [narrative_row(i, [(n.label, n.parent) for n in labels if n.stance == "advances" and n.label != settings.OTHER_LABEL], known)
                for i, labels in predictions.items()]
        write_narratives(rows, out)
    elif fmt == "jsonl":
        from dataclasses import asdict

        with Path(out).open("w", encoding="utf-8") as handle:
            for article_id, labels in predictions.items():
                handle.write(json.dumps({"id": article_id, "narratives": [asdict(n) for n in labels]}, ensure_ascii=False) + "\n")
    else:
        raise ValueError(f"unknown format {fmt!r}: use 'semeval' or 'jsonl'")
