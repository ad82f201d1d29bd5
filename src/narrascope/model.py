"""The objects that flow through the pipeline: plain dataclasses, no behaviour beyond (de)serialisation.

Every field of `Article` has one owner stage (see `FIELD_OWNERS`); a stage reads what earlier
stages wrote and adds its own fields, never rewriting another stage's.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

RawFormat = Literal["text", "html"]


@dataclass
class Removed:
    """A line the clean stage took out of the body, and why."""

    text: str
    reason: str  # e.g. "photo-caption", "teaser", "header:title" (see stages/clean.py)
    line: int  # 0-based line number in the normalised input


@dataclass
class Evidence:
    start: int  # character offsets into Article.text
    end: int
    text: str


@dataclass
class Entity:
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, ...
    start: int  # character offsets into Article.text
    end: int
    actor_id: str | None = None


@dataclass
class Actor:
    """A canonical actor merged across the corpus ("Putin" = "Vladimir Putin" = "the Russian President")."""

    id: str
    name: str
    type: str  # person, organisation, place, group, ...
    aliases: list[str] = field(default_factory=list)
    article_count: int = 0
    mention_count: int = 0
    linked_to: str | None = None  # e.g. "the Kremlin" -> the Russian government actor


@dataclass
class Statement:
    speaker: str | None  # the speaker as the text names it
    speaker_actor_id: str | None
    via: str | None  # reported-through: "..., the state news agency TASS reported"
    cue: str | None  # the verb or phrase: "said", "according to", "tweeted"
    text: str  # the content of the statement
    kind: Literal["direct", "indirect", "mixed"]
    start: int  # character offsets of `text` into Article.text
    end: int
    said_on: str | None = None  # ISO date the statement was made, when the text says


@dataclass
class NarrativeLabel:
    label: str
    parent: str | None
    score: float
    stance: Literal["advances", "rebuts"]
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Role:
    actor: str  # the mention as the text names it
    actor_id: str | None
    start: int
    end: int
    main_role: Literal["Protagonist", "Antagonist", "Innocent"]
    fine_roles: list[str] = field(default_factory=list)
    score: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class StageError:
    stage: str
    message: str


@dataclass
class Article:
    # read: what the input gave us; never changed afterwards
    id: str  # stable: hash of source + raw content, so re-runs are idempotent
    source: str  # the path or URL as given (a row of an export: "path:LINE")
    raw: str  # the input as read (decoded text or HTML)
    raw_format: RawFormat
    given: dict[str, Any] = field(default_factory=dict)  # metadata supplied with the input (export columns, feed fields)
    url: str | None = None
    # extract (HTML input only)
    extracted: str | None = None  # main text of the HTML page
    html_meta: dict[str, Any] = field(default_factory=dict)  # title, date, author, sitename, ... found in the HTML
    # clean
    text: str | None = None  # the article body, noise removed, unicode normalised
    removed: list[Removed] = field(default_factory=list)
    header: dict[str, str] = field(default_factory=dict)  # header lines found by clean: title, subtitle, date, byline, outlet, section
    # metadata
    title: str | None = None
    subtitle: str | None = None
    published: str | None = None  # ISO 8601 date (YYYY-MM-DD) or datetime
    published_from: str | None = None  # header, html-meta, given, inferred, ...
    published_confidence: float | None = None
    outlet: str | None = None
    author: str | None = None
    genre: str | None = None  # news, opinion, analysis, ...
    language: str | None = None
    word_count: int = 0
    truncated: bool = False
    # dedup
    content_hash: str | None = None
    duplicate_of: str | None = None
    # transient, never stored or exported: the packed MinHash the dedup stage computes in a worker
    # for the corpus-level Deduplicator (b"" = exact dedup only, None = not computed)
    signature: bytes | None = field(default=None, repr=False, compare=False)
    # nlp, actors
    entities: list[Entity] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)  # actor ids mentioned in the article
    # statements
    quotes: list[Statement] = field(default_factory=list)
    # narratives, framing
    narratives: list[NarrativeLabel] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    # stories
    story_id: str | None = None
    thread_id: str | None = None
    # runner
    errors: list[StageError] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data.pop("signature", None)  # transient
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        data = dict(data)
        lists = {
            "removed": Removed, "entities": Entity, "quotes": Statement, "errors": StageError,
        }
        for name, kind in lists.items():
            data[name] = [kind(**item) for item in data.get(name) or []]
        data["narratives"] = [
            NarrativeLabel(**{**n, "evidence": [Evidence(**e) for e in n.get("evidence") or []]})
            for n in data.get("narratives") or []
        ]
        data["roles"] = [
            Role(**{**r, "evidence": [Evidence(**e) for e in r.get("evidence") or []]})
            for r in data.get("roles") or []
        ]
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


# Which stage owns (writes) which Article field. The runner checks stages against it.
FIELD_OWNERS: dict[str, str] = {
    **dict.fromkeys(["id", "source", "raw", "raw_format", "given", "url"], "read"),
    **dict.fromkeys(["extracted", "html_meta"], "extract"),
    **dict.fromkeys(["text", "removed", "header"], "clean"),
    **dict.fromkeys(
        ["title", "subtitle", "published", "published_from", "published_confidence", "outlet",
         "author", "genre", "language", "word_count", "truncated"],
        "metadata",
    ),
    **dict.fromkeys(["content_hash", "duplicate_of", "signature"], "dedup"),
    **dict.fromkeys(["entities", "actors"], "nlp"),
    "quotes": "statements",
    "narratives": "narratives",
    "roles": "framing",
    **dict.fromkeys(["story_id", "thread_id"], "stories"),
}
