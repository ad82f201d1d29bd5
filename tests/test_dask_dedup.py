"""Distributed dedup (engines/dask/dedup.py) gives the local Deduplicator's links: exact copies, syndicated
and truncated copies, chains, undated articles, short and empty texts; on a dask DataFrame and on a
2-worker LocalCluster, and through the Parquet dataset (write_duplicates)."""
from __future__ import annotations

import random

import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")

from narrascope.engines.dask.dedup import find_duplicates, write_duplicates  # noqa: E402
from narrascope.model import Article  # noqa: E402
from narrascope.settings import dedup as dedup_settings  # noqa: E402
from narrascope.stages.dedup import Deduplicator  # noqa: E402
from narrascope.stages.dedup_signature import SignatureStage, band_keys, lsh_params, unpack  # noqa: E402

_SYLLABLES = ("ve", "lor", "ia", "mar", "row", "so", "rell", "an", "ika", "kes", "sa", "dun", "orv", "en",
              "na", "lisk", "bren", "tal", "ost", "mi", "ra", "bel", "cas", "tre", "lle")


def invented_words(rng: random.Random, n: int) -> list[str]:
    return ["".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 3))) for _ in range(n)]


def article(n: int, text: str, published: str | None) -> Article:
    return Article(id=f"x{n:03d}", source=f"veloria/{n}.txt", raw=text, raw_format="text", text=text,
                   published=published)


def tricky_corpus(seed: int = 3) -> list[Article]:
    """Originals, exact and reformatted copies, syndicated copies (new intro/outro), truncated copies,
    a chain A~B~C with A !~ C, same-topic texts, short and empty texts, undated articles, equal dates."""
    rng = random.Random(seed)
    bases = [" ".join(invented_words(rng, rng.randint(120, 400))) for _ in range(25)]
    texts: list[str] = list(bases)
    kinds = ["exact", "upper", "intro", "truncated", "chain", "splice"]
    for n, base in enumerate(bases[:20]):
        words = base.split()
        kind = kinds[(n + seed) % len(kinds)]
        if kind == "exact":
            texts.append(base)
        elif kind == "upper":
            texts.append(base.upper().replace(" ", "  ,"))
        elif kind == "intro":
            texts.append("Reprinted from The Marrow Ledger. " + base + " Follow our live page from Veloria.")
        elif kind == "truncated":
            texts.append(" ".join(words[: int(len(words) * rng.uniform(0.4, 0.9))]))
        elif kind == "chain":  # B = first half of A (a truncated copy), C = B + new words (B is inside C)
            half = words[: len(words) // 2]
            texts += [" ".join(half), " ".join(half + invented_words(rng, len(words)))]
        else:  # half of one text and half of another: a bridge between two clusters
            other = rng.choice(bases).split()
            texts.append(" ".join(words[: len(words) // 2] + other[len(other) // 2 :]))
    short = "Minister Anika Sorell will speak at noon in the assembly of Veloria about the strike."
    texts += [short, short.lower(), short.replace("noon", "one"), "", "  \n "]
    rng.shuffle(texts)
    dates = [None, None, "2025-03-01", "2025-03-02", "2025-03-02", "2025-03-05T10:00:00", "2025-04-11"]
    return [article(n, text, rng.choice(dates)) for n, text in enumerate(texts)]


def local_links(articles: list[Article]) -> dict[str, str | None]:
    dedup = Deduplicator()
    for a in articles:
        dedup.add(a)
    return {k: v for k, v in dedup.finalize().items() if v is not None}


def contract_frame(articles: list[Article], per_partition: int = 7) -> pd.DataFrame:
    """The contract's dedup columns, as the Dask engine's worker writes them (SignatureStage)."""
    stage, (bands, rows) = SignatureStage(), lsh_params(dedup_settings.LSH_THRESHOLD, dedup_settings.NUM_PERM)
    records = []
    for n, a in enumerate(articles):
        stage(a)
        sketch = unpack(a.signature, dedup_settings.NUM_PERM) if a.signature else None
        records.append({
            "id": a.id, "seq": ((n // per_partition) << 32) | (n % per_partition), "published": a.published,
            "content_hash": a.content_hash, "minhash": a.signature if a.content_hash else None,
            "bands": band_keys(sketch[0], bands, rows) if sketch else None,
        })
    return pd.DataFrame.from_records(records)


def distributed_links(frame: pd.DataFrame, partitions: int = 4) -> dict[str, str | None]:
    import dask

    with dask.config.set({"dataframe.convert-string": False}):  # keep the MinHash bytes as bytes
        links = find_duplicates(dd.from_pandas(frame, npartitions=partitions))
    return {i: o for i, o in zip(links["id"], links["duplicate_of"]) if o is not None}


def test_the_tricky_corpus_has_every_kind_of_copy():
    links = local_links(tricky_corpus())
    assert len(links) >= 15 and len(set(links.values())) >= 8
    assert len(set(links.values())) < len(links)  # some cluster of three or more


@pytest.mark.parametrize("seed", [3, 11, 29])
def test_same_links_as_the_local_deduplicator(seed):
    corpus = tricky_corpus(seed)
    expected = local_links(corpus)
    assert expected
    assert distributed_links(contract_frame(corpus)) == expected


def test_chains_undated_and_ties_follow_the_local_rule():
    words = invented_words(random.Random(5), 400)
    a, b, c = " ".join(words), " ".join(words[:200]), " ".join(words[:200] + invented_words(random.Random(6), 300))
    corpus = [article(1, c, None), article(2, a, "2025-05-02"), article(3, b, "2025-05-01"),
              article(4, a, "2025-05-01"), article(5, b, None), article(6, "", None)]
    expected = local_links(corpus)
    assert expected == {"x001": "x003", "x002": "x003", "x004": "x003", "x005": "x003"}
    assert distributed_links(contract_frame(corpus), partitions=2) == expected


def test_a_degenerate_bucket_is_bounded(monkeypatch):
    from narrascope.settings import engines_corpus

    monkeypatch.setattr(engines_corpus, "DEDUP_BUCKET_WINDOW", 2)
    text = " ".join(invented_words(random.Random(8), 200))
    corpus = [article(n, f"Edition {n} of the Veloria bulletin. " + text, None) for n in range(12)]
    expected = local_links(corpus)
    assert set(expected.values()) == {"x000"} and len(expected) == 11
    assert distributed_links(contract_frame(corpus)) == expected  # chains of close neighbours join them


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as c:
        yield c


def test_write_duplicates_on_a_two_worker_cluster(client, tmp_path):
    corpus = tricky_corpus(17)
    expected = local_links(corpus)
    frame = contract_frame(corpus)
    for month, part in frame.groupby(frame["published"].fillna("undated").str[:7]):
        folder = tmp_path / "articles" / f"published_month={month}"
        folder.mkdir(parents=True)
        part.to_parquet(folder / "part-00000.parquet", index=False)
    copies = write_duplicates(client, tmp_path)
    written = pd.read_parquet(tmp_path / "duplicates")
    assert copies == len(expected)
    assert sorted(written["id"]) == sorted(a.id for a in corpus)  # every article, originals with None
    assert {i: o for i, o in zip(written["id"], written["duplicate_of"]) if pd.notna(o)} == expected
    assert write_duplicates(client, tmp_path) == copies  # a re-run replaces the directory
    assert len(pd.read_parquet(tmp_path / "duplicates")) == len(corpus)
