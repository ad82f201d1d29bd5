"""Deduplicator: exact and near-duplicate copies, originals by date, state carried over through the store."""
from __future__ import annotations

import random
import time
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash

from narrascope.model import Article
from narrascope.stages.dedup import Deduplicator, content_hash, normalised_text
from narrascope.store import open_store

QUOTE_1 = ('"We will not sign anything that leaves the harbour workers without a contract," '
           'Minister Anika Sorell told reporters outside the assembly on Tuesday.')
QUOTE_2 = ('"The port of Veloria has never been closed for this long, and every day costs the '
           'fishing towns their winter income," said Tomas Brenn of the dockers\' union.')

ORIGINAL = f"""The strike at the port of Veloria entered its third week on Monday, with container ships
anchored in a line that stretched past the old lighthouse and fishing boats tied up three deep along the
eastern quay. Negotiators for the harbour authority and the dockers' union met for six hours at the
assembly building but left without an agreement, each side blaming the other for the collapse of talks.
{QUOTE_1}
The government had offered a two-year contract with a wage rise tied to inflation, but union leaders said
the offer ignored the question of night shifts, which they want capped at three a week. Shipping agents
estimate that more than forty vessels are waiting to unload grain, fertiliser and spare parts for the
northern railway, and that some have already turned back towards ports on the far side of the strait.
{QUOTE_2}
Shopkeepers in the old town said prices for flour and cooking oil had risen by a fifth since the strike
began. The assembly will debate an emergency transport bill on Thursday that would allow the army to move
food supplies by road, a step the union has called a provocation. Mediators from the chamber of commerce
said they would try again at the weekend, and both sides agreed to keep the hospital supply berth open.
"""

SAME_TOPIC = f"""Fishermen in the coastal towns south of the capital say the long closure of the port of Veloria
is now threatening the winter season, as cold stores fill up and buyers from the interior stay away.
In the village of Orsa, crews have started selling their catch directly from the beach at half the usual
price, and several families told this newspaper they had taken loans to pay for fuel.
{QUOTE_2}
Economists at the national university warn that a long stoppage could cut growth this year by almost a
full point, because the harbour handles most of the country's imports of machinery and medicine.
Opposition deputies accused the cabinet of letting the dispute drag on for political reasons.
{QUOTE_1}
Local councils have opened soup kitchens in three towns, and a charity run by the fishermen's cooperative
is collecting warm clothes for the families most affected. Church leaders called on both sides to return
to the table before the first storms of the season arrive in November.
"""


def make(n: int, text: str, published: str | None = None) -> Article:
    return Article(id=f"d{n}", source=f"veloria/{n}.txt", raw=text, raw_format="text", text=text, published=published)


def run(dedup: Deduplicator, *articles: Article) -> dict[str, str | None]:
    for article in articles:
        dedup.add(article)
    return dedup.finalize()


def test_normalisation_ignores_case_whitespace_and_punctuation():
    a = normalised_text("The  Port of VELORIA — “closed”,\u00a0again…")
    b = normalised_text("the port of veloria closed again")
    assert a == b == b"the port of veloria closed again"
    assert content_hash(a) == content_hash(b)


def test_exact_copies_link_to_the_earliest_published():
    later = make(1, ORIGINAL, "2023-05-26")
    reformatted = make(2, ORIGINAL.upper().replace("\n", "  "), "2023-05-24")
    dedup = Deduplicator()
    links = run(dedup, later, reformatted)
    assert later.content_hash == reformatted.content_hash
    assert links == {"d1": "d2", "d2": None}


def test_syndicated_copy_with_intro_outro_and_new_headline_is_a_copy():
    copy = ("Reprinted with permission from The Marrow Ledger. Our correspondent in the capital sent this report. "
            + ORIGINAL + " Follow our live page for more news from the strait and the northern provinces.")
    original, syndicated = make(1, ORIGINAL, "2023-05-24"), make(2, copy, "2023-05-25")
    original.title, syndicated.title = "Port strike enters third week", "Veloria: talks collapse as ships wait"
    links = run(Deduplicator(), original, syndicated)
    assert links == {"d1": None, "d2": "d1"}
    assert original.content_hash != syndicated.content_hash


def test_truncated_copy_is_a_copy():
    words = ORIGINAL.split()
    truncated = " ".join(words[: int(len(words) * 0.55)]) + " The offi"
    links = run(Deduplicator(), make(1, ORIGINAL), make(2, truncated))
    assert links["d2"] == "d1"


def test_same_topic_with_shared_quotes_is_not_a_copy():
    links = run(Deduplicator(), make(1, ORIGINAL, "2023-05-24"), make(2, SAME_TOPIC, "2023-05-25"))
    assert links == {"d1": None, "d2": None}


def test_short_texts_get_exact_dedup_only():
    short = "Minister Anika Sorell will speak at noon in the assembly of Veloria about the harbour strike."
    almost = short.replace("noon", "one")
    links = run(Deduplicator(), make(1, short), make(2, almost), make(3, short.lower()))
    assert links == {"d1": None, "d2": None, "d3": "d1"}


def test_empty_texts_are_never_duplicates():
    first, second = make(1, ""), make(2, "  \n ")
    links = run(Deduplicator(), first, second)
    assert links == {} and first.content_hash is None and second.duplicate_of is None


def test_dated_beats_undated_then_first_seen():
    links = run(Deduplicator(), make(1, ORIGINAL), make(2, ORIGINAL), make(3, ORIGINAL, "2024-01-01"))
    assert links == {"d1": "d3", "d2": "d3", "d3": None}
    links = run(Deduplicator(), make(1, ORIGINAL), make(2, ORIGINAL))
    assert links == {"d1": None, "d2": "d1"}


def test_add_sets_a_provisional_link_and_finalize_reports_changes_only_once():
    dedup = Deduplicator()
    first, copy = make(1, ORIGINAL, "2023-05-24"), make(2, ORIGINAL, "2023-05-25")
    dedup.add(first)
    dedup.add(copy)
    assert copy.duplicate_of == "d1" and first.duplicate_of is None
    assert dedup.finalize() == {"d1": None, "d2": "d1"}
    assert dedup.finalize() == {}


def test_later_batches_dedup_against_the_store(tmp_path):
    db = tmp_path / "c.db"
    stored_original = make(1, ORIGINAL, "2023-05-24")
    with open_store(db) as store:
        dedup = Deduplicator()
        dedup.add(stored_original)
        store.write_articles([stored_original], duplicates=dedup.finalize(), signatures=dedup.signatures())

    copy = "Reprinted from The Marrow Ledger. " + ORIGINAL
    earlier_copy = make(3, ORIGINAL + " An earlier wire version of this report.", "2023-05-20")
    with open_store(db) as store:
        dedup = Deduplicator()
        dedup.load(store.dedup_signatures())
        batch = [make(2, copy, "2023-05-25"), earlier_copy]
        links = run(dedup, *batch)
        store.write_articles(batch, duplicates=links, signatures=dedup.signatures())
        assert links == {"d1": "d3", "d2": "d3", "d3": None}  # the stored article is now a copy too
        assert {a.id: a.duplicate_of for a in store.iter_articles()} == links
        assert [s[0] for s in store.dedup_signatures()] == ["d1", "d2", "d3"]


def test_loading_repairs_links_left_by_an_interrupted_run(tmp_path):
    # an exact copy stored with no link (the run died before finalize): loading relinks it
    with open_store(tmp_path / "c.db") as store:
        first, second = make(1, ORIGINAL, "2023-05-25"), make(2, ORIGINAL, "2023-05-24")
        for article in (first, second):
            article.content_hash = content_hash(normalised_text(ORIGINAL))
        store.write_articles([first, second])
        dedup = Deduplicator()
        dedup.load(store.dedup_signatures())
        assert dedup.finalize() == {"d1": "d2"}


def test_minhash_matches_datasketch():
    dedup = Deduplicator()
    hashes = dedup.hasher.shingle_hashes(normalised_text(ORIGINAL))
    reference = MinHash(num_perm=dedup.hasher.num_perm, seed=1, scheme="affine32", hashfunc=int)
    reference.update_batch(hashes.tolist())
    assert np.array_equal(dedup.hasher.minhash(hashes), reference.hashvalues)


def test_shingle_hashes_are_position_independent():
    hasher = Deduplicator().hasher
    a = hasher.shingle_hashes(b"one two three four five six")
    b = hasher.shingle_hashes(b"zero one two three four five")
    assert a[0] == b[1] and len(a) == 2


def test_speed_well_under_a_millisecond_per_800_word_article():
    vocabulary = normalised_text(ORIGINAL + SAME_TOPIC).decode().split()
    rng = random.Random(7)
    texts = [" ".join(rng.choice(vocabulary) for _ in range(800)) for _ in range(300)]
    dedup = Deduplicator()
    articles = [make(i, t) for i, t in enumerate(texts)]
    started = time.process_time()
    run(dedup, *articles)
    per_article = (time.process_time() - started) / len(articles)
    # a gate against pathological regressions only (measured ~0.5 ms; the speed figure is benchmarks/ingest.py)
    assert per_article < 0.010, f"{per_article * 1000:.2f} ms per article"


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seeds are not beside the repo")
def test_seed_articles_on_one_story_are_not_copies_but_their_reprints_are():
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    seeds = [make(i, text, f"2023-0{i + 1}-01") for i, text in enumerate(texts)]
    reprints = [make(10 + i, "Republished by The Marrow Ledger.\n" + text, "2024-01-01") for i, text in enumerate(texts)]
    links = run(Deduplicator(), *seeds, *reprints)
    assert all(links[s.id] is None for s in seeds)
    assert [links[r.id] for r in reprints] == [s.id for s in seeds]
