"""Line rules: each marks single lines by shape plus, where needed, a generic phrase list.

Every rule is `rule(doc: LineDoc) -> None` and only marks lines no earlier rule has marked.
The run rules (headline lists, teasers) are in clean_runs.py, the header in clean_header.py.
"""
from __future__ import annotations

import re

from ..settings import clean as S
from .clean_lines import (
    Line, LineDoc, compile_named, compile_start, compile_whole, ends_sentence, is_date, is_time, sentence_count,
)

_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\$\{[^}]*\}|\[\[[^\]]*\]\]|%%\w+%%|__[A-Z_]{3,}__")
_DOMAIN_PATH = re.compile(r"(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}(?:/|$)")
_IDENTIFIER_PATH = re.compile(r"[a-z][a-z0-9_./-]*")  # "client/title.list_title": a code path, not prose
_TEMPLATE_WORDS = frozenset(S.TEMPLATE_WORDS)
_COMMENT_WEAK = compile_whole(S.COMMENT_WEAK)
_SHARE_WORDS = frozenset(S.SHARE_WORDS)
_SHARE_FILLERS = frozenset(S.SHARE_FILLERS)
_NAVIGATION_WEAK = compile_whole(S.NAVIGATION_WEAK)
_BREADCRUMB = re.compile(r"^[^.!?]{1,40}(?:\s[>»›/|]\s[^.!?]{1,40}){2,}$")
_ABOUT_AUTHOR = compile_start(S.AUTHOR_BIO[:1])
# the earlier group wins; word limits per reason are checked after the match
_WIDGET = compile_named([
    ("comment_widget", S.COMMENT_STRONG, False), ("share_widget", S.SHARE_STRONG, False),
    ("navigation", S.NAVIGATION, True), ("tags", S.TAGS, True), ("disclaimer", S.DISCLAIMER, False),
    ("author_bio", S.AUTHOR_BIO, False), ("source_link", S.SOURCE_LINK, True),
])
# lines longer than WIDGET_MAX_WORDS can only be a disclaimer or a bio: a smaller regex (speed)
_FOOTER = compile_named([("disclaimer", S.DISCLAIMER, False), ("author_bio", S.AUTHOR_BIO, False)])
_WIDGET_MAX_WORDS = {"disclaimer": S.DISCLAIMER_MAX_WORDS, "author-bio": S.BIO_MAX_WORDS, "source-link": S.SOURCE_MAX_WORDS}
_CREDIT = re.compile("|".join(S.CREDIT_MARKERS), re.I)
_CAPTION_START = compile_start(S.CAPTION_START)
_VIDEO = compile_start(S.VIDEO_PHRASES)
_VIDEO_WIDGET = compile_whole(S.VIDEO_PHRASES)  # the phrase alone ("Video Ad Feedback", "WATCH:")
_DURATION = re.compile(r"^(?:\d{1,2}:)?\d{1,2}:\d{2}\s?[-–—|]\s?(?:source:?\s?)?\S.{0,40}$", re.I)
_TITLE_WITH_DURATION = re.compile(r"\(\d{1,2}:\d{2}(?::\d{2})?\)$")
_ALNUM = re.compile(r"[^\W_]")
_SHARE_SUFFIX = re.compile(r"(?<=[.!?…\"”’])\s+(?:%s)\s*$" % "|".join(S.SHARE_SUFFIXES), re.I)
_SHARE_SPLIT = re.compile(r"[\s,|/•·:]+")


def mark_blank_residue(doc: LineDoc) -> None:
    """Lines with no letter or digit: bullets, rules, stray punctuation."""
    for line in doc.unmarked():
        if not _ALNUM.search(line.text):
            doc.mark(line, "blank-residue")


def mark_template(doc: LineDoc) -> None:
    """CMS template residue: "{{title}}", "client/title.list_title", "undefined"."""
    for line in doc.unmarked():
        if line.words > S.WIDGET_MAX_WORDS:
            continue
        if line.text.lower() in _TEMPLATE_WORDS or _TEMPLATE.search(line.text) or _is_identifier_path(line.text):
            doc.mark(line, "template")


def _is_identifier_path(text: str) -> bool:
    if not ("_" in text or "/" in text) or _DOMAIN_PATH.match(text):
        return False  # "twitter.com/name" is a link, not a template path
    return bool(_IDENTIFIER_PATH.fullmatch(text))


def mark_fragments(doc: LineDoc) -> None:
    """A stray lowercase word or two standing alone (a lone "in" at the top)."""
    for line in doc.unmarked():
        if line.words > S.FRAGMENT_MAX_WORDS or ends_sentence(line.text) or is_time(line.text):
            continue
        if any(c.isupper() for c in line.text) or is_date(line.text):
            continue
        if _isolated(doc, line) or doc.position[line.index] == 0:
            doc.mark(line, "fragment")


def _isolated(doc: LineDoc, line: Line) -> bool:
    before = doc.lines[line.index - 1].blank if line.index > 0 else True
    after = doc.lines[line.index + 1].blank if line.index + 1 < len(doc.lines) else True
    return before and after


def mark_widgets(doc: LineDoc) -> None:
    """Comment, share and navigation widgets, source links, tags, disclaimers, author bios."""
    longest = max(_WIDGET_MAX_WORDS.values())
    for line in doc.unmarked():
        if line.words <= longest:
            reason = _widget_reason(doc, line)
            if reason:
                doc.mark(line, reason)


def _widget_reason(doc: LineDoc, line: Line) -> str | None:
    match = (_WIDGET if line.words <= S.WIDGET_MAX_WORDS else _FOOTER).match(line.text)
    if match:
        reason = match.lastgroup.replace("_", "-")
        if line.words > _WIDGET_MAX_WORDS.get(reason, S.WIDGET_MAX_WORDS):
            return None
        if reason == "author-bio" and not (_ABOUT_AUTHOR.match(line.text) or doc.after_article(line)):
            return None
        return reason
    if line.words > S.WIDGET_MAX_WORDS:
        return None
    if line.words <= S.SHARE_MAX_WORDS and _only_share_words(line.text):
        return "share-widget"
    if _BREADCRUMB.match(line.text) and not ends_sentence(line.text):
        return "navigation"
    return None


def _only_share_words(text: str) -> bool:
    """"Share: Facebook Twitter Email": share vocabulary only; one word alone must be "share" itself."""
    tokens = [t for t in _SHARE_SPLIT.split(text.lower()) if t]
    if not all(t in _SHARE_WORDS or t in _SHARE_FILLERS for t in tokens):
        return False
    named = [t for t in tokens if t in _SHARE_WORDS]
    return len(named) >= 2 or any(t.startswith("shar") for t in named)


def mark_weak_widgets(doc: LineDoc) -> None:
    """Common words ("Comments", "Home", "What do you think?") count only next to noise or below the article."""
    for line in doc.unmarked():
        if line.words > 4:
            continue
        reason = "comment-widget" if _COMMENT_WEAK.match(line.text) else None
        if reason is None and _NAVIGATION_WEAK.match(line.text):
            reason = "navigation"
        if reason and (doc.after_article(line) or doc.near_noise(line, S.WEAK_WIDGET_NEIGHBOURS)):
            doc.mark(line, reason)


def mark_captions(doc: LineDoc) -> None:
    """Photo captions and credits: a line with a credit at its end or start, or a "Photo:" lead."""
    for line in doc.unmarked():
        if line.words > S.CAPTION_MAX_WORDS:
            continue
        credits = _edge_credits(line.text) if _has_credit_hint(line.text) else []
        if not credits and not _CAPTION_START.match(line.text):
            continue
        rest = _CREDIT.sub(" ", line.text)
        if credits and sentence_count(rest) > 3:
            continue  # a paragraph that happens to end with a credit-like phrase
        rest_words = len(_CAPTION_START.sub("", rest).split())
        doc.mark(line, "photo-caption" if rest_words >= S.CAPTION_MIN_WORDS else "photo-credit")


def mark_caption_blocks(doc: LineDoc) -> None:
    """A caption without a credit of its own: the line of a two-line block whose second line is a credit."""
    for line in doc.unmarked():
        below = doc.lines[line.index + 1] if line.index + 1 < len(doc.lines) else None
        if below is None or below.reason != "photo-credit" or not _block_edges(doc, line, below):
            continue
        if line.words <= S.CAPTION_MAX_WORDS and sentence_count(line.text) <= S.CAPTION_BLOCK_MAX_SENTENCES:
            doc.mark(line, "photo-caption")


def _block_edges(doc: LineDoc, first: Line, last: Line) -> bool:
    above_blank = first.index == 0 or doc.lines[first.index - 1].blank
    after_blank = last.index + 1 >= len(doc.lines) or doc.lines[last.index + 1].blank
    return above_blank and after_blank


def cut_share_suffixes(doc: LineDoc) -> None:
    """"... reasonable. Click To Tweet": the share residue is cut off, the sentence stays."""
    for line in doc.unmarked():
        end = line.text[-S.SHARE_SUFFIX_MAX_CHARS:].lower()
        if "tweet" not in end and "share" not in end:
            continue  # cheap test first: this runs on every body line
        match = _SHARE_SUFFIX.search(line.text)
        if match and match.start() > 0:
            line.tail = line.text[match.start():].strip()


def _has_credit_hint(text: str) -> bool:
    """A cheap substring test before the costly credit regex (most body lines have none of these)."""
    lower = text.lower()
    for hint in S.CREDIT_HINTS:  # a plain loop: any() over a generator costs more here
        if hint in lower:
            return True
    return False


def _edge_credits(text: str) -> list[re.Match[str]]:
    """Credit markers at the start of the line or ending near its end (searched in a window: speed)."""
    window = text[-(S.CREDIT_TAIL_CHARS + S.CREDIT_MAX_CHARS):]
    limit = len(window) - S.CREDIT_TAIL_CHARS
    found = [m for m in _CREDIT.finditer(window) if m.end() >= limit]
    head = _CREDIT.match(text, 0, S.CREDIT_MAX_CHARS)
    return found + [head] if head else found


def mark_video(doc: LineDoc) -> None:
    """Embedded video blocks: "01:02 - Source: CNN", "Video Ad Feedback", and the title line above them."""
    for line in doc.unmarked():
        if line.words > S.TITLE_MAX_WORDS:
            continue
        text = line.text
        if (_VIDEO.match(text) and doc.position[line.index] == 0 and not _VIDEO_WIDGET.match(text)
                and not _TITLE_WITH_DURATION.search(text)):
            continue  # "WATCH: <headline>" opening the text is the article's own title
        if _DURATION.match(text):
            doc.mark(line, "video")
            above = doc.step(line, -1)  # the video's title sits right above its duration
            if above is not None and above.reason is None and above.title_like and not is_date(above.text):
                doc.mark(above, "video")
        elif _VIDEO.match(text) or (_TITLE_WITH_DURATION.search(text) and line.title_like):
            doc.mark(line, "video")


def mark_stray_times(doc: LineDoc) -> None:
    """A bare time left after the header and headline lists: a video duration or a widget clock."""
    for line in doc.unmarked():
        if is_time(line.text):
            doc.mark(line, "fragment")
