"""Title, subtitle, word count and the truncation flag.

word_count: runs of word characters, with inner apostrophes, hyphens and dots kept inside one
word ("don't", "Kyiv-based", "U.S" count once); numbers count as words; punctuation does not.

truncated: the body's last non-empty line does not end in terminal punctuation
(settings.TERMINAL_CHARS: . ! ? … closing quotes and brackets), so it stops mid-sentence or
mid-word. A short heading-like last line ("Dead end", "More news") after a complete paragraph is
not counted as truncation: such a line is usually a section heading or leftover page residue
whose loss says nothing about the article body, and flagging it would mark complete articles
as cut (null beats wrong: we only flag what the text shows).
"""
from __future__ import annotations

import re

from ..model import Article
from ..settings import metadata as settings
from .dates import is_date_only
from .meta_header import HeaderIndex, normalise_space

_NON_WORDS = ("—", "–", "-")
_DURATION = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?\b")
_FUNCTION_WORDS = frozenset("a an the of to in on at by for and or but with from as is was be "
                            "that which who whose than would will".split())


def resolve_title(article: Article, index: HeaderIndex | None = None,
                  outlet: str | None = None) -> tuple[str, str] | None:
    """(title, source): given > html-meta > header; never a caption, credit or video label.
    A page title's " | Outlet" / " - Outlet" suffix is dropped when it names the outlet."""
    index = HeaderIndex.of(article, index)
    for source, raw in (("given", article.given.get("title")), ("html-meta", article.html_meta.get("title")),
                        ("header", index.first("title"))):
        title = valid_title(raw)
        if title:
            return strip_outlet_suffix(title, outlet), source
    return None


def strip_outlet_suffix(title: str, outlet: str | None) -> str:
    if not outlet:
        return title
    match = re.match(r"^(.{%d,}?)\s+[|\-–—:]\s+(.+)$" % settings.TITLE_MIN_CHARS, title)
    if match and match.group(2).casefold() == outlet.casefold():
        return match.group(1)
    return title


def resolve_subtitle(article: Article, index: HeaderIndex | None = None) -> tuple[str, str] | None:
    """(subtitle, source): given > html-meta (the page description) > header standfirst."""
    index = HeaderIndex.of(article, index)
    for source, raw in (("given", article.given.get("subtitle")),
                        ("html-meta", article.html_meta.get("subtitle")),
                        ("header", index.first("subtitle"))):
        subtitle = valid_title(raw, max_chars=settings.TITLE_MAX_CHARS * 2)
        if subtitle:
            return subtitle, source
    return None


def valid_title(raw: object, max_chars: int = settings.TITLE_MAX_CHARS) -> str | None:
    if not isinstance(raw, str):
        return None
    title = normalise_space(raw)
    lowered = title.casefold()
    if not settings.TITLE_MIN_CHARS <= len(title) <= max_chars or not re.search(r"[^\W\d_]{2}", title):
        return None
    if _DURATION.match(title) or any(marker in lowered for marker in settings.TITLE_REJECT_MARKERS):
        return None
    if len(title) <= settings.DATE_LINE_MAX_CHARS and is_date_only(title):
        return None  # a date line misfiled as a title or standfirst
    return title


def word_count(text: str | None) -> int:
    if not text:
        return 0
    return len(text.split()) - sum(text.count(f" {mark} ") for mark in _NON_WORDS)


def is_truncated(text: str | None) -> bool:
    """True when the body visibly stops mid-sentence or mid-word."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not lines:
        return False
    last = lines[-1]
    if _ends_complete(last):
        return False
    if len(lines) > 1 and _ends_complete(lines[-2]) and _heading_like(last):
        return False
    return True


def _ends_complete(line: str) -> bool:
    return line.rstrip()[-1:] in settings.TERMINAL_CHARS


def _heading_like(line: str) -> bool:
    words = line.split()
    if not words or len(words) > settings.HEADING_MAX_WORDS or "," in line or line[-1] in ":;-—–":
        return False  # a colon or dash promises more text
    last = words[-1].casefold()
    return line[0].isupper() and last not in _FUNCTION_WORDS and len(last) > 2
