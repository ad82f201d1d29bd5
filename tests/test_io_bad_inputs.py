"""Bad inputs: each gives one clear InputError, never an exception, and never loses the rest of the batch."""
from __future__ import annotations

import gzip
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from narrascope.errors import InputError
from narrascope.io import RawDocument
from narrascope.io.read import read_paths
from narrascope.settings import io as io_settings

GOOD = "Foreign minister Anika Sorell arrived in Port Calvar on Sunday."
BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>
"""


def xxe_feed(target: Path) -> str:
    return f"""<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file://{target}"> ]>
<rss version="2.0"><channel><title>Leak</title>
<item><title>a&xxe;b</title><description>before &xxe; after</description></item></channel></rss>
"""


def batch(tmp_path: Path, name: str, data: bytes) -> tuple[list, Path]:
    """Read [good1.txt, the bad file, good2.txt] as one batch."""
    (tmp_path / "good1.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good2.txt").write_text(GOOD, encoding="utf-8")
    paths = [tmp_path / "good1.txt", tmp_path / name, tmp_path / "good2.txt"]
    return list(read_paths(paths)), tmp_path / name


def assert_one_error_between_good(items: list, bad: Path) -> InputError:
    assert len(items) == 3, items
    first, error, last = items
    assert isinstance(first, RawDocument) and isinstance(last, RawDocument)
    assert isinstance(error, InputError) and error.source == str(bad)
    return error


def test_binary_file_named_txt(tmp_path):
    items, bad = batch(tmp_path, "scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    error = assert_one_error_between_good(items, bad)
    assert error.reason == "looks like a binary file (PNG image), not text"
    assert "remove it" in error.hint


def test_binary_without_magic_number(tmp_path):
    items, bad = batch(tmp_path, "blob.txt", os.urandom(4096))
    assert "binary" in assert_one_error_between_good(items, bad).reason


def test_empty_file(tmp_path):
    items, bad = batch(tmp_path, "empty.txt", b"")
    assert assert_one_error_between_good(items, bad).reason == "empty file"


@pytest.mark.parametrize("name, data, reason", [
    ("rows.jsonl", b"", "empty file (no JSON lines)"),
    ("rows.jsonl", b"\n\n", "empty file (no JSON lines)"),
    ("rows.csv", b"", "empty file (no header line)"),
    ("rows.csv", b"title,text\n", "no rows (only a header line)"),
    ("rows.json", b"", "empty file"),
])
def test_empty_exports(tmp_path, name, data, reason):
    items, bad = batch(tmp_path, name, data)
    assert assert_one_error_between_good(items, bad).reason == reason


def test_whitespace_only_file(tmp_path):
    items, bad = batch(tmp_path, "blank.txt", b" \n\t\n")
    assert "only whitespace" in assert_one_error_between_good(items, bad).reason


def test_200_mb_file_is_refused_quickly_before_reading(tmp_path):
    (tmp_path / "good1.txt").write_text(GOOD, encoding="utf-8")
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: costs no disk and no time
    start = time.perf_counter()
    items = list(read_paths([tmp_path / "good1.txt", huge]))
    assert time.perf_counter() - start < 1.0
    good, error = items
    assert isinstance(good, RawDocument)
    assert error.source == str(huge)
    assert error.reason == "file is 200 MB, larger than the 50 MB limit"
    assert "--max-file-size" in error.hint


def test_max_bytes_argument_sets_the_limit(tmp_path):
    (tmp_path / "a.txt").write_text("x" * 2000, encoding="utf-8")
    [error] = read_paths([tmp_path / "a.txt"], max_bytes=1024)
    assert error.reason == "file is 2 KB, larger than the 1 KB limit"
    [doc] = read_paths([tmp_path / "a.txt"], max_bytes=4096)
    assert isinstance(doc, RawDocument)


def test_gzip_bomb_is_stopped_at_the_limit(tmp_path):
    bomb = tmp_path / "bomb.txt.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as handle:
        chunk = b"A" * (1024 * 1024)
        for _ in range(64):  # 64 MB of output from a ~64 KB file
            handle.write(chunk)
    assert bomb.stat().st_size < 1024 * 1024
    start = time.perf_counter()
    [error] = read_paths([bomb], max_bytes=8 * 1024 * 1024)
    assert time.perf_counter() - start < 2.0
    assert "decompresses to more than the 8 MB limit" in error.reason


def test_corrupt_and_truncated_gzip(tmp_path):
    (tmp_path / "fake.txt.gz").write_bytes(b"this is not gzip at all")
    (tmp_path / "cut.txt.gz").write_bytes(gzip.compress(GOOD.encode() * 50)[:40])
    fake, cut = read_paths([tmp_path / "fake.txt.gz", tmp_path / "cut.txt.gz"])
    assert "not a valid gzip file" in fake.reason
    assert cut.reason == "gzip file is truncated"


def test_invalid_utf8(tmp_path):
    data = ("Véloria — ok. " * 10).encode("utf-8") + b"\xff\xfe\xfa" * 20
    items, bad = batch(tmp_path, "broken.txt", data)
    error = assert_one_error_between_good(items, bad)
    assert "is not valid UTF-8" in error.reason and "UTF-8" in error.hint


def test_malformed_jsonl_line_reported_with_its_number_others_loaded(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"text": "one"}\n{"text": "two", oops}\n{"text": "three"}\n', encoding="utf-8")
    one, error, three = read_paths([path])
    assert (one.content, three.content) == ("one", "three")
    assert error.source == f"{path}:2" and error.reason.startswith("malformed JSON line")


def test_jsonl_line_above_the_row_limit_is_skipped_and_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(io_settings, "MAX_ROW_BYTES", 100)
    path = tmp_path / "rows.jsonl"
    path.write_text('{"text": "one"}\n{"text": "' + "x" * 500 + '"}\n{"text": "three"}\n', encoding="utf-8")
    one, error, three = read_paths([path])
    assert (one.content, three.content) == ("one", "three")
    assert error.source == f"{path}:2" and "per-row limit" in error.reason


def test_csv_line_above_the_row_limit_is_skipped_and_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(io_settings, "MAX_ROW_BYTES", 100)
    path = tmp_path / "rows.csv"
    path.write_text("text\none\n" + "x" * 500 + "\nthree\n", encoding="utf-8")
    items = list(read_paths([path]))
    assert [item.content for item in items if isinstance(item, RawDocument)] == ["one", "three"]
    [error] = [item for item in items if isinstance(item, InputError)]
    assert error.source == f"{path}:3" and "per-row limit" in error.reason


def test_csv_field_above_the_field_limit_stops_that_file_with_one_error(tmp_path, monkeypatch):
    import csv

    import narrascope.io.tabular as tabular

    old_limit = csv.field_size_limit()
    monkeypatch.setattr(tabular, "_raise_field_size_limit", lambda: csv.field_size_limit(100))
    path = tmp_path / "rows.csv"
    path.write_text('text\none\n"' + "a line of text\n" * 30 + '"\nthree\n', encoding="utf-8")
    (tmp_path / "after.txt").write_text(GOOD, encoding="utf-8")
    try:
        one, error, after = read_paths([path, tmp_path / "after.txt"])
    finally:
        csv.field_size_limit(old_limit)
    assert one.content == "one" and isinstance(after, RawDocument)
    assert error.source == f"{path}:3" and "field larger than field limit" in error.reason


def test_feed_with_external_entity_does_not_leak_the_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VELORIA-PASSWORD", encoding="utf-8")
    for target in (secret, Path("/etc/passwd")):
        (tmp_path / "xxe.xml").write_text(xxe_feed(target), encoding="utf-8")
        [error] = read_paths([tmp_path / "xxe.xml"])
        assert isinstance(error, InputError) and "declares XML entities" in error.reason
        assert "TOP-SECRET" not in str(error) and "root:" not in str(error)


def test_billion_laughs_feed_is_refused_fast(tmp_path):
    items, bad = batch(tmp_path, "lol.rss", BILLION_LAUGHS.encode("utf-8"))
    start = time.perf_counter()
    error = assert_one_error_between_good(items, bad)
    assert time.perf_counter() - start < 1.0
    assert "declares XML entities" in error.reason


def test_entities_hidden_in_utf16_feed_are_still_refused(tmp_path):
    (tmp_path / "lol16.xml").write_bytes(BILLION_LAUGHS.replace('"1.0"?>', '"1.0" encoding="utf-16"?>', 1).encode("utf-16"))
    [error] = read_paths([tmp_path / "lol16.xml"])
    assert "declares XML entities" in error.reason


def test_feed_that_is_not_xml(tmp_path):
    items, bad = batch(tmp_path, "feed.xml", b"Just some words, no markup at all.\nSecond line.")
    error = assert_one_error_between_good(items, bad)
    assert error.reason.startswith("is not an RSS or Atom feed")


def test_xml_that_is_not_a_feed(tmp_path):
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>', encoding="utf-8")
    [error] = read_paths([tmp_path / "sitemap.xml"])
    assert error.reason.startswith("is not an RSS or Atom feed")


def test_missing_path_and_broken_symlink(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    missing, good, broken = read_paths([tmp_path / "nope.txt", tmp_path / "good.txt", tmp_path / "dangling.txt"])
    assert missing.reason == "no such file or directory"
    assert isinstance(good, RawDocument)
    assert broken.reason.startswith("broken symbolic link")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_permission_denied(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    try:
        [error] = read_paths([locked])
        assert error.reason == "permission denied"
    finally:
        locked.chmod(0o644)


def test_permission_denied_on_open_even_as_root(tmp_path, monkeypatch):
    import narrascope.io.files as files

    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    real_open = open

    def refusing_open(path, *args, **kwargs):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(files, "open", refusing_open, raising=False)
    (tmp_path / "ok.txt").write_text(GOOD, encoding="utf-8")
    error, good = read_paths([locked, tmp_path / "ok.txt"])
    assert error.reason == "permission denied" and "chmod" in error.hint
    assert isinstance(good, RawDocument)


def test_not_a_regular_file(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    [error] = read_paths([fifo])
    assert "not a regular file" in error.reason


def test_folder_mixing_good_and_bad_files_keeps_every_good_one(tmp_path):
    good = {f"good{n}.txt": f"Article {n}: {GOOD}" for n in range(5)}
    for name, text in good.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "page.html").write_text("<html><body><p>Port Calvar</p></body></html>", encoding="utf-8")
    (tmp_path / "rows.jsonl").write_text('{"text": "row one"}\nnot json\n{"text": "row three"}\n', encoding="utf-8")
    bad = {
        "a_binary.txt": b"%PDF-1.4\n" + bytes(100),
        "b_empty.txt": b"",
        "c_broken.txt": ("Véloria. " * 5).encode("utf-8") + b"\xff\xfe" * 30,
        "d_notxml.rss": b"plain words",
        "e_lol.xml": BILLION_LAUGHS.encode("utf-8"),
        "f_fake.txt.gz": b"not gzip",
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deep.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "sub" / "img.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    items = list(read_paths([tmp_path]))
    documents = [item for item in items if isinstance(item, RawDocument)]
    failures = [item for item in items if isinstance(item, InputError)]
    assert {Path(doc.source).name for doc in documents if doc.source.endswith(".txt")} == set(good) | {"deep.txt"}
    assert {doc.content for doc in documents if "rows.jsonl" in doc.source} == {"row one", "row three"}
    assert any(doc.source.endswith("page.html") for doc in documents)
    assert {Path(error.source.split(":")[0]).name for error in failures} == set(bad) | {"rows.jsonl"}
    assert len(failures) == len(bad) + 1


@hsettings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=4096))
def test_any_bytes_as_txt_yield_exactly_one_item(tmp_path, data):
    path = tmp_path / "any.txt"
    path.write_bytes(data)
    items = list(read_paths([path]))
    assert len(items) == 1
    assert isinstance(items[0], (RawDocument, InputError))


@hsettings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufeff"), max_size=2000))
def test_any_utf8_text_round_trips(tmp_path, text):
    """NUL-free UTF-8 text comes back unchanged (NULs make UTF-8 and UTF-16 ambiguous; a BOM is dropped)."""
    path = tmp_path / "any.txt"
    path.write_bytes(text.encode("utf-8"))
    [item] = read_paths([path])
    if isinstance(item, RawDocument) and item.format == "text":
        assert item.content == text


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2048), name=st.sampled_from(["x.html", "x.xml", "x.jsonl", "x.csv", "x.json", "x.txt.gz", "x"]))
def test_any_bytes_in_any_format_yield_items_and_never_raise(tmp_path, data, name):
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    items = list(read_paths([path]))
    assert items and all(isinstance(item, (RawDocument, InputError)) for item in items)
    assert not any("narrascope bug" in str(item) for item in items)
    if name in ("x.html", "x.txt.gz"):
        assert len(items) == 1
