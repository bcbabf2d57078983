"""JSON through msgspec: the fast path of :mod:`strategiaseuranta.formats.json`.

Format version 2 mirrors the model record for record (``organisation`` and a goal's
``status`` are records of their own), so msgspec decodes a file straight into the
model's attrs classes in C and encodes them back the same way. The model's records
carry no attrs defaults, validators or converters (their hand-written ``__init__`` does
that work), so msgspec requires every key of every record, and the few checks the
constructors would make are made here once per distinct value: ids in one regex pass,
forecasts placed by the schema once per distinct word and level, year spans validated
once per distinct span, custom fields frozen and checked, nesting limited to 50.
Version 1 files (flat goals) are decoded into ``Struct`` classes and built in Python.

Anything the fast path does not accept exactly as the reader would (a missing or extra
key, a number where text belongs, a forecast word the schema places elsewhere, an
invalid id, a duplicate key, ...) makes it step aside: :func:`load` returns ``None`` and
the issue-collecting reader of ``_plain.py`` reads the file instead, with its messages
and line numbers. So both paths give the same report or the same error for every file;
``tests/test_json_fast.py`` checks this.

msgspec keeps the last of two equal keys silently, and skips keys a record does not
have. The reader refuses both (L105, L202), so the fast path counts: every member of a
JSON object has exactly one ``:`` outside strings, so the colons of the file, less
those inside its strings, must equal the members of the decoded structure. A duplicate
or unknown key makes the file hold more members than the structure.

Writing: the report is one small ``Struct`` around the model's own records, which
msgspec encodes in C with their keys in alphabetical order (it encodes attrs records in
slot order). Indented output, for people, goes through the plain data (``Writer``) and
keeps the documented order.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Mapping
from itertools import chain
from typing import Final

import msgspec

from strategiaseuranta._frozen import FrozenDict
from strategiaseuranta.exceptions import SchemaError, WriteError
from strategiaseuranta.forecast import Forecast, ForecastLevel
from strategiaseuranta.formats._plain import (
    JSON_DIALECT,
    JSON_FORMAT_VERSION,
    MAX_NESTING,
    Writer,
    check_writable,
)
from strategiaseuranta.model import Goal, Metric, Node, Organisation, Report, Source, Status, _frozen_mapping
from strategiaseuranta.periods import Period, YearSpan
from strategiaseuranta.registry import get_schema
from strategiaseuranta.schema import Schema

__all__ = ["encode", "load"]


# -- version 1: the format's shape, decoded into Structs --------------------------------------


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


_DECODER_V1: Final = msgspec.json.Decoder(_Report)


# -- version 2: the model's own records ---------------------------------------------------


class _ReportV2(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    format_version: int
    schema: str
    organisation: Organisation
    period: _Period
    title: str | None
    nodes: tuple[Node, ...]


_DECODER_V2: Final = msgspec.json.Decoder(_ReportV2)
_V2_REPORT_KEYS, _V2_GOAL_KEYS, _ORGANISATION_KEYS, _STATUS_KEYS = 6, 8, 2, 2
_set: Final = object.__setattr__
"""Sets a field of a record msgspec has just made, before anyone else can see it."""

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
    """Structs → model, with the reader's checks; counts the members it has seen.

    Ids are checked by the records' constructors (a ``ValueError`` makes :func:`load`
    step aside).
    """

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self.levels = {level.key for level in schema.levels}
        self.members = 0
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
        members = _GOAL_KEYS + _YEARS_KEYS
        forecasts, resolve = self.forecasts, self.forecast
        metrics = []
        for m in raw.metrics:
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


class _Checker:
    """The constructors' checks on the records msgspec made (version 2); counts their members.

    Equal forecasts and year spans end up shared, as the reader shares them.
    """

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self.levels = {level.key for level in schema.levels}
        self.members = 0
        self.ids: list[str] = []
        self.forecasts: dict[str, tuple[ForecastLevel | None, Forecast]] = {}
        """word → (level as decoded, the forecast the reader makes of them); keyed by the
        word alone because hashing an enum member runs Python code"""
        self.years: dict[tuple[int, int], YearSpan] = {}

    def forecast(self, decoded: Forecast) -> Forecast:
        """The forecast the reader would make of ``{word, level}``; remembered for the word."""
        word, level = decoded.word, decoded.level
        placed = self.schema.forecast(word)
        if placed.level is None:
            found = decoded if level is not None or placed == decoded else placed
        elif level is None:
            found = placed  # the schema fills in the level
        elif level is not placed.level:
            raise _StepAside
        else:
            found = decoded if decoded == placed else placed
        self.forecasts[word] = (level, found)
        return found

    def span(self, decoded: YearSpan) -> YearSpan:
        try:
            YearSpan(decoded.start, decoded.end)  # the constructor's checks
        except (ValueError, TypeError):
            raise _StepAside from None
        self.years[decoded.start, decoded.end] = decoded
        return decoded

    def node(self, node: Node, depth: int) -> None:
        if depth > MAX_NESTING or node.level not in self.levels:
            raise _StepAside
        self.members += _NODE_KEYS
        ids = self.ids
        ids.append(node.id)
        goals = node.goals
        if goals:
            ids += map(_ID_OF, goals)  # gathered in C, checked at the end
            ids += map(_ID_OF, chain.from_iterable(map(_METRICS_OF, goals)))
            self.goals(goals)
        for child in node.children:
            self.node(child, depth + 1)

    def goals(self, goals: tuple[Goal, ...]) -> None:
        """Check and share the goals' values (the hot loop of a load: no calls it can do without)."""
        years, forecasts, resolve = self.years, self.forecasts, self.forecast
        members = (_V2_GOAL_KEYS + _YEARS_KEYS) * len(goals)
        for goal in goals:
            span = goal.years
            shared = years.get((span.start, span.end)) or self.span(span)
            if shared is not span:
                _set(goal, "years", shared)
            status = goal.status
            if status is not None:
                members += _STATUS_KEYS
                forecast = status.forecast
                if forecast is not None:
                    members += _FORECAST_KEYS
                    known = forecasts.get(forecast.word)
                    placed = known[1] if known and known[0] is forecast.level else resolve(forecast)
                    if placed is not forecast:
                        _set(status, "forecast", placed)
                elif status.realisation is None:
                    _set(goal, "status", None)  # an empty status is no status
            attributes = goal.attributes
            if attributes:
                members += len(attributes)
                try:
                    _set(goal, "attributes", _frozen_mapping(attributes))
                except (TypeError, ValueError):
                    raise _StepAside from None
            else:
                _set(goal, "attributes", _EMPTY)
            metrics = goal.metrics
            if metrics:
                members += _METRIC_KEYS * len(metrics)
                for metric in metrics:
                    forecast = metric.status
                    if forecast is not None:
                        members += _FORECAST_KEYS
                        known = forecasts.get(forecast.word)
                        placed = known[1] if known and known[0] is forecast.level else resolve(forecast)
                        if placed is not forecast:
                            _set(metric, "status", placed)
        self.members += members


def load(data: bytes | str, name: str | None) -> Report | None:
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
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: the reader says where
            return None
    try:
        try:
            return _build_v2(_DECODER_V2.decode(data), data, name)
        except msgspec.ValidationError:
            raw = _DECODER_V1.decode(data)
        try:
            return _build_v1(raw, data, name)
        except (ValueError, TypeError):  # a record refused a value (an invalid id): the reader says where
            return None
    except (msgspec.DecodeError, RecursionError, _StepAside):  # ValidationError is a DecodeError
        return None


def _schema_and_period(raw: _Report | _ReportV2, version: int) -> tuple[Schema, Period]:
    if raw.format_version != version or raw.schema.endswith((".yaml", ".yml")):
        raise _StepAside  # a schema file is found relative to the report: the reader knows how
    try:
        schema = get_schema(raw.schema)
    except SchemaError:
        raise _StepAside from None
    p = raw.period
    try:
        return schema, Period(p.year, p.start_month, p.end_month, p.annual)
    except (ValueError, TypeError):
        raise _StepAside from None


def _build_v2(raw: _ReportV2, data: bytes, name: str | None) -> Report:
    schema, period = _schema_and_period(raw, 2)
    checker = _Checker(schema)
    checker.members = _V2_REPORT_KEYS + _ORGANISATION_KEYS + _PERIOD_KEYS
    for node in raw.nodes:
        checker.node(node, 1)
    if not _valid_ids(checker.ids):
        raise _StepAside
    report = Report(
        raw.organisation, period, raw.nodes, schema=schema.name, title=raw.title, source=Source(name, "json")
    )
    _check_members(data, checker.members, lambda: _texts_v2(report, raw.schema))
    return report


def _build_v1(raw: _Report, data: bytes, name: str | None) -> Report:
    schema, period = _schema_and_period(raw, 1)
    builder = _Builder(schema)
    builder.members = _REPORT_KEYS + _PERIOD_KEYS
    nodes = tuple([builder.node(n, 1) for n in raw.nodes])
    _check_members(data, builder.members, lambda: _texts_v1(raw))
    return Report(
        Organisation(raw.municipality, raw.body),
        period,
        nodes,
        schema=schema.name,
        title=raw.title,
        source=Source(name, "json"),
    )


def _check_members(data: bytes, members: int, texts: Callable[[], list[str]]) -> None:
    """Step aside unless the file has exactly the members decoded (no duplicate keys).

    Outside strings a colon separates a key from its value and nothing else, so the
    file's colons are its members plus the colons inside its strings. Strings hold a
    colon as ``:`` or as the escape ``\\u003a``; the decoded texts count both.
    """
    colons = data.count(b":")
    if colons == members:
        return  # no colon inside any string, and no member more than decoded
    inside = sum(text.count(":") for text in texts())
    escaped = data.count(b"\\u003a") + data.count(b"\\u003A")
    # colons - inside + escaped >= members in the file >= members decoded; equal only
    # when no member was lost (an escape spelled out in a lost value only adds)
    if colons - inside + escaped != members:
        raise _StepAside


def _texts_v2(report: Report, schema: str) -> list[str]:
    """Every text of a version 2 file (keys of custom fields included); ``schema`` as written."""
    out = [schema, report.organisation.municipality, report.organisation.body]
    if report.title is not None:
        out.append(report.title)
    for _, node in report.iter_nodes():
        out += (node.id, node.level, node.title)
        if node.text is not None:
            out.append(node.text)
        for goal in node.goals:
            out += (goal.id, goal.title)
            out += goal.responsible
            status = goal.status
            if status is not None:
                if status.realisation is not None:
                    out.append(status.realisation)
                if status.forecast is not None:
                    out.append(status.forecast.word)
            _goal_texts(out, goal.attributes, goal.metrics)
    return out


def _texts_v1(raw: _Report) -> list[str]:
    """Every text of a version 1 file (keys of custom fields included)."""
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
            _goal_texts(out, goal.attributes, goal.metrics)
    return out


def _goal_texts(
    out: list[str], attributes: Mapping[str, object], metrics: Iterable[Metric | _Metric]
) -> None:
    """The custom fields' keys and texts, and the metrics' texts, of one goal (either version).

    Forecast levels are left out: a level with a colon is never valid, and the fast path
    has stepped aside for it before the members are counted.
    """
    for key, value in attributes.items():
        out.append(key)
        if isinstance(value, str):
            out.append(value)
    for metric in metrics:
        out.append(metric.id)
        texts = (metric.name, metric.target, metric.baseline, metric.value)
        out += [t for t in texts if t is not None]
        if metric.status is not None:
            out.append(metric.status.word)


# -- writing --------------------------------------------------------------------------------


_ID_OF: Final = operator.attrgetter("id")
_METRICS_OF: Final = operator.attrgetter("metrics")


class _ReportOut(msgspec.Struct, gc=False):
    format_version: int
    schema: str
    organisation: Organisation
    period: Period
    title: str | None
    nodes: tuple[Node, ...]


_ENCODER: Final = msgspec.json.Encoder()


class _Unwritable(Exception):  # noqa: N818 - a signal: check_writable then says what is wrong
    """A level the schema lacks, or nesting too deep."""


def _check_levels(nodes: tuple[Node, ...], levels: set[str], depth: int = 1) -> None:
    """Refuse a level the schema lacks or entries nested deeper than 50 (:class:`_Unwritable`).

    Ids need no check: the records refuse invalid ones when they are made, and the reader
    checks those msgspec makes.
    """
    for node in nodes:
        if depth > MAX_NESTING or node.level not in levels:
            raise _Unwritable
        if node.children:
            _check_levels(node.children, levels, depth + 1)


def _valid_ids(ids: list[str]) -> bool:
    """Whether every id is one the readers take (one regex pass over them all)."""
    joined = "\n".join(ids)
    return not ids or (_IDS.fullmatch(joined) is not None and joined.count("\n") == len(ids) - 1)


def _around(error: UnicodeEncodeError) -> str:
    text = error.object if isinstance(error.object, str) else ""
    return text[max(0, error.start - 30) : error.end + 30].encode("utf-8", "backslashreplace").decode()


def encode(report: Report, *, indent: int | None = None) -> bytes:
    """The report as JSON bytes (format version 2): compact, or indented by ``indent`` spaces.

    Compact output is msgspec encoding the model's records, whose keys come out in
    alphabetical order. Indented output is for people: it is made from the plain data
    (``Writer``), so every record keeps the documented order (a title before the entries
    under it); it takes several times longer.

    Raises:
        WriteError: What the readers would refuse: a level the report's schema lacks,
            nesting deeper than 50 entries, a text holding half a character.

    Example:
        >>> import strategiaseuranta as ss
        >>> encode(ss.load("examples/joensuu/2025-07.yaml"))[:39]
        b'{"format_version":2,"schema":"joensuu",'
    """
    if indent is not None and indent > 0:
        return msgspec.json.format(_ENCODER.encode(Writer(JSON_DIALECT, report).plain()), indent=indent)
    schema = get_schema(report.schema)
    try:
        _check_levels(report.nodes, {level.key for level in schema.levels})
    except _Unwritable:
        check_writable(report, schema)  # raises the WriteError that names the problem
        raise  # pragma: no cover - check_writable always raises here
    out = _ReportOut(
        JSON_FORMAT_VERSION, report.schema, report.organisation, report.period, report.title, report.nodes
    )
    try:
        data = _ENCODER.encode(out)
    except UnicodeEncodeError as error:
        bad = error.object[error.start : error.end] if isinstance(error.object, str) else ""
        raise WriteError(
            f"cannot write the text {_around(error)!r}: it holds {bad.encode('unicode_escape').decode()}, "
            "half of a character (a lone surrogate), which no UTF-8 file can hold"
        ) from None
    return data
