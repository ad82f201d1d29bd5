"""Each input format read by read_paths: text, HTML, gzip, JSONL, CSV, JSON, RSS and Atom feeds."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from narrascope.errors import InputError
from narrascope.io import RawDocument
from narrascope.io.columns import ColumnMapError
from narrascope.io.read import read_paths

FIXTURES = Path(__file__).parent / "fixtures" / "io"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def docs(items):
    return [item for item in items if isinstance(item, RawDocument)]


def errors(items):
    return [item for item in items if isinstance(item, InputError)]


def test_text_file(tmp_path):
    (tmp_path / "a.txt").write_text("Anika Sorell spoke in Port Calvar.\n", encoding="utf-8")
    [doc] = read_paths([tmp_path / "a.txt"])
    assert doc == RawDocument(source=str(tmp_path / "a.txt"), content="Anika Sorell spoke in Port Calvar.\n", format="text")


@pytest.mark.parametrize("name", ["page.html", "page.htm", "PAGE.HTML"])
def test_html_file(tmp_path, name):
    (tmp_path / name).write_text("<html><body><p>Veloria</p></body></html>", encoding="utf-8")
    [doc] = read_paths([tmp_path / name])
    assert doc.format == "html" and "<p>Veloria</p>" in doc.content


@pytest.mark.parametrize("markup", ["<!DOCTYPE html>\n<html><body>x</body></html>",
                                    '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body>x</body></html>'])
def test_txt_holding_html_is_read_as_html(tmp_path, markup):
    (tmp_path / "saved.txt").write_text(markup, encoding="utf-8")
    [doc] = read_paths([tmp_path / "saved.txt"])
    assert doc.format == "html"


@pytest.mark.parametrize("name, doc_format", [("a.txt.gz", "text"), ("a.html.gz", "html"), ("a.htm.gz", "html")])
def test_gzip_files(tmp_path, name, doc_format):
    (tmp_path / name).write_bytes(gzip.compress("<p>Port Calvar</p> Привет".encode("utf-8")))
    [doc] = read_paths([tmp_path / name])
    assert doc.content == "<p>Port Calvar</p> Привет" and doc.format == doc_format


def test_gzip_of_cp1251_text_is_decoded(tmp_path):
    text = "Министр Аника Сорель прибыла в порт."
    (tmp_path / "ru.txt.gz").write_bytes(gzip.compress(text.encode("cp1251")))
    [doc] = read_paths([tmp_path / "ru.txt.gz"])
    assert doc.content == text


def test_folder_is_recursive_sorted_and_skips_hidden_and_images(tmp_path):
    for relative in ["b.txt", "a.txt", "sub/c.txt", "sub/deeper/d.html", ".hidden.txt", ".git/e.txt", "photo.png", "z/logo.JPG"]:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"article {relative}", encoding="utf-8")
    items = list(read_paths([tmp_path]))
    assert not errors(items)
    assert [Path(doc.source).relative_to(tmp_path).as_posix() for doc in items] == [
        "a.txt", "b.txt", "sub/c.txt", "sub/deeper/d.html"
    ]
    assert list(read_paths([tmp_path])) == items  # deterministic


def test_symlink_loop_in_folder_is_followed_once(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("article", encoding="utf-8")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    items = list(read_paths([tmp_path]))
    assert [Path(doc.source).name for doc in items] == ["a.txt"]


def test_unknown_extension_in_folder_is_reported_not_lost(tmp_path):
    (tmp_path / "notes.md").write_text("# notes", encoding="utf-8")
    (tmp_path / "a.txt").write_text("article", encoding="utf-8")
    items = list(read_paths([tmp_path]))
    assert len(docs(items)) == 1
    [error] = errors(items)
    assert error.source.endswith("notes.md") and "unsupported file type '.md'" in error.reason


def test_folder_documentation_is_skipped_in_folders_but_read_when_named(tmp_path):
    for name in ("README.md", "LICENSE", "readme.txt", "article.txt"):
        (tmp_path / name).write_text(f"text of {name}", encoding="utf-8")
    assert [Path(item.source).name for item in read_paths([tmp_path])] == ["article.txt"]
    [doc] = read_paths([tmp_path / "README.md"])
    assert doc.content == "text of README.md"


def test_explicit_file_without_known_extension_is_sniffed(tmp_path):
    (tmp_path / "article").write_text("Dock workers returned on Sunday.", encoding="utf-8")
    [doc] = read_paths([tmp_path / "article"])
    assert doc.format == "text" and doc.content.startswith("Dock workers")


def test_explicit_image_file_is_an_error(tmp_path):
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    [error] = read_paths([tmp_path / "photo.png"])
    assert isinstance(error, InputError) and "'.png'" in error.reason and ".txt" in error.hint


def test_single_path_string_is_accepted(tmp_path):
    (tmp_path / "a.txt").write_text("x y z", encoding="utf-8")
    assert len(list(read_paths(str(tmp_path / "a.txt")))) == 1


# --- exports ---------------------------------------------------------------------------------


def test_jsonl_export_default_columns():
    path = FIXTURES / "export.jsonl"
    items = list(read_paths([path]))
    by_source = {item.source: item for item in items}
    first = by_source[f"{path}:1"]
    assert isinstance(first, RawDocument) and first.format == "text"
    assert first.content == "Minister Anika Sorell toured the docks."
    assert first.given == {
        "title": "Sorell visits Port Calvar",
        "published": "2024-03-05T10:00:00+01:00",
        "outlet": "The Marrow Ledger",
        "author": "Tomas Brell, Ida Keel",
        "url": "https://marrow-ledger.example/calvar",
    }
    assert first.url == "https://marrow-ledger.example/calvar"
    html_only = by_source[f"{path}:2"]
    assert html_only.format == "html" and "<article>" in html_only.content
    assert html_only.given == {"title": "HTML only", "outlet": "Veloria Evening Post"}
    assert f"{path}:3" not in by_source  # blank line
    assert "malformed JSON" in by_source[f"{path}:4"].reason
    assert str(by_source[f"{path}:5"]) == f"{path}:5: no text or html column — use --map text=COLUMN (columns: title, url)"
    assert "not an object" in by_source[f"{path}:6"].reason
    upper = by_source[f"{path}:7"]
    assert upper.content == "Dock workers returned on Sunday." and upper.given == {"title": "Upper-case keys", "published": "2024-03-03"}
    assert [item.source for item in items] == sorted(by_source, key=lambda source: int(source.rsplit(":", 1)[1]))


def test_csv_export_default_columns_quoted_newlines_and_row_lines():
    path = FIXTURES / "export.csv"
    items = list(read_paths([path]))
    assert [item.source for item in items] == [f"{path}:2", f"{path}:5", f"{path}:6"]
    first, empty, third = items
    assert first.content == 'Minister Anika Sorell toured the docks.\n\nShe promised new cranes, the "first in a decade".'
    assert first.given == {
        "title": "Sorell visits Port Calvar",
        "published": "2024-03-05",
        "outlet": "The Marrow Ledger",
        "author": "Tomas Brell",
        "url": "https://marrow-ledger.example/calvar",
    }
    assert isinstance(empty, InputError) and "empty text" in empty.reason
    assert third.given["outlet"] == "Veloria Evening Post"  # stripped
    assert "url" not in third.given  # empty -> absent


def test_column_map_overrides_defaults(tmp_path):
    path = tmp_path / "custom.csv"
    path.write_text("story,when,paper,text\nThe harbour reopened.,2024-05-01,Calvar Courier,teaser only\n", encoding="utf-8")
    [doc] = read_paths([path], column_map={"text": "Story", "published": "when", "outlet": "paper"})
    assert doc.content == "The harbour reopened."
    assert doc.given == {"published": "2024-05-01", "outlet": "Calvar Courier"}


def test_column_map_naming_a_missing_column_is_one_error_for_the_file(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("title,text\nA,body\nB,body\n", encoding="utf-8")
    [error] = read_paths([path], column_map={"text": "bodyy"})
    assert isinstance(error, InputError) and "--map text=bodyy" in error.reason and "title, text" in error.hint


def test_csv_without_text_column_is_one_error(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("title,summary\nA,s\nB,t\n", encoding="utf-8")
    [error] = read_paths([path])
    assert str(error).startswith(f"{path}:1: no text or html column — use --map text=COLUMN")


def test_unknown_field_in_column_map_raises_at_once():
    with pytest.raises(ColumnMapError, match="unknown field 'txt'"):
        read_paths([], column_map={"txt": "body"})


def test_csv_semicolon_delimiter_and_cp1252_encoding(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("Titre;Texte;Date\nLa grève;Le café de Véloria a fermé.;2024-01-02\n".encode("cp1252"))
    [doc] = read_paths([path], column_map={"title": "titre", "text": "texte"})
    assert doc.content == "Le café de Véloria a fermé." and doc.given == {"title": "La grève", "published": "2024-01-02"}


def test_csv_utf8_bom_and_crlf_from_excel(tmp_path):
    path = tmp_path / "excel-utf8.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "Title,Text\r\nGr\u00e8ve,\"Line one\r\nline two\"\r\nCalm,Quiet day\r\n".encode("utf-8"))
    first, second = read_paths([path])
    assert first.given == {"title": "Grève"} and first.content == "Line one\r\nline two"
    assert (first.source, second.source) == (f"{path}:2", f"{path}:4")


def test_csv_utf16_tsv_from_excel(tmp_path):
    path = tmp_path / "unicode.tsv"
    path.write_bytes("title\ttext\nВелория\tСорель прибыла.\n".encode("utf-16"))
    [doc] = read_paths([path])
    assert doc.content == "Сорель прибыла." and doc.given == {"title": "Велория"}


def test_csv_big_field_is_read(tmp_path):
    body = "Veloria " * 200_000  # 1.6 MB, above csv's default 128 KB field limit
    path = tmp_path / "big.csv"
    path.write_text(f'title,text\nBig,"{body}"\nSmall,short\n', encoding="utf-8")
    items = list(read_paths([path]))
    assert [len(item.content) for item in items] == [len(body.strip()), 5]


@pytest.mark.parametrize("name", ["e.jsonl.gz", "e.csv.gz"])
def test_gzipped_exports(tmp_path, name):
    if name.startswith("e.jsonl"):
        raw = b'{"text": "one"}\n{"text": "two"}\n'
    else:
        raw = b"text\none\ntwo\n"
    (tmp_path / name).write_bytes(gzip.compress(raw))
    items = list(read_paths([tmp_path / name]))
    assert [doc.content for doc in items] == ["one", "two"]


def test_json_file_object_and_array(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"title": "T", "maintext": "Body.", "date_publish": "2024-01-01 10:00:00"}), encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps([{"text": "A"}, {"title": "no body"}]), encoding="utf-8")
    items = list(read_paths([tmp_path / "one.json", tmp_path / "many.json"]))
    assert items[0].content == "Body." and items[0].given == {"title": "T", "published": "2024-01-01 10:00:00"}
    assert items[1].source == f"{tmp_path / 'many.json'}#1" and items[1].content == "A"
    assert isinstance(items[2], InputError) and items[2].source.endswith("#2")


def test_jsonl_exports_are_exempt_from_the_whole_file_limit(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text("".join(json.dumps({"text": f"article {n}"}) + "\n" for n in range(500)), encoding="utf-8")
    items = list(read_paths([path], max_bytes=1000))
    assert len(docs(items)) == 500 and not errors(items)


# --- feeds -----------------------------------------------------------------------------------


def test_rss_feed_entries():
    path = FIXTURES / "ledger_rss.xml"
    first, second, third = read_paths([path])
    assert first.source == f"{path}#ledger-1001" and first.format == "html"
    assert "ready to talk" in first.content and "Short summary" not in first.content  # content:encoded wins
    assert first.given == {
        "title": "Minister Anika Sorell offers talks",
        "url": "https://marrow-ledger.example/2024/03/talks",
        "published": "2024-03-02T07:30:00+00:00",
        "author": "Tomas Brell",
        "outlet": "The Marrow Ledger",
    }
    assert second.source == f"{path}#2" and "Port Calvar returned" in second.content
    assert second.given["published"] == "2024-03-03T12:00:00+00:00"
    assert isinstance(third, InputError) and "no content or summary" in third.reason
    assert "https://marrow-ledger.example/2024/03/headline-only" in third.hint


def test_atom_feed_entries():
    path = FIXTURES / "ledger_atom.atom"
    first, second = read_paths([path])
    assert first.source == f"{path}#urn:vep:entry:77" and first.format == "html"
    assert "grain levy" in first.content
    assert first.given == {
        "title": "Parliament debates grain levy",
        "url": "https://evening-post.example/grain-levy",
        "published": "2024-04-01T15:45:00+00:00",
        "author": "Lena Varga",
        "outlet": "Veloria Evening Post",
    }
    assert second.format == "text" and second.content == "The council of Port Calvar meets on Tuesday."


def test_feed_sniffed_by_content_and_cp1251_declared(tmp_path):
    feed = (
        '<?xml version="1.0" encoding="windows-1251"?>\n<rss version="2.0"><channel><title>Вестник Велории</title>'
        "<item><title>Сорель</title><description>Министр прибыла в порт.</description></item></channel></rss>"
    )
    (tmp_path / "feed").write_bytes(feed.encode("cp1251"))
    (tmp_path / "feed.rss.gz").write_bytes(gzip.compress(feed.encode("cp1251")))
    items = list(read_paths([tmp_path / "feed", tmp_path / "feed.rss.gz"]))
    assert [doc.content for doc in items] == ["Министр прибыла в порт."] * 2
    assert items[0].given == {"title": "Сорель", "outlet": "Вестник Велории"}


def test_feed_with_harmless_doctype_is_read(tmp_path):
    feed = (
        '<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        '"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
        '<rss version="0.91"><channel><title>Old</title><item><title>t</title><description>Body</description></item></channel></rss>'
    )
    (tmp_path / "old.rss").write_text(feed, encoding="utf-8")
    [doc] = read_paths([tmp_path / "old.rss"])
    assert doc.content == "Body"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seeds not present")
def test_seed_files_are_read_as_text():
    items = list(read_paths([SEEDS]))
    assert docs(items) and all(doc.format == "text" and len(doc.content) > 200 for doc in docs(items))
