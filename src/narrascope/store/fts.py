"""FTS5 query helpers: the search SQL and the plain-words escape used when a query is not valid FTS5."""
from __future__ import annotations

from ..settings import store as settings


def search_sql() -> tuple[str, tuple[str, str, str]]:
    """The SQL of a ranked search and its snippet parameters (start marker, end marker, ellipsis)."""
    start, end = settings.SNIPPET_MARKERS
    title_weight, text_weight = settings.BM25_WEIGHTS
    return f"""
        SELECT a.id, a.title,
               snippet(articles_fts, -1, ?, ?, ?, {int(settings.SNIPPET_TOKENS)}) AS snippet,
               bm25(articles_fts, {float(title_weight)}, {float(text_weight)}) AS rank,
               a.published, a.outlet
        FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid
        WHERE articles_fts MATCH ?
        ORDER BY rank, a.id
        LIMIT ? OFFSET ?
    """, (start, end, settings.SNIPPET_ELLIPSIS)


def plain_words(query: str) -> str:
    """Every whitespace-separated word as a quoted FTS5 string (a `"` inside a word is doubled).

    Quoted strings are tokenised like the text, so punctuation inside them is harmless; the words
    are ANDed, as in an ordinary search box.
    """
    return " ".join('"' + word.replace('"', '""') + '"' for word in query.split())


QUERY_HINT = (
    'write words to find articles containing all of them, put a phrase in double quotes '
    '("ready to negotiate"), combine with OR / NOT in capitals, or end a word with * for a prefix'
)
