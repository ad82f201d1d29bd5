"""Genre: opinion, analysis, interview or news, from what the page itself says; else None.

Evidence, strongest first:
1. a section label in the header (header["section"] / removed `header:section` lines), or a
   header line (or one " | " segment of it, numbering dropped: "Policy Brief No. 14") that is
   nothing but a label: OPINION / Op-ed / Column / Commentary / Blog -> opinion;
   Analysis / Assessment / Brief -> analysis; Interview / Q&A -> interview; News -> news
   (settings.*_LABELS);
2. a disclaimer (removed `disclaimer` line, or the end of the body) saying the editors do not
   share the author's views -> opinion (it must name the editors, a blog or a column: a think
   tank's "views do not reflect the position of the Institute" is not an opinion marker);
3. first-person opinion markers ("in my opinion", "in my view", ...) outside quotation marks,
   at least settings.FIRST_PERSON_OPINION_MIN distinct ones -> opinion.
Labels inside noise (a headline list's "OPINION" teaser) are never read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Article
from ..settings import metadata as settings
from .meta_header import HeaderIndex

_DISCLAIMER = re.compile(settings.OPINION_DISCLAIMER_PATTERN, re.I)
_QUOTED = re.compile(r"“[^”]{0,2000}”|\"[^\"]{0,2000}\"|«[^»]{0,2000}»")


def _phrase_rx(phrases: list[str]) -> re.Pattern:
    # a literal first character keeps the scan fast (no re.I, no leading class)
    return re.compile("(?:" + "|".join(re.escape(p).replace("'", "['’]") for p in phrases) + r")\b")


_MY_LEADS = {p.split(" my ", 1)[1]: p.split(" my ", 1)[0] for p in settings.FIRST_PERSON_MY_PHRASES}
_MY_PHRASE = _phrase_rx(["my " + noun for noun in _MY_LEADS])
_I_PHRASE = _phrase_rx(list(settings.FIRST_PERSON_I_PHRASES))
_LABEL_ROLES = ("section", "title", "subtitle", "outlet")  # clean may misfile a bare label line


@dataclass(frozen=True)
class GenreFinding:
    genre: str  # opinion, analysis, interview, news
    evidence: str  # "section label 'OPINION'", "disclaimer", "first-person markers: ..."


def detect_genre(article: Article, index: HeaderIndex | None = None) -> GenreFinding | None:
    index = HeaderIndex.of(article, index)
    return _from_label(index) or _from_disclaimer(article, index) or _from_first_person(article.text or "")


def label_genre(label: str) -> str | None:
    """"OPINION" -> opinion; "Op-ed" -> opinion; "News analysis" -> analysis; "News" -> news."""
    words = re.findall(r"[\w&-]+", label.casefold())
    while words and (words[-1].isdigit() or words[-1] == "no"):
        words.pop()  # "Policy Brief No. 14"
    if not words or len(words) > settings.SECTION_LABEL_MAX_WORDS:
        return None
    if " ".join(words) in settings.OPINION_LABELS or any(w in settings.OPINION_LABELS for w in words):
        return "opinion"
    if any(w in settings.ANALYSIS_LABELS for w in words):
        return "analysis"
    if any(w in settings.INTERVIEW_LABELS for w in words):
        return "interview"
    if all(w in settings.NEWS_LABELS for w in words):
        return "news"
    return None


def _from_label(index: HeaderIndex) -> GenreFinding | None:
    for role in _LABEL_ROLES:
        for header in index.lines(role):
            segments = [header.text] if role == "section" else header.text.split(" | ")
            for segment in segments:
                genre = label_genre(segment)
                # outside a section line, only a segment that is a known label word counts
                if genre and (role == "section" or _is_pure_label(segment)):
                    return GenreFinding(genre, f"section label {segment.strip()!r}")
    return None


def _is_pure_label(text: str) -> bool:
    words = [w for w in re.findall(r"[\w&-]+", text.casefold()) if not w.isdigit() and w != "no"]
    labels = (settings.OPINION_LABELS | settings.ANALYSIS_LABELS | settings.INTERVIEW_LABELS
              | {"policy"})  # "Policy Brief"
    return bool(words) and all(w in labels for w in words)


def _from_disclaimer(article: Article, index: HeaderIndex) -> GenreFinding | None:
    for removed in index.removed("disclaimer") + index.removed("author-bio"):
        if _is_editorial_disclaimer(removed.text):
            return GenreFinding("opinion", f"disclaimer {removed.text.strip()[:120]!r}")
    tail = (article.text or "")[-1000:]
    for sentence in re.split(r"(?<=[.!?])\s+", tail):
        if _is_editorial_disclaimer(sentence):
            return GenreFinding("opinion", f"disclaimer {sentence.strip()[:120]!r}")
    return None


def _is_editorial_disclaimer(text: str) -> bool:
    lowered = text.casefold()
    return any(w in lowered for w in settings.OPINION_DISCLAIMER_WORDS) and bool(_DISCLAIMER.search(text))


def _from_first_person(text: str) -> GenreFinding | None:
    if len(_first_person_markers(text)) < settings.FIRST_PERSON_OPINION_MIN:
        return None  # cheap check first; quotes are removed only when it could matter
    found = _first_person_markers(_QUOTED.sub(" ", text))
    if len(found) >= settings.FIRST_PERSON_OPINION_MIN:
        return GenreFinding("opinion", "first-person markers: " + ", ".join(sorted(found)))
    return None


def _first_person_markers(text: str) -> set[str]:
    found = {m.group(0).replace("’", "'") for m in _I_PHRASE.finditer(text)}
    for m in _MY_PHRASE.finditer(text):
        lead = _MY_LEADS[m.group(0)[3:]]
        before = text[max(0, m.start() - len(lead) - 1): m.start()].casefold()
        if before == lead + " ":
            found.add(f"{lead} {m.group(0)}")
    return found
