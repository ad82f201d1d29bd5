"""Run rules: noise that spans several lines, found by the shape of the run.

- headline lists: time lines ("20:10"), day headers ("2024, Saturday", "23 November") and labels
  ("Exclusive") between short headline lines; at least HEADLINE_RUN_MIN_ANCHORS time/day lines,
  and, when the anchors are dates, not in chronological order (that is the article's own timeline).
- teasers: a marker ("Read also", "Other points of interest"...) and the teaser it carries: a
  title-like line, then at most one blurb paragraph, judged by its length against the article's
  typical paragraph, so the article's next paragraph is not eaten. A list of several headlines
  directly under the marker carries no blurb (what follows a list is the article again). Widget
  headings ("Most read", "More news", "RUSSIA LATEST") take only a list directly under them.
- trailing headlines: title-like lines below the article's end markers (source link, comment
  widget, tags...), and runs of "Headline - Outlet" / "Headline | Outlet" lines at the very end.
"""
from __future__ import annotations

import re

from ..settings import clean as S
from .clean_lines import (
    Line, LineDoc, compile_whole, date_key, ends_full_stop, ends_sentence, is_date, is_label, is_time,
    is_title_like, sentence_count, strip_bullets,
)

_TEASER_ALONE = compile_whole(S.TEASER_MARKERS)
_TEASER_HEADING = compile_whole(S.TEASER_HEADINGS)
_TEASER_INLINE = re.compile(r"^[•·*▪►>»\s-]*(?:%s)\s?[:|»>–—-]\s?\S" % "|".join(S.TEASER_MARKERS), re.I)
_NAME_WORD = r"(?:[A-Z0-9][\w.'’&-]*|of|the|and|de|for|on)"
_OUTLET_SUFFIX = re.compile(r"\s[-–—|]\s[A-Z0-9][\w.'’&-]*(?:\s%s){0,%d}$" % (_NAME_WORD, S.OUTLET_SUFFIX_MAX_WORDS - 1))
_URL = re.compile(r"(?:https?://|www\.)\S+$")
END_REASONS = frozenset(
    {"source-link", "comment-widget", "share-widget", "tags", "author-bio", "disclaimer", "teaser", "navigation",
     "headline-list"}
)


def _is_anchor(line: Line) -> bool:
    return line.words <= 6 and (is_time(line.text) or is_date(line.text))


def _is_headline_item(line: Line) -> bool:
    """What may stand between two anchors of a headline list: short, not a full-stop sentence."""
    if line.reason is not None:
        return True
    return line.words <= S.HEADLINE_MAX_WORDS and (is_label(line.text) or not ends_full_stop(line.text))


def mark_headline_lists(doc: LineDoc) -> None:
    """Runs of timestamped headlines (a news ticker pasted into the article)."""
    group: list[Line] = []
    for line in doc.nonblank():
        if line.reason is not None or not _is_anchor(line):
            continue
        if group and _joins(doc, group[-1], line):
            group.append(line)
            continue
        _mark_run(doc, group)
        group = [line]
    _mark_run(doc, group)


def _joins(doc: LineDoc, last: Line, anchor: Line) -> bool:
    gap = doc.position[anchor.index] - doc.position[last.index] - 1
    if gap > S.HEADLINE_RUN_MAX_GAP:
        return False
    return all(_is_headline_item(doc.step(last, k)) for k in range(1, gap + 1))


def _mark_run(doc: LineDoc, anchors: list[Line]) -> None:
    if len(anchors) < S.HEADLINE_RUN_MIN_ANCHORS or _is_chronology(anchors):
        return
    first, last = doc.position[anchors[0].index], doc.position[anchors[-1].index]
    for place in range(first, last + 1):
        doc.mark(doc.lines[doc.order[place]], "headline-list")
    _extend_run(doc, anchors[-1], 1)
    _extend_run(doc, anchors[0], -1)


def _is_chronology(anchors: list[Line]) -> bool:
    """Dated lines going forward in time ("March 2014 ... February 2015") are the article's own
    timeline; a ticker of headlines runs newest first. Clock-time runs are always tickers."""
    if sum(1 for a in anchors if is_time(a.text)) >= S.HEADLINE_RUN_MIN_ANCHORS:
        return False
    keys = [k for k in (date_key(a.text) for a in anchors if not is_time(a.text)) if k]
    return any(later > earlier for earlier, later in zip(keys, keys[1:]))


def _extend_run(doc: LineDoc, edge: Line, direction: int) -> None:
    """Take the headline after the last anchor (labels on the way) or the list's label before the first."""
    line = doc.step(edge, direction)
    for _ in range(S.HEADLINE_RUN_MAX_GAP):
        if line is None or line.reason is not None or not _is_headline_item(line):
            return
        if direction < 0 and line.words > S.SECTION_MAX_WORDS:
            return
        doc.mark(line, "headline-list")
        if not is_label(line.text) and direction > 0:
            return
        line = doc.step(line, direction)


def mark_teasers(doc: LineDoc) -> None:
    """"Read also" / "Related" / "Other points of interest" blocks, in the middle of the body too."""
    for line in doc.unmarked():
        if line.reason is not None:
            continue
        if line.words <= 8 and _TEASER_ALONE.match(line.text):
            doc.mark(line, "teaser")
            _consume_teaser(doc, line, blurb=True)
        elif line.words <= 8 and _TEASER_HEADING.match(line.text):
            doc.mark(line, "teaser")
            _consume_teaser(doc, line, blurb=False)
        elif (line.words <= S.TEASER_INLINE_MAX_WORDS and _TEASER_INLINE.match(line.text)
              and sentence_count(line.text) <= 1):
            doc.mark(line, "teaser")  # "Read also: <headline>", and its blurb right under it (no blank line)
            below = doc.lines[line.index + 1] if line.index + 1 < len(doc.lines) else None
            if below is not None and below.text and below.reason is None and _is_blurb(doc, below):
                doc.mark(below, "teaser")


def _consume_teaser(doc: LineDoc, marker: Line, blurb: bool) -> None:
    """The headline(s) under a marker; a widget heading (blurb=False) takes only a list right under it."""
    items, last = 0, marker
    line = doc.step(marker, 1)
    while line is not None and line.reason is None and items < S.TEASER_MAX_ITEMS and _is_teaser_title(line):
        if (items or not blurb) and line.index != last.index + 1:
            break  # a list follows its heading directly; apart, it may be the article's sub-heading
        doc.mark(line, "teaser")
        items, last = items + 1, line
        line = doc.step(line, 1)
    if blurb and items == 1 and line is not None and line.reason is None and _is_blurb(doc, line):
        doc.mark(line, "teaser")


def _is_teaser_title(line: Line) -> bool:
    return title_like_item(line) and not is_date(line.text) and not is_time(line.text)


def title_like_item(line: Line) -> bool:
    """Title-like once a list bullet is taken off ("• Harbour strike ends")."""
    core = strip_bullets(line.text)
    return bool(core) and is_title_like(core, len(core.split()))


def _is_blurb(doc: LineDoc, line: Line) -> bool:
    if line.words > S.BLURB_MAX_WORDS or not ends_full_stop(line.text):
        return False  # a question under a teaser is the article's sub-heading
    if sentence_count(line.text) > S.BLURB_MAX_SENTENCES:
        return False
    # no real paragraph to compare with (a short text): nothing is clearly a blurb, keep it
    return bool(doc.typical_words) and line.words <= S.BLURB_MEDIAN_RATIO * doc.typical_words


def mark_trailing_headlines(doc: LineDoc) -> None:
    """Unrelated headlines below the article (below its last paragraph and last full-stop sentence):
    after an end marker, or a run of "Headline - Outlet" lines."""
    ended = False
    sentences = [ln.index for ln in doc.unmarked() if ends_full_stop(ln.text)]
    article_end = max(doc.last_long, sentences[-1] if sentences else -1)  # prose after it: the article goes on
    for line in doc.nonblank():
        if line.index <= article_end:
            continue
        if line.reason in END_REASONS and not _URL.match(line.text):
            ended = True  # a bare URL may be a reference inside the article; a widget is not
        elif ended and line.reason is None and _is_trailing_headline(line):
            doc.mark(line, "headline-list")
    _mark_outlet_suffix_run(doc)


def _is_trailing_headline(line: Line) -> bool:
    """Below the end markers: a headline (no final punctuation, or "Headline - Outlet"), or a label."""
    if is_label(line.text):
        return True
    return title_like_item(line) and (not ends_sentence(line.text) or bool(_OUTLET_SUFFIX.search(line.text)))


def _mark_outlet_suffix_run(doc: LineDoc) -> None:
    run: list[Line] = []
    for index in reversed(doc.order):
        line = doc.lines[index]
        if line.reason is not None:
            continue
        if not (line.title_like and _OUTLET_SUFFIX.search(line.text)):
            break
        run.append(line)
    if len(run) >= 2:
        for line in run:
            doc.mark(line, "headline-list")
