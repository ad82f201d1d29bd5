"""Full-text search folds accents on both backends: SQLite's FTS5 tokenizer (remove_diacritics 2) and
PostgreSQL's `narrascope_search` configuration ('simple' + unaccent) find the same articles, and the
snippet shows the words as written."""
from __future__ import annotations

import psycopg
import pytest

from narrascope.model import Article
from narrascope.settings import store as settings
from narrascope.store import open_store
from pg_support import pg_url, require_postgres, store_url  # noqa: F401


def article(n: int, text: str, title: str) -> Article:
    return Article(id=f"a{n:04d}", source=f"veloria/{n}.txt", raw=text, raw_format="text", text=text, title=title)


CORPUS = [
    article(1, "The Café Mirabeau in Östervik hosted the envoys of Veloria.", "Envoys meet in Östervik"),
    article(2, "Talks in São Lorenço stalled; the mediator Zoë Brannagh left early.", "Mediator leaves São Lorenço"),
    article(3, "A cafe owner in Marrowby said nothing had changed.", "Marrowby quiet"),
]


@pytest.mark.parametrize("query, expected", [
    ("cafe", ["a0001", "a0003"]),
    ("café", ["a0001", "a0003"]),
    ("ostervik", ["a0001"]),
    ("Östervik", ["a0001"]),
    ('"sao lorenco"', ["a0002"]),
    ("zoe", ["a0002"]),
    ("lorenç*", ["a0002"]),
])
def test_accents_are_folded_alike_on_both_backends(store_url, query, expected):  # noqa: F811
    with open_store(store_url) as store:
        store.write_articles(CORPUS)
        assert sorted(hit.article_id for hit in store.search(query)) == expected


def test_the_snippet_keeps_the_accents_and_marks_the_folded_match(store_url):  # noqa: F811
    start, end = settings.SNIPPET_MARKERS
    with open_store(store_url) as store:
        store.write_articles(CORPUS)
        [hit] = store.search("mirabeau cafe")
        assert f"{start}Café{end}" in hit.snippet


def test_postgres_configuration_uses_unaccent(pg_url):  # noqa: F811
    with open_store(pg_url):
        pass
    with psycopg.connect(pg_url) as conn:
        folded = conn.execute("SELECT to_tsvector('narrascope_search', 'Ærøskøbing Café')::text").fetchone()[0]
    assert "cafe" in folded and "é" not in folded
