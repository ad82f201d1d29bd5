"""The clean stage: plain-text noise removal and unicode normalisation, every removal with a reason.

    clean_text(raw) -> CleanResult(text, removed, header)
    CleanStage()(article)  # reads article.extracted (HTML input) or article.raw; writes text, removed, header

How it works: the input is normalised (text_normalise.py) and split into lines with shape features
(clean_lines.py). Small named rules mark lines with a reason, by shape (length, timestamps, runs
of short title-like lines, ending punctuation, position, neighbours) plus generic phrase lists
from settings/clean.py; a phrase on a long body sentence never counts. The header is found
above the first body line (clean_header.py). The unmarked lines are the body: one paragraph per
line, blank-line separated; a hard-wrapped line that continues in lowercase is joined to the
previous one, and in a text that looks hard-wrapped (LineDoc.wrapped) adjacent lines are joined. Nothing is dropped silently: every non-blank input line is in `text` or in `removed`.

Reasons (Removed.reason) — noise:
    photo-caption   a standalone caption line carrying a photo credit ("... (Photo by X / AFP)",
                    "... via Getty Images", "Photo: ...") or starting "Photo:"/"File photo:"; a
                    line forming a block with a credit line directly under it
    photo-credit    a credit with fewer than CAPTION_MIN_WORDS other words ("Photo: Jane Doe/Reuters"),
                    "Illustrative photo", "File photo"
    video           an embedded video block: a duration line ("01:02 - Source: CNN"), a video widget
                    phrase ("Video Ad Feedback", "Watch:", "Video player loading"), the title-like
                    line just above a duration, a title ending in "(2:31)"
    dateline        "CNN —" alone, or the dateline prefix cut from the first body line
                    ("KYIV, Oct 3 (Reuters) -"; Removed.text is the cut prefix); the rest of that
                    line stays in the body
    teaser          "Read also" / "Related" / "See also" / "Other points of interest" markers, the
                    headline(s) they carry, and one blurb paragraph clearly shorter than the
                    article's typical paragraph; "Read also: <headline>" on one line; link-widget
                    headings ("More news", "Most read in X", "READ MORE ON X", "RUSSIA LATEST") with
                    only a list of headlines directly under them
    headline-list   runs of unrelated headlines: time lines, day headers and labels between short
                    headline lines (>= HEADLINE_RUN_MIN_ANCHORS time/day lines); title-like lines
                    below the article's end markers; a trailing run of "Headline - Outlet" lines
    comment-widget  "Leave a Reply", "Your email address will not be published", "Written by ADMIN",
                    "GIPHY App Key not set"; weak ones ("What do you think?", "Comments") only next
                    to other noise or below the article
    source-link     "Source link", "Source", "Source: X", "Sources for this article include:", a bare
                    URL or domain, "Read the original article", "Read more at X", "h/t X"
    tags            "Tags:", "Tags: a, b", "Topics: ...", "Filed under ..."
    author-bio      "About the author. NAME, political scientist.", "The writer is ..."; below the
                    article also "NAME is a senior fellow at ..." and "Written by NAME"
    disclaimer      "The editors do not always share the opinions ...", "Views expressed ...",
                    "Reprinted from X", "X does not endorse ...",
                    "Originally published in ...", "Reporting by X; Editing by Y", "X contributed to
                    this report", "With inputs from agencies", "Our Standards: ...", copyright lines
    template        CMS residue: "{{title}}", "{% block %}", "${x}", "[[x]]", "%%x%%", "client/title.list_title",
                    "undefined", "null", "[object Object]"
    fragment        a stray lowercase word or two standing alone or on the first line ("in");
                    a bare time left over after the header and headline lists
    share-widget    "Share this article", "Share Facebook Twitter Email", "Follow us on Telegram",
                    "Like us on Facebook ..."; "Click To Tweet" glued to the end of a body line is
                    cut off (Removed.text is the cut suffix) and the sentence stays
    navigation      "Skip to content", "Advertisement", breadcrumbs ("Home > World > Europe"), "3 min
                    read", "Listen to this article", "Support independent journalism ...";
                    weak words ("Home", "Menu", "Subscribe") only next to noise or below the article
    blank-residue   a line with no letter or digit (bullets, "* * *", a lone dash)
Reasons — header (the line is also in `header` under the key after "header:"):
    header:title, header:subtitle, header:date, header:byline, header:outlet, header:section

Header keys: title, subtitle, date, byline, outlet, section, dateline. Values are the line text as
found (normalised unicode). When several lines have one key (a date line and a time line, two
labels) they are joined with a newline: "24 December, 2023 Sunday\n16:12". One exception: an outlet
line made of segments ("Halden Institute | Policy Brief No. 14") gives its first segment as
header["outlet"]; its Removed line keeps the whole line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..errors import NarrascopeError
from ..model import Article, Removed
from .clean_header import mark_header, mark_title_only
from .clean_lines import LineDoc, ends_sentence

_BULLETS = "•·*▪►-–—"
from .clean_rules import (
    cut_share_suffixes, mark_blank_residue, mark_caption_blocks, mark_captions, mark_fragments, mark_stray_times,
    mark_template, mark_video, mark_weak_widgets, mark_widgets,
)
from .clean_runs import mark_headline_lists, mark_teasers, mark_trailing_headlines
from .text_normalise import normalise_lines

__all__ = ["CleanInputError", "CleanResult", "CleanStage", "clean_text", "NOISE_REASONS", "HEADER_REASONS"]

NOISE_REASONS = (
    "photo-caption", "photo-credit", "video", "dateline", "teaser", "headline-list", "comment-widget",
    "source-link", "tags", "author-bio", "disclaimer", "template", "fragment", "share-widget", "navigation",
    "blank-residue",
)
HEADER_KEYS = ("title", "subtitle", "date", "byline", "outlet", "section")
HEADER_REASONS = tuple("header:" + key for key in HEADER_KEYS)

Rule = Callable[[LineDoc], None]
# Order matters: a rule only marks lines no earlier rule has marked.
RULES_BEFORE_HEADER: tuple[Rule, ...] = (
    mark_blank_residue, mark_template, mark_captions, mark_caption_blocks, mark_video, mark_widgets, mark_teasers,
    mark_headline_lists, mark_weak_widgets, mark_fragments, mark_trailing_headlines, cut_share_suffixes,
)
RULES_AFTER_HEADER: tuple[Rule, ...] = (mark_stray_times,)
# HTML input was already reduced to its main text by trafilatura: only unmistakable noise, no header
RULES_LIGHT: tuple[Rule, ...] = (
    mark_blank_residue, mark_template, mark_captions, mark_caption_blocks, mark_video, mark_widgets, mark_teasers,
    mark_headline_lists, mark_trailing_headlines, cut_share_suffixes,
)


@dataclass
class CleanResult:
    text: str
    removed: list[Removed] = field(default_factory=list)
    header: dict[str, str] = field(default_factory=dict)


def clean_text(raw: str, *, light: bool = False) -> CleanResult:
    """Clean one plain text: the body, every removed line with its reason, the header lines.

    light=True (for text already extracted from HTML) normalises and removes only unmistakable
    noise (RULES_LIGHT); of the header it takes only a title-like first line directly above the
    body (the page's headline), and it cuts a dateline prefix.
    """
    doc = LineDoc.from_lines(normalise_lines(raw or ""))
    if light:
        for rule in RULES_LIGHT:
            rule(doc)
        header = mark_title_only(doc)
    else:
        for rule in RULES_BEFORE_HEADER:
            rule(doc)
        header = mark_header(doc)
        for rule in RULES_AFTER_HEADER:
            rule(doc)
    return CleanResult(_assemble_body(doc), _removed(doc), header)


def _removed(doc: LineDoc) -> list[Removed]:
    removed = []
    for line in doc.nonblank():
        if line.reason is not None:
            removed.append(Removed(line.text, line.reason, line.index))
            continue
        if line.cut:
            removed.append(Removed(line.cut, "dateline", line.index))
        if line.tail:
            removed.append(Removed(line.tail, "share-widget", line.index))
    return removed


def _assemble_body(doc: LineDoc) -> str:
    paragraphs: list[str] = []
    previous = -2
    for line in doc.unmarked():
        text = line.kept
        if not text:
            continue
        if paragraphs and line.index == previous + 1 and _continues(paragraphs[-1], text, doc.wrapped):
            paragraphs[-1] = f"{paragraphs[-1]} {text}"
        else:
            paragraphs.append(text)
        previous = line.index
    return "\n\n".join(paragraphs)


def _continues(before: str, text: str, wrapped: bool) -> bool:
    """A hard-wrapped paragraph: the line before stops mid-sentence and this one goes on in lowercase;
    in a hard-wrapped text, any adjacent line goes on (a bullet starts a new paragraph)."""
    if text[0] in _BULLETS:
        return False
    return wrapped or (not ends_sentence(before) and text[0].islower())


class CleanInputError(NarrascopeError):
    """The clean stage was given an article it cannot clean (an HTML page that was never extracted)."""


class CleanStage:
    """Pipeline stage "clean": the body text of HTML input (already extracted) or of plain text."""

    name = "clean"
    reads = ("raw", "raw_format", "extracted")
    writes = ("text", "removed", "header")

    def __call__(self, article: Article) -> None:
        from_html = article.raw_format == "html"
        if from_html and article.extracted is None:
            raise CleanInputError(
                f"{article.source}: HTML article has no extracted text; run the extract stage before clean "
                "(or give the input as plain text)"
            )
        result = clean_text(article.extracted if from_html else article.raw, light=from_html)
        article.text = result.text
        article.removed = result.removed
        article.header = result.header
