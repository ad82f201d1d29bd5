"""Resolve a speaker span or pronoun to an actor id (see actors.resolve_mention / resolve_pronoun).

Both read what the nlp stage stored in `article.entities` (names with actor ids, ROLE entities) and
the article's Doc; neither guesses: None when nothing or more than one actor fits.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Article, Entity
from ..settings import actors as settings
from .actors_names import is_pronoun, normalise
from .actors_roles import RoleBinding, is_definite, is_role_noun, match_role, role_key, role_span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

ROLE_LABEL = "ROLE"


def _overlapping(article: Article, start: int, end: int) -> list[Entity]:
    return [e for e in article.entities if e.actor_id and e.start < end and start < e.end]


def resolve_mention(article: Article, doc: "Doc", span_start: int, span_end: int) -> str | None:
    text = doc.text[span_start:span_end]
    if not text.strip() or is_pronoun(normalise(text)):
        return None
    hits = _overlapping(article, span_start, span_end)
    exact = [e for e in hits if e.start == span_start and e.end == span_end]
    if exact:
        return exact[0].actor_id
    inside = [e for e in hits if e.start <= span_start and span_end <= e.end]  # span within a name
    if inside:
        return min(inside, key=lambda e: e.end - e.start).actor_id
    role = _role_reference(article, doc, span_start, span_end)
    if role is not None:
        return role
    return _head_entity(doc, hits, span_start, span_end)


def _head_entity(doc: "Doc", hits: list[Entity], start: int, end: int) -> str | None:
    """A longer span ("Velorian Foreign Minister Anika Sorell"): the entity holding its syntactic head."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    holding = [e for e in hits if e.start <= root.idx < e.end and e.label != ROLE_LABEL]
    holding = holding or [e for e in hits if e.start <= root.idx < e.end]
    actors = {e.actor_id for e in holding}
    return actors.pop() if len(actors) == 1 else None


def _bindings(article: Article, doc: "Doc") -> list[RoleBinding]:
    found = []
    for e in article.entities:
        if e.label == ROLE_LABEL and e.actor_id:
            span = doc.char_span(e.start, e.end, alignment_mode="expand")
            if span is not None:
                head, mods = role_key(span)
                found.append(RoleBinding(e.start, e.end, head, mods, e.actor_id))
    return found


def _role_reference(article: Article, doc: "Doc", start: int, end: int) -> str | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not is_role_noun(span.root) or not is_definite(span.root):
        return None
    head, mods = role_key(role_span(span.root))
    return match_role(head, mods, _bindings(article, doc), start)


def resolve_pronoun(article: Article, doc: "Doc", token_index: int) -> str | None:
    token = doc[token_index]
    pronoun = token.lower_
    personal = pronoun in settings.MALE_PRONOUNS or pronoun in settings.FEMALE_PRONOUNS
    if not personal and pronoun not in settings.NEUTER_PRONOUNS:
        return None
    prefixes = ("person:",) if personal else settings.NEUTER_PREFIXES
    first_sentence = _sentence_index(doc, token)
    sents = list(doc.sents)
    window_start = sents[max(0, first_sentence - settings.PRONOUN_LOOKBACK_SENTENCES)].start
    persons = [e for e in article.entities
               if e.actor_id and e.actor_id.startswith(prefixes) and e.label != ROLE_LABEL]
    candidates: list[tuple[int, str]] = []  # (token index of the mention's head, actor)
    for e in persons:
        span = doc.char_span(e.start, e.end, alignment_mode="expand")
        if span is None or not (window_start <= span.start and span.end <= token.i):
            continue
        if _is_subject(span.root) and _gender_fits(pronoun, span, article):
            candidates.append((span.root.i, e.actor_id))
    for e in article.entities if personal else ():  # role nouns as subjects ("the Velorian minister said")
        if e.label == ROLE_LABEL and e.actor_id:
            span = doc.char_span(e.start, e.end, alignment_mode="expand")
            if span is not None and window_start <= span.start and span.end <= token.i and _is_subject(span.root):
                candidates.append((span.root.i, e.actor_id))
    if not candidates:
        return None
    candidates.sort()
    governing = _governing_subject(doc, token, candidates)
    if governing is not None:
        return governing
    latest_sentence = doc[candidates[-1][0]].sent.start
    recent = [(i, actor) for i, actor in candidates if doc[i].sent.start == latest_sentence]
    if len({actor for _, actor in recent}) > 1:  # "X said Y was wrong. He ...": the main clause's subject
        recent = [(i, actor) for i, actor in recent if _main_clause(doc[i])]
    actors = {actor for _, actor in recent}
    return actors.pop() if len(actors) == 1 else None


def _governing_subject(doc: "Doc", token: "Token", candidates: list[tuple[int, str]]) -> str | None:
    """"X said that Y has shown no sign that he ...": the subject of the nearest verb above the pronoun."""
    ancestors = {a.i: depth for depth, a in enumerate(token.ancestors)}
    governing = [(ancestors[_verb(doc[i]).i], actor) for i, actor in candidates if _verb(doc[i]).i in ancestors]
    if not governing:
        return None
    nearest = min(depth for depth, _ in governing)
    actors = {actor for depth, actor in governing if depth == nearest}
    return actors.pop() if len(actors) == 1 else None


def _verb(subject: "Token") -> "Token":
    return subject.head if subject.dep_ not in ("appos", "conj") else subject.head.head


def _main_clause(token: "Token") -> bool:
    head = token.head if token.dep_ not in ("appos", "conj") else token.head.head
    return head.dep_ == "ROOT"


def _sentence_index(doc: "Doc", token: "Token") -> int:
    for index, sent in enumerate(doc.sents):
        if sent.start <= token.i < sent.end:
            return index
    return 0


def _is_subject(root: "Token") -> bool:
    """A subject, or a subject's apposition or conjunct ("Sorell and Brenn met": both are candidates)."""
    if root.dep_ in settings.SUBJECT_DEPS:
        return True
    return root.dep_ in ("appos", "conj") and root.head.dep_ in settings.SUBJECT_DEPS


def _gender_fits(pronoun: str, name_span, article: Article) -> bool:
    """Reject a candidate only when a title cue says the other gender ("Mrs Sorell" for "he")."""
    cues = {t.lower_.rstrip(".") for t in name_span.doc[max(0, name_span.start - 2):name_span.start]}
    if pronoun in settings.MALE_PRONOUNS and cues & settings.FEMALE_CUES:
        return False
    if pronoun in settings.FEMALE_PRONOUNS and cues & settings.MALE_CUES:
        return False
    return True
