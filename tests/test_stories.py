"""Stories and threads: pairwise F1 on a fictional corpus with known stories, threads, incremental
runs, duplicates, and the five seeds forming one thread."""
from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from narrascope.errors import StoreError

from narrascope.model import Actor
from narrascope.store import open_store
from narrascope.stories import assign_stories, get_story, get_thread, list_stories, list_threads

from test_stories_corpus import articles, rows, with_analysis

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
DEMO = Path(__file__).resolve().parents[1] / "demo"


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "stories.db") as s:
        yield s


def assigned(store) -> dict[str, tuple[str | None, str | None]]:
    rows_ = store.query("SELECT id, story_id, thread_id FROM articles")
    return {r["id"]: (r["story_id"], r["thread_id"]) for r in rows_}


def pairwise_f1(truth: dict[str, str], predicted: dict[str, str | None]) -> float:
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(truth), 2):
        same, pred = truth[a] == truth[b], predicted[a] is not None and predicted[a] == predicted[b]
        tp, fp, fn = tp + (same and pred), fp + (pred and not same), fn + (same and not pred)
    precision, recall = tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def partition(links: dict[str, tuple], index: int = 0) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for article_id, ids in links.items():
        groups.setdefault(ids[index], set()).add(article_id)
    return {frozenset(g) for g in groups.values()}


def test_fixture_stories_pairwise_f1(store):
    store.write_articles(articles())
    summary = assign_stories(store)
    links = assigned(store)
    truth = {r["id"]: r["story"] for r in rows()}
    assert summary.articles == len(truth) and summary.duplicates == 2
    assert pairwise_f1(truth, {i: s for i, (s, _) in links.items()}) >= 0.9


def test_stories_sharing_an_actor_at_the_same_time_stay_apart(store):
    # Sorell is in the dam flood (March), the election and the bank hack (both in the same April week)
    store.write_articles(articles())
    assign_stories(store)
    links = assigned(store)
    assert len({links["a3"][0], links["d2"][0], links["e3"][0]}) == 3


def test_a_story_recurring_months_later_is_one_thread_not_one_story(store):
    store.write_articles(articles())
    assign_stories(store)
    links = assigned(store)
    assert links["f1"][0] != links["g1"][0]
    assert links["f1"][1] == links["g1"][1] == links["g4"][1]
    kessa = links["f1"][1]
    for other in ("a1", "c1", "d1", "e1", "h1"):  # floods, strikes, elections, hacks, measles
        assert links[other][1] != kessa


def test_two_runs_give_the_same_stories_as_one(tmp_path):
    by_date = sorted(rows(), key=lambda r: (r["published"], r["id"]))
    results = []
    for n, splits in enumerate([[by_date], [by_date[:20], by_date[20:]], [by_date[::2], by_date[1::2]]]):
        with open_store(tmp_path / f"run{n}.db") as store:
            for part in splits:
                store.write_articles(articles(part))
                assign_stories(store)
            results.append(assigned(store))
    one_run = partition(results[0])
    assert partition(results[1]) == one_run  # later articles join the stories of the first run
    assert partition(results[2]) == one_run  # even when the second run fills in earlier dates


@pytest.mark.parametrize("seed", range(4))
def test_any_order_of_runs_finds_the_stories(tmp_path, seed):
    rng = random.Random(seed)
    shuffled = rows()
    rng.shuffle(shuffled)
    cuts = sorted(rng.sample(range(1, len(shuffled)), 2))
    with open_store(tmp_path / "shuffled.db") as store:
        for start, end in zip([0, *cuts], [*cuts, len(shuffled)]):
            store.write_articles(articles(shuffled[start:end]))
            assign_stories(store)
        links = assigned(store)
    truth = {r["id"]: r["story"] for r in rows()}
    assert pairwise_f1(truth, {i: s for i, (s, _) in links.items()}) >= 0.9


def test_rerun_is_idempotent_and_ids_are_stable(tmp_path):
    links = []
    for name in ("a.db", "b.db"):
        with open_store(tmp_path / name) as store:
            store.write_articles(articles())
            assign_stories(store)
            again = assign_stories(store)
            assert again.articles == 0 and again.new_stories == 0
            links.append(assigned(store))
    assert links[0] == links[1]


def test_progress_is_reported_per_chunk(store, monkeypatch):
    from narrascope.settings import stories as settings

    monkeypatch.setattr(settings, "CHUNK_SIZE", 16)
    store.write_articles(articles())
    seen: list[int] = []
    summary = assign_stories(store, progress=seen.append)
    assert seen == [16, 32, 40] and summary.articles == 40
    assert pairwise_f1({r["id"]: r["story"] for r in rows()},
                       {i: s for i, (s, _) in assigned(store).items()}) >= 0.9  # chunks change nothing


def test_only_the_given_articles_are_assigned(store):
    store.write_articles(articles())
    summary = assign_stories(store, ["b1", "b2", "c1"])
    links = assigned(store)
    assert summary.articles == 3
    assert links["b1"][0] == links["b2"][0] != links["c1"][0]
    assert links["a1"] == (None, None)


def test_a_copy_joins_its_original_even_when_its_text_differs(store):
    items = articles([r for r in rows() if r["story"] == "strike"])
    copy = articles([next(r for r in rows() if r["id"] == "h1")])[0]
    copy.id, copy.duplicate_of = "copy-of-c2", "c2"  # a (mislinked) copy: the dedup link wins
    store.write_articles(items + [copy])
    summary = assign_stories(store)
    links = assigned(store)
    assert summary.duplicates == 1
    assert links["copy-of-c2"] == links["c2"]
    assert get_story(store, links["c2"][0]).original_count == 5


def test_articles_without_words_get_no_story(store):
    empty = articles(rows()[:1])[0]
    empty.id, empty.title, empty.text = "empty", None, "  "
    store.write_articles([empty])
    assert assign_stories(store).empty == 1
    assert assigned(store)["empty"] == (None, None)


def test_story_and_thread_records(store):
    store.write_articles(with_analysis(articles()))
    store.write_actors([Actor("voss", "Petra Voss", "person"), Actor("malane", "Idris Malane", "person")])
    assign_stories(store)
    story_id, thread_id = assigned(store)["g2"]
    story = get_story(store, story_id)
    assert story.article_ids == ["g1", "g2", "g3", "g4"]
    assert (story.first_published, story.last_published) == ("2025-07-14", "2025-07-17")
    assert story.label in {r["title"] for r in rows() if r["story"] == "offer2"}
    assert "kessa" in story.terms
    assert {a["name"] for a in story.top_actors} == {"Petra Voss", "Idris Malane"}
    assert {(n["label"], n["stance"]) for n in story.narratives} == {
        ("Castrelle wants peace", "advances"), ("Castrelle wants peace", "rebuts")}
    thread = get_thread(store, thread_id)
    assert story_id in thread.story_ids and thread.first_published <= "2025-04-22"
    assert [s.id for s in list_stories(store, thread=thread_id)][0] == story_id  # latest first
    assert list_stories(store, limit=1)[0].last_published == "2025-07-19"
    assert thread_id in [t.id for t in list_threads(store, min_stories=2)]
    assert get_story(store, "s-nope") is None and get_thread(store, "t-nope") is None


def test_reading_before_the_stage_has_run_writes_nothing(store):
    store.write_articles(articles(rows()[:3]))
    assert list_stories(store) == [] and list_threads(store) == [] and get_story(store, "s-x") is None
    with store.writing("make it a store from before the stories tables") as conn:
        for table in ("stories", "threads", "story_terms", "thread_terms", "story_df"):
            conn.execute(f"DROP TABLE {table}")
    assert list_stories(store) == [] and list_threads(store) == [] and get_thread(store, "t-x") is None
    assert not store.query("SELECT name FROM sqlite_master WHERE name = 'stories'")
    with pytest.raises(StoreError, match="open_store"):  # the tables come with the store's migrations
        assign_stories(store)


def test_the_five_seeds_form_one_thread(tmp_path):
    if not SEEDS.is_dir():
        pytest.skip("the shared seeds are not here")
    import narrascope

    paths = sorted(SEEDS.glob("*.txt"))
    with narrascope.analyze(paths, db=tmp_path / "seeds.db", stages="foundation", workers=1) as corpus:
        assign_stories(corpus.store)
        links = assigned(corpus.store)
    assert len(links) == 5
    assert len({thread for _, thread in links.values()}) == 1
    assert None not in {thread for _, thread in links.values()}


def test_the_demo_corpus_is_one_thread_of_many_stories(tmp_path):
    # demo/: 24 fictional articles over two years on one topic (offers of talks and their rebuttals);
    # the threads that its first stories start are merged as later stories bridge them
    import narrascope

    with narrascope.analyze([DEMO], db=tmp_path / "demo.db", stages="foundation", workers=1) as corpus:
        summary = assign_stories(corpus.store)
        rows_ = corpus.store.query("SELECT id, story_id, thread_id, duplicate_of FROM articles")
    assert len({r["thread_id"] for r in rows_}) == 1 and summary.merged_threads >= 1
    assert len({r["story_id"] for r in rows_}) >= 15
    story_of = {r["id"]: r["story_id"] for r in rows_}
    copies = [r for r in rows_ if r["duplicate_of"]]
    assert copies and all(story_of[r["id"]] == story_of[r["duplicate_of"]] for r in copies)
