"""Lines with shape features, and the document of lines the clean rules work on.

A `Line` carries its text, its word count and, once a rule has decided, the `reason` it is not
body text. `LineDoc` gives rules neighbours (previous/next non-blank line) and a few document
facts (where the last real paragraph is, the typical paragraph length).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median
from typing import Sequence

from ..settings import clean as S

_BULLETS = "•·*▪►▶◦‣-–—>»|"
_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
_FULL_STOP_END = re.compile(r"(?:[.…;,]|[.…][\"'”’»)\]]+)$")
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’»)]*\s+(?=[\"'“‘«(]?[A-Z0-9])")
_TIME = re.compile(
    r"(?:\d{1,2}[:.]\d{2}(?::\d{2})?)(?:\s?[ap]\.?m\.?)?(?:\s?(?:gmt|utc|cet|cest|est|edt|bst|msk|eet|eest)[+-]?\d*)?",
    re.I,
)
_DATE_TOKEN = re.compile(r"[^\W\d_]+\.?|\d+|\S")
_DIGIT = re.compile(r"\d")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b")
_DATE_PUNCT = set(",.:/-–—|()[]'’")
_MONTHS = frozenset(S.MONTHS)
_WEEKDAYS = frozenset(S.WEEKDAYS)
_FILLERS = frozenset(S.DATE_FILLERS) | {"a", "p", "m"}
_SECTION_LABELS = frozenset(S.SECTION_LABELS)


def strip_bullets(text: str) -> str:
    return text.lstrip(_BULLETS + " ").rstrip(" :")


def compile_start(patterns: Sequence[str]) -> re.Pattern[str]:
    """Phrases matched at the start of a line (after any bullet)."""
    return re.compile(r"^[%s\s]*(?:%s)" % (re.escape(_BULLETS), "|".join(patterns)), re.I)


def compile_whole(patterns: Sequence[str]) -> re.Pattern[str]:
    """Phrases that must be the whole line (bullets and closing punctuation aside)."""
    return re.compile(r"^[%s\s]*(?:%s)[\s:.!…»>*-]*$" % (re.escape(_BULLETS), "|".join(patterns)), re.I)


def compile_named(groups: Sequence[tuple[str, Sequence[str], bool]]) -> re.Pattern[str]:
    """One regex for several phrase lists (one match call per line): group name = reason.

    Each group is (name, patterns, whole); whole=True means the phrase must be the whole line.
    Names use "_" for "-" (regex group names); the earlier group wins.
    """
    parts = []
    for name, patterns, whole in groups:
        tail = r"[\s:.!…»>*-]*$" if whole else ""
        parts.append(r"(?P<%s>(?:%s)%s)" % (name, "|".join(patterns), tail))
    return re.compile(r"^[%s\s]*(?:%s)" % (re.escape(_BULLETS), "|".join(parts)), re.I)


def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text))


def ends_full_stop(text: str) -> bool:
    """Ends like a statement (full stop, ellipsis, or a dangling comma/semicolon), not a question."""
    return bool(_FULL_STOP_END.search(text))


def sentence_count(text: str) -> int:
    return len(_SENTENCE_BREAK.findall(text)) + 1


def is_time(text: str) -> bool:
    return len(text) <= 20 and bool(_TIME.fullmatch(text))


def is_date(text: str) -> bool:
    """A line that is only a date (and maybe a time): "18.10.2022.", "24 December, 2023 Sunday", "2024, Saturday"."""
    if len(text) > 60 or not _DIGIT.search(text):
        return False
    if _ISO_DATETIME.fullmatch(text):
        return True
    anchored = False
    for token in _DATE_TOKEN.findall(text.lower()):
        word = token.rstrip(".")
        if token.isdigit() or token in _DATE_PUNCT or word in _FILLERS:
            continue
        if word in _MONTHS or word in _WEEKDAYS:
            anchored = True
            continue
        if _TIME.fullmatch(token):
            continue
        return False
    return anchored or bool(_NUMERIC_DATE.search(text))





_MONTH_NUMBER = {name: (i % 12) + 1 for i, name in enumerate(S.MONTHS[:12])} | {
    name: n for name, n in zip("jan feb mar apr jun jul aug sep sept oct nov dec".split(), (1, 2, 3, 4, 6, 7, 8, 9, 9, 10, 11, 12))
}


def date_key(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date line, 0 where missing; None when it names no year or month.
    A cheap reading for ordering, not a date parser: day-month order of numeric dates is not guessed."""
    year = month = day = 0
    for token in _DATE_TOKEN.findall(text.lower()):
        word = token.rstrip(".")
        if token.isdigit():
            if len(token) == 4:
                year = int(token)
            elif len(token) <= 2 and not day:
                day = int(token)
        elif word in _MONTH_NUMBER:
            month = _MONTH_NUMBER[word]
    return (year, month, day) if year or month else None


def is_label(text: str) -> bool:
    """A section/genre label: "OPINION", "Exclusive", "Analysis"."""
    core = strip_bullets(text)
    words = core.split()
    if not words or len(words) > S.SECTION_MAX_WORDS:
        return False
    if core.lower() in _SECTION_LABELS:
        return True
    letters = [c for c in core if c.isalpha()]
    return len(letters) >= 2 and core.isupper()


def is_title_like(text: str, words: int) -> bool:
    """Short, starts like a title, and does not end like a statement."""
    if not 1 <= words <= S.TITLE_MAX_WORDS or len(text) > S.TITLE_MAX_CHARS or ends_full_stop(text):
        return False
    first = text[0]
    return (first.isupper() or first.isdigit() or first in "\"'“‘«¿¡([") and any(c.isalpha() for c in text)


def _looks_wrapped(lines: list["Line"]) -> bool:
    """Hard-wrapped text: many lines run straight on into the next one, and nearly all of those
    are of a bounded width (a wrap column), not whole paragraphs."""
    inner = [ln for ln in lines if ln.text and ln.index + 1 < len(lines) and lines[ln.index + 1].text]
    if len(inner) < S.WRAP_MIN_LINES:
        return False
    in_band = sum(1 for ln in inner if S.WRAP_MIN_WIDTH <= len(ln.text) <= S.WRAP_MAX_WIDTH)
    return in_band >= S.WRAP_IN_BAND_SHARE * len(inner)


@dataclass(slots=True)
class Line:
    index: int
    text: str
    words: int
    reason: str | None = None
    cut: str | None = None  # a prefix removed from a body line (a dateline); the rest stays in the body
    tail: str | None = None  # a suffix removed from a body line (share residue); the rest stays

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def title_like(self) -> bool:
        return is_title_like(self.text, self.words)

    @property
    def kept(self) -> str:
        text = self.text[: len(self.text) - len(self.tail)].rstrip() if self.tail else self.text
        return text[len(self.cut):].lstrip() if self.cut else text


@dataclass
class LineDoc:
    lines: list[Line]
    order: list[int] = field(default_factory=list)  # indices of the non-blank lines
    position: dict[int, int] = field(default_factory=dict)  # line index -> place in `order`
    last_long: int = -1  # index of the last real paragraph (LONG_PARAGRAPH_WORDS or more)
    typical_words: float = 0.0  # median length of the real paragraphs
    wrapped: bool = False  # hard-wrapped text: a paragraph runs over several adjacent lines
    _nonblank: list[Line] = field(default_factory=list)

    @classmethod
    def from_lines(cls, texts: Sequence[str]) -> "LineDoc":
        # lines are stripped and single-spaced (text_normalise), so counting spaces counts words
        lines = [Line(i, t, t.count(" ") + 1 if t else 0) for i, t in enumerate(texts)]
        doc = cls(lines)
        doc.order = [ln.index for ln in lines if ln.text]
        doc._nonblank = [lines[i] for i in doc.order]
        doc.position = {index: place for place, index in enumerate(doc.order)}
        long = [ln for ln in lines if ln.words >= S.LONG_PARAGRAPH_WORDS]
        doc.last_long = long[-1].index if long else -1
        doc.typical_words = median(ln.words for ln in long) if long else 0.0
        doc.wrapped = _looks_wrapped(lines)
        return doc

    def nonblank(self) -> list[Line]:
        return self._nonblank

    def unmarked(self) -> list[Line]:
        """The non-blank lines no rule has marked yet (a list: a rule may mark while it walks)."""
        return [ln for ln in self._nonblank if ln.reason is None]

    def step(self, line: Line, offset: int) -> Line | None:
        """The non-blank line `offset` places after (negative: before) `line`."""
        place = self.position[line.index] + offset
        return self.lines[self.order[place]] if 0 <= place < len(self.order) else None

    def mark(self, line: Line, reason: str) -> None:
        if line.reason is None and not line.blank:
            line.reason = reason

    def near_noise(self, line: Line, distance: int) -> bool:
        """Is another non-blank line within `distance` places already marked as noise?"""
        for offset in range(1, distance + 1):
            for other in (self.step(line, offset), self.step(line, -offset)):
                if other is not None and other.reason is not None and not other.reason.startswith("header:"):
                    return True
        return False

    def after_article(self, line: Line) -> bool:
        """Below the last real paragraph: where widgets and footers live."""
        return line.index > self.last_long >= 0
