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

# Corpus-level stages, run by analyze() after the per-article ones: name -> module.
CORPUS_STAGES: dict[str, str] = {"stories": "narrascope.stories"}
ORDER = (*REGISTRY, *CORPUS_STAGES)

PROFILES: dict[str, tuple[str, ...]] = {
    "foundation": ("extract", "clean", "metadata", "dedup"),
    "statements": ("extract", "clean", "metadata", "dedup", "nlp", "statements", "stories"),
    "full": ORDER,
}


def available(names: Sequence[str]) -> list[str]:
    """The stages among `names` whose module is installed in this checkout."""
    found = []
    for name in names:
        module = (REGISTRY.get(name) or CORPUS_STAGES[name]).split(":")[0]
        if importlib.util.find_spec(module) is not None:
            found.append(name)
    return found


def resolve(spec: str | Sequence[str]) -> list[str]:
    """Profile and stage names, comma-separated or listed ("foundation,stories"), in pipeline order."""
    parts = [part.strip() for part in spec.split(",")] if isinstance(spec, str) else list(spec)
    names = [name for part in parts if part for name in PROFILES.get(part, (part,))]
    unknown = [name for name in names if name not in ORDER]
    if unknown:
        from ..errors import NarrascopeError

        raise NarrascopeError(
            f"unknown stage(s) {', '.join(unknown)}: choose from {', '.join(ORDER)} "
            f"or a profile ({', '.join(PROFILES)})"
        )
    return [name for name in ORDER if name in names]


def per_article(names: Sequence[str]) -> list[str]:
    return [name for name in names if name in REGISTRY]


class StageFactory:
    """Builds stage objects from names; picklable, so worker processes can build their own."""

    def __init__(self, names: Sequence[str], options: dict[str, dict] | None = None):
        self.names = per_article(names)
        self.options = options or {}  # stage name -> keyword arguments, e.g. {"narratives": {"taxonomy": "urw"}}

    def __call__(self) -> list:
        stages = []
        for name in self.names:
            module_name, class_name = REGISTRY[name].split(":")
            stage_class = getattr(importlib.import_module(module_name), class_name)
            stages.append(stage_class(**self.options.get(name, {})))
        return stages
