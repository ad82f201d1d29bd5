"""Framing with tiny hand-built encoders: actor selection, zero-shot roles, SemEval rows in input order,
supervised training on the fictional fixtures (pickle + card)."""
import json
from pathlib import Path

import numpy as np
import pytest

from narrascope.errors import ModelNotAvailableError
from narrascope.model import Article, Entity
from narrascope.semeval import MentionRow, load_split, read_mentions
from narrascope.settings.framing import FINE_ROLES
from narrascope.stages.framing import FramingStage, predict_framing, train_framing
from narrascope.stages.framing_actors import salient_actors
from narrascope.stages.framing_zeroshot import ZeroShotFraming
from narrascope.stages.narratives_io import card_path, load_model

FIXTURES = Path(__file__).parent / "fixtures" / "semeval"
VOCAB = ["lies", "misleads", "protects", "defends", "suffers", "harm", "peace", "mediate", "flood", "colony",
         "forgotten", "protests", "minister", "brannock"]


class WordEncoder:
    """Bag of VOCAB words, hashed leftovers in a few extra dimensions; rows L2-normalised."""

    def encode(self, texts):
        rows = []
        for text in texts:
            low = text.lower()
            row = [low.count(w) for w in VOCAB] + [sum(map(ord, low)) % 7 / 7.0, len(low) % 5 / 5.0, 0.01]
            row = np.array(row, dtype=np.float32)
            rows.append(row / np.linalg.norm(row))
        return np.array(rows, dtype=np.float32).reshape(len(texts), len(VOCAB) + 3)


def test_salient_actors_from_entities_and_fallback():
    text = "Anika Sorell met Tomas Reuel. Sorell spoke first. Anika Sorell left; Reuel stayed in Castavar."
    art = Article(id="a", source="a", raw=text, raw_format="text", text=text)
    names = [m.name for m in salient_actors(art)]
    assert names[0] == "Anika Sorell" and "Castavar" not in names[:1]
    art.entities = [Entity("Tomas Reuel", "PERSON", 17, 28, "p2"), Entity("Reuel", "PERSON", 70, 75, "p2"),
                    Entity("Castavar", "GPE", 88, 96, None), Entity("Monday", "DATE", 0, 1, None)]
    actors = salient_actors(art)
    assert actors[0].name == "Tomas Reuel" and actors[0].actor_id == "p2" and len(actors[0].spans) == 2
    assert all(m.name != "Monday" for m in actors)


def test_zero_shot_picks_role_and_evidence_sentence():
    text = "The Marrow Ledger lies and misleads its readers every day. Doctor Ilse Varga protects and defends the village."
    art = Article(id="a", source="a", raw=text, raw_format="text", text=text)
    art.entities = [Entity("The Marrow Ledger", "ORG", 0, 17, None), Entity("Ilse Varga", "PERSON", 66, 76, None)]
    stage = FramingStage(encoder=WordEncoder())
    stage._framer = ZeroShotFraming(WordEncoder())
    stage(art)
    roles = {r.actor: r for r in art.roles}
    assert roles["The Marrow Ledger"].main_role == "Antagonist" and roles["The Marrow Ledger"].fine_roles == ["Deceiver"]
    assert roles["Ilse Varga"].main_role == "Protagonist"
    assert roles["Ilse Varga"].fine_roles[0] in ("Guardian",)
    ev = roles["Ilse Varga"].evidence[0]
    assert text[ev.start:ev.end] == ev.text and "protects" in ev.text


def test_predict_framing_keeps_input_order():
    split = load_split(FIXTURES)
    mentions = list(reversed(read_mentions(FIXTURES / "subtask-1-entity-mentions.txt")))
    rows = predict_framing(split.documents, mentions, framer=ZeroShotFraming(WordEncoder()))
    assert [r.key for r in rows] == [m.key for m in mentions]
    assert all(r.main_role == FINE_ROLES[r.fine_roles[0]][0] for r in rows)


def test_train_framing_writes_model_and_card(tmp_path):
    out = tmp_path / "framing.model"
    from test_framing_syntax import blank_parser

    parse, parsed = blank_parser()  # the default model has parse features; no real spaCy model here
    card = train_framing(FIXTURES, out, encoder=WordEncoder(), cv_folds=2, parser=parse)
    assert card["settings"]["features"]["parse"] is True and parsed
    assert card["kind"] == "framing" and card["training_data"]["mentions"] == 8
    assert json.loads(card_path(out).read_text())["training_data"]["sha256"] == card["training_data"]["sha256"]
    model, _ = load_model(out, "framing")
    split = load_split(FIXTURES)
    mentions = read_mentions(FIXTURES / "subtask-1-entity-mentions.txt")
    rows = predict_framing(split.documents, mentions, model_path=out, encoder=WordEncoder(), parser=parse)
    assert len(rows) == 8 and all(r.main_role in ("Protagonist", "Antagonist", "Innocent") for r in rows)
    with pytest.raises(ModelNotAvailableError, match="not a narratives model"):
        load_model(out, "narratives")


def test_word_tokens_mark_words_around_the_mention():
    from narrascope.stages.framing_actors import Mention
    from narrascope.stages.framing_features import word_tokens
    from narrascope.stages.narratives_text import split_sentences

    text = "Rain fell on Castavar. Troops launched an attack against Veloria on Monday, Anika Sorell said. Calm followed."
    start = text.index("Veloria")
    tokens = word_tokens(split_sentences(text), Mention("Veloria", start, start + 7)).split()
    assert {"N_veloria", "L_attack", "L_against", "R_on", "R_monday", "W_castavar", "W_calm"} <= set(tokens)
    assert "L_troops" not in tokens  # only SIDE_WORDS words on each side


def test_framing_model_with_word_features_and_fine_roles_per_main(tmp_path):
    from narrascope.stages.framing import training_matrix
    from narrascope.stages.framing_features import FeatureOptions
    from narrascope.stages.framing_train import FramingModel, SupervisedFraming

    split = load_split(FIXTURES)
    options = FeatureOptions(article_vector=True, word_features=True)
    X = training_matrix(WordEncoder(), split.documents, split.roles, options)
    assert X.shape[0] == 8 and X.shape[1] > 4 * (len(VOCAB) + 3)
    model = FramingModel(C=100.0, per_main=True, options=options).fit(
        X, [r.main_role for r in split.roles], [r.fine_roles for r in split.roles])
    mentions = read_mentions(FIXTURES / "subtask-1-entity-mentions.txt")
    rows = predict_framing(split.documents, mentions, framer=SupervisedFraming(model, WordEncoder()))
    gold = {r.key: r for r in split.roles}
    assert sum(r.main_role == gold[r.key].main_role for r in rows) >= 7  # fits its own training data
    assert all(FINE_ROLES[f][0] == r.main_role for r in rows for f in r.fine_roles)
