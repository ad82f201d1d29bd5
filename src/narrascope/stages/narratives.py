"""The narratives stage: which narratives of a taxonomy each article advances or rebuts, with evidence.

Zero-shot by default (narratives_zeroshot.py: sentence embeddings against the taxonomy's label
descriptions and examples); supervised when given a model trained by `train_narratives`
(narratives_train.py). Models load once per process, on first use. Articles without clean text get
no labels (evidence offsets point into `Article.text`).

    stage = NarrativesStage(taxonomy="negotiations")           # zero-shot
    stage = NarrativesStage(model_path="narratives.model")      # supervised
"""
from __future__ import annotations

from pathlib import Path
from typing import Protocol, Sequence

from ..model import Article, NarrativeLabel
from ..settings import narratives as settings
from ..taxonomies import load_taxonomy
from .embeddings import Encoder, get_encoder


class NarrativeClassifier(Protocol):
    def classify_many(self, texts: Sequence[str]) -> list[list[NarrativeLabel]]: ...


def build_classifier(taxonomy: str | Path = settings.DEFAULT_TAXONOMY, model_path: str | Path | None = None,
                     encoder: Encoder | None = None) -> NarrativeClassifier:
    """A supervised model if `model_path` is given, else zero-shot over `taxonomy` (a built-in name or a YAML path)."""
    if model_path is not None:
        from .narratives_train import load_narratives_model

        return load_narratives_model(model_path, encoder=encoder)
    from .narratives_zeroshot import ZeroShotNarratives

    return ZeroShotNarratives(load_taxonomy(taxonomy), encoder or get_encoder())


class NarrativesStage:
    name = "narratives"
    reads = ("text",)
    writes = ("narratives",)

    def __init__(self, taxonomy: str | Path = settings.DEFAULT_TAXONOMY, model_path: str | Path | None = None,
                 encoder: Encoder | None = None):
        self.taxonomy = taxonomy
        self.model_path = model_path
        self.encoder = encoder
        self._classifier: NarrativeClassifier | None = None

    @property
    def classifier(self) -> NarrativeClassifier:
        if self._classifier is None:
            self._classifier = build_classifier(self.taxonomy, self.model_path, self.encoder)
        return self._classifier

    def __call__(self, article: Article) -> None:
        self.process_batch([article])

    def process_batch(self, articles: list[Article]) -> None:
        todo = [a for a in articles if a.text]
        for article, labels in zip(todo, self.classifier.classify_many([a.text for a in todo])):
            article.narratives = labels
