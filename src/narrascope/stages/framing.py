"""The framing stage: the role of each salient actor of an article (SemEval-2025 Task 10 subtask-1
scheme: main role Protagonist/Antagonist/Innocent + fine roles), with a score and evidence sentence.

Zero-shot by default (framing_zeroshot.py); supervised with a model from `train_framing`
(framing_train.py). Sentence embeddings come from the shared cache, so after the narratives stage
an article's sentences are not embedded twice.

Library calls behind the CLI:
    train_framing(semeval_dir, out_path) -> card
    predict_framing(documents, mentions, model_path=None) -> list[MentionRow]   # SemEval rows, input order
"""
from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np
from scipy.sparse import vstack

from ..model import Article, Role
from ..semeval import MentionRow, SemEvalFormatError, load_split
from .embeddings import Encoder, encode_many, get_encoder
from .framing_actors import Mention, mention_from_offsets, salient_actors
from .framing_features import DEFAULT, FeatureOptions, mention_features
from .framing_mpnet import get_mention_encoder
from .framing_syntax import Parser, parse_context
from .framing_train import FramingModel, SupervisedFraming
from .framing_zeroshot import ZeroShotFraming
from .narratives_io import data_hash, load_model, save_model
from .narratives_text import Sentence, split_sentences
from .nlp import doc_for
from .nlp import load_model as load_spacy
from ..settings import narratives as nsettings


class Framer(Protocol):
    def frame(self, sentences: list[Sentence], vectors: np.ndarray, mentions: list[Mention]) -> list[Role]: ...


def build_framer(model_path: str | Path | None = None, encoder: Encoder | None = None,
                 parser: Parser | None = None) -> Framer:
    """Zero-shot without a model; `parser` parses mention sentences for models with parse features
    when the nlp stage's parse is not at hand (default: the nlp stage's spaCy model)."""
    encoder = encoder or get_encoder()
    if model_path is None:
        return ZeroShotFraming(encoder)
    model, _ = load_model(model_path, "framing")
    return SupervisedFraming(model, encoder, parser)


class FramingStage:
    name = "framing"
    reads = ("text", "entities")
    writes = ("roles",)

    def __init__(self, model_path: str | Path | None = None, encoder: Encoder | None = None):
        self.model_path = model_path
        self.encoder = encoder
        self._framer: Framer | None = None

    @property
    def framer(self) -> Framer:
        if self._framer is None:
            self._framer = build_framer(self.model_path, self.encoder)
            self.encoder = getattr(self._framer, "encoder", self.encoder)
            if getattr(self._framer, "needs_parse", False):
                load_spacy()  # with the other models, not on the first article
        return self._framer

    def __call__(self, article: Article) -> None:
        self.process_batch([article])

    def process_batch(self, articles: list[Article]) -> None:
        todo = [a for a in articles if a.text]
        framer = self.framer
        sentence_lists = [split_sentences(a.text) for a in todo]
        vectors = encode_many(framer.encoder, [[s.text for s in sents] for sents in sentence_lists])  # type: ignore[attr-defined]
        for article, sentences, vecs in zip(todo, sentence_lists, vectors):
            if getattr(framer, "needs_parse", False) and article.entities:  # the nlp stage ran: reuse its parse
                article.roles = framer.frame(sentences, vecs, salient_actors(article), parses=[(0, doc_for(article))])  # type: ignore[call-arg]
            else:
                article.roles = framer.frame(sentences, vecs, salient_actors(article))


def semeval_mentions(documents: dict[str, str], rows: list[MentionRow]) -> dict[str, list[tuple[int, Mention]]]:
    """Mentions grouped by article, each with its row index (to write rows back in input order)."""
    grouped: dict[str, list[tuple[int, Mention]]] = {}
    for index, row in enumerate(rows):
        if row.article_id not in documents:
            raise SemEvalFormatError(row.article_id, "mention of an article that is not among the documents",
                                     "pass the documents folder the mentions file belongs to")
        text = documents[row.article_id]
        grouped.setdefault(row.article_id, []).append((index, mention_from_offsets(text, row.start, row.end, row.mention)))
    return grouped


def article_sentences(encoder: Encoder, documents: dict[str, str], ids: list[str]):
    sentence_lists = [split_sentences(documents[i]) for i in ids]
    vectors = encode_many(encoder, [[s.text for s in sents] for sents in sentence_lists])
    return sentence_lists, vectors


def predict_framing(documents: dict[str, str], mentions: list[MentionRow], model_path: str | Path | None = None,
                    encoder: Encoder | None = None, framer: Framer | None = None,
                    parser: Parser | None = None) -> list[MentionRow]:
    """Roles for given mentions (SemEval subtask-1 input), one output row per input row, in input order."""
    framer = framer or build_framer(model_path, encoder, parser)
    grouped = semeval_mentions(documents, mentions)
    ids = list(grouped)
    out: list[MentionRow | None] = [None] * len(mentions)
    sentence_lists, vectors = article_sentences(framer.encoder, documents, ids)  # type: ignore[attr-defined]
    for article_id, sentences, vecs in zip(ids, sentence_lists, vectors):
        items = grouped[article_id]
        for (index, _), role in zip(items, framer.frame(sentences, vecs, [m for _, m in items])):
            row = mentions[index]
            out[index] = MentionRow(row.article_id, row.mention, row.start, row.end, role.main_role, role.fine_roles)
    return out  # type: ignore[return-value]


def training_matrix(encoder: Encoder, documents: dict[str, str], rows: list[MentionRow],
                    options: FeatureOptions = DEFAULT, parser: Parser | None = None,
                    mention_encoder: Encoder | None = None):
    """Feature rows in the order of `rows` (a dense array, or sparse with word or parse features);
    with parse features, only the sentences that mention the actors are parsed (by `parser`);
    `mention_encoder` stands in for the one options.mention_encoder names (else it is loaded)."""
    mention_encoder = mention_encoder or get_mention_encoder(options.mention_encoder)
    grouped = semeval_mentions(documents, rows)
    ids = list(grouped)
    sentence_lists, vectors = article_sentences(encoder, documents, ids)
    blocks, order = [], []
    for article_id, sentences, vecs in zip(ids, sentence_lists, vectors):
        items = grouped[article_id]
        mentions = [m for _, m in items]
        parses = parse_context(sentences, mentions, parser) if options.syntax else None
        blocks.append(mention_features(encoder, sentences, vecs, mentions, options, parses, mention_encoder))
        order += [index for index, _ in items]
    stacked = vstack(blocks).tocsr() if options.sparse else np.vstack(blocks)
    return stacked[np.argsort(order)]


def train_framing(semeval_dir: str | Path, out_path: str | Path, encoder: Encoder | None = None,
                  cv_folds: int = nsettings.CV_FOLDS, parser: Parser | None = None,
                  options: FeatureOptions = DEFAULT) -> dict:
    """`narrascope train framing --semeval DIR -o MODEL`: fit on raw-documents/ + subtask-1-annotations.txt.
    `options`: the mention features (e.g. FeatureOptions(..., mention_encoder="all-mpnet-base-v2"))."""
    from .framing_cv import cross_validate_framing

    split = load_split(semeval_dir)
    if not split.roles:
        raise SemEvalFormatError(str(semeval_dir), "no subtask-1-annotations.txt", "the framing model trains on subtask-1 annotations")
    encoder = encoder or get_encoder()
    X = training_matrix(encoder, split.documents, split.roles, options, parser)
    mains = [r.main_role or "" for r in split.roles]
    fines = [r.fine_roles for r in split.roles]
    cv = cross_validate_framing(X, split.roles, folds=cv_folds, options=options) if cv_folds > 1 else {}
    model = FramingModel(options=options).fit(X, mains, fines)
    card = {
        "kind": "framing", "labels": {"main": sorted(set(mains)), "fine": sorted({f for fs in fines for f in fs})},
        "settings": {"C": model.C, "fine_per_main": model.per_main,
                     "features": {"mention_encoder": model.options.mention_encoder or "shared (all-MiniLM-L6-v2)",
                                  "context": "first context sentence, mean context, name",
                                  "article_vector": model.options.article_vector,
                                  "hashed_words": model.options.word_features,
                                  "parse": model.options.syntax}},
        "training_data": {"dir": str(semeval_dir), "mentions": len(split.roles),
                          "sha256": data_hash(split.documents, [str(r) for r in split.roles])},
        "cross_validation": cv,
    }
    return save_model(model, out_path, card)
