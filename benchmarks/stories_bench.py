"""Stories and analytics on a synthetic 10,000-article database: clustering time, memory and pairwise
F1 against the generated stories, and the median time of the analytics queries the web pages use.

    python benchmarks/stories_bench.py [--n 10000] [--more 1000] [--db /tmp/stories-bench.db] [--repeat 15]

The corpus is fiction generated from syllables: STORIES_PER_1000 stories per thousand articles over
two years, each told by 1-15 articles within a few days by a dozen outlets, with its own names and
event words on top of a shared vocabulary; a few stories recur months later (same words, new event
words); 5% are copies of another article (`duplicate_of` set). Articles carry actors, statements
and narratives so that every query has rows to read. Figures: articles/s of `assign_stories` on
the whole corpus, then on `--more` new articles (incremental), peak RSS, story pairwise F1 (on a
sample of pairs), and the median ms of each query over `--repeat` runs (target: under 300 ms).
"""
from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from narrascope.model import Actor, Article, NarrativeLabel, Statement
from narrascope.store import analytics, open_store
from narrascope.stories import assign_stories, get_story, list_stories

STORIES_PER_1000 = 150
DUPLICATE_RATE = 0.05
START = date(2023, 1, 1)
DAYS = 730
WORDS = 250
SYLLABLES = ("ka", "ve", "lor", "mar", "est", "tin", "do", "ran", "sel", "vik", "ost", "ra", "bel", "nor",
             "dun", "mi", "sor", "ell", "hal", "den", "tar", "kes", "pel", "lin", "ord", "ask", "ul", "bri")
OUTLETS = [f"The {o} Ledger" for o in ("Marrow", "Sallow", "Tervik", "Orven", "Lisk", "Brenn", "Kessa",
                                        "Tarsk", "Velor", "Castra", "Hollin", "Dray")]
NARRATIVES = [f"Narrative {i}" for i in range(12)]


def word(rng: random.Random, parts: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def generate(n: int, rng: random.Random, first_id: int = 0) -> tuple[list[Article], dict[str, int]]:
    common = [word(rng) for _ in range(3000)]
    actors = [f"actor{i}" for i in range(300)]
    articles, truth = [], {}
    story = 0
    while len(articles) < n:
        story += 1
        day0 = START + timedelta(days=rng.randrange(DAYS))
        names = [f"{word(rng, 2).title()} {word(rng, 3).title()}" for _ in range(3)]
        event = [word(rng, 4) for _ in range(25)]
        cast = rng.sample(actors, 3)
        for _ in range(min(rng.randint(1, 15), n - len(articles))):
            article_id = f"b{first_id + len(articles):07d}"
            if articles and rng.random() < DUPLICATE_RATE:
                original = rng.choice(articles[-50:])
                copy = Article(**{**original.__dict__, "id": article_id, "source": article_id,
                                  "duplicate_of": original.id, "outlet": rng.choice(OUTLETS)})
                articles.append(copy)
                truth[article_id] = truth[original.id]
                continue
            day = day0 + timedelta(days=rng.randrange(4))
            body = [rng.choice(event) if rng.random() < 0.25 else rng.choice(common) for _ in range(WORDS)]
            body[::20] = [rng.choice(names) for _ in body[::20]]
            title = " ".join(rng.choice(event) for _ in range(4)).capitalize() + " " + rng.choice(names)
            article = Article(id=article_id, source=article_id, raw="", raw_format="text", text=" ".join(body) + ".",
                              title=title, published=day.isoformat(), outlet=rng.choice(OUTLETS), word_count=WORDS,
                              actors=list(cast))
            article.quotes = [Statement(names[0], cast[0], None, "said", " ".join(body[:12]), "direct", 0, 10,
                                        said_on=day.isoformat())]
            article.narratives = [NarrativeLabel(rng.choice(NARRATIVES), "Parent", 0.7,
                                                 rng.choice(("advances", "rebuts")))]
            articles.append(article)
            truth[article_id] = first_id + story
    return articles, truth


def pairwise_f1(store, truth: dict[str, int]) -> tuple[float, float, float]:
    """Exact pairwise (F1, precision, recall) of the stored stories against the generated ones."""
    links = {r["id"]: r["story_id"] for r in store.query("SELECT id, story_id FROM articles")}
    true_pairs = _pairs(truth)
    predicted_pairs = _pairs(links)
    recall = statistics.mean(links[a] == links[b] for a, b in true_pairs)
    precision = statistics.mean(truth[a] == truth[b] for a, b in predicted_pairs) if predicted_pairs else 1.0
    return 2 * precision * recall / (precision + recall), precision, recall


def _pairs(groups_of: dict) -> list[tuple[str, str]]:
    groups: dict = {}
    for article_id, group in groups_of.items():
        groups.setdefault(group, []).append(article_id)
    return [(a, b) for group in groups.values() for i, a in enumerate(group) for b in group[i + 1:]]


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--more", type=int, default=1_000)
    parser.add_argument("--db", default=None)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    rng = random.Random(7)
    db = Path(args.db or tempfile.mkdtemp(prefix="stories-bench-")) / "bench.db" if not args.db else Path(args.db)
    db.unlink(missing_ok=True)
    articles, truth = generate(args.n, rng)
    more, more_truth = generate(args.more, rng, first_id=args.n)
    with open_store(db) as store:
        store.write_articles(articles)
        store.write_actors([Actor(f"actor{i}", f"Actor {i}", "person") for i in range(300)])
        cpu = time.process_time()
        summary = assign_stories(store)
        cpu = time.process_time() - cpu
        print(f"assign_stories, {args.n} articles in one run: {summary.seconds:.1f} s, CPU {cpu:.1f} s "
              f"({1000 * cpu / args.n:.2f} CPU ms/article) "
              f"({args.n / summary.seconds:.0f} articles/s); {summary.new_stories} stories, "
              f"{summary.new_threads} threads, {summary.merged} merged")
        store.write_articles(more)
        cpu = time.process_time()
        again = assign_stories(store)
        cpu = time.process_time() - cpu
        print(f"assign_stories, {args.more} more articles (incremental): {again.seconds:.1f} s, CPU {cpu:.1f} s "
              f"({1000 * cpu / args.more:.2f} CPU ms/article) "
              f"({args.more / again.seconds:.0f} articles/s)")
        print(f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
        f1, precision, recall = pairwise_f1(store, {**truth, **more_truth})
        print(f"story pairwise F1 {f1:.3f} (precision {precision:.3f}, recall {recall:.3f}); "
              f"generated stories: {len(set(truth.values()) | set(more_truth.values()))}")
        story_id = list_stories(store, limit=1)[0].id
        queries = {
            "overview": lambda: analytics.overview(store),
            "list_articles page 1": lambda: analytics.list_articles(store),
            "list_articles page 200": lambda: analytics.list_articles(store, page=200),
            "list_articles q (search)": lambda: analytics.list_articles(store, q=articles[5].title.split()[0]),
            "list_articles q prefix (many hits)": lambda: analytics.list_articles(store, q="ka*"),
            "list_articles narrative+outlet": lambda: analytics.list_articles(
                store, narrative="Narrative 3", outlet=OUTLETS[2]),
            "list_articles actor": lambda: analytics.list_articles(store, actor="actor7"),
            "narrative_timeline month": lambda: analytics.narrative_timeline(store),
            "narrative_timeline week by outlet": lambda: analytics.narrative_timeline(
                store, granularity="week", by_outlet=True),
            "actor_timeline": lambda: analytics.actor_timeline(store, "actor7"),
            "statement_timeline speaker": lambda: analytics.statement_timeline(store, speaker="ka"),
            "top_actors": lambda: analytics.top_actors(store),
            "top_narratives": lambda: analytics.top_narratives(store),
            "outlet_counts": lambda: analytics.outlet_counts(store),
            "list_stories": lambda: list_stories(store),
            "get_story": lambda: get_story(store, story_id),
        }
        print(f"median ms over {args.repeat} runs ({args.n + args.more} articles):")
        for name, query in queries.items():
            print(f"  {name:36s} {timed(query, args.repeat):8.1f}")


if __name__ == "__main__":
    sys.exit(main())
