"""narrascope: narrative intelligence for news.

    import narrascope
    corpus = narrascope.analyze(["articles/"], db="narrascope.db")
"""
from .model import Actor, Article, Entity, NarrativeLabel, Removed, Role, Statement

__version__ = "0.1.0"

__all__ = ["Actor", "Article", "Entity", "NarrativeLabel", "Removed", "Role", "Statement", "__version__"]
