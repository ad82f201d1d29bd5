"""Supervised narratives: decoding rules by hand, and train -> save -> load -> predict on fictional data."""
import json
from pathlib import Path

import numpy as np
import pytest

from narrascope.semeval import read_narratives
from narrascope.stages.narratives import NarrativesStage
from narrascope.stages.narratives_io import card_path
from narrascope.stages.narratives_semeval import predict_narratives, train_narratives, write_predictions
from narrascope.stages.narratives_train import decode_row, task_scores

CLASSES = ["CC: A", "CC: A: Other", "CC: A: x", "Other", "URW: B", "URW: B: y"]
VOCAB = ["glacier", "activists", "panic", "library", "missiles", "veloria", "brannock", "colony", "floods", "books"]


class WordEncoder:
    def encode(self, texts):
        rows = []
        for text in texts:
            low = text.lower()
            row = np.array([low.count(w) for w in VOCAB] + [0.05], dtype=np.float32)
            rows.append(row / np.linalg.norm(row))
        return np.array(rows, dtype=np.float32).reshape(len(texts), len(VOCAB) + 1)


def test_decode_is_hierarchy_consistent_and_single_domain():
    th = np.full(len(CLASSES), 0.5)
    assert decode_row(CLASSES, np.array([0, 0, 0.9, 0, 0, 0]), th) == {"CC: A", "CC: A: x"}
    assert decode_row(CLASSES, np.array([0.9, 0, 0, 0, 0, 0]), th) == {"CC: A", "CC: A: Other"}
    assert decode_row(CLASSES, np.array([0.6, 0, 0, 0.7, 0.0, 0.95]), th) == {"URW: B", "URW: B: y"}
    assert decode_row(CLASSES, np.zeros(6), th) == {"Other"}


def test_task_scores_split_levels():
    gold = [{"CC: A", "CC: A: x"}, {"Other"}]
    pred = [{"CC: A", "CC: A: Other"}, {"Other"}]
    assert task_scores(gold, pred) == (1.0, 0.5)


def make_split(tmp_path: Path) -> Path:
    docs = tmp_path / "raw-documents"
    docs.mkdir()
    climate = "Activists spread panic about the glacier. The glacier is fine, says a columnist. Panic again."
    war = "Brannock missiles threaten Veloria. Veloria is a colony of Brannock, writes the Ledger."
    calm = "The library opened with new books. Books for everyone in the library."
    rows = []
    for i in range(6):
        for kind, text, labels in (("cc", climate, ("CC: A", "CC: A: x")), ("uw", war, ("URW: B", "URW: B: y")),
                                   ("ot", calm, ("Other", "Other"))):
            name = f"EN_{kind}_{i}.txt"
            (docs / name).write_text(f"{text} Item {i}.", encoding="utf-8")
            rows.append(f"{name}\t{labels[0]}\t{labels[1]}\n")
    (tmp_path / "subtask-2-annotations.txt").write_text("".join(rows), encoding="utf-8")
    return tmp_path


def test_train_save_load_predict(tmp_path):
    root = make_split(tmp_path)
    out = tmp_path / "narratives.model"
    card = train_narratives(root, out, use_tfidf=False, encoder=WordEncoder())
    assert card["kind"] == "narratives" and "URW: B: y" in card["labels"]
    assert json.loads(card_path(out).read_text())["cross_validation"]["f1_coarse"] >= 0.9
    docs = {"new_war.txt": "Missiles from Brannock fell near Veloria. Veloria is no colony.",
            "new_calm.txt": "A library full of books opened."}
    preds = predict_narratives(docs, model_path=out, encoder=WordEncoder())
    assert {n.label for n in preds["new_war.txt"]} == {"URW: B", "URW: B: y"}
    assert [n.label for n in preds["new_calm.txt"]] == ["Other"]
    war = next(n for n in preds["new_war.txt"] if n.label == "URW: B: y")
    assert war.parent == "URW: B" and war.evidence and docs["new_war.txt"][war.evidence[0].start:war.evidence[0].end] == war.evidence[0].text
    write_predictions(preds, tmp_path / "pred.txt")
    rows = read_narratives(tmp_path / "pred.txt")
    assert [r.article_id for r in rows] == ["new_war.txt", "new_calm.txt"] and rows[1].narratives == ["Other"]
    stage = NarrativesStage(model_path=out, encoder=WordEncoder())
    from narrascope.model import Article
    art = Article(id="a", source="a", raw="", raw_format="text", text=docs["new_war.txt"])
    stage(art)
    assert {n.label for n in art.narratives} == {"URW: B", "URW: B: y"}


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="semeval"):
        write_predictions({}, tmp_path / "x", fmt="xml")


def test_matrix_decoder_agrees_with_decode_row():
    from narrascope.stages.narratives_thresholds import MatrixDecoder, make_objective

    rng = np.random.default_rng(3)
    P = rng.random((200, len(CLASSES)))
    th = rng.uniform(0.3, 0.9, len(CLASSES))
    decoder = MatrixDecoder(CLASSES, P)
    S = decoder.decode(th)
    assert decoder.supported
    assert [{CLASSES[j] for j in np.flatnonzero(row)} for row in S] == [decode_row(CLASSES, p, th) for p in P]
    gold = [decode_row(CLASSES, p, np.full(len(CLASSES), 0.5)) for p in rng.random((200, len(CLASSES)))]
    Y = np.array([[c in g for c in CLASSES] for g in gold], dtype=int)
    slow = sum(task_scores(gold, [decode_row(CLASSES, p, th) for p in P]))
    assert make_objective(CLASSES, P, Y, gold)(th) == pytest.approx(slow)
