"""The outlet (publisher) name.

Cascade: given["outlet"] -> html_meta["outlet"] (site name) -> the header's outlet line
("Espreso. Global" -> "Espreso Global") -> a dateline naming an outlet ("CNN —",
"KYIV (Reuters) -") -> a bio line naming the writer's outlet ("NAME is Northline Wire's
diplomatic correspondent") -> the registrable domain of the article's URL ("kyivindependent.com").

A bare dateline word ("NORTHLINE NEWS —", "WASHINGTON —") is an outlet when settings.DATELINE_OUTLETS
lists it, when it holds an outlet-name word (settings.OUTLET_NAME_WORDS: News, Ledger, Times...),
or when the article's embedded video block credits the same name ("01:47 - Source: Northline
News"); otherwise it is taken for a place. That "Source: X" credit is never used on its own:
outlets embed each other's clips, so alone it says whose video it is, not whose article.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..model import Article
from ..settings import metadata as settings
from .meta_header import HeaderIndex, normalise_space

_DATELINE_PAREN = re.compile(r"\(([^()]{2,40})\)\s*[—–-]*\s*$")
_DATELINE_BARE = re.compile(r"^([^\W\d][\w .&'-]{0,38}?)\s*[—–-]+\s*$")
_KNOWN = {o.casefold(): o for o in settings.DATELINE_OUTLETS}
_VIDEO_SOURCE = re.compile(r"\bSource:\s*([^|()]{2,40}?)\s*$")
_BIO_OUTLET = re.compile(
    r"\b(?:is|was)\s+(?:the\s+)?((?:[A-Z][\w&.-]*\s+){0,4}[A-Z][\w&.-]*)['’]s\s+(?:[a-z-]+\s+){0,3}(?:"
    + "|".join(settings.BIO_OUTLET_ROLES) + r")\b")


def resolve_outlet(article: Article, index: HeaderIndex | None = None) -> tuple[str, str] | None:
    """(outlet, source) with source one of given, html-meta, header, dateline, url; or None."""
    index = HeaderIndex.of(article, index)
    for source, raw in (("given", article.given.get("outlet")),
                        ("html-meta", article.html_meta.get("outlet"))):
        name = tidy_outlet(raw) if isinstance(raw, str) else None
        if name:
            return name, source
    header_name = tidy_outlet(index.first("outlet") or "")
    if header_name:
        return header_name, "header"
    dateline = outlet_in_dateline(index.first("dateline") or "", _video_credits(index))
    if dateline:
        return dateline, "dateline"
    bio = _outlet_in_bios(article, index)
    if bio:
        return bio, "author-bio"
    for url in (article.url, article.given.get("url"), article.html_meta.get("url"), article.source):
        domain = registrable_domain(url) if isinstance(url, str) else None
        if domain:
            return domain, "url"
    return None


def tidy_outlet(raw: str) -> str | None:
    """Keep the outlet's own words; tidy the punctuation: "Espreso. Global" -> "Espreso Global"."""
    name = normalise_space(raw)
    name = re.sub(r"(?<=\w)\.\s+(?=\w)", " ", name)  # "Espreso. Global": a stray full stop between words
    name = name.strip(" .,;:|—–-•·©")
    if not name or len(name) > 80 or not re.search(r"[^\W\d]", name):
        return None
    return name


def outlet_in_dateline(line: str, credits: tuple[str, ...] = ()) -> str | None:
    """"CNN —" -> "CNN"; "KYIV, Ukraine (AP) —" -> "AP"; "WASHINGTON —" -> None (a place).
    `credits`: names a video block in the article credits ("Source: X"), which confirm a bare word."""
    line = normalise_space(line)
    paren = _DATELINE_PAREN.search(line)
    if paren:
        return tidy_outlet(paren.group(1))
    bare = _DATELINE_BARE.match(line)
    if not bare:
        return None
    name = bare.group(1).strip()
    key = name.casefold()
    if key in _KNOWN:
        return _KNOWN[key]
    for credit in credits:
        if credit.casefold() == key:
            return credit
    if any(word in settings.OUTLET_NAME_WORDS for word in key.split()):
        return _title_case_shouting(name)
    return None


def _title_case_shouting(name: str) -> str:
    return " ".join(w.capitalize() if w.isupper() and len(w) > 3 else w for w in name.split())


def _video_credits(index: HeaderIndex) -> tuple[str, ...]:
    found = (_VIDEO_SOURCE.search(r.text) for r in index.removed("video"))
    return tuple(tidy_outlet(m.group(1)) or "" for m in found if m)


def _outlet_in_bios(article: Article, index: HeaderIndex) -> str | None:
    """"Hana Kovar is Northline Wire's diplomatic correspondent" (a bio line, or the body's last line)."""
    text = article.text or ""
    last = text[text.rstrip().rfind("\n") + 1:].strip()
    for line in [r.text for r in index.removed("author-bio")] + [last]:
        match = _BIO_OUTLET.search(line)
        if match:
            return tidy_outlet(match.group(1))
    return None


def registrable_domain(url: str) -> str | None:
    """"https://www.example.co.uk/a/b" -> "example.co.uk" (no public-suffix list: a short
    list of second-level labels in settings covers the common country-code cases)."""
    if not url.startswith(("http://", "https://")):
        return None
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2 or all(label.isdigit() for label in labels):
        return None
    keep = 3 if len(labels) >= 3 and labels[-2] in settings.SECOND_LEVEL_SUFFIXES and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])
