"""``load`` and ``dump``: the format is chosen by the file extension.

Formats are registered by extension: YAML and JSON are built in; plugins add
importers and exporters through the entry point group ``strategiaseuranta.formats``
(an object with ``name``, ``extensions`` and optional ``load(path)`` and
``dump(report, path)``), or :func:`register_format`.
"""

from __future__ import annotations

import os
import types
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from strategiaseuranta.exceptions import FormatError
from strategiaseuranta.formats._files import fail

if TYPE_CHECKING:
    from strategiaseuranta.model import Report

__all__ = ["FORMATS", "Format", "available_formats", "dump", "load", "register_format"]

FORMATS_GROUP = "strategiaseuranta.formats"


@attrs.frozen
class Format:
    """A file format: how to read and/or write reports with these extensions.

    Attributes:
        name: The format's name, e.g. ``"yaml"``.
        extensions: File extensions with the dot, e.g. ``(".yaml", ".yml")``.
        load: ``load(path) -> Report``, or ``None`` for a write-only format.
        dump: ``dump(report, path)``, or ``None`` for a read-only format (a PDF importer).
    """

    name: str
    extensions: tuple[str, ...]
    load: Callable[[str], Report] | None = None
    dump: Callable[[Report, str], None] | None = None


def _load_yaml(path: str) -> Report:
    from strategiaseuranta.formats import yaml  # noqa: PLC0415

    return yaml.load_report(path)


def _dump_yaml(report: Report, path: str) -> None:
    from strategiaseuranta.formats import yaml  # noqa: PLC0415

    yaml.dump_report(report, path)


def _load_json(path: str) -> Report:
    from strategiaseuranta.formats import json  # noqa: PLC0415

    return json.load_report(path)


def _dump_json(report: Report, path: str) -> None:
    from strategiaseuranta.formats import json  # noqa: PLC0415

    json.dump_report(report, path)


_formats: dict[str, tuple[Format, str]] = {}
_plugins_loaded = False


def register_format(fmt: Format, *, replace: bool = False) -> None:
    """Make a format available for its extensions (for plugins, notebooks and tests).

    Raises:
        FormatError: An extension is taken and ``replace`` is false.

    Example:
        >>> import strategiaseuranta as ss
        >>> register_format(Format("muistio", (".muistio",), dump=lambda r, p: None), replace=True)
        >>> available_formats()[".muistio"]
        'muistio (write; registered)'
    """
    _load_plugins()
    for ext in fmt.extensions:
        taken = _formats.get(ext.lower())
        if taken is not None and not replace and taken[0] != fmt:
            raise FormatError(f"extension {ext!r} is taken by format {taken[0].name!r}; pass replace=True")
    for ext in fmt.extensions:
        _formats[ext.lower()] = (fmt, "registered")


def _load_plugins() -> None:
    global _plugins_loaded  # noqa: PLW0603
    if _plugins_loaded:
        return
    _plugins_loaded = True
    for builtin in (
        Format("yaml", (".yaml", ".yml"), _load_yaml, _dump_yaml),
        Format("json", (".json",), _load_json, _dump_json),
    ):
        for ext in builtin.extensions:
            _formats[ext] = (builtin, "built-in")
    from strategiaseuranta.registry import _entry_points  # noqa: PLC0415

    for name, obj, origin in _entry_points(FORMATS_GROUP, "format"):
        fmt = (
            obj
            if isinstance(obj, Format)
            else Format(
                getattr(obj, "name", name),
                tuple(getattr(obj, "extensions", ())),
                getattr(obj, "load", None),
                getattr(obj, "dump", None),
            )
        )
        for ext in fmt.extensions:
            _formats.setdefault(ext.lower(), (fmt, origin))


def available_formats() -> Mapping[str, str]:
    """A read-only view: extension → ``"name (read, write; origin)"``.

    Example:
        >>> available_formats()[".yaml"]
        'yaml (read, write; built-in)'
    """
    _load_plugins()
    out = {}
    for ext, (fmt, origin) in sorted(_formats.items()):
        ways = ", ".join(w for w, f in (("read", fmt.load), ("write", fmt.dump)) if f is not None)
        out[ext] = f"{fmt.name} ({ways}; {origin})"
    return types.MappingProxyType(out)


def readable_extensions() -> frozenset[str]:
    """The extensions :func:`load` can read (built-in and plugin formats)."""
    _load_plugins()
    return frozenset(ext for ext, (fmt, _) in _formats.items() if fmt.load is not None)


def _format_of(path: str, *, reading: bool) -> Format:
    _load_plugins()
    ext = Path(path).suffix.lower()
    found = _formats.get(ext)
    way = "read" if reading else "write"
    usable = [e for e, (f, _) in sorted(_formats.items()) if (f.load if reading else f.dump) is not None]
    if found is None:
        message = f"unknown file extension {ext or '(none)'!r}; known: {', '.join(usable)}"
    elif (found[0].load if reading else found[0].dump) is None:
        message = f"format {found[0].name!r} cannot {way} {ext!r} files; it can {way}: {', '.join(usable)}"
    else:
        return found[0]
    if reading:
        raise fail("L109", message, path)
    raise FormatError(f"{path}: {message}")


FORMATS: Mapping[str, Any] = types.MappingProxyType({".yaml": "yaml", ".yml": "yaml", ".json": "json"})
"""The built-in file extensions → format name (see :func:`available_formats` for all)."""


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
    loader = _format_of(name, reading=True).load
    assert loader is not None
    return loader(name)


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
    fmt = _format_of(name, reading=False)
    if fmt.name == "yaml" and fmt.dump is _dump_yaml:
        from strategiaseuranta.formats import yaml  # noqa: PLC0415

        yaml.dump_report(report, name, keep=keep)
        return
    assert fmt.dump is not None
    fmt.dump(report, name)
