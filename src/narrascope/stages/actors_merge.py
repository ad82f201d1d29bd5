"""Corpus-level actor merge: join the per-article actors of many articles into one actor table.

Streaming: `ActorMerger.add(...)` takes one article's summaries (`summarize_article`) at a time and
keeps only one entry per local actor id (names and roles seen with counts, mention and article
counts); `finalize()` returns the actor table and a remap {local id: canonical id} for the caller to
apply to stored articles (`apply_remap`). Memory grows with the number of distinct actors, not
articles.

Rules of `finalize`, in order:
1. One name under several types ("org:sorell" and "person:sorell", spaCy labels vary): the type with
   more mentions wins (fixed names of settings.actors.METONYMS always win).
2. A person named with an initial ("A. Sorell") joins the one full-name person with that surname
   and first initial.
3. A one-word person ("person:sorell", from an article that never gave the full name) joins the one
   full-name person with that surname in the corpus; with two ("Anika Sorell", "Tomas Sorell") it
   stays separate. One-word ORG names take part too (spaCy sm often labels surnames ORG).
4. An abbreviation ("org:viss") joins the one organisation that has it as an alias (defined in some
   article) or, failing that, whose initials it is.
5. A role placeholder ("role:velorian-leader": an article said "the Velorian leader" without tying it
   to a name) maps to the one person whose titles anywhere in the corpus match it ("Velorian
   President Marek Oduya"), else to None. Placeholders never enter the table.
Article counts of merged ids are summed: an article that mentioned two ids later merged counts twice
(rare: the per-article merge already joined what it could).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from ..model import Actor, Article
from ..settings import actors as settings
from .actors_fixed import fixed_names
from .actors_roles import RoleBinding, match_role, text_role_key
from .actors_names import (
    abbreviates, first_names_compatible, has_initial, id_key, id_prefix, is_abbreviation, normalise, surname,
)

ROLE_LABEL = "ROLE"


def fixed_actors() -> dict[str, tuple[str, str, str | None]]:
    """Actor id -> (id, canonical name, linked_to) of settings.actors.METONYMS, read at call time."""
    return {value[0]: value for value in fixed_names().values()}

# Tie-break when one name has two types with equal mentions: spaCy sm reads towns as people more
# often than the reverse.
_PREFIX_ORDER = ("gpe", "org", "person", "group", "place")


@dataclass
class ActorSummary:
    """What one article says about one of its actors."""

    actor_id: str
    names: dict[str, int]  # surface names (normalised) -> mentions
    roles: dict[str, int] = field(default_factory=dict)  # role phrases tied to it ("Velorian President")
    mentions: int = 0


def summarize_article(article: Article) -> list[ActorSummary]:
    by_id: dict[str, ActorSummary] = {}
    for entity in article.entities:
        if not entity.actor_id:
            continue
        summary = by_id.setdefault(entity.actor_id, ActorSummary(entity.actor_id, {}))
        summary.mentions += 1
        text = normalise(entity.text)
        bucket = summary.roles if entity.label == ROLE_LABEL else summary.names
        bucket[text] = bucket.get(text, 0) + 1
    return list(by_id.values())


@dataclass
class _Entry:
    names: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    mentions: int = 0
    articles: int = 0

    def absorb(self, other: "_Entry") -> None:
        self.names.update(other.names)
        self.roles.update(other.roles)
        self.mentions += other.mentions
        self.articles += other.articles

    @property
    def name(self) -> str:
        """The fullest name: the most frequent multi-word name without initials, else the most frequent."""
        ranked = sorted(self.names.items(), key=lambda kv: (len(kv[0].split()) < 2, has_initial(kv[0]), -kv[1]))
        return ranked[0][0] if ranked else ""


class ActorMerger:
    def __init__(self) -> None:
        self.entries: dict[str, _Entry] = {}

    def add(self, summaries: Iterable[ActorSummary]) -> None:
        """One article's actors."""
        for s in summaries:
            entry = self.entries.setdefault(s.actor_id, _Entry())
            entry.names.update(s.names)
            entry.roles.update(s.roles)
            entry.mentions += s.mentions
            entry.articles += 1

    def add_article(self, article: Article) -> None:
        self.add(summarize_article(article))

    def seed(self, actors: Iterable[Actor]) -> None:
        """The actor table of earlier runs, so that later batches merge into it."""
        for actor in actors:
            entry = self.entries.setdefault(actor.id, _Entry())
            entry.names[actor.name] += max(actor.mention_count, 1)
            for alias in actor.aliases:
                if alias != actor.name:
                    bucket = entry.roles if _is_role_alias(alias) else entry.names
                    bucket[alias] += 1
            entry.mentions += actor.mention_count
            entry.articles += actor.article_count

    def finalize(self) -> tuple[list[Actor], dict[str, str | None]]:
        """The actor table and the remap {local id: canonical id, or None for an untied role}."""
        remap: dict[str, str] = {}
        fixed = fixed_actors()
        _unify_types(self.entries, remap, fixed)
        _merge_initials(self.entries, remap)
        _merge_surnames(self.entries, remap, fixed)
        _merge_abbreviations(self.entries, remap, fixed)
        remap = {old: _follow(remap, old) for old in remap}
        roles = _resolve_roles(self.entries, remap)
        table = _table({a: e for a, e in self.entries.items() if a not in roles}, remap, fixed)
        return table, {**remap, **roles}


def _is_role_alias(alias: str) -> bool:
    """"Velorian President" is a role alias, "VISS" or "A. Sorell" a name."""
    head, _ = text_role_key(alias)
    return head in settings.ROLE_NOUNS


def _follow(remap: dict[str, str], actor: str) -> str:
    seen = set()
    while actor in remap and actor not in seen:
        seen.add(actor)
        actor = remap[actor]
    return actor


def _live(entries: dict[str, _Entry], remap: dict[str, str]) -> list[str]:
    return [actor for actor in entries if actor not in remap]


def _unify_types(entries, remap, fixed) -> None:
    by_key = defaultdict(list)
    for actor in entries:
        by_key[id_key(actor)].append(actor)
    for ids in by_key.values():
        if len(ids) < 2:
            continue
        winner = max(ids, key=lambda a: (a in fixed, entries[a].mentions, -_prefix_rank(a)))
        for actor in ids:
            if actor != winner:
                remap[actor] = winner


def _prefix_rank(actor: str) -> int:
    prefix = id_prefix(actor)
    return _PREFIX_ORDER.index(prefix) if prefix in _PREFIX_ORDER else len(_PREFIX_ORDER)


def _full_persons(entries, remap) -> list[str]:
    return [a for a in _live(entries, remap) if id_prefix(a) == "person" and len(entries[a].name.split()) > 1]


def _merge_initials(entries, remap) -> None:
    full = _full_persons(entries, remap)
    plain = [a for a in full if not has_initial(entries[a].name)]
    for actor in full:
        name = entries[actor].name
        if not has_initial(name):
            continue
        fits = [a for a in plain if surname(entries[a].name) == surname(name)
                and first_names_compatible(entries[a].name, name)]
        if len(fits) == 1:
            remap[actor] = fits[0]


def _merge_surnames(entries, remap, fixed) -> None:
    by_surname = defaultdict(set)
    for actor in _full_persons(entries, remap):
        by_surname[surname(entries[actor].name)].add(actor)
    for actor in _live(entries, remap):
        name = entries[actor].name
        if id_prefix(actor) not in settings.SURNAME_LABEL_PREFIXES or len(name.split()) != 1:
            continue
        if actor in fixed or is_abbreviation(name):
            continue
        owners = by_surname.get(name.lower(), set())
        if len(owners) == 1:
            remap[actor] = next(iter(owners))


def _merge_abbreviations(entries, remap, fixed) -> None:
    live = _live(entries, remap)
    long_forms = [a for a in live if not is_abbreviation(entries[a].name) and id_prefix(a) != "person"]
    for actor in live:
        name = entries[actor].name
        if not is_abbreviation(name) or actor in fixed:
            continue
        alias_owners = {a for a in long_forms if name in entries[a].names}
        owners = alias_owners or {a for a in long_forms if abbreviates(name, entries[a].name)}
        if len(owners) == 1:
            remap[actor] = owners.pop()


def _resolve_roles(entries, remap) -> dict[str, str | None]:
    """Placeholder role ids ("role:velorian-leader") -> the one person holding a matching title in the
    corpus ("Velorian President Marek Oduya" in any article), else None (the mention stays unresolved)."""
    titles = []
    for actor in _live(entries, remap):
        if id_prefix(actor) == "person":
            for text in entries[actor].roles:
                head, mods = text_role_key(text)
                if mods:
                    titles.append(RoleBinding(0, 0, head, mods, actor))
    resolved: dict[str, str | None] = {}
    for actor in entries:
        if id_prefix(actor) == "role":
            said = entries[actor].roles.most_common(1) or entries[actor].names.most_common(1)
            head, mods = text_role_key(said[0][0] if said else "")
            resolved[actor] = match_role(head, mods, titles, before=1)
    return resolved


def _table(entries, remap, fixed) -> list[Actor]:
    merged: dict[str, _Entry] = {}
    for actor, entry in entries.items():
        merged.setdefault(remap.get(actor, actor), _Entry()).absorb(entry)
    targets = {fixed[a][2] for a in merged if a in fixed and fixed[a][2]}
    for target in targets - set(merged):  # link targets exist even when unmentioned
        name = settings.LINK_TARGET_NAMES.get(target) or id_key(target).replace("-", " ").title()
        merged[target] = _Entry(names=Counter({name: 0}))
    return [_actor(actor, entry, fixed) for actor, entry in sorted(merged.items())]


def _canonical_name(actor: str, entry: _Entry, fixed) -> str:
    if actor in fixed:
        return fixed[actor][1]
    if actor in settings.LINK_TARGET_NAMES:
        return settings.LINK_TARGET_NAMES[actor]
    names = [n for n, _ in entry.names.most_common()]
    if id_prefix(actor) == "person":
        return entry.name or id_key(actor)
    long = [n for n in names if not is_abbreviation(n)]
    return long[0] if long else names[0] if names else id_key(actor)


def _actor(actor: str, entry: _Entry, fixed) -> Actor:
    name = _canonical_name(actor, entry, fixed)
    roles = [r for r, _ in entry.roles.most_common() if len(r.split()) >= settings.MIN_ROLE_WORDS]
    aliases = [n for n, _ in entry.names.most_common() if n != name] + roles
    return Actor(
        id=actor,
        name=name,
        type=settings.PREFIX_TYPE.get(id_prefix(actor), id_prefix(actor)),
        aliases=list(dict.fromkeys(aliases))[: settings.MAX_ALIASES],
        article_count=entry.articles,
        mention_count=entry.mentions,
        linked_to=fixed.get(actor, (None,) * 3)[2],
    )


def apply_remap(article: Article, remap: dict[str, str | None]) -> None:
    """Rewrite the article's actor ids to the canonical ones, in place: entities, actors, and the
    actor ids later stages copied from them (quotes' speaker_actor_id, roles' actor_id). A role
    placeholder the corpus could not tie to one person becomes None."""
    if not remap:
        return
    for entity in article.entities:
        if entity.actor_id in remap:
            entity.actor_id = remap[entity.actor_id]
    for quote in article.quotes:
        if quote.speaker_actor_id in remap:
            quote.speaker_actor_id = remap[quote.speaker_actor_id]
    for role in article.roles:
        if role.actor_id in remap:
            role.actor_id = remap[role.actor_id]
    actors = (remap.get(a, a) for a in article.actors)
    article.actors = list(dict.fromkeys(a for a in actors if a))


def merge_actors(items: Iterable["Article | Iterable[ActorSummary]"]) -> tuple[list[Actor], dict[str, str | None]]:
    """Articles (or each article's summaries) -> (actor table, remap). Streams over `items`."""
    merger = ActorMerger()
    for item in items:
        if isinstance(item, Article):
            merger.add_article(item)
        else:
            merger.add(item)
    return merger.finalize()
