"""Deduplication against a PostgreSQL store: test_dedup_store.py's assertions (agreement with the
in-memory mode, separate runs, re-adding, deleting band keys), its stores on PostgreSQL.

Not re-run: test_dedup_memory_does_not_grow_with_the_corpus. It measures the Deduplicator's Python
memory, which is the same on both backends; on PostgreSQL psycopg's bounded caches (prepared
statements, dumpers: ~80 KB, flat beyond a few thousand articles) add a constant that its 2,000-article
window reads as growth, and its 3,000 round trips per lookup kind take ~14 s here."""
from __future__ import annotations

import test_dedup_store
from pg_support import run_on_postgres
from test_dedup_store import (  # noqa: F401  (re-run here on PostgreSQL)
    test_adding_a_stored_article_again_keeps_its_links_and_signature,
    test_deleting_articles_removes_their_band_keys, test_store_backed_dedup_agrees_with_the_in_memory_mode,
    test_two_separate_runs_link_copies_and_an_earlier_copy_takes_over_the_cluster,
)

from narrascope.store.postgres import PostgresStore

on_postgres = run_on_postgres(test_dedup_store)


def test_the_stores_here_are_postgres(tmp_path):
    with test_dedup_store.open_store(tmp_path / "c.db") as store:
        assert isinstance(store, PostgresStore)
