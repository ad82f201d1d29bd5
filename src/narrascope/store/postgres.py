"""The PostgreSQL store: `open_store("postgresql://user@host:5432/db")` (or `postgres://`), for a corpus
shared by many machines. The same `Store` API, tables and columns as the SQLite store.

    pip install 'narrascope[postgres]'
    narrascope analyze inbox/ --db postgresql://analyst@db.example.org/news

The URL is a libpq connection URI: user, password, host, port, database, and query options such as
`?sslmode=require` or `?options=-csearch_path%3Dnews` (the schema to use; by default the user's
first schema, usually `public`). The database must exist; the tables are created (and later
migrated) on first open, by `migrations_pg/*.sql`, versioned in the table `schema_version`
(pg_migrate.py). The user needs the right to create tables in that schema once; later opens only read
and write.

What is created: the tables of the SQLite store (articles, removed_lines, entities, article_actors,
quotes, narratives, roles, stage_errors, actors, runs, input_errors, dedup_signatures, dedup_bands,
dedup_minhashes, stories, threads, story_terms, thread_terms, story_df), the same indexes,
`schema_version`, two small SQL functions (`casefold`, `instr`) that the SQLite store has too, and,
instead of the FTS5 table, a generated `articles.search_vector` tsvector with a GIN index
(postgres_search.py: configuration narrascope_search ('simple' + unaccent), title weighted over text, ts_rank_cd, ts_headline).

Code that runs SQL through `query()` / `writing()` writes it for SQLite (`?` placeholders); on
PostgreSQL it goes through pg_adapter.PGConnection, which translates placeholders and gives rows
that answer both `row[0]` and `row["id"]`. Text PostgreSQL cannot hold (NUL, lone surrogates) is
stored escaped and read back exactly. One connection per store, in autocommit mode; every write
method is one transaction, taken in turn by the threads of a process (as the SQLite store does).
A read that finds the connection lost (server restarted) runs again on a new connection; a write
in flight then fails with StoreError ("nothing of it was written") and the next one reconnects.
Messages name the URL with its password hidden (`dialect.redact_url`).
"""
from __future__ import annotations

import json
import logging
import threading
import weakref
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Mapping, Sequence

import psycopg

from ..errors import InputError, StoreError
from ..model import Actor, Article, Statement
from ..settings import postgres as pg_settings
from ..settings import store as settings
from . import fts, postgres_search
from .base import DedupSignature, QuoteHit, Run, SearchHit, Store
from .dedup_index import SQLiteDedupIndex
from .dialect import redact_url as redact
from .pg_adapter import PGConnection, row_factory
from .pg_migrate import migrate
from .pg_write import insert_rows, insert_sql, text_values
from .pg_write import names as _names
from .pg_write import save_signatures as _save_signatures
from .pg_write import set_duplicates as _set_duplicates
from .rows import (ARTICLE_FIELDS, CHILD_TABLES, article_from_row, article_values, child_columns, child_values,
                   item_from_row, to_json)
from .sqlite import _article_filter, _now, _where, keyset_articles

log = logging.getLogger(__name__)
_RAW_COLUMNS = ("raw", "extracted", "html_meta")


def _is_bad_article(exc: BaseException) -> bool:
    """What one malformed article raises (missing required field, value of the wrong type or range)."""
    if isinstance(exc, (psycopg.IntegrityError, psycopg.DataError, TypeError, ValueError, OverflowError)):
        return True
    return isinstance(exc, psycopg.ProgrammingError) and "cannot adapt" in str(exc)  # e.g. a dict as a title


class PostgresStore(Store):
    dialect = "postgresql"

    def __init__(self, url: str):
        self.url, self.path = url, redact(url)  # `path`: how messages name this store, as SQLiteStore's
        self._conn: PGConnection | None = PGConnection(_connect(url, self.path), reconnect=self._reconnect)
        self._write_lock = threading.RLock()
        self._dedup_indexes: weakref.WeakSet[SQLiteDedupIndex] = weakref.WeakSet()  # told of MinHash rewrites
        try:
            self.schema_version = migrate(self._conn.raw, self.path)
            self._columns = _columns(self._conn)
        except BaseException:
            self._conn.close()
            raise
        self._article_columns = [c for c in ARTICLE_FIELDS if c in self._columns["articles"]]
        self._upsert = insert_sql("articles", self._article_columns, self._columns["articles"], conflict="id")
        self._child_columns = {table: [c for c in child_columns(table) if c in self._columns[table]]
                               for table in CHILD_TABLES}
        self._child_inserts = {table: insert_sql(table, columns, self._columns[table])
                               for table, columns in self._child_columns.items()}
        actor_columns = ["id", "name", "type", "aliases", "article_count", "mention_count", "linked_to"]
        self._actor_upsert = insert_sql("actors", actor_columns, self._columns["actors"], conflict="id")
        stored = [c for c in self._columns["articles"] if c != "search_vector"]
        self._all_columns = _names(stored)
        self._light_columns = "'' AS raw, " + _names([c for c in stored if c not in _RAW_COLUMNS])

    # --- articles -----------------------------------------------------------------------------
    def write_articles(self, articles, *, duplicates=None, signatures=None) -> list[tuple[str, str]]:
        signatures = list(signatures) if signatures is not None else None
        try:
            self._write(articles, duplicates, signatures)
            return []
        except Exception as exc:
            if not _is_bad_article(exc):
                raise
        rejected = []  # find the culprits one by one; the rest of the batch is stored
        for article in articles:
            try:
                self._write([article], None, None)
            except Exception as exc:
                if not _is_bad_article(exc):
                    raise
                rejected.append((article.id, f"{article.source}: {type(exc).__name__}: {_first_line(exc)}"))
        bad = {article_id for article_id, _ in rejected}
        self._write([], {k: v for k, v in (duplicates or {}).items() if k not in bad},
                    [s for s in signatures or [] if s[0] not in bad])
        log.warning("%s: %d article(s) could not be stored: %s", self.path, len(rejected), rejected)
        return rejected

    def _write(self, articles: Sequence[Article], duplicates, signatures) -> None:
        if not articles and not duplicates and not signatures:
            return
        articles = list({a.id: a for a in articles}.values())  # an id given twice: the last one wins
        rows = [text_values(article_values(a, self._article_columns)) for a in articles]
        with self._transaction(f"write a batch of {len(articles)} article(s)") as conn:
            insert_rows(conn, self._upsert, rows)
            self._replace_children(conn, articles)
            if duplicates:
                _set_duplicates(conn, duplicates)
            if signatures:
                self._forget_minhashes(_save_signatures(conn, signatures))

    def _forget_minhashes(self, pks: list[int] | None) -> None:
        """Keep the dedup indexes' MinHash caches true (they cache no buckets here: no data_version)."""
        for index in list(self._dedup_indexes):
            index.forget(pks)

    def _replace_children(self, conn: PGConnection, articles: Sequence[Article]) -> None:
        ids = [a.id for a in articles]
        for table, columns in self._child_columns.items():
            conn.execute(f"DELETE FROM {table} WHERE article_id = ANY(?)", [ids])
            insert_rows(conn, self._child_inserts[table],
                        [text_values(row) for a in articles for row in child_values(a, table, columns)])

    def get(self, article_id: str) -> Article | None:
        row = self._open().execute(f"SELECT {self._all_columns} FROM articles WHERE id = ?", (article_id,)).fetchone()
        return article_from_row(dict(row)) if row else None

    def has(self, article_id: str) -> bool:
        return self._open().execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        rows = self._open().execute("SELECT id FROM articles WHERE id = ANY(?)", [list(ids)])
        return {row[0] for row in rows}

    def iter_articles(self, *, since=None, until=None, outlet=None, originals_only=False, with_raw=True):
        """Pages of READ_BATCH rows by keyset (published, id), as the SQLite store reads them."""
        clauses, params = _article_filter(since, until, outlet, originals_only)
        return keyset_articles(self._page, self._all_columns if with_raw else self._light_columns, clauses, params)

    def _page(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        return [dict(row) for row in self._open().execute(sql, [*params, settings.READ_BATCH])]

    def count(self, *, since=None, until=None, outlet=None, originals_only: bool = False) -> int:
        clauses, params = _article_filter(since, until, outlet, originals_only)
        return self._open().execute(f"SELECT count(*) FROM articles{_where(clauses)}", params).fetchone()[0]

    def delete_articles(self, ids: Iterable[str]) -> int:
        wanted = list(ids)
        with self._transaction(f"delete {len(wanted)} article(s)") as conn:
            pks = "SELECT pk FROM articles WHERE id = ANY(?)"
            conn.execute("DELETE FROM dedup_signatures WHERE article_id = ANY(?)", [wanted])
            conn.execute(f"DELETE FROM dedup_bands WHERE article_pk IN ({pks})", [wanted])
            conn.execute(f"DELETE FROM dedup_minhashes WHERE article_pk IN ({pks})", [wanted])
            self._forget_minhashes(None)
            return conn.execute("DELETE FROM articles WHERE id = ANY(?)", [wanted]).rowcount

    def set_duplicates(self, mapping: Mapping[str, str | None]) -> None:
        if mapping:
            with self._transaction(f"link {len(mapping)} duplicate(s)") as conn:
                _set_duplicates(conn, mapping)

    # --- search -------------------------------------------------------------------------------
    def search(self, query: str, limit: int = settings.SEARCH_LIMIT, offset: int = 0) -> list[SearchHit]:
        """Ranked full-text search (postgres_search.py); never a syntax error: what is not valid search
        syntax is searched as plain words."""
        if not query.strip():
            raise StoreError(f"empty search query: {fts.QUERY_HINT}")
        tsquery, params = postgres_search.compile_query(query)
        rows = self._open().execute(postgres_search.search_sql(tsquery), [*params, limit, offset])
        return [SearchHit(*row) for row in rows]

    def query_quotes(self, speaker=None, contains=None, since=None, until=None, limit=settings.QUOTES_LIMIT):
        sql, params = _quotes_sql(speaker, contains, since, until, limit)
        hits = []
        for row in self._open().execute(sql, params):
            statement = item_from_row(Statement, dict(row))
            hits.append(QuoteHit(row["article_id"], statement, row["article_published"]))
        return hits

    # --- actors -------------------------------------------------------------------------------
    def write_actors(self, actors: Iterable[Actor]) -> None:
        latest = {a.id: a for a in actors}  # an id given twice: the last one wins
        rows = [text_values((a.id, a.name, a.type, to_json(a.aliases), a.article_count, a.mention_count, a.linked_to))
                for a in latest.values()]
        with self._transaction(f"write {len(rows)} actor(s)") as conn:
            insert_rows(conn, self._actor_upsert, rows)

    def actors(self) -> list[Actor]:
        rows = self._open().execute("SELECT * FROM actors ORDER BY mention_count DESC, name, id")
        return [Actor(**{**dict(row), "aliases": json.loads(row["aliases"])}) for row in rows]

    # --- runs ---------------------------------------------------------------------------------
    def start_run(self, paths: Sequence[str]) -> int:
        with self._transaction("record the start of a run") as conn:
            row = conn.execute("INSERT INTO runs (started, paths) VALUES (?, ?) RETURNING id",
                               (_now(), to_json(list(paths)))).fetchone()
            return int(row[0])

    def finish_run(self, run_id: int, counts: Mapping[str, Any]) -> None:
        with self._transaction("record the end of a run") as conn:
            conn.execute("UPDATE runs SET finished = ?, counts = ? WHERE id = ?", (_now(), to_json(dict(counts)), run_id))

    def record_input_errors(self, run_id: int, errors: Iterable[InputError]) -> None:
        rows = [(run_id, e.source, e.reason, e.hint or "") for e in errors]
        if rows:
            with self._transaction(f"record {len(rows)} input error(s)") as conn:
                conn.executemany("INSERT INTO input_errors (run_id, source, reason, hint) VALUES (?, ?, ?, ?)",
                                 [text_values(row) for row in rows])

    def runs(self) -> list[Run]:
        rows = self._open().execute("SELECT id, started, finished, paths, counts FROM runs ORDER BY id")
        return [Run(r[0], r[1], r[2], json.loads(r[3]), json.loads(r[4]) if r[4] else None) for r in rows]

    def input_errors(self, run_id: int | None = None) -> list[InputError]:
        sql, params = "SELECT source, reason, hint FROM input_errors", ()
        if run_id is not None:
            sql, params = sql + " WHERE run_id = ?", (run_id,)
        return [InputError(*row) for row in self._open().execute(sql + " ORDER BY id", params)]

    # --- dedup state --------------------------------------------------------------------------
    def dedup_signatures(self) -> Iterator[DedupSignature]:
        """Pages by articles.pk (insertion order), so no cursor stays open between pages."""
        sql = ("SELECT a.id, a.content_hash, a.published, s.minhash, a.duplicate_of, a.pk FROM articles a "
               "LEFT JOIN dedup_signatures s ON s.article_id = a.id "
               "WHERE a.content_hash IS NOT NULL AND a.pk > ? ORDER BY a.pk LIMIT ?")
        last = 0
        while rows := self._open().execute(sql, (last, settings.READ_BATCH)).fetchall():
            yield from (tuple(row[:5]) for row in rows)
            last = rows[-1][5]

    def save_dedup_signatures(self, signatures: Iterable[DedupSignature]) -> None:
        with self._transaction("save dedup signatures") as conn:
            self._forget_minhashes(_save_signatures(conn, signatures))

    def dedup_index(self) -> SQLiteDedupIndex:
        """The same per-article lookups as the SQLite store's, run through the `?`-translating connection."""
        index = SQLiteDedupIndex(self._open())  # type: ignore[arg-type]
        self._dedup_indexes.add(index)
        return index

    # --- extension points: modules that add their own tables (stories, ...) -------------------
    def query(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[dict[str, Any]]:
        """Run a read-only SQL query (SQLite `?` placeholders); rows as dicts."""
        return [dict(row) for row in self._open().execute(sql, params)]

    @contextmanager
    def writing(self, what: str) -> Iterator[PGConnection]:
        """A write transaction for code that owns its own tables: `with store.writing("save stories") as conn:`;
        `conn.execute(sql, params)` takes SQLite `?` placeholders."""
        with self._transaction(what) as conn:
            yield conn

    # --- lifetime -----------------------------------------------------------------------------
    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _reconnect(self) -> psycopg.Connection[Any]:
        log.warning("%s: the connection to the database was lost; connecting again", self.path)
        return _connect(self.url, self.path)

    def _open(self) -> PGConnection:
        if self._conn is None:
            raise StoreError(f"{self.path}: the store is closed; open it again with open_store()")
        return self._conn

    @contextmanager
    def _transaction(self, what: str) -> Iterator[PGConnection]:
        conn = self._open()
        with self._write_lock:
            try:
                if conn.raw.broken:  # lost while idle: a transaction starts on a new connection
                    conn.raw = self._reconnect()
                conn.in_transaction += 1
                with conn.raw.transaction():
                    yield conn
            except Exception as exc:
                if _is_bad_article(exc) or not isinstance(exc, psycopg.Error):
                    raise
                raise StoreError(f"{self.path}: could not {what} ({exc}); nothing of it was written") from exc
            finally:
                conn.in_transaction -= 1


def _first_line(exc: BaseException) -> str:
    """The message without PostgreSQL's DETAIL (which repeats the whole row, raw text included)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _connect(url: str, where: str) -> psycopg.Connection[Any]:
    try:
        return psycopg.connect(url, autocommit=True, row_factory=row_factory,
                               connect_timeout=pg_settings.CONNECT_TIMEOUT_S,
                               application_name=pg_settings.APPLICATION_NAME)
    except psycopg.Error as exc:
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise StoreError(
            f"cannot connect to the PostgreSQL database {where} ({reason}): is the server running and "
            "reachable, does the database exist (createdb), and are the user and password right?"
        ) from exc


def _columns(conn: PGConnection) -> dict[str, dict[str, str]]:
    """{table: {column: SQL type}} of the store's schema, columns in table order."""
    rows = conn.execute("SELECT table_name, column_name, data_type FROM information_schema.columns "
                        "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position")
    found: dict[str, dict[str, str]] = {}
    for table, column, data_type in rows:
        found.setdefault(table, {})[column] = data_type
    return found


def _quotes_sql(speaker, contains, since, until, limit) -> tuple[str, list[Any]]:
    """The SQLite store's quote query, with aliases read by json_array_elements_text."""
    when = "COALESCE(q.said_on, a.published)"
    clauses, params = [], []
    if speaker:
        clauses.append(
            "(instr(casefold(q.speaker), ?) > 0 OR q.speaker_actor_id IN (SELECT ac.id FROM actors ac "
            "WHERE instr(casefold(ac.name), ?) > 0 OR EXISTS (SELECT 1 FROM "
            "json_array_elements_text(ac.aliases::json) AS j(value) WHERE instr(casefold(j.value), ?) > 0)))"
        )
        params += [speaker.lower()] * 3  # casefold() in SQL is lower() on PostgreSQL
    if contains:
        clauses.append("instr(casefold(q.text), ?) > 0")
        params.append(contains.lower())
    if since:
        clauses.append(f"{when} >= ?")
        params.append(since)
    if until:
        clauses.append(f"substr({when}, 1, length(?)) <= ?")
        params += [until, until]
    sql = (
        f"SELECT q.*, a.published AS article_published FROM quotes q JOIN articles a ON a.id = q.article_id"
        f"{_where(clauses)} ORDER BY {when} IS NULL, {when}, q.article_id, q.ordinal LIMIT ?"
    )
    return sql, [*params, limit]
