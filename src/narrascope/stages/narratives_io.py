"""Saving and loading trained models (narratives and framing): a pickle plus a JSON card beside it.

The card (MODEL.card.json) says what the model is: kind, labels, settings, training-data hash and
cross-validation figures. Pickles run code when loaded: load only models you trained yourself.
"""
from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path
from typing import Any

from ..errors import ModelNotAvailableError

FORMAT_VERSION = 1


def card_path(model_path: str | Path) -> Path:
    path = Path(model_path)
    return path.with_name(path.name + ".card.json")


def save_model(obj: Any, model_path: str | Path, card: dict[str, Any]) -> dict[str, Any]:
    path = Path(model_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    card = {"format_version": FORMAT_VERSION, **card}
    with path.open("wb") as handle:
        pickle.dump({"card": card, "model": obj}, handle, protocol=pickle.HIGHEST_PROTOCOL)
    card_path(path).write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return card


def load_model(model_path: str | Path, kind: str) -> tuple[Any, dict[str, Any]]:
    path = Path(model_path)
    if not path.is_file():
        raise ModelNotAvailableError(f"{path}: no such model file — train one with `narrascope train {kind}`")
    try:
        with path.open("rb") as handle:
            data = pickle.load(handle)
    except Exception as exc:  # noqa: BLE001 - any unpickling failure means the same thing to the user
        raise ModelNotAvailableError(f"{path}: not a narrascope model ({exc}) — retrain it with `narrascope train {kind}`") from exc
    card = data.get("card", {}) if isinstance(data, dict) else {}
    if card.get("kind") != kind:
        raise ModelNotAvailableError(f"{path}: a {card.get('kind') or 'unknown'} model, not a {kind} model — pass a {kind} model")
    if card.get("format_version") != FORMAT_VERSION:
        raise ModelNotAvailableError(f"{path}: model format {card.get('format_version')} is not {FORMAT_VERSION} — retrain it")
    return data["model"], card


def data_hash(documents: dict[str, str], annotation_lines: list[str]) -> str:
    digest = hashlib.sha256()
    for name in sorted(documents):
        digest.update(name.encode())
        digest.update(documents[name].encode("utf-8", "surrogatepass"))
    for line in annotation_lines:
        digest.update(line.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
