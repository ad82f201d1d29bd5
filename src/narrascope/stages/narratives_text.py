"""A fast regex sentence splitter with character offsets (no spaCy needed)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..settings import narratives as settings

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace and
# an opening that can start a sentence; line breaks always end one.
BOUNDARY = re.compile(r"""(?<=[.!?])(["'”’»)\]]*)\s+(?=["'“‘«(\[]?[A-Z0-9А-ЯЁ])|\n+""")
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "st", "jr", "sr", "vs", "etc", "no", "inc",
    "ltd", "co", "corp", "u.s", "u.k", "e.g", "i.e", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct",
    "nov", "dec", "gov", "sen", "rep", "rev", "mt", "ft", "approx", "dept", "est",
}
LAST_WORD = re.compile(r"([\w.]+)\.\W*$")


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets into the text the splitter was given
    end: int
    text: str


def is_abbreviation(piece: str) -> bool:
    match = LAST_WORD.search(piece)
    if not match:
        return False
    word = match.group(1).lower()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())  # "A. Lukashenko"


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` with offsets; very short pieces are dropped, very long ones cut."""
    sentences: list[Sentence] = []
    start = 0
    for match in BOUNDARY.finditer(text):
        end = match.end(1) if match.group(1) is not None else match.start()
        if "\n" not in match.group(0) and is_abbreviation(text[start:match.start() + 1]):
            continue
        add_sentence(text, start, end, sentences)
        start = match.end()
    add_sentence(text, start, len(text), sentences)
    return sentences[: settings.MAX_SENTENCES]


def add_sentence(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start < settings.MIN_SENTENCE_CHARS:
        return
    end = min(end, start + settings.MAX_SENTENCE_CHARS)
    out.append(Sentence(start, end, text[start:end]))
