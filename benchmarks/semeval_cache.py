"""Benchmark helper: sentence embeddings of SemEval documents cached on disk (outside the repo)."""
from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

import numpy as np

from narrascope.stages.embeddings import EmbeddingCache, get_encoder
from narrascope.stages.narratives_text import split_sentences


def cached_encoder_vectors(texts: list[str], cache_dir: Path) -> list[np.ndarray]:
    """Sentence vectors per text; computed once, then read from cache_dir/embeddings.pkl."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / "embeddings.pkl"
    store: dict[str, np.ndarray] = pickle.loads(path.read_bytes()) if path.exists() else {}
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    missing = [(k, t) for k, t in zip(keys, texts) if k not in store]
    if missing:
        encoder = get_encoder()
        groups = [[s.text for s in split_sentences(t)] for _, t in missing]
        flat = encoder.encode([s for g in groups for s in g])
        offset = 0
        for (key, _), group in zip(missing, groups):
            store[key] = flat[offset: offset + len(group)]
            offset += len(group)
        path.write_bytes(pickle.dumps(store))
    return [store[k] for k in keys]


class PrecomputedEncoder:
    """An encoder that answers from the disk cache first (sentences of known documents), else the model."""

    def __init__(self, texts: list[str], cache_dir: Path):
        self.lookup: dict[str, np.ndarray] = {}
        for text, vectors in zip(texts, cached_encoder_vectors(texts, cache_dir)):
            for sentence, vector in zip(split_sentences(text), vectors):
                self.lookup[sentence.text] = vector
        self._model = None

    def encode(self, texts):
        missing = [t for t in texts if t not in self.lookup]
        if missing:
            self._model = self._model or get_encoder()
            for t, v in zip(missing, self._model.encode(missing)):
                self.lookup[t] = v
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.array([self.lookup[t] for t in texts])


class TextCacheEncoder:
    """Another encoder (e.g. framing's optional mention encoder) behind a text -> vector cache on disk;
    the model is loaded only for texts not in the cache. Call save() to keep new vectors."""

    def __init__(self, load_model, path: Path):
        self.load_model, self.path = load_model, path
        self.store: dict[str, np.ndarray] = pickle.loads(path.read_bytes()) if path.exists() else {}
        self._model = None
        self.dirty = False

    def encode(self, texts):
        missing = list(dict.fromkeys(t for t in texts if t not in self.store))
        if missing:
            self._model = self._model or self.load_model()
            self.store.update(zip(missing, self._model.encode(missing)))
            self.dirty = True
        return np.array([self.store[t] for t in texts], dtype=np.float32)

    def save(self) -> None:
        if self.dirty:
            self.path.write_bytes(pickle.dumps(self.store))
            self.dirty = False


__all__ = ["EmbeddingCache", "PrecomputedEncoder", "TextCacheEncoder", "cached_encoder_vectors"]
