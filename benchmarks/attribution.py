"""Attribution benchmark on PolNeAR (https://github.com/networkdynamics/PolNeAR).

    python benchmarks/attribution.py /work/bench-data/polnear [--split train|dev|test] [--limit N]

PATH is a checkout or export of the PolNeAR repository (or its data/ folder): `data/<split>/text/*.txt`
and `data/<split>/attributions/*_<annotator>.ann` (brat standoff). An article annotated by several
annotators is scored against the first annotator file in sorted order. Develop on train and dev;
test is for acceptance only.

Scoring (our own code):
- **content**: a prediction matches a gold attribution when their content spans overlap by at least
  half of the shorter span (discontinuous spans count their pieces); one-to-one, greedy by overlap.
  A quote split by its attribution ("“A,” she said. “B.”") is two statements in narrascope and one
  discontinuous attribution in PolNeAR: B is scored as a piece of A's prediction.
  Precision, recall and F1 over all gold attributions with a content span.
- **speaker accuracy** on matched pairs whose gold attribution has a source: correct when the
  predicted speaker span overlaps the gold source span, or when both name the same entity, taken as
  the same last word of a capitalised name ("Trump" ... "Donald Trump"). A prediction without a
  speaker is wrong.
- **saying subset**: gold attributions whose cue contains a verb of saying (settings.statements.
  SAYING_VERBS, by spaCy lemma of the cue's words, plus "according to") against our predictions whose
  cue lemma is in the same list.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from narrascope.settings.statements import SAYING_VERBS
from narrascope.stages.nlp import load_model
from narrascope.stages.statements import extract_attributions

Spans = list[tuple[int, int]]


@dataclass
class Gold:
    content: Spans
    source: Spans
    cue: Spans
    saying: bool = False


@dataclass
class Pred:
    content: Spans
    speaker: tuple[int, int] | None
    saying: bool


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = _data_root(Path(args.path), args.split)
    articles = _articles(root, args.limit)
    nlp = load_model()
    started = time.perf_counter()
    totals = {"all": _Counts(), "saying": _Counts()}
    texts = [text for text, _ in articles]
    for (text, gold), doc in zip(articles, nlp.pipe(texts, batch_size=32)):
        for attr in gold:
            attr.saying = _is_saying(doc, attr.cue, text)
        preds = predictions(extract_attributions(doc))
        totals["all"].add(gold, preds, text)
        totals["saying"].add([g for g in gold if g.saying], [p for p in preds if p.saying], text)
    seconds = time.perf_counter() - started
    print(f"PolNeAR {args.split}: {len(articles)} articles, {seconds:.1f}s")
    for name, counts in totals.items():
        print(f"  {name:7} {counts.report()}")
    return 0


def predictions(attributions) -> list[Pred]:
    """One prediction per statement; a quote continuing the one before it after its attribution
    ("“A,” she said. “B.”" gives two statements) is scored as part of it, as PolNeAR annotates a
    split quote as one attribution with a discontinuous content span."""
    preds: dict[int, Pred] = {}
    for a in attributions:
        head = a
        while head.continues is not None:
            head = head.continues
        span = (a.statement.start, a.statement.end)
        if id(head) in preds:
            preds[id(head)].content.append(span)
        else:
            preds[id(head)] = Pred([span], a.speaker_span, (a.cue_lemma or "") in SAYING_VERBS)
    return list(preds.values())


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="PolNeAR checkout or export (holding data/<split>/...)")
    parser.add_argument("--split", choices=("train", "dev", "test"), default="dev")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    return parser


def _data_root(path: Path, split: str) -> Path:
    for candidate in (path / "data" / split, path / split):
        if (candidate / "text").is_dir():
            return candidate
    sys.exit(f"{path}: no data/{split}/text folder; pass the PolNeAR checkout or its data/ folder")


def _articles(root: Path, limit: int | None) -> list[tuple[str, list[Gold]]]:
    out = []
    for text_path in sorted((root / "text").glob("*.txt"))[:limit]:
        annotations = sorted((root / "attributions").glob(text_path.stem + "_*.ann"))
        if not annotations:
            continue
        text = text_path.read_text(encoding="utf-8")
        out.append((text, read_ann(annotations[0].read_text(encoding="utf-8"))))
    return out


def read_ann(ann: str) -> list[Gold]:
    """Gold attributions (with a content span) from a brat standoff file."""
    spans: dict[str, Spans] = {}
    golds = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = [tuple(map(int, piece.split())) for piece in offsets.split(";")]
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(role.split(":", 1) for role in parts[1].split() if ":" in role)
            if "Content" in roles:
                golds.append(roles)
    return [Gold(spans.get(r["Content"], []), spans.get(r.get("Source", ""), []), spans.get(r.get("Cue", ""), []))
            for r in golds if spans.get(r["Content"])]


def _is_saying(doc, cue: Spans, text: str) -> bool:
    cue_text = " ".join(text[s:e] for s, e in cue).lower()
    if "according to" in cue_text:
        return True
    lemmas = {t.lemma_.lower() for s, e in cue for t in doc.char_span(s, e, alignment_mode="expand") or []}
    return bool(lemmas & SAYING_VERBS)


def _overlap(a: tuple[int, int], spans: Spans) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in spans)


def _overlap_spans(a: Spans, b: Spans) -> int:
    return sum(_overlap(piece, b) for piece in a)


def _length(spans: Spans) -> int:
    return sum(e - s for s, e in spans)


class _Counts:
    def __init__(self) -> None:
        self.gold = self.pred = self.matched = self.with_source = self.speaker_ok = 0

    def add(self, gold: list[Gold], preds: list[Pred], text: str) -> None:
        self.gold += len(gold)
        self.pred += len(preds)
        for g, p in _match(gold, preds):
            self.matched += 1
            if g.source:
                self.with_source += 1
                self.speaker_ok += _same_speaker(p.speaker, g.source, text)

    def report(self) -> str:
        p = self.matched / self.pred if self.pred else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = self.speaker_ok / self.with_source if self.with_source else 0.0
        return (f"content P {p:.3f} R {r:.3f} F1 {f:.3f} (gold {self.gold}, predicted {self.pred}, "
                f"matched {self.matched}) | speaker accuracy {acc:.3f} ({self.speaker_ok}/{self.with_source})")


def _match(gold: list[Gold], preds: list[Pred]) -> list[tuple[Gold, Pred]]:
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(preds):
            overlap = _overlap_spans(p.content, g.content)
            shorter = min(_length(p.content), _length(g.content))
            if shorter > 0 and overlap >= 0.5 * shorter:
                pairs.append((overlap, gi, pi))
    used_g, used_p, out = set(), set(), []
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gold[gi], preds[pi]))
    return out


def _same_speaker(pred: tuple[int, int] | None, source: Spans, text: str) -> bool:
    if pred is None:
        return False
    if _overlap(pred, source) > 0:
        return True
    return _name_key(text[pred[0]:pred[1]]) is not None and _name_key(text[pred[0]:pred[1]]) == _name_key(
        " ".join(text[s:e] for s, e in source))


def _name_key(phrase: str) -> str | None:
    words = re.findall(r"[A-Z][\w'’.-]*", phrase)
    return words[-1].rstrip("’'s").lower() if words else None


if __name__ == "__main__":
    sys.exit(main())
