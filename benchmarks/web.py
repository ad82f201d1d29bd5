"""Web benchmark: median in-process render time of the overview, an article page and a search over a
10,000-article synthetic corpus (target: under 300 ms each), and the report's generation time for
1,000 articles.

    .venv/bin/python benchmarks/web.py [--articles 10000] [--report-articles 1000] [--runs 15] [--out FILE]

The corpus is fictional and written straight through the store (no analyze run): articles about
invented places and people, with statements, actors, narratives with evidence, stories and copies.
"""
from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from fastapi.testclient import TestClient

from narrascope.model import Actor, Article, Entity, Evidence, NarrativeLabel, Statement
from narrascope.report import write_report
from narrascope.store import open_store
from narrascope.web import create_app

PEOPLE = [f"{first} {last}" for first in ("Anika", "Bram", "Cora", "Dario", "Elin", "Fenn", "Greta", "Hale")
          for last in ("Sorell", "Iversen", "Quill", "Marten", "Vasko")]
PLACES = ["Veloria", "Ostmark", "Caldera", "Brinmoor", "Tessaly", "Norrow"]
OUTLETS = ["The Marrow Ledger", "The Harbor Courier", "Brinmoor Daily", "Tessaly Wire", "Norrow Evening Post"]
NARRATIVES = ["URW: Peace talks are a ploy", "URW: The West is to blame", "URW: Sanctions hurt the sender",
              "CC: Climate policies are a hoax", "URW: Aid is wasted", "URW: Negotiations are possible"]
WORDS = ("grain corridor talks council river border ceasefire harbor festival shelling minister offer sanctions "
         "delegation treaty convoy refugees election parliament budget strike").split()


def synthetic_article(i: int, rng: random.Random) -> Article:
    speaker = rng.choice(PEOPLE)
    place = rng.choice(PLACES)
    quote = f"we are ready to discuss the {rng.choice(WORDS)} with {rng.choice(PLACES)}"
    filler = " ".join(rng.choice(WORDS) for _ in range(rng.randint(120, 400)))
    text = f"{speaker} said in {place} that \"{quote}\". Critics called it a ploy to buy time. {filler}."
    q_start = text.index(quote)
    ev_start = text.index("a ploy to buy time")
    published = (date(2022, 1, 1) + timedelta(days=i % 1000)).isoformat()
    actor_id = "actor-" + speaker.lower().replace(" ", "-")
    return Article(
        id=f"bench-{i:06d}", source=f"bench/{i}.txt", raw=text, raw_format="text", text=text,
        title=f"{speaker} on the {rng.choice(WORDS)} in {place} ({i})", published=published, published_from="header",
        published_confidence=0.9, outlet=rng.choice(OUTLETS), language="en", word_count=len(text.split()),
        duplicate_of=f"bench-{i - 1:06d}" if i % 25 == 24 else None,
        entities=[Entity(speaker, "PERSON", 0, len(speaker), actor_id), Entity(place, "GPE", len(speaker) + 9,
                                                                               len(speaker) + 9 + len(place))],
        actors=[actor_id],
        quotes=[Statement(speaker, actor_id, None, "said", quote, "direct", q_start, q_start + len(quote), published)],
        narratives=[NarrativeLabel(rng.choice(NARRATIVES), None, 0.7, rng.choice(["advances", "rebuts"]),
                                   [Evidence(ev_start, ev_start + 18, "a ploy to buy time")])],
        story_id=f"story-{i // 8:05d}", thread_id=f"thread-{i // 400:03d}",
    )


def build(db: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with open_store(db) as store:
        batch = []
        for i in range(count):
            batch.append(synthetic_article(i, rng))
            if len(batch) == 1000:
                store.write_articles(batch)
                batch = []
        store.write_articles(batch)
        store.write_actors([Actor("actor-" + p.lower().replace(" ", "-"), p, "person", [p.split()[1]],
                                  count // len(PEOPLE), count // len(PEOPLE)) for p in PEOPLE])


def median_ms(client: TestClient, url: str, runs: int) -> float:
    response = client.get(url)  # warm-up (template compilation, SQLite page cache)
    assert response.status_code == 200, (url, response.status_code, response.text[:300])
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--report-articles", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--out", type=Path, help="append the figures as Markdown to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        started = time.perf_counter()
        build(db, args.articles)
        print(f"built {args.articles} articles in {time.perf_counter() - started:.1f} s")
        with open_store(db) as store:
            client = TestClient(create_app(store))
            pages = {"overview": "/", "article page": "/articles/bench-004242",
                     "search": "/search?q=ceasefire%20convoy", "article list": "/articles?page=5",
                     "API article list": "/api/articles?q=treaty&page=3"}
            figures = {name: median_ms(client, url, args.runs) for name, url in pages.items()}
        small = Path(tmp) / "report.db"
        build(small, args.report_articles)
        started = time.perf_counter()
        summary = write_report(small, Path(tmp) / "report.html")
        report_s = time.perf_counter() - started
    lines = [f"- {name}: median {ms:.0f} ms over {args.runs} runs ({args.articles:,} articles)"
             for name, ms in figures.items()]
    lines.append(f"- report of {summary.articles:,} articles: {report_s:.1f} s, {summary.bytes / 1e6:.1f} MB, "
                 f"{summary.sections:,} sections")
    print("\n".join(lines))
    if args.out:
        _append(args.out, lines)


def _append(out: Path, lines: list[str]) -> None:
    cpu = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip() or "?"
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    command = "python benchmarks/web.py " + " ".join(sys.argv[1:])
    with out.open("a", encoding="utf-8") as f:
        f.write(f"\n## Web benchmark, {when} ({cpu} CPUs)\n\n`{command}`\n\n" + "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
