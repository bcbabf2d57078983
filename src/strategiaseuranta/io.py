"""``load`` and ``dump``: the format is chosen by the file extension."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from strategiaseuranta.exceptions import FormatError
from strategiaseuranta.formats._files import fail

if TYPE_CHECKING:
    from strategiaseuranta.model import Report

__all__ = ["FORMATS", "dump", "load"]

FORMATS: dict[str, str] = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}
"""File extension → format name."""


def _format_of(path: str, *, reading: bool) -> str:
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        message = f"unknown file extension {Path(path).suffix or '(none)'!r}; known: {known}"
        if reading:
            raise fail("L109", message, path)
        raise FormatError(f"{path}: {message}")
    return fmt


def load(path: str | os.PathLike[str]) -> Report:
    """Load a report from a file; the extension chooses the format.

    Raises:
        LoadError: The file cannot be used; ``error.issues`` lists every problem
            with its file, line and column.

    Example:
        >>> import strategiaseuranta as ss
        >>> report = ss.load("examples/joensuu/2025-07.yaml")
        >>> report.organisation.body
        'Hyvinvoinnin ja osallisuuden edistämisen lautakunta'
        >>> str(report.period)
        'tammi–heinäkuu 2025'
    """
    name = os.fspath(path)
    if _format_of(name, reading=True) == "yaml":
        from strategiaseuranta.formats import yaml  # noqa: PLC0415

        return yaml.load_report(name)
    from strategiaseuranta.formats import json  # noqa: PLC0415

    return json.load_report(name)


def dump(report: Report, path: str | os.PathLike[str], *, keep: bool = True) -> None:
    """Write a report to a file atomically; the extension chooses the format.

    Writing YAML over the file a report was loaded from (or over any YAML file of
    the same body) keeps that file's comments and layout and changes only what
    changed, unless ``keep`` is false.

    Raises:
        FormatError: Unknown extension.
        WriteError: The file cannot be written; an existing file is left as it was.

    Example:
        >>> import strategiaseuranta as ss, tempfile, pathlib
        >>> report = ss.load("examples/joensuu/2025-07.yaml")
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "kierros.json"
        >>> ss.dump(report, out)
        >>> ss.load(out) == report
        True
    """
    name = os.fspath(path)
    if _format_of(name, reading=False) == "yaml":
        from strategiaseuranta.formats import yaml  # noqa: PLC0415

        yaml.dump_report(report, name, keep=keep)
        return
    from strategiaseuranta.formats import json  # noqa: PLC0415

    json.dump_report(report, name)
