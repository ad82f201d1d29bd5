"""Dependency-parse features of framed mentions (framing_syntax.py): who acts on whom, passive voice,
negation, compounds; only the sentences that mention an actor are parsed; the framing stage reuses
the nlp stage's parse instead of parsing again."""
from pathlib import Path

import pytest

from narrascope.model import Article, Entity
from narrascope.semeval import load_split
from narrascope.stages.framing_actors import Mention
from narrascope.stages.framing_syntax import parse_context, syntax_tokens
from narrascope.stages.narratives_text import split_sentences

FIXTURES = Path(__file__).parent / "fixtures" / "semeval"


def mention(text: str, name: str, occurrence: int = 0) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(name, start + 1)
    return Mention(name, start, start + len(name), None, [(start, start + len(name))])


def blank_parser():
    import spacy

    nlp = spacy.blank("en")
    seen: list[str] = []

    def parse(texts: list[str]):
        seen.extend(texts)
        return [nlp(t) for t in texts]

    return parse, seen


def test_parse_context_parses_only_the_sentences_with_mentions():
    text = "Rain fell on Castavar all week. Brannock attacked the port. Calm followed at last. Nobody came."
    parse, seen = blank_parser()
    sentences = split_sentences(text)
    parses = parse_context(sentences, [mention(text, "Brannock")], parse)
    assert seen == ["Brannock attacked the port."]
    assert [offset for offset, _ in parses] == [text.index("Brannock")]
    # without deps the features still name the mention's tokens' (empty) function, never crash
    assert syntax_tokens(parses, mention(text, "Brannock"))[0].startswith("dep=")
    assert syntax_tokens(parses, mention(text, "Castavar")) == ["no_parse"]  # its sentence was not parsed


@pytest.fixture(scope="module")
def parsed():
    from narrascope.stages.framing_syntax import spacy_parser

    def features(text: str, name: str, occurrence: int = 0) -> set[str]:
        m = mention(text, name, occurrence)
        return set(syntax_tokens(parse_context(split_sentences(text), [m], spacy_parser), m))

    return features


@pytest.mark.model
def test_agent_and_patient_of_a_harm_verb(parsed):
    text = "Minister Anika Sorell said on Monday that Brannock attacked Castavar."
    assert {"F_side=agent", "F_agent:attack", "F_agent:C_harm"} <= parsed(text, "Brannock")
    assert {"F_side=patient", "F_patient:attack", "F_patient:C_harm"} <= parsed(text, "Castavar")
    assert {"agent:C_say", "F_agent:say"} <= parsed(text, "Anika Sorell")


@pytest.mark.model
def test_passive_voice_puts_the_by_phrase_on_the_agent_side(parsed):
    text = "The village of Castavar was bombed by Brannock."
    by = parsed(text, "Brannock")
    assert {"side=agent", "agent:bomb", "F_agent:C_harm"} <= by
    assert "side=patient" not in by


@pytest.mark.model
def test_negation_compounds_and_modifiers(parsed):
    text = "The Brannock regime did not help the Ostmark council."
    regime = parsed(text, "Brannock")
    assert {"cmp=regime", "neg", "neg:agent:C_help"} <= regime
    assert "mod=brave" in parsed("Everyone admired brave Ostmark.", "Ostmark")


def test_stage_reuses_the_nlp_parse(monkeypatch):
    """With entities (the nlp stage ran), the parse comes from doc_for, and nothing is parsed again."""
    import spacy

    from narrascope.stages import framing
    from narrascope.stages.framing import FramingStage, training_matrix
    from narrascope.stages.framing_features import FeatureOptions
    from narrascope.stages.framing_train import FramingModel, SupervisedFraming
    from test_framing import WordEncoder

    parse, seen = blank_parser()
    split = load_split(FIXTURES)
    options = FeatureOptions(article_vector=True, word_features=True, syntax=True, syntax_weight=2.0)
    X = training_matrix(WordEncoder(), split.documents, split.roles, options, parse)
    assert seen and all(s in "".join(split.documents.values()) for s in seen)
    model = FramingModel(C=10.0, options=options).fit(X, [r.main_role for r in split.roles], [r.fine_roles for r in split.roles])
    assert model.columns is not None and X[:, model.columns].nnz == X.nnz < X.shape[1]  # unused hashed columns dropped

    text = "Brannock lies to everyone. Anika Sorell defends Castavar. Brannock lies again."
    nlp = spacy.blank("en")
    docs = []
    monkeypatch.setattr(framing, "doc_for", lambda article: docs.append(nlp(article.text)) or docs[-1])
    article = Article(id="a", source="a", raw=text, raw_format="text", text=text,
                      entities=[Entity("Brannock", "ORG", 0, 8), Entity("Brannock", "ORG", 55, 63)])
    seen.clear()
    stage = FramingStage(encoder=WordEncoder())
    stage._framer = SupervisedFraming(model, WordEncoder(), parse)
    stage(article)
    assert len(docs) == 1 and seen == []
    assert [r.actor for r in article.roles] == ["Brannock"]
    no_entities = Article(id="b", source="b", raw=text, raw_format="text", text=text)
    stage(no_entities)  # no nlp stage: only the actors' sentences are parsed, by the framer's parser
    assert len(docs) == 1 and seen and len(seen) <= len(split_sentences(text))
