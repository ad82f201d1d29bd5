"""Find quoted passages in plain text: pure string scanning, no model.

A `Quote` is one outer quotation: curly double quotes, guillemets, low-high German quotes,
straight double quotes paired within a paragraph, and single quotes (curly or straight) used as
outer marks. Single quotes inside a double-quoted passage are nested and belong to it. A curly
quote left open at the end of a paragraph is closed there (the newspaper convention for a
quotation running over several paragraphs re-opens it in the next one).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..settings.statements import QUOTE_PAIRS, SINGLE_QUOTE_PAIRS

_TRAILING_PUNCT = " \t\n,;:\u2013\u2014-"


@dataclass(frozen=True)
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark (or the paragraph end when left open)
    inner_start: int  # the quoted words, marks excluded
    inner_end: int

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end

    def contains(self, offset: int) -> bool:
        return self.inner_start <= offset < self.inner_end


def find_quotes(text: str) -> list[Quote]:
    """All outer quotations in `text`, in order, non-overlapping."""
    quotes: list[Quote] = []
    for par_start, par_end in _paragraphs(text):
        quotes.extend(_double_quotes(text, par_start, par_end))
    taken = [(q.start, q.end) for q in quotes]
    for par_start, par_end in _paragraphs(text):
        for quote in _single_quotes(text, par_start, par_end):
            if not any(s <= quote.start < e for s, e in taken):
                quotes.append(quote)
    return sorted(quotes, key=lambda q: q.start)


def trimmed_inner(text: str, quote: Quote) -> tuple[int, int]:
    """The quoted words without the comma or dash that closes the quote before the attribution."""
    start, end = quote.inner_start, quote.inner_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRAILING_PUNCT:
        end -= 1
    return start, end


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if e > s]


def _double_quotes(text: str, start: int, end: int) -> list[Quote]:
    quotes, i = [], start
    while i < end:
        char = text[i]
        if char in QUOTE_PAIRS:
            close = _find_close(text, i + 1, end, QUOTE_PAIRS[char], opener=char)
            quotes.append(_quote(i, close, end))
            i = end if close is None else close + 1
        elif char == '"':
            close = text.find('"', i + 1, end)
            if close == -1:
                if not text[start:i].strip():  # opens the paragraph: a quote running over paragraphs
                    quotes.append(_quote(i, None, end))
                return quotes  # an unpaired straight quote elsewhere: ambiguous, leave the rest alone
            quotes.append(_quote(i, close, end))
            i = close + 1
        else:
            i += 1
    return quotes


def _find_close(text: str, begin: int, end: int, closer: str, opener: str) -> int | None:
    """Offset of the closing mark; None when the paragraph ends first or the quote is re-opened."""
    for j in range(begin, end):
        if text[j] == closer:
            return j
        if text[j] == opener and opener != closer:
            return None
    return None


def _quote(open_at: int, close_at: int | None, par_end: int) -> Quote:
    if close_at is None:
        return Quote(open_at, par_end, open_at + 1, par_end)
    return Quote(open_at, close_at + 1, open_at + 1, close_at)


def _single_quotes(text: str, start: int, end: int) -> list[Quote]:
    """Single quotes as outer marks: an opener after a space or bracket, a closer before a non-letter
    (so that apostrophes in "Russia's" or "don't" never open or close a quote)."""
    quotes, i = [], start
    while i < end:
        char = text[i]
        if char in SINGLE_QUOTE_PAIRS and _opens(text, i, start):
            close = _single_close(text, i + 1, end, SINGLE_QUOTE_PAIRS[char])
            if close is not None:
                quotes.append(Quote(i, close + 1, i + 1, close))
                i = close + 1
                continue
        i += 1
    return quotes


def _opens(text: str, i: int, par_start: int) -> bool:
    before_ok = i == par_start or text[i - 1].isspace() or text[i - 1] in "([\u2014\u2013-"
    return before_ok and i + 1 < len(text) and text[i + 1].isalnum()


def _single_close(text: str, begin: int, end: int, closer: str) -> int | None:
    for j in range(begin, end):
        if text[j] == closer and text[j - 1] not in " \t" and (j + 1 >= end or not text[j + 1].isalnum()):
            if text[j - 1] == "s" and j + 1 < end and text[j + 1] == " " and _looks_plural_possessive(text, j):
                continue
            return j
    return None


def _looks_plural_possessive(text: str, j: int) -> bool:
    """"the voters' choice": an apostrophe after a plural s followed by a lower-case word."""
    following = text[j + 2 : j + 3]
    return following.islower()
