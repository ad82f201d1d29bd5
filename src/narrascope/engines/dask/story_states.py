"""Per-partition pieces of the distributed story clustering: centroids, agreement with them, and the
story and thread records (the columns of the store's `stories` and `threads` tables).

Every function takes and returns a pandas DataFrame (one partition, already shuffled by its key).
Vectors are dicts {term: weight} (stories.features); a story's vector is the sum of its originals'
TF-IDF vectors, heaviest CENTROID_TERMS kept, as the local engine keeps it.
"""
from __future__ import annotations

import json
import math
from collections import Counter

import pandas as pd

from ...settings import engines_corpus as engine_settings
from ...settings import stories as settings
from ...stories.features import Vector, add, cosine, heaviest
from ...stories.tables import StoryState, ThreadState

CENTROID_META = {"label": object, "centroid": object}
AGREEMENT_META = {"id": object, "label": object, "cosine": "float64"}
STORY_META = {"story_id": object, "thread_id": object, "label": object, "first": object, "last": object,
              "article_count": "int64", "original_count": "int64", "central_article_id": object,
              "central_score": "float64", "vector": object, "key": object, "blocks": object}
THREAD_META = {"thread_id": object, "first": object, "last": object, "story_count": "int64",
               "article_count": "int64", "vector": object}


def summed(vectors) -> Vector:
    total: dict[str, float] = {}
    for vector in vectors:
        for term, weight in vector.items():
            total[term] = total.get(term, 0.0) + weight
    return heaviest(total, settings.CENTROID_TERMS)


def centroids(frame: pd.DataFrame) -> pd.DataFrame:
    """(label, centroid) of the (id, vector, label) rows of each label."""
    out = [(label, summed(rows["vector"])) for label, rows in frame.groupby("label", sort=False)]
    return pd.DataFrame(out, columns=["label", "centroid"]).astype(object)


def agreement(frame: pd.DataFrame) -> pd.DataFrame:
    """(id, label, cosine of the member's vector to its label's centroid) of (id, vector, label, centroid) rows."""
    scores = [cosine(v, c) for v, c in zip(frame["vector"], frame["centroid"])]
    return pd.DataFrame({"id": frame["id"].astype(object), "label": frame["label"].astype(object),
                         "cosine": pd.Series(scores, index=frame.index, dtype="float64")})


def age_key(published, article_id: str) -> str:
    """Sort key of the article that starts a story: dated before undated, by date, then id (the
    local engine's processing order)."""
    if isinstance(published, str) and published:
        return f"0{published}\x00{article_id}"
    return f"1\x00{article_id}"


def key_article(key: str) -> str:
    return key.rsplit("\x00", 1)[1]


def _day(published) -> str | None:
    return published[:10] if isinstance(published, str) and len(published) >= 10 and published[4] == "-" else None


def story_records(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per story (STORY_META) from its members' rows (story_id, id, published, title,
    duplicate_of, vector (None for copies), blocks, key)."""
    members: dict[str, list[dict]] = {}
    for row in frame[["story_id", "id", "published", "title", "duplicate_of", "vector", "blocks", "key"]].to_dict("records"):
        members.setdefault(row["story_id"], []).append(row)
    out = [_story_record(story_id, rows) for story_id, rows in members.items()]
    return pd.DataFrame(out, columns=list(STORY_META)).astype({"article_count": "int64", "original_count": "int64"})


def _story_record(story_id: str, rows: list[dict]) -> dict:
    originals = [r for r in rows if isinstance(r["vector"], dict)]
    vector = summed(r["vector"] for r in originals)
    days = sorted(d for d in (_day(r["published"]) for r in rows) if d)
    central, score, title = None, 0.0, None
    for member in originals:
        centrality = cosine(member["vector"], vector)
        if central is None or centrality > score or (centrality == score and member["id"] < central):
            central, score, title = member["id"], centrality, member["title"]
    state = StoryState(story_id, vector, days[0] if days else None, days[-1] if days else None, len(rows))
    label = title.strip() if isinstance(title, str) else ""
    blocks = Counter(b for member in originals for b in (member["blocks"] if member["blocks"] is not None else ()))
    top_blocks = [b for b, _ in sorted(blocks.items(), key=lambda kv: (-kv[1], -vector.get(kv[0], 0.0), kv[0]))]
    return {"story_id": story_id, "thread_id": None, "label": label or " · ".join(state.key_terms()) or None,
            "first": state.first, "last": state.last, "article_count": len(rows),
            "original_count": sum(1 for r in rows if not isinstance(r["duplicate_of"], str)),
            "central_article_id": central, "central_score": float(score), "vector": vector,
            "key": min(r["key"] for r in rows), "blocks": top_blocks[: engine_settings.BLOCK_TERMS]}


def story_nodes(frame: pd.DataFrame) -> pd.DataFrame:
    """Stories as blocking nodes (id: the story's key, first, last, vector, blocks) for thread clustering."""
    from .blocking import ordinal

    return pd.DataFrame({"id": frame["key"].astype(object),
                         "first": [ordinal(d) for d in frame["first"]],
                         "last": [ordinal(d) for d in frame["last"]],
                         "vector": frame["vector"].astype(object), "blocks": frame["blocks"].astype(object)})


THREAD_PARTIAL_META = {"thread_id": object, "first": object, "last": object, "story_count": "int64",
                       "article_count": "int64", "vector": object}


def thread_partials(frame: pd.DataFrame) -> pd.DataFrame:
    """Per thread, the partial record of the stories (thread_id, first, last, article_count, vector) in
    this partition: earliest first, latest last, counts, and the FULL sum of their vectors (nothing
    dropped yet), so that a thread of every story never has to sit in one partition."""
    out = []
    for thread_id, rows in frame.groupby("thread_id", sort=False):
        out.append(_partial(thread_id, rows["first"], rows["last"], len(rows), int(rows["article_count"].sum()),
                            rows["vector"]))
    return pd.DataFrame(out, columns=list(THREAD_PARTIAL_META)).astype({"story_count": "int64", "article_count": "int64"})


def thread_records(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per thread (THREAD_META) from its partial records (thread_partials), shuffled by thread:
    the vector is the sum of its stories' vectors, heaviest CENTROID_TERMS kept."""
    out = []
    for thread_id, rows in frame.groupby("thread_id", sort=False):
        whole = _partial(thread_id, rows["first"], rows["last"], int(rows["story_count"].sum()),
                         int(rows["article_count"].sum()), rows["vector"])
        out.append({**whole, "vector": heaviest(whole["vector"], settings.CENTROID_TERMS)})
    return pd.DataFrame(out, columns=list(THREAD_META)).astype({"story_count": "int64", "article_count": "int64"})


def _partial(thread_id, firsts, lasts, story_count: int, article_count: int, vectors) -> dict:
    firsts = [d for d in firsts if isinstance(d, str)]
    lasts = [d for d in lasts if isinstance(d, str)]
    total: dict[str, float] = {}
    for vector in vectors:
        for term, weight in vector.items():
            total[term] = total.get(term, 0.0) + weight
    return {"thread_id": thread_id, "first": min(firsts) if firsts else None, "last": max(lasts) if lasts else None,
            "story_count": story_count, "article_count": article_count, "vector": total}


# --- the records as the store's tables take them (stories.bulk) -----------------------------------
def story_state(row: dict) -> StoryState:
    return StoryState(row["story_id"], _vector(row["vector"]), row["first"], row["last"], int(row["article_count"]),
                      row["thread_id"], int(row["original_count"]), row["label"], row["central_article_id"],
                      float(row["central_score"]))


def thread_state(row: dict) -> ThreadState:
    return ThreadState(row["thread_id"], _vector(row["vector"]), row["first"], row["last"], int(row["article_count"]),
                       int(row["story_count"]))


def _vector(value) -> Vector:
    vector = json.loads(value) if isinstance(value, str) else dict(value)
    return {t: float(w) for t, w in vector.items() if not (isinstance(w, float) and math.isnan(w))}
