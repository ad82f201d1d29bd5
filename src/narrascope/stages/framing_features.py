"""Mention features for supervised framing.

Dense: MiniLM vectors of the actor's first context sentence, the mean of its context sentences, its
name and (optionally) the whole article (which domain, what the article is about). Sparse
(optionally): hashed words around the mention, so no vocabulary is fitted and a row depends on its
mention only — the words of the mention's sentence and its neighbours, the few words just before
("L_attack", "L_against") and after ("R_said", "R_claimed") the mention (roughly: the object of an
attack, the subject of a speech verb), and the name's own words ("N_russia"); and (optionally) hashed
dependency-parse features (framing_syntax.py: agent or patient of which verb, passive, negation).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import HashingVectorizer

from ..settings import framing as settings
from .embeddings import Encoder
from .framing_actors import Mention
from .framing_syntax import Parse, parse_context, syntax_tokens
from .framing_zeroshot import context_rows, normalise
from .narratives_text import Sentence

WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
HASHER = HashingVectorizer(n_features=settings.HASHED_WORD_FEATURES, alternate_sign=False, norm="l2",
                           token_pattern=r"\S+", lowercase=False)


@dataclass(frozen=True)
class FeatureOptions:
    article_vector: bool = False
    word_features: bool = False
    syntax: bool = False  # dependency-parse features (framing_syntax.py); needs parses
    syntax_weight: float = 1.0  # scale of the (L2-normalised) hashed parse block against the others
    mention_encoder: str | None = None  # encoder of the context and name vectors (framing_mpnet.py); None: the shared one

    @property
    def sparse(self) -> bool:
        return self.word_features or self.syntax


LEGACY = FeatureOptions()  # what models trained before these options existed were fitted on
DEFAULT = FeatureOptions(settings.ARTICLE_VECTOR_FEATURE, settings.WORD_FEATURES, settings.SYNTAX_FEATURES,
                         settings.SYNTAX_FEATURE_WEIGHT)


def sentence_at(sentences: list[Sentence], offset: int) -> int | None:
    return next((i for i, s in enumerate(sentences) if s.start <= offset < s.end), None)


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def word_tokens(sentences: list[Sentence], mention: Mention) -> str:
    """The hashed-word 'document' of one mention."""
    tokens = [f"N_{w}" for w in words(mention.name)]
    here = sentence_at(sentences, mention.start)
    if here is None:
        return " ".join(tokens)
    window = sentences[max(0, here - settings.WORD_WINDOW_SENTENCES): here + settings.WORD_WINDOW_SENTENCES + 1]
    tokens += [f"W_{w}" for s in window for w in words(s.text)]
    sentence = sentences[here]
    before = words(sentence.text[: mention.start - sentence.start])[-settings.SIDE_WORDS:]
    after = words(sentence.text[mention.end - sentence.start:])[: settings.SIDE_WORDS]
    tokens += [f"L_{w}" for w in before] + [f"R_{w}" for w in after]
    return " ".join(tokens)


def context_vectors(mention_encoder: Encoder, sentences: list[Sentence], contexts: list[list[int]]) -> np.ndarray:
    """Vectors of the context sentences only (row i for sentence i; other rows zero), by another encoder."""
    wanted = sorted({i for context in contexts for i in context})
    encoded = mention_encoder.encode([sentences[i].text for i in wanted])
    out = np.zeros((len(sentences), encoded.shape[1] if len(wanted) else 1), dtype=np.float32)
    out[wanted] = encoded
    return out


def empty_article(encoder: Encoder, mention_encoder: Encoder | None, name_dim: int) -> np.ndarray:
    """The article vector of an article without sentences: zeros of the shared encoder's width."""
    dim = name_dim if mention_encoder is None else encoder.encode(["-"]).shape[1]
    return np.zeros(dim, dtype=np.float32)


def dense_rows(encoder: Encoder, sentences: list[Sentence], vectors: np.ndarray, mentions: list[Mention],
               article_vector: bool, mention_encoder: Encoder | None = None) -> np.ndarray:
    """First and mean context sentence, name (by `mention_encoder` if given), article mean (shared vectors)."""
    contexts = [context_rows(sentences, m) for m in mentions]
    names = (mention_encoder or encoder).encode([m.name for m in mentions])
    local = context_vectors(mention_encoder, sentences, contexts) if mention_encoder is not None else vectors
    dim = names.shape[1]
    article = normalise(vectors.mean(axis=0)) if len(vectors) else empty_article(encoder, mention_encoder, dim)
    rows = []
    for context, name in zip(contexts, names):
        first = local[context[0]] if context else np.zeros(dim, dtype=np.float32)
        mean = normalise(local[context].mean(axis=0)) if context else first
        rows.append(np.concatenate([first, mean, name] + ([article] if article_vector else [])))
    return np.array(rows, dtype=np.float32)


def syntax_block(sentences: list[Sentence], mentions: list[Mention], parses: "list[Parse] | None", weight: float):
    parses = parses if parses is not None else parse_context(sentences, mentions)
    return HASHER.transform([" ".join(syntax_tokens(parses, m)) for m in mentions]) * weight


def mention_features(encoder: Encoder, sentences: list[Sentence], vectors: np.ndarray, mentions: list[Mention],
                     options: FeatureOptions = LEGACY, parses: "list[Parse] | None" = None,
                     mention_encoder: Encoder | None = None):
    """One row per mention: a dense array, or a sparse matrix when word or parse features are on.
    `parses`: the article's parse (framing_syntax.Parse pairs); parsed here if needed and not given.
    `mention_encoder`: the loaded encoder named by options.mention_encoder (None: `encoder`)."""
    if not mentions:
        return np.zeros((0, 1), dtype=np.float32)
    dense = dense_rows(encoder, sentences, vectors, mentions, options.article_vector, mention_encoder)
    if not options.sparse:
        return dense
    blocks = [csr_matrix(dense)]
    if options.word_features:
        blocks.append(HASHER.transform([word_tokens(sentences, m) for m in mentions]) * settings.WORD_FEATURE_WEIGHT)
    if options.syntax:
        blocks.append(syntax_block(sentences, mentions, parses, options.syntax_weight))
    return hstack(blocks).tocsr()
