"""Distributed story clustering (engines/dask/stories.py): on the stories fixture it finds the known
stories and the local engine's stories and threads; its records load into the store (stories.bulk) so
that the story pages read them and a later local `assign_stories` run continues from them."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")

from narrascope.engines.dask.stories import find_stories, load_stories, story_terms, write_stories  # noqa: E402
from narrascope.store import open_store  # noqa: E402
from narrascope.stories import assign_stories, get_story, get_thread, list_threads  # noqa: E402

from test_stories import SEEDS, assigned, pairwise_f1, partition  # noqa: E402
from test_stories_corpus import articles, rows  # noqa: E402

HELD_OUT = ("a4", "c5", "g4", "h3")  # loaded later, for the local stage to place


def frame(items) -> pd.DataFrame:
    """The dataset's story columns, as the Dask engine's worker writes them."""
    terms = [story_terms(a) for a in items]
    return pd.DataFrame({"id": [a.id for a in items], "published": [a.published for a in items],
                         "title": [a.title for a in items], "duplicate_of": [a.duplicate_of for a in items],
                         "story_terms": [json.dumps(t) if t else None for t in terms]})


def clustered(items, partitions: int = 3) -> pd.DataFrame:
    import dask

    with dask.config.set({"dataframe.convert-string": False, "scheduler": "sync"}):
        return find_stories(dd.from_pandas(frame(items), npartitions=partitions)).assignments.compute()


def local(items) -> dict[str, tuple]:
    with open_store(":memory:") as store:
        store.write_articles(items)
        assign_stories(store)
        return assigned(store)


@pytest.fixture(scope="module")
def fixture_result():
    result = clustered(articles())
    return {i: (s, t) for i, s, t in zip(result["id"], result["story_id"], result["thread_id"])}


def test_the_fixture_gives_the_known_stories_and_the_local_partition(fixture_result):
    truth = {r["id"]: r["story"] for r in rows()}
    assert len(fixture_result) == len(truth)
    assert partition(fixture_result) == partition({i: (s,) for i, s in truth.items()})
    local_links = local(articles())
    assert partition(fixture_result) == partition(local_links)
    assert partition(fixture_result, 1) == partition(local_links, 1)  # threads too
    assert fixture_result == local_links  # and the same stable ids


def test_copies_join_their_originals_story(fixture_result):
    copies = [r for r in rows() if r.get("duplicate_of")]
    assert copies and all(fixture_result[r["id"]] == fixture_result[r["duplicate_of"]] for r in copies)


def test_articles_without_words_get_no_story():
    items = articles(rows()[:6])
    items[0].title, items[0].text = None, "  "
    result = clustered(items, partitions=2)
    assert items[0].id not in set(result["id"]) and len(result) == 5


def write_dataset(root: Path, items) -> None:
    """DIR/articles by published month and DIR/duplicates, as the Dask engine leaves them."""
    data = frame(items)
    for month, part in data.groupby(data["published"].fillna("undated").str[:7]):
        folder = root / "articles" / f"published_month={month}"
        folder.mkdir(parents=True)
        part.drop(columns=["duplicate_of"]).to_parquet(folder / "part-00000.parquet", index=False)
    (root / "duplicates").mkdir()
    data[["id", "duplicate_of"]].to_parquet(root / "duplicates" / "part-00000.parquet", index=False)


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def dataset(client, tmp_path_factory) -> Path:
    """A dataset of the fixture without HELD_OUT, its stories written on the 2-worker cluster."""
    root = tmp_path_factory.mktemp("dataset")
    write_dataset(root, [a for a in articles() if a.id not in HELD_OUT])
    assert write_stories(client, root) == 8
    return root


def test_write_stories_on_a_two_worker_cluster(dataset):
    written = pd.read_parquet(dataset / "stories")
    truth = {r["id"]: r["story"] for r in rows() if r["id"] not in HELD_OUT}
    assert sorted(written["id"]) == sorted(truth)
    links = {i: (s, t) for i, s, t in zip(written["id"], written["story_id"], written["thread_id"])}
    assert partition(links) == partition({i: (s,) for i, s in truth.items()})
    assert links == local(articles([r for r in rows() if r["id"] not in HELD_OUT]))  # ids and threads too


@pytest.fixture(params=["sqlite", "postgresql"])
def store_path(request, tmp_path):
    if request.param == "sqlite":
        yield tmp_path / "loaded.db"
        return
    from pg_support import drop_schema, fresh_schema_url, require_postgres

    url = fresh_schema_url(require_postgres())
    yield url
    drop_schema(url)


def test_load_then_the_local_stage_continues(dataset, store_path):
    first = [a for a in articles() if a.id not in HELD_OUT]
    with open_store(store_path) as store:
        store.write_articles(first)
        summary = load_stories(store, dataset)
        assert (summary.articles, summary.stories) == (len(first), 8)
        assert load_stories(store, dataset).terms == 0  # a re-load does not count documents twice
        links = assigned(store)
        story = get_story(store, links["g2"][0])
        assert story.article_ids == ["g1", "g2", "g3"] and story.label and "kessa" in story.terms
        assert links["g1"][0] in get_thread(store, links["f1"][1]).story_ids
        assert list_threads(store, min_stories=2)
        store.write_articles(articles([r for r in rows() if r["id"] in HELD_OUT]))
        later = assign_stories(store)
        links = assigned(store)
    assert later.articles == len(HELD_OUT) and later.new_stories == 0
    truth = {r["id"]: r["story"] for r in rows()}
    assert partition(links) == partition({i: (s,) for i, s in truth.items()})


def test_the_five_seeds_form_one_thread(tmp_path):
    if not SEEDS.is_dir():
        pytest.skip("the shared seeds are not here")
    import narrascope

    with narrascope.analyze(sorted(SEEDS.glob("*.txt")), db=tmp_path / "seeds.db", stages="foundation",
                            workers=1) as corpus:
        items = list(corpus.store.iter_articles())
    result = clustered(items, partitions=2)
    assert len(result) == 5
    assert result["thread_id"].nunique() == 1
