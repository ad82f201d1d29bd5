"""A worker killed mid-run (SIGKILL): its partitions are retried elsewhere, nothing lost or duplicated."""
from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from narrascope.engines.dask import run_dask  # noqa: E402
from narrascope.engines.dask import layout  # noqa: E402
from narrascope.engines.dask.run import connect  # noqa: E402
from narrascope.io.read import read_paths  # noqa: E402
from narrascope.pipeline import new_article  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
synthetic = pytest.importorskip("synthetic")

ARTICLES = 160
PARTITION_SIZE = 4
TASK_SECONDS = 0.1
STAGES = "extract,clean,metadata"  # per-article stages only: the corpus stages are not what is tested here


@pytest.fixture(scope="module")
def client():
    with connect(None, 2) as client:
        yield client


def expected_ids(folder: Path) -> list[str]:
    return [new_article(doc, key=doc.source).id for doc in read_paths([str(folder)])]


def test_killing_a_worker_mid_run_loses_and_duplicates_nothing(client, tmp_path):
    corpus = tmp_path / "corpus"
    synthetic.write_corpus(corpus, ARTICLES, seed=11)
    out = tmp_path / "out.parquet"
    result: dict = {}

    def run() -> None:
        try:
            result["summary"] = run_dask([str(corpus)], out, stages=STAGES,
                                         scheduler=client.scheduler.address, partition_size=PARTITION_SIZE)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test thread
            result["error"] = exc

    # Each task takes at least TASK_SECONDS on the current workers, so that the kill lands mid-run even on a
    # fast machine (a restarted worker runs at full speed). Tasks name the function by module and name.
    client.run(exec, "import time, narrascope.engines.dask.worker as w; run = w.process_partition; "
                     f"w.process_partition = lambda *a, **k: (time.sleep({TASK_SECONDS}), run(*a, **k))[1]", {})
    thread = threading.Thread(target=run)
    thread.start()
    partitions = ARTICLES // PARTITION_SIZE
    _wait_for(lambda: len(layout.completed(out)) >= 2 or not thread.is_alive())
    assert "error" not in result, result.get("error")
    pids = client.run(os.getpid)
    busy = [address for address, tasks in client.processing().items() if tasks]
    victim = pids[busy[0]] if busy else next(iter(pids.values()))
    done_at_kill = len(layout.completed(out))
    os.kill(victim, signal.SIGKILL)
    thread.join(timeout=300)
    assert "error" not in result, result.get("error")
    assert done_at_kill < partitions  # the kill really happened mid-run

    import pyarrow.dataset as ds

    table = ds.dataset(out / layout.ARTICLES, format="parquet", partitioning="hive").to_table(columns=["id", "seq"])
    ids = table.column("id").to_pylist()
    assert sorted(ids) == sorted(expected_ids(corpus)) and len(ids) == len(set(ids)) == ARTICLES
    assert len(set(table.column("seq").to_pylist())) == ARTICLES
    summary = result["summary"]
    assert summary.read == ARTICLES and summary.computed == partitions
    assert not [p for p in out.rglob(".*.tmp")]  # a killed write leaves no temporary behind
    _wait_for(lambda: len(client.scheduler_info()["workers"]) == 2)  # the nanny restarted the worker
    assert victim not in client.run(os.getpid).values()


def _wait_for(condition, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.02)
