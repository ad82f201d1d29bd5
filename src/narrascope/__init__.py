"""narrascope: narrative intelligence for news.

    import narrascope
    corpus = narrascope.analyze(["articles/"], db="narrascope.db")
"""
from .corpus import Corpus, RunSummary, analyze, open_corpus
from .errors import NarrascopeError
from .model import Actor, Article, Entity, NarrativeLabel, Removed, Role, Statement

__version__ = "0.1.0"

__all__ = [
    "Actor", "Article", "Corpus", "Entity", "NarrascopeError", "NarrativeLabel", "Removed", "Role", "RunSummary",
    "Statement", "__version__", "analyze", "open_corpus",
]
