"""Exact and near-duplicate (syndicated copy) detection, linking every copy to its original.

Corpus level, in the main process (`narrascope.analyze` does this per batch):

    dedup = Deduplicator(store.dedup_index())   # no index: everything stays in memory
    for article in batch:
        dedup.add(article)                      # sets content_hash and a provisional duplicate_of
    store.write_articles(batch, duplicates=dedup.finalize(), signatures=dedup.signatures())

- Exact: `content_hash` is the sha1 of the normalised text (NFKC, casefolded, words only, so
  whitespace and punctuation do not matter). Equal hashes are copies.
- Near: MinHash over word 5-shingles (see dedup_signature.py; the "dedup" worker stage computes it,
  `add` computes it when the stage did not run). Locality-sensitive hashing proposes candidates:
  the MinHash is cut into bands (datasketch MinHashLSH's optimal (bands, rows) for LSH_THRESHOLD)
  and articles sharing a band key are candidates. A candidate is a copy if its estimated Jaccard
  similarity is at least NEAR_DUP_JACCARD (a syndicated copy with a new intro, outro or headline)
  or if most of the shorter text is contained in the longer (NEAR_DUP_CONTAINMENT: a truncated
  copy). Texts shorter than MIN_WORDS_NEAR_DUP words get exact dedup only. Empty texts are never
  duplicates.
- Clusters are the connected components of copy links (union-find). Every member links to the
  cluster's original: the earliest `published`, else (undated, or equal dates) the first seen.

Memory stays flat in corpus size: with an index (the store), the Deduplicator holds only the current
batch (its "window") and the stored articles it touched. Content hashes, band keys, MinHashes and
duplicate links of earlier batches live in the store (tables `articles`, `dedup_bands`,
`dedup_signatures`) and are looked up per article; `signatures()` hands the window over to the store
and forgets it. The store keeps every copy linked directly to its cluster's original, so a stored
article's cluster is found from its `duplicate_of`; when an earlier copy turns up, `finalize()`
fetches the members of the stored original it displaces and relinks them.
"""
from __future__ import annotations

import logging
from typing import Iterable, NamedTuple, Protocol, Sequence

import numpy as np

from ..model import Article
from ..settings import dedup as settings
from .dedup_signature import (MinHasher, band_keys, content_hash, lsh_params, normalised_text, sign,
                              unpack)

__all__ = ["Deduplicator", "DedupIndex", "Signature", "StoredArticle", "content_hash", "normalised_text"]

log = logging.getLogger(__name__)
_NONE = -1  # no link


class Signature(NamedTuple):
    """What the store keeps for each deduplicated article (see Store.write_articles)."""

    article_id: str
    content_hash: str | None
    published: str | None
    minhash: bytes | None  # little-endian uint32: distinct shingle count, then NUM_PERM hash values
    duplicate_of: str | None = None
    bands: tuple[int, ...] = ()  # LSH band keys (dedup_bands rows); empty for exact-only articles


class StoredArticle(NamedTuple):
    id: str
    order: int  # insertion order in the store
    published: str | None
    duplicate_of: str | None


class DedupIndex(Protocol):
    """What the Deduplicator asks of the store about earlier batches (SQLiteStore.dedup_index())."""

    def get(self, article_id: str) -> StoredArticle | None: ...

    def find_hash(self, digest: str) -> StoredArticle | None:
        """One stored article with this content hash (all such are in one cluster)."""

    def find_bands(self, keys: Sequence[int]) -> list[tuple[int, bytes]]:
        """(order, packed MinHash) of the stored articles sharing a band key."""

    def at(self, order: int) -> StoredArticle | None:
        """The stored article with this order (as find_bands gives it)."""

    def members(self, original_id: str) -> list[StoredArticle]:
        """Stored articles whose duplicate_of is `original_id`."""


class Deduplicator:
    name = "dedup"

    def __init__(
        self,
        index: DedupIndex | None = None,
        *,
        num_perm: int = settings.NUM_PERM,
        seed: int = settings.SEED,
        shingle_words: int = settings.SHINGLE_WORDS,
        lsh_threshold: float = settings.LSH_THRESHOLD,
        jaccard: float = settings.NEAR_DUP_JACCARD,
        containment: float = settings.NEAR_DUP_CONTAINMENT,
        min_words: int = settings.MIN_WORDS_NEAR_DUP,
    ):
        self.index = index
        self.jaccard, self.containment, self.min_words = jaccard, containment, min_words
        self.hasher = MinHasher(num_perm, seed, shingle_words)
        self.bands, self.rows = lsh_params(lsh_threshold, num_perm)
        self._default_signature = (num_perm, seed, shingle_words, min_words) == (
            settings.NUM_PERM, settings.SEED, settings.SHINGLE_WORDS, settings.MIN_WORDS_NEAR_DUP)
        self._added = 0  # articles added since creation: "first seen" order of new articles
        self._forget()

    def _forget(self) -> None:
        """Start a new window."""
        self._ids: list[str] = []
        self._seq: dict[str, int] = {}
        self._order: list[tuple[int, int]] = []  # (0, store order) for stored articles, (1, n) for new
        self._published: list[str | None] = []
        self._link: list[int] = []  # the link the caller was last told (or the store holds)
        self._parent: list[int] = []
        self._members: dict[int, list[int]] = {}
        self._original: dict[int, int] = {}  # cluster root -> its original
        self._by_hash: dict[str, int] = {}
        self._by_band: dict[int, list[int]] = {}
        self._sketch: dict[int, tuple[np.ndarray, int]] = {}  # seq -> (hash values, shingle count)
        self._stored: set[int] = set()  # window members that come from the store
        self._expanded: set[int] = set()  # stored originals whose stored members are in the window
        self._dirty: set[int] = set()  # clusters (by a member) whose links may have changed
        self._fresh: set[int] = set()  # added since the last finalize()
        self._unsaved: list[tuple[int, str, bytes | None, tuple[int, ...]]] = []

    # --- public ---------------------------------------------------------------------------------
    def add(self, article: Article) -> None:
        """Set `content_hash` and a provisional `duplicate_of` (final once `finalize()` has run)."""
        digest, blob = self._signature(article)
        article.content_hash = digest
        if digest is None:
            article.duplicate_of = None
            return
        seq = self._seq.get(article.id)
        if seq is None:  # (an article already stored is added again as new: its own copy, same id)
            seq = self._register(article.id, article.published, (1, self._added), _NONE)
            self._added += 1
            self._fresh.add(seq)
            self._unsaved.append((seq, digest, *self._match(seq, digest, blob)))
        original = self._original[self._find(seq)]
        self._link[seq] = _NONE if original == seq else original
        article.duplicate_of = None if original == seq else self._ids[original]

    def finalize(self) -> dict[str, str | None]:
        """{article_id: original_id or None} for every article added since the last call and every
        earlier article whose original changed (an even earlier copy turned up)."""
        self._expand_displaced_originals()
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
        """Signatures of the articles added since the last call, for the store (call after finalize()).

        With an index, the window is handed over: the caller stores these and the links in one
        transaction, and the Deduplicator forgets them (it finds them in the store from now on)."""
        out = []
        for seq, digest, blob, bands in self._unsaved:
            link = self._link[seq]
            out.append(Signature(self._ids[seq], digest, self._published[seq], blob,
                                 None if link == _NONE else self._ids[link], bands))
        self._unsaved = []
        if self.index is not None:
            self._forget()
        return out

    def load(self, signatures: Iterable[tuple]) -> None:
        """Without an index: seed the in-memory state with stored signatures
        (article_id, content_hash, published, minhash, duplicate_of), and relink what needs it."""
        links: list[tuple[int, str]] = []
        for article_id, digest, published, blob, duplicate_of in signatures:
            if article_id in self._seq:
                continue
            seq = self._register(article_id, published, (0, len(self._ids)), _NONE)
            self._dirty.discard(seq)
            if digest:
                self._union(seq, self._by_hash.setdefault(digest, seq))
            sketch = unpack(blob, self.hasher.num_perm) if blob else None
            if sketch is not None:
                self._index(seq, *sketch, band_keys(sketch[0], self.bands, self.rows))
            if duplicate_of:
                links.append((seq, duplicate_of))
        for seq, duplicate_of in links:
            original = self._seq.get(duplicate_of)
            self._link[seq] = _NONE if original is None else original
            if original is not None:
                self._union(seq, original)
        self._dirty = {root for root in self._members if self._needs_relink(root)}

    def __len__(self) -> int:
        return len(self._ids)

    # --- matching -------------------------------------------------------------------------------
    def _signature(self, article: Article) -> tuple[str | None, bytes]:
        """The worker stage's (content_hash, signature), else computed here."""
        if article.signature is not None and self._default_signature:
            return article.content_hash, article.signature
        return sign(article.text, self.hasher, self.min_words)

    def _match(self, seq: int, digest: str, blob: bytes) -> tuple[bytes | None, tuple[int, ...]]:
        """Link `seq` to its exact or near copies; return its packed MinHash and band keys if indexed."""
        first = self._by_hash.get(digest)
        if first is None and self.index is not None:
            stored = self.index.find_hash(digest)
            first = self._stub(stored) if stored is not None else None
        if first is not None and first != seq:  # (first == seq: this very article, stored earlier)
            self._union(seq, first)  # an exact copy: the first one's sketch already stands for both
            return None, ()
        self._by_hash[digest] = seq
        sketch = unpack(blob, self.hasher.num_perm) if blob else None
        if sketch is None:
            return None, ()
        keys = band_keys(sketch[0], self.bands, self.rows)
        for candidate in {c for key in keys for c in self._by_band.get(key, ())}:
            if self._similar(*sketch, *self._sketch[candidate]):
                self._union(seq, candidate)
        if self.index is not None:
            self._match_stored(seq, sketch, len(blob), self.index.find_bands(keys))
        self._index(seq, *sketch, keys)
        return blob, tuple(keys)

    def _match_stored(self, seq: int, sketch: tuple[np.ndarray, int], size: int, found: list[tuple[int, bytes]]) -> None:
        """Link `seq` to the stored candidates (order, packed MinHash) it is similar to. Buckets of common
        phrasing give hundreds of candidates an article: no Python code runs per candidate."""
        if not found:
            return
        orders, blobs = zip(*found)
        if set(map(len, blobs)) != {size}:  # signatures of other MinHash settings: not comparable
            kept = [(order, b) for order, b in found if len(b) == size]
            if not kept:
                return
            orders, blobs = zip(*kept)
        others = np.frombuffer(b"".join(blobs), dtype="<u4").reshape(len(blobs), -1)
        for i in np.flatnonzero(self._similar_to_many(*sketch, others)):
            stored = self.index.at(orders[i])
            if stored is not None:
                self._union(seq, self._stub(stored))

    def _similar(self, hv_a: np.ndarray, size_a: int, hv_b: np.ndarray, size_b: int) -> bool:
        jaccard = float(np.mean(hv_a == hv_b))
        if jaccard >= self.jaccard:
            return True
        shared = jaccard * (size_a + size_b) / (1.0 + jaccard)  # |A ∩ B| from J and the set sizes
        return shared / max(1, min(size_a, size_b)) >= self.containment

    def _similar_to_many(self, hv: np.ndarray, size: int, others: np.ndarray) -> np.ndarray:
        """`_similar` against many packed signatures at once (rows: shingle count, hash values)."""
        jaccard = np.count_nonzero(others[:, 1:] == hv, axis=1) / (others.shape[1] - 1)
        sizes = others[:, 0].astype(np.float64)
        shared = jaccard * (size + sizes) / (1.0 + jaccard)
        return (jaccard >= self.jaccard) | (shared / np.maximum(1.0, np.minimum(size, sizes)) >= self.containment)

    def _index(self, seq: int, hashvalues: np.ndarray, size: int, keys: list[int]) -> None:
        self._sketch[seq] = (hashvalues, size)
        for key in keys:
            self._by_band.setdefault(key, []).append(seq)

    # --- stored articles in the window ----------------------------------------------------------
    def _stub(self, stored: StoredArticle) -> int:
        """The window node of a stored article, joined to its stored original's node."""
        seq = self._seq.get(stored.id)
        if seq is not None:
            return seq
        seq = self._register(stored.id, stored.published, (0, stored.order), _NONE)
        self._stored.add(seq)
        self._dirty.discard(seq)
        if stored.duplicate_of and self.index is not None:
            original = self.index.get(stored.duplicate_of)
            if original is not None:
                self._link[seq] = self._stub(original)
                self._union(seq, self._link[seq])
        return seq

    def _expand_displaced_originals(self) -> None:
        """A stored original that is no longer its cluster's original: bring its stored copies into
        the window so that they are relinked too."""
        if self.index is None:
            return
        for root in {self._find(seq) for seq in self._dirty}:
            original = self._original[root]
            displaced = [m for m in self._members[root] if m in self._stored and m != original
                         and self._link[m] == _NONE and m not in self._expanded]
            for seq in displaced:
                self._expanded.add(seq)
                for member in self.index.members(self._ids[seq]):
                    self._union(seq, self._stub(member))

    # --- clusters (union-find) ------------------------------------------------------------------
    def _register(self, article_id: str, published: str | None, order: tuple[int, int], link: int) -> int:
        seq = len(self._ids)
        self._ids.append(article_id)
        self._seq[article_id] = seq
        self._order.append(order)
        self._published.append(published or None)
        self._link.append(link)
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

    def _age(self, seq: int) -> tuple[bool, str, tuple[int, int]]:
        """Sort key of a cluster's original: dated before undated, earliest date, then first seen."""
        published = self._published[seq]
        return (published is None, published or "", self._order[seq])

    def _needs_relink(self, root: int) -> bool:
        original = self._original[root]
        return any(self._link[m] != (_NONE if m == original else original) for m in self._members[root])
