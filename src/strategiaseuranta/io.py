"""``load`` and ``dump``: the format is chosen by the file extension.

Formats are registered by extension: YAML, JSON, CSV, Excel, Word, HTML,
Markdown and PDF are built in; plugins add importers and exporters through the
entry point group ``strategiaseuranta.formats`` (an object with ``name``,
``extensions`` and optional ``load(path, **options)`` and
``dump(report, path, **options)``), or :func:`register_format`.

Options are passed on only when given, and only to formats that accept them:
``schema`` (the schema to read a document by), ``pages`` (which PDF pages) for
loading, ``lang`` (the language of labels) for writing.
"""

from __future__ import annotations

import inspect
import os
import types
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from strategiaseuranta.exceptions import FormatError
from strategiaseuranta.formats._files import fail

if TYPE_CHECKING:
    from strategiaseuranta.schema import Schema

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
        load: ``load(path, **options) -> Report``, or ``None`` for a write-only format.
        dump: ``dump(report, path, **options)``, or ``None`` for a read-only format (a PDF importer).
        extra: The optional dependency set (``pip install 'strategiaseuranta[extra]'``)
            the format needs, for messages; ``None`` when it needs nothing more.
    """

    name: str
    extensions: tuple[str, ...]
    load: Callable[..., Report] | None = None
    dump: Callable[..., None] | None = None
    extra: str | None = None


def _load_yaml(path: str) -> Report:
    from strategiaseuranta.formats import yaml  # noqa: PLC0415

    return yaml.load_report(path)


def _dump_yaml(report: Report, path: str) -> None:
    from strategiaseuranta.formats import yaml  # noqa: PLC0415

    yaml.dump_report(report, path)


def _load_json(path: str) -> Report:
    from strategiaseuranta.formats import json  # noqa: PLC0415

    return json.load_report(path)


def _dump_json(report: Report, path: str, *, indent: int | None = None) -> None:
    from strategiaseuranta.formats import json  # noqa: PLC0415

    json.dump_report(report, path, indent=indent)


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
        *_document_formats(),
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


def _options(fmt: Format, way: str, given: dict[str, Any]) -> dict[str, Any]:
    """The options that were given, checked against what the format's function accepts."""
    options = {k: v for k, v in given.items() if v is not None}
    func = fmt.load if way == "read" else fmt.dump
    if not options or func is None:
        return options
    try:
        params = inspect.signature(func).parameters
    except (TypeError, ValueError):  # a builtin or C function: pass the options on and let it decide
        return options
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        return options
    refused = sorted(set(options) - set(params))
    if refused:
        names = ", ".join(f"--{r}" for r in refused)
        raise FormatError(f"format {fmt.name!r} does not {way} with option {names}")
    return options


def load(
    path: str | os.PathLike[str],
    *,
    schema: str | Schema | None = None,
    pages: str | None = None,
) -> Report:
    """Load a report from a file; the extension chooses the format.

    Args:
        path: The file.
        schema: For documents (CSV, Excel, Word, PDF): the schema, by name or object,
            whose labels and layout to read the document by; by default the one the
            document names, else ``joensuu``.
        pages: For PDFs: the pages to read, e.g. ``"79-127"`` or ``"80,82-84"`` (1-based).

    Raises:
        FormatError: The format takes no such option.
        MissingDependencyError: The format needs an optional extra that is not installed.
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
    fmt = _format_of(name, reading=True)
    assert fmt.load is not None
    return fmt.load(name, **_options(fmt, "read", {"schema": schema, "pages": pages}))


def dump(
    report: Report,
    path: str | os.PathLike[str],
    *,
    keep: bool = True,
    lang: str | None = None,
    indent: int | None = None,
) -> None:
    """Write a report to a file atomically; the extension chooses the format.

    ``lang`` (``"fi"``, ``"sv"`` or ``"en"``) chooses the language of the labels
    of documents (CSV, Excel, Word, HTML, Markdown); the default is the schema's.
    ``indent`` indents JSON by that many spaces for people to read; JSON is compact
    by default.

    Writing YAML over the file a report was loaded from (or over any YAML file of
    the same body) keeps that file's comments and layout and changes only what
    changed, unless ``keep`` is false.

    Raises:
        FormatError: Unknown extension, or an option the format does not take.
        MissingDependencyError: The format needs an optional extra that is not installed.
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

        _options(fmt, "write", {"lang": lang, "indent": indent})
        yaml.dump_report(report, name, keep=keep)
        return
    assert fmt.dump is not None
    fmt.dump(report, name, **_options(fmt, "write", {"lang": lang, "indent": indent}))


def _document_formats() -> tuple[Format, ...]:
    """The built-in document formats; their modules (and optional dependencies) load on first use."""

    def lazy(module: str, func: str, signature: inspect.Signature) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            import importlib  # noqa: PLC0415

            return getattr(importlib.import_module(f"strategiaseuranta.formats.{module}"), func)(
                *args, **kwargs
            )

        call.__name__ = call.__qualname__ = f"{module}.{func}"
        call.__signature__ = signature  # type: ignore[attr-defined]
        return call

    reads, reads_pdf, writes = (inspect.signature(f) for f in (_load_sig, _load_pdf_sig, _dump_sig))
    return tuple(
        Format(
            name,
            exts,
            lazy(mod, "load_report", reads_pdf if name == "pdf" else reads) if r else None,
            lazy(mod, "dump_report", writes) if w else None,
            extra,
        )
        for name, exts, mod, r, w, extra in _DOCUMENTS
    )


_DOCUMENTS = (
    ("csv", (".csv",), "csv", True, True, None),
    ("xlsx", (".xlsx",), "xlsx", True, True, "xlsx"),
    ("docx", (".docx",), "docx", True, True, "docx"),
    ("html", (".html", ".htm"), "html", False, True, None),
    ("markdown", (".md", ".markdown"), "markdown", False, True, None),
    ("pdf", (".pdf",), "pdf", True, False, "pdf"),
)


def _load_sig(path: str, *, schema: str | Schema | None = None) -> None:
    """What document loaders accept."""


def _load_pdf_sig(path: str, *, schema: str | Schema | None = None, pages: str | None = None) -> None:
    """What the PDF loader accepts."""


def _dump_sig(report: Report, path: str, *, lang: str | None = None) -> None:
    """What document writers accept."""


FORMATS: Mapping[str, Any] = types.MappingProxyType(
    {".yaml": "yaml", ".yml": "yaml", ".json": "json"}
    | {ext: name for name, exts, *_ in _DOCUMENTS for ext in exts}
)
"""The built-in file extensions → format name (see :func:`available_formats` for all)."""
