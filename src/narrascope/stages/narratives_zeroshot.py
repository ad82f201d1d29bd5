"""Zero-shot narrative classification: article sentences against label descriptions and examples.

1. Each label has prototypes (its description and example sentences); a sentence's similarity to a
   label is its best cosine similarity to one of them.
2. A narrative's article score is the mean of its ZERO_SHOT_TOP_K best sentence similarities. It
   applies if that score reaches ZERO_SHOT_THRESHOLD and beats the article's similarity to a generic
   off-topic prototype by ZERO_SHOT_MARGIN (a calibration against articles that are close to
   everything). Subnarratives are scored the same way, only under a narrative that applies.
3. Evidence: the sentences that decided (the top ones, at least EVIDENCE_MIN_SIMILARITY).
4. Stance (see narratives_stance.py): advances or rebuts.
"Other" (score 0, no evidence) when no narrative applies.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..model import Evidence, NarrativeLabel
from ..settings import narratives as settings
from ..taxonomies import Label, Taxonomy
from .embeddings import Encoder, encode_many
from .narratives_stance import label_stance
from .narratives_text import Sentence, split_sentences


@dataclass
class ScoredLabel:
    label: Label
    score: float
    sentence_scores: np.ndarray  # one similarity per sentence


class ZeroShotNarratives:
    def __init__(self, taxonomy: Taxonomy, encoder: Encoder, threshold: float = settings.ZERO_SHOT_THRESHOLD,
                 sub_threshold: float = settings.SUB_THRESHOLD):
        self.taxonomy = taxonomy
        self.encoder = encoder
        self.threshold = threshold
        self.sub_threshold = sub_threshold
        texts, owners = [], []
        for index, label in enumerate(taxonomy.labels):
            for text in label.prototypes():
                texts.append(text)
                owners.append(index)
        rebuttal_texts = [(i, t) for i, label in enumerate(taxonomy.labels) for t in label.rebuttals]
        vectors = encoder.encode(texts + [t for _, t in rebuttal_texts] + [settings.OFF_TOPIC_PROTOTYPE])
        self.prototypes = vectors[: len(texts)]
        self.owners = np.array(owners)
        self.rebuttals = vectors[len(texts): len(texts) + len(rebuttal_texts)]
        self.rebuttal_owners = np.array([i for i, _ in rebuttal_texts], dtype=int)
        self.off_topic = vectors[-1]

    def classify(self, text: str) -> list[NarrativeLabel]:
        return self.classify_many([text])[0]

    def classify_many(self, texts: Sequence[str]) -> list[list[NarrativeLabel]]:
        """Several articles at once: all their sentences go through the encoder in one call."""
        sentence_lists = [split_sentences(text or "") for text in texts]
        vectors = encode_many(self.encoder, [[s.text for s in sents] for sents in sentence_lists])
        return [self.classify_sentences(sents, vecs) for sents, vecs in zip(sentence_lists, vectors)]

    def label_similarities(self, vectors: np.ndarray, prototypes: np.ndarray, owners: np.ndarray) -> np.ndarray:
        """(sentences x labels): best similarity of each sentence to each label's prototypes."""
        result = np.full((len(vectors), len(self.taxonomy.labels)), -1.0, dtype=np.float32)
        if len(vectors) and len(prototypes):
            sims = vectors @ prototypes.T
            for column in np.unique(owners):
                result[:, column] = sims[:, owners == column].max(axis=1)
        return result

    def classify_sentences(self, sentences: list[Sentence], vectors: np.ndarray) -> list[NarrativeLabel]:
        if not sentences:
            return [other_label()]
        advance = self.label_similarities(vectors, self.prototypes, self.owners)
        rebut = self.label_similarities(vectors, self.rebuttals, self.rebuttal_owners)
        off_topic = top_k_mean(vectors @ self.off_topic)
        chosen = self.choose(advance, off_topic)
        if not chosen:
            return [other_label()]
        return self.with_stances(chosen, sentences, advance, rebut)

    def with_stances(self, chosen: list[ScoredLabel], sentences: list[Sentence], advance: np.ndarray,
                     rebut: np.ndarray) -> list[NarrativeLabel]:
        """Narratives without a counter first (so the ones they counter know); subnarratives take their parent's stance."""
        stances: dict[str, str] = {}
        advanced_ids: set[str] = set()
        for scored in sorted((c for c in chosen if c.label.is_narrative), key=lambda c: c.label.counter is not None):
            index = self.taxonomy.labels.index(scored.label)
            stance = label_stance(scored.label, sentences, advance[:, index], rebut[:, index], advanced_ids)
            stances[scored.label.id] = stance
            if stance == "advances":
                advanced_ids.add(scored.label.id)
        return [to_narrative_label(c, sentences, stances[c.label.parent or c.label.id]) for c in chosen]

    def choose(self, advance: np.ndarray, off_topic: float) -> list[ScoredLabel]:
        chosen: list[ScoredLabel] = []
        narratives = []
        for index, label in enumerate(self.taxonomy.labels):
            if label.is_narrative:
                column = advance[:, index]
                narratives.append(ScoredLabel(label, top_k_mean(column), column))
        narratives = [n for n in narratives if n.score >= self.threshold and n.score - off_topic >= settings.ZERO_SHOT_MARGIN]
        narratives.sort(key=lambda n: -n.score)
        for narrative in narratives[: settings.MAX_LABELS]:
            chosen.append(narrative)
            for index, label in enumerate(self.taxonomy.labels):
                if label.parent == narrative.label.id:
                    column = advance[:, index]
                    score = top_k_mean(column)
                    if score >= self.sub_threshold:
                        chosen.append(ScoredLabel(label, score, column))
        return chosen


def top_k_mean(column: np.ndarray, k: int = settings.ZERO_SHOT_TOP_K) -> float:
    if len(column) == 0:
        return 0.0
    k = min(k, len(column))
    return float(np.sort(column)[-k:].mean())


def evidence_for(column: np.ndarray, sentences: list[Sentence]) -> list[Evidence]:
    order = np.argsort(-column)[: settings.MAX_EVIDENCE]
    picked = [i for i in order if column[i] >= settings.EVIDENCE_MIN_SIMILARITY] or list(order[:1])
    return [Evidence(sentences[i].start, sentences[i].end, sentences[i].text) for i in sorted(picked)]


def to_narrative_label(scored: ScoredLabel, sentences: list[Sentence], stance: str) -> NarrativeLabel:
    return NarrativeLabel(label=scored.label.id, parent=scored.label.parent, score=round(scored.score, 4),
                          stance=stance, evidence=evidence_for(scored.sentence_scores, sentences))


def other_label() -> NarrativeLabel:
    return NarrativeLabel(label=settings.OTHER_LABEL, parent=None, score=0.0, stance="advances", evidence=[])
