"""SemEval-2025 Task 10 file formats (subtask 1 entity framing, subtask 2 narratives).

Layout of a split directory (what `load_split` reads):

    DIR/raw-documents/*.txt            one article per file; its file name is the article id
                                       (also accepted: subtask-2-documents/, subtask-1-documents/, documents/)
    DIR/subtask-2-annotations.txt      ID <TAB> narratives ';'-joined <TAB> subnarratives ';'-joined
    DIR/subtask-1-annotations.txt      ID <TAB> mention <TAB> start <TAB> end <TAB> main role <TAB> fine role...
    DIR/subtask-1-entity-mentions.txt  ID <TAB> mention <TAB> start <TAB> end   (the input of subtask 1)

Subtask-1 offsets are character offsets into the document as read in text mode, `end` inclusive.
Writers keep rows in input order (the official subtask-2 scorer pairs rows by position).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .settings.narratives import OTHER_LABEL

DOCUMENT_DIRS = ("raw-documents", "subtask-2-documents", "subtask-1-documents", "documents")
SUBTASK2_FILES = ("subtask-2-annotations.txt", "subtask-2-dev_annotations.txt")
SUBTASK1_FILES = ("subtask-1-annotations.txt",)
MENTION_FILES = ("subtask-1-entity-mentions.txt",)
HEADER1 = ["article_id", "entity_mention", "start_offset", "end_offset", "main_role", "fine_grained_roles"]


class SemEvalFormatError(InputError):
    """A SemEval file or directory does not have the expected layout."""


@dataclass
class NarrativeRow:
    article_id: str
    narratives: list[str]
    subnarratives: list[str]


@dataclass
class MentionRow:
    article_id: str
    mention: str
    start: int
    end: int  # inclusive, as in the task's files
    main_role: str | None = None
    fine_roles: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, int, int]:
        return (self.article_id, self.mention.replace('"', ""), self.start, self.end)


@dataclass
class Split:
    documents: dict[str, str]  # article id -> text
    narratives: list[NarrativeRow] | None
    roles: list[MentionRow] | None
    mentions: list[MentionRow] | None


def read_tsv(path: str | Path) -> list[tuple[int, list[str]]]:
    path = Path(path)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return [(n, row) for n, row in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), 1) if row]
    except (OSError, UnicodeDecodeError) as exc:
        raise SemEvalFormatError(str(path), f"cannot read: {exc}", "check the path and that the file is UTF-8") from exc


def split_labels(cell: str) -> list[str]:
    return [label.strip() for label in cell.split(";") if label.strip()]


def read_narratives(path: str | Path) -> list[NarrativeRow]:
    """Subtask-2 gold or prediction file, in file order."""
    rows = []
    for n, cells in read_tsv(path):
        if len(cells) < 3:
            raise SemEvalFormatError(f"{path}:{n}", f"expected 3 tab-separated columns, found {len(cells)}",
                                     "each row is: article id, narratives (;-joined), subnarratives (;-joined)")
        rows.append(NarrativeRow(cells[0].strip(), split_labels(cells[1]), split_labels(cells[2])))
    return rows


def write_narratives(rows: list[NarrativeRow], path: str | Path) -> None:
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        for row in rows:
            narratives = ";".join(row.narratives) or OTHER_LABEL
            subnarratives = ";".join(row.subnarratives) or OTHER_LABEL
            handle.write(f"{row.article_id}\t{narratives}\t{subnarratives}\n")


def read_mentions(path: str | Path, with_roles: bool = False) -> list[MentionRow]:
    """Subtask-1 mentions (4 columns) or annotations/predictions (main role + fine roles), in file order."""
    rows = []
    for n, cells in read_tsv(path):
        if n == 1 and cells[:4] == HEADER1[:4]:
            continue
        need = 6 if with_roles else 4
        if len(cells) < need:
            raise SemEvalFormatError(f"{path}:{n}", f"expected at least {need} tab-separated columns, found {len(cells)}",
                                     "each row is: article id, mention, start, end" + (", main role, fine roles" if with_roles else ""))
        try:
            start, end = int(cells[2]), int(cells[3])
        except ValueError:
            raise SemEvalFormatError(f"{path}:{n}", f"offsets must be integers, found {cells[2]!r} and {cells[3]!r}") from None
        row = MentionRow(cells[0].strip(), cells[1], start, end)
        if len(cells) > 4:
            row.main_role = cells[4].strip()
            row.fine_roles = [c.strip() for c in cells[5:] if c.strip()]
        rows.append(row)
    return rows


def write_mentions(rows: list[MentionRow], path: str | Path) -> None:
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        for row in rows:
            cells = [row.article_id, row.mention, str(row.start), str(row.end), row.main_role or "", *row.fine_roles]
            handle.write("\t".join(cells) + "\n")


def read_documents(directory: str | Path) -> dict[str, str]:
    """Article id (file name) -> text, read in text mode so subtask-1 offsets line up."""
    docs = {}
    for path in sorted(Path(directory).glob("*.txt")):
        try:
            docs[path.name] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise SemEvalFormatError(str(path), f"not UTF-8: {exc}", "re-encode the file as UTF-8") from exc
    return docs


def documents_from_paths(paths: list[str | Path]) -> dict[str, str]:
    """`DOCS...` of the predict commands: .txt files, or folders of them; id = file name, in the order given."""
    docs: dict[str, str] = {}
    for given in map(Path, paths):
        if given.is_dir():
            inner = given / "raw-documents" if (given / "raw-documents").is_dir() else given
            docs.update(read_documents(inner))
        elif given.is_file():
            try:
                docs[given.name] = given.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                raise SemEvalFormatError(str(given), f"not UTF-8: {exc}", "re-encode the file as UTF-8") from exc
        else:
            raise SemEvalFormatError(str(given), "no such file or folder", "check the path")
    return docs


def documents_dir(root: str | Path) -> Path:
    root = Path(root)
    for name in DOCUMENT_DIRS:
        if (root / name).is_dir():
            return root / name
    raise SemEvalFormatError(str(root), "no documents folder found",
                             f"expected one of {', '.join(DOCUMENT_DIRS)} holding one .txt file per article")


def first_existing(root: Path, names: tuple[str, ...]) -> Path | None:
    return next((root / name for name in names if (root / name).is_file()), None)


def load_split(root: str | Path) -> Split:
    """Read a SemEval split directory; annotation files that are absent come back as None."""
    root = Path(root)
    documents = read_documents(documents_dir(root))
    narratives_path = first_existing(root, SUBTASK2_FILES)
    roles_path = first_existing(root, SUBTASK1_FILES)
    mentions_path = first_existing(root, MENTION_FILES)
    return Split(
        documents=documents,
        narratives=read_narratives(narratives_path) if narratives_path else None,
        roles=read_mentions(roles_path, with_roles=True) if roles_path else None,
        mentions=read_mentions(mentions_path) if mentions_path else None,
    )


def narrative_row(article_id: str, labels: list[tuple[str, str | None]], known: set[str] | None = None) -> NarrativeRow:
    """A submission row from (label id, parent id) pairs; the task repeats a narrative once per subnarrative."""
    narratives, subnarratives = [], []
    for label, parent in labels:
        if parent is None:
            if label not in narratives:
                narratives.append(label)
        else:
            subnarratives.append(label)
            if parent not in narratives:
                narratives.append(parent)
    for narrative in narratives:  # a narrative without a subnarrative gets "<narrative>: Other" where that exists
        other = f"{narrative}: {OTHER_LABEL}"
        if not any(s.startswith(narrative + ": ") for s in subnarratives) and (known is None or other in known):
            subnarratives.append(other)
    return NarrativeRow(article_id, narratives or [OTHER_LABEL], subnarratives or [OTHER_LABEL])
