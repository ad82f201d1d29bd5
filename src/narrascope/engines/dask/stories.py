"""Distributed story and thread clustering over the articles of a Parquet dataset (batch, blocked).

The local engine (stories/assign.py) is incremental: articles in date order join the story whose
centroid is closest. Here, with no pass over all pairs on one machine:

1. TF-IDF vectors of the originals (document frequencies by a distributed group-by of terms; the
   local weighting, stories.features.tfidf); blocking keys = each article's heaviest terms that are
   not in more than BLOCK_MAX_SHARE of the documents (blocking.py).
2. Candidate pairs within blocks and within STORY_WINDOW_DAYS, scored by cosine, as a distributed map.
3. Core stories: connected components of the pairs at STORY_THRESHOLD (the edges of actual stories:
   small, on the driver). Guard against chains: a member whose vector does not agree with its
   component's centroid at STORY_THRESHOLD is taken out (the local engine compares articles with
   story centroids, never article with article).
4. Articles left alone join the story, among those of their candidate pairs, whose centroid they
   agree with best at STORY_THRESHOLD or more (the local join rule), else stay a story of their own.
5. Copies (duplicate_of) join their original's story. A story's id is stable_id("s", its first
   article) in the local processing order (dated by date, then id; undated last).
6. Threads: the same blocking over story centroids, within THREAD_GAP_DAYS, at THREAD_THRESHOLD;
   components; id stable_id("t", its first story).

Outputs (write_stories): DIR/stories/ (id, story_id, thread_id) per article, and beside it the records
that `load_stories` writes into the store's tables: DIR/story_records/, DIR/thread_records/,
DIR/story_df/ (document frequencies; the row with term "" counts the documents).
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from ...model import Article
from ...settings import engines_corpus as engine_settings
from ...settings import stories as settings
from ...stories.features import article_terms
from ...stories.threads import stable_id
from . import story_states as states
from .blocking import TERMS_META, document_frequencies, exploded_terms, pair_cosines, scored_pairs, vectors
from .components import UnionFind
from .dedup import read_articles, write_frame

__all__ = ["StoryFrames", "find_stories", "load_stories", "story_terms", "write_stories", "STORY_COLUMNS"]

STORY_COLUMNS = ["id", "published", "title", "story_terms"]
ASSIGN_META = {"id": object, "story_id": object, "thread_id": object}


def story_terms(article: Article) -> dict[str, float] | None:
    """What a worker computes per article: the weighted terms of its title, text and actors (None when
    it has neither title nor text, or no term: such an article gets no story)."""
    if not article.title and not article.text:
        return None
    return dict(article_terms(article.title, article.text, article.actors)) or None


class StoryFrames(NamedTuple):
    """Dask DataFrames of the clustering (nothing collected)."""

    assignments: Any  # id, story_id, thread_id (articles with a story)
    stories: Any  # story_states.STORY_META (thread_id filled)
    threads: Any  # story_states.THREAD_META
    frequencies: Any  # term, df ("" = number of documents)


def find_stories(articles, duplicates: pd.DataFrame | None = None) -> StoryFrames:
    """Cluster `articles` (dask DataFrame with STORY_COLUMNS, and `duplicate_of` unless `duplicates`,
    a pandas or dask (id, duplicate_of) frame, is given; no links: every article is an original)."""
    import dask
    import dask.dataframe as dd

    with dask.config.set({"dataframe.shuffle.method": engine_settings.SHUFFLE_METHOD}):
        if duplicates is not None:
            links = duplicates[duplicates["duplicate_of"].notnull()][["id", "duplicate_of"]]
            links = dd.from_pandas(links.astype(object), npartitions=1) if isinstance(links, pd.DataFrame) else links
            articles = articles[STORY_COLUMNS].merge(links, on="id", how="left")
        elif "duplicate_of" not in articles.columns:
            articles = articles.assign(duplicate_of=None)
        articles = articles[[*STORY_COLUMNS, "duplicate_of"]].persist()  # (read and joined once)
        originals = articles[articles["story_terms"].notnull() & articles["duplicate_of"].isnull()]
        terms = originals.map_partitions(exploded_terms, meta=TERMS_META)
        frequencies = document_frequencies(terms).persist()  # (also written out: computed once)
        documents = int(originals.shape[0].compute())  # (a lazy count would hold on to the articles)
        nodes = vectors(terms, frequencies, documents).persist()
        pairs = scored_pairs(nodes, settings.STORY_WINDOW_DAYS).persist()
        labels = _story_labels(nodes, pairs)
        members, stories = _stories(articles, nodes, labels)
        del articles, originals, terms, nodes, pairs  # the workers may free the vectors and pairs now
        threads_of = _thread_labels(stories)
        return _with_threads(members, stories, threads_of, frequencies, documents)


# --- stories ---------------------------------------------------------------------------------------
def _story_labels(nodes, pairs) -> dict[str, str]:
    """{article id: label} of the originals in a story of two or more (others are their own story)."""
    edges = pairs[pairs["cosine"] >= settings.STORY_THRESHOLD][["a", "b"]].compute()
    forest = UnionFind()
    for a, b in zip(edges["a"], edges["b"]):
        forest.union(a, b)
    labels = {node: forest.find(node) for node in forest.parent}  # (a component's smallest id)
    if engine_settings.CENTROID_CHECK and labels:
        scored = _agreement(nodes, labels)
        taken_out = set(scored[scored["cosine"] < settings.STORY_THRESHOLD]["id"])
        if taken_out:  # taken out of a chain: placed again below
            labels = _without(labels, taken_out)
    return _attach_singles(nodes, pairs, labels)


def _without(labels: dict[str, str], taken_out: set[str]) -> dict[str, str]:
    """`labels` with the `taken_out` articles alone and each component labelled again by its smallest
    remaining member (a component's label must never be the id of an article taken out of it, or that
    article would stay in it)."""
    smallest: dict[str, str] = {}
    for article_id, label in labels.items():
        if article_id not in taken_out:
            smallest[label] = min(smallest.get(label, article_id), article_id)
    return {article_id: article_id if article_id in taken_out else smallest[label]
            for article_id, label in labels.items()}


def _label_frame(labels: dict[str, str], partitions: int):
    import dask.dataframe as dd

    frame = pd.DataFrame({"id": list(labels), "label": list(labels.values())}, dtype=object)
    return dd.from_pandas(frame, npartitions=max(1, min(partitions, len(frame) // 10_000 + 1)))


def _centroids(nodes, labels: dict[str, str]):
    members = nodes[["id", "vector"]].merge(_label_frame(labels, nodes.npartitions), on="id")
    return members, members.shuffle(on="label").map_partitions(states.centroids, meta=states.CENTROID_META)


def _agreement(nodes, labels: dict[str, str]) -> pd.DataFrame:
    members, centroids = _centroids(nodes, labels)
    joined = members.merge(centroids, on="label")
    return joined.map_partitions(states.agreement, meta=states.AGREEMENT_META).compute()


def _attach_singles(nodes, pairs, labels: dict[str, str]) -> dict[str, str]:
    """An article alone (or taken out of a chain) joins the story of its candidates whose centroid it
    agrees with best, at STORY_THRESHOLD or more."""
    multi = {label for label, n in pd.Series(list(labels.values()), dtype=object).value_counts().items() if n > 1}
    clustered = {article_id: label for article_id, label in labels.items() if label in multi}
    if not clustered:
        return clustered
    _, centroids = _centroids(nodes, clustered)
    label_frame = _label_frame(clustered, nodes.npartitions)
    # (pairs in both directions: an article alone may be either side)
    forward = pairs.rename(columns={"a": "single", "b": "other"})
    backward = pairs.rename(columns={"b": "single", "a": "other"})
    import dask.dataframe as dd

    candidates = dd.concat([forward, backward]).merge(label_frame.rename(columns={"id": "other"}), on="other")
    candidates = candidates.merge(label_frame.rename(columns={"id": "single", "label": "own"}), on="single",
                                  how="left")
    candidates = candidates[candidates["own"].isnull()][["single", "label", "cosine"]]
    candidates = candidates.shuffle(on="single").map_partitions(_top_labels, meta={"single": object, "label": object})
    candidates = candidates.merge(nodes[["id", "vector"]].rename(columns={"id": "single"}), on="single")
    candidates = candidates.merge(centroids, on="label")
    scored = candidates.map_partitions(_single_scores, meta={"single": object, "label": object, "cosine": "float64"})
    joins = scored[scored["cosine"] >= settings.STORY_THRESHOLD].compute()
    joins = joins.sort_values(["single", "cosine", "label"], ascending=[True, False, True])
    for single, label in zip(joins["single"], joins["label"]):
        clustered.setdefault(single, label)
    return clustered


def _top_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """The CANDIDATES stories of each single article with its most similar members (the local engine
    scores that many candidate stories per article)."""
    best = frame.groupby(["single", "label"], sort=False)["cosine"].max().reset_index()
    best = best.sort_values(["single", "cosine", "label"], ascending=[True, False, True])
    best = best.groupby("single", sort=False).head(settings.CANDIDATES)
    return pd.DataFrame({"single": best["single"].to_numpy(dtype=object), "label": best["label"].to_numpy(dtype=object)})


def _single_scores(frame: pd.DataFrame) -> pd.DataFrame:
    scores = pair_cosines(frame["single"], frame["vector"], frame["label"], frame["centroid"])
    return pd.DataFrame({"single": frame["single"].to_numpy(dtype=object), "label": frame["label"].to_numpy(dtype=object),
                         "cosine": scores})


def _stories(articles, nodes, labels: dict[str, str]):
    """(members: id, story_id + columns for the records; stories: one record per story), as dask frames."""
    label_frame = _label_frame(labels, articles.npartitions)
    own = articles.merge(label_frame, on="id", how="left")
    own = own.merge(nodes[["id", "vector", "blocks"]], on="id", how="left")
    originals = own[own["duplicate_of"].isnull() & own["vector"].notnull()]
    originals = originals.assign(label=originals["label"].fillna(originals["id"]))
    copies = own[own["duplicate_of"].notnull()].drop(columns=["label"])
    copies = copies.merge(originals[["id", "label"]].rename(columns={"id": "duplicate_of"}), on="duplicate_of")
    import dask.dataframe as dd

    members = dd.concat([originals, copies.assign(vector=None, blocks=None)])
    members = members.assign(key=members.map_partitions(
        lambda f: pd.Series([states.age_key(p, i) for p, i in zip(f["published"], f["id"])], index=f.index,
                            dtype=object), meta=("key", object)))
    first = members[["label", "key"]].shuffle(on="label").map_partitions(
        _first_keys, meta={"label": object, "first_key": object})
    members = members.merge(first, on="label")
    members = members.assign(story_id=members["first_key"].map(_story_id, meta=("story_id", object)))
    members = members.persist()
    stories = members.shuffle(on="story_id").map_partitions(states.story_records, meta=states.STORY_META).persist()
    # only (id, story_id) is needed from here on: the members' vectors are let go
    return members[["id", "story_id"]].persist(), stories


def _first_keys(frame: pd.DataFrame) -> pd.DataFrame:
    firsts = frame.groupby("label", sort=False)["key"].min()
    return pd.DataFrame({"label": firsts.index.astype(object), "first_key": firsts.to_numpy(dtype=object)})


# --- threads ---------------------------------------------------------------------------------------
def _thread_labels(stories) -> dict[str, str]:
    """{story id: thread id} of the stories in a thread of two or more (others start their own)."""
    # nodes are named by the story's key (its first article's age key): the thread's first story is
    # its smallest key, and the story id is derived from the key
    nodes = stories.map_partitions(states.story_nodes, meta={"id": object, "first": "float64", "last": "float64",
                                                             "vector": object, "blocks": object})
    pairs = scored_pairs(nodes, settings.THREAD_GAP_DAYS, engine_settings.THREAD_BLOCK_WINDOW)
    edges = pairs[pairs["cosine"] >= settings.THREAD_THRESHOLD][["a", "b"]].compute()
    forest = UnionFind()
    for a, b in zip(edges["a"], edges["b"]):
        forest.union(a, b)
    first: dict[str, str] = {}
    for key in forest.parent:
        root = forest.find(key)
        first[root] = min(first.get(root, key), key)
    return {_story_id(key): stable_id("t", _story_id(first[forest.find(key)])) for key in forest.parent}


def _story_id(key: str) -> str:
    return stable_id("s", states.key_article(key))


def _with_threads(members, stories, threads_of: dict[str, str], frequencies, documents: int) -> StoryFrames:
    import dask.dataframe as dd

    thread_frame = pd.DataFrame({"story_id": list(threads_of), "thread": list(threads_of.values())}, dtype=object)
    threaded = stories.drop(columns=["thread_id"]).merge(dd.from_pandas(thread_frame, npartitions=1),
                                                         on="story_id", how="left")
    threaded = threaded.assign(thread_id=threaded["thread"].fillna(
        threaded["story_id"].map(lambda s: stable_id("t", s), meta=("story_id", object)))).drop(columns=["thread"])
    threaded = threaded.persist()
    # (in two steps: a recurring topic can put most stories in one thread)
    partials = threaded.map_partitions(states.thread_partials, meta=states.THREAD_PARTIAL_META)
    threads = partials.shuffle(on="thread_id").map_partitions(states.thread_records, meta=states.THREAD_META)
    assignments = members[["id", "story_id"]].merge(threaded[["story_id", "thread_id"]], on="story_id")
    counts = frequencies.reset_index().rename(columns={"index": "term"})
    total = dd.from_pandas(_documents_row(documents), npartitions=1)
    return StoryFrames(assignments, threaded, threads, dd.concat([counts[["term", "df"]], total]))


def _documents_row(documents) -> pd.DataFrame:
    return pd.DataFrame({"term": pd.Series([""], dtype=object), "df": pd.Series([int(documents)], dtype="int64")})


# --- the dataset -----------------------------------------------------------------------------------
def write_stories(client: Any, output: str | Path) -> int:
    """Cluster the dataset's articles (DIR/articles, DIR/duplicates) and write DIR/stories/ (id,
    story_id, thread_id) with DIR/story_records/, thread_records/ and story_df/ beside it. Returns
    the number of stories."""
    import dask
    import dask.dataframe as dd

    output = Path(output)
    articles = read_articles(output, STORY_COLUMNS)  # (find_stories keeps them once joined with the links)
    duplicates = output / "duplicates"
    links = dd.read_parquet(str(duplicates), columns=["id", "duplicate_of"]) if duplicates.is_dir() else None
    frames = find_stories(articles, links)
    with dask.config.set({"dataframe.shuffle.method": engine_settings.SHUFFLE_METHOD}):
        jsonable = frames.stories.map_partitions(_json_vectors, meta=frames.stories._meta)
        threads = frames.threads.map_partitions(_json_vectors, meta=states.THREAD_META)
        outputs = {"stories": frames.assignments, "story_records": jsonable.drop(columns=["key", "blocks"]),
                   "thread_records": threads, "story_df": frames.frequencies}
        tasks = {name: _writes(frame, output / f"{name}.tmp") for name, frame in outputs.items()}
        counts = client.compute(tasks, sync=True) if client is not None else dask.compute(tasks)[0]
        stories = sum(counts["story_records"])
    for name in outputs:
        shutil.rmtree(output / name, ignore_errors=True)
        (output / f"{name}.tmp").rename(output / name)
    return stories


def _json_vectors(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(vector=[json.dumps({t: round(w, 5) for t, w in v.items()}, ensure_ascii=False)
                                for v in frame["vector"]])


def _writes(frame, folder: Path):
    import dask

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return [dask.delayed(write_frame)(part, folder / f"part-{n:05d}.parquet") for n, part in enumerate(frame.to_delayed())]


def load_stories(store, output: str | Path):
    """Put the dataset's stories and threads into the store (see stories.bulk.load_stories)."""
    from ...stories.bulk import load_stories as load

    return load(store, output)
