"""Cheap article features for story clustering: title and lead terms, capitalised names, actor ids.

No model is needed: words are lower-cased and singularised crudely, names are runs of capitalised
words ("Anika Sorell" -> "anika sorell"), actors (when the nlp stage has run) are "@<actor id>".
A vector is a dict term -> weight, L2-normalised after TF-IDF weighting.
"""
from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from functools import lru_cache
from typing import Iterable, Mapping

from ..settings import stories as settings

Vector = dict[str, float]
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")
_STOP = settings.ENGLISH_STOP_WORDS | settings.NEWS_STOP_WORDS


def article_terms(title: str | None, text: str | None, actors: Iterable[str] = ()) -> Counter[str]:
    """Weighted term counts of an article: title terms count TITLE_WEIGHT times, names NAME_WEIGHT."""
    counts: Counter[str] = Counter()
    for term, weight in _terms(title or "", names=False):  # headlines are often in Title Case
        counts[term] += weight * settings.TITLE_WEIGHT
    lead = " ".join((text or "").split()[: settings.LEAD_WORDS])
    for term, weight in _terms(lead):
        counts[term] += weight
    for actor in actors:
        counts["@" + actor] += settings.ACTOR_WEIGHT
    return counts


def _terms(text: str, names: bool = True) -> Iterable[tuple[str, float]]:
    words = _WORD.findall(text)
    yield from ((w, 1.0) for w in map(_normal, words) if w)
    if names:
        yield from ((name, settings.NAME_WEIGHT) for name in _names(words))


@lru_cache(maxsize=settings.WORD_CACHE)
def _normal(word: str) -> str | None:
    word = word.lower().replace("’", "'").removesuffix("'s")
    if len(word) < settings.MIN_WORD_LENGTH or word in _STOP:
        return None
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]  # crude singular: offers/offer, talks/talk
    return word


def _names(words: list[str]) -> Iterable[str]:
    """Runs of two or more capitalised words (a single capitalised word is also a plain word)."""
    run: list[str] = []
    for word in [*words, ""]:
        if word[:1].isupper() and word.lower() not in _STOP:
            run.append(word.lower())
            continue
        if len(run) >= 2:
            yield " ".join(run)
        run = []


def tfidf(counts: Mapping[str, float], df: Mapping[str, int], documents: int) -> Vector:
    """Sublinear TF times IDF, heaviest ARTICLE_TERMS kept, L2-normalised.

    The IDF is smoothed with IDF_PRIOR_DOCUMENTS pseudo-documents that contain every term, so that
    in a small corpus (five articles on one topic) the shared topic words are not weighted to nothing.
    """
    prior = settings.IDF_PRIOR_DOCUMENTS
    weights = {
        term: (1 + math.log(count)) * (1 + math.log((documents + prior) / (df.get(term, 0) + prior)))
        for term, count in counts.items() if count > 0
    }
    return normalised(heaviest(weights, settings.ARTICLE_TERMS))


def heaviest(vector: Mapping[str, float], n: int) -> Vector:
    """The n heaviest terms, heaviest first (ties by term, so results do not depend on dict order)."""
    return dict(heapq.nsmallest(n, vector.items(), key=lambda kv: (-kv[1], kv[0])))


def normalised(vector: Mapping[str, float]) -> Vector:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in vector.items()} if norm else {}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two vectors (need not be normalised)."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    if not dot:
        return 0.0
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb)


def add(total: Mapping[str, float], vector: Mapping[str, float], keep: int) -> Vector:
    """`total + vector`, heaviest `keep` terms kept."""
    summed = dict(total)
    for term, weight in vector.items():
        summed[term] = summed.get(term, 0.0) + weight
    return heaviest(summed, keep)
