"""Filter statements the way `narrascope quotes` asks for them (pure; no model, no store).

    select_quotes(articles, speaker="Lavrov", contains="negotiat", since="2022-12-01", until=None)
        -> iterator of (article, statement)

- `speaker`: case-insensitive substring of the speaker as written, of `via`, or equal to the actor id.
- `contains`: case-insensitive substring of the statement's text.
- `since`/`until` (ISO dates, inclusive): compared with the statement's `said_on`, or the article's
  `published` date when the text gives no day; a statement with neither is left out by a date filter.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from ..model import Article, Statement


def select_quotes(articles: Iterable[Article], speaker: str | None = None, contains: str | None = None,
                  since: str | None = None, until: str | None = None) -> Iterator[tuple[Article, Statement]]:
    for article in articles:
        for statement in article.quotes:
            if statement_matches(statement, article.published, speaker, contains, since, until):
                yield article, statement


def statement_matches(statement: Statement, published: str | None = None, speaker: str | None = None,
                      contains: str | None = None, since: str | None = None, until: str | None = None) -> bool:
    if speaker and not _speaker_matches(statement, speaker):
        return False
    if contains and contains.lower() not in statement.text.lower():
        return False
    if since or until:
        day = statement_day(statement, published)
        if day is None or (since and day < since[:10]) or (until and day > until[:10]):
            return False
    return True


def statement_day(statement: Statement, published: str | None) -> str | None:
    """When the statement was made if the text says, else when the article was published."""
    return statement.said_on or (published[:10] if published else None)


def _speaker_matches(statement: Statement, wanted: str) -> bool:
    wanted_lower = wanted.lower()
    names = [statement.speaker or "", statement.via or ""]
    return any(wanted_lower in name.lower() for name in names) or statement.speaker_actor_id == wanted
