"""The bounded candidate lookup on PostgreSQL: test_stories_bounded.py's assertions, its stores opened
on PostgreSQL (the per-term lists use the index of migration 0006 there too)."""
from __future__ import annotations

import test_stories_bounded
from pg_support import run_on_postgres
from test_stories_bounded import (  # noqa: F401  (re-run here on PostgreSQL)
    store, test_a_story_sharing_a_rare_term_beats_recent_ones_sharing_only_common_terms,
    test_rows_read_per_term_do_not_grow_with_the_stories_sharing_it, test_the_dated_list_holds_the_most_recently_active_stories,
    test_the_window_still_applies, test_uncut_lists_rank_by_the_count_of_shared_terms,
)

from narrascope.store.postgres import PostgresStore

on_postgres = run_on_postgres(test_stories_bounded)


def test_the_stores_here_are_postgres(store):  # noqa: F811
    assert isinstance(store, PostgresStore)
