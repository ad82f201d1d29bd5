"""Deduplication against the store: flat memory, separate runs, agreement with the in-memory mode,
the worker-side signature stage, and datasketch as the reference for MinHash and LSH parameters."""
from __future__ import annotations

import random
import tracemalloc

import numpy as np
import pytest

from narrascope.model import Article
from narrascope.settings import dedup as settings
from narrascope.stages.dedup import Deduplicator
from narrascope.stages.dedup_signature import MinHasher, SignatureStage, affine32_permutations
from narrascope.store import open_store

from test_dedup import ORIGINAL, SAME_TOPIC, make

VOCABULARY = (ORIGINAL + " " + SAME_TOPIC).replace('"', " ").split()


def random_text(rng: random.Random, words: int = 300) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(words))


def corpus(n: int, seed: int = 3) -> tuple[list[Article], dict[str, str]]:
    """n articles, about one in six a copy (exact, with an intro, or truncated) of an earlier one;
    returns the articles and {copy id: id of the article it copies}."""
    rng = random.Random(seed)
    articles, copies = [], {}
    for i in range(n):
        if i > 5 and rng.random() < 0.17:
            source = rng.choice(articles[: i - 1])
            kind = rng.choice(("exact", "intro", "truncated"))
            text = {"exact": source.text, "intro": "Reprinted from The Marrow Ledger. " + source.text,
                    "truncated": " ".join(source.text.split()[:200])}[kind]
            copies[f"d{i}"] = source.id
        else:
            text = random_text(rng)
        published = f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if rng.random() < 0.7 else None
        articles.append(make(i, text, published))
    return articles, copies


def write_in_batches(db, articles: list[Article], batch: int, dedup_per_batch: bool = False) -> None:
    """What analyze does: add, finalize, write with signatures, per batch (optionally a fresh
    Deduplicator per batch, as separate runs would have)."""
    with open_store(db) as store:
        dedup = Deduplicator(store.dedup_index())
        for start in range(0, len(articles), batch):
            if dedup_per_batch:
                dedup = Deduplicator(store.dedup_index())
            chunk = articles[start : start + batch]
            for article in chunk:
                dedup.add(article)
            store.write_articles(chunk, duplicates=dedup.finalize(), signatures=dedup.signatures())


def stored_links(db) -> dict[str, str | None]:
    with open_store(db) as store:
        return {a.id: a.duplicate_of for a in store.iter_articles(with_raw=False)}


def memory_links(articles: list[Article]) -> dict[str, str | None]:
    dedup = Deduplicator()
    for article in articles:
        dedup.add(article)
    return dedup.finalize()


def original_of(links: dict[str, str | None], article_id: str) -> str:
    return links[article_id] or article_id


def test_store_backed_dedup_agrees_with_the_in_memory_mode(tmp_path):
    articles, copies = corpus(240)
    expected = memory_links([make(int(a.id[1:]), a.text, a.published) for a in articles])
    write_in_batches(tmp_path / "c.db", articles, batch=25)
    links = stored_links(tmp_path / "c.db")
    assert links == expected
    for copy, source in copies.items():  # every copy is in its source's cluster
        assert original_of(links, copy) == original_of(links, source)
    assert all(links[original] is None for original in set(filter(None, links.values())))  # no chains


def test_two_separate_runs_link_copies_and_an_earlier_copy_takes_over_the_cluster(tmp_path):
    db = tmp_path / "c.db"
    first_run = [make(1, ORIGINAL, "2023-05-24"), make(2, "Reprinted from The Marrow Ledger. " + ORIGINAL, "2023-05-25"),
                 make(3, ORIGINAL.upper(), "2023-05-26"), make(4, SAME_TOPIC, "2023-05-22")]
    write_in_batches(db, first_run, batch=10)
    assert stored_links(db) == {"d1": None, "d2": "d1", "d3": "d1", "d4": None}

    truncated = " ".join(ORIGINAL.split()[:150])
    second_run = [make(5, truncated, "2023-05-20"), make(6, ORIGINAL + " Follow our live page.", "2023-06-01")]
    write_in_batches(db, second_run, batch=10, dedup_per_batch=True)
    assert stored_links(db) == {"d1": "d5", "d2": "d5", "d3": "d5", "d4": None, "d5": None, "d6": "d5"}


def test_adding_a_stored_article_again_keeps_its_links_and_signature(tmp_path):
    db = tmp_path / "c.db"
    write_in_batches(db, [make(1, ORIGINAL, "2023-05-24"), make(2, "Reprinted. " + ORIGINAL, "2023-05-25")], batch=10)
    with open_store(db) as store:
        before = list(store.dedup_signatures())
    write_in_batches(db, [make(2, "Reprinted. " + ORIGINAL, "2023-05-25"), make(1, ORIGINAL, "2023-05-24")], batch=10)
    assert stored_links(db) == {"d1": None, "d2": "d1"}
    with open_store(db) as store:
        assert list(store.dedup_signatures()) == before


def test_signature_stage_gives_what_add_would_compute(tmp_path):
    stage, rng = SignatureStage(), random.Random(1)
    texts = [random_text(rng), random_text(rng, 12), "", ORIGINAL]
    signed = [make(i, text) for i, text in enumerate(texts)]
    for article in signed:
        stage(article)
    assert signed[1].signature == b"" and signed[2].content_hash is None
    assert len(signed[0].signature) == 4 * (settings.NUM_PERM + 1)
    unsigned = [make(i, text) for i, text in enumerate(texts)]
    dedup_a, dedup_b = Deduplicator(), Deduplicator()
    for a, b in zip(signed, unsigned):
        dedup_a.add(a)
        dedup_b.add(b)
        assert (a.content_hash, a.duplicate_of) == (b.content_hash, b.duplicate_of)
    assert [s.minhash for s in dedup_a.signatures()] == [s.minhash for s in dedup_b.signatures()]


def test_datasketch_is_the_reference_for_permutations_and_lsh_parameters():
    from datasketch import MinHash
    from datasketch.lsh import _optimal_param

    reference = MinHash(num_perm=settings.NUM_PERM, seed=settings.SEED, scheme="affine32").permutations
    assert np.array_equal(affine32_permutations(settings.NUM_PERM, settings.SEED), reference)
    assert settings.LSH_BANDS_ROWS == _optimal_param(settings.LSH_THRESHOLD, settings.NUM_PERM, 0.5, 0.5)
    assert Deduplicator(lsh_threshold=0.5).bands == _optimal_param(0.5, settings.NUM_PERM, 0.5, 0.5)[0]


def test_dedup_memory_does_not_grow_with_the_corpus(tmp_path):
    """Python memory held between batches, per article, once the store holds the index."""
    rng, hasher = random.Random(5), MinHasher()
    signed = []
    for i in range(3000):
        article = make(i, "")
        article.content_hash = f"{i:040x}"
        article.signature = np.concatenate(([500], np.array([rng.getrandbits(32) for _ in range(settings.NUM_PERM)]))
                                           ).astype("<u4").tobytes()
        article.text = "x"  # the signature stands for the text
        signed.append(article)
    assert hasher.num_perm == settings.NUM_PERM
    with open_store(tmp_path / "c.db") as store:
        dedup = Deduplicator(store.dedup_index())

        def run(batch):
            for article in batch:
                dedup.add(article)
            store.write_articles(batch, duplicates=dedup.finalize(), signatures=dedup.signatures())

        for start in range(0, 1000, 200):
            run(signed[start : start + 200])
        tracemalloc.start()
        before = tracemalloc.take_snapshot()
        for start in range(1000, 3000, 200):
            run(signed[start : start + 200])
        after = tracemalloc.take_snapshot()
        tracemalloc.stop()
    grown = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    assert grown / 2000 < 100, f"{grown / 2000:.0f} bytes per article"  # was ~9 KB with datasketch's in-memory LSH
    assert len(dedup) == 0  # the window was handed over to the store


def test_deleting_articles_removes_their_band_keys(tmp_path):
    db = tmp_path / "c.db"
    write_in_batches(db, [make(1, ORIGINAL, "2023-05-24")], batch=10)
    with open_store(db) as store:
        assert store.query("SELECT count(*) AS n FROM dedup_bands")[0]["n"] == settings.LSH_BANDS_ROWS[0]
        store.delete_articles(["d1"])
        assert store.query("SELECT count(*) AS n FROM dedup_bands")[0]["n"] == 0
        assert store.query("SELECT count(*) AS n FROM dedup_minhashes")[0]["n"] == 0
    write_in_batches(db, [make(2, ORIGINAL, "2023-05-25")], batch=10)
    assert stored_links(db) == {"d2": None}


@pytest.mark.parametrize("text", ["16:12", "21:28", "Sunday", "12", "2023", "Sunday 16:12", "Updated 5 May"])
def test_strings_that_cannot_be_a_full_date_skip_dateparser(text, monkeypatch):
    from narrascope.stages import dates

    monkeypatch.setattr(dates, "_dateparser_parse", lambda t: pytest.fail(f"dateparser called on {t!r}"))
    assert dates.parse_date_text(text) is None


def test_dateparser_still_reads_two_digit_years_and_timestamps():
    from narrascope.stages.dates import parse_date_text

    assert parse_date_text("18/10/22").iso() == "2022-10-18"
    assert parse_date_text("1666000000").year == 2022


def test_migration_5_fills_minhashes_of_a_store_written_at_version_4(tmp_path):
    import sqlite3

    from narrascope.store.migrate import migrate

    db = tmp_path / "v4.db"
    conn = sqlite3.connect(db, isolation_level=None)
    migrate(conn, str(db), target=4)
    conn.execute("INSERT INTO articles (id, source, raw, raw_format, text, content_hash) "
                 "VALUES ('d1', 's', 'r', 'text', 't', 'h1')")
    conn.execute("INSERT INTO dedup_signatures VALUES ('d1', x'0102')")
    conn.execute("INSERT INTO dedup_bands VALUES (7, (SELECT pk FROM articles WHERE id = 'd1'))")
    conn.close()
    with open_store(db) as store:
        assert store.query("SELECT minhash FROM dedup_minhashes") == [{"minhash": b"\x01\x02"}]
        assert store.dedup_index().find_bands([7]) == [(1, b"\x01\x02")]
