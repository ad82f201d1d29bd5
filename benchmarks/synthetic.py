"""A synthetic corpus of noisy, fictional news articles, for throughput and memory benchmarks.

    from benchmarks.synthetic import generate, write_corpus
    for name, text in generate(1000, seed=7): ...
    write_corpus("/tmp/corpus", n=10_000, seed=7)   # shards of 1000 files: 0000/, 0001/, ...

Every name, country, outlet and quote is generated from syllables and templates: fiction only.
Each article is ~800 words: a header (outlet, title, date in one of several formats, byline) and body
paragraphs about offers of talks and their rebuttals, with each noise kind of the seeds injected at
random (captions, credits, video, dateline, teasers, headline lists, widgets, bios, disclaimers,
template residue, fragments, NBSPs, truncation). About DUPLICATE_RATE of the articles are syndicated
copies of a recent article (same body, other header). Deterministic for a given seed.
"""
from __future__ import annotations

import random
from pathlib import Path
from typing import Iterator

WORDS_PER_ARTICLE = 700  # body words before noise; with header and noise ~800
DUPLICATE_RATE = 0.05
SHARD_SIZE = 1000
RECENT_BODIES = 50  # copies are made of one of the last N originals (memory stays flat in n)
NOISE_RATE = 0.35  # chance of each noise kind in an article
NBSP = "\u00a0"

_SYLLABLES = ("ka", "ve", "lor", "mar", "est", "tin", "do", "ran", "sel", "vik", "ost", "ra", "bel", "nor",
              "dun", "mi", "ka", "sor", "ell", "hal", "den", "tar", "kes", "pel", "lin", "ord", "ask", "ul")
_COUNTRY_ENDS = ("ia", "mark", "land", "ova", "ena", "stad")
_OUTLET_FORMS = ("The {} Ledger", "{} Today", "The {} Review", "{} Evening Post", "Radio Free {}",
                 "{} Herald", "{} Daily", "The {} Observer", "{} Wire")
_ROLES = ("foreign minister", "presidential spokesman", "defence minister", "prime minister",
          "speaker of parliament", "deputy foreign minister", "ambassador")
_CUES = ("said", "told reporters", "stated", "insisted", "claimed", "argued", "wrote", "added", "warned")
_OFFERS = ("ready for talks", "open to dialogue without preconditions", "prepared to negotiate at any level",
           "willing to discuss a ceasefire", "ready to send a delegation to a neutral city")
_REBUTTALS = ("a ploy to buy time", "a stalling tactic", "a trap for the hesitant", "an old trick with a new name",
              "a pause to rearm, not a peace", "a performance for foreign audiences")
_TOPICS = ("the disputed valley", "the occupied region", "the river crossings", "the border checkpoints",
           "the prisoner exchange", "the grain corridor", "the air defence package", "the frozen front line")
_FILLER = ("Analysts noted that the offer came days before a meeting on new aid.",
           "Diplomats said no date or venue had been discussed.",
           "Residents of the border villages greeted the news with little hope.",
           "The ministry did not say whether the annexation was a precondition.",
           "Observers pointed out that none of the earlier offers named a negotiator.",
           "A think tank counted more than forty such statements since the occupation began.",
           "The statement was carried by the state news agency within the hour.",
           "Officials in the capital said they had received no written proposal.")


def generate(n: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """n articles as (relative file name, text); the same seed gives the same corpus."""
    for name, text, _ in generate_labelled(n, seed):
        yield name, text


def generate_labelled(n: int, seed: int = 0) -> Iterator[tuple[str, str, str | None]]:
    """(name, text, name of the original if the article is a syndicated copy, else None)."""
    rng = random.Random(seed)
    world = World(rng)
    recent: list[tuple[str, str]] = []  # (name, body) of recent originals
    for index in range(n):
        name = f"{index // SHARD_SIZE:04d}/{index:06d}.txt"
        if recent and rng.random() < DUPLICATE_RATE:
            original, body = rng.choice(recent)
            yield name, world.header(rng) + body, original
            continue
        body = world.body(rng)
        recent = (recent + [(name, body)])[-RECENT_BODIES:]
        yield name, world.header(rng) + body, None


def write_corpus(directory: str | Path, n: int, seed: int = 0) -> list[Path]:
    """Write the corpus under directory in shard folders of SHARD_SIZE files; returns the shard folders."""
    root = Path(directory)
    shards: list[Path] = []
    for name, text in generate(n, seed):
        path = root / name
        if path.parent not in shards[-1:]:
            path.parent.mkdir(parents=True, exist_ok=True)
            shards.append(path.parent)
        path.write_text(text, encoding="utf-8")
    return shards


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


class World:
    """The fictional cast of one corpus: countries, people, outlets, agencies."""

    def __init__(self, rng: random.Random):
        self.countries = [_word(rng, 2) + rng.choice(_COUNTRY_ENDS) for _ in range(12)]
        self.people = [f"{_word(rng, 2)} {_word(rng, rng.choice((2, 3)))}" for _ in range(120)]
        self.outlets = [rng.choice(_OUTLET_FORMS).format(_word(rng, 2)) for _ in range(30)]
        self.agencies = [f"{_word(rng, 2)}Press" for _ in range(5)]

    # header -------------------------------------------------------------------------------------
    def header(self, rng: random.Random) -> str:
        lines = []
        if rng.random() < NOISE_RATE:
            lines.append(f"{rng.choice(self.people)} speaks in {_word(rng, 2)} on {_date(rng, 'long')}. "
                         f"(Photo by {rng.choice(self.people)} / {rng.choice(self.agencies)})")
        if rng.random() < 0.7:
            lines.append(rng.choice(self.outlets))
        lines.append(self.title(rng))
        if rng.random() < 0.85:
            lines.append(_date(rng))
        if rng.random() < 0.6:
            lines.append(f"By {rng.choice(self.people)}")
        return "\n".join(lines) + "\n\n"

    def title(self, rng: random.Random) -> str:
        a, b = rng.sample(self.countries, 2)
        person = rng.choice(self.people).split()[1]
        return rng.choice((
            f"{person}: {a} is {rng.choice(_OFFERS)}",
            f"{b} calls {a}'s offer {rng.choice(_REBUTTALS)}",
            f"Why does {person} say {a} is {rng.choice(_OFFERS)}?",
            f"Talks on {rng.choice(_TOPICS)}: {a} and {b} trade accusations",
        ))

    # body ---------------------------------------------------------------------------------------
    def body(self, rng: random.Random) -> str:
        paragraphs: list[str] = []
        words = 0
        while words < WORDS_PER_ARTICLE:
            paragraph = self.paragraph(rng)
            paragraphs.append(paragraph)
            words += paragraph.count(" ") + 1
        noise = Noise(self, rng)
        paragraphs = noise.inject(paragraphs)
        text = "\n\n".join(paragraphs)
        if rng.random() < 0.05:  # truncated mid-word
            cut = rng.randrange(len(text) // 2, len(text))
            text = text[:cut].rstrip()
        return text + "\n"

    def paragraph(self, rng: random.Random) -> str:
        sentences = [self.sentence(rng) for _ in range(rng.randint(3, 5))]
        text = " ".join(sentences)
        if rng.random() < 0.1:
            text = text.replace(" ", NBSP, rng.randint(1, 4))
        return text

    def sentence(self, rng: random.Random) -> str:
        speaker, role = rng.choice(self.people), rng.choice(_ROLES)
        country, other = rng.sample(self.countries, 2)
        topic, cue = rng.choice(_TOPICS), rng.choice(_CUES)
        form = rng.randrange(6)
        if form == 0:
            return f'"{country} is {rng.choice(_OFFERS)} on {topic}," {speaker}, the {role}, {cue}.'
        if form == 1:
            return f"{other}'s {role} {speaker} {cue} that the offer was {rng.choice(_REBUTTALS)}."
        if form == 2:
            return (f"According to {rng.choice(self.agencies)}, {speaker} {cue} on {_weekday(rng)} that "
                    f"{country} remained {rng.choice(_OFFERS)}.")
        if form == 3:
            return (f'"This is {rng.choice(_REBUTTALS)}, and everybody in {other} knows it," {speaker} {cue}, '
                    f"the agency {rng.choice(self.agencies)} reported.")
        if form == 4:
            return f"{speaker} {cue} that {topic} could not be discussed while troops from {country} remained."
        return rng.choice(_FILLER)


class Noise:
    """Injects the seeds' noise kinds into a list of body paragraphs."""

    def __init__(self, world: World, rng: random.Random):
        self.world, self.rng = world, rng

    def inject(self, paragraphs: list[str]) -> list[str]:
        rng, out = self.rng, list(paragraphs)
        middle = lambda: rng.randrange(1, max(2, len(out) - 1))  # noqa: E731
        if rng.random() < NOISE_RATE:
            out[0] = f"{rng.choice(self.world.outlets).upper()} — {out[0]}"
        if rng.random() < NOISE_RATE:
            out.insert(0, f"{self.headline()}\n{rng.randint(0, 9):02d}:{rng.randint(0, 59):02d} - Source: "
                          f"{rng.choice(self.world.outlets)}")
        if rng.random() < NOISE_RATE:
            out.insert(middle(), f"Read also: {self.headline()}\n{self.world.sentence(rng)}")
        if rng.random() < NOISE_RATE:
            out.insert(middle(), "Other points of interest\n" + "\n".join(self.headline() for _ in range(3)))
        if rng.random() < NOISE_RATE:
            out.insert(middle(), f"Photo: {rng.choice(self.world.people)} / {rng.choice(self.world.agencies)}")
        if rng.random() < NOISE_RATE:
            out.insert(middle(), "{{ widget.related_title }}")
        if rng.random() < 0.1:
            out.insert(0, rng.choice(("in", "the", "and")))
        out += self.tail()
        return out

    def tail(self) -> list[str]:
        rng, world, tail = self.rng, self.world, []
        if rng.random() < NOISE_RATE:
            tail.append("Source link")
        if rng.random() < NOISE_RATE:
            tail.append(f"About the author. {rng.choice(world.people)}, political analyst.")
        if rng.random() < NOISE_RATE:
            tail.append("The editors do not always share the opinions expressed by the blog authors.")
        if rng.random() < NOISE_RATE:
            tail.append("Tags: " + ", ".join(rng.sample(world.countries, 3)))
        if rng.random() < NOISE_RATE:
            tail.append("What do you think?\n\nWritten by ADMIN\n\nLeave a Reply\n\n"
                        "Your email address will not be published. Required fields are marked *")
        if rng.random() < NOISE_RATE:
            tail.append(self.headline_list())
        return tail

    def headline(self) -> str:
        return self.world.title(self.rng)

    def headline_list(self) -> str:
        rng = self.rng
        lines = ["Read also:", "More news", f"{rng.randint(2024, 2025)}, Saturday", f"{rng.randint(1, 28)} November"]
        minute = 23 * 60
        for _ in range(rng.randint(4, 10)):
            minute -= rng.randint(10, 45)
            lines += [f"{minute // 60:02d}:{minute % 60:02d}", self.headline()]
        return "\n".join(lines)


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _weekday(rng: random.Random) -> str:
    return rng.choice(_DAYS)


def _date(rng: random.Random, form: str | None = None) -> str:
    year, month, day = rng.randint(2022, 2024), rng.randint(1, 12), rng.randint(1, 28)
    form = form or rng.choice(("dotted", "long", "day-first", "iso", "weekday", "relative"))
    if form == "dotted":
        return f"{day:02d}.{month:02d}.{year}."
    if form == "long":
        return f"{_MONTHS[month - 1]} {day}, {year}"
    if form == "day-first":
        return f"{day} {_MONTHS[month - 1]}, {year} {rng.choice(_DAYS)}\n{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}"
    if form == "iso":
        return f"{year}-{month:02d}-{day:02d}"
    if form == "weekday":
        return f"{rng.choice(_DAYS)}, {day} {_MONTHS[month - 1]} {year}"
    return f"Updated on {rng.choice(_DAYS)}"
