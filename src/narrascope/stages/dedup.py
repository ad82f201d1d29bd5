"""Exact and near-duplicate (syndicated copy) detection, linking every copy to its original.

Corpus level, in the main process:

    dedup = Deduplicator()
    dedup.load(store.dedup_signatures())     # earlier runs: later batches dedup against them
    for article in batch:
        dedup.add(article)                   # sets content_hash and a provisional duplicate_of
    store.write_articles(batch, duplicates=dedup.finalize(), signatures=dedup.signatures())

- Exact: `content_hash` is the sha1 of the normalised text (NFKC, casefolded, words only, so
  whitespace and punctuation do not matter). Equal hashes are copies.
- Near: MinHash (datasketch's affine32 scheme, computed in bulk with numpy) over word 5-shingles,
  indexed in a datasketch MinHashLSH, so each article is compared only with LSH candidates (near
  linear in corpus size). A candidate is a copy if its estimated Jaccard similarity is at least
  NEAR_DUP_JACCARD (a syndicated copy with a new intro, outro or headline) or if most of the
  shorter text is contained in the longer (NEAR_DUP_CONTAINMENT: a truncated copy). Texts shorter
  than MIN_WORDS_NEAR_DUP words get exact dedup only. Empty texts are never duplicates.
- Clusters are the connected components of copy links (union-find). Every member links to the
  cluster's original: the earliest `published`, else (undated, or equal dates) the first seen.
"""
from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
import zlib
from typing import Iterable, NamedTuple

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..model import Article
from ..settings import dedup as settings

log = logging.getLogger(__name__)

# Word bytes of the casefolded UTF-8 text: ASCII letters, digits and "_", and any non-ASCII character
# (non-ASCII punctuation is mapped to spaces first, see settings.PUNCTUATION).
_WORD = re.compile(rb"[0-9A-Za-z_\x80-\xff]+")
_BASE = 0x100000001B3  # odd multiplier of the polynomial rolling hash of shingles (mod 2**64)
_NONE = -1  # no link


class Signature(NamedTuple):
    """What the store keeps for each deduplicated article (see Store.dedup_signatures)."""

    article_id: str
    content_hash: str | None
    published: str | None
    minhash: bytes | None  # little-endian uint32: distinct shingle count, then NUM_PERM hash values
    duplicate_of: str | None = None


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


class ShingleHasher:
    """MinHash of word shingles, bit-identical to datasketch's affine32 MinHash fed the shingle hashes."""

    def __init__(self, num_perm: int, seed: int, shingle_words: int):
        self.num_perm, self.shingle_words = num_perm, shingle_words
        self.permutations = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
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

    def to_datasketch(self, hashvalues: np.ndarray) -> MinHash:
        return MinHash(scheme="affine32", hashvalues=hashvalues, permutations=self.permutations)


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


class Deduplicator:
    name = "dedup"

    def __init__(
        self,
        *,
        num_perm: int = settings.NUM_PERM,
        seed: int = settings.SEED,
        shingle_words: int = settings.SHINGLE_WORDS,
        lsh_threshold: float = settings.LSH_THRESHOLD,
        jaccard: float = settings.NEAR_DUP_JACCARD,
        containment: float = settings.NEAR_DUP_CONTAINMENT,
        min_words: int = settings.MIN_WORDS_NEAR_DUP,
    ):
        self.jaccard, self.containment, self.min_words = jaccard, containment, min_words
        self.hasher = ShingleHasher(num_perm, seed, shingle_words)
        self._lsh = MinHashLSH(threshold=lsh_threshold, num_perm=num_perm)
        self._ids: list[str] = []
        self._seq: dict[str, int] = {}
        self._published: list[str | None] = []
        self._link: list[int] = []  # the link the caller was last told (or the store holds)
        self._parent: list[int] = []
        self._members: dict[int, list[int]] = {}
        self._original: dict[int, int] = {}  # cluster root -> its original
        self._by_hash: dict[str, int] = {}
        self._sketch: dict[int, tuple[np.ndarray, int]] = {}  # indexed seq -> (hash values, shingle count)
        self._dirty: set[int] = set()  # clusters (by a member) whose links may have changed
        self._fresh: set[int] = set()  # added since the last finalize()
        self._unsaved: list[tuple[int, str, bytes | None]] = []  # (seq, content hash, minhash) since signatures()

    # --- public ---------------------------------------------------------------------------------
    def load(self, signatures: Iterable[tuple]) -> None:
        """Seed with stored signatures (article_id, content_hash, published, minhash, duplicate_of)."""
        links: list[tuple[int, str]] = []
        for article_id, digest, published, blob, duplicate_of in signatures:
            if article_id in self._seq:
                continue
            seq = self._register(article_id, published)
            self._dirty.discard(seq)
            if digest:
                self._by_hash.setdefault(digest, seq)
                self._union(seq, self._by_hash[digest])
            sketch = self._unpack(blob, article_id)
            if sketch is not None:
                self._index(seq, *sketch)
            if duplicate_of:
                links.append((seq, duplicate_of))
        for seq, duplicate_of in links:
            original = self._seq.get(duplicate_of)
            self._link[seq] = _NONE if original is None else original
            if original is not None:
                self._union(seq, original)
        self._dirty = {root for root in self._members if self._needs_relink(root)}

    def add(self, article: Article) -> None:
        """Set `content_hash` and a provisional `duplicate_of` (final once `finalize()` has run)."""
        normalised = normalised_text(article.text or "")
        if not normalised:
            article.content_hash, article.duplicate_of = None, None
            return
        digest = content_hash(normalised)
        article.content_hash = digest
        seq = self._seq.get(article.id)
        if seq is None:
            seq = self._register(article.id, article.published)
            self._fresh.add(seq)
            blob = self._match(seq, digest, normalised)
            self._unsaved.append((seq, digest, blob))
        original = self._original[self._find(seq)]
        self._link[seq] = _NONE if original == seq else original
        article.duplicate_of = None if original == seq else self._ids[original]

    def finalize(self) -> dict[str, str | None]:
        """{article_id: original_id or None} for every article added since the last call and every
        earlier article whose original changed (an even earlier copy turned up)."""
        changes: dict[str, str | None] = {}
        for root in {self._find(seq) for seq in self._dirty}:
            original = self._original[root]
            for member in self._members[root]:
                want = _NONE if member == original else original
                if self._link[member] != want or member in self._fresh:
                    self._link[member] = want
                    changes[self._ids[member]] = None if want == _NONE else self._ids[original]
        self._dirty.clear()
        self._fresh.clear()
        return changes

    def signatures(self) -> list[Signature]:
        """Signatures of the articles added since the last call, for the store."""
        out = []
        for seq, digest, blob in self._unsaved:
            link = self._link[seq]
            out.append(Signature(self._ids[seq], digest, self._published[seq], blob,
                                 None if link == _NONE else self._ids[link]))
        self._unsaved = []
        return out

    def __len__(self) -> int:
        return len(self._ids)

    # --- matching -------------------------------------------------------------------------------
    def _match(self, seq: int, digest: str, normalised: bytes) -> bytes | None:
        """Link `seq` to its exact or near copies; return its packed MinHash if it was indexed."""
        first = self._by_hash.setdefault(digest, seq)
        if first != seq:
            self._union(seq, first)  # an exact copy: the first one's sketch already stands for both
            return None
        if normalised.count(b" ") + 1 < self.min_words:
            return None
        hashes = self.hasher.shingle_hashes(normalised)
        hashvalues, size = self.hasher.minhash(hashes), _distinct(hashes)
        sketch = self.hasher.to_datasketch(hashvalues)
        for candidate in self._lsh.query(sketch):
            if self._similar(hashvalues, size, *self._sketch[candidate]):
                self._union(seq, candidate)
        self._index(seq, hashvalues, size, sketch)
        return np.concatenate(([size], hashvalues)).astype("<u4").tobytes()

    def _similar(self, hv_a: np.ndarray, size_a: int, hv_b: np.ndarray, size_b: int) -> bool:
        jaccard = float(np.mean(hv_a == hv_b))
        if jaccard >= self.jaccard:
            return True
        shared = jaccard * (size_a + size_b) / (1.0 + jaccard)  # |A ∩ B| from J and the set sizes
        return shared / max(1, min(size_a, size_b)) >= self.containment

    def _index(self, seq: int, hashvalues: np.ndarray, size: int, sketch: MinHash | None = None) -> None:
        self._sketch[seq] = (hashvalues, size)
        sketch = sketch if sketch is not None else self.hasher.to_datasketch(hashvalues)
        self._lsh.insert(seq, sketch, check_duplication=False)

    def _unpack(self, blob: bytes | None, article_id: str) -> tuple[np.ndarray, int] | None:
        if not blob:
            return None
        values = np.frombuffer(blob, dtype="<u4")
        if len(values) != self.hasher.num_perm + 1:
            log.warning("dedup signature of %s was made with other settings; it gets exact dedup only", article_id)
            return None
        return values[1:].astype(np.uint32), int(values[0])

    # --- clusters (union-find) ------------------------------------------------------------------
    def _register(self, article_id: str, published: str | None) -> int:
        seq = len(self._ids)
        self._ids.append(article_id)
        self._seq[article_id] = seq
        self._published.append(published or None)
        self._link.append(_NONE)
        self._parent.append(seq)
        self._members[seq] = [seq]
        self._original[seq] = seq
        self._dirty.add(seq)
        return seq

    def _find(self, seq: int) -> int:
        parent = self._parent
        while parent[seq] != seq:
            parent[seq] = parent[parent[seq]]
            seq = parent[seq]
        return seq

    def _union(self, a: int, b: int) -> None:
        root_a, root_b = self._find(a), self._find(b)
        if root_a == root_b:
            return
        if len(self._members[root_a]) < len(self._members[root_b]):
            root_a, root_b = root_b, root_a
        self._parent[root_b] = root_a
        self._members[root_a].extend(self._members.pop(root_b))
        self._original[root_a] = min(self._original[root_a], self._original.pop(root_b), key=self._age)
        self._dirty.add(root_a)

    def _age(self, seq: int) -> tuple[bool, str, int]:
        """Sort key of a cluster's original: dated before undated, earliest date, then first seen."""
        published = self._published[seq]
        return (published is None, published or "", seq)

    def _needs_relink(self, root: int) -> bool:
        original = self._original[root]
        return any(self._link[m] != (_NONE if m == original else original) for m in self._members[root])
