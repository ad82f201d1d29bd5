"""The nlp stage: model loading, entities with offsets, nlp.pipe batches, the Doc cache."""
from pathlib import Path

import pytest

from narrascope.errors import ModelNotAvailableError
from narrascope.model import Article
from narrascope.pipeline import check_stage
from narrascope.settings import nlp as nlp_settings
from narrascope.stages import nlp as nlp_module

FIXTURES = Path(__file__).parent / "fixtures" / "actors"


def make(name: str, text: str) -> Article:
    return Article(id=name, source=name, raw=text, raw_format="text", text=text)


@pytest.fixture(scope="module")
def stage():
    return nlp_module.NlpStage()


def test_missing_model_names_the_package_to_install():
    with pytest.raises(ModelNotAvailableError, match="pip install"):
        nlp_module.load_model("en_core_web_nonexistent_model")


@pytest.mark.model
def test_stage_declares_its_fields(stage):
    check_stage(stage)
    assert (stage.name, stage.reads, stage.writes) == ("nlp", ("text",), ("entities", "actors"))


@pytest.mark.model
def test_model_loads_once_per_process(stage):
    assert nlp_module.load_model() is stage.nlp
    assert nlp_module.load_model(nlp_settings.SPACY_MODEL) is stage.nlp


@pytest.mark.model
def test_entity_offsets_point_at_their_text(stage):
    articles = [make(p.name, p.read_text()) for p in sorted(FIXTURES.glob("*.txt"))]
    stage.process_batch(articles)
    for article in articles:
        for entity in article.entities:
            assert article.text[entity.start:entity.end] == entity.text, (article.id, entity)


@pytest.mark.model
def test_numbers_are_dropped_dates_kept(stage):
    article = make("n", "Anika Sorell said on Monday that 3,000 troops, 40 percent of the army, cost $2 million at 5 pm.")
    stage(article)
    labels = {e.label for e in article.entities}
    assert "DATE" in labels
    assert not labels & nlp_settings.SKIP_LABELS


@pytest.mark.model
def test_batch_and_single_agree(stage):
    texts = [p.read_text() for p in sorted(FIXTURES.glob("*.txt"))]
    batch = [make(f"b{i}", t) for i, t in enumerate(texts)]
    single = [make(f"s{i}", t) for i, t in enumerate(texts)]
    stage.process_batch(batch)
    for article in single:
        stage(article)
    assert [a.entities for a in batch] == [a.entities for a in single]
    assert [a.actors for a in batch] == [a.actors for a in single]


@pytest.mark.model
def test_doc_for_returns_the_stage_doc_and_parses_on_a_miss(stage):
    article = make("doc-cache", "Anika Sorell spoke in Dravik.")
    stage(article)
    doc = nlp_module.doc_for(article)
    assert doc is nlp_module.doc_for(article)
    assert doc.text == article.text and len(list(doc.sents)) == 1
    other = make("never-seen", "Tomas Brenn left.")
    assert nlp_module.doc_for(other).text == "Tomas Brenn left."
    changed = make("doc-cache", "A different text now.")  # same id, new text: parsed again
    assert nlp_module.doc_for(changed).text == "A different text now."


@pytest.mark.model
def test_doc_cache_is_bounded(stage, monkeypatch):
    monkeypatch.setattr(nlp_settings, "DOC_CACHE_SIZE", 3)
    stage.process_batch([make(f"bounded-{i}", "Anika Sorell spoke.") for i in range(10)])
    assert len(nlp_module._docs) == 3
    assert "bounded-9" in nlp_module._docs and "bounded-0" not in nlp_module._docs


@pytest.mark.model
def test_empty_text_gives_no_entities(stage):
    article = make("empty", "")
    article.text = None
    stage(article)
    assert article.entities == [] and article.actors == []


@pytest.mark.model
@pytest.mark.parametrize("text", [
    " ", "\n\n\n", "(", "( VISS )", "(VISS)", "The (VISS) said.", "’s", "The the the", "Sorell's",
    "Mr.", "He said. She said. It said.", "A" * 5000, "Velorian President", "President Sorell (",
    "Kremlin Kremlin White House", "Zoë Mäkelä, the Velorian envoy, said “yes”.", "The\u00a0Citadel\u200b said",
])
def test_odd_inputs_do_not_break_the_stage(stage, text):
    article = make(f"odd-{hash(text)}", text)
    stage(article)
    for entity in article.entities:
        assert text[entity.start:entity.end] == entity.text
    assert set(article.actors) == {e.actor_id for e in article.entities if e.actor_id}


@pytest.mark.model
def test_memory_zone_forgets_new_strings_and_docs(stage):
    before = len(stage.nlp.vocab.strings)
    article = make("zone", "Anika Sorell met Qwzxkv Plorbish in Dravik.")
    with nlp_module.memory_zone():
        stage.process_batch([article])
        assert nlp_module.doc_for(article).text == article.text
    assert len(stage.nlp.vocab.strings) == before
    assert "zone" not in nlp_module._docs
    assert [e.text for e in article.entities][:1] == ["Anika Sorell"]  # plain strings survive the zone
    assert nlp_module.doc_for(article).text == article.text  # parsed again outside


@pytest.mark.model
def test_a_blank_line_always_starts_a_sentence():
    from narrascope.stages.nlp import load_model

    doc = load_model()("Marrow offers talks again\n\nThe Citadel said on Monday it was ready to talk.")
    assert [s.text.strip() for s in doc.sents] == [
        "Marrow offers talks again", "The Citadel said on Monday it was ready to talk."
    ]
