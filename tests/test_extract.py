"""ExtractStage: main text and metadata from HTML, safely, without network."""
from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from narrascope.model import Article
from narrascope.pipeline import apply_stages, check_stage
from narrascope.settings import extract as settings
from narrascope.stages.extract import ExtractError, ExtractStage

FIXTURES = Path(__file__).parent / "fixtures" / "html"
PARAGRAPH = "<p>{} Enough words follow here so that the extractor treats this block as real article text.</p>"


def html_article(raw: str, url: str | None = None) -> Article:
    return Article(id="t", source="page.html", raw=raw, raw_format="html", url=url)


def page(*paragraphs: str, head: str = "", doctype: str = "<!DOCTYPE html>") -> str:
    body = "".join(PARAGRAPH.format(p) for p in paragraphs)
    return f"{doctype}<html lang='en'><head>{head}</head><body><article>{body}</article></body></html>"


@pytest.fixture(scope="module")
def ledger() -> Article:
    article = html_article((FIXTURES / "ledger_article.html").read_text(encoding="utf-8"))
    ExtractStage()(article)
    return article


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("extract tried to open a network connection")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_stage_declares_only_its_own_fields():
    check_stage(ExtractStage())


def test_text_input_is_left_alone():
    article = Article(id="t", source="a.txt", raw="<p>not html</p>", raw_format="text")
    ExtractStage()(article)
    assert article.extracted is None and article.html_meta == {}


def test_main_text_kept_and_page_chrome_dropped(ledger):
    text = ledger.extracted
    assert "ready to open talks with Estmark" in text
    assert "a ploy to buy time while the checkpoints stay where they are" in text
    for chrome in ("Subscribe", "Most read", "Harbour strike", "All rights reserved", "Privacy policy"):
        assert chrome not in text


def test_paragraphs_separated_by_one_blank_line(ledger):
    paragraphs = ledger.extracted.split("\n\n")
    assert any(p.startswith("Velorian Foreign Minister Anika Sorell said") for p in paragraphs)
    assert any(p.startswith("Analysts at the Halden Institute") for p in paragraphs)
    assert "\n\n\n" not in ledger.extracted
    # a line break inside the HTML source of a paragraph is not a paragraph break
    assert all(p.strip() == p for p in paragraphs)


def test_html_meta_from_page_markup(ledger):
    meta = ledger.html_meta
    assert meta["title"] == "Sorell says Veloria is ready for border talks"
    assert meta["subtitle"].startswith("The foreign minister offered talks")
    assert meta["author"] == "Petra Quill"
    assert meta["outlet"] == "The Marrow Ledger"
    assert meta["published"] == "2023-03-03"  # the original date, not the modified one
    assert meta["published_from"] == settings.PUBLISHED_FROM
    assert meta["url"] == "https://marrowledger.example/politics/sorell-border-talks"
    assert meta["language"] == "en"
    assert {"Veloria", "Estmark"} <= set(meta["tags"])
    assert all(value not in (None, "", []) for value in meta.values())


def test_no_date_from_page_text_alone():
    """Dates in teasers and headline lists are not the publication date: no free-text date search."""
    raw = page("Read also: talks collapse, 14 November 2024, 18:05.", "The minister spoke again on Sunday.")
    article = html_article(raw)
    ExtractStage()(article)
    assert "published" not in article.html_meta


def test_url_given_with_the_document_is_kept():
    article = html_article(page("Veloria and Estmark met in a neutral city."), url="https://example.org/a")
    ExtractStage()(article)
    assert article.html_meta["url"] == "https://example.org/a"


def test_external_entity_does_not_leak_local_files(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-MARKER-7731", encoding="utf-8")
    doctype = (f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">'
               '<!ENTITY pw SYSTEM "file:///etc/passwd">]>')
    raw = page("Start &xxe; and &pw; end of the Veloria paragraph.", head="<title>&xxe;</title>", doctype=doctype)
    article = html_article(raw)
    ExtractStage()(article)
    dumped = article.extracted + repr(article.html_meta)
    assert "SECRET-MARKER-7731" not in dumped
    assert "root:" not in dumped
    assert "end of the Veloria paragraph" in article.extracted


def billion_laughs(levels: int = 10) -> str:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)
    ]
    return f"<!DOCTYPE lolz [{''.join(entities)}]>"


@pytest.mark.parametrize("padding", [0, settings.DOCTYPE_SCAN_CHARS + 10])
def test_billion_laughs_finishes_fast_and_small(padding):
    """A bomb is defused before parsing; past the scan window the HTML parser still never expands it."""
    raw = " " * padding + page("Bomb &lol9; in a Veloria paragraph.", doctype=billion_laughs())
    article = html_article(raw)
    started = time.perf_counter()
    ExtractStage()(article)
    assert time.perf_counter() - started < 2.0
    assert len(article.extracted) < 1_000
    assert "lollollol" not in article.extracted


@pytest.mark.parametrize("raw", ["", "   \n ", "\x00\x01\x02", "<<<>>>"])
def test_empty_or_unparsable_html_raises_clear_error(raw):
    article = html_article(raw)
    with pytest.raises(ExtractError, match="page.html: the HTML is empty or could not be parsed"):
        ExtractStage()(article)
    assert article.extracted == "" and article.html_meta == {}


def test_page_without_article_gives_empty_text_and_a_reason():
    raw = ("<html><head><title>Index | The Marrow Ledger</title></head><body><div id='app'></div>"
           "<script>render('app')</script></body></html>")
    article = html_article(raw)
    with pytest.raises(ExtractError, match="no article text found"):
        ExtractStage()(article)
    assert article.extracted == ""
    assert article.html_meta["title"] == "Index"  # trafilatura cuts the " | site" suffix


def test_runner_routes_the_failure_and_keeps_the_metadata():
    raw = "<html><head><title>Index page</title></head><body><div id='app'></div></body></html>"
    article = apply_stages(html_article(raw), [ExtractStage()])
    assert [e.stage for e in article.errors] == ["extract"]
    assert "no article text found" in article.errors[0].message
    assert article.extracted == ""
    assert article.html_meta["title"] == "Index page"


def test_malformed_html_still_yields_text():
    raw = ("<html><body><div><p>Unclosed paragraph about the Tarn valley crossings and the talks that "
           "Veloria offered Estmark in the spring<p>Another one, also long enough to be kept by the "
           "extractor as body text of the article<div></body>")
    article = html_article(raw)
    ExtractStage()(article)
    assert "Tarn valley crossings" in article.extracted
    assert "Another one" in article.extracted


def test_lists_and_line_breaks_are_kept():
    raw = page("Intro of the piece on the Veloria ministry statement.") .replace(
        "</article>",
        "<ul><li>first demand of the ministry</li><li>second demand of the ministry</li></ul>"
        "<p>Line one of a poem quoted by the minister<br>line two of that poem in the text</p></article>",
    )
    article = html_article(raw)
    ExtractStage()(article)
    assert "- first demand of the ministry\n- second demand of the ministry" in article.extracted
    assert "minister\nline two" in article.extracted


def test_nested_lists_are_not_repeated():
    raw = page("Intro of the piece on the Veloria ministry statement.").replace(
        "</article>", "<ul><li><ul><li>inner demand one</li><li>inner demand two</li></ul></li></ul></article>")
    article = html_article(raw)
    ExtractStage()(article)
    assert article.extracted.count("inner demand one") == 1
    assert "inner demand one\ninner demand two" in article.extracted


def test_table_rows_keep_their_cells_tab_separated():
    raw = page("The league published the standings after the race on Sunday.").replace(
        "</article>", "<table><tr><td>1</td><td>Ora Venn</td><td>5040</td></tr>"
                      "<tr><td>2</td><td>Ilo Marsk</td><td>5035</td></tr></table></article>")
    article = html_article(raw)
    ExtractStage()(article)
    assert "1\tOra Venn\t5040\n2\tIlo Marsk\t5035" in article.extracted
