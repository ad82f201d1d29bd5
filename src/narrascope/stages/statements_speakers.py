"""Who is speaking: the subject of a speech verb, and the extent of the speaker's phrase.

The parse is trusted first (nsubj, inherited by "..., adding that"); two fallbacks read the token
sequence where the small model often misparses: a name right after a closing quote
("“...,” Name, an adviser to X, tweeted") and a name opening a paragraph before the verb.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..settings import statements as cfg

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_CLIMB_DEPS = ("xcomp", "advcl", "conj", "pcomp", "prep", "acl")
_SPEAKER_RIGHT_DEPS = ("compound", "flat", "nummod", "conj", "cc", "case")


def find_subject(verb: "Token", depth: int = 0) -> "Token | None":
    """The speaker of a verb: its own subject, or that of the verb it depends on ("..., adding")."""
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS:
            if child.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                return verb.head
            if child.lower_ in cfg.EXPLETIVE_SUBJECTS or child.dep_ == "nsubjpass":
                return None
            if child.ent_type_ in ("DATE", "TIME"):  # "said Saturday" parsed as a subject
                continue
            return child
    if depth < 3 and verb.dep_ in _CLIMB_DEPS and verb.head.i != verb.i:
        return find_subject(verb.head, depth + 1)
    return None


def speaker_tokens(head: "Token") -> tuple[int, int]:
    """Token range [start, end) of the speaker phrase: determiners, titles and names, not appositions,
    never reaching back over a quotation mark or comma before the head."""
    start, end = head.left_edge.i, head.i + 1
    for child in head.rights:
        if child.dep_ in _SPEAKER_RIGHT_DEPS or (child.dep_ == "prep" and child.lower_ == "of"):
            end = max(end, child.right_edge.i + 1)  # "the speaker of parliament"
        else:
            break
    doc = head.doc
    for i in range(head.i - 1, start - 1, -1):
        if doc[i].is_quote or doc[i].text in (",", ";", ":", "\u2014", "\u2013") or "\n" in doc[i].text:
            start = i + 1
            break
    while start < head.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, end


def named_apposition(head: "Token") -> "Token":
    """"the President of the upper house, Valentina Matvienko, called": the name, not the title."""
    if head.ent_type_ in ("PERSON", "ORG"):
        return head
    for child in head.rights:
        if child.dep_ == "appos" and child.ent_type_ in ("PERSON", "ORG"):
            return child
    return head


def paragraph_subject(verb: "Token") -> "Token | None":
    """"Title line\n\nRussian President X said ...": the parser may join a title without a full
    stop to the next paragraph; a name opening the paragraph right before the verb is its subject."""
    doc, i = verb.doc, verb.i - 1
    while i >= 0 and doc[i].pos_ in ("PROPN", "NOUN", "DET", "ADJ", "NUM", "PART") and "\n" not in doc[i].text:
        i -= 1
    if i == verb.i - 1 or not (i < 0 or "\n" in doc[i].text):
        return None
    return doc[verb.i - 1] if doc[verb.i - 1].pos_ in ("PROPN", "NOUN") else None


def sequence_subject(verb: "Token") -> "Token | None":
    """“...,” Name, an adviser to X, tweeted: the parser often hangs such a verb on the apposition;
    the speaker is then the first noun phrase after the closing quote."""
    doc, sent = verb.doc, verb.sent
    close = next((i for i in range(verb.i - 1, sent.start, -1) if is_frame_boundary(doc, i) and doc[i].is_quote), None)
    if close is None or verb.i - close > cfg.MAX_TRAILING_FRAME_TOKENS:
        return None
    for token in doc[close + 1:verb.i]:
        if token.pos_ in ("PROPN", "NOUN") or (token.pos_ == "PRON" and token.lower_ not in cfg.EXPLETIVE_SUBJECTS):
            head = token
            while head.dep_ in ("compound", "amod", "det", "flat", "nmod") and close < head.head.i < verb.i:
                head = head.head
            return head
    return None


def is_frame_boundary(doc: "Doc", i: int) -> bool:
    token = doc[i]
    if token.text in (",", "\u2014", "\u2013"):
        return True
    return token.is_quote and i > 0 and doc[i - 1].text in (",", "?", "!", "\u2014", "\u2013")
