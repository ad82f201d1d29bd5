"""The header: title, subtitle, date, byline, outlet and section lines above the body; the dateline.

The header zone is the unmarked lines above the first body line (a statement of BODY_MIN_WORDS
words or more ending with a full stop, or any line of BODY_ANY_WORDS words), at most
HEADER_MAX_LINES non-blank lines from the top. No body line, no header. Each zone line is
classified by shape; the title is the first title-like line (never a line an earlier rule marked
as a caption or video), so a text that starts with a caption and a video block has no title.
"""
from __future__ import annotations

import re

from ..settings import clean as S
from .clean_lines import Line, LineDoc, ends_full_stop, is_date, is_label, is_time, is_title_like

_BYLINE = re.compile(
    r"^(?i:by|written by|author|authors|words by|text by|posted by)\s?:?\s(?:(?:[A-Z][\w.'’-]*|of|de|van|von|al)\.?\s?){1,5}"
    r"(?:(?:,|and|&)\s?(?:[A-Z][\w.'’-]*\.?\s?){1,4})*(?:[,|/–—-].*)?$",
)
_NAME = r"[A-Z][\w'’.-]+(?: (?:[A-Z][\w'’.-]+|de|van|von|al)){1,3}"
_NAME_LIST = re.compile(rf"^{_NAME}(?:(?:,| and| &|,? and) {_NAME})+$")  # two or more names: "A B and C D"
_DOMAIN = re.compile(r"\b[\w-]+\.(?:com|net|org|info|news|ua|ru|uk|eu|io|co|media|tv|online)\b", re.I)
_OUTLET_WORDS = frozenset(S.OUTLET_WORDS)
_AGENCIES = frozenset(S.AGENCIES)
_WORD = re.compile(r"[^\W\d_]+")
_DATELINE = re.compile(
    r"^\(?(?P<place>[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,3})(?:,\s[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,2})?"
    r"(?:,?\s(?:[A-Z][a-z]{2,8}\.?\s\d{1,2}|\d{1,2}\s[A-Z][a-z]{2,8}\.?)(?:,?\s\d{4})?)?"
    r"(?P<agency>\s?\([A-Z][\w&.' /-]{1,30}\))?\)?\s?(?:—|–|-{1,2})(?:\s+|$)"
)
_TASS_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+, [A-Z][a-z]+ \d{1,2}\.? /[A-Za-z -]+/\.?\s")


def mark_header(doc: LineDoc) -> dict[str, str]:
    """Mark the header lines (reason header:<key>) and return the header dict; then cut the dateline."""
    header: dict[str, str] = {}
    zone = _header_zone(doc)
    named = False  # has a line naming something (outlet, title, byline...) been seen yet?
    for place, line in enumerate(zone):
        if line.text == header.get("title"):
            doc.mark(line, "header:title")  # the title repeated (a scrape of page title + headline)
            continue
        key = _classify(line, zone[place + 1:], header, first=not named)
        named = named or key not in (None, "date", "section", "dateline")
        if key == "dateline":
            doc.mark(line, "dateline")
        elif key:
            doc.mark(line, "header:" + key)
        if key:
            value = _masthead_name(line.text) if key == "outlet" else line.text
            header[key] = f"{header[key]}\n{value}" if key in header else value
    cut_dateline(doc, header)
    return header


def mark_title_only(doc: LineDoc) -> dict[str, str]:
    """For extracted HTML: the first line is the title only when it is title-like and the body follows it."""
    header: dict[str, str] = {}
    zone = _header_zone(doc)
    if len(zone) == 1 and zone[0].title_like and not is_label(zone[0].text) and not is_date(zone[0].text):
        doc.mark(zone[0], "header:title")
        header["title"] = zone[0].text
    cut_dateline(doc, header)
    return header


def _header_zone(doc: LineDoc) -> list[Line]:
    zone: list[Line] = []
    for place, line in enumerate(doc.nonblank()):
        if place >= S.HEADER_MAX_LINES:
            return []
        if line.reason is not None:
            continue
        if _is_body(line) or _wraps_on(doc, line):
            return zone
        zone.append(line)
    return []


def _wraps_on(doc: LineDoc, line: Line) -> bool:
    """The first line of a hard-wrapped paragraph: the next line goes straight on (in lowercase,
    or in a hard-wrapped text, as a line of prose that is no date or byline)."""
    below = doc.lines[line.index + 1] if line.index + 1 < len(doc.lines) else None
    if below is None or below.reason is not None or not below.text:
        return False
    if below.text[0].islower():
        return True
    return (doc.wrapped and len(line.text) >= S.WRAP_PROSE_CHARS and len(below.text) >= S.WRAP_PROSE_CHARS
            and not is_date(below.text) and not _BYLINE.match(below.text))


def _is_body(line: Line) -> bool:
    if line.words >= S.BODY_ANY_WORDS or _dateline_prefix(line.text):
        return True
    if _truncated_title(line):
        return False
    return line.words >= S.BODY_MIN_WORDS and ends_full_stop(line.text) and not is_date(line.text)


def _truncated_title(line: Line) -> bool:
    """A headline cut off with an ellipsis ("... About Electric Cars…"): title-like but for its end."""
    text = line.text.rstrip("…. ")
    return line.text.endswith(("…", "...")) and bool(text) and is_title_like(text, line.words)


def _classify(line: Line, below: list[Line], header: dict[str, str], first: bool) -> str | None:
    text = line.text
    titled = "title" in header
    if is_date(text) or is_time(text):
        return "date"
    if _dateline_only(text):
        return "dateline"
    if line.words <= S.BYLINE_MAX_WORDS and _BYLINE.match(text):
        return "byline"
    if is_label(text):
        return "section"
    if not titled and "outlet" not in header and (_looks_like_outlet(line) or _is_masthead(line, below, first)):
        return "outlet"
    if not titled and (line.title_like or _truncated_title(line)):
        return "section" if _is_kicker(line, below) else "title"
    if titled and "byline" not in header and line.words <= S.BYLINE_MAX_WORDS and _NAME_LIST.match(text):
        return "byline"  # "Oona Fell and Tomas Brandt": authors without "By"
    if titled and line.words <= S.SIGNATURE_MAX_WORDS and line.title_like:
        return _signature(line, header)
    if titled and "subtitle" not in header and line.words <= S.SUBTITLE_MAX_WORDS and not ends_full_stop(text):
        return "subtitle"
    return None


def _signature(line: Line, header: dict[str, str]) -> str | None:
    """A short capitalised line under the title: the outlet ("Reuters") or an unlabelled author ("Lior Hale")."""
    words = line.text.split()
    if not all(w[:1].isupper() for w in words):
        return None
    if len(words) == 1:
        word = _WORD.findall(line.text.lower())
        known = bool(word) and (word[0] in _AGENCIES or word[0] in _OUTLET_WORDS or line.text.isupper())
        if not known:
            return "section"  # "Currency", "Politics": a one-word kicker
    if "outlet" not in header and (len(words) == 1 or _looks_like_outlet(line)):
        return "outlet"
    if "byline" not in header and len(words) >= 2:
        return "byline"
    return None


def _looks_like_outlet(line: Line) -> bool:
    if line.words > S.OUTLET_MAX_WORDS or line.text.endswith((",", ";")):
        return False
    if _DOMAIN.search(line.text):
        return True
    words = [w.lower() for w in _WORD.findall(line.text)]
    return any(w in _OUTLET_WORDS for w in words) and all(w[:1].isupper() for w in line.text.split())


def _masthead_name(text: str) -> str:
    """"Halden Institute | Policy Brief No. 14" -> "Halden Institute" (the removed line keeps it all)."""
    return text.split(" | ")[0].strip()


def _is_masthead(line: Line, below: list[Line], first: bool) -> bool:
    """The first header line naming the site above the headline: "Brightwater Dispatch",
    "Halden Institute | Policy Brief No. 14" (short segments split by "|")."""
    if not first or not _headline_below(line, below):
        return False
    segments = [seg.split() for seg in line.text.split(" | ")]
    if any(not seg or len(seg) > S.OUTLET_MAX_WORDS for seg in segments):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() for w in segments[0]) and not ends_full_stop(line.text)


def _headline_below(line: Line, below: list[Line]) -> bool:
    """A longer title-like line follows (dates, bylines and labels may stand between)."""
    for nxt in below:
        if is_date(nxt.text) or is_time(nxt.text) or is_label(nxt.text) or _BYLINE.match(nxt.text):
            continue
        return (nxt.title_like or _truncated_title(nxt)) and nxt.words > line.words
    return False


def _is_kicker(line: Line, below: list[Line]) -> bool:
    """A one- or two-word line above a longer title-like line: "Ukraine war" over the headline."""
    if line.words > 2 or not below:
        return False
    nxt = below[0]
    if is_date(nxt.text) or is_label(nxt.text) or _BYLINE.match(nxt.text):
        return False
    return nxt.title_like and nxt.words > line.words


def _dateline_only(text: str) -> bool:
    match = _dateline_prefix(text)
    return bool(match) and match.end() >= len(text)


def _dateline_prefix(text: str) -> re.Match[str] | None:
    match = _DATELINE.match(text) or _TASS_DATELINE.match(text)
    if not match or len(match.group(0).split()) > S.DATELINE_MAX_WORDS:
        return None
    if match.re is _TASS_DATELINE or match.group("agency") or text.startswith("("):
        return match
    place = _WORD.findall(match.group("place"))  # no agency: the place must be in capitals ("MOSCOW —")
    return match if place and all(w.isupper() for w in place) and len("".join(place)) >= 2 else None


def cut_dateline(doc: LineDoc, header: dict[str, str]) -> None:
    """Remove a dateline prefix ("KYIV, Oct 3 (Reuters) -") from the first body line, keep the sentence."""
    first = next(iter(doc.unmarked()), None)
    if first is None:
        return
    match = _dateline_prefix(first.text)
    if not match:
        return
    if match.end() >= len(first.text):
        doc.mark(first, "dateline")
        header.setdefault("dateline", first.text)
        return
    first.cut = first.text[: match.end()].rstrip()
    header.setdefault("dateline", first.cut)
