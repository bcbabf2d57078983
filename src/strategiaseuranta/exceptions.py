"""The library's exceptions: one hierarchy, rooted at :class:`StrategiaseurantaError`.

Functions that read data *collect* problems as :class:`~strategiaseuranta.Issue`
records instead of stopping at the first; when a file cannot be turned into a
report at all, they raise :class:`LoadError` carrying every issue found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from strategiaseuranta.issues import Issue

__all__ = [
    "FormatError",
    "LoadError",
    "MissingDependencyError",
    "SchemaError",
    "StrategiaseurantaError",
    "WriteError",
]


class StrategiaseurantaError(Exception):
    """Base class of every error this library raises on purpose."""


class LoadError(StrategiaseurantaError):
    """A file could not be loaded as a report.

    Attributes:
        issues: Every problem found, in file order; at least one is an error.

    Example:
        >>> import strategiaseuranta as ss
        >>> try:
        ...     ss.load("no-such-file.yaml")
        ... except ss.LoadError as error:
        ...     print(error.issues[0].code)
        L101
    """

    def __init__(self, issues: Sequence[Issue]) -> None:
        self.issues: tuple[Issue, ...] = tuple(issues)
        first = self.issues[0].format() if self.issues else "cannot load"
        more = len(self.issues) - 1
        super().__init__(first + (f" (and {more} more)" if more > 0 else ""))

    @property
    def unusable(self) -> bool:
        """True when the input could not be read at all (missing, not text, not YAML/JSON)."""
        return any(issue.unusable for issue in self.issues)


class FormatError(StrategiaseurantaError):
    """A file name whose extension names no known format, or an unsupported option."""


class MissingDependencyError(FormatError):
    """A format needs an optional dependency that is not installed.

    Attributes:
        extra: The extra to install, e.g. ``"xlsx"`` for ``pip install 'strategiaseuranta[xlsx]'``.
    """

    def __init__(self, message: str, extra: str) -> None:
        super().__init__(message)
        self.extra = extra


class SchemaError(StrategiaseurantaError):
    """A schema is unknown or malformed."""


class WriteError(StrategiaseurantaError):
    """A report could not be written; the target file is left as it was."""
