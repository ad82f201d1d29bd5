from pathlib import Path

import pytest

from narrascope.semeval import (
    MentionRow, NarrativeRow, SemEvalFormatError, documents_from_paths, load_split, narrative_row, read_mentions, read_narratives,
    write_mentions, write_narratives,
)

FIXTURES = Path(__file__).parent / "fixtures" / "semeval"


def test_load_split_reads_documents_and_annotations():
    split = load_split(FIXTURES)
    assert set(split.documents) == {"EN_VEL_001.txt", "EN_VEL_002.txt", "EN_VEL_003.txt", "EN_VEL_004.txt"}
    assert [r.article_id for r in split.narratives][:2] == ["EN_VEL_001.txt", "EN_VEL_002.txt"]
    for row in split.roles:  # end offsets are inclusive
        assert split.documents[row.article_id][row.start:row.end + 1] == row.mention
    assert [r.key for r in split.mentions] == [r.key for r in split.roles]


def test_round_trips_keep_row_order(tmp_path):
    rows = [NarrativeRow("b.txt", ["N"], ["N: x"]), NarrativeRow("a.txt", [], [])]
    write_narratives(rows, tmp_path / "p.txt")
    back = read_narratives(tmp_path / "p.txt")
    assert [r.article_id for r in back] == ["b.txt", "a.txt"]
    assert back[1].narratives == ["Other"] and back[1].subnarratives == ["Other"]
    mentions = [MentionRow("z.txt", "Anika Sorell", 5, 16, "Antagonist", ["Deceiver", "Corrupt"])]
    write_mentions(mentions, tmp_path / "m.txt")
    assert read_mentions(tmp_path / "m.txt", with_roles=True) == mentions


def test_narrative_row_is_hierarchy_consistent():
    row = narrative_row("a", [("URW: Praise of Russia: Praise of Russian military might", "URW: Praise of Russia"),
                              ("URW: Discrediting Ukraine", None)],
                        known={"URW: Discrediting Ukraine: Other"})
    assert row.narratives == ["URW: Praise of Russia", "URW: Discrediting Ukraine"]
    assert row.subnarratives == ["URW: Praise of Russia: Praise of Russian military might", "URW: Discrediting Ukraine: Other"]
    assert narrative_row("a", []).narratives == ["Other"]


def test_bad_rows_name_file_and_line(tmp_path):
    (tmp_path / "bad.txt").write_text("a.txt\tN\tN: x\nb.txt\tonly two\n", encoding="utf-8")
    with pytest.raises(SemEvalFormatError, match=r"bad.txt:2"):
        read_narratives(tmp_path / "bad.txt")
    (tmp_path / "m.txt").write_text("a.txt\tX\tfive\t9\n", encoding="utf-8")
    with pytest.raises(SemEvalFormatError, match="integers"):
        read_mentions(tmp_path / "m.txt")
    with pytest.raises(SemEvalFormatError, match="no documents folder"):
        load_split(tmp_path)


def test_documents_from_paths_accepts_files_and_folders(tmp_path):
    docs = documents_from_paths([FIXTURES, FIXTURES / "raw-documents" / "EN_VEL_002.txt"])
    assert len(docs) == 4 and docs["EN_VEL_002.txt"].startswith("Castavar opens")
    with pytest.raises(SemEvalFormatError, match="no such file"):
        documents_from_paths([tmp_path / "missing.txt"])
