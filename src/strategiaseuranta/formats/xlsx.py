"""Excel workbooks (openpyxl): the same table as CSV, on a sheet.

Writing puts the table on one sheet (named "Tavoitteet", "Mål" or "Goals" by
language) with a bold, frozen header, filters, wrapped text, and the forecast
cells filled in the schema's colours. Text is always stored as text: a cell
starting with ``= + - @`` is marked as text (Excel's quote prefix), so nothing
becomes a formula. Characters XML cannot hold are written as Excel writes them
(``_x0001_``) and read back.

Reading takes the sheet whose header the schema recognises; errors name the
sheet and the cell (``kirja.xlsx:Tavoitteet!F7``). A formula in a sheet is
refused, not evaluated. Needs the ``xlsx`` extra.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Final

from strategiaseuranta.exceptions import LoadError, SchemaError, WriteError
from strategiaseuranta.formats._extras import require
from strategiaseuranta.formats._files import atomic_write, fail
from strategiaseuranta.formats._table import MAX_COLUMNS, MAX_ROWS, Cell, find_header, read_table, table_of
from strategiaseuranta.formats._zip import check_zip
from strategiaseuranta.issues import Issue, Location
from strategiaseuranta.registry import get_schema
from strategiaseuranta.schema import Labels, Schema

if TYPE_CHECKING:
    from strategiaseuranta.model import Report

__all__ = ["dump_report", "load_report"]

SHEET: Final = Labels("Tavoitteet", "Mål", "Goals")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\r\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile("_x([0-9A-Fa-f]{4})_")
_RISKY = tuple("=+-@\t\r")
_MAX_PHYSICAL_ROWS: Final = 2 * MAX_ROWS


def escape(text: str) -> str:
    """Text as OOXML stores it: characters XML cannot hold as ``_xHHHH_``; a literal ``_xHHHH_`` kept.

    Example:
        >>> escape("a\\x01b"), unescape(escape("_x0041_")), unescape(escape("a\\x01b"))
        ('a_x0001_b', '_x0041_', 'a\\x01b')
    """
    return _XML_ILLEGAL.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)


def unescape(text: str) -> str:
    """Undo :func:`escape` (and read what Excel itself escapes)."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _contrast(colour: str) -> str:
    """Black or white text, whichever reads better on the colour."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "000000" if 0.299 * red + 0.587 * green + 0.114 * blue > 150 else "FFFFFF"


def dump_report(report: Report, path: str | os.PathLike[str], *, lang: str | None = None) -> None:
    """Write a report to an Excel workbook atomically.

    Example:
        >>> import strategiaseuranta as ss, tempfile, pathlib
        >>> report = ss.load("examples/joensuu/2025-07.yaml")
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "tavoitteet.xlsx"
        >>> dump_report(report, out, lang="sv")
        >>> ss.load(out) == report
        True
    """
    openpyxl = require("openpyxl", "xlsx", "writing .xlsx files")
    styles = require("openpyxl.styles", "xlsx", "writing .xlsx files")
    table = table_of(report, lang)
    schema = table.schema
    lang = lang or schema.language
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = SHEET.get(lang)
    book.properties.creator = "strategiaseuranta"
    book.properties.title = escape(f"{report.organisation.municipality}: {report.organisation.body}"[:250])
    bold = styles.Font(bold=True)
    wrap = styles.Alignment(wrap_text=True, vertical="top")
    for col, label in enumerate(table.header, 1):
        cell = sheet.cell(1, col)
        _put(cell, label)
        cell.font = bold
        cell.alignment = wrap
    coloured = [i for i, k in enumerate(table.keys) if k in ("forecast", "metric_status")]
    widths = [min(max(len(h), 8), 40) for h in table.header]
    for r, row in enumerate(table.rows, 2):
        for c, value in enumerate(row, 1):
            if value is None:
                continue
            cell = sheet.cell(r, c)
            _put(cell, value)
            if isinstance(value, str):
                cell.alignment = wrap
                widths[c - 1] = min(max(widths[c - 1], len(value)), 60)
        for i in coloured:
            word = row[i]
            colour = schema.colour(schema.forecast(word)) if isinstance(word, str) else None
            if colour and re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
                cell = sheet.cell(r, i + 1)
                cell.fill = styles.PatternFill("solid", fgColor=colour[1:].upper())
                cell.font = styles.Font(color=_contrast(colour))
    for c, width in enumerate(widths, 1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(c)].width = width + 2
    sheet.freeze_panes = "A2"
    if table.rows:
        sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    atomic_write(path, lambda handle: handle.write(data), binary=True)


_EXCEL_MAX: Final = 9.99999999999999e307


def _put(cell: Any, value: Cell) -> None:
    if isinstance(value, float) and abs(value) > _EXCEL_MAX:
        raise WriteError(f"the number {value!r} is beyond the largest number Excel holds ({_EXCEL_MAX})")
    if isinstance(value, str):
        cell.value = escape(value)
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if value.startswith(_RISKY):
            cell.quotePrefix = True
    else:
        cell.value = value


def load_report(path: str | os.PathLike[str], *, schema: str | Schema | None = None) -> Report:
    """Load a report from an Excel workbook: the sheet whose header the schema recognises.

    Raises:
        LoadError: With every problem, placed at its sheet and cell; a damaged,
            encrypted or oversized workbook (L110, L108).
        MissingDependencyError: openpyxl is not installed.
    """
    name = os.fspath(path)
    openpyxl = require("openpyxl", "xlsx", "reading .xlsx files")
    check_zip(name, "xlsx", "xl/workbook.xml")
    try:
        with open(name, "rb") as handle:  # noqa: PTH123 - in memory: read-only books leave zips open
            data = io.BytesIO(handle.read())
        book = openpyxl.load_workbook(data, read_only=True, data_only=False)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for broken files
        raise fail("L110", f"not a readable .xlsx workbook ({type(error).__name__}: {error})", name) from None
    try:
        sheets = [(ws.title, list(_rows(ws, name))) for ws in book.worksheets]
    except LoadError:
        raise
    except Exception as error:  # noqa: BLE001
        raise fail("L110", f"a sheet cannot be read ({type(error).__name__}: {error})", name) from None
    finally:
        book.close()
    if not sheets:
        raise fail("L208", "the workbook has no sheets", name)
    try:  # the sheet whose header the schema recognises best; read_table reports an unknown schema
        resolved = schema if isinstance(schema, Schema) else get_schema(schema or "joensuu")
    except SchemaError:
        resolved = get_schema("joensuu")
    title, rows = max(sheets, key=lambda sheet: find_header(sheet[1], resolved)[1])
    return read_table(rows, file=name, sheet=title, schema=schema, fmt="xlsx", typed=True)


def _rows(sheet: Any, name: str) -> Iterator[list[Cell]]:
    for number, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), 1):
        if number > _MAX_PHYSICAL_ROWS:
            raise LoadError(
                [
                    Issue(
                        "L108",
                        f"more than {_MAX_PHYSICAL_ROWS} rows",
                        Location(name, number, sheet=sheet.title),
                    )
                ]
            )
        out: list[Cell] = []
        for cell in row:
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "f":
                column = getattr(cell, "column", len(out) + 1)
                raise LoadError(
                    [
                        Issue(
                            "L204",
                            f"a formula {str(value)[:40]!r}; formulas are not evaluated: paste the values",
                            Location(name, number, column, sheet=sheet.title),
                        )
                    ]
                )
            if isinstance(value, str):
                value = unescape(value)
            elif value is not None and not isinstance(value, int | float | bool):
                value = str(value)  # a date or time typed into a text column: as Excel shows it
            out.append(value)
        yield out
