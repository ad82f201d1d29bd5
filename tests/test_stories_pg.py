"""Stories and threads on PostgreSQL: test_stories.py's assertions, its stores opened on PostgreSQL."""
from __future__ import annotations

import test_stories
from pg_support import run_on_postgres
from test_stories import (  # noqa: F401  (re-run here on PostgreSQL)
    store, test_a_copy_joins_its_original_even_when_its_text_differs, test_a_story_recurring_months_later_is_one_thread_not_one_story,
    test_any_order_of_runs_finds_the_stories, test_articles_without_words_get_no_story, test_fixture_stories_pairwise_f1,
    test_only_the_given_articles_are_assigned, test_progress_is_reported_per_chunk, test_rerun_is_idempotent_and_ids_are_stable,
    test_stories_sharing_an_actor_at_the_same_time_stay_apart, test_story_and_thread_records, test_two_runs_give_the_same_stories_as_one,
)

from narrascope.store.postgres import PostgresStore

on_postgres = run_on_postgres(test_stories)


def test_the_stores_here_are_postgres(store):  # noqa: F811
    assert isinstance(store, PostgresStore)


def test_the_demo_corpus_is_one_thread_of_many_stories_on_postgres(on_postgres, tmp_path):
    import narrascope

    with narrascope.analyze([test_stories.DEMO], db=on_postgres.url(tmp_path / "demo.db"), stages="foundation",
                            workers=1) as corpus:
        summary = test_stories.assign_stories(corpus.store)
        rows_ = corpus.store.query("SELECT id, story_id, thread_id, duplicate_of FROM articles")
    assert len(rows_) >= 20
    assert len({r["thread_id"] for r in rows_}) == 1 and summary.merged_threads >= 1
