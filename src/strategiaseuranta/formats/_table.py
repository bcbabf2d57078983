"""Reports as flat tables: the row model shared by CSV and Excel.

One row per metric (a goal without metrics gets one row); the goal's fields,
its place in the hierarchy and the report's own fields are repeated on every
row, so that a sheet can be filtered, sorted and pasted as it is. Columns are
labelled by the schema in the chosen language; reading accepts the labels in
every language and the variants real documents use.

Reading goes through the same :class:`~strategiaseuranta.formats._plain.Reader`
as JSON, so a table is checked exactly like a file, and every problem is placed
at its row and column (and sheet).

What a table cannot tell apart, and how it reads back (documented in
docs/documents.md): an empty text and a missing one (both read as missing), an
empty responsible party (dropped), a custom field left empty and one set to
nothing (both missing).
"""

from __future__ import annotations

import difflib
import math
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Final

import attrs

from strategiaseuranta.exceptions import LoadError, SchemaError, WriteError
from strategiaseuranta.forecast import Forecast
from strategiaseuranta.formats._plain import JSON_V1_DIALECT, Reader
from strategiaseuranta.ids import IdSequence
from strategiaseuranta.issues import Issue, Location
from strategiaseuranta.model import Goal, Metric, Node, Report, Source
from strategiaseuranta.periods import YearSpan
from strategiaseuranta.registry import get_schema
from strategiaseuranta.schema import LANGUAGES, Labels, Schema

__all__ = ["Cell", "Table", "read_table", "table_of"]

Cell = str | int | float | bool | None
"""A cell's value: text, or a number or truth value (custom fields in Excel)."""

MAX_ROWS: Final = 200_000
"""The most data rows read from one table (a national data set is about 100,000 per year)."""
MAX_COLUMNS: Final = 500

# Labels of the columns that are not goal fields of the schema.
_FIXED: dict[str, Labels] = {
    "schema": Labels("Skeema", "Schema", "Schema"),
    "report_title": Labels("Raportin otsikko", "Rapportens rubrik", "Report title"),
    "goal_id": Labels("Tavoitteen tunniste", "Målets id", "Goal id"),
    "metric_id": Labels("Mittarin tunniste", "Mätarens id", "Metric id"),
    "forecast_level": Labels("Ennusteen taso", "Prognosens nivå", "Forecast level"),
    "status_level": Labels("Tilan taso", "Statusens nivå", "Status level"),
}
_ID_SUFFIX = Labels("tunniste", "id", "id")
_YES = {"kyllä", "k", "ja", "yes", "y", "true", "x", "1", "sitova", "bindande", "binding"}
_NO = {"", "ei", "e", "nej", "no", "n", "false", "0"}
_REPORT_KEYS = ("municipality", "body", "period", "schema", "report_title")
_RISKY = frozenset("=+-@\t\r")
"""First characters that make a spreadsheet treat a cell as a formula."""


@attrs.frozen
class Table:
    """A report as rows: ``header`` then ``rows``, with the key of every column.

    Attributes:
        keys: What each column holds, e.g. ``"title"``, ``"level:painopiste"``, ``"attr:kustannus"``.
        header: The column labels in the chosen language.
        rows: The data rows.
        schema: The schema the labels come from.
    """

    keys: tuple[str, ...]
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    schema: Schema


# -- writing ----------------------------------------------------------------------------------


def _label(schema: Schema, key: str, lang: str) -> str:
    kind, _, arg = key.partition(":")
    if kind == "level":
        return schema.level(arg).name.get(lang)
    if kind == "text":
        level = schema.level(arg)
        assert level.text_name is not None
        return level.text_name.get(lang)
    if kind == "nodeid":
        return f"{schema.level(arg).name.get(lang)} ({_ID_SUFFIX.get(lang)})"
    if kind == "attr":
        field = schema.field(arg)
        return field.label.get(lang) if field is not None and field.label is not None else arg
    if kind == "responsible":
        base = schema.label("responsible", lang)
        return base if arg == "1" else f"{base} {arg}"
    if key in _FIXED:
        return _FIXED[key].get(lang)
    return schema.label(key, lang)


def _paths(report: Report, schema: Schema) -> Iterator[tuple[tuple[Node, ...], Goal | None]]:
    """Every goal with its trail, and every node without goals or children (as ``None``)."""
    order = {level.key: i for i, level in enumerate(schema.levels)}

    def visit(node: Node, trail: tuple[Node, ...]) -> Iterator[tuple[tuple[Node, ...], Goal | None]]:
        here = (*trail, node)
        if not node.title:
            raise WriteError(f"cannot write a table: an entry of level {node.level!r} has no title")
        if node.level not in order:
            raise WriteError(f"cannot write level {node.level!r}: schema {schema.name!r} has no such level")
        if trail and order[node.level] <= order[trail[-1].level]:
            raise WriteError(
                f"cannot write a table: {node.level!r} {node.title!r} sits under {trail[-1].level!r}, "
                f"but a table has one column per level of schema {schema.name!r}, top down"
            )
        for goal in node.goals:
            yield here, goal
        _distinct(node.children)
        for child in node.children:
            yield from visit(child, here)
        if not node.goals and not node.children:
            yield here, None

    _distinct(report.nodes)
    for node in report.nodes:
        yield from visit(node, ())


def _distinct(siblings: Sequence[Node]) -> None:
    seen = set()
    for node in siblings:
        key = (node.level, node.title, node.id)
        if key in seen:
            raise WriteError(
                f"cannot write a table: two entries {node.title!r} with the same id {node.id!r} side by side"
            )
        seen.add(key)


def table_of(report: Report, lang: str | None = None) -> Table:
    """The report as a table with the schema's labels in ``lang`` (default: the schema's language).

    Raises:
        WriteError: The hierarchy does not follow the schema's levels top down.
        ValueError: Unknown language.

    Example:
        >>> import strategiaseuranta as ss
        >>> table = table_of(ss.load("examples/joensuu/2025-07.yaml"))
        >>> table.header[:4]
        ('Kunta', 'Toimielin', 'Raportointikausi', 'Skeema')
        >>> len(table.rows), table.rows[0][table.keys.index("forecast")]
        (7, 'Toteutuu')
    """
    schema = get_schema(report.schema)
    lang = lang or schema.language
    blank = [f for f in ("municipality", "body") if not getattr(report.organisation, f).strip()]
    if blank:
        raise WriteError(f"cannot write a table: the report's {' and '.join(blank)} is empty")
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    paths = list(_paths(report, schema))
    goals = [g for _, g in paths if g is not None]
    metrics = [m for g in goals for m in g.metrics]
    seen_ids: set[str] = set()
    for each in goals:
        if each.id in seen_ids:
            raise WriteError(
                f"cannot write a table: two goals have the id {each.id!r} (V201); "
                "a table tells goals apart by id"
            )
        seen_ids.add(each.id)
    levels = {n.level for trail, _ in paths for n in trail}
    node_ids = _derived_node_ids(report)
    keys: list[str] = ["municipality", "body", "period", "schema"]
    if report.title is not None:
        keys.append("report_title")
    for level in schema.levels:
        if level.key in levels or level is schema.levels[0]:
            keys.append(f"level:{level.key}")
            if level.text_key is not None and level.text_name is not None:
                keys.append(f"text:{level.key}")
            at_level = {id(n): n for t, _ in paths for n in t if n.level == level.key}.values()
            places = [(id(_parent(report, n)), n.title) for n in at_level]
            if len(set(places)) < len(places) or any(node_ids[id(n)] != n.id for n in at_level):
                keys.append(f"nodeid:{level.key}")
    keys += ["goal_id", "title"]
    if any(g.years != YearSpan.single(report.period.year) for g in goals):
        keys.append("years")
    if any(g.binding for g in goals):
        keys.append("binding")
    most = max((len([p for p in g.responsible if p]) for g in goals), default=0)
    keys += [f"responsible:{i}" for i in range(1, max(most, 1) + 1)]
    metric_ids_differ = any(
        m.id != d for g in goals for m, d in zip(g.metrics, _derived_metric_ids(g), strict=True)
    ) or any(_blank_metric(m) for m in metrics)
    if metric_ids_differ:
        keys.append("metric_id")
    if any(m.name for m in metrics):
        keys.append("metric")
    if any(m.baseline for m in metrics):
        keys.append("baseline")
    keys.append("target")
    if any(m.value for m in metrics):
        keys.append("value")
    if schema.status_per != "goal" or any(_said(m.status) for m in metrics):
        keys.append("metric_status")
        if any((f := _said(m.status)) and _needs_level(schema, f) for m in metrics):
            keys.append("status_level")
    keys.append("realisation")
    if schema.status_per != "metric" or any(_said(g.forecast) for g in goals):
        keys.append("forecast")
        if any((f := _said(g.forecast)) and _needs_level(schema, f) for g in goals):
            keys.append("forecast_level")
    attributes = dict.fromkeys(f.name for f in schema.fields)
    attributes.update(dict.fromkeys(k for g in goals for k, v in g.attributes.items() if v is not None))
    keys += [f"attr:{a}" for a in attributes if any(g.attributes.get(a) is not None for g in goals)]
    header = tuple(_label(schema, k, lang) for k in keys)
    seen: dict[str, str] = {}
    for key, label in zip(keys, header, strict=True):
        norm = _norm(label)
        if norm in seen:
            raise WriteError(f"two columns would be labelled {label!r} ({seen[norm]} and {key}); rename one")
        seen[norm] = key
    rows = []
    if not paths:
        base = _row_base(report, (), node_ids, lang)
        rows.append(tuple(base.get(k) for k in keys))
    for trail, goal in paths:
        base = _row_base(report, trail, node_ids, lang)
        if goal is None:
            rows.append(tuple(base.get(k) for k in keys))
            continue
        fields = _goal_cells(goal)
        for metric in goal.metrics or (None,):
            cells = {**base, **fields, **_metric_cells(metric)}
            rows.append(tuple(cells.get(k) for k in keys))
    return Table(tuple(keys), header, tuple(rows), schema)


def _parent(report: Report, node: Node) -> Node | None:
    for trail, candidate in report.iter_nodes():
        if candidate is node:
            return trail[-1] if trail else None
    return None


def _blank_metric(metric: Metric) -> bool:
    return not any((metric.name, metric.target, metric.baseline, metric.value, _said(metric.status)))


def _said(forecast: Forecast | None) -> Forecast | None:
    """A forecast with a word (an empty word is no forecast in a table)."""
    return forecast if forecast is not None and forecast.word else None


def _needs_level(schema: Schema, forecast: Forecast) -> bool:
    return forecast.level is not None and schema.step(forecast.word) is None


def _derived_node_ids(report: Report) -> dict[int, str]:
    ids = IdSequence()
    # iter_nodes lists a node before its children, the order in which the reader derives ids
    return {id(node): ids.next(f"{node.level} {node.title}") for _, node in report.iter_nodes()}


def _derived_metric_ids(goal: Goal) -> list[str]:
    ids = IdSequence()
    return [ids.next(m.name or m.target or "mittari") for m in goal.metrics]


def _row_base(report: Report, trail: Sequence[Node], node_ids: dict[int, str], lang: str) -> dict[str, Cell]:
    out: dict[str, Cell] = {
        "municipality": report.organisation.municipality or None,
        "body": report.organisation.body or None,
        "period": report.period.render(lang),
        "schema": report.schema,
        "report_title": report.title or None,
    }
    for node in trail:
        out[f"level:{node.level}"] = node.title
        out[f"text:{node.level}"] = node.text or None
        out[f"nodeid:{node.level}"] = node.id
    return out


def _goal_cells(goal: Goal) -> dict[str, Cell]:
    # The goal id is always written: it is what a table is sorted and joined by.
    out: dict[str, Cell] = {
        "goal_id": goal.id,
        "title": goal.title,
        "years": goal.years.render(),
        "binding": "x" if goal.binding else None,
        "realisation": goal.realisation or None,
    }
    for i, party in enumerate((p for p in goal.responsible if p), 1):
        out[f"responsible:{i}"] = party
    forecast = _said(goal.forecast)
    if forecast is not None:
        out["forecast"] = forecast.word
        out["forecast_level"] = forecast.level.value if forecast.level else None
    for name, value in goal.attributes.items():
        out[f"attr:{name}"] = value
    return out


def _metric_cells(metric: Metric | None) -> dict[str, Cell]:
    if metric is None:
        return {}
    status = _said(metric.status)
    return {
        "metric_id": metric.id,
        "metric": metric.name or None,
        "target": metric.target or None,
        "baseline": metric.baseline or None,
        "value": metric.value or None,
        "metric_status": status.word if status else None,
        "status_level": status.level.value if status and status.level else None,
    }


def guard(text: str) -> str:
    """Text for a spreadsheet cell, safe from formula injection (a quote before ``= + - @``).

    :func:`unguard` reverses it exactly.

    Example:
        >>> guard("=HYPERLINK(1)"), guard("-5 %"), guard("'x"), unguard(guard("'=x"))
        ("'=HYPERLINK(1)", "'-5 %", "'x", "'=x")
    """
    if text and (text[0] in _RISKY or (text[0] == "'" and len(text) > 1 and text[1] in _RISKY | {"'"})):
        return "'" + text
    return text


def unguard(text: str) -> str:
    """Undo :func:`guard`."""
    if len(text) > 1 and text[0] == "'" and text[1] in _RISKY | {"'"}:
        return text[1:]
    return text


# -- reading ----------------------------------------------------------------------------------


def _norm(label: str) -> str:
    return " ".join(unicodedata.normalize("NFC", label).casefold().replace("\u00ad", "").split())


@attrs.frozen
class _Where:
    """How to place an issue: the file, the sheet, and a header for column names."""

    file: str | None
    sheet: str | None
    header: Sequence[str]

    def at(self, row: int | None, column: int | None) -> Location:
        return Location(self.file, row, column, sheet=self.sheet)

    def issue(self, code: str, message: str, row: int | None, column: int | None) -> Issue:
        if column is not None and 0 < column <= len(self.header):
            message = f"column {self.header[column - 1]!r}: {message}"
        return Issue(code, message, self.at(row, column))


def _header_map(schema: Schema) -> dict[str, str]:
    """Every accepted spelling of a column label → its key; the schema's language first."""
    out: dict[str, str] = {}

    def add(labels: Labels | None, key: str) -> None:
        if labels is None:
            return
        for spelling in (labels.get(schema.language), *labels.spellings()):
            out.setdefault(_norm(spelling), key)

    for key in ("municipality", "body", "period", "title", "years", "binding", "realisation", "forecast"):
        add(schema.labels.get(key), key)
    for key in ("metric", "target", "baseline", "value", "metric_status"):
        add(schema.labels.get(key), key)
    for key, labels in _FIXED.items():
        add(labels, key)
    for level in schema.levels:
        add(level.name, f"level:{level.key}")
        add(level.text_name, f"text:{level.key}")
        for lang in LANGUAGES:
            out.setdefault(_norm(f"{level.name.get(lang)} ({_ID_SUFFIX.get(lang)})"), f"nodeid:{level.key}")
    responsible = schema.labels["responsible"]
    for spelling in (responsible.get(schema.language), *responsible.spellings()):
        out.setdefault(_norm(spelling), "responsible:1")
        for i in range(2, 21):
            out.setdefault(_norm(f"{spelling} {i}"), f"responsible:{i}")
    for field in schema.fields:
        add(field.label, f"attr:{field.name}")
        out.setdefault(_norm(field.name), f"attr:{field.name}")
    return out


def find_header(rows: Sequence[Sequence[Cell]], schema: Schema) -> tuple[int, int]:
    """(index, matches) of the header: of the first ten rows, the one most labels match."""
    known = _header_map(schema)
    best, best_score = 0, 0
    for i, row in enumerate(rows[:10]):
        score = sum(1 for c in row if isinstance(c, str) and _norm(c) in known)
        if score > best_score:
            best, best_score = i, score
    return best, best_score


def read_table(
    rows: Iterable[Sequence[Cell]],
    *,
    file: str | None,
    sheet: str | None = None,
    schema: str | Schema | None = None,
    fmt: str,
    first_row: int = 1,
    typed: bool = False,
) -> Report:
    """Build a report from a table's rows (the header among the first ten).

    Args:
        rows: The rows, all of them, header included.
        file: The file's path, for messages.
        sheet: The sheet's name, for messages (Excel).
        schema: Read the labels of this schema; by default the one the ``Skeema``
            column names, else ``joensuu``.
        fmt: The format name for the report's :class:`~strategiaseuranta.Source`.
        first_row: The row number of the first row given (for messages).
        typed: The cells carry their types (Excel): text in a custom field stays text
            even where it reads as a number; else (CSV) it is read as YAML reads it.

    Raises:
        LoadError: With every problem, placed at its row and column.
    """
    table = [list(r) for r in rows]
    if not any(any(c not in (None, "") for c in row) for row in table):
        raise LoadError([Issue("L102", "the table is empty", Location(file, sheet=sheet))])
    given: Schema | None = schema if isinstance(schema, Schema) else None
    if given is None:
        name = schema if isinstance(schema, str) else _named_schema(table)
        try:
            given = get_schema(name or "joensuu")
        except SchemaError as error:
            raise LoadError([Issue("L205", str(error), Location(file, sheet=sheet))]) from None
    head, _ = find_header(table, given)
    header = [c if isinstance(c, str) else ("" if c is None else str(c)) for c in table[head]]
    where = _Where(file, sheet, header)
    known = _header_map(given)
    keys: list[str | None] = []
    issues: list[Issue] = []
    seen: dict[str, int] = {}
    for col, label in enumerate(header, 1):
        key = known.get(_norm(label))
        if not label.strip():
            keys.append(None)
            continue
        if key is None:
            close = difflib.get_close_matches(_norm(label), list(known), n=1, cutoff=0.85)
            if close:
                issues.append(
                    where.issue(
                        "L202",
                        f"unknown column; did you mean {_label(given, known[close[0]], given.language)!r}?",
                        head + first_row,
                        col,
                    )
                )
            key = f"attr:{label.strip()}"  # an undeclared custom field, as in YAML's lisätiedot
        if key in seen:
            issues.append(
                where.issue(
                    "L105", f"the column appears twice (first as column {seen[key]})", head + first_row, col
                )
            )
        seen[key] = col
        keys.append(key)
    for required in ("municipality", "body", "period", "title"):
        if required not in seen:
            label = _label(given, required, given.language)
            issues.append(
                where.issue(
                    "L203", f"no column {label!r} (or its Swedish or English label)", head + first_row, None
                )
            )
    if not any(k and k.startswith("level:") for k in keys):
        names = ", ".join(repr(lv.name.get(given.language)) for lv in given.levels)
        issues.append(where.issue("L203", f"no column for the hierarchy: {names}", head + first_row, None))
    if issues:
        raise LoadError(issues)
    builder = _Builder(given, keys, where, first_row, typed=typed)
    for index, row in enumerate(table[head + 1 :], head + 1 + first_row):
        builder.add(index, row)
    return builder.finish(fmt)


def _named_schema(rows: Sequence[Sequence[Cell]]) -> str | None:
    names = {_norm(s) for s in _FIXED["schema"].spellings()}
    for i, row in enumerate(rows[:10]):
        for col, cell in enumerate(row):
            if isinstance(cell, str) and _norm(cell) in names:
                for below in rows[i + 1 :]:
                    value = below[col] if col < len(below) else None
                    if isinstance(value, str) and value.strip():
                        return value.strip()
                return None
    return None


class _Builder:
    """Groups rows into nodes, goals and metrics, as JSON-dialect plain data with cell positions."""

    def __init__(
        self, schema: Schema, keys: Sequence[str | None], where: _Where, first_row: int, *, typed: bool
    ) -> None:
        self.schema = schema
        self.typed = typed
        self.keys = keys
        self.where = where
        self.first_row = first_row
        self.issues: list[Issue] = []
        self.cells: dict[tuple[Any, ...], tuple[int, int]] = {}
        self.report: dict[str, Any] = {}
        self.report_cells: dict[str, tuple[int, int]] = {}
        self.nodes: list[dict[str, Any]] = []
        self.node_index: dict[tuple[Any, ...], tuple[dict[str, Any], tuple[Any, ...]]] = {}
        self.goal: dict[str, Any] | None = None
        self.goal_key: tuple[Any, ...] | None = None
        self.goal_row = 0
        self.goal_pointer: tuple[Any, ...] = ()
        self.last_path: tuple[tuple[str, str, str | None], ...] = ()
        self.rows = 0
        self.order = {level.key: i for i, level in enumerate(schema.levels)}

    def problem(self, code: str, message: str, row: int, col: int | None) -> None:
        self.issues.append(self.where.issue(code, message, row, col))

    def add(self, row_number: int, row: Sequence[Cell]) -> None:
        values: dict[str, tuple[Cell, int]] = {}
        for col, (key, cell) in enumerate(zip(self.keys, row, strict=False), 1):
            if key is None:
                if cell not in (None, ""):
                    self.problem(
                        "L202", f"a value {_show(cell)} in a column without a header", row_number, col
                    )
                continue
            value = unguard(cell) if isinstance(cell, str) and not self.typed else cell
            if isinstance(value, float) and not math.isfinite(value):
                self.problem("L204", "not a finite number", row_number, col)
                continue
            if value not in (None, ""):
                values[key] = (value, col)
        if len(row) > len(self.keys) and any(c not in (None, "") for c in row[len(self.keys) :]):
            self.problem(
                "L202", "values beyond the last column with a header", row_number, len(self.keys) + 1
            )
        if not values:
            return  # a blank row between blocks
        self.rows += 1
        if self.rows > MAX_ROWS:
            raise LoadError([self.where.issue("L108", f"more than {MAX_ROWS} rows", row_number, None)])
        self._report_fields(values, row_number)
        if all(k in _REPORT_KEYS for k in values):
            return  # a report without goals: one row of its own fields
        path = self._path(values, row_number)
        node = self._node(path, values, row_number)
        if node is None:
            return
        goal_fields = {
            k: v
            for k, v in values.items()
            if k in {"goal_id", "title", "years", "binding", "realisation", "forecast", "forecast_level"}
            or k.startswith(("responsible:", "attr:"))
        }
        metric_fields = {
            k: v
            for k, v in values.items()
            if k in {"metric_id", "metric", "target", "baseline", "value", "metric_status", "status_level"}
        }
        if not goal_fields and not metric_fields:
            return  # a row for a node without goals
        ident = goal_fields.get("goal_id", goal_fields.get("title", (None, 0)))[0]
        continues = (
            self.goal is not None
            and self.last_path == path
            and (not goal_fields or (ident is not None and (path, ident) == self.goal_key))
        )
        if not continues:
            if "title" not in goal_fields:
                if "goal_id" not in goal_fields:
                    self.problem("L203", "a goal row without a goal title", row_number, None)
                    return
                goal_fields["title"] = ("", goal_fields["goal_id"][1])  # an empty title, as written
            self._new_goal(node, goal_fields, path, ident, row_number)
        else:
            self._same_goal(goal_fields, row_number)
        if metric_fields:
            self._metric(metric_fields, row_number)

    def _report_fields(self, values: dict[str, tuple[Cell, int]], row: int) -> None:
        for key in _REPORT_KEYS:
            if key not in values:
                continue
            value, col = values[key]
            text = _text(value)
            if key not in self.report:
                self.report[key] = text
                self.report_cells[key] = (row, col)
            elif self.report[key] != text:
                first = self.report_cells[key][0]
                self.problem(
                    "L204",
                    f"{_show(value)} differs from row {first} ({_show(self.report[key])}); "
                    "a table holds one report",
                    row,
                    col,
                )

    def _path(self, values: dict[str, tuple[Cell, int]], row: int) -> tuple[tuple[str, str, str | None], ...]:
        path = tuple(
            (
                level.key,
                _text(values[f"level:{level.key}"][0]),
                _text(values[f"nodeid:{level.key}"][0]) if f"nodeid:{level.key}" in values else None,
            )
            for level in self.schema.levels
            if f"level:{level.key}" in values
        )
        if not path:
            if any(k.startswith(("text:", "nodeid:")) for k in values):
                self.problem("L203", "a level's text or id without the level's title", row, None)
            return self.last_path  # merged or blank hierarchy cells: the rows above continue
        return path

    def _node(
        self, path: tuple[tuple[str, str, str | None], ...], values: dict[str, tuple[Cell, int]], row: int
    ) -> dict[str, Any] | None:
        if not path:
            self.problem(
                "L203", "the row names no place in the hierarchy (all level columns are empty)", row, None
            )
            return None
        parent: list[dict[str, Any]] = self.nodes
        pointer: tuple[Any, ...] = ()
        found: dict[str, Any] | None = None
        for depth in range(len(path)):
            key = path[: depth + 1]
            level, title, _ = path[depth]
            if key in self.node_index:
                found, pointer = self.node_index[key]
            else:
                found = {"level": level, "title": title, "goals": [], "children": []}
                pointer = (*pointer, "children" if pointer else "nodes", len(parent))
                if not pointer[:-2] and pointer[0] != "nodes":
                    pointer = ("nodes", len(parent))
                parent.append(found)
                self.node_index[key] = (found, pointer)
                self.cells[pointer] = (row, values[f"level:{level}"][1])
            for field, column in (("text", f"text:{level}"), ("id", f"nodeid:{level}")):
                if column in values:
                    value, col = values[column]
                    text = _text(value)
                    if field not in found:
                        found[field] = text
                        self.cells[(*pointer, field)] = (row, col)
                    elif found[field] != text:
                        first = self.cells[(*pointer, field)][0]
                        self.problem(
                            "L204", f"{_show(value)} differs from row {first} for the same entry", row, col
                        )
            parent = found["children"]
        self.last_path = path
        self.node_pointer = pointer
        return found

    def _new_goal(
        self,
        node: dict[str, Any],
        fields: dict[str, tuple[Cell, int]],
        path: tuple[tuple[str, str, str | None], ...],
        ident: Cell,
        row: int,
    ) -> None:
        goal: dict[str, Any] = {"metrics": []}
        pointer = (*self.node_pointer, "goals", len(node["goals"]))
        node["goals"].append(goal)
        self.goal, self.goal_key, self.goal_row, self.goal_pointer = goal, (path, ident), row, pointer
        self.cells[pointer] = (row, fields["title"][1])
        self._goal_fields(goal, fields, row)

    def _goal_fields(self, goal: dict[str, Any], fields: dict[str, tuple[Cell, int]], row: int) -> None:
        parties: dict[int, str] = {}
        attributes: dict[str, Any] = {}
        word = level = None
        for key, (value, col) in fields.items():
            target: tuple[Any, ...]
            if key.startswith("responsible:"):
                parties[int(key.partition(":")[2])] = _text(value)
                target = (*self.goal_pointer, "responsible")
            elif key.startswith("attr:"):
                name = key.partition(":")[2]
                attributes[name] = self._attribute(name, value)
                target = (*self.goal_pointer, "attributes", name)
            elif key == "binding":
                flag = _norm(_text(value))
                if flag in _YES or flag in _NO:
                    goal["binding"] = flag in _YES
                else:
                    self.problem(
                        "L204", f"{_show(value)} is not yes or no (kyllä/ei, ja/nej, x or empty)", row, col
                    )
                target = (*self.goal_pointer, "binding")
            elif key == "forecast":
                word = _text(value)
                target = (*self.goal_pointer, "forecast")
            elif key == "forecast_level":
                level = _text(value)
                target = (*self.goal_pointer, "forecast", "level")
            else:
                goal[{"goal_id": "id"}.get(key, key)] = _text(value)
                target = (*self.goal_pointer, {"goal_id": "id"}.get(key, key))
            self.cells.setdefault(target, (row, col))
        if parties:
            goal["responsible"] = [parties[i] for i in sorted(parties)]
        if attributes:
            goal["attributes"] = attributes
        if word is not None:
            goal["forecast"] = {"word": word, "level": level} if level else word
        elif level is not None:
            self.problem("L203", "a forecast level without a forecast word", row, None)

    def _same_goal(self, fields: dict[str, tuple[Cell, int]], row: int) -> None:
        assert self.goal is not None
        probe: dict[str, Any] = {"metrics": []}
        saved = self.cells
        self.cells = {}
        self._goal_fields(probe, fields, row)
        self.cells = saved
        for key, value in probe.items():
            if key == "metrics" or key not in self.goal or self.goal[key] == value:
                if key != "metrics" and key not in self.goal:
                    self.goal[key] = value
                continue
            col = next((c for k, (_, c) in fields.items() if _field_of(k) == key), None)
            self.problem(
                "L204",
                f"differs from row {self.goal_row} for the same goal; "
                "repeat the goal's values or leave them empty",
                row,
                col,
            )

    def _attribute(self, name: str, value: Cell) -> Any:
        if not isinstance(value, str) or self.typed:
            return value
        declared = self.schema.field(name)
        if declared is not None and declared.type != "number":
            return value
        return _number(value, declared is not None)

    def _metric(self, fields: dict[str, tuple[Cell, int]], row: int) -> None:
        assert self.goal is not None
        metric: dict[str, Any] = {}
        pointer = (*self.goal_pointer, "metrics", len(self.goal["metrics"]))
        word = level = None
        for key, (value, col) in fields.items():
            name = {"metric_id": "id", "metric": "name", "metric_status": "status"}.get(key, key)
            if key == "metric_status":
                word = _text(value)
            elif key == "status_level":
                level = _text(value)
                name = "status"
            else:
                metric[name] = _text(value)
            self.cells.setdefault((*pointer, name), (row, col))
        if word is not None:
            metric["status"] = {"word": word, "level": level} if level else word
        elif level is not None:
            self.problem("L203", "a status level without a status word", row, None)
        self.cells.setdefault(pointer, (row, next(iter(fields.values()))[1]))
        self.goal["metrics"].append(metric)

    def finish(self, fmt: str) -> Report:
        report = self.report
        plain = {
            "format_version": JSON_V1_DIALECT.version,
            "schema": self.schema.name,
            "municipality": report.get("municipality"),
            "body": report.get("body"),
            "period": report.get("period"),
            "title": report.get("report_title"),
            "nodes": self.nodes,
        }
        named = report.get("schema")
        if named is not None and named != self.schema.name:
            row, col = self.report_cells["schema"]
            self.problem(
                "L205", f"the table names schema {named!r} but is read with {self.schema.name!r}", row, col
            )
        for key in ("municipality", "body", "period"):
            if key not in report:
                label = _label(self.schema, key, self.schema.language)
                self.problem("L203", f"no value in column {label!r}", self.first_row + 1, None)
        for top, (row, col) in self.report_cells.items():
            self.cells[({"report_title": "title"}.get(top, top),)] = (row, col)
        reader = Reader(JSON_V1_DIALECT, self.where.file)
        try:
            built = reader.read(plain)
        except LoadError as error:
            self.issues.extend(self._place(i) for i in error.issues)
            built = None
        if built is None or self.issues:
            self.issues.sort(key=lambda i: (i.location.line or 0, i.location.column or 0))
            raise LoadError(self.issues)
        return attrs.evolve(built, source=Source(self.where.file, fmt))

    def _place(self, issue: Issue) -> Issue:
        pointer = tuple(issue.location.pointer)
        while pointer and pointer not in self.cells:
            pointer = pointer[:-1]
        row, col = self.cells.get(pointer, (None, None))
        placed = self.where.issue(issue.code, issue.message, row, col)
        return attrs.evolve(placed, severity=issue.severity)


def _field_of(key: str) -> str:
    if key.startswith("responsible:"):
        return "responsible"
    if key.startswith("attr:"):
        return "attributes"
    return {"goal_id": "id", "forecast_level": "forecast"}.get(key, key)


def _text(value: Cell) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return str(value)


def _number(text: str, declared: bool) -> Any:
    """A custom field's text as a number where it is one (as YAML reads an unquoted number)."""
    stripped = text.strip()
    if not declared and stripped in {"true", "false"}:
        return stripped == "true"
    try:
        return int(stripped)
    except ValueError:
        pass
    try:
        number = float(stripped.replace(",", ".") if declared else stripped)
    except ValueError:
        return text
    return number if math.isfinite(number) else text


def _show(value: Cell) -> str:
    text = _text(value)
    return repr(text if len(text) <= 40 else text[:39] + "…")
