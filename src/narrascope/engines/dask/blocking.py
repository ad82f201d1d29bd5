"""Distributed TF-IDF vectors and blocked candidate pairs, for story (and thread) clustering on Dask.

- `document_frequencies(terms)`: a distributed group-by of (id, term) rows: {term: df}, never on the driver.
- `vectors(terms, frequencies, documents)`: each document's TF-IDF vector (stories.features.tfidf, the
  local engine's weighting) and its blocking keys: its BLOCK_TERMS heaviest terms, skipping terms in more
  than BLOCK_MAX_SHARE of the documents (they would make giant blocks and say little about the event).
- `scored_pairs(nodes, window_days)`: the pairs of nodes sharing a block whose spans are within
  `window_days` (at most BLOCK_WINDOW partners per node and block), with their cosine (features.cosine's
  value, computed as sparse row products: pair_cosines).

A node is a row (id, first, last, vector, blocks): an article (first == last == its day ordinal) or a
story (its span). Undated nodes (first NaN) are paired with any node of their block, as the local
engine matches undated articles with stories of any date.
"""
from __future__ import annotations

import json
import math
from datetime import date

import numpy as np
import pandas as pd

from ...settings import engines_corpus as settings
from ...stories.features import tfidf

TERMS_META = {"id": object, "first": "float64", "last": "float64", "term": object, "count": "float64"}
NODES_META = {"id": object, "first": "float64", "last": "float64", "vector": object, "blocks": object}
PAIRS_META = {"a": object, "b": object}
SCORED_META = {"a": object, "b": object, "cosine": "float64"}


def ordinal(day: str | None) -> float:
    """Day number of a YYYY-MM-DD (prefix) date, NaN when undated or not a date."""
    if not isinstance(day, str) or len(day) < 10:
        return math.nan
    try:
        return float(date.fromisoformat(day[:10]).toordinal())
    except ValueError:
        return math.nan


def exploded_terms(frame: pd.DataFrame) -> pd.DataFrame:
    """(id, first, last, term, count) rows of a partition of (id, published, story_terms JSON)."""
    ids, days, terms, counts = [], [], [], []
    for article_id, published, blob in zip(frame["id"], frame["published"], frame["story_terms"]):
        day = ordinal(published if isinstance(published, str) else None)
        weights = json.loads(blob)
        ids += [article_id] * len(weights)
        days += [day] * len(weights)
        terms += weights.keys()
        counts += weights.values()
    return pd.DataFrame({"id": pd.Series(ids, dtype=object), "first": np.array(days, dtype="float64"),
                         "last": np.array(days, dtype="float64"), "term": pd.Series(terms, dtype=object),
                         "count": np.array(counts, dtype="float64")})


def document_frequencies(terms):
    """Dask Series term -> number of documents holding it (each (id, term) row is one document's term)."""
    return terms.groupby("term")["id"].count(split_out=max(1, terms.npartitions)).rename("df")


def vectors(terms, frequencies, documents):
    """Nodes (NODES_META) of the documents in `terms`: TF-IDF vector and blocking keys. `documents`:
    the number of documents (an int or a lazy dask scalar)."""
    weighted = terms.merge(frequencies.to_frame(), left_on="term", right_index=True, how="inner")
    return weighted.shuffle(on="id").map_partitions(_vectors, documents, meta=NODES_META)


def _vectors(frame: pd.DataFrame, documents: int) -> pd.DataFrame:
    documents = int(documents)
    cap = max(settings.BLOCK_MIN_DF_CAP, settings.BLOCK_MAX_SHARE * documents)
    frame = frame.sort_values("id", kind="stable")
    ids, terms = frame["id"].to_numpy(dtype=object), frame["term"].to_numpy(dtype=object)
    counts, dfs = frame["count"].to_numpy(dtype="float64"), frame["df"].to_numpy(dtype="int64")
    firsts, lasts = frame["first"].to_numpy(dtype="float64"), frame["last"].to_numpy(dtype="float64")
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]]) if len(ids) else np.zeros(0, dtype=int)
    out = []
    for start, end in zip(starts, [*starts[1:], len(ids)]):
        df = dict(zip(terms[start:end], dfs[start:end].tolist()))
        vector = tfidf(dict(zip(terms[start:end], counts[start:end].tolist())), df, documents)
        blocks = [t for t in vector if df.get(t, 0) <= cap][: settings.BLOCK_TERMS]
        out.append((ids[start], firsts[start], lasts[start], vector, blocks))
    return _nodes(out)


def _nodes(rows: list[tuple]) -> pd.DataFrame:
    columns = list(zip(*rows)) if rows else [[]] * 5
    return pd.DataFrame({"id": pd.Series(columns[0], dtype=object),
                         "first": np.array(columns[1], dtype="float64"),
                         "last": np.array(columns[2], dtype="float64"),
                         "vector": pd.Series(columns[3], dtype=object),
                         "blocks": pd.Series(columns[4], dtype=object)})


def scored_pairs(nodes, window_days: int, limit: int | None = None):
    """(a, b, cosine > 0) of the blocked candidate pairs (a < b), at most `limit` (BLOCK_WINDOW)
    earlier partners per node and block. Vectors travel with their block keys (a node's vector once
    per block), never once per pair."""
    keyed = nodes[["id", "first", "last", "blocks", "vector"]].explode("blocks").dropna(subset=["blocks"])
    keyed = keyed.rename(columns={"blocks": "block"})
    limit = settings.BLOCK_WINDOW if limit is None else limit
    scored = keyed.shuffle(on="block").map_partitions(_block_scores, window_days, limit, meta=SCORED_META)
    return scored.shuffle(on="a").map_partitions(_unique_pairs, meta=SCORED_META)


def _block_scores(frame: pd.DataFrame, window_days: int, limit: int) -> pd.DataFrame:
    pairs = _block_pairs(frame, window_days, limit)
    vector_of = dict(zip(frame["id"], frame["vector"]))
    # (plain lists: Series.map of a string column to dicts makes pandas try an Arrow struct array of
    # every distinct term, which grew quadratically with the pairs)
    ids_a, ids_b = pairs["a"].to_numpy(dtype=object), pairs["b"].to_numpy(dtype=object)
    scores = pair_cosines(ids_a, [vector_of[i] for i in ids_a], ids_b, [vector_of[i] for i in ids_b])
    keep = scores > 0
    return pd.DataFrame({"a": ids_a[keep], "b": ids_b[keep], "cosine": scores[keep]})


def _block_pairs(frame: pd.DataFrame, window_days: int, limit: int) -> pd.DataFrame:
    """Pairs within each block: dated nodes with the earlier ones whose span reaches theirs within
    `window_days`; undated nodes with any (at most `limit` partners each). All blocks at once: one
    sort, then array arithmetic (a many-story corpus has thousands of small blocks, and a pandas sort
    per block cost more than the pairs)."""
    shared = frame[frame["block"].duplicated(keep=False)]
    if shared.empty:
        return pd.DataFrame({"a": pd.Series(dtype=object), "b": pd.Series(dtype=object)})
    shared = shared.sort_values(["block", "first", "id"], na_position="last", kind="stable")
    blocks = shared["block"].to_numpy(dtype=object)
    ids = shared["id"].to_numpy(dtype=object)
    firsts, lasts = shared["first"].to_numpy(dtype="float64"), shared["last"].to_numpy(dtype="float64")
    position = _positions_in_runs(blocks)
    partners = np.minimum(position, limit)  # the members before it in its block, at most `limit`
    later = np.repeat(np.arange(len(ids)), partners)
    steps = np.arange(len(later)) - np.repeat(np.cumsum(partners) - partners, partners) + 1
    earlier = later - steps
    with np.errstate(invalid="ignore"):
        near = np.isnan(firsts[later]) | (lasts[earlier] >= firsts[later] - window_days)
    one, other = ids[earlier[near]], ids[later[near]]
    smaller = one < other
    return pd.DataFrame({"a": np.where(smaller, one, other), "b": np.where(smaller, other, one)}).drop_duplicates()


def _positions_in_runs(values: np.ndarray) -> np.ndarray:
    """Position of each item in its run of equal consecutive values (0 for a run's first)."""
    starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    lengths = np.diff(np.r_[starts, len(values)])
    return np.arange(len(values)) - np.repeat(starts, lengths)


def _unique_pairs(frame: pd.DataFrame) -> pd.DataFrame:
    """A pair found in several blocks once."""
    return frame.drop_duplicates(subset=["a", "b"]).reset_index(drop=True)


def pair_cosines(ids_a, vectors_a, ids_b, vectors_b, chunk: int = 50_000) -> np.ndarray:
    """features.cosine of each pair (vectors_a[i], vectors_b[i]), computed as sparse row products:
    each distinct vector (by id) is indexed once, however many pairs it is in."""
    from scipy import sparse

    rows_a, (count_a, terms_a, values_a, owners_a) = _sparse_rows(ids_a, vectors_a)
    rows_b, (count_b, terms_b, values_b, owners_b) = _sparse_rows(ids_b, vectors_b)
    columns, names = pd.factorize(pd.Series(terms_a + terms_b, dtype=object))  # one term space for both sides
    width = max(1, len(names))
    matrix_a = sparse.csr_matrix((values_a, (owners_a, columns[: len(terms_a)])), shape=(count_a, width))
    matrix_b = sparse.csr_matrix((values_b, (owners_b, columns[len(terms_a) :])), shape=(count_b, width))
    norms_a = np.sqrt(np.asarray(matrix_a.multiply(matrix_a).sum(axis=1)).ravel())
    norms_b = np.sqrt(np.asarray(matrix_b.multiply(matrix_b).sum(axis=1)).ravel())
    scores = np.zeros(len(rows_a), dtype="float64")
    for start in range(0, len(rows_a), chunk):
        a, b = rows_a[start : start + chunk], rows_b[start : start + chunk]
        dots = np.asarray(matrix_a[a].multiply(matrix_b[b]).sum(axis=1)).ravel()
        norms = norms_a[a] * norms_b[b]
        scores[start : start + chunk] = np.divide(dots, norms, out=np.zeros_like(dots), where=(dots != 0) & (norms > 0))
    return scores


def _sparse_rows(ids, vectors):
    """(row of each item, (distinct rows, terms, values, row of each term)) with one row per distinct id."""
    codes, uniques = pd.factorize(pd.Series(np.asarray(ids, dtype=object), dtype=object))
    _, first = np.unique(codes, return_index=True)
    vectors = np.asarray(vectors, dtype=object) if not isinstance(vectors, pd.Series) else vectors.to_numpy(dtype=object)
    terms, values, lengths = [], [], []
    for position in first:
        vector = vectors[position]
        terms += vector.keys()
        values += vector.values()
        lengths.append(len(vector))
    owners = np.repeat(np.arange(len(first), dtype=np.int64), lengths)
    return codes.astype(np.int64), (len(uniques), terms, np.array(values, dtype="float64"), owners)
