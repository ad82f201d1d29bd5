"""A run killed halfway resumes without duplicates or loss: batches are transactions, re-runs skip known ids."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from narrascope.model import Article, Statement
from narrascope.store import open_store
from narrascope.store import sqlite as sqlite_store

BATCH = 10


def corpus(n: int = 35) -> list[Article]:
    return [
        Article(id=f"v{i:03d}", source=f"veloria/{i}.txt", raw=f"raw {i}", raw_format="text",
                text=f"Dispatch {i} from the Marrow Ledger newsroom.", title=f"Dispatch {i}",
                quotes=[Statement("Anika Sorell", None, None, "said", f"statement {i}", "direct", 0, 9)])
        for i in range(n)
    ]


def run(db: Path, articles: list[Article]) -> int:
    """What the runner does: skip known ids, write the rest in batches. Returns how many were written."""
    with open_store(db) as store:
        fresh = [a for a in articles if a.id not in store.known_ids([a.id for a in articles])]
        for i in range(0, len(fresh), BATCH):
            store.write_articles(fresh[i : i + BATCH])
        return len(fresh)


def assert_each_exactly_once(db: Path, articles: list[Article]) -> None:
    with open_store(db) as store:
        assert sorted(a.id for a in store.iter_articles()) == [a.id for a in articles]
        conn = store._conn
        assert tuple(conn.execute("SELECT count(*), count(DISTINCT article_id) FROM quotes").fetchone()) == (35, 35)
        conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        assert len(store.search("Dispatch", limit=100)) == len(articles)


def test_exception_mid_second_batch_then_resume(tmp_path, monkeypatch):
    db, articles = tmp_path / "c.db", corpus()
    real = sqlite_store.SQLiteStore._replace_children
    calls = {"n": 0}

    def crash_on_second_batch(self, conn, batch, *rest):
        calls["n"] += 1
        real(self, conn, batch, *rest)
        if calls["n"] == 2:
            raise KeyboardInterrupt("simulated crash after the upsert, before commit")

    monkeypatch.setattr(sqlite_store.SQLiteStore, "_replace_children", crash_on_second_batch)
    with pytest.raises(KeyboardInterrupt):
        run(db, articles)
    monkeypatch.undo()
    with open_store(db) as store:
        assert store.count() == BATCH  # the first batch committed, the second rolled back whole
    assert run(db, articles) == len(articles) - BATCH
    assert run(db, articles) == 0  # a third run finds nothing new
    assert_each_exactly_once(db, articles)


KILLER = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, {tests!r})
    from narrascope.store import sqlite as sqlite_store
    from test_store_resume import corpus, run
    real = sqlite_store.SQLiteStore._replace_children
    calls = []
    def kill_on_second_batch(self, conn, batch, *rest):
        calls.append(1)
        real(self, conn, batch, *rest)
        if len(calls) == 2:
            os.kill(os.getpid(), signal.SIGKILL)  # no cleanup, no rollback: the process just dies
    sqlite_store.SQLiteStore._replace_children = kill_on_second_batch
    run({db!r}, corpus())
""")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_process_mid_batch_then_resume(tmp_path):
    db, articles = tmp_path / "c.db", corpus()
    script = KILLER.format(tests=str(Path(__file__).parent), db=str(db))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert result.returncode == -9, result.stderr.decode()
    with open_store(db) as store:
        assert store.count() == BATCH
    assert run(db, articles) == len(articles) - BATCH
    assert_each_exactly_once(db, articles)
