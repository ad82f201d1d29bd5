"""Distributed exact and near-duplicate detection over the articles of a Parquet dataset.

The same links as the local `stages.dedup.Deduplicator` run over the articles in input (`seq`) order:

- exact copies: equal `content_hash` (a shuffle by hash; each copy is linked to the first of its hash);
- near copies: MinHash LSH. The first article of each content hash (the local engine indexes only
  that one: its exact copies share its MinHash) is exploded into its `bands`; the frame is shuffled
  by band key, the rows of buckets with two or more members get their MinHash and go back to their
  bucket, and each bucket is verified where it lies: its candidate pairs (a member with at most
  DEDUP_BUCKET_WINDOW members before it) are screened on the low bits of the hash values, then
  checked by the Deduplicator's own similarity rule (Jaccard or containment). No frame of candidate
  pairs is shuffled or joined: boilerplate bands make buckets grow with the corpus (19M candidate
  pairs at 100k synthetic articles, 0.24M at 10k);
- clusters: connected components of the verified edges (on the driver: edges link copies only),
  each member linked to the cluster's original: the earliest `published`, ties and undated by `seq`.

Empty texts (no content hash) are never copies; short texts (MinHash b"") get exact dedup only.
Nothing here collects all articles or all pairs on the driver: only the edges between copies and
the (seq, id, published) of the articles in a cluster.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ...settings import dedup as dedup_settings
from ...settings import engines_corpus as settings
from ...stages.dedup import Deduplicator
from ...stages.dedup_signature import band_keys, lsh_params, unpack
from .components import components

__all__ = ["find_duplicates", "write_duplicates", "DEDUP_COLUMNS"]

DEDUP_COLUMNS = ["id", "seq", "published", "content_hash", "minhash", "bands"]
_PAIRS = pd.DataFrame({"a": pd.Series(dtype="int64"), "b": pd.Series(dtype="int64")})


def find_duplicates(articles) -> pd.DataFrame:
    """(id, duplicate_of) of every article in a cluster of copies (None for the cluster's original).

    `articles`: a dask DataFrame with DEDUP_COLUMNS (other columns are ignored). Articles in no
    cluster are not listed (their duplicate_of is None)."""
    import dask

    hashed = articles[DEDUP_COLUMNS]
    hashed = hashed[hashed["content_hash"].notnull()][["seq", "content_hash", "minhash", "bands"]]
    with dask.config.set({"dataframe.shuffle.method": settings.SHUFFLE_METHOD}):
        by_hash = hashed.shuffle(on="content_hash")
        exact = by_hash.map_partitions(_exact_edges, meta=_PAIRS)
        firsts = by_hash.map_partitions(_firsts_of_hashes, meta={"seq": "int64", "minhash": object, "bands": object})
        edges = dask.compute(exact, _near_edges(firsts))  # edges link copies only: small
    return _link_to_originals(articles, [pair for frame in edges for pair in _pairs(frame)])


def _pairs(frame: pd.DataFrame) -> list[tuple[int, int]]:
    return list(zip(frame.iloc[:, 0].tolist(), frame.iloc[:, 1].tolist()))


def _exact_edges(frame: pd.DataFrame) -> pd.DataFrame:
    """(copy, first of its content hash) of the exact copies in a partition shuffled by content hash."""
    first = frame.groupby("content_hash")["seq"].transform("min")
    copies = frame["seq"] != first
    return pd.DataFrame({"a": frame["seq"][copies].to_numpy(dtype="int64"),
                         "b": first[copies].to_numpy(dtype="int64")})


def _firsts_of_hashes(frame: pd.DataFrame) -> pd.DataFrame:
    """The first article (smallest seq) of each content hash: the one the local engine indexes."""
    first = frame.groupby("content_hash")["seq"].transform("min")
    return frame.loc[frame["seq"] == first, ["seq", "minhash", "bands"]]


# --- near copies: LSH buckets -> verified edges ------------------------------------------------
_BUCKET_META = {"seq": "int64", "band": "int64"}
_MEMBER_META = {"seq": "int64", "band": "int64", "minhash": object}


def _near_edges(firsts):
    """Verified (a, b) edges of the first-of-hash articles sharing an LSH bucket.

    Only the rows of buckets with two or more members get their MinHash (most band keys are one
    article's), and each bucket is verified where it lies, by comparing its members' hash values as
    arrays: no frame of candidate pairs is built, shuffled or joined (at 100k articles boilerplate
    bands made tens of millions of them)."""
    signed = firsts.map_partitions(_with_bands, meta={"seq": "int64", "minhash": object, "bands": object})
    exploded = signed[["seq", "bands"]].explode("bands").dropna()
    exploded = exploded.astype({"bands": "int64"}).rename(columns={"bands": "band"})
    shared = exploded.shuffle(on="band").map_partitions(_shared_rows, meta=_BUCKET_META)
    members = shared.merge(signed[["seq", "minhash"]], on="seq")
    return members.shuffle(on="band").map_partitions(_bucket_edges, meta=_PAIRS)


def _with_bands(frame: pd.DataFrame) -> pd.DataFrame:
    """Keep the articles with a MinHash of this NUM_PERM; band keys computed where the worker left none."""
    size = 4 * (dedup_settings.NUM_PERM + 1)
    frame = frame[frame["minhash"].map(lambda blob: isinstance(blob, (bytes, bytearray)) and len(blob) == size)]
    if frame.empty:
        return frame
    bands, rows = lsh_params(dedup_settings.LSH_THRESHOLD, dedup_settings.NUM_PERM)
    missing = frame["bands"].isna()
    if missing.any():
        frame = frame.copy()
        frame.loc[missing, "bands"] = frame.loc[missing, "minhash"].map(
            lambda blob: band_keys(unpack(blob, dedup_settings.NUM_PERM)[0], bands, rows))
    return frame


def _shared_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The (seq, band) rows of the buckets with two or more members (a partition shuffled by band)."""
    shared = frame[frame["band"].duplicated(keep=False)]
    return shared.drop_duplicates().reset_index(drop=True)


def bucket_pairs(buckets: np.ndarray, window: int, chunk: int = 1_000_000):
    """Row positions (earlier, later) of the candidate pairs of rows sorted by (bucket, seq): each row
    with the at most `window` rows before it in its bucket; in pieces of about `chunk` pairs."""
    starts = np.flatnonzero(np.r_[True, buckets[1:] != buckets[:-1]]) if len(buckets) else np.zeros(0, dtype=int)
    place = np.arange(len(buckets)) - np.repeat(starts, np.diff(np.r_[starts, len(buckets)]))
    depth = np.minimum(place, window)  # partners of each row
    ends = np.cumsum(depth)
    cuts = np.unique(np.r_[np.searchsorted(ends, np.arange(chunk, ends[-1] if len(ends) else 0, chunk)), len(depth)])
    low = 0
    for high in cuts.tolist():
        rows, counts = np.arange(low, high), depth[low:high]
        later = np.repeat(rows, counts)
        offsets = np.arange(len(later)) - np.repeat(np.cumsum(counts) - counts, counts)  # 0 .. depth-1 per row
        if len(later):
            yield later - 1 - offsets, later
        low = high


def low_bits(sketches: np.ndarray) -> np.ndarray:
    """The low DEDUP_LOW_BITS bits (1, 2, 4 or 8) of each hash value of packed sketches (rows: shingle
    count, NUM_PERM values), packed into uint64 words: equal values have equal low bits, so comparing
    these codes counts at least the matching positions, at a fraction of the cost."""
    bits = settings.DEDUP_LOW_BITS
    per_byte = 8 // bits
    values = (sketches[:, 1:] & ((1 << bits) - 1)).astype(np.uint8)
    width = -(-values.shape[1] // (8 * per_byte)) * 8 * per_byte  # whole uint64 words
    padded = np.zeros((len(values), width), dtype=np.uint8)
    padded[:, : values.shape[1]] = values
    grouped = padded.reshape(len(values), width // per_byte, per_byte)
    packed = np.zeros(grouped.shape[:2], dtype=np.uint8)
    for place in range(per_byte):
        packed |= grouped[:, :, place] << np.uint8(place * bits)
    return np.ascontiguousarray(packed).view(np.uint64)


def possibly_similar(codes_a: np.ndarray, codes_b: np.ndarray, sizes_a: np.ndarray, sizes_b: np.ndarray,
                     judge: Deduplicator, num_perm: int) -> np.ndarray:
    """False only for pairs that the similarity rule surely rejects: the rule (Deduplicator._similar_to_many:
    Jaccard estimate, or containment from it and the set sizes; both grow with the Jaccard estimate) is
    applied to an upper bound of the Jaccard estimate, the share of positions whose low bits agree."""
    bits = settings.DEDUP_LOW_BITS
    differ = codes_a ^ codes_b
    mask = np.uint64(int("01" * 32, 2) if bits == 2 else int(("0" * (bits - 1) + "1") * (64 // bits), 2))
    for shift in range(1, bits):  # one bit per position whose low bits differ
        differ = differ | (differ >> np.uint64(shift))
    mismatches = np.bitwise_count(differ & mask).sum(axis=1, dtype=np.int64)
    jaccard = (num_perm - mismatches) / num_perm + 1e-9  # (a hair of slack for float rounding)
    sizes_a, sizes_b = sizes_a.astype(np.float64), sizes_b.astype(np.float64)
    shared = jaccard * (sizes_a + sizes_b) / (1.0 + jaccard)
    return (jaccard >= judge.jaccard) | (shared / np.maximum(1.0, np.minimum(sizes_a, sizes_b)) >= judge.containment - 1e-9)


def _bucket_edges(frame: pd.DataFrame) -> pd.DataFrame:
    """The candidate pairs (a < b by seq) of each bucket in this partition that the local Deduplicator's
    similarity rule calls copies. Pairs are screened by `possibly_similar` first (most pairs of a
    boilerplate bucket share little more than the bucket's band), then the survivors get the rule
    itself (its `_similar_to_many` takes arrays of sketches on both sides: applied pair by pair)."""
    if frame.empty:
        return _PAIRS.copy()
    frame = frame.sort_values(["band", "seq"], kind="stable")
    judge, num_perm = Deduplicator(), dedup_settings.NUM_PERM
    sketches = np.frombuffer(b"".join(frame["minhash"].to_numpy()), dtype="<u4").reshape(len(frame), num_perm + 1)
    codes, sizes = low_bits(sketches), sketches[:, 0]
    seqs, found = frame["seq"].to_numpy(dtype="int64"), []
    for a, b in bucket_pairs(frame["band"].to_numpy(), settings.DEDUP_BUCKET_WINDOW):
        maybe = possibly_similar(codes[a], codes[b], sizes[a], sizes[b], judge, num_perm)
        a, b = a[maybe], b[maybe]
        similar = judge._similar_to_many(sketches[a, 1:], sketches[a, 0], sketches[b])
        found.append((seqs[a[similar]], seqs[b[similar]]))
    if not found:
        return _PAIRS.copy()
    pairs = pd.DataFrame({"a": np.concatenate([f[0] for f in found]), "b": np.concatenate([f[1] for f in found])})
    return pairs.astype("int64").drop_duplicates().reset_index(drop=True)


# --- clusters -> links to the original ---------------------------------------------------------
def _link_to_originals(articles, edges: list[tuple[int, int]]) -> pd.DataFrame:
    clusters = components(edges)
    if not clusters:
        return pd.DataFrame({"id": pd.Series(dtype=object), "duplicate_of": pd.Series(dtype=object)})
    members = np.array(sorted(seq for cluster in clusters for seq in cluster), dtype="int64")
    nodes = articles[["seq", "id", "published"]].map_partitions(
        lambda frame, wanted: frame[frame["seq"].isin(wanted)], members,
        meta={"seq": "int64", "id": object, "published": object}).compute()
    id_of = dict(zip(nodes["seq"].tolist(), nodes["id"].tolist()))
    published_of = {seq: (None if pd.isna(p) or p == "" else p) for seq, p in zip(nodes["seq"], nodes["published"])}

    def age(seq: int) -> tuple[bool, str, int]:  # the local Deduplicator's rule (_age)
        published = published_of[seq]
        return (published is None, published or "", seq)

    ids, links = [], []
    for cluster in clusters:
        original = min(cluster, key=age)
        for seq in sorted(cluster):
            ids.append(id_of[seq])
            links.append(None if seq == original else id_of[original])
    return pd.DataFrame({"id": ids, "duplicate_of": links}, dtype=object)


# --- the dataset ---------------------------------------------------------------------------------
def write_duplicates(client: Any, output: str | Path) -> int:
    """Read DIR/articles (dedup columns only), find the copies and write DIR/duplicates/part-*.parquet
    (id, duplicate_of: None for originals), one file per articles partition. Returns the number of
    copies. The directory is written beside and swapped in, so a re-run replaces it whole."""
    import dask.dataframe as dd

    output = Path(output)
    articles = read_articles(output, DEDUP_COLUMNS).persist()  # read once: ~1 KB an article, on the workers
    links = find_duplicates(articles)
    table = articles[["id"]].merge(dd.from_pandas(links, npartitions=1), on="id", how="left")
    staging = output / f"duplicates.tmp-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    parts = [_write_part(part, staging / f"part-{n:05d}.parquet") for n, part in enumerate(table.to_delayed())]
    client.compute(parts, sync=True) if client is not None else __import__("dask").compute(*parts)
    final = output / "duplicates"
    shutil.rmtree(final, ignore_errors=True)
    staging.rename(final)
    return int(links["duplicate_of"].notna().sum())


def read_articles(output: Path, columns: list[str]):
    """DIR/articles (these columns only) as a dask DataFrame of about PARTITION_ROWS rows per partition.

    The engine writes one file per (month, engine partition): a task per file would be thousands of
    tiny reads, so a task reads the files of consecutive engine partitions (all their months) at once;
    and a shuffle costs the square of its partitions, so small datasets get few partitions."""
    import dask
    import dask.dataframe as dd
    import pyarrow.parquet as pq

    folder = output / "articles"
    by_part: dict[str, list[str]] = {}
    for path in sorted(folder.glob("*/part-*.parquet")) + sorted(folder.glob("part-*.parquet")):
        by_part.setdefault(path.name, []).append(str(path))
    if not by_part:
        raise FileNotFoundError(f"{folder} has no part-*.parquet files: run the Dask engine's article stage first")
    groups = [by_part[name] for name in sorted(by_part)]
    rows = _estimated_rows([path for group in groups for path in group])
    wanted = max(1, min(len(groups), -(-rows // settings.PARTITION_ROWS)))
    size = -(-len(groups) // wanted)
    chunks = [[path for group in groups[i : i + size] for path in group] for i in range(0, len(groups), size)]
    meta = pq.read_schema(groups[0][0]).empty_table().select(columns).to_pandas()
    with dask.config.set({"dataframe.convert-string": False}):  # binary MinHashes stay bytes
        return dd.from_map(_read_files, chunks, columns=columns, meta=meta, enforce_metadata=False)


def _estimated_rows(paths: list[str]) -> int:
    """Rows of many files from their sizes and the rows per byte of the largest (one footer read)."""
    import pyarrow.parquet as pq

    sizes = [os.path.getsize(path) for path in paths]
    largest = max(range(len(paths)), key=sizes.__getitem__)
    per_byte = pq.ParquetFile(paths[largest]).metadata.num_rows / max(1, sizes[largest])
    return max(1, round(sum(sizes) * per_byte))


def _read_files(paths: list[str], columns: list[str]) -> pd.DataFrame:
    import pyarrow as pa
    import pyarrow.parquet as pq

    return pa.concat_tables([pq.read_table(path, columns=columns) for path in paths]).to_pandas()


def _write_part(part, path: Path):
    import dask

    return dask.delayed(write_frame)(part, path)


def write_frame(frame: pd.DataFrame, path: Path) -> int:
    """Write one Parquet file atomically (temp name in the same directory, then rename)."""
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    frame.reset_index(drop=True).to_parquet(temporary, index=False)
    os.replace(temporary, path)
    return len(frame)
