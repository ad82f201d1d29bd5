"""Read queries over the store for the API, the web pages, the report and the CLI: article lists
with filters, counts, top actors and narratives, and timelines (as data, one dict per row).

    from narrascope.store import open_store
    from narrascope.store import analytics
    page = analytics.list_articles(store, since="2023-01", outlet="CNN", q="ready to negotiate")
    rows = analytics.narrative_timeline(store, granularity="month")   # [{period, label, stance, count}]

Every function takes a Store and uses `store.query(...)` only. Parameters are checked first: a bad
one raises `InvalidParameter` (a NarrascopeError naming the parameter and what is allowed), which
the API maps to a 4xx. Dates are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `until` includes that whole
period. Periods are `YYYY-MM-DD` (day), the Monday of the week `YYYY-MM-DD` (week), `YYYY-MM`
(month) or `YYYY` (year); undated articles are left out of timelines.
"""
from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass
from typing import Any

from ..settings import stories as settings
from ..settings import store as store_settings
from . import fts, postgres_search
from .analytics_sql import Filter, period_sql
from .dialect import dialect, is_postgres
from .analytics_checks import InvalidParameter, check_choice, check_date, check_limit, check_page, check_text

_ARTICLE_COLUMNS = ("a.id, a.title, a.published, a.outlet, a.author, a.genre, a.language, a.word_count, "
                    "a.duplicate_of, a.story_id, a.thread_id, a.source, a.url")


@dataclass
class Page:
    items: list[dict[str, Any]]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def list_articles(
    store, *, since: str | None = None, until: str | None = None, outlet: str | None = None,
    narrative: str | None = None, stance: str | None = None, actor: str | None = None,
    story: str | None = None, thread: str | None = None, q: str | None = None,
    originals_only: bool = False, page: int = 1, per_page: int = settings.DEFAULT_PER_PAGE,
) -> Page:
    """Articles matching every filter given, newest first (undated last), or by relevance with `q`
    (full text: FTS5 syntax, or plain words when it is not valid FTS5); items carry a `snippet`
    when `q` is given. `narrative` matches a label or its parent."""
    page, per_page = check_page(page, per_page)
    where = Filter(since=check_date("since", since), until=check_date("until", until),
                   outlet=check_text("outlet", outlet), originals_only=originals_only)
    where.narrative(check_text("narrative", narrative), check_choice("stance", stance, ("advances", "rebuts")))
    where.equals("a.story_id", check_text("story", story))
    where.equals("a.thread_id", check_text("thread", thread))
    where.actor(check_text("actor", actor))
    q = check_text("q", q)
    if q is None:
        return _plain_page(store, where, page, per_page)
    if is_postgres(store):  # a tsquery: never a syntax error (see store/postgres_search.py)
        return _search_page_postgres(store, where, q, page, per_page)
    try:
        return _search_page(store, where, q, page, per_page)
    except sqlite3.OperationalError:
        pass  # not valid FTS5 syntax: search the words as typed
    try:
        return _search_page(store, where, fts.plain_words(q), page, per_page)
    except sqlite3.OperationalError as exc:
        raise InvalidParameter("q", q, fts.QUERY_HINT) from exc


def _plain_page(store, where: Filter, page: int, per_page: int) -> Page:
    sql_where, params = where.sql()
    total = store.query(f"SELECT count(*) AS n FROM articles a{sql_where}", params)[0]["n"]
    items = store.query(
        f"SELECT {_ARTICLE_COLUMNS} FROM articles a{sql_where} "
        "ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ? OFFSET ?",
        [*params, per_page, (page - 1) * per_page])
    return Page(items, total, page, per_page)


def _search_page(store, where: Filter, match: str, page: int, per_page: int) -> Page:
    """Ranked as `Store.search` ranks: bm25 with the title weighted, a snippet with the matches marked."""
    sql_where, params = where.sql(["articles_fts MATCH ?"])
    params = [match, *params]
    source = "articles_fts JOIN articles a ON a.pk = articles_fts.rowid"
    total = store.query(f"SELECT count(*) AS n FROM {source}{sql_where}", params)[0]["n"]
    start, end = store_settings.SNIPPET_MARKERS
    title_weight, text_weight = store_settings.BM25_WEIGHTS
    items = store.query(
        f"SELECT {_ARTICLE_COLUMNS}, snippet(articles_fts, -1, ?, ?, ?, {int(store_settings.SNIPPET_TOKENS)}) "
        f"AS snippet FROM {source}{sql_where} "
        f"ORDER BY bm25(articles_fts, {float(title_weight)}, {float(text_weight)}), a.id LIMIT ? OFFSET ?",
        [start, end, store_settings.SNIPPET_ELLIPSIS, *params, per_page, (page - 1) * per_page])
    return Page(items, total, page, per_page)


def _search_page_postgres(store, where: Filter, q: str, page: int, per_page: int) -> Page:
    tsquery, q_params = postgres_search.compile_query(q)
    sql_where, params = where.sql([postgres_search.MATCH])
    count_sql, page_sql = postgres_search.search_page_sql(_ARTICLE_COLUMNS, sql_where, tsquery)
    total = store.query(count_sql, [*q_params, *params])[0]["n"]
    items = store.query(page_sql, [*q_params, *params, per_page, (page - 1) * per_page])
    return Page(items, total, page, per_page)


def article_timeline(store, *, granularity: str = "month", since=None, until=None, outlet=None,
                     by_outlet: bool = False, originals_only: bool = False) -> list[dict[str, Any]]:
    """[{period, (outlet,) count}]: articles published per period."""
    where, period = _timeline_filter(store, granularity, since, until, outlet, originals_only)
    return _grouped(store, period, _articles(store, where, by_outlet), where, [], by_outlet, "count(*)")


def narrative_timeline(store, *, granularity: str = "month", since=None, until=None, outlet=None,
                       narrative: str | None = None, by_outlet: bool = False,
                       originals_only: bool = False) -> list[dict[str, Any]]:
    """[{period, label, stance, (outlet,) count}]: articles advancing / rebutting each narrative."""
    where, period = _timeline_filter(store, granularity, since, until, outlet, originals_only)
    narrative = check_text("narrative", narrative)
    if narrative:
        where.add("(n.label = ? OR n.parent = ?)", narrative, narrative)
    return _grouped(store, period, f"narratives n JOIN {_articles(store, where, by_outlet)} ON a.id = n.article_id", where,
                    ["n.label", "n.stance"], by_outlet, "count(DISTINCT a.id)")


def actor_timeline(store, actor_id: str, *, granularity: str = "month", since=None, until=None,
                   outlet=None, by_outlet: bool = False, originals_only: bool = False) -> list[dict[str, Any]]:
    """[{period, (outlet,) count}]: articles mentioning the actor per period."""
    where, period = _timeline_filter(store, granularity, since, until, outlet, originals_only)
    where.add("aa.actor_id = ?", _required("actor_id", actor_id))
    return _grouped(store, period, "article_actors aa JOIN articles a ON a.id = aa.article_id", where, [],
                    by_outlet, "count(DISTINCT a.id)")


def statement_timeline(store, *, speaker: str | None = None, actor_id: str | None = None,
                       granularity: str = "month", since=None, until=None, outlet=None,
                       by: str = "said_on", by_outlet: bool = False) -> list[dict[str, Any]]:
    """[{period, (outlet,) count}]: statements per period, dated by when they were said (`by="said_on"`,
    falling back to the article's date) or by the article's `published`. `speaker` matches the
    speaker as written (case-insensitive substring), `actor_id` the speaker's actor."""
    check_choice("by", by, ("said_on", "published"), required=True)
    when = "COALESCE(q.said_on, a.published)" if by == "said_on" else "a.published"
    where, period = _timeline_filter(store, granularity, since, until, outlet, False, when)
    speaker, actor_id = check_text("speaker", speaker), check_text("actor_id", actor_id)
    if speaker:
        where.add("instr(casefold(q.speaker), ?) > 0", speaker.casefold())
    if actor_id:
        where.add("q.speaker_actor_id = ?", actor_id)
    return _grouped(store, period, "quotes q JOIN articles a ON a.id = q.article_id", where, [],
                    by_outlet, "count(*)")


def _timeline_filter(store, granularity, since, until, outlet, originals_only, when: str = "a.published"):
    granularity = check_choice("granularity", granularity, settings.GRANULARITIES, required=True)
    where = Filter(since=check_date("since", since), until=check_date("until", until),
                   outlet=check_text("outlet", outlet), originals_only=originals_only, when=when)
    where.add(f"{when} IS NOT NULL")
    return where, period_sql(granularity, when, dialect(store))


def _articles(store, where: Filter, by_outlet: bool) -> str:
    """`articles a`, or, when only `a.id` and `a.published` are read, the covering (published, id) index
    as `a`: an article row keeps its raw input and text before the later columns, so reading those
    columns from the rows themselves is slow. (Not for a join from a few child rows, such as one
    actor's: there looking the rows up by id reads less than scanning the index.)"""
    if by_outlet or where.outlet or where.originals_only or where.when != "a.published" or is_postgres(store):
        return "articles a"
    return "(SELECT id, published FROM articles INDEXED BY articles_published WHERE published IS NOT NULL) a"


def _grouped(store, period: str, source: str, where: Filter, keys: list[str], by_outlet: bool,
             count: str) -> list[dict[str, Any]]:
    keys = [*keys, "a.outlet"] if by_outlet else keys
    names = ", ".join(f"{k} AS {k.split('.')[-1]}" for k in keys)
    group = ", ".join(["period", *keys])
    sql_where, params = where.sql()
    return store.query(
        f"SELECT {period} AS period{', ' + names if names else ''}, {count} AS count FROM {source}{sql_where} "
        f"GROUP BY {group} ORDER BY {group}", params)


def outlet_counts(store, *, since=None, until=None, limit: int = 50) -> list[dict[str, Any]]:
    """[{outlet, articles, originals, duplicates, first, last}], most articles first (no outlet: None)."""
    where = Filter(since=check_date("since", since), until=check_date("until", until))
    sql_where, params = where.sql()
    return store.query(
        "SELECT a.outlet, count(*) AS articles, sum(CASE WHEN a.duplicate_of IS NULL THEN 1 ELSE 0 END) AS originals, "
        "sum(CASE WHEN a.duplicate_of IS NULL THEN 0 ELSE 1 END) AS duplicates, min(a.published) AS first, "
        "max(a.published) AS last "
        f"FROM articles a{sql_where} GROUP BY a.outlet ORDER BY articles DESC, a.outlet LIMIT ?",
        [*params, check_limit(limit)])


def top_actors(store, *, limit: int = 20, since=None, until=None, outlet=None, type: str | None = None,
               originals_only: bool = False) -> list[dict[str, Any]]:
    """[{id, name, type, articles}]: actors by the number of articles mentioning them."""
    where = Filter(since=check_date("since", since), until=check_date("until", until),
                   outlet=check_text("outlet", outlet), originals_only=originals_only)
    where.add("aa.actor_id IS NOT NULL")
    if check_text("type", type):
        where.add("ac.type = ?", type)
    sql_where, params = where.sql()
    return store.query(
        "SELECT aa.actor_id AS id, ac.name, ac.type, count(DISTINCT aa.article_id) AS articles "
        "FROM article_actors aa JOIN articles a ON a.id = aa.article_id LEFT JOIN actors ac ON ac.id = aa.actor_id"
        f"{sql_where} GROUP BY aa.actor_id, ac.name, ac.type ORDER BY articles DESC, ac.name, aa.actor_id LIMIT ?",
        [*params, check_limit(limit)])


def top_narratives(store, *, limit: int = 20, since=None, until=None, outlet=None,
                   originals_only: bool = False) -> list[dict[str, Any]]:
    """[{label, parent, stance, articles}]: narratives by the number of articles carrying them."""
    where = Filter(since=check_date("since", since), until=check_date("until", until),
                   outlet=check_text("outlet", outlet), originals_only=originals_only)
    sql_where, params = where.sql()
    return store.query(
        "SELECT n.label, max(n.parent) AS parent, n.stance, count(DISTINCT n.article_id) AS articles FROM narratives n "
        f"JOIN articles a ON a.id = n.article_id{sql_where} GROUP BY n.label, n.stance "
        "ORDER BY articles DESC, n.label, n.stance LIMIT ?", [*params, check_limit(limit)])


def overview(store) -> dict[str, Any]:
    """Counts of articles, originals, duplicates, outlets, actors, statements, narratives, stories and
    threads, and the date span of the corpus (`first_published`, `last_published`; also as `first`
    and `last`, the web's names). Stories and actors come from their tables; before the stories or
    actors stage filled them, from the distinct ids on the articles.

    One small query per count, each answered from an index: an article row keeps its raw input and
    text before the later columns, so reading those columns from the rows themselves is slow."""
    one = lambda sql: store.query(sql)[0]["n"]  # noqa: E731
    articles = one("SELECT count(*) AS n FROM articles")
    duplicates = one("SELECT count(*) AS n FROM articles WHERE duplicate_of IS NOT NULL")
    row = {"articles": articles, "originals": articles - duplicates, "duplicates": duplicates,
           "outlets": one("SELECT count(DISTINCT outlet) AS n FROM articles"),
           # apart, so that SQLite reads each from one end of the published index
           "first_published": one("SELECT min(published) AS n FROM articles"),
           "last_published": one("SELECT max(published) AS n FROM articles"),
           "undated": one("SELECT count(*) AS n FROM articles WHERE published IS NULL")}
    row["actors"] = (_count_or_zero(store, "SELECT count(*) AS n FROM actors")
                     or one("SELECT count(DISTINCT actor_id) AS n FROM article_actors"))
    row["statements"] = one("SELECT count(*) AS n FROM quotes")
    row["narrative_labels"] = one("SELECT count(*) AS n FROM narratives")
    row["stories"] = (_count_or_zero(store, "SELECT count(*) AS n FROM stories")
                      or one("SELECT count(DISTINCT story_id) AS n FROM articles"))
    row["threads"] = _count_or_zero(store, "SELECT count(*) AS n FROM threads")
    return {**row, "first": row["first_published"], "last": row["last_published"]}


def _count_or_zero(store, sql: str) -> int:
    try:
        return store.query(sql)[0]["n"]
    except sqlite3.OperationalError:  # the stories tables exist once assign_stories (or migration 4) ran
        return 0


__all__ = ["InvalidParameter", "Page", "actor_timeline", "article_timeline", "list_articles", "narrative_timeline",
           "outlet_counts", "overview", "statement_timeline", "top_actors", "top_narratives"]


def _required(name: str, value: str | None) -> str:
    value = check_text(name, value)
    if value is None:
        raise InvalidParameter(name, value, "give a non-empty value")
    return value
