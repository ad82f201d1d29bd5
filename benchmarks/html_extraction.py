"""Body-text extraction quality on the ScrapingHub article-extraction-benchmark (MIT licence).

    python benchmarks/html_extraction.py /work/bench-data/article-extraction-benchmark [--limit N]

PATH holds the benchmark's `ground-truth.json` and `html/*.html.gz` (export them from
https://github.com/scrapinghub/article-extraction-benchmark; never commit them).

Compares, on the same pages:
  (a) trafilatura alone, as the benchmark runs it: `trafilatura.extract(html, include_comments=False)`
  (b) narrascope's HTML path: ExtractStage, then CleanStage when it exists (its `text`);
      `--no-clean` measures ExtractStage alone.

Metric: the benchmark's own (its evaluate.py, re-implemented here): text is tokenised with `\\w+`, cut
into 4-token shingles and compared as multisets: tp = overlap, fp = predicted extra, fn = missed,
normalised per page to sum to 1. Precision and recall are each averaged over the pages where they are
defined, and F1 is the harmonic mean of those two means. `--ngram 1` gives the plain token variant.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Callable

_TOKEN = re.compile(r"\w+", re.UNICODE)
Counts = tuple[float, float, float]


def shingles(text: str, n: int) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def page_counts(true: str, pred: str, n: int = 4) -> Counts:
    """(tp, fp, fn) over shingle multisets, normalised to sum to 1 so long pages weigh no more."""
    truth, guess = shingles(true, n), shingles(pred, n)
    tp = sum((truth & guess).values())
    fp = sum((guess - truth).values())
    fn = sum((truth - guess).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def scores(counts: list[Counts]) -> dict[str, float]:
    precision = statistics.mean(_precision(*c) for c in counts if c[0] + c[1] > 0)
    recall = statistics.mean(_recall(*c) for c in counts if c[0] + c[2] > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def trafilatura_alone() -> Callable[[str, str | None], str]:
    import trafilatura

    def run(html: str, url: str | None) -> str:
        return trafilatura.extract(html, include_comments=False) or ""
    return run


def narrascope_path(with_clean: bool) -> Callable[[str, str | None], str]:
    from narrascope.model import Article
    from narrascope.pipeline import apply_stages
    from narrascope.stages.extract import ExtractStage

    stages: list = [ExtractStage()]
    if with_clean:
        try:
            from narrascope.stages.clean import CleanStage
        except ImportError:
            print("note: narrascope.stages.clean not available; measuring ExtractStage alone", file=sys.stderr)
        else:
            stages.append(CleanStage())

    def run(html: str, url: str | None) -> str:
        article = apply_stages(Article(id="bench", source="bench", raw=html, raw_format="html", url=url), stages)
        return (article.text if article.text is not None else article.extracted) or ""
    return run


def load_pages(path: Path, limit: int | None) -> list[tuple[str, str, str, str | None]]:
    truth = json.loads((path / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:limit]:
        html = gzip.open(path / "html" / f"{key}.html.gz", "rt", encoding="utf-8").read()
        pages.append((key, html, truth[key].get("articleBody", ""), truth[key].get("url")))
    return pages


def evaluate(name: str, extractor: Callable[[str, str | None], str], pages, ngram: int) -> dict[str, float]:
    started = time.perf_counter()
    counts = [page_counts(true, extractor(html, url), ngram) for _, html, true, url in pages]
    result = scores(counts)
    result["seconds"] = time.perf_counter() - started
    result["name"] = name
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", type=Path, help="folder with ground-truth.json and html/*.html.gz")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages (sorted by id)")
    parser.add_argument("--ngram", type=int, default=4, help="shingle size (4 = the benchmark's metric)")
    parser.add_argument("--no-clean", action="store_true", help="narrascope path without CleanStage")
    args = parser.parse_args(argv)
    if not (args.path / "ground-truth.json").is_file():
        parser.error(f"{args.path}: no ground-truth.json here — export the benchmark repository's files first")
    pages = load_pages(args.path, args.limit)
    results = [
        evaluate("trafilatura (default)", trafilatura_alone(), pages, args.ngram),
        evaluate("narrascope (extract" + ("" if args.no_clean else "+clean") + ")",
                 narrascope_path(not args.no_clean), pages, args.ngram),
    ]
    print(f"pages: {len(pages)}   metric: {args.ngram}-token shingles (benchmark definition)")
    print(f"{'':<28} {'precision':>9} {'recall':>9} {'F1':>9} {'seconds':>9}")
    for r in results:
        print(f"{r['name']:<28} {r['precision']:>9.3f} {r['recall']:>9.3f} {r['f1']:>9.3f} {r['seconds']:>9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
