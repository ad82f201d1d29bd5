"""Name helpers (no model)."""
import pytest

from narrascope.stages.actors_names import (
    abbreviates, actor_id, first_names_compatible, initials, is_pronoun, looks_like_name, normalise,
    same_place_word,
)


@pytest.mark.parametrize("raw, expected", [
    ("Sorell’s", "Sorell"), ("Sorell's", "Sorell"), ("the Veloria Institute", "Veloria Institute"),
    ("U.S.", "U.S."), ("Dravik.", "Dravik"), ("  Anika \n Sorell ", "Anika Sorell"),
])
def test_normalise(raw, expected):
    assert normalise(raw) == expected


def test_ids_are_stable_slugs_of_the_canonical_name():
    assert actor_id("person", "Anika Sorell") == "person:anika-sorell"
    assert actor_id("org", "Veloria Institute for Strategic Studies") == "org:veloria-institute-for-strategic-studies"
    assert actor_id("person", "Zoë Mäkelä") == "person:zoe-makela"


def test_initials_and_abbreviations():
    assert initials("Veloria Institute for Strategic Studies") == "VISS"
    assert abbreviates("VISS", "Veloria Institute for Strategic Studies")
    assert not abbreviates("VIS", "Veloria Institute for Strategic Studies")
    assert not abbreviates("Viss", "Veloria Institute for Strategic Studies")  # not an abbreviation
    assert initials("Veloria") == ""


def test_first_names():
    assert first_names_compatible("A. Sorell", "Anika Sorell")
    assert not first_names_compatible("Tomas Sorell", "Anika Sorell")
    assert not first_names_compatible("T. Sorell", "Anika Sorell")


def test_pronouns_and_common_words_are_not_names():
    assert is_pronoun("He") and is_pronoun("they")
    assert not is_pronoun("US")  # the country, not the pronoun
    assert not looks_like_name("sham") and not looks_like_name("Its")
    assert looks_like_name("Sorell")


def test_demonyms_match_their_country():
    assert same_place_word("Velorian", "veloria")
    assert same_place_word("French", "France")
    assert not same_place_word("foreign", "former")
    assert not same_place_word("Austrian", "Australia")


def test_demonym_evidence_for_places():
    from narrascope.stages.actors_mentions import _is_demonym_of

    assert _is_demonym_of("estmarkian", "Estmark")
    assert _is_demonym_of("french", "France")
    assert not _is_demonym_of("ostrians", "Ostria")  # a plural people, not the adjective
    assert not _is_demonym_of("velorian", "Vel")
    assert not _is_demonym_of("velorian", "Velorian")
