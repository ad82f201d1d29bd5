"""RSS/Atom feeds -> one RawDocument per entry, parsed safely.

Safety: feed XML never reaches a parser with a DTD. A DOCTYPE that declares entities (external
entities like file:///etc/passwd, or nested ones: the "billion laughs" bomb) gets the whole feed
refused with an InputError; any other DOCTYPE is stripped before feedparser sees the text. The text
is handed to feedparser as an in-memory byte stream, so feedparser never opens a file or URL itself.
"""
from __future__ import annotations

import io
import re
from datetime import datetime, timezone
from typing import Any, Iterator

from ..errors import InputError
from . import RawDocument

_DOCTYPE = re.compile(r"<!DOCTYPE", re.IGNORECASE)
_ENTITY = re.compile(r"<!ENTITY", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_NOT_A_FEED_HINT = "check that it is an RSS or Atom feed; for a web page use a .html file or the page URL"


def feed_items(source: str, text: str) -> Iterator[RawDocument | InputError]:
    """Entries of the feed in `text` (already decoded), or one InputError for the whole feed."""
    try:
        safe_text = strip_doctype(source, text)
    except InputError as error:
        yield error
        return
    parsed = _parse(safe_text)
    if not parsed.get("version") and not parsed.entries:
        reason = "is not an RSS or Atom feed"
        if parsed.get("bozo"):
            reason += f" (not well-formed XML: {parsed.get('bozo_exception')})"
        yield InputError(source, reason, _NOT_A_FEED_HINT)
        return
    outlet = _clean(parsed.feed.get("title"))
    if not parsed.entries:
        yield InputError(source, "feed has no entries", "check the feed; nothing to read")
    for index, entry in enumerate(parsed.entries, start=1):
        yield _entry_item(source, index, entry, outlet)


def strip_doctype(source: str, text: str) -> str:
    """Text without any DOCTYPE; InputError if a DOCTYPE declares entities."""
    while found := _DOCTYPE.search(text):
        end = _doctype_end(text, found.start())
        if _ENTITY.search(text, found.start(), end):
            raise InputError(
                source,
                "feed declares XML entities in a DOCTYPE (external entities and entity expansion are refused for safety)",
                "remove the DOCTYPE from the file if you trust it",
            )
        text = text[: found.start()] + text[end:]
    return text


def _doctype_end(text: str, start: int) -> int:
    """Index just past the DOCTYPE's closing '>', skipping quoted strings and the [internal subset]."""
    quote, depth = "", 0
    for position in range(start + 2, len(text)):
        char = text[position]
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == ">" and depth <= 0:
            return position + 1
    return len(text)


def _parse(text: str) -> Any:
    import feedparser  # imported here: only feeds pay for it

    without_declaration = _XML_DECLARATION.sub("", text, count=1)  # its encoding= no longer applies
    data = without_declaration.encode("utf-8", "surrogatepass")
    headers = {"content-type": "application/xml; charset=utf-8"}
    return feedparser.parse(io.BytesIO(data), response_headers=headers)


def _entry_item(source: str, index: int, entry: Any, outlet: str | None) -> RawDocument | InputError:
    entry_source = f"{source}#{_clean(entry.get('id')) or index}"
    body, body_format = _entry_body(entry)
    link = _clean(entry.get("link"))
    if not body:
        hint = f"read the article page itself (give its URL: {link})" if link else "nothing to read in this entry"
        return InputError(entry_source, "feed entry has no content or summary", hint)
    given = {
        "title": _clean(entry.get("title")),
        "url": link,
        "published": _published(entry),
        "author": _clean(entry.get("author")),
        "outlet": outlet,
    }
    given = {key: value for key, value in given.items() if value}
    return RawDocument(source=entry_source, content=body, format=body_format, given=given, url=link)


def _entry_body(entry: Any) -> tuple[str, str]:
    """content:encoded / Atom content first, else the summary; "text" only if typed text/plain."""
    candidates = list(entry.get("content") or [])
    if entry.get("summary_detail"):
        candidates.append(entry.summary_detail)
    elif entry.get("summary"):
        candidates.append({"value": entry.summary, "type": "text/html"})
    for candidate in candidates:
        value = (candidate.get("value") or "").strip()
        if value:
            return value, "text" if candidate.get("type") == "text/plain" else "html"
    return "", "html"


def _published(entry: Any) -> str | None:
    parsed = entry.get("published_parsed")
    if parsed:
        return datetime(*parsed[:6], tzinfo=timezone.utc).isoformat()
    return _clean(entry.get("published"))


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None
