"""Metadata stage: trustworthy article metadata from the user's columns, the page and the text.

Priority everywhere: given (the export's columns) > html_meta > header/text evidence; null
beats a wrong value. Each field's rules live in one module:

    title, subtitle, word_count, truncated   meta_text.py
    published (+ _from, _confidence)          meta_published.py (parsing: dates.py)
    outlet                                    meta_outlet.py
    author                                    meta_people.py
    genre                                     meta_genre.py
    language                                  language.py

Header evidence is what the clean stage put in `article.header` and in `removed` with a
`header:*` reason (meta_header.py); other removed lines are noise and never give a date,
title or author (the two exceptions are documented: an `author-bio` line can name the author,
a `disclaimer` line can mark an opinion piece).

`describe(article)` returns the same values with the evidence behind each, for debugging and
for the CLI (`narrascope metadata FILE` could print it).
"""
from __future__ import annotations

from datetime import date
from typing import Any

from ..model import Article
from .language import resolve_language
from .meta_genre import detect_genre
from .meta_header import HeaderIndex
from .meta_outlet import resolve_outlet
from .meta_people import resolve_author
from .meta_published import resolve_published
from .meta_text import is_truncated, resolve_subtitle, resolve_title, word_count


class MetadataStage:
    name = "metadata"
    reads = ("given", "html_meta", "header", "removed", "text", "url", "source", "raw_format")
    writes = ("title", "subtitle", "published", "published_from", "published_confidence", "outlet",
              "author", "genre", "language", "word_count", "truncated")

    def __init__(self, today: date | None = None):
        self.today = today  # None: the real current date (tests pin it)

    def __call__(self, article: Article) -> None:
        index = HeaderIndex.of(article)
        outlet = resolve_outlet(article, index)
        title = resolve_title(article, index, outlet[0] if outlet else None)
        subtitle = resolve_subtitle(article, index)
        published = resolve_published(article, self.today, index)
        author = resolve_author(article, outlet[0] if outlet else None, index)
        genre = detect_genre(article, index)
        language = resolve_language(article)

        article.title = title[0] if title else None
        article.subtitle = subtitle[0] if subtitle else None
        article.published = published.value if published else None
        article.published_from = published.source if published else None
        article.published_confidence = published.confidence if published else None
        article.outlet = outlet[0] if outlet else None
        article.author = author[0] if author else None
        article.genre = genre.genre if genre else None
        article.language = language.code if language else None
        article.word_count = word_count(article.text)
        article.truncated = is_truncated(article.text)


def describe(article: Article, today: date | None = None) -> dict[str, Any]:
    """Every metadata value with the evidence it came from (does not modify the article)."""
    index = HeaderIndex.of(article)
    outlet = resolve_outlet(article, index)
    title = resolve_title(article, index, outlet[0] if outlet else None)
    subtitle = resolve_subtitle(article, index)
    published = resolve_published(article, today, index)
    author = resolve_author(article, outlet[0] if outlet else None, index)
    genre, language = detect_genre(article, index), resolve_language(article)
    return {
        "title": {"value": title[0], "from": title[1]} if title else None,
        "subtitle": {"value": subtitle[0], "from": subtitle[1]} if subtitle else None,
        "published": {"value": published.value, "from": published.source,
                      "confidence": published.confidence, "evidence": published.evidence}
        if published else None,
        "outlet": {"value": outlet[0], "from": outlet[1]} if outlet else None,
        "author": {"value": author[0], "from": author[1]} if author else None,
        "genre": {"value": genre.genre, "evidence": genre.evidence} if genre else None,
        "language": {"value": language.code, "from": language.source, "score": language.score}
        if language else None,
        "word_count": word_count(article.text),
        "truncated": is_truncated(article.text),
    }
