"""PostgreSQL store settings (store/postgres.py)."""

CONNECT_TIMEOUT_S = 10  # give up connecting to the server after this many seconds
APPLICATION_NAME = "narrascope"  # how the store's connections show in pg_stat_activity
