"""The fictional stories corpus (tests/fixtures/stories/corpus.jsonl) as Articles, shared by the stories and
analytics tests. Each line names the story it belongs to (and its thread when that is not the story)."""
from __future__ import annotations

import json
from pathlib import Path

from narrascope.model import Article, NarrativeLabel, Statement

CORPUS = Path(__file__).parent / "fixtures" / "stories" / "corpus.jsonl"


def rows() -> list[dict]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


def article(row: dict) -> Article:
    return Article(id=row["id"], source=f"stories/{row['id']}.txt", raw=row["text"], raw_format="text",
                   text=row["text"], title=row["title"], published=row["published"], outlet=row["outlet"],
                   duplicate_of=row.get("duplicate_of"), word_count=len(row["text"].split()))


def articles(selected: list[dict] | None = None) -> list[Article]:
    return [article(row) for row in (rows() if selected is None else selected)]


def with_analysis(items: list[Article]) -> list[Article]:
    """Add actors, statements and narratives (as the nlp/statements/narratives stages would) to a few."""
    for a in items:
        if "Petra Voss" in (a.text or ""):
            a.actors.append("voss")
        if "Idris Malane" in (a.text or ""):
            a.actors.append("malane")
            a.quotes.append(Statement("Idris Malane", "malane", None, "said", "Castrelle is ready to negotiate",
                                      "indirect", 0, 10, said_on=a.published))
        if "Sorell" in (a.text or ""):
            a.actors.append("sorell")
        if a.id.startswith(("f", "g")):
            stance = "advances" if a.outlet == "Castrelle Wire" else "rebuts"
            a.narratives.append(NarrativeLabel("Castrelle wants peace", "Peace offers", 0.8, stance))
    return items


def test_the_corpus_is_consistent():
    items = rows()
    ids = [r["id"] for r in items]
    assert len(ids) == len(set(ids)) >= 30
    assert {r["duplicate_of"] for r in items if r.get("duplicate_of")} <= set(ids)
    assert len({r["story"] for r in items}) >= 6
