"""The self-contained HTML report: everything inline, every article in it, content escaped."""
from __future__ import annotations

import re

import pytest
from web_corpus import SORELL, build_corpus

from narrascope.report import write_report
from narrascope.store import open_store


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    db = build_corpus(folder)
    summary = write_report(db, folder / "out" / "report.html")
    with open_store(db) as store:
        ids = [a.id for a in store.iter_articles()]
    return summary, summary.path.read_text(encoding="utf-8"), ids


def test_report_holds_every_article_and_the_overview(report):
    summary, page, ids = report
    assert summary.articles == 6
    assert 'id="overview"' in page and "<svg" in page
    for article_id in ids:
        assert f'id="article-{article_id}"' in page
        assert f'href="#article-{article_id}"' in page
    assert f'id="actor-{SORELL}"' in page
    assert 'id="story-story-talks"' in page
    assert 'id="narrative-URW%3A%20Peace%20talks%20are%20a%20ploy"' in page


def test_report_needs_no_network_and_has_no_script(report):
    _, page, _ = report
    assert "<script" not in page  # neither ours nor an article's
    assert not re.search(r'(src|href)="(https?:)?//', page)  # nothing fetched or linked outside the file
    assert 'href="/' not in page  # every link is an in-page anchor
    assert "default-src 'none'" in page


def test_report_escapes_article_content(report):
    _, page, _ = report
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Harbor strike" in page
    assert "&lt;img src=x onerror=" in page


def test_report_of_a_corpus_without_later_stages(tmp_path):
    from narrascope.model import Article

    with open_store(tmp_path / "bare.db") as store:
        store.write_articles([Article(id="a1", source="a.txt", raw="x", raw_format="text", text="Plain.", title="T")])
        summary = write_report(store, tmp_path / "r.html")
    page = summary.path.read_text(encoding="utf-8")
    assert 'id="article-a1"' in page and "Nothing here yet" in page


def test_report_pages_through_more_articles_than_one_api_page(tmp_path, monkeypatch):
    from narrascope.model import Article
    from narrascope.settings import web

    monkeypatch.setattr(web, "MAX_PER_PAGE", 2)
    with open_store(tmp_path / "five.db") as store:
        store.write_articles([Article(id=f"a{i}", source=f"{i}.txt", raw="x", raw_format="text", text=f"Text {i}.",
                                      title=f"T{i}", published=f"2024-01-0{i + 1}") for i in range(5)])
        page = write_report(store, tmp_path / "r.html").path.read_text(encoding="utf-8")
    assert all(f'id="article-a{i}"' in page for i in range(5))
