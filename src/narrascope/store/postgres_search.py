"""Full-text search on PostgreSQL: the search syntax of the SQLite store, compiled to a tsquery.

`articles.search_vector` is a generated tsvector: the title with weight A, the text with weight B,
under the text search configuration `narrascope_search` (TS_CONFIG): PostgreSQL's 'simple' (words
lowercased, not stemmed, no stop words dropped, for any language) with the `unaccent` dictionary in
front, so accents are folded ("cafe" finds "Café"). That is what SQLite's FTS5 tokenizer does
(unicode61, remove_diacritics 2), so the same query finds the same articles on both backends;
'english' would stem English well but mangle the other languages of a news corpus and drop the stop
words a quoted phrase may need. Where the server lacks the unaccent extension, the configuration is
plain 'simple' (the migration warns) and accents are not folded.

The query syntax is the SQLite store's (fts.QUERY_HINT): words (all must match), "a phrase" in
double quotes, OR and NOT in capitals, a `word*` prefix. `compile_query` turns it into SQL built of
`phraseto_tsquery` (a phrase, or a word: its tokens adjacent) and `to_tsquery('word:*')` joined with `&&`, `||` and `!!`, so
a query is never a syntax error: what is not valid (an unbalanced quote, a dangling operator,
punctuation) is searched as plain words, as the SQLite store does. Ranking is `ts_rank_cd` with the
title weighted as settings.BM25_WEIGHTS weights it; `SearchHit.rank` is its negation (lower is
better, as bm25). Snippets are `ts_headline` of the text (of the title when only it matches) with
the matches between settings.SNIPPET_MARKERS.
"""
from __future__ import annotations

import re
from typing import Any

from ..settings import store as settings

TS_CONFIG = "narrascope_search"  # the configuration of articles.search_vector (migrations_pg: 'simple' + unaccent)
_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_PREFIX = re.compile(r"^([^\W_]+)\*$")
_OPERATORS = ("OR", "AND", "NOT")


def compile_query(query: str) -> tuple[str, list[Any]]:
    """(SQL of a tsquery, its `?` parameters) for a query in the store's search syntax."""
    groups: list[list[tuple[bool, str, str]]] = [[]]  # OR of ANDs of (negated, function, argument)
    negate = False
    tokens = _tokens(query)
    for i, (kind, value) in enumerate(tokens):
        if kind == "word" and value in _OPERATORS and groups[-1] and _operand_follows(tokens, i):
            if value == "OR":
                groups.append([])
            negate = value == "NOT"
            continue  # AND: words are ANDed anyway
        groups[-1].append((negate, *_term(kind, value)))
        negate = False
    parts, params = [], []
    for group in (g for g in groups if g):
        if all(negated for negated, _, _ in group):  # NOT with nothing before it: plain words
            group = [(False, function, argument) for _, function, argument in group]
        terms = []
        for negated, function, argument in group:
            term = f"{function}('{TS_CONFIG}', ?)"
            terms.append(f"!!({term})" if negated else term)
            params.append(argument)
        parts.append("(" + " && ".join(terms) + ")")
    if not parts:
        return f"plainto_tsquery('{TS_CONFIG}', '')", []
    return " || ".join(parts), params


def _tokens(query: str) -> list[tuple[str, str]]:
    """("phrase", text) for each balanced quoted part, ("word", w) for the rest (an unbalanced quote
    is dropped and its words are plain words)."""
    found = []
    for match in _TOKEN.finditer(query):
        if match.group(1) is not None:
            found.append(("phrase", match.group(1)))
        else:
            found += [("word", w) for w in match.group(2).replace('"', " ").split()]
    return found


def _operand_follows(tokens: list[tuple[str, str]], i: int) -> bool:
    """Whether an operator at `i` has a right operand (else it is searched as a word, as SQLite does)."""
    if i + 1 >= len(tokens):
        return False
    kind, value = tokens[i + 1]
    return kind == "phrase" or value not in _OPERATORS


def _term(kind: str, value: str) -> tuple[str, str]:
    if kind == "phrase":
        return "phraseto_tsquery", value
    prefix = _PREFIX.match(value)
    if prefix:
        return "to_tsquery", prefix.group(1) + ":*"
    return "phraseto_tsquery", value  # "Kremlin's": its tokens adjacent, as SQLite's quoted plain words


def rank_sql(vector: str = "a.search_vector", tsquery: str = "q.q") -> str:
    """The relevance of an article: ts_rank_cd with the title (weight A) and text (weight B) weighted
    as BM25_WEIGHTS; negated so that lower is better."""
    title_weight, text_weight = settings.BM25_WEIGHTS
    top = max(title_weight, text_weight)
    weights = f"'{{0, 0, {text_weight / top:.6f}, {title_weight / top:.6f}}}'::float4[]"
    return f"-ts_rank_cd({weights}, {vector}, {tsquery})"


def snippet_sql(vector: str = "a.search_vector", tsquery: str = "q.q") -> str:
    """ts_headline of the text where the text matches, else of the title, matches between markers."""
    options = headline_options().replace("'", "''")
    text = f"ts_headline('{TS_CONFIG}', coalesce(a.text, ''), {tsquery}, '{options}')"
    title = f"ts_headline('{TS_CONFIG}', coalesce(a.title, ''), {tsquery}, '{options}')"
    return f"CASE WHEN ts_filter({vector}, '{{b}}') @@ {tsquery} THEN {text} ELSE {title} END"


def headline_options() -> str:
    start, end = settings.SNIPPET_MARKERS
    words = int(settings.SNIPPET_TOKENS)
    return (f'StartSel="{_quoted(start)}", StopSel="{_quoted(end)}", MaxWords={words}, '
            f'MinWords={max(1, words // 2)}, ShortWord=0, MaxFragments=1, '
            f'FragmentDelimiter="{_quoted(settings.SNIPPET_ELLIPSIS)}"')


def _quoted(value: str) -> str:
    return value.replace('"', '""')


def search_sql(tsquery: str) -> str:
    """The SQL of `Store.search` (parameters: the tsquery's, then limit and offset). Rows are SearchHits:
    id, title, snippet, rank, published, outlet."""
    return f"""
        WITH q AS (SELECT {tsquery} AS q)
        SELECT a.id, a.title, {snippet_sql()} AS snippet, hit.rank, a.published, a.outlet
        FROM (SELECT a.pk, {rank_sql()} AS rank FROM articles a, q WHERE a.search_vector @@ q.q
              ORDER BY rank, a.id LIMIT ? OFFSET ?) hit
        JOIN articles a ON a.pk = hit.pk CROSS JOIN q
        ORDER BY hit.rank, a.id
    """


def search_page_sql(columns: str, where: str, tsquery: str) -> tuple[str, str]:
    """(count SQL, page SQL) of analytics.list_articles with a query on PostgreSQL. `where` is its
    WHERE clause over `articles a`, with `a.search_vector @@ q.q` in it; parameters: the tsquery's,
    the filters', then (page SQL) limit and offset."""
    count = f"WITH q AS (SELECT {tsquery} AS q) SELECT count(*) AS n FROM articles a CROSS JOIN q{where}"
    page = f"""
        WITH q AS (SELECT {tsquery} AS q)
        SELECT {columns}, {snippet_sql()} AS snippet
        FROM (SELECT a.pk, {rank_sql()} AS rank FROM articles a CROSS JOIN q{where}
              ORDER BY rank, a.id LIMIT ? OFFSET ?) hit
        JOIN articles a ON a.pk = hit.pk CROSS JOIN q
        ORDER BY hit.rank, a.id
    """
    return count, page


MATCH = "a.search_vector @@ q.q"  # the WHERE clause of a match, in search_page_sql's queries
