"""Metadata stage settings: date sanity bounds, confidence levels, word lists, thresholds.

Published-date confidence levels (`published_confidence`, 0-1) by `published_from`:

    given      0.95  the user's export column / the feed's date: the publisher said so
    html-meta  0.85  the page's own metadata (htmldate / trafilatura)
    header     0.85  a date line clean classified as the article header (0.75 when it is only
                     a date-only line at the very top of the body, not classified by clean)
    byline     0.80  a full date inside the byline
    url        0.75  a /YYYY/MM/DD/ path in the article's URL
    inferred   0.60  a partial header/byline/dateline date (day + month) completed with the year
                     of another full date in the article's own header evidence
               0.50  a weekday + day + month whose year is the only year, among those the
                     article itself states, on which that day falls on that weekday

Adjustments: an "Updated ..." date used because no published date exists: x UPDATED_FACTOR;
a stated weekday that contradicts the date: - WEEKDAY_MISMATCH_PENALTY; another independent
source agreeing on the same day: + AGREEMENT_BONUS (capped at MAX_CONFIDENCE).
"""
from __future__ import annotations

# --- dates -------------------------------------------------------------------------------------
MIN_YEAR = 1990  # no publication date before this
MAX_FUTURE_DAYS = 1  # a date more than this many days after today (UTC) is rejected
DAY_FIRST = True  # "03/04/2022" is 3 April unless impossible ("04/13/2022" -> 13 April)
DATEPARSER_MAX_CHARS = 60  # dateparser (slow) is tried only on candidate strings this short
KEEP_TIME = True  # "YYYY-MM-DDTHH:MM" when a time is given next to the date
TOP_LINES_FOR_DATE = 3  # body lines scanned for an unclassified date-only line at the very top
DATE_LINE_MAX_CHARS = 80  # a longer line is a sentence, never a date-only line (and is not scanned)

CONFIDENCE = {
    "given": 0.95,
    "html-meta": 0.85,
    "header": 0.85,
    "header-top-of-body": 0.75,
    "byline": 0.80,
    "url": 0.75,
    "inferred-from-header-year": 0.60,
    "inferred-from-weekday": 0.50,
}
UPDATED_FACTOR = 0.6
WEEKDAY_MISMATCH_PENALTY = 0.2
AGREEMENT_BONUS = 0.05
MAX_CONFIDENCE = 0.99

# keys of `given` (export columns, feed fields) that carry the publication date, in order
GIVEN_DATE_KEYS = ("published", "date", "published_at", "pubdate", "pub_date", "datetime")
PUBLISHED_WORDS = ("published", "posted", "first published", "publication date", "date")
UPDATED_WORDS = ("updated", "last updated", "modified", "last modified", "edited")

# --- title / subtitle ----------------------------------------------------------------------------
TITLE_MIN_CHARS = 3
TITLE_MAX_CHARS = 300
# header titles containing these are captions / credits / video labels, not headlines
TITLE_REJECT_MARKERS = ("(photo", "photo by", "getty images", "/ afp", "via reuters", "source:", "(video")

# --- outlet --------------------------------------------------------------------------------------
# dateline words that name an outlet ("CNN —"); a bare dateline word not listed is a place ("KYIV —")
DATELINE_OUTLETS = (
    "CNN", "CNN Business", "CNN Politics", "AP", "AFP", "Reuters", "Bloomberg", "UPI", "TASS",
    "Interfax", "Ukrinform", "BBC", "NPR", "Xinhua", "Kyodo", "Yonhap", "dpa", "ANSA", "EFE", "PAP",
    "RIA Novosti", "Anadolu", "Al Jazeera", "The Hill",
)
# a bare dateline ("NORTHLINE NEWS —") not listed above is an outlet when it holds one of these words
OUTLET_NAME_WORDS = frozenset(
    """news ledger times post herald wire review today dispatch radio tv television press journal
    gazette tribune daily weekly media agency chronicle observer courier standard express mirror
    independent monitor bulletin magazine broadcasting network global online telegraph""".split()
)
# "NAME is OUTLET's diplomatic correspondent": role nouns after the possessive outlet in a bio line
BIO_OUTLET_ROLES = ("correspondent", "reporter", "editor", "columnist", "writer", "bureau chief",
                    "producer", "contributor")
# second-level labels under which the registrable domain has three labels (bbc.co.uk, pravda.com.ua)
SECOND_LEVEL_SUFFIXES = frozenset(
    "co com net org gov edu ac in info biz kiev kyiv ltd plc nic gv or ne go".split()
)

# --- author --------------------------------------------------------------------------------------
AUTHOR_MIN_TOKENS = 2
AUTHOR_MAX_TOKENS = 4
NAME_PARTICLES = frozenset(
    "de del della der den di da das dos du van von ten ter la le bin ibn al el af zu y e st".split()
)
# words that are never (part of) a person's name in a byline: widget words, roles, outlet-ish words
NON_PERSON_WORDS = frozenset(
    """admin administrator published posted updated staff editor editors editorial source sources
    news newsroom desk team agency agencies reporter reporters correspondent correspondents writer
    writers contributor contributors guest author authors by and the online web digital media
    press wire service services user anonymous unknown webmaster redaction redaktion
    cnn bbc ap afp reuters bloomberg tass upi npr""".split()
)
BYLINE_PREFIXES = ("written by", "words by", "reported by", "posted by", "story by", "text by",
                   "author:", "authors:", "by:", "by")
BYLINE_ROLE_WORDS = ("staff writer", "senior correspondent", "correspondent", "reporter", "editor",
                     "contributor", "columnist", "political scientist", "analyst")
AUTHOR_BIO_PREFIXES = ("about the author", "about the authors", "author:", "the author")

# --- genre ---------------------------------------------------------------------------------------
OPINION_LABELS = frozenset((
    *"opinion opinions op-ed oped column columns commentary comment blog blogs editorial".split(),
    *"viewpoint viewpoints perspective perspectives".split(), "op ed",
))
ANALYSIS_LABELS = frozenset("analysis analyses assessment insight in-depth explainer brief".split())
INTERVIEW_LABELS = frozenset("interview interviews q&a".split())
NEWS_LABELS = frozenset("news breaking".split())
SECTION_LABEL_MAX_WORDS = 3
# a disclaimer saying the editors do not share the author's views marks an opinion piece
# (a think tank's "views ... do not necessarily reflect the position of the Institute" is not one:
# the disclaimer must name the editors / editorial line / blog / opinion section)
OPINION_DISCLAIMER_PATTERN = (
    r"\b(?:do(?:es)? not|don't|doesn't)\s+(?:always\s+|necessarily\s+)?"
    r"(?:share|reflect|represent|coincide with)\b[^.]{0,60}\b(?:views?|opinions?|positions?|stance)\b"
)
OPINION_DISCLAIMER_WORDS = ("editor", "blog", "column", "op-ed")  # "editor" covers editors, editorial
# first-person opinion markers: "<word> my <noun>" phrases and "I <verb>" phrases (case as written)
FIRST_PERSON_MY_PHRASES = ("in my opinion", "in my view", "to my mind")
FIRST_PERSON_I_PHRASES = ("I believe", "I think", "I would argue", "I am convinced", "I'm convinced",
                          "I've argued", "I have argued", "I've highlighted", "I have highlighted")
FIRST_PERSON_OPINION_MIN = 3  # distinct markers outside quotation marks needed to call it opinion

# --- language ------------------------------------------------------------------------------------
LANGUAGE_MIN_CHARS = 100  # shorter texts get language = None (unless given)
LANGUAGE_MIN_CONFIDENCE = 0.60
LANGUAGE_SAMPLE_CHARS = 300  # characters of the body fed to the detector (speed: ~0.1 ms; plenty for fastText)

# --- truncation ----------------------------------------------------------------------------------
TERMINAL_CHARS = ".!?…\"”’»)]}。！？؟"
HEADING_MAX_WORDS = 8  # a last line this short without terminal punctuation is heading-like
