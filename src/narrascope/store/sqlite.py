"""The SQLite store: one file, WAL mode, FTS5 search. See `narrascope.store` for the API."""
from __future__ import annotations

import json
import logging
import sqlite3
import threading
import weakref
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

from ..errors import InputError, StoreError
from ..model import Actor, Article, Statement
from ..settings import store as settings
from ..settings import store_bulk
from . import fts
from .base import DedupSignature, QuoteHit, Run, SearchHit, Store
from .dedup_index import SQLiteDedupIndex
from .migrate import migrate, schema_version
from .rows import (ARTICLE_FIELDS, CHILD_TABLES, article_from_row, article_values, child_columns, child_values,
                   item_from_row, to_json)

_IN_CHUNK = 500  # ids per `IN (...)` query, well under SQLite's parameter limit
# What one malformed article (a missing required field, a value of the wrong type) raises
_BAD_ARTICLE = (sqlite3.IntegrityError, sqlite3.InterfaceError, TypeError, ValueError, OverflowError)
_RAW_COLUMNS = ("raw", "extracted", "html_meta")
log = logging.getLogger(__name__)


class SQLiteStore(Store):
    def __init__(self, path: str | Path):
        self.path = str(path)
        self._conn = _connect(self.path)
        self._write_lock = threading.RLock()  # one connection: threads (a web server) take turns writing
        self._dedup_indexes: weakref.WeakSet[SQLiteDedupIndex] = weakref.WeakSet()  # told of MinHash rewrites
        try:
            self.schema_version = migrate(self._conn, self.path)
        except BaseException:
            self._conn.close()
            raise
        self._columns = {table: _columns(self._conn, table) for table in ["articles", *CHILD_TABLES]}
        self._article_columns = [c for c in ARTICLE_FIELDS if c in self._columns["articles"]]
        self._upsert = _upsert_sql(self._article_columns)
        self._child_columns = {table: [c for c in child_columns(table) if c in self._columns[table]]
                               for table in CHILD_TABLES}
        # raw input left out (raw = "", extracted = None, html_meta = {}): exports need not read it
        light = [c for c in self._columns["articles"] if c not in _RAW_COLUMNS]
        self._light_columns = "'' AS raw, " + _names(light)

    # --- articles -----------------------------------------------------------------------------
    def write_articles(
        self,
        articles: Sequence[Article],
        *,
        duplicates: Mapping[str, str | None] | None = None,
        signatures: Iterable[DedupSignature] | None = None,
    ) -> list[tuple[str, str]]:
        signatures = list(signatures) if signatures is not None else None
        try:
            self._write(articles, duplicates, signatures)
            return []
        except _BAD_ARTICLE:
            pass  # find the culprits one by one; the rest of the batch is stored
        rejected = []
        for article in articles:
            try:
                self._write([article], None, None)
            except _BAD_ARTICLE as exc:
                rejected.append((article.id, f"{article.source}: {type(exc).__name__}: {exc}"))
        bad = {article_id for article_id, _ in rejected}
        self._write([], {k: v for k, v in (duplicates or {}).items() if k not in bad},
                    [s for s in signatures or [] if s[0] not in bad])
        log.warning("%s: %d article(s) could not be stored: %s", self.path, len(rejected), rejected)
        return rejected

    def _write(self, articles, duplicates, signatures) -> None:
        if not articles and not duplicates and not signatures:
            return
        rows = [article_values(a, self._article_columns) for a in articles]
        written = None
        with self._transaction(f"write a batch of {len(articles)} article(s)") as conn:
            stored_before = self._stored_ids(conn, [a.id for a in articles])
            conn.executemany(self._upsert, rows)
            self._replace_children(conn, articles, stored_before)
            if duplicates:
                _set_duplicates(conn, duplicates)
            if signatures:
                written = _save_signatures(conn, signatures)
        if written:  # committed (a rolled-back batch's pks are given again to other articles)
            self._tell_indexes(*written)

    def _tell_indexes(self, minhash_pks: list[int] | None, band_rows: list[tuple[int, int]] = ()) -> None:
        """Keep the dedup indexes' caches true: MinHashes rewritten (None: deleted), band rows added."""
        for index in list(self._dedup_indexes):
            index.forget(minhash_pks)
            index.added_bands(band_rows)

    def _stored_ids(self, conn: sqlite3.Connection, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), _IN_CHUNK):
            chunk = ids[i : i + _IN_CHUNK]
            sql = f"SELECT id FROM articles WHERE id IN ({', '.join('?' * len(chunk))})"
            found.update(row[0] for row in conn.execute(sql, chunk))
        return found

    def _replace_children(self, conn: sqlite3.Connection, articles: Sequence[Article], stored_before=None) -> None:
        """Child rows of the batch, one executemany per table; old rows are deleted only for articles
        that were already stored (`stored_before`; None: for all)."""
        replaced = [(a.id,) for a in articles if stored_before is None or a.id in stored_before]
        for table, columns in self._child_columns.items():
            if replaced:
                conn.executemany(f"DELETE FROM {table} WHERE article_id = ?", replaced)
            values = [row for article in articles for row in child_values(article, table, columns)]
            if values:
                sql = f"INSERT INTO {table} ({_names(columns)}) VALUES ({', '.join('?' * len(columns))})"
                conn.executemany(sql, values)

    def get(self, article_id: str) -> Article | None:
        row = self._conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return article_from_row(dict(row)) if row else None

    def has(self, article_id: str) -> bool:
        return self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        wanted, known = list(ids), set()
        for i in range(0, len(wanted), _IN_CHUNK):
            chunk = wanted[i : i + _IN_CHUNK]
            sql = f"SELECT id FROM articles WHERE id IN ({', '.join('?' * len(chunk))})"
            known.update(row[0] for row in self._conn.execute(sql, chunk))
        return known

    def iter_articles(
        self, *, since=None, until=None, outlet=None, originals_only=False, with_raw=True
    ) -> Iterator[Article]:
        """Pages of READ_BATCH rows by keyset (published, id): no read transaction stays open between
        pages, so the caller may write (even rewrite the articles it is reading) while iterating."""
        clauses, params = _article_filter(since, until, outlet, originals_only)
        return keyset_articles(self._page, "*" if with_raw else self._light_columns, clauses, params)

    def _page(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        return [dict(row) for row in self._conn.execute(sql, [*params, settings.READ_BATCH])]

    def count(self, *, since=None, until=None, outlet=None, originals_only: bool = False) -> int:
        clauses, params = _article_filter(since, until, outlet, originals_only)
        return self._conn.execute(f"SELECT count(*) FROM articles{_where(clauses)}", params).fetchone()[0]

    def delete_articles(self, ids: Iterable[str]) -> int:
        wanted = [(i,) for i in ids]
        with self._transaction(f"delete {len(wanted)} article(s)") as conn:
            conn.executemany("DELETE FROM dedup_signatures WHERE article_id = ?", wanted)
            conn.executemany(  # a scan of dedup_bands: deleting is rare, lookups by key are not
                "DELETE FROM dedup_bands WHERE article_pk = (SELECT pk FROM articles WHERE id = ?)", wanted)
            conn.executemany(
                "DELETE FROM dedup_minhashes WHERE article_pk = (SELECT pk FROM articles WHERE id = ?)", wanted)
            deleted = conn.executemany("DELETE FROM articles WHERE id = ?", wanted).rowcount
        self._tell_indexes(None)  # a deleted pk may be given to the next article
        return deleted

    def set_duplicates(self, mapping: Mapping[str, str | None]) -> None:
        if mapping:
            with self._transaction(f"link {len(mapping)} duplicate(s)") as conn:
                _set_duplicates(conn, mapping)

    # --- search -------------------------------------------------------------------------------
    def search(self, query: str, limit: int = settings.SEARCH_LIMIT, offset: int = 0) -> list[SearchHit]:
        """Ranked full-text search (FTS5 syntax); a query that is not valid FTS5 is searched as plain words."""
        if not query.strip():
            raise StoreError(f"empty search query: {fts.QUERY_HINT}")
        try:
            return self._search(query, limit, offset)
        except sqlite3.OperationalError:
            pass  # not valid FTS5 syntax (unbalanced quote, bare AND, column:...): search the words as typed
        try:
            return self._search(fts.plain_words(query), limit, offset)
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot search for {query!r} ({exc}): {fts.QUERY_HINT}") from exc

    def _search(self, match: str, limit: int, offset: int) -> list[SearchHit]:
        sql, snippet_params = fts.search_sql()
        rows = self._conn.execute(sql, (*snippet_params, match, limit, offset)).fetchall()
        return [SearchHit(*row) for row in rows]

    def query_quotes(self, speaker=None, contains=None, since=None, until=None, limit=settings.QUOTES_LIMIT):
        sql, params = _quotes_sql(speaker, contains, since, until, limit)
        hits = []
        for row in self._conn.execute(sql, params):
            statement = item_from_row(Statement, dict(row))
            hits.append(QuoteHit(row["article_id"], statement, row["article_published"]))
        return hits

    # --- actors -------------------------------------------------------------------------------
    def write_actors(self, actors: Iterable[Actor]) -> None:
        rows = [
            (a.id, a.name, a.type, to_json(a.aliases), a.article_count, a.mention_count, a.linked_to) for a in actors
        ]
        with self._transaction(f"write {len(rows)} actor(s)") as conn:
            conn.executemany(
                "INSERT INTO actors (id, name, type, aliases, article_count, mention_count, linked_to) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
                "type = excluded.type, aliases = excluded.aliases, article_count = excluded.article_count, "
                "mention_count = excluded.mention_count, linked_to = excluded.linked_to",
                rows,
            )

    def actors(self) -> list[Actor]:
        rows = self._conn.execute("SELECT * FROM actors ORDER BY mention_count DESC, name, id")
        return [Actor(**{**dict(row), "aliases": json.loads(row["aliases"])}) for row in rows]

    # --- runs ---------------------------------------------------------------------------------
    def start_run(self, paths: Sequence[str]) -> int:
        with self._transaction("record the start of a run") as conn:
            cursor = conn.execute("INSERT INTO runs (started, paths) VALUES (?, ?)", (_now(), to_json(list(paths))))
            return int(cursor.lastrowid)

    def finish_run(self, run_id: int, counts: Mapping[str, Any]) -> None:
        with self._transaction("record the end of a run") as conn:
            conn.execute(
                "UPDATE runs SET finished = ?, counts = ? WHERE id = ?", (_now(), to_json(dict(counts)), run_id)
            )

    def record_input_errors(self, run_id: int, errors: Iterable[InputError]) -> None:
        rows = [(run_id, e.source, e.reason, e.hint or "") for e in errors]
        if rows:
            with self._transaction(f"record {len(rows)} input error(s)") as conn:
                conn.executemany("INSERT INTO input_errors (run_id, source, reason, hint) VALUES (?, ?, ?, ?)", rows)

    def runs(self) -> list[Run]:
        rows = self._conn.execute("SELECT id, started, finished, paths, counts FROM runs ORDER BY id")
        return [Run(r[0], r[1], r[2], json.loads(r[3]), json.loads(r[4]) if r[4] else None) for r in rows]

    def input_errors(self, run_id: int | None = None) -> list[InputError]:
        sql, params = "SELECT source, reason, hint FROM input_errors", ()
        if run_id is not None:
            sql, params = sql + " WHERE run_id = ?", (run_id,)
        return [InputError(*row) for row in self._conn.execute(sql + " ORDER BY id", params)]

    # --- dedup state --------------------------------------------------------------------------
    def dedup_signatures(self) -> Iterator[DedupSignature]:
        cursor = self._conn.execute(
            "SELECT a.id, a.content_hash, a.published, s.minhash, a.duplicate_of FROM articles a "
            "LEFT JOIN dedup_signatures s ON s.article_id = a.id WHERE a.content_hash IS NOT NULL ORDER BY a.pk"
        )
        while rows := cursor.fetchmany(settings.READ_BATCH):
            yield from (tuple(row) for row in rows)

    def save_dedup_signatures(self, signatures: Iterable[DedupSignature]) -> None:
        with self._transaction("save dedup signatures") as conn:
            written = _save_signatures(conn, signatures)
        self._tell_indexes(*written)

    def dedup_index(self) -> SQLiteDedupIndex:
        if self._conn is None:
            raise StoreError(f"{self.path}: the store is closed; open it again with open_store()")
        index = SQLiteDedupIndex(self._conn, version=self._data_version)
        self._dedup_indexes.add(index)
        return index

    def _data_version(self) -> int:
        """Changes when another connection commits to the file (not on this connection's own commits)."""
        return self._conn.execute("PRAGMA data_version").fetchone()[0]

    # --- extension points: modules that add their own tables (stories, ...) -------------------
    def query(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[dict[str, Any]]:
        """Run a read-only SQL query; rows as dicts."""
        if self._conn is None:
            raise StoreError(f"{self.path}: the store is closed; open it again with open_store()")
        return [dict(row) for row in self._conn.execute(sql, params)]

    @contextmanager
    def writing(self, what: str) -> Iterator[sqlite3.Connection]:
        """A write transaction for code that owns its own tables: `with store.writing("save stories") as conn:`."""
        with self._transaction(what) as conn:
            yield conn

    # --- lifetime -----------------------------------------------------------------------------
    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None  # type: ignore[assignment]

    @contextmanager
    def _transaction(self, what: str) -> Iterator[sqlite3.Connection]:
        conn = self._conn
        if conn is None:
            raise StoreError(f"{self.path}: the store is closed; open it again with open_store()")
        with self._write_lock:
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: could not {what} ({exc}); is another process writing to it?") from exc
            try:
                yield conn
            except _BAD_ARTICLE:
                conn.execute("ROLLBACK")
                raise
            except sqlite3.Error as exc:
                conn.execute("ROLLBACK")
                raise StoreError(f"{self.path}: could not {what} ({exc}); nothing of it was written") from exc
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")


def _connect(path: str) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {int(settings.SQLITE_BUSY_TIMEOUT_MS)}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(f"PRAGMA cache_size = -{int(store_bulk.SQLITE_CACHE_KIB)}")
        conn.execute(f"PRAGMA wal_autocheckpoint = {int(store_bulk.SQLITE_WAL_AUTOCHECKPOINT)}")
        conn.execute("PRAGMA foreign_keys = ON")
        schema_version(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"cannot open {path} as a narrascope database ({exc}): give the path of a narrascope "
            "database, or a new file name to create one (does its folder exist and is it writable?)"
        ) from exc
    conn.create_function("casefold", 1, _casefold, deterministic=True)
    return conn


def _casefold(value: Any) -> str | None:
    return value.casefold() if isinstance(value, str) else None


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def _names(columns: Sequence[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


def _upsert_sql(columns: Sequence[str]) -> str:
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c != "id")
    values = ", ".join("?" for _ in columns)
    return f"INSERT INTO articles ({_names(columns)}) VALUES ({values}) ON CONFLICT(id) DO UPDATE SET {updates}"


def _set_duplicates(conn: sqlite3.Connection, mapping: Mapping[str, str | None]) -> None:
    conn.executemany("UPDATE articles SET duplicate_of = ? WHERE id = ?", [(o, i) for i, o in mapping.items()])


def _save_signatures(conn: sqlite3.Connection, signatures: Iterable[DedupSignature]
                     ) -> tuple[list[int], list[tuple[int, int]]]:
    """MinHash blobs, and the LSH band keys (a 6th item, optional) as dedup_bands rows; returns the pks
    whose dedup_minhashes row was written and the (key, pk) rows of dedup_bands."""
    signatures = list(signatures)
    conn.executemany(
        "INSERT INTO dedup_signatures (article_id, minhash) VALUES (?, ?) "
        "ON CONFLICT(article_id) DO UPDATE SET minhash = excluded.minhash",
        [(s[0], s[3]) for s in signatures],
    )
    banded = [s for s in signatures if len(s) > 5 and s[5]]
    if not banded:
        return [], []
    pks: dict[str, int] = {}
    for i in range(0, len(banded), _IN_CHUNK):
        chunk = [s[0] for s in banded[i : i + _IN_CHUNK]]
        sql = f"SELECT id, pk FROM articles WHERE id IN ({', '.join('?' * len(chunk))})"
        pks.update((row[0], row[1]) for row in conn.execute(sql, chunk))
    # in key order: the batch's rows go to the B-tree page by page, not to random pages over and over
    bands = sorted((key, pks[s[0]]) for s in banded if s[0] in pks for key in s[5])
    conn.executemany("INSERT OR IGNORE INTO dedup_bands (key, article_pk) VALUES (?, ?)", bands)
    minhashes = [(pks[s[0]], s[3]) for s in banded if s[0] in pks and s[3]]
    conn.executemany("INSERT OR REPLACE INTO dedup_minhashes (article_pk, minhash) VALUES (?, ?)", minhashes)
    return [pk for pk, _ in minhashes], bands



def keyset_articles(page, columns: str, clauses: list[str], params: list[Any]) -> Iterator[Article]:
    """Articles matching `clauses`, undated first (by id), then by (published, id), read in pages by
    keyset through `page(sql, params)` (which appends the page size): shared by both backends."""
    undated = _where([*clauses, "published IS NULL", "id > ?"])
    last_id = ""
    sql = f"SELECT {columns} FROM articles{undated} ORDER BY id LIMIT ?"
    while rows := page(sql, [*params, last_id]):
        yield from (article_from_row(row) for row in rows)
        last_id = rows[-1]["id"]
    dated = _where([*clauses, "published IS NOT NULL", "(published, id) > (?, ?)"])
    last: tuple[str, str] = ("", "")
    sql = f"SELECT {columns} FROM articles{dated} ORDER BY published, id LIMIT ?"
    while rows := page(sql, [*params, *last]):
        yield from (article_from_row(row) for row in rows)
        last = (rows[-1]["published"], rows[-1]["id"])

def _where(clauses: Sequence[str]) -> str:
    return " WHERE " + " AND ".join(clauses) if clauses else ""


def _article_filter(since, until, outlet, originals_only) -> tuple[list[str], list[Any]]:
    clauses, params = [], []
    if since:
        clauses.append("published >= ?")
        params.append(since)
    if until:
        clauses.append("substr(published, 1, length(?)) <= ?")  # until a date includes that whole day
        params += [until, until]
    if outlet:
        clauses.append("outlet = ?")
        params.append(outlet)
    if originals_only:
        clauses.append("duplicate_of IS NULL")
    return clauses, params


def _quotes_sql(speaker, contains, since, until, limit) -> tuple[str, list[Any]]:
    when = "COALESCE(q.said_on, a.published)"
    clauses, params = [], []
    if speaker:
        clauses.append(
            "(instr(casefold(q.speaker), ?) > 0 OR q.speaker_actor_id IN (SELECT ac.id FROM actors ac "
            "WHERE instr(casefold(ac.name), ?) > 0 OR EXISTS "
            "(SELECT 1 FROM json_each(ac.aliases) j WHERE instr(casefold(j.value), ?) > 0)))"
        )
        params += [speaker.casefold()] * 3
    if contains:
        clauses.append("instr(casefold(q.text), ?) > 0")
        params.append(contains.casefold())
    if since:
        clauses.append(f"{when} >= ?")
        params.append(since)
    if until:
        clauses.append(f"substr({when}, 1, length(?)) <= ?")
        params += [until, until]
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    sql = (
        f"SELECT q.*, a.published AS article_published FROM quotes q JOIN articles a ON a.id = q.article_id"
        f"{where} ORDER BY {when} IS NULL, {when}, q.article_id, q.ordinal LIMIT ?"
    )
    return sql, [*params, limit]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
