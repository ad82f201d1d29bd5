"""The outlet (publisher) name.

Cascade: given["outlet"] -> html_meta["outlet"] (site name) -> the header's outlet line
("Espreso. Global" -> "Espreso Global") -> a dateline naming an outlet ("CNN —",
"KYIV (Reuters) -") -> the registrable domain of the article's URL ("kyivindependent.com").

Not used: "Source: X" inside a removed video block. It credits the clip, which outlets embed
from each other, so on its own it is weak evidence; where it agrees with a dateline the
dateline already gives the same answer, and where it disagrees the dateline wins. A bare
dateline word is an outlet only when settings.DATELINE_OUTLETS lists it ("WASHINGTON —" is a place).
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
    dateline = outlet_in_dateline(index.first("dateline") or "")
    if dateline:
        return dateline, "dateline"
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


def outlet_in_dateline(line: str) -> str | None:
    """"CNN —" -> "CNN"; "KYIV, Ukraine (AP) —" -> "AP"; "WASHINGTON —" -> None (a place)."""
    line = normalise_space(line)
    paren = _DATELINE_PAREN.search(line)
    if paren:
        return tidy_outlet(paren.group(1))
    bare = _DATELINE_BARE.match(line)
    if bare:
        return _KNOWN.get(bare.group(1).strip().casefold())
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
