"""Bytes -> text: which encoding a file is in, decided in one documented cascade.

    decode_bytes(data, declared=None) -> (text, encoding)

1. A known binary magic number (PNG, PDF, ZIP...) -> NotTextError.
2. A byte-order mark: UTF-32, UTF-8 (damage handled as in 7: "utf-8-sig/replace"), UTF-16 (LE/BE).
3. BOM-less UTF-16, told by the NULs and the few distinct values of the high byte of each unit.
4. NUL bytes or many control characters -> NotTextError (binary).
5. A declared charset (HTML <meta charset>, XML declaration, HTTP header), if the bytes decode
   with it (Latin-1 read as cp1252) -- except on bytes that are valid multi-byte UTF-8: a
   declaration that lies, so UTF-8 wins.
6. Strict UTF-8.
7. UTF-8 with damage (valid multi-byte characters number at least MIN_UTF8_EVIDENCE_RATIO of the
   bad bytes -- in legacy 8-bit text valid UTF-8 sequences are rare accidents): decoded with
   U+FFFD replacements if at most MAX_REPLACEMENT_SHARE of the characters are replaced, else
   NotTextError. The encoding returned is then "utf-8/replace".
8. Legacy 8-bit text: cp1251 when the non-ASCII bytes form Cyrillic words, cp1252 when they are
   accents inside Latin words, else charset-normalizer's best guess, else NotTextError.
"""
from __future__ import annotations

import codecs
import re

from ..settings import io as settings
from . import sniff

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WORD = re.compile(r"[^\W\d_]+")
_UTF8_REPLACEMENT = "\ufffd".encode("utf-8")


class NotTextError(ValueError):
    """The bytes are not text narrascope can decode; carries a reason and what to do."""

    def __init__(self, reason: str, hint: str = ""):
        self.reason, self.hint = reason, hint
        super().__init__(reason + (f" — {hint}" if hint else ""))


def decode_bytes(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Decode `data` to text; return (text, encoding used). Raises NotTextError if it is not text."""
    head = data[: settings.SNIFF_BYTES]
    _refuse_magic(head)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data, encoding)
    order = sniff.utf16_byte_order(head)
    if order is not None:
        try:
            return _strip_nul(data.decode(order)), order
        except UnicodeDecodeError:
            pass
    if sniff.looks_binary(head):
        raise NotTextError(
            "looks like a binary file (NUL bytes or control characters), not text",
            "remove it from the input, or convert it to plain text first",
        )
    if declared:
        decoded = _decode_declared(data, declared)
        if decoded is not None:
            return decoded
    try:
        return _strip_nul(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_damaged_or_legacy(data)


def _refuse_magic(head: bytes) -> None:
    kind = sniff.magic_kind(head)
    if kind is not None:
        raise NotTextError(
            f"looks like a binary file ({kind}), not text",
            "remove it from the input, or convert it to plain text first",
        )


def _decode_with_bom(data: bytes, encoding: str) -> tuple[str, str]:
    try:
        return _strip_nul(data.decode(encoding)), encoding
    except UnicodeDecodeError as exc:
        if encoding == "utf-8-sig":
            return _decode_damaged_utf8(data[len(codecs.BOM_UTF8):]), "utf-8-sig/replace"
        raise NotTextError(
            f"starts with a {encoding} byte-order mark but is not valid {encoding} (byte {exc.start})",
            "re-save the file as UTF-8",
        ) from None


def _decode_declared(data: bytes, declared: str) -> tuple[str, str] | None:
    name = declared.strip().lower()
    if name in settings.CP1252_ALIASES:
        name = settings.WESTERN_ENCODING
    if _has_utf8_multibyte(data):
        return None  # whole-document valid multi-byte UTF-8 is no accident: the declaration lies
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    if codec.startswith(("utf-16", "utf-32")):
        return None  # a declaration read through an ASCII head cannot really be UTF-16/32
    try:
        return _strip_nul(data.decode(codec)), codec
    except UnicodeDecodeError:
        return None


def _has_utf8_multibyte(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not data.isascii()


def _decode_damaged_or_legacy(data: bytes) -> tuple[str, str]:
    text, replaced = _utf8_with_replacements(data)
    good_non_ascii = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    if good_non_ascii > 0 and good_non_ascii >= replaced * settings.MIN_UTF8_EVIDENCE_RATIO:
        return _decode_damaged_utf8(data, (text, replaced)), "utf-8/replace"
    return _decode_legacy(data)


def _decode_damaged_utf8(data: bytes, decoded: tuple[str, int] | None = None) -> str:
    """UTF-8 with U+FFFD for bad bytes, if few enough; else NotTextError."""
    text, replaced = decoded or _utf8_with_replacements(data)
    if replaced <= len(text) * settings.MAX_REPLACEMENT_SHARE:
        return _strip_nul(text)
    raise NotTextError(
        f"is not valid UTF-8 ({replaced} bad bytes, {replaced / len(text):.1%} of the text)",
        "re-save the file as UTF-8, or check that it is not corrupted",
    )


def _utf8_with_replacements(data: bytes) -> tuple[str, int]:
    """(text with U+FFFD for bad bytes, how many were replaced -- not counting U+FFFD already there)."""
    text = data.decode("utf-8", "replace")
    return text, text.count("\ufffd") - data.count(_UTF8_REPLACEMENT)


def _decode_legacy(data: bytes) -> tuple[str, str]:
    guess = _cyrillic_or_western(data[: settings.LEGACY_SAMPLE_BYTES])
    if guess is None:
        guess = _charset_normalizer_guess(data)
    if guess is None and not _has_non_ascii_letters(data):
        guess = settings.WESTERN_ENCODING  # only punctuation above ASCII (curly quotes, dashes)
    if guess is None:
        raise NotTextError(
            "is neither UTF-8 nor an encoding narrascope could detect", "re-save the file as UTF-8"
        )
    try:
        return _strip_nul(data.decode(guess)), guess
    except UnicodeDecodeError:
        return _strip_nul(data.decode("latin-1")), "latin-1"  # cp1252 with its 5 undefined bytes


def _cyrillic_or_western(data: bytes) -> str | None:
    """cp1251 if non-ASCII letters form whole Cyrillic words; cp1252 if they sit inside Latin words."""
    cyrillic = mixed = other = 0
    for word in _WORD.findall(data.decode(settings.CYRILLIC_ENCODING, "replace")):
        if word.isascii():
            continue
        if any(char.isascii() for char in word):
            mixed += 1
        elif all("\u0400" <= char <= "\u04ff" for char in word):
            cyrillic += 1
        else:
            other += 1
    if other > cyrillic + mixed:
        return None  # some other script (Greek, CJK...): ask charset-normalizer
    if cyrillic > mixed:
        return settings.CYRILLIC_ENCODING
    if mixed > 0:
        return settings.WESTERN_ENCODING
    return None


def _charset_normalizer_guess(data: bytes) -> str | None:
    import charset_normalizer  # imported here: only non-UTF-8 text without Cyrillic/Latin words gets this far

    best = charset_normalizer.from_bytes(data).best()
    return best.encoding if best is not None else None


def _has_non_ascii_letters(data: bytes) -> bool:
    return any(not word.isascii() for word in _WORD.findall(data.decode(settings.WESTERN_ENCODING, "replace")))


def _strip_nul(text: str) -> str:
    return text.replace("\x00", "") if "\x00" in text else text
