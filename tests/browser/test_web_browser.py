"""What a person sees in a real browser: overview, an article, an actor, search, the XSS articles as
text (no dialog fires), the report opened from disk, and a phone-width screen. Saves the README's
screenshots to docs/screenshots/."""
from __future__ import annotations

from pathlib import Path

import pytest
from web_corpus import SORELL, XSS_IMG, XSS_SCRIPT, XSS_TITLE

from narrascope.store import open_store

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.failed = []
    page.on("requestfailed", lambda request: page.failed.append(request.url))
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


@pytest.fixture(scope="module")
def ids(corpus):
    with open_store(corpus) as store:
        return {a.title: a.id for a in store.iter_articles() if a.duplicate_of is None}


def test_overview(page, server):
    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "Overview"
    assert page.locator("dl.counts").inner_text().count("\n") >= 6
    assert page.locator("figure.chart svg polyline").count() >= 1
    assert page.get_by_role("link", name="Anika Sorell").is_visible()
    assert "The Marrow Ledger" in page.locator("body").inner_text()
    assert all(url.startswith(server) for url in page.requests)  # every asset is served locally
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "overview.png"), full_page=True)
    assert not page.dialogs and not page.failed


def test_article_highlights_and_noise(page, server, ids):
    page.goto(server + f"/articles/{ids['Sorell says Veloria is ready to negotiate']}")
    statement = page.locator(".body .hl.statement").first
    assert statement.inner_text() == "ready to negotiate without conditions"
    assert statement.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert page.locator(".body .hl.evidence").first.inner_text() == "a ploy to buy time"
    noise = page.locator("details.noise")
    assert not noise.locator("table").is_visible()
    noise.locator("summary").click()
    assert "header:title" in noise.locator("table").inner_text()
    assert page.get_by_text("Copies of this article").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "article.png"), full_page=True)
    page.locator(".body a", has_text="Anika Sorell").first.click()
    assert page.locator("h1").inner_text() == "Anika Sorell"


def test_actor_statements_on_a_timeline(page, server):
    page.goto(server + f"/actors/{SORELL}")
    timeline = page.locator("ol.timeline li")
    assert timeline.count() == 3  # the talks article, its reprint, the grain corridor
    assert timeline.first.locator("time").inner_text() == "2024-03-04"
    assert "ready to negotiate without conditions" in timeline.first.inner_text()


def test_search_from_the_header(page, server):
    page.goto(server + "/")
    page.get_by_label("Search articles").fill("grain corridor")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search?q=grain+corridor")
    hits = page.locator("ol.hits > li")
    assert hits.count() == 1 and "Grain corridor reopens" in hits.first.inner_text()
    assert page.locator("ol.hits mark").count() >= 1


def test_xss_articles_show_as_text(page, server, ids):
    page.goto(server + f"/articles/{ids[XSS_TITLE]}")
    assert page.locator("h1").inner_text() == XSS_TITLE
    assert XSS_IMG in page.locator(".body").inner_text()
    page.goto(server + f"/articles/{ids['Festival of lanterns draws record crowds']}")
    body = page.locator(".body").inner_text()
    assert XSS_SCRIPT in body and XSS_IMG in body
    page.goto(server + "/search?q=harbor")
    assert XSS_TITLE in page.locator("ol.hits").inner_text()
    assert page.locator("main img, main script").count() == 0
    assert not page.dialogs


def test_phone_width(browser, server, ids):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    for url in ["/", f"/articles/{ids['Sorell says Veloria is ready to negotiate']}"]:
        page.goto(server + url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{url} scrolls sideways by {overflow}px on a phone"
    page.screenshot(path=str(SCREENSHOTS / "article-phone.png"))
    context.close()


def test_report_opens_offline_from_disk(page, corpus, tmp_path, ids):
    from narrascope.report import write_report

    report = write_report(corpus, tmp_path / "report.html").path
    page.goto(report.as_uri())
    assert page.locator("#overview").is_visible()
    assert not page.locator(f"#article-{ids[XSS_TITLE]}").is_visible()
    page.locator("#overview a", has_text="Anika Sorell").first.click()
    assert page.locator(f"#actor-{SORELL}").is_visible() and not page.locator("#overview").is_visible()
    page.goto(report.as_uri() + f"#article-{ids[XSS_TITLE]}")
    section = page.locator(f"#article-{ids[XSS_TITLE]}")
    assert section.locator("h1").inner_text() == XSS_TITLE
    assert XSS_IMG in section.locator(".body").inner_text()
    assert not page.dialogs and not page.failed


def test_api_docs_render_offline(page, server):
    pytest.importorskip("swagger_ui_bundle", reason="the interactive docs need the swagger-ui-bundle-v2 package")
    page.goto(server + "/docs")
    page.get_by_text("/api/articles", exact=True).first.wait_for(timeout=10_000)
    assert page.get_by_text("Articles, newest first, filtered and paginated").is_visible()
    outside = [url for url in page.requests if not url.startswith(server) and not url.startswith("data:")]
    assert not outside, f"the docs page fetched {outside}"
