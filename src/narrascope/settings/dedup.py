"""Deduplication settings: exact and near-duplicate (MinHash LSH) detection."""

SHINGLE_WORDS = 5  # near-duplicates compare sets of 5-word shingles of the normalised text
NUM_PERM = 128  # MinHash permutations: more = finer similarity estimates, slower (changing it orphans stored signatures)
SEED = 1  # MinHash permutation seed (changing it orphans stored signatures)
LSH_THRESHOLD = 0.4  # Jaccard similarity at which LSH starts proposing candidate pairs (recall side)
NEAR_DUP_JACCARD = 0.6  # a candidate is a copy if the estimated shingle Jaccard is at least this...
NEAR_DUP_CONTAINMENT = 0.8  # ...or if this share of the shorter text's shingles is in the longer (truncated copies)
MIN_WORDS_NEAR_DUP = 40  # shorter texts get exact dedup only: a few shared sentences would swamp them
# Non-ASCII punctuation ignored like ASCII punctuation when comparing texts (NFKC has already
# turned no-break spaces, ellipses and full-width forms into their ASCII equivalents).
PUNCTUATION = "‘’‚‛“”„‟‹›«»–—―‐‑‒•·¡¿§¶†‡′″\u200b\u200c\u200d\u2060\ufeff"
# (bands, rows) of the LSH index for LSH_THRESHOLD and NUM_PERM: datasketch's MinHashLSH optimum,
# `datasketch.lsh._optimal_param(0.4, 128, 0.5, 0.5)` (tests check it); other values are computed.
LSH_BANDS_ROWS = (32, 4)
