"""The PDF layout ``taulukko``: the agenda table of the founding document, printed to PDF.

Reads what :func:`strategiaseuranta.formats.docx.dump_report` writes once a word
processor has printed it to PDF (and hand-made tables of the same shape): the
heading *municipality – body* and the period above the table on the first page,
the header row (repeated on every page, with the schema's label variants), rows
naming the hierarchy entries across the table, and goal rows.

A PDF keeps no cells, only text placed on the page, so the table is rebuilt:

* tables are found by their ruling lines (pdfplumber's ``lines`` strategy), and
  every character goes to the cell that holds its centre;
* a cell's lines are joined into paragraphs by their spacing (a paragraph break
  leaves more space than a line break), and lines into one text where a line was
  wrapped: a hyphen at a line end is kept before *ja*, *och*, *and* and the like
  (*Osallisuus- ja*), kept before a capital (*Pohjois-Karjalan*), and dropped
  before a small letter (a hyphenated word); after a dash or slash the lines join
  without a space;
* a goal row split by a page break is joined again: the row at the top of the next
  page (after the repeated header, if any) continues the goal when its goal cell
  is empty, or when its forecast cell is empty while the goal's is not;
* page footers and headers (text below the last table near the bottom of a page,
  above the first table near the top of a later page, page numbers) are left out;
* a word too long for its column, broken where the cell ends, is joined again.

The schema is the one given; when none was (the importer then picks ``joensuu`` for
this layout), a PDF printed from our Word export names its schema in its keywords
(``strategiaseuranta, kommun``), and that one is used.

The table model and what is built from it are shared with the Word reader
(:class:`~strategiaseuranta.formats.docx.TableReader`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import attrs

from strategiaseuranta.exceptions import LoadError
from strategiaseuranta.formats._agenda import Cell, Row, TableReader, Text, build_report
from strategiaseuranta.formats.pdf import PdfInput
from strategiaseuranta.issues import Location
from strategiaseuranta.model import Report, Source

__all__ = ["join_lines", "read"]

TABLE_SETTINGS: Final = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
"""How pdfplumber finds the tables: by their ruling lines."""

_JOINING: Final = frozenset(
    {"ja", "tai", "sekä", "eli", "että", "tahi", "och", "eller", "samt", "and", "or", "&"}
)
"""Words after which a line-final hyphen is a suspended compound (*Osallisuus- ja*), not hyphenation."""
DEFAULT_SCHEMA: Final = "joensuu"
_BAND: Final = 12.0
_FOOTER_ZONE: Final = 0.88
_HEADER_ZONE: Final = 0.10
_PAGE_NUMBER = re.compile(r"(?i)(?:sivu|sida|page|s\.)?\s*\d{1,4}(?:\s*(?:/|\(|of|av|-)\s*\d{1,4}\)?)?")
_INVISIBLE = str.maketrans({"\u2060": None, "\u200b": None, "\ufeff": None, "\u2011": "-", "\u00a0": " "})


def join_lines(first: str, second: str) -> str:
    """Join two lines of one paragraph the way the line was wrapped.

    Example:
        >>> join_lines("Osallisuus-", "ja vetovoimapalvelut")
        'Osallisuus- ja vetovoimapalvelut'
        >>> join_lines("kaupunkirakennepalvelu-", "jen kanssa"), join_lines("Pohjois-", "Karjalan")
        ('kaupunkirakennepalvelujen kanssa', 'Pohjois-Karjalan')
        >>> join_lines("vuosille 2025–", "2026"), join_lines("on kokeiltu", "ja arvioitu")
        ('vuosille 2025–2026', 'on kokeiltu ja arvioitu')
    """
    a, b = first.rstrip(), second.lstrip()
    if not a or not b:
        return a + b
    last = a[-1]
    if last == "\u00ad":
        return a[:-1] + b
    if last in "-\u2010":
        if len(a) > 1 and a[-2].isspace():
            return f"{a} {b}"
        word = re.match(r"[\w&]+", b)
        if word is None or word.group().casefold() in _JOINING:
            return f"{a} {b}"
        if b[0].islower():
            return a[:-1] + b
        return a + b
    if last in "–—/" and len(a) > 1 and not a[-2].isspace():
        return a + b
    return f"{a} {b}"


def _join_cells(first: Cell, more: Cell) -> Cell:
    """A cell continued on the next page: the split paragraph is joined like a wrapped line."""
    if first.blank:
        return more
    if more.blank:
        return first
    head, tail = list(first.paragraphs), list(more.paragraphs)
    while head and not head[-1].strip():
        head.pop()
    while tail and not tail[0].strip():
        tail.pop(0)
    return Cell((*head[:-1], join_lines(head[-1], tail[0]), *tail[1:]))


@attrs.frozen
class _Line:
    text: str
    top: float
    bottom: float
    size: float
    x0: float = 0.0
    x1: float = 0.0


def _forced(line: _Line, box: tuple[float, float] | None) -> bool:
    """A word too long for its cell, broken where the cell ends (the line is one word filling the cell)."""
    if box is None or " " in line.text:
        return False
    padding = max(0.0, line.x0 - box[0])
    return line.x1 >= box[1] - padding - 0.7 * line.size


def _lines(chars: Iterable[Mapping[str, Any]]) -> list[_Line]:
    """Characters grouped into lines, top to bottom; spaces come from the gaps between characters."""
    ordered = sorted(chars, key=lambda c: (float(c["top"]), float(c["x0"])))
    groups: list[list[Mapping[str, Any]]] = []
    for char in ordered:
        middle = (float(char["top"]) + float(char["bottom"])) / 2
        if groups:
            head = groups[-1][0]
            if abs(middle - (float(head["top"]) + float(head["bottom"])) / 2) <= 0.4 * max(
                float(char["size"]), float(head["size"])
            ):
                groups[-1].append(char)
                continue
        groups.append([char])
    return [_line(group) for group in groups]


def _line(group: list[Mapping[str, Any]]) -> _Line:
    group = sorted(group, key=lambda c: float(c["x0"]))
    parts: list[str] = []
    previous: Mapping[str, Any] | None = None
    for char in group:
        if previous is not None:
            gap = float(char["x0"]) - float(previous["x1"])
            if gap > 0.2 * min(float(char["size"]), float(previous["size"])):
                parts.append(" ")
        parts.append(str(char["text"]))
        previous = char
    text = " ".join("".join(parts).translate(_INVISIBLE).split())
    size = max(float(c["size"]) for c in group)
    return _Line(
        text,
        min(float(c["top"]) for c in group),
        max(float(c["bottom"]) for c in group),
        size,
        float(group[0]["x0"]),
        max(float(c["x1"]) for c in group),
    )


def _size_key(size: float) -> float:
    return round(size * 2) / 2


class _Pitch:
    """The line pitch of the document per font size, learnt from lines that follow each other."""

    def __init__(self) -> None:
        self.steps: dict[float, float] = {}

    def learn(self, lines: Sequence[_Line]) -> None:
        for before, after in itertools.pairwise(lines):
            if abs(before.size - after.size) > 0.5:
                continue
            step = after.top - before.top
            key = _size_key(after.size)
            if 0.9 * after.size <= step <= 1.3 * after.size:
                self.steps[key] = min(step, self.steps.get(key, step))

    def same_paragraph(self, before: _Line, after: _Line) -> bool:
        if abs(before.size - after.size) > 0.5:
            return False
        pitch = self.steps.get(_size_key(after.size), 1.17 * after.size)
        return after.top - before.top <= pitch + max(1.5, 0.15 * after.size)

    def paragraphs(
        self, lines: Sequence[_Line], box: tuple[float, float] | None = None
    ) -> list[tuple[str, float, float]]:
        """``(text, top, bottom)`` of each paragraph; ``box`` is the cell's left and right edge."""
        out: list[tuple[str, float, float]] = []
        previous: _Line | None = None
        for line in lines:
            if previous is not None and out and self.same_paragraph(previous, line):
                text, top, _ = out[-1]
                broken = _forced(previous, box) and line.text[:1].islower() and not text.endswith("-")
                out[-1] = (text + line.text if broken else join_lines(text, line.text), top, line.bottom)
            else:
                out.append((line.text, line.top, line.bottom))
            previous = line
        return out


@attrs.frozen
class _PageRow:
    top: float
    cells: tuple[tuple[list[_Line], tuple[float, float]] | None, ...]


@attrs.frozen
class _Page:
    number: int
    height: float
    tables: tuple[tuple[tuple[float, float], tuple[_PageRow, ...]], ...]
    outside: tuple[_Line, ...]


def _inside(box: Sequence[float], x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _page(page: Any) -> _Page:
    chars = [
        c
        for c in page.chars
        if c.get("upright", True) and str(c.get("text", "")).translate(_INVISIBLE).strip()
    ]
    found = sorted(page.find_tables(TABLE_SETTINGS), key=lambda t: float(t.bbox[1]))
    boxes: list[tuple[int, int, int, tuple[float, float, float, float]]] = []
    for t, table in enumerate(found):
        for r, row in enumerate(table.rows):
            for c, box in enumerate(row.cells):
                if box is not None:
                    boxes.append((t, r, c, tuple(float(v) for v in box)))  # type: ignore[arg-type]
    bands: dict[int, list[tuple[int, int, int, tuple[float, float, float, float]]]] = {}
    for entry in boxes:  # boxes by horizontal band, so that a character is tried only against its band
        box = entry[3]
        top, bottom = max(0.0, box[1]), min(box[3], float(page.height))
        for band in range(int(top // _BAND), int(bottom // _BAND) + 1):
            bands.setdefault(band, []).append(entry)
    areas = [tuple(float(v) for v in table.bbox) for table in found]
    placed: dict[tuple[int, int, int], list[Mapping[str, Any]]] = {}
    outside: list[Mapping[str, Any]] = []
    for char in chars:
        x = (float(char["x0"]) + float(char["x1"])) / 2
        y = (float(char["top"]) + float(char["bottom"])) / 2
        for t, r, c, box in bands.get(int(y // _BAND), ()):
            if _inside(box, x, y):
                placed.setdefault((t, r, c), []).append(char)
                break
        else:
            if not any(_inside(area, x, y) for area in areas):
                outside.append(char)
    tables = []
    for t, table in enumerate(found):
        rows = []
        for r, row in enumerate(table.rows):
            cells = tuple(
                None if box is None else (_lines(placed.get((t, r, c), ())), (float(box[0]), float(box[2])))
                for c, box in enumerate(row.cells)
            )
            tops = [float(box[1]) for box in row.cells if box is not None]
            rows.append(_PageRow(min(tops) if tops else float(table.bbox[1]), cells))
        tables.append(((float(table.bbox[1]), float(table.bbox[3])), tuple(rows)))
    return _Page(int(page.page_number), float(page.height), tuple(tables), tuple(_lines(outside)))


def read(source: PdfInput) -> Report:
    """Read the agenda table of the founding document from the chosen pages of a PDF.

    Args:
        source: The open PDF, its chosen pages and the schema (see
            :class:`~strategiaseuranta.formats.pdf.PdfInput`).

    Raises:
        LoadError: No goal table on the pages (L208), or what the table says is not a
            report (e.g. a missing heading, L203), placed at the page.

    Example:
        >>> import strategiaseuranta as ss
        >>> report = ss.load("tests/data/joensuu-2025-07.pdf")
        >>> len(report.goals), report.goals[-1].years.render()
        (7, '2025–2026')
    """
    pages: list[_Page] = []
    for page in source.pages:
        try:
            pages.append(_page(page))
        except (LoadError, RecursionError, MemoryError):
            raise
        except Exception as error:  # noqa: BLE001 - pdfminer and pdfplumber raise many kinds
            detail = " ".join(str(error).split())[:120] or type(error).__name__
            raise LoadError(
                [source.problem("L110", f"cannot read the page ({detail})", page.page_number)]
            ) from None
    pitch = _Pitch()
    for page_data in pages:
        for _, rows in page_data.tables:
            for row in rows:
                for cell in row.cells:
                    if cell:
                        pitch.learn(cell[0])
        pitch.learn(page_data.outside)
    schema = source.schema
    reader = TableReader(schema, source.file, join=_join_cells)
    ended_in_table = False
    count = 0
    for index, page_data in enumerate(pages):
        items, count, ended_in_table = _page_items(
            page_data, pitch, first=index == 0, after=ended_in_table, count=count
        )
        for item in items:
            reader.feed(item)
    numbers = [p.number for p in pages]
    scope = f"p.{numbers[0]}" if len(numbers) == 1 else f"pp.{numbers[0]}–{numbers[-1]}"
    return build_report(
        reader,
        file=source.file,
        schema=schema,
        source=Source(source.file, "pdf"),
        where=Location(source.file, page=numbers[0] if numbers else None),
        scope=f" on {scope}",
    )


def _page_items(
    page: _Page, pitch: _Pitch, *, first: bool, after: bool, count: int
) -> tuple[list[Text | Row], int, bool]:
    """The page's paragraphs and rows in reading order, without its footer and header."""
    placed: list[tuple[float, Text | Row]] = []
    top_of_tables = page.tables[0][0][0] if page.tables else page.height
    bottom_of_tables = page.tables[-1][0][1] if page.tables else 0.0
    for text, top, bottom in pitch.paragraphs(page.outside):
        if _PAGE_NUMBER.fullmatch(text):
            continue
        if top >= bottom_of_tables and top > _FOOTER_ZONE * page.height:
            continue  # footer
        if not first and bottom <= top_of_tables and bottom < _HEADER_ZONE * page.height:
            continue  # page header
        placed.append((top, Text(text, page.number)))
    for _, rows in page.tables:
        count += 1
        for number, row in enumerate(rows, 1):
            cells = tuple(
                None if cell is None else Cell([p[0] for p in pitch.paragraphs(*cell)] or [""])
                for cell in row.cells
            )
            placed.append((row.top, Row(cells, f"taulukko {count}", number, page.number)))
    placed.sort(key=lambda item: item[0])
    items = [item for _, item in placed]
    if after and items and isinstance(items[0], Row):
        items[0] = attrs.evolve(items[0], continues=True)
    ended = bool(items) and isinstance(items[-1], Row)
    return items, count, ended
