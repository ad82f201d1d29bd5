"""Helpers the CLI uses for --max-file-size and --map."""
from __future__ import annotations

import pytest

from narrascope.io.columns import ColumnMapError, parse_column_map
from narrascope.io.files import human_size, parse_size


@pytest.mark.parametrize("text, expected", [("1048576", 1048576), ("500K", 500 * 1024), ("200MB", 200 * 1024**2),
                                            ("1.5 GB", int(1.5 * 1024**3)), ("50mb", 50 * 1024**2), ("2GiB", 2 * 1024**3)])
def test_parse_size(text, expected):
    assert parse_size(text) == expected


@pytest.mark.parametrize("text", ["", "MB", "-5", "ten MB", "5 TB"])
def test_parse_size_rejects_nonsense(text):
    with pytest.raises(ValueError, match="not a size"):
        parse_size(text)


def test_human_size_matches_parse_size():
    for text in ("50 MB", "1.5 GB", "2 KB", "10 bytes"):
        assert human_size(parse_size(text.replace("bytes", ""))) == text


def test_parse_column_map():
    assert parse_column_map(["text=Body", " published = date "]) == {"text": "Body", "published": "date"}
    with pytest.raises(ColumnMapError, match="FIELD=COLUMN"):
        parse_column_map(["text"])
    with pytest.raises(ColumnMapError, match="unknown field 'txt'.*fields are: text, html, title"):
        parse_column_map(["txt=body"])
    with pytest.raises(ColumnMapError, match="names no column"):
        parse_column_map(["text="])


def test_mapping_table_lists_every_field_and_column():
    from narrascope.io.columns import mapping_table_markdown
    from narrascope.settings.io import COLUMN_ALIASES

    table = mapping_table_markdown()
    for field, aliases in COLUMN_ALIASES.items():
        row = next(line for line in table.splitlines() if line.startswith(f"| {field} |"))
        assert all(f"`{alias}`" in row for alias in aliases)
