"""The nlp stage: spaCy sentences, tokens, named entities and dependency parse; local actors.

    NlpStage()(article)              # one article
    NlpStage().process_batch(batch)  # many, through nlp.pipe (the runner uses this when present)
    doc_for(article) -> Doc          # the parse of article.text, for the stages that follow in the
                                     # same process (statements, framing); cached, parsed on a miss
    load_model(name=None) -> Language
    with memory_zone(): ...          # around one chunk's stages: memory flat in corpus size

Writes `entities` (Entity with character offsets into `article.text`; numeric labels dropped, see
settings.nlp.SKIP_LABELS; resolved role nouns added with label "ROLE") and `actors` (the article's
local actor ids, in order of first mention; see `narrascope.stages.actors`). Docs are never stored in
the Article: they are not serialised, and the store keeps only entities and actors.

The model loads once per process (a module-level cache keyed by model name) and is never
downloaded: a missing model raises ModelNotAvailableError naming the package to install.
"""
from __future__ import annotations

from collections import OrderedDict
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterable, Iterator

from ..errors import ModelNotAvailableError
from ..model import Article
from ..settings import nlp as settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_models: dict[str, "Language"] = {}
_docs: "OrderedDict[str, Doc]" = OrderedDict()


def load_model(name: str | None = None) -> "Language":
    """The spaCy pipeline `name` (default settings.nlp.SPACY_MODEL), loaded once per process."""
    name = name or settings.SPACY_MODEL
    if name not in _models:
        import spacy

        try:
            nlp = spacy.load(name, exclude=list(settings.DISABLED_PIPES))
        except OSError as exc:
            package = settings.MODEL_PACKAGES.get(name, name)
            raise ModelNotAvailableError(
                f"spaCy model {name!r} is not installed: pip install {package} "
                f"(or set narrascope.settings.nlp.SPACY_MODEL to an installed model). Models are never "
                f"downloaded at run time."
            ) from exc
        nlp.max_length = max(nlp.max_length, settings.MAX_CHARS + 1)
        if "parser" in nlp.pipe_names:
            _register_paragraph_starts()
            nlp.add_pipe("narrascope_paragraph_starts", before="parser")
        _models[name] = nlp
    return _models[name]


def _register_paragraph_starts() -> None:
    """A component that starts a sentence after every blank line: a headline-like paragraph with no
    final full stop is otherwise parsed as one sentence with the next paragraph."""
    from spacy.language import Language

    if Language.has_factory("narrascope_paragraph_starts"):
        return

    @Language.component("narrascope_paragraph_starts")
    def paragraph_starts(doc: "Doc") -> "Doc":
        for token in doc[:-1]:
            if token.is_space and token.text.count("\n") >= 2:
                doc[token.i + 1].is_sent_start = True
        return doc


def _text_of(article: Article) -> str:
    return (article.text or "")[: settings.MAX_CHARS]


def _remember(article: Article, doc: "Doc") -> None:
    _docs[article.id] = doc
    _docs.move_to_end(article.id)
    while len(_docs) > settings.DOC_CACHE_SIZE:
        _docs.popitem(last=False)


def doc_for(article: Article, model: str | None = None) -> "Doc":
    """The Doc of `article.text` made by the nlp stage in this process; parsed now on a cache miss."""
    doc = _docs.get(article.id)
    if doc is not None and doc.text == _text_of(article):
        return doc
    doc = load_model(model)(_text_of(article))
    _remember(article, doc)
    return doc


@contextmanager
def memory_zone(model: str | None = None) -> Iterator[None]:
    """Free what spaCy learned while processing a chunk (new strings, Docs) when the chunk is done.

    spaCy's string store grows with every new word it sees, so a long-running worker grows with the
    corpus. Wrap each chunk's nlp + statements work in this (spaCy >= 3.8 `Language.memory_zone`); Docs
    made inside are invalid after it, so the Doc cache is emptied on the way out.
    """
    nlp = load_model(model)
    with nlp.memory_zone():
        try:
            yield
        finally:
            _docs.clear()


class NlpStage:
    name = "nlp"
    reads = ("text",)
    writes = ("entities", "actors")

    def __init__(self, model: str | None = None, batch_size: int | None = None):
        self.model = model or settings.SPACY_MODEL
        self.batch_size = batch_size or settings.BATCH_SIZE
        self.nlp = load_model(self.model)

    def batch_context(self):
        """The runner keeps this open while the later stages (statements, ...) use this batch's Docs."""
        return memory_zone(self.model)

    def __call__(self, article: Article) -> None:
        self.process_batch([article])

    def process_batch(self, articles: list[Article]) -> None:
        texts = (_text_of(article) for article in articles)
        for article, doc in zip(articles, self.nlp.pipe(texts, batch_size=self.batch_size)):
            _remember(article, doc)
            annotate(article, doc)


def annotate(article: Article, doc: "Doc") -> None:
    """Set `entities` and `actors` of the article from its parse."""
    from .actors_local import local_actors

    article.entities, article.actors = local_actors(doc)


def iter_docs(articles: Iterable[Article], model: str | None = None) -> Iterable["Doc"]:
    """Docs for a stream of articles (no caching): for benchmarks and tools."""
    nlp = load_model(model)
    return nlp.pipe((_text_of(a) for a in articles), batch_size=settings.BATCH_SIZE)
