"""The agenda table: the founding document's table as rows and cells, read into a report.

Shared by the Word format (:mod:`strategiaseuranta.formats.docx`) and the PDF layout
``taulukko`` (:mod:`strategiaseuranta.formats.pdf_table`), which read the same tables,
from a .docx and printed to PDF: :class:`Cell`, :class:`Row`, :class:`Text`,
:class:`Vocabulary`, :class:`TableReader`, :func:`build_report`, :func:`infer_depth`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final

import attrs

from strategiaseuranta.exceptions import LoadError
from strategiaseuranta.forecast import Forecast, ForecastLevel
from strategiaseuranta.ids import IdSequence, is_valid_id
from strategiaseuranta.issues import Issue, Location
from strategiaseuranta.model import Goal, Metric, Node, Organisation, Report, Source, Status
from strategiaseuranta.periods import Period, YearSpan
from strategiaseuranta.schema import LANGUAGES, Labels, Level, Schema

_DASH: Final = " – "

_GOAL_FIELDS: Final = ("title", "years", "responsible", "realisation", "forecast")
_METRIC_FIELDS: Final = ("metric", "target", "baseline", "value", "metric_status")
_LABELLED: Final = ("metric", "baseline", "value", "metric_status")
"""Metric fields written as ``Label: value`` paragraphs when the table has no column for them."""
_TEXT_FALLBACK: Final = Labels("Kuvaus", "Beskrivning", "Description")
_CONJUNCTIONS: Final = ("ja", "och", "and")


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class Cell:
    """The text of one table cell, as paragraphs.

    Example:
        >>> Cell(("Toteutuu", "")).text, Cell(("", " ")).blank
        ('Toteutuu\\n', True)
    """

    paragraphs: tuple[str, ...] = attrs.field(default=(), converter=_strings)

    @property
    def text(self) -> str:
        """The paragraphs joined with line breaks."""
        return "\n".join(self.paragraphs)

    @property
    def blank(self) -> bool:
        """True when the cell shows nothing but whitespace."""
        return not any(p.strip() for p in self.paragraphs)


@attrs.frozen
class Row:
    """One table row as the reader sees it.

    Attributes:
        cells: One entry per grid column; ``None`` where a merged cell covers the column
            (from the left, or from above).
        table: The table's name for messages, e.g. ``"taulukko 1"``.
        number: The 1-based row number in the table.
        page: The PDF page, for PDFs.
        continues: Set by the PDF reader on the first row of a table at the top of a page
            that follows a page ending in a table: the row may continue a row split by
            the page break.
    """

    cells: tuple[Cell | None, ...]
    table: str
    number: int
    page: int | None = None
    continues: bool = False


@attrs.frozen
class Text:
    """A paragraph outside tables (a heading, or an entry named in prose)."""

    text: str
    page: int | None = None


def _fold(label: str) -> str:
    """A header label folded for matching: case, spaces, hyphens, punctuation and a trailing year go."""
    if len(label) > _MAX_LABEL:
        return ""  # no header is this long
    text = unicodedata.normalize("NFC", " ".join(label.split())).casefold()
    text = _TRAILING_YEAR.sub("", text)
    return re.sub(r"[\W_]+", "", text)


_MAX_LABEL: Final = 200
_TRAILING_YEAR = re.compile(r"\s*\b(?:19|20|21)\d\d(?:\s*[-–—]\s*\d{2,4})?\s*$")


def _alternation(spellings: Iterable[str]) -> str:
    unique = sorted({s.strip() for s in spellings if s.strip()}, key=len, reverse=True)
    return "|".join(re.escape(s) for s in unique) or r"(?!)"


def _prefix_re(spellings: Iterable[str]) -> re.Pattern[str]:
    return re.compile(rf"\s*(?P<label>{_alternation(spellings)})[ \t]*:[ \t]*", re.IGNORECASE)


class Vocabulary:
    """A schema's words as a table shows them: column labels, level names, annotations.

    Example:
        >>> from strategiaseuranta import get_schema
        >>> vocabulary = Vocabulary(get_schema("joensuu"))
        >>> vocabulary.field("Toteutuma-ennuste"), vocabulary.field("Mittari ja tavoitetaso 2025")
        ('forecast', 'target')
    """

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self.columns: dict[str, str] = {}
        for field in (*_GOAL_FIELDS, *_METRIC_FIELDS):
            for spelling in self._spellings(field):
                self.columns.setdefault(_fold(spelling), field)
        for spelling in self._spellings("goal"):
            self.columns.setdefault(_fold(spelling), "title")
        metric, target = schema.labels.get("metric"), schema.labels.get("target")
        if metric is not None and target is not None:
            for lang, conjunction in zip(LANGUAGES, _CONJUNCTIONS, strict=True):
                combined = f"{metric.get(lang)} {conjunction} {target.get(lang)}"
                self.columns.setdefault(_fold(combined), "target")
        self.level_names: dict[str, Level] = {}
        for level in schema.levels:
            for spelling in level.name.spellings():
                self.level_names.setdefault(spelling.strip().casefold(), level)
        self.level_re = _prefix_re(self.level_names)
        texts = [s for level in schema.levels for s in (level.text_name or _TEXT_FALLBACK).spellings()]
        self.text_re = _prefix_re([*texts, *_TEXT_FALLBACK.spellings()])
        self.years_re = _prefix_re(self._spellings("years"))
        self.binding = {s.strip().casefold() for s in self._spellings("binding")}
        self.metric_res = {field: _prefix_re(self._spellings(field)) for field in _LABELLED}

    def _spellings(self, field: str) -> tuple[str, ...]:
        labels = self.schema.labels.get(field)
        return labels.spellings() if labels is not None else ()

    def field(self, header: str) -> str | None:
        """The goal field a column header names, or ``None``."""
        return self.columns.get(_fold(header))

    def level_of(self, text: str) -> tuple[Level, str] | None:
        """``(level, rest)`` when the text starts with a level's name and a colon."""
        match = self.level_re.match(text)
        if match is None:
            return None
        return self.level_names[match["label"].casefold()], text[match.end() :]

    def text_of(self, text: str) -> str | None:
        """The rest of a text starting with the name of a level's prose and a colon."""
        match = self.text_re.match(text)
        return None if match is None else text[match.end() :]

    def target_label(self, lang: str, columns: Sequence[str]) -> str:
        """The header of the target column: the variant naming metric and target, if the schema has one."""
        target = self.schema.labels["target"]
        if "metric" not in columns:
            metric = self.schema.label("metric", lang).casefold()
            for variant in target.variants:
                if metric in variant.casefold() and target.get(lang).casefold() in variant.casefold():
                    return variant
        return target.get(lang)


def _clean(text: str | None) -> str | None:
    """Strip every line and the blank lines at both ends; ``None`` when nothing is left."""
    if text is None:
        return None
    lines = [line.strip() for line in text.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) if lines else None


def _text_of(cell: Cell | None) -> str | None:
    return None if cell is None else _clean(cell.text)


@attrs.define
class _RawGoal:
    cells: dict[str, Cell]
    metric_rows: list[dict[str, Cell]]
    where: Location
    columns: frozenset[str] = frozenset()
    """The fields of the table's columns."""


@attrs.define
class _RawNode:
    level: Level
    heading: Cell
    title: str
    where: Location
    text_cell: Cell | None = None
    goals: list[_RawGoal] = attrs.Factory(list)


def _join_paragraphs(first: Cell, more: Cell) -> Cell:
    return Cell((*first.paragraphs, *more.paragraphs))


class TableReader:
    """Reads a stream of paragraphs and table rows into hierarchy entries and goals.

    Feed it :class:`Text` and :class:`Row` items in document order; then
    :func:`build_report` turns what it found into a report. Problems are collected in
    :attr:`issues`.

    Args:
        schema: The schema whose labels to recognise.
        file: The file's name for messages.
        strict: For documents this library wrote: paragraphs outside tables never name
            entries, the header is the first row of a table, and a row spanning the table
            must name its level.
        goal_rows: Fingerprints of goal cells (see the hidden values) whose rows only look
            like entry rows: a goal titled *Strateginen painopiste: …* with its other cells
            empty.
        join: How a cell continuing on the next page joins the cell it continues (the
            PDF reader joins lines, undoing hyphenation); by default as more paragraphs.

    Example:
        >>> from strategiaseuranta import get_schema
        >>> reader = TableReader(get_schema("joensuu"), "a.docx")
        >>> header = ("Toiminnallinen tavoite", "Mittari ja tavoitetaso", "Vastuutaho", "Toteuma", "Ennuste")
        >>> rows = [header, ("Strateginen painopiste: Osallisuus", None, None, None, None),
        ...         ("Testaamme", "Kokeiltu", "Osallisuuspalvelut", "Käynnissä", "Toteutuu")]
        >>> for number, cells in enumerate(rows, 1):
        ...     reader.feed(Row(tuple(c if c is None else Cell((c,)) for c in cells), "taulukko 1", number))
        >>> [(n.title, len(n.goals)) for n in reader.nodes], reader.issues
        ([('Osallisuus', 1)], [])
    """

    def __init__(
        self,
        schema: Schema,
        file: str | None,
        *,
        strict: bool = False,
        join: Callable[[Cell, Cell], Cell] = _join_paragraphs,
        goal_rows: Iterable[str] = (),
    ) -> None:
        self.schema = schema
        self.vocabulary = Vocabulary(schema)
        self.file = file
        self.strict = strict
        self.goal_rows = frozenset(goal_rows)
        self.join = join
        self.issues: list[Issue] = []
        self.nodes: list[_RawNode] = []
        self.before: list[Text] = []
        """Every paragraph before the first goal table, blank ones too."""
        self.heading: list[Text] = []
        """The paragraphs before the first goal table that name no entry: the report's heading."""
        self.found = False
        self._table: str | None = None
        self._columns: dict[int, str] | None = None
        self._last_columns: dict[int, str] | None = None
        self._last_width = 0
        self._width = 0
        self._data_seen = False
        self._checked: set[tuple[str, ...]] = set()
        self._goal: _RawGoal | None = None
        self._last: str | None = None
        self._continues = False

    # -- issues ---------------------------------------------------------------------------
    def _where(self, row: Row, column: int | None = None) -> Location:
        return Location(self.file, row.number, column, sheet=row.table, page=row.page)

    def _problem(self, code: str, message: str, where: Location) -> None:
        self.issues.append(Issue(code, message, where))

    # -- items ----------------------------------------------------------------------------
    def feed(self, item: Text | Row) -> None:
        """Take the next paragraph or row of the document."""
        if isinstance(item, Text):
            self._text(item)
        else:
            self._row(item)

    def _text(self, item: Text) -> None:
        if not self.found:
            self.before.append(item)
        text = item.text
        if not text.strip():
            return
        where = Location(self.file, page=item.page)
        if not self.strict:
            named = self.vocabulary.level_of(text)
            if named is not None:
                self._node(named[0], Cell(text.split("\n")), named[1], where)
                return
            rest = self.vocabulary.text_of(text)
            if rest is not None and self.nodes:
                self.nodes[-1].text_cell = Cell(("", *rest.split("\n")))  # the label is not part of the text
                self._last = "text"
                return
            if self._last == "text" and self.nodes and self.nodes[-1].text_cell is not None:
                node = self.nodes[-1]
                assert node.text_cell is not None
                node.text_cell = Cell((*node.text_cell.paragraphs, *text.split("\n")))
                return
        if not self.found:
            self.heading.append(item)

    def _row(self, row: Row) -> None:
        if row.table != self._table:
            self._table = row.table
            if self._columns is not None:
                self._last_columns, self._last_width = self._columns, self._width
            self._columns = None
            self._data_seen = False
        continues = row.continues or self._continues
        self._continues = False
        if all(cell is None or cell.blank for cell in row.cells):
            self._continues = continues
            return
        # a header row opens a table (a hand-made one may put an entry row above it)
        header = None if self._data_seen or (self.strict and row.number != 1) else self._header(row)
        if header is not None:
            self._continues = continues
            return
        wide = self._wide(row)
        if wide is not None:
            self._wide_row(wide, row, continues=continues)
            return
        if self._columns is None:
            if self._last_columns is None or len(row.cells) != self._last_width:
                return  # not a goal table
            self._columns, self._width = self._last_columns, self._last_width
        self._data_row(row, continues=continues)

    def _header(self, row: Row) -> dict[int, str] | None:
        matched: dict[int, str] = {}
        unknown: list[tuple[int, str]] = []
        shown = 0
        for index, cell in enumerate(row.cells):
            if cell is None or cell.blank:
                continue
            shown += 1
            field = self.vocabulary.field(cell.text)
            if field is None or field in matched.values():
                unknown.append((index, " ".join(cell.text.split())))
            else:
                matched[index] = field
        if (
            len(matched) < 2
            or 2 * len(matched) < shown
            or ("title" not in matched.values() and len(matched) < 3)
        ):
            return None
        self.found = True
        self._columns, self._width = matched, len(row.cells)
        seen = tuple(" ".join((c.text if c else "").split()) for c in row.cells)
        if seen not in self._checked:  # a header repeated on every page is checked once
            self._checked.add(seen)
            self._check_header(row, matched, unknown)
        return matched

    def _check_header(self, row: Row, matched: dict[int, str], unknown: list[tuple[int, str]]) -> None:
        known = ", ".join(repr(self.schema.label(f)) for f in self._table_fields())
        for index, text in unknown:
            repeated = self.vocabulary.field(text) in matched.values()
            self._problem(
                "L202",
                f"{row.table}: column {index + 1} {text!r} "
                + ("repeats a column" if repeated else f"is not a column of schema {self.schema.name!r}")
                + f"; known columns: {known}",
                self._where(row, index + 1),
            )
        required = ["title", *(f for f in self.schema.required if f in self._table_fields() and f != "title")]
        found = ", ".join(
            repr(" ".join((c.text if c else "").split())) for c in row.cells if c and not c.blank
        )
        for field in required:
            if field not in matched.values():
                self._problem(
                    "L203",
                    f"{row.table}: the header row has no column {self.schema.label(field)!r} "
                    f"(required by schema {self.schema.name!r}); found {found}",
                    self._where(row),
                )

    def _table_fields(self) -> tuple[str, ...]:
        return tuple(f for f in (*_GOAL_FIELDS, *_METRIC_FIELDS) if f in self.schema.labels)

    def _wide(self, row: Row) -> Cell | None:
        first = row.cells[0] if row.cells else None
        if first is None or first.blank:
            return None
        rest = row.cells[1:]
        if rest and all(cell is None for cell in rest):
            return first
        if not all(cell is None or cell.blank for cell in rest):
            return None
        return first if self.names_entry(first) else None

    def names_entry(self, cell: Cell) -> bool:
        """True when a cell alone on its row names an entry or its prose (``Strateginen painopiste: …``)."""
        text = cell.text
        named = self.vocabulary.level_of(text) is not None or self.vocabulary.text_of(text) is not None
        return named and _seen([cell]) not in self.goal_rows

    def _wide_row(self, cell: Cell, row: Row, *, continues: bool) -> None:
        text = cell.text
        where = self._where(row)
        named = self.vocabulary.level_of(text)
        node = self.nodes[-1] if self.nodes else None
        if named is not None:
            self._node(named[0], cell, named[1], where)
            return
        rest = self.vocabulary.text_of(text)
        if rest is not None and node is not None:
            node.text_cell = cell
            self._last = "text"
            return
        if node is not None and self._last == "text" and node.text_cell is not None:
            node.text_cell = (self.join if continues else _join_paragraphs)(node.text_cell, cell)
            return
        if node is not None and self._last == "heading" and not self.strict:
            node.text_cell = Cell(("", *cell.paragraphs))  # prose without its label
            self._last = "text"
            return
        if self._columns is not None and len(self.schema.levels) == 1 and not self.strict:
            self._node(self.schema.levels[0], cell, text, where)
            return
        names = " or ".join(repr(level.name.get(self.schema.language) + ":") for level in self.schema.levels)
        self._problem(
            "L204",
            f"{row.table}: row {row.number} spans the table but names no level of schema "
            f"{self.schema.name!r}; start it with {names}",
            where,
        )

    def _node(self, level: Level, heading: Cell, rest: str, where: Location) -> None:
        self.nodes.append(_RawNode(level, heading, _clean(rest) or "", where))
        self._goal = None
        self._last = "heading"

    def _data_row(self, row: Row, *, continues: bool) -> None:
        assert self._columns is not None
        self._data_seen = True
        goal_cells: dict[str, Cell | None] = {}
        metric_cells: dict[str, Cell] = {}
        for index, field in self._columns.items():
            cell = row.cells[index] if index < len(row.cells) else None
            if field in _GOAL_FIELDS:
                goal_cells[field] = cell
            elif cell is not None:
                metric_cells[field] = cell
        title = goal_cells.get("title")
        goal = self._goal
        goal_blank = all(c is None or c.blank for c in goal_cells.values())
        metrics_shown = any(not c.blank for c in metric_cells.values())
        if goal is not None and continues and self._continuation(title, goal_cells, goal):
            self._continue(goal, goal_cells, metric_cells)
            return
        if title is None or (title.blank and goal_blank):
            if goal is None:
                if metrics_shown:
                    self._no_title(row)
                return
            if metrics_shown:
                goal.metric_rows.append(metric_cells)
            return
        if title.blank:
            if goal is None:
                self._no_title(row)
                return
            self._continue(goal, goal_cells, metric_cells)
            return
        if not self.nodes:
            names = " or ".join(repr(lv.name.get(self.schema.language) + ":") for lv in self.schema.levels)
            self._problem(
                "L203",
                f"{row.table}: the goal in row {row.number} comes before any row naming its place in the "
                f"hierarchy (a row across the table starting with {names})",
                self._where(row, self._column_of("title")),
            )
            return
        cells = {f: c for f, c in goal_cells.items() if c is not None}
        goal = _RawGoal(
            cells,
            [metric_cells] if metrics_shown else [],
            self._where(row),
            frozenset(self._columns.values()),
        )
        self.nodes[-1].goals.append(goal)
        self._goal = goal
        self._last = "goal"

    def _continuation(self, title: Cell | None, cells: Mapping[str, Cell | None], goal: _RawGoal) -> bool:
        if self._last != "goal":
            return False
        if title is None or title.blank:
            return True
        forecast, before = cells.get("forecast"), goal.cells.get("forecast")
        return forecast is not None and forecast.blank and before is not None and not before.blank

    def _continue(
        self, goal: _RawGoal, goal_cells: Mapping[str, Cell | None], metrics: dict[str, Cell]
    ) -> None:
        for field, cell in goal_cells.items():
            if cell is None or cell.blank:
                continue
            before = goal.cells.get(field)
            goal.cells[field] = cell if before is None else self.join(before, cell)
        shown = {f: c for f, c in metrics.items() if not c.blank}
        if shown:
            if not goal.metric_rows:
                goal.metric_rows.append({})
            last = goal.metric_rows[-1]
            for field, cell in shown.items():
                before = last.get(field)
                last[field] = cell if before is None else self.join(before, cell)

    def _column_of(self, field: str) -> int | None:
        for index, name in (self._columns or {}).items():
            if name == field:
                return index + 1
        return None

    def _no_title(self, row: Row) -> None:
        self._problem(
            "L203",
            f"{row.table}: row {row.number} has no {self.schema.label('title')!r} and follows no goal",
            self._where(row, self._column_of("title")),
        )


# -- cells → values (the same parse for reading and for checking what the writer wrote) ----


@attrs.frozen
class _GoalParts:
    title: str
    years: YearSpan
    binding: bool
    responsible: tuple[str, ...]
    metrics: tuple[Metric, ...]
    realisation: str | None
    forecast: Forecast | None


class _Parser:
    def __init__(self, schema: Schema, vocabulary: Vocabulary, year: int) -> None:
        self.schema = schema
        self.vocabulary = vocabulary
        self.default_years = YearSpan.single(year)

    def node(self, raw: _RawNode) -> tuple[str, str, str | None]:
        text: str | None = None
        if raw.text_cell is not None:
            shown = raw.text_cell.text
            rest = self.vocabulary.text_of(shown)
            text = _clean(rest if rest is not None else shown) or ""
        return raw.level.key, raw.title, text

    def goal(self, raw: _RawGoal, columns: Iterable[str]) -> _GoalParts:
        title, years, binding = self.head(raw.cells.get("title"))
        if "years" in raw.cells:
            with contextlib.suppress(ValueError):
                years = YearSpan.parse(_text_of(raw.cells["years"]) or "")
        responsible = tuple(
            p.strip()
            for p in (raw.cells["responsible"].text.split("\n") if "responsible" in raw.cells else ())
        )
        word = _text_of(raw.cells.get("forecast"))
        ids = IdSequence()
        metrics = []
        present = set(columns)
        for cells in raw.metric_rows:
            metric = self.metric(cells, present)
            if metric is not None:
                metrics.append(attrs.evolve(metric, id=ids.next(metric.name or metric.target or "mittari")))
        return _GoalParts(
            title,
            years,
            binding,
            tuple(p for p in responsible if p),
            tuple(metrics),
            _text_of(raw.cells.get("realisation")),
            self.schema.forecast(word) if word else None,
        )

    def head(self, cell: Cell | None) -> tuple[str, YearSpan, bool]:
        paragraphs = [p.strip() for p in (cell.text.split("\n") if cell is not None else ())]
        years: YearSpan | None = None
        binding = False
        while paragraphs:
            last = paragraphs[-1]
            if not last:
                paragraphs.pop()
                continue
            match = self.vocabulary.years_re.match(last)
            if match is not None and years is None:
                try:
                    years = YearSpan.parse(last[match.end() :].strip())
                except ValueError:
                    break
                paragraphs.pop()
                continue
            if last.casefold() in self.vocabulary.binding and not binding:
                binding = True
                paragraphs.pop()
                continue
            break
        return _clean("\n".join(paragraphs)) or "", years or self.default_years, binding

    def metric(self, cells: Mapping[str, Cell], columns: set[str]) -> Metric | None:
        values = {field: _text_of(cells.get(field)) for field in _METRIC_FIELDS}
        labelled = [f for f in _LABELLED if f not in columns]
        if "target" in cells and labelled:
            values.update(self.labelled(cells["target"], labelled))
        status = values["metric_status"]
        metric = Metric(
            "mittari",  # the goal numbers its metrics (IdSequence) once they are all read
            values["metric"],
            values["target"],
            values["baseline"],
            values["value"],
            self.schema.forecast(status) if status else None,
        )
        if all(v is None for v in (metric.name, metric.target, metric.baseline, metric.value, metric.status)):
            return None
        return metric

    def labelled(self, cell: Cell, fields: Sequence[str]) -> dict[str, str | None]:
        parts: dict[str, list[str]] = {"target": []}
        current = "target"
        for paragraph in cell.text.split("\n"):  # a line break (Shift+Enter) counts as a paragraph
            for field in fields:
                match = self.vocabulary.metric_res[field].match(paragraph)
                if match is not None:
                    current = field
                    parts.setdefault(field, []).append(paragraph[match.end() :])
                    break
            else:
                if current == "metric":
                    current = "target"
                parts.setdefault(current, []).append(paragraph)
        return {field: _clean("\n".join(lines)) for field, lines in parts.items()}


# -- hidden values ----------------------------------------------------------------------------


def _seen(cells: Sequence[Cell | None]) -> str:
    """A fingerprint of what cells show."""
    data = json.dumps([None if c is None else list(c.paragraphs) for c in cells], ensure_ascii=False)
    return hashlib.blake2b(data.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _seen_texts(texts: Sequence[Text]) -> str:
    return _seen([Cell((t.text,)) for t in texts])


def _seen_metrics(rows: Sequence[Mapping[str, Cell]]) -> str:
    return _seen(
        [Cell((json.dumps(sorted((f, list(c.paragraphs)) for f, c in row.items())),)) for row in rows]
    )


class _BadValueError(Exception):
    """A hidden value of the wrong shape: it is ignored."""


def _opt_str(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise _BadValueError


def _str(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise _BadValueError


def _forecast_plain(forecast: Forecast | None) -> Any:
    if forecast is None:
        return None
    return {"word": forecast.word, "level": forecast.level.value if forecast.level else None}


def _forecast_of(value: Any) -> Forecast | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise _BadValueError
    level = value.get("level")
    try:
        return Forecast(_str(value.get("word")), None if level is None else ForecastLevel(level))
    except ValueError:
        raise _BadValueError from None


def _metric_plain(metric: Metric) -> dict[str, Any]:
    return {
        "id": metric.id,
        "name": metric.name,
        "target": metric.target,
        "baseline": metric.baseline,
        "value": metric.value,
        "status": _forecast_plain(metric.status),
    }


def _metric_of(value: Any) -> Metric:
    if not isinstance(value, dict) or not is_valid_id(_str(value.get("id"))):
        raise _BadValueError
    return Metric(
        value["id"],
        _opt_str(value.get("name")),
        _opt_str(value.get("target")),
        _opt_str(value.get("baseline")),
        _opt_str(value.get("value")),
        _forecast_of(value.get("status")),
    )


def _years_of(value: Any) -> YearSpan:
    if not isinstance(value, list) or len(value) != 2 or not all(type(v) is int for v in value):
        raise _BadValueError
    try:
        return YearSpan(value[0], value[1])
    except ValueError:
        raise _BadValueError from None


def _attributes_of(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _BadValueError
    for key, item in value.items():
        if not isinstance(key, str) or not (item is None or isinstance(item, str | int | float | bool)):
            raise _BadValueError
    return value


def _guarded(entry: Mapping[str, Any], key: str, seen: str) -> tuple[bool, Any]:
    """``(True, value)`` when the entry holds a value for a cell that still shows what was written."""
    item = entry.get(key)
    if isinstance(item, list) and len(item) == 2 and item[0] == seen:
        return True, item[1]
    return False, None


class _Hidden:
    """The hidden values of a document, by the fingerprint of the cell they belong to.

    Entries are keyed by ``(fingerprint, n)``: the n-th entry (from 0) whose cell shows
    that text, so that entries with the same title find their own values.
    """

    def __init__(self, data: Any) -> None:
        self.data: dict[str, Any] = data if isinstance(data, dict) else {}
        self.nodes = self._index("nodes")
        self.goals = self._index("goals")
        self.counts: dict[tuple[str, str], int] = {}

    def _index(self, kind: str) -> dict[tuple[str, int], dict[str, Any]]:
        out: dict[tuple[str, int], dict[str, Any]] = {}
        entries = self.data.get(kind)
        for entry in entries if isinstance(entries, list) else ():
            if (
                isinstance(entry, dict)
                and isinstance(entry.get("key"), str)
                and type(entry.get("n", 0)) is int
            ):
                out.setdefault((entry["key"], entry.get("n", 0)), entry)
        return out

    def take(self, kind: str, key: str) -> dict[str, Any]:
        """The entry of the next cell of this kind showing this text (``{}`` when there is none)."""
        n = self.counts.get((kind, key), 0)
        self.counts[kind, key] = n + 1
        return (self.nodes if kind == "nodes" else self.goals).get((key, n), {})


def _occurrence(counts: dict[str, int], key: str) -> dict[str, Any]:
    n = counts.get(key, 0)
    counts[key] = n + 1
    return {"key": key, "n": n} if n else {"key": key}


# -- building the report ------------------------------------------------------------------------


def _period_in(text: str) -> Period | None:
    """A period written alone, or at the end of a longer heading ("Strategian toteutuminen 1–7/2025")."""
    if len(text) > _MAX_LABEL:
        return None
    try:
        return Period.parse(text)
    except ValueError:
        pass
    words = text.split()
    for start in range(max(0, len(words) - 4), len(words)):
        try:
            return Period.parse(" ".join(words[start:]))
        except ValueError:
            continue
    return None


_SEPARATOR = re.compile(r"\s+[–—-]\s+")


def _heading_metadata(texts: Sequence[Text]) -> dict[str, Any]:
    """Municipality, body, period and title from the heading: ``Kunta – Toimielin``, then the period."""
    lines = [" ".join(t.text.split()) for t in texts if t.text.strip()]
    out: dict[str, Any] = {}
    index = next((i for i, line in enumerate(lines) if i > 0 and _period_in(line) is not None), None)
    if index is None and lines and _period_in(lines[0]) is not None:
        index = 0
    before = lines if index is None else lines[:index]
    if index is not None:
        out["period"] = _period_in(lines[index])
        after = lines[index + 1 :]
        if after:
            out["title"] = "\n".join(after)
    for line in reversed(before):
        parts = _SEPARATOR.split(line, maxsplit=1)
        if len(parts) == 2 and parts[0].strip() and parts[1].strip():
            out["municipality"], out["body"] = parts[0].strip(), parts[1].strip()
            break
    return out


def _block(comments: str) -> dict[str, str]:
    """The ``key: value`` block the writer puts in the core properties' comments."""
    out: dict[str, str] = {}
    for line in comments.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and value.strip():
            out.setdefault(key.strip().casefold(), value.strip())
    return out


def build_report(
    reader: TableReader,
    *,
    file: str,
    schema: Schema,
    hidden: Any = None,
    properties: Mapping[str, str] | None = None,
    source: Source | None = None,
    where: Location | None = None,
    scope: str = "",
) -> Report:
    """Build the report from what a :class:`TableReader` found.

    Args:
        reader: The reader after the whole document was fed.
        file: The file's name for messages.
        schema: The schema of the report.
        hidden: The document's hidden values (see the module's description), if any.
        properties: ``key: value`` metadata from the document's properties (``kunta``,
            ``toimielin``, ``kausi``, ``otsikko``): used for what the heading does not say.
        source: Where the report was read from.
        where: Where to place a document-wide problem (a missing heading).
        scope: Where the table was looked for, for the message of L208 (e.g. ``" on pp.3–4"``).

    Raises:
        LoadError: No goal table (L208), missing municipality, body or period (L203), an
            invalid period (L204), or the reader's issues.

    Example:
        >>> from strategiaseuranta import get_schema
        >>> schema = get_schema("kunta")
        >>> reader = TableReader(schema, "a.docx")
        >>> for text in ("Joensuu – Hyvinvointilautakunta", "tammi–heinäkuu 2025"):
        ...     reader.feed(Text(text))
        >>> header = (Cell(("Toiminnallinen tavoite",)), Cell(("Toteutumaennuste",)))
        >>> reader.feed(Row(header, "taulukko 1", 1))
        >>> report = build_report(reader, file="a.docx", schema=schema)
        >>> report.organisation.municipality, str(report.period), report.nodes
        ('Joensuu', 'tammi–heinäkuu 2025', ())
    """
    issues = list(reader.issues)
    place = where or Location(file)
    if not reader.found:
        labels = ", ".join(repr(schema.label(f)) for f in ("title", "target", "responsible", "forecast"))
        raise LoadError(
            [
                *issues,
                Issue(
                    "L208",
                    f"no table with the columns of schema {schema.name!r} (such as {labels}){scope}; "
                    "the header row must name at least two of them",
                    place,
                ),
            ]
        )
    side = _Hidden(hidden)
    meta = _metadata(
        reader, side=side, properties=properties or {}, schema=schema, place=place, issues=issues
    )
    period = meta.get("period")
    nodes: tuple[Node, ...] = ()
    if isinstance(period, Period):
        nodes = _Builder(schema, reader.vocabulary, period.year, side, issues).build(reader.nodes)
    errors = [i for i in issues if i.is_error]
    if errors or not isinstance(period, Period):
        raise LoadError(sorted(issues, key=_issue_order))
    return Report(
        Organisation(meta["municipality"], meta["body"]),
        period,
        nodes,
        schema=schema.name,
        title=meta.get("title"),
        source=source,
    )


def _issue_order(issue: Issue) -> tuple[int, str, int, int]:
    loc = issue.location
    return (loc.page or 0, loc.sheet or "", loc.line or 0, loc.column or 0)


def _metadata(
    reader: TableReader,
    *,
    side: _Hidden,
    properties: Mapping[str, str],
    schema: Schema,
    place: Location,
    issues: list[Issue],
) -> dict[str, Any]:
    report = side.data.get("report")
    if isinstance(report, dict) and report.get("seen") == _seen_texts(reader.before):
        try:
            period = report.get("period")
            if not isinstance(period, list) or len(period) != 4:
                raise _BadValueError
            return {
                "municipality": _str(report.get("municipality")),
                "body": _str(report.get("body")),
                "period": Period(*period),
                "title": _opt_str(report.get("title")),
            }
        except (_BadValueError, TypeError, ValueError):
            pass
    meta = _heading_metadata(reader.heading)
    if not meta and properties.get("otsikko"):
        meta["title"] = properties["otsikko"]
    for field, key in (("municipality", "kunta"), ("body", "toimielin")):
        if field not in meta and properties.get(key):
            meta[field] = properties[key]
    if "period" not in meta and properties.get("kausi"):
        try:
            meta["period"] = Period.parse(properties["kausi"])
        except ValueError as error:
            issues.append(Issue("L204", f"the document's properties give an invalid period: {error}", place))
    missing = [
        name
        for name, field in (
            ("municipality", "municipality"),
            ("body", "body"),
            ("reporting period", "period"),
        )
        if meta.get(field) is None
    ]
    if missing:
        example = f"'Joensuu{_DASH}Hyvinvoinnin ja osallisuuden edistämisen lautakunta'"
        issues.append(
            Issue(
                "L203",
                f"the document does not say its {' and '.join(missing)}: above the table, give a heading "
                f"'{schema.label('municipality')}{_DASH}{schema.label('body')}' (e.g. {example}) and the "
                "period on the next line (e.g. 'tammi–heinäkuu 2025')",
                place,
            )
        )
    return meta


class _Builder:
    def __init__(
        self, schema: Schema, vocabulary: Vocabulary, year: int, side: _Hidden, issues: list[Issue]
    ) -> None:
        self.schema = schema
        self.parser = _Parser(schema, vocabulary, year)
        self.side = side
        self.issues = issues
        self.node_ids = IdSequence()
        self.goal_ids = IdSequence()
        self.order = {level.key: i for i, level in enumerate(schema.levels)}

    def build(self, raws: Sequence[_RawNode]) -> tuple[Node, ...]:
        top: list[dict[str, Any]] = []
        stack: list[dict[str, Any]] = []
        for raw in raws:
            entry = self.side.take("nodes", _seen([raw.heading]))
            level, title, text = self.parser.node(raw)
            if entry.get("level") in self.order and isinstance(entry.get("title"), str):
                level, title = entry["level"], entry["title"]
            ok, exact = _guarded(entry, "text", _seen([raw.text_cell]))
            if ok and (exact is None or isinstance(exact, str)):
                text = exact
            derived = self.node_ids.next(f"{level} {title}")
            node_id = (
                entry["id"] if isinstance(entry.get("id"), str) and is_valid_id(entry["id"]) else derived
            )
            depth = entry.get("depth")
            if type(depth) is not int or not 0 <= depth <= len(stack):
                depth = infer_depth([s["level"] for s in stack], level, self.order)
            del stack[depth:]
            goals = [self.goal(g) for g in raw.goals]
            item = {
                "id": node_id,
                "level": level,
                "title": title,
                "text": text,
                "goals": goals,
                "children": [],
            }
            (stack[-1]["children"] if stack else top).append(item)
            stack.append(item)
        return tuple(_freeze(item) for item in top)

    def goal(self, raw: _RawGoal) -> Goal:
        parts = self.parser.goal(raw, raw.columns)
        entry = self.side.take("goals", _seen([raw.cells.get("title")]))
        title, years, binding = parts.title, parts.years, parts.binding
        head = entry.get("head")
        try:
            if isinstance(head, dict):
                title, years, binding = _str(head.get("title")), _years_of(head.get("years")), head["binding"]
                if not isinstance(binding, bool):
                    raise _BadValueError
        except (_BadValueError, KeyError):
            title, years, binding = parts.title, parts.years, parts.binding
        responsible, metrics = parts.responsible, parts.metrics
        realisation, forecast = parts.realisation, parts.forecast
        try:
            ok, exact = _guarded(entry, "responsible", _seen([raw.cells.get("responsible")]))
            if ok:
                if not isinstance(exact, list):
                    raise _BadValueError
                responsible = tuple(_str(p) for p in exact)
        except _BadValueError:
            pass
        try:
            ok, exact = _guarded(entry, "metrics", _seen_metrics(raw.metric_rows))
            if ok:
                if not isinstance(exact, list):
                    raise _BadValueError
                metrics = tuple(_metric_of(m) for m in exact)
        except _BadValueError:
            pass
        try:
            ok, exact = _guarded(entry, "realisation", _seen([raw.cells.get("realisation")]))
            if ok:
                realisation = _opt_str(exact)
            ok, exact = _guarded(entry, "forecast", _seen([raw.cells.get("forecast")]))
            if ok:
                forecast = _forecast_of(exact)
        except _BadValueError:
            pass
        attributes: dict[str, Any] = {}
        with contextlib.suppress(_BadValueError):
            attributes = _attributes_of(entry.get("attributes", {}))
        derived = self.goal_ids.next(title)
        goal_id = entry["id"] if isinstance(entry.get("id"), str) and is_valid_id(entry["id"]) else derived
        status = None if realisation is None and forecast is None else Status(realisation, forecast)
        return Goal(goal_id, title, years, responsible, metrics, status, binding, attributes)


def _freeze(item: Mapping[str, Any]) -> Node:
    return Node(
        item["id"],
        item["level"],
        item["title"],
        item["text"],
        item["goals"],
        [_freeze(child) for child in item["children"]],
    )


def infer_depth(ancestors: Sequence[str], level: str, order: Mapping[str, int]) -> int:
    """The depth an entry of ``level`` gets under ``ancestors`` (level keys, top first).

    An entry goes under the nearest ancestor of a higher level (earlier in the schema);
    entries of the same level are siblings.

    Example:
        >>> order = {"valinta": 0, "tavoite": 1}
        >>> infer_depth(["valinta"], "tavoite", order), infer_depth(["valinta", "tavoite"], "tavoite", order)
        (1, 1)
    """
    depth = len(ancestors)
    rank = order.get(level, len(order))
    while depth > 0 and order.get(ancestors[depth - 1], -1) >= rank:
        depth -= 1
    return depth
