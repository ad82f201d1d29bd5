"""The user's metonym files (NARRASCOPE_METONYMS), no model."""
import pytest

from narrascope.stages.actors_fixed import MetonymFileError, fixed_names
from narrascope.stages.actors_merge import ActorSummary, merge_actors


def test_user_file_adds_fixed_names(tmp_path, monkeypatch):
    path = tmp_path / "veloria.yaml"
    path.write_text("the Citadel: {id: org:citadel, name: Citadel, linked_to: gpe:veloria}\n"
                    "Marrow: {id: gpe:marrow, name: Marrow}\n", encoding="utf-8")
    monkeypatch.setenv("NARRASCOPE_METONYMS", str(path))
    table = fixed_names()
    assert table["citadel"] == ("org:citadel", "Citadel", "gpe:veloria")
    assert table["marrow"] == ("gpe:marrow", "Marrow", None)
    assert table["kremlin"][0] == "org:kremlin"  # the built-in table stays
    actors, _ = merge_actors([[ActorSummary("org:citadel", {"Citadel": 2}, {}, 2)]])
    by_id = {a.id: a for a in actors}
    assert by_id["org:citadel"].linked_to == "gpe:veloria" and "gpe:veloria" in by_id


@pytest.mark.parametrize("content, message", [
    ("- just a list\n", "not a mapping"),
    ("citadel: {name: Citadel}\n", "needs an id and a name"),
    ("citadel: {id: citadel, name: Citadel}\n", "ids start with"),
    ("citadel: [unclosed\n", "cannot read"),
])
def test_bad_file_names_the_file_and_the_fix(tmp_path, monkeypatch, content, message):
    path = tmp_path / f"bad{abs(hash(content))}.yaml"
    path.write_text(content, encoding="utf-8")
    monkeypatch.setenv("NARRASCOPE_METONYMS", str(path))
    with pytest.raises(MetonymFileError, match=message) as info:
        fixed_names()
    assert str(path) in str(info.value)


def test_missing_file_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("NARRASCOPE_METONYMS", str(tmp_path / "absent.yaml"))
    with pytest.raises(MetonymFileError, match="absent.yaml"):
        fixed_names()
