"""Article text with statements, actors and narrative evidence highlighted, as safe HTML.

The text is cut at every span boundary; each piece is escaped on its own and wrapped in one
`<span>` whose classes name every kind of span covering it (spans may overlap). Nothing from the
article reaches the page unescaped: the markup is ours, the content is always `escape()`d.
Offsets outside the text, or empty, are ignored (a stage bug must not break the page).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from markupsafe import Markup, escape

from ..model import Article


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # css class: "statement", "actor", "evidence"
    note: str  # shown as the tooltip
    href: str | None = None


def article_spans(article: Article, actor_href: Callable[[str], str]) -> list[Span]:
    spans: list[Span] = []
    for quote in article.quotes:
        who = quote.speaker or "unknown speaker"
        spans.append(Span(quote.start, quote.end, "statement", f"{quote.kind} statement by {who}"))
    for entity in article.entities:
        href = actor_href(entity.actor_id) if entity.actor_id else None
        spans.append(Span(entity.start, entity.end, "actor", f"{entity.label}: {entity.text}", href))
    for label in article.narratives:
        for evidence in label.evidence:
            spans.append(Span(evidence.start, evidence.end, "evidence", f"{label.stance} {label.label}"))
    return spans


def highlight(text: str, spans: list[Span]) -> Markup:
    """`text` as HTML with every valid span wrapped; newlines kept (the page uses pre-wrap)."""
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    pieces: list[Markup] = []
    for start, end in zip(cuts, cuts[1:]):
        covering = [s for s in valid if s.start <= start and end <= s.end]
        pieces.append(_piece(text[start:end], covering))
    return Markup("").join(pieces)


def _piece(chunk: str, covering: list[Span]) -> Markup:
    if not covering:
        return escape(chunk)
    kinds = " ".join(sorted({s.kind for s in covering}))
    note = "; ".join(dict.fromkeys(s.note for s in covering))
    inner = escape(chunk)
    link = next((s.href for s in covering if s.href), None)
    if link:
        inner = Markup('<a href="{}">{}</a>').format(link, inner)
    return Markup('<span class="hl {}" title="{}">{}</span>').format(kinds, note, inner)


def snippet_html(snippet: str, markers: tuple[str, str]) -> Markup:
    """A search snippet with its match markers turned into <mark>, every other piece escaped."""
    start, end = markers
    pieces: list[Markup] = []
    rest = snippet
    while (i := rest.find(start)) >= 0 and (j := rest.find(end, i + len(start))) >= 0:
        pieces.append(escape(rest[:i]))
        pieces.append(Markup("<mark>{}</mark>").format(rest[i + len(start) : j]))
        rest = rest[j + len(end) :]
    pieces.append(escape(rest))
    return Markup("").join(pieces)
