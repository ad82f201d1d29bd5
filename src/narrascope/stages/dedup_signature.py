"""Per-article dedup signatures: normalised text -> content hash, word shingles -> MinHash -> LSH band keys.

The costly half of deduplication, done per article (in the worker processes, as the "dedup" stage)
so that the corpus-level `Deduplicator` in the main process only looks candidates up and links them.

- `normalised_text(text)`: NFKC, casefolded words joined by single spaces (whitespace and
  punctuation do not matter); `content_hash` is its sha1.
- `MinHasher`: MinHash of the word shingles, bit-identical to datasketch's "affine32" MinHash fed
  the same shingle hashes (tests/test_dedup.py checks it against datasketch), computed in bulk
  with numpy and without importing datasketch (whose import pulls in scipy: ~0.7 s per process).
- `band_keys(hashvalues, bands, rows)`: one 64-bit key per LSH band; two articles share a key when
  all `rows` MinHash values of that band are equal (the bucket of datasketch's MinHashLSH).
- A signature (`Article.signature`, transient) packs the distinct shingle count and the hash values
  as little-endian uint32; b"" means "exact dedup only" (short text), None "not computed yet".
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

import numpy as np

from ..model import Article
from ..settings import dedup as settings

# Word bytes of the casefolded UTF-8 text: ASCII letters, digits and "_", and any non-ASCII character
# (non-ASCII punctuation is mapped to spaces first, see settings.PUNCTUATION).
_WORD = re.compile(rb"[0-9A-Za-z_\x80-\xff]+")
_BASE = 0x100000001B3  # odd multiplier of the polynomial rolling hash of shingles (mod 2**64)
_BAND_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd constants mixing a band's values into one key
_BAND_SALT = np.uint64(0xC2B2AE3D27D4EB4F)


def normalised_text(text: str) -> bytes:
    """The words of `text` (NFKC, casefolded, punctuation and whitespace ignored) joined by single spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if not text.isascii():
        for mark in settings.PUNCTUATION:  # str.replace is ~50x faster than str.translate here
            if mark in text:
                text = text.replace(mark, " ")
    return b" ".join(_WORD.findall(text.encode("utf-8", "surrogatepass")))


def content_hash(normalised: bytes) -> str:
    return hashlib.sha1(normalised).hexdigest()


def affine32_permutations(num_perm: int, seed: int) -> np.ndarray:
    """(a, b) of datasketch's affine32 scheme for this seed (datasketch MinHash._init_permutations)."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return np.array([a, b])


class MinHasher:
    """MinHash of word shingles, bit-identical to datasketch's affine32 MinHash fed the shingle hashes."""

    def __init__(self, num_perm: int = settings.NUM_PERM, seed: int = settings.SEED,
                 shingle_words: int = settings.SHINGLE_WORDS):
        self.num_perm, self.shingle_words = num_perm, shingle_words
        self.permutations = affine32_permutations(num_perm, seed)
        self._a, self._b = self.permutations
        self._pow = self._inv = np.zeros(0, dtype=np.uint64)

    def shingle_hashes(self, normalised: bytes) -> np.ndarray:
        """One uint32 per run of `shingle_words` words: a polynomial hash of its bytes, from prefix sums."""
        codes = np.frombuffer(normalised, dtype=np.uint8).astype(np.uint64)
        powers, inverse_powers = self._powers(len(codes))
        prefix = np.zeros(len(codes) + 1, dtype=np.uint64)
        np.cumsum(codes * powers, out=prefix[1:])
        spaces = np.flatnonzero(codes == ord(" "))
        starts = np.concatenate(([0], spaces + 1))
        ends = np.concatenate((spaces, [len(codes)]))
        width = min(self.shingle_words, len(starts))
        first, last = starts[: len(starts) - width + 1], ends[width - 1 :]
        hashes = (prefix[last] - prefix[first]) * inverse_powers[first]  # position-independent
        return ((hashes >> np.uint64(32)) ^ hashes).astype(np.uint32)

    def _powers(self, length: int) -> tuple[np.ndarray, np.ndarray]:
        if len(self._pow) < length:
            size = max(length, 2 * len(self._pow), 4096)
            self._pow, self._inv = _power_table(_BASE, size), _power_table(pow(_BASE, -1, 2**64), size)
        return self._pow[:length], self._inv[:length]

    def minhash(self, hashes: np.ndarray) -> np.ndarray:
        permuted = np.multiply.outer(_fmix32(hashes), self._a)  # shape (shingles, num_perm), wraps mod 2**32
        permuted += self._b
        return permuted.min(axis=0)

    def signature(self, normalised: bytes, min_words: int = settings.MIN_WORDS_NEAR_DUP) -> bytes:
        """The packed MinHash of a normalised text; b"" when it is too short for near-duplicate search."""
        if normalised.count(b" ") + 1 < min_words:
            return b""
        hashes = self.shingle_hashes(normalised)
        return pack(self.minhash(hashes), _distinct(hashes))


def pack(hashvalues: np.ndarray, size: int) -> bytes:
    return np.concatenate(([size], hashvalues)).astype("<u4").tobytes()


def unpack(blob: bytes, num_perm: int) -> tuple[np.ndarray, int] | None:
    """(hash values, distinct shingle count), or None if the blob was made with another NUM_PERM."""
    values = np.frombuffer(blob, dtype="<u4")
    if len(values) != num_perm + 1:
        return None
    return values[1:].astype(np.uint32), int(values[0])


def band_keys(hashvalues: np.ndarray, bands: int, rows: int) -> list[int]:
    """One signed 64-bit key per band (SQLite INTEGER); the band number is mixed in, so keys of
    different bands never meet."""
    values = hashvalues[: bands * rows].astype(np.uint64).reshape(bands, rows)
    key = np.arange(bands, dtype=np.uint64) * _BAND_SALT
    for column in range(rows):
        key = (key ^ values[:, column]) * _BAND_MIX
        key ^= key >> np.uint64(29)
    return key.view(np.int64).tolist()


@lru_cache(maxsize=8)
def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) minimising false positives + false negatives at `threshold` (datasketch's choice).

    The default settings' pair is precomputed in settings (tests check it against datasketch), so a
    run never imports datasketch; other thresholds ask datasketch's MinHashLSH optimiser."""
    if (threshold, num_perm) == (settings.LSH_THRESHOLD, settings.NUM_PERM):
        return settings.LSH_BANDS_ROWS
    from datasketch.lsh import _optimal_param

    return _optimal_param(threshold, num_perm, 0.5, 0.5)


def _power_table(base: int, size: int) -> np.ndarray:
    """base**i mod 2**64 for i in 0..size-1."""
    table = np.ones(size, dtype=np.uint64)
    table[1:] = np.cumprod(np.full(size - 1, base, dtype=np.uint64))
    return table


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's finalizer (the pre-mix datasketch applies before its affine32 permutations)."""
    h = values.astype(np.uint32)
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


def _distinct(values: np.ndarray) -> int:
    ordered = np.sort(values)
    return int(np.count_nonzero(ordered[1:] != ordered[:-1])) + 1 if len(ordered) else 0


def sign(text: str | None, hasher: MinHasher, min_words: int = settings.MIN_WORDS_NEAR_DUP) -> tuple[str | None, bytes]:
    """(content hash, packed MinHash or b"") of a text; (None, b"") for a text without words."""
    normalised = normalised_text(text or "")
    if not normalised:
        return None, b""
    return content_hash(normalised), hasher.signature(normalised, min_words)


class SignatureStage:
    """The per-article half of dedup: content hash and MinHash signature, computed in the workers."""

    name = "dedup"
    reads = ("text",)
    writes = ("content_hash", "signature")

    def __init__(self) -> None:
        self.hasher = MinHasher()

    def __call__(self, article: Article) -> None:
        article.content_hash, article.signature = sign(article.text, self.hasher)
