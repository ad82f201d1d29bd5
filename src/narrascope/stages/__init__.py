"""The per-article stages, by name, and how to build them.

Stages are imported lazily by name so that a process only loads the models it needs, and so that
the stage list can be sent to worker processes as plain names.
"""
from __future__ import annotations

import importlib
import importlib.util
from typing import Sequence

# name -> "module:Class", in pipeline order
REGISTRY: dict[str, str] = {
    "extract": "narrascope.stages.extract:ExtractStage",
    "clean": "narrascope.stages.clean:CleanStage",
    "metadata": "narrascope.stages.metadata:MetadataStage",
    "dedup": "narrascope.stages.dedup_signature:SignatureStage",  # content hash + MinHash; linking is corpus level
    "nlp": "narrascope.stages.nlp:NlpStage",
    "statements": "narrascope.stages.statements:StatementsStage",
    "narratives": "narrascope.stages.narratives:NarrativesStage",
    "framing": "narrascope.stages.framing:FramingStage",
}

PROFILES: dict[str, tuple[str, ...]] = {
    "foundation": ("extract", "clean", "metadata", "dedup"),
    "statements": ("extract", "clean", "metadata", "dedup", "nlp", "statements"),
    "full": tuple(REGISTRY),
}


def available(names: Sequence[str]) -> list[str]:
    """The stages among `names` whose module is installed in this checkout."""
    found = []
    for name in names:
        module = REGISTRY[name].split(":")[0]
        if importlib.util.find_spec(module) is not None:
            found.append(name)
    return found


def resolve(spec: str | Sequence[str]) -> list[str]:
    """A profile name, or a comma-separated / listed set of stage names, in pipeline order."""
    if isinstance(spec, str):
        names = PROFILES.get(spec) or [part.strip() for part in spec.split(",") if part.strip()]
    else:
        names = list(spec)
    unknown = [name for name in names if name not in REGISTRY]
    if unknown:
        from ..errors import NarrascopeError

        raise NarrascopeError(
            f"unknown stage(s) {', '.join(unknown)}: choose from {', '.join(REGISTRY)} "
            f"or a profile ({', '.join(PROFILES)})"
        )
    return [name for name in REGISTRY if name in names]


class StageFactory:
    """Builds stage objects from names; picklable, so worker processes can build their own."""

    def __init__(self, names: Sequence[str]):
        self.names = list(names)

    def __call__(self) -> list:
        stages = []
        for name in self.names:
            module_name, class_name = REGISTRY[name].split(":")
            stages.append(getattr(importlib.import_module(module_name), class_name)())
        return stages
