"""PDF import (pdfplumber): published reports, read by layout plugins.

A PDF holds no data, only text placed on pages; how a city lays out its
report decides how to read it back. A :class:`Layout` turns the pages of one
kind of report into a :class:`~strategiaseuranta.Report`. The schema names the
layout its city publishes (``Schema.layout``); two are built in:

``taulukko``
    The table of the founding Joensuu document: *Toiminnallinen tavoite |
    Mittari ja tavoitetaso | Vastuutaho | Toteuma | Toteutumaennuste* under
    rows naming the focus areas (what :mod:`~strategiaseuranta.formats.docx`
    writes, printed to PDF).
``seinajoki``
    Seinäjoki's annual accounts (*Toteutumisvertailu*): blocks of strategic
    choice, strategic goal, budget goal with its situation text, and a metric
    table with a status 1/2/3 per metric.

Other layouts plug in with :func:`register_layout` or the entry point group
``strategiaseuranta.layouts``.

This module needs the ``pdf`` extra (``pip install 'strategiaseuranta[pdf]'``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from strategiaseuranta.exceptions import LoadError, SchemaError
from strategiaseuranta.formats._extras import require
from strategiaseuranta.formats._files import fail
from strategiaseuranta.issues import Issue, Location
from strategiaseuranta.model import Report, Source
from strategiaseuranta.registry import available_schemas, get_schema
from strategiaseuranta.schema import Schema

__all__ = [
    "MAX_PAGES",
    "MAX_PDF_BYTES",
    "Layout",
    "PdfInput",
    "available_layouts",
    "get_layout",
    "load_report",
    "parse_pages",
    "register_layout",
]

LAYOUTS_GROUP: Final = "strategiaseuranta.layouts"
MAX_PDF_BYTES: Final = 200 * 1024 * 1024
"""The largest PDF read (bytes)."""
MAX_PAGES: Final = 2000
"""The most pages read from one PDF."""
MAX_CHARS_PER_PAGE: Final = 100_000
"""A page with more characters than this is not a report page (a crafted or broken file)."""


@attrs.frozen
class PdfInput:
    """What a layout reads: the open document, the chosen pages and the schema.

    Attributes:
        file: The path as given, for messages.
        pdf: The open ``pdfplumber.PDF``.
        pages: The chosen ``pdfplumber.page.Page`` objects in order; ``page.page_number``
            is 1-based.
        schema: The schema to build the report with.
    """

    file: str
    pdf: Any
    pages: tuple[Any, ...]
    schema: Schema

    def problem(self, code: str, message: str, page: int | None = None) -> Issue:
        """An issue placed at a page of this file."""
        return Issue(code, message, Location(self.file, page=page))


@attrs.frozen
class Layout:
    """A way of reading one kind of published PDF report.

    Attributes:
        name: The name schemas use in ``layout``, e.g. ``"seinajoki"``.
        read: ``read(PdfInput) -> Report``; raises :class:`~strategiaseuranta.LoadError`
            with issues placed on pages when the pages cannot be read.
        detect: ``detect(text) -> bool`` on the text of the first pages: does the
            document look like this layout? Used when no schema is given.
        schema: The schema to use when the layout is detected and none was given.
    """

    name: str
    read: Callable[[PdfInput], Report]
    detect: Callable[[str], bool] | None = None
    schema: str | None = None


def _lazy(module: str) -> Callable[[PdfInput], Report]:
    def read(source: PdfInput) -> Report:
        import importlib  # noqa: PLC0415

        func: Callable[[PdfInput], Report] = importlib.import_module(
            f"strategiaseuranta.formats.{module}"
        ).read
        return func(source)

    return read


def _looks_like_seinajoki(text: str) -> bool:
    return "Talousarviotavoite" in text and "Tilannekuvaus ja riskiarvio" in text


def _looks_like_table(text: str) -> bool:
    return "Toiminnallinen tavoite" in text or "Verksamhetsmål" in text


_layouts: dict[str, Layout] = {}
_plugins_loaded = False


def _load_plugins() -> None:
    global _plugins_loaded  # noqa: PLW0603
    if _plugins_loaded:
        return
    _plugins_loaded = True
    for builtin in (
        Layout("seinajoki", _lazy("pdf_seinajoki"), _looks_like_seinajoki, "seinajoki"),
        Layout("taulukko", _lazy("pdf_table"), _looks_like_table, None),
    ):
        _layouts[builtin.name] = builtin
    from strategiaseuranta.registry import _entry_points  # noqa: PLC0415

    for name, obj, _ in _entry_points(LAYOUTS_GROUP, "PDF layout"):
        layout = obj if isinstance(obj, Layout) else Layout(name, obj)
        _layouts.setdefault(layout.name, layout)


def register_layout(layout: Layout, *, replace: bool = False) -> None:
    """Make a PDF layout available to schemas by its name.

    Raises:
        SchemaError: The name is taken and ``replace`` is false.

    Example:
        >>> def read(source):
        ...     raise NotImplementedError
        >>> register_layout(Layout("esimerkki", read), replace=True)
        >>> "esimerkki" in available_layouts()
        True
    """
    _load_plugins()
    if layout.name in _layouts and not replace and _layouts[layout.name] != layout:
        raise SchemaError(f"PDF layout {layout.name!r} is already registered; pass replace=True")
    _layouts[layout.name] = layout


def available_layouts() -> Mapping[str, Layout]:
    """The PDF layouts by name (built in and from plugins).

    Example:
        >>> {"seinajoki", "taulukko"} <= set(available_layouts())
        True
    """
    _load_plugins()
    return dict(_layouts)


def get_layout(name: str) -> Layout:
    """The layout with this name.

    Raises:
        SchemaError: No layout has that name.

    Example:
        >>> get_layout("seinajoki").schema
        'seinajoki'
    """
    _load_plugins()
    try:
        return _layouts[name]
    except KeyError:
        raise SchemaError(f"unknown PDF layout {name!r}; installed: {', '.join(sorted(_layouts))}") from None


_RANGE = re.compile(r"\s*(\d+)\s*(?:[-–]\s*(\d+)\s*)?")


def parse_pages(text: str, count: int) -> list[int]:
    """1-based page numbers from ``"79-127"``, ``"80,82-84"`` or ``"5"``, checked against ``count``.

    Raises:
        ValueError: Not a page list, a range backwards, or pages past the end.

    Example:
        >>> parse_pages("2-4, 7", 10)
        [2, 3, 4, 7]
        >>> parse_pages("9-12", 10)
        Traceback (most recent call last):
        ...
        ValueError: pages '9-12': the document has 10 pages
    """
    pages: list[int] = []
    for part in text.split(","):
        match = _RANGE.fullmatch(part)
        if match is None:
            raise ValueError(f"pages {text!r}: use numbers and ranges such as '79-127' or '80,82-84'")
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first < 1 or last < first:
            raise ValueError(f"pages {text!r}: {part.strip()!r} is not a range of pages from 1 up")
        if last > count:
            raise ValueError(f"pages {text!r}: the document has {count} pages")
        pages.extend(p for p in range(first, last + 1) if p not in pages)
    return pages


def _damaged(error: BaseException) -> str:
    """A message for an error pdfminer raised (pdfplumber wraps it; the cause is in ``args``)."""
    cause: BaseException = error
    if error.args and isinstance(error.args[0], BaseException):
        cause = error.args[0]
    elif error.__context__ is not None:
        cause = error.__context__
    name = type(cause).__name__
    if "Password" in name or "Encrypt" in name:
        return "the PDF is encrypted (password protected); save an unprotected copy first"
    text = str(cause).strip()
    detail = f"{name}: {text.splitlines()[0][:120]}" if text else name
    return f"not a readable PDF, damaged or truncated ({detail})"


def load_report(
    path: str | os.PathLike[str],
    *,
    schema: str | Schema | None = None,
    pages: str | None = None,
) -> Report:
    """Read a published PDF report with the layout its schema names.

    Args:
        path: The PDF.
        schema: The schema (name or object); its ``layout`` chooses how to read the
            pages. By default the layout is recognised from the text of the first pages.
        pages: The 1-based pages to read, e.g. ``"79-127"``; default all.

    Raises:
        LoadError: Missing, too large, damaged or encrypted file (L101, L108, L110),
            a bad page list (L204), or pages the layout cannot read (L208).
        MissingDependencyError: pdfplumber is not installed.

    Example:
        >>> import strategiaseuranta as ss
        >>> report = ss.load("tests/data/joensuu-2025-07.pdf")
        >>> report == ss.load("examples/joensuu/2025-07.yaml")
        True
    """
    name = os.fspath(path)
    pdfplumber = require("pdfplumber", "pdf", "reading .pdf files")
    try:
        size = Path(name).stat().st_size
    except FileNotFoundError:
        raise fail("L101", "no such file", name) from None
    except OSError as error:
        raise fail("L101", f"cannot read the file: {error.strerror or error}", name) from None
    if Path(name).is_dir():
        raise fail("L101", "is a directory, not a file", name)
    if size > MAX_PDF_BYTES:
        raise fail("L108", f"file is {size} bytes; the limit for PDFs is {MAX_PDF_BYTES}", name)
    with Path(name).open("rb") as handle:
        if not handle.read(1024).lstrip(b"\x00\t\r\n ").startswith(b"%PDF-"):
            raise fail("L110", "not a PDF (it does not start with '%PDF-')", name)
    try:
        pdf = pdfplumber.open(name)
    except Exception as error:  # noqa: BLE001 - pdfminer raises many kinds; all mean "cannot read"
        raise fail("L110", _damaged(error), name) from None
    with pdf:
        try:
            count = len(pdf.pages)
        except Exception as error:  # noqa: BLE001
            raise fail("L110", _damaged(error), name) from None
        if count == 0:
            raise fail("L102", "the PDF has no pages", name)
        if count > MAX_PAGES:
            raise fail("L108", f"the PDF has {count} pages; the limit is {MAX_PAGES}", name)
        try:
            numbers = parse_pages(pages, count) if pages else list(range(1, count + 1))
        except ValueError as error:
            raise fail("L204", str(error), name) from None
        chosen = tuple(pdf.pages[n - 1] for n in numbers)
        try:
            resolved = _schema(schema, pdf, chosen)
            layout = get_layout(resolved.layout)
        except SchemaError as error:
            raise fail("L205", str(error), name) from None
        for page in chosen:
            try:
                chars = len(page.chars)
            except Exception as error:  # noqa: BLE001
                raise LoadError(
                    [Issue("L110", _damaged(error), Location(name, page=page.page_number))]
                ) from None
            if chars > MAX_CHARS_PER_PAGE:
                raise LoadError(
                    [
                        Issue(
                            "L108",
                            f"{chars} characters on one page; the limit is {MAX_CHARS_PER_PAGE}",
                            Location(name, page=page.page_number),
                        )
                    ]
                )
        source = PdfInput(name, pdf, chosen, resolved)
        try:
            report = layout.read(source)
        except LoadError:
            raise
        except (RecursionError, MemoryError) as error:
            raise fail("L110", _damaged(error), name) from None
        except Exception as error:
            if type(error).__module__.startswith(("pdfminer", "pdfplumber")):
                raise fail("L110", _damaged(error), name) from None
            raise
    return attrs.evolve(report, source=Source(name, "pdf"))


def _schema(schema: str | Schema | None, pdf: Any, pages: Sequence[Any]) -> Schema:
    if isinstance(schema, Schema):
        return schema
    if schema is not None:
        return get_schema(schema)
    named = _named_schema(pdf)
    if named is not None:
        return named
    text = "\n".join((page.extract_text() or "") for page in pages[:5])
    _load_plugins()
    for layout in _layouts.values():
        if layout.detect is not None and layout.detect(text):
            return get_schema(layout.schema or "joensuu")
    return get_schema("joensuu")


def _named_schema(pdf: Any) -> Schema | None:
    """The schema a PDF printed from our Word export names in its keywords (``strategiaseuranta, kommun``).

    Only the name of an installed schema is taken: a document never makes us read a file.
    """
    try:
        keywords = (pdf.metadata or {}).get("Keywords")
    except Exception:  # noqa: BLE001 - damaged metadata only loses the hint
        return None
    if isinstance(keywords, bytes):
        keywords = keywords.decode("utf-8", "replace")
    parts = [part.strip() for part in keywords.split(",")] if isinstance(keywords, str) else []
    if len(parts) < 2 or parts[0] != "strategiaseuranta" or parts[1] not in available_schemas():
        return None
    return get_schema(parts[1])
