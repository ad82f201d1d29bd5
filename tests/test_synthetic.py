"""The synthetic corpus generator used by the ingest benchmark."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
synthetic = pytest.importorskip("synthetic")


def test_same_seed_same_corpus_other_seed_other_corpus():
    assert list(synthetic.generate(30, seed=5)) == list(synthetic.generate(30, seed=5))
    assert list(synthetic.generate(30, seed=5)) != list(synthetic.generate(30, seed=6))


def test_articles_are_long_noisy_and_fictional():
    items = list(synthetic.generate(120, seed=1))
    words = [len(text.split()) for _, text in items]
    assert 600 <= sum(words) / len(words) <= 1100
    corpus = "\n".join(text for _, text in items)
    for noise in ("Read also:", "Source link", "Leave a Reply", "Tags: ", "{{ widget.related_title }}",
                  "About the author.", "Other points of interest", "(Photo by", " - Source: ", synthetic.NBSP):
        assert noise in corpus, noise


def test_copies_share_the_body_of_their_original_at_the_known_rate():
    items = list(synthetic.generate_labelled(500, seed=2))
    texts = {name: text for name, text, _ in items}
    copies = [(name, original) for name, _, original in items if original]
    assert 0.02 <= len(copies) / len(items) <= 0.09
    for name, original in copies:
        body = texts[original].split("\n\n", 1)[1]
        assert texts[name].endswith(body) and texts[name] != texts[original]


def test_write_corpus_shards_by_thousand(tmp_path, monkeypatch):
    monkeypatch.setattr(synthetic, "SHARD_SIZE", 10)
    shards = synthetic.write_corpus(tmp_path, n=25, seed=3)
    assert [p.name for p in shards] == ["0000", "0001", "0002"]
    assert sum(1 for _ in tmp_path.rglob("*.txt")) == 25
