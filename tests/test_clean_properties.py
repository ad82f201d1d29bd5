"""Properties of clean_text and the normaliser: nothing is lost silently, nothing raises, and it is cheap."""
from __future__ import annotations

import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from narrascope.stages.clean import HEADER_REASONS, NOISE_REASONS, clean_text
from narrascope.stages.text_normalise import normalise_lines, normalise_text

NOISE_SAMPLES = [
    "20:10", "23 November", "2024, Saturday", "Exclusive", "OPINION", "Read also", "Read also:", "More news",
    "Other points of interest", "CNN —", "OSTREL, May 3 (Marrow Wire) - The council met.", "Source link", "Source",
    "Tags:", "Leave a Reply", "Written by ADMIN", "What do you think?", "client/title.list_title", "{{x}}",
    "undefined", "in", "• News", "Share this article", "Home > World > Veloria", "By Anika Sorell",
    "The Marrow Ledger", "Minister Sorell at the port. (Photo by Ivo Brandt / Marrow Wire)", "01:02 - Source: Marrow TV",
    "About the author. Petra Valk, historian.", "Harbour strike ends – The Tamsin Courier", "* * *", "“", "”",
    "The council met on Monday and agreed on a budget for the old bridges after a long debate in the chamber.",
    "What is Veloria saying?", "12.03.2021.", "16:12", "The ferries run. Click To Tweet", "Photo: Marrow Ledger",
    "2024-02-10T08:30:00+01:00", "Halden Institute | Policy Brief No. 4", "Oona Fell and Tomas Brandt", "with\xa0 Veloria", "\u200b", "\xa0 ", "\t",
]
ALPHABET = st.characters(blacklist_categories=("Cs",))  # no lone surrogates: they are not text
LINE = st.one_of(st.sampled_from(NOISE_SAMPLES), st.text(ALPHABET, max_size=60))
SEPARATOR = st.sampled_from(["\n", "\n\n", "\r\n", "\u2028", "\n\xa0\n", "\r"])


@st.composite
def documents(draw) -> str:
    lines = draw(st.lists(LINE, max_size=25))
    seps = draw(st.lists(SEPARATOR, min_size=len(lines), max_size=len(lines)))
    return "".join(line + sep for line, sep in zip(lines, seps))


def assert_nothing_lost(raw: str) -> None:
    lines = normalise_lines(raw)
    result = clean_text(raw)
    removed_on: dict[int, list[str]] = {}
    for removed in result.removed:
        assert removed.reason in NOISE_REASONS + HEADER_REASONS
        line = lines[removed.line]
        assert removed.text == line or line.startswith(removed.text) or line.endswith(removed.text)
        removed_on.setdefault(removed.line, []).append(removed.text)
    position = 0
    for index, line in enumerate(lines):
        if not line or line in removed_on.get(index, []):
            continue
        rest = line
        for cut in removed_on.get(index, []):  # a cut prefix (dateline) or suffix (share residue)
            rest = rest[len(cut):].strip() if rest.startswith(cut) else rest[: len(rest) - len(cut)].strip()
        found = result.text.find(rest, position)
        assert found >= 0, f"line {index} {line!r} is neither in text nor in removed"
        position = found + len(rest)


@settings(max_examples=300, deadline=None)
@given(documents())
def test_every_line_is_kept_or_removed_with_a_reason(raw):
    assert_nothing_lost(raw)


@settings(max_examples=200, deadline=None)
@given(st.text(ALPHABET, max_size=400))
def test_any_text_never_raises_and_is_normalised(raw):
    result = clean_text(raw)
    assert "\xa0" not in result.text and "\u200b" not in result.text and "  " not in result.text
    assert result.text == result.text.strip()
    assert_nothing_lost(raw)


def test_normalise_spaces_invisibles_and_quotes():
    raw = "with\xa0 Ukraine\u2009and\u202fmore\u200b here\t\tnow\r\n“Quoted” ‘single’ «angle» — dash…  \ufeff"
    assert normalise_text(raw) == "with Ukraine and more here now\n“Quoted” ‘single’ «angle» — dash…"


def test_nbsp_at_a_line_end_does_not_join_lines():
    # a trailing NBSP also ends list items ("Headline\xa0" then "10:55"): line structure is kept
    assert normalise_lines("A headline\xa0\n10:55\n\xa0\nNext") == ["A headline", "10:55", "", "Next"]


def test_normalise_composes_nfc_and_keeps_blank_lines():
    assert normalise_text("Cafe\u0301\n\n\xa0\nnext") == "Caf\u00e9\n\n\nnext"
    assert normalise_lines("a\u2028b\rc") == ["a", "b", "c"]


def test_hard_wrapped_lines_are_joined_into_one_paragraph():
    result = clean_text("The council met on Monday and voted on the\nbudget for the old bridges after a debate.\n\nNext.")
    assert result.text == "The council met on Monday and voted on the budget for the old bridges after a debate.\n\nNext."


def test_pathological_inputs_stay_fast():
    inputs = ["word " * 40_000, "Read also\n" * 5_000, "20:10\nHeadline here\n" * 3_000, "a/b_c " * 10_000,
              ("x" * 50 + " / ") * 2_000]
    for raw in inputs:
        start = time.perf_counter()
        clean_text(raw)
        assert time.perf_counter() - start < 2.0


def test_speed_on_the_seeds():
    """A loose gate against regressions (catastrophic regexes); the measured figure is in the report."""
    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))] or [
        (Path(__file__).parent / "fixtures" / "noise" / "teaser_midbody.txt").read_text(encoding="utf-8")
    ]
    words = sum(len(t.split()) for t in texts)
    rounds = 20
    start = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            clean_text(text)
    per_800_words_ms = (time.perf_counter() - start) / (rounds * words) * 800 * 1000
    assert per_800_words_ms < 25.0
