"""The statements stage: who said what, and when.

    StatementsStage()(article)                        # sets article.quotes
    extract_statements(doc, published=None, resolve=None) -> list[Statement]

Each Statement's `start`/`end` are character offsets of its content into `article.text`
(`article.text[s.start:s.end] == s.text`). Shapes found (settings in `settings/statements.py`):

- **direct**: a quotation (curly, straight, guillemets, single quotes as outer marks; nested single
  quotes stay inside) attributed by a cue in its sentence ("“...,” Sorell said", "Sorell said:
  “...”"), by a bare frame up to two sentences later ("“...” / VelPress added."), or as the
  continuation of the statement just before it in the same paragraph. A quote split by its
  attribution ("“A,” she said. “B.”") gives **two** statements with the same speaker and cue.
  A quote with no cue is kept with `speaker=None` only when it is long (a scare quote, a term or a
  title is short and dropped).
- **indirect**: a speech verb with a subject and a clausal, object or prepositional complement
  ("said that ...", "told the AP ...", "stated the need for ...", "called for ...", "denied ...");
  "according to X"; a speech noun with a "that"-clause ("repeated his claim that ...").
- **mixed**: indirect content holding a quoted fragment ("said he was ready to “negotiate”").
  A short all-capitalised quoted fragment is a title and leaves the statement indirect.
- **via**: when a reporting cue (settings.REPORTING_CUES: "X reported", "according to X") frames
  content that has its own attributed statement, that inner statement is kept with `via=X`.
- **speaker**: the subject phrase as written (appositions cut); `speaker_actor_id` from
  `actors.resolve_mention` / `actors.resolve_pronoun`, else None (never guessed here).
- **said_on**: a date phrase attached to the cue or speaker ("on Sunday", "Monday", "on May 24"),
  resolved against `article.published` (statements_dates.said_on).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from ..model import Article, Statement
from ..settings import statements as cfg
from .statements_cues import Frame, date_tokens, find_frames
from .statements_dates import said_on
from .statements_quotes import Quote, find_quotes, trimmed_inner, word_count

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Resolver = Callable[["Token", tuple[int, int]], "str | None"]


class _Parsed:
    """The Doc with its text and sentences computed once (Doc.text re-joins every token per call)."""

    def __init__(self, doc: "Doc"):
        self.doc = doc
        self.text = doc.text
        self.sents = list(doc.sents)


@dataclass
class _Draft:
    statement: Statement
    frame: Frame | None
    content_ids: set[int]
    keep: bool = True


class StatementsStage:
    name = "statements"
    reads = ("text", "published", "entities", "actors")
    writes = ("quotes",)

    def __call__(self, article: Article) -> None:
        if not article.text:
            article.quotes = []
            return
        from .nlp import doc_for

        doc = doc_for(article)
        article.quotes = extract_statements(doc, article.published, actor_resolver(article, doc))


def actor_resolver(article: Article, doc: "Doc") -> Resolver:
    """Speaker -> actor id through the actors helpers; None while they are unavailable."""

    def resolve(head: "Token", span: tuple[int, int]) -> str | None:
        try:
            from .actors import resolve_mention, resolve_pronoun

            if head.pos_ == "PRON":
                return resolve_pronoun(article, doc, head.i)
            actor = resolve_mention(article, doc, span[0], span[1]) or _resolve_inner_name(article, doc, span)
            owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
            if actor is None and owner is not None and head.pos_ == "NOUN":
                actor = resolve_pronoun(article, doc, owner.i)  # "its journalists" -> the outlet
            return actor
        except ImportError:
            return None

    return resolve


@dataclass
class Attribution:
    """A statement with what benchmarks need beyond it: the speaker's offsets and the cue's lemma."""

    statement: Statement
    speaker_span: tuple[int, int] | None
    cue_lemma: str | None
    continues: "Attribution | None" = None  # "“A,” she said. “B.”": B's attribution points at A's


def _resolve_inner_name(article: Article, doc: "Doc", span: tuple[int, int]) -> str | None:
    """"the Institute for the Study of War (ISW) think tank": the name inside a longer phrase."""
    from .actors import resolve_mention

    for ent in doc.char_span(span[0], span[1], alignment_mode="expand").ents if span[1] > span[0] else []:
        if ent.label_ in cfg.SPEAKER_ENTITY_LABELS:
            actor = resolve_mention(article, doc, ent.start_char, ent.end_char)
            if actor is not None:
                return actor
    return None


def extract_statements(doc: "Doc", published: str | None = None, resolve: Resolver | None = None) -> list[Statement]:
    """All statements in a parsed text, in order of their content's start."""
    return [a.statement for a in extract_attributions(doc, published, resolve)]


def extract_attributions(doc: "Doc", published: str | None = None, resolve: Resolver | None = None) -> list[Attribution]:
    parsed = _Parsed(doc)
    text = parsed.text
    quotes = find_quotes(text)
    in_quote = _tokens_in_quotes(doc, quotes)
    frames = find_frames(doc, in_quote)
    drafts = [d for d in (_draft(parsed, f, quotes, published, resolve) for f in frames if f.content) if d]
    _apply_via(drafts)
    found = [Attribution(d.statement, d.frame.speaker_span, d.frame.lemma) for d in drafts if d.keep]
    bare = [f for f in frames if not f.content]
    found += _attribute_quotes(parsed, quotes, found, bare, published, resolve)
    return _unique(sorted(found, key=lambda a: (a.statement.start, a.statement.end)))


def _tokens_in_quotes(doc: "Doc", quotes: list[Quote]) -> set[int]:
    ids: set[int] = set()
    for quote in quotes:
        span = doc.char_span(quote.inner_start, quote.inner_end, alignment_mode="expand")
        if span is not None:
            ids.update(range(span.start, span.end))
    return ids


def _draft(parsed: _Parsed, frame: Frame, quotes: list[Quote], published: str | None,
           resolve: Resolver | None) -> _Draft | None:
    doc, text = parsed.doc, parsed.text
    first, last = doc[frame.content[0]], doc[frame.content[-1]]
    kind, start, end = classify_content(text, first.idx, last.idx + len(last.text), quotes)
    if end <= start or word_count(text[start:end]) < cfg.MIN_CONTENT_WORDS:
        return None
    statement = Statement(
        speaker=_speaker_text(text, frame), speaker_actor_id=_actor(frame, resolve), via=None,
        cue=frame.cue_text, text=text[start:end], kind=kind, start=start, end=end,
        said_on=_said_on(frame, published),
    )
    return _Draft(statement, frame, set(frame.content))


def classify_content(text: str, start: int, end: int, quotes: list[Quote]) -> tuple[str, int, int]:
    """(kind, start, end) of a content span: direct when it is all one quotation (but a word or
    so), mixed when it holds a quoted fragment, else indirect."""
    inside = [q for q in quotes if q.inner_start < end and start < q.inner_end]
    if not inside or all(_is_title(text, q) for q in inside):
        return ("indirect", *_trim(text, start, end))
    unquoted = _unquoted_words(text, start, end, inside)
    if unquoted <= cfg.DIRECT_MAX_UNQUOTED_WORDS:
        if len(inside) == 1:
            return ("direct", *trimmed_inner(text, inside[0]))
        return ("direct", *_trim(text, inside[0].inner_start, inside[-1].inner_end))
    start = min(start, *(q.start for q in inside))
    end = max(end, *(q.end for q in inside))
    return ("mixed", *_trim(text, start, end))


def _unquoted_words(text: str, start: int, end: int, inside: list[Quote]) -> int:
    pieces, cursor = [], start
    for quote in inside:
        pieces.append(text[cursor:max(cursor, quote.start)])
        cursor = max(cursor, quote.end)
    pieces.append(text[cursor:end])
    return word_count(" ".join(pieces))


def _is_title(text: str, quote: Quote) -> bool:
    words = text[quote.inner_start:quote.inner_end].split()
    return 0 < len(words) <= cfg.MAX_TITLE_WORDS and words[0][:1].isupper() and all(
        w[:1].isupper() or not w[:1].isalpha() or w.lower() in cfg.TITLE_SMALL_WORDS for w in words)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:\u2013\u2014-"):
        start += 1
    if text[start:start + 5].lower() == "that " and end - start > 5:
        start += 5
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.\u2013\u2014-"):
        end -= 1
    return start, end


def _speaker_text(text: str, frame: Frame) -> str | None:
    if frame.speaker_span is None:
        return None
    return text[frame.speaker_span[0]:frame.speaker_span[1]]


def _actor(frame: Frame, resolve: Resolver | None) -> str | None:
    if resolve is None or frame.speaker is None or frame.speaker_span is None:
        return None
    return resolve(frame.speaker, frame.speaker_span)


def _said_on(frame: Frame, published: str | None) -> str | None:
    if not published:
        return None
    phrase = " ".join(t.text for t in date_tokens(frame))
    return said_on(phrase, published)


def _apply_via(drafts: list[_Draft]) -> None:
    """"..., the agency X reported" around someone else's statement: keep the inner one, via X."""
    for outer in drafts:
        if outer.frame is None or outer.frame.lemma not in cfg.REPORTING_CUES:
            continue
        inner = [d for d in drafts if d is not outer and d.frame is not None and d.frame.cue.i in outer.content_ids
                 and _main_clause_cue(d.frame.cue, outer.content_ids)]
        if not inner:
            continue
        outer.keep = False
        for draft in inner:
            draft.statement.via = draft.statement.via or outer.statement.speaker
            draft.statement.said_on = draft.statement.said_on or outer.statement.said_on


def _main_clause_cue(cue: "Token", content_ids: set[int]) -> bool:
    """The inner cue carries the reported content, not a relative or adverbial clause inside it
    ("regions which Russia claimed to annex", "..., although analysts suggest that ...")."""
    token = cue
    while token.head.i in content_ids and token.head.i != token.i:
        if token.dep_ in ("relcl", "advcl") or (token.dep_ == "acl" and token.i != cue.i):
            return False
        token = token.head
    return True


def _attribute_quotes(parsed: _Parsed, quotes: list[Quote], known: list[Attribution], bare: list[Frame],
                      published: str | None, resolve: Resolver | None) -> list[Attribution]:
    """Statements for quotations no content span claimed: a bare frame, a continuation, or none."""
    text, found = parsed.text, []
    for quote in quotes:
        done = known + found
        if any(a.statement.start < quote.inner_end and quote.inner_start < a.statement.end for a in done):
            continue
        start, end = trimmed_inner(text, quote)
        if word_count(text[start:end]) < cfg.MIN_FRAMED_QUOTE_WORDS:
            continue
        statements = [a.statement for a in done]
        frame = _colon_frame(text, quote, bare) or _later_frame(parsed, quote, bare, statements)
        if frame is not None:
            statement = Statement(_speaker_text(text, frame), _actor(frame, resolve), None, frame.cue_text,
                                  text[start:end], "direct", start, end, _said_on(frame, published))
            found.append(Attribution(statement, frame.speaker_span, frame.lemma))
            continue
        previous = _continued(parsed, quote, done)
        if previous is not None:
            p = previous.statement
            statement = Statement(p.speaker, p.speaker_actor_id, p.via, p.cue, text[start:end], "direct",
                                  start, end, p.said_on)
            found.append(Attribution(statement, previous.speaker_span, previous.cue_lemma, previous))
        elif word_count(text[start:end]) >= cfg.MIN_UNATTRIBUTED_QUOTE_WORDS:
            found.append(Attribution(Statement(None, None, None, None, text[start:end], "direct", start, end),
                                     None, None))
    return found


def _colon_frame(text: str, quote: Quote, bare: list[Frame]) -> Frame | None:
    """"Sorell said: “...”" or "..., as its officials declare, “...”": the frame just before the quote."""
    for frame in bare:
        frame_end = max(frame.cue.idx + len(frame.cue.text), frame.speaker_span[1] if frame.speaker_span else 0)
        after = text[frame_end:quote.start]
        if frame_end <= quote.start and len(after) <= 4 and not any(ch.isalnum() for ch in after) and "\n" not in after:
            return frame
    return None


def _later_frame(parsed: _Parsed, quote: Quote, bare: list[Frame], statements: list[Statement]) -> Frame | None:
    """A bare frame right after the quote (“...” Kirby said), or a short sentence of its own up to N
    sentences later (“...” / VelPress added.)."""
    sents, text = parsed.sents, parsed.text
    last = next((k for k, s in enumerate(sents) if s.start_char <= quote.end - 1 < s.end_char), None)
    if last is None:
        return None
    limit = sents[min(last + cfg.SPEAKER_LOOKAHEAD_SENTENCES, len(sents) - 1)].end_char
    for frame in bare:
        if not quote.end <= frame.cue.idx < limit:
            continue
        if any(quote.end <= s.start < frame.cue.idx for s in statements):
            return None
        if text.count("\n", quote.end, frame.cue.idx) > cfg.MAX_PARAGRAPH_BREAKS_TO_SPEAKER:
            return None
        speaker_start = frame.speaker_span[0] if frame.speaker_span else frame.cue.idx
        adjacent = all(not ch.isalnum() for ch in text[quote.end:min(speaker_start, frame.cue.idx)])
        sent = frame.cue.sent
        own_sentence = sent.start_char >= quote.end and len(sent) <= cfg.MAX_TRAILING_FRAME_TOKENS
        return frame if adjacent or own_sentence else None
    return None


def _continued(parsed: _Parsed, quote: Quote, known: list[Attribution]) -> Attribution | None:
    """"“A,” she said. “B.”": B continues the statement whose sentence ends right before it."""
    before = [a for a in known if a.statement.end <= quote.start]
    if not before:
        return None
    previous = max(before, key=lambda a: a.statement.end)
    sentence_end = _sentence_end_after(parsed, previous.statement.end)
    gap = parsed.text[sentence_end:quote.start]
    attached = gap.strip() == "" and "\n" not in gap and previous.statement.speaker is not None
    return previous if attached else None


def _sentence_end_after(parsed: _Parsed, offset: int) -> int:
    for sent in parsed.sents:
        if sent.start_char <= offset < sent.end_char or (offset == sent.end_char):
            return sent.end_char
    return offset


def _unique(found: list[Attribution]) -> list[Attribution]:
    seen, out = set(), []
    for attribution in found:
        key = (attribution.statement.start, attribution.statement.end)
        if key not in seen:
            seen.add(key)
            out.append(attribution)
    return out
