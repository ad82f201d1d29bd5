"""The `narrascope` command: each command is a thin wrapper over one library call."""
from __future__ import annotations

import typer

app = typer.Typer(help="Narrative intelligence for news.", no_args_is_help=True, add_completion=False)


@app.callback()
def main() -> None:
    """narrascope: a clean, deduplicated news corpus with trustworthy metadata."""
