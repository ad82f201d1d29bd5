"""The SQLite store: writes, reads, child tables, FTS5 search, quotes, runs, migrations, bad paths."""
from __future__ import annotations

import dataclasses
import sqlite3

import pytest

from narrascope.errors import InputError, StoreError
from narrascope.model import Actor, Article, Entity, Evidence, NarrativeLabel, Removed, Role, StageError, Statement
from narrascope.store import SQLiteStore, open_store
from narrascope.store.migrate import latest_version, migrate, migrations
from narrascope.store.rows import CHILD_TABLES, PLAIN_LIST_COLUMN, TRANSIENT_FIELDS


def article(n: int, text: str = "", **fields) -> Article:
    return Article(
        id=f"a{n:04d}", source=f"veloria/{n}.txt", raw=f"RAW {n}\n{text}", raw_format="text",
        text=text or f"Article number {n} about the harbour of Veloria.", **fields,
    )


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "corpus.db") as s:
        yield s


def rows(store, sql, *params):
    return [tuple(row) for row in store._conn.execute(sql, params)]


def test_write_and_get_round_trips_a_full_article(store):
    a = article(
        1, "Minister Anika Sorell said Veloria is ready to talk.", title="Sorell speaks", published="2023-05-24",
        removed=[Removed("Photo: The Marrow Ledger", "photo-credit", 2)],
        entities=[Entity("Anika Sorell", "PERSON", 9, 21, "act-sorell")], actors=["act-sorell"],
        quotes=[Statement("Anika Sorell", "act-sorell", None, "said", "Veloria is ready to talk", "indirect", 27, 51)],
        narratives=[NarrativeLabel("Peace talks", None, 0.8, "advances", [Evidence(0, 10, "Minister A")])],
        roles=[Role("Sorell", "act-sorell", 9, 21, "Protagonist", ["Peacemaker"], 0.7, [Evidence(0, 5, "Minis")])],
        errors=[StageError("framing", "ValueError: boom")], truncated=True, given={"tags": ["a", 1, None]},
    )
    store.write_articles([a])
    assert store.get(a.id) == a
    assert store.get("missing") is None
    assert store.has(a.id) and not store.has("missing")
    assert rows(store, "SELECT line, reason, text FROM removed_lines") == [(2, "photo-credit", "Photo: The Marrow Ledger")]
    assert rows(store, "SELECT speaker, kind, ordinal FROM quotes") == [("Anika Sorell", "indirect", 0)]
    assert rows(store, 'SELECT actor, main_role, fine_roles, evidence FROM roles') == [
        ("Sorell", "Protagonist", '["Peacemaker"]', '[{"start":0,"end":5,"text":"Minis"}]')]
    assert rows(store, "SELECT actor_id FROM article_actors") == [("act-sorell",)]
    assert rows(store, "SELECT raw FROM articles") == [(a.raw,)]


def test_upsert_is_idempotent_and_replaces_child_rows(store):
    a = article(1, quotes=[Statement("Sorell", None, None, "said", "one", "direct", 0, 3)] * 2)
    store.write_articles([a])
    store.write_articles([a])
    assert store.count() == 1
    assert rows(store, "SELECT count(*) FROM quotes") == [(2,)]
    a.quotes = [a.quotes[0]]
    store.write_articles([a])
    assert rows(store, "SELECT count(*) FROM quotes") == [(1,)]


def test_known_ids_in_batches_larger_than_one_query(store):
    store.write_articles([article(n) for n in range(0, 1200, 2)])
    asked = [f"a{n:04d}" for n in range(1200)]
    assert store.known_ids(asked) == {f"a{n:04d}" for n in range(0, 1200, 2)}


def test_iter_articles_streams_in_published_order_with_filters(store):
    store.write_articles([
        article(1, published="2023-03-01", outlet="The Marrow Ledger"),
        article(2, published="2022-10-18T09:30:00"),
        article(3),
        article(4, published="2022-10-18", duplicate_of="a0001"),
    ])
    assert [a.id for a in store.iter_articles()] == ["a0003", "a0004", "a0002", "a0001"]
    assert [a.id for a in store.iter_articles(since="2022-10-18", until="2022-10-18")] == ["a0004", "a0002"]
    assert [a.id for a in store.iter_articles(outlet="The Marrow Ledger")] == ["a0001"]
    assert store.count(originals_only=True) == 3
    assert store.count(since="2022-10-18", until="2022-12-31") == 2
    light = {a.id: a for a in store.iter_articles(with_raw=False)}
    assert light["a0001"].raw == "" and light["a0001"].text == store.get("a0001").text
    assert light["a0001"].outlet == "The Marrow Ledger"
    assert "a0004" not in {a.id for a in store.iter_articles(originals_only=True)}


def test_iter_articles_pages_by_keyset_and_tolerates_writes(store, monkeypatch):
    monkeypatch.setattr("narrascope.settings.store.READ_BATCH", 2)
    dates = [None, "2023-01-02", None, "2023-01-01", "2023-01-02", None, "2023-01-01T08:00:00"]
    store.write_articles([article(n, published=d) for n, d in enumerate(dates)])
    expected = ["a0000", "a0002", "a0005", "a0003", "a0006", "a0001", "a0004"]
    seen = []
    for a in store.iter_articles():
        seen.append(a.id)
        a.title = "rewritten while reading"
        store.write_articles([a])
    assert seen == expected
    assert {a.title for a in store.iter_articles()} == {"rewritten while reading"}


def test_fts_stays_in_sync_on_update_and_delete(store):
    store.write_articles([article(1, "The lighthouse of Veloria was repainted.", title="Lighthouse news")])
    assert [h.article_id for h in store.search("lighthouse")] == ["a0001"]
    store.write_articles([article(1, "The granary of Veloria was repainted.", title="Granary news")])
    assert store.search("lighthouse") == []
    assert [h.article_id for h in store.search("granary")] == ["a0001"]
    assert store.delete_articles(["a0001"]) == 1
    assert store.search("granary") == [] and store.count() == 0
    assert rows(store, "SELECT count(*) FROM quotes") == [(0,)]
    # the index agrees with its content table (FTS5 integrity check raises if not)
    store._conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")


def test_search_ranks_title_hits_and_highlights_snippets(store):
    store.write_articles([
        article(1, "Ferries crossed the bay. The ceasefire talks were mentioned once.", title="Ferry timetable",
                published="2023-01-02", outlet="The Marrow Ledger"),
        article(2, "Delegates from Veloria met at the border.", title="Ceasefire talks resume"),
    ])
    hits = store.search("ceasefire")
    assert [h.article_id for h in hits] == ["a0002", "a0001"]
    assert "[[ceasefire]]" in hits[1].snippet.casefold()
    assert (hits[1].published, hits[1].outlet, hits[1].title) == ("2023-01-02", "The Marrow Ledger", "Ferry timetable")
    assert [h.article_id for h in store.search("ceasefire", limit=1, offset=1)] == ["a0001"]
    assert [h.article_id for h in store.search('"talks were mentioned"')] == ["a0001"]


MALFORMED = ['"ceasefire talks', "ceasefire AND", "AND", "Veloria's ceasefire", "talks: (", "ceasefire -", "ceasefire *"]


@pytest.mark.parametrize("query", MALFORMED)
def test_malformed_fts_queries_are_searched_as_plain_words(store, query):
    store.write_articles([article(1, "Veloria's ceasefire talks began. AND then ended.")])
    hits = store.search(query)
    assert [h.article_id for h in hits] == ["a0001"]


def test_empty_query_is_a_clear_error(store):
    with pytest.raises(StoreError, match="double quotes"):
        store.search("   ")


def test_query_quotes_by_speaker_actor_alias_text_and_dates(store):
    store.write_actors([Actor("act-sorell", "Anika Sorell", "person", ["the Velorian foreign minister"], 2, 3)])
    q = lambda speaker, text, said_on=None, actor=None: Statement(speaker, actor, None, "said", text, "direct", 0, 5, said_on)
    store.write_articles([
        article(3, quotes=[q("Undated Voice", "ready to negotiate, perhaps")]),
        article(1, published="2022-10-18", quotes=[q("Sorell", "We are ready to negotiate", actor="act-sorell")]),
        article(2, published="2023-12-24", quotes=[
            q("the minister", "Talks must wait", said_on="2023-12-20", actor="act-sorell"),
            q("Tomas Brenn", "Veloria is READY TO NEGOTIATE only on paper"),
        ]),
    ])
    by_alias = store.query_quotes(speaker="VELORIAN FOREIGN MINISTER")
    assert [(h.article_id, h.statement.text) for h in by_alias] == [
        ("a0001", "We are ready to negotiate"), ("a0002", "Talks must wait")]
    speakers = [h.statement.speaker for h in store.query_quotes(contains="ready to negotiate")]
    assert speakers == ["Sorell", "Tomas Brenn", "Undated Voice"]  # undated last
    assert [h.statement.text for h in store.query_quotes(speaker="brenn")] == ["Veloria is READY TO NEGOTIATE only on paper"]
    dated = store.query_quotes(since="2023-12-01", until="2023-12-20")
    assert [(h.statement.text, h.published) for h in dated] == [("Talks must wait", "2023-12-24")]
    assert len(store.query_quotes(limit=2)) == 2


def test_actors_round_trip_and_update(store):
    sorell = Actor("act-sorell", "Anika Sorell", "person", ["Sorell"], 1, 2, None)
    store.write_actors([sorell, Actor("act-veloria", "Veloria", "place", [], 5, 9)])
    sorell.mention_count = 10
    store.write_actors([sorell])
    assert store.actors() == [sorell, Actor("act-veloria", "Veloria", "place", [], 5, 9)]


def test_runs_and_input_errors(store):
    run = store.start_run(["inbox/", "feed.xml"])
    store.record_input_errors(run, [InputError("inbox/bad.pdf", "not text or HTML", "convert it to text")])
    store.finish_run(run, {"read": 3, "added": 2})
    [recorded] = store.runs()
    assert (recorded.id, recorded.paths, recorded.counts) == (run, ["inbox/", "feed.xml"], {"read": 3, "added": 2})
    assert recorded.finished is not None
    [error] = store.input_errors(run)
    assert (error.source, error.reason, error.hint) == ("inbox/bad.pdf", "not text or HTML", "convert it to text")


def test_set_duplicates_and_signatures_in_one_transaction(store):
    store.write_articles([article(1, content_hash="h1"), article(2, content_hash="h1")],
                         duplicates={"a0002": "a0001"}, signatures=[("a0001", "h1", None, b"\x01\x02", None)])
    assert store.get("a0002").duplicate_of == "a0001"
    assert list(store.dedup_signatures()) == [("a0001", "h1", None, b"\x01\x02", None), ("a0002", "h1", None, None, "a0001")]
    store.set_duplicates({"a0002": None})
    assert store.get("a0002").duplicate_of is None


def test_a_bad_article_is_rejected_and_the_rest_of_the_batch_stored(store):
    good, bad, also_good = article(1), article(2), article(3)
    bad.raw = None  # NOT NULL column
    rejected = store.write_articles([good, bad, also_good], duplicates={"a0003": "a0001", "a0002": "a0001"})
    assert [article_id for article_id, _ in rejected] == ["a0002"]
    assert "veloria/2.txt" in rejected[0][1] and "NOT NULL" in rejected[0][1]
    assert sorted(store.known_ids(["a0001", "a0002", "a0003"])) == ["a0001", "a0003"]
    assert store.get("a0003").duplicate_of == "a0001"


def test_a_failing_batch_rolls_back_whole(store, monkeypatch):
    def disk_full(*args):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr("narrascope.store.sqlite._set_duplicates", disk_full)
    with pytest.raises(StoreError, match="disk is full.*nothing of it was written"):
        store.write_articles([article(1)], duplicates={"a0001": None})
    assert store.count() == 0


def test_non_json_metadata_is_stored_as_text(store):
    import datetime

    a = article(1, given={"published": datetime.date(2023, 5, 24), "tags": {"port"}})
    assert store.write_articles([a]) == []
    assert store.get("a0001").given == {"published": "2023-05-24", "tags": ["port"]}


def test_wal_mode_and_schema_version(tmp_path):
    with open_store(tmp_path / "c.db") as s:
        assert rows(s, "PRAGMA journal_mode") == [("wal",)]
        assert s.schema_version == latest_version() >= 2


def test_every_article_field_has_a_column(store):
    columns = {row[1] for row in rows(store, "PRAGMA table_info(articles)")}
    assert set(Article.__dataclass_fields__) - TRANSIENT_FIELDS <= columns
    assert not TRANSIENT_FIELDS & columns


def test_every_list_item_field_has_a_child_table_column(store):
    """A new field on Statement, Role, ... needs a migration adding its column (it is kept in JSON meanwhile)."""
    for table, (field_name, kind) in CHILD_TABLES.items():
        columns = {row[1] for row in rows(store, f"PRAGMA table_info({table})")}
        wanted = {f.name for f in dataclasses.fields(kind)} if kind else {PLAIN_LIST_COLUMN[table]}
        assert wanted | {"article_id", "ordinal"} <= columns, (table, wanted - columns)
        assert field_name in Article.__dataclass_fields__


def test_migrates_a_version_1_database_forward(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, str(path), target=1) == 1
    conn.execute("INSERT INTO articles (id, source, raw, raw_format, text) VALUES ('old1', 's', 'r', 'text', 'kept text')")
    conn.close()
    with open_store(path) as s:
        assert s.schema_version == len(migrations())
        assert s.get("old1").text == "kept text"
        indexes = {row[0] for row in rows(s, "SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"articles_published", "quotes_said_on"} <= indexes
        assert [h.article_id for h in s.search("kept")] == ["old1"]


def test_newer_database_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "new.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(StoreError, match="version 999.*upgrade narrascope"):
        open_store(path)


def test_not_a_database_and_bad_urls(tmp_path):
    junk = tmp_path / "notes.db"
    junk.write_text("these are not the tables you are looking for " * 50)
    with pytest.raises(StoreError, match="notes.db"):
        open_store(junk)
    with pytest.raises(StoreError, match="unknown database URL scheme 'mysql'"):
        open_store("mysql://host/db")
    with pytest.raises(StoreError, match="folder exist"):
        open_store(tmp_path / "no" / "such" / "dir" / "x.db")


def test_sqlite_url_and_reopen(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with open_store("sqlite:///rel.db") as s:
        assert isinstance(s, SQLiteStore)
        s.write_articles([article(1)])
    with open_store(tmp_path / "rel.db") as s:
        assert s.count() == 1


def test_closed_store_says_so(tmp_path):
    s = open_store(tmp_path / "c.db")
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.write_articles([article(1)])
