"""One scale-benchmark run on the local engine (`narrascope.analyze`, a process pool), measured by phase.

Phases: "analyze" (read + per-article stages in the pool workers + dedup + store writes in the
analyze process, all streamed together) and "stories" (`assign_stories` on the stored corpus, which
is what `analyze` runs after the per-article stages when the profile has stories). Inside "analyze",
the seconds of each per-article stage are measured in the workers (TimedStageFactory), and those of
dedup and of store writes in the analyze process (Timers).
"""
from __future__ import annotations

from pathlib import Path

from scale_measure import Timers, TimedStageFactory, TreeSampler, collect_stage_timings


def run_local(corpus: Path, scratch: Path, stages: list[str], workers: int, sampler: TreeSampler) -> dict:
    import narrascope.corpus as corpus_module
    from narrascope.stages.dedup import Deduplicator
    from narrascope.store.sqlite import SQLiteStore

    per_article = [name for name in stages if name != "stories"]
    timers = Timers()
    timers.wrap(Deduplicator, "add", "dedup")
    timers.wrap(Deduplicator, "finalize", "dedup")
    timers.wrap(SQLiteStore, "write_articles", "store write")
    factory_class = corpus_module.StageFactory
    corpus_module.StageFactory = TimedStageFactory  # analyze builds its factory from this name
    try:
        with sampler.phase("analyze"):
            result = corpus_module.analyze([corpus], db=scratch / "local.db", stages=per_article, workers=workers)
        run = result.last_run
        stories = None
        if "stories" in stages:
            from narrascope.stories import assign_stories

            with sampler.phase("stories"):
                stories = assign_stories(result.store)
        result.close()
    finally:
        corpus_module.StageFactory = factory_class
        timers.restore()
    return {
        "articles": run.read, "duplicates": run.duplicates, "stage_errors": run.stage_errors,
        "input_errors": len(run.input_errors),
        "stories": stories.new_stories if stories else None,
        "main_seconds": timers.seconds,
        "stage_timings": collect_stage_timings(scratch),
        "per_article_phase": "analyze", "total_phases": ["analyze", "stories"], "fixed_phases": [],
    }
