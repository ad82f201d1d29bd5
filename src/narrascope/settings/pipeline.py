"""Runner and reader settings."""

MAX_FILE_BYTES = 50 * 1024 * 1024  # larger files are refused with a clear message (override: --max-file-size)
BATCH_SIZE = 200  # articles written per store transaction
WORKERS = 2  # processes for per-article stages (this machine has 2 cores)
DEFAULT_DB = "narrascope.db"
