"""Server-rendered pages in-process: what they show, escaping of article content, no file-system paths,
and pages that degrade gracefully on a corpus where later stages have not run."""
from __future__ import annotations

import dataclasses
import html

import pytest
from fastapi.testclient import TestClient
from web_corpus import SORELL, XSS_IMG, XSS_SCRIPT, XSS_TITLE, build_corpus

from narrascope.model import Article, Entity, Evidence, NarrativeLabel, Statement
from narrascope.store import open_store
from narrascope.web import create_app
from narrascope.web.highlight import Span, highlight, snippet_html


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with open_store(build_corpus(tmp_path_factory.mktemp("web-pages"))) as opened:
        yield opened


@pytest.fixture(scope="module")
def client(store):
    return TestClient(create_app(store))


@pytest.fixture(scope="module")
def by_title(store):
    return {a.title: a for a in store.iter_articles() if a.duplicate_of is None}


def assert_no_live_payload(page: str):
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "<script" not in page  # our pages have no scripts at all


def test_overview_shows_counts_chart_actors_outlets_stories(client):
    page = client.get("/").text
    assert "<svg" in page and "Articles per month by narrative" in page
    assert "Anika Sorell" in page and "The Marrow Ledger" in page
    assert "/stories/story-talks" in page
    assert_no_live_payload(page)


def test_article_page_highlights_and_shows_provenance(client, by_title, store):
    article = by_title["Sorell says Veloria is ready to negotiate"]
    page = client.get(f"/articles/{article.id}").text
    assert '<span class="hl statement" title="direct statement by Anika Sorell">ready to negotiate without conditions</span>' in page
    assert f'<a href="/actors/{SORELL}">Anika Sorell</a>' in page
    assert '<span class="hl evidence" title="advances URW: Peace talks are a ploy">a ploy to buy time</span>' in page
    assert "<summary>Removed noise" in page and "header:title" in page
    assert "confidence" in page  # the date's source and confidence
    copy = next(a for a in store.iter_articles() if a.duplicate_of == article.id)
    assert f"/articles/{copy.id}" in page  # original -> copy
    assert f"/articles/{article.id}" in client.get(f"/articles/{copy.id}").text  # copy -> original


@pytest.mark.parametrize("title", [XSS_TITLE, "Festival of lanterns draws record crowds"])
def test_xss_articles_render_as_text(client, by_title, title):
    page = client.get(f"/articles/{by_title[title].id}").text
    assert_no_live_payload(page)
    assert html.escape(XSS_SCRIPT, quote=False) in page or "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=" in page
    for url in ["/", "/articles", "/search?q=harbor", "/search?q=festival", "/stories"]:
        assert_no_live_payload(client.get(url).text)


def test_search_page_marks_matches_and_escapes_snippets(client):
    page = client.get("/search", params={"q": "festival"}).text
    assert "<mark>" in page and "Festival of lanterns" in page
    assert_no_live_payload(page)
    assert "No article matches" in client.get("/search", params={"q": "zeppelin"}).text
    assert_no_live_payload(client.get("/search", params={"q": XSS_SCRIPT}).text)


def test_actor_narrative_story_pages(client):
    actor = client.get(f"/actors/{SORELL}").text
    assert "Statements over time" in actor and "ready to negotiate without conditions" in actor
    assert "2024-03-04" in actor
    narrative = client.get("/narratives/URW: Peace talks are a ploy").text
    assert "Advances (3)" in narrative and "Rebuts (1)" in narrative
    assert "a ploy to buy time" in narrative
    story = client.get("/stories/story-talks").text
    assert "3 articles" in story and "Sorell says Veloria is ready to negotiate" in story


def test_security_headers(client):
    response = client.get("/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", [
    "/static/../app.py", "/static/..%2fapp.py", "/static/%2e%2e/%2e%2e/settings/web.py", "/static/%2e%2e%2fapi.py",
    "/static/..%5capi.py", "/static//etc/passwd", "/static/%2fetc%2fpasswd", "/static/....//api.py",
    "/docs/..%2f..%2f__init__.py", "/docs/%2e%2e%2fswagger-ui.css", "/static/templates/base.html",
])
def test_no_request_reaches_the_file_system(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "import" not in response.text and "root:" not in response.text


def test_static_assets_are_served(client):
    response = client.get("/static/style.css")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/css")


def test_html_errors_for_pages(client):
    response = client.get("/articles/nope")
    assert response.status_code == 404 and "no article with this id" in response.text
    assert client.get("/articles?since=never").status_code == 422


def test_pages_degrade_when_later_stages_have_not_run(tmp_path):
    with open_store(tmp_path / "bare.db") as store:
        store.write_articles([Article(id="a1", source="a.txt", raw="x", raw_format="text", text="Plain text.",
                                      title="Only the foundation")])
        client = TestClient(create_app(store))
        overview = client.get("/").text
        assert "Nothing here yet" in overview and "stories stage" in overview
        page = client.get("/articles/a1").text
        assert "statements stage has not run" in page and "narratives stage has not run" in page
        for url in ["/actors", "/narratives", "/stories", "/search?q=plain", "/api/overview", "/api/stories"]:
            assert client.get(url).status_code == 200, url


def test_empty_corpus_pages(tmp_path):
    with open_store(tmp_path / "empty.db") as store:
        client = TestClient(create_app(store))
        assert client.get("/").status_code == 200
        assert client.get("/api/articles").json()["total"] == 0


def test_highlight_escapes_every_piece_and_ignores_bad_offsets():
    text = "<b>Sorell</b> said <i>yes</i>"
    spans = [Span(3, 9, "actor", 'PERSON: "Sorell"', '/actors/x"><script>'), Span(14, 28, "statement", "<q>"),
             Span(-1, 4, "actor", "bad"), Span(5, 500, "actor", "bad"), Span(6, 6, "actor", "empty")]
    out = str(highlight(text, spans))
    assert "<b>" not in out and "<i>" not in out and "<script>" not in out and "<q>" not in out
    assert "&lt;b&gt;" in out and "&#34;&gt;&lt;script&gt;" in out
    assert html.unescape(__import__("re").sub(r"<[^>]+>", "", out)) == text  # text survives intact


def test_overlapping_spans_combine_classes():
    out = str(highlight("abcdef", [Span(0, 4, "statement", "s"), Span(2, 6, "evidence", "e")]))
    assert '<span class="hl evidence statement" title="s; e">cd</span>' in out


def test_snippet_markers_become_marks_and_the_rest_is_escaped():
    out = str(snippet_html("a <b> [[Sorell]] and [[<i>]] end [[unclosed", ("[[", "]]")))
    assert out == "a &lt;b&gt; <mark>Sorell</mark> and <mark>&lt;i&gt;</mark> end [[unclosed"


def test_article_with_offsets_from_a_buggy_stage_still_renders(tmp_path):
    article = Article(id="b1", source="b.txt", raw="x", raw_format="text", text="Short.", title="Bad offsets",
                      quotes=[Statement("X", None, None, "said", "nothing", "direct", 3, 999)],
                      entities=[Entity("X", "PERSON", -5, 2)],
                      narratives=[NarrativeLabel("N", None, 0.5, "advances", [Evidence(10, 2, "?")])])
    with open_store(tmp_path / "bad.db") as store:
        store.write_articles([article])
        page = TestClient(create_app(store)).get("/articles/b1")
        assert page.status_code == 200 and "Short." in page.text


def test_story_pages_read_the_stories_stage_tables(tmp_path, store):
    from narrascope.stories import assign_stories

    with open_store(tmp_path / "stories.db") as fresh:
        fresh.write_articles([dataclasses.replace(a, story_id=None, thread_id=None) for a in store.iter_articles()])
        assign_stories(fresh)
        client = TestClient(create_app(fresh))
        stories = client.get("/api/stories").json()["items"]
        assert stories and all(s["id"].startswith("s-") for s in stories)
        talks = next(s for s in stories if s["articles"] >= 2)
        page = client.get(f"/stories/{talks['id']}").text
        assert "Top actors" in page and talks["label"] in html.unescape(page)
        assert f"/stories/{talks['id']}" in client.get("/").text
