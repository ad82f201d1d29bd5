"""Finding and parsing dates in short strings (header lines, bylines, export columns, URLs).

Our own regexes first (fast, predictable); `dateparser` only as a fallback on a short candidate
string (settings.DATEPARSER_MAX_CHARS), never on a whole text. Formats understood:

    18.10.2022.  18.10.2022  2022-10-18[T16:12]  18/10/2022 (day-first unless impossible)
    2022/10/18   24 December, 2023 Sunday   December 24, 2023   Dec. 24, 2023   24th of Dec 2023
    Sunday, 24 December 2023 16:12   Published: ...   Updated ...   2024, Saturday 23 November

A date without a year ("24 December", "Sunday, Dec 24") is returned as partial (year None):
resolving it needs the article's own evidence (see meta_published.py), never today's year.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from ..settings import metadata as settings

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}

_MONTH = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?")
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?P<y>(?:19|20)\d{2})(?!\d)"
_PATTERNS = (
    ("iso", re.compile(r"\b" + _YEAR + r"-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?!\d)"
                       r"(?:[T ](?P<H>[0-2]?\d):(?P<M>[0-5]\d))?")),
    ("ymd", re.compile(r"\b" + _YEAR + r"[/.](?P<m>[01]?\d)[/.](?P<d>[0-3]?\d)(?!\d)")),
    ("numeric", re.compile(r"\b(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[01]?\d)(?P=sep)" + _YEAR + r"\.?")),
    ("day-month", re.compile(r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"(?:,?\s*" + _YEAR + ")?", re.I)),
    ("month-day", re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r"(?:,?\s*" + _YEAR + ")?", re.I)),
)
_WEEKDAY_RE = re.compile(
    r"\b(?P<wd>mon|tue|wed|thu|fri|sat|sun)(?:day|s|sday|nesday|r|rs|rsday|urday)?\b\.?", re.I)
_TIME_RE = re.compile(r"(?<![\d:])(?P<H>[01]?\d|2[0-3]):(?P<M>[0-5]\d)(?::[0-5]\d)?(?![\d:])"
                      r"(?:\s*(?P<ampm>[ap])\.?m\b\.?)?", re.I)
_SECONDS_ZONE_RE = re.compile(r"(?<=\d\d:\d\d):[0-5]\d(?:\.\d+)?|(?<=\d)(?:Z|[+-][01]\d:?[0-5]\d)(?=\s|$)")
_YEAR_RE = re.compile(r"(?<![\d./-])((?:19|20)\d{2})(?![\d./-]\d)")
_URL_DATE_RE = re.compile(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>0?[1-9]|1[0-2])[/-]"
                          r"(?P<d>0?[1-9]|[12]\d|3[01])(?=[/_.-]|$)")
_LABEL_WORDS = re.compile(
    r"\b(?:first\s+)?(?:published|posted|updated|last\s+updated|modified|last\s+modified|edited|"
    r"publication\s+date|date|on|at|am|pm|a\.m|p\.m|gmt|utc|cet|cest|eet|eest|msk|est|edt|pst|pdt|bst|"
    r"kyiv\s+time|local\s+time)\b\.?", re.I)


@dataclass(frozen=True)
class DateValue:
    """A date found in a string; `year` is None for a partial date ("24 December")."""

    year: int | None
    month: int
    day: int
    weekday: int | None = None  # 0 = Monday, when the string names one
    hour: int | None = None
    minute: int | None = None
    kind: str = "plain"  # "published" | "updated" | "plain": the label in front of the date
    text: str = ""  # the matched text, for evidence

    @property
    def is_full(self) -> bool:
        return self.year is not None

    def as_date(self) -> date | None:
        return _make_date(self.year, self.month, self.day) if self.year is not None else None

    def weekday_matches(self) -> bool:
        d = self.as_date()
        return self.weekday is None or d is None or d.weekday() == self.weekday

    def iso(self, keep_time: bool = settings.KEEP_TIME) -> str:
        text = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if keep_time and self.hour is not None and self.minute is not None:
            text += f"T{self.hour:02d}:{self.minute:02d}"
        return text

    def with_year(self, year: int) -> "DateValue":
        return replace(self, year=year)

    def with_time(self, hour: int, minute: int) -> "DateValue":
        return replace(self, hour=hour, minute=minute)


def _make_date(year: int | None, month: int, day: int) -> date | None:
    try:
        return date(year if year is not None else 2000, month, day)  # 2000: a leap year, for 29 Feb
    except (ValueError, TypeError):
        return None


def today_utc() -> date:
    return datetime.now(timezone.utc).date()


def is_sane(value: DateValue, today: date | None = None) -> bool:
    """A full, real calendar date within [MIN_YEAR, today + MAX_FUTURE_DAYS]."""
    d = value.as_date()
    if d is None:
        return False
    latest = (today or today_utc()) + timedelta(days=settings.MAX_FUTURE_DAYS)
    return settings.MIN_YEAR <= d.year and d <= latest


def _label_rx(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


_UPDATED_RX = _label_rx(settings.UPDATED_WORDS)
_PUBLISHED_RX = _label_rx(settings.PUBLISHED_WORDS)


def _kind_before(prefix: str) -> str:
    """The label closest in front of a date: "Updated: ..." -> updated, "Published ..." -> published."""
    updated = max((m.start() for m in _UPDATED_RX.finditer(prefix)), default=-1)
    published = max((m.start() for m in _PUBLISHED_RX.finditer(prefix)), default=-1)
    if updated < 0 and published < 0:
        return "plain"
    return "updated" if updated > published else "published"


def _numeric_day_month(a: int, b: int, sep: str) -> tuple[int, int] | None:
    """(day, month) of "a<sep>b<sep>year": dots and dashes are day-first; slashes follow DAY_FIRST."""
    if sep != "/" or settings.DAY_FIRST:
        order = [(a, b), (b, a)]
    else:
        order = [(b, a), (a, b)]
    for day, month in order:
        if 1 <= month <= 12 and 1 <= day <= 31:
            return day, month
    return None


def _match_parts(name: str, m: re.Match) -> tuple[int | None, int, int] | None:
    g = m.groupdict()
    year = int(g["y"]) if g.get("y") else None
    if name in ("iso", "ymd"):
        day, month = int(g["d"]), int(g["m"])
    elif name == "numeric":
        found = _numeric_day_month(int(g["a"]), int(g["b"]), g["sep"])
        if found is None:
            return None
        day, month = found
    else:
        day, month = int(g["d"]), MONTHS[g["mon"][:3].lower()]
    if not 1 <= month <= 12 or _make_date(year, month, day) is None:
        return None
    return year, month, day


def _raw_matches(line: str) -> list[tuple[int, int, str, re.Match]]:
    """Non-overlapping pattern matches, earliest first (ties: the longer one)."""
    found = [(m.start(), m.end(), name, m) for name, rx in _PATTERNS for m in rx.finditer(line)]
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, str, re.Match]] = []
    for item in found:
        if not kept or item[0] >= kept[-1][1]:
            kept.append(item)
    return kept


def _nearest(rx: re.Pattern, line: str, start: int, end: int, taken: list[tuple[int, int]],
             window: int) -> re.Match | None:
    best, best_gap = None, window + 1
    for m in rx.finditer(line):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        gap = start - m.end() if m.end() <= start else m.start() - end
        if 0 <= gap < best_gap:
            best, best_gap = m, gap
    return best


def find_dates(line: str) -> list[DateValue]:
    """Every date in one short string, with the weekday, time and label found next to it."""
    matches = _raw_matches(line)
    spans = [(s, e) for s, e, _, _ in matches]
    values: list[DateValue] = []
    previous_end = 0
    for start, end, name, m in matches:
        parts = _match_parts(name, m)
        if parts is None:
            continue
        year, month, day = parts
        if year is None:
            near_year = _nearest(_YEAR_RE, line, start, end, spans, window=20)
            if near_year is not None and _make_date(int(near_year.group(1)), month, day):
                year = int(near_year.group(1))
        weekday = _nearest(_WEEKDAY_RE, line, start, end, spans, window=20)
        hour = minute = None
        if m.groupdict().get("H"):
            hour, minute = int(m.group("H")), int(m.group("M"))
        else:
            clock = _TIME_RE.search(line, end)
            if clock is not None and clock.start() - end <= 25:
                hour, minute = _clock(clock)
        values.append(DateValue(
            year, month, day,
            weekday=WEEKDAYS[weekday.group("wd")[:3].lower()] if weekday else None,
            hour=hour, minute=minute, kind=_kind_before(line[previous_end:start]), text=m.group(0),
        ))
        previous_end = end
    return values


def _clock(m: re.Match) -> tuple[int, int]:
    hour, minute = int(m.group("H")), int(m.group("M"))
    ampm = (m.group("ampm") or "").lower()
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    return hour, minute


def time_only(line: str) -> tuple[int, int] | None:
    """(hour, minute) when the line is just a time ("16:12", "4:12 pm")."""
    m = _TIME_RE.fullmatch(line.strip())
    return _clock(m) if m else None


def is_date_only(line: str) -> bool:
    """True when the line holds a date and nothing but weekday, time, labels and punctuation."""
    if not find_dates(line):
        return False
    rest = line
    for rx in [_SECONDS_ZONE_RE] + [p for _, p in _PATTERNS] + [_WEEKDAY_RE, _TIME_RE, _YEAR_RE, _LABEL_WORDS]:
        rest = rx.sub(" ", rest)
    return not re.search(r"\w", rest)


def years_in(text: str) -> set[int]:
    """Four-digit years (MIN_YEAR..today) stated in a text."""
    this_year = today_utc().year
    return {y for y in map(int, _YEAR_RE.findall(text)) if settings.MIN_YEAR <= y <= this_year}


def date_in_url(url: str) -> DateValue | None:
    """A /YYYY/MM/DD/ (or /YYYY-MM-DD) path date; a year-month path alone is not enough."""
    m = _URL_DATE_RE.search(url)
    if m is None or _make_date(int(m["y"]), int(m["m"]), int(m["d"])) is None:
        return None
    return DateValue(int(m["y"]), int(m["m"]), int(m["d"]), text=m.group(0))


def parse_date_text(text: str, fallback: bool = True) -> DateValue | None:
    """The first full date in a short string (an export column, an HTML meta value, a header line).

    Our regexes first; dateparser only when they find no full date and the string is short.
    """
    text = " ".join(str(text).split())
    found = find_dates(text)
    full = [v for v in found if v.is_full]
    preferred = [v for v in full if v.kind != "updated"] or full
    if preferred:
        return preferred[0]
    if found:
        return None  # a partial date ("on May 24"): dateparser would not find a year either
    if fallback and 0 < len(text) <= settings.DATEPARSER_MAX_CHARS and _could_be_full_date(text):
        return _dateparser_parse(text)
    return None


_DIGIT_RUN = re.compile(r"\d+")


def _could_be_full_date(text: str) -> bool:
    """False for strings dateparser (asked for day, month and year) cannot read as a date, so it is not
    called (~10 ms each): a bare time ("16:12"), a weekday, a lone number of fewer than 8 digits.
    A full date needs a day and a year, i.e. two digit groups once times are taken out, or one long
    run (a compact 20221018 or a Unix timestamp)."""
    runs = _DIGIT_RUN.findall(_TIME_RE.sub(" ", text))
    return len(runs) >= 2 or any(len(run) >= 8 for run in runs)


@lru_cache(maxsize=2048)
def _dateparser_parse(text: str) -> DateValue | None:
    import dateparser  # slow to import and to run: only here, only on short strings

    parsed = dateparser.parse(text, settings={
        "DATE_ORDER": "DMY" if settings.DAY_FIRST else "MDY",
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"],  # never "2 days ago" vs today
        "RETURN_AS_TIMEZONE_AWARE": False,
    })
    if parsed is None:
        return None
    clock = _TIME_RE.search(text)
    hour, minute = (parsed.hour, parsed.minute) if clock else (None, None)
    return DateValue(parsed.year, parsed.month, parsed.day, hour=hour, minute=minute,
                     kind=_kind_before(text), text=text)
