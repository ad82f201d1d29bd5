"""The author: always a person's name, never a widget word, a role, an outlet or an e-mail.

Cascade: given["author"] -> html_meta["author"] -> the header byline -> an author-bio line
("About the author. NAME, political scientist.", "Written by NAME" below the article) -> a
wire credit, removed as a disclaimer or left as the body's last line ("(Reporting by NAME in
CITY; Editing by ...)"; never "Additional reporting by"). Every source goes through the same validation (`person_name`); a source with no
valid name falls through to the next. Noise lines ("Written by ADMIN" in a comment widget) are
never read.
"""
from __future__ import annotations

import re

from ..model import Article
from ..settings import metadata as settings
from .meta_header import HeaderIndex, normalise_space

_SEPARATORS = re.compile(r"\s*(?:\||•|·|—|–|\s-\s|/)\s*")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b)\s*", re.I)
_PREFIX = re.compile(
    r"^(?:" + "|".join(re.escape(p) for p in sorted(settings.BYLINE_PREFIXES, key=len, reverse=True))
    + r")(?=\W|$)\s*:?\s*", re.I)
_BIO_PREFIX = re.compile(
    r"^(?:" + "|".join(re.escape(p) for p in settings.AUTHOR_BIO_PREFIXES) + r")\s*[.:—–-]?\s*", re.I)
_BIO_NAME_END = re.compile(r",|\s(?:is|was|has|works|writes)\s|\s[—–-]\s|\.\s|\.$|\(")
_REPORTING_BY = re.compile(r"^reporting by (.+?)(?:\s+in\s+[A-Z][^;]*)?(?:;|$)", re.I)  # "... in Kyiv;"
_INITIAL = re.compile(r"^[A-Z]\.?$|^(?:[A-Z]\.){2,3}$")


def resolve_author(article: Article, outlet: str | None = None,
                   index: HeaderIndex | None = None) -> tuple[str, str] | None:
    """(author, source) with source one of given, html-meta, byline, author-bio; or None."""
    index = HeaderIndex.of(article, index)
    for source, raw in (("given", article.given.get("author")),
                        ("html-meta", article.html_meta.get("author"))):
        names = names_in(raw, outlet)
        if names:
            return ", ".join(names), source
    for byline in index.lines("byline"):
        names = names_in_byline(byline.text, outlet)
        if names:
            return ", ".join(names), "byline"
    for removed in index.removed("author-bio"):
        name = name_in_bio(removed.text, outlet)
        if name:
            return name, "author-bio"
    text = article.text or ""
    last_line = text[text.rstrip().rfind("\n") + 1:]
    for line in [r.text for r in index.removed("disclaimer")] + [last_line]:
        credit = _REPORTING_BY.match(normalise_space(line).lstrip("("))
        names = names_in_byline(credit.group(1), outlet) if credit else []
        if names:
            return ", ".join(names), "reporting-credit"
    return None


def names_in(raw: object, outlet: str | None = None) -> list[str]:
    """Valid person names in an export or HTML author value (a string or a list of strings)."""
    if isinstance(raw, (list, tuple)):
        parts = [str(p) for p in raw]
    elif isinstance(raw, str):
        parts = [raw]
    else:
        return []
    names: list[str] = []
    for part in parts:
        for name in names_in_byline(part, outlet):
            if name not in names:
                names.append(name)
    return names


def names_in_byline(text: str, outlet: str | None = None) -> list[str]:
    """"By Jane Doe and John Roe | 18 October 2022" -> ["Jane Doe", "John Roe"]."""
    segments = [s for s in _SEPARATORS.split(normalise_space(text)) if s]
    with_prefix = [s for s in segments if _PREFIX.match(s)]
    names: list[str] = []
    for segment in with_prefix or segments[:1]:
        segment = _PREFIX.sub("", segment)
        segment = re.split(r"\d", segment, maxsplit=1)[0]  # a date or time after the names
        for candidate in _NAME_SPLIT.split(segment):
            name = person_name(candidate, outlet)
            if name and name not in names:
                names.append(name)
    return names


def name_in_bio(text: str, outlet: str | None = None) -> str | None:
    """"About the author. Jane Doe, political scientist." -> "Jane Doe"."""
    rest = _PREFIX.sub("", _BIO_PREFIX.sub("", normalise_space(text)))
    end = _BIO_NAME_END.search(rest)
    return person_name(rest[: end.start()] if end else rest, outlet)


def person_name(candidate: str, outlet: str | None = None) -> str | None:
    """The candidate tidied when it has the shape of a person's name, else None.

    Shape: 2-4 capitalised tokens (initials "A." count), particles ("de", "van") allowed between
    them; no digits, e-mail, URL, non-person word (settings.NON_PERSON_WORDS), role or outlet name.
    """
    name = normalise_space(candidate).strip(" .,;:-—–'\"“”")
    if not name or re.search(r"[\d@/<>]|https?:|www\.", name):
        return None
    lowered = name.casefold()
    if outlet and (lowered == outlet.casefold() or outlet.casefold() in lowered):
        return None
    if any(role in lowered for role in settings.BYLINE_ROLE_WORDS):
        return None
    tokens = name.split()
    core = [t for t in tokens if t.casefold() not in settings.NAME_PARTICLES]
    if not settings.AUTHOR_MIN_TOKENS <= len(core) <= settings.AUTHOR_MAX_TOKENS:
        return None
    if tokens[0] not in core or tokens[-1] not in core:
        return None
    if not all(_is_name_token(t) for t in core):
        return None
    if all(_INITIAL.match(t) for t in core):
        return None
    return " ".join(_tidy_case(t) if t in core else t for t in tokens)


def _is_name_token(token: str) -> bool:
    if _INITIAL.match(token):
        return True
    letters = re.sub(r"['’.\-]", "", token)
    if not letters.isalpha() or not token[0].isupper():
        return False
    return token.casefold().strip(".") not in settings.NON_PERSON_WORDS


def _tidy_case(token: str) -> str:
    """"DENYSENKO" -> "Denysenko"; mixed case ("McDonald", "O'Neil") is kept as written."""
    if len(token) > 1 and token.isupper() and not _INITIAL.match(token):
        return "-".join(part.capitalize() for part in token.split("-"))
    return token
