"""Mentions: the named things of one parsed article that may be actors, trimmed to their names.

Sources, in order of precedence: fixed names spaCy missed (settings.actors.METONYMS), abbreviation
definitions found by initials ("Veloria Institute for Strategic Studies (VISS)"), proper names after
an organisation noun ("the outlet Marrow Ledger"), then spaCy's entities. Each entity is trimmed
(`trim`), split at commas ("Halden Institute, Dravik" is two names), and relabelled where spaCy sm
is known to err: a one-word "person" where places go ("in Ostel") or whose demonym the article uses
("Estmark" beside "Estmarkian") is a place (GPE).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Entity
from ..settings import actors as settings
from ..settings import nlp as nlp_settings
from .actors_fixed import fixed_names
from .actors_names import initials, is_abbreviation, looks_like_name, normalise, place_stem, same_place_word

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


@dataclass
class Mention:
    span: "Span"  # the name, trimmed
    label: str
    name: str
    actor: str | None = None

    @property
    def key(self) -> str:
        return self.name.lower()


def trim(ent: "Span", label: str | None = None) -> "Span | None":
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
    if (label or ent.label_) == "PERSON":
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
    table = fixed_names()
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
            fixed = table.get(" ".join(words[i:i + width]).lower()) if i + width <= len(words) else None
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
    demonyms = _demonyms(doc)
    for ent in doc.ents:
        if ent.label_ in nlp_settings.SKIP_LABELS or any(t.i in covered for t in ent):
            continue
        for part in _comma_parts(ent):
            span = trim(part, ent.label_)
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
            mentions.append(Mention(span, _corrected_label(span, ent.label_, name, demonyms), name))
    return mentions, others


def _comma_parts(ent: "Span") -> list["Span"]:
    doc, parts, start = ent.doc, [], ent.start
    for i in range(ent.start, ent.end):
        if doc[i].text == ",":
            parts.append(doc[start:i])
            start = i + 1
    parts.append(doc[start:ent.end])
    return [p for p in parts if len(p)]


def _demonyms(doc: "Doc") -> set[str]:
    """Capitalised adjectives and NORP words of the article: "Velorian", "Estmarkian"."""
    return {t.lower_ for t in doc if t.text[:1].isupper() and (t.ent_type_ == "NORP" or t.pos_ == "ADJ")}


def _is_demonym_of(demonym: str, name: str) -> bool:
    name = name.lower()
    if demonym == name:
        return False
    if place_stem(demonym) == name:
        return True
    return len(demonym) > len(name) and not demonym.endswith("s") and same_place_word(demonym, name)


def _corrected_label(span: "Span", label: str, name: str, demonyms: set[str]) -> str:
    if label not in ("PERSON", "ORG") or len(span) != 1:
        return label
    if label == "PERSON" and _in_place_position(span):
        return "GPE"
    return "GPE" if any(_is_demonym_of(d, name) for d in demonyms) else label


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


