"""Zero-shot narratives with a tiny hand-built encoder (no model), and the real model on the seeds."""
from pathlib import Path

import numpy as np
import pytest

from narrascope.model import Article
from narrascope.stages.embeddings import EmbeddingCache, encode_many
from narrascope.stages.narratives import NarrativesStage
from narrascope.stages.narratives_text import split_sentences
from narrascope.stages.narratives_zeroshot import ZeroShotNarratives
from narrascope.taxonomies import build_taxonomy

# A toy encoder: one dimension per keyword; texts are bags of these words.
WORDS = ["talks", "ready", "peace", "time", "regroup", "ploy", "sincere", "football", "rain", "not"]


class BagEncoder:
    def __init__(self):
        self.calls = 0

    def encode(self, texts):
        self.calls += 1
        rows = []
        for text in texts:
            low = text.lower()
            row = np.array([low.count(w) for w in WORDS], dtype=np.float32) + 1e-3
            rows.append(row / np.linalg.norm(row))
        return np.array(rows).reshape(len(texts), len(WORDS))


TAXONOMY = build_taxonomy({
    "name": "toy",
    "narratives": [
        {"name": "Veloria is ready for talks", "description": "ready talks peace", "rebuttable": True,
         "rebuttals": ["not sincere talks"], "counter": "Talks are a ploy",
         "subnarratives": [{"name": "Peace now", "description": "peace peace ready"}]},
        {"name": "Talks are a ploy", "description": "ploy time regroup", "examples": ["time regroup"], "rebuttable": True},
    ],
})


def article(text: str) -> Article:
    return Article(id="x", source="x.txt", raw=text, raw_format="text", text=text)


def test_splitter_offsets_and_abbreviations():
    text = "Gen. Anika Sorell spoke in Castavar today. She said: \"We are ready.\" Then A. Reuel left.\nDead end\nShort."
    sentences = split_sentences(text)
    assert [s.text for s in sentences][:3] == [
        "Gen. Anika Sorell spoke in Castavar today.", 'She said: "We are ready."', "Then A. Reuel left."]
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_counter_narrative_advanced_and_claim_rebutted():
    zs = ZeroShotNarratives(TAXONOMY, BagEncoder(), threshold=0.5, sub_threshold=0.5)
    text = ("The minister says Veloria is ready for talks and peace. "
            "Critics call the offer a ploy to buy time and regroup the army. "
            "It is a ploy: time to regroup. "
            "Officials repeat that they are ready for peace talks. "
            "The football season starts in the rain.")
    labels = {n.label: n for n in zs.classify(text)}
    assert labels["Talks are a ploy"].stance == "advances"
    assert labels["Veloria is ready for talks"].stance == "rebuts"
    evidence = labels["Talks are a ploy"].evidence
    assert evidence[0].text.startswith("Critics call the offer a ploy")
    assert text[evidence[0].start:evidence[0].end] == evidence[0].text


def test_claim_alone_is_advanced_and_subnarrative_follows_parent():
    zs = ZeroShotNarratives(TAXONOMY, BagEncoder(), threshold=0.5, sub_threshold=0.5)
    labels = {n.label: n for n in zs.classify("Veloria is ready for peace talks. Peace is ready, peace now.")}
    assert labels["Veloria is ready for talks"].stance == "advances"
    assert labels["Veloria is ready for talks: Peace now"].parent == "Veloria is ready for talks"
    assert "Talks are a ploy" not in labels


def test_other_when_nothing_applies():
    zs = ZeroShotNarratives(TAXONOMY, BagEncoder(), threshold=0.5)
    labels = zs.classify("The football match was cancelled because of rain in Castavar.")
    assert [(n.label, n.evidence) for n in labels] == [("Other", [])]


def test_stage_batches_one_encode_call_and_skips_articles_without_text():
    encoder = BagEncoder()
    stage = NarrativesStage(taxonomy="negotiations", encoder=encoder)
    stage._classifier = ZeroShotNarratives(TAXONOMY, encoder, threshold=0.5)
    calls = encoder.calls
    articles = [article("Veloria is ready for talks, peace now."), article("A ploy to buy time and regroup."),
                Article(id="y", source="y", raw="", raw_format="text")]
    stage.process_batch(articles)
    assert encoder.calls == calls + 1
    assert articles[0].narratives and articles[1].narratives and articles[2].narratives == []


def test_embedding_cache_reuses_vectors():
    encoder, cache = BagEncoder(), EmbeddingCache(size=2)
    first = encode_many(encoder, [["peace talks"], ["rain"]], cache)
    again = encode_many(encoder, [["rain"], ["peace talks"]], cache)
    assert encoder.calls == 1 and np.allclose(first[0], again[1])


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
KREMLIN = "Russia is ready for peace talks"
COUNTER = "Negotiation offers are a tactic to buy time"
COUNTER_WORDS = ("time", "pause", "prepare", "offensive", "ruse", "bluff", "regroup", "not interested",
                 "doesn’t want", "words", "continue", "lie", "trap")


def seed_texts():
    if not SEEDS.is_dir():
        pytest.skip("seeds not present")
    try:
        from narrascope.stages.clean import clean_text
    except ImportError:  # the clean stage is optional here
        def clean_text(raw):
            return raw
    texts = {}
    for path in sorted(SEEDS.glob("*.txt")):
        cleaned = clean_text(path.read_text(encoding="utf-8"))
        texts[path.name] = getattr(cleaned, "text", cleaned)
    return texts


@pytest.mark.model
def test_seeds_get_the_counter_narrative_and_never_advance_the_kremlin_one():
    stage = NarrativesStage(taxonomy="negotiations")
    texts = seed_texts()
    articles = [article(text) for text in texts.values()]
    stage.process_batch(articles)
    assert len(articles) == 5
    for name, art in zip(texts, articles):
        labels = {n.label: n for n in art.narratives}
        assert COUNTER in labels, name
        counter = labels[COUNTER]
        assert counter.stance == "advances", name
        assert 1 <= len(counter.evidence) <= 3
        for ev in counter.evidence:
            assert art.text[ev.start:ev.end] == ev.text
        joined = " ".join(ev.text.lower() for ev in counter.evidence)
        assert any(word in joined for word in COUNTER_WORDS), (name, joined)
        for label in art.narratives:
            if label.label == KREMLIN or label.parent == KREMLIN:
                assert label.stance == "rebuts", (name, label.label)
