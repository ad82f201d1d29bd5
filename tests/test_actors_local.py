"""Per-article actors on fictional fixtures: every merge rule and the traps."""
from pathlib import Path

import pytest

from narrascope.model import Article
from narrascope.settings import actors as actor_settings
from narrascope.stages.actors_merge import apply_remap, merge_actors
from narrascope.stages.nlp import NlpStage

pytestmark = pytest.mark.model
FIXTURES = Path(__file__).parent / "fixtures" / "actors"


@pytest.fixture(scope="module")
def stage():
    return NlpStage()


@pytest.fixture
def citadel(monkeypatch):
    """The metonym table is the extension point: a user adds their own government seat."""
    monkeypatch.setitem(actor_settings.METONYMS, "citadel", ("org:citadel", "Citadel", "gpe:veloria"))


def run(stage, name: str, text: str | None = None) -> Article:
    text = text if text is not None else (FIXTURES / name).read_text()
    article = Article(id=name, source=name, raw=text, raw_format="text", text=text)
    stage(article)
    return article


def actor_at(article: Article, text: str, nth: int = 0, label: str | None = None) -> str | None:
    hits = [e for e in article.entities if e.text == text and (label is None or e.label == label)]
    assert len(hits) > nth, f"no entity {text!r} #{nth} in {[e.text for e in article.entities]}"
    return hits[nth].actor_id


def test_title_name_surname_possessive_are_one_person(stage, citadel):
    article = run(stage, "velorian_talks.txt")
    assert actor_at(article, "Anika Sorell") == "person:anika-sorell"
    assert actor_at(article, "Velorian Foreign Minister", label="ROLE") == "person:anika-sorell"
    for nth in range(3):  # "Sorell's offer", "Sorell's deputy" twice: possessives, whatever spaCy's label
        assert actor_at(article, "Sorell", nth) == "person:anika-sorell"
    assert actor_at(article, "Brenn") == "person:tomas-brenn"


def test_role_nouns_tied_by_title_apposition_and_leader(stage, citadel):
    article = run(stage, "velorian_talks.txt")
    assert actor_at(article, "foreign minister", label="ROLE") == "person:anika-sorell"  # "The foreign minister told"
    assert actor_at(article, "Sorell's deputy", 0) == "person:tomas-brenn"  # apposition
    assert actor_at(article, "Sorell's deputy", 1) == "person:tomas-brenn"  # later reference
    assert actor_at(article, "Velorian leader") == "person:marek-oduya"  # leader ~ president


def test_abbreviation_defined_in_parentheses_is_one_organisation(stage, citadel):
    article = run(stage, "velorian_talks.txt")
    institute = "org:veloria-institute-for-strategic-studies"
    assert actor_at(article, "Veloria Institute for Strategic Studies") == institute
    assert actor_at(article, "VISS", 0) == institute
    assert actor_at(article, "VISS", 1) == institute  # "the VISS had been consulted"


def test_metonym_gets_its_own_actor_linked_to_the_government(stage, citadel):
    article = run(stage, "velorian_talks.txt")
    assert {e.actor_id for e in article.entities if e.text == "Citadel"} == {"org:citadel"}
    actors, _ = merge_actors([article])
    table = {a.id: a for a in actors}
    assert table["org:citadel"].linked_to == "gpe:veloria"
    assert table["gpe:veloria"].name == "Veloria"  # the link target is in the table


def test_article_actors_in_order_of_first_mention(stage, citadel):
    article = run(stage, "velorian_talks.txt")
    assert article.actors[0] == "person:anika-sorell"
    assert len(article.actors) == len(set(article.actors))
    assert set(article.actors) == {e.actor_id for e in article.entities if e.actor_id}


def test_pronouns_and_common_nouns_get_no_actor(stage):
    article = run(stage, "common_nouns.txt")
    assert article.actors == []
    lowered = {e.text.lower() for e in article.entities}
    assert not lowered & {"he", "she", "they", "the ministry", "the government", "the spokesman", "officials"}


def test_same_surname_stays_separate_and_the_bare_surname_unresolved(stage):
    article = run(stage, "same_surname.txt")
    assert actor_at(article, "Anika Sorell") == "person:anika-sorell"
    assert actor_at(article, "Tomas Sorell") == "person:tomas-sorell"
    assert actor_at(article, "Sorell") is None


def test_the_president_with_two_presidents_stays_unresolved(stage):
    article = run(stage, "two_presidents.txt")
    sentence = article.text.index("The president said")
    assert not [e for e in article.entities if e.start == sentence + 4 and e.label == "ROLE"]
    assert actor_at(article, "Ostrian president", label="ROLE") == "person:lena-vask"  # the modifier decides


def test_copula_ties_a_role(stage):
    article = run(stage, "copula.txt")
    assert actor_at(article, "Marsh") == "person:lina-marsh"
    assert actor_at(article, "ambassador", label="ROLE") == "person:lina-marsh"  # "the ambassador said"


def test_untied_role_noun_stays_unresolved(stage):
    article = run(stage, "untied.txt", "Anika Sorell visited Dravik. The ambassador said the border would stay open.")
    assert not [e for e in article.entities if e.label == "ROLE"]


def test_organisation_named_after_a_descriptor_noun(stage):
    article = run(stage, "outlet.txt", "The Velorian outlet Marrow Ledger reported that the talks had failed.")
    assert actor_at(article, "Marrow Ledger") == "org:marrow-ledger"


def test_corpus_merge_joins_a_bare_surname_across_articles(stage, citadel):
    full = run(stage, "velorian_talks.txt")
    bare = run(stage, "bare.txt", "Oduya said on Friday that the border would reopen. Oduya's aides agreed.")
    assert "person:marek-oduya" not in bare.actors  # the article alone cannot know the full name
    actors, remap = merge_actors([full, bare])
    apply_remap(bare, remap)
    assert bare.actors == ["person:marek-oduya"]
    oduya = {a.id: a for a in actors}["person:marek-oduya"]
    assert oduya.article_count == 2
    assert "Velorian President" in oduya.aliases


def test_one_word_name_in_a_place_position_is_not_a_person(stage):
    article = run(stage, "places.txt", "Anika Sorell flew to Dravik on Monday and spent a week in Ostel before returning.")
    assert "person:ostel" not in article.actors and "person:dravik" not in article.actors
    assert "person:anika-sorell" in article.actors


def test_role_phrase_does_not_cross_punctuation(stage):
    article = run(stage, "headline.txt", "Talks are pointless without guarantees - Velorian diplomat\n")
    roles = [e.text for e in article.entities if e.label == "ROLE"]
    assert all("-" not in text and "guarantees" not in text for text in roles)


def test_a_name_whose_demonym_the_article_uses_is_a_place(stage):
    article = run(stage, "demonym.txt", "Ostrian officials met on Monday. Ostria said the border would stay open, "
                                         "and Ostria later repeated it.")
    assert "gpe:ostria" in article.actors
    assert not [a for a in article.actors if a.endswith(":ostria") and a != "gpe:ostria"]


def test_an_entity_with_a_comma_is_two_names(stage):
    article = run(stage, "comma.txt", "Anika Sorell spoke at the Veloria Institute, Dravik, on Monday.")
    assert not [e for e in article.entities if "," in e.text]
