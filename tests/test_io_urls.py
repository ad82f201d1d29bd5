"""URLs: a local HTTP server stands in for the web (the test machine is offline)."""
from __future__ import annotations

import http.server
import threading
import time

import pytest

from narrascope.errors import InputError
from narrascope.io import RawDocument
from narrascope.io.read import read_paths

FEED = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Calvar Courier</title>
<item><title>Port reopens</title><link>https://calvar-courier.example/port</link><guid>cc-1</guid>
<description>&lt;p&gt;The port of Calvar reopened.&lt;/p&gt;</description></item></channel></rss>"""
PAGE_CP1251 = "<html><head><title>Велория</title></head><body><p>Сорель прибыла в порт.</p></body></html>"

ROUTES = {
    "/feed": ("application/rss+xml", FEED.encode("utf-8")),
    "/page": ("text/html; charset=windows-1251", PAGE_CP1251.encode("cp1251")),
    "/feed-as-text": ("text/plain", FEED.encode("utf-8")),
    "/big": ("text/plain", b"x" * 5000),
    "/empty": ("text/html", b""),
}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path not in ROUTES:
            self.send_error(404, "Not Found")
            return
        content_type, body = ROUTES[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # the client hung up on /slow on purpose


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_feed_url_yields_its_entries(server):
    [doc] = read_paths([f"{server}/feed"])
    assert doc.source == f"{server}/feed#cc-1" and doc.content == "<p>The port of Calvar reopened.</p>"
    assert doc.given["outlet"] == "Calvar Courier" and doc.url == "https://calvar-courier.example/port"


def test_page_url_is_html_decoded_with_the_http_charset(server):
    [doc] = read_paths([f"{server}/page"])
    assert doc == RawDocument(source=f"{server}/page", content=PAGE_CP1251, format="html", url=f"{server}/page")


def test_feed_served_as_text_is_sniffed(server):
    [doc] = read_paths([f"{server}/feed-as-text"])
    assert doc.source.endswith("#cc-1")


def test_http_errors_size_cap_and_empty_responses(server):
    missing, big, empty = read_paths([f"{server}/nope", f"{server}/big", f"{server}/empty"], max_bytes=1000)
    assert "HTTP 404" in missing.reason
    assert big.reason == "response is larger than the 1000 bytes limit"
    assert empty.reason == "empty response"


def test_offline_url_fails_fast_with_a_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text("Anika Sorell", encoding="utf-8")
    start = time.perf_counter()
    error, doc = read_paths(["https://feeds.narrascope.invalid/rss", tmp_path / "a.txt"])
    assert time.perf_counter() - start < 10
    assert isinstance(error, InputError) and isinstance(doc, RawDocument)
    assert error.reason.startswith("could not fetch URL https://feeds.narrascope.invalid/rss (no network?)")


def test_a_hung_server_is_given_up_after_the_timeout(server, monkeypatch):
    from narrascope.settings import io as io_settings

    monkeypatch.setattr(io_settings, "URL_TIMEOUT_SECONDS", 0.5)
    start = time.perf_counter()
    [error] = read_paths([f"{server}/slow"])
    assert time.perf_counter() - start < 1.4
    assert isinstance(error, InputError) and error.reason.startswith("could not fetch URL")
