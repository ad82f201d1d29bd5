"""Narrative taxonomies as data: a two-level tree (narrative -> subnarratives) in YAML.

A taxonomy file looks like this (see negotiations.yaml for a full one):

    name: negotiations               # required; how the CLI refers to it
    title: Peace-talk offers         # optional, for humans
    prefix: URW                      # optional; label ids become "URW: Narrative: Subnarrative"
    narratives:
      - name: Russia is ready for peace talks
        description: In our own words, what an article advancing it claims.   # required
        keywords: [negotiate, peace talks]          # optional
        examples: ["A sentence that advances it."]   # optional, fictional
        rebuttable: true                            # optional (default false): can an article argue against it?
        rebuttals: ["A sentence that argues against it."]   # optional; used to tell rebuttal from advocacy
        counter: Negotiation offers are a tactic to buy time   # optional; a narrative of this file that contradicts it
        subnarratives:                              # optional; same keys except subnarratives/counter
          - name: ...
            description: ...

A label's id is its name joined to its parents' with ": " (and the prefix in front), the form
SemEval-2025 Task 10 uses. `validate_taxonomy(path)` reports every problem with its line number;
`load_taxonomy(name_or_path)` raises TaxonomyError if there is any.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import TaxonomyError
from ..settings.narratives import OTHER_LABEL

BUILTIN_DIR = Path(__file__).resolve().parent

TOP_KEYS = {"name": str, "title": str, "description": str, "prefix": str, "narratives": list}
LABEL_KEYS = {
    "name": str, "description": str, "keywords": list, "examples": list, "rebuttable": bool,
    "rebuttals": list, "counter": str, "subnarratives": list,
}
SUB_KEYS = {k: v for k, v in LABEL_KEYS.items() if k not in ("subnarratives", "counter")}
STRING_LISTS = ("keywords", "examples", "rebuttals")


@dataclass(frozen=True)
class Problem:
    line: int  # 1-based line in the YAML file (0 when unknown)
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass
class Label:
    id: str  # "URW: Discrediting Ukraine: Ukraine is a puppet of the West"
    name: str  # "Ukraine is a puppet of the West"
    parent: str | None  # id of the narrative, None for a narrative
    description: str
    keywords: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    rebuttable: bool = False
    rebuttals: list[str] = field(default_factory=list)
    counter: str | None = None  # id of the narrative that contradicts this one

    @property
    def is_narrative(self) -> bool:
        return self.parent is None

    def prototypes(self) -> list[str]:
        """Texts the zero-shot classifier compares sentences with."""
        return [self.description, *self.examples]


@dataclass
class Taxonomy:
    name: str
    labels: list[Label]
    title: str = ""
    prefix: str | None = None
    digest: str = ""  # sha256 of the file's bytes, for model cards

    def __post_init__(self) -> None:
        self.by_id = {label.id: label for label in self.labels}

    @property
    def narratives(self) -> list[Label]:
        return [label for label in self.labels if label.is_narrative]

    @property
    def subnarratives(self) -> list[Label]:
        return [label for label in self.labels if not label.is_narrative]

    def children(self, narrative_id: str) -> list[Label]:
        return [label for label in self.labels if label.parent == narrative_id]

    def countered_by(self, narrative_id: str) -> list[Label]:
        """Narratives that declare `counter: <narrative_id>`: advancing them rebuts it."""
        return [label for label in self.narratives if label.counter == narrative_id]

    def __contains__(self, label_id: str) -> bool:
        return label_id in self.by_id or label_id == OTHER_LABEL


def builtin_taxonomies() -> list[str]:
    return sorted(path.stem for path in BUILTIN_DIR.glob("*.yaml"))


def taxonomy_path(name_or_path: str | Path) -> Path:
    """A built-in name ("urw", "cc", "negotiations") or a path to a YAML file."""
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.exists():
            raise TaxonomyError(f"{path}: no such taxonomy file — check the path")
        return path
    builtin = BUILTIN_DIR / f"{name_or_path}.yaml"
    if builtin.exists():
        return builtin
    raise TaxonomyError(
        f"unknown taxonomy {str(name_or_path)!r} — use one of {', '.join(builtin_taxonomies())} or a path to a YAML file"
    )


def load_taxonomy(name_or_path: str | Path) -> Taxonomy:
    path = taxonomy_path(name_or_path)
    problems = validate_taxonomy(path)
    if problems:
        listed = "; ".join(str(p) for p in problems[:10])
        raise TaxonomyError(f"{path}: {len(problems)} problem(s): {listed} — fix them (narrascope taxonomy validate {path})")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return build_taxonomy(data, digest=hashlib.sha256(path.read_bytes()).hexdigest())


def build_taxonomy(data: dict, digest: str = "") -> Taxonomy:
    prefix = data.get("prefix")
    labels: list[Label] = []
    names = {n["name"]: join_id(prefix, n["name"]) for n in data["narratives"]}
    for narrative in data["narratives"]:
        narrative_id = names[narrative["name"]]
        labels.append(make_label(narrative, narrative_id, None, names.get(narrative.get("counter", ""))))
        for sub in narrative.get("subnarratives") or []:
            labels.append(make_label(sub, f"{narrative_id}: {sub['name']}", narrative_id, None))
    return Taxonomy(name=data["name"], labels=labels, title=data.get("title", ""), prefix=prefix, digest=digest)


def join_id(prefix: str | None, name: str) -> str:
    return f"{prefix}: {name}" if prefix else name


def make_label(node: dict, label_id: str, parent: str | None, counter: str | None) -> Label:
    return Label(
        id=label_id, name=node["name"], parent=parent, description=node["description"].strip(),
        keywords=list(node.get("keywords") or []), examples=list(node.get("examples") or []),
        rebuttable=bool(node.get("rebuttable", False)), rebuttals=list(node.get("rebuttals") or []),
        counter=counter,
    )


from .validate import validate_taxonomy  # noqa: E402  (validate imports the key tables above)

__all__ = [
    "Label", "Problem", "Taxonomy", "builtin_taxonomies", "load_taxonomy", "taxonomy_path", "validate_taxonomy",
]
