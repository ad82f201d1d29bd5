"""Encoding detection: decode_bytes picks the right encoding, refuses binary and broken text."""
from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from narrascope.io.decode import NotTextError, decode_bytes
from narrascope.io.read import read_paths
from narrascope.io import RawDocument

CYRILLIC = "Министр иностранных дел Велории Аника Сорель заявила, что переговоры продолжатся."
LATIN = "Le café de la république de Véloria était fermé après la grève du port."
GERMAN = "Die Ministerin äußerte sich über die Grüße aus Port Calvar."


@pytest.mark.parametrize(
    "data, text, encoding",
    [
        (CYRILLIC.encode("cp1251"), CYRILLIC, "cp1251"),
        ("Привет мир".encode("cp1251"), "Привет мир", "cp1251"),
        (LATIN.encode("latin-1"), LATIN, "cp1252"),
        (GERMAN.encode("latin-1"), GERMAN, "cp1252"),
        ("Café".encode("latin-1"), "Café", "cp1252"),
        ("The minister said “no” — twice.".encode("cp1252"), "The minister said “no” — twice.", None),
        (LATIN.encode("utf-8"), LATIN, "utf-8"),
        (codecs.BOM_UTF8 + LATIN.encode("utf-8"), LATIN, "utf-8-sig"),
        (LATIN.encode("utf-16"), LATIN, "utf-16"),
        (codecs.BOM_UTF16_BE + CYRILLIC.encode("utf-16-be"), CYRILLIC, "utf-16"),
        (LATIN.encode("utf-16-le"), LATIN, "utf-16-le"),
        (LATIN.encode("utf-16-be"), LATIN, "utf-16-be"),
        (CYRILLIC.encode("utf-16-le"), CYRILLIC, "utf-16-le"),
        ("Министр Анна".encode("utf-16-le"), "Министр Анна", "utf-16-le"),
        (LATIN.encode("utf-32"), LATIN, "utf-32"),
        (b"plain ascii", "plain ascii", "utf-8"),
    ],
)
def test_decode_bytes_detects_encoding(data, text, encoding):
    decoded, used = decode_bytes(data)
    assert decoded == text
    if encoding is not None:
        assert used == encoding


def test_cp1251_with_accidental_utf8_sequences_is_still_cp1251():
    # "Её" and "НАТО»" are valid UTF-8 byte pairs in cp1251: they must not tip the choice to UTF-8
    text = "По её словам, «НАТО» ответит. Её заявление вызвало критику: «Это уловка», — сказал Брелл. Ещё №5."
    assert decode_bytes(text.encode("cp1251")) == (text, "cp1251")


def test_declared_charset_is_honoured_when_it_fits():
    assert decode_bytes("Привет".encode("koi8-r"), declared="koi8-r") == ("Привет", "koi8-r")
    assert decode_bytes("Café".encode("latin-1"), declared="ISO-8859-1") == ("Café", "cp1252")


def test_declared_latin1_on_utf8_bytes_is_a_lie_and_utf8_wins():
    assert decode_bytes("Café Véloria".encode("utf-8"), declared="iso-8859-1") == ("Café Véloria", "utf-8")


def test_any_declared_8bit_charset_on_utf8_bytes_loses_to_utf8():
    assert decode_bytes("Привет, Велория".encode("utf-8"), declared="koi8-r") == ("Привет, Велория", "utf-8")


def test_utf8_bom_with_a_little_damage_is_decoded_with_replacements():
    text, _ = decode_bytes(codecs.BOM_UTF8 + ("Véloria — ok. " * 20).encode("utf-8") + b"\xff")
    assert text.startswith("Véloria") and text.count("\ufffd") == 1


def test_unknown_declared_charset_is_ignored():
    assert decode_bytes("Véloria".encode("utf-8"), declared="no-such-charset") == ("Véloria", "utf-8")


def test_slightly_damaged_utf8_is_decoded_with_replacements():
    data = ("Véloria’s harbour — reopened. " * 40).encode("utf-8") + b"\xff" + b" end"
    text, used = decode_bytes(data)
    assert used == "utf-8/replace"
    assert text.count("\ufffd") == 1 and text.startswith("Véloria’s harbour")


def test_badly_damaged_utf8_is_refused():
    data = ("Véloria — ok. " * 10).encode("utf-8") + b"\xff\xfe\xfa" * 20
    with pytest.raises(NotTextError, match="not valid UTF-8"):
        decode_bytes(data)


@pytest.mark.parametrize(
    "data, kind",
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
        (b"\x1f\x8b\x08\x00\x00\x00", "gzip"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
    ],
)
def test_magic_numbers_are_named(data, kind):
    with pytest.raises(NotTextError, match=f"binary file \\({kind}"):
        decode_bytes(data)


def test_nul_and_control_bytes_are_binary():
    with pytest.raises(NotTextError, match="binary"):
        decode_bytes(bytes(range(256)) * 4)
    with pytest.raises(NotTextError, match="binary"):
        decode_bytes(b"\x01\x02\x03\x04\x05 text \x06\x07\x08\x0e\x0f" * 10)


def test_text_with_one_stray_nul_is_still_text():
    text, _ = decode_bytes(b"Anika Sorell spoke in Port Calvar on Sunday morning. " * 10 + b"\x00 More text follows.")
    assert "\x00" not in text and "Anika Sorell" in text


@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("cp1251.txt", CYRILLIC.encode("cp1251"), CYRILLIC),
        ("utf16bom.txt", LATIN.encode("utf-16"), LATIN),
        ("utf16nobom.txt", CYRILLIC.encode("utf-16-le"), CYRILLIC),
        ("utf8bom.txt", codecs.BOM_UTF8 + LATIN.encode("utf-8"), LATIN),
        ("latin1.txt", LATIN.encode("latin-1"), LATIN),
    ],
)
def test_files_in_each_encoding_are_read(tmp_path, name, data, expected):
    (tmp_path / name).write_bytes(data)
    [doc] = list(read_paths([tmp_path / name]))
    assert isinstance(doc, RawDocument) and doc.content == expected and doc.format == "text"


def test_html_meta_charset_is_honoured(tmp_path):
    html = '<html><head><meta charset="windows-1251"><title>x</title></head><body><p>Привет из Велории</p></body></html>'
    (tmp_path / "page.html").write_bytes(html.encode("cp1251"))
    [doc] = list(read_paths([tmp_path / "page.html"]))
    assert "Привет из Велории" in doc.content and doc.format == "html"


def test_html_http_equiv_charset_is_honoured(tmp_path):
    html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"></head><body>Привет</body></html>'
    (tmp_path / "page.htm").write_bytes(html.encode("koi8-r"))
    [doc] = list(read_paths([tmp_path / "page.htm"]))
    assert "Привет" in doc.content


@hsettings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_decode_bytes_returns_text_or_not_text_error(data):
    try:
        text, encoding = decode_bytes(data)
    except NotTextError as exc:
        assert exc.reason
    else:
        assert isinstance(text, str) and encoding
