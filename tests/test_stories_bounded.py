"""The candidate lookup of the story clustering is bounded: per query term it reads at most
TERM_CANDIDATES + 1 rows of the inverted index however many stories share the term, so the cost per
article does not grow with the stories already made; and a story sharing a rare term still wins
over many recent stories that only share common ones."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from narrascope.settings import stories as settings
from narrascope.store import open_store
from narrascope.stories import tables
from narrascope.stories.tables import StoryState

CAP = 5


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "TERM_CANDIDATES", CAP)
    with open_store(tmp_path / "bounded.db") as s:
        yield s


def save_stories(store, n: int, terms: dict[str, float], first_day: date, prefix: str = "s",
                 undated: bool = False) -> list[str]:
    """n stories with the vector `terms`, one a day from first_day (or undated); their ids."""
    ids = []
    with store.writing("test stories") as conn:
        for i in range(n):
            story = StoryState(f"{prefix}-{i:04d}", dict(terms), article_count=1)
            if not undated:
                story.widen((first_day + timedelta(days=i)).isoformat())
            tables.save_story(conn, story)
            ids.append(story.id)
    return ids


def hits(store, terms: list[str], since: str | None) -> list[tuple[str, str, bool]]:
    with store.writing("read") as conn:
        return tables.term_hits(conn, "story", terms, since)


def test_rows_read_per_term_do_not_grow_with_the_stories_sharing_it(store):
    save_stories(store, 3 * CAP, {"valley": 1.0}, date(2023, 1, 1))
    save_stories(store, 3 * CAP, {"valley": 1.0}, date(2023, 1, 1), prefix="u", undated=True)
    before = len(hits(store, ["valley"], None))
    save_stories(store, 10 * CAP, {"valley": 1.0}, date(2022, 1, 1), prefix="old")
    save_stories(store, 10 * CAP, {"valley": 1.0}, date(2023, 1, 1), prefix="x", undated=True)
    rows = hits(store, ["valley"], None)
    assert len(rows) == before == 2 * (CAP + 1)  # a dated list and an undated list, each cut
    assert sum(undated for _, _, undated in rows) == CAP + 1


def test_the_dated_list_holds_the_most_recently_active_stories(store):
    save_stories(store, 4 * CAP, {"valley": 1.0}, date(2023, 1, 1))
    dated = [story for _, story, undated in hits(store, ["valley"], "2023-01-02") if not undated]
    assert dated == [f"s-{i:04d}" for i in range(4 * CAP - 1, 3 * CAP - 2, -1)]  # newest first


def test_the_window_still_applies(store):
    save_stories(store, 3, {"valley": 1.0}, date(2023, 1, 1))
    dated = {story for _, story, undated in hits(store, ["valley"], "2023-01-02") if not undated}
    assert dated == {"s-0001", "s-0002"}


def test_a_story_sharing_a_rare_term_beats_recent_ones_sharing_only_common_terms(store):
    common = {"talks": 1.0, "minister": 0.9, "offer": 0.8, "ceasefire": 0.7}
    save_stories(store, 1, {**common, "orvenhal": 1.5}, date(2023, 1, 1), prefix="true")
    save_stories(store, 4 * CAP, common, date(2023, 3, 1), prefix="recent")
    with store.writing("read") as conn:
        found = tables.candidate_ids(conn, "story", ["orvenhal", *common], None)
    assert found[0] == "true-0000"
    assert len(found) <= settings.CANDIDATES


def test_uncut_lists_rank_by_the_count_of_shared_terms(store):
    save_stories(store, 1, {"valley": 1.0, "grain": 1.0, "corridor": 1.0}, date(2023, 1, 1), prefix="three")
    save_stories(store, 1, {"valley": 1.0}, date(2023, 1, 2), prefix="one")
    with store.writing("read") as conn:
        found = tables.candidate_ids(conn, "story", ["valley", "grain", "corridor"], "2022-12-25")
    assert found == ["three-0000", "one-0000"]
