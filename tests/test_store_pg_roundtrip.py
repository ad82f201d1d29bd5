"""Hypothesis on PostgreSQL: any Article (any unicode, NUL and lone surrogates included) and any Actor
written to the PostgreSQL store and read back is equal to the original (test_store_roundtrip's strategies)."""
from __future__ import annotations

import pytest
import test_store_roundtrip as roundtrip
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pg_support import drop_schema, fresh_schema_url, require_postgres

from narrascope.model import Actor
from narrascope.store import open_store


@pytest.fixture(scope="module")
def store():
    url = fresh_schema_url(require_postgres())
    with open_store(url) as s:
        yield s
    drop_schema(url)


def emptied(store):
    with store.writing("empty the test store") as conn:
        for table in ("articles", "actors", "dedup_signatures"):  # DELETE: faster than TRUNCATE on tiny tables
            conn.execute(f"DELETE FROM {table}")  # child tables follow articles (ON DELETE CASCADE)
    return store


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(roundtrip.articles, min_size=1, max_size=4, unique_by=lambda a: a.id))
def test_any_article_round_trips(store, batch):
    emptied(store).write_articles(batch)
    for original in batch:
        assert store.get(original.id) == original
    assert sorted(a.id for a in store.iter_articles()) == sorted(a.id for a in batch)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.builds(Actor, roundtrip.text, roundtrip.text, roundtrip.text, st.lists(roundtrip.text, max_size=3),
                          roundtrip.small_int, roundtrip.small_int, roundtrip.maybe_text),
                max_size=4, unique_by=lambda a: a.id))
def test_any_actor_round_trips(store, actors):
    emptied(store).write_actors(actors)
    assert sorted(store.actors(), key=lambda a: a.id) == sorted(actors, key=lambda a: a.id)
