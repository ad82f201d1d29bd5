"""The Dask engine: `run_dask` (inputs -> Parquet dataset on a cluster) and `load` (dataset -> store).

    from narrascope.engines.dask import run_dask, load
    run_dask(["articles/"], "corpus.parquet", stages="foundation")   # a LocalCluster of 2 workers
    load("corpus.parquet", "corpus.db")

Importing this package does not import dask or distributed; `run_dask` does, when called.
"""
from __future__ import annotations

from .load import LoadSummary, load
from .run import DaskRunSummary, run_dask

__all__ = ["run_dask", "DaskRunSummary", "load", "LoadSummary"]
