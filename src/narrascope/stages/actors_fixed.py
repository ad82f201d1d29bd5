"""The table of fixed names: settings.actors.METONYMS plus the user's YAML files (NARRASCOPE_METONYMS).

    fixed_names() -> {lowercase name: (actor id, canonical name, linked_to | None)}

Read at call time (so worker processes and tests see the current table); each file is parsed once
per process. A bad file raises MetonymFileError naming the file, the entry and the expected shape.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from ..errors import NarrascopeError
from ..settings import actors as settings

FixedName = tuple[str, str, "str | None"]
_PREFIXES = ("person:", "org:", "gpe:", "group:", "place:")


class MetonymFileError(NarrascopeError):
    """A metonym file named in NARRASCOPE_METONYMS cannot be read."""


def fixed_names() -> dict[str, FixedName]:
    table = dict(settings.METONYMS)
    for path in filter(None, os.environ.get(settings.METONYM_FILES_ENV, "").split(os.pathsep)):
        table.update(load_metonym_file(path))
    return table


@lru_cache(maxsize=16)
def load_metonym_file(path: str) -> dict[str, FixedName]:
    import yaml

    hint = "expected a mapping like  kessa: {id: gpe:kessa, name: Kessa, linked_to: gpe:estmark}"
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise MetonymFileError(f"{path} ({settings.METONYM_FILES_ENV}): cannot read: {exc}") from exc
    if not isinstance(data, dict):
        raise MetonymFileError(f"{path}: not a mapping; {hint}")
    return {str(key).lower().removeprefix("the "): _entry(path, key, value, hint) for key, value in data.items()}


def _entry(path: str, key, value, hint: str) -> FixedName:
    if not isinstance(value, dict) or not isinstance(value.get("id"), str) or not value.get("name"):
        raise MetonymFileError(f"{path}: entry {key!r} needs an id and a name; {hint}")
    actor, link = value["id"], value.get("linked_to")
    if not actor.startswith(_PREFIXES) or (link is not None and not str(link).startswith(_PREFIXES)):
        raise MetonymFileError(f"{path}: entry {key!r}: ids start with one of {', '.join(_PREFIXES)}")
    return actor, str(value["name"]), (str(link) if link else None)
