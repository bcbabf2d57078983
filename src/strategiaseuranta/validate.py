"""Validation: a flat list of small rules, each checking one thing.

Each rule takes a :class:`Context` and yields :class:`~strategiaseuranta.Issue`
records. :func:`validate` runs them all and returns every issue, placed at its
file, line and column when the report came from a file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

import attrs

from strategiaseuranta.forecast import Forecast, ForecastLevel
from strategiaseuranta.formats._plain import Dialect, dialect_of
from strategiaseuranta.issues import Issue, Location, Pointer, Severity
from strategiaseuranta.quantities import Comparator, Direction, looks_quantitative
from strategiaseuranta.registry import get_rule, get_schema

if TYPE_CHECKING:
    from strategiaseuranta.model import Goal, Metric, Node, Report
    from strategiaseuranta.schema import Schema

__all__ = ["RULES", "Context", "GoalPlace", "Rule", "validate"]


@attrs.frozen
class GoalPlace:
    """A goal with where it is: its ancestors and its pointer in the file."""

    goal: Goal
    trail: tuple[Node, ...]
    pointer: Pointer


@attrs.frozen
class Context:
    """What a rule sees: the report, its schema, and helpers to place issues."""

    report: Report
    schema: Schema
    dialect: Dialect
    goals: tuple[GoalPlace, ...]
    nodes: tuple[tuple[Node, tuple[Node, ...], Pointer], ...]
    lang: str = "fi"

    def label(self, field: str, lang: str | None = None) -> str:
        """A field's label in the language of the messages."""
        return self.schema.label(field, lang or self.lang)

    def issue(
        self,
        code: str,
        message: str,
        pointer: Pointer,
        trail: Iterable[Node] = (),
        goal: Goal | None = None,
    ) -> Issue:
        """An issue at a pointer, with the hierarchy titles for people."""
        titles = tuple(n.title for n in trail) + ((goal.title,) if goal else ())
        file = self.report.source.file if self.report.source else None
        return Issue(code, message, Location(file, pointer=pointer, hierarchy=titles))

    def key(self, kind: str, field: str) -> str:
        """The file key of a field in the report's own format."""
        return self.dialect.key(kind, field)


Rule = Callable[[Context], Iterable[Issue]]
"""A validation rule: takes the context, yields issues."""


def _context(report: Report, schema: Schema, lang: str | None = None) -> Context:
    dialect = dialect_of(report)
    goals: list[GoalPlace] = []
    nodes: list[tuple[Node, tuple[Node, ...], Pointer]] = []
    gkey, ckey = dialect.key("node", "goals"), dialect.key("node", "children")

    def walk(node: Node, trail: tuple[Node, ...], pointer: Pointer) -> None:
        nodes.append((node, trail, pointer))
        here = (*trail, node)
        for i, goal in enumerate(node.goals):
            goals.append(GoalPlace(goal, here, (*pointer, gkey, i)))
        for i, child in enumerate(node.children):
            walk(child, here, (*pointer, ckey, i))

    top = dialect.key("report", "nodes")
    for i, node in enumerate(report.nodes):
        walk(node, (), (top, i))
    return Context(report, schema, dialect, tuple(goals), tuple(nodes), lang or schema.language)


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def check_duplicate_ids(ctx: Context) -> Iterator[Issue]:
    """V201: ids must be unique among goals, among hierarchy entries, and among a goal's metrics."""
    counts = Counter(p.goal.id for p in ctx.goals)
    for place in ctx.goals:
        if counts[place.goal.id] > 1:
            yield ctx.issue(
                "V201",
                f"goal id {place.goal.id!r} is used by {counts[place.goal.id]} goals",
                (*place.pointer, "id"),
                place.trail,
                place.goal,
            )
        metric_counts = Counter(m.id for m in place.goal.metrics)
        mkey = ctx.key("goal", "metrics")
        for i, metric in enumerate(place.goal.metrics):
            if metric_counts[metric.id] > 1:
                yield ctx.issue(
                    "V201",
                    f"metric id {metric.id!r} repeats within the goal",
                    (*place.pointer, mkey, i, "id"),
                    place.trail,
                    place.goal,
                )
    node_counts = Counter(n.id for n, _, _ in ctx.nodes)
    for node, trail, pointer in ctx.nodes:
        if node_counts[node.id] > 1:
            yield ctx.issue(
                "V201",
                f"hierarchy id {node.id!r} is used {node_counts[node.id]} times",
                (*pointer, "id"),
                trail,
            )


def check_levels(ctx: Context) -> Iterator[Issue]:
    """V209: every hierarchy entry names a level of the schema; V202: and has a title."""
    known = {level.key for level in ctx.schema.levels}
    for node, trail, pointer in ctx.nodes:
        if node.level not in known:
            yield ctx.issue(
                "V209",
                f"level {node.level!r} is not a level of schema {ctx.schema.name!r} "
                f"({', '.join(sorted(known))})",
                pointer,
                (*trail, node),
            )
        if _blank(node.title):
            yield ctx.issue("V202", f"the {node.level!r} entry has an empty title", pointer, (*trail, node))


def check_required_texts(ctx: Context) -> Iterator[Issue]:
    """V202: the texts the schema requires are present and not blank."""
    required = set(ctx.schema.required)
    label = ctx.label
    mkey = ctx.key("goal", "metrics")
    for place in ctx.goals:
        goal, ptr = place.goal, place.pointer
        where = (place.trail, goal)
        if "title" in required and _blank(goal.title):
            yield ctx.issue("V202", f"empty {label('title')!r}", (*ptr, ctx.key("goal", "title")), *where)
        if "responsible" in required and all(_blank(r) for r in goal.responsible):
            yield ctx.issue(
                "V202",
                f"no {label('responsible')!r} given",
                (*ptr, ctx.key("goal", "responsible")),
                *where,
            )
        if "realisation" in required and _blank(goal.realisation):
            yield ctx.issue(
                "V202",
                f"no {label('realisation')!r} given",
                (*ptr, ctx.key("goal", "realisation")),
                *where,
            )
        if ("target" in required or "metric" in required) and not goal.metrics:
            yield ctx.issue(
                "V202",
                f"no {label('target')!r} given: the goal has no metrics",
                (*ptr, mkey),
                *where,
            )
        for i, metric in enumerate(goal.metrics):
            for field in ("metric", "target", "baseline", "value"):
                attr = "name" if field == "metric" else field
                if field in required and _blank(getattr(metric, attr)):
                    yield ctx.issue(
                        "V202",
                        f"metric {i + 1} has no {label(field)!r}",
                        (*ptr, mkey, i, ctx.key("metric", attr)),
                        *where,
                    )


def _unknown_word(ctx: Context, forecast: Forecast) -> str:
    words = ", ".join(repr(s.word) for s in ctx.schema.scale)
    close = ctx.schema.suggest(forecast.word)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown forecast word {forecast.word!r} for schema {ctx.schema.name!r} (known: {words}){hint}"


def check_forecast_words(ctx: Context) -> Iterator[Issue]:
    """V203: every forecast word (per goal and per metric) is on the schema's scale."""
    for place in ctx.goals:
        goal = place.goal
        if goal.forecast is not None and ctx.schema.step(goal.forecast.word) is None:
            yield ctx.issue(
                "V203",
                _unknown_word(ctx, goal.forecast),
                (*place.pointer, ctx.key("goal", "forecast")),
                place.trail,
                goal,
            )
        for i, metric in enumerate(goal.metrics):
            if metric.status is not None and ctx.schema.step(metric.status.word) is None:
                yield ctx.issue(
                    "V203",
                    _unknown_word(ctx, metric.status),
                    (*place.pointer, ctx.key("goal", "metrics"), i, ctx.key("metric", "status")),
                    place.trail,
                    goal,
                )


def check_period_in_years(ctx: Context) -> Iterator[Issue]:
    """V204: the round's year lies within the goal's year or span of years."""
    year = ctx.report.period.year
    for place in ctx.goals:
        if year not in place.goal.years:
            yield ctx.issue(
                "V204",
                f"the round {ctx.report.period} is outside the goal's years {place.goal.years}",
                (*place.pointer, ctx.key("goal", "years")),
                place.trail,
                place.goal,
            )


def _has_metric_status(goal: Goal) -> bool:
    return any(m.status is not None or not _blank(m.value) for m in goal.metrics)


def check_status(ctx: Context) -> Iterator[Issue]:
    """V205: every goal has a status in the round; V208: with a forecast where required."""
    per = ctx.schema.status_per
    for place in ctx.goals:
        goal = place.goal
        has_goal_status = goal.status is not None and not goal.status.empty
        if not has_goal_status and not (per in ("metric", "both") and _has_metric_status(goal)):
            yield ctx.issue(
                "V205",
                f"no status in the round {ctx.report.period}: give a {ctx.label('realisation')!r} "
                f"and a {ctx.label('forecast')!r}",
                place.pointer,
                place.trail,
                goal,
            )
            continue
        if "forecast" in ctx.schema.required and per in ("goal", "both") and goal.forecast is None:
            yield ctx.issue(
                "V208",
                f"no {ctx.label('forecast')!r}; use one of "
                + ", ".join(repr(s.word) for s in ctx.schema.scale),
                place.pointer,
                place.trail,
                goal,
            )
        if per in ("metric", "both"):
            mkey = ctx.key("goal", "metrics")
            for i, metric in enumerate(goal.metrics):
                if metric.status is None:
                    issue = ctx.issue(
                        "V208",
                        f"metric {metric.label[:40]!r} has no {ctx.label('metric_status')!r}",
                        (*place.pointer, mkey, i),
                        place.trail,
                        goal,
                    )
                    # Documents share one status cell between metrics at times (Seinäjoki p. 81):
                    # an error only where the schema requires a status for every metric.
                    required = "metric_status" in ctx.schema.required
                    yield issue if required else attrs.evolve(issue, severity=Severity.WARNING)


def check_quantitative_targets(ctx: Context) -> Iterator[Issue]:
    """V206 (warning): a target that looks like a number but cannot be parsed."""
    mkey = ctx.key("goal", "metrics")
    for place in ctx.goals:
        for i, metric in enumerate(place.goal.metrics):
            if metric.target and looks_quantitative(metric.target) and metric.target_quantity is None:
                yield ctx.issue(
                    "V206",
                    f"target level {metric.target[:60]!r} looks quantitative but cannot be parsed; "
                    "write e.g. 'vähintään 70 %' or '70–100 %'",
                    (*place.pointer, mkey, i, ctx.key("metric", "target")),
                    place.trail,
                    place.goal,
                )


def _misses(metric: Metric) -> bool:
    target, value = metric.target_quantity, metric.value_quantity
    if target is None or value is None:
        return False
    if target.comparator is Comparator.EQ and target.direction is Direction.UNKNOWN:
        return False  # a bare "350": more may be better, or less; a different value is no clear miss
    return target.satisfied_by(value) is False


def check_achieved_but_missed(ctx: Context) -> Iterator[Issue]:
    """V207 (warning): the forecast says achieved while a measured value misses its target."""
    mkey = ctx.key("goal", "metrics")
    for place in ctx.goals:
        goal_achieved = place.goal.level is ForecastLevel.ACHIEVED
        for i, metric in enumerate(place.goal.metrics):
            achieved = goal_achieved or (
                metric.status is not None and metric.status.level is ForecastLevel.ACHIEVED
            )
            if achieved and _misses(metric):
                yield ctx.issue(
                    "V207",
                    f"marked achieved, but the measured value {metric.value!r} misses the target "
                    f"{metric.target!r}",
                    (*place.pointer, mkey, i, ctx.key("metric", "value")),
                    place.trail,
                    place.goal,
                )


def check_custom_fields(ctx: Context) -> Iterator[Issue]:
    """V210: custom fields the schema declares have the declared type; required ones are there."""
    if not ctx.schema.fields:
        return
    akey = ctx.key("goal", "attributes")
    for place in ctx.goals:
        attributes = place.goal.attributes
        for field in ctx.schema.fields:
            if field.required and attributes.get(field.name) is None:
                yield ctx.issue(
                    "V210",
                    f"custom field {field.name!r} is required",
                    (*place.pointer, akey),
                    place.trail,
                    place.goal,
                )
        for name, value in attributes.items():
            declared = ctx.schema.field(name)
            if declared is None:
                continue  # undeclared fields are the city's own business
            problem = declared.check(value)
            if problem:
                yield ctx.issue(
                    "V210",
                    f"custom field {name!r} ({declared.type}): {problem}",
                    (*place.pointer, akey, name),
                    place.trail,
                    place.goal,
                )


def check_round(ctx: Context) -> Iterator[Issue]:
    """V211 (warning): the report's period is one of the rounds the schema names."""
    rounds = ctx.schema.round_periods(ctx.report.period.year)
    if rounds and ctx.report.period not in rounds:
        known = ", ".join(str(p) for p in rounds)
        yield ctx.issue(
            "V211",
            f"{ctx.report.period} is not one of the rounds of schema {ctx.schema.name!r} ({known})",
            (ctx.key("report", "period"),),
        )


RULES: tuple[Rule, ...] = (
    check_duplicate_ids,
    check_levels,
    check_required_texts,
    check_forecast_words,
    check_period_in_years,
    check_status,
    check_quantitative_targets,
    check_achieved_but_missed,
    check_custom_fields,
    check_round,
)
"""The built-in rules, in the order they run."""


def validate(
    report: Report,
    *,
    schema: Schema | None = None,
    rules: Sequence[Rule] | None = None,
    lang: str | None = None,
) -> list[Issue]:
    """Check a report; return every issue found (an empty list when it is clean).

    Args:
        report: The report to check.
        schema: The schema to check against; default: the one the report names.
        rules: The rules to run; default: :data:`RULES`. Add your own with
            ``rules=[*RULES, my_rule]``. The rules the schema names (``Schema.rules``)
            always run as well.
        lang: Language of the labels in messages (``fi``, ``sv``, ``en``); default: the
            schema's. The city's own words are never translated.

    Example:
        >>> import strategiaseuranta as ss
        >>> report = ss.load("examples/joensuu/2025-07.yaml")
        >>> ss.validate(report)
        []
        >>> broken = report.set_status(report.goals[0].id, forecast="Toteutu")
        >>> [(i.code, i.location.line) for i in ss.validate(broken)]
        [('V203', 18)]
    """
    schema = schema or get_schema(report.schema)
    ctx = _context(report, schema, lang)
    chosen = list(rules if rules is not None else RULES)
    chosen += [get_rule(name) for name in schema.rules]  # the schema's own extra checks
    issues = [issue for rule in chosen for issue in rule(ctx)]
    file = report.source.file if report.source else None
    if issues and file is not None:
        from strategiaseuranta.formats._files import Locator  # noqa: PLC0415

        issues = Locator(file).place(issues)
        issues.sort(key=lambda i: (i.location.line or 0, i.location.column or 0))  # file order
    return issues
