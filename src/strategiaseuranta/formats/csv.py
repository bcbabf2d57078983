"""CSV: one row per goal (per metric), columns labelled by the schema.

Reading copes with what Excel does to CSV files: a semicolon (or tab) as the
separator, a UTF-8 byte order mark, or Windows-1252 (cp1252) text. Writing
uses UTF-8 with a byte order mark and semicolons, which Excel in Finnish,
Swedish and English opens as it is, and quotes a leading ``= + - @`` so no
cell becomes a formula.
"""

from __future__ import annotations

import csv
import io
import os
from typing import TYPE_CHECKING, Any

from strategiaseuranta.exceptions import LoadError
from strategiaseuranta.formats._files import atomic_write, fail, read_bytes
from strategiaseuranta.formats._table import Cell, guard, read_table, table_of
from strategiaseuranta.issues import Issue, Location

if TYPE_CHECKING:
    from strategiaseuranta.model import Report
    from strategiaseuranta.schema import Schema

__all__ = ["dump_report", "dumps_report", "load_report", "loads_report"]

_BOM = "\ufeff"


def _decode(data: bytes, name: str | None) -> str:
    if not data.strip():
        raise fail("L102", "the file is empty", name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise fail("L103", "not UTF-16 text although it starts like it", name) from None
    if b"\x00" in data:
        raise fail("L103", "binary data (a NUL byte), not a CSV file", name)
    try:
        return data.decode("utf-8").removeprefix(_BOM)
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # what Excel saves as "CSV" on Windows


def _dialect(text: str) -> str:
    """The separator: the one of ; , tab that splits the first line into most columns."""
    first = text.split("\n", 1)[0]
    counts = {sep: len(next(csv.reader([first], delimiter=sep))) for sep in (";", ",", "\t")}
    return max(counts, key=lambda s: (counts[s], s == ";"))


def loads_report(text: str, name: str | None = None, *, schema: str | Schema | None = None) -> Report:
    """Build a report from CSV text.

    Raises:
        LoadError: With every problem, placed at its row and column.

    Example:
        >>> text = dumps_report(__import__("strategiaseuranta").load("examples/joensuu/2025-07.yaml"))
        >>> loads_report(text).goals[0].forecast.word
        'Toteutuu'
    """
    text = text.removeprefix(_BOM)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_dialect(text), strict=True)
    rows: list[list[Cell]] = []
    try:
        for row in reader:
            rows.append([c if c != "" else None for c in row])
    except csv.Error as error:
        raise LoadError(
            [Issue("L104", f"CSV syntax error: {error}", Location(name, reader.line_num))]
        ) from None
    return read_table(rows, file=name, schema=schema, fmt="csv")


def load_report(path: str | os.PathLike[str], *, schema: str | Schema | None = None) -> Report:
    """Load a report from a CSV file (UTF-8 with or without BOM, or cp1252; ``;`` ``,`` or tab)."""
    name = os.fspath(path)
    data = read_bytes(name)
    return loads_report(_decode(data, name), name, schema=schema)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return guard(str(value))


def dumps_report(report: Report, *, lang: str | None = None) -> str:
    """The report as CSV text (``;`` separated, with a byte order mark).

    Example:
        >>> import strategiaseuranta as ss
        >>> text = dumps_report(ss.load("examples/joensuu/2025-07.yaml"), lang="en")
        >>> text.splitlines()[0].split(";")[:4]
        ['\\ufeffMunicipality', 'Body', 'Reporting period', 'Schema']
    """
    table = table_of(report, lang)
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([guard(h) for h in table.header])
    for row in table.rows:
        writer.writerow([_cell(c) for c in row])
    return _BOM + out.getvalue()


def dump_report(report: Report, path: str | os.PathLike[str], *, lang: str | None = None) -> None:
    """Write a report to a CSV file atomically."""
    text = dumps_report(report, lang=lang)
    atomic_write(path, lambda handle: handle.write(text))
