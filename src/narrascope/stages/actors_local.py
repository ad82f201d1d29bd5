"""Per-article actors: group one parsed article's mentions into local actors with stable ids.

`local_actors(doc) -> (entities, actor_ids)` is what NlpStage writes to `Article.entities` and
`Article.actors`. Rules, in order:
1. Mentions are collected and trimmed to their names (actors_mentions): leading "the", a title inside
   the entity ("President Anika Sorell" -> "Anika Sorell"), a possessive and what follows
   ("Sorell's"), text across a line break. Numbers are dropped (settings.nlp.SKIP_LABELS); pronouns,
   lowercase words and demonym adjectives ("Velorian minister") get no actor.
2. Fixed names (settings.actors.METONYMS: "Kremlin", "Kyiv", "US"...) get their fixed actor.
3. Full person names with the same surname and compatible first names are one person
   ("A. Sorell" = "Anika Sorell"); different first names are different people.
4. A one-word name joins the one person whose surname it is ("Sorell", even if spaCy labelled it ORG);
   with two such people it stays unresolved (actor_id None).
5. Other names group by their text; the majority label gives the type.
6. An abbreviation joins the organisation it is defined for ("... Studies (VISS)") or whose initials
   it is, when exactly one organisation in the article has them.
7. Role phrases tied to a person (actors_roles) become entities with label "ROLE".
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from ..model import Entity
from ..settings import actors as settings
from .actors_fixed import fixed_names
from .actors_mentions import Mention, collect_mentions
from .actors_names import abbreviates, actor_id, first_names_compatible, has_initial, is_abbreviation, surname
from .actors_roles import bindings_for_person, role_references

if TYPE_CHECKING:
    from spacy.tokens import Doc

ROLE_LABEL = "ROLE"


def _majority_label(labels: list[str]) -> str:
    counts = Counter(labels)
    return max(counts, key=lambda label: (counts[label], -settings.LABEL_PRIORITY.index(label)))


def _prefix(label: str) -> str:
    return settings.ACTOR_TYPES[label][1]


def _person_clusters(mentions: list[Mention]) -> list[list[str]]:
    """Full person names grouped: same surname and compatible first names."""
    names = sorted({m.name for m in mentions if m.label == "PERSON" and len(m.name.split()) > 1},
                   key=lambda n: (has_initial(n), -len(n)))
    clusters: list[list[str]] = []
    for name in names:
        fits = [c for c in clusters if surname(c[0]) == surname(name) and first_names_compatible(c[0], name)]
        if len(fits) == 1:
            fits[0].append(name)
        else:
            clusters.append([name])
    return clusters


def assign_actors(mentions: list[Mention], doc: "Doc") -> None:
    free: list[Mention] = []
    table = fixed_names()
    for m in mentions:
        fixed = table.get(m.key)
        if fixed:
            m.actor = fixed[0]
        else:
            free.append(m)
    clusters = _person_clusters(free)
    person_of = {name.lower(): actor_id("person", c[0]) for c in clusters for name in c}
    by_surname = defaultdict(set)
    for c in clusters:
        by_surname[surname(c[0])].add(actor_id("person", c[0]))
    rest: list[Mention] = []
    for m in free:
        if m.key in person_of:
            m.actor = person_of[m.key]
        elif len(m.name.split()) == 1 and m.key in by_surname:
            owners = by_surname[m.key]
            m.actor = next(iter(owners)) if len(owners) == 1 else None
        else:
            rest.append(m)
    _group_by_name(rest, doc)


def _group_by_name(mentions: list[Mention], doc: "Doc") -> None:
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[m.key].append(m)
    ids = {}
    for key, group in groups.items():
        label = _majority_label([m.label for m in group])
        ids[key] = actor_id(_prefix(label), group[0].name)
    long_forms = {key: ids[key] for key in groups if not is_abbreviation(groups[key][0].name)}
    defined = _defined_abbreviations(mentions, doc)
    for key, group in groups.items():
        name = group[0].name
        if is_abbreviation(name):
            target = defined.get(name.replace(".", "")) or _unique_expansion(name, groups, long_forms)
            if target:
                ids[key] = target
        for m in group:
            m.actor = ids[key]


def _unique_expansion(abbreviation: str, groups, long_forms: dict[str, str]) -> str | None:
    hits = {long_forms[k] for k in long_forms if abbreviates(abbreviation, groups[k][0].name)}
    return hits.pop() if len(hits) == 1 else None


def _defined_abbreviations(mentions: list[Mention], doc: "Doc") -> dict[str, str]:
    """"Veloria Institute for Strategic Studies (VISS)" -> {"VISS": id of the institute}."""
    found = {}
    for m in mentions:
        end = m.span.end
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
            abbreviation = doc[end + 1].text.replace(".", "")
            if is_abbreviation(abbreviation) and not is_abbreviation(m.name):
                found[abbreviation] = actor_id(_prefix(m.label), m.name)
    return found


def local_actors(doc: "Doc") -> tuple[list[Entity], list[str]]:
    """The article's entities (with actor ids and ROLE entities) and its actor ids in order of first mention."""
    mentions, others = collect_mentions(doc)
    assign_actors(mentions, doc)
    bindings = []
    for m in mentions:
        if m.actor and m.actor.startswith("person:"):
            bindings.extend(bindings_for_person(doc, m.span, m.actor))
    taken = {t.i for m in mentions for t in m.span}
    for b in bindings:
        taken.update(t.i for t in doc.char_span(b.start, b.end, alignment_mode="expand"))
    bindings += role_references(doc, bindings, taken)
    entities = others + [Entity(m.span.text, m.label, m.span.start_char, m.span.end_char, m.actor) for m in mentions]
    text = doc.text
    entities += [Entity(text[b.start:b.end], ROLE_LABEL, b.start, b.end, b.actor) for b in _unique(bindings)]
    entities.sort(key=lambda e: (e.start, e.end))
    actors = list(dict.fromkeys(e.actor_id for e in entities if e.actor_id))
    return entities, actors


def _unique(bindings):
    seen, out = set(), []
    for b in bindings:
        if (b.start, b.end) not in seen:
            seen.add((b.start, b.end))
            out.append(b)
    return out
