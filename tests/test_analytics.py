"""Analytics queries for the API and the web: article lists with filters and pages, timelines,
counts, and clear errors for bad parameters."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narrascope.errors import NarrascopeError
from narrascope.model import Actor
from narrascope.store import analytics, open_store
from narrascope.store.analytics import InvalidParameter
from narrascope.stories import assign_stories

from test_stories_corpus import articles, rows, with_analysis


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with open_store(tmp_path_factory.mktemp("analytics") / "a.db") as s:
        items = with_analysis(articles())
        undated = articles(rows()[:1])[0]
        undated.id, undated.published, undated.outlet = "undated", None, None
        s.write_articles(items + [undated])
        s.write_actors([Actor("voss", "Petra Voss", "person"), Actor("malane", "Idris Malane", "person"),
                        Actor("sorell", "Anika Sorell", "person")])
        assign_stories(s)
        yield s


def ids(page) -> list[str]:
    return [item["id"] for item in page.items]


def test_list_articles_newest_first_in_pages(store):
    first = analytics.list_articles(store, per_page=5)
    assert first.total == 41 and first.pages == 9 and first.has_next
    assert ids(first)[0] == "h4" and "text" not in first.items[0] and "raw" not in first.items[0]
    last = analytics.list_articles(store, page=9, per_page=5)
    assert ids(last) == ["undated"] and not last.has_next
    everything = [i for p in range(1, 10) for i in ids(analytics.list_articles(store, page=p, per_page=5))]
    assert len(set(everything)) == 41


def test_list_articles_filters(store):
    march = analytics.list_articles(store, since="2025-03-10", until="2025-03", per_page=50)
    assert set(ids(march)) == {"c1", "c2", "c3", "c4", "c5"}
    assert analytics.list_articles(store, until="2025-03-02").total == 2  # that whole day
    assert set(ids(analytics.list_articles(store, outlet="Castrelle Wire", since="2025-04-20"))) == {"f1", "g1"}
    assert set(ids(analytics.list_articles(store, narrative="Peace offers", stance="advances"))) == {"f1", "g1"}
    assert analytics.list_articles(store, narrative="Castrelle wants peace").total == 9
    assert analytics.list_articles(store, actor="sorell").total == 7  # with the undated copy of a1
    story = store.query("SELECT story_id FROM articles WHERE id = 'c3'")[0]["story_id"]
    assert set(ids(analytics.list_articles(store, story=story))) == {"c1", "c2", "c3", "c4", "c5"}
    assert analytics.list_articles(store, originals_only=True).total == 39


def test_list_articles_full_text(store):
    hits = analytics.list_articles(store, q="ransomware", outlet="Sallow Evening Post")
    assert ids(hits) == ["e4"] and "ransomware" in hits.items[0]["snippet"].lower()
    assert analytics.list_articles(store, q='"ready to negotiate"').total >= 2
    assert analytics.list_articles(store, q="Castrelle's offer").total >= 1  # not FTS5: plain words
    assert analytics.list_articles(store, q="   ").total == 41  # blank: no filter


@pytest.mark.parametrize("kwargs, parameter", [
    ({"since": "2025-13-01"}, "since"), ({"until": "yesterday"}, "until"), ({"since": "2025-02-30"}, "since"),
    ({"per_page": 1000}, "per_page"), ({"per_page": 0}, "per_page"), ({"page": "two"}, "page"),
    ({"page": 1.5}, "page"), ({"stance": "supports"}, "stance"), ({"outlet": 3}, "outlet"),
])
def test_bad_parameters_are_refused_with_what_is_allowed(store, kwargs, parameter):
    with pytest.raises(InvalidParameter) as caught:
        analytics.list_articles(store, **kwargs)
    assert caught.value.parameter == parameter and isinstance(caught.value, NarrascopeError)
    assert "give" in str(caught.value) or "choose" in str(caught.value) or "from" in str(caught.value)


def test_bad_timeline_parameters(store):
    with pytest.raises(InvalidParameter, match="granularity"):
        analytics.narrative_timeline(store, granularity="hour")
    with pytest.raises(InvalidParameter, match="limit"):
        analytics.top_actors(store, limit=10_000)
    with pytest.raises(InvalidParameter, match="by"):
        analytics.statement_timeline(store, by="when")
    with pytest.raises(InvalidParameter, match="actor_id"):
        analytics.actor_timeline(store, "")


def test_narrative_timeline(store):
    rows_ = analytics.narrative_timeline(store, granularity="month")
    assert rows_ == [
        {"period": "2025-04", "label": "Castrelle wants peace", "stance": "advances", "count": 1},
        {"period": "2025-04", "label": "Castrelle wants peace", "stance": "rebuts", "count": 4},
        {"period": "2025-07", "label": "Castrelle wants peace", "stance": "advances", "count": 1},
        {"period": "2025-07", "label": "Castrelle wants peace", "stance": "rebuts", "count": 3},
    ]
    weeks = analytics.narrative_timeline(store, granularity="week", outlet="Castrelle Wire")
    assert [(r["period"], r["count"]) for r in weeks] == [("2025-04-21", 1), ("2025-07-14", 1)]  # Mondays
    by_outlet = analytics.narrative_timeline(store, granularity="year", by_outlet=True)
    assert {r["outlet"] for r in by_outlet} == {"Castrelle Wire", "Veloria Herald", "The Marrow Ledger",
                                                "Sallow Evening Post", "Radio Free Brenn"}


def test_actor_and_statement_timelines(store):
    assert analytics.actor_timeline(store, "malane", granularity="month") == [
        {"period": "2025-03", "count": 3}, {"period": "2025-04", "count": 3}, {"period": "2025-07", "count": 2}]
    days = analytics.statement_timeline(store, speaker="malane", granularity="day", since="2025-07")
    assert days == [{"period": "2025-07-14", "count": 1}, {"period": "2025-07-16", "count": 1}]
    assert analytics.statement_timeline(store, actor_id="malane", granularity="year", by="published") == [
        {"period": "2025", "count": 8}]
    per_month = analytics.article_timeline(store, granularity="month")
    months = [r["published"][:7] for r in rows()]
    assert per_month == [{"period": m, "count": months.count(m)} for m in sorted(set(months))]  # undated left out


def test_counts(store):
    outlets = analytics.outlet_counts(store)
    assert sum(o["articles"] for o in outlets) == 41 and outlets[0]["articles"] >= outlets[-1]["articles"]
    ledger = next(o for o in outlets if o["outlet"] == "The Marrow Ledger")
    assert ledger["duplicates"] == 1 and ledger["originals"] == ledger["articles"] - 1
    top = analytics.top_actors(store, limit=2)
    assert [(a["id"], a["name"], a["articles"]) for a in top] == [  # a tie goes by name
        ("malane", "Idris Malane", 8), ("voss", "Petra Voss", 8)]
    assert analytics.top_narratives(store)[0]["stance"] == "rebuts"
    summary = analytics.overview(store)
    assert summary["articles"] == 41 and summary["duplicates"] == 2 and summary["originals"] == 39
    assert summary["undated"] == 1 and summary["outlets"] == 5
    assert (summary["first_published"], summary["last_published"]) == ("2025-03-02", "2025-07-19")
    assert summary["stories"] == 8 and summary["statements"] == 8 and summary["actors"] == 3


def test_an_undated_article_joins_the_story_it_tells(store):
    links = {r["id"]: r["story_id"] for r in store.query("SELECT id, story_id FROM articles")}
    assert links["undated"] == links["a1"] is not None


def test_overview_gives_the_span_under_the_webs_names_too(store):
    summary = analytics.overview(store)
    assert (summary["first"], summary["last"]) == (summary["first_published"], summary["last_published"])


def test_overview_counts_stories_and_actors_from_the_articles_before_their_stages_ran(tmp_path):
    items = with_analysis(articles())
    for i, item in enumerate(items):
        item.story_id = f"story-{i % 3}"
    with open_store(tmp_path / "early.db") as s:
        s.write_articles(items)
        summary = analytics.overview(s)
    assert summary["stories"] == 3  # no stories table rows yet: the distinct story ids
    assert summary["actors"] == len({a for item in items for a in item.actors})  # no actor table yet


def test_overview_of_an_empty_store_before_any_stories(tmp_path):
    with open_store(tmp_path / "empty.db") as s:
        summary = analytics.overview(s)
    assert summary["articles"] == 0 and summary["stories"] == 0 and summary["first_published"] is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=20), since=st.one_of(st.none(), st.text(max_size=12)),
       outlet=st.one_of(st.none(), st.text(max_size=8)), page=st.one_of(st.integers(-3, 5), st.text(max_size=3)))
def test_any_input_gives_a_page_or_invalid_parameter(store, q, since, outlet, page):
    try:
        result = analytics.list_articles(store, q=q, since=since, outlet=outlet, page=page, per_page=5)
    except InvalidParameter as exc:
        assert exc.parameter in {"q", "since", "outlet", "page"}
        return
    assert 0 <= len(result.items) <= 5 and result.total >= len(result.items)
