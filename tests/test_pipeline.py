"""The runner: ownership of fields, error routing, batching, input order, lazy reading."""
from __future__ import annotations

import pytest

from narrascope.io import RawDocument
from narrascope.pipeline import StageRunner, apply_stages, check_stage, new_article, run_batch


class Upper:
    name, reads, writes = "clean", ("raw",), ("text", "removed", "header")

    def __call__(self, article):
        article.text = article.raw.upper()


class Boom:
    name, reads, writes = "metadata", ("text",), ("title",)

    def __call__(self, article):
        if "BAD" in article.text:
            raise ValueError("cannot read this one")
        article.title = article.text[:5]


class Trespasser:
    name, reads, writes = "metadata", ("text",), ("title",)

    def __call__(self, article):
        article.title = "ok"
        article.text = "rewritten"  # owned by clean


class Batched:
    name, reads, writes = "metadata", ("text",), ("word_count",)
    calls = 0

    def __call__(self, article):
        article.word_count = len(article.text.split())

    def process_batch(self, articles):
        Batched.calls += 1
        for article in articles:
            article.word_count = len(article.text.split())


def make(source="a.txt", content="good text here"):
    return new_article(RawDocument(source=source, content=content, format="text"))


def factory():
    return [Upper(), Boom()]


def test_ids_are_stable_and_depend_on_source_and_content():
    assert make().id == make().id
    assert make(source="b.txt").id != make().id
    assert make(content="other").id != make().id


def test_a_failing_stage_is_recorded_and_later_stages_still_run():
    article = apply_stages(make(content="bad text"), [Upper(), Boom()])
    assert article.text == "BAD TEXT"
    assert article.title is None
    assert [(e.stage, e.message) for e in article.errors] == [("metadata", "ValueError: cannot read this one")]


def test_a_stage_cannot_rewrite_a_field_it_does_not_own():
    article = apply_stages(make(), [Upper(), Trespasser()])
    assert article.text == "GOOD TEXT HERE"  # restored
    assert article.title == "ok"
    assert "wrote 'text'" in article.errors[0].message


def test_check_stage_rejects_a_declared_write_to_another_stage_field():
    class Liar(Upper):
        writes = ("title",)

    with pytest.raises(TypeError, match="belongs to 'metadata'"):
        check_stage(Liar())
    check_stage(Upper())


def test_batch_stages_get_the_whole_batch_once():
    Batched.calls = 0
    batch = run_batch([make(content="one two"), make(source="b", content="a b c")], [Upper(), Batched()])
    assert Batched.calls == 1
    assert [a.word_count for a in batch] == [2, 3]


def test_pool_keeps_input_order_and_routes_errors():
    articles = [make(source=f"{i}.txt", content="bad" if i % 7 == 0 else f"text {i}") for i in range(40)]
    out = list(StageRunner(factory, workers=2, chunksize=3).map(iter(articles)))
    assert [a.source for a in out] == [a.source for a in articles]
    failed = [a.source for a in out if a.errors]
    assert failed == [f"{i}.txt" for i in range(0, 40, 7)]
    assert out[1].title == "TEXT "


def test_runner_reads_its_input_lazily():
    consumed = []

    def source():
        for i in range(1000):
            consumed.append(i)
            yield make(source=f"{i}")

    stream = StageRunner(factory, workers=1, chunksize=4).map(source())
    next(stream)
    assert len(consumed) < 10


def test_a_batch_context_stays_open_until_every_stage_has_run():
    events = []

    class Zone:
        name, reads, writes = "clean", ("raw",), ("text", "removed", "header")

        def batch_context(self):
            from contextlib import contextmanager

            @contextmanager
            def zone():
                events.append("enter")
                yield
                events.append("exit")

            return zone()

        def __call__(self, article):
            events.append("clean")
            article.text = article.raw

    class Later(Boom):
        def __call__(self, article):
            events.append("metadata")
            super().__call__(article)

    run_batch([make(), make(source="b")], [Zone(), Later()])
    assert events == ["enter", "clean", "clean", "metadata", "metadata", "exit"]
