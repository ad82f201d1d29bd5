"""Speech cues on spaCy's dependency parse: the cue, its speaker and the span of what was said.

A `Frame` is one attribution found around a cue:
- a speech verb with a subject ("Sorell said that ...", "“...,” the ministry added",
  "... , adding that ..." inheriting the subject of the verb it hangs on);
- "according to X" (content: the rest of the clause);
- a speech noun with a "that"-clause ("repeated his claim that ...").
The content is a set of token indices; `statements.py` turns frames into Statements.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

from ..settings import statements as cfg
from .statements_speakers import (
    find_subject, is_frame_boundary, named_apposition, paragraph_subject, sequence_subject, speaker_tokens,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_DATE_DEPS = ("npadvmod", "tmod", "obl", "prep", "advmod")


@dataclass
class Frame:
    cue: "Token"  # the cue's head token (verb, "according", or speech noun)
    cue_text: str  # "said", "according to", "called for", "claim"
    speaker: "Token | None"  # head of the speaker phrase
    speaker_span: tuple[int, int] | None  # character offsets of the speaker phrase
    content: list[int] = field(default_factory=list)  # token indices of the content, sorted
    frame_tokens: set[int] = field(default_factory=set)  # tokens of the attribution itself
    trailing: bool = False  # ", the ISW added." after its content

    @property
    def lemma(self) -> str:
        return "according" if self.cue.lower_ == "according" else self.cue.lemma_.lower()


def find_frames(doc: "Doc", in_quote: set[int]) -> list[Frame]:
    """Every attribution frame whose cue lies outside quoted text, in document order."""
    frames = []
    for token in doc:
        if token.i in in_quote:
            continue
        frame = _frame_at(token, in_quote)
        if frame is not None:
            frames.append(frame)
    return frames


def _frame_at(token: "Token", in_quote: set[int]) -> Frame | None:
    if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
        return _according_frame(token)
    if token.pos_ in ("VERB", "AUX") and is_speech_verb(token):
        return _verb_frame(token, in_quote)
    if token.pos_ == "NOUN" and token.lemma_.lower() in cfg.SPEECH_NOUNS:
        return _noun_frame(token)
    return None


def is_speech_verb(token: "Token") -> bool:
    lemma = token.lemma_.lower()
    if lemma not in cfg.SPEECH_VERBS:
        return False
    if lemma == "call":
        return any(c.dep_ == "prep" and c.lower_ in cfg.CALL_PREPOSITIONS for c in token.children)
    return True


def _verb_frame(verb: "Token", in_quote: set[int]) -> Frame | None:
    subject = find_subject(verb)
    if subject is None and verb.dep_ in ("acl", "relcl", "ROOT", "conj", "advcl"):
        subject = sequence_subject(verb)
    if subject is None:
        subject = paragraph_subject(verb)
    if subject is None:
        return None
    content = _content_tokens(verb)
    trailing = _trailing_frame(verb, subject)
    if trailing is not None and (not content or set(content) <= set(trailing[0]) or _mostly_quoted(content, in_quote)):
        content, frame_tokens = trailing
        return _make(verb, _cue_text(verb), subject, content, frame_tokens, trailing=True)
    return _make(verb, _cue_text(verb), subject, content, set(_subtree_ids(subject)) | {verb.i})


def _mostly_quoted(indices: list[int], in_quote: set[int]) -> bool:
    return bool(indices) and sum(i in in_quote for i in indices) >= 0.8 * len(indices)


def _according_frame(according: "Token") -> Frame | None:
    to = according.nbor()
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    sent = according.sent
    frame_ids = {t.i for t in according.subtree} | {t.i for t in to.subtree} | {according.i, to.i}
    content = [t.i for t in sent if t.i not in frame_ids and not _is_edge_punct(t, sent)]
    return _make(according, "according to", source, content, frame_ids)


def _noun_frame(noun: "Token") -> Frame | None:
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and _has_that(c)), None)
    if clause is None:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    speaker = owner
    if noun.dep_ in ("dobj", "attr") and (owner is None or owner.pos_ == "PRON"):
        speaker = find_subject(noun.head) or owner
    if speaker is None:
        return None
    content = sorted(t.i for t in clause.subtree)
    return _make(noun, noun.text, speaker, content, {noun.i})


def _has_that(clause: "Token") -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _content_tokens(verb: "Token") -> list[int]:
    lemma = verb.lemma_.lower()
    ids: set[int] = set()
    for child in verb.children:
        if child.dep_ in cfg.CONTENT_DEPS:
            if child.dep_ == "parataxis" and child.i < verb.i and not child.left_edge.is_quote:
                continue
            if child.i < verb.i and child.left_edge.lower_ in cfg.ADVERBIAL_OPENERS:
                continue  # "when she got a rejection, she explained ...": a misparsed adverbial clause
            ids.update(_subtree_ids(child))
        elif child.dep_ == "dobj" and lemma in cfg.OBJECT_CONTENT_VERBS:
            ids.update(_subtree_ids(child))
        elif child.dep_ == "prep" and child.lower_ in cfg.CONTENT_PREPOSITIONS.get(lemma, ()):
            for grandchild in child.children:
                if grandchild.dep_ in ("pobj", "pcomp"):
                    ids.update(_subtree_ids(grandchild))
    ids -= _according_ids(verb.doc, ids)
    return sorted(ids)


def _according_ids(doc: "Doc", ids: set[int]) -> set[int]:
    out: set[int] = set()
    for i in ids:
        token = doc[i]
        if token.lower_ == "according" and i + 1 < len(doc) and doc[i + 1].lower_ == "to":
            out.update(t.i for t in token.subtree)
            out.update(t.i for t in doc[i + 1].subtree)
            if i > 0 and doc[i - 1].is_punct:
                out.add(i - 1)
    return out


def _trailing_frame(verb: "Token", subject: "Token") -> tuple[list[int], set[int]] | None:
    """", the state news agency X reported." / ", said Sorell.": the content is what precedes the comma.

    Robust to the small model's misparses of long quotes: found on the token sequence, not the tree.
    """
    sent, doc = verb.sent, verb.doc
    boundary = verb.i - 1 if subject.i > verb.i else _noun_phrase_start(subject) - 1
    if boundary <= sent.start or not is_frame_boundary(doc, boundary):
        return None
    if any(t.pos_ in ("VERB", "AUX") and t.i != verb.i and t.i not in _subtree_set(subject)
           for t in doc[boundary + 1:verb.i]):
        return None
    frame_end = _frame_end(verb, sent)
    if frame_end - boundary > cfg.MAX_TRAILING_FRAME_TOKENS or _has_own_object(verb, frame_end):
        return None
    content = [i for i in range(sent.start, boundary) if not doc[i].is_space]
    if len(content) < 3:
        return None
    return content, set(range(boundary, frame_end))


def _noun_phrase_start(subject: "Token") -> int:
    """Start of the speaker phrase, reaching left over words the parser hung elsewhere
    ("the state news agency TASS" parsed as "agency" + "TASS")."""
    doc, start = subject.doc, speaker_tokens(subject)[0]
    while start - 1 > subject.sent.start and doc[start - 1].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM") \
            and not doc[start - 1].is_quote:
        start -= 1
    return start


def _has_own_object(verb: "Token", frame_end: int) -> bool:
    """"..., she explained it as ...": a verb with its own object after it does not frame what precedes."""
    for child in verb.rights:
        if child.i >= frame_end or child.dep_ not in ("dobj", "ccomp", "xcomp", "attr", "oprd"):
            continue
        if not (child.dep_ == "dobj" and verb.lemma_.lower() in cfg.ADDRESSEE_VERBS):
            return True
    return False


def _subtree_set(token: "Token") -> set[int]:
    return {t.i for t in token.subtree}


def _frame_end(verb: "Token", sent: "Span") -> int:
    """End of the attribution clause: the next comma after the verb, else the sentence end."""
    for i in range(verb.i + 1, sent.end):
        if verb.doc[i].text in (",", ";", ":"):
            return i
    return sent.end


def _make(cue: "Token", cue_text: str, speaker: "Token", content: list[int], frame_ids: set[int],
          trailing: bool = False) -> Frame:
    doc = cue.doc
    start, end = speaker_tokens(speaker)
    if trailing and speaker.i < cue.i:
        start = _noun_phrase_start(speaker)
    frame_ids = frame_ids | set(range(start, end))
    named = named_apposition(speaker)
    if named.i != speaker.i:
        speaker, (start, end) = named, speaker_tokens(named)
        frame_ids |= set(range(start, end))
    span = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
    content = nearest_run([i for i in content if i not in frame_ids], doc, cue.i)
    return Frame(cue, cue_text, speaker, span, content, frame_ids, trailing)


def nearest_run(indices: list[int], doc: "Doc", cue: int) -> list[int]:
    """The stretch of consecutive tokens nearest the cue, never across a line break (content is
    contiguous; what splits it is the attribution itself or a paragraph end)."""
    runs: list[list[int]] = []
    for i in sorted(indices):
        if "\n" in doc[i].text:
            runs.append([])
            continue
        if runs and runs[-1] and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    runs = [r for r in runs if r and "\n" not in doc[min(r[0], cue):max(r[-1], cue) + 1].text]
    return min(runs, key=lambda r: (min(abs(r[0] - cue), abs(r[-1] - cue)), -len(r)), default=[])


def _cue_text(verb: "Token") -> str:
    """The verb with its particle or content preposition: "called for", "pointed out"."""
    extra = [c for c in verb.rights if c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ in
             cfg.CONTENT_PREPOSITIONS.get(verb.lemma_.lower(), ()))]
    return " ".join([verb.text] + [c.text for c in extra[:1]])


def _subtree_ids(token: "Token") -> Iterator[int]:
    return (t.i for t in token.subtree)


def _is_edge_punct(token: "Token", sent: "Span") -> bool:
    return token.is_punct and token.text in (",", ".") and (token.i == sent.end - 1 or token.nbor().lower_ == "according")


def date_tokens(frame: Frame) -> list["Token"]:
    """Tokens around the cue that may say when the statement was made ("on Sunday", "Monday")."""
    cue = frame.cue
    holders = [cue]
    if cue.pos_ == "NOUN" and cue.head.i != cue.i:
        holders.append(cue.head)
    if frame.speaker is not None:
        holders.append(frame.speaker)
    content = set(frame.content)
    tokens: list["Token"] = []
    for holder in holders:
        for child in holder.children:
            if child.dep_ in _DATE_DEPS and child.i not in content:
                tokens.extend(t for t in child.subtree if t.i not in content)
    return sorted(set(tokens), key=lambda t: t.i)
