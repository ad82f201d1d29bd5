"""The REST API in-process (Starlette TestClient): every endpoint, bad parameters, the error shape, the token."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_corpus import IVERSEN, NARRATIVE, SORELL, XSS_TITLE, build_corpus

from narrascope.store import open_store
from narrascope.web import TokenRequiredError, create_app
from narrascope.web.security import resolve_token


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = build_corpus(tmp_path_factory.mktemp("web-api"))
    with open_store(db) as opened:
        yield opened


@pytest.fixture(scope="module")
def client(store):
    return TestClient(create_app(store))


@pytest.fixture(scope="module")
def ids(store):
    return {a.title: a.id for a in store.iter_articles() if a.duplicate_of is None}


def assert_error(response, status: int, code: str):
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]


def test_overview_counts_everything(client):
    body = client.get("/api/overview").json()
    assert body["counts"]["articles"] == 6
    assert body["counts"]["duplicates"] == 1
    assert body["counts"]["statements"] >= 4
    assert [a["id"] for a in body["top_actors"]][:2] == [SORELL, IVERSEN]
    assert {o["outlet"] for o in body["outlets"]} == {"The Marrow Ledger", "The Harbor Courier"}
    assert body["latest_stories"][0]["id"] == "story-talks"


def test_articles_filters_and_pages(client):
    everything = client.get("/api/articles").json()
    assert everything["total"] == 6
    assert [a["published"] for a in everything["items"]] == sorted((a["published"] for a in everything["items"]), reverse=True)
    assert client.get("/api/articles", params={"outlet": "The Harbor Courier"}).json()["total"] == 2
    assert client.get("/api/articles", params={"since": "2024-04", "until": "2024-04-30"}).json()["total"] == 2
    assert client.get("/api/articles", params={"actor": IVERSEN}).json()["total"] == 3
    assert client.get("/api/articles", params={"narrative": NARRATIVE}).json()["total"] == 4
    assert client.get("/api/articles", params={"story": "story-talks"}).json()["total"] == 3
    assert client.get("/api/articles", params={"thread": "thread-talks"}).json()["total"] == 3
    assert client.get("/api/articles", params={"narrative": NARRATIVE, "stance": "rebuts"}).json()["total"] == 1
    assert client.get("/api/articles", params={"originals_only": "true"}).json()["total"] == 5
    assert client.get("/api/articles", params={"q": "grain corridor"}).json()["total"] == 1
    assert client.get("/api/articles", params={"q": '"unbalanced'}).json()["total"] == 0  # not FTS5: plain words
    page2 = client.get("/api/articles", params={"per_page": 4, "page": 2}).json()
    assert (page2["total"], page2["pages"], len(page2["items"])) == (6, 2, 2)


def test_one_article_has_everything(client, ids):
    article_id = ids["Sorell says Veloria is ready to negotiate"]
    body = client.get(f"/api/articles/{article_id}").json()
    assert body["id"] == article_id and "raw" not in body
    assert body["quotes"][0]["text"] == "ready to negotiate without conditions"
    assert body["narratives"][0]["evidence"][0]["text"] == "a ploy to buy time"
    assert len(body["duplicates"]) == 1
    assert "raw" in client.get(f"/api/articles/{article_id}", params={"include_raw": "true"}).json()


def test_actors_statements_narratives_stories_timelines(client):
    assert [a["name"] for a in client.get("/api/actors").json()["items"]] == ["Anika Sorell", "Bram Iversen"]
    actor = client.get(f"/api/actors/{SORELL}").json()
    assert actor["aliases"] == ["Sorell", "Minister Anika Sorell"]
    assert actor["statements"][0]["date"] == "2024-03-04"  # said_on comes first
    assert sum(t["articles"] for t in actor["timeline"]) == 4
    quotes = client.get("/api/statements", params={"speaker": "iversen"}).json()["items"]
    assert {q["speaker_actor_id"] for q in quotes} == {IVERSEN}
    narratives = client.get("/api/narratives").json()["items"]
    assert narratives[0]["label"] == NARRATIVE and narratives[0]["rebuts"] == 1
    detail = client.get(f"/api/narratives/{NARRATIVE}").json()
    assert {i["stance"] for i in detail["items"]} == {"advances", "rebuts"}
    assert client.get("/api/stories").json()["items"][0]["articles"] == 3
    assert len(client.get("/api/stories/story-talks").json()["items"]) == 3
    timeline = client.get("/api/timelines/narratives", params={"by": "day"}).json()["items"]
    assert timeline[0]["period"] == "2024-03-03"
    assert client.get(f"/api/timelines/actors/{IVERSEN}").json()["items"][0]["period"] == "2024-03"
    said = client.get("/api/timelines/statements", params={"actor": IVERSEN}).json()["items"]
    assert {s["speaker_actor_id"] for s in said} == {IVERSEN}


def test_search_returns_ranked_hits_with_raw_markers(client):
    hits = client.get("/api/search", params={"q": "festival"}).json()["items"]
    assert hits[0]["title"] == "Festival of lanterns draws record crowds"
    assert "[[" in hits[0]["snippet"]
    xss = client.get("/api/search", params={"q": "harbor strike"}).json()["items"]
    assert xss[0]["title"] == XSS_TITLE  # JSON carries the text as it is; escaping is the page's job


@pytest.mark.parametrize("url, parameter", [
    ("/api/articles?since=yesterday", "since"),
    ("/api/articles?until=2024-13-45x", "until"),
    ("/api/articles?page=0", "page"),
    ("/api/articles?per_page=100000", "per_page"),
    ("/api/articles?stance=supports", "stance"),
    ("/api/articles?since=2024-13", "since"),
    ("/api/articles?page=two", "page"),
    ("/api/timelines/narratives?by=year", "by"),
    ("/api/search", "q"),
    ("/api/search?q=", "q"),
    ("/api/actors?limit=-1", "limit"),
])
def test_bad_parameters_get_422_in_one_shape(client, url, parameter):
    error = assert_error(client.get(url), 422, "invalid_parameter")
    assert parameter in error["message"]
    assert error["details"][0]["parameter"] == parameter


@pytest.mark.parametrize("url", ["/api/articles/nope", f"/api/actors/nobody", "/api/stories/none",
                                 "/api/narratives/No such label", "/api/nothing-here"])
def test_unknown_things_get_404_in_one_shape(client, url):
    assert_error(client.get(url), 404, "not_found")


def test_wrong_method_gets_the_same_shape(client):
    assert_error(client.post("/api/articles"), 405, "method_not_allowed")


def test_openapi_schema_and_docs_work_offline(client):
    schema = client.get("/openapi.json").json()
    assert "/api/articles" in schema["paths"] and "/api/timelines/narratives" in schema["paths"]
    docs = client.get("/docs").text
    assert "cdn" not in docs.lower() and "https://" not in docs
    if "/docs/swagger-ui-bundle.js" in docs:
        assert client.get("/docs/swagger-ui-bundle.js").status_code == 200


def test_token_is_checked_on_every_request(store):
    client = TestClient(create_app(store, token="s3cret"))
    for url in ["/api/overview", "/", "/articles", "/static/style.css", "/openapi.json", "/docs"]:
        assert client.get(url).status_code == 401, url
    assert_error(client.get("/api/overview"), 401, "unauthorized")
    assert_error(client.get("/api/overview", headers={"Authorization": "Bearer wrong"}), 403, "forbidden")
    assert client.get("/", params={"token": "wrong"}).status_code == 403
    assert client.get("/api/overview", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    # ?token= once sets a cookie; later requests need nothing else
    first = client.get("/", params={"token": "s3cret"})
    assert first.status_code == 200 and "narrascope_token" in first.headers["set-cookie"]
    assert "httponly" in first.headers["set-cookie"].lower()
    assert client.get("/api/overview").status_code == 200


def test_public_bind_needs_a_token(monkeypatch):
    monkeypatch.delenv("NARRASCOPE_TOKEN", raising=False)
    assert resolve_token("127.0.0.1", None) is None
    with pytest.raises(TokenRequiredError, match="--token"):
        resolve_token("0.0.0.0", None)
    assert resolve_token("0.0.0.0", "t") == "t"
    monkeypatch.setenv("NARRASCOPE_TOKEN", "from-env")
    assert resolve_token("0.0.0.0", None) == "from-env"
    assert resolve_token("127.0.0.1", None) == "from-env"  # a token set is always required


def test_loopback_app_refuses_foreign_host_headers(store):
    client = TestClient(create_app(store, allowed_hosts=["127.0.0.1", "localhost"]), base_url="http://127.0.0.1:8000")
    assert client.get("/api/overview").status_code == 200
    assert client.get("/api/overview", headers={"host": "attacker.example"}).status_code == 400


def test_serve_binds_loopback_by_default_and_refuses_public_without_token(store, monkeypatch):
    import uvicorn

    from narrascope.web import serve

    monkeypatch.delenv("NARRASCOPE_TOKEN", raising=False)
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    serve(store)
    app, options = calls[0]
    assert (options["host"], options["port"]) == ("127.0.0.1", 8000)
    assert TestClient(app, base_url="http://127.0.0.1:8000").get("/api/overview").status_code == 200
    with pytest.raises(TokenRequiredError):
        serve(store, host="0.0.0.0")
    serve(store, host="0.0.0.0", token="t")
    public = TestClient(calls[1][0])
    assert public.get("/api/overview").status_code == 401
    assert public.get("/api/overview", headers={"Authorization": "Bearer t"}).status_code == 200
