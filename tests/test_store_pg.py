"""The PostgreSQL store: test_store.py's assertions on PostgreSQL, plus what differs (schema checks,
migrations, connection errors) and search syntax checked on both backends."""
from __future__ import annotations

import sys
import threading

import psycopg
import pytest
from pg_support import drop_schema, fresh_schema_url, pg_url, require_postgres, store_url  # noqa: F401
from test_store import (  # noqa: F401  (re-run here on PostgreSQL through the `store` fixture below)
    MALFORMED, article, rows,
    test_actors_round_trip_and_update, test_empty_query_is_a_clear_error, test_iter_articles_pages_by_keyset_and_tolerates_writes,
    test_iter_articles_streams_in_published_order_with_filters, test_known_ids_in_batches_larger_than_one_query,
    test_malformed_fts_queries_are_searched_as_plain_words, test_non_json_metadata_is_stored_as_text,
    test_query_quotes_by_speaker_actor_alias_text_and_dates, test_runs_and_input_errors,
    test_search_ranks_title_hits_and_highlights_snippets, test_set_duplicates_and_signatures_in_one_transaction,
    test_upsert_is_idempotent_and_replaces_child_rows, test_write_and_get_round_trips_a_full_article,
)

from narrascope.errors import StoreError
from narrascope.store import open_store
from narrascope.store import pg_migrate
from narrascope.store.migrate import latest_version as sqlite_latest_version
from narrascope.store.postgres import PostgresStore, redact
from narrascope.store.rows import CHILD_TABLES


@pytest.fixture(scope="module")
def module_url():
    url = fresh_schema_url(require_postgres())
    yield url
    drop_schema(url)


@pytest.fixture
def store(module_url):
    """An empty store: one schema for the module, emptied for each test (faster than a new schema)."""
    with open_store(module_url) as s:
        with s.writing("empty the test store") as conn:
            tables = [r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables WHERE "
                                                 "table_schema = current_schema() AND table_name <> 'schema_version'")]
            for table in tables:  # DELETE: faster than TRUNCATE on tiny tables
                conn.execute(f"DELETE FROM {table}")
        yield s


def pg_columns(store, table: str) -> list[str]:
    return [r[0] for r in rows(store, "SELECT column_name FROM information_schema.columns WHERE "
                                      "table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position", table)]


def test_open_store_gives_the_postgres_store_for_both_schemes(pg_url):  # noqa: F811
    for scheme in ("postgresql", "postgres"):
        with open_store(scheme + pg_url[pg_url.index("://"):]) as s:
            assert isinstance(s, PostgresStore) and s.dialect == "postgresql"


def test_a_bad_article_on_postgres_names_the_constraint(store):
    bad = article(2)
    bad.raw = None
    [(article_id, reason)] = store.write_articles([article(1), bad, article(3)],
                                                  duplicates={"a0003": "a0001", "a0002": "a0001"})
    assert article_id == "a0002" and "veloria/2.txt" in reason and "not-null" in reason
    assert "\n" not in reason and "Failing row" not in reason  # the first line, not the whole row
    assert store.count() == 2 and store.get("a0003").duplicate_of == "a0001"


def test_search_vector_stays_in_sync_on_update_and_delete(store):
    store.write_articles([article(1, "The lighthouse of Veloria was repainted.", title="Lighthouse news")])
    assert [h.article_id for h in store.search("lighthouse")] == ["a0001"]
    store.write_articles([article(1, "The granary of Veloria was repainted.", title="Granary news")])
    assert store.search("lighthouse") == []
    assert [h.article_id for h in store.search("granary")] == ["a0001"]
    assert store.delete_articles(["a0001"]) == 1
    assert store.search("granary") == [] and store.count() == 0
    assert rows(store, "SELECT count(*) FROM quotes") == [(0,)]
    assert rows(store, "SELECT indexdef LIKE '%gin (search_vector)%' FROM pg_indexes WHERE indexname = 'articles_search' "
                       "AND schemaname = current_schema()") == [(True,)]


def test_a_failing_batch_rolls_back_whole(store, monkeypatch):
    def disk_full(*args):
        raise psycopg.errors.DiskFull("could not extend file: No space left on device")

    monkeypatch.setattr("narrascope.store.postgres._set_duplicates", disk_full)
    with pytest.raises(StoreError, match="No space left.*nothing of it was written"):
        store.write_articles([article(1)], duplicates={"a0001": None})
    assert store.count() == 0


def test_text_postgres_cannot_hold_round_trips(store):
    odd = article(1, "nul \x00 inside", title="\ufdd0 looks escaped", author="lone \ud800 surrogate")
    odd.given = {"k\x00": "v\udfff"}
    assert store.write_articles([odd]) == []
    assert store.get("a0001") == odd
    assert rows(store, "SELECT author FROM articles") == [("lone \ud800 surrogate",)]


def test_every_table_and_column_of_the_sqlite_schema(store, tmp_path):
    """Same schema: each SQLite table (but the FTS5 index) has the same columns on PostgreSQL."""
    with open_store(tmp_path / "c.db") as lite:
        tables = [r[0] for r in lite._conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'articles_fts%'")]
        for table in tables:
            expected = [r[1] for r in lite._conn.execute(f"PRAGMA table_info({table})")]
            extra = ["search_vector"] if table == "articles" else []
            assert pg_columns(store, table) == expected + extra, table
    assert set(CHILD_TABLES) <= set(tables)
    assert store.schema_version == pg_migrate.latest_version() == sqlite_latest_version()


def test_a_fresh_database_is_migrated_and_reopening_is_a_no_op(pg_url):  # noqa: F811
    open_store(pg_url).close()
    with open_store(pg_url) as s:
        applied = rows(s, "SELECT version, name, applied FROM schema_version ORDER BY version")
    assert [r[0] for r in applied] == list(range(1, pg_migrate.latest_version() + 1))
    assert applied[0][1] == "0001_initial.sql"
    with open_store(pg_url) as s:
        assert rows(s, "SELECT version, name, applied FROM schema_version ORDER BY version") == applied


def test_a_database_at_an_older_version_is_upgraded(pg_url):  # noqa: F811
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert pg_migrate.migrate(conn, "test", target=1) == 1
        conn.execute("INSERT INTO articles (id, source, raw, raw_format, text) VALUES ('old1', 's', 'r', 'text', 'kept text')")
        assert pg_migrate.schema_version(conn) == 1
    with open_store(pg_url) as s:
        assert s.schema_version == pg_migrate.latest_version()
        assert s.get("old1").text == "kept text"
        indexes = {r[0] for r in rows(s, "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")}
        assert {"articles_published", "quotes_said_on", "stories_thread", "articles_search"} <= indexes
        assert [h.article_id for h in s.search("kept")] == ["old1"]


def test_two_processes_migrating_at_once_take_turns(pg_url):  # noqa: F811
    errors, versions = [], []

    def open_one():
        try:
            with open_store(pg_url) as s:
                versions.append(s.schema_version)
        except Exception as exc:  # pragma: no cover - what the lock prevents
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and versions == [pg_migrate.latest_version()] * 3
    with open_store(pg_url) as s:
        assert rows(s, "SELECT count(*) FROM schema_version") == [(pg_migrate.latest_version(),)]


def test_a_failed_migration_leaves_the_previous_version(pg_url, monkeypatch):  # noqa: F811
    broken = pg_migrate.Migration(2, "0002_broken.sql", "CREATE INDEX x ON no_such_table(y);")
    real = pg_migrate.migrations()
    monkeypatch.setattr(pg_migrate, "migrations", lambda: [real[0], broken])
    with pytest.raises(StoreError, match="0002_broken.sql failed.*unchanged at version 1"):
        open_store(pg_url)
    monkeypatch.undo()
    with open_store(pg_url) as s:
        assert s.schema_version == pg_migrate.latest_version()


def test_newer_database_is_refused_with_a_clear_message(pg_url):  # noqa: F811
    open_store(pg_url).close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("INSERT INTO schema_version VALUES (999, '0999_future.sql', 'later')")
    with pytest.raises(StoreError, match="version 999.*upgrade narrascope"):
        open_store(pg_url)


def test_unreachable_server_is_a_clear_error_without_the_password():
    url = "postgresql://analyst:s3cret@127.0.0.1:1/news"
    with pytest.raises(StoreError, match=r"cannot connect.*analyst:\*\*\*@127\.0\.0\.1:1/news") as caught:
        open_store(url)
    assert "s3cret" not in str(caught.value)
    assert redact("postgresql://h/db?password=abc&sslmode=require") == "postgresql://h/db?password=***&sslmode=require"


def test_missing_driver_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(StoreError, match=r"pip install 'narrascope\[postgres\]'"):
        open_store("postgresql://somewhere/db")


def test_closed_store_says_so(pg_url):  # noqa: F811
    s = open_store(pg_url)
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.write_articles([article(1)])
    with pytest.raises(StoreError, match="closed"):
        s.query("SELECT 1")


def test_writing_connection_speaks_sqlite_placeholders_and_rows(store):
    store.write_articles([article(1, title="50% off"), article(2, title="Harbour")])
    with store.writing("test") as conn:
        row = conn.execute("SELECT id, title FROM articles WHERE title LIKE '%off' AND id = ?", ("a0001",)).fetchone()
        assert (row[0], row["title"], dict(row)) == ("a0001", "50% off", {"id": "a0001", "title": "50% off"})
        assert conn.executemany("UPDATE articles SET genre = ? WHERE id = ?", [("news", "a0001"), ("news", "a0002")])
    assert store.query("SELECT count(*) AS n FROM articles WHERE genre = :g", {"g": "news"}) == [{"n": 2}]


SEARCHES = [
    ("ceasefire", ["a0002", "a0001"]),
    ('"talks were mentioned"', ["a0001"]),
    ("ceasefire NOT ferry", ["a0002"]),
    ("ferr*", ["a0001"]),
    ("delegates OR lighthouse", ["a0002"]),
    ("veloria's", ["a0002"]),
    ("border AND delegates", ["a0002"]),
]


@pytest.mark.parametrize("query, expected", SEARCHES)
def test_search_syntax_finds_the_same_articles_on_both_backends(store_url, query, expected):  # noqa: F811
    with open_store(store_url) as s:
        s.write_articles([
            article(1, "Ferries crossed the bay. The ceasefire talks were mentioned once.", title="Ferry timetable"),
            article(2, "Delegates from Veloria's capital met at the border.", title="Ceasefire talks resume"),
        ])
        assert [h.article_id for h in s.search(query)] == expected



def test_a_lost_connection_is_reopened(store):
    store.write_articles([article(1)])
    with psycopg.connect(require_postgres(), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (store._conn.raw.info.backend_pid,))
    assert store.count() == 1  # a read runs again on a new connection
    store.write_articles([article(2)])
    with psycopg.connect(require_postgres(), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (store._conn.raw.info.backend_pid,))
    with pytest.raises(StoreError, match="nothing of it was written"):  # a write in flight is lost, and says so
        store.write_articles([article(3)])
    store.write_articles([article(3)])
    assert store.count() == 3
