"""Analytics on PostgreSQL: test_analytics.py's assertions (lists, filters, full text, timelines, counts,
Hypothesis inputs), its stores opened on PostgreSQL; and the same rows from both backends."""
from __future__ import annotations

import pytest
import test_analytics
from pg_support import run_on_postgres
from test_analytics import (  # noqa: F401  (re-run here on PostgreSQL)
    store, test_actor_and_statement_timelines, test_an_undated_article_joins_the_story_it_tells,
    test_any_input_gives_a_page_or_invalid_parameter, test_bad_parameters_are_refused_with_what_is_allowed,
    test_bad_timeline_parameters, test_counts, test_list_articles_filters, test_list_articles_full_text,
    test_list_articles_newest_first_in_pages, test_narrative_timeline,
    test_overview_counts_stories_and_actors_from_the_articles_before_their_stages_ran,
    test_overview_gives_the_span_under_the_webs_names_too, test_overview_of_an_empty_store_before_any_stories,
)

from narrascope.model import Actor
from narrascope.store import SQLiteStore, analytics
from narrascope.stories import assign_stories
from narrascope.store.postgres import PostgresStore

from test_stories_corpus import articles, rows, with_analysis  # noqa: E402

on_postgres = run_on_postgres(test_analytics)


@pytest.fixture(scope="module")
def sqlite_twin(tmp_path_factory):
    """The corpus of test_analytics' `store` fixture, in SQLite."""
    with SQLiteStore(tmp_path_factory.mktemp("twin") / "a.db") as s:
        items = with_analysis(articles())
        undated = articles(rows()[:1])[0]
        undated.id, undated.published, undated.outlet = "undated", None, None
        s.write_articles(items + [undated])
        s.write_actors([Actor("voss", "Petra Voss", "person"), Actor("malane", "Idris Malane", "person"),
                        Actor("sorell", "Anika Sorell", "person")])
        assign_stories(s)
        yield s


def test_the_store_here_is_postgres(store):  # noqa: F811
    assert isinstance(store, PostgresStore)


@pytest.mark.parametrize("granularity", ["day", "week", "month", "year"])
def test_timelines_equal_sqlites(store, sqlite_twin, granularity):  # noqa: F811
    for timeline in (analytics.article_timeline, analytics.narrative_timeline):
        assert timeline(store, granularity=granularity) == timeline(sqlite_twin, granularity=granularity)
    assert (analytics.statement_timeline(store, granularity=granularity, speaker="malane")
            == analytics.statement_timeline(sqlite_twin, granularity=granularity, speaker="malane"))


def test_counts_and_lists_equal_sqlites(store, sqlite_twin):  # noqa: F811
    assert analytics.overview(store) == analytics.overview(sqlite_twin)
    assert analytics.outlet_counts(store) == analytics.outlet_counts(sqlite_twin)
    assert analytics.top_actors(store) == analytics.top_actors(sqlite_twin)
    assert analytics.top_narratives(store) == analytics.top_narratives(sqlite_twin)
    for filters in ({}, {"outlet": "Castrelle Wire"}, {"since": "2025-03", "until": "2025-06"}, {"actor": "voss"}):
        mine, theirs = (analytics.list_articles(s, per_page=50, **filters) for s in (store, sqlite_twin))
        assert (mine.total, mine.items) == (theirs.total, theirs.items)


@pytest.mark.parametrize("q", ["ransomware", '"ready to negotiate"', "Castrelle's offer", "talks OR ceasefire",
                               "castrelle NOT offer", "negotiat*"])
def test_full_text_finds_the_same_articles_as_sqlite(store, sqlite_twin, q):  # noqa: F811
    mine, theirs = (analytics.list_articles(s, q=q, per_page=100) for s in (store, sqlite_twin))
    assert mine.total == theirs.total > 0
    assert sorted(i["id"] for i in mine.items) == sorted(i["id"] for i in theirs.items)
    assert all("[[" in i["snippet"] for i in mine.items)
