"""Zero-shot framing baseline: the sentences that mention an actor against short descriptions of the
22 fine roles ("someone who lies, misleads and spreads falsehoods"); the best role decides the main
role. Cheap (the role prototypes are embedded once; the sentences are the narratives stage's)."""
from __future__ import annotations

import numpy as np

from ..model import Evidence, Role
from ..settings import framing as settings
from .embeddings import Encoder
from .framing_actors import Mention, sentence_indices
from .narratives_text import Sentence

FINE = list(settings.FINE_ROLES)


def context_rows(sentences: list[Sentence], mention: Mention) -> list[int]:
    rows = sentence_indices(sentences, mention.spans or [(mention.start, mention.end)])
    if rows or not sentences:
        return rows
    nearest = min(range(len(sentences)), key=lambda i: abs(sentences[i].start - mention.start))
    return [nearest]


def normalise(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


class ZeroShotFraming:
    def __init__(self, encoder: Encoder):
        self.encoder = encoder
        self.prototypes = encoder.encode([f"Someone who {settings.FINE_ROLES[r][1]}." for r in FINE])

    def frame(self, sentences: list[Sentence], vectors: np.ndarray, mentions: list[Mention]) -> list[Role]:
        return [self.frame_one(sentences, vectors, m) for m in mentions]

    def frame_one(self, sentences: list[Sentence], vectors: np.ndarray, mention: Mention) -> Role:
        rows = context_rows(sentences, mention)
        if not rows:
            return Role(mention.name, mention.actor_id, mention.start, mention.end, "Antagonist", [], 0.0, [])
        sims = vectors[rows] @ self.prototypes.T  # (context sentences x roles)
        best_sentence, best_role = np.unravel_index(int(np.argmax(sims)), sims.shape)
        role = FINE[best_role]
        sentence = sentences[rows[best_sentence]]
        return Role(mention.name, mention.actor_id, mention.start, mention.end, settings.FINE_ROLES[role][0], [role],
                    round(float(sims[best_sentence, best_role]), 4), [Evidence(sentence.start, sentence.end, sentence.text)])
