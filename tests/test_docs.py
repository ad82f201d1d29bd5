"""Docs that cannot drift: the README documents every CLI command and the JSONL schema the export writes."""
from __future__ import annotations

import json
import re
from pathlib import Path

import typer.main

from narrascope.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def command_paths(group=None, prefix=""):
    """Every command as it is typed, e.g. 'analyze', 'train narratives'."""
    click_group = group or typer.main.get_command(app)
    for name, command in click_group.commands.items():
        path = f"{prefix}{name}"
        if hasattr(command, "commands"):
            yield from command_paths(command, prefix=f"{path} ")
        else:
            yield path


def test_every_cli_command_is_documented_in_the_readme():
    missing = [path for path in command_paths() if f"narrascope {path}" not in README]
    assert not missing, f"README has no section for: {missing}"


def readme_schema_fields() -> list[str]:
    section = README.split("<!-- jsonl-schema -->")[1].split("<!-- /jsonl-schema -->")[0]
    return re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M)


def test_readme_jsonl_schema_matches_the_export():
    from narrascope.export import JSONL_FIELDS

    assert readme_schema_fields() == list(JSONL_FIELDS)


def test_readme_example_line_has_exactly_the_schema_fields():
    from narrascope.export import JSONL_FIELDS

    section = README.split("<!-- jsonl-example -->")[1].split("<!-- /jsonl-example -->")[0]
    line = next(l for l in section.splitlines() if l.startswith("{"))
    assert list(json.loads(line)) == list(JSONL_FIELDS)


def test_readme_column_mapping_matches_the_readers():
    from narrascope.io.columns import mapping_table_markdown

    section = README.split("<!-- column-mapping -->")[1].split("<!-- /column-mapping -->")[0]
    assert section.strip() == mapping_table_markdown().strip()
