"""Optional dependencies: imported on first use, with an error naming the extra to install."""

from __future__ import annotations

import importlib
from types import ModuleType

from strategiaseuranta.exceptions import MissingDependencyError

__all__ = ["require"]


def require(module: str, extra: str, purpose: str) -> ModuleType:
    """Import an optional dependency, or say which extra installs it.

    Raises:
        MissingDependencyError: The module is not installed.

    Example:
        >>> require("json", "none", "reading JSON").dumps([1])
        '[1]'
        >>> require("no_such_module_here", "xlsx", "reading .xlsx files")
        Traceback (most recent call last):
        ...
        strategiaseuranta.exceptions.MissingDependencyError: reading .xlsx files needs the optional \
dependency 'no_such_module_here', which is not installed: pip install 'strategiaseuranta[xlsx]' \
(or 'strategiaseuranta[documents]' for every document format)
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        more = " (or 'strategiaseuranta[documents]' for every document format)" if extra in _DOCUMENTS else ""
        raise MissingDependencyError(
            f"{purpose} needs the optional dependency {module.split('.', maxsplit=1)[0]!r}, "
            f"which is not installed: pip install 'strategiaseuranta[{extra}]'{more}",
            extra,
        ) from None


_DOCUMENTS = frozenset({"xlsx", "docx", "pdf"})
"""The extras the ``documents`` extra gathers."""
