"""The statements stage on the real spaCy model: fixtures for each shape and trap, and the seeds.

Fixtures are about fictional people (tests/fixtures/statements/). The seeds are read from
../shared/seeds and asserted with speaker names and a few words, never copied.
"""
from pathlib import Path

import pytest

from narrascope.model import Article
from narrascope.stages.statements import StatementsStage, extract_statements

pytestmark = pytest.mark.model

FIXTURES = Path(__file__).parent / "fixtures" / "statements"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="module")
def nlp():
    from narrascope.stages.nlp import load_model

    return load_model()


def statements_of(nlp, text, published="2031-03-12"):
    found = extract_statements(nlp(text), published)
    for s in found:
        assert text[s.start:s.end] == s.text  # offsets point at the content
    return found


def find(statements, speaker, words):
    hits = [s for s in statements if s.speaker and speaker in s.speaker and words in s.text]
    assert hits, f"no statement by {speaker!r} containing {words!r}: {[(s.speaker, s.text[:40]) for s in statements]}"
    return hits[0]


@pytest.fixture(scope="module")
def shapes(nlp):
    return statements_of(nlp, (FIXTURES / "shapes.txt").read_text(encoding="utf-8"))


def test_indirect_said_that_with_date(shapes):
    s = find(shapes, "Anika Sorell", "ready to reopen")
    assert (s.kind, s.cue, s.said_on) == ("indirect", "said", "2031-03-10")
    assert not s.text.startswith("that ")


def test_direct_quote_then_cue(shapes):
    s = find(shapes, "Sorell", "not be rushed")
    assert (s.kind, s.cue) == ("direct", "told")
    assert s.text.endswith("agreement")  # no closing comma or quote mark


def test_cue_colon_quote(shapes):
    assert find(shapes, "Taro Menks", "drills will continue").kind == "direct"


def test_according_to(shapes):
    s = find(shapes, "VelPress", "approved the new budget")
    assert (s.cue, s.kind) == ("according to", "indirect")


@pytest.mark.parametrize("speaker, words, cue", [
    ("Mira Castel", "betrayal of voters", "tweeted"),
    ("Castel", "independent audit", "called for"),
    ("Sorell", "payments had been made", "denied"),
])
def test_indirect_cue_verbs(shapes, speaker, words, cue):
    assert find(shapes, speaker, words).cue == cue


def test_mixed_with_single_quoted_fragment(shapes):
    s = find(shapes, "Menks", "negotiate with every party")
    assert s.kind == "mixed" and s.text.startswith("he was ready")


def test_reported_through_agency(shapes):
    s = find(shapes, "prime minister", "never sign a deal")
    assert s.via == "the wire agency VelPress"
    assert s.kind == "mixed" and s.said_on == "2031-03-09"
    assert not [x for x in shapes if x.speaker and "VelPress" in x.speaker and "never sign" in x.text]


def test_according_to_outlet_becomes_via(shapes):
    assert find(shapes, "Castel", "plan was fair").via == "The Marrow Ledger"


def test_split_quote_gives_two_statements_same_speaker(nlp):
    found = statements_of(nlp, (FIXTURES / "split_and_later.txt").read_text(encoding="utf-8"))
    first, second = find(found, "Sorell", "harbour will reopen"), find(found, "Sorell", "ferries are ready")
    assert first.kind == second.kind == "direct"


def test_speaker_named_in_the_next_sentence(nlp):
    found = statements_of(nlp, (FIXTURES / "split_and_later.txt").read_text(encoding="utf-8"))
    assert find(found, "Menks", "Nobody in the cabinet").kind == "direct"


def test_long_quote_without_cue_kept_without_speaker(nlp):
    found = statements_of(nlp, (FIXTURES / "split_and_later.txt").read_text(encoding="utf-8"))
    hit = [s for s in found if "goalposts" in s.text]
    assert hit and hit[0].speaker is None and hit[0].speaker_actor_id is None


def test_traps_scare_quotes_and_titles(nlp):
    found = statements_of(nlp, (FIXTURES / "traps.txt").read_text(encoding="utf-8"))
    texts = " | ".join(s.text for s in found)
    for term in ("border adjustment", "paper shield", "Harbour Accord"):
        assert not any(s.text.strip("“”\"") == term for s in found), texts
    titled = find(found, "aides", "Long Winter")
    assert titled.kind == "indirect"  # a quoted title is not a quotation


def test_no_published_date_no_said_on(nlp):
    found = statements_of(nlp, "Foreign Minister Anika Sorell said on Monday that the port was open.", None)
    assert found and found[0].said_on is None


def test_stage_sets_quotes_and_declares_its_field():
    stage = StatementsStage()
    assert (stage.name, stage.writes) == ("statements", ("quotes",))
    article = Article(id="x", source="x", raw="", raw_format="text", text="")
    stage(article)
    assert article.quotes == []


def test_stage_on_article(nlp):
    text = "“We will not be rushed into a bad agreement,” Sorell told reporters on Monday."
    article = Article(id="a1", source="a1", raw=text, raw_format="text", text=text, published="2031-03-12")
    StatementsStage()(article)
    assert [(q.speaker, q.said_on) for q in article.quotes] == [("Sorell", "2031-03-10")]


# ---- seeds ------------------------------------------------------------------------------------------

def seed_text(prefix):
    paths = sorted(SEEDS.glob(prefix + "_*.txt")) if SEEDS.is_dir() else []
    if not paths:
        pytest.skip("seeds not available")
    raw = paths[0].read_text(encoding="utf-8")
    try:
        from narrascope.stages.clean import clean_text
    except ImportError:
        return raw.replace("\u00a0", " ")
    return clean_text(raw).text


@pytest.fixture(scope="module")
def cnn(nlp):
    return statements_of(nlp, seed_text("002"), None)


@pytest.mark.parametrize("speaker, words", [
    ("Kuleba", "UN-brokered"),
    ("Institute for the Study of War", "putative discussions"),
    ("ISW", "rhetorical line"),
    ("ISW", "deliberate information campaign"),
    ("Lavrov", "demilitarization"),
    ("Lavrov", "one thing left"),
    ("Podolyak", "come back to reality"),
    ("Podolyak", "single-handedly"),  # the quote's second part, after the attribution
    ("Kirby", "Quite the contrary"),
    ("Rodnyansky", "buy time"),
    ("Rodnyansky", "blitzkrieg"),
])
def test_cnn_seed_speakers(cnn, speaker, words):
    find(cnn, speaker, words)


def test_cnn_seed_putin_via_tass(cnn):
    s = find(cnn, "Russian President", "negotiate with everyone")
    assert "TASS" in s.via and s.kind == "mixed"


def test_cnn_seed_kirby_via_reuters(cnn):
    assert find(cnn, "Kirby", "zero indication").via == "Reuters"


def test_cnn_seed_scare_quote_is_not_a_statement(cnn):
    assert not [s for s in cnn if s.text.startswith("special military operation")]


def test_lukashenko_seed(nlp):
    found = statements_of(nlp, seed_text("001"), None)
    assert find(found, "Lukashenko", "need for negotiations").cue == "stated"
    assert find(found, "Lukashenko", "goals of the SMO").kind == "mixed"


def test_astana_seed(nlp):
    found = statements_of(nlp, seed_text("000"), None)
    find(found, "Putin", "ready for negotiations")
    find(found, "Meduza", "")
    find(found, "journalists", "buy time")


def test_nested_single_quotes_stay_in_the_direct_quote(shapes):
    s = find(shapes, "Castel", "a trap for the hesitant")
    assert s.kind == "direct" and s.text.startswith("The minister called")


@pytest.mark.parametrize("speaker, words, cue", [
    ("Oren Vasko", "hurt the northern ports", "writes"),
    ("Menks", "reserves would be exhausted", "warned"),
    ("Sorell", "harbour had never been closed", "claimed"),
    ("Castel", "need for an early election", "stated"),
])
def test_more_indirect_cues(shapes, speaker, words, cue):
    assert find(shapes, speaker, words).cue == cue


def test_speaker_named_two_sentences_later(nlp):
    found = statements_of(nlp, (FIXTURES / "two_sentences_later.txt").read_text(encoding="utf-8"))
    assert find(found, "VelPress", "without a licence").kind == "direct"


def test_reporting_cue_is_not_via_for_an_adverbial_clause(shapes):
    assert find(shapes, "analysts", "both sides still wanted").via is None
    assert find(shapes, "VelPress", "ferry talks had stalled").cue == "reported"
