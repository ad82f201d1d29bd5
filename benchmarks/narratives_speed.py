"""Throughput of the narratives + framing stages (zero-shot, or supervised with --narratives-model /
--framing-model) on a folder of .txt articles, in one process.

    python benchmarks/narratives_speed.py DOCS_DIR [--limit 100] [--batch 16] [--taxonomy negotiations]

Each article is read as already-clean text. The model load is timed separately; the figure is
articles per second over the stages only. Use `--workers 2` to run the runner's process pool.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from narrascope.model import Article
from narrascope.stages.embeddings import get_encoder
from narrascope.stages.framing import FramingStage
from narrascope.stages.narratives import NarrativesStage


def stages(taxonomy: str, narratives_model: str | None, framing_model: str | None):
    return [NarrativesStage(taxonomy=taxonomy, model_path=narratives_model), FramingStage(model_path=framing_model)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("docs", type=Path)
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--taxonomy", default="negotiations")
    parser.add_argument("--narratives-model")
    parser.add_argument("--framing-model")
    args = parser.parse_args()
    paths = sorted(args.docs.glob("*.txt"))[: args.limit]
    articles = [Article(id=p.name, source=str(p), raw="", raw_format="text", text=p.read_text(encoding="utf-8")) for p in paths]
    started = time.perf_counter()
    get_encoder()
    pipeline = stages(args.taxonomy, args.narratives_model, args.framing_model)
    for stage in pipeline:  # build classifiers (prototype embeddings) before timing
        getattr(stage, "classifier", None) if hasattr(stage, "classifier") else stage.framer
    load = time.perf_counter() - started
    started = time.perf_counter()
    for i in range(0, len(articles), args.batch):
        batch = articles[i: i + args.batch]
        for stage in pipeline:
            stage.process_batch(batch)
    elapsed = time.perf_counter() - started
    sentences = sum(len(a.text) for a in articles)
    print(f"{len(articles)} articles ({sentences / max(len(articles), 1):.0f} chars each) in {elapsed:.1f}s: "
          f"{len(articles) / elapsed:.2f} articles/s (model load {load:.1f}s, not counted)")
    print(f"labels per article: {sum(len(a.narratives) for a in articles) / len(articles):.1f}, "
          f"roles per article: {sum(len(a.roles) for a in articles) / len(articles):.1f}")


if __name__ == "__main__":
    main()
