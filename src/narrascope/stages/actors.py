"""Canonical actors: who an article's names, titles, role nouns and pronouns stand for.

Two levels.

**Per article** (run by `narrascope.stages.nlp.NlpStage`, nothing to call yourself): the article's
named-entity mentions are grouped into local actors, each with a stable id derived from its
canonical name ("person:vladimir-putin", "org:institute-for-the-study-of-war", "gpe:russia",
"org:kremlin"). `Entity.actor_id` and `Article.actors` carry those ids. Role nouns the article ties to
a person ("Russian President Vladimir Putin" ... "the Russian leader"; "Sergey Lavrov, Putin's
foreign minister"; "X is the foreign minister") become extra entities with label "ROLE" and that
person's actor id, so the tie is stored and exported with the article. A definite role noun with a
modifier that the article does not tie to a name ("the Russian President" in an article that never
names him with that title) gets a placeholder id "role:russian-president", which the corpus merge
replaces with the one person holding that title anywhere in the corpus, or with None.

Actor types and id prefixes (settings.actors.ACTOR_TYPES): PERSON -> person ("person:"), ORG ->
organisation ("org:"), GPE -> gpe, a place that also acts as its government ("gpe:"), NORP -> group
("group:"; demonym adjectives such as "Velorian troops" get no actor), LOC/FAC -> place ("place:").
Fixed names (settings.actors.METONYMS) override spaCy's label: "the Kremlin" is "org:kremlin",
`linked_to` "gpe:russia". Capitals used for their governments ("Kyiv rejected the offer") are not
split from the city: "gpe:kyiv" is one actor `linked_to` "gpe:ukraine"; a later stage that needs the
government follows `linked_to`. Users add their own fixed names without editing the code: YAML files
named in the environment variable NARRASCOPE_METONYMS (see actors_fixed.py), e.g. for the demo corpus
    kessa: {id: gpe:kessa, name: Kessa, linked_to: gpe:estmark}

**Corpus level** (streaming; the runner calls it in the main process after the per-article stages):

    merger = ActorMerger()
    merger.seed(store_actors)            # optional: the actor table of earlier runs
    for article in articles:             # any order, any number; only the table is kept in memory
        merger.add_article(article)      # or merger.add(summarize_article(article))
    actors, remap = merger.finalize()    # list[Actor], {local id: canonical id, or None}
    for article in articles:
        apply_remap(article, remap)      # rewrites Entity.actor_id, Article.actors, and the ids later
                                         # stages copied (Statement.speaker_actor_id, Role.actor_id)

`merge_actors(articles_or_summaries)` does all of that in one call and returns `(actors, remap)`.
The remap joins, for example, "person:putin" (an article that only says "Putin") to
"person:vladimir-putin" when the corpus has exactly one person with that surname; ambiguous
surnames stay separate. See `actors_merge.py` for the rules.

**Resolution helpers for later stages** (statements, framing), in the worker process right after nlp:

    resolve_mention(article, doc, span_start, span_end) -> actor id | None   # character offsets
    resolve_pronoun(article, doc, token_index) -> actor id | None            # index of a token in doc

Both are conservative: they return None rather than guess. They may return a "role:..." placeholder
id (see above); `apply_remap` resolves it once the corpus merge has run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Article
from .actors_merge import ActorMerger, ActorSummary, apply_remap, merge_actors, summarize_article

__all__ = [
    "ActorMerger", "ActorSummary", "apply_remap", "merge_actors", "summarize_article",
    "resolve_mention", "resolve_pronoun",
]

if TYPE_CHECKING:  # spaCy is imported lazily so that importing narrascope stays fast
    from spacy.tokens import Doc


def resolve_mention(article: Article, doc: "Doc", span_start: int, span_end: int) -> str | None:
    """The actor id a name or role-noun span stands for, or None when unknown or ambiguous.

    `span_start`/`span_end` are character offsets into `article.text` (== `doc.text`), i.e. a spaCy
    `Span.start_char`/`Span.end_char`. Works for: a named mention ("Putin", "Putin's", "Vladimir Putin",
    "the ISW"), a role noun the article tied to a person ("the Russian President", "Putin's foreign
    minister"), a metonym ("the Kremlin"). Pronouns and untied common nouns return None.
    `doc` must be the parse of `article.text` (`narrascope.stages.nlp.doc_for(article)`).
    """
    from .actors_resolve import resolve_mention as _resolve

    return _resolve(article, doc, span_start, span_end)


def resolve_pronoun(article: Article, doc: "Doc", token_index: int) -> str | None:
    """The actor a pronoun refers to, or None when unsure.

    `token_index` is the index of the pronoun token in `doc`. "he/she/his/her/him" refer to persons,
    "it/its" to organisations and gpes ("Its journalists claim" -> the outlet); "they" is never resolved.
    Rule: the subject of the nearest verb above the pronoun in its own sentence ("X said that he..."),
    else the most recent compatible actor mentioned as a grammatical subject earlier in the same or the
    preceding sentences (settings.actors.PRONOUN_LOOKBACK_SENTENCES); in a sentence with two such
    subjects, the main clause's; None when that still leaves two, or when a title cue ("Mrs") says
    the other gender.
    """
    from .actors_resolve import resolve_pronoun as _resolve

    return _resolve(article, doc, token_index)
