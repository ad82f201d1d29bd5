"""Per-article actors: group one parsed article's mentions into local actors with stable ids.

`local_actors(doc) -> (entities, actor_ids)` is what NlpStage writes to `Article.entities` and
`Article.actors`. Rules, in order:
1. Each named entity is trimmed to its name: leading "the", a title inside the entity
   ("President Anika Sorell" -> "Anika Sorell"), a possessive and what follows ("Sorell's"), text
   across a line break (spaCy joins a headline to the next line). Numbers are dropped
   (settings.nlp.SKIP_LABELS); pronouns, lowercase words and demonym adjectives ("Velorian minister")
   get no actor.
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
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Entity
from ..settings import actors as settings
from ..settings import nlp as nlp_settings
from .actors_names import (
    abbreviates, actor_id, initials, first_names_compatible, has_initial, is_abbreviation, looks_like_name,
    normalise, surname,
)
from .actors_roles import bindings_for_person, role_references

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

ROLE_LABEL = "ROLE"


@dataclass
class Mention:
    span: "Span"  # the name, trimmed
    label: str
    name: str
    actor: str | None = None

    @property
    def key(self) -> str:
        return self.name.lower()


def trim(ent: "Span") -> "Span | None":
    doc, start, end = ent.doc, ent.start, ent.end
    for i in range(end - 1, start - 1, -1):  # keep the last line of an entity that spans lines
        if "\n" in doc[i].text:
            start = i + 1 if i + 1 < end else start
            end = i if i + 1 >= end else end
            break
    for i in range(start, end):  # cut at a possessive: "Sorell's Plan" -> "Sorell"
        if doc[i].tag_ == "POS" or doc[i].text in ("'s", "’s"):
            end = i
            break
    while start < end and (doc[start].lower_ == "the" or doc[start].is_space):
        start += 1
    if ent.label_ == "PERSON":
        while end - start > 1 and _title_token(doc[start]):
            start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None


def _title_token(token) -> bool:
    lower = token.lower_.rstrip(".")
    return lower in settings.TITLE_NOUNS or lower in settings.TITLE_MODIFIERS or token.ent_type_ == "NORP"


def _is_modifier(span: "Span", label: str) -> bool:
    """A demonym used as an adjective ("Velorian troops", "Velorian-held"): an entity, not an actor."""
    root = span.root
    if root.pos_ == "ADJ" or root.tag_ == "JJ" or root.dep_ == "amod":
        return True
    if label != "NORP":
        return False
    hyphenated = span.end < len(span.doc) and span.doc[span.end].text == "-"
    return root.dep_ == "compound" or hyphenated


def _strip_known_names(span: "Span", known: set[str]) -> "Span":
    """"Reuters Anika Sorell" (spaCy ran an outlet into a name) -> "Anika Sorell"."""
    start = span.start
    while span.end - start > 1 and span.doc[start].text in known:
        start += 1
    return span.doc[start:span.end]


def described_organisations(doc: "Doc") -> list["Span"]:
    """Proper names right after an organisation noun: "the opposition publication Meduza"."""
    found = []
    for token in doc[:-1]:
        if token.pos_ != "NOUN" or token.lower_ not in settings.ORG_DESCRIPTORS:
            continue
        end = token.i + 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
        if end > token.i + 1:
            found.append(doc[token.i + 1:end])
    return found


_PREFIX_LABEL = {"org": "ORG", "gpe": "GPE", "place": "LOC", "person": "PERSON", "group": "NORP"}


def unlabelled_fixed_names(doc: "Doc") -> list[Mention]:
    """Names of settings.actors.METONYMS that spaCy did not label ("the Kremlin" as plain text)."""
    words, labelled = [], []
    for token in doc:
        words.append(token.text)
        labelled.append(bool(token.ent_type_))
    found, i = [], 0
    while i < len(words):
        if not words[i][:1].isupper() or labelled[i]:
            i += 1
            continue
        for width in (3, 2, 1):
            fixed = settings.METONYMS.get(" ".join(words[i:i + width]).lower()) if i + width <= len(words) else None
            if fixed and not any(labelled[i:i + width]):
                span = doc[i:i + width]
                found.append(Mention(span, _PREFIX_LABEL[fixed[0].split(":")[0]], span.text))
                i += width - 1
                break
        i += 1
    return found


def abbreviation_definitions(doc: "Doc") -> list[tuple["Span", "Span"]]:
    """"Veloria Institute for Strategic Studies (VISS)": (the long name, the abbreviation), found by
    initials, whatever spaCy labelled (sm often cuts such names short)."""
    found = []
    for i in range(1, len(doc) - 2):
        if doc[i].text != "(" or doc[i + 2].text != ")" or not is_abbreviation(doc[i + 1].text):
            continue
        abbreviation = doc[i + 1].text.replace(".", "")
        for start in range(i - 1, max(-1, i - 3 * len(abbreviation) - 1), -1):
            if doc[start].is_punct or doc[start].is_space:
                break
            if doc[start].text[:1].isupper() and initials(doc[start:i].text) == abbreviation:
                found.append((doc[start:i], doc[i + 1:i + 2]))
                break
    return found


def _pattern_mentions(doc: "Doc") -> list[Mention]:
    """Mentions found by patterns rather than by spaCy's NER; they win over overlapping entities."""
    mentions = unlabelled_fixed_names(doc)
    for long_name, abbreviation in abbreviation_definitions(doc):
        mentions += [Mention(long_name, "ORG", normalise(long_name.text)),
                     Mention(abbreviation, "ORG", abbreviation.text)]
    taken = _tokens(mentions)
    for span in described_organisations(doc):
        name = normalise(span.text)
        if looks_like_name(name) and not any(t.i in taken for t in span):
            mentions.append(Mention(span, "ORG", name))
    return mentions


def collect_mentions(doc: "Doc") -> tuple[list[Mention], list[Entity]]:
    mentions, others = _pattern_mentions(doc), []
    covered = _tokens(mentions)
    not_people = {e.text for e in doc.ents if e.label_ in ("ORG", "GPE", "NORP", "LOC") and len(e) == 1}
    for ent in doc.ents:
        if ent.label_ in nlp_settings.SKIP_LABELS or any(t.i in covered for t in ent):
            continue
        span = trim(ent)
        if span is None:
            continue
        if ent.label_ == "PERSON":
            span = _strip_known_names(span, not_people)
        name = normalise(span.text)
        actor_label = ent.label_ in settings.ACTOR_TYPES
        modifier = ent.label_ in ("NORP", "GPE") and _is_modifier(span, ent.label_)
        if not actor_label or not looks_like_name(name) or modifier:
            others.append(Entity(span.text, ent.label_, span.start_char, span.end_char))
            continue
        label = "GPE" if ent.label_ == "PERSON" and _in_place_position(span) else ent.label_
        mentions.append(Mention(span, label, name))
    return mentions, others


def _in_place_position(span: "Span") -> bool:
    """"in Ostel", "Dravik and Ostel": a one-word name where places go."""
    if len(span) != 1:
        return False
    token = span.root
    if token.dep_ == "pobj" and token.head.lower_ in settings.LOCATIVE_PREPOSITIONS:
        return True
    relatives = [token.head] if token.dep_ == "conj" else []
    relatives += [c for c in token.children if c.dep_ == "conj"]
    return any(t.ent_type_ in settings.PLACE_LABELS for t in relatives)


def _tokens(mentions: list[Mention]) -> set[int]:
    return {t.i for m in mentions for t in m.span}


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
    for m in mentions:
        fixed = settings.METONYMS.get(m.key)
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
