"""SemEval-2025 Task 10 subtask 1 (entity framing), English: zero-shot and supervised.

    python benchmarks/semeval_framing.py --train DIR --dev DIR [--cache DIR] [--out DIR]

DIR is a SemEval split (raw-documents/ + subtask-1-annotations.txt), e.g. from github
esacon/ms-nlp-final-project (data/train/EN, data/dev/EN); never committed. The regularisation is
chosen by cross-validation on train (grouped by article); dev is only scored with what was chosen.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from narrascope.eval import evaluate_framing
from narrascope.semeval import load_split, write_mentions
from narrascope.stages.framing import predict_framing, training_matrix
from narrascope.stages.framing_cv import cross_validate_framing
from narrascope.stages.framing_train import FramingModel, SupervisedFraming
from narrascope.stages.framing_zeroshot import ZeroShotFraming

from semeval_cache import PrecomputedEncoder

C_GRID = (1.0, 4.0, 16.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train", required=True, type=Path)
    parser.add_argument("--dev", required=True, type=Path)
    parser.add_argument("--cache", type=Path, default=Path("/work/bench-data/semeval/cache"))
    parser.add_argument("--out", type=Path, default=Path("/work/bench-data/semeval/out"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    train, dev = load_split(args.train), load_split(args.dev)
    dev_ids = sorted({r.article_id for r in dev.roles})
    train_ids = sorted({r.article_id for r in train.roles})
    encoder = PrecomputedEncoder([train.documents[i] for i in train_ids] + [dev.documents[i] for i in dev_ids], args.cache)
    gold_path = args.dev / "subtask-1-annotations.txt"
    dev_mentions = [type(r)(r.article_id, r.mention, r.start, r.end) for r in dev.roles]
    report: dict = {"date": time.strftime("%Y-%m-%d"), "train_mentions": len(train.roles), "dev_mentions": len(dev.roles)}

    zero = predict_framing(dev.documents, dev_mentions, framer=ZeroShotFraming(encoder))
    write_mentions(zero, args.out / "dev-framing-zero-shot.txt")
    report["zero_shot"] = {"dev": evaluate_framing(gold_path, args.out / "dev-framing-zero-shot.txt")}
    print("zero-shot", json.dumps(report["zero_shot"]), flush=True)

    X = training_matrix(encoder, train.documents, train.roles)
    cv = {C: cross_validate_framing(X, train.roles, C=C) for C in C_GRID}
    for C, scores in cv.items():
        print("cv C=", C, json.dumps(scores), flush=True)
    best_C = max(cv, key=lambda C: cv[C]["exact_match_ratio"] + cv[C]["main_role_accuracy"])
    model = FramingModel(C=best_C).fit(X, [r.main_role for r in train.roles], [r.fine_roles for r in train.roles])
    supervised = predict_framing(dev.documents, dev_mentions, framer=SupervisedFraming(model, encoder))
    write_mentions(supervised, args.out / "dev-framing-supervised.txt")
    report["supervised"] = {"cv_on_train": {str(C): s for C, s in cv.items()}, "chosen_C": best_C,
                            "dev": evaluate_framing(gold_path, args.out / "dev-framing-supervised.txt")}
    print("supervised", json.dumps(report["supervised"]["dev"]), flush=True)
    (args.out / "semeval_framing.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
