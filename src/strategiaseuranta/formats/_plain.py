"""Plain data ↔ model, for the YAML (Finnish keys) and JSON (English keys) dialects.

Both file formats share one structure and differ in key names and in how a
few values are spelled (a period as text or as an object, a forecast as a
word or as ``{word, level}``). JSON version 2 nests as the model does: the
municipality and body in ``organisation``, a goal's realisation and forecast in
``status``; YAML and JSON version 1 keep them flat. One reader walks the plain
data in document order, collects every problem as an
:class:`~strategiaseuranta.Issue` with a pointer into the data, and builds the
frozen model. One writer goes back.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from strategiaseuranta._lazy import lazy_import, paused_gc
from strategiaseuranta.exceptions import LoadError, SchemaError, WriteError
from strategiaseuranta.forecast import Forecast, ForecastLevel
from strategiaseuranta.formats._files import Locator
from strategiaseuranta.ids import IdSequence, is_valid_id
from strategiaseuranta.issues import Issue, Location, Pointer
from strategiaseuranta.model import Goal, Metric, Node, Organisation, Report, Source, Status
from strategiaseuranta.periods import Period, YearSpan
from strategiaseuranta.registry import available_schemas, get_schema
from strategiaseuranta.schema import Schema

if TYPE_CHECKING:
    import difflib
else:
    difflib = lazy_import("difflib")

FORMAT_VERSION: Final = 1
"""The version of the YAML format this library reads and writes."""

JSON_FORMAT_VERSION: Final = 2
"""The version of the JSON format this library writes (it reads 1 and 2)."""

JSON_VERSIONS: Final = (1, 2)

DEFAULT_SCHEMA: Final = "joensuu"

MAX_NESTING: Final = 50
"""The deepest hierarchy read (real ones have one to five levels)."""

# (kind, field) -> (Finnish YAML key, English JSON key)
_KEYS: dict[str, dict[str, tuple[str, str]]] = {
    "report": {
        "version": ("strategiaseuranta", "format_version"),
        "schema": ("skeema", "schema"),
        "municipality": ("kunta", "municipality"),
        "body": ("toimielin", "body"),
        "period": ("kausi", "period"),
        "title": ("otsikko", "title"),
        "nodes": ("sisältö", "nodes"),
    },
    "node": {
        "id": ("id", "id"),
        "level": ("taso", "level"),
        "title": ("nimi", "title"),
        "text": ("teksti", "text"),
        "goals": ("tavoitteet", "goals"),
        "children": ("sisältö", "children"),
    },
    "goal": {
        "id": ("id", "id"),
        "title": ("tavoite", "title"),
        "years": ("vuodet", "years"),
        "binding": ("sitova", "binding"),
        "responsible": ("vastuutaho", "responsible"),
        "metrics": ("mittarit", "metrics"),
        "realisation": ("toteuma", "realisation"),
        "forecast": ("ennuste", "forecast"),
        "attributes": ("lisätiedot", "attributes"),
    },
    "organisation": {  # JSON 2
        "municipality": ("kunta", "municipality"),
        "body": ("toimielin", "body"),
    },
    "status": {  # JSON 2
        "realisation": ("toteuma", "realisation"),
        "forecast": ("ennuste", "forecast"),
    },
    "metric": {
        "id": ("id", "id"),
        "name": ("mittari", "name"),
        "target": ("tavoitetaso", "target"),
        "baseline": ("lähtötaso", "baseline"),
        "value": ("toteuma-arvo", "value"),
        "status": ("tila", "status"),
    },
}

_FORECAST_KEYS = {True: ("sana", "taso"), False: ("word", "level")}
"""Keys of the spelled-out forecast form, by dialect (Finnish or not)."""

_KIND_NAMES = {
    "report": "report",
    "node": "hierarchy entry",
    "goal": "goal",
    "metric": "metric",
    "organisation": "organisation",
    "status": "status",
}

_NESTED: Final = {
    "report": ("version", "schema", "organisation", "period", "title", "nodes"),
    "goal": ("id", "title", "years", "responsible", "metrics", "status", "binding", "attributes"),
}
"""The fields of the records JSON 2 nests differently: ``organisation`` and a goal's
``status`` are records of their own (keys of JSON 2 only, with no YAML spelling)."""


@attrs.frozen
class Dialect:
    """Key names and value spellings of one file format."""

    name: str
    finnish: bool
    version: int
    nested: bool = False
    """Whether the organisation and a goal's status are records of their own (JSON 2)."""

    def key(self, kind: str, field: str) -> str:
        """The file key of a model field."""
        spellings = _KEYS[kind]
        if field not in spellings and field in _NESTED.get(kind, ()):
            return field  # a record JSON 2 nests: "organisation", "status"
        fi, en = spellings[field]
        return fi if self.finnish else en

    def keys(self, kind: str) -> dict[str, str]:
        """File key → model field, for one kind of record."""
        fields = _NESTED[kind] if self.nested and kind in _NESTED else tuple(_KEYS[kind])
        return {self.key(kind, f): f for f in fields}


YAML_DIALECT: Final = Dialect("yaml", finnish=True, version=FORMAT_VERSION)
JSON_DIALECT: Final = Dialect("json", finnish=False, version=JSON_FORMAT_VERSION, nested=True)
JSON_V1_DIALECT: Final = Dialect("json", finnish=False, version=1)
"""JSON 1, read from older files; the table readers also build their plain data in it."""


def dialect_of(report: Report) -> Dialect:
    """The dialect of the file a report was read from (YAML for reports built in memory)."""
    return JSON_DIALECT if report.source is not None and report.source.format == "json" else YAML_DIALECT


def build_report(data: Any, dialect: Dialect, name: str | None, text: str | None = None) -> Report:
    """Read plain data into a report; issues are placed at their line and column in ``text``.

    Raises:
        LoadError: With every problem found.
    """
    try:
        with paused_gc(keep=True):
            return Reader(dialect, name).read(data)
    except LoadError as error:
        issues = list(error.issues)
        if name is not None:
            issues = Locator(name, text).place(issues)
        issues.sort(key=lambda i: (i.location.line or 0, i.location.column or 0))  # file order
        raise LoadError(issues) from None


class Reader:
    """Builds a :class:`Report` from plain data, collecting every problem."""

    def __init__(self, dialect: Dialect, file: str | None) -> None:
        self.dialect = dialect
        self.file = file
        self.issues: list[Issue] = []
        self.suggested: set[tuple[Pointer, str]] = set()
        self.schema: Schema = get_schema(DEFAULT_SCHEMA)
        self.period: Period | None = None
        self.goal_ids = IdSequence()
        self.node_ids = IdSequence()

    # -- problems --------------------------------------------------------------------------
    def problem(self, code: str, message: str, pointer: Pointer) -> None:
        """Record an issue at a pointer."""
        self.issues.append(Issue(code, message, Location(self.file, pointer=pointer)))

    def mapping(self, data: Any, kind: str, pointer: Pointer) -> Mapping[str, Any] | None:
        if isinstance(data, Mapping):
            if any(isinstance(k, str) and not k.isascii() for k in data):
                # keys typed on a Mac may arrive decomposed (NFD): "sisältö" is "sisältö"
                return {
                    unicodedata.normalize("NFC", k) if isinstance(k, str) else k: v for k, v in data.items()
                }
            return data
        self.problem(
            "L201",
            f"expected a mapping (key: value) for the {_KIND_NAMES[kind]}, found {_describe(data)}",
            pointer,
        )
        return None

    def check_keys(
        self, data: Mapping[Any, Any], allowed: Iterable[str], kind: str, pointer: Pointer
    ) -> None:
        allowed = list(allowed)
        for key in data:
            if key in allowed:
                continue
            if not isinstance(key, str):
                self.problem("L202", f"unexpected key {key!r} in the {_KIND_NAMES[kind]}", pointer)
                continue
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            if close:
                self.suggested.add((pointer, close[0]))
            hint = f"; did you mean {close[0]!r}?" if close else f"; allowed: {', '.join(allowed)}"
            self.problem("L202", f"unknown key {key!r} in the {_KIND_NAMES[kind]}{hint}", (*pointer, key))

    def text(
        self,
        data: Mapping[str, Any],
        kind: str,
        field: str,
        pointer: Pointer,
        *,
        required: bool = False,
    ) -> str | None:
        key = self.dialect.key(kind, field)
        if key not in data or data[key] is None:
            if required and (pointer, key) not in self.suggested:  # else a misspelling says it already
                self.problem("L203", f"the {_KIND_NAMES[kind]} has no {key!r}", pointer)
            return None
        value = data[key]
        if isinstance(value, str):
            return str(value)  # a YAML number stays the text that was written
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        self.problem("L201", f"{key!r} must be text, found {_describe(value)}", (*pointer, key))
        return None

    # -- records ---------------------------------------------------------------------------
    def read(self, data: Any) -> Report:
        """Read a whole report; raise :class:`LoadError` when there are errors."""
        report = self._report(data)
        if report is None or any(i.is_error for i in self.issues):
            raise LoadError(self.issues)
        return report

    def _report(self, data: Any) -> Report | None:
        top = self.mapping(data, "report", ())
        if top is None:
            return None
        d = self.dialect
        vkey = d.key("report", "version")
        versions = (FORMAT_VERSION,) if d.finnish else JSON_VERSIONS
        if vkey not in top:
            self.problem(
                "L203",
                f"no {vkey!r}: the first line should be '{vkey}: {d.version}'"
                if d.finnish
                else f'no "{vkey}": add "{vkey}": {d.version}',
                (),
            )
        elif str(top[vkey]) not in {str(v) for v in versions}:
            self.problem(
                "L206",
                f"format version {top[vkey]!r} is not supported; this library reads "
                f"{' and '.join(str(v) for v in versions)}",
                (vkey,),
            )
        elif not d.finnish and str(top[vkey]) == "1":
            self.dialect = d = JSON_V1_DIALECT
        self.check_keys(top, d.keys("report"), "report", ())
        schema_name = self.text(top, "report", "schema", ()) or DEFAULT_SCHEMA
        if (
            schema_name.endswith((".yaml", ".yml"))
            and self.file
            and not Path(schema_name).is_absolute()
            and schema_name not in available_schemas()  # a schema registered under such a name
        ):
            schema_name = str(Path(self.file).parent / schema_name)  # relative to the report file
        try:
            self.schema = get_schema(schema_name)
        except SchemaError as error:
            self.problem("L205", str(error), (d.key("report", "schema"),))
            return None
        municipality, body = self._organisation(top)
        self.period = self._period(top)
        title = self.text(top, "report", "title", ())
        nkey = d.key("report", "nodes")
        nodes = self._list(top, nkey, (), "report")
        built = [n for i, item in enumerate(nodes) if (n := self._node(item, (nkey, i))) is not None]
        if municipality is None or body is None or self.period is None:
            return None
        return Report(
            Organisation(municipality, body),
            self.period,
            built,
            schema=self.schema.name,
            title=title,
            source=Source(self.file, d.name),
        )

    def _organisation(self, top: Mapping[str, Any]) -> tuple[str | None, str | None]:
        """The municipality and the body: keys of the report, or of its ``organisation`` (JSON 2)."""
        if not self.dialect.nested:
            municipality = self.text(top, "report", "municipality", (), required=True)
            return municipality, self.text(top, "report", "body", (), required=True)
        key = self.dialect.key("report", "organisation")
        if top.get(key) is None:
            if ((), key) not in self.suggested:  # else a misspelling says it already
                self.problem("L203", f"the report has no {key!r} (municipality and body)", ())
            return None, None
        org = self.mapping(top[key], "organisation", (key,))
        if org is None:
            return None, None
        self.check_keys(org, self.dialect.keys("organisation"), "organisation", (key,))
        municipality = self.text(org, "organisation", "municipality", (key,), required=True)
        return municipality, self.text(org, "organisation", "body", (key,), required=True)

    def _list(self, data: Mapping[str, Any], key: str, pointer: Pointer, kind: str) -> list[Any]:
        if key not in data or data[key] is None:
            return []
        value = data[key]
        if isinstance(value, list):
            return value
        self.problem(
            "L201",
            f"{key!r} in the {_KIND_NAMES[kind]} must be a list (entries starting with '- '), "
            f"found {_describe(value)}",
            (*pointer, key),
        )
        return []

    def _period(self, top: Mapping[str, Any]) -> Period | None:
        key = self.dialect.key("report", "period")
        if key not in top:
            self.problem(
                "L203",
                f"the report has no {key!r} (reporting period, e.g. 'tammi–heinäkuu 2025')",
                (),
            )
            return None
        value = top[key]
        try:
            if isinstance(value, str):
                return Period.parse(value)
            if isinstance(value, Mapping):
                extra = set(value) - {"year", "start_month", "end_month", "annual"}
                if extra:
                    raise ValueError(f"unknown keys {sorted(extra)}")
                fix = _as_int if self.dialect.finnish else _same
                return Period(**{k: fix(v) if k != "annual" else v for k, v in value.items()})
            raise ValueError(f"expected text such as 'tammi–heinäkuu 2025', found {_describe(value)}")
        except (ValueError, TypeError) as error:
            self.problem("L204", f"invalid period: {error}", (key,))
            return None

    def _node(self, data: Any, pointer: Pointer) -> Node | None:
        if len(pointer) > 2 * MAX_NESTING:
            self.problem("L108", f"hierarchy entries nested deeper than {MAX_NESTING} levels", pointer)
            return None
        node = self.mapping(data, "node", pointer)
        if node is None:
            return None
        d, schema = self.dialect, self.schema
        common = [d.key("node", "id"), d.key("node", "goals"), d.key("node", "children")]
        title: str | None
        text: str | None = None
        if d.finnish:
            present = [lv for lv in schema.levels if lv.key in node]
            if len(present) != 1:
                names = ", ".join(f"{lv.key!r} ({lv.name.fi})" for lv in schema.levels)
                found = "none of them" if not present else ", ".join(repr(lv.key) for lv in present)
                misspelt = [
                    k
                    for k in node
                    if isinstance(k, str) and difflib.get_close_matches(k, [lv.key for lv in schema.levels])
                ]
                if not present and misspelt:
                    found += f"; is {misspelt[0]!r} a misspelling?"
                self.problem(
                    "L207",
                    f"a hierarchy entry needs exactly one level key of schema {schema.name!r}: "
                    f"{names}; found {found}",
                    pointer,
                )
                if not present:
                    return None
            level = present[0]
            text_key = level.text_key or d.key("node", "text")
            self.check_keys(node, [level.key, text_key, *common], "node", pointer)
            title = _as_text(self, node, level.key, pointer)
            text = _as_text(self, node, text_key, pointer)
            level_key = level.key
        else:
            allowed = [d.key("node", f) for f in ("level", "title", "text")] + common
            self.check_keys(node, allowed, "node", pointer)
            level_key = self.text(node, "node", "level", pointer, required=True) or ""
            if level_key not in {lv.key for lv in schema.levels}:
                self.problem(
                    "L204",
                    f"level {level_key!r} is not a level of schema {schema.name!r} "
                    f"({', '.join(lv.key for lv in schema.levels)})",
                    (*pointer, d.key("node", "level")),
                )
            title = self.text(node, "node", "title", pointer, required=True)
            text = self.text(node, "node", "text", pointer)
        if title is None:
            if d.finnish:
                self.problem("L203", f"the hierarchy entry has no title under {level_key!r}", pointer)
            return None
        node_id = self._id(node, "node", pointer)
        if node_id:
            self.node_ids.skip(f"{level_key} {title}")
        else:
            node_id = self.node_ids.next(f"{level_key} {title}")
        gkey, ckey = d.key("node", "goals"), d.key("node", "children")
        goals = [
            g
            for i, item in enumerate(self._list(node, gkey, pointer, "node"))
            if (g := self._goal(item, (*pointer, gkey, i))) is not None
        ]
        children = [
            c
            for i, item in enumerate(self._list(node, ckey, pointer, "node"))
            if (c := self._node(item, (*pointer, ckey, i))) is not None
        ]
        return Node(node_id, level_key, title, text, goals, children)

    def _id(self, data: Mapping[str, Any], kind: str, pointer: Pointer) -> str | None:
        value = self.text(data, kind, "id", pointer)
        if value is not None and not is_valid_id(value):
            self.problem(
                "L204",
                f"invalid id {value!r}: use letters a-z, digits and . _ : - (no spaces), at most 128",
                (*pointer, "id"),
            )
            return None
        return value

    def _goal(self, data: Any, pointer: Pointer) -> Goal | None:
        goal = self.mapping(data, "goal", pointer)
        if goal is None:
            return None
        d = self.dialect
        self.check_keys(goal, d.keys("goal"), "goal", pointer)
        title = self.text(goal, "goal", "title", pointer, required=True)
        goal_id = self._id(goal, "goal", pointer)
        if goal_id:
            self.goal_ids.skip(title or "")
        else:
            goal_id = self.goal_ids.next(title or "")
        years = self._years(goal, pointer)
        binding = False
        bkey = d.key("goal", "binding")
        if goal.get(bkey) is not None:
            if isinstance(goal[bkey], bool):
                binding = goal[bkey]
            else:
                self.problem(
                    "L201",
                    f"{bkey!r} must be true or false, found {_describe(goal[bkey])}",
                    (*pointer, bkey),
                )
        responsible = self._responsible(goal, pointer)
        mkey = d.key("goal", "metrics")
        metric_ids = IdSequence()
        metrics = [
            m
            for i, item in enumerate(self._list(goal, mkey, pointer, "goal"))
            if (m := self._metric(item, (*pointer, mkey, i), metric_ids)) is not None
        ]
        realisation, forecast = self._status(goal, pointer)
        attributes = self._attributes(goal, pointer)
        if years is None and self.period is not None:
            years = YearSpan.single(self.period.year)
        if title is None or years is None:
            return None
        status = None if realisation is None and forecast is None else Status(realisation, forecast)
        return Goal(
            goal_id,
            title,
            years,
            responsible,
            metrics,
            status,
            binding,
            attributes,
        )

    def _status(self, goal: Mapping[str, Any], pointer: Pointer) -> tuple[str | None, Forecast | None]:
        """The realisation and forecast: keys of the goal, or of its ``status`` (JSON 2)."""
        if not self.dialect.nested:
            return self.text(goal, "goal", "realisation", pointer), self._forecast(
                goal, "goal", "forecast", pointer
            )
        key = self.dialect.key("goal", "status")
        if goal.get(key) is None:
            return None, None
        where = (*pointer, key)
        status = self.mapping(goal[key], "status", where)
        if status is None:
            return None, None
        self.check_keys(status, self.dialect.keys("status"), "status", where)
        return self.text(status, "status", "realisation", where), self._forecast(
            status, "status", "forecast", where
        )

    def _years(self, goal: Mapping[str, Any], pointer: Pointer) -> YearSpan | None:
        key = self.dialect.key("goal", "years")
        if goal.get(key) is None:
            return None
        value = goal[key]
        try:
            if isinstance(value, Mapping):
                extra = set(value) - {"start", "end"}
                if extra:
                    raise ValueError(f"unknown keys {sorted(extra)}")
                fix = _as_int if self.dialect.finnish else _same
                return YearSpan(**{k: fix(v) for k, v in value.items()})
            if isinstance(value, bool) or not isinstance(value, str | int):
                raise ValueError(f"expected a year such as 2025 or 2025–2026, found {_describe(value)}")
            return YearSpan.parse(value)
        except (ValueError, TypeError) as error:
            self.problem("L204", f"invalid years: {error}", (*pointer, key))
            return None

    def _responsible(self, goal: Mapping[str, Any], pointer: Pointer) -> tuple[str, ...]:
        key = self.dialect.key("goal", "responsible")
        value = goal.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        self.problem(
            "L201",
            f"{key!r} must be text or a list of texts, found {_describe(value)}",
            (*pointer, key),
        )
        return ()

    def _forecast(self, data: Mapping[str, Any], kind: str, field: str, pointer: Pointer) -> Forecast | None:
        key = self.dialect.key(kind, field)
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, Mapping):
            word_key, level_key = _FORECAST_KEYS[self.dialect.finnish]
            extra = set(value) - {word_key, level_key}
            word = value.get(word_key)
            if extra or not isinstance(word, str):
                self.problem(
                    "L201",
                    f"{key!r} must be a word, or {{{word_key}: word, {level_key}: level}}",
                    (*pointer, key),
                )
                return None
            word = str(word)
            forecast = self.schema.forecast(word)
            level = value.get(level_key)
            if forecast.level is None and level is not None:
                try:
                    return Forecast(word, ForecastLevel(level))
                except ValueError:
                    levels = ", ".join(lv.value for lv in ForecastLevel)
                    self.problem(
                        "L204",
                        f"unknown forecast level {level!r}; use one of {levels}",
                        (*pointer, key, level_key),
                    )
            elif level is not None and forecast.level is not None and level != forecast.level.value:
                self.problem(
                    "L204",
                    f"forecast level {level!r} contradicts schema {self.schema.name!r}, "
                    f"which places {word!r} at {forecast.level.value!r}",
                    (*pointer, key, level_key),
                )
            return forecast
        if isinstance(value, str | int) and not isinstance(value, bool):
            return self.schema.forecast(str(value))
        self.problem("L201", f"{key!r} must be a forecast word, found {_describe(value)}", (*pointer, key))
        return None

    def _attributes(self, goal: Mapping[str, Any], pointer: Pointer) -> dict[str, Any]:
        key = self.dialect.key("goal", "attributes")
        value = goal.get(key)
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            self.problem("L201", f"{key!r} must be a mapping, found {_describe(value)}", (*pointer, key))
            return {}
        out: dict[str, Any] = {}
        for k, v in value.items():
            if not isinstance(k, str) or not (v is None or isinstance(v, str | int | float | bool)):
                self.problem(
                    "L201",
                    f"custom field {k!r} must hold text, a number or true/false",
                    (*pointer, key, str(k)),
                )
                continue
            number = getattr(v, "number", None)  # an unquoted YAML number is a number here...
            declared = self.schema.field(k)
            if number is not None and declared is not None and declared.type != "number":
                number = None  # ...unless the schema says the field holds text or a choice
            value = number() if number is not None else (str(v) if isinstance(v, str) else v)
            if isinstance(value, float) and not math.isfinite(value):
                self.problem(
                    "L204",
                    f"custom field {k!r}: {v} is beyond the numbers a file can hold",
                    (*pointer, key, k),
                )
                continue
            out[k] = value
        return out

    def _metric(self, data: Any, pointer: Pointer, ids: IdSequence) -> Metric | None:
        metric = self.mapping(data, "metric", pointer)
        if metric is None:
            return None
        self.check_keys(metric, self.dialect.keys("metric"), "metric", pointer)
        name = self.text(metric, "metric", "name", pointer)
        target = self.text(metric, "metric", "target", pointer)
        baseline = self.text(metric, "metric", "baseline", pointer)
        value = self.text(metric, "metric", "value", pointer)
        status = self._forecast(metric, "metric", "status", pointer)
        metric_id = self._id(metric, "metric", pointer)
        if metric_id:
            ids.skip(name or target or "mittari")
        else:
            metric_id = ids.next(name or target or "mittari")
        return Metric(
            metric_id,
            name,
            target,
            baseline,
            value,
            status,
        )


def _as_text(reader: Reader, data: Mapping[str, Any], key: str, pointer: Pointer) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return str(value)
    reader.problem("L201", f"{key!r} must be text, found {_describe(value)}", (*pointer, key))
    return None


def _as_int(value: Any) -> Any:
    """A YAML number written as text (``2025``) as an int; anything else as it is."""
    return int(value) if isinstance(value, str) and value.strip().isdigit() else value


def _same(value: Any) -> Any:
    return value


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    return f"{type(value).__name__} {value!r}"


# -- writing ------------------------------------------------------------------------------


class Writer:
    """Turns a report into plain data of a dialect.

    The YAML dialect writes the short forms people write by hand: a period as
    text, years only when they differ from the round's year, ids only where they
    differ from the derived ones, a single responsible party as text.
    """

    def __init__(self, dialect: Dialect, report: Report) -> None:
        self.dialect = dialect
        self.report = report
        self.schema = get_schema(report.schema)
        check_writable(report, self.schema)
        check_contents(report)
        self.goal_ids = IdSequence()
        self.node_ids = IdSequence()

    def report_fields(self) -> dict[str, Any]:
        """Model field → plain value, for the report's own fields (not the nodes)."""
        r, d = self.report, self.dialect
        out: dict[str, Any] = {"version": d.version, "schema": r.schema}
        if d.nested:
            out["organisation"] = {"municipality": r.organisation.municipality, "body": r.organisation.body}
        else:
            out["municipality"] = r.organisation.municipality
            out["body"] = r.organisation.body
        out["period"] = r.period.render("fi") if d.finnish else attrs.asdict(r.period)
        if r.title is not None or not d.finnish:
            out["title"] = r.title
        return out

    def plain(self) -> dict[str, Any]:
        """The whole report as plain data."""
        d = self.dialect
        out = {d.key("report", f): v for f, v in self.report_fields().items()}
        out[d.key("report", "nodes")] = [self.node(n) for n in self.report.nodes]
        return out

    def node_fields(self, node: Node) -> dict[str, Any]:
        """File key → plain value for a node's own fields, in file order (ids advance)."""
        d = self.dialect
        # JSON writes every id; only YAML leaves out the ones a reader derives
        derived = self.node_ids.next(f"{node.level} {node.title}") if d.finnish else None
        out: dict[str, Any] = {}
        if not d.finnish or node.id != derived:
            out[d.key("node", "id")] = node.id
        if d.finnish:
            level = _level_or_none(self.schema, node.level)
            out[node.level] = node.title
            if node.text is not None:
                text_key = level.text_key if level and level.text_key else None
                out[text_key or d.key("node", "text")] = node.text
        else:
            out["level"], out["title"], out["text"] = node.level, node.title, node.text
        return out

    def node(self, node: Node) -> dict[str, Any]:
        """A node and everything under it as plain data."""
        d = self.dialect
        out = self.node_fields(node)
        if node.goals or not d.finnish:
            out[d.key("node", "goals")] = [self.goal(g) for g in node.goals]
        if node.children or not d.finnish:
            out[d.key("node", "children")] = [self.node(c) for c in node.children]
        return out

    def goal(self, goal: Goal) -> dict[str, Any]:
        """A goal as plain data; the key order is the file order."""
        d = self.dialect
        f = self.goal_fields(goal)
        return {d.key("goal", k): v for k, v in f.items()}

    def goal_fields(self, goal: Goal) -> dict[str, Any]:
        """Model field → plain value for a goal (ids advance)."""
        if self.dialect.nested:
            return self._nested_goal(goal)
        fi = self.dialect.finnish
        derived = self.goal_ids.next(goal.title) if fi else None
        out: dict[str, Any] = {}
        if not fi or goal.id != derived:
            out["id"] = goal.id
        out["title"] = goal.title
        if not fi:
            out["years"] = {"start": goal.years.start, "end": goal.years.end}
        elif goal.years != YearSpan.single(self.report.period.year):
            out["years"] = (
                int(goal.years.start) if goal.years.start == goal.years.end else goal.years.render()
            )
        if goal.binding or not fi:
            out["binding"] = goal.binding
        if goal.responsible or not fi:
            out["responsible"] = (
                goal.responsible[0] if fi and len(goal.responsible) == 1 else list(goal.responsible)
            )
        if goal.metrics or not fi:
            ids = IdSequence()
            out["metrics"] = [self.metric(m, ids) for m in goal.metrics]
        status = goal.status
        if status is not None and status.realisation is not None:
            out["realisation"] = status.realisation
        elif not fi:
            out["realisation"] = None
        if status is not None and status.forecast is not None:
            out["forecast"] = self.forecast(status.forecast)
        elif not fi:
            out["forecast"] = None
        if goal.attributes or not fi:
            out["attributes"] = dict(goal.attributes)
        return out

    def _nested_goal(self, goal: Goal) -> dict[str, Any]:
        """A goal of JSON 2: every field, in the model's order."""
        status = goal.status
        ids = IdSequence()
        return {
            "id": goal.id,
            "title": goal.title,
            "years": {"start": goal.years.start, "end": goal.years.end},
            "responsible": list(goal.responsible),
            "metrics": [self.metric(m, ids) for m in goal.metrics],
            "status": None
            if status is None
            else {
                "realisation": status.realisation,
                "forecast": None if status.forecast is None else self.forecast(status.forecast),
            },
            "binding": goal.binding,
            "attributes": dict(goal.attributes),
        }

    def forecast(self, forecast: Forecast) -> Any:
        """A forecast: the word (YAML) or ``{word, level}`` (JSON).

        YAML spells out ``{sana, taso}`` only for a word the schema does not place
        on the scale but that carries a level (e.g. converted from another city's JSON).
        """
        level = forecast.level.value if forecast.level else None
        if self.dialect.finnish:
            if level is None or self.schema.step(forecast.word) is not None:
                return forecast.word
            return {"sana": forecast.word, "taso": level}
        return {"word": forecast.word, "level": level}

    def metric(self, metric: Metric, ids: IdSequence) -> dict[str, Any]:
        """A metric as plain data (``ids`` advance)."""
        d, fi = self.dialect, self.dialect.finnish
        derived = ids.next(metric.name or metric.target or "mittari") if fi else None
        out: dict[str, Any] = {}
        if not fi or metric.id != derived:
            out[d.key("metric", "id")] = metric.id
        for field in ("name", "target", "baseline", "value"):
            value = getattr(metric, field)
            if value is not None or not fi:
                out[d.key("metric", field)] = value
        if metric.status is not None:
            out[d.key("metric", "status")] = self.forecast(metric.status)
        elif not fi:
            out[d.key("metric", "status")] = None
        return out


def check_writable(report: Report, schema: Schema) -> None:
    """Refuse a hierarchy the readers would refuse: levels the schema lacks, nesting too deep.

    Raises:
        WriteError: Naming the problem; nothing has been written.
    """
    known = {level.key for level in schema.levels}
    stack = [(node, 1, node.title) for node in report.nodes]  # (entry, depth, its top entry's title)
    while stack:
        node, depth, top = stack.pop()
        if node.level not in known:
            raise WriteError(
                f"cannot write level {node.level!r}: schema {schema.name!r} has only "
                f"{', '.join(sorted(known))}; the file could not be read back"
            )
        if depth > MAX_NESTING:
            raise WriteError(
                f"cannot write hierarchy entries nested deeper than {MAX_NESTING} levels "
                f"(under {top!r}); the file could not be read back"
            )
        if node.children:
            stack += [(child, depth + 1, top) for child in node.children]


def check_contents(report: Report) -> None:
    """Refuse what the readers would refuse in a record: half a character.

    (Ids need no check here: the records refuse invalid ones when they are made.)

    A lone surrogate (``"\\ud83d"``, half of an emoji) can be made in Python but not
    written as UTF-8, and YAML escapes it into a file that no reader takes.

    Raises:
        WriteError: Naming the id or the text; nothing has been written.
    """
    texts: list[str | None] = [report.organisation.municipality, report.organisation.body, report.title]
    for _, node in report.iter_nodes():
        texts += (node.title, node.text)
        for goal in node.goals:
            texts += (goal.title, goal.realisation, goal.forecast.word if goal.forecast else None)
            texts += goal.responsible
            texts += [t for k, v in goal.attributes.items() for t in (k, v) if isinstance(t, str)]
            for metric in goal.metrics:
                texts += (metric.name, metric.target, metric.baseline, metric.value)
                texts.append(metric.status.word if metric.status else None)
    for text in texts:
        if text is not None and not text.isascii():
            try:
                text.encode("utf-8")
            except UnicodeEncodeError as error:
                half = text[error.start : error.end].encode("unicode_escape").decode()
                shown = text.encode("utf-8", "backslashreplace").decode()
                raise WriteError(
                    f"cannot write the text {shown[:60]!r}: it holds {half}, half of a character "
                    "(a lone surrogate), which no file can hold"
                ) from None


def _level_or_none(schema: Schema, key: str) -> Any:
    try:
        return schema.level(key)
    except KeyError:
        return None
