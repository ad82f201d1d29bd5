"""One exception tree. Every message says what went wrong and what to do next."""
from __future__ import annotations


class NarrascopeError(Exception):
    """Base of every error narrascope raises on purpose."""


class InputError(NarrascopeError):
    """An input file, row or URL could not be read. Carries where and what to do."""

    def __init__(self, source: str, reason: str, hint: str = ""):
        self.source, self.reason, self.hint = source, reason, hint
        super().__init__(source, reason, hint)

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}" + (f" — {self.hint}" if self.hint else "")


class NothingReadError(NarrascopeError):
    """No input at all could be read."""


class StoreError(NarrascopeError):
    """The database could not be opened, migrated or written."""


class TaxonomyError(NarrascopeError):
    """A taxonomy file is invalid."""


class ModelNotAvailableError(NarrascopeError):
    """A model package is not installed (models are never downloaded at run time)."""
