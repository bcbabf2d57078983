"""Word documents (.docx): the familiar agenda table, written and read back.

:func:`dump_report` writes the table a board puts in its agenda, with the columns
of the founding Joensuu document (*Toiminnallinen tavoite | Mittari ja
tavoitetaso | Vastuutaho | Toteuma | Toteutumaennuste*), grouped under rows
naming the hierarchy entries (*Strateginen painopiste: …*, merged across the
table) with the level's prose in a merged row below (*Tavoitelinjaus: …*). A
goal with several metrics gets a sub-row per metric, its other cells merged
down. Schemas that give status per metric (Seinäjoki) get separate metric
columns (name, baseline, target, value, status). Above the table: a heading
*municipality – body*, the period, and the report's title if it has one.

:func:`load_report` reads such tables back, written by us or by hand: the header
row is recognised by the schema's labels in Finnish, Swedish and English and
their variants; entry rows by cells merged across the table or by a text
starting with a level's name and a colon.

**What a reader cannot see travels hidden.** A table cannot show ids, custom
fields, nesting of entries of the same level, or texts the eye cannot tell
apart (an empty text and a missing one, trailing spaces, control characters).
The writer stores exactly those values, and only those, in a custom XML part
of the package (``customXml/item<n>.xml``, JSON inside one element), each with a
fingerprint of the cell it belongs to. The reader uses a hidden value only while
its cell still shows what was written: **the visible table is the authority**,
so an edit made in Word always wins, and a goal whose title was edited loses its
hidden id (it gets the derived one). Municipality, body, period and schema are
also written to the document's core properties (a ``key: value`` block in
*comments*), the fallback when the heading has been removed.

Opening is guarded: :func:`~strategiaseuranta.formats._zip.check_zip` refuses what is not a sound zip package
(L110), zip bombs and oversized packages (L108), encrypted or old binary Office
files (L110) and XML parts that declare a DTD (L110) before python-docx sees the
file. Problems in a table are placed at the table (``taulukko 1``), row and
column.

This module needs the ``docx`` extra (``pip install 'strategiaseuranta[docx]'``).
The table model (:mod:`strategiaseuranta.formats._agenda`) is shared with the PDF
layout ``taulukko`` (:mod:`strategiaseuranta.formats.pdf_table`), which reads the same
tables printed to PDF.
"""

from __future__ import annotations

import importlib
import io
import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final

import attrs

from strategiaseuranta.exceptions import FormatError, SchemaError, WriteError
from strategiaseuranta.formats._agenda import (
    _DASH,
    _GOAL_FIELDS,
    _TEXT_FALLBACK,
    Cell,
    Row,
    TableReader,
    Text,
    Vocabulary,
    _block,
    _forecast_plain,
    _metric_plain,
    _occurrence,
    _Parser,
    _RawGoal,
    _seen,
    _seen_metrics,
    _seen_texts,
    build_report,
    infer_depth,
)
from strategiaseuranta.formats._extras import require
from strategiaseuranta.formats._files import atomic_write, fail
from strategiaseuranta.formats._plain import check_writable
from strategiaseuranta.formats._zip import check_zip
from strategiaseuranta.ids import IdSequence
from strategiaseuranta.model import Goal, Metric, Node, Report, Source
from strategiaseuranta.periods import YearSpan
from strategiaseuranta.registry import available_schemas, get_schema
from strategiaseuranta.schema import LANGUAGES, Schema

__all__ = ["dump_report", "load_report"]

_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NS: Final = "https://strategiaseuranta.readthedocs.io/ns/docx/1"
_PART: Final = "/customXml/item%d.xml"
_SIDECAR_VERSION: Final = 1
_PLACEHOLDER: Final = "–"
"""Shown in the goal cell of a goal whose title is blank (a blank cell would read as a sub-row)."""


# -- writing ------------------------------------------------------------------------------------------

_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_JOINER: Final = "\u2060"
"""WORD JOINER: written after a dash that opens a word (*kunta –malliin*), so that a printed line cannot
end in the dash (the PDF reader could not tell it from a dash between words); readers drop it."""
_NO_BREAK_AFTER = re.compile(r"(?<=\s)([–—])(?=\S)")


def _xml_safe(text: str) -> str:
    """What a reader gets back of a text: characters XML forbids become U+FFFD, word joiners go."""
    return _BAD_XML.sub("\ufffd", text).replace(_JOINER, "")


def _cell(text: str | None, *, prefix: str = "") -> Cell:
    return Cell(_xml_safe(p) for p in (prefix + (text or "")).split("\n"))


@attrs.frozen
class _PlanRow:
    row: Row
    kind: str  # header, heading, text, goal
    bold: int = 0  # characters of the first paragraph to set in bold (an entry row's label)
    fills: Mapping[int, str] = attrs.field(factory=dict)
    depth: int = 0
    first: bool = True  # the first row of a goal


_WEIGHTS: Final = {
    "title": 22,
    "metric": 13,
    "baseline": 8,
    "target": 24,
    "value": 8,
    "metric_status": 6,
    "responsible": 14,
    "realisation": 25,
    "forecast": 15,
}
_METRIC_WEIGHTS: Final = {"target": 9, "realisation": 20, "forecast": 9, "title": 18, "responsible": 11}


class _Plan:
    """The document as rows and paragraphs, before it becomes XML; the reader's view of it."""

    def __init__(self, report: Report, schema: Schema, lang: str) -> None:
        self.report = report
        self.schema = schema
        self.lang = lang
        self.vocabulary = Vocabulary(schema)
        goals = report.goals
        if schema.status_per in ("metric", "both"):
            columns = ["title", "metric", "baseline", "target", "value", "metric_status"]
            if "responsible" in schema.required or any(g.responsible for g in goals):
                columns.append("responsible")
            columns.append("realisation")
            if "forecast" in schema.required or any(g.forecast is not None for g in goals):
                columns.append("forecast")
        else:
            columns = ["title", "target", "responsible", "realisation", "forecast"]
        self.columns = columns
        self.labels = [
            self.vocabulary.target_label(lang, columns) if f == "target" else schema.label(f, lang)
            for f in columns
        ]
        for field, label in zip(columns, self.labels, strict=True):
            if self.vocabulary.field(label) != field:
                raise WriteError(
                    f"schema {schema.name!r}: the column label {label!r} ({field}) is read back as "
                    f"{self.vocabulary.field(label)!r}; give the fields distinct labels"
                )
        weights = _METRIC_WEIGHTS if "metric" in columns else {}
        self.weights = [weights.get(f, _WEIGHTS[f]) for f in columns]
        org = report.organisation
        self.texts = [
            ("Heading1", Text(_xml_safe(f"{org.municipality}{_DASH}{org.body}"))),
            ("Heading2", Text(report.period.render(lang))),
        ]
        if report.title is not None:
            self.texts.append(("Subtitle", Text(_xml_safe(report.title))))
        self.rows: list[_PlanRow] = []
        self._number = 0
        self._add(tuple(Cell((label,)) for label in self.labels), "header")
        for trail, node in report.iter_nodes():
            self._entry(node, len(trail))

    def _add(self, cells: tuple[Cell | None, ...], kind: str, **extra: Any) -> None:
        self._number += 1
        self.rows.append(_PlanRow(Row(cells, "taulukko 1", self._number), kind, **extra))

    def _wide(self, cell: Cell) -> tuple[Cell | None, ...]:
        return (cell, *([None] * (len(self.columns) - 1)))

    def _entry(self, node: Node, depth: int) -> None:
        level = self.schema.level(node.level)
        label = level.name.get(self.lang) + ": "
        self._add(self._wide(_cell(node.title, prefix=label)), "heading", bold=len(label), depth=depth)
        if node.text is not None:
            text_label = (level.text_name or _TEXT_FALLBACK).get(self.lang) + ": "
            self._add(
                self._wide(_cell(node.text, prefix=text_label)), "text", bold=len(text_label), depth=depth
            )
        for goal in node.goals:
            self._goal(goal)

    def _goal(self, goal: Goal) -> None:
        default = YearSpan.single(self.report.period.year)
        head = list(_cell(goal.title).paragraphs)
        if goal.years != default:
            head.append(f"{self.schema.label('years', self.lang)}: {goal.years.render()}")
        if goal.binding:
            head.append(self.schema.label("binding", self.lang))
        if all(not p.strip() for p in head):
            head = [_PLACEHOLDER]
        values: dict[str, Cell] = {
            "title": Cell(head),
            "responsible": Cell(
                [_xml_safe(line) for party in goal.responsible for line in party.split("\n")] or [""]
            ),
            "realisation": _cell(goal.realisation),
            "forecast": _cell(goal.forecast.word if goal.forecast else None),
        }
        fills: dict[int, str] = {}
        colour = self.schema.colour(goal.forecast)
        if colour and "forecast" in self.columns:
            fills[self.columns.index("forecast")] = colour
        metrics: list[Metric | None] = list(goal.metrics) or [None]
        for i, metric in enumerate(metrics):
            cells: list[Cell | None] = []
            row_fills = dict(fills) if i == 0 else {}
            for column, field in enumerate(self.columns):
                if field in _GOAL_FIELDS:
                    cells.append(values[field] if i == 0 else None)
                else:
                    cells.append(self._metric_cell(metric, field))
                    if field == "metric_status" and metric is not None:
                        status_colour = self.schema.colour(metric.status)
                        if status_colour:
                            row_fills[column] = status_colour
            self._add(tuple(cells), "goal", fills=row_fills, first=i == 0)

    def _metric_cell(self, metric: Metric | None, field: str) -> Cell:
        if metric is None:
            return Cell(("",))
        if field == "metric_status":
            return _cell(metric.status.word if metric.status else None)
        if field != "target" or "metric" in self.columns:
            return _cell(getattr(metric, {"metric": "name"}.get(field, field)))
        paragraphs: list[str] = []
        if metric.name is not None:
            paragraphs += _cell(metric.name, prefix=f"{self.schema.label('metric', self.lang)}: ").paragraphs
        if metric.target is not None:
            paragraphs += _cell(metric.target).paragraphs
        for name, attr in (("baseline", "baseline"), ("value", "value")):
            value = getattr(metric, attr)
            if value is not None:
                paragraphs += _cell(value, prefix=f"{self.schema.label(name, self.lang)}: ").paragraphs
        if metric.status is not None:
            label = self.schema.label("metric_status", self.lang)
            paragraphs += _cell(metric.status.word, prefix=f"{label}: ").paragraphs
        return Cell(paragraphs or [""])

    # -- what the reader will not see ----------------------------------------------------------
    def hidden(self) -> dict[str, Any]:
        """The values a reader of the plan would get wrong, keyed by what their cells show."""
        probe = TableReader(self.schema, None, strict=True)
        goal_rows = sorted(
            {
                _seen([cells[0]])
                for plan in self.rows
                if plan.kind == "goal" and plan.first
                for cells in [plan.row.cells]
                if cells[0] is not None
                and all(c is None or c.blank for c in cells[1:])
                and probe.names_entry(cells[0])
            }
        )
        reader = TableReader(self.schema, None, strict=True, goal_rows=goal_rows)
        for _, paragraph in self.texts:
            reader.feed(paragraph)
        for plan in self.rows:
            reader.feed(plan.row)
        report = self.report
        org = report.organisation
        period = report.period
        out: dict[str, Any] = {
            "version": _SIDECAR_VERSION,
            "schema": report.schema,
            "report": {
                "seen": _seen_texts(reader.before),
                "municipality": org.municipality,
                "body": org.body,
                "period": [period.year, period.start_month, period.end_month, period.annual],
                "title": report.title,
            },
        }
        nodes: list[dict[str, Any]] = []
        goals: list[dict[str, Any]] = []
        parser = _Parser(self.schema, self.vocabulary, period.year)
        node_ids, goal_ids = IdSequence(), IdSequence()
        node_keys: dict[str, int] = {}
        goal_keys: dict[str, int] = {}
        path: list[str] = []
        order = {level.key: i for i, level in enumerate(self.schema.levels)}
        walked = list(report.iter_nodes())
        if len(walked) != len(reader.nodes):  # pragma: no cover - the plan always yields one row per entry
            raise WriteError("internal error: the table does not read back entry by entry")
        for (trail, node), raw in zip(walked, reader.nodes, strict=True):
            entry: dict[str, Any] = {}
            level, title, text = parser.node(raw)
            if (level, title) != (node.level, node.title):
                entry["level"], entry["title"] = node.level, node.title
            if text != node.text:
                entry["text"] = [_seen([raw.text_cell]), node.text]
            if node.id != node_ids.next(f"{node.level} {node.title}"):
                entry["id"] = node.id
            if infer_depth(path, node.level, order) != len(trail):  # the reader infers from the last path
                entry["depth"] = len(trail)
            path = [*(t.level for t in trail), node.level]
            where = _occurrence(node_keys, _seen([raw.heading]))
            if entry:
                nodes.append({**where, **entry})
            for goal, raw_goal in zip(node.goals, raw.goals, strict=True):
                goal_entry = self._goal_entry(goal, raw_goal, parser, goal_ids)
                where = _occurrence(goal_keys, _seen([raw_goal.cells.get("title")]))
                if goal_entry:
                    goals.append({**where, **goal_entry})
        out["nodes"], out["goals"] = nodes, goals
        if goal_rows:
            out["goal_rows"] = goal_rows
        return out

    def _goal_entry(self, goal: Goal, raw: _RawGoal, parser: _Parser, ids: IdSequence) -> dict[str, Any]:
        parts = parser.goal(raw, self.columns)
        entry: dict[str, Any] = {}
        if (parts.title, parts.years, parts.binding) != (goal.title, goal.years, goal.binding):
            entry["head"] = {
                "title": goal.title,
                "years": [goal.years.start, goal.years.end],
                "binding": goal.binding,
            }
        if parts.responsible != goal.responsible:
            entry["responsible"] = [_seen([raw.cells.get("responsible")]), list(goal.responsible)]
        if parts.metrics != goal.metrics:
            entry["metrics"] = [_seen_metrics(raw.metric_rows), [_metric_plain(m) for m in goal.metrics]]
        if parts.realisation != goal.realisation:
            entry["realisation"] = [_seen([raw.cells.get("realisation")]), goal.realisation]
        if parts.forecast != goal.forecast:
            entry["forecast"] = [_seen([raw.cells.get("forecast")]), _forecast_plain(goal.forecast)]
        if goal.id != ids.next(goal.title):
            entry["id"] = goal.id
        if goal.attributes:
            entry["attributes"] = dict(goal.attributes)
        return entry


# -- Word XML -------------------------------------------------------------------------------------

_PAGE_WIDTH_MM: Final = 297
_PAGE_HEIGHT_MM: Final = 210
_MARGIN_MM: Final = 15
_TWIPS_PER_MM: Final = 1440 / 25.4
_HEADER_FILL: Final = "D9E2F3"
_ENTRY_FILLS: Final = ("C9D7EC", "DCE5F2", "E8EEF7", "F1F5FA")
_TEXT_FILL: Final = "F7F9FC"


class _Xml:
    """Builds WordprocessingML elements with python-docx's element classes."""

    def __init__(self, merged: Mapping[int, set[int]] | None = None) -> None:
        from docx.oxml import OxmlElement  # noqa: PLC0415
        from docx.oxml.ns import qn  # noqa: PLC0415

        self.make, self.qn = OxmlElement, qn
        self.merged = merged or {}
        """Row number → columns whose goal cell is merged down over metric sub-rows."""

    def el(self, tag: str, parent: Any = None, **attributes: str) -> Any:
        element = self.make(tag)
        for name, value in attributes.items():
            element.set(self.qn(f"w:{name}"), value)
        if parent is not None:
            parent.append(element)
        return element

    def run(
        self, parent: Any, text: str, *, bold: bool = False, italic: bool = False, colour: str = ""
    ) -> None:
        """A run whose hyphens, and dashes opening a word, cannot end a printed line (PDF lines join back)."""
        if not text:
            return
        run = self.el("w:r", parent)
        if bold or italic or colour:
            props = self.el("w:rPr", run)
            if bold:
                self.el("w:b", props)
            if italic:
                self.el("w:i", props)
            if colour:
                self.el("w:color", props, val=colour)
        for piece in re.split(r"(\t|-|\n)", _NO_BREAK_AFTER.sub(rf"\1{_JOINER}", text)):
            if piece == "\t":
                self.el("w:tab", run)
            elif piece == "-":
                self.el("w:noBreakHyphen", run)
            elif piece == "\n":
                self.el("w:br", run)
            elif piece:
                t = self.el("w:t", run)
                t.text = piece
                t.set(self.qn("xml:space"), "preserve")

    def paragraph(self, parent: Any, text: str, *, bold: int = 0, keep: bool = False, **run: Any) -> Any:
        p = self.el("w:p", parent)
        props = self.el("w:pPr", p)
        if keep:
            self.el("w:keepNext", props)
        self.el("w:spacing", props, before="0", after="100")
        if bold:
            self.run(p, text[:bold], bold=True, **run)
            self.run(p, text[bold:], **run)
        else:
            self.run(p, text, **run)
        return p

    def table(self, plan: _Plan) -> Any:
        width = round((_PAGE_WIDTH_MM - 2 * _MARGIN_MM) * _TWIPS_PER_MM)
        total = sum(plan.weights)
        widths = [width * w // total for w in plan.weights]
        widths[-1] += width - sum(widths)
        tbl = self.el("w:tbl")
        props = self.el("w:tblPr", tbl)
        self.el("w:tblStyle", props, val="TableGrid")
        self.el("w:tblW", props, w=str(width), type="dxa")
        borders = self.el("w:tblBorders", props)
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            self.el(f"w:{side}", borders, val="single", sz="4", space="0", color="808080")
        self.el("w:tblLayout", props, type="fixed")
        margins = self.el("w:tblCellMar", props)
        for side in ("left", "right"):
            self.el(f"w:{side}", margins, w="85", type="dxa")
        self.el("w:tblLook", props, val="04A0", firstRow="1", lastRow="0", firstColumn="0", lastColumn="0")
        grid = self.el("w:tblGrid", tbl)
        for w in widths:
            self.el("w:gridCol", grid, w=str(w))
        for plan_row in plan.rows:
            self._row(tbl, plan_row, widths)
        return tbl

    def _row(self, tbl: Any, plan: _PlanRow, widths: Sequence[int]) -> None:
        tr = self.el("w:tr", tbl)
        if plan.kind in ("header", "heading"):
            props = self.el("w:trPr", tr)
            self.el("w:cantSplit", props)
            if plan.kind == "header":
                self.el("w:tblHeader", props)
        cells = plan.row.cells
        if plan.kind in ("heading", "text"):
            fill = (
                _ENTRY_FILLS[min(plan.depth, len(_ENTRY_FILLS) - 1)] if plan.kind == "heading" else _TEXT_FILL
            )
            cell = cells[0]
            assert cell is not None
            self._cell(
                tr,
                cell,
                sum(widths),
                span=len(widths),
                fill=fill,
                bold=plan.bold,
                keep=True,
                italic=plan.kind == "text",
            )
            return
        for index, cell in enumerate(cells):
            fill = _HEADER_FILL if plan.kind == "header" else plan.fills.get(index, "")
            if cell is None:
                self._cell(tr, Cell(("",)), widths[index], merge="continue")
                continue
            merge = ""
            if plan.kind == "goal" and plan.first and self._spans_down(plan, index):
                merge = "restart"
            self._cell(tr, cell, widths[index], fill=fill, merge=merge, header=plan.kind == "header")

    def _spans_down(self, plan: _PlanRow, index: int) -> bool:
        return index in self.merged.get(plan.row.number, ())

    def _cell(
        self,
        tr: Any,
        cell: Cell,
        width: int,
        *,
        span: int = 1,
        fill: str = "",
        merge: str = "",
        bold: int = 0,
        keep: bool = False,
        italic: bool = False,
        header: bool = False,
    ) -> None:
        tc = self.el("w:tc", tr)
        props = self.el("w:tcPr", tc)
        self.el("w:tcW", props, w=str(width), type="dxa")
        if span > 1:
            self.el("w:gridSpan", props, val=str(span))
        if merge == "restart":
            self.el("w:vMerge", props, val="restart")
        elif merge:
            self.el("w:vMerge", props)
        colour = ""
        if fill:
            fill = fill.lstrip("#").upper()
            self.el("w:shd", props, val="clear", color="auto", fill=fill)
            colour = "FFFFFF" if _dark(fill) else ""
        self.el("w:vAlign", props, val="top")
        for number, paragraph in enumerate(cell.paragraphs):
            self.paragraph(
                tc,
                paragraph,
                bold=len(paragraph) if header else (bold if number == 0 else 0),
                keep=keep,
                italic=italic,
                colour=colour,
            )


def _dark(fill: str) -> bool:
    try:
        r, g, b = (int(fill[i : i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return False
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45


def _merged_starts(plan: _Plan) -> dict[int, set[int]]:
    """Row number → columns whose goal cell is merged down over metric sub-rows."""
    out: dict[int, set[int]] = {}
    rows = plan.rows
    for i, plan_row in enumerate(rows):
        if plan_row.kind == "goal" and plan_row.first:
            following = rows[i + 1] if i + 1 < len(rows) else None
            if following is not None and following.kind == "goal" and not following.first:
                out[plan_row.row.number] = {j for j, c in enumerate(following.row.cells) if c is None}
    return out


def _properties_block(report: Report) -> str:
    org = report.organisation
    lines = {
        "strategiaseuranta": "1",
        "skeema": report.schema,
        "kunta": org.municipality,
        "toimielin": org.body,
        "kausi": report.period.render("fi"),
    }
    if report.title is not None:
        lines["otsikko"] = report.title
    return "\n".join(f"{k}: {' '.join(_xml_safe(v).split())}" for k, v in lines.items())


def _short(text: str) -> str:
    text = " ".join(_xml_safe(text).split())
    return text if len(text) <= 255 else text[:254] + "…"


def dump_report(report: Report, path: str | os.PathLike[str], *, lang: str | None = None) -> None:
    """Write a report as a Word document: the agenda table of the founding document.

    The columns are labelled by the schema in ``lang`` (default: the schema's
    language). The target column, which also holds the metric's name, takes the
    variant of the schema's target label that names both the metric and the target
    in that language, if there is one (*Mittari ja tavoitetaso* of ``joensuu`` and
    ``kunta``, as in the founding document); otherwise the schema's target label
    (*Målnivå*). The page is landscape A4 with the header row repeated on
    every page; forecast cells are shaded with the schema's colours. What the table
    cannot show is stored hidden (see the module's description), so that
    :func:`load_report` gives back an equal report.

    Args:
        report: The report.
        path: The ``.docx`` file to write (atomically).
        lang: ``"fi"``, ``"sv"`` or ``"en"``.

    Raises:
        FormatError: Unknown language.
        WriteError: The file cannot be written, or an entry's level is not in the schema.
        MissingDependencyError: python-docx is not installed.

    Example:
        >>> import strategiaseuranta as ss, tempfile, pathlib
        >>> report = ss.load("examples/joensuu/2025-07.yaml")
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "lautakunta.docx"
        >>> dump_report(report, out)
        >>> load_report(out) == report
        True
    """
    docx = require("docx", "docx", "writing .docx files")
    try:
        schema = get_schema(report.schema)
    except SchemaError as error:
        raise WriteError(f"{os.fspath(path)}: {error}") from None
    lang = lang or schema.language
    if lang not in LANGUAGES:
        raise FormatError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    check_writable(report, schema)
    plan = _Plan(report, schema, lang)
    data = _document_bytes(docx, plan)
    atomic_write(path, lambda handle: handle.write(data), binary=True)


def _document_bytes(docx: Any, plan: _Plan) -> bytes:
    from docx.enum.section import WD_ORIENT  # noqa: PLC0415
    from docx.opc.constants import RELATIONSHIP_TYPE  # noqa: PLC0415
    from docx.opc.packuri import PackURI  # noqa: PLC0415
    from docx.opc.part import Part  # noqa: PLC0415
    from docx.shared import Mm, Pt  # noqa: PLC0415

    report = plan.report
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(9)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(_PAGE_WIDTH_MM), Mm(_PAGE_HEIGHT_MM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(_MARGIN_MM))
    xml = _Xml(_merged_starts(plan))
    body = document.element.body
    sect = body[-1]
    for style, text in plan.texts:
        p = xml.make("w:p")
        props = xml.el("w:pPr", p)
        xml.el("w:pStyle", props, val=style)
        xml.run(p, text.text)
        sect.addprevious(p)
    sect.addprevious(xml.table(plan))
    sect.addprevious(xml.make("w:p"))
    footer = section.footer.paragraphs[0]
    org = report.organisation
    xml.run(
        footer._p,
        " ".join(_xml_safe(f"{org.municipality}{_DASH}{org.body}, {report.period.render(plan.lang)}").split())
        + "\t",
    )
    field = xml.el("w:fldSimple", footer._p, instr="PAGE")
    xml.run(field, "1")
    core = document.core_properties
    core.title = _short(report.title or f"{org.municipality}{_DASH}{org.body}")
    core.subject = _short(org.body)
    core.category = _short(report.period.render(plan.lang))
    core.keywords = _short(f"strategiaseuranta, {report.schema}")
    block = _properties_block(report)
    try:  # python-docx refuses more than 255 characters; the format has no such limit
        core._element._get_or_add("description").text = block
    except AttributeError:  # pragma: no cover - another python-docx version
        core.comments = _short(block)
    core.language = plan.lang
    core.author = core.last_modified_by = "strategiaseuranta"
    hidden = json.dumps(plan.hidden(), ensure_ascii=True, separators=(",", ":"))
    etree: Any = importlib.import_module("lxml.etree")  # python-docx's own XML library
    element = etree.Element(f"{{{_NS}}}data", nsmap={None: _NS})
    element.text = hidden
    blob = etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)
    package = document.part.package
    part = Part(PackURI(package.next_partname(_PART)), "application/xml", blob, package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_XML)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -- reading ---------------------------------------------------------------------------------------------


def _blocks(parent: Any) -> Iterator[Any]:
    """Paragraphs and tables in document order, looking inside content controls."""
    for child in parent:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag in (_W + "p", _W + "tbl"):
            yield child
        elif tag in (_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "smartTag"):
            yield from _blocks(child)


def _children(parent: Any, name: str) -> Iterator[Any]:
    for child in parent:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag == _W + name:
            yield child
        elif tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
            yield from _children(child, name)


def _paragraph_text(p: Any) -> str:
    out: list[str] = []
    for element in p.iter():
        tag = element.tag
        if not isinstance(tag, str) or not tag.startswith(_W):
            continue
        name = tag[len(_W) :]
        if name == "t":
            out.append((element.text or "").replace(_JOINER, ""))
            continue
        parent = element.getparent()
        if parent is None or parent.tag != _W + "r":
            continue
        if name == "tab":
            out.append("\t")
        elif name == "noBreakHyphen":
            out.append("-")
        elif name == "cr" or (name == "br" and element.get(_W + "type") in (None, "textWrapping")):
            out.append("\n")
    return "".join(out)


def _cell_paragraphs(tc: Any) -> list[str]:
    out: list[str] = []
    for block in _blocks(tc):
        if block.tag == _W + "p":
            out.append(_paragraph_text(block))
        else:
            for tr in _children(block, "tr"):
                for inner in _children(tr, "tc"):
                    out.extend(_cell_paragraphs(inner))
    return out


def _number(element: Any, name: str, default: int) -> int:
    found = element.find(_W + name) if element is not None else None
    if found is None:
        return default
    try:
        return max(0, min(int(found.get(_W + "val", default)), 64))
    except ValueError:
        return default


def _table_rows(tbl: Any, name: str) -> Iterator[Row]:
    for number, tr in enumerate(_children(tbl, "tr"), 1):
        cells: list[Cell | None] = [Cell(("",))] * _number(tr.find(_W + "trPr"), "gridBefore", 0)
        for tc in _children(tr, "tc"):
            props = tc.find(_W + "tcPr")
            span = max(1, _number(props, "gridSpan", 1))
            merge = props.find(_W + "vMerge") if props is not None else None
            continued = merge is not None and merge.get(_W + "val") in (None, "continue")
            cells.append(None if continued else Cell(_cell_paragraphs(tc)))
            cells.extend([None] * (span - 1))
        yield Row(tuple(cells), name, number)


def _items(body: Any) -> Iterator[Text | Row]:
    tables = 0
    for block in _blocks(body):
        if block.tag == _W + "p":
            yield Text(_paragraph_text(block))
        else:
            tables += 1
            yield from _table_rows(block, f"taulukko {tables}")


def _read_hidden(document: Any) -> Any:
    from docx.opc.constants import RELATIONSHIP_TYPE  # noqa: PLC0415

    etree: Any = importlib.import_module("lxml.etree")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    for rel in document.part.rels.values():
        if rel.reltype != RELATIONSHIP_TYPE.CUSTOM_XML or rel.is_external:
            continue
        try:
            root = etree.fromstring(rel.target_part.blob, parser)
            if root.tag != f"{{{_NS}}}data":
                continue
            data = json.loads(root.text or "")
        except (etree.XMLSyntaxError, ValueError, RecursionError):
            continue
        if isinstance(data, dict) and data.get("version") == _SIDECAR_VERSION:
            return data
    return None


def load_report(path: str | os.PathLike[str], *, schema: str | Schema | None = None) -> Report:
    """Read a report from the table of a Word document, ours or made by hand.

    The header row is found by the schema's column labels (Finnish, Swedish, English,
    and their variants: case, spaces, hyphens and a trailing year do not matter);
    entry rows by cells merged across the table or by a text starting with a level's
    name and a colon; the prose row below by the prose's name (*Tavoitelinjaus:*).
    The heading above the table gives *municipality – body* and the period; the
    document's properties stand in for a missing heading.

    Args:
        path: The ``.docx`` file.
        schema: The schema (name or object) to read the table by; by default the one the
            document names, else ``joensuu``.

    Raises:
        LoadError: A damaged, encrypted or hostile file (L101, L108, L110); no goal table
            (L208); unknown columns (L202), missing columns or heading (L203), an
            invalid period (L204), an unknown schema (L205). Table problems are placed at
            the table, row and column (``file:taulukko 1!C5``).
        MissingDependencyError: python-docx is not installed.

    Example:
        >>> import strategiaseuranta as ss
        >>> report = load_report("tests/data/joensuu-2025-07.docx")
        >>> report == ss.load("examples/joensuu/2025-07.yaml")
        True
    """
    name = os.fspath(path)
    check_zip(name, "docx", "word/document.xml")
    docx = require("docx", "docx", "reading .docx files")
    try:
        document = docx.Document(name)
        items = list(_items(document.element.body))
        hidden = _read_hidden(document)
        comments = document.core_properties.comments or ""
    except (RecursionError, MemoryError) as error:
        raise fail("L110", f"not a readable Word document ({type(error).__name__})", name) from None
    except Exception as error:  # noqa: BLE001 - python-docx and lxml raise many kinds; all mean "cannot read"
        detail = " ".join(str(error).split())[:160] or type(error).__name__
        raise fail("L110", f"not a readable Word document ({detail})", name) from None
    properties = _block(comments)
    resolved = _resolve_schema(schema, properties, hidden, name)
    goal_rows = hidden.get("goal_rows") if isinstance(hidden, dict) else None
    reader = TableReader(
        resolved,
        name,
        strict=hidden is not None,
        goal_rows=[g for g in goal_rows if isinstance(g, str)] if isinstance(goal_rows, list) else (),
    )
    for item in items:
        reader.feed(item)
    return build_report(
        reader,
        file=name,
        schema=resolved,
        hidden=hidden,
        properties=properties,
        source=Source(name, "docx"),
    )


def _resolve_schema(
    schema: str | Schema | None, properties: Mapping[str, str], hidden: Any, name: str
) -> Schema:
    if isinstance(schema, Schema):
        return schema
    if schema is not None:
        try:
            return get_schema(schema)
        except SchemaError as error:
            raise fail("L205", str(error), name) from None
    named = properties.get("skeema")
    if named is None and isinstance(hidden, dict) and isinstance(hidden.get("schema"), str):
        named = hidden["schema"]
    if named is None:
        return get_schema("joensuu")
    if named not in available_schemas():  # a document names a schema; it never makes us read a file
        raise fail(
            "L205",
            f"the document names schema {named!r}, which is not installed; available: "
            f"{', '.join(available_schemas())}; pass the schema to read it by",
            name,
        )
    return get_schema(named)
