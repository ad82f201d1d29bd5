"""The scale benchmark's pieces (benchmarks/scale*.py) on a tiny corpus: corpus, measurement, report."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
scale_corpus = pytest.importorskip("scale_corpus")
scale_measure = pytest.importorskip("scale_measure")
scale_report = pytest.importorskip("scale_report")


def test_corpus_is_deterministic_with_syndicated_copies_and_exact_reposts():
    items = list(scale_corpus.generate_scale(400, seed=3))
    assert items == list(scale_corpus.generate_scale(400, seed=3))
    kinds = [kind for _, _, kind in items]
    assert kinds.count("syndicated") > 5 and kinds.count("repost") > 2
    texts = [text for _, text, _ in items]
    for index, (_, text, kind) in enumerate(items):
        if kind == "repost":  # the same text as an article before it
            assert text in texts[:index]
    assert len({name for name, _, _ in items}) == 400


def test_corpus_is_written_once_and_reused(tmp_path):
    folder, facts = scale_corpus.ensure_corpus(tmp_path, 30, seed=2)
    assert sum(1 for _ in folder.rglob("*.txt")) == 30
    assert sum(facts["kinds"].values()) == 30
    assert not list(folder.rglob("*.json"))  # the marker is beside the corpus, not read as an input
    stamp = next(folder.rglob("*.txt")).stat().st_mtime_ns
    again, facts_again = scale_corpus.ensure_corpus(tmp_path, 30, seed=2)
    assert again == folder and facts_again == facts
    assert next(folder.rglob("*.txt")).stat().st_mtime_ns == stamp


def test_sampler_times_nested_phases_with_peak_memory_and_cpu(tmp_path):
    sampler = scale_measure.TreeSampler(interval=0.01)
    sampler.progress_path = tmp_path / "phases.json"
    sampler.start()
    with sampler.phase("outer"):
        with sampler.phase("inner"):
            end = time.process_time() + 0.15
            while time.process_time() < end:  # burn CPU
                pass
        time.sleep(0.02)
    sampler.stop()
    outer, inner = sampler.phases["outer"], sampler.phases["inner"]
    assert outer["seconds"] > inner["seconds"] >= 0.15
    assert inner["cpu_seconds"] >= 0.1 and outer["cpu_seconds"] >= inner["cpu_seconds"]
    assert outer["peak_rss_mb"] > 10 and sampler.peak / 2**20 >= outer["peak_rss_mb"]
    assert set(json.loads(sampler.progress_path.read_text())["phases"]) == {"outer", "inner"}


def test_a_run_past_its_timeout_is_stopped_with_its_workers(tmp_path):
    import psutil
    import scale

    folder, _ = scale_corpus.ensure_corpus(tmp_path / "corpora", 5, seed=1)
    spec = {"engine": "local", "n": 5, "workers": 2, "profile": "foundation", "stages": ["extract"],
            "corpus": str(folder), "scratch": str(tmp_path), "partition_size": None}
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    result = scale.run_child(spec, timeout=0.3)
    assert result["failed"] == "stopped after 0 s (--timeout)"
    assert {p.pid for p in psutil.Process().children(recursive=True)} <= before


def test_local_run_times_each_stage_in_the_workers(tmp_path, monkeypatch):
    from scale_local import run_local

    folder, _ = scale_corpus.ensure_corpus(tmp_path / "corpora", 12, seed=4)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setenv(scale_measure.TIMINGS_ENV, str(scratch))
    sampler = scale_measure.TreeSampler(interval=0.02)
    sampler.start()
    result = run_local(folder, scratch, ["extract", "clean", "metadata", "dedup", "stories"], 1, sampler)
    sampler.stop()
    assert result["articles"] == 12 and result["input_errors"] == 0
    assert set(result["stage_timings"]) == {"extract", "clean", "metadata", "dedup"}
    assert all(t["articles"] == 12 for t in result["stage_timings"].values())
    assert set(sampler.phases) == {"analyze", "stories"}
    assert result["main_seconds"]["store write"] > 0


def _result(engine: str, n: int, per_article: float, total: float) -> dict:
    return {"engine": engine, "n": n, "articles": n, "per_article_phase": "work", "total_phases": ["work", "more"],
            "fixed_phases": [], "peak_rss_mb": 100.0, "stage_timings": {},
            "phases": {"work": {"seconds": per_article, "peak_rss_mb": 90.0, "cpu_seconds": 1.0},
                       "more": {"seconds": total - per_article, "peak_rss_mb": 80.0, "cpu_seconds": 1.0}}}


def test_criteria_compare_time_per_article_and_throughput():
    results = [_result("local", 10, 1.0, 2.0), _result("local", 100, 10.0, 40.0),  # 2x slower per article
               _result("dask1", 10, 2.0, 3.0), _result("dask2", 10, 1.0, 2.0)]
    lines = "\n".join(scale_report.criteria(results))
    assert "near-linear, local: time/article at 100 / at 10: 2.00 (target <= 1.5) — SHORT" in lines
    assert "per-article throughput dask2 / dask1: 2.00 (target >= 1.6) — met" in lines
    assert "per-article throughput dask2 / local: 1.00 (target >= 0.9) — met" in lines
    table = scale_report.run_table(results)
    assert "| 100 | local | 100 | 40.0 | 400.00 | 10.0 s / 90 MB | 10 |" in table
