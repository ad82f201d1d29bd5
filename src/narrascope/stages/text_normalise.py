"""Unicode normalisation for scraped text, keeping quotation marks as they are.

`normalise_text` does, in order: unify line breaks; map exotic spaces (NBSP, thin, narrow,
ideographic...) to a plain space; drop zero-width and other invisible format characters and
control characters; compose to NFC; collapse runs of spaces; strip each line. Quotation marks (“ ” ‘ ’ « »),
dashes and ellipses are kept: later stages point into the text at quotes.

The NBSP-at-line-end wrapping artefact ("with\\xa0 Ukraine", "with\\xa0Ukraine") needs nothing
special: the NBSP becomes a space and the space run collapses to one.
"""
from __future__ import annotations

import re
import unicodedata

_SPACES = "\t\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_INVISIBLE = "\xad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROLS = "".join(chr(c) for c in range(0x20) if chr(c) not in "\n") + "\x7f" + "".join(chr(c) for c in range(0x80, 0xA0))
_SPACE_SET = frozenset(_SPACES)
# one pass over the text finds every character to change (speed: this runs on every article)
_SPECIAL = re.compile("[%s]" % re.escape(_SPACES + _INVISIBLE + _CONTROLS))


def _replace_special(match: re.Match[str]) -> str:
    return " " if match.group() in _SPACE_SET else ""


def normalise_lines(raw: str) -> list[str]:
    """The normalised lines; `Removed.line` indexes into this list.

    Line breaks are those of str.splitlines (\\n, \\r\\n, \\r, \\x0b, \\x0c, \\x1c-\\x1e, \\x85, \\u2028, \\u2029).
    """
    text = "\n".join(raw.splitlines())
    text = _SPECIAL.sub(_replace_special, text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    while "  " in text:
        text = text.replace("  ", " ")
    return [line.strip(" ") for line in text.split("\n")]


def normalise_text(raw: str) -> str:
    """The whole text normalised; lines stripped, line structure (and blank lines) kept."""
    return "\n".join(normalise_lines(raw))
