"""`narrascope load` into PostgreSQL: a Dask run (2-worker LocalCluster) loaded into a PostgreSQL store
equals the local engine's run into PostgreSQL and into SQLite, and loading twice changes nothing."""
from __future__ import annotations

import pytest

pytest.importorskip("distributed")

import narrascope  # noqa: E402
import test_engine_dask  # noqa: E402
from pg_support import run_on_postgres  # noqa: E402
from test_engine_dask import client, corpus, inputs, stored  # noqa: E402,F401

from narrascope.engines.dask import load, run_dask  # noqa: E402

on_postgres = run_on_postgres(test_engine_dask)  # stored() reads PostgreSQL for paths, SQLite files for "sqlite:///"


def test_load_into_postgres_equals_the_local_engine(client, corpus, on_postgres, tmp_path):  # noqa: F811
    local, dask = on_postgres.url(tmp_path / "local.db"), on_postgres.url(tmp_path / "dask.db")
    narrascope.analyze(inputs(corpus), local, stages="foundation", workers=1).close()
    narrascope.analyze(inputs(corpus), tmp_path / "lite.db", stages="foundation", workers=1).close()
    summary = run_dask(inputs(corpus), tmp_path / "data.parquet", stages="foundation",
                       scheduler=client.scheduler.address, partition_size=2)
    loaded = load(summary.output, dask)
    assert loaded.added == 8 and loaded.duplicates == 2
    assert stored(dask) == stored(local) == stored(f"sqlite:///{tmp_path / 'lite.db'}")
    before = stored(dask)
    again = load(summary.output, dask)
    assert again.added == 0 and stored(dask) == before
