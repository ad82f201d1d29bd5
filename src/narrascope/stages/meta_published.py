"""The publication date: which evidence to trust, in which order, and how much.

Cascade (the first source with a sane full date wins; see settings.metadata for confidences):
    given -> html-meta -> header -> byline -> url -> inferred -> an "Updated ..." date (penalised)

Evidence read: `given` date columns, `html_meta["published"]`, header date lines (header["date"]
and removed `header:date` lines, plus a bare time on the next line), the byline, the dateline
(partial dates only), the URL path, and, only to complete a partial header date, the years the
article's own body states. Never read: captions, headline lists, comments, teasers or any other
removed noise, and never a body date ("on May 24", "on Sunday") as the publication date.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ..model import Article
from ..settings import metadata as settings
from .dates import (DateValue, date_in_url, find_dates, is_date_only, is_sane, parse_date_text,
                    time_only, today_utc, years_in)
from .meta_header import UNKNOWN_LINE, HeaderIndex, HeaderLine, body_lines

TIME_LINE_REASONS = ("header:", "fragment")  # a bare time after a header date may be tagged so
_OTHER_HEADER_ROLES = ("subtitle", "title", "section", "outlet")


@dataclass(frozen=True)
class PublishedDate:
    value: str  # "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"
    source: str  # given, html-meta, header, byline, url, inferred
    confidence: float
    evidence: str  # the string the date was read from

    @property
    def day(self) -> str:
        return self.value[:10]


@dataclass(frozen=True)
class _Found:
    value: DateValue
    source: str
    level: str  # key of settings.CONFIDENCE


def resolve_published(article: Article, today: date | None = None,
                      index: HeaderIndex | None = None) -> PublishedDate | None:
    """The article's publication date with its source and confidence, or None (null beats wrong)."""
    today = today or today_utc()
    index = HeaderIndex.of(article, index)
    candidates = _given(article, today) + _html_meta(article, today)
    header = _header_dates(article, index, today)
    byline = _dates_in_lines(index.lines("byline"), index, today, "byline", "byline")
    candidates += [f for f in header + byline if f.value.kind != "updated"]
    candidates += _url(article, today)
    candidates += _inferred(article, index, header + byline, today)
    candidates += [f for f in header + byline if f.value.kind == "updated"]
    if not candidates:
        return None
    return _score(candidates[0], candidates[1:])


def _score(best: _Found, others: list[_Found]) -> PublishedDate:
    confidence = settings.CONFIDENCE[best.level]
    if best.value.kind == "updated":
        confidence *= settings.UPDATED_FACTOR
    if not best.value.weekday_matches():
        confidence -= settings.WEEKDAY_MISMATCH_PENALTY
    day = best.value.iso(keep_time=False)
    if any(o.source != best.source and o.value.iso(keep_time=False) == day for o in others):
        confidence += settings.AGREEMENT_BONUS
    confidence = round(max(0.0, min(confidence, settings.MAX_CONFIDENCE)), 2)
    return PublishedDate(best.value.iso(), best.source, confidence, best.value.text)


def _from_value(raw: object, today: date) -> DateValue | None:
    if isinstance(raw, datetime):
        value = DateValue(raw.year, raw.month, raw.day, hour=raw.hour, minute=raw.minute, text=str(raw))
    elif isinstance(raw, date):
        value = DateValue(raw.year, raw.month, raw.day, text=str(raw))
    elif isinstance(raw, str) and raw.strip():
        value = parse_date_text(raw)
    else:
        return None
    if value is not None and value.hour == 0 and value.minute == 0:
        value = DateValue(value.year, value.month, value.day, kind=value.kind, text=value.text)  # a date-only stamp
    return value if value is not None and is_sane(value, today) else None


def _given(article: Article, today: date) -> list[_Found]:
    for key in settings.GIVEN_DATE_KEYS:
        value = _from_value(article.given.get(key), today)
        if value is not None:
            return [_Found(value, "given", "given")]
    return []


def _html_meta(article: Article, today: date) -> list[_Found]:
    value = _from_value(article.html_meta.get("published"), today)
    return [_Found(value, "html-meta", "html-meta")] if value is not None else []


def _header_dates(article: Article, index: HeaderIndex, today: date) -> list[_Found]:
    lines = index.lines("date")
    if not lines:  # a date-only line clean filed under another header role ("2024-02-10T08:30")
        lines = [h for role in _OTHER_HEADER_ROLES for h in index.lines(role)
                 if len(h.text) <= settings.DATE_LINE_MAX_CHARS and is_date_only(h.text)]
    found = _dates_in_lines(lines, index, today, "header", "header")
    if lines:
        return found
    top = body_lines(article, settings.TOP_LINES_FOR_DATE + 1)
    for index, text in enumerate(top[: settings.TOP_LINES_FOR_DATE]):
        if len(text) <= settings.DATE_LINE_MAX_CHARS and is_date_only(text):
            following = top[index + 1] if index + 1 < len(top) else ""
            return _pick(_with_time(find_dates(text), time_only(following)), today,
                         "header", "header-top-of-body")
    return []


def _dates_in_lines(lines: list[HeaderLine], index: HeaderIndex, today: date, source: str,
                    level: str) -> list[_Found]:
    values: list[DateValue] = []
    for position, header in enumerate(lines):
        clock = _time_after(lines, position, index)
        found = find_dates(header.text)
        if not found and source == "header":  # "18 жовтня 2022": a short header date line only
            found = [v for v in [parse_date_text(header.text)] if v is not None]
        values += _with_time(found, clock)
    return _pick(values, today, source, level)


def _pick(values: list[DateValue], today: date, source: str, level: str) -> list[_Found]:
    """Sane full dates: published-labelled first, then unlabelled (earliest first), then updated."""
    full = [v for v in values if v.is_full and is_sane(v, today)]
    rank = {"published": 0, "plain": 1, "updated": 2}
    full.sort(key=lambda v: (rank[v.kind], v.as_date()))
    return [_Found(v, source, level) for v in full]


def _with_time(values: list[DateValue], clock: tuple[int, int] | None) -> list[DateValue]:
    if clock is None:
        return values
    return [v if v.hour is not None else v.with_time(*clock) for v in values]


def _time_after(lines: list[HeaderLine], position: int, index: HeaderIndex) -> tuple[int, int] | None:
    """A bare time ("16:12") on the line right after a header date line."""
    if position + 1 < len(lines):
        nxt = lines[position + 1]
        clock = time_only(nxt.text)
        if clock is not None and (nxt.line == UNKNOWN_LINE or nxt.line == lines[position].line + 1):
            return clock
    line = lines[position].line
    if line == UNKNOWN_LINE:
        return None
    following = index.removed_at(line + 1)
    if following and following.reason.startswith(TIME_LINE_REASONS):
        return time_only(following.text)
    return None


def _url(article: Article, today: date) -> list[_Found]:
    for url in (article.url, article.html_meta.get("url"), article.source):
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            value = date_in_url(url)
            if value is not None and is_sane(value, today):
                return [_Found(value, "url", "url")]
    return []


def _inferred(article: Article, index: HeaderIndex, full: list[_Found], today: date) -> list[_Found]:
    """Complete a partial header/byline/dateline date from the article's own evidence."""
    partial_lines = index.lines("date") + index.lines("byline") + index.lines("dateline")
    partials = [v for h in partial_lines for v in find_dates(h.text) if not v.is_full]
    found: list[_Found] = []
    for partial in partials:
        value = _year_from_header(partial, full, today) or _year_from_weekday(partial, article, today)
        if value is not None:
            found.append(value)
    return found


def _year_from_header(partial: DateValue, full: list[_Found], today: date) -> _Found | None:
    """"24 December" + a full date in the header evidence ("Updated 2 January 2024"): the latest
    year that does not put the partial date after that full date."""
    for anchor in full:
        anchor_day = anchor.value.as_date()
        for year in (anchor_day.year, anchor_day.year - 1):
            candidate = partial.with_year(year)
            if candidate.as_date() is not None and candidate.as_date() <= anchor_day and is_sane(candidate, today):
                return _Found(candidate, "inferred", "inferred-from-header-year")
    return None


def _year_from_weekday(partial: DateValue, article: Article, today: date) -> _Found | None:
    """"Sunday, 24 December": the one year, among those the article states, when 24 December
    was a Sunday."""
    if partial.weekday is None:
        return None
    stated = years_in(article.text or "") | years_in(" ".join(article.header.values()))
    matching = [y for y in stated
                if (d := partial.with_year(y).as_date()) is not None and d.weekday() == partial.weekday
                and is_sane(partial.with_year(y), today)]
    if len(matching) != 1:
        return None
    return _Found(partial.with_year(matching[0]), "inferred", "inferred-from-weekday")
