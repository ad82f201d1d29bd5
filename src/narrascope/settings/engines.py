"""Settings of the scale-out engines (narrascope.engines): partitioning, retries, the dataset layout."""

# Input units (files, URLs) per Dask task, at most. Larger: fewer Parquet files (a task writes one per
# published month it meets: on a corpus spanning three years, ~0.5 ms of CPU an article at 200 units);
# smaller: less work lost when a worker dies. A task's memory does not grow with it (rows are streamed).
PARTITION_SIZE = 1000
# A smaller corpus gets smaller partitions, so that each worker thread has at least TASKS_PER_THREAD
# tasks (the last ones finish close together), but never fewer than MIN_PARTITION_SIZE units each.
TASKS_PER_THREAD = 4
MIN_PARTITION_SIZE = 20
# Articles per call to pipeline.run_batch inside a task (the local engine's StageRunner chunk size),
# so batch stages (spaCy's nlp.pipe, the embedding model) see the same batches on both engines.
STAGE_BATCH = 8
# Rows per Parquet row group when a task writes its month files (also the most rows a task buffers).
ROW_GROUP = 1000
# How often the scheduler may lose a task's worker (killed, out of memory) before it gives the task up
# (distributed.scheduler.allowed-failures; applies to the LocalCluster run_dask starts).
ALLOWED_FAILURES = 4
# Retries of a task that raised (not expected: bad input becomes an InputError in the partition marker).
TASK_RETRIES = 1
# Seconds to wait for a LocalCluster or a remote scheduler to come up.
CLUSTER_TIMEOUT = 60
# The Parquet dataset (docs: engines/dask/layout.py).
DATASET_FORMAT = "narrascope-parquet"
DATASET_VERSION = 1
OUTPUT_SUFFIX = ".parquet"  # default output directory: <db without suffix>.parquet
