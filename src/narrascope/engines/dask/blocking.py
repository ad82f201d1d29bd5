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
        for term, count in json.loads(blob).items():
            ids.append(article_id), days.append(day), terms.append(term), counts.append(float(count))
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
    out = []
    for article_id, rows in frame.groupby("id", sort=False):
        counts = dict(zip(rows["term"], rows["count"]))
        df = dict(zip(rows["term"], rows["df"].astype(int)))
        vector = tfidf(counts, df, documents)
        blocks = [t for t in vector if df.get(t, 0) <= cap][: settings.BLOCK_TERMS]
        out.append((article_id, rows["first"].iloc[0], rows["last"].iloc[0], vector, blocks))
    return _nodes(out)


def _nodes(rows: list[tuple]) -> pd.DataFrame:
    columns = list(zip(*rows)) if rows else [[]] * 5
    return pd.DataFrame({"id": pd.Series(columns[0], dtype=object),
                         "first": np.array(columns[1], dtype="float64"),
                         "last": np.array(columns[2], dtype="float64"),
                         "vector": pd.Series(columns[3], dtype=object),
                         "blocks": pd.Series(columns[4], dtype=object)})


def scored_pairs(nodes, window_days: int, floor: float = 0.0):
    """(a, b, cosine) of the blocked candidate pairs (a < b), cosine > `floor`. Vectors travel with
    their block keys (a node's vector once per block), never once per pair."""
    keyed = nodes[["id", "first", "last", "blocks", "vector"]].explode("blocks").dropna(subset=["blocks"])
    keyed = keyed.rename(columns={"blocks": "block"})
    scored = keyed.shuffle(on="block").map_partitions(_block_scores, window_days, floor, meta=SCORED_META)
    return scored.shuffle(on="a").map_partitions(_unique_pairs, meta=SCORED_META)


def _block_scores(frame: pd.DataFrame, window_days: int, floor: float) -> pd.DataFrame:
    pairs = _block_pairs(frame, window_days)
    vector_of = dict(zip(frame["id"], frame["vector"]))
    scores = pair_cosines(pairs["a"], pairs["a"].map(vector_of), pairs["b"], pairs["b"].map(vector_of))
    keep = scores > floor
    return pd.DataFrame({"a": pairs["a"][keep].to_numpy(dtype=object), "b": pairs["b"][keep].to_numpy(dtype=object),
                         "cosine": scores[keep]})


def _block_pairs(frame: pd.DataFrame, window_days: int) -> pd.DataFrame:
    """Pairs within each block: dated nodes with the earlier ones whose span reaches theirs within
    `window_days`; undated nodes with any (at most BLOCK_WINDOW partners each)."""
    limit = settings.BLOCK_WINDOW
    a_ids, b_ids = [], []
    shared = frame[frame["block"].duplicated(keep=False)]
    for _, block in shared.groupby("block", sort=False):
        block = block.sort_values(["first", "id"], na_position="last")
        ids, firsts, lasts = block["id"].tolist(), block["first"].to_numpy(), block["last"].to_numpy()
        for j in range(1, len(ids)):
            reach = -math.inf if math.isnan(firsts[j]) else firsts[j] - window_days
            for i in range(max(0, j - limit), j):
                if lasts[i] >= reach or math.isnan(firsts[j]):
                    a, b = sorted((ids[i], ids[j]))
                    a_ids.append(a), b_ids.append(b)
    return pd.DataFrame({"a": pd.Series(a_ids, dtype=object), "b": pd.Series(b_ids, dtype=object)}).drop_duplicates()


def _unique_pairs(frame: pd.DataFrame) -> pd.DataFrame:
    """A pair found in several blocks once."""
    return frame.drop_duplicates(subset=["a", "b"]).reset_index(drop=True)


def pair_cosines(ids_a, vectors_a, ids_b, vectors_b, chunk: int = 50_000) -> np.ndarray:
    """features.cosine of each pair (vectors_a[i], vectors_b[i]), computed as sparse row products:
    each distinct vector (by id) is indexed once, however many pairs it is in."""
    from scipy import sparse

    columns: dict[str, int] = {}
    rows_a, matrix_a = _sparse_rows(ids_a, vectors_a, columns)
    rows_b, matrix_b = _sparse_rows(ids_b, vectors_b, columns)
    shape = (len(columns),)
    matrix_a = sparse.csr_matrix(matrix_a, shape=(matrix_a[1][0].max(initial=-1) + 1, *shape))
    matrix_b = sparse.csr_matrix(matrix_b, shape=(matrix_b[1][0].max(initial=-1) + 1, *shape))
    norms_a = np.sqrt(np.asarray(matrix_a.multiply(matrix_a).sum(axis=1)).ravel())
    norms_b = np.sqrt(np.asarray(matrix_b.multiply(matrix_b).sum(axis=1)).ravel())
    scores = np.zeros(len(rows_a), dtype="float64")
    for start in range(0, len(rows_a), chunk):
        a, b = rows_a[start : start + chunk], rows_b[start : start + chunk]
        dots = np.asarray(matrix_a[a].multiply(matrix_b[b]).sum(axis=1)).ravel()
        norms = norms_a[a] * norms_b[b]
        scores[start : start + chunk] = np.divide(dots, norms, out=np.zeros_like(dots), where=(dots != 0) & (norms > 0))
    return scores


def _sparse_rows(ids, vectors, columns: dict[str, int]):
    """(row of each item, (values, (rows, columns))) with one row per distinct id."""
    row_of: dict = {}
    values, rows, cols, item_rows = [], [], [], []
    for key, vector in zip(ids, vectors):
        row = row_of.get(key)
        if row is None:
            row = row_of[key] = len(row_of)
            for term, weight in vector.items():
                values.append(weight), rows.append(row), cols.append(columns.setdefault(term, len(columns)))
        item_rows.append(row)
    coordinates = (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64))
    return np.array(item_rows, dtype=np.int64), (np.array(values, dtype="float64"), coordinates)
