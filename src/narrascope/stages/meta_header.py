"""Reading the clean stage's header evidence: `article.header` and the removed `header:*` lines.

Only header lines (and the header's dateline) are evidence about the article itself; every
other removed line is noise (captions, headline lists, comments, teasers) and is never read
for the article's date, title or author here.

`HeaderIndex.of(article)` indexes that evidence once per article; the metadata resolvers take
it as an optional argument so the stage builds it once and shares it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Article, Removed

UNKNOWN_LINE = -1  # a header value clean gave only in `article.header`, with no removed line


@dataclass(frozen=True)
class HeaderLine:
    line: int  # 0-based line in the normalised input, or UNKNOWN_LINE
    text: str


def normalise_space(text: str) -> str:
    return " ".join(text.split())


@dataclass
class HeaderIndex:
    article: Article
    _by_reason: dict[str, list[Removed]] = field(default_factory=dict)
    _by_line: dict[int, Removed] = field(default_factory=dict)
    _roles: dict[str, list[HeaderLine]] = field(default_factory=dict)

    @classmethod
    def of(cls, article: Article, index: "HeaderIndex | None" = None) -> "HeaderIndex":
        if index is not None and index.article is article:
            return index
        built = cls(article)
        for removed in article.removed:
            built._by_reason.setdefault(removed.reason, []).append(removed)
            built._by_line.setdefault(removed.line, removed)
        return built

    def lines(self, role: str) -> list[HeaderLine]:
        """The header lines clean classified as `role` (title, subtitle, date, byline, outlet,
        section, dateline), in input order; a value found only in `article.header` comes first."""
        if role not in self._roles:
            self._roles[role] = self._collect(role)
        return self._roles[role]

    def _collect(self, role: str) -> list[HeaderLine]:
        found = sorted((HeaderLine(r.line, r.text) for r in self._by_reason.get(f"header:{role}", ())),
                       key=lambda h: h.line)
        known = {normalise_space(h.text) for h in found}
        extra = [HeaderLine(UNKNOWN_LINE, part)
                 for part in str(self.article.header.get(role) or "").splitlines()
                 if part.strip() and normalise_space(part) not in known]
        return extra + found

    def first(self, role: str) -> str | None:
        lines = self.lines(role)
        return normalise_space(lines[0].text) if lines else None

    def removed(self, reason: str) -> list[Removed]:
        """Removed lines with this exact reason (for the few documented noise exceptions)."""
        return self._by_reason.get(reason, [])

    def removed_at(self, line: int) -> Removed | None:
        return self._by_line.get(line)


def body_lines(article: Article, limit: int) -> list[str]:
    """The first `limit` non-empty lines of the clean body (reads only the start of the text)."""
    lines: list[str] = []
    text, start = article.text or "", 0
    while start < len(text) and len(lines) < limit:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            lines.append(text[start:end].strip())
        start = end + 1
    return lines
