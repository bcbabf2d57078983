"""JSON through msgspec: the fast path of :mod:`strategiaseuranta.formats.json`.

Reading: the file is decoded in C into msgspec ``Struct`` classes of the JSON format's
shape (every key required, no unknown keys), then turned into the model with the few
checks the reader would make. Anything the fast path does not accept exactly as the
reader would (a missing or extra key, a number where text belongs, a forecast word the
schema places elsewhere, an invalid id, a duplicate key, ...) makes it step aside:
:func:`load` returns ``None`` and the issue-collecting reader of ``_plain.py`` reads the
file instead, with its messages and line numbers. So both paths give the same report or
the same error for every file; ``tests/test_json_fast.py`` checks this.

msgspec keeps the last of two equal keys silently. The reader refuses them (L105), so
the fast path counts: every member of a JSON object has exactly one ``:`` outside
strings, so the colons of the file, less those inside its strings, must equal the
members of the decoded structure. A duplicate makes the file hold more members than the
structure.

Writing: the model is encoded by msgspec in C. The report, hierarchy entries, goals,
years and the period go through small ``Struct`` classes (their keys in the documented
order); metrics and forecasts, the most numerous records, are attrs records that msgspec
encodes directly, in the order of their slots, which is alphabetical.
"""

from __future__ import annotations

import operator
import re
from itertools import chain
from typing import Any, Final

import msgspec

from strategiaseuranta._frozen import FrozenDict
from strategiaseuranta.exceptions import SchemaError, WriteError
from strategiaseuranta.forecast import Forecast, ForecastLevel
from strategiaseuranta.formats._plain import FORMAT_VERSION, MAX_NESTING, check_id, check_writable
from strategiaseuranta.model import Goal, Metric, Node, Organisation, Report, Source, Status
from strategiaseuranta.periods import Period, YearSpan
from strategiaseuranta.registry import get_schema
from strategiaseuranta.schema import Schema

__all__ = ["encode", "load"]


# -- the JSON format's shape, for decoding -------------------------------------------------


class _Forecast(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    word: str
    level: str | None


class _Metric(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    id: str
    name: str | None
    target: str | None
    baseline: str | None
    value: str | None
    status: _Forecast | None


class _Years(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    start: int
    end: int


class _Goal(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    id: str
    title: str
    years: _Years
    binding: bool
    responsible: list[str]
    metrics: list[_Metric]
    realisation: str | None
    forecast: _Forecast | None
    attributes: dict[str, str | int | float | bool | None]


class _Node(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    id: str
    level: str
    title: str
    text: str | None
    goals: list[_Goal]
    children: list[_Node]


class _Period(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    year: int
    start_month: int
    end_month: int
    annual: bool


class _Report(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    format_version: int
    schema: str
    municipality: str
    body: str
    period: _Period
    title: str | None
    nodes: list[_Node]


_DECODER: Final = msgspec.json.Decoder(_Report)

# members (keys) of each record in the format
_REPORT_KEYS, _PERIOD_KEYS, _NODE_KEYS, _GOAL_KEYS = 7, 4, 6, 9
_YEARS_KEYS, _FORECAST_KEYS, _METRIC_KEYS = 2, 2, 6

_ID_CHARS = r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}"
_IDS: Final = re.compile(rf"{_ID_CHARS}(?:\n{_ID_CHARS})*")
"""Valid ids joined by newlines (which no id may hold), checked in one match."""

_EMPTY: Final = FrozenDict()


class _StepAside(Exception):  # noqa: N818 - not an error: the reader takes over
    """The fast path does not take this file; the reader will."""


class _Builder:
    """Structs → model, with the reader's checks; counts the members it has seen."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self.levels = {level.key for level in schema.levels}
        self.members = 0
        self.ids: list[str] = []
        self.forecasts: dict[tuple[str, str | None], Forecast] = {}
        self.years: dict[tuple[int, int], YearSpan] = {}

    def forecast(self, raw: _Forecast) -> Forecast:
        """The reader's forecast for ``{word, level}``, computed once per distinct pair."""
        key = (raw.word, raw.level)
        found = self.forecasts.get(key)
        if found is None:
            found = self.forecasts[key] = self._forecast(*key)
        return found

    def _forecast(self, word: str, level: str | None) -> Forecast:
        placed = self.schema.forecast(word)
        if placed.level is None:
            if level is None:
                return placed
            try:
                return Forecast(word, ForecastLevel(level))
            except ValueError:
                raise _StepAside from None
        if level is not None and level != placed.level.value:
            raise _StepAside
        return placed

    def span(self, raw: _Years) -> YearSpan:
        key = (raw.start, raw.end)
        found = self.years.get(key)
        if found is None:
            try:
                found = self.years[key] = YearSpan(*key)
            except (ValueError, TypeError):
                raise _StepAside from None
        return found

    def goal(self, raw: _Goal) -> Goal:
        """One goal; its metrics are made here too (the hot loop of a load)."""
        ids = self.ids
        ids.append(raw.id)
        members = _GOAL_KEYS + _YEARS_KEYS
        forecasts, resolve = self.forecasts, self.forecast
        metrics = []
        for m in raw.metrics:
            ids.append(m.id)
            status = m.status
            if status is None:
                members += _METRIC_KEYS
                metrics.append(Metric(m.id, m.name, m.target, m.baseline, m.value))
            else:
                members += _METRIC_KEYS + _FORECAST_KEYS
                placed = forecasts.get((status.word, status.level)) or resolve(status)
                metrics.append(Metric(m.id, m.name, m.target, m.baseline, m.value, placed))
        forecast = raw.forecast
        if forecast is not None:
            members += _FORECAST_KEYS
            placed = forecasts.get((forecast.word, forecast.level)) or resolve(forecast)
            status_: Status | None = Status(raw.realisation, placed)
        elif raw.realisation is not None:
            status_ = Status(raw.realisation)
        else:
            status_ = None
        attributes = raw.attributes
        if attributes:
            members += len(attributes)
        self.members += members
        years = raw.years
        return Goal(
            raw.id,
            raw.title,
            self.years.get((years.start, years.end)) or self.span(years),
            tuple(raw.responsible),
            tuple(metrics),
            status_,
            raw.binding,
            FrozenDict(attributes) if attributes else _EMPTY,
        )

    def node(self, raw: _Node, depth: int) -> Node:
        if depth > MAX_NESTING or raw.level not in self.levels:
            raise _StepAside
        self.ids.append(raw.id)
        self.members += _NODE_KEYS
        goal = self.goal
        return Node(
            raw.id,
            raw.level,
            raw.title,
            raw.text,
            tuple([goal(g) for g in raw.goals]),
            tuple([self.node(c, depth + 1) for c in raw.children]),
        )

    def check_ids(self) -> None:
        ids = self.ids
        if not ids:
            return
        joined = "\n".join(ids)
        if _IDS.fullmatch(joined) is None or joined.count("\n") != len(ids) - 1:
            raise _StepAside


def load(data: bytes, name: str | None) -> Report | None:
    """The report in JSON ``data``, or ``None`` when the reader should read it instead.

    Example:
        >>> report = load(b'{"format_version": 1, "schema": "joensuu", "municipality": "Joensuu",'
        ...   b' "body": "Lautakunta", "period": {"year": 2025, "start_month": 1, "end_month": 7,'
        ...   b' "annual": false}, "title": null, "nodes": []}', None)
        >>> report.period.render("fi")
        'tammi–heinäkuu 2025'
        >>> load(b'{"format_version": 1, "format_version": 1}', None) is None
        True
    """
    try:
        raw = _DECODER.decode(data)
    except (msgspec.DecodeError, RecursionError):  # ValidationError is a DecodeError
        return None
    try:
        return _build(raw, data, name)
    except _StepAside:
        return None


def _build(raw: _Report, data: bytes, name: str | None) -> Report:
    if raw.format_version != FORMAT_VERSION or raw.schema.endswith((".yaml", ".yml")):
        raise _StepAside  # a schema file is found relative to the report: the reader knows how
    try:
        schema = get_schema(raw.schema)
    except SchemaError:
        raise _StepAside from None
    p = raw.period
    try:
        period = Period(p.year, p.start_month, p.end_month, p.annual)
    except (ValueError, TypeError):
        raise _StepAside from None
    builder = _Builder(schema)
    builder.members = _REPORT_KEYS + _PERIOD_KEYS
    nodes = tuple([builder.node(n, 1) for n in raw.nodes])
    builder.check_ids()
    _check_members(data, raw, builder.members)
    return Report(
        Organisation(raw.municipality, raw.body),
        period,
        nodes,
        schema=schema.name,
        title=raw.title,
        source=Source(name, "json"),
    )


def _check_members(data: bytes, raw: _Report, members: int) -> None:
    """Step aside unless the file has exactly the members decoded (no duplicate keys).

    Outside strings a colon separates a key from its value and nothing else, so the
    file's colons are its members plus the colons inside its strings. Strings hold a
    colon as ``:`` or as the escape ``\\u003a``; the decoded texts count both.
    """
    colons = data.count(b":")
    if colons == members:
        return  # no colon inside any string, and no member more than decoded
    inside = sum(text.count(":") for text in _texts(raw))
    escaped = data.count(b"\\u003a") + data.count(b"\\u003A")
    # colons - inside + escaped >= members in the file >= members decoded; equal only
    # when no member was lost (an escape spelled out in a lost value only adds)
    if colons - inside + escaped != members:
        raise _StepAside


def _texts(raw: _Report) -> list[str]:
    """Every text of the decoded file (keys of custom fields included)."""
    out = [raw.schema, raw.municipality, raw.body]
    if raw.title is not None:
        out.append(raw.title)
    stack = list(raw.nodes)
    while stack:
        node = stack.pop()
        out += (node.id, node.level, node.title)
        if node.text is not None:
            out.append(node.text)
        stack += node.children
        for goal in node.goals:
            out += (goal.id, goal.title)
            out += goal.responsible
            if goal.realisation is not None:
                out.append(goal.realisation)
            if goal.forecast is not None:
                out.append(goal.forecast.word)
                if goal.forecast.level is not None:
                    out.append(goal.forecast.level)
            for key, value in goal.attributes.items():
                out.append(key)
                if isinstance(value, str):
                    out.append(value)
            for metric in goal.metrics:
                out.append(metric.id)
                texts = (metric.name, metric.target, metric.baseline, metric.value)
                out += [t for t in texts if t is not None]
                if metric.status is not None:
                    out.append(metric.status.word)
                    if metric.status.level is not None:
                        out.append(metric.status.level)
    return out


# -- writing --------------------------------------------------------------------------------


class _YearsOut(msgspec.Struct, gc=False):
    start: int
    end: int


class _PeriodOut(msgspec.Struct, gc=False):
    year: int
    start_month: int
    end_month: int
    annual: bool


class _GoalOut(msgspec.Struct, gc=False):
    id: str
    title: str
    years: _YearsOut
    binding: bool
    responsible: tuple[str, ...]
    metrics: tuple[Metric, ...]
    realisation: str | None
    forecast: Forecast | None
    attributes: Any


class _NodeOut(msgspec.Struct, gc=False):
    id: str
    level: str
    title: str
    text: str | None
    goals: list[_GoalOut]
    children: list[_NodeOut]


class _ReportOut(msgspec.Struct, gc=False):
    format_version: int
    schema: str
    municipality: str
    body: str
    period: _PeriodOut
    title: str | None
    nodes: list[_NodeOut]


_ENCODER: Final = msgspec.json.Encoder()


_ID_OF: Final = operator.attrgetter("id")
_METRICS_OF: Final = operator.attrgetter("metrics")


class _Encoder:
    """Model → ``Struct`` tree; years spelled once per distinct object (loaded reports share them)."""

    def __init__(self, schema: Schema) -> None:
        self.years: dict[int, _YearsOut] = {}
        self.ids: list[str] = []
        self.schema = schema
        self.levels = {level.key for level in schema.levels}

    def node(self, node: Node, depth: int = 1) -> _NodeOut:
        if depth > MAX_NESTING or node.level not in self.levels:
            raise _Unwritable
        ids = self.ids
        ids.append(node.id)
        goals: list[_GoalOut] = []
        found = node.goals
        if found:
            ids += map(_ID_OF, found)  # ids gathered in C, checked at the end
            ids += map(_ID_OF, chain.from_iterable(map(_METRICS_OF, found)))
            years, append = self.years, goals.append
            for goal in found:  # the hot loop of a dump: no calls it can do without
                status, span = goal.status, goal.years
                spelled = years.get(id(span))
                if spelled is None:
                    spelled = years[id(span)] = _YearsOut(span.start, span.end)
                append(
                    _GoalOut(
                        goal.id,
                        goal.title,
                        spelled,
                        goal.binding,
                        goal.responsible,
                        goal.metrics,
                        None if status is None else status.realisation,
                        None if status is None else status.forecast,
                        goal.attributes,
                    )
                )
        children = [self.node(c, depth + 1) for c in node.children] if node.children else []
        return _NodeOut(node.id, node.level, node.title, node.text, goals, children)


class _Unwritable(Exception):  # noqa: N818 - a signal: check_writable then says what is wrong
    """A level the schema lacks, or nesting too deep: found while encoding."""


def _check_ids(ids: list[str]) -> None:
    """Refuse ids the readers would refuse (L204), naming the first."""
    joined = "\n".join(ids)
    if not ids or (_IDS.fullmatch(joined) is not None and joined.count("\n") == len(ids) - 1):
        return
    for value in ids:  # one is invalid: the writers' own check names it
        check_id(value)


def _around(error: UnicodeEncodeError) -> str:
    text = error.object if isinstance(error.object, str) else ""
    return text[max(0, error.start - 30) : error.end + 30].encode("utf-8", "backslashreplace").decode()


def encode(report: Report, *, indent: int | None = None) -> bytes:
    """The report as JSON bytes: compact, or indented by ``indent`` spaces.

    Raises:
        WriteError: What the readers would refuse: a level the report's schema lacks,
            nesting deeper than 50 entries, an invalid id, a text holding half a character.

    Example:
        >>> import strategiaseuranta as ss
        >>> encode(ss.load("examples/joensuu/2025-07.yaml"))[:39]
        b'{"format_version":1,"schema":"joensuu",'
    """
    schema = get_schema(report.schema)
    p, encoder = report.period, _Encoder(schema)
    try:
        nodes = [encoder.node(n) for n in report.nodes]
    except _Unwritable:
        check_writable(report, schema)  # raises the WriteError that names the problem
        raise  # pragma: no cover - check_writable always raises here
    out = _ReportOut(
        FORMAT_VERSION,
        report.schema,
        report.organisation.municipality,
        report.organisation.body,
        _PeriodOut(p.year, p.start_month, p.end_month, p.annual),
        report.title,
        nodes,
    )
    _check_ids(encoder.ids)
    try:
        data = _ENCODER.encode(out)
    except UnicodeEncodeError as error:
        bad = error.object[error.start : error.end] if isinstance(error.object, str) else ""
        raise WriteError(
            f"cannot write the text {_around(error)!r}: it holds {bad.encode('unicode_escape').decode()}, "
            "half of a character (a lone surrogate), which no UTF-8 file can hold"
        ) from None
    if indent:
        data = msgspec.json.format(data, indent=indent)
    return data
