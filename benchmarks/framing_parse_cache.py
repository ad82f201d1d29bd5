"""Benchmark helper: spaCy parses of the SemEval mention sentences, cached on disk (outside the repo)."""
from __future__ import annotations

from pathlib import Path


class CachedParser:
    """spaCy parses of sentences (the nlp stage's model), kept in cache_dir/parses.spacy between runs.
    Call it like framing_syntax.spacy_parser; `save()` writes what was parsed since loading."""

    def __init__(self, cache_dir: Path):
        from spacy.tokens import DocBin

        from narrascope.stages.nlp import load_model

        self.nlp = load_model()
        self.path = cache_dir / "parses.spacy"
        self.docs = {}
        if self.path.exists():
            for doc in DocBin().from_bytes(self.path.read_bytes()).get_docs(self.nlp.vocab):
                self.docs[doc.text] = doc
        self.added = 0

    def __call__(self, texts: list[str]):
        missing = [t for t in dict.fromkeys(texts) if t not in self.docs]
        for text, doc in zip(missing, self.nlp.pipe(missing)):
            self.docs[text] = doc
        self.added += len(missing)
        return [self.docs[t] for t in texts]

    def save(self) -> None:
        from spacy.tokens import DocBin

        if self.added:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_bytes(DocBin(store_user_data=False, docs=self.docs.values()).to_bytes())
            self.added = 0
