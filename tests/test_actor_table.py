"""analyze() merges per-article actors across the corpus and rewrites stored ids (loads spaCy)."""
from __future__ import annotations

import pytest

import narrascope

pytestmark = pytest.mark.model

FULL = (
    "Velorian Foreign Minister Anika Sorell said on Monday that Veloria was ready to reopen talks with Estmark "
    "over the Ostra crossing. \"We have never closed the door,\" Sorell told reporters in the capital.\n\n"
    "Estmark's government did not respond to the offer, and its army continued to shell the river towns."
)
SURNAME_ONLY = (
    "Sorell repeated on Thursday that her country would talk to Estmark without preconditions. "
    "\"Our offer stands,\" Sorell said at a briefing, adding that the crossing must reopen first.\n\n"
    "Estmark's defence ministry called the statement a tactic to buy time for the spring."
)


def test_a_surname_alone_joins_the_full_name_from_another_article_and_a_later_run(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(f"Veloria ready to talk\n\n{FULL}\n", encoding="utf-8")
    db = tmp_path / "c.db"
    narrascope.analyze([folder / "a.txt"], db=db, stages="statements", workers=1).close()
    (folder / "b.txt").write_text(f"Sorell repeats offer\n\n{SURNAME_ONLY}\n", encoding="utf-8")
    with narrascope.analyze([folder], db=db, stages="statements", workers=1) as corpus:
        by_name = {a.source.rsplit("/", 1)[-1]: a for a in corpus}
        actors = {a.id: a for a in corpus.actors()}
        hits = corpus.quotes(speaker="anika sorell")
    assert "person:anika-sorell" in by_name["b.txt"].actors
    assert "person:sorell" not in actors
    assert actors["person:anika-sorell"].article_count == 2
    assert {h.article_id for h in hits} == {by_name["a.txt"].id, by_name["b.txt"].id}
    speakers = {q.speaker_actor_id for q in by_name["b.txt"].quotes}
    assert speakers == {"person:anika-sorell"}
