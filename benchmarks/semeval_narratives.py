"""SemEval-2025 Task 10 subtask 2 (narratives), English: zero-shot and supervised.

    python benchmarks/semeval_narratives.py --train DIR --dev DIR [--cache DIR] [--out DIR]

DIR is a SemEval split (raw-documents/ + subtask-2-annotations.txt), obtained from its public source
(e.g. github ipanos7/Semeval-Task10-English); never committed. Everything is chosen on the train
split by cross-validation (the supervised configuration, the zero-shot threshold); the dev split is
only scored, once, with what was chosen.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from narrascope.eval import evaluate_narratives
from narrascope.semeval import load_split
from narrascope.settings import narratives as settings
from narrascope.stages.narratives_semeval import fit_narratives, gold_sets, write_predictions
from narrascope.stages.narratives_train import SupervisedNarratives, doc_embedding, task_scores
from narrascope.stages.narratives_zeroshot import ZeroShotNarratives
from narrascope.taxonomies import Taxonomy, load_taxonomy

from semeval_cache import PrecomputedEncoder, cached_encoder_vectors

CONFIGS = [{"use_tfidf": tfidf, "C": C, "two_stage": two, "sub_stage": sub} for two in (False, True)
           for tfidf in (False, True) for C in (4.0, 16.0) for sub in ((False, True) if two else (False,))]
OPTIONS = ("use_tfidf", "C", "two_stage", "sub_stage")


def semeval_taxonomy() -> Taxonomy:
    urw, cc = load_taxonomy("urw"), load_taxonomy("cc")
    return Taxonomy(name="semeval", labels=urw.labels + cc.labels)


def zero_shot_sets(zs: ZeroShotNarratives, texts: list[str], threshold: float) -> list[set[str]]:
    zs.threshold = threshold
    out = []
    for labels in zs.classify_many(texts):
        picked = {n.label for n in labels if n.stance == "advances"}
        for n in labels:
            if n.parent and n.stance == "advances":
                picked.add(n.parent)
        out.append(picked or {settings.OTHER_LABEL})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train", required=True, type=Path)
    parser.add_argument("--dev", required=True, type=Path)
    parser.add_argument("--cache", type=Path, default=Path("/work/bench-data/semeval/cache"))
    parser.add_argument("--out", type=Path, default=Path("/work/bench-data/semeval/out"))
    parser.add_argument("--skip-zero-shot", action="store_true")
    parser.add_argument("--no-tfidf", action="store_true", help="try only the embedding-feature configurations (faster)")
    parser.add_argument("--configs", type=json.loads, default=CONFIGS,
                        help='JSON list of configurations to cross-validate, e.g. \'[{"use_tfidf": true, "C": 4, "two_stage": true, "sub_stage": true}]\'')
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    train, dev = load_split(args.train), load_split(args.dev)
    train_ids, train_gold = gold_sets(train)
    dev_ids, _ = gold_sets(dev)
    train_texts = [train.documents[i] for i in train_ids]
    dev_texts = [dev.documents[i] for i in dev_ids]
    encoder = PrecomputedEncoder(train_texts + dev_texts, args.cache)
    vectors = cached_encoder_vectors(train_texts, args.cache)
    embeddings = np.array([doc_embedding(v) for v in vectors])
    report: dict = {"date": time.strftime("%Y-%m-%d"), "train_articles": len(train_ids), "dev_articles": len(dev_ids)}

    if not args.skip_zero_shot:
        zs = ZeroShotNarratives(semeval_taxonomy(), encoder)
        grid = [round(0.30 + 0.02 * i, 2) for i in range(16)]
        scored = {t: sum(task_scores(train_gold, zero_shot_sets(zs, train_texts, t))) for t in grid}
        best = max(scored, key=scored.get)
        train_c, train_f = task_scores(train_gold, zero_shot_sets(zs, train_texts, best))
        zs.threshold = best
        preds = dict(zip(dev_ids, zs.classify_many(dev_texts)))
        write_predictions(preds, args.out / "dev-zero-shot.txt", known=set(zs.taxonomy.by_id))
        report["zero_shot"] = {"threshold_chosen_on_train": best, "train_f1_coarse": round(train_c, 4),
                               "train_f1_fine": round(train_f, 4),
                               "dev": evaluate_narratives(args.dev / "subtask-2-annotations.txt", args.out / "dev-zero-shot.txt")}
        print("zero-shot", json.dumps(report["zero_shot"]), flush=True)

    cv_results = []
    for config in [c for c in args.configs if not (args.no_tfidf and c["use_tfidf"])]:
        config = {"two_stage": False, "sub_stage": False, **config}
        _, cv = fit_narratives(train_ids, train_gold, train_texts, embeddings, vectors, config["use_tfidf"], config["C"],
                               nested=True, two_stage=config["two_stage"], sub_stage=config["sub_stage"])
        cv_results.append({**config, **cv})
        print("cv", json.dumps(cv_results[-1]), flush=True)
    chosen = max(cv_results, key=lambda r: r["nested_f1_coarse"] + r["nested_f1_fine"])
    model, _ = fit_narratives(train_ids, train_gold, train_texts, embeddings, vectors, chosen["use_tfidf"], chosen["C"],
                              two_stage=chosen["two_stage"], sub_stage=chosen["sub_stage"])
    classifier = SupervisedNarratives(model, encoder)
    preds = dict(zip(dev_ids, classifier.classify_many(dev_texts)))
    write_predictions(preds, args.out / "dev-supervised.txt", known=set(model.classes))
    report["supervised"] = {"cv_on_train": cv_results, "chosen": {k: chosen[k] for k in OPTIONS},
                            "dev": evaluate_narratives(args.dev / "subtask-2-annotations.txt", args.out / "dev-supervised.txt")}
    print("supervised", json.dumps(report["supervised"]["dev"]), flush=True)
    (args.out / "semeval_narratives.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
