"""said_on: date phrases near a cue resolved against the publication date (pure, no model)."""
import pytest

from narrascope.stages.statements_dates import said_on


@pytest.mark.parametrize("phrase, published, expected", [
    ("on Sunday", "2022-12-27", "2022-12-25"),          # the latest Sunday before a Tuesday
    ("Tuesday", "2022-12-27", "2022-12-27"),            # the publication day itself
    ("on Monday", "2022-12-27T09:30:00", "2022-12-26"),  # datetimes are fine
    ("on May 24", "2024-06-01", "2024-05-24"),          # year of publication
    ("on December 25", "2023-01-03", "2022-12-25"),     # never after publication: the year before
    ("24 December", "2023-12-30", "2023-12-24"),
    ("on August 17, 2021", "2023-01-01", "2021-08-17"),  # an explicit year wins
    ("yesterday", "2022-12-27", "2022-12-26"),
    ("on Christmas Day", "2023-01-02", "2022-12-25"),
])
def test_precise_days_resolve(phrase, published, expected):
    assert said_on(phrase, published) == expected


@pytest.mark.parametrize("phrase, published", [
    ("last week", "2022-12-27"),        # not a precise day
    ("next Monday", "2022-12-27"),      # a plan, not when it was said
    ("on Sunday", None),                # no publication date: no guess
    ("on Sunday", "not a date"),
    ("", "2022-12-27"),
    ("on February 30", "2022-12-27"),   # no such day
])
def test_imprecise_or_unknown_is_none(phrase, published):
    assert said_on(phrase, published) is None
