"""resolve_mention and resolve_pronoun: what the statements stage calls to name a speaker."""
from pathlib import Path

import pytest

from narrascope.model import Article
from narrascope.stages.actors import resolve_mention, resolve_pronoun
from narrascope.stages.nlp import NlpStage, doc_for

pytestmark = pytest.mark.model
FIXTURES = Path(__file__).parent / "fixtures" / "actors"


@pytest.fixture(scope="module")
def parsed():
    text = (FIXTURES / "pronouns.txt").read_text()
    article = Article(id="pronouns", source="pronouns.txt", raw=text, raw_format="text", text=text)
    NlpStage()(article)
    return article, doc_for(article)


def token_after(doc, anchor: str, word: str) -> int:
    """Index of the first token `word` after the text `anchor`."""
    start = doc.text.index(anchor) + len(anchor)
    return next(t.i for t in doc if t.idx >= start and t.text == word)


def span(text: str, phrase: str, after: str = "") -> tuple[int, int]:
    start = text.index(phrase, text.index(after) if after else 0)
    return start, start + len(phrase)


def test_names_titles_and_roles_resolve(parsed):
    article, doc = parsed
    text = article.text
    assert resolve_mention(article, doc, *span(text, "Anika Sorell")) == "person:anika-sorell"
    assert resolve_mention(article, doc, *span(text, "Velorian Foreign Minister Anika Sorell")) == "person:anika-sorell"
    assert resolve_mention(article, doc, *span(text, "Tomas Brenn")) == "person:tomas-brenn"
    assert resolve_mention(article, doc, *span(text, "Sorell's deputy")) == "person:tomas-brenn"
    assert resolve_mention(article, doc, *span(text, "Marrow Ledger")) == "org:marrow-ledger"


def test_role_noun_span_not_stored_as_an_entity_is_matched_against_earlier_titles(parsed):
    article, doc = parsed
    # "the Velorian foreign minister" is not in the text: build an article where it is
    text = article.text + " Later the foreign minister spoke again."
    extended = Article(id="pronouns-2", source="x", raw=text, raw_format="text", text=text)
    NlpStage()(extended)
    extended.entities = [e for e in extended.entities if e.start < len(article.text)]  # drop the stage's own tie
    doc2 = doc_for(extended)
    assert resolve_mention(extended, doc2, *span(text, "the foreign minister", "Later")) == "person:anika-sorell"


def test_pronouns_and_common_nouns_do_not_resolve_as_mentions(parsed):
    article, doc = parsed
    assert resolve_mention(article, doc, *span(article.text, "she", '"We are ready,"')) is None
    assert resolve_mention(article, doc, *span(article.text, "the border")) is None
    assert resolve_mention(article, doc, *span(article.text, "reporters")) is None


def test_he_and_she_resolve_to_the_recent_subject(parsed):
    article, doc = parsed
    assert resolve_pronoun(article, doc, token_after(doc, '"We are ready,"', "she")) == "person:anika-sorell"
    assert resolve_pronoun(article, doc, token_after(doc, "stay open.", "He")) == "person:tomas-brenn"


def test_its_resolves_to_the_outlet(parsed):
    article, doc = parsed
    assert resolve_pronoun(article, doc, token_after(doc, "published the remarks.", "Its")) == "org:marrow-ledger"


def test_two_equally_recent_people_leave_the_pronoun_unresolved(parsed):
    article, doc = parsed
    assert resolve_pronoun(article, doc, token_after(doc, "met in Dravik.", "He")) is None


def test_gender_cue_rules_a_candidate_out(parsed):
    article, doc = parsed
    assert resolve_pronoun(article, doc, token_after(doc, "arrived on Tuesday.", "He")) is None


def test_they_and_non_pronouns_are_never_resolved(parsed):
    article, doc = parsed
    assert resolve_pronoun(article, doc, token_after(doc, "told", "reporters")) is None
    assert resolve_pronoun(article, doc, token_after(doc, '"', "We")) is None
