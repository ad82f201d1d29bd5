"""Mention features from the dependency parse (spaCy, the nlp stage's model): what the actor does or
suffers in its sentence.

For each occurrence of the actor in its context sentences: its syntactic function after climbing
through coordination, apposition and compounds ("dep=nsubj", "cmp=regime" for "the Kyiv regime"),
its semantic side of the governing verb (agent: active subject or passive "by"-phrase; patient:
object or passive subject) with the verb's lemma and lexicon class ("agent:attack",
"patient:C_harm", "agent:C_say"), negation and passive voice, the preposition that governs it
("prep=against"), its modifiers ("mod=corrupt") and the content lemmas near it ("near=war").

Parses are `(offset, Doc)` pairs: a Doc of the whole article (offset 0, the nlp stage's parse via
`doc_for`) or of single sentences (their offset in the article), so the SemEval path parses only the
sentences that mention an actor.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable

from ..settings import framing as settings
from .framing_actors import Mention, sentence_indices
from .narratives_text import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Parse = tuple[int, "Doc"]
Parser = Callable[[list[str]], list["Doc"]]

CLIMB = {"conj", "appos", "compound", "flat", "nmod"}
AGENT_DEPS = {"nsubj", "csubj"}
PATIENT_DEPS = {"dobj", "nsubjpass", "iobj", "dative", "attr", "oprd"}
VERB_CLASS = {lemma: name for name, lemmas in settings.VERB_CLASSES.items() for lemma in lemmas}


def spacy_parser(texts: list[str]) -> list["Doc"]:
    """The nlp stage's model over `texts` (loaded once per process)."""
    from .nlp import load_model

    return list(load_model().pipe(texts))


def parse_context(sentences: list[Sentence], mentions: Iterable[Mention], parser: Parser | None = None) -> list[Parse]:
    """Parses of just the sentences that mention the actors (the SemEval path, or no nlp stage)."""
    wanted: list[int] = sorted({i for m in mentions for i in sentence_indices(sentences, m.spans or [(m.start, m.end)])})
    docs = (parser or spacy_parser)([sentences[i].text for i in wanted])
    return [(sentences[i].start, doc) for i, doc in zip(wanted, docs)]


def tokens_at(parses: list[Parse], start: int, end: int) -> list["Token"]:
    for offset, doc in parses:
        if offset <= start and end <= offset + len(doc.text) + 1:
            return [t for t in doc if start <= offset + t.idx < end]
    return []


def span_root(tokens: list["Token"]) -> "Token":
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[-1])


def governing_verb(token: "Token") -> "Token | None":
    current = token
    for _ in range(settings.MAX_HEAD_HOPS):
        if current.pos_ in ("VERB", "AUX"):
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def occurrence_features(root: "Token", inside: set[int]) -> list[str]:
    feats: list[str] = []
    node = root
    while node.dep_ in CLIMB and node.head.i != node.i:
        if node.dep_ == "compound":
            feats.append(f"cmp={node.head.lemma_.lower()}")
        node = node.head
    dep = node.dep_
    feats.append(f"dep={dep}")
    feats += [f"mod={c.lemma_.lower()}" for c in root.children if c.dep_ in ("amod", "appos", "compound") and c.is_alpha and c.i not in inside]
    side = "agent" if dep in AGENT_DEPS else "patient" if dep in PATIENT_DEPS else "other"
    if dep == "poss":
        feats.append(f"poss={node.head.lemma_.lower()}")
    if dep == "pobj":
        prep = node.head
        feats += [f"prep={prep.lemma_.lower()}", f"prep_head={prep.head.lemma_.lower()}"]
        side = "agent" if prep.dep_ == "agent" else "patient" if prep.lemma_.lower() in settings.PATIENT_PREPOSITIONS else "other"
    verb = governing_verb(node.head)
    if verb is None:
        return feats + [f"side={side}"]
    lemma = verb.lemma_.lower()
    kind = VERB_CLASS.get(lemma, "none")
    negated = any(c.dep_ == "neg" for c in verb.children)
    feats += [f"side={side}", f"{side}:{lemma}", f"{side}:C_{kind}", f"v={lemma}"]
    if negated:
        feats += ["neg", f"neg:{side}:C_{kind}"]
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        feats.append("passive")
    return feats


def near_lemmas(tokens: list["Token"], root: "Token") -> list[str]:
    doc = root.doc
    lo, hi = max(0, tokens[0].i - settings.NEAR_TOKENS), min(len(doc), tokens[-1].i + settings.NEAR_TOKENS + 1)
    return [f"near={t.lemma_.lower()}" for t in doc[lo:hi]
            if t.pos_ in ("NOUN", "VERB", "ADJ") and t.is_alpha and not (tokens[0].i <= t.i <= tokens[-1].i)]


def syntax_tokens(parses: list[Parse], mention: Mention) -> list[str]:
    """Parse features of a mention's first occurrences (at most settings.SYNTAX_OCCURRENCES)."""
    feats: list[str] = []
    seen = 0
    for start, end in mention.spans or [(mention.start, mention.end)]:
        tokens = tokens_at(parses, start, end)
        if not tokens:
            continue
        root = span_root(tokens)
        prefix = "F_" if seen == 0 else ""  # the given (first) occurrence also on its own
        occurrence = occurrence_features(root, {t.i for t in tokens}) + near_lemmas(tokens, root)
        feats += occurrence + ([prefix + f for f in occurrence] if prefix else [])
        seen += 1
        if seen >= settings.SYNTAX_OCCURRENCES:
            break
    return feats or ["no_parse"]
