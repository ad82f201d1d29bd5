"""A small fictional corpus for the web, API, report and browser tests.

`build_corpus(folder)` writes a few articles about the republic of Veloria as text files, runs the
foundation stages over them (`analyze(..., stages="foundation")`), then adds statements, actors,
narratives and stories by hand (found by substring, so the offsets are right) and returns the db path.
Two articles carry XSS payloads in their title and body: they must show as text everywhere.
"""
from __future__ import annotations

import contextlib
from pathlib import Path

from narrascope import analyze
from narrascope.model import Actor, Entity, Evidence, NarrativeLabel, Statement
from narrascope.store import open_store

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = '<img src=x onerror="alert(2)">'
XSS_TITLE = f"{XSS_SCRIPT} Harbor strike enters its second week"

ARTICLES = {
    "sorell-talks.txt": (
        "Sorell says Veloria is ready to negotiate\n\n"
        "The Marrow Ledger\n\n"
        "March 3, 2024\n\n"
        "Minister Anika Sorell said on Monday that Veloria was \"ready to negotiate without conditions\" with "
        "the Ostmark council.\n\n"
        "Critics in Ostmark called the offer a ploy to buy time while troops regroup along the river.\n\n"
        "\"We have heard this before,\" said Council Speaker Bram Iversen, who leads the Ostmark council.\n"
    ),
    "iversen-reply.txt": (
        "Ostmark rejects Veloria offer as a stalling tactic\n\n"
        "The Harbor Courier\n\n"
        "March 5, 2024\n\n"
        "Council Speaker Bram Iversen said the offer from Anika Sorell was a stalling tactic.\n\n"
        "\"Talks cannot begin while the shelling goes on,\" Iversen told reporters in the capital.\n"
    ),
    "grain-deal.txt": (
        "Grain corridor reopens after weeks of delay\n\n"
        "The Marrow Ledger\n\n"
        "April 12, 2024\n\n"
        "Ships left the port of Caldera on Tuesday as the grain corridor reopened. Anika Sorell said the "
        "corridor would \"stay open as long as both sides keep their word\".\n"
    ),
    "xss-title.txt": (
        f"{XSS_TITLE}\n\n"
        "The Harbor Courier\n\n"
        "April 20, 2024\n\n"
        f"Dock workers in Caldera stayed home for a second week. A placard read {XSS_IMG} in large letters.\n"
    ),
    "xss-body.txt": (
        "Festival of lanterns draws record crowds\n\n"
        "The Marrow Ledger\n\n"
        "May 2, 2024\n\n"
        f"Organisers posted {XSS_SCRIPT} on the festival board as a joke about the website.\n\n"
        f"Another sign said {XSS_IMG} and nobody understood it.\n"
    ),
}
COPY = ("sorell-talks-reprint.txt", "sorell-talks.txt")  # an exact reprint: linked to its original by dedup

SORELL, IVERSEN = "actor-anika-sorell", "actor-bram-iversen"
NARRATIVE = "URW: Peace talks are a ploy"


def build_corpus(folder: Path) -> Path:
    inputs = folder / "inputs"
    inputs.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (inputs / name).write_text(text, encoding="utf-8")
    (inputs / COPY[0]).write_text(ARTICLES[COPY[1]], encoding="utf-8")
    db = folder / "corpus.db"
    with contextlib.chdir(folder):  # sources read "inputs/NAME.txt" wherever the test runs (stable screenshots)
        analyze(["inputs"], db=db, stages="foundation", workers=1).close()
    with open_store(db) as store:
        _enrich(store)
    return db


def _enrich(store) -> None:
    articles = list(store.iter_articles())
    for article in articles:
        text = article.text or ""
        article.entities = _entities(text)
        article.actors = sorted({e.actor_id for e in article.entities if e.actor_id})
        article.quotes = _quotes(text)
        article.narratives = _narratives(text)
        article.story_id = "story-talks" if "negotiate" in text or "stalling" in text else None
        article.thread_id = "thread-talks" if article.story_id else None
        if article.source.endswith("xss-title.txt"):
            article.title = XSS_TITLE  # the title as an export column would give it, whatever clean made of it
    store.write_articles(articles)
    store.write_actors([
        Actor(SORELL, "Anika Sorell", "person", ["Sorell", "Minister Anika Sorell"], 3, 4),
        Actor(IVERSEN, "Bram Iversen", "person", ["Iversen"], 2, 3),
    ])


def _span(text: str, needle: str) -> tuple[int, int] | None:
    start = text.find(needle)
    return (start, start + len(needle)) if start >= 0 else None


def _entities(text: str) -> list[Entity]:
    found = []
    for needle, actor_id in (("Anika Sorell", SORELL), ("Bram Iversen", IVERSEN), ("Veloria", None)):
        if span := _span(text, needle):
            found.append(Entity(needle, "GPE" if actor_id is None else "PERSON", *span, actor_id))
    return found


def _quotes(text: str) -> list[Statement]:
    found = []
    for needle, speaker, actor_id, said_on in (
        ("ready to negotiate without conditions", "Anika Sorell", SORELL, "2024-03-04"),
        ("We have heard this before,", "Bram Iversen", IVERSEN, None),
        ("Talks cannot begin while the shelling goes on,", "Iversen", IVERSEN, None),
        ("stay open as long as both sides keep their word", "Anika Sorell", SORELL, None),
    ):
        if span := _span(text, needle):
            found.append(Statement(speaker, actor_id, None, "said", needle, "direct", *span, said_on))
    return found


def _narratives(text: str) -> list[NarrativeLabel]:
    for needle, stance in (("a ploy to buy time", "advances"), ("was a stalling tactic", "advances"),
                           ("stay open as long as both sides keep their word", "rebuts")):
        if span := _span(text, needle):
            return [NarrativeLabel(NARRATIVE, "URW: Discrediting", 0.8, stance, [Evidence(*span, needle)])]
    return []
