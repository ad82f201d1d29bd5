"""The models run in the Dask workers: the "statements" profile (spaCy, statements, stories) gives the
local engine's articles, actors and story partition on a few fixture articles."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("distributed")

import narrascope  # noqa: E402
from narrascope.engines.dask import load, run_dask  # noqa: E402
from narrascope.engines.dask.run import connect  # noqa: E402
from narrascope.store import open_store  # noqa: E402

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "scale"
FILES = ("march/01-dam.txt", "march/02-grain.txt", "march/03-strike.txt", "april/01-strike-copy.txt",
         "april/03-election.txt")
# Story and thread ids name clusters; the distributed clustering may name them otherwise, so stories are
# compared as a partition of the articles, not by id.
STORY_FIELDS = {"story_id", "thread_id"}


@pytest.mark.model
def test_statements_profile_on_dask_equals_the_local_engine(tmp_path):
    corpus = tmp_path / "corpus"
    for name in FILES:
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURE / name, corpus / name)
    narrascope.analyze([str(corpus)], tmp_path / "local.db", stages="statements", workers=1).close()
    with connect(None, 2) as client:
        run_dask([str(corpus)], tmp_path / "data.parquet", stages="statements", partition_size=2,
                 scheduler=client.scheduler.address)
    load(tmp_path / "data.parquet", tmp_path / "dask.db")
    local, dask = articles(tmp_path / "local.db"), articles(tmp_path / "dask.db")
    assert len(local) == 5 and sum(bool(a["quotes"]) for a in local.values()) >= 3
    assert any(a["entities"] for a in dask.values())  # the nlp stage really ran in the workers
    strip = lambda a: {k: v for k, v in a.items() if k not in STORY_FIELDS}  # noqa: E731
    assert {i: strip(a) for i, a in dask.items()} == {i: strip(a) for i, a in local.items()}
    assert story_partition(dask) == story_partition(local)
    assert actors(tmp_path / "dask.db") == actors(tmp_path / "local.db")


def articles(db: Path) -> dict[str, dict]:
    with open_store(db) as store:
        return {a.id: a.to_dict() for a in store.iter_articles()}


def story_partition(stored: dict[str, dict]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for article_id, article in stored.items():
        groups.setdefault(article["story_id"] or article_id, set()).add(article_id)
    return {frozenset(group) for group in groups.values()}


def actors(db: Path) -> list[tuple]:
    with open_store(db) as store:
        return sorted((a.id, a.name, a.type, tuple(a.aliases), a.article_count, a.mention_count)
                      for a in store.actors())
