"""Parameter checks of the analytics queries: each returns the clean value or raises InvalidParameter."""
from __future__ import annotations

import re
from datetime import date
from typing import Any, Sequence

from ..errors import NarrascopeError
from ..settings import stories as settings

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
DATE_HINT = "give a date as YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2023-12-24)"


class InvalidParameter(NarrascopeError):
    """A query parameter is malformed or out of range; the message says what is allowed."""

    def __init__(self, parameter: str, value: Any, allowed: str):
        self.parameter, self.value, self.allowed = parameter, value, allowed
        super().__init__(f"invalid {parameter} {value!r}: {allowed}")


def check_date(name: str, value: str | None) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise InvalidParameter(name, value, DATE_HINT)
    value = value.strip()
    match = _DATE.match(value)
    if not match:
        raise InvalidParameter(name, value, DATE_HINT)
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        raise InvalidParameter(name, value, f"no such date; {DATE_HINT}") from None
    return value


def check_page(page: Any, per_page: Any) -> tuple[int, int]:
    page = _integer("page", page, 1, None, "a page number from 1")
    per_page = _integer("per_page", per_page, 1, settings.MAX_PER_PAGE,
                        f"a number of items per page from 1 to {settings.MAX_PER_PAGE}")
    return page, per_page


def check_limit(limit: Any) -> int:
    return _integer("limit", limit, 1, settings.MAX_TOP, f"a number from 1 to {settings.MAX_TOP}")


def check_text(name: str, value: Any) -> str | None:
    """None or an empty string: no filter; otherwise the stripped string."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidParameter(name, value, "give a text value")
    return value.strip() or None


def check_choice(name: str, value: Any, choices: Sequence[str], required: bool = False) -> str | None:
    if value is None and not required:
        return None
    if value not in choices:
        raise InvalidParameter(name, value, f"choose one of {', '.join(choices)}")
    return value


def _integer(name: str, value: Any, low: int, high: int | None, allowed: str) -> int:
    if isinstance(value, bool):
        raise InvalidParameter(name, value, allowed)
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InvalidParameter(name, value, allowed) from None
    if number != value and str(number) != str(value).strip():
        raise InvalidParameter(name, value, allowed)
    if number < low or (high is not None and number > high):
        raise InvalidParameter(name, value, allowed)
    return number
