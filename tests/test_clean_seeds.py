"""Golden tests on the five real seeds (read at test time, never copied into the repo).

Body paragraphs are selected from the seed file by a stable property (long lines, and the in-body
sub-headings by index), so the test does not paste seed sentences.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from narrascope.stages.clean import clean_text
from narrascope.stages.text_normalise import normalise_lines

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def seed_lines(prefix: str) -> list[str]:
    paths = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not paths:
        pytest.skip(f"seed {prefix} not found under {SEEDS}")
    return normalise_lines(paths[0].read_text(encoding="utf-8"))


def cleaned(prefix: str):
    lines = seed_lines(prefix)
    return lines, clean_text("\n".join(lines))


def reasons_by_line(result) -> dict[int, str]:
    return {r.line: r.reason for r in result.removed}


def long_paragraphs(lines: list[str], min_words: int = 20) -> list[int]:
    return [i for i, line in enumerate(lines) if len(line.split()) >= min_words]


def assert_paragraph_starts_kept(lines: list[str], result, indices: list[int]) -> None:
    for i in indices:
        start = lines[i][:40]
        assert start in result.text, f"line {i} lost: {start!r}"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_long_paragraph_is_kept(prefix):
    lines, result = cleaned(prefix)
    noise_lines = {r.line for r in result.removed if not r.reason.startswith("header:")}
    body = [i for i in long_paragraphs(lines) if i not in noise_lines]
    assert body, "the seed should have body paragraphs"
    assert_paragraph_starts_kept(lines, result, body)
    # and no long paragraph is removed as noise, except a caption or a teaser blurb
    for removed in result.removed:
        if len(removed.text.split()) >= 30:
            assert removed.reason in {"photo-caption"}, removed


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_text_is_clean_and_paragraphed(prefix):
    _, result = cleaned(prefix)
    assert "\xa0" not in result.text and "  " not in result.text
    assert "\n\n\n" not in result.text
    assert result.text == result.text.strip()


def test_000_date_title_and_subheading():
    lines, result = cleaned("000")
    assert result.header["date"] == lines[0]
    assert result.header["title"] == lines[2]
    assert reasons_by_line(result)[0] == "header:date"
    assert reasons_by_line(result)[2] == "header:title"
    subheading = next(i for i, line in enumerate(lines) if line and len(line.split()) <= 3 and i > 5)
    assert lines[subheading] in result.text.split("\n\n")  # an in-body sub-heading is kept
    assert "with Ukraine" in result.header["title"]  # the NBSP wrapping artefact is fixed
    assert_paragraph_starts_kept(lines, result, long_paragraphs(lines))


def test_001_title_only_header():
    lines, result = cleaned("001")
    assert result.header == {"title": lines[0]}
    assert_paragraph_starts_kept(lines, result, long_paragraphs(lines))
    assert "’" in result.text  # quotation marks stay quotation marks


def test_002_caption_video_dateline_no_title():
    lines, result = cleaned("002")
    reasons = reasons_by_line(result)
    assert reasons[0] == "photo-caption"
    assert reasons[1] == "video" and reasons[2] == "video"
    assert reasons[3] == "dateline"
    assert result.header.get("dateline") == "CNN —"
    assert "title" not in result.header  # never a caption as title
    assert "Getty Images" not in result.text and "Source: CNN" not in result.text
    assert not result.text.startswith("CNN")
    questions = [i for i, line in enumerate(lines) if line.endswith("?") and len(line.split()) <= 6]
    assert len(questions) == 2
    paragraphs = result.text.split("\n\n")
    for i in questions:  # the article's sub-headings are kept as their own paragraphs
        assert lines[i] in paragraphs
    assert "Institute for the Study of War" in result.text
    assert_paragraph_starts_kept(lines, result, long_paragraphs(lines)[1:])  # [0] is the caption
    assert result.text.endswith(lines[-1])  # the truncated last paragraph is kept as is


def test_003_fragment_teaser_and_widget_tail():
    lines, result = cleaned("003")
    reasons = reasons_by_line(result)
    assert reasons[0] == "fragment"
    assert result.header["title"] == lines[2]
    marker = next(i for i, line in enumerate(lines) if line.lower().startswith("other points"))
    teaser = [i for i in range(marker, marker + 5) if lines[i]]
    assert [reasons.get(i) for i in teaser] == ["teaser", "teaser", "teaser"]  # marker, headline, blurb
    after_teaser = next(i for i in range(teaser[-1] + 1, len(lines)) if lines[i])
    assert lines[after_teaser][:40] in result.text  # the article's next paragraph is not eaten
    for word in ("ADMIN", "Leave a Reply", "email address", "App Key", "Source link", "Times of Israel", "| CNN"):
        assert word not in result.text
    tail = [i for i, line in enumerate(lines) if line and i > long_paragraphs(lines)[-1]]
    assert all(i in reasons for i in tail)
    assert {reasons[i] for i in tail} == {"source-link", "comment-widget", "headline-list"}
    assert result.text.split()[0] != "in"


def test_004_header_footer_and_headline_list():
    lines, result = cleaned("004")
    reasons = reasons_by_line(result)
    header = result.header
    assert header["outlet"] == lines[0]
    assert header["section"] == lines[1]
    assert header["title"] == lines[3]
    assert header["date"] == f"{lines[5]}\n{lines[6]}"
    assert header["subtitle"] == lines[8]
    assert reasons[10] == "template"
    assert "client/title" not in result.text
    last_body = long_paragraphs(lines)[-1]
    tail = [i for i, line in enumerate(lines) if line and i > last_body]
    assert all(i in reasons for i in tail), "every line after the article is removed"
    times = [i for i in tail if re.fullmatch(r"\d\d:\d\d", lines[i])]
    assert len(times) > 20 and all(reasons[i] == "headline-list" for i in times)
    first_time = times[0]
    assert all(reasons[i] in {"headline-list", "teaser"} for i in tail if i >= first_time - 2)
    footer = {reasons[i] for i in tail if i < first_time - 3}
    assert footer == {"source-link", "author-bio", "disclaimer", "tags", "teaser"}
    assert "Denysenko" in next(r.text for r in result.removed if r.reason == "author-bio")
    assert_paragraph_starts_kept(lines, result, long_paragraphs(lines))
    assert len(result.text.split("\n\n")) == len(long_paragraphs(lines))
