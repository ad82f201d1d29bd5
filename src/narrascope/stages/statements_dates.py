"""When a statement was made: a date phrase near the cue resolved against the publication date.

    said_on("on Sunday", "2022-12-27") -> "2022-12-25"   # the latest Sunday on or before publication
    said_on("on May 24", "2024-06-01") -> "2024-05-24"   # the year of publication ...
    said_on("December 25", "2023-01-03") -> "2022-12-25" # ... or the one before, never after publication
    said_on("last week", "2022-12-27") -> None           # not a precise day
    said_on("on Sunday", None) -> None                   # no publication date, no guess

Pure functions, no model.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>\d{4}))?"
MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}\b{_YEAR}", re.IGNORECASE)
DAY_MONTH = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b{_YEAR}", re.IGNORECASE)
WEEKDAY = re.compile(r"\b(?P<prefix>next\s+|this\s+coming\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
RELATIVE = {"today": 0, "yesterday": 1}
FIXED_DAYS = {"christmas day": (12, 25), "christmas eve": (12, 24), "new year's day": (1, 1), "new year’s day": (1, 1)}


def said_on(phrase: str, published: str | None) -> str | None:
    """The ISO date a phrase like "on Sunday" or "on May 24" names, or None when imprecise or unknown."""
    pub = parse_published(published)
    if pub is None or not phrase:
        return None
    day = _month_day(phrase, pub) or _weekday(phrase, pub) or _relative(phrase, pub) or _fixed(phrase, pub)
    return day.isoformat() if day else None


def parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _month_day(phrase: str, pub: date) -> date | None:
    match = MONTH_DAY.search(phrase) or DAY_MONTH.search(phrase)
    if match is None:
        return None
    month, day = MONTHS[match["month"].lower()], int(match["day"])
    year = int(match["year"]) if match["year"] else pub.year
    return _valid(year, month, day, pub, explicit_year=bool(match["year"]))


def _valid(year: int, month: int, day: int, pub: date, explicit_year: bool) -> date | None:
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    if not explicit_year and found > pub:
        try:
            found = date(year - 1, month, day)
        except ValueError:
            return None
    return found


def _weekday(phrase: str, pub: date) -> date | None:
    match = WEEKDAY.search(phrase)
    if match is None or match["prefix"]:
        return None  # "next Monday" is a plan, not the day something was said
    wanted = WEEKDAYS.index(match["weekday"].lower())
    return pub - timedelta(days=(pub.weekday() - wanted) % 7)


def _relative(phrase: str, pub: date) -> date | None:
    words = phrase.lower()
    for word, back in RELATIVE.items():
        if re.search(rf"\b{word}\b", words):
            return pub - timedelta(days=back)
    return None


def _fixed(phrase: str, pub: date) -> date | None:
    words = phrase.lower()
    for name, (month, day) in FIXED_DAYS.items():
        if name in words:
            return _valid(pub.year, month, day, pub, explicit_year=False)
    return None
