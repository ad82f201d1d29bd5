"""The PostgreSQL dialect pieces that need no server: placeholder translation, the text escape, rows,
and the search-syntax compiler (plus, with a server, that no query string is ever an error)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pg_support import drop_schema, fresh_schema_url, require_postgres

from narrascope.model import Article
from narrascope.store import open_store
from narrascope.store.pg_adapter import _row_class, from_pg_text, to_pg_text, translate
from narrascope.store.postgres_search import compile_query


@pytest.mark.parametrize("sqlite, psycopg", [
    ("SELECT * FROM a WHERE id = ? AND n > ?", "SELECT * FROM a WHERE id = %s AND n > %s"),
    ("SELECT 'what?' AS q, \"odd?col\" FROM t WHERE x = ?", "SELECT 'what?' AS q, \"odd?col\" FROM t WHERE x = %s"),
    ("SELECT * FROM t WHERE title LIKE '50%' AND y = ?", "SELECT * FROM t WHERE title LIKE '50%%' AND y = %s"),
    ("SELECT n % 7 FROM t WHERE id = ?", "SELECT n %% 7 FROM t WHERE id = %s"),
    ("SELECT x::text FROM t -- why?\nWHERE id = ?", "SELECT x::text FROM t -- why?\nWHERE id = %s"),
    ("SELECT 'it''s?' FROM t WHERE id = ?", "SELECT 'it''s?' FROM t WHERE id = %s"),
])
def test_placeholders_become_psycopgs(sqlite, psycopg):
    assert translate(sqlite) == psycopg


def test_named_parameters_and_casts():
    assert translate("SELECT x::int FROM t WHERE a = :a AND b = :b_2", named=True) == \
        "SELECT x::int FROM t WHERE a = %(a)s AND b = %(b_2)s"
    assert translate("SELECT '10:30' WHERE a = ?") == "SELECT '10:30' WHERE a = %s"


@given(st.text())
def test_text_escape_round_trips_and_is_storable(value):
    stored = to_pg_text(value)
    assert from_pg_text(stored) == value
    assert "\x00" not in stored
    stored.encode("utf-8")  # no lone surrogates left


def test_ordinary_text_is_stored_as_it_is():
    for value in ("Anika Sorell", "Übersee – “quoted”", "", "a\tb\nc"):
        assert to_pg_text(value) is value


def test_rows_answer_index_and_key():
    row = _row_class(("id", "title", "id"))(("a1", "Harbour news", "a1-again"))
    assert row[0] == row["id"] == "a1" and row[1] == row["title"] and row[-1] == "a1-again"
    assert dict(row) == {"id": "a1", "title": "Harbour news"} and tuple(row) == ("a1", "Harbour news", "a1-again")


@pytest.mark.parametrize("query, sql, params", [
    ("ceasefire talks", "(phraseto_tsquery('narrascope_search', ?) && phraseto_tsquery('narrascope_search', ?))", ["ceasefire", "talks"]),
    ('"ready to negotiate"', "(phraseto_tsquery('narrascope_search', ?))", ["ready to negotiate"]),
    ("a OR b", "(phraseto_tsquery('narrascope_search', ?)) || (phraseto_tsquery('narrascope_search', ?))", ["a", "b"]),
    ("a NOT b", "(phraseto_tsquery('narrascope_search', ?) && !!(phraseto_tsquery('narrascope_search', ?)))", ["a", "b"]),
    ("negot*", "(to_tsquery('narrascope_search', ?))", ["negot:*"]),
    ("AND", "(phraseto_tsquery('narrascope_search', ?))", ["AND"]),  # a dangling operator is a word
    ("NOT talks", "(phraseto_tsquery('narrascope_search', ?) && phraseto_tsquery('narrascope_search', ?))", ["NOT", "talks"]),
    ('"ceasefire talks', "(phraseto_tsquery('narrascope_search', ?) && phraseto_tsquery('narrascope_search', ?))", ["ceasefire", "talks"]),
    ("x_y* (", "(phraseto_tsquery('narrascope_search', ?) && phraseto_tsquery('narrascope_search', ?))", ["x_y*", "("]),
])
def test_search_syntax_compiles_to_a_tsquery(query, sql, params):
    assert compile_query(query) == (sql, params)


@pytest.fixture(scope="module")
def pg_store():
    url = fresh_schema_url(require_postgres())
    with open_store(url) as s:
        s.write_articles([Article(id="a1", source="s", raw="r", raw_format="text", title="Harbour talks",
                                  text="Veloria's ceasefire talks began; AND then ended (or not).")])
        yield s
    drop_schema(url)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=30).filter(str.strip))
def test_no_query_is_an_error_on_postgres(pg_store, query):
    assert isinstance(pg_store.search(query), list)  # the tsquery is built even when nothing matches


def test_the_fixture_article_is_found(pg_store):
    assert [h.article_id for h in pg_store.search("ceasefire")] == ["a1"]
