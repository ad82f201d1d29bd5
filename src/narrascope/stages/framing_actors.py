"""Which actors of an article to frame, and where they are mentioned.

With the nlp stage's entities: the most-mentioned PERSON/ORG/GPE/NORP actors (grouped by actor id,
else by surface text). Without them (nlp absent): capitalised name sequences that recur.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Article
from ..settings import framing as settings
from .narratives_text import Sentence

NAME = re.compile(r"\b(?:[A-Z][\w’'-]+)(?:\s+(?:of\s+the\s+|of\s+)?[A-Z][\w’'-]+)*")
NOT_NAMES = {"The", "A", "An", "In", "On", "But", "And", "It", "This", "That", "He", "She", "They", "We", "I",
             "As", "At", "If", "When", "What", "Why", "How", "Its", "His", "Her", "Their", "Our", "There", "So"}


@dataclass
class Mention:
    name: str  # as the text names it (first mention)
    start: int  # offsets into the text, end exclusive
    end: int
    actor_id: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)  # every mention of the same actor


def sentence_indices(sentences: list[Sentence], spans: list[tuple[int, int]]) -> list[int]:
    """Indices of the sentences holding the spans, first ones first, at most CONTEXT_SENTENCES."""
    found: list[int] = []
    for start, _ in spans:
        for i, s in enumerate(sentences):
            if s.start <= start < s.end and i not in found:
                found.append(i)
                break
        if len(found) >= settings.CONTEXT_SENTENCES:
            break
    return found


def salient_actors(article: Article) -> list[Mention]:
    text = article.text or ""
    groups: dict[str, Mention] = {}
    if article.entities:
        for entity in article.entities:
            if entity.label not in settings.ACTOR_LABELS:
                continue
            key = entity.actor_id or entity.text.lower()
            mention = groups.setdefault(key, Mention(entity.text, entity.start, entity.end, entity.actor_id))
            mention.spans.append((entity.start, entity.end))
    else:
        for match in NAME.finditer(text):
            name = match.group(0)
            if name in NOT_NAMES or len(name) < 3:
                continue
            mention = groups.setdefault(name.lower(), Mention(name, match.start(), match.end()))
            mention.spans.append((match.start(), match.end()))
    ranked = sorted(groups.values(), key=lambda m: (-len(m.spans), m.start))
    frequent = [m for m in ranked if len(m.spans) >= settings.MIN_ACTOR_MENTIONS]
    return (frequent or ranked)[: settings.MAX_ACTORS]


def mention_from_offsets(text: str, start: int, end_inclusive: int, name: str) -> Mention:
    """A SemEval mention (end inclusive) with every other occurrence of the same name as extra context."""
    spans = [(start, end_inclusive + 1)]
    spans += [(m.start(), m.end()) for m in re.finditer(re.escape(name), text) if m.start() != start]
    return Mention(name, start, end_inclusive + 1, None, spans)
