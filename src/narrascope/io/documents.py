"""Bytes of one text, HTML or feed document -> RawDocument(s), or one InputError saying why not."""
from __future__ import annotations

from typing import Iterator, Literal

from ..errors import InputError
from ..settings import io as settings
from . import RawDocument
from .decode import NotTextError, decode_bytes
from .feeds import feed_items
from .sniff import declared_charset, looks_like_feed, looks_like_html

Kind = Literal["text", "html", "feed", "auto"]


def document_items(source: str, data: bytes, kind: Kind, *, declared: str | None = None,
                   url: str | None = None) -> Iterator[RawDocument | InputError]:
    """Decode and route: a feed yields one item per entry; text and HTML yield one item.

    kind "text" and "auto" are sniffed: a feed root (<rss>, <feed>, <rdf:RDF>) makes a feed, an
    HTML root (<!DOCTYPE html>, <html>) makes HTML. `declared` (an HTTP charset) beats the charset
    the document declares itself.
    """
    if not data:
        yield InputError(source, "empty file", "remove it, or re-export it")
        return
    try:
        text, _ = decode_bytes(data, declared=declared or declared_charset(data[: settings.SNIFF_BYTES]))
    except NotTextError as exc:
        yield InputError(source, exc.reason, exc.hint)
        return
    head = text[: settings.SNIFF_BYTES]
    if kind == "feed" or (kind in ("text", "auto") and looks_like_feed(head)):
        yield from feed_items(source, text)
        return
    if not text.strip():
        yield InputError(source, "no text (only whitespace)", "remove it, or re-export it")
        return
    doc_format = "html" if kind == "html" or looks_like_html(head) else "text"
    yield RawDocument(source=source, content=text, format=doc_format, url=url)
