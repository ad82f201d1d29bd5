"""The Dask engine gives the local engine's results: run_dask on a 2-worker LocalCluster + load vs analyze.

One cluster per module (starting one takes seconds); runs pass its address as `scheduler`.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("distributed")

import narrascope  # noqa: E402
from narrascope.engines.dask import load, run_dask  # noqa: E402
from narrascope.engines.dask import layout, worker  # noqa: E402
from narrascope.engines.dask.load import DatasetIncompleteError  # noqa: E402
from narrascope.engines.dask.partitions import DatasetMismatchError  # noqa: E402
from narrascope.engines.dask.run import connect  # noqa: E402
from narrascope.store import open_store  # noqa: E402

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "scale"
# Fields that may legitimately differ between the engines: none for the foundation stages. (Story ids
# are compared as a partition in the model test: the distributed clustering may name stories otherwise.)
DIFFERENT_FIELDS: set[str] = set()


@pytest.fixture(scope="module")
def client():
    with connect(None, 2) as client:
        yield client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The fixture corpus, an unsupported file (an input error) and one file named twice (see `inputs`)."""
    root = tmp_path_factory.mktemp("scale") / "corpus"
    shutil.copytree(FIXTURE, root)
    (root / "march" / "notes.xyz").write_text("not an article format", encoding="utf-8")
    return root


def inputs(corpus: Path) -> list[str]:
    return [str(corpus), str(corpus / "march" / "03-strike.txt")]  # the second is read twice: skipped


@pytest.fixture(scope="module")
def both(client, corpus, tmp_path_factory):
    """(local store path, dask store path, dask run summary, load summary) for the foundation stages."""
    out = tmp_path_factory.mktemp("engines")
    narrascope.analyze(inputs(corpus), out / "local.db", stages="foundation", workers=1).close()
    summary = run_dask(inputs(corpus), out / "data.parquet", stages="foundation",
                       scheduler=client.scheduler.address, partition_size=2)
    loaded = load(out / "data.parquet", out / "dask.db")
    return out / "local.db", out / "dask.db", summary, loaded


def stored(db: Path) -> dict[str, dict]:
    with open_store(db) as store:
        return {a.id: {k: v for k, v in a.to_dict().items() if k not in DIFFERENT_FIELDS}
                for a in store.iter_articles()}


def test_every_article_field_and_duplicate_link_equals_the_local_engine(both):
    local, dask, summary, loaded = both
    local_articles, dask_articles = stored(local), stored(dask)
    assert len(local_articles) == 8 and summary.partitions == 5
    assert dask_articles == local_articles
    links = {i: a["duplicate_of"] for i, a in dask_articles.items() if a["duplicate_of"]}
    assert len(links) == 2  # the exact copy and the syndicated near-copy
    assert loaded.added == 8 and loaded.duplicates == 2


def test_input_errors_and_stored_order_match_the_local_engine(both):
    local, dask, summary, loaded = both
    with open_store(local) as a, open_store(dask) as b:
        assert [str(e) for e in a.input_errors()] == [str(e) for e in b.input_errors()]
        assert len(b.input_errors()) == 1 and "notes.xyz" in b.input_errors()[0].source
        order = "SELECT id FROM articles ORDER BY pk"
        assert a.query(order) == b.query(order)  # insertion order = input order: dedup's "first seen"
    assert summary.read == 9  # the file named twice is read twice, stored once


def test_dataset_layout_months_markers_and_sequence(both):
    local, dask, summary, loaded = both
    root = Path(summary.output)
    months = sorted(p.name for p in (root / layout.ARTICLES).iterdir())
    assert months == ["published_month=2025-03", "published_month=2025-04", "published_month=undated"]
    assert layout.completed(root) == set(range(summary.partitions))
    import pyarrow.dataset as ds

    table = ds.dataset(root / layout.ARTICLES, format="parquet", partitioning="hive").to_table()
    assert table.num_rows == 8 and len(set(table.column("seq").to_pylist())) == 8  # the repeat is not written
    row = table.slice(0, 1).to_pylist()[0]
    assert json.loads(row["article"])["id"] == row["id"] and row["published_month"] == layout.month_of(row["published"])
    success = layout.read_json(root / layout.SUCCESS)
    assert success["read"] == 9 and success["partitions"] == 5


def test_stages_are_built_once_per_worker_process_across_tasks_and_runs(client, both, corpus, tmp_path):
    run_dask(inputs(corpus), tmp_path / "again.parquet", stages="foundation",
             scheduler=client.scheduler.address, partition_size=1)
    counts = client.run(worker.build_counts)
    assert len(counts) == 2 and sum(len(c) for c in counts.values()) >= 1
    assert all(n == 1 for c in counts.values() for n in c.values())  # 5 + 10 tasks, one build per process


def test_loading_twice_changes_nothing(both):
    local, dask, summary, loaded = both
    before = stored(dask)
    again = load(summary.output, dask)
    assert again.added == 0 and again.skipped == 8
    assert stored(dask) == before


def test_load_refuses_an_unfinished_dataset(both, tmp_path):
    root = Path(both[2].output)
    partial = tmp_path / "partial.parquet"
    shutil.copytree(root, partial)
    (partial / layout.SUCCESS).unlink()
    with pytest.raises(DatasetIncompleteError, match="run the same .* again"):
        load(partial, tmp_path / "x.db")
    with pytest.raises(DatasetIncompleteError, match="not a narrascope Dask dataset"):
        load(tmp_path, tmp_path / "x.db")


def test_other_inputs_or_stages_in_the_same_output_are_refused(client, both, corpus):
    root = both[2].output
    with pytest.raises(DatasetMismatchError, match="other stages.*--fresh"):
        run_dask(inputs(corpus), root, stages="extract,clean", scheduler=client.scheduler.address)
    with pytest.raises(DatasetMismatchError, match="other inputs"):
        run_dask([str(corpus)], root, stages="foundation", scheduler=client.scheduler.address)


def test_an_interrupted_run_resumes_without_recomputing_finished_partitions(client, corpus, tmp_path):
    out = tmp_path / "resume.parquet"

    def stop_after_first(articles: int) -> None:
        raise KeyboardInterrupt

    slow_tasks(client, 0.2)  # the interruption lands before the last partition, even on a fast machine
    try:
        with pytest.raises(KeyboardInterrupt):
            run_dask(inputs(corpus), out, stages="foundation", scheduler=client.scheduler.address,
                     partition_size=1, progress=stop_after_first)
        _wait_idle(client, out)
    finally:
        slow_tasks(client, 0)
    done = layout.completed(out)
    assert 1 <= len(done) < 10 and not (out / layout.SUCCESS).exists()
    mtimes = {p: layout.marker_file(out, p).stat().st_mtime_ns for p in done}
    summary = run_dask(inputs(corpus), out, stages="foundation", scheduler=client.scheduler.address,
                       partition_size=1)
    assert summary.resumed == len(done) and summary.computed == 10 - len(done)
    assert {p: layout.marker_file(out, p).stat().st_mtime_ns for p in done} == mtimes
    assert summary.read == 9 and (out / layout.SUCCESS).exists()
    again = run_dask(inputs(corpus), out, stages="foundation", scheduler=client.scheduler.address)
    assert (again.computed, again.resumed, again.duplicates) == (0, 10, summary.duplicates)


def slow_tasks(client, seconds: float) -> None:
    """Make each partition task on the workers take at least `seconds` longer (0: as it was). Tasks name
    their function by module and name, so replacing the module attribute in the worker is enough."""
    client.run(exec, "import time, narrascope.engines.dask.worker as w\n"
                     "run = getattr(w, '_unslowed', w.process_partition)\n"
                     "w._unslowed = run\n"
                     f"w.process_partition = (lambda *a, **k: (time.sleep({seconds}), run(*a, **k))[1]) if {seconds} "
                     "else run", {})


def _wait_idle(client, out: Path, timeout: float = 30) -> None:
    """Until the cluster is idle: a cancelled task that was already running still finishes its partition."""
    import time

    deadline, last, stable_since = time.monotonic() + timeout, None, time.monotonic()
    while time.monotonic() < deadline:
        done = layout.completed(out)
        if done != last:
            last, stable_since = done, time.monotonic()
        elif time.monotonic() - stable_since > 1.0 and not any(client.processing().values()):
            return
        time.sleep(0.05)


def test_failed_partitions_are_reported_and_the_dataset_is_not_marked_finished(client, corpus, tmp_path):
    from narrascope.engines.dask.run import PartitionsFailedError

    out = tmp_path / "failing.parquet"
    with pytest.raises(PartitionsFailedError, match="5 partition.*TypeError.*run the same command again"):
        run_dask(inputs(corpus), out, stages="extract,clean", stage_options={"clean": {"no_such_option": 1}},
                 scheduler=client.scheduler.address, partition_size=2)
    assert not layout.completed(out) and not (out / layout.SUCCESS).exists()


def test_loading_into_a_store_with_articles_links_copies_of_stored_ones(both, corpus, tmp_path):
    local, dask, summary, loaded = both
    db = tmp_path / "incremental.db"
    narrascope.analyze([str(corpus / "march")], db, stages="foundation", workers=1).close()
    again = load(summary.output, db)
    assert again.skipped == 3 and again.added == 5 and again.duplicates == 2
    assert stored(db) == stored(local)


def test_partitions_are_small_enough_to_keep_every_worker_thread_busy_to_the_end():
    from narrascope.engines.dask.partitions import auto_size, chunk
    from narrascope.settings import engines as settings

    assert auto_size(100_000, 2) == settings.PARTITION_SIZE
    assert auto_size(1000, 2) == 125  # 8 tasks: 4 per worker
    assert auto_size(5000, 2) == 625
    assert auto_size(30, 2) == settings.MIN_PARTITION_SIZE
    units = [{"input": 0, "file": str(n)} for n in range(1000)]
    parts = chunk(units, auto_size(len(units), 2))
    assert [u for part in parts for u in part] == units and len(parts) == 8


def test_a_task_streams_its_rows_in_row_groups_and_leaves_no_temporary(corpus, tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    from narrascope.engines.dask.partitions import input_units
    from narrascope.settings import engines as settings
    from narrascope.stages import StageFactory

    monkeypatch.setattr(settings, "ROW_GROUP", 2)
    units = list(input_units([str(corpus)]))
    marker = worker.process_partition(str(tmp_path), 7, units, [str(corpus)], StageFactory(["extract", "clean",
                                      "metadata"]), {}, story_terms=False)
    assert marker["articles"] == 8 and marker["months"] == ["2025-03", "2025-04", "undated"]
    march = pq.ParquetFile(layout.article_file(tmp_path, "2025-03", 7))
    assert march.metadata.num_rows == 5 and march.num_row_groups == 3  # 2 + 2 + 1
    seqs = [s for f in layout.article_files(tmp_path)[7] for s in pq.read_table(f).column("seq").to_pylist()]
    assert sorted(seqs) == [layout.seq_of(7, n) for n in range(8)]
    assert layout.read_marker(tmp_path, 7) == marker and not list(tmp_path.rglob(".*.tmp"))


def test_a_load_interrupted_midway_merges_the_actors_of_what_it_stored_when_run_again(both, tmp_path, monkeypatch):
    import narrascope.actor_table
    from narrascope.settings import store_bulk

    added: list[str] = []

    class RecordingActorTable:  # stands for the actor merge (the nlp stage's actors)
        def __init__(self, store):
            pass

        def add(self, article):
            added.append(article.id)

        def finish(self):
            return len(added)

    dataset = tmp_path / "nlp.parquet"
    shutil.copytree(both[2].output, dataset)
    manifest = layout.read_json(dataset / layout.MANIFEST)
    layout.write_json(dataset / layout.MANIFEST, {**manifest, "stages": [*manifest["stages"], "nlp"]})
    monkeypatch.setattr(narrascope.actor_table, "ActorTable", RecordingActorTable)
    monkeypatch.setattr(store_bulk, "WRITE_BATCH", 3)

    def interrupt(stored: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        load(dataset, tmp_path / "db.db", progress=interrupt)
    assert len(added) == 3
    added.clear()
    resumed = load(dataset, tmp_path / "db.db")
    assert (resumed.skipped, resumed.added, len(added), len(set(added))) == (3, 5, 8, 8)
    added.clear()
    assert load(dataset, tmp_path / "db.db").added == 0 and added == []  # a finished load is not merged twice


def test_the_article_column_is_the_json_of_to_dict():
    from narrascope.model import (Article, Entity, Evidence, NarrativeLabel, Removed, Role, StageError,
                                  Statement)

    article = Article(id="a1", source="s.txt", raw="Raw", raw_format="text", given={"tags": ["x", ("y", 2)]},
                      signature=b"\x00\xff", removed=[Removed("Photo: X", "photo-caption", 3)],
                      entities=[Entity("Anika Sorell", "PERSON", 0, 12, "p1")],
                      quotes=[Statement("Sorell", "p1", None, "said", "We moved", "direct", 1, 9, "2025-03-02")],
                      narratives=[NarrativeLabel("URW: Blaming", "URW", 0.5, "advances", [Evidence(0, 1, "t")])],
                      roles=[Role("Sorell", "p1", 0, 6, "Protagonist", ["Guardian"], 0.7, [])],
                      errors=[StageError("nlp", "boom")])
    assert json.loads(worker.article_json(article)) == json.loads(json.dumps(article.to_dict()))
