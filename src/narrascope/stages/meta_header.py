"""Reading the clean stage's header evidence: `article.header` and the removed `header:*` lines.

Only header lines (and the header's dateline) are evidence about the article itself; every
other removed line is noise (captions, headline lists, comments, teasers) and is never read
for the article's date, title or author here.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Article

UNKNOWN_LINE = -1  # a header value clean gave only in `article.header`, with no removed line


@dataclass(frozen=True)
class HeaderLine:
    line: int  # 0-based line in the normalised input, or UNKNOWN_LINE
    text: str


def normalise_space(text: str) -> str:
    return " ".join(text.split())


def header_lines(article: Article, role: str) -> list[HeaderLine]:
    """The header lines clean classified as `role` (title, subtitle, date, byline, outlet, section,
    dateline), in input order; a value found only in `article.header` comes first."""
    reason = f"header:{role}"
    found = [HeaderLine(r.line, r.text) for r in article.removed if r.reason == reason]
    known = {normalise_space(h.text) for h in found}
    extra = [
        HeaderLine(UNKNOWN_LINE, part)
        for part in str(article.header.get(role) or "").splitlines()
        if part.strip() and normalise_space(part) not in known
    ]
    return extra + sorted(found, key=lambda h: h.line)


def first_header_text(article: Article, role: str) -> str | None:
    lines = header_lines(article, role)
    return normalise_space(lines[0].text) if lines else None


def removed_at(article: Article, line: int) -> tuple[str, str] | None:
    """(reason, text) of the removed line at `line`, if any."""
    for r in article.removed:
        if r.line == line:
            return r.reason, r.text
    return None


def body_lines(article: Article, limit: int) -> list[str]:
    """The first `limit` non-empty lines of the clean body."""
    lines: list[str] = []
    for raw in (article.text or "").splitlines():
        if raw.strip():
            lines.append(raw.strip())
            if len(lines) >= limit:
                break
    return lines
