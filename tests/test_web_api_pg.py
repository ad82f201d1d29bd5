"""The REST API on a PostgreSQL store: test_web_api.py's assertions, its corpus (tests/web_corpus.py,
built by `analyze`) written to PostgreSQL."""
from __future__ import annotations

import test_web_api
import web_corpus
from pg_support import run_on_postgres
from test_web_api import (  # noqa: F401  (re-run here on PostgreSQL)
    client, ids, store, test_actors_statements_narratives_stories_timelines, test_bad_parameters_get_422_in_one_shape,
    test_one_article_has_everything, test_openapi_schema_and_docs_work_offline, test_articles_filters_and_pages,
    test_overview_counts_everything, test_search_returns_ranked_hits_with_raw_markers,
    test_token_is_checked_on_every_request, test_unknown_things_get_404_in_one_shape,
    test_wrong_method_gets_the_same_shape,
)

from narrascope.store.postgres import PostgresStore

on_postgres = run_on_postgres(test_web_api, web_corpus)


def test_the_store_here_is_postgres(store):  # noqa: F811
    assert isinstance(store, PostgresStore)


def test_pages_render_from_postgres(client):  # noqa: F811
    for url in ("/", "/articles", "/actors", "/narratives", "/stories", "/search?q=negotiate"):
        response = client.get(url)
        assert response.status_code == 200, (url, response.text[:300])
