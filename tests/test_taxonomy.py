from pathlib import Path

import pytest

from narrascope.errors import TaxonomyError
from narrascope.taxonomies import builtin_taxonomies, load_taxonomy, taxonomy_path, validate_taxonomy

BAD = """\
name: broken
narratives:
  - name: Veloria is winning
    description: The army of Veloria is said to be winning.
    colour: red
    rebuttable: maybe
    counter: Nobody is winning
    subnarratives:
      - name: Sorell is a hero
      - name: Sorell is a hero
        description: Minister Anika Sorell is praised.
  - name: Veloria is winning
    description: ""
    examples: [1]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tax.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_taxonomies_are_valid():
    assert {"urw", "cc", "negotiations"} <= set(builtin_taxonomies())
    for name in builtin_taxonomies():
        assert validate_taxonomy(taxonomy_path(name)) == []


def test_semeval_label_ids_and_hierarchy():
    urw = load_taxonomy("urw")
    label = urw.by_id["URW: Discrediting Ukraine: Ukraine is a puppet of the West"]
    assert label.parent == "URW: Discrediting Ukraine"
    assert len(urw.narratives) == 11
    cc = load_taxonomy("cc")
    assert "CC: Criticism of climate movement: Climate movement is alarmist" in cc
    assert len(urw.labels) + len(cc.labels) == 114  # the task's 21 narratives + 93 subnarratives


def test_negotiations_counter_relation():
    tax = load_taxonomy("negotiations")
    kremlin = tax.by_id["Russia is ready for peace talks"]
    assert kremlin.rebuttable and kremlin.counter == "Negotiation offers are a tactic to buy time"
    assert [c.id for c in tax.countered_by(kremlin.id)] == []
    assert tax.by_id[kremlin.counter].counter is None


def test_every_problem_reported_with_its_line(tmp_path):
    problems = validate_taxonomy(write(tmp_path, BAD))
    messages = " | ".join(str(p) for p in problems)
    assert any(p.line == 5 and "unknown key 'colour'" in p.message for p in problems), messages
    assert any(p.line == 6 and "true or false" in p.message for p in problems), messages
    assert any(p.line == 7 and "not a narrative of this file" in p.message for p in problems), messages
    assert any(p.line == 9 and "missing required key 'description'" in p.message for p in problems), messages
    assert any(p.line == 10 and "duplicate name" in p.message for p in problems), messages
    assert any(p.line == 12 and "duplicate name (first on line 3)" in p.message for p in problems), messages
    assert any(p.line == 13 and "must not be empty" in p.message for p in problems), messages
    assert any(p.line == 14 and "must be a string" in p.message for p in problems), messages


def test_yaml_syntax_error_has_a_line(tmp_path):
    problems = validate_taxonomy(write(tmp_path, "name: x\nnarratives:\n  - name: [unclosed\n"))
    assert len(problems) == 1 and problems[0].line >= 3 and "not valid YAML" in problems[0].message


def test_missing_top_keys_and_reserved_other(tmp_path):
    problems = validate_taxonomy(write(tmp_path, "title: t\n"))
    assert {p.message for p in problems} >= {"taxonomy: missing required key 'name'", "taxonomy: missing required key 'narratives'"}
    problems = validate_taxonomy(write(tmp_path, "name: t\nnarratives:\n  - name: Other\n    description: d\n"))
    assert [p.line for p in problems] == [3]


def test_load_raises_with_instructions(tmp_path):
    with pytest.raises(TaxonomyError, match="problem"):
        load_taxonomy(write(tmp_path, BAD))
    with pytest.raises(TaxonomyError, match="use one of"):
        load_taxonomy("no-such-taxonomy")
