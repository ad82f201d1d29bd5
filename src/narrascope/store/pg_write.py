"""Bulk writes of the PostgreSQL store: one statement per table and batch, each column sent as one
array and turned back into rows by `unnest` (a statement per row costs a round trip each, and a
batch's dedup band keys are thousands of rows).

Within one statement a row may be written only once (ON CONFLICT cannot touch a row twice), so
callers pass rows whose keys are unique: the last one wins, as row-by-row upserts would have it.
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

from .base import DedupSignature
from .pg_adapter import PGConnection
from .rows import from_sql


def names(columns: Sequence[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


def text_values(values: Sequence[Any]) -> tuple[Any, ...]:
    """rows.py stores text that is not valid UTF-8 as bytes (a SQLite BLOB); PostgreSQL text columns get
    it back as str, which pg_adapter escapes."""
    return tuple(from_sql(v) if v.__class__ is bytes else v for v in values)


def insert_sql(table: str, columns: Sequence[str], types: Mapping[str, str], conflict: str | None = None) -> str:
    """INSERT of `columns` from one array parameter per column (`?::type[]`), optionally an upsert on
    the `conflict` key (every other column updated)."""
    arrays = ", ".join(f"?::{types[c]}[]" for c in columns)
    sql = f"INSERT INTO {table} ({names(columns)}) SELECT * FROM unnest({arrays})"
    if conflict:
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c != conflict)
        sql += f" ON CONFLICT ({conflict}) DO UPDATE SET {updates}"
    return sql


def insert_rows(conn: PGConnection, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    """Run an `insert_sql` statement for `rows` (tuples in its column order)."""
    if rows:
        conn.execute(sql, [list(column) for column in zip(*rows)])


def set_duplicates(conn: PGConnection, mapping: Mapping[str, str | None]) -> None:
    conn.execute("UPDATE articles a SET duplicate_of = m.original FROM unnest(?::text[], ?::text[]) AS m(id, original) "
                 "WHERE a.id = m.id", [list(mapping), list(mapping.values())])


def save_signatures(conn: PGConnection, signatures: Iterable[DedupSignature]) -> list[int]:
    """MinHash blobs, and the LSH band keys (a 6th item, optional) as dedup_bands rows; returns the pks
    whose dedup_minhashes row was written."""
    latest = {s[0]: s for s in signatures}  # an article signed twice: the last one
    if not latest:
        return []
    conn.execute(
        "INSERT INTO dedup_signatures (article_id, minhash) SELECT * FROM unnest(?::text[], ?::bytea[]) "
        "ON CONFLICT(article_id) DO UPDATE SET minhash = excluded.minhash",
        [list(latest), [s[3] for s in latest.values()]],
    )
    banded = [s for s in latest.values() if len(s) > 5 and s[5]]
    if not banded:
        return []
    rows = conn.execute("SELECT id, pk FROM articles WHERE id = ANY(?)", [[s[0] for s in banded]])
    pks = {row[0]: row[1] for row in rows}
    keys: list[int] = []
    owners: list[int] = []
    for s in banded:
        if s[0] in pks:
            keys += s[5]
            owners += [pks[s[0]]] * len(s[5])
    conn.execute("INSERT INTO dedup_bands (key, article_pk) SELECT * FROM unnest(?::bigint[], ?::bigint[]) "
                 "ON CONFLICT DO NOTHING", [keys, owners])
    minhashes = [(pks[s[0]], s[3]) for s in banded if s[0] in pks and s[3]]
    conn.execute(
        "INSERT INTO dedup_minhashes (article_pk, minhash) SELECT * FROM unnest(?::bigint[], ?::bytea[]) "
        "ON CONFLICT(article_pk) DO UPDATE SET minhash = excluded.minhash",
        [[m[0] for m in minhashes], [m[1] for m in minhashes]],
    )
    return [m[0] for m in minhashes]
