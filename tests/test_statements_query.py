"""select_quotes: the filters behind `narrascope quotes` (pure, no model)."""
from narrascope.model import Article, Statement
from narrascope.stages.statements_query import select_quotes, statement_day


def article(published, *quotes):
    return Article(id=published or "none", source="x", raw="", raw_format="text", published=published,
                   quotes=list(quotes))


def said(speaker, text, said_on=None, actor=None, via=None):
    return Statement(speaker, actor, via, "said", text, "indirect", 0, len(text), said_on)


CORPUS = [
    article("2031-03-12", said("Anika Sorell", "the border will reopen", "2031-03-10", "person:anika-sorell"),
            said("the Russian leader", "ready to negotiate", None, "person:x", via="VelPress")),
    article(None, said("Taro Menks", "the drills will continue")),
]


def texts(**filters):
    return [s.text for _, s in select_quotes(CORPUS, **filters)]


def test_speaker_by_name_via_or_actor_id():
    assert texts(speaker="sorell") == ["the border will reopen"]
    assert texts(speaker="VelPress") == ["ready to negotiate"]
    assert texts(speaker="person:x") == ["ready to negotiate"]


def test_contains_is_case_insensitive():
    assert texts(contains="NEGOTIATE") == ["ready to negotiate"]


def test_dates_use_said_on_else_published_and_skip_undated():
    assert texts(since="2031-03-11") == ["ready to negotiate"]  # published 03-12, said_on unknown
    assert texts(until="2031-03-10") == ["the border will reopen"]
    assert "the drills will continue" not in texts(since="2000-01-01")


def test_statement_day():
    assert statement_day(said("a", "b c", "2031-01-02"), "2031-02-01") == "2031-01-02"
    assert statement_day(said("a", "b c"), "2031-02-01T10:00:00") == "2031-02-01"
    assert statement_day(said("a", "b c"), None) is None
