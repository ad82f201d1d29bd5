"""Scale-out engines. The local engine is `narrascope.analyze` itself; `engines.dask` runs the same
stages on a Dask cluster into a partitioned Parquet dataset that `engines.dask.load` puts into a store."""
