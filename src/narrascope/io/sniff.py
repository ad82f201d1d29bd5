"""Look at the head of a file: binary magic numbers, declared charsets, feed and HTML roots."""
from __future__ import annotations

import re

from ..settings import io as settings

_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\x0b\x0c\x1b") + b"\x7f"

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([a-zA-Z0-9_.\-]+)["']""")
_FEED_ROOT = re.compile(
    r"""^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*|<\?.*?\?>\s*|<!DOCTYPE[^>\[]*(\[.*?\])?\s*>\s*)*<(rss|feed|rdf:RDF)[\s>]""",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ROOT = re.compile(
    r"""^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)[\s>]""", re.IGNORECASE | re.DOTALL
)


def magic_kind(head: bytes) -> str | None:
    """The kind of binary file this head starts with ("PNG image"...), or None."""
    for offset, prefix, kind in settings.MAGIC_NUMBERS:
        if head[offset : offset + len(prefix)] == prefix:
            return kind
    return None


def looks_binary(head: bytes) -> bool:
    """NUL bytes or many control characters: not text in any ASCII-compatible encoding."""
    if not head:
        return False
    nul_share = head.count(0) / len(head)
    control_share = (len(head) - len(head.translate(None, _CONTROL_BYTES))) / len(head)
    return nul_share > settings.MAX_NUL_SHARE or control_share > settings.MAX_CONTROL_SHARE


def utf16_byte_order(head: bytes) -> str | None:
    """"utf-16-le" / "utf-16-be" if the head looks like BOM-less UTF-16, else None.

    In UTF-16 text the high byte of each 2-byte unit takes few values (0x00 for ASCII, 0x04 for
    Cyrillic, 0x20 for punctuation...) and holds the NULs; the low byte varies and has none.
    """
    units = len(head) // 2
    if units < settings.UTF16_MIN_UNITS:
        return None
    even, odd = head[0 : units * 2 : 2], head[1 : units * 2 : 2]
    for high, low, order in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        high_nuls, low_nuls = high.count(0), low.count(0)
        if high_nuls and low_nuls <= high_nuls * settings.UTF16_MAX_LOW_NUL_RATIO and _concentrated(high):
            return order
    return None


def _concentrated(side: bytes) -> bool:
    counts = sorted((side.count(value) for value in set(side)), reverse=True)
    return sum(counts[: settings.UTF16_HIGH_BYTE_VALUES]) >= len(side) * settings.UTF16_HIGH_BYTE_COVERAGE


def declared_charset(head: bytes) -> str | None:
    """The charset an XML declaration or an HTML <meta> declares in the head, else None."""
    found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return found.group(1).decode("ascii").lower() if found else None


def looks_like_feed(head_text: str) -> bool:
    return bool(_FEED_ROOT.match(head_text))


def looks_like_html(head_text: str) -> bool:
    return bool(_HTML_ROOT.match(head_text))
