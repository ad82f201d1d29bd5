"""Date finding and parsing in short strings (narrascope.stages.dates)."""
from __future__ import annotations

from datetime import date

import pytest

from narrascope.stages import dates
from narrascope.stages.dates import (date_in_url, find_dates, is_date_only, is_sane, parse_date_text,
                                     time_only, years_in)


@pytest.mark.parametrize("text, iso", [
    ("18.10.2022.", "2022-10-18"),
    ("18.10.2022", "2022-10-18"),
    ("2022-10-18", "2022-10-18"),
    ("18/10/2022", "2022-10-18"),
    ("2022/10/18", "2022-10-18"),
    ("24 December, 2023 Sunday", "2023-12-24"),
    ("December 24, 2023", "2023-12-24"),
    ("Dec. 24, 2023", "2023-12-24"),
    ("24th of Dec 2023", "2023-12-24"),
    ("Sunday, 24 December 2023 16:12", "2023-12-24T16:12"),
    ("24 Dec 2023 at 4:12 pm", "2023-12-24T16:12"),
    ("2022-10-18T14:30:00+02:00", "2022-10-18T14:30"),
    ("Tue, 18 Oct 2022 10:00:00 GMT", "2022-10-18T10:00"),
    ("Published: 3 March 2021", "2021-03-03"),
    ("2024, Saturday 23 November", "2024-11-23"),
])
def test_formats(text, iso):
    value = parse_date_text(text)
    assert value is not None and value.iso() == iso


def test_slash_dates_are_day_first_unless_impossible():
    assert parse_date_text("03/04/2022").iso() == "2022-04-03"
    assert parse_date_text("04/13/2022").iso() == "2022-04-13"  # 13 cannot be a month


def test_slash_order_follows_the_setting(monkeypatch):
    monkeypatch.setattr(dates.settings, "DAY_FIRST", False)
    assert parse_date_text("03/04/2022").iso() == "2022-03-04"


def test_published_is_preferred_over_updated():
    assert parse_date_text("Updated 19 Oct 2022, Published 18 Oct 2022").iso() == "2022-10-18"
    both = find_dates("Published: 18 October 2022 | Updated: 19 October 2022 10:00")
    assert [(v.iso(), v.kind) for v in both] == [("2022-10-18", "published"), ("2022-10-19T10:00", "updated")]


def test_a_date_without_year_is_partial_and_never_completed_with_this_year():
    (value,) = find_dates("on May 24")
    assert value.year is None and (value.month, value.day) == (5, 24)
    assert parse_date_text("on May 24") is None


def test_relative_dates_are_not_resolved_against_today():
    assert parse_date_text("2 days ago") is None
    assert parse_date_text("Posted yesterday at 10:00") is None


def test_month_and_year_alone_is_not_a_date():
    assert find_dates("December 2023") == []


def test_invalid_calendar_dates_are_rejected():
    assert parse_date_text("31.02.2022") is None
    assert parse_date_text("2022-13-01", fallback=False) is None


def test_weekday_is_read_and_checked():
    (value,) = find_dates("Sunday, 24 December 2023")
    assert value.weekday == 6 and value.weekday_matches()
    (wrong,) = find_dates("Monday, 24 December 2023")
    assert not wrong.weekday_matches()


def test_dateparser_fallback_on_short_non_english_strings():
    assert parse_date_text("le 18 octobre 2022").iso() == "2022-10-18"
    assert parse_date_text("le 18 octobre 2022", fallback=False) is None


def test_date_only_lines():
    assert is_date_only("18.10.2022.")
    assert is_date_only("Published: Sunday, 24 December 2023 16:12 GMT")
    assert not is_date_only("Veloria's minister spoke on 24 December 2023 in Port Anselm")
    assert not is_date_only("The Marrow Ledger")


def test_time_only():
    assert time_only(" 16:12 ") == (16, 12)
    assert time_only("4:05 pm") == (16, 5)
    assert time_only("16:12 in Port Anselm") is None


def test_url_dates():
    assert date_in_url("https://marrowledger.example/news/2022/10/18/slug").iso() == "2022-10-18"
    assert date_in_url("https://marrowledger.example/2022-10-18-slug.html").iso() == "2022-10-18"
    assert date_in_url("https://marrowledger.example/news/2022/10/slug") is None
    assert date_in_url("https://marrowledger.example/item/20221018") is None


def test_sanity_bounds():
    today = date(2024, 1, 10)
    assert is_sane(parse_date_text("10.01.2024"), today)
    assert is_sane(parse_date_text("11.01.2024"), today)  # one day of time-zone slack
    assert not is_sane(parse_date_text("20.01.2024"), today)
    assert not is_sane(parse_date_text("01.01.1989"), today)


def test_years_in_text_ignores_numbers_inside_dates_and_future_years():
    assert years_in("in 2014 and 2023; ref 12.10.2019; by 2099") == {2014, 2023}
