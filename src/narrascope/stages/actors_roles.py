"""Role nouns tied to people in one article: titles, appositions, copulas, and later references.

A *binding* says that a role phrase in the text names a person actor:
    title + name   "Velorian Foreign Minister Anika Sorell"   -> "Velorian Foreign Minister"
    apposition     "Anika Sorell, the foreign minister," / "the foreign minister, Anika Sorell,"
    copula         "Anika Sorell is the foreign minister"
A later definite role noun ("the Velorian minister", "the Velorian leader", "Sorell's deputy") is
tied to the person of an earlier binding when exactly one person's bindings match it; otherwise it
stays unresolved (two presidents in the article: "the president" is nobody).

A role phrase is keyed by its head noun and the set of its modifiers ("Russian President" ->
("president", {"russia"})); a reference matches a binding when the heads agree ("leader" accepts any
head of state) and every modifier of the reference is among the binding's.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from ..settings import actors as settings
from .actors_names import actor_id, normalise, place_stem, same_place_word

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
SKIP_POS = frozenset({"DET", "ADP", "PUNCT", "PART", "CCONJ", "SPACE", "PRON"})


@dataclass(frozen=True)
class RoleBinding:
    start: int  # character offsets of the role phrase
    end: int
    head: str
    modifiers: frozenset[str]
    actor: str


def role_key(span: "Span") -> tuple[str, frozenset[str]]:
    root = span.root
    mods = frozenset(place_stem(t.text) for t in span if t.i != root.i and t.pos_ not in SKIP_POS)
    return root.lemma_.lower(), mods


def _binding(span: "Span", actor: str) -> RoleBinding:
    head, mods = role_key(span)
    return RoleBinding(span.start_char, span.end_char, head, mods, actor)


def role_span(token: "Token") -> "Span":
    """The role phrase around a role noun: its modifiers and an "of" phrase ("president of Veloria")."""
    doc = token.doc
    indices = [token.i]
    for child in token.children:
        if child.dep_ in MODIFIER_DEPS and child.i < token.i:
            indices.extend(t.i for t in child.subtree)
        elif child.dep_ == "prep" and child.lower_ == "of" and child.i > token.i:
            indices.append(child.i)  # "president of the Velorian Senate", not the Senate's own "of" phrase
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    indices.append(pobj.i)
                    indices.extend(t.i for c in pobj.lefts for t in c.subtree)
    start, end = min(indices), max(indices) + 1
    for i in range(token.i - 1, start - 1, -1):  # a role phrase does not cross punctuation
        if doc[i].is_punct or doc[i].is_space:
            start = i + 1
            break
    while start < token.i and doc[start].pos_ in SKIP_POS:
        start += 1
    return doc[start:end]


def is_role_noun(token: "Token") -> bool:
    return token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in settings.ROLE_NOUNS


def title_before(doc: "Doc", start: int) -> "Span | None":
    """The title right before a name at token `start` ("White House spokesman" John Kirby), if any."""
    if start == 0 or doc[start - 1].lower_ not in settings.TITLE_NOUNS:
        return None
    i = start - 1
    sentence_start = doc[start].sent.start
    while i - 1 >= sentence_start and _title_word(doc[i - 1]):
        i -= 1
    return doc[i:start]


def _title_word(token: "Token") -> bool:
    if token.ent_type_ == "PERSON" or token.pos_ in SKIP_POS or token.is_space:
        return False
    lower = token.lower_
    if lower in settings.TITLE_NOUNS or lower in settings.TITLE_MODIFIERS:
        return True
    return token.is_title and token.ent_type_ in ("NORP", "GPE", "ORG", "FAC", "LOC")


def bindings_for_person(doc: "Doc", name: "Span", actor: str) -> list[RoleBinding]:
    """Titles, appositions and copulas that tie role phrases to the person named by `name`."""
    found = []
    title = title_before(doc, name.start)
    if title is not None:
        found.append(_binding(title, actor))
    root = name.root
    for child in root.children:
        if child.dep_ == "appos" and is_role_noun(child):
            found.append(_binding(role_span(child), actor))
    if root.dep_ == "appos" and is_role_noun(root.head):
        found.append(_binding(role_span(root.head), actor))
    if root.dep_ in settings.SUBJECT_DEPS and root.head.lemma_ == "be":
        for attr in root.head.children:
            if attr.dep_ == "attr" and is_role_noun(attr):
                found.append(_binding(role_span(attr), actor))
    if root.dep_ == "attr" and root.head.lemma_ == "be":
        for subj in root.head.children:
            if subj.dep_ in settings.SUBJECT_DEPS and is_role_noun(subj):
                found.append(_binding(role_span(subj), actor))
    return found


def heads_agree(reference: str, bound: str, bound_mods: frozenset[str]) -> bool:
    if reference == bound:
        return True
    if reference in settings.LEADER_NOUNS:
        return bound in settings.HEAD_OF_STATE_NOUNS or (bound == "minister" and "prime" in bound_mods)
    return False


def matches(head: str, mods: frozenset[str], binding: RoleBinding) -> bool:
    if not heads_agree(head, binding.head, binding.modifiers):
        return False
    return all(any(same_place_word(m, b) for b in binding.modifiers) for m in mods)


def text_role_key(text: str) -> tuple[str, frozenset[str]]:
    """Role key from text alone (corpus level, no parse): "foreign minister of Veloria" ->
    ("minister", {"foreign", "veloria"})."""
    words = normalise(text).lower().replace("'s ", " ").split()
    cut = words.index("of") if "of" in words[1:] else len(words)
    head = words[cut - 1] if cut else ""
    if "of" in words[cut + 1:]:  # only the first "of" phrase qualifies the role
        words = words[: words.index("of", cut + 1)]
    mods = [w for i, w in enumerate(words) if i != cut - 1 and w not in ("of", "the", "a", "an")]
    return head, frozenset(place_stem(w) for w in mods)


def match_role(head: str, mods: frozenset[str], bindings: Iterable[RoleBinding], before: int) -> str | None:
    """The one actor whose earlier bindings match the role key; None when none or several do."""
    actors = {b.actor for b in bindings
              if b.start < before and not b.actor.startswith("role:") and matches(head, mods, b)}
    return actors.pop() if len(actors) == 1 else None


def is_definite(token: "Token") -> bool:
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ == "the") for c in token.children)


def role_placeholder(text: str) -> str:
    """Id of a role the article does not tie to a name ("the Velorian leader" -> "role:velorian-leader");
    the corpus merge replaces it with the one person holding that title in the corpus, or with None."""
    return actor_id("role", normalise(text))


def role_references(doc: "Doc", bindings: list[RoleBinding], taken: set[int]) -> list[RoleBinding]:
    """Definite role nouns not part of a name or binding, tied to an earlier binding's person; untied
    ones with a modifier ("the Velorian leader", not "the president") get a placeholder role id."""
    found = []
    for token in doc:
        if token.i in taken or not is_role_noun(token) or not is_definite(token):
            continue
        span = role_span(token)
        head, mods = role_key(span)
        actor = match_role(head, mods, bindings, span.start_char)
        if actor is None and mods:
            actor = role_placeholder(span.text)
        if actor is not None:
            found.append(RoleBinding(span.start_char, span.end_char, head, mods, actor))
            taken.update(t.i for t in span)
    return found
