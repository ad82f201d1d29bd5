"""The Jinja2 environment shared by the web app and the report (autoescape always on)."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("narrascope.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["day"] = lambda value: (value or "")[:10]
    env.filters["pct"] = lambda value: "" if value is None else f"{float(value):.0%}"
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
