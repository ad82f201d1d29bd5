"""Stance of an article towards a narrative it touches: advances or rebuts.

A label that is not `rebuttable` is always "advances". For a rebuttable label, in order:
1. If a narrative that counters it (`counter:` in the taxonomy) was advanced by the article, it rebuts.
2. Otherwise each of its evidence sentences votes: "rebut" if the sentence is closer to the label's
   rebuttal examples than to its own prototypes (by more than REBUTTAL_MARGIN) or carries a negation
   cue ("not", "never", "a ruse", ...) — negation cues count only for a narrative that has a declared
   counter-narrative (the claim side of a claim/counter pair: "Russia doesn't want talks" denies the
   claim, while counter-narratives are themselves phrased with negations); "report" (no vote) if it only attributes the claim to someone
   ("said", "according to", ...); "advance" otherwise. More rebut than advance votes: rebuts.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from ..settings import narratives as settings
from ..taxonomies import Label
from .narratives_text import Sentence


@lru_cache(maxsize=4)
def cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    words = sorted((re.escape(c) for c in cues), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(words) + r")(?![\w])", re.IGNORECASE)


def has_cue(text: str, cues: tuple[str, ...]) -> bool:
    text = text.replace("’", "'")
    return bool(cue_pattern(cues).search(text)) or ("n't" in cues and "n't" in text)


def sentence_vote(sentence: Sentence, advance: float, rebut: float, use_negation: bool) -> str:
    if rebut > advance + settings.REBUTTAL_MARGIN or (use_negation and has_cue(sentence.text, settings.NEGATION_CUES)):
        return "rebut"
    if has_cue(sentence.text, settings.ATTRIBUTION_CUES):
        return "report"
    return "advance"


def label_stance(label: Label, sentences: list[Sentence], advance: np.ndarray, rebut: np.ndarray,
                 advanced_ids: set[str]) -> str:
    if not label.rebuttable:
        return "advances"
    if label.counter and label.counter in advanced_ids:
        return "rebuts"
    top = np.argsort(-advance)[: settings.MAX_EVIDENCE]
    votes = [sentence_vote(sentences[i], float(advance[i]), float(rebut[i]), label.counter is not None) for i in top
             if advance[i] >= settings.EVIDENCE_MIN_SIMILARITY]
    return "rebuts" if votes.count("rebut") > votes.count("advance") else "advances"
