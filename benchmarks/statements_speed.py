"""Throughput and memory of nlp + statements on ~800-word fictional articles.

    python benchmarks/statements_speed.py [--n 400 800] [--workers 2] [--seed 7]

The articles come from benchmarks/synthetic.py (cleaned first, outside the timing). Each worker
process loads spaCy once, then runs NlpStage.process_batch and StatementsStage over chunks of
articles; only the chunk in hand is kept, so memory should stay flat as the corpus grows.
Reports articles/s (wall clock), each worker's peak RSS, and CPU time per article of each stage
(process time, so that a busy machine does not hide what the stages cost).
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

CHUNK = 32


def _init() -> None:
    from narrascope.stages.nlp import load_model

    load_model()


def _work(texts: list[str]) -> tuple[int, int, int, float, float]:
    from narrascope.model import Article
    from narrascope.stages.nlp import NlpStage
    from narrascope.stages.statements import StatementsStage

    nlp_stage, statements = _stages(NlpStage, StatementsStage)
    articles = [Article(id=f"a{i}-{hash(t)}", source="bench", raw=t, raw_format="text", text=t,
                        published="2031-03-12") for i, t in enumerate(texts)]
    started = time.process_time()
    nlp_stage.process_batch(articles)
    parsed = time.process_time()
    quotes = 0
    for article in articles:
        statements(article)
        quotes += len(article.quotes)
    done = time.process_time()
    return len(articles), quotes, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, parsed - started, done - parsed


_cache: dict = {}


def _stages(nlp_cls, statements_cls):
    if not _cache:
        _cache["stages"] = (nlp_cls(), statements_cls())
    return _cache["stages"]


def corpus(n: int, seed: int) -> list[str]:
    from synthetic import generate

    from narrascope.stages.clean import clean_text

    return [clean_text(text).text for _, text in generate(n, seed=seed)]


def measure(n: int, workers: int, seed: int) -> dict:
    texts = corpus(n, seed)
    words = sum(len(t.split()) for t in texts) / max(1, len(texts))
    chunks = [texts[i:i + CHUNK] for i in range(0, len(texts), CHUNK)]
    ctx = mp.get_context("spawn")
    with ctx.Pool(workers, initializer=_init) as pool:
        pool.map(_work, [texts[:4]] * workers)  # warm up: model loaded, stages built
        started = time.perf_counter()
        results = pool.map(_work, chunks, chunksize=1)
        seconds = time.perf_counter() - started
        peaks = pool.map(_peak, range(workers * 4), chunksize=1)
    return {"n": n, "words": words, "seconds": seconds, "rate": n / seconds,
            "quotes": sum(r[1] for r in results), "peak_mb": max(peaks) / 1024,
            "nlp_cpu": sum(r[3] for r in results) / n, "statements_cpu": sum(r[4] for r in results) / n}


def _peak(_: int) -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[400, 800])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    for n in args.n:
        r = measure(n, args.workers, args.seed)
        print(f"{r['n']} articles (~{r['words']:.0f} words after cleaning), {args.workers} workers: "
              f"{r['rate']:.1f} articles/s, {r['quotes']} statements, worker peak RSS {r['peak_mb']:.0f} MB; "
              f"CPU per article: nlp {1000 * r['nlp_cpu']:.0f} ms, statements {1000 * r['statements_cpu']:.0f} ms "
              f"(CPU-bound ceiling on {args.workers} free cores: "
              f"{args.workers / (r['nlp_cpu'] + r['statements_cpu']):.0f} articles/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
