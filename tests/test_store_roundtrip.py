"""Hypothesis: any Article written to the store and read back is equal to the original."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narrascope.model import Actor, Article, Entity, Evidence, NarrativeLabel, Removed, Role, StageError, Statement
from narrascope.store import open_store

text = st.text(max_size=40)  # any unicode, lone surrogates included
maybe_text = st.none() | text
small_int = st.integers(min_value=-(2**40), max_value=2**40)
finite = st.floats(allow_nan=False, allow_infinity=False)
json_value = st.recursive(
    st.none() | st.booleans() | small_int | finite | text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=8,
)
evidence = st.builds(Evidence, small_int, small_int, text)
statements = st.builds(
    Statement, maybe_text, maybe_text, maybe_text, maybe_text, text,
    st.sampled_from(["direct", "indirect", "mixed"]), small_int, small_int, maybe_text,
)
narratives = st.builds(
    NarrativeLabel, text, maybe_text, finite, st.sampled_from(["advances", "rebuts"]), st.lists(evidence, max_size=2)
)
roles = st.builds(
    Role, text, maybe_text, small_int, small_int, st.sampled_from(["Protagonist", "Antagonist", "Innocent"]),
    st.lists(text, max_size=3), finite, st.lists(evidence, max_size=2),
)
articles = st.builds(
    Article,
    id=st.text(min_size=1, max_size=20),
    source=text,
    raw=text,
    raw_format=st.sampled_from(["text", "html"]),
    given=st.dictionaries(text, json_value, max_size=3),
    url=maybe_text,
    extracted=maybe_text,
    html_meta=st.dictionaries(text, json_value, max_size=3),
    text=maybe_text,
    removed=st.lists(st.builds(Removed, text, text, small_int), max_size=3),
    header=st.dictionaries(text, text, max_size=3),
    title=maybe_text, subtitle=maybe_text, published=maybe_text, published_from=maybe_text,
    published_confidence=st.none() | finite,
    outlet=maybe_text, author=maybe_text, genre=maybe_text, language=maybe_text,
    word_count=small_int, truncated=st.booleans(), content_hash=maybe_text, duplicate_of=maybe_text,
    entities=st.lists(st.builds(Entity, text, text, small_int, small_int, maybe_text), max_size=3),
    actors=st.lists(text, max_size=3),
    quotes=st.lists(statements, max_size=3),
    narratives=st.lists(narratives, max_size=2),
    roles=st.lists(roles, max_size=2),
    story_id=maybe_text, thread_id=maybe_text,
    errors=st.lists(st.builds(StageError, text, text), max_size=2),
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(articles, min_size=1, max_size=4, unique_by=lambda a: a.id))
def test_any_article_round_trips(batch):
    with open_store(":memory:") as store:
        store.write_articles(batch)
        for original in batch:
            assert store.get(original.id) == original
        assert sorted(a.id for a in store.iter_articles()) == sorted(a.id for a in batch)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.builds(Actor, text, text, text, st.lists(text, max_size=3), small_int, small_int, maybe_text),
                max_size=4, unique_by=lambda a: a.id))
def test_any_actor_round_trips(actors):
    with open_store(":memory:") as store:
        store.write_actors(actors)
        assert sorted(store.actors(), key=lambda a: a.id) == sorted(actors, key=lambda a: a.id)
